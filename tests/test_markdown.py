"""The Markdown writer: layout, options, escaping of user text, and its Mermaid diagrams."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from strategies import timelines

import timeline
from timeline import Event, FormatError, Timeline, describe
from timeline.formats import markdown

EXAMPLES = Path(__file__).parent.parent / "examples"
FIXTURES = Path(__file__).parent / "fixtures"

# GFM as markdown-it-py has it: tables, strikethrough, bare URLs linked; plus footnotes.
GFM = MarkdownIt("gfm-like").use(footnote_plugin)


def render(t: Timeline, **options: object) -> str:
    return timeline.dumps(t, "markdown", **options)


def tokens(text: str) -> list[Token]:
    """Every token, inline children included, in document order."""
    found: list[Token] = []
    for token in GFM.parse(text):
        found.append(token)
        found.extend(token.children or [])
    return found


def plain(inline: Token) -> str:
    """The text a reader sees in an inline token: what markup shows, not the markup."""
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "footnote_ref":
            parts.append(f"[^{child.meta['label']}]")
    return "".join(parts)


def one(title: str, **fields: object) -> Timeline:
    return Timeline(title="T", events=[Event.from_dict({"title": title, "when": "2021-06-06", **fields})])


def trip() -> Timeline:
    return timeline.load(EXAMPLES / "harris-trip.toml")


class TestLayout:
    def test_title_description_years_entries_footnotes(self) -> None:
        """The page has the title, the description, a heading per year, entries and footnotes, in that order."""
        text = render(trip())

        headings = re.findall(r"^#+ .*$", text, flags=re.MULTILINE)
        assert ["# Harris's first trip abroad as vice president", "## 2019", "## 2021"] == headings
        assert text.index("Guatemala, Mexico and migration") < text.index("## 2019")
        assert text.index("- **2019**: Alejandro Giammattei") < text.index("- **March 2021**: Biden")
        assert text.endswith(
            "[^1]: News report on Harris's trip to Guatemala and Mexico, CBS News, possibly June 2, 2021\n"
        )

    def test_entry_shows_date_title_status_location_tags_and_description(self) -> None:
        """An entry holds its date in words, title, status, location, group, tags and description."""
        text = render(trip())

        expected = (
            "- **June 6, 2021**: Harris meets the presidents of Guatemala and Mexico (tentative)[^1]\n"
            "\n"
            "  Location: Guatemala · Group: Trip · Tags: diplomacy, guatemala, mexico\n"
            "\n"
            "  Talks are expected to cover corruption, judicial independence, drug\n"
            "  trafficking, COVID-19 vaccine aid and Guatemala's wish for investment.\n"
        )
        assert expected in text

    def test_one_footnote_per_distinct_source(self) -> None:
        """Sources are footnotes, numbered in order of first use; a repeated source keeps its number."""
        t = Timeline(
            events=[
                {"title": "A", "when": "2021-01", "sources": [{"title": "S1", "url": "https://e.org/1"}]},
                {
                    "title": "B",
                    "when": "2021-02",
                    "sources": [{"title": "S2"}, {"title": "S1", "url": "https://e.org/1"}],
                },
                {"title": "C", "when": "2021-03", "sources": [{"url": "https://e.org/3", "publisher": "P"}]},
            ]
        )
        text = render(t)

        assert "A[^1]" in text
        assert "B[^2][^1]" in text
        assert "[^1]: [S1](<https://e.org/1>)\n[^2]: S2\n[^3]: [https\\://e\\.org/3](<https://e.org/3>), P\n" in text

    def test_url_links_the_title(self) -> None:
        """An event's url makes its title a link."""
        assert "**June 6, 2021**: [Meet](<https://example.org/a>)\n" in render(one("Meet", url="https://example.org/a"))

    def test_cancelled_is_struck_through(self) -> None:
        """A cancelled event's title is struck through and says so."""
        assert "~~Meet~~ (cancelled)" in render(one("Meet", status="cancelled"))

    def test_months(self) -> None:
        """months=True adds a heading per month inside a year; coarser events stay under the year."""
        text = render(trip(), months=True)

        headings = re.findall(r"^#+ .*$", text, flags=re.MULTILINE)
        assert ["## 2019", "## 2021", "### March 2021", "### May 2021", "### June 2021"] == headings[1:]
        week = text.index("The week of May 24, 2021")
        assert text.index("### March 2021") > week  # a week has no month heading; it comes first

    def test_newest_first(self) -> None:
        """newest_first=True reverses the entries and the year headings."""
        text = render(trip(), newest_first=True)

        assert text.index("## 2021") < text.index("## 2019")
        assert text.index("June 7–8, 2021") < text.index("June 6, 2021") < text.index("March 2021")

    def test_heading_level(self) -> None:
        """heading_level sets the title's level; years and months follow below it."""
        text = render(trip(), heading_level=3, months=True)

        assert text.startswith("### Harris")
        assert "\n#### 2019\n" in text
        assert "\n##### March 2021\n" in text

    def test_group_sections(self) -> None:
        """group_sections=True puts a heading per group above the years, and drops the group from entries."""
        text = render(trip(), group_sections=True)

        headings = re.findall(r"^#+ .*$", text, flags=re.MULTILINE)
        assert ["## Background", "### 2019", "### 2021", "## Trip", "### 2021"] == headings[1:]
        assert "Group:" not in text

    def test_ungrouped_events_get_a_section(self) -> None:
        """Events without a group gather under "Other events"."""
        t = Timeline(events=[{"title": "A", "when": "2021", "group": "G"}, {"title": "B", "when": "2022"}])

        assert "## Other events" in render(t, group_sections=True)

    def test_table_layout(self) -> None:
        """layout="table" gives a table per year, one row per event."""
        text = render(trip(), layout="table")

        assert "| Date | Event | Location | Details |\n| --- | --- | --- | --- |\n| 2019 |" in text
        row = next(line for line in text.splitlines() if line.startswith("| June 6, 2021 |"))
        assert row.startswith(
            "| June 6, 2021 | Harris meets the presidents of Guatemala and Mexico (tentative)[^1] | Guatemala |"
            " Group: Trip · Tags: diplomacy, guatemala, mexico · Talks are expected"
        )

    def test_empty_cells_hold_a_space(self) -> None:
        """An event without location or details still has four cells."""
        assert "| June 6, 2021 | A | | |" in render(one("A"), layout="table")

    def test_day_first_style(self) -> None:
        """style="dmy" writes dates day first, in entries and footnotes."""
        text = render(trip(), style="dmy")

        assert "- **7–8 June 2021**: Harris checks in" in text
        assert text.endswith("CBS News, possibly 2 June 2021\n")

    def test_zone_of_event_or_timeline(self) -> None:
        """A timed event shows its own zone, else the timeline's."""
        t = Timeline(
            tz="America/Guatemala",
            events=[
                {"title": "A", "when": "2021-06-07T10:00"},
                {"title": "B", "when": "2021-06-08T10:00", "tz": "America/Mexico_City"},
            ],
        )
        text = render(t)

        assert "**June 7, 2021, 10:00 (America/Guatemala)**: A" in text
        assert "**June 8, 2021, 10:00 (America/Mexico_City)**: B" in text

    def test_headings_for_partial_years(self) -> None:
        """Decades, unknown starts and BC years get headings in words, never EDTF."""
        t = Timeline(
            events=[
                {"title": "A", "when": "/2021-06-08"},
                {"title": "B", "when": "-0043-03-15"},
                {"title": "C", "when": "196X"},
                {"title": "D", "when": "1950S2"},
            ]
        )
        headings = re.findall(r"^## .*$", render(t), flags=re.MULTILINE)

        assert ["## Until 2021", "## 44 BC", "## 1900–1999 (estimated 1950)", "## The 1960s"] == headings

    def test_qualifier_words_start_with_a_capital(self) -> None:
        """An entry's date starts with a capital, its qualifier word too: "Around 2019"."""
        text = render(Timeline(events=[{"title": "A", "when": "2019~"}, {"title": "B", "when": "2021-06/.."}]))

        assert "- **Around 2019**: A" in text
        assert "- **Since June 2021**: B" in text

    def test_blank_title_gives_no_heading(self) -> None:
        """A timeline without a title starts with its first year."""
        assert render(Timeline(events=[{"title": "A", "when": "2021"}])).startswith("## 2021\n")

    def test_empty_timeline(self) -> None:
        """A timeline without events is its title and description."""
        assert "# T\n\nNothing yet.\n" == render(Timeline(title="T", description="Nothing yet."), mermaid=True)

    def test_deterministic(self) -> None:
        """The same timeline gives the same text."""
        assert render(trip(), mermaid=True) == render(trip(), mermaid=True)

    def test_registry_row(self) -> None:
        """markdown is a write-only format for .md files."""
        fmt = timeline.get_format("markdown")

        assert (".md",) == fmt.suffixes
        assert (False, True) == (fmt.readable, fmt.writable)


