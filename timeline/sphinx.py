"""A Sphinx extension with a ``timeline`` directive: a chronology from a data file, rendered into a page.

Add ``"myst_parser"`` and ``"timeline.sphinx"`` to ``extensions`` in
``conf.py``, then, in a MyST Markdown page::

    ```{timeline} ../examples/harris-trip.toml
    :heading-level: 2
    :mermaid:
    ```

The path is relative to the page (or, starting with ``/``, to the source
directory). The options are those of the ``markdown`` writer, spelt with
dashes: ``layout``, ``heading-level``, ``months``, ``newest-first``,
``group-sections``, ``markdown-descriptions``, ``mermaid``, ``gantt``,
``style``; and ``format`` to name the input format when the suffix does
not. The directive writes the chronology with the Markdown writer and
parses that Markdown into the page, so the page shows what the
``markdown`` format writes. Mermaid diagrams become ``<pre
class="mermaid">`` blocks in HTML, drawn by the script named in the
``timeline_mermaid_js`` setting (mermaid 11 from jsDelivr by default;
empty for none); other builders show their source as a literal block.

The page is rebuilt when the data file changes. A missing or invalid file
is an error of the build, naming the file and where it is wrong, and so is
the directive in a reStructuredText page: the chronology is Markdown.

Sphinx, docutils and MyST are the ``docs`` extra
(``pip install timeline-events[docs]``); the rest of the package never
imports this module.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from importlib import metadata
from typing import Any, ClassVar, Final

try:
    from docutils import nodes
    from docutils.parsers.rst import directives
    from docutils.statemachine import StringList
    from sphinx.application import Sphinx
    from sphinx.util.docutils import SphinxDirective
    from sphinx.util.typing import OptionSpec
except ImportError as exc:  # the package works without Sphinx; only this module needs it
    raise ImportError(
        "timeline.sphinx is a Sphinx extension and needs Sphinx: pip install 'timeline-events[docs]'"
    ) from exc

import timeline
from timeline.errors import TimelineError
from timeline.formats import markdown

__all__ = ["MERMAID_JS", "TimelineDirective", "setup"]

MERMAID_JS: Final = "https://cdn.jsdelivr.net/npm/mermaid@11/dist/mermaid.esm.min.mjs"
"""Where pages load mermaid from unless ``timeline_mermaid_js`` says otherwise."""

_FENCE_RE: Final = re.compile(r"^```mermaid\n(.*?)\n```$", re.MULTILINE | re.DOTALL)


def _choice(choices: tuple[str, ...]) -> Callable[[str], str]:
    def check(text: str) -> str:
        return str(directives.choice(text, choices))

    return check


class TimelineDirective(SphinxDirective):
    """``{timeline} PATH``: the chronology of a timeline file, as the Markdown writer lays it out."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = False
    option_spec: ClassVar[OptionSpec] = {
        "format": directives.unchanged_required,
        "layout": _choice(("list", "table")),
        "heading-level": _choice(("1", "2", "3", "4")),
        "months": directives.flag,
        "newest-first": directives.flag,
        "group-sections": directives.flag,
        "markdown-descriptions": directives.flag,
        "mermaid": directives.flag,
        "gantt": directives.flag,
        "style": _choice(("mdy", "dmy")),
    }

    def run(self) -> list[nodes.Node]:
        """Load the file, write it as Markdown, and parse that into nodes."""
        if not type(self.state).__module__.startswith("myst_parser."):
            # The chronology is Markdown; a reStructuredText page would read it as reST.
            raise self.error("the timeline directive works in MyST Markdown pages, not in reStructuredText")
        relative, path = self.env.relfn2path(self.arguments[0], self.env.docname)
        self.env.note_dependency(relative)
        flags = {name.replace("-", "_"): True for name in self.options if self.options[name] is None}
        options: dict[str, object] = {
            "layout": self.options.get("layout", "list"),
            "heading_level": int(self.options.get("heading-level", "1")),
            "style": self.options.get("style", "mdy"),
            **flags,
        }
        try:
            loaded = timeline.load(path, self.options.get("format"))
            text = timeline.dumps(loaded, "markdown", **options)
        except (TimelineError, OSError) as exc:
            raise self.error(f"timeline: cannot render {self.arguments[0]!r}: {exc}") from exc
        container = nodes.container(classes=["timeline-chronology"])
        self.set_source_info(container)
        text = _FENCE_RE.sub(lambda match: self._diagram(match.group(1)), text)
        self.state.nested_parse(StringList(text.splitlines(), source=path), 0, container, match_titles=True)
        return [container]

    def _diagram(self, source: str) -> str:
        """A Mermaid block as MyST: raw HTML for mermaid's script, a literal block elsewhere."""
        literal = f"```text\n{source}\n```"
        if not self.config.timeline_mermaid_js:
            return literal
        # Mermaid reads the element's text: escape it as HTML text, nothing more. The
        # source holds no backticks (the writer encodes them), so the fences stay closed.
        escaped = source.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        html = f'```{{raw}} html\n<pre class="mermaid">\n{escaped}\n</pre>\n```'
        return f"{html}\n\n````{{only}} not html\n{literal}\n````"


def _add_mermaid_script(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Load mermaid on the pages that hold a diagram, once per page."""
    del pagename, templatename, context
    url = app.config.timeline_mermaid_js
    if not url or doctree is None:
        return
    has_diagram = any('class="mermaid"' in node.astext() for node in doctree.findall(nodes.raw))
    if has_diagram:
        app.add_js_file(
            None, body=f'import mermaid from "{url}";\nmermaid.initialize({{ startOnLoad: true }});', type="module"
        )


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the ``timeline`` directive and the ``timeline_mermaid_js`` setting."""
    app.add_config_value("timeline_mermaid_js", MERMAID_JS, "html", types=[str])
    app.add_directive("timeline", TimelineDirective)
    app.connect("html-page-context", _add_mermaid_script)
    return {"version": metadata.version("timeline-events"), "parallel_read_safe": True, "parallel_write_safe": True}


# The directive's option names map onto the writer's; keep them in step.
assert {name.replace("-", "_") for name in TimelineDirective.option_spec} - {"format"} == set(markdown.OPTIONS), (
    "the timeline directive and the markdown writer disagree about options"
)
