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

# MyST: anchors for headings (the pages link to #sections). The chronology directive
# strikes cancelled events itself, in HTML only, so no strikethrough extension is needed.
# Pages and docstrings show Python sessions as ```pycon blocks; doctests run them under pytest.
myst_heading_anchors = 4

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False

html_theme = "alabaster"
html_title = "timeline"
