"""Phrase families of issue 16, one table each: phrases written for these tests, read on a Wednesday.

Every row is (phrase, EDTF expected from resolve on 2021-06-02). The find_dates
tests read the same families in sentences, with the company that decides them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from timing import best_of

from timeline import ParseError, When, find_dates, resolve
from timeline.phrases import RULES

WEDNESDAY = date(2021, 6, 2)


def _read(phrase: str, **options: object) -> str:
    return str(resolve(phrase, reference=WEDNESDAY, **options))  # type: ignore[arg-type]


ERAS_AND_APPROXIMATION = [
    ("c. 1850", "1850~"),
    ("ca. 1850", "1850~"),
    ("ca 1850", "1850~"),
    ("circa 1850", "1850~"),
    ("about 1850", "1850~"),
    ("around the 1840s", "184X~"),
    ("approximately 1900", "1900~"),
    ("roughly the 17th century", "16XX~"),
    ("c. 300 BC", "-0299~"),
    ("AD 1066", "1066"),
    ("1066 AD", "1066"),
    ("A.D. 800", "0800"),
    ("300 BC", "-0299"),
    ("300 BCE", "-0299"),
    ("44 B.C.", "-0043"),
    ("1 BC", "0000"),
    ("5 CE", "0005"),
    ("1848?", "1848?"),
    ("autumn 1848?", "1848-23?"),
    ("June 1848?", "1848-06?"),
    ("the 1840s?", "184X?"),
    ("c. 1850?", "1850%"),
]

OPEN_AND_CLOSED = [
    # "before" and "after" are strict: the year, month or day named is left out.
    ("before 1500", "../1499"),
    ("prior to 2019", "../2018"),
    ("before March 2020", "../2020-02"),
    ("after 1900", "1901/.."),
    ("after June 6", "2021-06-07/.."),
    # "by", "no later than", "not after": up to and including the date.
    ("by 2020", "../2020"),
    ("no later than June 6", "../2021-06-06"),
    ("not after 1999", "../1999"),
    # "not before", "no earlier than", "starting": from the date on.
    ("not before 1850", "1850/.."),
    ("no earlier than March 2022", "2022-03/.."),
    ("starting July 1", "2021-07-01/.."),
    # "until", "through", "up to": from the day of writing when the date is ahead.
    ("until August", "2021-06-02/2021-08"),
    ("through Thursday", "2021-06-02/2021-06-03"),
    ("until next summer", "2021-06-02/2022-22"),
    ("until 1900", "../1900"),
    ("up to March", "../2021-03"),
    ("since 1990", "1990/2021-06-02"),
]

CENTURIES_AND_DECADES = [
    ("the 12th century", "11XX"),
    ("the twelfth century", "11XX"),
    ("the twenty-first century", "20XX"),
    ("the 3rd century BC", "-0299/-0200"),
    ("the 1600s", "16XX"),
    ("the 1700s", "17XX"),
    ("the 1960s", "196X"),
    ("the 2000s", "200X"),
    ("the seventies", "197X"),
    ("the Eighties", "198X"),
    ("the twenties", "202X"),
    ("the nineteen-sixties", "196X"),
    ("the '70s", "197X"),
    ("the turn of the millennium", "2000~"),
    ("the turn of the century", "2000~"),
    ("the turn of the 20th century", "1900~"),
    ("early 12th century", "1100~/1132~"),
    ("the late 18th century", "1767~/1799~"),
    ("the mid-1990s", "1994~/1996~"),
    ("the first half of the 17th century", "1600/1649"),
    ("the second half of the 1990s", "1995/1999"),
    ("the latter half of the decade", "2025/2029"),
    ("the end of the decade", "2028~/2029~"),
    ("the past few years", "2018~/2021"),
    ("in recent years", "2018~/2021"),
    ("recent days", "2021-05-26~/2021-06-02"),
    ("the past three years", "2018/2021"),
    ("the past decade", "2011/2021"),
]

RELATIVE_DAYS_AND_WEEKS = [
    ("a fortnight ago", "2021-05-19"),
    ("a fortnight earlier", "2021-05-19"),
    ("in a fortnight", "2021-06-16"),
    ("the week after next", "2021-W24"),
    ("the week before last", "2021-W20"),
    ("this coming Thursday", "2021-06-03"),
    ("fifteen years ago", "2006"),
    ("Fifteen years ago", "2006"),
    ("twenty-one days from now", "2021-06-23"),
    ("3 months ago", "2021-03"),
    ("two weeks later", "2021-W24"),
    ("a year earlier", "2020"),
    ("a few days ago", "2021-05-30~"),
    ("some 200 years ago", "1821~"),
    ("in two years", "2023"),
    ("the last two weeks", "2021-05-19/2021-06-02"),
    ("the end of the week", "2021-06-04~/2021-06-06~"),
    ("the beginning of the month", "2021-06-01~/2021-06-07~"),
    ("the middle of the year", "2021-05~/2021-08~"),
    ("the end of the quarter", "2021-06~"),
    ("the end of next week", "2021-06-11~/2021-06-13~"),
    ("the weekend before", "2021-05-29/2021-05-30"),
    ("the weekend after", "2021-06-12/2021-06-13"),
    ("the weekend before last", "2021-05-22/2021-05-23"),
    ("this weekend", "2021-06-05/2021-06-06"),
    ("earlier this week", "2021-05-31/2021-06-01"),
    ("the current week", "2021-W22"),
    ("the current month", "2021-06"),
    ("the current year", "2021"),
]

TIMES_OF_DAY = [
    ("5 p.m. Thursday", "2021-06-03T17:00"),
    ("Friday at noon", "2021-06-04T12:00"),
    # AP style: "midnight Sunday" is the midnight that ends Sunday.
    ("midnight Sunday", "2021-05-31T00:00"),
    ("7:15 p.m. on May 2", "2021-05-02T19:15"),
    ("May 2 at 7:15 pm", "2021-05-02T19:15"),
    ("this afternoon", "2021-06-02"),
    ("tomorrow night", "2021-06-03"),
    ("in the early hours", "2021-06-02"),
    ("the early hours of Sunday", "2021-05-30"),
    ("09:00 UTC Monday", "2021-05-31T09:00Z"),
    ("noon GMT Monday", "2021-05-31T12:00Z"),
    ("10 a.m. ET Friday", "2021-06-04T10:00-04:00"),  # Eastern daylight time in June
    ("3 p.m. PT Tuesday", "2021-06-01T15:00-07:00"),
    ("9 a.m. EST tomorrow", "2021-06-03T09:00-05:00"),
    ("6:30 CET Friday", "2021-06-04T06:30+01:00"),
    ("8 a.m. BST Monday", "2021-05-31T08:00+01:00"),
    ("4 p.m. Eastern time Friday", "2021-06-04T16:00-04:00"),
    ("noon", "2021-06-02T12:00"),
    ("10:35 a.m.", "2021-06-02T10:35"),
]

NUMERIC_AND_WRITTEN = [
    ("25/11/2019", "2019-11-25"),  # no 25th month: unambiguous
    ("11/25/2019", "2019-11-25"),
    ("05.11.2019", "2019-11-05"),  # dotted: day first
    ("2019-11-05", "2019-11-05"),
    ("5 November 2019", "2019-11-05"),
    ("November 5th", "2021-11-05"),
    ("the 5th", "2021-06-05"),
    ("Nov 2019", "2019-11"),
    ("the winter of '78", "1978-24"),
    ("June '78", "1978-06"),
    ("FY2019", "2019"),
    ("fiscal 2019", "2019"),
    ("fiscal year 2019", "2019"),
    ("FY19", "2019"),
    ("Q2", "2021-34"),
    ("Q2 2021", "2021-34"),
    ("H1 2021", "2021-40"),
    ("the third quarter", "2021-35"),
    ("third-quarter", "2021-35"),
    ("the latest quarter", "2021-33"),
    ("the year-ago quarter", "2020-33"),
    ("the 1988 third quarter", "1988-35"),
    ("this year's second quarter", "2021-34"),
    ("last year's quarter", "2020-33"),
    ("the corresponding period last year", "2020-33"),
    ("the same quarter a year ago", "2020-33"),
    ("the last half of 2021", "2021-41"),
    ("nineteen ninety-six", "1996"),
    ("Nineteen seventy-nine", "1979"),
    ("nineteen oh five", "1905"),
    ("eighteen hundred", "1800"),
    ("the year two thousand", "2000"),
    ("two thousand and two", "2002"),
    ("twenty twenty-one", "2021"),
    ("January nineteen ninety-seven", "1997-01"),
    ("the winter of nineteen ninety-four", "1994-24"),
    ("the current quarter", "2021-34"),
    ("the current fiscal year", "2021"),
]

RANGES_AND_HOLIDAYS = [
    ("from March to May", "2021-03/2021-05"),
    ("between 1861 and 1865", "1861/1865"),
    ("July 8-10", "2021-07-08/2021-07-10"),
    ("the week of June 14", "2021-W24"),
    ("Memorial Day weekend", "2021-05-29/2021-05-31"),
    ("Easter weekend", "2021-04-02/2021-04-05"),
    ("Thanksgiving weekend", "2021-11-25/2021-11-28"),
    ("Christmas weekend", "2020-12-25/2020-12-27"),
    ("Boxing Day", "2020-12-26"),
    ("Good Friday", "2021-04-02"),
    ("Pentecost", "2021-05-23"),
    ("New Year's Day", "2021-01-01"),
    ("Mother's Day", "2021-05-09"),
    ("Father's Day", "2021-06-20"),
    ("Halloween", "2021-10-31"),
    ("the Fourth of July", "2021-07-04"),
    ("Bonfire Night", "2021-11-05"),
    ("Spring Bank Holiday", "2021-05-31"),
    ("Election Day 2020", "2020-11-03"),
]

PRESENT_PAST_FUTURE = [
    ("now", "2021-06-02"),
    ("currently", "2021-06-02"),
    ("at present", "2021-06-02"),
    ("recently", "2021-03~/2021-06-02"),
    ("the future", "2021-06-02/.."),
    ("in the past", "../2021-06-02"),
    ("soon", "2021-06-02/2021-09~"),
]

# find_dates in context: texts read on Wednesday 2021-06-02 and what they yield.
IN_CONTEXT = [
    # A future word that is a noun after a determiner is no cue: "announced" decides.
    ("Officials announced the plan Friday.", [("Friday", "2021-05-28")]),
    ("Their hopes rose Friday.", [("Friday", "2021-05-28")]),
    # "-ed by" is a participle with its agent: no past cue; "will" decides.
    (
        "Qantas will add flights between Perth and Delhi on Friday for travellers untouched by the crisis.",
        [("Friday", "2021-06-04")],
    ),
    # After a longer period than the quarter, a year-back comparison is of the year.
    (
        "Third-quarter profit rose. For the nine months, profit was $9 million, up from $7 million a year ago.",
        [("Third-quarter", "2021-35"), ("a year ago", "2020")],
    ),
    (
        "Third-quarter profit rose. Nine-month profit beat year-earlier levels.",
        [("Third-quarter", "2021-35"), ("year-earlier", "2020")],
    ),
    # "The quarter", "the latest period": the quarter the story is about.
    (
        "Third-quarter profit rose 5%. Sales in the quarter were $2 billion.",
        [("Third-quarter", "2021-35"), ("the quarter", "2021-35")],
    ),
    (
        "Net fell in the second quarter. The latest period had a charge.",
        [("the second quarter", "2021-34"), ("The latest period", "2021-34")],
    ),
    ("He lives in the quarter.", []),
    ("He spent a quarter of his pay in the quarter of the city.", []),
    # A quarter still to come is an outlook: "the quarter" stays the one reported.
    (
        "Second-quarter profit rose. It expects a loss in the first quarter of 2022. Sales in the quarter rose.",
        [("Second-quarter", "2021-34"), ("the first quarter of 2022", "2022-33"), ("the quarter", "2021-34")],
    ),
    # Two year-back comparisons side by side are of the same time.
    (
        "Net was $2 million, down from $3 million a year ago. Sales were $9 million against $8 million a year earlier.",
        [("a year ago", "2020"), ("a year earlier", "2020")],
    ),
    # Years as spoken: a count is no year.
    ("It was built in nineteen oh five.", [("nineteen oh five", "1905")]),
    ("Two thousand people came.", []),
    ("The plant closed in the year two thousand.", [("the year two thousand", "2000")]),
]

FAMILIES = {
    "eras and approximation": ERAS_AND_APPROXIMATION,
    "open and closed intervals": OPEN_AND_CLOSED,
    "centuries and decades": CENTURIES_AND_DECADES,
    "relative days and weeks": RELATIVE_DAYS_AND_WEEKS,
    "times of day": TIMES_OF_DAY,
    "numeric and written dates": NUMERIC_AND_WRITTEN,
    "ranges and holidays": RANGES_AND_HOLIDAYS,
    "present, past and future": PRESENT_PAST_FUTURE,
}


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        pytest.param(phrase, expected, id=f"{family}: {phrase}")
        for family, rows in FAMILIES.items()
        for phrase, expected in rows
    ],
)
def test_family_table(phrase: str, expected: str) -> None:
    """Each phrase of each family reads as its row says, on Wednesday 2021-06-02."""
    assert When(expected) == resolve(phrase, reference=WEDNESDAY)


@pytest.mark.parametrize(
    ("text", "expected"), [pytest.param(text, expected, id=text[:50]) for text, expected in IN_CONTEXT]
)
def test_in_context_table(text: str, expected: list[tuple[str, str]]) -> None:
    """find_dates reads each text of the table as its row says, on Wednesday 2021-06-02."""
    assert expected == _found(text)


class TestOptions:
    def test_numeric_preference_decides_only_when_both_are_days(self) -> None:
        """11/05/2019 needs numeric=; 25/11/2019 reads the same under either preference."""
        with pytest.raises(ParseError, match="month/day or day/month"):
            resolve("11/05/2019", reference=WEDNESDAY)
        assert ("2019-11-05", "2019-05-11") == (_read("11/05/2019", numeric="mdy"), _read("11/05/2019", numeric="dmy"))
        assert ("2019-11-25", "2019-11-25") == (_read("25/11/2019", numeric="mdy"), _read("25/11/2019", numeric="dmy"))
        assert "2019-05-11" == _read("11.05.2019")
        assert "2019-11-05" == _read("11.05.2019", numeric="mdy")

    def test_fiscal_year_start(self) -> None:
        """With fiscal years starting in October, FY2019 runs October 2018 to September 2019."""
        assert "2018-10/2019-09" == _read("FY2019", fiscal_year_start=10)
        assert "2018-10/2018-12" == _read("Q1 FY2019", fiscal_year_start=10)
        assert "2019-04/2019-06" == _read("the third quarter of fiscal 2019", fiscal_year_start=10)
        assert "2019-34" == _read("Q2 2019", fiscal_year_start=10)  # no "fiscal": a calendar quarter
        assert "2019" == _read("FY2019")
        assert "2020-10/2021-09" == _read("the current fiscal year", fiscal_year_start=10)
        assert "2021-04/2021-06" == _read("the current fiscal quarter", fiscal_year_start=10)
        assert "2021-34" == _read("the current quarter", fiscal_year_start=10)  # no "fiscal": a calendar quarter

    @pytest.mark.parametrize("start", [0, 13, "10", True, 1.5])
    def test_fiscal_year_start_is_checked(self, start: object) -> None:
        """A fiscal_year_start that is no month number is refused."""
        with pytest.raises(ValueError, match="fiscal_year_start"):
            resolve("FY2019", reference=WEDNESDAY, fiscal_year_start=start)  # type: ignore[arg-type]

    def test_a_named_zone_follows_daylight_time(self) -> None:
        """ET is -05:00 in January and -04:00 in July; PT likewise three hours behind."""
        assert "2021-01-15T10:00-05:00" == _read("10 a.m. ET Jan. 15")
        assert "2021-07-15T10:00-04:00" == _read("10 a.m. ET July 15")
        assert "2021-01-15T10:00-08:00" == _read("10 a.m. PT Jan. 15")

    def test_impossible_times_are_refused(self) -> None:
        """13 p.m. and 25:00 are no times."""
        for phrase in ("13 p.m. Thursday", "25:00 UTC Monday"):
            with pytest.raises(ParseError):
                resolve(phrase, reference=WEDNESDAY)


def _found(text: str, **options: object) -> list[tuple[str, str]]:
    return [(m.text, str(m.when)) for m in find_dates(text, reference=WEDNESDAY, **options)]  # type: ignore[arg-type]


class TestFindingThem:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("A 2016 survey found little.", [("2016", "2016")]),
            ("Her 2012 novel sold well.", [("2012", "2012")]),
            ("His unsuccessful 1996 campaign ended.", [("1996", "1996")]),
            ("The firm's 2019 report was late.", [("2019", "2019")]),
            ("A 2016 people came.", []),  # a count, not a year
            ("She counted 2016 votes.", []),
            ("The talks of 2011-2012 failed.", [("2011-2012", "2011/2012")]),
            ("It rained in 1994, 1995 and 1997.", [("1994", "1994"), ("1995", "1995"), ("1997", "1997")]),
        ],
    )
    def test_bare_years(self, text: str, expected: list[tuple[str, str]]) -> None:
        """A year alone is a date after a cue, in a list of years, or before the noun it modifies."""
        assert expected == _found(text)

    def test_a_question_mark_ends_a_question(self) -> None:
        """'1848?' after a question word is a question; inside a list it is a doubtful year."""
        assert [("1848", "1848")] == _found("Did the riots begin in 1848?")
        assert [("1848?", "1848?")] == _found("The map (drawn 1848?) is faded.")

    def test_later_counts_from_the_date_before_it(self) -> None:
        """'Two days later' follows the date before it in the text; with none it is a length."""
        assert [("June 6", "2021-06-06"), ("two days later", "2021-06-08")] == _found(
            "The vote was on June 6, and two days later the count ended."
        )
        assert [("third-quarter", "2021-35"), ("a year earlier", "2020-35")] == _found(
            "Its third-quarter profit rose from a year earlier."
        )
        assert [] == _found("Two days later it rained.")

    def test_a_year_ago_in_a_quarterly_report_is_that_quarter(self) -> None:
        """'Up from ... a year ago' after a quarter is that quarter a year before; with no quarter, the year."""
        assert [("Third-quarter", "2021-35"), ("a year ago", "2020-35")] == _found(
            "Third-quarter profit rose to $5 million from $4 million a year ago."
        )
        assert [("second-quarter", "2021-34"), ("the 2020 period", "2020-33"), ("year-earlier", "2020-34")] == _found(
            "Its second-quarter sales rose. Costs in the 2020 period were high. Sales beat year-earlier levels."
        )
        assert [("2020", "2020"), ("A year ago", "2020")] == _found("Profit fell in 2020. A year ago it was higher.")

    def test_a_participle_after_be_is_no_past_cue(self) -> None:
        """'will be named ... in December': the tense is the auxiliary's, not the -ed word's."""
        assert [("December", "2021-12")] == _found("She will be named captain in December.")
        assert [("December", "2020-12")] == _found("She was named captain in December.")

    def test_a_plan_seen_from_before_it(self) -> None:
        """'set to resume Monday' looks forward; 'had been due to expire Friday' back; quotes as two apostrophes."""
        assert [("Monday", "2021-06-07")] == _found("Talks are set to resume Monday, officials said.")
        assert [("Friday", "2021-05-28")] == _found("The offer had been due to expire Friday.")
        assert [("4 a.m. Thursday", "2021-06-03T04:00")] == _found("''He will leave (4 a.m. Thursday),'' Castro said.")

    def test_cues_a_reader_would_not_take(self) -> None:
        """'next to' is a place; 'have been killed' is past; 'postponed until' looks forward."""
        assert [("Friday", "2021-05-28")] == _found("Ten were wounded in the blast next to the embassy on Friday.")
        assert [("Friday", "2021-05-28")] == _found("Ten have been killed in the blast on Friday.")
        assert [("until Tuesday", "2021-06-02/2021-06-08")] == _found(
            "Officials postponed until Tuesday any action on the case."
        )

    def test_a_weekday_in_the_possessive_is_reported(self) -> None:
        """'over Thursday's closing price', with no cue in its clause, is the Thursday past."""
        assert [("Thursday", "2021-05-27")] == _found(
            "The bonds convert at a 24% premium over Thursday's closing price."
        )
        assert [("Thursday", "2021-06-03")] == _found("They will vote Thursday, she said.")

    def test_a_games_quarter_is_no_date(self) -> None:
        """'In the first quarter the Lakers led': a game's quarter; a company's is a date."""
        assert [] == _found("In the first quarter the Lakers led 30-24.")
        assert [("the first quarter", "2021-33")] == _found("Sales fell in the first quarter, the company said.")

    def test_now_in_a_compound_is_no_date(self) -> None:
        """'now-defunct' is an adjective; 'as soon as' a conjunction."""
        assert [] == _found("The now-defunct firm paid as soon as it could.")
        assert [("now", "2021-06-02")] == _found("The firm is now closed.")

    def test_times_in_text(self) -> None:
        """A time before or after its day is one mention, its zone kept as an offset."""
        assert [("5 p.m. EDT Thursday", "2021-06-03T17:00-04:00")] == _found("Polls close at 5 p.m. EDT Thursday.")
        assert [] == _found("The score was 3:30 at the half.")

    def test_holidays_and_their_weekends(self) -> None:
        """A holiday's weekend is the days off around it; a Christmas tree is no date."""
        assert [("Memorial Day weekend", "2021-05-29/2021-05-31")] == _found("Crowds came over Memorial Day weekend.")
        assert [] == _found("She bought a Christmas tree.")


