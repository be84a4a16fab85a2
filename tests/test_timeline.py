"""Timeline: its order, queries, merging and de-duplication."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import events, timelines

from timeline import DuplicateEventError, Era, Event, ParseError, Timeline, When


def titles(timeline: Timeline) -> list[str]:
    return [event.title for event in timeline]


def make(*pairs: tuple[str, str], **fields: Any) -> Timeline:
    return Timeline(events=[Event(title=title, when=when) for title, when in pairs], **fields)


class TestOrder:
    def test_events_sort_by_when_then_title(self) -> None:
        """Earliest bound first; for equal dates the title decides."""
        timeline = make(("b", "2021-06-06"), ("a", "2021-06-06"), ("year", "2021"), ("month", "2021-06"))

        assert ["year", "month", "a", "b"] == titles(timeline)

    def test_unknown_start_first_open_end_last(self) -> None:
        """An unknown start sorts before everything; among equal starts an open end sorts last."""
        timeline = make(("open", "2021/.."), ("year", "2021"), ("before", "/2021"))

        assert ["before", "year", "open"] == titles(timeline)

    def test_floating_times_use_the_event_zone(self) -> None:
        """10:00 in Guatemala (16:00 UTC) comes after 15:00 UTC the same day."""
        timeline = Timeline(
            events=[
                Event(title="guatemala", when="2021-06-07T10:00", tz="America/Guatemala"),
                Event(title="utc", when="2021-06-07T15:00Z"),
            ]
        )

        assert ["utc", "guatemala"] == titles(timeline)

    def test_floating_times_fall_back_to_the_timeline_zone(self) -> None:
        """Without an event zone, the timeline's default places a floating time."""
        pairs = (("tokyo", "2021-06-07T10:00"), ("utc", "2021-06-07T02:00Z"))

        assert ["tokyo", "utc"] == titles(make(*pairs, tz="Asia/Tokyo"))
        assert ["utc", "tokyo"] == titles(make(*pairs))

    def test_timeline_wall_clock(self) -> None:
        """In a Tokyo timeline, 23:30 UTC on June 6 is 08:30 on June 7: after the day starts, before 10:00."""
        timeline = Timeline(
            tz="Asia/Tokyo",
            events=[
                Event(title="ten", when="2021-06-07T10:00"),
                Event(title="instant", when="2021-06-06T23:30Z"),
                Event(title="day", when="2021-06-07"),
            ],
        )

        assert ["day", "instant", "ten"] == titles(timeline)
        assert ["day", "instant", "ten"] == titles(timeline.between("2021-06-07", "2021-06-07"))
        assert [] == titles(timeline.between("2021-06-06", "2021-06-06"))

    def test_event_in_another_zone_moves_whole(self) -> None:
        """A Tokyo day in a UTC timeline runs from 15:00 UTC the day before."""
        timeline = Timeline(
            events=[
                Event(title="tokyo day", when="2021-06-07", tz="Asia/Tokyo"),
                Event(title="utc evening", when="2021-06-06T16:00Z"),
            ]
        )

        assert ["tokyo day", "utc evening"] == titles(timeline)
        assert ["tokyo day", "utc evening"] == titles(timeline.between("2021-06-06", "2021-06-06"))

    @given(st.lists(events(), unique_by=lambda e: e.id, max_size=12))
    def test_order_is_the_sort_key_order(self, items: list[Event]) -> None:
        """The timeline's order is exactly that of its public sort_key."""
        timeline = Timeline(events=items)

        assert list(timeline.events) == sorted(items, key=timeline.sort_key)

    def test_huge_and_unknown_years_keep_their_order(self) -> None:
        """Days beyond the fast path's range and unknown starts still sort by their bounds."""
        whens = ["Y-170000002", "/2021", "-0044", "2021", "Y170000002", "Y170000003", "2021/.."]
        timeline = Timeline(events=[Event(title=w, when=w) for w in whens])

        assert ["/2021", "Y-170000002", "-0044", "2021", "2021/..", "Y170000002", "Y170000003"] == titles(timeline)

    @given(st.lists(events(), unique_by=lambda e: e.id, max_size=12), st.randoms())
    def test_order_ignores_input_order(self, items: list[Event], rnd: random.Random) -> None:
        """The same events in any input order give the same timeline."""
        shuffled = list(items)
        rnd.shuffle(shuffled)

        assert Timeline(events=items).events == Timeline(events=shuffled).events

    def test_building_is_n_log_n(self) -> None:
        """Building from 20,000 events does not compare every pair (no O(n^2) step)."""
        items = [Event(title=f"e{i}", when=f"{1000 + i % 9000:04d}") for i in range(20_000)]
        calls = 0
        original = Timeline._order_key

        def counting(self: Timeline, event: Event) -> tuple[object, ...]:
            nonlocal calls
            calls += 1
            return original(self, event)

        Timeline._order_key = counting  # type: ignore[assignment, method-assign]
        try:
            Timeline(events=items)
        finally:
            Timeline._order_key = original  # type: ignore[method-assign]

        assert len(items) == calls


