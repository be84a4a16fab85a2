"""The API as a hand meets it: When from Python values, queries, indexing, add, reprs, typos."""

from __future__ import annotations

import io
import warnings
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from strategies import events, timelines

import timeline
from timeline import DuplicateEventError, Event, ParseError, Timeline, TimelineWarning, When

NAMES = {
    name: getattr(timeline, name) for name in ("Era", "Event", "Geo", "Media", "Source", "Status", "Timeline", "When")
}


def sample() -> Timeline:
    return Timeline(
        title="Sample",
        events=[
            {"title": "Elected", "when": "2019", "tags": ["politics"]},
            {"title": "Visit", "when": "2021-06-07", "tags": ["politics", "trip"]},
            {"title": "Talks", "when": "2021-06-08T10:00", "tz": "America/Guatemala", "tags": ["trip"]},
            {"title": "Later", "when": "2022-03"},
        ],
    )


class TestWhenFromPython:
    @pytest.mark.parametrize(
        ("value", "text"),
        [
            (date(2021, 6, 7), "2021-06-07"),
            (datetime(2021, 6, 7, 9, 30), "2021-06-07T09:30:00"),
            (datetime(2021, 6, 7, 9, 30, tzinfo=UTC), "2021-06-07T09:30:00Z"),
            ((date(2021, 6, 7), date(2021, 6, 9)), "2021-06-07/2021-06-09"),
            ((date(2021, 6, 7), None), "2021-06-07/"),
            ([None, date(2021, 6, 9)], "/2021-06-09"),
        ],
    )
    def test_python_values(self, value: date | tuple[date | None, date | None], text: str) -> None:
        """When takes a date, a datetime or a (start, end) pair, as Event's when does."""
        assert text == str(When(value))
        assert When(value) == Event(title="x", when=value).when

    def test_zoned_datetime_keeps_its_offset(self) -> None:
        """A When has no zone name: a zoned datetime keeps its wall time and offset."""
        value = datetime(2021, 6, 7, 9, 30, tzinfo=ZoneInfo("America/Guatemala"))

        assert "2021-06-07T09:30:00-06:00" == str(When(value))


class TestQueries:
    def test_between_years(self) -> None:
        """between takes years: 2021 runs from its first day to its last."""
        assert ["Visit", "Talks"] == [e.title for e in sample().between(2021, 2021, mode="within")]
        assert ["Visit", "Talks", "Later"] == [e.title for e in sample().between(2020)]

    def test_between_dates_datetimes_and_text_agree(self) -> None:
        """A date, a datetime, EDTF text and a When name the same bound."""
        t = sample()
        by_date = t.between(date(2021, 6, 8), date(2021, 6, 8))
        by_datetime = t.between(datetime(2021, 6, 8, 0, 0), datetime(2021, 6, 8, 23, 59, 59))
        by_text = t.between("2021-06-08", When("2021-06-08"))

        assert ["Talks"] == [e.title for e in by_date] == [e.title for e in by_text]
        assert ["Talks"] == [e.title for e in by_datetime]

    @pytest.mark.parametrize("bound", [[2021], 2021.0, True, b"2021"])
    def test_between_refuses_other_types(self, bound: object) -> None:
        """Anything else is a TypeError naming what a bound may be."""
        with pytest.raises(TypeError, match="a bound must be a year"):
            sample().between(bound)  # type: ignore[arg-type]

    def test_bc_years(self) -> None:
        """Negative years are astronomical, as EDTF writes them."""
        t = Timeline(events=[{"title": "Old", "when": "-0299"}, {"title": "New", "when": "2021"}])

        assert ["Old"] == [e.title for e in t.between(-300, -299)]

    def test_tagged_any_and_all(self) -> None:
        """tagged keeps events with any of the tags, or with match="all" every one of them."""
        t = sample()

        assert ["Elected", "Visit", "Talks"] == [e.title for e in t.tagged("politics", "trip")]
        assert ["Visit"] == [e.title for e in t.tagged("politics", "trip", match="all")]
        assert ["Visit"] == [e.title for e in t.tagged(["politics", "trip"], match="all")]
        assert [] == list(t.tagged("nothing"))

    def test_tagged_refuses_bad_arguments(self) -> None:
        """A bad match or a tag that is not text is refused."""
        with pytest.raises(ValueError, match="match must be"):
            sample().tagged("x", match="some")  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="a tag is text"):
            sample().tagged([1])  # type: ignore[list-item]