class TestEscaping:
    @pytest.mark.parametrize(
        "title",
        [
            "<script>alert(1)</script>",
            "<b>bold</b>",
            "*stars* and _under_",
            "**strong**",
            "[link](https://evil.example)",
            "![img](https://evil.example/x.png)",
            "`code`",
            "~~gone~~",
            "see https://evil.example now",
            "or www.evil.example now",
            "mail me@evil.example",
            "<https://evil.example>",
            "&lt;tag&gt; &#60; &amp;",
            "a\\",
            "1. # + - > = | [^1]",
            "Q&A: 100% #1; C# *and* __init__",
        ],
    )
    def test_title_traps_stay_text(self, title: str) -> None:
        """Markup, links, entities and HTML in a title render as the characters typed, and as nothing else."""
        inline = next(tok for tok in GFM.parse(render(one(title))) if tok.type == "inline" and tok.level == 3)

        assert f"June 6, 2021: {title}" == plain(inline)
        assert {"text", "strong_open", "strong_close"} >= {child.type for child in inline.children or []}

    @pytest.mark.parametrize(
        ("description", "tag"),
        [
            ("# not a heading", "<h"),
            ("1. not a list", "<ol"),
            ("2) not a list", "<ol"),
            ("- not a list", "<ul"),
            ("+ not a list", "<ul"),
            ("* not a list", "<ul"),
            ("> not a quote", "<blockquote"),
            ("---", "<hr"),
            ("***", "<hr"),
            ("___", "<hr"),
            ("text\n===", "<h"),
            ("text\n---", "<h"),
            ("    not code", "<pre"),
            ("\tnot code", "<pre"),
            ("```\nnot code\n```", "<pre"),
            ("~~~\nnot code\n~~~", "<pre"),
            ("a | b\n--|--\nc | d", "<table"),
            ("<div>x</div>", "<div"),
            ("<!-- hidden -->", "<!--"),
            ("[^1]\n\n[^1]: not a note", "footnote"),
            ("[x]: https://evil.example\n\n[x]", "<a "),
            ("line one  \nline two\\\nline three", "<br"),
        ],
    )
    def test_description_lines_stay_text(self, description: str, tag: str) -> None:
        """Block markup at the start of a description line stays literal text."""
        html = GFM.render(render(one("A", description=description)))
        item = html.split("<li>", 1)[1]

        assert tag not in item

    def test_pipe_in_table_cell(self) -> None:
        """A pipe in a title does not add a table cell."""
        text = render(one("a | b", location="x|y"), layout="table")
        rows = [t for t in tokens(text) if t.type == "td_open"]

        assert 4 == len(rows)

    def test_markdown_descriptions_opt_in(self) -> None:
        """markdown_descriptions=True keeps descriptions as Markdown; titles stay escaped."""
        t = one("*A*", description="Some *emphasis* and a [link](https://example.org).\n\n- one\n- two")
        html = GFM.render(render(t, markdown_descriptions=True))

        assert "<em>emphasis</em>" in html
        assert '<a href="https://example.org">link</a>' in html
        assert "<li>one</li>" in html
        assert "*A*" in html

    def test_markdown_description_in_a_table_stays_in_its_cell(self) -> None:
        """In a table, a Markdown description is joined into one line and its pipes escaped."""
        t = one("A", description="x | *y*\n\nz")
        text = render(t, layout="table", markdown_descriptions=True)

        assert "x \\| *y* · z |" in text

    def test_myst_line_starts(self) -> None:
        """Lines MyST would read as a comment, a target, a block break or a fence start with a backslash."""
        assert ["\\% c", "\\(t)=", "\\+++", "\\:::"] == [markdown.escape(x) for x in ("% c", "(t)=", "+++", ":::")]

    def test_escape_function(self) -> None:
        """escape() makes one line and escapes what could be markup."""
        assert "a b \\*c\\* \\<d\\>" == markdown.escape("a\r\nb\n  *c* <d>")


