"""Date phrases: resolve() against reference dates, find_dates() in text, the rule table."""

from __future__ import annotations

import itertools
import runpy
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import phrase_examples, phrase_texts, reference_dates

from timeline import Mention, OutOfRangeError, ParseError, Precision, When, find_dates, resolve
from timeline.phrases import RULES, Rule

WEDNESDAY = date(2021, 6, 2)  # the seed article's day
SUNDAY = date(2021, 6, 6)
NEW_YEARS_EVE = date(2020, 12, 31)  # a Thursday, the last day of ISO week 2020-W53
LEAP_DAY = date(2024, 2, 29)  # a Thursday
MONTH_END = date(2021, 4, 30)  # a Friday

# (phrase, {reference: expected EDTF}) read with prefer=None.
TABLE: list[tuple[str, dict[date, str]]] = [
    ("yesterday", {WEDNESDAY: "2021-06-01", SUNDAY: "2021-06-05", NEW_YEARS_EVE: "2020-12-30",
                   LEAP_DAY: "2024-02-28", MONTH_END: "2021-04-29"}),
    ("tomorrow", {WEDNESDAY: "2021-06-03", SUNDAY: "2021-06-07", NEW_YEARS_EVE: "2021-01-01",
                  LEAP_DAY: "2024-03-01", MONTH_END: "2021-05-01"}),
    ("today", {WEDNESDAY: "2021-06-02", LEAP_DAY: "2024-02-29"}),
    ("the day after tomorrow", {NEW_YEARS_EVE: "2021-01-02", LEAP_DAY: "2024-03-02"}),
    ("last week", {WEDNESDAY: "2021-W21", SUNDAY: "2021-W21", NEW_YEARS_EVE: "2020-W52",
                   LEAP_DAY: "2024-W08", MONTH_END: "2021-W16"}),
    ("this week", {WEDNESDAY: "2021-W22", SUNDAY: "2021-W22", NEW_YEARS_EVE: "2020-W53"}),
    ("next week", {WEDNESDAY: "2021-W23", SUNDAY: "2021-W23", NEW_YEARS_EVE: "2021-W01",
                   LEAP_DAY: "2024-W10", MONTH_END: "2021-W18"}),
    ("last month", {WEDNESDAY: "2021-05", NEW_YEARS_EVE: "2020-11", LEAP_DAY: "2024-01", MONTH_END: "2021-03"}),
    ("next month", {WEDNESDAY: "2021-07", NEW_YEARS_EVE: "2021-01", LEAP_DAY: "2024-03", MONTH_END: "2021-05"}),
    ("last year", {WEDNESDAY: "2020", NEW_YEARS_EVE: "2019", LEAP_DAY: "2023"}),
    ("next year", {WEDNESDAY: "2022", NEW_YEARS_EVE: "2021"}),
    ("this weekend", {WEDNESDAY: "2021-06-05/2021-06-06", SUNDAY: "2021-06-05/2021-06-06",
                      NEW_YEARS_EVE: "2021-01-02/2021-01-03", LEAP_DAY: "2024-03-02/2024-03-03",
                      MONTH_END: "2021-05-01/2021-05-02"}),
    ("last weekend", {WEDNESDAY: "2021-05-29/2021-05-30", SUNDAY: "2021-05-29/2021-05-30"}),
    ("next weekend", {SUNDAY: "2021-06-12/2021-06-13", NEW_YEARS_EVE: "2021-01-09/2021-01-10"}),
    ("two weeks ago", {WEDNESDAY: "2021-W20", NEW_YEARS_EVE: "2020-W51", LEAP_DAY: "2024-W07"}),
    ("three years ago", {WEDNESDAY: "2018", LEAP_DAY: "2021"}),
    ("a month ago", {NEW_YEARS_EVE: "2020-11", MONTH_END: "2021-03"}),
    ("in two days", {WEDNESDAY: "2021-06-04", NEW_YEARS_EVE: "2021-01-02", LEAP_DAY: "2024-03-02",
                     MONTH_END: "2021-05-02"}),
    ("two days from now", {LEAP_DAY: "2024-03-02"}),
    ("Tuesday", {WEDNESDAY: "2021-06-01", SUNDAY: "2021-06-08", NEW_YEARS_EVE: "2020-12-29",
                 MONTH_END: "2021-04-27"}),
    ("last Friday", {WEDNESDAY: "2021-05-28", SUNDAY: "2021-06-04", NEW_YEARS_EVE: "2020-12-25",
                     LEAP_DAY: "2024-02-23", MONTH_END: "2021-04-23"}),
    ("next Monday", {WEDNESDAY: "2021-06-07", SUNDAY: "2021-06-07", NEW_YEARS_EVE: "2021-01-04",
                     LEAP_DAY: "2024-03-04"}),
    ("this Sunday", {WEDNESDAY: "2021-06-06", SUNDAY: "2021-06-06", NEW_YEARS_EVE: "2021-01-03"}),
    ("early next week", {WEDNESDAY: "2021-06-07~/2021-06-09~", SUNDAY: "2021-06-07~/2021-06-09~",
                         NEW_YEARS_EVE: "2021-01-04~/2021-01-06~", LEAP_DAY: "2024-03-04~/2024-03-06~"}),
    ("late next week", {WEDNESDAY: "2021-06-10~/2021-06-13~"}),
    ("the end of the month", {WEDNESDAY: "2021-06-24~/2021-06-30~", LEAP_DAY: "2024-02-23~/2024-02-29~",
                              MONTH_END: "2021-04-24~/2021-04-30~"}),
    ("the end of the year", {WEDNESDAY: "2021-12~", NEW_YEARS_EVE: "2020-12~"}),
    ("mid-February", {WEDNESDAY: "2021-02-11~/2021-02-20~", LEAP_DAY: "2024-02-11~/2024-02-20~"}),
    ("in March", {WEDNESDAY: "2021-03", NEW_YEARS_EVE: "2021-03", LEAP_DAY: "2024-03"}),
    ("last December", {WEDNESDAY: "2020-12", NEW_YEARS_EVE: "2019-12", LEAP_DAY: "2023-12"}),
    ("next spring", {WEDNESDAY: "2022-21", NEW_YEARS_EVE: "2021-21", LEAP_DAY: "2024-21"}),
    ("this winter", {WEDNESDAY: "2021-24", NEW_YEARS_EVE: "2020-24", LEAP_DAY: "2023-24"}),
    ("Thanksgiving", {WEDNESDAY: "2021-11-25", NEW_YEARS_EVE: "2020-11-26", LEAP_DAY: "2023-11-23"}),
    ("Feb. 29", {WEDNESDAY: "2020-02-29", LEAP_DAY: "2024-02-29"}),
    ("the first week of January", {NEW_YEARS_EVE: "2021-01-01/2021-01-07", LEAP_DAY: "2024-01-01/2024-01-07"}),
    ("Q1", {WEDNESDAY: "2021-33", LEAP_DAY: "2024-33"}),
    ("next quarter", {WEDNESDAY: "2021-35", NEW_YEARS_EVE: "2021-33", LEAP_DAY: "2024-34"}),
]  # fmt: skip

