"""An MkDocs plugin: a fenced ``timeline`` block in a page becomes the chronology of a data file.

Install the ``mkdocs`` extra (``pip install 'timeline-events[mkdocs]'``),
list the plugin in ``mkdocs.yml``::

    plugins:
      - search
      - timeline

and write, in any page::

    ```timeline
    file: data/harris-trip.toml
    heading_level: 2
    months: true
    ```

``picture: true`` (or ``picture: width=720 theme=dark``, the ``svg``
writer's options) adds the timeline's picture under its title: the SVG is
written beside the page in the site and shown as an image.

``file`` is relative to the docs directory. Every other line is an option of
the ``markdown`` writer as ``key: value`` (``layout``, ``heading_level``,
``months``, ``newest_first``, ``group_sections``, ``markdown_descriptions``,
``mermaid``, ``gantt``, ``style``), the same values the command line's
``-o key=value`` takes, and ``format`` names the input format when the
suffix does not. The block becomes Markdown in the ``mkdocs`` flavor, which
Python-Markdown nests and escapes correctly. ``mkdocs serve`` watches the
data files, so a change to one rebuilds its pages; a missing or invalid
file, or a bad option, fails the build naming the page, the block's line and
what is wrong in the data file (its path and line).
"""

from __future__ import annotations

import hashlib
import logging
import posixpath
import re
import warnings
from pathlib import Path
from typing import Any, Final

try:
    from mkdocs.config.base import Config
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.exceptions import PluginError
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.plugins import BasePlugin
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page
except ImportError as exc:  # the package works without MkDocs; only this module needs it
    raise ImportError(
        "timeline.mkdocs is an MkDocs plugin and needs MkDocs: pip install 'timeline-events[mkdocs]'"
    ) from exc

import timeline
from timeline.errors import TimelineError, TimelineWarning
from timeline.formats import markdown, svg

__all__ = ["TimelinePlugin", "render_blocks"]

# An opening fence: up to 3 spaces, 3+ backticks or tildes, and an info string.
_FENCE_RE: Final = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n]*?)[ \t]*$")
_OPTION_RE: Final = re.compile(r"^\s*(?P<key>[A-Za-z_][A-Za-z0-9_-]*)\s*:\s*(?P<value>.*?)\s*$")


