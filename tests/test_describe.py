"""timeline.describe: every date form in words, month first and day first."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import when_texts, whens

from timeline import Event, ParseError, When, describe
from timeline._describe import Style, year_heading
from timeline._when import PartialDate

# EDTF text, then month-first ("mdy") and day-first ("dmy") descriptions.
TABLE = [
    # One date at each precision.
    ("2021-05-31", "May 31, 2021", "31 May 2021"),
    ("2021-03", "March 2021", "March 2021"),
    ("2019", "2019", "2019"),
    ("2021-21", "spring 2021", "spring 2021"),
    ("2021-22", "summer 2021", "summer 2021"),
    ("2021-23", "autumn 2021", "autumn 2021"),
    ("2021-24", "winter 2021–2022", "winter 2021–2022"),
    ("2021-26", "summer 2021", "summer 2021"),
    ("2021-29", "spring 2021 (Southern Hemisphere)", "spring 2021 (Southern Hemisphere)"),
    ("2021-30", "summer 2021–2022 (Southern Hemisphere)", "summer 2021–2022 (Southern Hemisphere)"),
    ("2021-33", "Q1 2021", "Q1 2021"),
    ("2021-34", "Q2 2021", "Q2 2021"),
    ("2021-36", "Q4 2021", "Q4 2021"),
    ("2021-37", "January–April 2021", "January–April 2021"),
    ("2021-39", "September–December 2021", "September–December 2021"),
    ("2021-40", "the first half of 2021", "the first half of 2021"),
    ("2021-41", "the second half of 2021", "the second half of 2021"),
    ("2021-W21", "the week of May 24, 2021", "the week of 24 May 2021"),
    ("2020-W53", "the week of December 28, 2020", "the week of 28 December 2020"),
    # Unspecified digits.
    ("196X", "the 1960s", "the 1960s"),
    ("200X", "the 2000s", "the 2000s"),
    ("19XX", "the 20th century", "the 20th century"),
    ("20XX", "the 21st century", "the 21st century"),
    ("01XX", "the 2nd century", "the 2nd century"),
    ("1XXX", "sometime in 1000–1999", "sometime in 1000–1999"),
    ("XXXX", "an unknown year", "an unknown year"),
    ("1X85", "a year ending in 85 in 1085–1985", "a year ending in 85 in 1085–1985"),
    ("-019X", "sometime in 200–191 BC", "sometime in 200–191 BC"),
    ("000X", "sometime in 1 BC – AD 9", "sometime in 1 BC – AD 9"),
    ("2021-XX", "some month in 2021", "some month in 2021"),
    ("2021-06-XX", "some day in June 2021", "some day in June 2021"),
    ("2021-XX-XX", "some day in 2021", "some day in 2021"),
    ("2021-1X", "sometime in October–December 2021", "sometime in October–December 2021"),
    ("2021-06-1X", "sometime in June 10–19, 2021", "sometime in 10–19 June 2021"),
    ("2021-1X-2X", "one of days 20–29 in October–December, in 2021", "one of days 20–29 in October–December, in 2021"),
    ("199X-1X-XX", "some day in October–December, in the 1990s", "some day in October–December, in the 1990s"),
    ("196X-06", "June in the 1960s", "June in the 1960s"),
    ("XXXX-06-06", "June 6 in an unknown year", "6 June in an unknown year"),
    ("XXXX-06-XX", "some day in June in an unknown year", "some day in June in an unknown year"),
    ("1X85-06", "June in a year ending in 85 in 1085–1985", "June in a year ending in 85 in 1085–1985"),
    ("XXXX-06-1X", "one of days 10–19 in June, in an unknown year", "one of days 10–19 in June, in an unknown year"),
    ("196X-21", "spring in the 1960s", "spring in the 1960s"),
    ("196X-34", "Q2 in the 1960s", "Q2 in the 1960s"),
    ("196X-40", "the first half of a year in the 1960s", "the first half of a year in the 1960s"),
    # Significant digits, and years of more than four digits.
    ("1950S2", "1900–1999 (estimated 1950)", "1900–1999 (estimated 1950)"),
    ("Y170000002", "170,000,002", "170,000,002"),
    ("Y-170000002", "170,000,003 BC", "170,000,003 BC"),
    ("Y17E7", "170,000,000", "170,000,000"),
    ("Y17E7S3", "170,000,000–170,999,999 (estimated 170,000,000)", "170,000,000–170,999,999 (estimated 170,000,000)"),
    # Qualifiers.
    ("2019~", "around 2019", "around 2019"),
    ("2018?", "possibly 2018", "possibly 2018"),
    ("2018%", "possibly around 2018", "possibly around 2018"),
    ("2021-05-31~", "around May 31, 2021", "around 31 May 2021"),
    ("2021-W21?", "possibly the week of May 24, 2021", "possibly the week of 24 May 2021"),
    ("196X~", "around the 1960s", "around the 1960s"),
    ("1985-04-XX?", "possibly some day in April 1985", "possibly some day in April 1985"),
    # Years before 1: astronomical year 0 is 1 BC.
    ("-0043", "44 BC", "44 BC"),
    ("0000", "1 BC", "1 BC"),
    ("0001", "1", "1"),
    ("-0043-03-15", "March 15, 44 BC", "15 March 44 BC"),
    ("-0043-21", "spring 44 BC", "spring 44 BC"),
    ("-0001-24", "winter 2–1 BC", "winter 2–1 BC"),
    # Ranges: unspaced within one month or year, spaced across them.
    ("2021-06-06/2021-06-08", "June 6–8, 2021", "6–8 June 2021"),
    ("2021-05-31/2021-06-02", "May 31 – June 2, 2021", "31 May – 2 June 2021"),
    ("2021-12-30/2022-01-02", "December 30, 2021 – January 2, 2022", "30 December 2021 – 2 January 2022"),
    ("2021-03/2021-05", "March–May 2021", "March–May 2021"),
    ("2021-11/2022-02", "November 2021 – February 2022", "November 2021 – February 2022"),
    ("2019/2021", "2019–2021", "2019–2021"),
    ("-0043/-0039", "44–40 BC", "44–40 BC"),
    ("-0004/0029", "5 BC – AD 29", "5 BC – AD 29"),
    ("2021-06-06/2021-06-06", "June 6, 2021", "6 June 2021"),
    ("2021-21/2021-22", "spring 2021 – summer 2021", "spring 2021 – summer 2021"),
    (
        "2021-W21/2021-W22",
        "the week of May 24, 2021 – the week of May 31, 2021",
        "the week of 24 May 2021 – the week of 31 May 2021",
    ),
    # Mixed precision and qualified ends: each end in full, spaced.
    ("2021-03/2021-06-08", "March 2021 – June 8, 2021", "March 2021 – 8 June 2021"),
    ("2019/2021-03", "2019 – March 2021", "2019 – March 2021"),
    ("2019~/2021", "from around 2019 to 2021", "from around 2019 to 2021"),
    (
        "2021-06-06/2021-06-08?",
        "from June 6, 2021 to possibly June 8, 2021",
        "from 6 June 2021 to possibly 8 June 2021",
    ),
    ("196X/2021", "the 1960s – 2021", "the 1960s – 2021"),
    # Open and unknown ends.
    ("2021-06/..", "since June 2021", "since June 2021"),
    ("2021-06/", "from June 2021", "from June 2021"),
    ("/2021-06-08", "until June 8, 2021", "until 8 June 2021"),
    ("../2021-06-08", "up to June 8, 2021", "up to 8 June 2021"),
    ("2019~/..", "since around 2019", "since around 2019"),
    # Times of day.
    ("2021-06-07T10:00Z", "June 7, 2021, 10:00 (UTC)", "7 June 2021, 10:00 (UTC)"),
    ("2021-06-07T10:00:30+05:30", "June 7, 2021, 10:00:30 (UTC+05:30)", "7 June 2021, 10:00:30 (UTC+05:30)"),
    ("2021-06-07T10:00:30.25-06", "June 7, 2021, 10:00:30.25 (UTC−06:00)", "7 June 2021, 10:00:30.25 (UTC−06:00)"),
    ("2021-06-07T10:00Z/2021-06-07T12:30Z", "June 7, 2021, 10:00–12:30 (UTC)", "7 June 2021, 10:00–12:30 (UTC)"),
    (
        "2021-06-07T10:00Z/2021-06-08T12:00Z",
        "June 7, 2021, 10:00 – June 8, 2021, 12:00 (UTC)",
        "7 June 2021, 10:00 – 8 June 2021, 12:00 (UTC)",
    ),
    (
        "2021-06-07T10:00Z/2021-06-07T12:00+02:00",
        "June 7, 2021, 10:00 (UTC) – June 7, 2021, 12:00 (UTC+02:00)",
        "7 June 2021, 10:00 (UTC) – 7 June 2021, 12:00 (UTC+02:00)",
    ),
    ("2021-06-07T10:00Z~", "around June 7, 2021, 10:00 (UTC)", "around 7 June 2021, 10:00 (UTC)"),
    (
        "2021-06-07T10:00Z/2021-06-08",
        "June 7, 2021, 10:00 (UTC) – June 8, 2021",
        "7 June 2021, 10:00 (UTC) – 8 June 2021",
    ),
    # Whole minutes read without the ":00" seconds imported times often carry.
    ("2021-06-07T10:00:00", "June 7, 2021, 10:00", "7 June 2021, 10:00"),
    ("2021-06-07T10:00:00Z/2021-06-07T11:30:00Z", "June 7, 2021, 10:00–11:30 (UTC)", "7 June 2021, 10:00–11:30 (UTC)"),
    # Qualified intervals: a shared qualifier once, each end's own with "from ... to".
    ("2021-06-07~/2021-06-09~", "around June 7–9, 2021", "around 7–9 June 2021"),
    ("1950~/1959~", "around 1950–1959", "around 1950–1959"),
    ("2021-03?/2021-05?", "possibly March–May 2021", "possibly March–May 2021"),
    ("2021-06-07%/2021-06-09%", "possibly around June 7–9, 2021", "possibly around 7–9 June 2021"),
    ("2019/2021~", "from 2019 to around 2021", "from 2019 to around 2021"),
    ("2019?/2021~", "from possibly 2019 to around 2021", "from possibly 2019 to around 2021"),
    ("196X~/197X~", "from around the 1960s to around the 1970s", "from around the 1960s to around the 1970s"),
    ("/2021-06-08~", "until around June 8, 2021", "until around 8 June 2021"),
    ("2021-06?/..", "since possibly June 2021", "since possibly June 2021"),
    # Sets: one of them ("or", "sometime in"), all of them ("and", "each ... of").
    ("[1667..1672]", "sometime in 1667–1672", "sometime in 1667–1672"),
    ("{1667..1672}", "each year of 1667–1672", "each year of 1667–1672"),
    ("1667/1672", "1667–1672", "1667–1672"),
    ("[1667,1668,1670..1672]", "1667, 1668 or sometime in 1670–1672", "1667, 1668 or sometime in 1670–1672"),
    ("{1667,1668,1670..1672}", "1667, 1668 and each year of 1670–1672", "1667, 1668 and each year of 1670–1672"),
    ("[2021-06-06..2021-06-08]", "sometime in June 6–8, 2021", "sometime in 6–8 June 2021"),
    ("{2021-06-06..2021-06-08}", "each day of June 6–8, 2021", "each day of 6–8 June 2021"),
    ("{2021-03..2021-05}", "each month of March–May 2021", "each month of March–May 2021"),
    ("[2021-06-06,2021-06-08]", "June 6, 2021 or June 8, 2021", "6 June 2021 or 8 June 2021"),
    ("{2021-06-06,2021-06-08}", "June 6, 2021 and June 8, 2021", "6 June 2021 and 8 June 2021"),
    ("[..1760-12-03]", "December 3, 1760 or earlier", "3 December 1760 or earlier"),
    ("[1760-12..]", "December 1760 or later", "December 1760 or later"),
    (
        "{..1983-12-31,1984-11-05..}",
        "up to December 31, 1983 and since November 5, 1984",
        "up to 31 December 1983 and since 5 November 1984",
    ),
    ("[1667]", "1667", "1667"),
    ("[2004~,2005?]", "around 2004 or possibly 2005", "around 2004 or possibly 2005"),
    # Qualifiers on one component (EDTF level 2) name the component.
    ("2004?-06-11", "June 11, 2004 (year uncertain)", "11 June 2004 (year uncertain)"),
    ("2004-06~-11", "June 11, 2004 (year and month approximate)", "11 June 2004 (year and month approximate)"),
    (
        "?2004-%06",
        "June 2004 (year uncertain; month approximate and uncertain)",
        "June 2004 (year uncertain; month approximate and uncertain)",
    ),
    (
        "2004?-06-~11",
        "June 11, 2004 (year uncertain; day approximate)",
        "11 June 2004 (year uncertain; day approximate)",
    ),
]


class TestDescribeTable:
    @pytest.mark.parametrize(("text", "mdy", "dmy"), TABLE)
    def test_month_first(self, text: str, mdy: str, dmy: str) -> None:
        """The default style writes the month first: "May 31, 2021"."""
        assert mdy == describe(When(text))

    @pytest.mark.parametrize(("text", "mdy", "dmy"), TABLE)
    def test_day_first(self, text: str, mdy: str, dmy: str) -> None:
        """style="dmy" writes the day first: "31 May 2021"."""
        assert dmy == describe(When(text), style="dmy")


class TestDescribeZones:
    def test_floating_time_shows_the_zone_given(self) -> None:
        """A floating time is followed by the zone it belongs to."""
        assert "June 7, 2021, 10:00 (America/Guatemala)" == describe("2021-06-07T10:00", tz="America/Guatemala")

    def test_floating_time_without_a_zone(self) -> None:
        """Without a zone a floating time shows the wall clock alone."""
        assert "7 June 2021, 10:00" == describe("2021-06-07T10:00", style="dmy")

    def test_same_day_floating_range_names_the_zone_once(self) -> None:
        """A range of times on one day shares its date and zone."""
        actual = describe("2021-06-07T10:00/2021-06-07T12:00", tz="America/Guatemala")

        assert "June 7, 2021, 10:00–12:00 (America/Guatemala)" == actual

    def test_offset_wins_over_the_zone_given(self) -> None:
        """A time written with a UTC offset is an instant; it shows that offset, not the zone."""
        assert "June 7, 2021, 10:00 (UTC)" == describe("2021-06-07T10:00Z", tz="America/Guatemala")

    def test_dates_ignore_the_zone(self) -> None:
        """A date without a time carries no zone note."""
        assert "June 7, 2021" == describe("2021-06-07", tz="America/Guatemala")

    def test_uncertain_time_keeps_the_zone_last(self) -> None:
        """The qualifier's word opens the date; the zone note still closes it."""
        assert "possibly June 7, 2021, 10:00 (Europe/Paris)" == describe("2021-06-07T10:00?", tz="Europe/Paris")