# Phrases of every kind the issue names, read on the seed article's day.
FORMS: list[tuple[str, str | None, str]] = [
    ("June 6", None, "2021-06-06"),
    ("June 6, 2021", None, "2021-06-06"),
    ("6 June 2021", None, "2021-06-06"),
    ("the 6th of June", None, "2021-06-06"),
    ("Nov. 3", None, "2021-11-03"),
    ("Sept. 30", None, "2021-09-30"),
    ("Sunday, June 6", None, "2021-06-06"),
    ("Sunday, June 6, 2021", None, "2021-06-06"),
    ("2021-06-06", None, "2021-06-06"),
    ("June 6-8", None, "2021-06-06/2021-06-08"),
    ("Oct. 24–26", None, "2021-10-24/2021-10-26"),
    ("June 30-July 2, 2021", None, "2021-06-30/2021-07-02"),
    ("Dec. 30-Jan. 2, 2021", None, "2020-12-30/2021-01-02"),
    ("6-8 June 2021", None, "2021-06-06/2021-06-08"),
    ("June 7 and 8", None, "2021-06-07/2021-06-08"),
    ("from June 6 to June 8, 2021", None, "2021-06-06/2021-06-08"),
    ("between March and May", None, "2021-03/2021-05"),
    ("from December to February", "future", "2021-12/2022-02"),
    ("between 2019 and 2021", None, "2019/2021"),
    ("since March", None, "2021-03/2021-06-02"),
    ("since Jan. 6, 2021", None, "2021-01-06/2021-06-02"),
    ("since December", "future", "2020-12/2021-06-02"),
    ("since early 2020", None, "2020-01~/2021-06-02"),
    ("from early March to late May", None, "2021-03-01~/2021-05-31~"),
    ("in March", None, "2021-03"),
    ("March 2020", None, "2020-03"),
    ("March of 2020", None, "2020-03"),
    ("December", "past", "2020-12"),
    ("December", "future", "2021-12"),
    ("the spring of 2020", None, "2020-21"),
    ("spring 2021", None, "2021-21"),
    ("last summer", None, "2020-22"),
    ("Q2 2021", None, "2021-34"),
    ("the second quarter of 2021", None, "2021-34"),
    ("the first half of 2021", None, "2021-40"),
    ("the second half of the year", None, "2021-41"),
    ("in 2019", None, "2019"),
    ("2010-2015", None, "2010/2015"),
    ("in 2019-20", None, "2019/2020"),
    ("2020–21", None, "2020/2021"),
    ("the 1990s", None, "199X"),
    ("the '80s", None, "198X"),
    ("yesterday morning", None, "2021-06-01"),
    ("last night", None, "2021-06-01"),
    ("tonight", None, "2021-06-02"),
    ("last month", None, "2021-05"),
    ("this year", None, "2021"),
    ("last decade", None, "201X"),
    ("this weekend", None, "2021-06-05/2021-06-06"),
    ("this past weekend", None, "2021-05-29/2021-05-30"),
    ("this past Monday", None, "2021-05-31"),
    ("earlier this week", None, "2021-05-31/2021-06-01"),
    ("later this week", None, "2021-06-03/2021-06-06"),
    ("earlier this month", None, "2021-06-01"),
    ("later this month", None, "2021-06-03/2021-06-30"),
    ("earlier this year", None, "2021-01/2021-05"),
    ("later this year", None, "2021-07/2021-12"),
    ("the weekend", "past", "2021-05-29/2021-05-30"),
    ("the weekend", "future", "2021-06-05/2021-06-06"),
    ("two weeks ago", None, "2021-W20"),
    ("three years ago", None, "2018"),
    ("a decade ago", None, "2011~"),
    ("in two days", None, "2021-06-04"),
    ("in three months", None, "2021-09"),
    ("Tuesday", "past", "2021-06-01"),
    ("Tuesday", "future", "2021-06-08"),
    ("Wednesday", "past", "2021-06-02"),
    ("Wednesday", "future", "2021-06-02"),
    ("last Friday", None, "2021-05-28"),
    ("next Monday", None, "2021-06-07"),
    ("Tuesday night", "past", "2021-06-01"),
    ("Monday and Tuesday", "future", "2021-06-07/2021-06-08"),
    ("Monday and Tuesday", "past", "2021-05-31/2021-06-01"),
    ("Monday through Wednesday", "future", "2021-06-07/2021-06-09"),
    ("early next week", None, "2021-06-07~/2021-06-09~"),
    ("late May", None, "2021-05-21~/2021-05-31~"),
    ("mid-June", None, "2021-06-11~/2021-06-20~"),
    ("in early 2021", None, "2021-01~/2021-04~"),
    ("late last year", None, "2020-09~/2020-12~"),
    ("the late 1990s", None, "1997~/1999~"),
    ("early spring", "future", "2022-03~"),
    ("late Tuesday", "past", "2021-06-01"),
    ("the first week of December", "future", "2021-12-01/2021-12-07"),
    ("the last week of May", None, "2021-05-25/2021-05-31"),
    ("the end of the year", None, "2021-12~"),
    ("the beginning of next month", None, "2021-07-01~/2021-07-07~"),
    ("around 1985", None, "1985~"),
    ("about 2019", None, "2019~"),
    ("circa 1900", None, "1900~"),
    ("around the 1950s", None, "195X~"),
    ("about March 2020", None, "2020-03~"),
    ("Memorial Day", None, "2021-05-31"),
    ("Memorial Day 2020", None, "2020-05-25"),
    ("Thanksgiving", None, "2021-11-25"),
    ("Thanksgiving of 2019", None, "2019-11-28"),
    ("last Christmas", None, "2020-12-25"),
    ("Labor Day", "future", "2021-09-06"),
    ("Martin Luther King Jr. Day", "past", "2021-01-18"),
    ("Presidents' Day 2021", None, "2021-02-15"),
    ("Juneteenth", "future", "2021-06-19"),
    ("the Fourth of July", None, "2021-07-04"),
    ("Columbus Day 2021", None, "2021-10-11"),
    ("Veterans Day", "future", "2021-11-11"),
    ("Election Day 2020", None, "2020-11-03"),
    ("New Year’s Day", "past", "2021-01-01"),
    ("Christmas Eve", "future", "2021-12-24"),
    ("Easter 2021", None, "2021-04-04"),
    ("Good Friday 2021", None, "2021-04-02"),
    ("Black Friday 2020", None, "2020-11-27"),
    ("Cyber Monday 2020", None, "2020-11-30"),
    ("Mardi Gras 2021", None, "2021-02-16"),
    ("Ash Wednesday 2021", None, "2021-02-17"),
    ("Palm Sunday 2021", None, "2021-03-28"),
    ("Maundy Thursday 2021", None, "2021-04-01"),
    ("Easter Monday 2021", None, "2021-04-05"),
]


