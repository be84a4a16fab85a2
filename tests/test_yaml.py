"""The YAML format: round trips, dates kept as EDTF text, safe loading, errors that say where."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from strategies import timelines

import timeline
from timeline import Event, FormatError, ParseError, Timeline
from timeline.formats import yaml as timeline_yaml

EXAMPLE = Path(__file__).parent.parent / "examples" / "harris-trip.toml"


class TestRoundTrip:
    @given(timelines())
    def test_read_write_round_trip(self, tl: Timeline) -> None:
        """Any timeline survives writing as YAML and reading back, unchanged."""
        assert tl == timeline.loads(timeline.dumps(tl, "yaml"), "yaml")

    @given(timelines())
    def test_write_read_write_is_stable(self, tl: Timeline) -> None:
        """Writing what was read gives the same text."""
        text = timeline.dumps(tl, "yaml")

        assert text == timeline.dumps(timeline.loads(text, "yaml"), "yaml")

    @given(timelines())
    def test_plain_yaml_tools_read_the_same_data(self, tl: Timeline) -> None:
        """Any YAML reader (here PyYAML's own safe_load, which turns 2021-06-06 into a date) sees text dates."""
        data = yaml.safe_load(timeline.dumps(tl, "yaml"))

        assert [str(e.when) for e in tl.events] == [e["when"] for e in data["events"]]
        assert [str(e.when) for e in tl.eras] == [e["when"] for e in data.get("eras", [])]

    def test_worked_example_round_trips(self) -> None:
        """The worked example reads back equal from YAML."""
        trip = timeline.load(EXAMPLE)

        assert trip == timeline.loads(timeline.dumps(trip, "yaml"), "yaml")

    @pytest.mark.filterwarnings("ignore::timeline.TimelineWarning")  # near-miss keys may turn up
    @given(st.text())
    def test_any_text_parses_or_raises_parse_error(self, text: str) -> None:
        """Any text gives a Timeline or a ParseError, never another exception."""
        try:
            result = timeline.loads(text, "yaml")
        except ParseError as exc:
            assert "<string>" == exc.source
        else:
            assert isinstance(result, Timeline)


class TestDates:
    def test_bare_dates_read_as_edtf(self) -> None:
        """Unquoted dates that YAML would turn into dates, numbers or date-times read as the EDTF written."""
        text = (
            "events:\n"
            "- {title: A, when: 2021-06-06}\n"
            "- {title: B, when: 2019}\n"
            "- {title: C, when: 2021-06-07T10:00}\n"
            "- {title: D, when: -44}\n"
            "- {title: E, when: 2021-06, sources: [{title: S, date: 2021-06-02}]}\n"
        )
        tl = timeline.loads(text, "yaml")

        assert ["-0044", "2019", "2021-06", "2021-06-06", "2021-06-07T10:00"] == [str(e.when) for e in tl]
        assert "2021-06-02" == str(tl.events[2].sources[0].date)

    def test_dates_are_written_in_double_quotes(self) -> None:
        """Every when and source date is quoted, so no YAML tool reads it as a number or date."""
        tl = Timeline(
            events=[Event(id="a", title="A", when="2019", sources=[{"title": "S", "date": "2021-06-02"}])],
            eras=[{"title": "E", "when": "2021"}],
        )

        assert (
            "version: 1\ntitle: ''\neras:\n- title: E\n  when: \"2021\"\nevents:\n- id: a\n  title: A\n"
            '  when: "2019"\n  sources:\n  - title: S\n    date: "2021-06-02"\n'
        ) == timeline.dumps(tl, "yaml")

    @pytest.mark.parametrize(
        "trap",
        [
            "<script>alert(1)</script>",
            "</script><!--",
            "Tom & Jerry",
            "\"double\" and 'single'",
            "🎉👩‍🚀 emoji",
            "مرحبا right-to-left",
            '=HYPERLINK("http://evil.example","x")',
            "--- a document marker\n...",
        ],
    )
    def test_text_traps_come_back_unchanged(self, trap: str) -> None:
        """Markup, quotes, emoji, right-to-left text and formulas are plain text in YAML and come back unchanged."""
        tl = Timeline(title=trap, description=trap, events=[Event(title=trap, when="2021", description=trap)])

        assert tl == timeline.loads(timeline.dumps(tl, "yaml"), "yaml")

    def test_text_that_looks_like_other_types_stays_text(self) -> None:
        """Titles such as 'yes', 'null', '1e3' and '0x10' come back as the same text."""
        titles = ["yes", "null", "1e3", "0x10", "1:20", "~", "- x", "#x", "a: b", "  lead", "tail\n", "\ttab"]
        tl = Timeline(events=[Event(title=title, when="2021") for title in titles])

        assert tl == timeline.loads(timeline.dumps(tl, "yaml"), "yaml")


class TestErrors:
    @pytest.mark.parametrize(
        ("text", "line", "field", "message"),
        [
            ("title: T\nevents:\n- title: A\n  when: 2021-13\n", 4, "events[0].when", "'2021-13'"),
            ("events:\n- title: A\n  when: 2021\n  geo: [91, 0]\n", 4, "events[0].geo.lat", "91"),
            ("events:\n- title: A\n", 2, "events[0].when", "needs 'when'"),
            ("eras:\n- title: E\n  when: nope\n", 3, "eras[0].when", "'nope'"),
            ("title: T\ntitle: U\n", 2, None, "appears twice"),
            ("title: [unclosed\nevents: []\n", 2, None, "not valid YAML"),
            ("- a\n- b\n", None, None, "must be a table"),
            ("a: &x [*x]\n", 1, None, "contains it"),
            ("events:\n- title: A\n  when: 2021\n  score: .nan\n", 4, "events[0].extra.score", "finite"),
            ("title: !!python/object:os.system {}\n", 1, None, "not valid YAML"),
        ],
    )
    def test_errors_name_source_line_and_field(
        self, text: str, line: int | None, field: str | None, message: str
    ) -> None:
        """Bad input raises ParseError naming the source and, where known, line and field."""
        with pytest.raises(ParseError) as caught:
            timeline.loads(text, "yaml", source="in.yaml")

        assert ("in.yaml", line, field) == (caught.value.source, caught.value.line, caught.value.field)
        assert message in str(caught.value)

    def test_alias_bombs_are_refused(self) -> None:
        """Aliases that expand to billions of values are refused before they are built."""
        lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
        with pytest.raises(ParseError, match="expands to more than"):
            timeline.loads("\n".join(lines) + "\n", "yaml")

    def test_few_aliases_are_fine(self) -> None:
        """An anchor reused a few times (one source for many events) reads normally."""
        text = (
            "events:\n"
            "- {title: A, when: '2021', sources: [&cbs {title: CBS News}]}\n"
            "- {title: B, when: '2022', sources: [*cbs]}\n"
        )

        assert ["CBS News", "CBS News"] == [e.sources[0].title for e in timeline.loads(text, "yaml")]


class TestMissingExtra:
    def test_missing_pyyaml_names_the_extra(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without PyYAML, reading and writing YAML raise FormatError naming the extra to install."""
        monkeypatch.setitem(sys.modules, "yaml", None)  # makes `import yaml` fail
        timeline_yaml._classes.cache_clear()
        try:
            with pytest.raises(FormatError, match=r"pip install 'timeline-events\[yaml\]'"):
                timeline.loads("title: T\n", "yaml")
            with pytest.raises(FormatError, match="the 'yaml' extra"):
                timeline.dumps(Timeline(title="T"), "yaml")
        finally:
            timeline_yaml._classes.cache_clear()
