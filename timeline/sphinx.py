"""A Sphinx extension with a ``timeline`` directive: a chronology from a data file, rendered into a page.

Add ``"timeline.sphinx"`` to ``extensions`` in ``conf.py`` (it sets up
``myst_parser`` too), then, in a MyST Markdown page::

    ```{timeline} ../examples/harris-trip.toml
    :heading-level: 2
    :mermaid:
    ```

or in a reStructuredText page::

    .. timeline:: ../examples/harris-trip.toml
       :heading-level: 2

The path is relative to the page (or, starting with ``/``, to the source
directory). The options are those of the ``markdown`` writer, spelt with
dashes: ``layout``, ``heading-level``, ``months``, ``newest-first``,
``group-sections``, ``markdown-descriptions``, ``mermaid``, ``gantt``,
``style``; and ``format`` to name the input format when the suffix does
not. The directive writes the chronology with the Markdown writer in its
``myst`` flavor and parses that with MyST into the page, whatever the
page's own markup, so the page shows what the ``markdown`` format writes.
Headings nest under the section that holds the directive, so
``heading-level`` changes nothing here (it is accepted, as the writer's
option). User text keeps its characters as typed: Sphinx's smart quotes, dashes
and ellipses are off inside the chronology. A cancelled event is struck
through in HTML; other builders (LaTeX, text, man) show it plainly,
followed by "(cancelled)", without a warning. Mermaid diagrams become ``<pre
class="mermaid">`` blocks in HTML, drawn by the script named in the
``timeline_mermaid_js`` setting (mermaid 11 from jsDelivr by default;
empty for none); other builders show their source as a literal block.

``:picture:`` adds the timeline's picture under its title: the ``svg``
writer's drawing, written among the HTML build's images and shown with an
``<img>``; its value, if any, holds the writer's options
(``:picture: width=720 theme=dark``). Events the picture cannot place are
warnings of the build. Builders other than HTML leave the picture out.

The page is rebuilt when the data file changes. A missing or invalid file
is an error of the build, naming the file and where it is wrong.

Sphinx and MyST-Parser are the ``sphinx`` extra
(``pip install 'timeline-events[sphinx]'``); the rest of the package never
imports this module.
"""

from __future__ import annotations

import hashlib
import html
import posixpath
import re
import warnings
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any, ClassVar, Final

try:
    from docutils import nodes
    from docutils.parsers.rst import directives
    from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
    from myst_parser.parsers.mdit import create_md_parser
    from sphinx.application import Sphinx
    from sphinx.transforms import SphinxTransform
    from sphinx.util import logging
    from sphinx.util.docutils import SphinxDirective
    from sphinx.util.typing import OptionSpec
except ImportError as exc:  # the package works without Sphinx; only this module needs it
    raise ImportError(
        "timeline.sphinx is a Sphinx extension and needs Sphinx: pip install 'timeline-events[sphinx]'"
    ) from exc

import timeline
from timeline.errors import TimelineError, TimelineWarning
from timeline.formats import markdown, svg

__all__ = ["MERMAID_JS", "TimelineDirective", "setup", "timeline_picture"]

MERMAID_JS: Final = "https://cdn.jsdelivr.net/npm/mermaid@11/dist/mermaid.esm.min.mjs"
"""Where pages load mermaid from unless ``timeline_mermaid_js`` says otherwise."""

_FENCE_RE: Final = re.compile(r"^```mermaid\n(.*?)\n```$", re.MULTILINE | re.DOTALL)
_LOGGER: Final = logging.getLogger(__name__)


class timeline_picture(nodes.General, nodes.Element):  # noqa: N801 - docutils names nodes in lower case
    """The picture of a timeline (``:picture:``): its SVG, written among the HTML build's images."""


def _visit_picture_html(self: Any, node: timeline_picture) -> None:
    """Write the SVG beside the build's other images and show it with an ``<img>``."""
    folder = Path(self.builder.outdir) / self.builder.imagedir
    folder.mkdir(parents=True, exist_ok=True)
    (folder / node["filename"]).write_text(node["svg"], encoding="utf-8")
    src = posixpath.join(self.builder.imgpath, node["filename"])
    self.body.append(
        f'<p class="timeline-picture"><img src="{html.escape(src)}" alt="{html.escape(node["alt"])}"/></p>\n'
    )
    raise nodes.SkipNode


class _PlacePicture(SphinxTransform):
    """Put each picture where the Markdown writer's image reference to it is, in place of the reference.

    The picture is no source file, so the reference would be a missing image; the node takes its
    place before Sphinx collects images, and writes the file itself when the page is written.
    """

    default_priority = 200

    def apply(self, **kwargs: Any) -> None:
        del kwargs
        for picture in list(self.document.findall(timeline_picture)):
            picture.parent.remove(picture)
            for image in list(self.document.findall(nodes.image)):
                if image.get("uri") == picture["filename"]:
                    image.replace_self(picture)
                    break


def _skip_picture(self: Any, node: timeline_picture) -> None:
    """Other builders leave the picture out: the chronology under it says the same in words."""
    del self, node
    raise nodes.SkipNode


def _writer_option(name: str) -> Callable[[str | None], object]:
    """The directive's check for a writer option: the writer's own parser; a flag may stand alone."""
    parse = markdown.OPTIONS[name]

    def check(text: str | None) -> object:
        if text is None or not text.strip():
            if parse is markdown.OPTIONS["months"]:  # a flag: ":months:" alone means true
                return True
            raise ValueError(f"{name} needs a value")
        return parse(text.strip())

    return check