class TestResolveTable:
    @pytest.mark.parametrize(
        ("phrase", "reference", "expected"),
        [(phrase, reference, expected) for phrase, row in TABLE for reference, expected in row.items()],
    )
    def test_phrase_against_reference(self, phrase: str, reference: date, expected: str) -> None:
        """Each phrase means the expected EDTF on mid-week, Sunday, New Year's Eve, leap and month-end days."""
        assert When(expected) == resolve(phrase, reference=reference)

    @pytest.mark.parametrize(("phrase", "prefer", "expected"), FORMS)
    def test_every_form(self, phrase: str, prefer: str | None, expected: str) -> None:
        """Every kind of phrase keeps its precision, read on the seed article's day."""
        assert When(expected) == resolve(phrase, reference=WEDNESDAY, prefer=prefer)  # type: ignore[arg-type]


class TestResolvePrecision:
    def test_month_is_a_month(self) -> None:
        """'in March' is a month, not a day in it."""
        assert Precision.MONTH == resolve("in March", reference=WEDNESDAY).precision

    def test_last_week_runs_monday_to_sunday(self) -> None:
        """'last week' is the ISO week before: Monday to Sunday."""
        when = resolve("last week", reference=WEDNESDAY)

        assert (Precision.WEEK, date(2021, 5, 24), date(2021, 5, 30)) == (
            when.precision,
            when.earliest(),
            when.latest(),
        )

    def test_early_next_week_is_approximate_inside_next_week(self) -> None:
        """'early next week' is an approximate span of days inside next week."""
        part = resolve("early next week", reference=WEDNESDAY)
        week = resolve("next week", reference=WEDNESDAY)

        assert (True, Precision.DAY, True) == (part.approximate, part.precision, part.within(week))

    def test_years_ago_is_a_year(self) -> None:
        """'two years ago' is a year."""
        assert Precision.YEAR == resolve("two years ago", reference=WEDNESDAY).precision

    def test_datetime_reference_counts_as_its_day(self) -> None:
        """A datetime reference is read as its date."""
        assert When("2021-06-01") == resolve("yesterday", reference=datetime(2021, 6, 2, 23, 59))

    def test_spacing_and_leading_preposition(self) -> None:
        """Runs of spaces, line breaks, a leading 'on' or 'during' and a closing mark do not matter."""
        assert When("2021-06-06") == resolve("  on June\n 6 ", reference=WEDNESDAY)
        assert When("2021-06-06") == resolve("June 6, ", reference=WEDNESDAY)
        assert When("2021-09-30") == resolve("on Sept. 30.", reference=WEDNESDAY)
        assert When("2020-21") == resolve("during the spring of 2020", reference=WEDNESDAY)

    @pytest.mark.parametrize(
        ("numeric", "expected"),
        [("mdy", "2021-06-07"), ("dmy", "2021-07-06")],
    )
    def test_numeric_dates_need_an_order(self, numeric: str, expected: str) -> None:
        """6/7/2021 is read month-first or day-first only when told which."""
        assert When(expected) == resolve("6/7/2021", reference=WEDNESDAY, numeric=numeric)  # type: ignore[arg-type]


