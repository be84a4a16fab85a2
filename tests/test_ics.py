"""The .ics writer: what icalendar and ical read back, folding, escaping, zones, policies, streaming."""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import foreign_lines, timelines

import timeline
from timeline import Event, FormatError, Timeline, TimelineWarning, When
from timeline._event import JSONValue
from timeline.formats._vtimezone import vtimezone
from timeline.formats.ics import fold, from_icalendar, to_icalendar

STAMP = "2021-06-02T00:00:00Z"


def ics(source: Timeline | Iterable[Event], **options: object) -> str:
    options.setdefault("stamp", STAMP)
    return timeline.dumps(source, "ics", **options)


def unfolded(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def vevents(text: str) -> list[Any]:
    return list(icalendar.Calendar.from_ical(text).walk("VEVENT"))


def written(tl: Timeline) -> list[Event]:
    """The events a default export keeps: those whose shown span lies in the years 1-9999.

    An open or unknown end shows its known end alone; a calendar also needs
    the day after the last one.
    """
    kept = []
    for event in tl:
        when = event.when
        point = when.start if when.start is not None else when.end
        if point is None:  # a set open at both ends shows its first member's end
            point = when.members()[0].end
        assert point is not None
        shown = When(point.text) if ("u" in when._kinds or "o" in when._kinds) else when
        try:
            first, last = shown.earliest(), shown.latest()
            assert first is not None
            assert last is not None
            (last.date() if isinstance(last, datetime) else last) + timedelta(days=1)
        except (timeline.OutOfRangeError, OverflowError):
            continue
        kept.append(event)
    return kept


class TestRoundTrip:
    @pytest.mark.filterwarnings("ignore::timeline.TimelineWarning")
    @given(timelines())
    def test_icalendar_gives_back_every_field(self, tl: Timeline) -> None:
        """icalendar reads our .ics back to the same timeline, less the events no calendar can hold."""
        back = from_icalendar(to_icalendar(tl, stamp=STAMP))

        assert (tl.title, tl.description, tl.tz, dict(tl.extra), tl.eras) == (
            back.title,
            back.description,
            back.tz,
            dict(back.extra),
            back.eras,
        )
        assert written(tl) == list(back)

    @pytest.mark.filterwarnings("ignore::timeline.TimelineWarning")
    @given(timelines())
    def test_standard_properties_hold_the_text_and_times(self, tl: Timeline) -> None:
        """SUMMARY, LOCATION and DTSTART say what the event says, for clients that know no X- property."""
        kept = written(tl)
        components = vevents(ics(tl))
        assert len(kept) == len(components)
        for event, component in zip(kept, components, strict=True):
            assert _shown(event.title) == str(component["SUMMARY"])
            start = component.decoded("DTSTART")
            exact = re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(/[0-9]{4}-[0-9]{2}-[0-9]{2})?", str(event.when))
            if exact:
                assert event.when.earliest() == start
                span = event.when.date_span()
                assert span is not None
                assert span[1] == component.decoded("DTEND")

    @given(timelines())
    def test_allenporter_ical_parses_it(self, tl: Timeline) -> None:
        """allenporter's ical, a strict parser, reads every event we write."""
        from ical.calendar_stream import IcsCalendarStream

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", TimelineWarning)
            text = ics(tl)
        calendar = IcsCalendarStream.calendar_from_ics(text)

        assert [str(c["SUMMARY"]) for c in vevents(text)] == [event.summary for event in calendar.events]

    @pytest.mark.filterwarnings("ignore::timeline.TimelineWarning")
    @given(timelines())
    def test_output_is_deterministic(self, tl: Timeline) -> None:
        """The same timeline gives the same bytes."""
        assert ics(tl) == ics(tl)

    def test_worked_example_round_trips(self) -> None:
        """The worked example comes back from icalendar exactly."""
        trip = timeline.load("examples/harris-trip.toml")

        assert trip == from_icalendar(to_icalendar(trip, stamp=STAMP))


def _shown(text: str) -> str:
    """What a calendar shows of ``text``: line breaks as LF, control characters as U+FFFD."""
    return re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))


class TestLines:
    def test_crlf_everywhere(self) -> None:
        """Every line ends in CRLF; no bare LF or CR anywhere."""
        text = ics(Timeline(title="T", events=[{"title": "a\nb\rc\r\nd", "when": "2021-06-06"}]))

        assert "\n" not in text.replace("\r\n", "")
        assert "\r" not in text.replace("\r\n", "")
        assert text.endswith("END:VCALENDAR\r\n")

    @pytest.mark.parametrize("length", [74, 75, 76, 149, 150, 151])
    def test_folding_at_75_octets(self, length: int) -> None:
        """Lines of 75 octets stay whole; longer ones fold into pieces of at most 75, none empty."""
        line = "SUMMARY:" + "x" * (length - 8)

        pieces = fold(line).removesuffix("\r\n").split("\r\n")

        assert all(len(piece.encode()) <= 75 for piece in pieces)
        assert all(piece.strip() for piece in pieces)
        assert line == "".join(piece.removeprefix(" ") if i else piece for i, piece in enumerate(pieces))
        assert (length <= 75) == (len(pieces) == 1)

    @pytest.mark.parametrize("filler", [72, 73, 74, 75])
    @pytest.mark.parametrize("char", ["é", "€", "🎉", "👩‍🚀", "👨‍👩‍👧‍👦"])
    def test_folding_never_splits_a_character(self, filler: int, char: str) -> None:
        """A multibyte character straddling the limit moves whole to the next line."""
        line = "SUMMARY:" + "x" * (filler - 8) + char * 3 + "end"

        pieces = fold(line).removesuffix("\r\n").split("\r\n")

        for piece in pieces:
            assert len(piece.encode("utf-8")) <= 75
            piece.encode("utf-8").decode("utf-8")  # each piece is whole UTF-8 on its own
        assert line == pieces[0] + "".join(piece[1:] for piece in pieces[1:])

    @pytest.mark.parametrize(
        "title",
        [",", ";", "\\", "a\\nb", "C:\\New", "line\nbreak", "cr\ronly", "crlf\r\nend", "tab\there", "\\,;\n"],
    )
    def test_text_comes_back_through_icalendar(self, title: str) -> None:
        """Escaped text comes back unchanged; CR, LF and CRLF all read back as a line feed."""
        component = vevents(ics([Event(title=title, when="2021-06-06")]))[0]

        expected = title.replace("\r\n", "\n").replace("\r", "\n")
        assert expected == str(component["SUMMARY"])

    def test_literal_backslash_n_is_not_a_line_break(self) -> None:
        r"""A title holding a backslash and an n (typed, not a line feed) is escaped as \\n."""
        text = ics([Event(title="C:\\New folder", when="2021-06-06")])

        assert "SUMMARY:C:\\\\New folder" in unfolded(text)

    @pytest.mark.parametrize("title", ["Trip, part 1; the sequel", "Line one\nline two", ","])
    def test_calendar_name_is_escaped(self, title: str) -> None:
        """The timeline title with a comma, semicolon or line break reads back whole from NAME and X-WR-CALNAME."""
        calendar = icalendar.Calendar.from_ical(ics(Timeline(title=title, events=[])))

        assert title == str(calendar["NAME"]) == str(calendar["X-WR-CALNAME"])

    def test_categories_only_with_tags(self) -> None:
        """CATEGORIES is left out when there are no tags, never written empty."""
        text = ics([Event(title="A", when="2021-06-06"), Event(title="B", when="2021-06-06", tags=["x, y", "z"])])

        assert ["CATEGORIES:x\\, y,z"] == [line for line in unfolded(text) if line.startswith("CATEGORIES")]
        tags = vevents(text)[1]["CATEGORIES"]
        assert ["x, y", "z"] == [str(tag) for tag in tags.cats]

    def test_control_characters_become_replacement_marks(self) -> None:
        """Control characters, which TEXT cannot hold, show as U+FFFD and come back exact from X-TIMELINE-DATA."""
        event = Event(title="bell\x07ring", when="2021-06-06", location="esc\x1b")
        text = ics([event])

        assert "SUMMARY:bell\ufffdring" in unfolded(text)
        assert [event] == list(from_icalendar(icalendar.Calendar.from_ical(text)))