class TestMermaid:
    def test_diagram_before_the_entries(self) -> None:
        """mermaid=True puts a timeline diagram after the description and before the first year."""
        text = render(trip(), mermaid=True)

        assert text.index("```mermaid\ntimeline\n") < text.index("## 2019")
        assert "        March–June 2021 : Harris pledges $310 million more in humanitarian relief\n" in text

    def test_same_period_events_share_a_line(self) -> None:
        """Events of the same date are events of one period."""
        text = render(trip(), mermaid=True)

        assert (
            "        May 2021 : Harris meets the Congressional Hispanic Caucus"
            " : Harris speaks at the Virtual Washington Conference on the Americas\n"
        ) in text

    def test_syntax_characters_become_entity_codes(self) -> None:
        """ ":", "#" and ";" (and HTML) in titles become Mermaid entity codes."""
        diagram = markdown.mermaid_timeline(one("A: #1; <b>50%</b>"))

        assert "June 6, 2021 : A#58; #35;1#59; #60;b#62;50#37;#60;/b#62;" in diagram

    def test_gantt_for_spans(self) -> None:
        """gantt=True adds a gantt chart with a bar per event that spans days."""
        text = render(trip(), gantt=True)

        assert "```mermaid\ngantt\n" in text
        assert "June 7–8, 2021#58; Harris checks in with organizers on the ground : 2021-06-07, 2021-06-09" in text
        assert "Aides brief reporters" not in text.split("```mermaid\ngantt\n")[1].split("```")[0]

    def test_gantt_skips_what_has_no_span(self) -> None:
        """Open ends, single days, times and years a date cannot hold give no bar; none at all gives no chart."""
        t = Timeline(
            events=[
                {"title": "A", "when": "2021-06/.."},
                {"title": "B", "when": "2021-06-06"},
                {"title": "C", "when": "Y170000002"},
                {"title": "D", "when": "2021-06-07T10:00"},
            ]
        )

        assert markdown.mermaid_gantt(t) is None
        assert "gantt" not in render(t, gantt=True)

    @given(timelines(), st.booleans())
    def test_no_raw_syntax_in_periods_or_events(self, t: Timeline, newest: bool) -> None:
        """Periods, events and gantt task names never hold a raw ":", "#" or ";": only entity codes."""
        diagram = markdown.mermaid_timeline(t, newest_first=newest)
        chart = markdown.mermaid_gantt(t, newest_first=newest)

        for line in diagram.splitlines()[1:]:
            body = re.sub(r"#[0-9]+;", "", line.strip())
            if body.startswith(("title ", "section ")):
                assert [] == [ch for ch in body if ch in ":#;%"]
            else:
                assert [] == [ch for part in body.split(" : ") for ch in part if ch in ":#;%"]
        for line in (chart or "").splitlines()[3:]:
            name = re.sub(r"#[0-9]+;", "", line.strip()).rsplit(" : ", 1)[0]
            assert [] == [ch for ch in name if ch in ":#;"]
            assert not name.startswith(("title ", "click ", "excludes ")) or line.startswith("    section ")


