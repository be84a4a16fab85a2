"""The TimelineJS spreadsheet as CSV: the exact header, defused formulas, reading back, errors naming row and column."""

from __future__ import annotations

import contextlib
import csv
import io
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import timelines
from test_timelinejs import dump_all

import timeline
from timeline import Event, Media, ParseError, Timeline
from timeline.formats.csv import COLUMNS, defuse, restore

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "harris-trip.toml"
TRAPS = ROOT / "tests" / "fixtures" / "traps.json"
HEADER = (
    "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,"
    "Media Credit,Media Caption,Media Thumbnail,Type,Group,Background,Alt Text"
)
_NUMERIC = {"Year", "Month", "Day", "End Year", "End Month", "End Day"}


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def live_formulas(text: str) -> list[str]:
    """Cells a spreadsheet would evaluate: starting with = + - @ tab or CR (a negative year is a number)."""
    return [
        cell
        for row in rows(text)
        for column, cell in row.items()
        if cell.startswith(("=", "+", "-", "@", "\t", "\r")) and not (column in _NUMERIC and cell.lstrip("-").isdigit())
    ]


class TestWriter:
    def test_header_is_the_template_exactly(self) -> None:
        """The first line is the template's header, names and order exactly, with CRLF line ends."""
        text = timeline.dumps(timeline.load(EXAMPLE), "csv")

        assert HEADER == text.split("\r\n", 1)[0]
        assert HEADER.split(",") == list(COLUMNS)

    def test_dates_are_split_at_their_precision(self) -> None:
        """Year, month and day go in their columns only as far as they are known; times as H:MM."""
        tl = Timeline(
            events=[
                Event(title="year", when="2019"),
                Event(title="month", when="2021-03"),
                Event(title="span", when="2021-06-07/2021-06-08"),
                Event(title="time", when="2021-06-07T09:05:30"),
                Event(title="spring", when="2021-21"),
            ]
        )
        got = {row["Headline"]: row for row in rows(timeline.dumps(tl, "csv"))}

        def cells(title: str, *columns: str) -> tuple[str, ...]:
            return tuple(got[title][column] for column in columns)

        dates = ("Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "Display Date")
        assert ("2019", "", "", "", "", "", "", "") == cells("year", *dates)
        assert ("2021", "3", "", "", "", "", "", "") == cells("month", *dates)
        assert ("2021", "6", "7", "", "2021", "6", "8", "") == cells("span", *dates)
        assert ("2021", "6", "7", "9:05:30", "", "", "", "") == cells("time", *dates)
        assert ("2021", "3", "", "", "2021", "5", "", "spring 2021") == cells("spring", *dates)

    def test_title_and_era_rows(self) -> None:
        """The timeline's title is a 'title' row, its eras 'era' rows."""
        tl = Timeline(
            title="Trip", description="Three days", eras=[{"title": "Visit", "when": "2021-06-06/2021-06-08"}]
        )
        got = rows(timeline.dumps(tl, "csv"))

        assert [("title", "Trip", ""), ("era", "Visit", "2021")] == [(r["Type"], r["Headline"], r["Year"]) for r in got]

    @pytest.mark.parametrize(
        "trap",
        [
            '=HYPERLINK("http://evil.example","click")',
            "+1+1",
            "-2",
            "@SUM(A1)",
            "\tTab",
            "\rCR",
            "'=already quoted",
            "''-two quotes",
            "'plain quote",
        ],
    )
    def test_formulas_are_defused_and_come_back(self, trap: str) -> None:
        """A cell that would start a formula starts with ' instead; reading undoes exactly that."""
        tl = Timeline(
            title=trap, events=[Event(title=trap, when="-0044", group=trap, media={"url": "a.jpg", "alt": trap})]
        )
        text = timeline.dumps(tl, "csv")
        back = timeline.loads(text, "csv")

        assert [] == live_formulas(text)
        assert (trap, trap, trap) == (back.title, back.events[0].title, back.events[0].group)
        assert trap == back.events[0].media.alt  # type: ignore[union-attr]

    @given(st.text())
    def test_defuse_and_restore_are_inverses(self, cell: str) -> None:
        """restore(defuse(x)) == x for any text, and defuse never leaves a formula."""
        assert cell == restore(defuse(cell))
        assert not defuse(cell).startswith(("=", "+", "-", "@", "\t", "\r"))


class TestRoundTrip:
    @given(timelines())
    def test_what_the_template_carries_comes_back(self, tl: Timeline) -> None:
        """Title, description, each event's title, text, location, group, media and sources come back, and the
        same dates as the TimelineJS JSON gives (times to the second); ids are not in the template.
        """
        text = timeline.dumps(tl, "csv")
        back = timeline.loads(text, "csv")
        via_json = timeline.loads(dump_all(tl), "timelinejs")

        assert [] == live_formulas(text)
        assert (tl.title, tl.description or None) == (back.title, back.description)

        def carried(t: Timeline) -> list[tuple[object, ...]]:
            return sorted(
                (
                    re.sub(r"\.[0-9]+", "", str(e.when)),
                    e.title,
                    e.description or "",
                    e.location or "",
                    e.group or "",
                    repr(e.media),
                    repr(e.sources),
                )
                for e in t
            )

        assert carried(via_json) == carried(back)
        assert sorted((e.title, re.sub(r"\.[0-9]+", "", str(e.when))) for e in via_json.eras) == sorted(
            (e.title, str(e.when)) for e in back.eras
        )

    @pytest.mark.parametrize("path", [EXAMPLE, TRAPS])
    def test_fixtures_read_back_to_the_same_titles_and_dates(self, path: Path) -> None:
        """The worked example and the trap fixture come back with the same titles and dates as TimelineJS JSON."""
        tl = timeline.load(path)
        text = timeline.dumps(tl, "csv")
        via_json = timeline.loads(dump_all(tl), "timelinejs")

        assert [] == live_formulas(text)
        assert sorted((e.title, str(e.when)) for e in via_json) == sorted(
            (e.title, str(e.when)) for e in timeline.loads(text, "csv")
        )

    @pytest.mark.filterwarnings("ignore::timeline.TimelineWarning")
    @given(st.text())
    def test_any_text_parses_or_raises_parse_error(self, text: str) -> None:
        """Any text gives a Timeline or a ParseError."""
        with contextlib.suppress(ParseError):
            assert isinstance(timeline.loads(text, "csv"), Timeline)

    @pytest.mark.filterwarnings("ignore::timeline.TimelineWarning")
    @given(st.lists(st.text(max_size=8), min_size=1, max_size=len(COLUMNS) + 1))
    def test_any_row_parses_or_raises_parse_error(self, cells: list[str]) -> None:
        """Any row under the template's header gives a Timeline or a ParseError."""
        out = io.StringIO(newline="")
        csv.writer(out).writerows([COLUMNS, cells])
        with contextlib.suppress(ParseError):
            timeline.loads(out.getvalue(), "csv")


class TestReader:
    def test_spreadsheet_as_people_fill_it(self) -> None:
        """Missing and reordered columns, extra columns, 12-hour times, thousands commas and a BOM all read."""
        text = (
            "\ufeffHeadline,Year,Month,Day,Time,Notes,Type,Media,Media Caption\r\n"
            "The title,,,,,,title,,\r\n"
            "Evening,2021,6,7,7:30 PM,checked,,https://example.org/a.jpg,A picture\r\n"
            "Midnight,2021,6,8,12:00 am,,,,\r\n"
            'Long ago,"-1,000",,,,,,,\r\n'
            ",,,,,,,,\r\n"
            "Compact,2021,6,9,0930,,event,,\r\n"
        )
        tl = timeline.loads(text, "csv")

        assert "The title" == tl.title
        assert ["-1000", "2021-06-07T19:30", "2021-06-08T00:00", "2021-06-09T09:30"] == [str(e.when) for e in tl]
        assert {"Notes": "checked"} == dict(tl.events[1].extra)
        assert Media(url="https://example.org/a.jpg", caption="A picture") == tl.events[1].media

    @pytest.mark.parametrize(
        ("body", "line", "field", "message"),
        [
            ("A,2021,13,,\r\n", 2, "row 2, column 'Month'", "13"),
            ("A,2021,2,30,\r\n", 2, "row 2, column 'Year'", "day 30"),
            ("A,twenty,,,\r\n", 2, "row 2, column 'Year'", "'twenty'"),
            ("A,2021,,,25:00\r\n", 2, "row 2, column 'Time'", "'25:00'"),
            ("A,2021,,,13:00 PM\r\n", 2, "row 2, column 'Time'", "1 to 12"),
            ("B,2021,,,\r\nA,,3,,\r\n", 3, "row 3, column 'Year'", "needs a 'Year'"),
            ('"A\r\nB",2021,,,\r\nC,2021,0,,\r\n', 4, "row 3, column 'Month'", "0"),
        ],
    )
    def test_bad_cells_name_row_and_column(self, body: str, line: int, field: str, message: str) -> None:
        """A cell TimelineJS could not use raises ParseError naming the file, line, row and column."""
        with pytest.raises(ParseError) as caught:
            timeline.loads("Headline,Year,Month,Day,Time\r\n" + body, "csv", source="t.csv")

        assert ("t.csv", line, field) == (caught.value.source, caught.value.line, caught.value.field)
        assert message in str(caught.value)

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("", "no header"),
            ("Headline,Month\r\nA,3\r\n", "needs a 'Year' column"),
            ("Year,Year\r\n", "appears twice"),
            ("Year,Headline\r\n2021,A,extra\r\n", "3 cells"),
            ("Year,Headline,Type\r\n2021,A,slide\r\n", "'Type' must be"),
            ("Year,Headline,Type\r\n,A,title\r\n,B,title\r\n", "only one row"),
            ("Year,Headline,Media Caption\r\n2021,A,caption without media\r\n", "needs a 'Media' URL"),
            ("Year,End Year,Headline\r\n2021,2020,A\r\n", "before the start"),
        ],
    )
    def test_bad_sheets(self, text: str, message: str) -> None:
        """Sheets TimelineJS cannot use raise ParseError saying why."""
        with pytest.raises(ParseError, match=message):
            timeline.loads(text, "csv")


class TestSets:
    def test_a_set_row_has_its_bounds_and_description(self) -> None:
        """A set fills Year and End Year from its bounds and says its members in Display Date."""
        text = timeline.dumps(Timeline(events=[Event(title="A", when="[1667,1668,1670..1672]")]), "csv")
        row = rows(text)[-1]

        assert ("1667", "1672", "1667, 1668 or sometime in 1670–1672") == (
            row["Year"],
            row["End Year"],
            row["Display Date"],
        )