class TestCalendar:
    def test_calendar_properties(self) -> None:
        """VERSION, PRODID, CALSCALE, METHOD, the names, descriptions and the default zone."""
        lines = unfolded(ics(Timeline(title="Trip", description="About it", tz="America/Guatemala")))

        assert lines[:4] == ["BEGIN:VCALENDAR", "VERSION:2.0", lines[2], "CALSCALE:GREGORIAN"][:2] + lines[2:4]
        for expected in (
            "VERSION:2.0",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "NAME;VALUE=TEXT:Trip",
            "X-WR-CALNAME;VALUE=TEXT:Trip",
            "DESCRIPTION:About it",
            "X-WR-CALDESC;VALUE=TEXT:About it",
            "X-WR-TIMEZONE;VALUE=TEXT:America/Guatemala",
        ):
            assert expected in lines
        assert any(line.startswith("PRODID:-//timeline-events//") for line in lines)

    def test_uid_is_the_id_at_a_domain(self) -> None:
        """UID is the event id and the domain option, so re-imports update rather than duplicate."""
        text = ics([Event(id="june-6", title="A", when="2021-06-06")], domain="example.org")

        assert "UID:june-6@example.org" in unfolded(text)

    @pytest.mark.parametrize("domain", ["", "a b", "x@y"])
    def test_bad_domain_is_refused(self, domain: str) -> None:
        """A domain with spaces or '@' would make UIDs that cannot be split back."""
        with pytest.raises(FormatError, match="domain"):
            ics([], domain=domain)

    def test_stamp_from_source_date_epoch(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """SOURCE_DATE_EPOCH sets DTSTAMP, before the stamp option."""
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1622592000")

        text = ics([Event(title="A", when="2021-06-06")], stamp="2030-01-01T00:00:00Z")

        assert "DTSTAMP:20210602T000000Z" in unfolded(text)

    def test_stamp_option_and_now(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without SOURCE_DATE_EPOCH the stamp option decides, else the time now, in UTC."""
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
        events = [Event(title="A", when="2021-06-06")]

        assert "DTSTAMP:20210601T220000Z" in unfolded(ics(events, stamp="2021-06-02T00:00:00+02:00"))
        assert "DTSTAMP:20210602T000000Z" in unfolded(ics(events, stamp=datetime(2021, 6, 2)))
        before = datetime.now(UTC).replace(microsecond=0)
        stamp = next(line for line in unfolded(timeline.dumps(events, "ics")) if line.startswith("DTSTAMP"))
        assert before <= datetime.strptime(stamp, "DTSTAMP:%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)

    @pytest.mark.parametrize("bad", ["yesterday", "2021-13-01"])
    def test_bad_stamp_is_refused(self, bad: str, monkeypatch: pytest.MonkeyPatch) -> None:
        """A stamp that is not an ISO date-time is a FormatError naming the option."""
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
        with pytest.raises(FormatError, match="stamp"):
            ics([], stamp=bad)

    def test_bad_source_date_epoch_is_refused(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """SOURCE_DATE_EPOCH must be whole seconds."""
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
        with pytest.raises(FormatError, match="SOURCE_DATE_EPOCH"):
            ics([])


class TestDates:
    def test_day_is_an_all_day_event(self) -> None:
        """A day is VALUE=DATE with DTEND the day after."""
        lines = unfolded(ics([Event(title="A", when="2021-06-06")]))

        assert "DTSTART;VALUE=DATE:20210606" in lines
        assert "DTEND;VALUE=DATE:20210607" in lines

    def test_days_interval_ends_the_day_after_its_last(self) -> None:
        """An interval of days ends, exclusively, the day after its last day."""
        lines = unfolded(ics([Event(title="A", when="2021-06-07/2021-06-08")]))

        assert ["DTSTART;VALUE=DATE:20210607", "DTEND;VALUE=DATE:20210609"] == [
            line for line in lines if line.startswith(("DTSTART", "DTEND"))
        ]

    @pytest.mark.parametrize(
        ("when", "start", "end", "human"),
        [
            ("2021-03", "20210301", "20210401", "March 2021"),
            ("2019~", "20190101", "20200101", "around 2019"),
            ("2021-21", "20210301", "20210601", "spring 2021"),
            ("2021-W21", "20210524", "20210531", "the week of May 24, 2021"),
            ("2018?", "20180101", "20190101", "possibly 2018"),
            ("196X", "19600101", "19700101", "the 1960s"),
        ],
    )
    def test_coarse_values_span_their_period(self, when: str, start: str, end: str, human: str) -> None:
        """By default a coarse or fuzzy value spans every day it may denote, its human form first in DESCRIPTION."""
        component = vevents(ics([Event(title="A", when=when, description="Body")]))[0]

        assert (start, end) == (component["DTSTART"].to_ical().decode(), component["DTEND"].to_ical().decode())
        assert f"{human}\n\nBody" == str(component["DESCRIPTION"])

    def test_coarse_first_day(self) -> None:
        """coarse='first-day' shows only the first day of the period."""
        lines = unfolded(ics([Event(title="A", when="2021-03")], coarse="first-day"))

        assert "DTEND;VALUE=DATE:20210302" in lines

    def test_coarse_skip_warns(self) -> None:
        """coarse='skip' leaves the event out and says so."""
        with pytest.warns(TimelineWarning, match="not a whole day"):
            text = ics([Event(title="A", when="2021-03"), Event(title="B", when="2021-03-04")], coarse="skip")

        assert ["B"] == [str(c["SUMMARY"]) for c in vevents(text)]

    def test_open_end_shows_the_known_end_and_warns(self) -> None:
        """An open end is written as its known start, with the human form ("since June 2021") and a warning."""
        with pytest.warns(TimelineWarning, match="open or unknown end"):
            component = vevents(ics([Event(title="A", when="2021-06/..")]))[0]

        assert "20210601" == component["DTSTART"].to_ical().decode()
        assert str(component["DESCRIPTION"]).startswith("since June 2021")

    def test_unbounded_skip(self) -> None:
        """unbounded='skip' leaves out events whose end is open or unknown, with a warning."""
        with pytest.warns(TimelineWarning, match="skipped"):
            text = ics([Event(title="A", when="/2021-06-08")], unbounded="skip")

        assert [] == vevents(text)

    @pytest.mark.parametrize("when", ["-0044-03-15", "Y170000002", "9999-12-31", "0000"])
    def test_years_no_calendar_holds_are_skipped_with_a_warning(self, when: str) -> None:
        """Years before 1 or a last day with no day after cannot be written: warned, never silent."""
        with pytest.warns(TimelineWarning, match="outside the years 1-9999"):
            text = ics([Event(title="A", when=when)])

        assert [] == vevents(text)

    def test_bad_policy_is_refused(self) -> None:
        """Unknown policies are a FormatError naming the option."""
        with pytest.raises(FormatError, match="coarse"):
            ics([], coarse="round")
        with pytest.raises(FormatError, match="unbounded"):
            ics([], unbounded="guess")


class TestTimes:
    def test_zoned_time_uses_tzid_and_vtimezone(self) -> None:
        """A floating time in the event's zone is written with TZID, and the zone's VTIMEZONE is included."""
        text = ics(Timeline(events=[{"title": "A", "when": "2021-06-07T10:00", "tz": "America/Guatemala"}]))
        calendar = icalendar.Calendar.from_ical(text)

        assert "DTSTART;TZID=America/Guatemala:20210607T100000" in unfolded(text)
        assert ["America/Guatemala"] == [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")]
        assert datetime(2021, 6, 7, 16, tzinfo=UTC) == calendar.walk("VEVENT")[0].decoded("DTSTART")

    def test_timeline_zone_is_the_default(self) -> None:
        """Without its own tz an event's floating time is in the timeline's zone."""
        text = ics(Timeline(tz="Europe/Berlin", events=[{"title": "A", "when": "2021-06-07T10:00"}]))

        assert "DTSTART;TZID=Europe/Berlin:20210607T100000" in unfolded(text)

    def test_floating_without_zone_stays_floating(self) -> None:
        """A floating time with no zone anywhere is written floating."""
        assert "DTSTART:20210607T100000" in unfolded(ics([Event(title="A", when="2021-06-07T10:00")]))

    def test_offset_without_zone_is_utc(self) -> None:
        """An instant with an offset and no zone is written in UTC."""
        assert "DTSTART:20210607T160000Z" in unfolded(ics([Event(title="A", when="2021-06-07T10:00-06:00")]))

    def test_offset_with_zone_is_its_local_time(self) -> None:
        """An instant with an offset in an event with a zone is written on that zone's clock."""
        text = ics([Event(title="A", when="2021-06-07T16:00Z", tz="Europe/Berlin")])

        assert "DTSTART;TZID=Europe/Berlin:20210607T180000" in unfolded(text)

    def test_utc_zone_needs_no_vtimezone(self) -> None:
        """Times in the UTC zone are written with Z."""
        text = ics([Event(title="A", when="2021-06-07T10:00", tz="UTC")])

        assert "DTSTART:20210607T100000Z" in unfolded(text)
        assert "VTIMEZONE" not in text

    @pytest.mark.parametrize(
        ("when", "utc"),
        [
            ("2021-10-31T02:30", "20211031T003000Z"),  # shown twice: the first time, in summer time
            ("2021-03-28T02:30", "20210328T013000Z"),  # never shown: read with the offset before the gap
        ],
    )
    def test_times_the_clock_shows_twice_or_never_are_written_in_utc(self, when: str, utc: str) -> None:
        """Clients disagree on such times, so they are written as the instant RFC 5545 means, in UTC."""
        event = Event(title="A", when=when, tz="Europe/Berlin")
        text = ics([event])

        assert f"DTSTART:{utc}" in unfolded(text)
        assert [event] == list(from_icalendar(icalendar.Calendar.from_ical(text)))

    def test_recurring_events_keep_their_zone_through_unclear_times(self) -> None:
        """A recurring event stays on its zone's clock: its rule follows local time."""
        event = Event(title="A", when="2021-10-31T02:30", tz="Europe/Berlin", recurrence="FREQ=YEARLY;COUNT=2")

        assert "DTSTART;TZID=Europe/Berlin:20211031T023000" in unfolded(ics([event]))

    def test_timed_interval_has_dtend(self) -> None:
        """An interval of times has DTEND at its end."""
        text = ics([Event(title="A", when="2021-06-07T10:00/2021-06-07T11:30", tz="Europe/Berlin")])

        assert "DTEND;TZID=Europe/Berlin:20210607T113000" in unfolded(text)


ZONES = (
    "America/Guatemala",
    "America/Mexico_City",
    "Europe/Berlin",
    "America/New_York",
    "Australia/Sydney",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
    "Africa/Casablanca",  # irregular: daylight saving paused for Ramadan, listed year by year
    "Asia/Tehran",  # fixed-date rules until 2022, then none
    "America/Sao_Paulo",  # southern rules that changed, then ended in 2019
)


def _onsets(component: Any) -> Iterator[tuple[datetime, timedelta]]:
    """Each observance's onsets (UTC) and the offset it sets, expanded by dateutil."""
    from dateutil.rrule import rrulestr

    for observance in component.subcomponents:
        start = observance.decoded("DTSTART").replace(tzinfo=None)
        before = observance.decoded("TZOFFSETFROM")
        after = observance.decoded("TZOFFSETTO")
        moments = [start]
        if "RRULE" in observance:
            rule = observance["RRULE"].to_ical().decode()
            until = re.search(r"UNTIL=(\w+)", rule)
            stop = datetime(2031, 1, 1)
            if until:
                rule = re.sub(r";?UNTIL=\w+", "", rule)
                stop = datetime.strptime(until[1], "%Y%m%dT%H%M%SZ") + before
            moments = list(rrulestr(rule, dtstart=start).between(start, stop, inc=True))
        for rdate in (
            observance.get("RDATE", []) if isinstance(observance.get("RDATE"), list) else [observance.get("RDATE")]
        ):
            if rdate is not None:
                moments += [value.dt.replace(tzinfo=None) for value in rdate.dts]
        for moment in moments:
            yield (moment - before).replace(tzinfo=UTC), after


class TestVtimezone:
    @pytest.mark.parametrize("name", ZONES)
    def test_agrees_with_zoneinfo_around_every_transition(self, name: str) -> None:
        """An hour before and after every change it describes, the VTIMEZONE's offset is zoneinfo's."""
        text = ics(Timeline(events=[{"title": "A", "when": "2018-06-07T10:00/2030-06-07T10:00", "tz": name}]))
        component = icalendar.Calendar.from_ical(text).walk("VTIMEZONE")[0]
        onsets = sorted(_onsets(component))
        zone = ZoneInfo(name)

        def offset_at(moment: datetime) -> timedelta:
            return max((onset for onset in onsets if onset[0] <= moment), key=lambda o: o[0])[1]

        checked = 0
        for onset, _ in onsets[1:]:
            for moment in (onset - timedelta(hours=1), onset + timedelta(hours=1)):
                assert moment.astimezone(zone).utcoffset() == offset_at(moment), (name, moment)
                checked += 1
        transitions = {"America/Guatemala": 0, "Asia/Kolkata": 0}.get(name)
        assert checked > 0 or transitions == 0

    @pytest.mark.parametrize("name", ZONES)
    def test_icalendar_reads_it_as_the_same_zone(self, name: str) -> None:
        """icalendar turns our VTIMEZONE into a tzinfo that agrees with zoneinfo, every hour of 2021."""
        text = ics(Timeline(events=[{"title": "A", "when": "2021-06-07T10:00", "tz": name}]))
        component: Any = icalendar.Calendar.from_ical(text).walk("VTIMEZONE")[0]
        tz = component.to_tz()
        zone = ZoneInfo(name)
        moment = datetime(2021, 1, 1, tzinfo=UTC)
        while moment.year == 2021:
            assert moment.astimezone(zone).utcoffset() == moment.astimezone(tz).utcoffset(), (name, moment)
            moment += timedelta(hours=1)

    def test_regular_rules_are_compact(self) -> None:
        """Berlin's rule is one DAYLIGHT and one STANDARD with a yearly RRULE, open-ended."""
        props = vtimezone("Europe/Berlin", 2020, 2025)
        assert props is not None
        rules = [value for _, _, kind, value in props if kind == "recur"]

        assert ["FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"] == rules

    def test_changed_rules_end_with_until(self) -> None:
        """Mexico City stopped daylight saving in 2022: its rules end with UNTIL."""
        props = vtimezone("America/Mexico_City", 2020, 2024)
        assert props is not None
        rules = [str(value) for _, _, kind, value in props if kind == "recur"]

        assert rules
        assert all("UNTIL=2022" in rule for rule in rules)

    def test_dtstart_is_local_time_before_the_change(self) -> None:
        """Berlin moves to summer time when its clock reads 02:00 and back when it reads 03:00."""
        text = ics(Timeline(events=[{"title": "A", "when": "2021-06-07T10:00", "tz": "Europe/Berlin"}]))

        assert "DTSTART:20210328T020000" in unfolded(text)
        assert "DTSTART:20211031T030000" in unfolded(text)


class TestStreaming:
    def test_generator_gets_vtimezones_at_the_end(self) -> None:
        """A one-pass generator is written as it comes; its VTIMEZONEs follow the events."""

        def events() -> Iterator[Event]:
            yield Event(title="A", when="2021-06-07T10:00", tz="Europe/Berlin")

        text = ics(events())

        assert text.index("BEGIN:VEVENT") < text.index("BEGIN:VTIMEZONE")
        assert datetime(2021, 6, 7, 8, tzinfo=UTC) == vevents(text)[0].decoded("DTSTART")

    def test_zones_option_puts_them_first(self) -> None:
        """zones and years name the VTIMEZONEs of a generator up front."""
        text = ics(
            iter([Event(title="A", when="2021-06-07T10:00", tz="Europe/Berlin")]),
            zones=["Europe/Berlin"],
            years=(2021, 2021),
        )

        assert text.index("BEGIN:VTIMEZONE") < text.index("BEGIN:VEVENT")
        assert 1 == text.count("BEGIN:VTIMEZONE")

    def test_zones_option_outside_its_years_warns(self) -> None:
        """An event outside the years a named zone covers is warned about."""
        with pytest.warns(TimelineWarning, match="covers 2021-2021"):
            ics(
                iter([Event(title="A", when="2025-06-07T10:00", tz="Europe/Berlin")]),
                zones=["Europe/Berlin"],
                years=(2021, 2021),
            )

    def test_zones_needs_years(self) -> None:
        """zones without years is a FormatError."""
        with pytest.raises(FormatError, match="years"):
            ics(iter([]), zones=["Europe/Berlin"])

    def test_lists_are_read_twice_for_their_zones(self) -> None:
        """A list (or Timeline) is read once for zones, so VTIMEZONEs come first."""
        text = ics([Event(title="A", when="2021-06-07T10:00", tz="Europe/Berlin")])

        assert text.index("BEGIN:VTIMEZONE") < text.index("BEGIN:VEVENT")

    def test_a_failing_iterable_leaves_the_file_as_it_was(self, tmp_path: Path) -> None:
        """An exception from the events part way leaves the existing file untouched and no temporary file."""
        target = tmp_path / "out.ics"
        target.write_text("old", encoding="utf-8")

        def events() -> Iterator[Event]:
            yield Event(title="A", when="2021-06-06")
            raise RuntimeError("database went away")

        with pytest.raises(RuntimeError, match="database"):
            timeline.dump(events(), target, "ics", stamp=STAMP, domain="example.org")

        assert "old" == target.read_text(encoding="utf-8")
        assert ["out.ics"] == sorted(path.name for path in tmp_path.iterdir())

    def test_dump_to_an_open_stream(self) -> None:
        """dump writes to an open text stream as well as to a path."""
        out = io.StringIO(newline="")

        timeline.dump([Event(title="A", when="2021-06-06")], out, "ics", stamp=STAMP, domain="example.org")

        assert out.getvalue().startswith("BEGIN:VCALENDAR\r\n")

    def test_calendar_options_for_a_stream(self) -> None:
        """title, description and tz describe a calendar made from bare events."""
        text = ics(
            [Event(title="A", when="2021-06-07T10:00")], title="Feed", description="All of it", tz="Europe/Berlin"
        )
        lines = unfolded(text)

        assert "X-WR-CALNAME;VALUE=TEXT:Feed" in lines
        assert "DTSTART;TZID=Europe/Berlin:20210607T100000" in lines

    def test_non_events_are_refused(self) -> None:
        """The writer takes events only."""
        with pytest.raises(FormatError, match="takes events"):
            ics(["2021"])  # type: ignore[list-item]

    def test_non_streaming_formats_gather_events(self) -> None:
        """Formats that do not stream take a list of events through a Timeline."""
        text = timeline.dumps([Event(title="A", when="2021")], "json")

        assert '"title": "A"' in text


class TestRecurrence:
    def test_rrule_rdate_exdate_are_written(self) -> None:
        """RRULE as given, RDATE and EXDATE in the start's zone and form."""
        event = Event(
            title="Stand-up",
            when="2021-06-07T09:30/2021-06-07T09:45",
            tz="Europe/Berlin",
            recurrence="FREQ=DAILY;COUNT=5",
            rdate=["2021-06-20T09:30"],
            exdate=["2021-06-09T09:30"],
        )
        lines = unfolded(ics([event]))

        assert "RRULE:FREQ=DAILY;COUNT=5" in lines
        assert "RDATE;TZID=Europe/Berlin:20210620T093000" in lines
        assert "EXDATE;TZID=Europe/Berlin:20210609T093000" in lines

    def test_day_exdates_are_dates(self) -> None:
        """EXDATEs of an all-day event are VALUE=DATE."""
        event = Event(title="A", when="2021-06-07", recurrence="FREQ=WEEKLY", exdate=[date(2021, 6, 14)])

        assert "EXDATE;VALUE=DATE:20210614" in unfolded(ics([event]))

    def test_icalendar_expands_what_we_wrote(self) -> None:
        """A client expanding our recurrence gets the occurrences Timeline.occurrences gives."""
        event = Event(
            id="s",
            title="Stand-up",
            when="2021-06-07T09:30",
            tz="Europe/Berlin",
            recurrence="FREQ=DAILY;COUNT=4",
            exdate=["2021-06-08T09:30"],
        )
        component = vevents(ics([event]))[0]
        from dateutil.rrule import rruleset, rrulestr

        start = component.decoded("DTSTART")
        rules = rruleset()
        rule: Any = rrulestr(component["RRULE"].to_ical().decode(), dtstart=start)
        rules.rrule(rule)
        for exdate in component["EXDATE"].dts:
            rules.exdate(exdate.dt)
        ours = Timeline(events=[event]).occurrences("2021-06-01", "2021-06-30")

        assert [str(e.when) for e in ours] == [moment.strftime("%Y-%m-%dT%H:%M") for moment in rules]


class TestGeoUrlMedia:
    def test_geo_url_status_and_media(self) -> None:
        """GEO as decimals, URL, STATUS unless confirmed, IMAGE for pictures and ATTACH for the rest."""
        events = [
            Event(
                title="A",
                when="2021-06-06",
                geo=[14.6349, -90.5069],
                url="https://example.org/a",
                status="tentative",
                media="https://x.org/p.JPG",
            ),
            Event(
                title="B", when="2021-06-06", geo=[1e-05, 0.0], media={"url": "clip.mp4", "caption": "C", "credit": "D"}
            ),
        ]
        text = ics(events)
        lines = unfolded(text)

        assert "GEO:14.6349;-90.5069" in lines
        assert "GEO:0.00001;0.0" in lines
        assert "URL;VALUE=URI:https://example.org/a" in lines
        assert "STATUS:TENTATIVE" in lines
        assert "IMAGE;VALUE=URI:https://x.org/p.JPG" in lines
        assert "ATTACH:clip.mp4" in lines
        assert events == list(from_icalendar(icalendar.Calendar.from_ical(text)))


class TestFromIcalendar:
    def test_events_from_elsewhere(self) -> None:
        """All-day, multi-day, zoned and UTC events written by another program become the right When."""
        text = (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\nX-WR-CALNAME:Imported\r\n"
            "BEGIN:VEVENT\r\nUID:a@x\r\nDTSTART;VALUE=DATE:20210606\r\nDTEND;VALUE=DATE:20210607\r\n"
            "SUMMARY:One day\r\nEND:VEVENT\r\n"
            "BEGIN:VEVENT\r\nUID:b@x\r\nDTSTART;VALUE=DATE:20210607\r\nDTEND;VALUE=DATE:20210609\r\n"
            "SUMMARY:Two days\r\n"
            "CATEGORIES:a,b\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n"
            "BEGIN:VEVENT\r\nUID:c@x\r\nDTSTART;TZID=America/Guatemala:20210607T100000\r\n"
            "DURATION:PT1H\r\nSUMMARY:Zoned\r\nEND:VEVENT\r\n"
            "BEGIN:VEVENT\r\nUID:d@x\r\nDTSTART:20210607T100000Z\r\nSUMMARY:UTC\r\nEND:VEVENT\r\n"
            "END:VCALENDAR\r\n"
        )
        back = from_icalendar(icalendar.Calendar.from_ical(text))

        assert "Imported" == back.title
        assert [
            ("a@x", "2021-06-06", None),
            ("b@x", "2021-06-07/2021-06-08", None),
            ("c@x", "2021-06-07T10:00:00/2021-06-07T11:00:00", "America/Guatemala"),
            ("d@x", "2021-06-07T10:00:00Z", None),
        ] == sorted((e.id, str(e.when), e.tz) for e in back)
        assert ("a", "b") == back.get("b@x").tags  # type: ignore[union-attr]

    def test_bad_data_names_the_event(self) -> None:
        """X-TIMELINE-DATA that is not JSON is a ParseError naming the VEVENT and its UID."""
        text = (
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a@x\r\nX-TIMELINE-WHEN:2021\r\nSUMMARY:S\r\n"
            "X-TIMELINE-DATA;VALUE=TEXT:{nope\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        )

        with pytest.raises(timeline.ParseError, match=r"VEVENT\[0\] \(UID 'a@x'\)"):
            from_icalendar(icalendar.Calendar.from_ical(text))


class TestCommandLine:
    def test_convert_with_options(self, capsys: pytest.CaptureFixture[str]) -> None:
        """timeline convert writes .ics with options parsed from text; a bad value is misuse (exit 2)."""
        from timeline.cli import main

        args = [
            "convert",
            "examples/harris-trip.toml",
            "-",
            "--to",
            "ics",
            "-o",
            "coarse=first-day",
            "-o",
            "domain=example.org",
        ]
        assert 0 == main(
            [*args, "-o", "stamp=2021-06-02T00:00:00Z", "-o", "zones=Europe/Berlin, UTC", "-o", "years=2019-2022"]
        )
        out = capsys.readouterr().out
        assert "UID:giammattei-elected@example.org" in unfolded(out)
        assert "DTEND;VALUE=DATE:20190102" in unfolded(out)

        assert 2 == main([*args, "-o", "coarse=round"])
        assert 2 == main([*args, "-o", "years=last"])
        assert "must be one of span, first-day, skip" in capsys.readouterr().err

    def test_years_option_takes_one_year(self) -> None:
        """years=2021 is the range 2021-2021."""
        from timeline.formats.ics import OPTIONS

        assert (2021, 2021) == OPTIONS["years"]("2021")
        assert ("Europe/Berlin", "UTC") == OPTIONS["zones"]("Europe/Berlin, UTC,")


class TestFromIcalendarDetails:
    def test_standard_properties_from_elsewhere(self) -> None:
        """GEO, URL, IMAGE, several CATEGORIES lines, RRULE, RDATE and EXDATE from another program."""
        text = (
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x@y\r\nDTSTART:20210607T100000\r\nDTEND:20210607T090000\r\n"
            "SUMMARY:  \r\nGEO:14.5;-90.5\r\nURL:https://example.org/\r\nIMAGE;VALUE=URI:https://example.org/a.png\r\n"
            "CATEGORIES:a,b\r\nCATEGORIES:c\r\nRRULE:FREQ=DAILY;COUNT=3\r\nRDATE:20210620T100000\r\n"
            "EXDATE:20210608T100000\r\nSTATUS:TENTATIVE\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        )
        (event,) = from_icalendar(icalendar.Calendar.from_ical(text))

        assert "Untitled" == event.title
        assert "2021-06-07T10:00:00" == str(event.when)  # an end before the start is dropped
        assert (14.5, -90.5) == (event.geo.lat, event.geo.lon)  # type: ignore[union-attr]
        assert ("https://example.org/", "https://example.org/a.png") == (event.url, event.media.url)  # type: ignore[union-attr]
        assert ("a", "b", "c") == event.tags
        assert "FREQ=DAILY;COUNT=3" == event.recurrence
        assert ([When("2021-06-20T10:00:00")], [When("2021-06-08T10:00:00")]) == (list(event.rdate), list(event.exdate))
        assert "tentative" == event.status

    @pytest.mark.parametrize(
        ("body", "message"),
        [
            (
                "DTSTART;VALUE=DATE:20210606\r\nX-TIMELINE-WHEN:2021\r\nX-TIMELINE-DATA;VALUE=TEXT:[1]\r\n",
                "JSON object",
            ),
        ],
    )
    def test_bad_events_name_the_component(self, body: str, message: str) -> None:
        """Events that cannot become ours are a ParseError naming VEVENT[i]."""
        text = f"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n{body}END:VEVENT\r\nEND:VCALENDAR\r\n"

        with pytest.raises(timeline.ParseError, match=message) as caught:
            from_icalendar(icalendar.Calendar.from_ical(text), source="cal.ics")

        assert "cal.ics" == caught.value.source
        assert (caught.value.field or "").startswith("VEVENT[0]")

    def test_components_built_in_python_with_plain_values(self) -> None:
        """An icalendar event given plain Python values (not icalendar's types) still maps, or names the field."""
        calendar = icalendar.Calendar()
        component = icalendar.Event()
        component["uid"] = "u"
        component["dtstart"] = date(2021, 6, 6)
        component["summary"] = 5
        calendar.add_component(component)

        (event,) = from_icalendar(calendar)

        assert ("2021-06-06", "5") == (str(event.when), event.title)
        component["geo"] = "1;2"
        with pytest.raises(timeline.ParseError, match="GEO must be a latitude;longitude pair"):
            from_icalendar(calendar)


class TestSets:
    @pytest.mark.parametrize(
        ("when", "start", "end", "human"),
        [
            ("[1667,1668,1670..1672]", "16670101", "16730101", "1667\\, 1668 or sometime in 1670–1672"),
            ("{1960,1961-12}", "19600101", "19620101", "1960 and December 1961"),
            ("[2021-06-01,2021-06-05]", "20210601", "20210606", "June 1\\, 2021 or June 5\\, 2021"),
        ],
    )
    def test_a_set_spans_its_bounds_and_says_its_members(self, when: str, start: str, end: str, human: str) -> None:
        """A set is shown from its first bound to its last, never as one of its dates, and described in words."""
        lines = unfolded(ics([Event(title="A", when=when)]))

        assert f"DTSTART;VALUE=DATE:{start}" in lines
        assert f"DTEND;VALUE=DATE:{end}" in lines
        assert f"DESCRIPTION:{human}" in lines

    def test_an_open_set_follows_the_unbounded_policy(self) -> None:
        """A set open at one end shows its known end, with a warning, as an interval does."""
        with pytest.warns(TimelineWarning, match="open or unknown end"):
            lines = unfolded(ics([Event(title="A", when="[..1760-12-03]")]))

        assert "DTSTART;VALUE=DATE:17601203" in lines

    def test_a_set_reads_back(self) -> None:
        """The set's text comes back from the calendar exactly."""
        tl = Timeline(events=[Event(title="A", when="[1667, 1668, 1670..1672]"), Event(title="B", when="2004?-06-~11")])

        assert [str(e.when) for e in tl] == [str(e.when) for e in from_icalendar(icalendar.Calendar.from_ical(ics(tl)))]


class TestFreeBusy:
    """TRANSP: days and coarser free by default, times busy; the busy option; an imported TRANSP wins."""

    def _transp(self, text: str) -> list[str | None]:
        return [None if "TRANSP" not in event else str(event["TRANSP"]) for event in vevents(text)]

    def test_days_and_coarser_are_transparent_and_times_busy_by_default(self) -> None:
        """A month, a year and a day do not block a subscriber's free/busy; a meeting does (OPAQUE, the default)."""
        tl = Timeline(
            events=[
                {"id": "a", "title": "Month", "when": "2021-03"},
                {"id": "b", "title": "Year", "when": "2021"},
                {"id": "c", "title": "Day", "when": "2021-06-06"},
                {"id": "d", "title": "Talk", "when": "2021-06-07T10:00/2021-06-07T11:00", "tz": "Europe/Berlin"},
            ]
        )
        assert ["TRANSPARENT", "TRANSPARENT", "TRANSPARENT", None] == self._transp(ics(tl))

    @pytest.mark.parametrize(
        ("busy", "expected"), [("timed", ["TRANSPARENT", None]), ("all", [None, None]), ("none", ["TRANSPARENT"] * 2)]
    )
    def test_the_busy_option(self, busy: str, expected: list[str | None]) -> None:
        """busy=all marks every event busy, busy=none none of them."""
        tl = Timeline(
            events=[
                {"id": "a", "title": "Day", "when": "2021-06-06"},
                {"id": "b", "title": "Talk", "when": "2021-06-07T10:00Z"},
            ]
        )
        assert expected == self._transp(ics(tl, busy=busy))

    def test_a_wrong_busy_option_is_a_format_error(self) -> None:
        """The option names its choices."""
        with pytest.raises(FormatError, match="'busy' option must be one of timed, all, none"):
            ics([Event(title="A", when="2021")], busy="some")

    def test_an_imported_transp_is_kept_and_wins(self) -> None:
        """A day marked OPAQUE by the calendar it came from stays OPAQUE, once, and reads back the same."""
        text = (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:u1\r\nDTSTART;VALUE=DATE:20210606\r\n"
            "SUMMARY:Busy day\r\nTRANSP:OPAQUE\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        )
        tl = timeline.loads(text, "ics")
        out = ics(tl)
        assert ["OPAQUE"] == self._transp(out)
        assert 1 == unfolded(out).count("TRANSP:OPAQUE")
        assert tl == timeline.loads(out, "ics")


def _parts(line: str) -> tuple[str, dict[str, str], str]:
    name, params, value = icalendar.parser.Contentline(line).parts()  # type: ignore[no-untyped-call]
    return name, dict(params), value


class TestForeignProperties:
    """What the model has no field for (alarms, attendees, X- properties) is written back as itself."""

    SOURCE = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n"
        "BEGIN:VEVENT\r\nDTSTART:20210607T150000Z\r\nDTEND:20210607T160000Z\r\nUID:abc123@google.com\r\n"
        "ORGANIZER;CN=Kamala Office:mailto:office@example.org\r\n"
        'ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN="Giammattei, A.":mailto:a@example.gt\r\n'
        "SUMMARY:Bilateral meeting\r\nX-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij\r\n"
        "SEQUENCE:3\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:This is an event reminder\r\n"
        "TRIGGER:-P0DT0H30M0S\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )

    def test_alarms_attendees_and_x_properties_are_written_as_themselves(self) -> None:
        """Every client sees the VALARM, ORGANIZER, ATTENDEE and X- property again; none goes to X-TIMELINE-DATA."""
        out = ics(timeline.loads(self.SOURCE, "ics"))
        lines = unfolded(out)
        for line in self.SOURCE.split("\r\n")[5:15]:
            if not line.startswith(("SUMMARY", "UID")):
                assert line in lines
        event = vevents(out)[0]
        assert ["VALARM"] == [sub.name for sub in event.subcomponents]
        assert "mailto:a@example.gt" == str(event["ATTENDEE"])
        assert not any(line.startswith("X-TIMELINE-DATA") for line in lines)

    def test_they_read_back_into_extra(self) -> None:
        """Written and read again, the event is the same, its foreign lines in extra['ics'] in their order."""
        tl = timeline.loads(self.SOURCE, "ics")
        again = timeline.loads(ics(tl), "ics")
        assert tl == again
        kept = again.events[0].extra["ics"]
        assert isinstance(kept, list)
        assert "BEGIN:VALARM" in kept

    def test_lines_that_are_no_content_lines_stay_in_x_timeline_data(self) -> None:
        """Text that would break the calendar (a line break, a VEVENT, an open component) is kept for us alone."""
        for bad in (
            ["X-A:one\r\nBEGIN:VEVENT"],
            ["BEGIN:VALARM"],
            ["BEGIN:VEVENT", "END:VEVENT"],
            ["X-TIMELINE-WHEN:1"],
        ):
            tl = Timeline(events=[Event(id="e", title="T", when="2021-06-06", extra={"ics": list[JSONValue](bad)})])
            out = ics(tl)
            assert 1 == unfolded(out).count("BEGIN:VEVENT")
            assert any(line.startswith("X-TIMELINE-DATA") for line in unfolded(out))
            assert tl == timeline.loads(out, "ics")

    @given(lines=foreign_lines())
    def test_any_foreign_lines_survive_a_trip_unchanged(self, lines: list[str]) -> None:
        """Written verbatim (folded), read back verbatim, in .ics and through icalendar alike."""
        tl = Timeline(
            events=[Event(id="e", title="T", when="2021-06-06T10:00Z", extra={"ics": list[JSONValue](lines), "n": 1})]
        )
        out = ics(tl)
        assert all(line in unfolded(out) for line in lines)
        assert tl == timeline.loads(out, "ics")
        # Through icalendar's objects, lines come back as icalendar writes them (quoting its own way,
        # a repeated property beside its first).
        again = from_icalendar(icalendar.Calendar.from_ical(out)).events[0].extra["ics"]
        assert isinstance(again, list)
        assert sorted(map(repr, map(_parts, lines))) == sorted(repr(_parts(str(line))) for line in again)

    def test_a_moved_occurrence_keeps_the_series_uid(self) -> None:
        """The reader renames a repeated UID; the writer gives clients the UID back, so the override still applies."""
        text = (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n"
            "BEGIN:VEVENT\r\nUID:s\r\nDTSTART:20210606T100000Z\r\nRRULE:FREQ=DAILY;COUNT=3\r\nSUMMARY:S\r\n"
            "END:VEVENT\r\nBEGIN:VEVENT\r\nUID:s\r\nRECURRENCE-ID:20210607T100000Z\r\n"
            "DTSTART:20210607T120000Z\r\nSUMMARY:Moved\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        )
        tl = timeline.loads(text, "ics")
        out = ics(tl, domain="example.org")
        assert ["s@example.org", "s@example.org"] == [str(event["UID"]) for event in vevents(out)]
        assert ["20210607T100000Z"] == [
            str(e["RECURRENCE-ID"].to_ical().decode()) for e in vevents(out) if "RECURRENCE-ID" in e
        ]
        assert tl == timeline.loads(out, "ics")

    def test_jcal_carries_them_as_unknown_values(self) -> None:
        """jCal writes a foreign property with its parameters and its value as written."""
        tl = Timeline(
            events=[Event(id="e", title="T", when="2021-06-06", extra={"ics": ['ATTENDEE;CN="Doe, J":mailto:j@x.org']})]
        )
        import json

        vevent = json.loads(timeline.dumps(tl, "jcal", stamp=STAMP))[2][0]
        assert ["attendee", {"cn": "Doe, J"}, "unknown", "mailto:j@x.org"] in vevent[1]


class TestFeeds:
    """Options for published calendars: how often to refresh, and a warning about the default UID domain."""

    def test_refresh_writes_refresh_interval_and_published_ttl(self) -> None:
        """RFC 7986's REFRESH-INTERVAL and the X-PUBLISHED-TTL that Outlook reads, both the same duration."""
        cal = icalendar.Calendar.from_ical(ics([Event(title="A", when="2021")], refresh="pt12h"))
        refresh: Any = cal["REFRESH-INTERVAL"]
        assert timedelta(hours=12) == refresh.dt
        assert "PT12H" == str(cal["X-PUBLISHED-TTL"])

    @pytest.mark.parametrize("bad", ["12h", "P", "PT", "P0D", "PT0S", "P1DT", "1 day"])
    def test_a_refresh_that_is_no_duration_is_a_format_error(self, bad: str) -> None:
        """An ISO 8601 duration longer than zero, nothing else."""
        with pytest.raises(FormatError, match="'refresh' option must be an ISO 8601 duration"):
            ics([Event(title="A", when="2021")], refresh=bad)

    def test_jcal_writes_the_refresh_interval_as_a_duration(self) -> None:
        """Shared mapping: jCal has it too."""
        import json

        props = json.loads(timeline.dumps([Event(title="A", when="2021")], "jcal", stamp=STAMP, refresh="P1D"))[1]
        assert ["refresh-interval", {}, "duration", "P1D"] in props

    def test_a_file_with_the_default_domain_warns(self, tmp_path: Path) -> None:
        """A published feed needs UIDs of its own domain; writing to a string does not warn."""
        with pytest.warns(TimelineWarning, match="default domain 'timeline.invalid'"):
            timeline.dump([Event(title="A", when="2021")], tmp_path / "feed.ics", stamp=STAMP)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            timeline.dump([Event(title="A", when="2021")], tmp_path / "feed.ics", stamp=STAMP, domain="example.org")
            ics([Event(title="A", when="2021")])


_PLAIN_WHENS = st.one_of(
    st.dates(min_value=date(1, 1, 1), max_value=date(9998, 12, 31)).map(date.isoformat),
    st.tuples(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)), st.integers(0, 40)).map(
        lambda pair: f"{pair[0]}/{pair[0] + timedelta(days=pair[1])}"
    ),
    st.tuples(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)), st.integers(0, 5000)).map(
        lambda pair: f"{pair[0]:%Y-%m-%dT%H:%M}/{pair[0] + timedelta(minutes=pair[1]):%Y-%m-%dT%H:%M}"
    ),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)).map(
        lambda d: f"{d:%Y-%m-%dT%H:%M:%S}"
    ),
    st.sampled_from(
        [
            "2021-03-28T02:30",
            "2021-10-31T02:30/2021-10-31T03:30",
            "2021-06",
            "2021-06-06T10:00Z",
            "0000-01-01",
            "9999-12-31",
            "2021-06-06/2021-06-07T10:00",
        ]
    ),
)
_PLAIN_TEXT = st.text(st.sampled_from(list('aé,;\\\n\r\t\x07 "🇬🇹👩\u200d💻x')), max_size=90)


