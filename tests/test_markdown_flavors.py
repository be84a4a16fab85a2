"""The Markdown writer's flavors through their real renderers: markdown-it-py (GFM), Python-Markdown (MkDocs), MyST.

Each test reads the HTML the renderer makes, as a reader's browser would get
it: one list item per event holding its paragraphs and facts, user text shown
as typed, links and footnotes where they belong.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import markdown as python_markdown
import pytest
from docutils.core import publish_string
from hypothesis import given, settings
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from myst_parser.parsers.docutils_ import Parser as MystParser
from strategies import timelines

import timeline
from timeline import Timeline, describe
from timeline._describe import capital
from timeline.formats._links import safe_url

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "harris-trip.toml"
TRAPS = ROOT / "tests" / "fixtures" / "traps.toml"

# What MkDocs sites enable: MkDocs' own defaults, Material's recommended set, and pymdownx.
MKDOCS_EXTENSIONS = [
    "toc", "tables", "fenced_code", "footnotes", "attr_list", "abbr", "def_list", "admonition", "md_in_html",
    "smarty", "pymdownx.tilde", "pymdownx.caret", "pymdownx.mark", "pymdownx.keys", "pymdownx.critic",
    "pymdownx.emoji", "pymdownx.magiclink", "pymdownx.superfences", "pymdownx.arithmatex", "pymdownx.smartsymbols",
    "pymdownx.betterem", "pymdownx.inlinehilite", "pymdownx.details", "pymdownx.tasklist", "pymdownx.highlight",
]  # fmt: skip
# MyST extensions a Sphinx site may turn on, the typographic ones included.
MYST_EXTENSIONS = [
    "dollarmath", "substitution", "colon_fence", "deflist", "attrs_inline", "smartquotes", "replacements",
    "tasklist", "linkify", "strikethrough",
]  # fmt: skip
# Elements user text must never become; the writer makes only strong, a, p, del/s and footnote marks.
FORBIDDEN = {"script", "b", "i", "em", "div", "code", "mark", "ins", "sub", "kbd", "img", "blockquote", "hr", "pre"}
FORBIDDEN_CLASSES = {"arithmatex", "emoji", "twemoji", "critic", "magiclink", "math"}


def render(text: str, flavor: str) -> str:
    """``text`` as HTML, by the renderer the flavor is for."""
    if flavor == "gfm":
        return str(MarkdownIt("gfm-like").use(footnote_plugin).render(text))
    if flavor == "mkdocs":
        return str(python_markdown.markdown(text, extensions=MKDOCS_EXTENSIONS))
    settings = {
        "myst_enable_extensions": MYST_EXTENSIONS,
        "report_level": 2,
        "halt_level": 2,  # any warning of MyST's fails the test
        "output_encoding": "unicode",
    }
    html = publish_string(text, parser=MystParser(), writer="html5", settings_overrides=settings)
    return str(html)


class Element:
    __slots__ = ("attrs", "children", "parent", "tag")

    def __init__(self, tag: str, attrs: dict[str, str], parent: Element | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Element | str] = []

    def text(self) -> str:
        parts = [child if isinstance(child, str) else child.text() for child in self.children]
        return re.sub(r"\s+", " ", _CONTROLS.sub("", "".join(parts))).strip()

    def walk(self) -> list[Element]:
        found = []
        for child in self.children:
            if isinstance(child, Element):
                found.append(child)
                found.extend(child.walk())
        return found


_VOID = {"br", "hr", "img", "meta", "link", "input", "col", "wbr"}


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("root", {}, None)
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(element)
        if tag not in _VOID:
            self.current = element

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def tree(html: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def entries(root: Element) -> list[Element]:
    """The list items of the chronology: items of unordered lists (footnotes are an ordered list)."""
    return [el for el in root.walk() if el.tag == "li" and el.parent is not None and el.parent.tag == "ul"]


_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")


def one_line(text: str) -> str:
    """Text as a renderer shows it on one line; control characters, which renderers drop or replace, left out."""
    text = _CONTROLS.sub("", text)
    return re.sub(r"\s+", " ", " ".join(part.strip() for part in re.split(r"\r\n?|\n", text))).strip()


def check_chronology(t: Timeline, flavor: str, html: str) -> None:
    """The checks every flavor must pass, on the HTML its renderer made."""
    root = tree(html)
    items = entries(root)
    assert len(t) == len(items), f"{len(t)} events but {len(items)} list items"
    for event, item in zip(t, items, strict=True):
        text = item.text()
        date = capital(describe(event.when, tz=event.tz or t.tz, recurrence=event.recurrence))
        title = one_line(event.title.replace("\t", " "))
        # An item's text is stripped: a title of only control characters leaves "date:" alone.
        assert text.startswith(f"{one_line(date)}: {title}".rstrip()), (text, date, title)
        for paragraph in re.split(r"(?:\r\n?|\n)\s*(?:\r\n?|\n)", (event.description or "").strip()):
            if one_line(paragraph.replace("\t", " ")):
                assert one_line(paragraph.replace("\t", " ")) in text
        for name in ("location",):
            value = getattr(event, name)
            if value and value.strip():
                assert one_line(value.replace("\t", " ")) in text
        inside = item.walk()
        assert set() == {el.tag for el in inside} & FORBIDDEN, text
        classes = {c for el in inside for c in el.attrs.get("class", "").split()}
        assert set() == classes & FORBIDDEN_CLASSES, text
        hrefs = {el.attrs["href"] for el in inside if el.tag == "a" and "href" in el.attrs}
        own = {_encoded(event.url)} if event.url and safe_url(event.url) else set()
        assert set() == {href for href in hrefs if not href.startswith("#")} - own, text
        notes = [href for href in hrefs if href.startswith("#")]
        assert len(set(event.sources)) == len(notes), text
        struck = [el for el in inside if el.tag in ("del", "s")]
        assert (event.status.value == "cancelled") == bool(struck), text


def _encoded(url: str) -> str:
    """A URL as the writer puts it in a link: what cannot stand there percent-encoded."""
    return re.sub(r"[\s<>\\]", lambda m: f"%{ord(m.group()):02X}", url)


def load(path: Path) -> Timeline:
    return timeline.load(path)


FLAVORS = ["gfm", "mkdocs", "myst"]


class TestRealRenderers:
    @pytest.mark.parametrize("flavor", FLAVORS)
    @pytest.mark.parametrize("path", [EXAMPLE, TRAPS], ids=["worked-example", "traps"])
    def test_one_item_per_event_text_as_typed(self, flavor: str, path: Path) -> None:
        """Each event is one list item holding its date, title, facts and paragraphs, all as typed."""
        t = load(path)
        # The Sphinx directive turns MyST's mermaid fences into diagrams itself; docutils alone has no lexer.
        html = render(timeline.dumps(t, "markdown", flavor=flavor, mermaid=flavor != "myst"), flavor)

        check_chronology(t, flavor, html)

    @pytest.mark.parametrize("flavor", FLAVORS)
    def test_footnotes_hold_the_sources(self, flavor: str) -> None:
        """Each distinct source is one footnote, linked to its URL, its title shown as typed."""
        t = load(TRAPS)
        root = tree(render(timeline.dumps(t, "markdown", flavor=flavor), flavor))
        notes = [el for el in root.walk() if el.tag in ("li", "aside") and "fn" in el.attrs.get("id", "") + "fn"]
        sources = {s for e in t for s in e.sources}
        text = " ".join(el.text() for el in root.walk() if el.tag in ("ol", "aside"))

        assert sources
        for source in sources:
            assert source.title is not None
            assert source.title in text
        links = {el.attrs.get("href") for el in root.walk() if el.tag == "a"}
        assert {_encoded(s.url) for s in sources if s.url} <= links
        assert notes

    def test_mkdocs_nests_paragraphs_four_deep(self) -> None:
        """Python-Markdown keeps a paragraph in its item only at 4 spaces; gfm's 2 would break it out."""
        t = load(EXAMPLE)
        mkdocs = timeline.dumps(t, "markdown", flavor="mkdocs")
        gfm = timeline.dumps(t, "markdown")

        def stray(text: str) -> list[str]:
            root = tree(render(text, "mkdocs"))
            inside = {id(el) for item in entries(root) for el in item.walk()}
            paragraphs = [el for el in root.walk() if el.tag == "p" and el.text().startswith("Location:")]
            return [el.text() for el in paragraphs if id(el) not in inside]

        assert [] == stray(mkdocs)
        assert [] != stray(gfm)

    @pytest.mark.parametrize(
        ("flavor", "typed"),
        [
            ("mkdocs", 'Add --json and --dry-run flags... it\'s "done" (c) 1/4 the 20th <b>x</b> :smile: ==m=='),
            ("myst", 'Add --json and --dry-run flags... it\'s "done" (c) +- !!!! {sub} $x$'),
            ("gfm", 'Add --json and --dry-run flags... it\'s "done" <b>x</b> ~~s~~ www.example.org'),
        ],
    )
    def test_typography_extensions_leave_text_as_typed(self, flavor: str, typed: str) -> None:
        """smarty, smartsymbols, emoji, mark (MkDocs) and MyST's typographer leave user text alone."""
        t = Timeline(title="T", events=[{"title": typed, "when": "2021", "description": typed}])
        root = tree(render(timeline.dumps(t, "markdown", flavor=flavor), flavor))
        [item] = entries(root)

        assert item.text().startswith(f"2021: {typed}")
        assert item.text().endswith(typed)

    @pytest.mark.parametrize("flavor", FLAVORS)
    def test_table_layout_one_row_per_event(self, flavor: str) -> None:
        """In the table layout each event is one row; pipes in user text stay in their cell."""
        t = load(TRAPS)
        root = tree(render(timeline.dumps(t, "markdown", flavor=flavor, layout="table"), flavor))
        rows = [el for el in root.walk() if el.tag == "tr" and el.parent is not None and el.parent.tag == "tbody"]

        assert len(t) == len(rows)
        assert all(4 == len([c for c in row.children if isinstance(c, Element) and c.tag == "td"]) for row in rows)