class TestValidation:
    def test_duplicate_ids_are_an_error(self) -> None:
        """Two events with one id are refused, naming both."""
        with pytest.raises(DuplicateEventError, match="'A' and 'B'"):
            Timeline(events=[Event(id="x", title="A", when="2021"), Event(id="x", title="B", when="2021")])

    def test_dicts_become_events_with_their_index_in_errors(self) -> None:
        """Plain dicts are built into events; a bad one is named by index."""
        with pytest.raises(ParseError) as caught:
            Timeline(events=[{"title": "ok", "when": "2021"}, {"title": "bad", "when": "2021-13"}])

        assert "events[1].when" == caught.value.field

    @pytest.mark.parametrize(
        ("fields", "field"),
        [
            ({"title": 3}, "title"),
            ({"tz": "Nowhere/Land"}, "tz"),
            ({"events": "x"}, "events"),
            ({"description": 1}, "description"),
        ],
    )
    def test_bad_timeline_fields(self, fields: dict[str, object], field: str) -> None:
        """Invalid timeline fields raise ParseError naming the field."""
        with pytest.raises(ParseError) as caught:
            Timeline(**fields)  # type: ignore[arg-type]

        assert field == caught.value.field


class TestQueries:
    TRIP = make(
        ("elected", "2019"),
        ("assigned", "2021-03"),
        ("conference", "2021-05"),
        ("meetings", "2021-06-06"),
        ("visits", "2021-06-07/2021-06-08"),
        ("ongoing", "2021-06/.."),
        ("decade", "201X"),
    )

    def test_between_overlaps_partial_dates(self) -> None:
        """A month query catches the days in it, the intervals touching it, and coarser events around it."""
        assert ["ongoing", "meetings", "visits"] == titles(self.TRIP.between("2021-06", "2021-06"))

    def test_between_within(self) -> None:
        """mode='within' keeps only events that certainly lie inside."""
        assert ["meetings", "visits"] == titles(self.TRIP.between("2021-06", "2021-06", mode="within"))

    def test_between_accepts_dates_and_open_sides(self) -> None:
        """Bounds may be date objects, When values or None (unbounded)."""
        assert ["decade", "elected"] == titles(self.TRIP.between(None, date(2019, 12, 31)))
        assert titles(self.TRIP.between(When("2021-06-07"))) == ["ongoing", "visits"]

    def test_between_rejects_unknown_mode(self) -> None:
        """A misspelt mode is an error, not an empty result."""
        with pytest.raises(ValueError, match="mode"):
            self.TRIP.between("2021", "2021", mode="inside")  # type: ignore[arg-type]

    def test_tagged_and_in_group(self) -> None:
        """tagged keeps events with any given tag; in_group those of one group."""
        timeline = Timeline(
            events=[
                Event(title="a", when="2021", tags=["x"], group="G"),
                Event(title="b", when="2021", tags=["y"]),
                Event(title="c", when="2021", tags=["x", "y"], group="G"),
            ]
        )

        assert ["a", "c"] == titles(timeline.tagged("x"))
        assert ["a", "b", "c"] == titles(timeline.tagged("x", "y"))
        assert ["a", "c"] == titles(timeline.in_group("G"))
        assert ["b"] == titles(timeline.in_group(None))

    def test_queries_keep_title_and_zone(self) -> None:
        """A query result is a timeline with the same title, description and zone."""
        timeline = make(("a", "2021"), title="T", description="D", tz="UTC")
        result = timeline.tagged("none")

        assert ("T", "D", "UTC", 0) == (result.title, result.description, result.tz, len(result))

    def test_by_year_never_invents_a_year(self) -> None:
        """Events group by the start year as written; 201X and unknown starts go under None."""
        groups = self.TRIP.by_year()

        assert {
            None: ["decade"],
            2019: ["elected"],
            2021: ["assigned", "conference", "ongoing", "meetings", "visits"],
        } == {year: [e.title for e in items] for year, items in groups.items()}

    def test_by_month_keeps_year_only_events_apart(self) -> None:
        """A year-only event is keyed (year, None), not filed under January."""
        groups = self.TRIP.by_month()

        assert [None, (2019, None), (2021, 3), (2021, 5), (2021, 6)] == list(groups)
        assert ["ongoing", "meetings", "visits"] == [e.title for e in groups[(2021, 6)]]

    def test_get_and_contains(self) -> None:
        """Events can be looked up by id."""
        event = Event(id="x", title="a", when="2021")
        timeline = Timeline(events=[event])

        assert event is timeline.get("x")
        assert timeline.get("y") is None
        assert "x" in timeline
        assert event in timeline


