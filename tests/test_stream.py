"""Reading as the text comes (json, jsonl, ics), the jsonl and toml writers, and load on open files."""

from __future__ import annotations

import io
import json
import warnings
from pathlib import Path
from typing import Any, cast

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import timelines

import timeline
from timeline import Timeline
from timeline.errors import FormatError, ParseError, TimelineWarning
from timeline.formats import _ical_read, _stream
from timeline.formats import csv as csv_format
from timeline.formats._fields import to_data

EXAMPLE = Path(__file__).parent.parent / "examples" / "harris-trip.toml"
CORPUS = Path(__file__).parent.parent.parent / "shared" / "corpus" / "ics"


def streamed(text: str, fmt: str = "json") -> Timeline:
    """``text`` read through the streaming reader, from a binary file."""
    return timeline.load(io.BytesIO(text.encode("utf-8")), fmt)


class TestJsonStream:
    @given(timelines(), st.sampled_from([0, 2]))
    def test_same_as_the_whole_reader(self, tl: Timeline, indent: int) -> None:
        """Any canonical JSON reads the same event by event as in one piece."""
        text = timeline.dumps(tl, "json", indent=indent)

        assert timeline.loads(text, "json") == streamed(text)

    @given(timelines(), st.integers(min_value=1, max_value=64))
    def test_chunk_boundaries_anywhere(self, tl: Timeline, chunk: int) -> None:
        """Values cut by a chunk boundary at any character are read whole."""
        text = timeline.dumps(tl, "json", indent=0)
        saved = _stream.CHUNK
        _stream.CHUNK = chunk
        try:
            assert tl == streamed(text)
        finally:
            _stream.CHUNK = saved

    def test_writer_output_is_the_one_json_dumps_gives(self) -> None:
        """The event-by-event writer writes exactly what json.dumps of the whole document would."""
        trip = timeline.load(EXAMPLE)
        for indent in (0, 2, 5):
            expected = json.dumps(to_data(trip), ensure_ascii=False, indent=indent or None) + "\n"
            assert expected == timeline.dumps(trip, "json", indent=indent)

    @pytest.mark.parametrize(
        ("text", "line", "message"),
        [
            ('{"events": [\n{"title": "a", "when": "2021"},\n{"title": "b", "when": "soon"}\n]}', 3, "when"),
            ('{"events": [\n{"title": "a", "when": "2021", "title": "b"}\n]}', 2, "appears twice"),
            ('{"events": [\n{"title": "a", "when": "2021"},\n]}', 3, "trailing comma"),
            ('{"events": [{"title": "a", "when": "2021"}]}\nxyz', 2, "Extra data"),
            ('{"events": [{"title": "a", "when": "2021"}] "title": "x"}', 1, "Expecting ','"),
            ('{"title": "a", "title": "b", "events": []}', 1, "appears twice"),
            ('{"events": [\n\n{"title": "a", "when": NaN}]}', 3, "NaN"),
            ('{"events": [{"title": "a", "when": "2021"}', 1, "Expecting"),
            ("[1, 2]", None, "a timeline must be a table"),
            ('{"events": 5}', None, "'events' must be a list"),
            ('{"version": 2, "events": [{"title": "a", "when": "2021"}]}', None, "version"),
        ],
    )
    def test_errors_name_the_line(self, text: str, line: int | None, message: str) -> None:
        """A broken file is a ParseError naming the source and, where there is one, the line."""
        with pytest.raises(ParseError, match=message) as caught:
            streamed(text)

        assert ("<stream>", line) == (caught.value.source, caught.value.line)

    def test_title_after_the_events_is_kept(self) -> None:
        """A timeline field after the events array still reaches the Timeline."""
        text = '{"events": [{"title": "a", "when": "2021"}], "title": "Late", "tz": "UTC"}'

        assert ("Late", "UTC") == (streamed(text).title, streamed(text).tz)

    def test_near_miss_warns_with_the_line(self) -> None:
        """A misspelt field of a streamed event warns naming its line, as the whole reader does."""
        text = '{"events": [\n{"title": "a",\n "when": "2021",\n "tagz": ["x"]}]}'

        with pytest.warns(TimelineWarning, match=r"line 4, events\[0\]\.tagz.*'tags'"):
            streamed(text)


