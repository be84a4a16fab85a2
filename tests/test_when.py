"""Tests for When and PartialDate: EDTF parsing, bounds, flags, order and conversions.

Expected values come from the meaning of EDTF (ISO 8601-2), not from the
implementation's output: ``2021-24`` is the winter from December 2021 to
February 2022, ``156X-12-25`` is a Christmas in the 1560s, and so on.
"""

from __future__ import annotations

import pickle
import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from strategies import date_time_texts, date_values, partial_date_texts, when_texts, whens, zones

from timeline import OutOfRangeError, ParseError, PartialDate, Precision, When

IST = timezone(timedelta(hours=5, minutes=30))
EST = timezone(timedelta(hours=-5))
GUATEMALA = ZoneInfo("America/Guatemala")

# The bound's value, or OutOfRangeError for a year that a date cannot hold.
Outcome = date | type[OutOfRangeError] | None


def outcome(bound: Callable[[], date | None]) -> Outcome:
    """Call ``bound``; return its value, or OutOfRangeError if it raised that."""
    try:
        return bound()
    except OutOfRangeError:
        return OutOfRangeError


# text, earliest(), latest()
BOUNDS: list[tuple[str, Outcome, Outcome]] = [
    ("2021", date(2021, 1, 1), date(2021, 12, 31)),
    ("2021-03", date(2021, 3, 1), date(2021, 3, 31)),
    ("2021-02", date(2021, 2, 1), date(2021, 2, 28)),
    ("2020-02", date(2020, 2, 1), date(2020, 2, 29)),
    ("2021-06-06", date(2021, 6, 6), date(2021, 6, 6)),
    ("2021-06-07/2021-06-08", date(2021, 6, 7), date(2021, 6, 8)),
    ("2019/2021-03", date(2019, 1, 1), date(2021, 3, 31)),
    ("2019~", date(2019, 1, 1), date(2019, 12, 31)),
    ("2018?", date(2018, 1, 1), date(2018, 12, 31)),
    ("2004-06-11%", date(2004, 6, 11), date(2004, 6, 11)),
    ("201X", date(2010, 1, 1), date(2019, 12, 31)),
    ("19XX-02-29", date(1904, 2, 29), date(1996, 2, 29)),
    ("1985-04-XX", date(1985, 4, 1), date(1985, 4, 30)),
    ("1985-XX-XX", date(1985, 1, 1), date(1985, 12, 31)),
    ("1985-1X", date(1985, 10, 1), date(1985, 12, 31)),
    ("156X-12-25", date(1560, 12, 25), date(1569, 12, 25)),
    ("XXXX", OutOfRangeError, date(9999, 12, 31)),  # 0000 to 9999, and year 0 is no date
    ("2021-21", date(2021, 3, 1), date(2021, 5, 31)),
    ("2021-22", date(2021, 6, 1), date(2021, 8, 31)),
    ("2021-23", date(2021, 9, 1), date(2021, 11, 30)),
    ("2021-24", date(2021, 12, 1), date(2022, 2, 28)),
    ("2023-24", date(2023, 12, 1), date(2024, 2, 29)),
    ("9999-24", date(9999, 12, 1), OutOfRangeError),
    ("/2021-06-08", None, date(2021, 6, 8)),
    ("2021-06-06/", date(2021, 6, 6), None),
    ("2021-06/..", date(2021, 6, 1), None),
    ("../2021", None, date(2021, 12, 31)),
    ("Y170000002", OutOfRangeError, OutOfRangeError),
    ("Y-170000002", OutOfRangeError, OutOfRangeError),
    ("-0044", OutOfRangeError, OutOfRangeError),
    ("0000", OutOfRangeError, OutOfRangeError),
    ("Y-17E7", OutOfRangeError, OutOfRangeError),
    ("-0044/0010", OutOfRangeError, date(10, 12, 31)),
    ("1950S2", date(1900, 1, 1), date(1999, 12, 31)),
    ("2021-W22", date(2021, 5, 31), date(2021, 6, 6)),
    ("2020-W53", date(2020, 12, 28), date(2021, 1, 3)),
    ("0001-W01", date(1, 1, 1), date(1, 1, 7)),
    ("9999-W52", date(9999, 12, 27), OutOfRangeError),  # its Sunday is 10000-01-02
    ("2021-06-07T10:00", datetime(2021, 6, 7, 10, 0), datetime(2021, 6, 7, 10, 0)),
    (
        "2021-06-07T10:00:30Z",
        datetime(2021, 6, 7, 10, 0, 30, tzinfo=UTC),
        datetime(2021, 6, 7, 10, 0, 30, tzinfo=UTC),
    ),
    (
        "2021-06-07T10:00:30.5+05:30",
        datetime(2021, 6, 7, 10, 0, 30, 500000, tzinfo=IST),
        datetime(2021, 6, 7, 10, 0, 30, 500000, tzinfo=IST),
    ),
    ("2021-06-07T10:00-05", datetime(2021, 6, 7, 10, tzinfo=EST), datetime(2021, 6, 7, 10, tzinfo=EST)),
    (
        "2021-06-07T10:00/2021-06-07T11:30",
        datetime(2021, 6, 7, 10, 0),
        datetime(2021, 6, 7, 11, 30),
    ),
    ("2004-06~/2004-06-11%", date(2004, 6, 1), date(2004, 6, 11)),
]

# text, precision, approximate, uncertain, unspecified
FLAGS = [
    ("2021", Precision.YEAR, False, False, False),
    ("2021-03", Precision.MONTH, False, False, False),
    ("2021-06-06", Precision.DAY, False, False, False),
    ("2021-06-07/2021-06-08", Precision.DAY, False, False, False),
    ("2019/2021-03", Precision.YEAR, False, False, False),
    ("2019~", Precision.YEAR, True, False, False),
    ("2018?", Precision.YEAR, False, True, False),
    ("2004-06-11%", Precision.DAY, True, True, False),
    ("201X", Precision.YEAR, False, False, True),
    ("1985-04-XX", Precision.DAY, False, False, True),
    ("1985-XX-XX", Precision.DAY, False, False, True),
    ("2021-21", Precision.SEASON, False, False, False),
    ("2021-24~", Precision.SEASON, True, False, False),
    ("/2021-06-08", Precision.DAY, False, False, False),
    ("2021-06-06/", Precision.DAY, False, False, False),
    ("2021-06/..", Precision.MONTH, False, False, False),
    ("../2021", Precision.YEAR, False, False, False),
    ("Y170000002", Precision.YEAR, False, False, False),
    ("Y-170000002", Precision.YEAR, False, False, False),
    ("-0044", Precision.YEAR, False, False, False),
    ("0000", Precision.YEAR, False, False, False),
    ("Y-17E7", Precision.YEAR, False, False, False),
    ("1950S2", Precision.YEAR, False, False, True),
    ("156X-12-25", Precision.DAY, False, False, True),
    ("2021-W22", Precision.WEEK, False, False, False),
    ("2021-06-07T10:00", Precision.MINUTE, False, False, False),
    ("2021-06-07T10:00:30Z", Precision.SECOND, False, False, False),
    ("2021-06-07T10:00:30.5+05:30", Precision.SECOND, False, False, False),
    ("2021-06-07T10:00/2021-06-07T11:30", Precision.MINUTE, False, False, False),
    ("2004-06~/2004-06-11%", Precision.MONTH, True, True, False),
]