class TestSequence:
    def test_len_index_slice_iteration(self) -> None:
        """A timeline is a sequence of its events in order; a slice is a timeline."""
        t = sample()

        assert 4 == len(t)
        assert "Elected" == t[0].title
        assert "Later" == t[-1].title
        assert ["Visit", "Talks"] == [e.title for e in t[1:3]]
        assert "Sample" == t[1:3].title
        assert [e.title for e in t] == [t[i].title for i in range(len(t))]
        with pytest.raises(IndexError):
            t[4]

    def test_add_returns_a_new_sorted_timeline(self) -> None:
        """add takes Events and mappings, sorts them in, and leaves the original alone."""
        t = sample()
        bigger = t.add(Event(title="First", when="1990"), {"title": "Last", "when": "2030"})

        assert ["First", "Elected", "Visit", "Talks", "Later", "Last"] == [e.title for e in bigger]
        assert 4 == len(t)
        assert t.title == bigger.title

    def test_add_refuses_a_duplicate_id(self) -> None:
        """An added event with an id already there is a DuplicateEventError."""
        t = sample()
        with pytest.raises(DuplicateEventError):
            t.add(t[0])

    def test_add_names_a_bad_mapping(self) -> None:
        """A bad mapping is a ParseError naming where it is."""
        with pytest.raises(ParseError) as caught:
            sample().add({"title": "x", "when": "nope"})

        assert "events[4].when" == caught.value.field


class TestRepr:
    def test_event_repr_shows_only_what_differs(self) -> None:
        """The repr leaves out defaults and a derived id."""
        event = Event(title="T", when="2021", tags=["a"])

        assert "Event(title='T', when=When('2021'), tags=('a',))" == repr(event)
        assert "id='mine'" in repr(Event(id="mine", title="T", when="2021"))

    def test_parts_leave_out_none(self) -> None:
        """Source and Media leave out what is None; Geo and Status read as Python."""
        event = Event(
            title="T",
            when="2021",
            sources=[{"title": "S"}],
            media="https://example.org/a.png",
            geo=(14.6, -90.5),
            status="cancelled",
        )
        text = repr(event)

        assert "Source(title='S')" in text
        assert "Media(url='https://example.org/a.png')" in text
        assert "Geo(lat=14.6, lon=-90.5)" in text
        assert "status=Status.CANCELLED" in text
        assert isinstance(eval(text, dict(NAMES)), Event)  # noqa: S307 - our own repr, checked to be Python

    @given(events())
    def test_event_repr_is_python_that_builds_an_equal_event(self, event: Event) -> None:
        """eval(repr(event)) == event for any event."""
        assert event == eval(repr(event), dict(NAMES))  # noqa: S307 - our own repr, checked to be Python

    @given(timelines())
    def test_timeline_repr_is_python_that_builds_an_equal_timeline(self, t: Timeline) -> None:
        """eval(repr(timeline)) == timeline for any timeline."""
        assert t == eval(repr(t), dict(NAMES))  # noqa: S307 - our own repr, checked to be Python
        assert repr(Timeline()) == "Timeline()"