class TestJsonLines:
    @given(timelines())
    def test_round_trip_of_the_events(self, tl: Timeline) -> None:
        """Every event comes back from JSON Lines (the file holds events only, not the title)."""
        back = timeline.loads(timeline.dumps(tl, "jsonl"), "jsonl")

        assert tl.events == Timeline(events=back.events, tz=tl.tz).events or list(tl.events) == sorted(
            back.events, key=tl.sort_key
        )

    @given(timelines())
    def test_each_line_is_the_canonical_event(self, tl: Timeline) -> None:
        """Line i is the i-th event of the canonical JSON, as json.loads reads them."""
        lines = timeline.dumps(tl, "jsonl").splitlines()

        assert json.loads(timeline.dumps(tl, "json"))["events"] == [json.loads(line) for line in lines]

    def test_streams_from_a_generator(self) -> None:
        """The writer takes any iterable of events and writes them as they come."""
        events = (timeline.Event(title=f"e{n}", when=f"20{n:02}") for n in range(3))

        assert 3 == len(timeline.dumps(events, "jsonl").splitlines())

    def test_errors_name_the_line(self) -> None:
        """A bad line, a non-object and a bad event name their line; blank lines are skipped."""
        good = '{"title": "a", "when": "2021"}'
        for text, line, message in (
            (f"{good}\n\n{{nope\n", 3, "not valid JSON"),
            (f"{good}\n[1]\n", 2, "one event"),
            (f'{good}\n{{"title": "b", "when": "later"}}\n', 2, "when"),
            (f'{good}\n{{"title": "b", "when": "2021", "when": "2022"}}\n', 2, "twice"),
        ):
            with pytest.raises(ParseError, match=message) as caught:
                timeline.loads(text, "jsonl", source="x.jsonl")
            assert ("x.jsonl", line) == (caught.value.source, caught.value.line)

    def test_writer_refuses_what_is_not_an_event(self) -> None:
        """An item that is no Event is a FormatError."""
        with pytest.raises(FormatError, match="takes events"):
            timeline.dumps(["x"], "jsonl")  # type: ignore[list-item]