class TestResolveErrors:
    @pytest.mark.parametrize(
        ("phrase", "message"),
        [
            ("banana", "'banana' is not a date phrase"),
            ("", "'' is not a date phrase"),
            ("6/7/2021", "numeric='mdy' or 'dmy'"),
            ("June 31", "day 31 does not exist in month 6"),
            ("February 30, 2021", "day 30 does not exist in month 2"),
            ("Feb. 29, 2021", "day is out of range"),
            ("June 8-6", "not after day 8"),
            ("June 6 and 8", "do not follow each other"),
            ("Monday and Thursday", "do not follow each other"),
            ("two days", "a length of time"),
            ("2019-18", "does not end after it begins"),
            ("since 2022", "begins after 2021-06-02, the day it was written"),
            ("Monday, June 6, 2021", "2021-06-06 is a Sunday, not a Monday"),
            ("early this weekend", "no early part"),
            ("the first week of 2021", "not a date phrase"),
            ("from June 8, 2021 to June 6, 2021", "end comes before the start"),
        ],
    )
    def test_not_a_date(self, phrase: str, message: str) -> None:
        """Phrases that are no date, or name a day that does not exist, raise ParseError saying why."""
        with pytest.raises(ParseError, match=message.replace("(", r"\(")):
            resolve(phrase, reference=WEDNESDAY)

    def test_empty_span(self) -> None:
        """'earlier this month' on the first of a month, 'later this year' in December: no day, a ParseError."""
        with pytest.raises(ParseError, match="'earlier this month' is empty on 2021-06-01"):
            resolve("earlier this month", reference=date(2021, 6, 1))
        with pytest.raises(ParseError, match="'later this year' is empty on 2021-12-05"):
            resolve("later this year", reference=date(2021, 12, 5))

    def test_not_text(self) -> None:
        """A phrase that is not text is a ParseError quoting it."""
        with pytest.raises(ParseError, match="must be text, got 6"):
            resolve(6, reference=WEDNESDAY)  # type: ignore[arg-type]

    def test_bad_arguments(self) -> None:
        """A reference that is no date, or an unknown preference or order, is refused."""
        with pytest.raises(TypeError, match="'reference' must be a date"):
            resolve("today", reference="2021-06-02")  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="'prefer' must be"):
            resolve("today", reference=WEDNESDAY, prefer="soon")  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="'numeric' must be"):
            resolve("today", reference=WEDNESDAY, numeric="ymd")  # type: ignore[arg-type]

    def test_edge_of_the_calendar(self) -> None:
        """Phrases that leave the years 1-9999 are a ParseError, not an OverflowError."""
        with pytest.raises(ParseError, match="outside the years 1-9999"):
            resolve("tomorrow", reference=date(9999, 12, 31))
        with pytest.raises(ParseError, match="can be told apart"):
            resolve("next December", reference=date(9999, 12, 31))