# Every writer option but the flavor (always myst here), spelt with dashes; a new writer option
# is a directive option at once.
_OPTION_SPEC: Final[dict[str, Callable[[str | None], object]]] = {
    name.replace("_", "-"): _writer_option(name) for name in markdown.OPTIONS if name != "flavor"
}


class TimelineDirective(SphinxDirective):
    """``{timeline} PATH``: the chronology of a timeline file, as the Markdown writer lays it out."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = False
    # ``picture`` draws the svg writer's picture (its value holds that writer's options); the
    # Markdown writer's option of that name then gets the picture's file name.
    option_spec: ClassVar[OptionSpec] = {
        "format": directives.unchanged_required,
        **_OPTION_SPEC,
        "picture": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        """Load the file, write it as MyST Markdown, and parse that into nodes."""
        relative, path = self.env.relfn2path(self.arguments[0], self.env.docname)
        self.env.note_dependency(relative)
        options = {
            name.replace("-", "_"): value for name, value in self.options.items() if name not in ("format", "picture")
        }
        # The chronology's sections nest under the section the directive sits in, which sets their
        # depth; MyST warns about a first heading below H1, so the Markdown always starts at H1.
        options["heading_level"] = 1
        picture = self.options.get("picture")
        try:
            loaded = timeline.load(path, self.options.get("format"))
            drawn = None if picture is None else self._picture(loaded, picture)
            if drawn is not None:
                options["picture"] = drawn["filename"]
            text = timeline.dumps(loaded, "markdown", flavor="myst", **options)
        except (TimelineError, OSError, ValueError) as exc:
            raise self.error(f"timeline: cannot render {self.arguments[0]!r}: {exc}") from exc
        # Sphinx's SmartQuotes leaves alone what sits under a node that says so: user text stays as typed.
        container = nodes.container(classes=["timeline-chronology"], support_smartquotes=False)
        self.set_source_info(container)
        text = _FENCE_RE.sub(lambda match: self._diagram(match.group(1)), text)
        # MyST's renderer, in MyST and reStructuredText pages alike, with the chronology's
        # sections kept inside the container (where the smart-quotes switch reaches them).
        _parse_myst(text, self.state.document, container)
        if drawn is not None:
            # The writer's image reference marks where the picture goes; _PlacePicture moves this
            # node there before Sphinx looks for image files.
            return [container, timeline_picture("", **drawn)]
        return [container]

    def _picture(self, loaded: timeline.Timeline, text: str) -> dict[str, str]:
        """The SVG of ``loaded`` with the options in ``text``; its warnings become the build's."""
        options = svg.options_from_text(text)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", TimelineWarning)
            picture = timeline.dumps(loaded, "svg", **options)
        for warning in caught:
            _LOGGER.warning("timeline: %s", warning.message, location=self.get_location())
        digest = hashlib.sha256(picture.encode("utf-8")).hexdigest()[:16]
        title = loaded.title.strip()
        alt = f"A picture of the timeline {title}" if title else "A picture of the timeline"
        return {"filename": f"timeline-{digest}.svg", "svg": picture, "alt": alt}

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


class _Renderer(SphinxRenderer):
    """MyST's Sphinx renderer, writing into a container of a page it did not make."""

    def setup_render(self, options: dict[str, Any], env: Any) -> None:
        super().setup_render(options, env)
        self._level_to_section = {0: self.current_node}  # type: ignore[dict-item]  # sections go in the container

    def _render_finalise(self) -> None:
        slugs = getattr(self.document, "myst_slugs", None)
        self.md_env.pop("wordcount", None)  # the page counts its own words; a second count clashes
        super()._render_finalise()
        if slugs is not None:  # the page's own headings keep their anchors
            self.document.myst_slugs = {**slugs, **self._heading_slugs}  # type: ignore[attr-defined]  # MyST sets it


def _parse_myst(text: str, document: nodes.document, container: nodes.Element) -> None:
    """MyST ``text`` into ``container``, in a page of any markup.

    MyST's own renderer does the work, bound to the page's document (so that
    footnotes, targets and warnings belong to it) but writing into
    ``container``, headings included.
    """
    parser = create_md_parser(document.settings.env.myst_config, _Renderer)
    parser.options["document"] = document
    parser.options["current_node"] = container
    # MyST makes sections only under a document, a section or the "temp root" a directive names.
    parser.render(text, {"temp_root_node": container})
    # MyST pages move footnotes to the end of the page, out of the container: they keep their text as typed too.
    for node in container.findall(nodes.footnote):
        node["support_smartquotes"] = False


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
    # The chronology is parsed with MyST, in Markdown and reStructuredText pages alike.
    app.setup_extension("myst_parser")
    app.add_config_value("timeline_mermaid_js", MERMAID_JS, "html", types=[str])
    app.add_directive("timeline", TimelineDirective)
    app.add_transform(_PlacePicture)
    skip = (_skip_picture, None)
    app.add_node(timeline_picture, html=(_visit_picture_html, None), latex=skip, text=skip, man=skip, texinfo=skip)
    app.connect("html-page-context", _add_mermaid_script)
    return {"version": metadata.version("timeline-events"), "parallel_read_safe": True, "parallel_write_safe": True}