_AGENDA = "Agenda: a, b; c\nd \\ é 👩\u200d💻 "


class TestFastPath:
    @given(
        title=_PLAIN_TEXT.filter(str.strip),
        when=_PLAIN_WHENS,
        tz=st.none()
        | st.sampled_from(
            ["America/Guatemala", "Europe/Berlin", "UTC", "America/New_York", "America/Argentina/ComodRivadavia"]
        ),
        description=st.none() | _PLAIN_TEXT,
        location=st.none() | _PLAIN_TEXT,
        url=st.none() | st.just("https://example.org/e?a=1,b;c") | st.just("https://example.org/" + "x" * 80),
        tags=st.lists(_PLAIN_TEXT.filter(str.strip), max_size=3),
        status=st.sampled_from(["confirmed", "tentative", "cancelled"]),
        ident=st.none() | st.sampled_from(["ev,1;x", "e\u00e9", "a" * 90]),
        options=st.fixed_dictionaries(
            {},
            optional={
                "busy": st.sampled_from(["timed", "all", "none"]),
                "tz": st.sampled_from(["Asia/Kolkata", "UTC"]),
                "domain": st.sampled_from(["example.org", "a,b.example"]),
            },
        ),
    )
    def test_the_plain_event_lines_are_event_props_lines(
        self,
        title: str,
        when: str,
        tz: str | None,
        description: str | None,
        location: str | None,
        url: str | None,
        tags: list[str],
        status: str,
        ident: str | None,
        options: dict[str, str],
    ) -> None:
        """The writer's direct lines for a plain event are exactly what the shared mapping's properties give."""
        from timeline.formats._ical import event_props, settings_from_options
        from timeline.formats.ics import _event_lines, lines

        event = Event(
            id=ident, title=title, when=when, tz=tz, description=description, location=location,
            url=url, tags=tags, status=status,
        )  # fmt: skip
        settings = settings_from_options(stamp=STAMP, **options)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", TimelineWarning)
            fast_zones: dict[str, list[int]] = {}
            slow_zones: dict[str, list[int]] = {}
            fast = _event_lines(event, settings, fast_zones)
            slow = event_props(event, settings, slow_zones)

        assert (None if slow is None else "".join(lines(slow))) == (None if fast is None else "".join(lines(fast)))
        assert slow_zones == fast_zones

    @staticmethod
    def _mixed(count: int) -> list[Event]:
        """Events for the fast path, some for ``event_props`` (a geo, an X-TIMELINE-DATA): alone and after hundreds."""
        places = ["Berlin, Kanzleramt", "Zoom 🎥", "Ciudad de México"]
        events = []
        for index in range(count):
            day = f"2021-{index % 12 + 1:02d}-{index % 28 + 1:02d}"
            timed = index % 3 == 0
            events.append(
                Event(
                    id=f"ev-{index}", title=f"Reunión {index} 🇬🇹",
                    when=f"{day}T{index % 24:02d}:15/{day}T23:45" if timed else day,
                    tz="Europe/Berlin" if timed else None, description=_AGENDA * (index % 5),
                    location=places[index % 3], tags=[["a,b"], [], ["x", "économie"], ["y"]][index % 4],
                    geo=(14.6, -90.5) if (index < 100 and index % 7 == 0) or index % 600 == 599 else None,
                    status=["confirmed", "tentative"][index % 2],
                )
            )  # fmt: skip
        return events

    def test_a_long_calendar_is_the_shared_mapping_s_lines(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Fast and slow events interleaved over many batches: the same text as with the fast path off."""
        from timeline.formats import _ical
        from timeline.formats import ics as ics_format

        events = self._mixed(1300)
        fast = ics(events)
        monkeypatch.setattr(ics_format, "_event_lines", _ical.event_props)
        assert fast == ics(events)
        assert fast.count("BEGIN:VEVENT") == 1300

    @pytest.mark.parametrize(
        ("when", "tz"),
        [
            ("2021-06-06T10:00/2021-06-06T11:30", "America/Argentina/ComodRivadavia"),  # a TZID past 40 characters
            ("2021-06-06T10:00", "America/Argentina/ComodRivadavia"),
            ("2021-06-06/2021-06-07T10:00", None),  # exact, but a day and a time: days on the calendar
            ("9999-12-31", None),  # past the last day a calendar can end on: skipped with a warning
            ("0001-01-01", None),
        ],
    )
    def test_the_edges_of_the_fast_path(self, when: str, tz: str | None) -> None:
        """Long TZIDs, mixed intervals and the calendar's first and last days: the shared mapping's lines."""
        from timeline.formats._ical import event_props, settings_from_options
        from timeline.formats.ics import _event_lines, lines

        event = Event(title="Café 🇬🇹, talks", when=when, tz=tz, description="x" * 80 + "é" * 40)
        settings = settings_from_options(stamp=STAMP)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", TimelineWarning)
            fast, slow = _event_lines(event, settings, {}), event_props(event, settings, {})
        assert (None if slow is None else "".join(lines(slow))) == (None if fast is None else "".join(lines(fast)))
        assert (fast is None) == (when == "9999-12-31")

    def test_the_kept_lines_are_bounded(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The lines kept by value, by day and by stamp clear themselves at their limit; the text stays the same."""
        from timeline.formats import ics as ics_format

        events = self._mixed(60)
        expected = ics(events)
        caches = (
            ics_format._LOCATION_LINES, ics_format._TAG_LINES, ics_format._DAY_LINES, ics_format._DAY_BYTES,
            ics_format._STAMP_LINES,
        )  # fmt: skip
        for cache in caches:
            cache.clear()
        monkeypatch.setattr(ics_format, "_CACHE_LIMIT", 2)
        monkeypatch.setattr(ics_format, "_DAYS_LIMIT", 2)
        assert ics(events) == expected
        for year in (2022, 2023):
            text = ics(events, stamp=f"{year}-01-01T00:00:00Z")
            assert text == expected.replace("DTSTAMP:20210602T", f"DTSTAMP:{year}0101T")
        assert all(0 < len(cache) <= 2 for cache in caches)
