"""The .ics reader: our own files back exactly, what real clients write, broken files with their line."""

from __future__ import annotations

import contextlib
import warnings
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import attrs
import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import timelines
from test_ics import STAMP, written

import timeline
from timeline import FormatError, ParseError, Timeline, TimelineWarning
from timeline.cli import main
from timeline.formats._ical_read import Block, _direct_event, read_ics, scan, zone_name
from timeline.formats.ics import read


def cal(*lines: str, end: str = "\r\n") -> str:
    """A calendar around content lines, with the given line ending."""
    return end.join(("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", *lines, "END:VCALENDAR")) + end


def event(*lines: str) -> tuple[str, ...]:
    return ("BEGIN:VEVENT", *lines, "END:VEVENT")


def quiet(text: str | bytes, **options: bool) -> Timeline:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TimelineWarning)
        return read(text, "cal.ics", **options)


class TestRoundTrip:
    @pytest.mark.filterwarnings("ignore::timeline.TimelineWarning")
    @given(timelines())
    def test_read_gives_back_what_was_written(self, tl: Timeline) -> None:
        """loads(dumps(t)) keeps the calendar's fields and every event the writer kept, exactly."""
        back = timeline.loads(timeline.dumps(tl, "ics", stamp=STAMP), "ics")

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
    def test_dumps_after_loads_is_byte_identical(self, tl: Timeline) -> None:
        """Our own output of a timeline the writer holds whole, read and written again, gives the same bytes."""
        text = timeline.dumps(attrs.evolve(tl, events=written(tl)), "ics", stamp=STAMP)

        assert text == timeline.dumps(timeline.loads(text, "ics"), "ics", stamp=STAMP)

    def test_worked_example(self) -> None:
        """The worked example survives .ics."""
        trip = timeline.load("examples/harris-trip.toml")

        assert trip == timeline.loads(timeline.dumps(trip, "ics", stamp=STAMP), "ics")

    def test_foreign_properties_survive_a_second_trip(self) -> None:
        """A foreign event's unknown properties, kept in extra, come back after our own export."""
        first = quiet(cal(*event("UID:a", "DTSTART:20210606T100000Z", "X-APPLE-TRAVEL-TIME:PT10M", "SUMMARY:S")))

        again = timeline.loads(timeline.dumps(first, "ics", stamp=STAMP), "ics")

        assert first == again
        assert {"ics": ["X-APPLE-TRAVEL-TIME:PT10M"]} == dict(again.get("a").extra)  # type: ignore[union-attr]


def _one(*lines: str, head: tuple[str, ...] = ()) -> timeline.Event:
    events = list(quiet(cal(*head, *event("UID:u", "SUMMARY:S", *lines))))
    assert 1 == len(events)
    return events[0]