# text, (is_interval, start_unknown, start_open, end_unknown, end_open)
ENDS = [
    ("2021", (False, False, False, False, False)),
    ("2021-06-07/2021-06-08", (True, False, False, False, False)),
    ("/2021-06-08", (True, True, False, False, False)),
    ("2021-06-06/", (True, False, False, True, False)),
    ("../2021", (True, False, True, False, False)),
    ("2021-06/..", (True, False, False, False, True)),
]

# text, timed, floating
TIMING = [
    ("2021-06-07", False, False),
    ("2021-06-07T10:00", True, True),
    ("2021-06-07T10:00:30Z", True, False),
    ("2021-06-07T10:00:30.5+05:30", True, False),
    ("2021-06-07T10:00/2021-06-07T11:30", True, True),
    ("2021-06-07/2021-06-07T10:00Z", True, False),
]

# ISO 8601-2 sub-year groupings in 2021: code, first day, last day.
GROUPINGS = [
    (21, date(2021, 3, 1), date(2021, 5, 31)),  # spring
    (22, date(2021, 6, 1), date(2021, 8, 31)),  # summer
    (23, date(2021, 9, 1), date(2021, 11, 30)),  # autumn
    (24, date(2021, 12, 1), date(2022, 2, 28)),  # winter, into the next year
    (25, date(2021, 3, 1), date(2021, 5, 31)),  # northern spring
    (26, date(2021, 6, 1), date(2021, 8, 31)),  # northern summer
    (27, date(2021, 9, 1), date(2021, 11, 30)),  # northern autumn
    (28, date(2021, 12, 1), date(2022, 2, 28)),  # northern winter
    (29, date(2021, 9, 1), date(2021, 11, 30)),  # southern spring
    (30, date(2021, 12, 1), date(2022, 2, 28)),  # southern summer
    (31, date(2021, 3, 1), date(2021, 5, 31)),  # southern autumn
    (32, date(2021, 6, 1), date(2021, 8, 31)),  # southern winter
    (33, date(2021, 1, 1), date(2021, 3, 31)),  # first quarter
    (34, date(2021, 4, 1), date(2021, 6, 30)),
    (35, date(2021, 7, 1), date(2021, 9, 30)),
    (36, date(2021, 10, 1), date(2021, 12, 31)),
    (37, date(2021, 1, 1), date(2021, 4, 30)),  # first quadrimester
    (38, date(2021, 5, 1), date(2021, 8, 31)),
    (39, date(2021, 9, 1), date(2021, 12, 31)),
    (40, date(2021, 1, 1), date(2021, 6, 30)),  # first semester
    (41, date(2021, 7, 1), date(2021, 12, 31)),
]

# text, (year, month, day, season, week, time, utc_offset, significant_digits)
ACCESSORS = [
    ("2021", (2021, None, None, None, None, None, None, None)),
    ("2021-03", (2021, 3, None, None, None, None, None, None)),
    ("2021-06-06~", (2021, 6, 6, None, None, None, None, None)),
    ("-0044", (-44, None, None, None, None, None, None, None)),
    ("Y170000002", (170000002, None, None, None, None, None, None, None)),
    ("Y-17E7", (-170000000, None, None, None, None, None, None, None)),
    ("1950S2", (1950, None, None, None, None, None, None, 2)),
    ("201X", (None, None, None, None, None, None, None, None)),
    ("1985-04-XX", (1985, 4, None, None, None, None, None, None)),
    ("156X-12-25", (None, 12, 25, None, None, None, None, None)),
    ("2021-22", (2021, None, None, 22, None, None, None, None)),
    ("2021-W22", (2021, None, None, None, 22, None, None, None)),
    ("2021-06-07T10:00", (2021, 6, 7, None, None, (10, 0, 0, 0), None, None)),
    ("2021-06-07T10:00:30Z", (2021, 6, 7, None, None, (10, 0, 30, 0), timedelta(0), None)),
    (
        "2021-06-07T10:00:30.5+05:30",
        (2021, 6, 7, None, None, (10, 0, 30, 500000), timedelta(hours=5, minutes=30), None),
    ),
    ("2021-06-07T10:00-05", (2021, 6, 7, None, None, (10, 0, 0, 0), timedelta(hours=-5), None)),
]

INVALID = [
    "2021-13",
    # Years too long to be anything but an attack on time and memory.
    "Y1E999999999",
    "Y" + "1" * 5000,
    "Y12E29",
    "1950S" + "9" * 5000,
    # The days as written run backwards, though the instants do not.
    "2021-06-08T01:00+05:00/2021-06-07",
    "2021-06-07/2021-06-06T23:00-05:00",
    "2021-02-30",
    "2022-02-29",
    "2021-06-6",
    "2021-06-08/2021-06-07",
    "June 6",
    "",
    "2021-00",
    "Y2021",
    "-0000",
    "2021-W54",
    "2021-W00",
    "2021-06-07T24:00",
    "2021-06-07T10:60",
    "2021-06-07T10:00+24",
    "2021-2X",
    "2021-21-01",
    "2021-20",
    "2021-42",
    "../..",
    "/",
    "..",
    "2021/2022/2023",
    "1950S5",
    "1950S2-01",
    "201XS2",
    "Y12345-01",
    "Y01234E2",
    " 2021",
    "2021 ",
    "21",
    "2021?~",
    "1XXX-02-3X",
    "2021-06-XXT10:00",
    "2021-06-07T10:00/2021-06-07T11:30Z",
    "2021-06-07T10:00Z/2021-06-07T11:30",
    # Sets: empty, unclosed, nested, intervals inside, misplaced or backward ranges.
    "[]",
    "{}",
    "[1667",
    "1667]",
    "{1667]",
    "[1667,,1668]",
    "[1667,]",
    "[[1667]]",
    "[2004/2005]",
    "[..]",
    "[1667..1668..1669]",
    "[1668..1667]",
    "[1667..1668-01]",
    "[1700..,1800]",
    "[1700,..1800]",
    "[ 1667]",
    "[1667 ]",
    "[2021-06-07T10:00Z,2021-06-08T10:00]",
    "[2021-02-30]",
    # Per-component qualifiers: doubled, on a season or week, with a time, on nothing.
    "2004??-06",
    "2004-~21",
    "2021~-W22",
    "2021-06-~07T10:00",
    "?",
    "2004-06-11-?",
    "2004-(06)?-11",
    "2004-06-(11)~",
    "(2004-(06)~)?",
    "2004-06-(01)~/2004-06-(20)~",
    "Y17E7-12-26",
    "-0000-01-01",
    # A zero offset takes '+'.
    "2021-06-07T10:00-00:00",
    "2021-06-07T10:00-00",
    "2021-06-07T10:00:00-00:00",
]