class TestDescribeArguments:
    def test_text_is_parsed(self) -> None:
        """EDTF text is accepted in place of a When."""
        assert describe(When("2021-03")) == describe("2021-03")

    def test_bad_text_is_a_parse_error(self) -> None:
        """Text that is not EDTF raises ParseError quoting it."""
        with pytest.raises(ParseError, match="'2021-13'"):
            describe("2021-13")

    def test_unknown_style_is_refused(self) -> None:
        """A style other than mdy or dmy is a ValueError quoting it."""
        with pytest.raises(ValueError, match="'ymd'"):
            describe("2021", style="ymd")  # type: ignore[arg-type]


class TestDescribeProperties:
    @given(whens(), st.sampled_from(["mdy", "dmy"]), st.sampled_from([None, "Asia/Kolkata"]))
    def test_every_value_has_a_one_line_description(self, when: When, style: str, tz: str | None) -> None:
        """Any value the model holds, however exotic, gives one non-empty line and never raises."""
        text = describe(when, style="dmy" if style == "dmy" else "mdy", tz=tz)

        assert (True, False) == (bool(text.strip()), "\n" in text)

    @given(whens())
    def test_qualifiers_show(self, when: When) -> None:
        """An approximate value says "around" and an uncertain one "possibly" somewhere in its description.

        A qualifier on one component (EDTF level 2) is said in words instead:
        "(year uncertain; day approximate)".
        """
        text = describe(when)

        assert (when.approximate, when.uncertain) == (
            when.approximate and ("around " in text or "approximate" in text),
            when.uncertain and ("possibly " in text or "uncertain" in text),
        )

    @given(whens())
    def test_no_edtf_syntax_leaks(self, when: When) -> None:
        """No EDTF marker (X digits, "/", "~", "%", "..") reaches the reader."""
        text = describe(when)

        assert [] == [mark for mark in ("X", "/", "~", "%", "..", "T0", "T1", "T2") if mark in text]