class TestMerge:
    def test_merge_deduplicates_by_id(self) -> None:
        """Merging keeps one event per id; prefer says whose."""
        ours = Timeline(title="ours", events=[Event(id="x", title="old", when="2021")])
        theirs = Timeline(events=[Event(id="x", title="new", when="2021"), Event(title="other", when="2022")])

        assert ["old", "other"] == titles(ours.merge(theirs))
        assert ["new", "other"] == titles(ours.merge(theirs, prefer="other"))
        assert "ours" == ours.merge(theirs).title

    def test_merge_rejects_unknown_preference(self) -> None:
        """A misspelt preference is an error."""
        with pytest.raises(ValueError, match="prefer"):
            Timeline().merge(Timeline(), prefer="mine")  # type: ignore[arg-type]

    def test_deduplicated_keeps_first_or_last(self) -> None:
        """deduplicated builds a timeline from events that repeat ids."""
        items = [Event(id="x", title="first", when="2021"), Event(id="x", title="last", when="2021")]

        assert ["first"] == titles(Timeline.deduplicated(items))
        assert ["last"] == titles(Timeline.deduplicated(items, keep="last", title="T"))
        with pytest.raises(ValueError, match="keep"):
            Timeline.deduplicated(items, keep="middle")  # type: ignore[arg-type]

    @given(timelines(), timelines())
    def test_merge_is_idempotent(self, one: Timeline, two: Timeline) -> None:
        """Merging the same timeline twice changes nothing more."""
        once = one.merge(two)

        assert once == once.merge(two)
        assert {e.id for e in one} | {e.id for e in two} == {e.id for e in once}

    @given(timelines())
    def test_evolve_resorts(self, timeline: Timeline) -> None:
        """attrs.evolve with reversed events still gives the documented order."""
        assert timeline == attrs.evolve(timeline, events=tuple(reversed(timeline.events)))


class TestOccurrences:
    def test_weekly_rule_within_a_window(self) -> None:
        """A weekly rule gives one event per occurrence in the window, ids marked with their start."""
        t = Timeline(events=[{"id": "w", "title": "Weekly", "when": "2021-06-07T10:00", "recurrence": "FREQ=WEEKLY"}])

        got = t.occurrences("2021-06", "2021-06")

        assert ["w@2021-06-07T10:00", "w@2021-06-14T10:00", "w@2021-06-21T10:00", "w@2021-06-28T10:00"] == [
            e.id for e in got
        ]
        assert all(e.recurrence is None and not e.rdate for e in got)

    def test_rdate_and_exdate(self) -> None:
        """rdate adds occurrences, exdate removes them."""
        t = Timeline(
            events=[
                {
                    "id": "d",
                    "title": "Daily",
                    "when": "2021-06-07",
                    "recurrence": "FREQ=DAILY;COUNT=3",
                    "rdate": ["2021-06-20"],
                    "exdate": ["2021-06-08"],
                }
            ]
        )

        assert ["2021-06-07", "2021-06-09", "2021-06-20"] == [str(e.when) for e in t.occurrences("2021", "2021")]

    def test_lengths_are_kept(self) -> None:
        """Each occurrence lasts as long as the first: days stay day intervals, times keep their end."""
        t = Timeline(
            events=[
                {"id": "a", "title": "Days", "when": "2021-06-05/2021-06-06", "recurrence": "FREQ=WEEKLY;COUNT=2"},
                {
                    "id": "b",
                    "title": "Hour",
                    "when": "2021-06-07T10:00Z/2021-06-07T11:00Z",
                    "recurrence": "FREQ=DAILY;COUNT=2",
                },
            ]
        )

        assert {
            "2021-06-05/2021-06-06",
            "2021-06-12/2021-06-13",
            "2021-06-07T10:00Z/2021-06-07T11:00Z",
            "2021-06-08T10:00Z/2021-06-08T11:00Z",
        } == {str(e.when) for e in t.occurrences()}

    def test_an_occurrence_overlapping_the_window_start_counts(self) -> None:
        """An occurrence that began before the window and runs into it is kept."""
        t = Timeline(
            events=[{"id": "a", "title": "A", "when": "2021-06-05/2021-06-08", "recurrence": "FREQ=WEEKLY;COUNT=2"}]
        )

        assert ["2021-06-05/2021-06-08"] == [str(e.when) for e in t.occurrences("2021-06-07", "2021-06-09")]

    def test_other_events_are_kept_when_they_overlap(self) -> None:
        """Events without recurrence are kept as between() keeps them."""
        t = Timeline(events=[{"title": "June", "when": "2021-06"}, {"title": "May", "when": "2021-05"}])

        assert ["June"] == [e.title for e in t.occurrences("2021-06-10", "2021-06-11")]

    def test_endless_rule_needs_a_window_end(self) -> None:
        """A rule without COUNT or UNTIL cannot be expanded into an open window."""
        t = Timeline(events=[{"id": "w", "title": "Weekly", "when": "2021-06-07", "recurrence": "FREQ=WEEKLY"}])

        with pytest.raises(ValueError, match="without end"):
            t.occurrences("2021-06-01")

    def test_until_in_utc_with_a_floating_start(self) -> None:
        """UNTIL in UTC bounds a rule whose start is a floating time."""
        t = Timeline(
            events=[
                {
                    "id": "w",
                    "title": "W",
                    "when": "2021-06-07T10:00",
                    "recurrence": "FREQ=WEEKLY;UNTIL=20210615T000000Z",
                }
            ]
        )

        assert ["2021-06-07T10:00", "2021-06-14T10:00"] == [str(e.when) for e in t.occurrences()]

    def test_rule_follows_the_event_zone(self) -> None:
        """A window in the timeline's zone is read on the event's own clock."""
        t = Timeline(
            tz="Asia/Tokyo",
            events=[
                {
                    "id": "w",
                    "title": "W",
                    "when": "2021-06-07T20:00",
                    "tz": "America/New_York",
                    "recurrence": "FREQ=DAILY",
                }
            ],
        )

        # 2021-06-09 in Tokyo runs from 11:00 on June 8 to 10:59 on June 9 in New York.
        assert ["2021-06-08T20:00"] == [str(e.when) for e in t.occurrences("2021-06-09", "2021-06-09")]