class BlockError(ValueError):
    """A ``timeline`` block that cannot be rendered: ``line`` is its place in the page (1-based)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def render_blocks(
    text: str, docs_dir: Path, used: set[Path] | None = None, pictures: dict[str, str] | None = None
) -> str:
    """``text`` (a page's Markdown) with each ``timeline`` block replaced by its chronology.

    Fences of any other info string are passed over whole, so an example of
    a ``timeline`` block shown inside a longer fence stays an example.

    Args:
        text: The page's Markdown.
        docs_dir: The directory ``file:`` paths are relative to.
        used: Collects the data files read, for ``mkdocs serve`` to watch.
        pictures: Collects the pictures of blocks with ``picture``: file name -> SVG.

    Raises:
        BlockError: a block without ``file``, with an unknown option or a bad
            value, or whose file cannot be read or is not a valid timeline.
    """
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        match = _FENCE_RE.match(lines[index])
        if match is None:
            out.append(lines[index])
            index += 1
            continue
        fence = match.group("fence")
        close = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        end = index + 1
        while end < len(lines) and not close.match(lines[end]):
            end += 1
        if match.group("info") != "timeline":
            out.extend(lines[index : end + 1])
            index = end + 1
            continue
        if end == len(lines):
            raise BlockError(index + 1, "the timeline block has no closing fence")
        out.extend(_chronology(lines[index + 1 : end], index + 1, docs_dir, used, pictures).split("\n"))
        index = end + 1
    return "\n".join(out)


_LOG: Final = logging.getLogger("mkdocs.plugins.timeline")
_TRUE: Final = frozenset({"true", "yes", "on", "1"})
_FALSE: Final = frozenset({"false", "no", "off", "0"})


def _picture_options(value: str) -> dict[str, object] | None:
    """``picture: true``, ``picture: false`` or ``picture: width=720 theme=dark`` (the svg writer's options)."""
    word = value.strip().lower()
    if word in _TRUE:
        return {}
    if word in _FALSE:
        return None
    return svg.options_from_text(value)


def _picture(loaded: timeline.Timeline, options: dict[str, object]) -> tuple[str, str]:
    """The file name (from its content) and SVG of the picture; the writer's warnings are MkDocs warnings."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", TimelineWarning)
        picture = timeline.dumps(loaded, "svg", **options)
    for warning in caught:
        _LOG.warning("timeline: %s", warning.message)
    return f"timeline-{hashlib.sha256(picture.encode('utf-8')).hexdigest()[:16]}.svg", picture


def _chronology(
    body: list[str], first_line: int, docs_dir: Path, used: set[Path] | None, pictures: dict[str, str] | None
) -> str:
    options: dict[str, object] = {}
    picture: dict[str, object] | None = None
    source: str | None = None
    input_format: str | None = None
    for offset, raw in enumerate(body, start=first_line + 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        match = _OPTION_RE.match(raw)
        if match is None:
            raise BlockError(offset, f"expected 'key: value' in the timeline block, got {raw.strip()!r}")
        key, value = match.group("key").replace("-", "_"), match.group("value")
        if key in options or (key == "file" and source is not None) or (key == "format" and input_format):
            raise BlockError(offset, f"{key!r} is given twice in the timeline block")
        if key == "file":
            source = value
        elif key == "format":
            input_format = value
        elif key == "picture":
            try:
                picture = _picture_options(value)
            except ValueError as exc:
                raise BlockError(offset, f"picture: {exc}") from exc
        elif key == "flavor":
            raise BlockError(offset, "the MkDocs plugin always writes the 'mkdocs' flavor; leave 'flavor' out")
        elif key in markdown.OPTIONS:
            try:
                options[key] = markdown.OPTIONS[key](value)
            except ValueError as exc:
                raise BlockError(offset, f"{key}: {exc}") from exc
        else:
            known = ", ".join(["file", "format", *sorted(set(markdown.OPTIONS) - {"flavor"})])
            raise BlockError(offset, f"unknown option {key!r} in the timeline block; known: {known}")
    if not source:
        raise BlockError(first_line, "the timeline block needs 'file: PATH' (relative to the docs directory)")
    path = (docs_dir / source).resolve()
    if used is not None:
        used.add(path)
    try:
        loaded = timeline.load(path, input_format)
        if picture is not None:
            name, drawn = _picture(loaded, picture)
            if pictures is not None:
                pictures[name] = drawn
            options["picture"] = name
        return timeline.dumps(loaded, "markdown", flavor="mkdocs", **options).rstrip("\n")
    except (TimelineError, OSError) as exc:
        raise BlockError(first_line, f"cannot render {source!r}: {exc}") from exc


class _Settings(Config):  # type: ignore[no-untyped-call]  # mkdocs leaves __init_subclass__ bare
    """The plugin has no settings of its own: everything is said in each block."""


class TimelinePlugin(BasePlugin[_Settings]):  # type: ignore[no-untyped-call]  # mkdocs leaves __init_subclass__ bare
    """``plugins: [timeline]``: renders ``timeline`` blocks and watches their data files."""

    def __init__(self) -> None:
        self.used: set[Path] = set()

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Replace each ``timeline`` block of the page with its chronology."""
        pictures: dict[str, str] = {}
        try:
            text = render_blocks(markdown, Path(config.docs_dir), self.used, pictures)
        except BlockError as exc:
            raise PluginError(f"timeline: {page.file.src_uri}, line {exc.line}: {exc}") from exc
        # Each picture goes beside its page, as a file of the site: MkDocs resolves the page's
        # relative image reference to it and writes it with the other files.
        folder = posixpath.dirname(page.file.src_uri)
        for name, drawn in sorted(pictures.items()):
            uri = posixpath.join(folder, name)
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, content=drawn))
        return text

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """Watch every data file a block read: a change rebuilds the site, and so the pages."""
        del config, builder
        for path in sorted(self.used):
            server.watch(str(path), recursive=False)
        return server