class TestDescribeLevel2:
    def test_heading_of_a_set_open_at_both_ends(self) -> None:
        """A set with no known bound files under its first member's end."""
        assert "Until 1900" == year_heading(When("[..1900,1950..]"))


def _point_meaning(point: PartialDate | None, kind: str) -> object:
    """What one date says: the instants it may be, how sure, and whether its X digits leave a choice."""
    if point is None:
        return kind
    marks = tuple(point.qualifier_of(name) for name in ("year", "month", "day"))
    return ("one of" if point.unspecified else "point", point._lo, point._hi, marks, point.utc_offset is None)


def _meaning(when: When) -> object:
    """What a value says, with forms that say the same thing made equal.

    A one-date interval is that date; a set of one member is that member; a
    range in a one-of set is one of the days it runs over, as contiguous X
    digits are; a range in an all-of set is each of them.
    """
    if when.is_set:
        members: list[object] = []
        for member in when.members():
            start, end = member.start, member.end
            if member.is_interval and start is not None and end is not None and start != end:
                marks = _point_meaning(start, "")
                assert isinstance(marks, tuple)
                members.append(("each" if when.all_of else "one of", start._lo, end._hi, marks[3], marks[4]))
            else:
                members.append(_meaning(member) if when.all_of else _open_member(member))
        return members[0] if len(members) == 1 else ("all" if when.all_of else "one", tuple(members))
    if when.is_interval and not (when.start is not None and when.start == when.end):
        unknown = ("unknown", "open")
        return (
            "span",
            _point_meaning(when.start, unknown[when.start_open]),
            _point_meaning(when.end, unknown[when.end_open]),
        )
    return _point_meaning(when.start, "")