class TestProperties:
    @given(st.integers(1, 9999))
    def test_bc_years_are_astronomical(self, year: int) -> None:
        """'N BC' is year 1 - N, as EDTF numbers them: 1 BC is 0000."""
        when = resolve(f"{year} BC", reference=WEDNESDAY)
        assert when.start is not None
        assert 1 - year == when.start.year

    @given(st.integers(1000, 2099), st.sampled_from(["c.", "ca.", "circa", "about", "around"]))
    def test_approximate_years(self, year: int, word: str) -> None:
        """Every word of approximation makes the year approximate, nothing else."""
        assert When(f"{year:04d}~") == resolve(f"{word} {year}", reference=WEDNESDAY)

    @given(st.integers(13, 31), st.integers(1, 12), st.integers(1900, 2099))
    def test_a_day_over_twelve_settles_the_order(self, day: int, month: int, year: int) -> None:
        """d/m/y with a day over 12 reads the same whatever the numeric preference."""
        try:
            expected = date(year, month, day)
        except ValueError:
            return
        for numeric in (None, "mdy", "dmy"):
            assert When(expected.isoformat()) == resolve(
                f"{day}/{month}/{year}",
                reference=WEDNESDAY,
                numeric=numeric,
            )

    @given(st.integers(1, 21))
    def test_centuries_in_figures_and_words_agree(self, nth: int) -> None:
        """'the 12th century' and 'the twelfth century' are the same years."""
        words = [
            "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
            "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
            "eighteenth", "nineteenth", "twentieth", "twenty-first",
        ]  # fmt: skip
        suffix = {1: "st", 2: "nd", 3: "rd", 21: "st"}.get(nth, "th")
        figures = resolve(f"the {nth}{suffix} century", reference=WEDNESDAY)
        assert figures == resolve(f"the {words[nth - 1]} century", reference=WEDNESDAY)
        assert f"{nth - 1:02d}XX" == str(figures)