class TestTypos:
    def test_unknown_keyword_suggests_the_field(self) -> None:
        """Event(tagz=...) is a TypeError that names the field it resembles."""
        with pytest.raises(TypeError, match=r"'tagz' \(did you mean 'tags'\?\)"):
            Event(title="x", when="2021", tagz=["a"])  # type: ignore[call-arg]

    def test_near_miss_in_from_dict_warns_at_the_callers_line(self) -> None:
        """A misspelt key in a dict warns, blamed on this file, and still lands in extra."""
        with pytest.warns(TimelineWarning, match="unknown field 'tagz' kept in extra; did you mean 'tags'") as caught:
            event = Event.from_dict({"title": "x", "when": "2021", "tagz": ["a"]})

        assert __file__ == caught[0].filename
        assert ("a",) == tuple(event.extra["tagz"])  # type: ignore[arg-type]

    def test_near_miss_in_timeline_events_warns_at_the_callers_line(self) -> None:
        """The same through Timeline(events=[...]), through attrs' generated __init__."""
        with pytest.warns(TimelineWarning, match="did you mean 'location'") as caught:
            Timeline(events=[{"title": "x", "when": "2021", "locaton": "Here"}])

        assert __file__ == caught[0].filename

    def test_a_key_unlike_any_field_is_silent(self) -> None:
        """A key that resembles no field is an extra on purpose: no warning."""
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            event = Event.from_dict({"title": "x", "when": "2021", "importance": 3})

        assert 3 == event.extra["importance"]

    def test_files_warn_once_with_their_line(self, tmp_path: object) -> None:
        """A file's misspelt key warns once, naming the file and line, not twice."""
        text = '{"events": [\n{"title": "x", "when": "2021", "tagz": ["a"]}\n]}'
        with pytest.warns(TimelineWarning) as caught:
            timeline.loads(text, "json")

        assert 1 == len(caught)
        assert "line 2" in str(caught[0].message)


class TestWarningsPointAtTheCaller:
    """Every warning is blamed on the caller's line, whatever path led to it (stacklevel)."""

    def test_svg_writer(self) -> None:
        """An event the picture cannot place."""
        t = Timeline(events=[{"title": "Unknown year", "when": "XXXX"}, {"title": "Known", "when": "2021"}])
        with pytest.warns(TimelineWarning, match="cannot go on the axis") as caught:
            timeline.dumps(t, "svg")

        assert {__file__} == {record.filename for record in caught}

    def test_changelog_reader(self) -> None:
        """A release without a date, read by loads, names its line and blames the caller."""
        text = "# Changelog\n\n## [Unreleased]\n\n- Something.\n\n## [1.0.0] - 2021-06-07\n\n- First.\n"
        with pytest.warns(TimelineWarning, match=r"<string>, line 3: 'Unreleased' has no date") as caught:
            timeline.loads(text, "changelog")

        assert {__file__} == {record.filename for record in caught}

    def test_ics_writer(self) -> None:
        """An event a calendar cannot hold, through dumps and through dump to a stream."""
        t = Timeline(events=[{"title": "Open", "when": "2021-06-07/.."}])
        with pytest.warns(TimelineWarning, match="open or unknown end") as caught:
            timeline.dumps(t, "ics", domain="example.org")
        with pytest.warns(TimelineWarning, match="open or unknown end") as caught_too:
            timeline.dump(t, io.StringIO(), "ics", domain="example.org")

        assert {__file__} == {record.filename for record in [*caught, *caught_too]}

    def test_ics_reader_names_file_and_line(self, tmp_path: Path) -> None:
        """Reader warnings name the file and line, through loads and through load of a path."""
        text = (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a@x\r\nDTSTAMP:20210101T000000Z\r\n"
            "SUMMARY:No start\r\nDTEND;VALUE=DATE:20210102\r\nEND:VEVENT\r\nEND:VCALENDAR\r\nX-AFTER:1\r\n"
        )
        path = tmp_path / "cal.ics"
        path.write_text(text, encoding="utf-8", newline="")
        with pytest.warns(TimelineWarning) as caught:
            timeline.loads(text, "ics")
        with pytest.warns(TimelineWarning) as caught_too:
            timeline.load(path)

        messages = sorted(str(record.message) for record in caught)
        assert [
            "<string>, line 11: a property outside any component is ignored: 'X-AFTER:1'",
            "<string>, line 4: a VEVENT has no DTSTART; dated by DTEND",
        ] == messages
        assert {m.replace("<string>", str(path)) for m in messages} == {str(r.message) for r in caught_too}
        assert {__file__} == {record.filename for record in [*caught, *caught_too]}

    def test_json_reader_names_file_and_line(self) -> None:
        """A misspelt key in a JSON file: the file, line and field, blamed on the caller."""
        with pytest.warns(TimelineWarning, match=r"<string>, line 2, events\[0\]\.tagz") as caught:
            timeline.loads('{"events": [\n{"title": "x", "when": "2021", "tagz": 1}]}', "json")

        assert {__file__} == {record.filename for record in caught}