class TestResolveProperties:
    def test_counting_back_before_year_1_is_refused_by_name(self) -> None:
        """'some 200 years ago' from the year 200 reaches year 0: the library's own error, not relativedelta's."""
        with pytest.raises(ParseError, match="years 1-9999"):
            resolve("some 200 years ago", reference=date(200, 1, 1))

    @given(reference_dates())
    def test_yesterday_and_tomorrow_are_one_day_away(self, reference: date) -> None:
        """'yesterday' and 'tomorrow' are the days either side of the reference."""
        assert (reference - timedelta(days=1), reference + timedelta(days=1)) == (
            resolve("yesterday", reference=reference).earliest(),
            resolve("tomorrow", reference=reference).earliest(),
        )

    @given(reference_dates())
    def test_last_friday_is_a_friday_one_to_seven_days_before(self, reference: date) -> None:
        """'last Friday' is a Friday 1 to 7 days before the reference."""
        day = resolve("last Friday", reference=reference).earliest()
        assert isinstance(day, date)

        assert (4, True) == (day.weekday(), 1 <= (reference - day).days <= 7)

    @given(reference_dates())
    def test_next_monday_is_one_to_seven_days_after(self, reference: date) -> None:
        """'next Monday' is a Monday 1 to 7 days after the reference."""
        day = resolve("next Monday", reference=reference).earliest()
        assert isinstance(day, date)

        assert (0, True) == (day.weekday(), 1 <= (day - reference).days <= 7)

    @given(reference_dates())
    def test_next_week_starts_on_the_monday_after_the_references_week(self, reference: date) -> None:
        """'next week' runs from the Monday after the reference's ISO week to the Sunday after that."""
        monday = reference + timedelta(days=7 - reference.weekday())
        when = resolve("next week", reference=reference)

        assert (monday, monday + timedelta(days=6)) == (when.earliest(), when.latest())

    @given(reference_dates(), st.sampled_from(["Tuesday", "December", "June 6", "Christmas", "spring"]))
    def test_past_and_future_bracket_the_reference(self, reference: date, phrase: str) -> None:
        """With prefer='past' it starts on or before the reference; with 'future' it ends on or after it."""
        past = resolve(phrase, reference=reference, prefer="past")
        future = resolve(phrase, reference=reference, prefer="future")
        first, last = past.earliest(), future.latest()
        assert isinstance(first, date)
        assert isinstance(last, date)

        assert (True, True) == (first <= reference, last >= reference)

    @given(reference_dates(), phrase_examples(), st.sampled_from([None, "past", "future"]))
    def test_every_result_has_ordered_bounds(self, reference: date, phrase: str, prefer: str | None) -> None:
        """Every example of the rule table resolves on any day, earliest bound first.

        The exceptions: "earlier this week" on a Monday (and the like) covers no
        day, and "since 2019" cannot be read on a day before 2019.
        """
        try:
            when = resolve(phrase, reference=reference, prefer=prefer, numeric="mdy")  # type: ignore[arg-type]
        except ParseError as exc:
            day = reference.isoformat()
            message = str(exc)
            assert f"is empty on {day}" in message or f"begins after {day}" in message or "years 1-9999" in message
            return
        try:
            first, last = when.earliest(), when.latest()
        except OutOfRangeError:
            # A year before 1 ("the 3rd century BC") is a When, but no Python date.
            assert str(when).startswith(("-", "0000"))
            return
        assert first is not None or last is not None
        if first is not None and last is not None:
            assert first <= last