class TestClients:
    @pytest.mark.parametrize(
        ("lines", "when", "tz"),
        [
            (("DTSTART;VALUE=DATE:20210606", "DTEND;VALUE=DATE:20210607"), "2021-06-06", None),
            (("DTSTART;VALUE=DATE:20210606", "DTEND;VALUE=DATE:20210609"), "2021-06-06/2021-06-08", None),
            (("DTSTART;VALUE=DATE:20210606",), "2021-06-06", None),
            (("DTSTART:20210606T100000",), "2021-06-06T10:00:00", None),
            (("DTSTART:20210606T100000Z", "DURATION:PT90M"), "2021-06-06T10:00:00Z/2021-06-06T11:30:00Z", None),
            (("DTSTART;TZID=Europe/Paris:20210606T100000",), "2021-06-06T10:00:00", "Europe/Paris"),
            (("DTSTART;TZID=Pacific Standard Time:20210606T100000",), "2021-06-06T10:00:00", "America/Los_Angeles"),
            (("DTSTART;TZID=/mozilla.org/2005_1/Asia/Tokyo:20210606T100000",), "2021-06-06T10:00:00", "Asia/Tokyo"),
            (("DTSTAMP:20210601T000000Z",), "2021-06-01T00:00:00Z", None),
            (("DTSTART;TZID=UTC:20210606T100000",), "2021-06-06T10:00:00Z", None),
            ((), "XXXX", None),
        ],
    )
    def test_dates_and_zones(self, lines: tuple[str, ...], when: str, tz: str | None) -> None:
        """All-day (DTEND exclusive), floating, UTC, DURATION, no DTEND, IANA, Windows and path TZIDs, no DTSTART."""
        found = _one(*lines)

        assert (when, tz) == (str(found.when), found.tz)

    def test_google(self) -> None:
        """Google: X-WR-CALNAME and X-WR-TIMEZONE name the timeline and its zone; UTC times stay instants."""
        text = cal(
            "X-WR-CALNAME:Work",
            "X-WR-CALDESC:Meetings",
            "X-WR-TIMEZONE:Europe/Berlin",
            *event("DTSTART:20210606T080000Z", "DTEND:20210606T090000Z", "UID:g1@google.com", "SUMMARY:Standup"),
        )

        tl = quiet(text)

        assert ("Work", "Meetings", "Europe/Berlin") == (tl.title, tl.description, tl.tz)
        assert ["2021-06-06T08:00:00Z/2021-06-06T09:00:00Z"] == [str(e.when) for e in tl]

    def test_outlook_windows_zone_with_its_vtimezone(self) -> None:
        """Outlook: a Windows TZID with its own VTIMEZONE becomes the IANA zone."""
        text = cal(
            "BEGIN:VTIMEZONE",
            "TZID:W. Europe Standard Time",
            "BEGIN:STANDARD",
            "DTSTART:16010101T030000",
            "TZOFFSETFROM:+0200",
            "TZOFFSETTO:+0100",
            "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
            "END:STANDARD",
            "BEGIN:DAYLIGHT",
            "DTSTART:16010101T020000",
            "TZOFFSETFROM:+0100",
            "TZOFFSETTO:+0200",
            "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
            "END:DAYLIGHT",
            "END:VTIMEZONE",
            *event("UID:o1", "SUMMARY:Call", "DTSTART;TZID=W. Europe Standard Time:20210606T100000"),
        )

        found = next(iter(quiet(text)))

        assert ("2021-06-06T10:00:00", "Europe/Berlin") == (str(found.when), found.tz)

    def test_custom_vtimezone_with_an_unknown_tzid_keeps_its_offset(self) -> None:
        """A VTIMEZONE no IANA name matches: the time keeps the offset it defines."""
        text = cal(
            "BEGIN:VTIMEZONE",
            "TZID:My Office",
            "BEGIN:STANDARD",
            "DTSTART:19700101T000000",
            "TZOFFSETFROM:+0530",
            "TZOFFSETTO:+0530",
            "END:STANDARD",
            "END:VTIMEZONE",
            *event("UID:c1", "SUMMARY:Call", "DTSTART;TZID=My Office:20210606T100000"),
        )

        found = next(iter(quiet(text)))

        assert ("2021-06-06T10:00:00+05:30", None) == (str(found.when), found.tz)

    def test_apple_properties_are_kept_in_extra(self) -> None:
        """Apple's X- properties and an alarm are kept as lines in extra['ics'], in order."""
        found = _one(
            "DTSTART:20210606T100000Z",
            "X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            "TRIGGER:-PT15M",
            "END:VALARM",
        )

        assert [
            "X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            "TRIGGER:-PT15M",
            "END:VALARM",
        ] == found.extra["ics"]

    def test_recurrence_with_exdate(self) -> None:
        """RRULE and EXDATE become the event's recurrence and exdate."""
        found = _one("DTSTART:20210606T100000Z", "RRULE:FREQ=WEEKLY;COUNT=4", "EXDATE:20210613T100000Z")

        assert "FREQ=WEEKLY;COUNT=4" == found.recurrence
        assert ["2021-06-13T10:00:00Z"] == [str(day) for day in found.exdate]

    def test_floating_exdate_of_a_utc_start_is_utc(self) -> None:
        """node-ical's biweekly-exdate-until.ics: a floating EXDATE beside a DTSTART in UTC, in a
        calendar with X-WR-TIMEZONE, is the start's UTC, not the calendar zone's wall clock."""
        head = ("X-WR-TIMEZONE:Europe/Kiev",)
        lines = ("DTSTART:20170814T140000Z", "RRULE:FREQ=WEEKLY;INTERVAL=2", "EXDATE:20171218T060000")
        found = _one(*lines, head=head)

        assert ["2017-12-18T06:00:00Z"] == [str(day) for day in found.exdate]
        text = timeline.dumps(Timeline(tz="Europe/Kiev", events=[found]), "ics", stamp=STAMP, domain="example.org")
        exdates: Any = icalendar.Calendar.from_ical(text).walk("VEVENT")[0]["EXDATE"]
        assert [datetime(2017, 12, 18, 6, tzinfo=UTC)] == [value.dt.astimezone(UTC) for value in exdates.dts]

    def test_rdate_of_a_time_is_kept_as_its_line(self) -> None:
        """icalendar's multiple_timezones.ics: RDATE;VALUE=TIME names no day, so no rdate holds it;
        it is kept as its line and written back as it was."""
        found = _one("DTSTART;TZID=America/New_York:20210302T000000", "RDATE;VALUE=TIME;TZID=America/New_York:083000")

        assert () == found.rdate
        assert ["RDATE;VALUE=TIME;TZID=America/New_York:083000"] == found.extra["ics"]
        text = timeline.dumps(Timeline(events=[found]), "ics", stamp=STAMP, domain="example.org")
        assert "\r\nRDATE;VALUE=TIME;TZID=America/New_York:083000\r\n" in text

    def test_status_url_location_geo_categories_attach(self) -> None:
        """The standard properties become their fields."""
        found = _one(
            "DTSTART;VALUE=DATE:20210606",
            "STATUS:TENTATIVE",
            "URL:https://example.org/e",
            "LOCATION:Room 1",
            "GEO:14.6;-90.5",
            "CATEGORIES:a,b",
            "ATTACH:https://example.org/a.png",
        )

        assert ("tentative", "https://example.org/e", "Room 1", (14.6, -90.5), ("a", "b")) == (
            found.status,
            found.url,
            found.location,
            (found.geo.lat, found.geo.lon) if found.geo else None,
            found.tags,
        )
        assert "https://example.org/a.png" == (found.media.url if found.media else None)

    def test_vtodo_and_vjournal_are_skipped_with_one_warning_each(self) -> None:
        """Two VTODOs and a VJOURNAL: two warnings naming the first line of each kind; the event stays."""
        text = cal(
            "BEGIN:VTODO", "SUMMARY:a", "END:VTODO",
            "BEGIN:VTODO", "SUMMARY:b", "END:VTODO",
            "BEGIN:VJOURNAL", "SUMMARY:c", "END:VJOURNAL",
            *event("UID:e", "DTSTART:20210606T100000Z", "SUMMARY:E"),
        )  # fmt: skip

        with pytest.warns(TimelineWarning) as caught:
            tl = read(text, "cal.ics")

        assert ["e"] == [e.id for e in tl]
        messages = [str(w.message) for w in caught]
        assert ["cal.ics, line 4: skipped 2 VTODOs", "cal.ics, line 10: skipped a VJOURNAL"] == [
            m.partition(" (")[0] for m in messages
        ]

    def test_repeated_uid_gets_its_recurrence_id(self) -> None:
        """A moved occurrence gets its RECURRENCE-ID after the shared UID; a plain repeat gets a number."""
        text = cal(
            *event("UID:s", "SUMMARY:Series", "DTSTART:20210606T100000Z", "RRULE:FREQ=DAILY;COUNT=3"),
            *event("UID:s", "SUMMARY:Moved", "RECURRENCE-ID:20210607T100000Z", "DTSTART:20210607T120000Z"),
            *event("UID:s", "SUMMARY:Again", "DTSTART:20210609T120000Z"),
        )

        assert ["s", "s/2", "s/20210607T100000Z"] == sorted(e.id for e in quiet(text))

    def test_no_uid_derives_the_id(self) -> None:
        """An event without UID gets the derived id."""
        found = next(iter(quiet(cal(*event("SUMMARY:S", "DTSTART;VALUE=DATE:20210606")))))

        assert found.id.startswith("ev-")

    def test_a_field_that_is_not_ours_stays_as_its_line(self) -> None:
        """An EXDATE with no recurrence cannot be a field: kept in extra['ics'] with a warning."""
        with pytest.warns(TimelineWarning, match="exdate"):
            found = next(iter(read(cal(*event("UID:x", "DTSTART:20210606T100000Z", "EXDATE:20210607T100000Z")), "c")))

        assert ["EXDATE:20210607T100000Z"] == found.extra["ics"]

    @pytest.mark.parametrize(
        ("lines", "media", "kept"),
        [
            (
                ("ATTACH:https://example.org/a.pdf", "ATTACH:https://example.org/b.pdf"),
                "https://example.org/a.pdf",
                ["ATTACH:https://example.org/b.pdf"],
            ),
            (
                ("IMAGE;VALUE=URI:https://example.org/i.png", "ATTACH:https://example.org/a.pdf"),
                "https://example.org/i.png",
                ["ATTACH:https://example.org/a.pdf"],
            ),
            (("ATTACH;ENCODING=BASE64;VALUE=BINARY:aGVsbG8=",), None, ["ATTACH;ENCODING=BASE64;VALUE=BINARY:aGVsbG8="]),
            (("STATUS:NEEDS-ACTION", "URL:https://example.org/1", "URL:https://example.org/2"), None,
             ["STATUS:NEEDS-ACTION", "URL:https://example.org/2"]),
        ],
    )  # fmt: skip
    def test_what_no_field_holds_is_kept_and_survives_a_trip(
        self, lines: tuple[str, ...], media: str | None, kept: list[str]
    ) -> None:
        """A second attachment or URL, inline data, a status of no field: kept in extra['ics'], and kept again."""
        found = quiet(cal(*event("UID:x", "DTSTART:20210606", *lines)))

        assert (media, kept) == (found.events[0].media and found.events[0].media.url, found.events[0].extra["ics"])
        assert found == timeline.loads(timeline.dumps(found, "ics", stamp=STAMP), "ics")