class TestEras:
    def test_eras_are_built_from_tables_and_ordered(self) -> None:
        """Eras come from Era objects or tables and are kept in order of when, then title."""
        timeline = Timeline(
            eras=[
                {"title": "Trip", "when": "2021-06-06/2021-06-08", "description": "Guatemala and Mexico"},
                Era(title="Campaign", when="2020"),
            ]
        )

        assert ["Campaign", "Trip"] == [era.title for era in timeline.eras]
        assert "Guatemala and Mexico" == timeline.eras[1].description

    @pytest.mark.parametrize(
        ("eras", "field", "quoted"),
        [
            ([{"title": "A", "when": "2021-13"}], "eras[0].when", "'2021-13'"),
            ([{"title": " ", "when": "2021"}], "eras[0].title", "' '"),
            ([{"title": "A"}], "eras[0].when", "'when'"),
            ([{"title": "A", "when": "2021", "colour": "red"}], "eras[0]", "'colour'"),
            ([{"title": "A", "when": 2021}], "eras[0].when", "2021"),
            (["A"], "eras[0]", "'A'"),
            ("A", "eras", "'A'"),
        ],
    )
    def test_bad_eras_are_named_and_quoted(self, eras: object, field: str, quoted: str) -> None:
        """An invalid era raises ParseError naming eras[i] and the field, quoting the value."""
        with pytest.raises(ParseError) as caught:
            Timeline(eras=eras)  # type: ignore[arg-type]

        assert field == caught.value.field
        assert quoted in str(caught.value)

    def test_queries_and_merge_keep_the_eras(self) -> None:
        """between(), tagged() and merge() keep the timeline's eras."""
        timeline = Timeline(eras=[Era(title="E", when="2021")], events=[Event(title="A", when="2021")])

        assert timeline.eras == timeline.between("2030", "2031").eras == timeline.merge([]).eras


class TestOccurrenceForms:
    def test_instants_keep_their_offset_and_precision(self) -> None:
        """Occurrences of a start with an offset and seconds are written the same way; rdate and exdate too."""
        t = Timeline(
            events=[
                {
                    "id": "i",
                    "title": "I",
                    "when": "2021-06-07T10:00:30.5+02:00",
                    "recurrence": "FREQ=DAILY;COUNT=3",
                    "rdate": ["2021-06-20T08:00:30Z"],
                    "exdate": ["2021-06-08T10:00:30.5+02:00"],
                }
            ]
        )

        assert ["2021-06-07T10:00:30.5+02:00", "2021-06-09T10:00:30.5+02:00", "2021-06-20T10:00:30.0+02:00"] == [
            str(e.when) for e in t.occurrences(None, "2021-12")
        ]

    def test_rdate_alone_recurs_without_a_rule(self) -> None:
        """An event with rdate and no rule happens on its start and on each rdate."""
        t = Timeline(events=[{"id": "r", "title": "R", "when": "2021-06-07", "rdate": ["2021-07-01"]}])

        assert ["2021-06-07", "2021-07-01"] == [str(e.when) for e in t.occurrences()]