def _open_member(member: When) -> object:
    # In a one-of set "..b" is "b or earlier", "a.." is "a or later".
    if member.start_open:
        return ("or earlier", _point_meaning(member.end, ""))
    if member.end_open:
        return ("or later", _point_meaning(member.start, ""))
    return _meaning(member)


def _valid(text: str) -> bool:
    try:
        When(text)
    except ParseError:
        return False
    return True


def _family() -> list[str]:
    """A dense family of values around a few days: every form, where collisions would show."""
    points = ["2021", "2021-06", "2021-06-07", "2021-06-0X", "2021-0X", "202X", "2021-22", "2021-W23", "2021-06-XX"]
    qualified = [p + mark for p in points for mark in ("", "~", "?", "%")]
    ends = [
        "2021-06-07",
        "2021-06-09",
        "2021-06",
        "2021-08",
        "2021",
        "2022",
        "2021-06-07~",
        "2021-06-09~",
        "2021-06-09?",
    ]
    intervals = [f"{a}/{b}" for a in ends for b in ends if _valid(f"{a}/{b}")]
    intervals += (
        [f"{a}/.." for a in ends] + [f"../{b}" for b in ends] + [f"{a}/" for a in ends] + [f"/{b}" for b in ends]
    )
    ranges = ["2021-06-07..2021-06-09", "2021-06..2021-08", "2021..2022", "2021-06-01..2021-06-09", "2021-01..2021-09"]
    singles = ["2021-06-07", "2021-06-09", "2021", "2021-06", "2021-06-07~", "..2021-06-09", "2021-06-07.."]
    sets = [f"{o}{m}{c}" for o, c in ("[]", "{}") for m in [*ranges, *singles]]
    sets += [f"{o}{a},{b}{c}" for o, c in ("[]", "{}") for a in singles for b in ranges]
    timed = ["2021-06-07T10:00", "2021-06-07T10:00:00", "2021-06-07T10:00Z", "2021-06-07T10:00+00:00"]
    timed += ["2021-06-07T10:00:30", "2021-06-07T10:00/2021-06-07T11:00", "2021-06-07T10:00:00/2021-06-07T11:00:00"]
    return [text for text in (*qualified, *intervals, *sets, *timed) if _valid(text)]