class TestFlavorOption:
    def test_unknown_flavor_is_a_format_error(self) -> None:
        """A flavor the writer does not know fails with the library's error, naming the option."""
        with pytest.raises(timeline.FormatError, match="'flavor'"):
            timeline.dumps(load(EXAMPLE), "markdown", flavor="pandoc")

    def test_command_line_value(self) -> None:
        """-o flavor=mkdocs reaches the writer from the command line."""
        from timeline.formats.markdown import OPTIONS

        assert "mkdocs" == OPTIONS["flavor"]("mkdocs")
        with pytest.raises(ValueError, match="flavor"):
            OPTIONS["flavor"]("rst")

    def test_gfm_is_the_default(self) -> None:
        """Without the option the output is the GFM flavor, byte for byte."""
        t = load(TRAPS)

        assert timeline.dumps(t, "markdown", flavor="gfm") == timeline.dumps(t, "markdown")


class TestFlavorProperties:
    @settings(max_examples=40)
    @given(timelines())
    def test_mkdocs_any_timeline(self, t: Timeline) -> None:
        """Any timeline, through Python-Markdown with MkDocs' extensions: one item per event, text as typed."""
        check_chronology(t, "mkdocs", render(timeline.dumps(t, "markdown", flavor="mkdocs"), "mkdocs"))

    @settings(max_examples=40)
    @given(timelines())
    def test_gfm_any_timeline(self, t: Timeline) -> None:
        """Any timeline, through markdown-it-py's GFM: one item per event, text as typed."""
        check_chronology(t, "gfm", render(timeline.dumps(t, "markdown"), "gfm"))

    @settings(max_examples=25)
    @given(timelines())
    def test_myst_any_timeline(self, t: Timeline) -> None:
        """Any timeline, through MyST-Parser with its typographer on: one item per event, text as typed."""
        # A page of its own starts at H1, as the directive's page does around it.
        page = "# Page\n\n" + timeline.dumps(t, "markdown", flavor="myst")
        check_chronology(t, "myst", render(page, "myst"))