class TestTolerance:
    BASE = ("UID:a", "DTSTART;VALUE=DATE:20210606", "SUMMARY:Picnic, park")

    @pytest.mark.parametrize("end", ["\r\n", "\n", "\r"])
    def test_line_endings(self, end: str) -> None:
        """CRLF, LF and CR endings read the same."""
        assert ["Picnic, park"] == [e.title for e in read(cal(*event(*self.BASE), end=end).replace("\\,", ","), "c")]

    def test_bom_and_bytes(self) -> None:
        """UTF-8 bytes with a BOM read as text."""
        data = ("\ufeff" + cal(*event(*self.BASE))).encode()

        assert ["a"] == [e.id for e in read(data, "c")]

    def test_lowercase_names(self) -> None:
        """Lowercase property and component names are read."""
        text = cal(*event(*self.BASE)).lower().replace("picnic", "Picnic")

        assert ["Picnic, park"] == [e.title for e in read(text, "c")]

    def test_folded_lines_with_tabs_and_spaces(self) -> None:
        """A line folded with a tab or a space is one line."""
        text = cal(
            "BEGIN:VEVENT", "UID:a", "DTSTART;VALUE=DATE:20210606", "SUMMARY:Pic", "\tnic", " park", "END:VEVENT"
        )

        assert ["Picnicpark"] == [e.title for e in read(text, "c")]

    def test_no_dtstamp_and_unknown_parameters(self) -> None:
        """No DTSTAMP, unknown X- parameters and properties: read."""
        found = _one("DTSTART;X-FOO=bar;VALUE=DATE:20210606", 'X-WHATEVER;X-P="a:b":1')

        assert ['X-WHATEVER;X-P="a:b":1'] == found.extra["ics"]


LINES = cal(
    *event("UID:a", "DTSTART;VALUE=DATE:20210606", "SUMMARY:A"),
    *event("UID:b", "DTSTART;VALUE=DATE:20210607", "SUMMARY:B"),
).splitlines(keepends=True)