class TestResolveAnyText:
    @given(st.one_of(st.text(), phrase_texts()), reference_dates())
    def test_any_text_gives_a_when_or_parse_error(self, text: str, reference: date) -> None:
        """resolve() on any text gives a When or raises the library's ParseError, nothing else."""
        try:
            when = resolve(text, reference=reference, numeric="dmy")
        except ParseError as exc:
            assert str(exc)
        else:
            assert isinstance(when, When)


class TestRuleTable:
    @pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
    def test_each_rule_reads_its_examples(self, rule: Rule) -> None:
        """Each row's examples match its own pattern whole and resolve."""
        assert rule.examples
        for example in rule.examples:
            assert rule.pattern.fullmatch(example), example
            resolve(example, reference=WEDNESDAY, numeric="mdy")

    def test_a_rule_copies_with_its_pattern(self) -> None:
        """attrs.evolve on a rule keeps its compiled pattern as it is."""
        import attrs

        rule = RULES[-1]

        assert rule.pattern is attrs.evolve(rule, name="copy").pattern

    def test_mention_repr_is_python(self) -> None:
        """A Mention's repr rebuilds it."""
        mention = Mention(3, 8, "March", When("2021-03"), (0, 9))

        assert mention == eval(repr(mention))  # noqa: S307 - our own repr