VALID = sorted(
    {row[0] for row in BOUNDS}
    | {row[0] for row in FLAGS}
    | {row[0] for row in ACCESSORS}
    | {f"2021-{code}" for code, _, _ in GROUPINGS}
)


def as_days_if_mixed(first: date, last: date) -> tuple[date, date]:
    """Two bounds in a comparable form: both instants, or both days.

    An instant with an offset becomes its UTC day, because When places days
    and instants on one UTC axis (see the _when module docstring).
    """
    if isinstance(first, datetime) and isinstance(last, datetime):
        return first, last
    return day_of(first), day_of(last)


def day_of(value: date) -> date:
    """The day of a date, of a floating instant, or (in UTC) of an instant with an offset."""
    if isinstance(value, datetime):
        return (value.astimezone(UTC) if value.tzinfo is not None else value).date()
    return value


class TestParse:
    @pytest.mark.parametrize("text", VALID)
    def test_text_round_trips(self, text: str) -> None:
        """str() of a parsed value is exactly the text it came from."""
        assert text == str(When(text))

    @pytest.mark.parametrize("text", VALID)
    def test_parse_is_the_constructor(self, text: str) -> None:
        """When.parse(text) and When(text) give equal values."""
        assert When(text) == When.parse(text)

    @pytest.mark.parametrize(("text", "earliest", "latest"), BOUNDS, ids=[row[0] for row in BOUNDS])
    def test_bounds(self, text: str, earliest: Outcome, latest: Outcome) -> None:
        """earliest() and latest() are the first and last day (or instant) the text may denote."""
        when = When(text)

        assert (earliest, latest) == (outcome(when.earliest), outcome(when.latest))

    @pytest.mark.parametrize(("text", "precision", "approximate", "uncertain", "unspecified"), FLAGS)
    def test_precision_and_qualifiers(
        self, text: str, precision: Precision, approximate: bool, uncertain: bool, unspecified: bool
    ) -> None:
        """Precision is the coarser known end; ~ is approximate, ? uncertain, % both; X or S unspecified."""
        when = When(text)

        assert (precision, approximate, uncertain, unspecified) == (
            when.precision,
            when.approximate,
            when.uncertain,
            when.unspecified,
        )

    @pytest.mark.parametrize(("text", "expected"), ENDS, ids=[row[0] for row in ENDS])
    def test_interval_ends(self, text: str, expected: tuple[bool, bool, bool, bool, bool]) -> None:
        """An empty end is unknown, '..' is open, and only 'A/B' forms are intervals."""
        when = When(text)

        assert expected == (
            when.is_interval,
            when.start_unknown,
            when.start_open,
            when.end_unknown,
            when.end_open,
        )

    @pytest.mark.parametrize(("text", "timed", "floating"), TIMING, ids=[row[0] for row in TIMING])
    def test_timed_and_floating(self, text: str, timed: bool, floating: bool) -> None:
        """A time of day makes a value timed; without an offset the time is floating."""
        when = When(text)

        assert (timed, floating) == (when.timed, when.floating)

    def test_single_date_is_both_start_and_end(self) -> None:
        """A single date is its own start and end."""
        when = When("2021-06-06")

        assert (PartialDate("2021-06-06"), PartialDate("2021-06-06")) == (when.start, when.end)

    def test_unknown_and_open_ends_are_none(self) -> None:
        """An unknown or open end has no PartialDate."""
        assert (None, PartialDate("2021-06-08")) == (When("/2021-06-08").start, When("/2021-06-08").end)
        assert (PartialDate("2021-06"), None) == (When("2021-06/..").start, When("2021-06/..").end)

    def test_interval_ends_keep_their_own_qualifiers(self) -> None:
        """Each end of an interval carries its own qualifier."""
        when = When("2004-06~/2004-06-11%")
        assert when.start is not None
        assert when.end is not None

        expected = ((True, False), (True, True))
        assert expected == (
            (when.start.approximate, when.start.uncertain),
            (when.end.approximate, when.end.uncertain),
        )


class TestDateTimeFastPath:
    @given(date_time_texts())
    def test_same_answer_as_the_grammar(self, text: str) -> None:
        """ISO date-times skip the EDTF grammar, with the same bounds, flags and errors as going through it."""
        from timeline._when import _parse_general, _parse_interval

        try:
            if "/" in text:
                start, end, kinds = _parse_interval(text)
                assert start is not None
                assert end is not None
                expected: object = (start._lo, end._hi, kinds, start.floating)
            else:
                point = _parse_general(text, text)
                expected = (point._lo, point._hi, "", point.floating)
        except ParseError as exc:
            with pytest.raises(ParseError) as caught:
                When(text)
            assert exc.message == caught.value.message
            return
        when = When(text)

        assert expected == (when._lo, when._hi, when._kinds, when.floating)
        assert text == str(when)

    @given(
        st.lists(
            st.tuples(st.integers(0, 9999), st.integers(0, 42), st.integers(0, 32), st.integers(1, 3)).map(
                lambda ymd: f"{ymd[0]:04d}-{ymd[1]:02d}-{ymd[2]:02d}"[: (4, 7, 10)[ymd[3] - 1]]
            ),
            min_size=1,
            max_size=2,
        ).map("/".join)
    )
    @example("0000-01-01/0001-01-01")
    @example("2021-06-05/2021-06-02")
    def test_days_same_answer_as_the_grammar(self, text: str) -> None:
        """YYYY, YYYY-MM, YYYY-MM-DD and intervals of two days skip the patterns, with the same bounds and errors."""
        from timeline import _when

        def read() -> object:
            try:
                when = When(text)
            except ParseError as exc:
                return exc.message
            return (when._lo, when._hi, when._kinds, when.floating, when._aware, when.start, when.end, str(when))

        fast = read()
        sizes, _when._ISO_SIZES = _when._ISO_SIZES, frozenset()  # type: ignore[misc]
        try:
            slow = read()
        finally:
            _when._ISO_SIZES = sizes  # type: ignore[misc]

        assert slow == fast

    @pytest.mark.parametrize(("code", "first", "last"), GROUPINGS)
    def test_grouping_bounds(self, code: int, first: date, last: date) -> None:
        """Seasons, quarters, quadrimesters and semesters cover their ISO 8601-2 months."""
        when = When(f"2021-{code}")

        assert (first, last) == (when.earliest(), when.latest())

    @pytest.mark.parametrize(("code", "first", "last"), GROUPINGS)
    def test_grouping_is_season_precision(self, code: int, first: date, last: date) -> None:
        """A grouping has season precision and keeps its code."""
        when = When(f"2021-{code}")
        assert when.start is not None

        assert (Precision.SEASON, code) == (when.precision, when.start.season)