def _without_nulls(value: object) -> object:
    """``value`` with every null left out (TOML has none)."""
    if isinstance(value, dict):
        return {key: _without_nulls(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_without_nulls(item) for item in value if item is not None]
    return value


def _tomlable(tl: Timeline) -> Timeline:
    events = [attrs.evolve(event, extra=cast(dict[str, Any], _without_nulls(dict(event.extra)))) for event in tl.events]
    return attrs.evolve(tl, events=events, extra=cast(dict[str, Any], _without_nulls(dict(tl.extra))))


class TestToml:
    @given(timelines().map(_tomlable))
    def test_round_trip(self, tl: Timeline) -> None:
        """Any timeline without nulls survives the TOML writer and the TOML reader unchanged."""
        assert tl == timeline.loads(timeline.dumps(tl, "toml"), "toml")

    @given(timelines().map(_tomlable))
    def test_write_read_write_is_stable(self, tl: Timeline) -> None:
        """Writing what was read gives the same text."""
        text = timeline.dumps(tl, "toml")

        assert text == timeline.dumps(timeline.loads(text, "toml"), "toml")

    def test_laid_out_for_hand_editing(self) -> None:
        """Fields first, one [[events]] table each, sources as [[events.sources]], long text on lines."""
        text = timeline.dumps(timeline.load(EXAMPLE), "toml")

        assert text.startswith('title = "Harris')
        assert 9 == text.count("\n[[events]]\n")
        assert "\n[[events.sources]]\n" in text
        assert 'description = """\n' in text
        assert timeline.load(EXAMPLE) == timeline.loads(text, "toml")

    def test_null_in_extra_is_refused(self) -> None:
        """TOML has no null: an extra field holding one is a FormatError naming it."""
        tl = Timeline(events=[{"title": "a", "when": "2021", "note": None}])

        with pytest.raises(FormatError, match=r"note.*no null"):
            timeline.dumps(tl, "toml")


class TestIcsStream:
    def _mixed(self) -> str:
        """Our own events (direct path) and foreign ones icalendar must read, with a VTIMEZONE."""
        tl = Timeline(
            title="Mixed",
            events=[{"title": f"e{n}", "when": f"2021-06-{n + 1:02}T10:00", "tz": "Europe/Berlin"} for n in range(7)],
        )
        text = timeline.dumps(tl, "ics", domain="example.org", stamp="2021-01-01T00:00:00Z")
        foreign = (
            "BEGIN:VEVENT\r\nUID:f{n}\r\nDTSTART;TZID=Custom Zone:20210701T090000\r\n"
            "SUMMARY:Foreign {n}\r\nATTENDEE;CN=A:mailto:a@example.org\r\nEND:VEVENT\r\n"
        )
        zone = (
            "BEGIN:VTIMEZONE\r\nTZID:Custom Zone\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
            "TZOFFSETFROM:+0300\r\nTZOFFSETTO:+0300\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
        )
        body = zone + "".join(foreign.format(n=n) for n in range(5))
        return text.replace("END:VCALENDAR", body + "END:VCALENDAR")

    @pytest.mark.parametrize("batch", [1, 2, 3, 1000])
    def test_batches_read_as_the_whole(self, batch: int, monkeypatch: pytest.MonkeyPatch) -> None:
        """However the events are batched, the Timeline is the same, in the order of the text."""
        text = self._mixed()
        whole = timeline.loads(text, "ics")
        monkeypatch.setattr(_ical_read, "BATCH", batch)

        assert whole == timeline.loads(text, "ics") == streamed(text, "ics")
        assert 12 == len(whole)
        assert "Mixed" == whole.title

    def test_error_in_a_late_batch_names_its_line(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A broken event after several batches is named by its own line in the file."""
        monkeypatch.setattr(_ical_read, "BATCH", 2)
        text = self._mixed()
        lines = text.split("\r\n")
        bad = next(n for n, line in enumerate(lines, 1) if line.startswith("DTSTART;TZID=Custom Zone") and n > 60)
        broken = text.replace(lines[bad - 1], "DTSTART;TZID=Custom Zone:2021070", 1)

        with pytest.raises(ParseError) as caught:
            streamed(broken, "ics")

        assert bad == caught.value.line

    @pytest.mark.corpus
    def test_corpus_reads_the_same_in_batches_of_three(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Real files (the shared corpus, read in place) give the same events in small batches.

        Run by `make check-ics-corpus` (marker ``corpus``): a clean clone has no corpus beside it.
        """
        files = sorted(CORPUS.rglob("*.ics"))[::10]  # one in ten, over the whole corpus
        assert files, f"no .ics files under {CORPUS}"
        compared = 0
        for path in files:
            outcomes = []
            for batch in (1000, 3):
                monkeypatch.setattr(_ical_read, "BATCH", batch)
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always")
                    try:
                        found: object = timeline.load(path, lenient=True)
                    except ParseError as exc:
                        found = str(exc)
                outcomes.append((found, sorted(str(w.message) for w in caught)))
            assert outcomes[0] == outcomes[1], path
            compared += 1
        assert compared == len(files)


class TestLoadOpenFiles:
    def test_text_and_binary_files(self, tmp_path: Path) -> None:
        """load takes a path, an open text file or an open binary file; the format from its name."""
        path = tmp_path / "trip.json"
        timeline.dump(timeline.load(EXAMPLE), path)
        expected = timeline.load(path)

        with path.open(encoding="utf-8") as text_file:
            assert expected == timeline.load(text_file)
        with path.open("rb") as binary_file:
            assert expected == timeline.load(binary_file)
            assert not binary_file.closed  # closing is the caller's
        assert expected == timeline.load(io.StringIO(path.read_text(encoding="utf-8")), "json")

    def test_formats_that_do_not_stream_read_whole(self) -> None:
        """A TOML file given open reads as its path would."""
        with EXAMPLE.open("rb") as file:
            assert timeline.load(EXAMPLE) == timeline.load(file)

    def test_bad_utf8_names_the_line(self) -> None:
        """Bytes that are not UTF-8 are a ParseError naming the line, in a streamed read too."""
        data = b'{"events": [\n{"title": "a\xff", "when": "2021"}]}'

        with pytest.raises(ParseError, match="not UTF-8") as caught:
            timeline.load(io.BytesIO(data), "json")

        assert 2 == caught.value.line

    def test_a_stream_without_a_name_needs_a_format(self) -> None:
        """An unnamed stream and no format is a FormatError."""
        with pytest.raises(FormatError, match="format name is needed"):
            timeline.load(io.StringIO("{}"))


class TestCsvStream:
    def test_rows_stream_and_title_anywhere(self, tmp_path: Path) -> None:
        """Event rows come one at a time; a title or era row after them still reaches the Timeline."""
        trip = timeline.load(EXAMPLE)
        text = timeline.dumps(trip, "csv")
        header, title, *rest = text.split("\r\n")
        moved = "\r\n".join([header, *rest[:-1], title, ""])
        stream = csv_format.stream(io.StringIO(moved, newline=""), "x.csv")

        first = next(iter(stream))

        assert timeline.loads(text, "csv").events[0] == first
        assert timeline.loads(text, "csv") == timeline.loads(moved, "csv")
        assert trip.title == timeline.loads(moved, "csv").title

    def test_error_names_row_and_column(self) -> None:
        """A bad cell in a late row names its row, line and column, as the whole reader did."""
        text = "Year,Month,Headline\r\n2021,6,a\r\n2021,13,b\r\n"

        with pytest.raises(ParseError, match=r"row 3, column 'Month'") as caught:
            streamed(text, "csv")

        assert 3 == caught.value.line