class TestTable:
    def test_every_rule_has_a_trigger_it_holds(self) -> None:
        """A rule with a trigger finds it in each of its examples (find_dates looks for the trigger first)."""
        import re

        for rule in RULES:
            if rule.trigger is None:
                continue
            for example in rule.examples:
                assert re.search(rule.trigger, example), (rule.name, example)

    def test_every_rule_with_first_words_begins_with_one(self) -> None:
        """A rule tried only at some first words begins each of its examples with one of them."""
        import re

        for rule in RULES:
            if rule.first is None:
                continue
            for example in rule.examples:
                first = re.match(r"[A-Za-z]+", example)
                assert first is not None, (rule.name, example)
                assert first[0].lower() in rule.first, (rule.name, example)

    def test_every_rule_begins_each_example_with_one_of_its_first_characters(self) -> None:
        """find_dates tries a rule only where one of the first characters read off its pattern stands."""
        from timeline.phrases.engine import _STARTS_RE, _start_re

        for rule in RULES:
            starts = _start_re(rule)
            assert starts is not _STARTS_RE, rule.name  # the set was read off the pattern
            for example in rule.examples:
                assert starts.match(example), (rule.name, example)
                assert not starts.match("x" + example, 1), (rule.name, example)  # not inside a word

    def test_trigger_words_find_what_the_trigger_patterns_find(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Found from the index of words or by searching for each trigger, the mentions are the same."""
        from pathlib import Path

        from timeline.phrases import engine
        from timeline.phrases.rules import TRIGGER_WORDS

        story = (Path(__file__).parent.parent / "examples" / "sample-article.txt").read_text(encoding="utf-8")
        examples = " ".join(
            f"It was {example}, she said; he will come {example}." for r in RULES for example in r.examples
        )
        tricky = (
            "Junebug 5, Mondays, the quarterly period, two-day talks, 5days, FY2019, fiscal-year 2020, Sept. 5. "
            "We met the day before yesterday and will meet on the Fourth of July, this coming Christmas, "
            "in the near future, on the Early May bank holiday and today's 'last   night' party."
        )
        for text in (story, examples, tricky, tricky.upper(), tricky.lower()):
            with_words = _found(text)
            monkeypatch.setattr(engine, "TRIGGER_WORDS", {})
            assert _found(text) == with_words
            monkeypatch.setattr(engine, "TRIGGER_WORDS", TRIGGER_WORDS)

    def test_every_rule_with_trigger_words_holds_one_within_reach(self) -> None:
        """Each example of a rule whose trigger is words has one of them, beginning a word, within reach."""
        import re

        from timeline.phrases.rules import TRIGGER_WORDS

        for rule in RULES:
            if rule.trigger not in TRIGGER_WORDS:
                continue
            for example in rule.examples:
                starts = [
                    w.start()
                    for w in re.finditer(r"(?<![A-Za-z0-9])[A-Za-z]+", example)
                    if w[0].lower() in TRIGGER_WORDS[rule.trigger]
                ]
                assert any(at <= rule.reach for at in starts), (rule.name, example)

    def test_first_characters_follow_case_folding_and_optional_parts(self) -> None:
        """(?i:...) lets both cases through; an optional part adds what follows it."""
        from timeline.phrases.engine import _PARSER, _first_of

        def first(pattern: str) -> str:
            chars, _ = _first_of(_PARSER.parse(pattern), False)
            assert chars is not None
            return "".join(sorted(chars))

        assert "ABab" == first("(?i:a|b)c")
        assert "0123456789Tt" == first(r"(?:[Tt]he\s+)?[0-9]")
        assert "Xa" == first("(?<![A-Z])(?:a*X)")
        chars, _ = _first_of(_PARSER.parse("[^a]b"), False)
        assert chars is None  # a negated class may begin with anything

    def test_each_family_has_a_docs_section(self) -> None:
        """docs/phrases.md has a section per family, and every phrase of its tables is in it."""
        from pathlib import Path

        docs = (Path(__file__).parent.parent / "docs" / "phrases.md").read_text(encoding="utf-8")
        for family, rows in FAMILIES.items():
            assert f"### {family.capitalize()}" in docs, family
            for phrase, expected in rows:
                assert f"| {phrase} | `{expected}` |" in docs, (family, phrase)
        assert "### Reading in context" in docs
        for text, mentions in IN_CONTEXT:
            found = ", ".join(f"{phrase} `{value}`" for phrase, value in mentions) or "none"
            assert f"| {text} | {found} |" in docs, text


def test_find_dates_grows_linearly_on_new_families() -> None:
    """Doubled text of the new families' phrases takes about twice as long (best of three; margin 3.5x)."""
    sentence = (
        "c. 1850, before 1500 and after 1900, the 12th century, the seventies, 5 p.m. EDT Thursday, "
        "1848? FY2019 Q2 2021, Memorial Day weekend, two weeks later, recent days, the week of June 14, "
    )

    def make(n: int) -> Callable[[], object]:
        text = sentence * n
        return lambda: find_dates(text, reference=WEDNESDAY)

    small, large = make(40), make(80)
    small()  # warm the compiled patterns
    assert best_of(3, large) / best_of(3, small) < 3.5


def test_find_dates_grows_linearly_on_quarterly_reports() -> None:
    """A quarter, then hundreds of year-back comparisons and "the quarter", doubled: about twice the time (3.5x)."""
    story = "Third-quarter profit rose. " + "Up from a year ago in the quarter; year-earlier sales fell. " * 60

    def make(n: int) -> Callable[[], object]:
        text = story * n
        return lambda: find_dates(text, reference=WEDNESDAY)

    small, large = make(20), make(40)
    small()  # warm the compiled patterns
    assert best_of(3, large) / best_of(3, small) < 3.5