class TestDescribeSaysWhatIsKnown:
    @pytest.mark.parametrize("style", ["mdy", "dmy"])
    def test_different_meanings_never_share_words(self, style: Style) -> None:
        """Over a dense family of values, two that give the same words mean the same days."""
        seen: dict[str, tuple[str, object]] = {}
        clashes = []
        for text in _family():
            when = When(text)
            words = describe(when, style=style)
            meaning = _meaning(when)
            if words in seen and seen[words][1] != meaning:
                clashes.append((words, seen[words][0], text))
            seen.setdefault(words, (text, meaning))

        assert [] == clashes

    @given(st.lists(whens(), min_size=2, max_size=8, unique=True), st.sampled_from(["mdy", "dmy"]))
    def test_same_words_mean_the_same_days(self, values: list[When], style: Style) -> None:
        """Any two values the model holds give different words unless they mean the same days."""
        by_words: dict[str, object] = {}
        for when in values:
            words = describe(when, style=style)
            meaning = _meaning(when)
            assert by_words.setdefault(words, meaning) == meaning, words

    def test_one_of_all_of_and_span_read_apart(self) -> None:
        """Sometime in a span, each of its years, and the span itself are three different sentences."""
        assert ["sometime in 1667–1672", "each year of 1667–1672", "1667–1672"] == [
            describe(text) for text in ("[1667..1672]", "{1667..1672}", "1667/1672")
        ]