class TestInvalid:
    @pytest.mark.parametrize("text", INVALID)
    def test_invalid_text_is_a_parse_error(self, text: str) -> None:
        """Text that is not EDTF raises ParseError quoting the text (its first 100 characters)."""
        with pytest.raises(ParseError) as info:
            When(text)

        assert repr(text[:100]) in str(info.value)

    @pytest.mark.parametrize("text", INVALID)
    def test_parse_error_is_a_value_error(self, text: str) -> None:
        """ParseError is also a ValueError, for callers that know nothing of timeline."""
        with pytest.raises(ValueError, match=r"not a valid EDTF date|beyond what timeline supports"):
            When.parse(text)

    @pytest.mark.parametrize("value", [2021, None, b"2021", ["2021"], (None, None), (date(2021, 6, 6), "2021"), ()])
    def test_non_text_is_a_parse_error(self, value: object) -> None:
        """Anything but text, a date or a pair of dates raises ParseError quoting the value."""
        with pytest.raises(ParseError) as info:
            When(value)  # type: ignore[arg-type]

        assert repr(value) in str(info.value)

    def test_partial_date_rejects_an_interval(self) -> None:
        """PartialDate is one date: an interval is a ParseError."""
        with pytest.raises(ParseError):
            PartialDate("2021/2022")

    def test_partial_date_rejects_non_text(self) -> None:
        """PartialDate of anything but str raises ParseError."""
        with pytest.raises(ParseError):
            PartialDate(2021)  # type: ignore[arg-type]


class TestPartialDate:
    @pytest.mark.parametrize(("text", "expected"), ACCESSORS, ids=[row[0] for row in ACCESSORS])
    def test_accessors(self, text: str, expected: tuple[object, ...]) -> None:
        """Accessors give each known component, None for missing or unspecified ones."""
        point = PartialDate(text)

        assert expected == (
            point.year,
            point.month,
            point.day,
            point.season,
            point.week,
            point.time,
            point.utc_offset,
            point.significant_digits,
        )

    def test_equal_by_text(self) -> None:
        """Partial dates are equal, and hash equal, when their text is."""
        assert PartialDate("2021") == PartialDate("2021")
        assert hash(PartialDate("2021")) == hash(PartialDate("2021"))
        assert PartialDate("2021") != PartialDate("2021~")

    def test_repr_is_valid_python(self) -> None:
        """repr() of a PartialDate evaluates back to an equal one."""
        point = PartialDate("1985-04-XX?")

        assert point == eval(repr(point), {"PartialDate": PartialDate})  # noqa: S307 - the repr is the API

    def test_pickle_round_trip(self) -> None:
        """A PartialDate survives pickling."""
        point = PartialDate("2021-06-07T10:00:30.5+05:30")

        assert point == pickle.loads(pickle.dumps(point))  # noqa: S301 - bytes we just wrote

    def test_immutable(self) -> None:
        """Setting or deleting an attribute raises AttributeError."""
        point = PartialDate("2021")
        with pytest.raises(AttributeError):
            point.text = "2022"
        with pytest.raises(AttributeError):
            del point.text

        expected = "2021"
        assert expected == point.text


class TestPrecision:
    def test_members_order_from_coarsest_to_finest(self) -> None:
        """Precision compares by fineness: a year is coarser than a day."""
        expected = [
            Precision.YEAR,
            Precision.SEASON,
            Precision.MONTH,
            Precision.WEEK,
            Precision.DAY,
            Precision.MINUTE,
            Precision.SECOND,
        ]

        assert Precision.YEAR < Precision.DAY
        assert expected == sorted(Precision)

    def test_str_and_repr(self) -> None:
        """str() is the lower-case name; repr() is the qualified member."""
        expected = ("day", "Precision.DAY")
        assert expected == (str(Precision.DAY), repr(Precision.DAY))


class TestFromDate:
    @pytest.mark.parametrize(
        ("value", "text"),
        [
            (date(2021, 6, 6), "2021-06-06"),
            (date(1, 1, 1), "0001-01-01"),
            (datetime(2021, 6, 7, 10, 0), "2021-06-07T10:00:00"),
            (datetime(2021, 6, 7, 10, 0, 30, 500000), "2021-06-07T10:00:30.500000"),
            (datetime(2021, 6, 7, 10, 0, tzinfo=UTC), "2021-06-07T10:00:00Z"),
            (datetime(2021, 6, 7, 10, 0, tzinfo=IST), "2021-06-07T10:00:00+05:30"),
            (datetime(2021, 6, 7, 10, 0, tzinfo=EST), "2021-06-07T10:00:00-05:00"),
        ],
    )
    def test_from_date(self, value: date, text: str) -> None:
        """A date gives its day; a datetime its instant, UTC as Z, other offsets kept."""
        assert When(text) == When.from_date(value)

    @given(date_values())
    def test_from_date_bounds_are_the_value(self, value: date) -> None:
        """The value built from a date or datetime begins and ends at it."""
        when = When.from_date(value)

        assert (value, value) == (when.earliest(), when.latest())

    @given(date_values())
    def test_from_date_keeps_the_offset(self, value: date) -> None:
        """An aware datetime keeps its UTC offset; a naive one stays floating."""
        bound = When.from_date(value).earliest()

        expected = value.utcoffset() if isinstance(value, datetime) else None
        assert expected == (bound.utcoffset() if isinstance(bound, datetime) else None)


class TestDateSpan:
    @pytest.mark.parametrize(
        ("text", "span"),
        [
            ("2021-06-07/2021-06-08", (date(2021, 6, 7), date(2021, 6, 9))),
            ("2021-06-06", (date(2021, 6, 6), date(2021, 6, 7))),
            ("2021", (date(2021, 1, 1), date(2022, 1, 1))),
            ("2021-24", (date(2021, 12, 1), date(2022, 3, 1))),
            ("2021-W22", (date(2021, 5, 31), date(2021, 6, 7))),
            ("2021-06-07T10:00/2021-06-07T11:30", (date(2021, 6, 7), date(2021, 6, 8))),
            ("2021-06-07T23:30-05:00", (date(2021, 6, 7), date(2021, 6, 8))),
            ("2021-06-06/", None),
            ("/2021-06-06", None),
            ("../2021", None),
            ("2021/..", None),
        ],
    )
    def test_date_span_is_half_open(self, text: str, span: tuple[date, date] | None) -> None:
        """The span runs from the first day to the day after the last; None for an unbounded end."""
        assert span == When(text).date_span()

    @pytest.mark.parametrize("text", ["9999-12-31", "-0044", "Y170000002"])
    def test_date_span_out_of_range(self, text: str) -> None:
        """A span whose days a date cannot hold raises OutOfRangeError."""
        with pytest.raises(OutOfRangeError):
            When(text).date_span()

    @given(whens())
    def test_date_span_is_never_empty(self, when: When) -> None:
        """Every valid value covers at least one calendar day."""
        try:
            span = when.date_span()
        except OutOfRangeError:
            return
        if span is not None:
            assert span[0] < span[1]


