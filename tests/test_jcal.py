"""jCal: the same properties as .ics, as RFC 7265 JSON, read back through icalendar."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import timelines
from test_ics import STAMP, written

import timeline
from timeline import Event, ParseError, Timeline

pytestmark = pytest.mark.filterwarnings("ignore::timeline.TimelineWarning")


def jcal(source: Timeline | Iterable[Event], **options: object) -> Any:
    options.setdefault("stamp", STAMP)
    return json.loads(timeline.dumps(source, "jcal", **options))


class TestRoundTrip:
    @given(timelines())
    def test_read_write_round_trip(self, tl: Timeline) -> None:
        """Reading our jCal gives back the timeline, less the events no calendar can hold."""
        back = timeline.loads(timeline.dumps(tl, "jcal", stamp=STAMP), "jcal")

        assert (tl.title, tl.description, tl.tz, dict(tl.extra), tl.eras) == (
            back.title,
            back.description,
            back.tz,
            dict(back.extra),
            back.eras,
        )
        assert written(tl) == list(back)

    @given(timelines())
    def test_same_calendar_as_ics(self, tl: Timeline) -> None:
        """icalendar reads our jCal and our .ics into the same calendar: one mapping, two spellings."""
        from_jcal = icalendar.Calendar.from_jcal(jcal(tl))
        from_ics = icalendar.Calendar.from_ical(timeline.dumps(tl, "ics", stamp=STAMP))

        assert _values(from_ics) == _values(from_jcal)

    def test_worked_example(self) -> None:
        """The worked example comes back exactly."""
        trip = timeline.load("examples/harris-trip.toml")

        assert trip == timeline.loads(timeline.dumps(trip, "jcal", stamp=STAMP), "jcal")

    @given(st.text())
    def test_any_text_gives_a_timeline_or_parse_error(self, text: str) -> None:
        """Any text reads as a Timeline or fails with ParseError naming the source."""
        try:
            timeline.loads(text, "jcal")
        except ParseError as exc:
            assert "<string>" == exc.source


def _values(calendar: Any) -> list[tuple[str, bytes]]:
    """Every property's name and value in iCalendar form, parameters aside (jCal drops VALUE=TEXT)."""
    return [
        (name, value.to_ical()) for name, value in calendar.property_items(sorted=False) if name not in ("BEGIN", "END")
    ]


class TestShape:
    def test_layout(self) -> None:
        """An array: "vcalendar", its properties, its components; names lower case, types given."""
        data = jcal(Timeline(title="Trip", events=[{"id": "a", "title": "Visit", "when": "2021-06-07"}]))

        assert "vcalendar" == data[0]
        assert ["name", {}, "text", "Trip"] in data[1]
        event = data[2][0]
        assert "vevent" == event[0]
        assert ["dtstart", {}, "date", "2021-06-07"] in event[1]
        assert ["dtend", {}, "date", "2021-06-08"] in event[1]
        assert ["uid", {}, "text", "a@timeline.invalid"] in event[1]

    def test_times_recurrence_and_zones(self) -> None:
        """TZID becomes a parameter, RRULE an object, offsets are written with colons."""
        event = Event(
            title="Stand-up",
            when="2021-06-07T09:30",
            tz="Europe/Berlin",
            recurrence="FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20210630T000000Z;INTERVAL=2",
        )
        data = jcal([event])
        zone, vevent = data[2]

        assert "vtimezone" == zone[0]
        assert ["tzoffsetfrom", {}, "utc-offset", "+01:00"] in zone[2][1][1]
        assert ["dtstart", {"tzid": "Europe/Berlin"}, "date-time", "2021-06-07T09:30:00"] in vevent[1]
        rule = next(prop for prop in vevent[1] if prop[0] == "rrule")
        assert {"freq": "WEEKLY", "byday": ["MO", "WE"], "until": "2021-06-30T00:00:00Z", "interval": 2} == rule[3]

    def test_categories_and_geo(self) -> None:
        """Several values follow one another; GEO is a pair of numbers."""
        data = jcal([Event(title="A", when="2021-06-06", tags=["a", "b, c"], geo=[14.6, -90.5])])
        props = data[2][0][1]

        assert ["categories", {}, "text", "a", "b, c"] in props
        assert ["geo", {}, "float", [14.6, -90.5]] in props

    def test_streams_generators(self) -> None:
        """Like .ics, jCal takes a one-pass generator; its VTIMEZONEs come after the events."""
        data = jcal(iter([Event(title="A", when="2021-06-07T10:00", tz="Europe/Berlin")]))

        assert ["vevent", "vtimezone"] == [component[0] for component in data[2]]