# RRULE text, then its words with the first occurrence (October 1, 2024, a Tuesday).
RULES = [
    ("FREQ=WEEKLY;BYDAY=TU;COUNT=10", "every Tuesday from October 1, 2024, 10 times"),
    ("FREQ=WEEKLY", "every week from October 1, 2024"),
    ("FREQ=WEEKLY;BYDAY=TU,TH", "every Tuesday and Thursday from October 1, 2024"),
    ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "every weekday from October 1, 2024"),
    (
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;UNTIL=20241231",
        "every 2 weeks on Tuesday and Thursday from October 1, 2024, until December 31, 2024",
    ),
    ("FREQ=DAILY;COUNT=1", "every day from October 1, 2024, once"),
    ("FREQ=DAILY;INTERVAL=2", "every other day from October 1, 2024"),
    ("FREQ=DAILY;INTERVAL=3", "every 3 days from October 1, 2024"),
    ("FREQ=MONTHLY;BYDAY=1TU", "every month on the first Tuesday from October 1, 2024"),
    ("FREQ=MONTHLY;BYDAY=-1FR", "every month on the last Friday from October 1, 2024"),
    ("FREQ=MONTHLY;BYDAY=TU", "every month on Tuesdays from October 1, 2024"),
    ("FREQ=MONTHLY;BYMONTHDAY=1,15", "every month on the 1st and the 15th from October 1, 2024"),
    ("FREQ=MONTHLY;BYMONTHDAY=-1", "every month on the last day from October 1, 2024"),
    ("FREQ=YEARLY", "every year from October 1, 2024"),
    ("FREQ=YEARLY;INTERVAL=4", "every 4 years from October 1, 2024"),
    ("FREQ=YEARLY;BYMONTHDAY=1", "every year on the 1st of a month from October 1, 2024"),
    ("FREQ=HOURLY;INTERVAL=6;COUNT=4", "every 6 hours from October 1, 2024, 4 times"),
    ("FREQ=WEEKLY;UNTIL=20241101T120000Z", "every week from October 1, 2024, until November 1, 2024, 12:00 (UTC)"),
    # Beyond the common forms: a plain mention of repetition.
    ("FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR", "repeating from October 1, 2024"),
    ("FREQ=YEARLY;BYMONTH=10", "repeating from October 1, 2024"),
    ("FREQ=WEEKLY;BYMONTHDAY=3", "repeating from October 1, 2024"),
    ("FREQ=MONTHLY;BYMONTHDAY=-2", "repeating from October 1, 2024"),
    ("FREQ=WEEKLY;BYDAY=1TU", "repeating from October 1, 2024"),
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;WKST=SU", "repeating from October 1, 2024"),
]