class TestOrder:
    def test_by_earliest_bound_first(self) -> None:
        """Values sort by the first moment they may denote."""
        values = [When("2021-06-06"), When("2019/2022"), When("2021-06")]

        assert [When("2019/2022"), When("2021-06"), When("2021-06-06")] == sorted(values)

    def test_at_the_same_start_the_one_ending_first(self) -> None:
        """At the same earliest bound, the value that ends first sorts first."""
        values = [When("2021"), When("2021-01"), When("2021-01-01"), When("2021-01-01T00:00Z")]

        assert [When("2021-01-01T00:00Z"), When("2021-01-01"), When("2021-01"), When("2021")] == sorted(values)

    def test_same_bounds_sort_by_text(self) -> None:
        """Values with the same bounds sort by their text, so equal keys mean equal values."""
        values = [When("2021~"), When("2021?"), When("2021"), When("2021-XX")]

        assert [When("2021"), When("2021-XX"), When("2021?"), When("2021~")] == sorted(values)

    def test_unbounded_ends(self) -> None:
        """An unknown or open start sorts first; an unknown or open end sorts last."""
        values = [When("2021/.."), When("2021"), When("/2022"), When("../2020")]

        assert [When("../2020"), When("/2022"), When("2021"), When("2021/..")] == sorted(values)

    def test_days_and_instants_interleave(self) -> None:
        """A day starts before the later instants in it, and they come before the next day."""
        values = [When("2021-06-08"), When("2021-06-07T23:59"), When("2021-06-07T10:00"), When("2021-06-07")]

        assert [
            When("2021-06-07"),
            When("2021-06-07T10:00"),
            When("2021-06-07T23:59"),
            When("2021-06-08"),
        ] == sorted(values)

    def test_instants_with_offsets_sort_by_instant(self) -> None:
        """10:00 at +05:00 is 05:00 UTC, before 06:00 UTC."""
        assert When("2021-06-07T10:00+05:00") < When("2021-06-07T06:00Z")

    def test_years_of_any_size(self) -> None:
        """Long, negative and year-zero values sort as numbers."""
        values = [When("Y170000002"), When("2021"), When("0000"), When("-0044"), When("Y-170000002")]

        assert [When("Y-170000002"), When("-0044"), When("0000"), When("2021"), When("Y170000002")] == sorted(values)

    def test_comparing_with_other_types(self) -> None:
        """A When equals nothing but a When, and does not order against other types."""
        assert When("2021") != "2021"
        with pytest.raises(TypeError):
            _ = When("2021") < "2021"  # type: ignore[operator]


class TestOverlapsAndWithin:
    @pytest.mark.parametrize(
        ("a", "b", "overlaps", "within"),
        [
            ("2021-06", "2021-06-30/2021-07-02", True, False),
            ("2021-05", "2021-06", False, False),
            ("2021-06-06", "2021", True, True),
            ("2021/..", "2021", True, False),
            ("2021-06-07T10:00Z", "2021-06-07", True, True),
            ("2021-21", "2021-22", False, False),
            ("2021-24", "2022-01", True, False),
            ("2022-01", "2021-24", True, True),
            ("../2020", "2020-12-31/2021", True, False),
        ],
    )
    def test_examples(self, a: str, b: str, overlaps: bool, within: bool) -> None:
        """Overlapping values may share a moment; within means every moment of a lies in b."""
        assert (overlaps, within) == (When(a).overlaps(When(b)), When(a).within(When(b)))

    def test_floating_time_read_in_a_zone(self) -> None:
        """On UTC's wall clock, 10:00 floating in Guatemala is 16:00 UTC."""
        assert When("2021-06-07T16:00Z").key()[0] == When("2021-06-07T10:00").key(GUATEMALA, view=None)[0]

    def test_instants_move_to_the_zone_wall_clock(self) -> None:
        """On Guatemala's wall clock, 16:00 UTC is 10:00, the same as a floating 10:00 there."""
        assert When("2021-06-07T16:00Z").key(GUATEMALA)[0] == When("2021-06-07T10:00").key(GUATEMALA)[0]

    def test_dates_stay_on_their_own_wall_clock(self) -> None:
        """Days do not move when read in their own zone: June 7 is June 7 in Tokyo too."""
        tokyo = ZoneInfo("Asia/Tokyo")

        assert When("2021-06-07").key() == When("2021-06-07").key(tokyo)
        assert When("2021-06-07").overlaps(When("2021-06-06T23:30Z"), tokyo)
        assert not When("2021-06-07").overlaps(When("2021-06-06T23:30Z"))

    def test_dates_move_between_zones(self) -> None:
        """A Tokyo day, seen on UTC's wall clock, runs from 15:00 the day before."""
        tokyo = ZoneInfo("Asia/Tokyo")
        lo, hi, _ = When("2021-06-07").key(tokyo, view=None)

        assert (When("2021-06-06T15:00Z").key()[0], When("2021-06-07T14:59:59.999999Z").key()[0]) == (lo, hi)


class TestBoundsProperties:
    @given(whens())
    def test_earliest_not_after_latest(self, when: When) -> None:
        """The earliest bound never comes after the latest one."""
        try:
            first, last = when.earliest(), when.latest()
        except OutOfRangeError:
            return
        if first is not None and last is not None:
            first, last = as_days_if_mixed(first, last)
            assert first <= last

    @given(partial_date_texts())
    def test_single_date_bounds_are_its_own(self, text: str) -> None:
        """A single date's bounds are those of its PartialDate."""
        when, point = When(text), PartialDate(text)

        assert (outcome(point.earliest), outcome(point.latest)) == (
            outcome(when.earliest),
            outcome(when.latest),
        )


class TestValueProperties:
    @given(when_texts())
    def test_text_round_trips(self, text: str) -> None:
        """Parsing keeps the text: str(When(text)) == text."""
        assert text == str(When(text))

    @given(whens())
    def test_parse_of_str_is_equal(self, when: When) -> None:
        """When.parse(str(w)) == w."""
        assert when == When.parse(str(when))

    @given(whens(), whens())
    def test_equal_iff_same_text_and_hash_agrees(self, a: When, b: When) -> None:
        """Values are equal exactly when their texts are; equal values hash equal."""
        assert (str(a) == str(b)) == (a == b)
        assert hash(a) == hash(When(str(a)))

    @given(whens())
    def test_pickle_round_trip(self, when: When) -> None:
        """A When survives pickling, ends included."""
        copy = pickle.loads(pickle.dumps(when))  # noqa: S301 - bytes we just wrote

        assert (when, when.start, when.end) == (copy, copy.start, copy.end)

    @given(whens())
    def test_repr_is_valid_python(self, when: When) -> None:
        """eval(repr(w)) == w."""
        assert when == eval(repr(when), {"When": When})  # noqa: S307 - the repr is the API

    @given(whens())
    def test_immutable(self, when: When) -> None:
        """Setting or deleting any attribute raises AttributeError."""
        with pytest.raises(AttributeError):
            when._text = "2021"
        with pytest.raises(AttributeError):
            when.anything = 1
        with pytest.raises(AttributeError):
            del when._start

        assert when == When(str(when))


