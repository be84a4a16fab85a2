"""Sphinx settings for the timeline documentation: MyST Markdown pages, autodoc, the timeline directive.

Build with ``make docs`` (warnings are errors); the site lands in out/docs.
To add a page, write docs/NAME.md and put NAME in the toctree of its kind
in docs/index.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Build from a checkout without installing: the package is one level up.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

project = "timeline"
author = "The timeline developers"
copyright = "the timeline developers"  # noqa: A001 - the name Sphinx reads

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",  # Google-style Args/Returns/Raises in the docstrings
    "timeline.sphinx",
]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]

# MyST: anchors for headings (the pages link to #sections), ~~strikethrough~~
# (the Markdown writer strikes cancelled events), and the chronology directive.
myst_heading_anchors = 4
myst_enable_extensions = ["strikethrough"]
# Pages and docstrings show Python sessions as ```pycon blocks; doctests run them under pytest.
suppress_warnings = ["myst.strikethrough"]  # strikethrough is HTML-only; the text builder shows ~~ as is

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False

html_theme = "alabaster"
html_title = "timeline"