class TestDescribeRecurrence:
    @pytest.mark.parametrize(("rule", "expected"), RULES)
    def test_rule_in_words(self, rule: str, expected: str) -> None:
        """Common rules are said in words before the first occurrence; others say "repeating"."""
        assert expected == describe("2024-10-01", recurrence=rule)

    def test_day_first_style_reaches_the_rule(self) -> None:
        """The rule's own dates follow the style too."""
        actual = describe("2024-10-01", style="dmy", recurrence="FREQ=WEEKLY;BYDAY=TU;UNTIL=20241231")

        assert "every Tuesday from 1 October 2024, until 31 December 2024" == actual

    def test_event_rules_read_through_describe(self) -> None:
        """An Event's canonical rule (upper case, no RRULE: prefix) reads as written by hand."""
        event = Event(title="Standup", when="2024-10-01T09:30", recurrence="rrule:freq=weekly;byday=tu;count=3")

        assert "every Tuesday from October 1, 2024, 09:30, 3 times" == describe(event.when, recurrence=event.recurrence)


@given(
    st.tuples(st.integers(0, 9999), st.integers(1, 41), st.integers(1, 28), st.integers(1, 3)).map(
        lambda parts: f"{parts[0]:04d}-{parts[1]:02d}-{parts[2]:02d}"[: (4, 7, 10)[parts[3] - 1]]
    ),
    st.sampled_from(["mdy", "dmy"]),
)
def test_plain_dates_are_worded_as_the_describer_words_them(text: str, style: Style) -> None:
    """Plain years, months and days skip the general describer (and its memory) with the same words."""
    from timeline import _describe

    _describe._DESCRIBED.clear()
    try:
        value = When(text)
    except ParseError:
        return
    assert _describe._Describer(style, None).when(value) == describe(text, style=style)


def test_the_memory_of_descriptions_stays_bounded() -> None:
    """Describing any number of distinct dates, plain ones included, keeps at most 20,000 descriptions."""
    from datetime import date, timedelta

    from timeline import _describe

    start = date(1900, 1, 1)
    for offset in range(25_000):
        describe((start + timedelta(days=offset)).isoformat())

    assert len(_describe._DESCRIBED) <= 20_000


@given(when_texts())
def test_year_heading_reads_the_start_without_parsing_it(text: str) -> None:
    """The heading's fast path (the When's own text) files every value as its parsed start does."""
    from timeline._describe import capital, year_text

    when = When(text)
    heading = year_heading(when)
    start = When(text).start
    if start is not None:
        known = start.text[:4].isdigit() and start.text[4:5] in ("", "-") and start.text[:4].isascii()
        year = start.text[:4] if known else year_text(start)
        assert capital(describe(year)) == heading