PIECES = [
    "BEGIN:",
    "END:",
    "VEVENT",
    "VCALENDAR",
    "VTODO",
    "\r\n",
    "\n",
    " ",
    "\t",
    ":",
    ";",
    "=",
    "X",
    "DTSTART",
    "2021",
]


class TestBroken:
    @pytest.mark.parametrize("cut", range(1, len(LINES)))
    def test_truncated_at_every_line(self, cut: int) -> None:
        """Strict: a ParseError naming a line; lenient: the events complete before the cut, and a warning."""
        text = "".join(LINES[:cut])

        with pytest.raises(ParseError) as caught:
            read(text, "cut.ics")
        assert caught.value.line is not None
        assert "cut.ics" == caught.value.source

        with pytest.warns(TimelineWarning, match=r"line \d+"):
            tl = read(text, "cut.ics", lenient=True)
        complete = [line for line in LINES[:cut] if line.startswith("END:VEVENT")]
        assert ["a", "b"][: len(complete)] == sorted(e.id for e in tl)

    @pytest.mark.parametrize(
        ("line", "number"),
        [
            ("DTSTART;VALUE=DATE:20210231", 6),
            ("this is not a property", 6),
            ("END:VTODO", 6),
        ],
    )
    def test_broken_lines_name_their_line(self, line: str, number: int) -> None:
        """An impossible date, a line that is no property, an END that closes nothing: ParseError with the line."""
        text = cal("BEGIN:VEVENT", "UID:a", line, "DTSTART;VALUE=DATE:20210606", "END:VEVENT")
        text = text.replace("DTSTART;VALUE=DATE:20210606", "SUMMARY:x") if "DTSTART" in line else text

        with pytest.raises(ParseError) as caught:
            read(text, "bad.ics")

        assert ("bad.ics", number) == (caught.value.source, caught.value.line)
        assert repr(line.partition(":")[2])[1:-1] in str(caught.value) or repr(line)[1:-1] in str(caught.value)

    def test_lenient_skips_only_the_broken_event(self) -> None:
        """Lenient: the event with the broken line is skipped with a warning naming it; the other stays."""
        text = cal(*event("UID:a", "DTSTART;VALUE=DATE:20210606", "oops"), *event("UID:b", "DTSTART:20210607T100000Z"))

        with pytest.warns(TimelineWarning) as caught:
            tl = read(text, "c", lenient=True)

        assert ["b"] == [e.id for e in tl]
        assert [
            "c, line 7: not a property (NAME:value): 'oops'",
            "c, line 4: VEVENT skipped, it is broken or never ends",
        ] == [str(w.message) for w in caught]

    def test_lenient_skips_an_event_with_an_impossible_date(self) -> None:
        """Lenient: an event whose DTSTART is impossible is skipped with a warning naming its line."""
        text = cal(*event("UID:a", "DTSTART:20211340T100000Z"), *event("UID:b", "DTSTART:20210607T100000Z"))

        with pytest.warns(TimelineWarning, match=r"line 6.*20211340T100000Z"):
            tl = read(text, "c", lenient=True)

        assert ["b"] == [e.id for e in tl]

    def test_a_duration_past_year_9999_names_its_line(self) -> None:
        """DTSTART plus DURATION beyond what dates hold is a ParseError on the DURATION line, not a crash."""
        text = cal(*event("UID:a", "DTSTART:99991231T230000Z", "DURATION:PT2H"))

        with pytest.raises(ParseError, match=r"line 7.*past year 9999"):
            read(text, "c")

    @pytest.mark.parametrize(
        ("lines", "message"),
        [
            (("DTSTART;VALUE=URI:20210606", "DURATION:PT1H"), r"line 6.*DTSTART must be a date or date-time"),
            (("DTSTART:20210606", "DTEND;VALUE=URI:20210607"), r"line 7.*DTEND must be a date or date-time"),
            (("DTSTART:20210606", "DURATION;VALUE=TEXT:x"), r"line 7.*DURATION must be a duration, got 'x'"),
            (
                ("DTSTART;TZID=Europe/Paris:20210606T100000", "DTEND;TZID=UTC:99991231T235959"),
                r"line 6.*falls outside the years 1-9999",
            ),
        ],
    )
    def test_values_no_date_can_hold_name_their_line(self, lines: tuple[str, ...], message: str) -> None:
        """A start or end of the wrong kind, or past year 9999 in the event's zone: a ParseError, not a crash."""
        with pytest.raises(ParseError, match=message):
            read(cal(*event("UID:a", *lines)), "c")

    def test_an_all_day_event_on_the_first_day_of_year_1(self) -> None:
        """An exclusive DTEND on 0001-01-01 itself (an empty span) leaves the start alone."""
        assert ["0001-01-01"] == [str(e.when) for e in quiet(cal(*event("DTSTART:00010101", "DTEND:00010101")))]

    def test_a_lone_surrogate_names_its_line(self) -> None:
        """Text built in Python may hold a lone surrogate: a ParseError naming its line, not an encoding crash."""
        with pytest.raises(ParseError, match=r"line 7.*no character"):
            read(cal(*event("UID:a", "DTSTART:20210606", "X-FOO:a\ud800b")), "c")

    def test_a_text_property_with_another_value_type_reads_as_written(self) -> None:
        """SUMMARY;VALUE=DATE (a client's mistake) gives the text as written, not a Python repr."""
        assert "20210606" == quiet(cal(*event("DTSTART:20210606", "SUMMARY;VALUE=DATE:20210606"))).events[0].title

    def test_a_component_that_never_ends(self) -> None:
        """A VEVENT whose END is missing before END:VCALENDAR: a ParseError at its BEGIN line."""
        text = cal("BEGIN:VEVENT", "UID:a", "DTSTART;VALUE=DATE:20210606", *event("UID:b", "DTSTART:20210607"))

        with pytest.raises(ParseError, match="VEVENT begun on line 4 never ends") as caught:
            read(text, "c")

        assert 11 == caught.value.line

    def test_wrong_encoding(self) -> None:
        """Latin-1 bytes are not UTF-8: a ParseError with the line."""
        data = cal(*event("UID:a", "DTSTART;VALUE=DATE:20210606", "SUMMARY:Café")).encode("latin-1")

        with pytest.raises(ParseError, match="not UTF-8") as caught:
            read(data, "c")

        assert 7 == caught.value.line

    def test_no_calendar(self) -> None:
        """Text with no VCALENDAR is refused."""
        with pytest.raises(ParseError, match="no VCALENDAR"):
            read("", "c")

    @given(st.integers(min_value=0), st.integers(min_value=1, max_value=255))
    def test_flipped_bytes_give_a_timeline_or_a_parse_error(self, where: int, flip: int) -> None:
        """Any byte changed anywhere: a Timeline or ParseError, nothing else."""
        data = bytearray("".join(LINES).encode())
        data[where % len(data)] ^= flip
        with contextlib.suppress(ParseError):
            quiet(bytes(data))

    @given(st.lists(st.sampled_from(PIECES)).map("".join))
    def test_any_text_gives_a_timeline_or_a_parse_error(self, text: str) -> None:
        """Any text made of iCalendar pieces: a Timeline or ParseError, nothing else."""
        with contextlib.suppress(ParseError):
            quiet(text)
        with contextlib.suppress(ParseError):
            quiet(text, lenient=True)

    @given(st.lists(st.sampled_from(PIECES)).map("".join))
    def test_the_stream_finds_what_scan_finds(self, text: str) -> None:
        """Each problem scan finds, the streaming reader (the same line reader) warns of when lenient, in order."""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            _, problems = scan(text)
            del caught[:]
            try:
                read(text, "cal.ics", lenient=True)
            except ParseError:
                return  # icalendar refused a component outright: the scan may not have finished
        said = [str(warning.message) for warning in caught]
        found = iter(said)
        for problem in problems:
            expected = str(problem.located(source="cal.ics"))
            assert any(message == expected for message in found), (expected, said)