SEED = (
    "Vice President Kamala Harris has spent months getting ready for a visit early next week to Guatemala "
    "and Mexico.\n\n"
    "On June 6, Harris will be meeting with the presidents of the two nations and checking in with "
    "organizers on the ground Monday and Tuesday.\n\n"
    "“The goal is to deepen our partnership,” an adviser said on a call with reporters Tuesday night. "
    "“We will also engage community leaders.”\n\n"
    "The president spoke at the observance on Memorial Day in Arlington, Virginia on May 31, 2021.\n\n"
    "In March, the president asked Harris to lead the effort. Harris said at a conference in May that "
    "people do not want to leave, and last week, announced that 12 companies made commitments.\n\n"
    "Giammattei was elected in 2019; a brother of the Honduran president was indicted last year. "
    "One of the things agreed to in the last meeting is a migrant resource center. "
    "Following her meeting with the caucus in May, its chair praised the approach."
)
SEED_EXPECTED = [
    ("early next week", "2021-06-07~/2021-06-09~"),
    ("June 6", "2021-06-06"),
    ("Monday and Tuesday", "2021-06-07/2021-06-08"),
    ("Tuesday night", "2021-06-01"),
    ("Memorial Day", "2021-05-31"),
    ("May 31, 2021", "2021-05-31"),
    ("March", "2021-03"),
    ("May", "2021-05"),
    ("last week", "2021-W21"),
    ("2019", "2019"),
    ("last year", "2020"),
    ("May", "2021-05"),
]

TRAPS = (
    "Protesters will march on the capitol. The band March Violets played Saturday Night Live songs. "
    "May I ask why Theresa May said so? COVID-19 cost $310 million and 16.5 million people their 153rd "
    "show. About 2000 people came; the 1500 troops left. In the first quarter the Lakers led 30-24. "
    "He was injured in the fall of Rome. Ruby Tuesday was on the Today show and in USA Today. "
    "The next day she met a man called April. Call 555-2019 or visit room 1984b. "
    "Two days later it rained, on a 6/7 split. She bought a Christmas tree and Easter eggs on Christmas "
    "Island. Super Tuesday, Giving Tuesday and Black Monday passed."
)