class TestOrderProperties:
    @given(whens(), whens())
    def test_trichotomy(self, a: When, b: When) -> None:
        """Exactly one of a < b, a == b, b < a holds."""
        same = When(str(a))
        exactly_one, only_equal = 1, [False, True, False]

        assert exactly_one == [a < b, a == b, b < a].count(True)
        assert only_equal == [a < same, a == same, same < a]

    @given(whens(), whens())
    def test_comparisons_agree(self, a: When, b: When) -> None:
        """<= is < or ==, and > and >= mirror < and <=."""
        assert (a <= b) == (a < b or a == b)
        assert ((a > b), (a >= b)) == ((b < a), (b <= a))

    @given(whens(), whens(), whens())
    def test_transitive(self, a: When, b: When, c: When) -> None:
        """a <= b and b <= c imply a <= c."""
        if a <= b <= c:
            assert a <= c

    @given(st.lists(whens(), max_size=8), st.randoms())
    def test_sorting_ignores_input_order(self, values: list[When], rnd: random.Random) -> None:
        """Sorting any shuffle gives the same list, and sorting is idempotent."""
        shuffled = list(values)
        rnd.shuffle(shuffled)

        once = sorted(values)

        assert once == sorted(shuffled)
        assert once == sorted(once)


class TestZoneProperties:
    @given(whens(), zones())
    def test_key_in_a_zone_without_offsets(self, when: When, zone: ZoneInfo) -> None:
        """Dates and floating times read in their own zone keep their key: only instants move."""
        if not any(p is not None and p.utc_offset is not None for p in (when.start, when.end)):
            assert when.key() == when.key(zone)

    @given(whens(), zones())
    def test_instants_keep_their_order_in_any_zone(self, when: When, zone: ZoneInfo) -> None:
        """Read on a zone's wall clock, a value's ends stay in order."""
        lo, hi, _ = when.key(zone, view=None)

        assert lo <= hi

    @given(whens(), whens(), st.none() | zones())
    def test_overlaps_is_symmetric(self, a: When, b: When, zone: ZoneInfo | None) -> None:
        """a overlaps b exactly when b overlaps a."""
        assert a.overlaps(b, zone) == b.overlaps(a, zone)

    @given(whens(), whens(), st.none() | zones())
    def test_within_implies_overlaps(self, a: When, b: When, zone: ZoneInfo | None) -> None:
        """A value within another overlaps it."""
        if a.within(b, zone):
            assert a.overlaps(b, zone)

    @given(whens(), st.none() | zones())
    @example(When("2021-06-07T23:00/2021-06-07"), GUATEMALA)
    def test_a_value_overlaps_itself(self, when: When, zone: ZoneInfo | None) -> None:
        """Every value overlaps, and lies within, itself, in any zone."""
        expected = (True, True)
        assert expected == (when.overlaps(when, zone), when.within(when, zone))


# Every valid example of levels 0, 1 and 2 in python-edtf's parser test
# table, with the first and last day timeline gives it. Where python-edtf's
# strict bounds differ, the row says why (docs/partial-dates.md, "EDTF
# coverage, and python-edtf"): unknown ends are unbounded here, winter runs
# into the next year, and significant digits bound the whole range.
EDTF_EXAMPLES: list[tuple[str, str, str]] = [
    ("2001-02-03", "2001-02-03", "2001-02-03"),
    ("2008-12", "2008-12-01", "2008-12-31"),
    ("2008", "2008-01-01", "2008-12-31"),
    ("-0999", "-0999-01-01", "-0999-12-31"),
    ("0000", "0000-01-01", "0000-12-31"),
    ("2001-02-03T09:30:01", "2001-02-03", "2001-02-03"),
    ("2004-01-01T10:10:10Z", "2004-01-01", "2004-01-01"),
    ("2004-01-01T10:10:10+05:00", "2004-01-01", "2004-01-01"),
    ("1985-04-12T23:20:30", "1985-04-12", "1985-04-12"),
    ("1964/2008", "1964-01-01", "2008-12-31"),
    ("2004-06/2006-08", "2004-06-01", "2006-08-31"),
    ("2004-02-01/2005-02-08", "2004-02-01", "2005-02-08"),
    ("2004-02-01/2005-02", "2004-02-01", "2005-02-28"),
    ("2004-02-01/2005", "2004-02-01", "2005-12-31"),
    ("2005/2006-02", "2005-01-01", "2006-02-28"),
    ("-2005/-1999-02", "-2005-01-01", "-1999-02-28"),
    ("1984?", "1984-01-01", "1984-12-31"),
    ("2004-06-11?", "2004-06-11", "2004-06-11"),
    ("2004-06?", "2004-06-01", "2004-06-30"),
    ("1984~", "1984-01-01", "1984-12-31"),
    ("1984%", "1984-01-01", "1984-12-31"),
    ("199X", "1990-01-01", "1999-12-31"),
    ("19XX", "1900-01-01", "1999-12-31"),
    ("1999-XX", "1999-01-01", "1999-12-31"),
    ("1999-01-XX", "1999-01-01", "1999-01-31"),
    ("1999-XX-XX", "1999-01-01", "1999-12-31"),
    ("-01XX", "-0199-01-01", "-0100-12-31"),
    ("-0275~", "-0275-01-01", "-0275-12-31"),
    ("-0001~", "-0001-01-01", "-0001-12-31"),
    ("0000~", "0000-01-01", "0000-12-31"),
    ("16XX~", "1600-01-01", "1699-12-31"),
    ("16XX%", "1600-01-01", "1699-12-31"),
    ("1XXX", "1000-01-01", "1999-12-31"),
    ("1XXX~", "1000-01-01", "1999-12-31"),
    ("156X~", "1560-01-01", "1569-12-31"),
    ("-01XX~", "-0199-01-01", "-0100-12-31"),
    ("/2006", "-inf", "2006-12-31"),
    ("2004-06-01/", "2004-06-01", "inf"),
    ("../2006", "-inf", "2006-12-31"),
    ("2004-01-01/..", "2004-01-01", "inf"),
    ("1984~/2004-06", "1984-01-01", "2004-06-30"),
    ("1984/2004-06~", "1984-01-01", "2004-06-30"),
    ("1984?/2004%", "1984-01-01", "2004-12-31"),
    ("1984~/2004~", "1984-01-01", "2004-12-31"),
    ("1984-06?/2004-08?", "1984-06-01", "2004-08-31"),
    ("1984-06-02?/2004-08-08~", "1984-06-02", "2004-08-08"),
    ("1984-06-02?/", "1984-06-02", "inf"),
    ("Y170000002", "170000002-01-01", "170000002-12-31"),
    ("Y-170000002", "-170000002-01-01", "-170000002-12-31"),
    ("2001-21", "2001-03-01", "2001-05-31"),
    ("2003-22", "2003-06-01", "2003-08-31"),
    ("2000-23", "2000-09-01", "2000-11-30"),
    ("2010-24", "2010-12-01", "2011-02-28"),
    ("2004-06-11%", "2004-06-11", "2004-06-11"),
    ("2004?-06-11", "2004-06-11", "2004-06-11"),
    ("2004-06~-11", "2004-06-11", "2004-06-11"),
    ("2004-06-~11", "2004-06-11", "2004-06-11"),
    ("2004-%06", "2004-06-01", "2004-06-30"),
    ("2004-?06-?11", "2004-06-11", "2004-06-11"),
    ("2004?-06-~11", "2004-06-11", "2004-06-11"),
    ("?2004-%06", "2004-06-01", "2004-06-30"),
    ("2004?-%06", "2004-06-01", "2004-06-30"),
    ("2004?-~06-~04", "2004-06-04", "2004-06-04"),
    ("2011-~06-~04", "2011-06-04", "2011-06-04"),
    ("156X-12-25", "1560-12-25", "1569-12-25"),
    ("15XX-12-25", "1500-12-25", "1599-12-25"),
    ("1560-XX-25", "1560-01-25", "1560-12-25"),
    ("15XX-12-XX", "1500-12-01", "1599-12-31"),
    ("XXXX-XX-23", "0000-01-23", "9999-12-23"),
    ("[1667, 1668, 1670..1672]", "1667-01-01", "1672-12-31"),
    ("[..1760-12-03]", "-inf", "1760-12-03"),
    ("[1760-12..]", "1760-12-01", "inf"),
    ("[1760-01, 1760-02, 1760-12..]", "1760-01-01", "inf"),
    ("[1667, 1760-12]", "1667-01-01", "1760-12-31"),
    ("{1667,1668, 1670..1672}", "1667-01-01", "1672-12-31"),
    ("{1960, 1961-12}", "1960-01-01", "1961-12-31"),
    ("196X", "1960-01-01", "1969-12-31"),
    ("19XX", "1900-01-01", "1999-12-31"),
    ("2004-06-~01/2004-06-~20", "2004-06-01", "2004-06-20"),
    ("2004-06-XX/2004-07-03", "2004-06-01", "2004-07-03"),
    ("Y17E7", "170000000-01-01", "170000000-12-31"),
    ("Y-17E7", "-170000000-01-01", "-170000000-12-31"),
    ("1950S2", "1900-01-01", "1999-12-31"),
    ("1953S2", "1900-01-01", "1999-12-31"),
    ("1953S3", "1950-01-01", "1959-12-31"),
    ("Y17101E4S3", "171000000-01-01", "171999999-12-31"),
    ("Y3388E2S3", "338000-01-01", "338999-12-31"),
    ("Y171010000S3", "171000000-01-01", "171999999-12-31"),
    ("2001-29", "2001-09-01", "2001-11-30"),
    ("2001-34", "2001-04-01", "2001-06-30"),
]