BAD_VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    "TZID:Makebelieve",
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "RDATE;VALUE=DATE:19700101",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0100",
    "END:STANDARD",
    "END:VTIMEZONE",
)


class TestCalendars:
    def test_several_calendars_in_one_file(self) -> None:
        """Two VCALENDARs: their events together, the first names the timeline."""
        text = cal("X-WR-CALNAME:One", *event("UID:a", "DTSTART:20210606T100000Z")) + cal(
            "X-WR-CALNAME:Two", *event("UID:b", "DTSTART:20210607T100000Z")
        )

        tl = read(text, "c")

        assert ("One", ["a", "b"]) == (tl.title, [e.id for e in tl])

    def test_events_with_no_calendar_around_them(self) -> None:
        """Bare VEVENTs, as some scripts write them, are read."""
        text = "\r\n".join(event("UID:a", "DTSTART:20210606T100000Z") + event("UID:b", "DTSTART:20210607T100000Z"))

        assert ["a", "b"] == [e.id for e in read(text, "c")]

    def test_a_component_icalendar_refuses_names_its_line(self) -> None:
        """A VTIMEZONE icalendar cannot parse: ParseError at its BEGIN line; lenient skips it and keeps the event."""
        text = cal(*BAD_VTIMEZONE, *event("UID:a", "DTSTART:20210606T100000Z"))

        with pytest.raises(ParseError, match="icalendar cannot parse this VTIMEZONE") as caught:
            read(text, "c")
        assert 4 == caught.value.line
        with pytest.warns(TimelineWarning, match="line 4: icalendar cannot parse"):
            assert ["a"] == [e.id for e in read(text, "c", lenient=True)]

    def test_our_data_must_be_a_json_object(self) -> None:
        """X-TIMELINE-DATA holding JSON that is no object: ParseError naming the line of the event."""
        text = cal(*event("UID:a", "X-TIMELINE-WHEN:2021", "X-TIMELINE-DATA;VALUE=TEXT:[1]"))

        with pytest.raises(ParseError, match=r"line 7.*must be a JSON object, got '\[1\]'"):
            read(text, "c")

    def test_lenient_from_the_command_line_text(self) -> None:
        """The lenient reader option parses from text, as a command line gives it."""
        from timeline.formats.ics import READ_OPTIONS

        assert (True, False) == (READ_OPTIONS["lenient"]("True"), READ_OPTIONS["lenient"]("false"))
        with pytest.raises(ValueError, match="must be one of"):
            READ_OPTIONS["lenient"]("maybe")