class TestErrors:
    @pytest.mark.parametrize("text", ["[1, 2", "{}", '["vevent", [], []]', "[]"])
    def test_not_jcal(self, text: str) -> None:
        """Text that is not jCal is a ParseError naming the source."""
        with pytest.raises(ParseError) as caught:
            timeline.loads(text, "jcal", source="cal.jcal")

        assert "cal.jcal" == caught.value.source

    def test_broken_structure(self) -> None:
        """A vcalendar whose parts are not lists is a ParseError, not a crash."""
        with pytest.raises(ParseError, match="not valid jCal"):
            timeline.loads('["vcalendar", 3, "x"]', "jcal")

    def test_nesting_too_deep_for_python(self) -> None:
        """Arrays nested deeper than Python's recursion limit: a ParseError, not a RecursionError."""
        with pytest.raises(ParseError, match="not valid JSON"):
            timeline.loads("[" * 5000 + "]" * 5000, "jcal")

    @pytest.mark.parametrize(
        ("prop", "message"),
        [
            (["x-foo", {}, "text", "a\ud800b"], "X-FOO cannot be kept"),
            (["organizer", {"cn": 5}, "cal-address", "mailto:a@example.org"], "ORGANIZER cannot be kept"),
            (["x-timeline-data", {}, "text", '{"media": 1}'], "'media' cannot be 1"),
        ],
    )
    def test_values_icalendar_cannot_write_back(self, prop: list[Any], message: str) -> None:
        """A property icalendar took but cannot write as a line, or our data of the wrong shape: a ParseError."""
        event = ["vevent", [["uid", {}, "text", "u"], ["dtstart", {}, "date", "2021-06-06"], prop], []]

        with pytest.raises(ParseError, match=message):
            timeline.loads(json.dumps(["vcalendar", [], [event]]), "jcal")


class TestSets:
    def test_a_set_spans_its_bounds(self) -> None:
        """jCal shows a set from its first bound to its last, like .ics, and reads it back exactly."""
        tl = Timeline(events=[Event(title="A", when="[1667,1668,1670..1672]")])
        event = jcal(tl)[2][0]
        props = {prop[0]: prop[3] for prop in event[1]}

        assert ("1667-01-01", "1673-01-01") == (props["dtstart"], props["dtend"])
        assert "[1667,1668,1670..1672]" == str(next(iter(timeline.loads(json.dumps(jcal(tl)), "jcal"))).when)


class TestForeignJcal:
    def test_reads_like_ics(self) -> None:
        """jCal from elsewhere shares the .ics mapping: Windows zones, unknown properties in extra, repeated UIDs."""
        doc = [
            "vcalendar",
            [],
            [
                [
                    "vevent",
                    [
                        ["uid", {}, "text", "a"],
                        ["dtstart", {"tzid": "Pacific Standard Time"}, "date-time", "2021-06-06T10:00:00"],
                        ["x-apple-foo", {}, "unknown", "bar"],
                    ],
                    [],
                ],
                ["vevent", [["uid", {}, "text", "a"], ["dtstart", {}, "date", "2021-06-07"]], []],
            ],
        ]

        tl = timeline.loads(json.dumps(doc), "jcal")

        assert [
            ("a", "2021-06-06T10:00:00", "America/Los_Angeles", {"ics": ["X-APPLE-FOO:bar"]}),
            ("a/2", "2021-06-07", None, {"ics": ["UID:a"]}),  # its UID as written, for the writer to give back
        ] == [(e.id, str(e.when), e.tz, dict(e.extra)) for e in tl]