class TestOptions:
    @pytest.mark.parametrize(
        ("name", "value"),
        [
            ("layout", "grid"),
            ("heading_level", 0),
            ("heading_level", 5),
            ("heading_level", "2"),
            ("heading_level", True),
            ("months", "yes"),
            ("mermaid", 1),
            ("style", "ymd"),
        ],
    )
    def test_bad_values_are_format_errors(self, name: str, value: object) -> None:
        """An option value of the wrong type or range is a FormatError naming the option."""
        with pytest.raises(FormatError, match=name):
            render(trip(), **{name: value})

    @pytest.mark.parametrize(
        ("name", "text", "value"),
        [
            ("mermaid", "true", True),
            ("mermaid", "No", False),
            ("newest_first", "1", True),
            ("heading_level", "3", 3),
            ("layout", "table", "table"),
            ("style", "dmy", "dmy"),
        ],
    )
    def test_command_line_values(self, name: str, text: str, value: object) -> None:
        """Command-line text turns into the option's value."""
        assert value == markdown.OPTIONS[name](text)

    @pytest.mark.parametrize(
        ("name", "text"), [("mermaid", "maybe"), ("heading_level", "9"), ("heading_level", "x"), ("layout", "grid")]
    )
    def test_bad_command_line_values(self, name: str, text: str) -> None:
        """Command-line text that is no value of the option is a ValueError quoting it."""
        with pytest.raises(ValueError, match=re.escape(repr(text))):
            markdown.OPTIONS[name](text)


