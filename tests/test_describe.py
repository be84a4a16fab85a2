"""timeline.describe: every date form in words, month first and day first."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import whens

from timeline import ParseError, When, describe
from timeline._describe import year_heading

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
    ("1X85", "sometime in 1085–1985", "sometime in 1085–1985"),
    ("-019X", "sometime in 200–191 BC", "sometime in 200–191 BC"),
    ("000X", "sometime in 1 BC – AD 9", "sometime in 1 BC – AD 9"),
    ("2021-XX", "some month in 2021", "some month in 2021"),
    ("2021-06-XX", "some day in June 2021", "some day in June 2021"),
    ("2021-XX-XX", "some day in 2021", "some day in 2021"),
    ("2021-1X", "sometime in October–December 2021", "sometime in October–December 2021"),
    ("2021-06-1X", "sometime in June 10–19, 2021", "sometime in 10–19 June 2021"),
    ("2021-1X-2X", "sometime in October 20 – December 29, 2021", "sometime in 20 October – 29 December 2021"),
    ("199X-1X-XX", "sometime in October 1, 1990 – December 31, 1999", "sometime in 1 October 1990 – 31 December 1999"),
    ("196X-06", "June in the 1960s", "June in the 1960s"),
    ("XXXX-06-06", "June 6 in an unknown year", "6 June in an unknown year"),
    ("XXXX-06-XX", "some day in June in an unknown year", "some day in June in an unknown year"),
    ("1X85-06", "June in a year in 1085–1985", "June in a year in 1085–1985"),
    ("XXXX-06-1X", "sometime in June 10, 1 BC – June 19, 9999", "sometime in 10 June 1 BC – 19 June 9999"),
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
    ("2019~", "c. 2019", "c. 2019"),
    ("2018?", "2018?", "2018?"),
    ("2018%", "c. 2018?", "c. 2018?"),
    ("2021-05-31~", "c. May 31, 2021", "c. 31 May 2021"),
    ("2021-W21?", "the week of May 24, 2021?", "the week of 24 May 2021?"),
    ("196X~", "c. the 1960s", "c. the 1960s"),
    ("1985-04-XX?", "some day in April 1985?", "some day in April 1985?"),
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
    ("2019~/2021", "c. 2019 – 2021", "c. 2019 – 2021"),
    ("2021-06-06/2021-06-08?", "June 6, 2021 – June 8, 2021?", "6 June 2021 – 8 June 2021?"),
    ("196X/2021", "the 1960s – 2021", "the 1960s – 2021"),
    # Open and unknown ends.
    ("2021-06/..", "since June 2021", "since June 2021"),
    ("2021-06/", "from June 2021", "from June 2021"),
    ("/2021-06-08", "until June 8, 2021", "until 8 June 2021"),
    ("../2021-06-08", "up to June 8, 2021", "up to 8 June 2021"),
    ("2019~/..", "since c. 2019", "since c. 2019"),
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
    ("2021-06-07T10:00Z~", "c. June 7, 2021, 10:00 (UTC)", "c. 7 June 2021, 10:00 (UTC)"),
    (
        "2021-06-07T10:00Z/2021-06-08",
        "June 7, 2021, 10:00 (UTC) – June 8, 2021",
        "7 June 2021, 10:00 (UTC) – 8 June 2021",
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

    def test_uncertain_time_puts_the_mark_before_the_zone(self) -> None:
        """The "?" belongs to the date and time, so it comes before the zone note."""
        assert "June 7, 2021, 10:00? (Europe/Paris)" == describe("2021-06-07T10:00?", tz="Europe/Paris")


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
        """An approximate value says "c." and an uncertain one "?" somewhere in its description.

        A qualifier on one component (EDTF level 2) is said in words instead:
        "(year uncertain; day approximate)".
        """
        text = describe(when)

        assert (when.approximate, when.uncertain) == (
            when.approximate and ("c. " in text or "approximate" in text),
            when.uncertain and ("?" in text or "uncertain" in text),
        )

    @given(whens())
    def test_no_edtf_syntax_leaks(self, when: When) -> None:
        """No EDTF marker (X digits, "/", "~", "%", "..") reaches the reader."""
        text = describe(when)

        assert [] == [mark for mark in ("X", "/", "~", "%", "..", "T0", "T1", "T2") if mark in text]


class TestDescribeLevel2:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("[1667,1668,1670..1672]", "1667, 1668 or 1670–1672"),
            ("{1667,1668,1670..1672}", "1667, 1668 and 1670–1672"),
            ("{1960, 1961-12}", "1960 and December 1961"),
            ("[..1760-12-03]", "December 3, 1760 or earlier"),
            ("[1760-12..]", "December 1760 or later"),
            ("{..1983-12-31,1984-11-05..}", "up to December 31, 1983 and since November 5, 1984"),
            ("[1667]", "1667"),
            ("[2004~,2005?]", "c. 2004 or 2005?"),
            ("2004?-06-11", "June 11, 2004 (year uncertain)"),
            ("2004-06~-11", "June 11, 2004 (year and month approximate)"),
            ("?2004-%06", "June 2004 (year uncertain; month approximate and uncertain)"),
            ("2004-06-~01/2004-06-~20", "June 1, 2004 (day approximate) – June 20, 2004 (day approximate)"),
            ("2004-06~", "c. June 2004"),
        ],
    )
    def test_sets_and_component_qualifiers(self, text: str, expected: str) -> None:
        """A set is said member by member with "or" / "and"; component qualifiers name the component."""
        assert expected == describe(text)

    def test_heading_of_a_set_open_at_both_ends(self) -> None:
        """A set with no known bound files under its first member's end."""
        assert "Until 1900" == year_heading(When("[..1900,1950..]"))