class TestScanAndZones:
    def test_scan_keeps_lines(self) -> None:
        """scan gives each component its BEGIN and END lines and each property its line."""
        blocks, problems = scan(cal(*event("UID:a")))

        assert [] == problems
        vevent = blocks[0].children[0]
        assert ("VEVENT", 4, 6, 5) == (vevent.name, vevent.line, vevent.end, vevent.line_of("UID"))

    @pytest.mark.parametrize(
        ("tzid", "zone"),
        [
            ("Tokyo Standard Time", "Asia/Tokyo"),
            ("Europe/Paris", "Europe/Paris"),
            ('"Europe/Paris"', "Europe/Paris"),
            ("Nowhere", None),
        ],
    )
    def test_zone_name(self, tzid: str, zone: str | None) -> None:
        """IANA names, Windows names and quoted names resolve; unknown ones give None."""
        assert zone == zone_name(tzid)

    def test_unknown_x_wr_timezone(self) -> None:
        """An X-WR-TIMEZONE naming no zone: ParseError strictly, a warning and no zone when lenient."""
        text = cal("X-WR-TIMEZONE:Mars/Olympus", *event("UID:a", "DTSTART;VALUE=DATE:20210606"))

        with pytest.raises(ParseError, match="Mars/Olympus"):
            read(text, "c")
        with pytest.warns(TimelineWarning, match="Mars/Olympus"):
            assert read(text, "c", lenient=True).tz is None


class TestRegistryAndCli:
    def test_loads_passes_lenient(self) -> None:
        """loads takes reader options; an unknown one is a FormatError."""
        text = "".join(LINES[:-3])

        with pytest.warns(TimelineWarning):
            assert ["a"] == [e.id for e in timeline.loads(text, "ics", lenient=True)]
        with pytest.raises(FormatError, match="no option 'strictly'"):
            timeline.loads(text, "ics", strictly=True)

    @pytest.mark.parametrize("suffix", [".md", ".json"])
    def test_convert_a_calendar(self, tmp_path: Path, suffix: str) -> None:
        """timeline convert reads a real-world .ics and writes Markdown or JSON."""
        source = tmp_path / "calendar.ics"
        source.write_text(cal("X-WR-CALNAME:Trip", *event("UID:a", "DTSTART;VALUE=DATE:20210606", "SUMMARY:Picnic")))
        out = tmp_path / f"out{suffix}"

        assert 0 == main(["convert", str(source), str(out)])
        assert "Picnic" in out.read_text()

    def test_convert_with_a_reader_option(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--read-option lenient=true imports the complete events of a truncated calendar and warns."""
        source = tmp_path / "cut.ics"
        source.write_text("".join(LINES[:-3]))
        out = tmp_path / "o.json"

        assert 0 == main(["convert", str(source), str(out), "--read-option", "lenient=true"])

        assert ["a"] == [e.id for e in timeline.load(out)]
        assert f"timeline: warning: {source}, line 9: VEVENT begun here never ends" in capsys.readouterr().err

    @pytest.mark.parametrize("pair", ["lenient", "lenient=maybe", "strict=true"])
    def test_bad_reader_options_are_misuse(self, tmp_path: Path, pair: str) -> None:
        """A reader option that is not KEY=VALUE, has a bad value or does not exist: exit 2."""
        source = tmp_path / "c.ics"
        source.write_text("".join(LINES))

        assert 2 == main(["convert", str(source), str(tmp_path / "o.json"), "-r", pair])

    def test_convert_refuses_a_broken_calendar(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A truncated calendar: exit 1, the message names the file and line."""
        source = tmp_path / "cut.ics"
        source.write_text("".join(LINES[:5]))

        assert 1 == main(["convert", str(source), str(tmp_path / "o.json")])
        assert "cut.ics, line" in capsys.readouterr().err


def test_utc_instants_stay_utc() -> None:
    """A DTSTART in Z reads as the same instant."""
    found = _one("DTSTART:20210606T100000Z")

    assert datetime(2021, 6, 6, 10, tzinfo=UTC) == found.when.earliest()


# Property lines a VEVENT from elsewhere may hold: the plain forms the direct
# path reads, and near misses that send the event through icalendar.
EVENT_LINES = [
    "UID:a",
    "UID:b\\,c",
    "SUMMARY:Plain",
    "SUMMARY;LANGUAGE=en:With a parameter",
    "SUMMARY:C:\\\\New\\nline\\, and \\; more",
    "SUMMARY:",
    "DESCRIPTION:Two\\Nlines",
    'DESCRIPTION;ALTREP="cid:x":quoted parameter',
    "LOCATION:Room 1",
    "STATUS:CANCELLED",
    "STATUS:maybe",
    "DTSTAMP:20210601T000000Z",
    "DTSTAMP:nonsense",
    "DTSTART:20210606",
    "DTSTART;VALUE=DATE:20210606",
    "DTSTART:20210606T100000",
    "DTSTART:20210606T100000Z",
    "DTSTART;TZID=Europe/Paris:20210606T100000",
    "DTSTART;tzid=America/New_York:20211107T013000",
    "DTSTART;TZID=UTC:20210606T100000",
    "DTSTART;TZID=Pacific Standard Time:20210606T100000",
    "DTSTART;TZID=/example.org/Europe/Paris:20210606T100000",
    "DTSTART;TZID=Makebelieve:20210606T100000",
    "DTSTART;VALUE=DATE:20210606T100000",
    "DTSTART;VALUE=DATE-TIME:20210606",
    "DTSTART:20210231",
    "DTSTART:20210606T250000",
    "DTSTART;TZID=Europe/Paris:20210606T100000Z",
    "DTSTART;VALUE=date:20210606",
    'DTSTART;TZID="Europe/Paris":20210606T100000',
    "DTSTART;TZID=:20210606T100000",
    "DTSTART;TZID=Europe/Paris;VALUE=DATE-TIME:20210606T100000",
    "DTSTART;TZID=europe/paris:20210606T100000",
    "DTSTART;TZID=EST5EDT:20210606T100000",
    "DTSTART;TZID=posix/Europe/Paris:20210606T100000",
    "DTSTART;TZID=US/Eastern:20210606T100000",
    "CATEGORIES;VALUE=BINARY;ENCODING=BASE64:x",
    "GEO;VALUE=TEXT:1;2",
    "RRULE;VALUE=DATE:100000",
    "RECURRENCE-ID:20210606T100000Z/20210605T100000Z",
    "X-FOO;VALUE=DATE-TIME:99991231T235959Z/P1D",
    "SUMMARY;VALUE=PERIOD:99991231T235959Z/P1D",
    'X-TIMELINE-DATA:{"title":null}',
    'X-TIMELINE-DATA:{"media":[1]}',
    'X-TIMELINE-DATA:{"sources":[1]}',
    "ATTACH:https://example.org/a.pdf",
    "ATTACH:https://example.org/b.pdf",
    "ATTACH;ENCODING=BASE64;VALUE=BINARY:aGVsbG8=",
    "IMAGE;VALUE=URI:https://example.org/i.png",
    "STATUS:NEEDS-ACTION",
    "URL:https://example.org/b",
    "DTSTART:20211231T235960Z",
    "DTSTART:00000101",
    "DTSTART:99991231T230000Z",
    "DTSTART;X-PARAM=1:20210606",
    "DTEND:20210609",
    "DTEND:20210605",
    "DTEND;TZID=Europe/Paris:20210606T100000",
    "DTEND;VALUE=DATE:20210606T100000",
    "DTEND;VALUE=DATE:20210607",
    "DTEND:20210606T120000",
    "DTEND:20210606T090000Z",
    "DTEND;TZID=Asia/Tokyo:20210606T230000",
    "DURATION:PT2H",
    "URL:https://example.org/a",
    "URL:https://example.org/a\\,b",
    "URL:/relative",
    "CATEGORIES:one,two",
    "CATEGORIES: spaced , out",
    "CATEGORIES:one\\,two",
    "GEO:48.85;2.35",
    "RRULE:FREQ=WEEKLY;COUNT=3",
    "SEQUENCE:0",
    "SEQUENCE:007",
    "PRIORITY:5",
    "TRANSP:OPAQUE",
    "CLASS:PRIVATE",
    "CLASS:x-custom",
    "CREATED:20190303T000000Z",
    "LAST-MODIFIED:20191332T000000Z",
    "X-MICROSOFT-CDO-BUSYSTATUS:BUSY",
    "X-APPLE-TRAVEL-ADVISORY-BEHAVIOR;X-P=1:AUTOMATIC",
    "X-COMMA:a,b\\,c;d",
    "X-TIMELINE-WHEN:2021-06",
    "X-TIMELINE-WHEN:2021-13",
    'X-TIMELINE-DATA:{"tags":["t"]}',
    "X-TIMELINE-DATA:not json",
    "ORGANIZER:mailto:a@example.org",
    "SUMMARY:a\\:b",
    "LOCATION:odd\\qescape",
    "SUMMARY;VALUE=DATE:20210606",
    "SUMMARY;language=de:Hallo",
    "SUMMARY;VALUE=TEXT;LANGUAGE=en:Typed",
    "X-TIMELINE-WHEN;VALUE=TEXT:2021-06~",
    "SUMMARY;X-P=a\x01b:v",
    "STATUS;VALUE=PERIOD:x",
    "X-WR-ALARM;VALUE=DATE:20210606",
    "DTSTART:\u0662\u0660\u0662\u0661\u0660\u0666\u0660\u0666",
    "SEQUENCE:1\u0662",
    "CREATED:\u0662\u0660\u0662\u0661\u0660\u0666\u0660\u0666T100000Z",
    "DTSTART:00010101",
    "DTEND:00010101",
    "DTEND;TZID=UTC:99991231T235959",
    "DTSTART;VALUE=URI:20210606",
    "DTEND;VALUE=URI:20210606",
    "DTSTAMP;VALUE=URI:20210606",
    "DURATION;VALUE=TEXT:x",
]
ALARM = ("BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT15M", "END:VALARM")
# A VTIMEZONE for a name zoneinfo loads but does not list, with offsets of its own.
ODD_VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    "TZID:posix/Europe/Paris",
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0500",
    "TZOFFSETTO:+0500",
    "END:STANDARD",
    "END:VTIMEZONE",
)