def day_bounds(when: When) -> tuple[str, str]:
    """The first and last day a value may cover, as ISO text of any year; infinities for open ends."""

    def iso(ymd: object) -> str:
        assert isinstance(ymd, tuple)
        year, month, day = ymd
        return f"{'-' if year < 0 else ''}{abs(year):04d}-{month:02d}-{day:02d}"

    start, end = when.start, when.end
    first = "-inf" if start is None else iso(start._fields[PartialDate._LODAY])
    last = "inf" if end is None else iso(end._fields[PartialDate._HIDAY])
    return first, last


class TestEdtfExamples:
    @pytest.mark.parametrize(("text", "first", "last"), EDTF_EXAMPLES)
    def test_parses_and_prints_back(self, text: str, first: str, last: str) -> None:
        """Each example parses and prints back exactly as written."""
        assert text == str(When(text))

    @pytest.mark.parametrize(("text", "first", "last"), EDTF_EXAMPLES)
    def test_bounds(self, text: str, first: str, last: str) -> None:
        """Each example covers the days its text means."""
        assert (first, last) == day_bounds(When(text))

    @pytest.mark.parametrize(
        ("text", "uncertain", "approximate"),
        [
            ("2004", False, False),
            ("2004-06-11?", True, False),
            ("1984~/2004-06", False, True),
            ("2004-%06", True, True),
            ("2004?-~06-~04", True, True),
            ("2004?-06-04", True, False),
            ("2011-~06-~04", False, True),
            ("2004-06-~01/2004-06-~20", False, True),
            ("156X~", False, True),
            ("?1945/1959", True, False),
            ("~1945-01", False, True),
            ("%1945-01-01", True, True),
        ],
    )
    def test_date_level_flags(self, text: str, uncertain: bool, approximate: bool) -> None:
        """The date-level flags are true when any component of any end has the qualifier."""
        when = When(text)

        assert (uncertain, approximate) == (when.uncertain, when.approximate)


class TestComponentQualifiers:
    @pytest.mark.parametrize(
        ("text", "year", "month", "day"),
        [
            ("2004?-06-11", "?", None, None),
            ("2004-06~-11", "~", "~", None),
            ("2004-06-~11", None, None, "~"),
            ("?2004-06-~11", "?", None, "~"),
            ("2004-%06-11", None, "%", None),
            ("2004-?06-?11", None, "?", "?"),
            ("?2004-%06", "?", "%", None),
            ("2004?-%06", "?", "%", None),
            ("2004?-~06-~04", "?", "~", "~"),
            ("2004?-06~", "%", "~", None),
            ("2004-06-11%", "%", "%", "%"),
            ("2004-06?", "?", "?", None),
            ("2004~", "~", None, None),
            ("2004-06-11", None, None, None),
            ("?XXXX-06-~XX", "?", None, "~"),
            ("~-0044-03-15", "~", None, None),
            ("2004?-21", "?", None, None),
            ("2021-W22?", "?", None, None),
            ("2021-06-07T10:00~", "~", "~", "~"),
        ],
    )
    def test_qualifier_of_each_component(self, text: str, year: str | None, month: str | None, day: str | None) -> None:
        """Right of a component a mark reaches leftwards, left of it only that component, at the end all."""
        point = When(text).start
        assert point is not None

        assert (year, month, day) == tuple(point.qualifier_of(name) for name in ("year", "month", "day"))

    def test_interval_ends_keep_their_own(self) -> None:
        """Each end of an interval keeps its own component qualifiers; the bounds do not move."""
        when = When("2004-06-~01/2004-06-~20")
        assert when.start is not None
        assert when.end is not None

        assert ("~", "~") == (when.start.qualifier_of("day"), when.end.qualifier_of("day"))
        assert (date(2004, 6, 1), date(2004, 6, 20)) == (when.earliest(), when.latest())

    def test_unknown_component_name_is_refused(self) -> None:
        """Only year, month and day are components."""
        point = When("2004-06-11").start
        assert point is not None

        with pytest.raises(ValueError, match="'week'"):
            point.qualifier_of("week")

    @pytest.mark.parametrize("text", ["2004?-06-11", "?2004-06", "2004-06-~11", "2004-%06"])
    def test_bounds_do_not_move(self, text: str) -> None:
        """A component qualifier records doubt; the value covers the same days as without it."""
        plain = text.replace("?", "").replace("~", "").replace("%", "")

        assert When(plain).key()[:2] == When(text).key()[:2]

    @given(partial_date_texts())
    def test_flags_agree_with_components(self, text: str) -> None:
        """A date is approximate (uncertain) exactly when some component is."""
        point = When(text).start
        assert point is not None
        marks = {point.qualifier_of(name) for name in ("year", "month", "day")}

        assert point.approximate == bool(marks & {"~", "%"})
        assert point.uncertain == bool(marks & {"?", "%"})