class TestFindDates:
    def test_seed_article_phrases(self) -> None:
        """The seed article's phrases, read on 2021-06-02, mean what a careful reader says."""
        found = find_dates(SEED, reference=WEDNESDAY)

        assert SEED_EXPECTED == [(m.text, str(m.when)) for m in found]

    def test_own_story(self) -> None:
        """The project's sample article, read on leap day 2024, mean what a careful reader says."""
        text = (Path(__file__).parent.parent / "examples" / "sample-article.txt").read_text(encoding="utf-8")
        found = [(m.text, str(m.when)) for m in find_dates(text, reference=LEAP_DAY)]

        assert [
            # "by", "until" and "before" bound an open or closed interval (issue 16).
            ("by late March", "../2024-03-31~"),
            ("Tuesday night", "2024-02-27"),
            ("August 2023", "2023-08"),
            ("early next week", "2024-03-04~/2024-03-06~"),
            ("late March", "2024-03-21~/2024-03-31~"),
            ("the spring of 2025", "2025-21"),
            ("around 1938", "1938~"),
            ("the 1970s", "197X"),
            ("two years ago", "2022"),
            ("Q3 2022", "2022-35"),
            ("last month", "2024-01"),
            ("Feb. 20–21", "2024-02-20/2024-02-21"),
            ("Saturday", "2024-03-02"),
            ("until March 15", "2024-02-29/2024-03-15"),
            ("before Memorial Day", "../2024-05-26"),
        ] == found

    def test_traps_are_not_dates(self) -> None:
        """Months as verbs and names, counts, scores, phone numbers and titles are not reported."""
        assert [] == find_dates(TRAPS, reference=WEDNESDAY)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("The talks will resume Tuesday.", "2021-06-08"),
            ("The talks resumed Tuesday.", "2021-06-01"),
            ("She said the talks would resume Tuesday.", "2021-06-08"),
            ("The summit is planned for December.", "2021-12"),
            ("The summit was held in December.", "2020-12"),
            ("The summit is in December.", "2020-12"),
            ("She spoke to 1,200 supporters in mid-August and plans a rally.", "2020-08-11~/2020-08-20~"),
            ("“We’ll be back on Monday,” the senator told reporters.", "2021-06-07"),
            ("The hearing was moved to Wednesday, June 9.", "2021-06-09"),
            ("On June 9, she will speak.", "2021-06-09"),
        ],
    )
    def test_direction_from_the_nearest_cue(self, text: str, expected: str) -> None:
        """Tense cues in the sentence point a phrase to the past or the future; without one, the nearest."""
        assert [expected] == [str(m.when) for m in find_dates(text, reference=WEDNESDAY)]

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("The 2019 election was close.", ["2019"]),
            ("The next day, and the last week, were calm.", []),
            ("He stayed in. May I ask?", []),
            ("Sales since 2015 rose; in the spring they fell.", ["2015/2021-06-02", "2021-21"]),
            ("The fall of Rome came in the fall.", ["2020-23"]),
            ("By 2030 the plan ends.", ["../2030"]),
        ],
    )
    def test_company_of_bare_words(self, text: str, expected: list[str]) -> None:
        """Bare years, months and seasons are dates after a cue word, 'the' for years, never across a full stop."""
        assert expected == [str(m.when) for m in find_dates(text, reference=WEDNESDAY)]

    def test_month_pairs_and_year_pairs(self) -> None:
        """'in March and May' and 'in 2019 and 2020' report both, the second by its company."""
        found = find_dates("It met in March and May, and in 2019 and 2020.", reference=WEDNESDAY)

        assert ["2021-03", "2021-05", "2019", "2020"] == [str(m.when) for m in found]

    def test_longest_phrase_wins(self) -> None:
        """Overlapping readings give the longest: a range, not its first day."""
        found = find_dates("It ran from June 6 to June 8, 2021 and June 10-12.", reference=WEDNESDAY)

        assert ["from June 6 to June 8, 2021", "June 10-12"] == [m.text for m in found]

    def test_sentences(self) -> None:
        """Each mention knows its sentence; abbreviations such as 'Mr.' and 'Nov.' do not end one."""
        text = "Mr. Biden spoke on Nov. 3. Then he left on Tuesday."
        found = find_dates(text, reference=WEDNESDAY)

        assert ["Mr. Biden spoke on Nov. 3.", "Then he left on Tuesday."] == [
            text[m.sentence[0] : m.sentence[1]] for m in found
        ]

    def test_numeric_option(self) -> None:
        """Numeric dates are found only with an order given."""
        text = "Filed 6/7/2021."

        assert [] == find_dates(text, reference=WEDNESDAY)
        assert [When("2021-07-06")] == [m.when for m in find_dates(text, reference=WEDNESDAY, numeric="dmy")]

    def test_not_text(self) -> None:
        """find_dates reads text only."""
        with pytest.raises(ParseError, match="reads text"):
            find_dates(b"June 6", reference=WEDNESDAY)  # type: ignore[arg-type]

    @given(phrase_texts(), reference_dates())
    def test_mentions_slice_the_text_and_do_not_overlap(self, text: str, reference: date) -> None:
        """Any text gives mentions whose offsets slice it exactly, in order, without overlap."""
        found = find_dates(text, reference=reference, numeric="mdy")

        assert [m.text for m in found] == [text[m.start : m.end] for m in found]
        assert all(a.end <= b.start for a, b in itertools.pairwise(found))
        assert all(m.sentence[0] <= m.start < m.end <= m.sentence[1] for m in found)

    @given(phrase_examples(), reference_dates())
    def test_a_phrase_alone_is_found_as_resolved(self, phrase: str, reference: date) -> None:
        """A rule's example found in a sentence of its own means what resolve says, where the sentence has no cue."""
        text = f"It is {phrase}."
        found = find_dates(text, reference=reference, numeric="mdy")

        for mention in found:
            assert mention.when == resolve(mention.text, reference=reference, numeric="mdy")


class TestDraftExample:
    def test_drafts_one_event_per_dated_sentence(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The example drafts a tentative event per dated sentence of the sample article, as JSON."""
        import timeline

        path = Path(__file__).parent.parent / "examples" / "draft_from_article.py"
        argv = sys.argv
        sys.argv = [str(path)]
        try:
            with pytest.raises(SystemExit) as exit_info:
                runpy.run_path(str(path), run_name="__main__")
        finally:
            sys.argv = argv
        draft = timeline.loads(capsys.readouterr().out, "json")

        assert 0 == exit_info.value.code
        assert 10 == len(draft)
        assert {"tentative"} == {str(event.status) for event in draft.events}
        assert When("2024-02-27") in {event.when for event in draft.events}