class TestProperties:
    @given(timelines(), st.sampled_from(["list", "table"]), st.booleans(), st.booleans())
    def test_one_entry_per_event_and_no_markup_from_user_text(
        self, t: Timeline, layout: str, newest: bool, months: bool
    ) -> None:
        """One list item (or table row) per event; no HTML; links only to the events' and sources' URLs."""
        text = render(t, layout=layout, newest_first=newest, months=months, mermaid=True)
        found = tokens(text)

        entry = "list_item_open" if layout == "list" else "tr_open"
        header_rows = sum(1 for tok in found if tok.type == "thead_open")
        assert len(t) == sum(1 for tok in found if tok.type == entry) - header_rows
        assert [] == [tok.content for tok in found if tok.type in ("html_block", "html_inline")]
        urls = {e.url for e in t} | {s.url for e in t for s in e.sources}
        assert set() == {tok.attrs["href"] for tok in found if tok.type == "link_open"} - urls
        assert [] == [tok for tok in found if tok.type in ("code_inline", "code_block", "blockquote_open", "hr")]

    @given(timelines())
    def test_titles_render_as_typed(self, t: Timeline) -> None:
        """Each entry shows its date and title exactly as typed (line breaks as spaces)."""
        text = render(t)
        lines = [plain(tok) for tok in GFM.parse(text) if tok.type == "inline" and tok.level == 3]
        entries = [line for line in lines if line[:1] and not line.startswith(("Location: ", "Group: ", "Tags: "))]

        for event in t:
            title = " ".join(part.strip() for part in re.split(r"\r\n?|\n", event.title)).strip()
            title = title.replace("\x00", "\ufffd").replace("\t", " ")
            date = describe(event.when, tz=event.tz or t.tz)
            assert any(title in line and date[1:] in line for line in entries), (date, title)


class TestTrapsFixture:
    @pytest.mark.parametrize("layout", ["list", "table"])
    def test_every_trap_stays_text(self, layout: str) -> None:
        """The fixture of every precision and text trap gives one entry per event, no HTML, only its own links."""
        t = timeline.load(FIXTURES / "traps.toml")
        found = tokens(render(t, layout=layout, mermaid=True, gantt=True, months=True))

        entry = "list_item_open" if layout == "list" else "tr_open"
        header_rows = sum(1 for tok in found if tok.type == "thead_open")
        assert len(t) == sum(1 for tok in found if tok.type == entry) - header_rows
        assert [] == [tok.content for tok in found if tok.type in ("html_block", "html_inline")]
        hrefs = [tok.attrs["href"] for tok in found if tok.type == "link_open"]
        assert ["https://example.org/day", "https://example.org/a?b=1&c=%3C2%3E"] == hrefs
        headings = [tok.tag for tok in found if tok.type == "heading_open"]
        assert "h1" == headings[0]
        assert 1 == headings.count("h1")


class TestSets:
    def test_a_set_is_described_never_one_date(self) -> None:
        """An entry on a set says its members; its heading is its first bound's year."""
        text = render(Timeline(title="T", events=[Event(title="Printed", when="[1667,1668,1670..1672]")]))

        assert "## 1667" in text
        assert "- **1667, 1668 or sometime in 1670–1672**: Printed" in text

    def test_a_set_of_days_is_a_gantt_bar_over_its_bounds(self) -> None:
        """In the Mermaid gantt, a set of days is a bar from its first day to the day after its last."""
        tl = Timeline(title="T", events=[Event(title="Either", when="[2021-06-01,2021-06-05]")])

        assert "2021-06-01, 2021-06-06" in render(tl, gantt=True)