class TestSets:
    @pytest.mark.parametrize(
        ("text", "members"),
        [
            ("[1667,1668,1670..1672]", ["1667", "1668", "1670/1672"]),
            ("[1667, 1668, 1670..1672]", ["1667", "1668", "1670/1672"]),
            ("{1960, 1961-12}", ["1960", "1961-12"]),
            ("[..1760-12-03]", ["../1760-12-03"]),
            ("[1760-12..]", ["1760-12/.."]),
            ("[1760-01, 1760-02, 1760-12..]", ["1760-01", "1760-02", "1760-12/.."]),
            (
                "{..1983-12-31,1984-10-10..1984-11-01,1984-11-05..}",
                ["../1983-12-31", "1984-10-10/1984-11-01", "1984-11-05/.."],
            ),
            ("[2004?-06-~11,2005~]", ["2004?-06-~11", "2005~"]),
            ("[2021-06-07T10:00Z,2021-06-08]", ["2021-06-07T10:00Z", "2021-06-08"]),
        ],
    )
    def test_members(self, text: str, members: list[str]) -> None:
        """Members come back as When values in written order; ranges and open ends as intervals."""
        assert [When(m) for m in members] == list(When(text).members())

    def test_kinds(self) -> None:
        """Both brackets make a set; only braces make it "all of"; neither is an interval."""
        one, every, plain = When("[1667,1668]"), When("{1667,1668}"), When("1667/1668")

        assert (True, False, False) == (one.is_set, one.all_of, one.is_interval)
        assert (True, True, False) == (every.is_set, every.all_of, every.is_interval)
        assert (False, False, True) == (plain.is_set, plain.all_of, plain.is_interval)
        assert (plain,) == plain.members()

    @pytest.mark.parametrize(
        ("text", "first", "last"),
        [
            ("[1672,1667]", date(1667, 1, 1), date(1672, 12, 31)),
            ("{1960,1961-12}", date(1960, 1, 1), date(1961, 12, 31)),
            ("[..1760-12-03]", None, date(1760, 12, 3)),
            ("[1760-12..]", date(1760, 12, 1), None),
            ("[2021-21,2021-06-01]", date(2021, 3, 1), date(2021, 6, 1)),
        ],
    )
    def test_bounds_are_the_outer_members(self, text: str, first: date | None, last: date | None) -> None:
        """The earliest member's first day and the latest member's last; open ends give None."""
        when = When(text)

        assert (first, last) == (when.earliest(), when.latest())

    def test_open_ends(self) -> None:
        """An open first or last member makes the set's start or end open."""
        assert (True, False) == (When("[..1760]").start_open, When("[..1760]").end_open)
        assert (False, True) == (When("[1760..]").start_open, When("[1760..]").end_open)
        assert When("[..1760]").date_span() is None

    def test_date_span(self) -> None:
        """A calendar shows the days from the first bound to the last."""
        assert (date(1667, 1, 1), date(1673, 1, 1)) == When("[1667,1670..1672]").date_span()

    def test_flags_from_members(self) -> None:
        """Precision is the coarsest member's; the flags are true when any member's is."""
        when = When("[2021-06-07,196X,2004~]")

        assert Precision.YEAR == when.precision
        assert (True, True, False) == (when.approximate, when.unspecified, when.uncertain)

    def test_overlaps_goes_member_by_member(self) -> None:
        """A set overlaps what one of its members overlaps, never a gap between them."""
        when = When("[1667,1670..1672]")

        assert (False, True, True) == (
            when.overlaps(When("1668")),
            when.overlaps(When("1671-06")),
            When("1671-06").overlaps(when),
        )

    def test_within_every_member(self) -> None:
        """A set is within a value when each member is; within a set, when inside one member."""
        assert When("{1667,1668}").within(When("1660/1669"))
        assert not When("{1667,1680}").within(When("1660/1669"))
        assert When("1667-05").within(When("[1667,1680]"))
        assert not When("1670").within(When("[1667,1680]"))

    def test_mixed_floating_and_offset_members_refused(self) -> None:
        """A set cannot compare local times with UTC instants."""
        with pytest.raises(ParseError, match="floating"):
            When("[2021-06-07T10:00Z,2021-06-08T10:00]")

    def test_member_error_names_the_set(self) -> None:
        """A bad member's message quotes the whole set."""
        with pytest.raises(ParseError, match=r"^'\[2021-02-30\]' .*day 30 does not exist"):
            When("[2021-02-30]")

    def test_pickles(self) -> None:
        """A set survives pickling with its members."""
        when = When("[1667,1670..1672]")

        assert when.members() == pickle.loads(pickle.dumps(when)).members()  # noqa: S301 - bytes we just wrote

    @given(st.lists(whens(), min_size=1, max_size=4))
    def test_order_is_total_with_sets(self, values: list[When]) -> None:
        """Sorting values that include sets gives one order, whatever order they came in."""
        shuffled = values[::-1]

        assert sorted(values) == sorted(shuffled)


class TestCorrections:
    @pytest.mark.parametrize(("text", "last_year"), [("-000X", -1), ("-XXXX", -1), ("-XXXX-02-29", -4), ("-00X1", -1)])
    def test_negative_masks_stop_before_year_zero(self, text: str, last_year: int) -> None:
        """A negative X-masked year never reaches year 0, which has no sign."""
        assert last_year == When(text).end._fields[PartialDate._HIDAY][0]  # type: ignore[index, union-attr]

    def test_negative_zero_offset_message(self) -> None:
        """-00:00 is refused with a message saying that zero takes '+'."""
        with pytest.raises(ParseError, match=r"\+00:00 or Z, not -00:00"):
            When("2021-06-07T10:00-00:00")

    def test_long_year_message_says_unsupported(self) -> None:
        """A 'Y' year beyond 30 digits is valid EDTF that timeline does not support, and says so."""
        with pytest.raises(ParseError, match=r"^'Y1{31}' is valid EDTF, but its year is beyond what timeline supports"):
            When("Y" + "1" * 31)

    def test_long_input_quoted_short(self) -> None:
        """A long input is quoted by its first 100 characters and its length."""
        text = "[" + "1667," * 1000

        with pytest.raises(ParseError) as info:
            When(text)

        message = str(info.value)
        assert message.startswith(repr(text[:100]) + "... (5001 characters)")
        assert len(message) < 300