def both_ways(text: str, lenient: bool) -> list[tuple[object, list[str]]]:
    """What the reader makes of the text with the direct path and without: the result or error, and the warnings."""
    outcomes = []
    for direct in (True, False):
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            try:
                found: object = read_ics(text, "cal.ics", lenient=lenient, direct=direct)
            except ParseError as exc:
                found = str(exc)
        outcomes.append((found, [str(warning.message) for warning in seen]))
    return outcomes


def first_block(text: str) -> Block:
    return scan(text)[0][0].children[0]


class TestDirectPath:
    @given(
        st.lists(
            st.tuples(st.lists(st.sampled_from(EVENT_LINES), max_size=8), st.booleans()),
            min_size=1,
            max_size=4,
        ),
        st.booleans(),
        st.booleans(),
    )
    def test_same_as_through_icalendar(self, events: list[tuple[list[str], bool]], lenient: bool, zone: bool) -> None:
        """Any mix of plain and odd events reads the same with or without the direct path, warnings included."""
        lines = [line for body, alarm in events for line in event(*body, *(ALARM if alarm else ()))]
        direct, through_icalendar = both_ways(cal(*(ODD_VTIMEZONE if zone else ()), *lines), lenient)

        assert through_icalendar == direct

    @pytest.mark.filterwarnings("ignore::timeline.TimelineWarning")
    @given(st.lists(st.lists(st.sampled_from(EVENT_LINES), max_size=8), min_size=1, max_size=4))
    def test_nothing_is_silently_lost(self, bodies: list[list[str]]) -> None:
        """Strictly, a calendar icalendar reads as N events gives N events or a ParseError."""
        text = cal(*(line for body in bodies for line in event(*body)))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # icalendar's own, on guessing a zone
            try:
                expected = len(icalendar.Calendar.from_ical(text).walk("VEVENT"))
            except (ValueError, OverflowError):
                return  # icalendar reads no events from it: nothing to compare (other tests: no crash)

        with contextlib.suppress(ParseError):
            assert expected == len(read_ics(text, "cal.ics"))

    @pytest.mark.filterwarnings("ignore::timeline.TimelineWarning")
    @given(timelines())
    def test_our_own_files_read_the_same_both_ways(self, tl: Timeline) -> None:
        """What the writer wrote reads the same with or without the direct path."""
        text = timeline.dumps(tl, "ics", stamp=STAMP)

        assert read_ics(text, "cal.ics", direct=False) == read_ics(text, "cal.ics")

    @pytest.mark.parametrize(
        ("lines", "when", "tz"),
        [
            (("DTSTART;VALUE=DATE:20210606", "DTEND;VALUE=DATE:20210607"), "2021-06-06", None),
            (("DTSTART:20210606", "DTEND:20210609"), "2021-06-06/2021-06-08", None),
            (("DTSTART:20210606T100000Z", "DTEND:20210606T110000Z"), "2021-06-06T10:00:00Z/2021-06-06T11:00:00Z", None),
            (("DTSTART;TZID=Europe/Paris:20210606T100000",), "2021-06-06T10:00:00", "Europe/Paris"),
            (("DTSTART;TZID=UTC:20210606T100000",), "2021-06-06T10:00:00Z", None),
            (("DTSTART:20210606T100000", "DTEND:20210606T090000"), "2021-06-06T10:00:00", None),
        ],
    )
    def test_plain_events_are_read_directly(self, lines: tuple[str, ...], when: str, tz: str | None) -> None:
        """Google's and Outlook's everyday events never reach icalendar, and mean what they meant through it."""
        text = cal(*event("UID:u", "DTSTAMP:20210601T000000Z", "SUMMARY:S", "SEQUENCE:0", "X-GOOGLE-X:1", *lines))

        found = _direct_event(first_block(text))

        assert found is not None
        assert (when, tz, {"ics": ["SEQUENCE:0", "X-GOOGLE-X:1"]}) == (str(found.when), found.tz, dict(found.extra))
        assert read_ics(text, "cal.ics", direct=False) == read_ics(text, "cal.ics")

    def test_our_own_plain_events_are_read_directly(self) -> None:
        """The writer's events of text and dates (X-TIMELINE-* with VALUE=TEXT) take the direct path."""
        tl = Timeline(
            events=[
                timeline.Event(id="a", title="A; b", when="2021-06~", description="C:\\New\nline", location="L"),
                timeline.Event(id="b", title="B", when="2021-06-06T10:00/2021-06-06T12:00", tz="Europe/Paris"),
            ]
        )
        blocks = scan(timeline.dumps(tl, "ics", stamp=STAMP))[0][0].children
        vevents = [block for block in blocks if block.name == "VEVENT"]

        found = [_direct_event(block) for block in vevents]

        assert list(tl) == found

    @pytest.mark.parametrize(
        "lines",
        [
            ("DTSTART;TZID=Pacific Standard Time:20210606T100000",),  # a Windows name: icalendar's mapping decides
            ("DTSTART:20210606", "DURATION:P1D"),
            ("DTSTART:20210606", "SUMMARY:again"),  # repeated
            ("DTSTART:20210606", "RRULE:FREQ=DAILY"),
            ("DTSTART:20210606", 'DESCRIPTION;ALTREP="cid:x":d'),
            ("DTSTART:20210606", "URL:https://example.org/a\\,b"),
            ("DTSTART:20210606", "X-A;P=1:v"),
            ("DTSTART:20210606", "SEQUENCE:01"),
            ("DTSTART:20210231",),
            ("SUMMARY:no start",),
            ("DTSTART:20210606", *ALARM),
        ],
    )
    def test_anything_else_goes_through_icalendar(self, lines: tuple[str, ...]) -> None:
        """An event the direct path does not read exactly as icalendar would is left to icalendar."""
        assert _direct_event(first_block(cal(*event("UID:u", "SUMMARY:S", *lines)))) is None

    def test_an_error_names_the_event_by_its_place_among_all(self) -> None:
        """Read directly or not, the events before a broken one still count in its VEVENT[n]."""
        text = cal(*event("UID:a", "DTSTART:20210606"), *event("UID:b", "DTSTART:20210606", "X-TIMELINE-WHEN:2021-13"))

        with pytest.raises(ParseError, match=r"VEVENT\[1\]"):
            read_ics(text, "cal.ics", direct=False)
        with pytest.raises(ParseError, match=r"VEVENT\[1\]"):
            read_ics(text, "cal.ics")
