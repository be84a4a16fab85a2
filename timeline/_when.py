"""Partial dates, intervals and sets in EDTF (ISO 8601-2), their bounds and order.

A :class:`When` is one :class:`PartialDate`, an interval of two, either end
of which may be unknown (empty) or open (``..``), or a set of them (``[a,b]``
one of, ``{a,b}`` all of). Every value keeps the exact
text it was parsed from, which is its canonical form, and knows its inclusive
bounds as plain tuples so that sorting never builds a ``datetime``.

Keys are integers: microseconds since 0000-12-31T00:00 UTC (day 0 of
``date.toordinal``) on the proleptic Gregorian calendar (astronomical years, so they go below zero too). A day
spans from its first to its last microsecond, an instant is one value, and
an unknown or open end is minus or plus infinity. Integers compare fast and
work for years of any size.
"""

from __future__ import annotations

import enum
import functools
import itertools
import math
import re
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Final, NoReturn

from timeline.errors import OutOfRangeError, ParseError

__all__ = ["PartialDate", "Precision", "When"]

Key = int | float  # float only for the infinities

_NEG_INF: Final[Key] = -math.inf
_POS_INF: Final[Key] = math.inf
_DAY_US: Final = 86_400_000_000
_LAST_US: Final = _DAY_US - 1  # a day's last microsecond, from its first
# date(1970, 1, 1).toordinal(): shifts days_from_civil (epoch 1970) to date's ordinals.
_ORDINAL_1970: Final = 719_163
_MAX_ORDINAL: Final = date.max.toordinal()
# Far beyond any use (the universe is about 1.4e10 years old) and far below
# what would let hostile text cost time or memory.
_MAX_YEAR_DIGITS: Final = 30
_DAYS_IN_MONTH: Final = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


class Precision(enum.IntEnum):
    """How much of a date is known, from coarsest to finest.

    Members compare by fineness: ``Precision.YEAR < Precision.DAY``.
    """

    YEAR = 0
    SEASON = 1
    MONTH = 2
    WEEK = 3
    DAY = 4
    MINUTE = 5
    SECOND = 6

    def __repr__(self) -> str:
        return f"Precision.{self.name}"

    def __str__(self) -> str:
        return self.name.lower()


# Sub-year groupings of ISO 8601-2: code -> (first month, last month); a last
# month below the first one falls in the following year.
_GROUPINGS: Final[dict[int, tuple[int, int]]] = {
    21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 2),  # seasons, northern hemisphere
    25: (3, 5), 26: (6, 8), 27: (9, 11), 28: (12, 2),  # same, spelled out (level 2)
    29: (9, 11), 30: (12, 2), 31: (3, 5), 32: (6, 8),  # seasons, southern hemisphere
    33: (1, 3), 34: (4, 6), 35: (7, 9), 36: (10, 12),  # quarters
    37: (1, 4), 38: (5, 8), 39: (9, 12),  # quadrimesters
    40: (1, 6), 41: (7, 12),  # semesters
}  # fmt: skip

_POINT_RE: Final = re.compile(
    r"""
    (?:
        (?P<yq0>[?~%])?(?P<neg>-)?(?P<year>[0-9X]{4})(?:S(?P<sig>[0-9]{1,3}))?
      | Y(?P<yneg>-)?(?P<ylong>[0-9]+)(?:E(?P<yexp>[0-9]+))?(?:S(?P<ysig>[0-9]{1,3}))?
    )
    (?:
        -W(?P<week>[0-9]{2})
      | (?P<yq2>[?~%])?-(?P<mq0>[?~%])?(?P<month>[0-9X]{2})
        (?:(?P<mq1>[?~%])?-(?P<dq0>[?~%])?(?P<day>[0-9X]{2})
            (?:T(?P<hour>[0-9]{2}):(?P<minute>[0-9]{2})
                (?::(?P<second>[0-9]{2})(?:\.(?P<frac>[0-9]{1,6}))?)?
                (?P<tz>Z|[+-][0-9]{2}(?::[0-9]{2})?)?
            )?
        )?
    )?
    (?P<q>[?~%])?
    """,
    re.VERBOSE,
)
# The common case, a plain calendar date, skips the general grammar.
_PLAIN_RE: Final = re.compile(r"([0-9]{4})(?:-(0[1-9]|1[0-2]|2[1-9]|3[0-9]|4[01])(?:-([0-9]{2}))?)?([?~%])?")
_LOOSE_RE: Final = re.compile(r"-?[0-9]+(?:-[0-9]+)*")
# ISO date-times as calendars and databases write them, and intervals of two,
# also skip it: one match and a little arithmetic instead of the grammar.
_DATETIME_RE: Final = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?(Z|[+-][0-9]{2}:[0-9]{2})?"
)

_QUALIFIERS: Final = {None: (False, False), "~": (True, False), "?": (False, True), "%": (True, True)}


def _is_leap(year: int) -> bool:
    # Astronomical numbering: year 0 is 1 BCE and a leap year, as ISO 8601 has it.
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_in_month(year: int, month: int) -> int:
    if month == 2 and _is_leap(year):
        return 29
    return _DAYS_IN_MONTH[month]


def _ordinal(year: int, month: int, day: int) -> int:
    """Day number with 0001-01-01 as 1, like date.toordinal, for any year."""
    if 1 <= year <= 9999:
        return date(year, month, day).toordinal()
    # Howard Hinnant's days_from_civil; floor division keeps it right below zero.
    year -= month <= 2
    era = year // 400
    year_of_era = year - era * 400
    day_of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146_097 + day_of_era - 719_468 + _ORDINAL_1970


def _civil(ordinal: int) -> tuple[int, int, int]:
    """The (year, month, day) of a day number, the inverse of _ordinal, for any year."""
    if 1 <= ordinal <= _MAX_ORDINAL:
        found = date.fromordinal(ordinal)
        return found.year, found.month, found.day
    # Howard Hinnant's civil_from_days.
    days = ordinal - _ORDINAL_1970 + 719_468
    era = days // 146_097
    day_of_era = days - era * 146_097
    year_of_era = (day_of_era - day_of_era // 1460 + day_of_era // 36_524 - day_of_era // 146_096) // 365
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    shifted_month = (5 * day_of_year + 2) // 153
    day = day_of_year - (153 * shifted_month + 2) // 5 + 1
    month = shifted_month + (3 if shifted_month < 10 else -9)
    return year_of_era + era * 400 + (month <= 2), month, day


# Zone offsets by day: (zone, day number, wall clock?) -> microseconds, or
# None for a day on which the offset changes. Sorting and writing events
# in zones moves every bound between wall clocks; datetime.astimezone
# costs more than the rest of an event's sort key, and a calendar's events
# fall on a few thousand days. A day whose offset is the same at its first
# microsecond, noon and its last one keeps that offset all day (zones
# change theirs months apart); the others, two a year, go the long way.
# Bounded, so that a file of a million days cannot grow it forever.
_OFFSETS: dict[tuple[tzinfo, int, bool], int | None] = {}
_OFFSETS_LIMIT: Final = 100_000
_PROBES: Final = (timedelta(0), timedelta(hours=12), timedelta(days=1, microseconds=-1))


def _day_offset(zone: tzinfo, ordinal: int, wall: bool) -> int | None:
    """``zone``'s UTC offset in microseconds all through day ``ordinal`` (on its wall clock, else UTC's)."""
    entry = (zone, ordinal, wall)
    if entry in _OFFSETS:
        return _OFFSETS[entry]
    if len(_OFFSETS) >= _OFFSETS_LIMIT:
        _OFFSETS.clear()
    midnight = datetime.fromordinal(ordinal)
    try:
        if wall:  # what astimezone reads for a wall-clock time: utcoffset with fold=0
            offsets = {(midnight + probe).replace(tzinfo=zone).utcoffset() for probe in _PROBES}
        else:
            offsets = {(midnight + probe).replace(tzinfo=UTC).astimezone(zone).utcoffset() for probe in _PROBES}
    except OverflowError:  # near year 1 or 9999: the long way says what to do
        offsets = set()
    found = offsets.pop() if len(offsets) == 1 else None
    offset = None if found is None else found // _ONE_US
    _OFFSETS[entry] = offset
    return offset


# The same offsets by zone name, for the wall clock only: day number ->
# microseconds, uniform days only. Sorting an event in its own zone onto
# UTC's clock looks its two days up here with no tuple to hash and no call
# (see Timeline._order_key); a miss goes through _wall_offset, which asks
# _day_offset and keeps what it says when the offset holds all day. Days
# on which the offset changes are never kept, so they take the long way,
# as in _shift. Bounded like _OFFSETS.
_WALL_DAYS: dict[str, dict[int, int]] = {}
_wall_days_kept = 0


def _wall_offset(name: str, zone: tzinfo, ordinal: int) -> int | None:
    """``zone``'s offset all through wall-clock day ``ordinal``, kept under ``name``; None if it changes that day."""
    global _wall_days_kept  # noqa: PLW0603 - one counter for the bound
    if not 3 <= ordinal < _MAX_ORDINAL - 2:
        return None
    offset = _day_offset(zone, ordinal, True)
    if offset is not None:
        if _wall_days_kept >= _OFFSETS_LIMIT:
            _WALL_DAYS.clear()
            _wall_days_kept = 0
        _WALL_DAYS.setdefault(name, {})[ordinal] = offset
        _wall_days_kept += 1
    return offset


def _wall_to_utc(key: Key, name: str, zone: tzinfo) -> Key:
    """``key`` on zone ``name``'s wall clock moved to UTC's: ``_shift(key, zone, None)``, through _WALL_DAYS."""
    if type(key) is not int:
        return key
    days = _WALL_DAYS.get(name)
    offset = None if days is None else days.get(key // _DAY_US)
    if offset is None:
        offset = _wall_offset(name, zone, key // _DAY_US)
        if offset is None:
            return _shift(key, zone, None)
    return key - offset


def _shift(key: Key, source: tzinfo | None, target: tzinfo | None) -> Key:
    """Move a key from ``source``'s wall clock to ``target``'s (either UTC when None)."""
    if not isinstance(key, int):
        return key
    if 3 * _DAY_US <= key < (_MAX_ORDINAL - 2) * _DAY_US:  # away from the ends: no overflow either way
        utc: int | None = key
        if source is not None:
            offset = _day_offset(source, key // _DAY_US, True)
            utc = None if offset is None else key - offset
        if utc is not None:
            if target is None:
                return utc
            offset = _day_offset(target, utc // _DAY_US, False)
            if offset is not None:
                return utc + offset
    ordinal, micro = divmod(key, _DAY_US)
    if not 1 <= ordinal <= _MAX_ORDINAL:
        return key  # beyond what zone rules cover; the wall clock is the best we have
    local = (datetime.fromordinal(ordinal) + timedelta(microseconds=micro)).replace(tzinfo=source or UTC)
    try:
        moved = local.astimezone(target or UTC)
    except OverflowError:
        return key
    return (
        moved.toordinal() * _DAY_US
        + ((moved.hour * 60 + moved.minute) * 60 + moved.second) * 1_000_000
        + (moved.microsecond)
    )


def _day_keys(lo: tuple[int, int, int], hi: tuple[int, int, int]) -> tuple[int, int]:
    """Keys of the first microsecond of day ``lo`` and the last of day ``hi``."""
    first = _ordinal(*lo) * _DAY_US
    if lo == hi:
        return first, first + _DAY_US - 1
    return first, (_ordinal(*hi) + 1) * _DAY_US - 1


def _instant_key(
    year: int, month: int, day: int, hour: int, minute: int, second: int, micro: int, offset_us: int
) -> int:
    return _ordinal(year, month, day) * _DAY_US + ((hour * 60 + minute) * 60 + second) * 1_000_000 + micro - offset_us


_QUOTE_LIMIT: Final = 100


def _quote(text: str) -> str:
    """``text`` quoted with !r, cut to its first 100 characters so a huge input gives a short message."""
    if len(text) <= _QUOTE_LIMIT:
        return repr(text)
    return f"{text[:_QUOTE_LIMIT]!r}... ({len(text)} characters)"


def _fail(text: str, why: str) -> NoReturn:
    raise ParseError(f"{_quote(text)} is not a valid EDTF date: {why}")


def _explain(text: str) -> str:
    """Say why ``text`` does not match the grammar at all, as best we can."""
    if not text:
        return "it is empty"
    if text != text.strip():
        return "it has leading or trailing spaces"
    if _LOOSE_RE.fullmatch(text):
        parts = text.lstrip("-").split("-")
        if len(parts[0]) != 4:
            return "a year has four digits (use a 'Y' prefix for longer years)"
        if len(parts) > 3:
            return "it has too many parts"
        return "month and day have two digits each, as in 2021-06-06"
    return "expected a form such as 2021, 2021-06, 2021-06-06, 2021-06-06T10:00, 2021-21 or 2019~"


def _mask_values(text: str, mask: str, lowest: int, highest: int, what: str) -> list[int]:
    """Return, ascending, every number in [lowest, highest] that ``mask`` allows."""
    if "X" not in mask:
        value = int(mask)
        if not lowest <= value <= highest:
            _fail(text, f"{what} {mask} is out of range")
        return [value]
    choices = ["0123456789" if ch == "X" else ch for ch in mask]
    # Fixed-width digit strings in lexicographic order are in numeric order too.
    values = [int("".join(digits)) for digits in itertools.product(*choices)]
    values = [v for v in values if lowest <= v <= highest]
    if not values:
        _fail(text, f"no {what} matches {mask}")
    return values


def _significant_bounds(year: int, significant: int, text: str) -> tuple[int, int]:
    digits = len(str(abs(year)))
    if not 1 <= significant <= digits:
        _fail(text, f"{significant} significant digits do not fit a {digits}-digit year")
    unit = 10 ** (digits - significant)
    low = abs(year) // unit * unit
    high = low + unit - 1
    return (-high, -low) if year < 0 else (low, high)


class _PartialDateSlots:
    # Construction fills a plain slotted object, then turns it into the frozen
    # subclass: a quarter of the cost of object.__setattr__ per field, which
    # matters when parsing hundreds of thousands of dates.
    __slots__ = ("_fields", "_hi", "_lo", "text")

    text: str
    _fields: tuple[object, ...]
    _lo: Key
    _hi: Key


class PartialDate(_PartialDateSlots):
    """One EDTF date or date-time, possibly partial, qualified or unspecified.

    Instances come from :meth:`When.parse`; read them through ``When.start``
    and ``When.end``. They are immutable, hashable and equal when their text
    is equal.

    >>> d = When.parse("1985-04-XX?").start
    >>> d.precision, d.year, d.month, d.day, d.uncertain, d.unspecified
    (Precision.DAY, 1985, 4, None, True, True)
    >>> d.earliest(), d.latest()
    (datetime.date(1985, 4, 1), datetime.date(1985, 4, 30))
    """

    __slots__ = ()

    # Positions in _fields; a tuple keeps construction cheap on the hot path.
    _PRECISION, _YEAR, _MONTH, _DAY, _SEASON, _WEEK = 0, 1, 2, 3, 4, 5
    _TIME, _OFFSET, _QUAL, _UNSPEC, _SIG, _LODAY, _HIDAY, _QUALS = 6, 7, 8, 9, 10, 11, 12, 13

    def __new__(cls, text: str) -> PartialDate:
        """Parse one EDTF date or date-time (no interval)."""
        if not isinstance(text, str):
            raise ParseError(f"an EDTF date must be text, got {text!r}")
        return _parse_point(text, text)

    @classmethod
    def _make(cls, text: str, fields: tuple[object, ...], lo: Key, hi: Key) -> PartialDate:
        self = object.__new__(_PartialDateSlots)
        self.text = text
        self._fields = fields
        self._lo = lo
        self._hi = hi
        self.__class__ = cls
        return self  # type: ignore[return-value]

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __repr__(self) -> str:
        return f"PartialDate({self.text!r})"

    def __str__(self) -> str:
        return self.text

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PartialDate):
            return self.text == other.text
        return NotImplemented

    def __hash__(self) -> int:
        return hash(("PartialDate", self.text))

    def __reduce__(self) -> tuple[object, ...]:
        return (PartialDate, (self.text,))

    @property
    def precision(self) -> Precision:
        """How much is known: year, season, month, week, day, minute or second."""
        value = self._fields[self._PRECISION]
        assert isinstance(value, Precision)
        return value

    @property
    def year(self) -> int | None:
        """The year, or None when any of its digits is unspecified (``201X``)."""
        return self._int(self._YEAR)

    @property
    def month(self) -> int | None:
        """The month 1-12, or None when not given or unspecified."""
        return self._int(self._MONTH)

    @property
    def day(self) -> int | None:
        """The day of the month, or None when not given or unspecified."""
        return self._int(self._DAY)

    @property
    def season(self) -> int | None:
        """The sub-year grouping code (21 spring ... 41 second semester), if any."""
        return self._int(self._SEASON)

    @property
    def week(self) -> int | None:
        """The ISO week number, for ``2021-W22``."""
        return self._int(self._WEEK)

    @property
    def time(self) -> tuple[int, int, int, int] | None:
        """Hour, minute, second and microsecond of a timed value, else None."""
        value = self._fields[self._TIME]
        return value if isinstance(value, tuple) else None

    @property
    def utc_offset(self) -> timedelta | None:
        """The UTC offset written in the text (``Z`` is zero); None if floating or untimed."""
        value = self._fields[self._OFFSET]
        return value if isinstance(value, timedelta) else None

    @property
    def approximate(self) -> bool:
        """True for ``~`` and ``%``."""
        return self._fields[self._QUAL] in ("~", "%")

    @property
    def uncertain(self) -> bool:
        """True for ``?`` and ``%``."""
        return self._fields[self._QUAL] in ("?", "%")

    def qualifier_of(self, component: str) -> str | None:
        """The qualifier of one component: ``"?"``, ``"~"``, ``"%"`` or None.

        ``component`` is ``"year"``, ``"month"`` or ``"day"``. A qualifier at
        the end of the text applies to every component; level 2 marks apply
        as EDTF says: right of a component to it and all on its left, left of
        a component to it alone. A component the value does not have gives
        None.

        >>> d = When("2004?-06-~11").start
        >>> d.qualifier_of("year"), d.qualifier_of("month"), d.qualifier_of("day")
        ('?', None, '~')
        >>> d.uncertain, d.approximate
        (True, True)
        >>> When("2004-06~").start.qualifier_of("year")
        '~'

        Raises:
            ValueError: ``component`` is not one of the three names.
        """
        try:
            index = ("year", "month", "day").index(component)
        except ValueError:
            raise ValueError(f"component must be 'year', 'month' or 'day', got {component!r}") from None
        quals = self._fields[self._QUALS]
        if isinstance(quals, tuple):
            value = quals[index]
            assert value is None or isinstance(value, str)
            return value
        qual = self._fields[self._QUAL]
        assert qual is None or isinstance(qual, str)
        precision = self.precision
        present = (True, precision is Precision.MONTH or precision >= Precision.DAY, precision >= Precision.DAY)
        return qual if present[index] else None

    @property
    def unspecified(self) -> bool:
        """True when some digit is ``X`` or only significant digits are known."""
        return bool(self._fields[self._UNSPEC]) or self._fields[self._SIG] is not None

    @property
    def significant_digits(self) -> int | None:
        """The ``S`` count of ``1950S2``, if given."""
        return self._int(self._SIG)

    @property
    def timed(self) -> bool:
        """True when a time of day is given."""
        return self._fields[self._TIME] is not None

    @property
    def floating(self) -> bool:
        """True for a time of day without a UTC offset (local to some zone)."""
        return self.timed and self._fields[self._OFFSET] is None

    def _int(self, index: int) -> int | None:
        value = self._fields[index]
        return value if isinstance(value, int) else None

    def earliest(self) -> date | datetime:
        """The first day (or the instant) this value may denote.

        Raises:
            OutOfRangeError: the year lies outside 1-9999.
        """
        return self._bound(self._LODAY)

    def latest(self) -> date | datetime:
        """The last day (or the instant) this value may denote, inclusive.

        Raises:
            OutOfRangeError: the year lies outside 1-9999.
        """
        return self._bound(self._HIDAY)

    def _bound(self, index: int) -> date | datetime:
        ymd = self._fields[index]
        assert isinstance(ymd, tuple)
        year, month, day = ymd
        if not 1 <= year <= 9999:
            raise OutOfRangeError(f"{self.text!r} reaches year {year}, outside the years 1-9999 a date can hold")
        time = self.time
        if time is None:
            return date(year, month, day)
        offset = self.utc_offset
        zone = None if offset is None else (UTC if not offset else timezone(offset))
        return datetime(year, month, day, *time, tzinfo=zone)

    def _key_at(self, lo: bool, zone: tzinfo | None, view: tzinfo | None) -> Key:
        """The bound as a key on ``view``'s wall clock (UTC when None).

        A time with a UTC offset is an instant and moves to ``view``'s wall
        clock. A date or a floating time is wall-clock time in ``zone``
        (UTC when None) and moves only when ``zone`` is not ``view``.
        """
        key = self._lo if lo else self._hi
        if self._fields[self._OFFSET] is not None:
            return key if view is None else _shift(key, None, view)
        if zone == view:
            return key
        return _shift(key, zone, view)


def _parse_point(text: str, whole: str) -> PartialDate:
    """Parse one date of an interval; ``whole`` is the full text for messages."""
    plain = _PLAIN_RE.fullmatch(text)
    if plain is not None:
        return _parse_plain(text, whole, plain)
    return _parse_general(text, whole)


def _plain_bounds(
    whole: str, plain: re.Match[str]
) -> tuple[tuple[int, int, int], tuple[int, int, int], Precision, int | None, int | None]:
    """Check YYYY, YYYY-MM, YYYY-SS or YYYY-MM-DD, maybe qualified.

    Returns the first and last day, the precision, the month (or season code) and the day.
    """
    year_text, month_text, day_text, _ = plain.groups()
    year = int(year_text)
    if month_text is None:
        return (year, 1, 1), (year, 12, 31), Precision.YEAR, None, None
    month = int(month_text)
    if month > 12:
        if day_text is not None:
            _fail(whole, "a season has no day")
        first_month, last_month = _GROUPINGS[month]
        end_year = year + (last_month < first_month)
        last = (end_year, last_month, _days_in_month(end_year, last_month))
        return (year, first_month, 1), last, Precision.SEASON, month, None
    if day_text is None:
        return (year, month, 1), (year, month, _days_in_month(year, month)), Precision.MONTH, month, None
    day = int(day_text)
    if not 1 <= day <= _days_in_month(year, month):
        _fail(whole, f"day {day_text} does not exist in {year_text}-{month_text}")
    return (year, month, day), (year, month, day), Precision.DAY, month, day


def _parse_plain(text: str, whole: str, plain: re.Match[str]) -> PartialDate:
    """The common case, YYYY, YYYY-MM or YYYY-MM-DD, maybe qualified, without the general grammar."""
    lo_ymd, hi_ymd, precision, month, day = _plain_bounds(whole, plain)
    season = None
    if precision is Precision.SEASON:
        season, month = month, None
    fields: tuple[object, ...] = (
        precision, lo_ymd[0], month, day, season, None, None, None, plain[4], False, None, lo_ymd, hi_ymd, None,
    )  # fmt: skip
    return PartialDate._make(text, fields, *_day_keys(lo_ymd, hi_ymd))


def _parse_general(text: str, whole: str) -> PartialDate:
    m = _POINT_RE.fullmatch(text)
    if m is None:
        _fail(whole, _explain(text))
    # One tuple unpack instead of a method call per group read.
    (g_yq0, g_neg, g_year, g_sig, g_yneg, g_ylong, g_yexp, g_ysig, g_week, g_yq2, g_mq0, g_month, g_mq1, g_dq0,
     g_day, g_hour, g_minute, g_second, g_frac, g_tz, g_q) = m.groups()  # fmt: skip
    qual = g_q
    quals: tuple[str | None, str | None, str | None] | None = None
    if g_yq0 or g_yq2 or g_mq0 or g_mq1 or g_dq0:
        quals, qual = _component_qualifiers(whole, m)
    sig: int | None = None
    unspecified = False
    year: int | None
    if g_year is not None:
        ymask = g_year
        negative = g_neg is not None
        if negative and ymask == "0000":
            _fail(whole, "year zero has no sign")
        unspecified = "X" in ymask
        if unspecified:
            # A negative mask never reaches year 0, which has no sign ('-0000' is refused).
            years = _mask_values(whole, ymask, 1 if negative else 0, 9999, "year")
            years = [-v for v in reversed(years)] if negative else years
            year = None
        else:
            year = -int(ymask) if negative else int(ymask)
            years = [year]
        if g_sig is not None:
            if unspecified:
                _fail(whole, "a year cannot have both X digits and significant digits")
            sig = int(g_sig)
            assert year is not None
            low, high = _significant_bounds(year, sig, whole)
            years = [low, high]
    else:
        digits = g_ylong
        if digits[0] == "0":
            _fail(whole, "a 'Y' year has no leading zeros")
        if g_yexp is None and len(digits) < 5:
            _fail(whole, "the 'Y' prefix is only for years of more than four digits")
        # Bounded so that hostile input cannot make us build a gigantic integer.
        exponent = int(g_yexp) if g_yexp is not None and len(g_yexp) <= 3 else 0 if g_yexp is None else _MAX_YEAR_DIGITS
        if len(digits) + exponent > _MAX_YEAR_DIGITS:
            message = f"its year is beyond what timeline supports (at most {_MAX_YEAR_DIGITS} digits)"
            raise ParseError(f"{_quote(whole)} is valid EDTF, but {message}")
        year = int(digits) * 10**exponent
        if g_yneg:
            year = -year
        years = [year]
        if g_ysig is not None:
            sig = int(g_ysig)
            years = list(_significant_bounds(year, sig, whole))
        if g_month is not None or g_week is not None:
            _fail(whole, "a 'Y' year stands alone, without month or day")

    season = week = month = day = None
    time: tuple[int, int, int, int] | None = None
    offset: timedelta | None = None
    if sig is not None and (g_month is not None or g_week is not None):
        _fail(whole, "significant digits apply to a year alone")

    if g_week is not None:
        precision = Precision.WEEK
        week = int(g_week)
        if year is None or not 1 <= year <= 9999:
            _fail(whole, "a week needs a year between 0001 and 9999")
        try:
            first = date.fromisocalendar(year, week, 1)
        except ValueError:
            _fail(whole, f"week {g_week} does not exist in {year}")
        lo_day = (first.year, first.month, first.day)
        hi_day = _civil(first.toordinal() + 6)  # week 52 of 9999 ends in 10000
    elif g_month is None:
        precision = Precision.YEAR
        lo_day = (years[0], 1, 1)
        hi_day = (years[-1], 12, 31)
    elif "X" not in g_month and int(g_month) >= 13:
        season = int(g_month)
        if season not in _GROUPINGS:
            _fail(whole, f"month {g_month} is out of range (01-12, or a season 21-41)")
        if g_day is not None:
            _fail(whole, "a season has no day")
        precision = Precision.SEASON
        first_month, last_month = _GROUPINGS[season]
        end_year = years[-1] + (1 if last_month < first_month else 0)
        lo_day = (years[0], first_month, 1)
        hi_day = (end_year, last_month, _days_in_month(end_year, last_month))
    else:
        months = _mask_values(whole, g_month, 1, 12, "month")
        unspecified = unspecified or "X" in g_month
        month = months[0] if len(months) == 1 and "X" not in g_month else None
        if g_day is None:
            precision = Precision.MONTH
            lo_day = (years[0], months[0], 1)
            hi_day = (years[-1], months[-1], _days_in_month(years[-1], months[-1]))
        else:
            precision = Precision.DAY
            days = _mask_values(whole, g_day, 1, 31, "day")
            unspecified = unspecified or "X" in g_day
            day = days[0] if "X" not in g_day else None
            lo_day, hi_day = _day_bounds(whole, years, months, days)
            if g_hour is not None:
                if unspecified or year is None or not 1 <= year <= 9999:
                    _fail(whole, "a time of day needs a whole date in the years 0001-9999")
                time, offset, precision = _parse_time(whole, g_hour, g_minute, g_second, g_frac, g_tz)

    fields = (
        precision, year, month, day, season, week, time, offset, qual, unspecified, sig,
        lo_day, hi_day, quals,
    )  # fmt: skip
    if time is None:
        return PartialDate._make(text, fields, *_day_keys(lo_day, hi_day))
    assert year is not None
    assert month is not None
    assert day is not None
    offset_us = 0 if offset is None else offset // timedelta(microseconds=1)
    key = _instant_key(year, month, day, *time, offset_us)
    return PartialDate._make(text, fields, key, key)


def _combine(marks: tuple[str | None, ...]) -> str | None:
    """One qualifier saying all that ``marks`` say: ``?`` and ``~`` together make ``%``."""
    approximate = any(mark in ("~", "%") for mark in marks)
    uncertain = any(mark in ("?", "%") for mark in marks)
    return "%" if approximate and uncertain else "~" if approximate else "?" if uncertain else None


def _component_qualifiers(whole: str, m: re.Match[str]) -> tuple[tuple[str | None, str | None, str | None], str | None]:
    """The qualifiers of year, month and day, and the date's overall one (EDTF level 2).

    A mark right of a component qualifies it and every component to its left;
    a mark left of a component qualifies that component only; a mark at the
    very end qualifies the whole date.
    """
    if m["hour"] is not None:
        _fail(whole, "a date with a time of day takes one qualifier, at the end")
    if m["month"] is not None and "X" not in m["month"] and int(m["month"]) >= 13 and m["mq0"]:
        _fail(whole, "a season takes no qualifier of its own; qualify the year or the whole date")
    end = m["q"]
    year = _combine((m["yq0"], m["yq2"], m["mq1"], end))
    month = None if m["month"] is None else _combine((m["mq0"], m["mq1"], end))
    day = None if m["day"] is None else _combine((m["dq0"], end))
    return (year, month, day), _combine((year, month, day))


def _day_bounds(
    text: str, years: list[int], months: list[int], days: list[int]
) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """First and last real calendar day among the candidates, or a ParseError."""
    if len(years) == len(months) == len(days) == 1:
        year, month, day = years[0], months[0], days[0]
        if day > _days_in_month(year, month):
            year_text = f"-{-year:04d}" if year < 0 else f"{year:04d}"
            _fail(text, f"day {day:02d} does not exist in {year_text}-{month:02d}")
        return (year, month, day), (year, month, day)
    # A year range given by significant digits is contiguous: its ends suffice.
    lo = next(
        ((y, mo, d) for y in years for mo in months for d in days if d <= _days_in_month(y, mo)),
        None,
    )
    hi = next(
        (
            (y, mo, d)
            for y in reversed(years)
            for mo in reversed(months)
            for d in reversed(days)
            if d <= _days_in_month(y, mo)
        ),
        None,
    )
    if lo is None or hi is None:
        _fail(text, "no calendar day matches it")
    return lo, hi


def _parse_time(
    text: str, hour_text: str, minute_text: str, second_text: str | None, frac: str | None, zone: str | None
) -> tuple[tuple[int, int, int, int], timedelta | None, Precision]:
    hour, minute = int(hour_text), int(minute_text)
    second = int(second_text or 0)
    micro = int((frac or "0").ljust(6, "0"))
    if hour > 23 or minute > 59 or second > 59:
        _fail(text, "the time of day is out of range (00:00:00 to 23:59:59)")
    precision = Precision.MINUTE if second_text is None else Precision.SECOND
    offset: timedelta | None = None
    if zone == "Z":
        offset = timedelta(0)
    elif zone is not None:
        if zone[0] == "-" and zone[1:] in ("00", "00:00"):
            _fail(text, f"the zero UTC offset is written +00:00 or Z, not {zone} (ISO 8601)")
        hours, minutes = int(zone[1:3]), int(zone[4:6] or 0)
        if hours > 23 or minutes > 59:
            _fail(text, f"the UTC offset {zone} is out of range")
        offset = timedelta(hours=hours, minutes=minutes) * (-1 if zone[0] == "-" else 1)
    return (hour, minute, second, micro), offset, precision


_LODAY_AT, _HIDAY_AT = PartialDate._LODAY, PartialDate._HIDAY


def _datetime_key(text: str) -> tuple[int, int] | None:
    """The instant key and day number of an ISO date-time the pattern matched; None if out of range."""
    try:
        # C code does the checks and arithmetic; the pattern has already
        # narrowed the text to forms on which it agrees with the grammar.
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    ordinal = moment.toordinal()
    offset = moment.utcoffset()
    offset_us = 0 if offset is None else offset // _ONE_US
    key = ordinal * _DAY_US + ((moment.hour * 60 + moment.minute) * 60 + moment.second) * 1_000_000
    return key - offset_us, ordinal


_ONE_US: Final = timedelta(microseconds=1)


def _plain_offset(match: re.Match[str]) -> bool:
    """True for no offset, Z or one within +-23:59 (fromisoformat takes minutes up to 60)."""
    zone = match[7]
    return zone is None or zone == "Z" or (zone[1:3] <= "23" and zone[4:6] <= "59" and zone != "-00:00")


def _datetime_keys(text: str) -> tuple[Key, Key, str, bool] | None:
    """Bounds, end kinds and floating flag of an ISO date-time or an interval of two; else None.

    None also for anything out of range or inconsistent: the general parser
    then says what is wrong, so both paths accept exactly the same texts.
    """
    first, slash, second = text.partition("/")
    start = _DATETIME_RE.fullmatch(first)
    if start is None or start[4] > "23" or not _plain_offset(start):  # newer Pythons read 24:00 as midnight
        return None
    floating = start[7] is None
    if not slash:
        keys = _datetime_key(first)
        return None if keys is None else (keys[0], keys[0], "", floating)
    end = _DATETIME_RE.fullmatch(second)
    if end is None or end[4] > "23" or not _plain_offset(end) or (end[7] is None) != floating:
        return None
    lo, hi = _datetime_key(first), _datetime_key(second)
    if lo is None or hi is None or hi[0] < lo[0] or hi[1] < lo[1]:
        return None
    return lo[0], hi[0], "dd", floating


# Lengths of the forms _iso_keys reads: a year, a month, a day, a time to the minute or
# second, two days or two times.
_ISO_SIZES: Final = frozenset((4, 7, 10, 21, 16, 19, 33, 39))


def _iso_keys(text: str, size: int) -> tuple[int, int] | None:
    """Bounds of ASCII ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or floating ``YYYY-MM-DDTHH:MM[:SS]``.

    Or of two days, or two times of one form, joined by ``/``.

    None for anything else. With ``-``, ``T``, ``:`` and ``/`` at those places,
    ``fromisoformat`` reads nothing but those forms, and refuses what the
    grammar refuses (an impossible day); what it reads otherwise (year 0,
    24:00, an end before the start) gets None too, and the general path
    decides.
    """
    if size in _PLAIN_SIZES:  # a year, a month or a day
        return _plain_keys(text, size)
    if text[4] != "-" or text[7] != "-":
        return None
    if size == 21:
        if text[10] != "/" or text[15] != "-" or text[18] != "-":
            return None
        try:
            first, last = _date_from(text[:10]).toordinal(), _date_from(text[11:]).toordinal()
        except ValueError:
            return None
        return None if last < first else (first * _DAY_US, (last + 1) * _DAY_US - 1)
    one = 16 if size in (16, 33) else 19
    if text[10] != "T" or text[13] != ":" or (one == 19 and text[16] != ":") or text[11:13] > "23":
        return None
    try:
        moment = _datetime_from(text[:one])
    except ValueError:
        return None
    lo = moment.toordinal() * _DAY_US + ((moment.hour * 60 + moment.minute) * 60 + moment.second) * 1_000_000
    if size == one:
        return lo, lo
    second = text[one + 1 :]
    if text[one] != "/" or second[4] != "-" or second[7] != "-" or second[10] != "T" or second[13] != ":":
        return None
    if (one == 19 and second[16] != ":") or second[11:13] > "23":
        return None
    try:
        end = _datetime_from(second)
    except ValueError:
        return None
    hi = end.toordinal() * _DAY_US + ((end.hour * 60 + end.minute) * 60 + end.second) * 1_000_000
    return None if hi < lo else (lo, hi)


_PLAIN_SIZES: Final = frozenset((4, 7, 10))


def _plain_keys(text: str, size: int) -> tuple[int, int] | None:
    """Bounds of ASCII ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (size 10, 7 or 4); None for anything else.

    C reads and checks the digits, the month, the day and the year (not
    0000, which the general path reads); what it refuses goes the long way,
    which says what is wrong.
    """
    if size == 10:
        if text[4] != "-" or text[7] != "-":
            return None
        try:
            lo = _date_from(text).toordinal() * _DAY_US
        except ValueError:
            return None
        return lo, lo + _LAST_US
    if size == 7:
        if text[4] != "-":
            return None
        try:
            start = _date_from(text + "-01")
        except ValueError:
            return None
        month = start.month
        ordinal = start.toordinal()
        days = 29 if month == 2 and _is_leap(start.year) else _DAYS_IN_MONTH[month]
        return ordinal * _DAY_US, (ordinal + days) * _DAY_US - 1
    if not text.isdigit() or text == "0000":
        return None
    year = int(text)
    ordinal = _date(year, 1, 1).toordinal()
    days = 366 if _is_leap(year) else 365
    return ordinal * _DAY_US, (ordinal + days) * _DAY_US - 1


_date: Final = date
_date_from: Final = date.fromisoformat
_datetime_from: Final = datetime.fromisoformat


def _plain_interval(text: str) -> tuple[Key, Key, str] | None:
    """Bounds and end kinds of an interval whose known ends are plain dates; else None."""
    first, _, second = text.partition("/")
    if "/" in second:
        return None
    lo: Key = _NEG_INF
    hi: Key = _POS_INF
    kinds = ""
    for part, is_start in ((first, True), (second, False)):
        if part in ("", ".."):
            kinds += "u" if part == "" else "o"
            continue
        size = len(part)
        keys = _plain_keys(part, size) if size in _PLAIN_SIZES and part.isascii() else None
        if keys is None:
            plain = _PLAIN_RE.fullmatch(part)
            if plain is None:
                return None
            lo_ymd, hi_ymd = _plain_bounds(text, plain)[:2]
            keys = _day_keys(lo_ymd, hi_ymd)
        kinds += "d"
        if is_start:
            lo = keys[0]
        else:
            hi = keys[1]
    if kinds in ("uu", "uo", "ou", "oo"):
        return None  # let the full parser say what is wrong
    if kinds == "dd" and hi < lo:  # the end's last day before the start's first
        _fail(text, "the end comes before the start")
    return lo, hi, kinds


def _parse_interval(text: str) -> tuple[PartialDate | None, PartialDate | None, str]:
    first, _, second = text.partition("/")
    if "/" in second:
        _fail(text, "an interval has one '/'")
    kinds = ""
    for part in (first, second):
        kinds += "u" if part == "" else "o" if part == ".." else "d"
    start = _parse_point(first, text) if kinds[0] == "d" else None
    end = _parse_point(second, text) if kinds[1] == "d" else None
    if start is None and end is None:
        _fail(text, "an interval needs at least one known end")
    if start is not None and end is not None:
        if start.timed and end.timed and start.floating != end.floating:
            _fail(text, "an interval cannot mix floating times and UTC offsets")
        # Compare both as instants and as the days written, so that no reading
        # of a date against a time with an offset gives an empty span.
        if end._hi < start._lo or end._fields[_HIDAY_AT] < start._fields[_LODAY_AT]:  # type: ignore[operator]
            _fail(text, "the end comes before the start")
    return start, end, kinds


class _Same(enum.Enum):
    """The type of the default of ``When.key``'s ``view``: the same as ``zone``."""

    SAME = enum.auto()


_SAME: Final = _Same.SAME


class _WhenSlots:
    # See _PartialDateSlots for why construction goes through a plain base.
    __slots__ = ("_aware", "_end", "_floating", "_hi", "_kinds", "_lo", "_start", "_text")

    _text: str
    _lo: Key
    _hi: Key
    _floating: bool
    _aware: bool  # some time has a UTC offset
    # A plain date (YYYY, YYYY-MM, YYYY-MM-DD) leaves these None until asked
    # for: fewer objects per value means less work for the garbage collector
    # when a file holds 100,000 dates.
    _start: PartialDate | None
    _end: PartialDate | None
    # "" for one date; else start and end kinds: d(ate), u(nknown), o(pen);
    # a set adds its opening bracket: "dd[" or "od{". A set's members are
    # not a slot: they come from a small cache by text (_set_members), so
    # that the values that are not sets, nearly all, stay as small as before.
    _kinds: str


class When(_WhenSlots):
    """When something happened: one partial date, or an interval of two.

    The text form is EDTF (ISO 8601-2) levels 0, 1 and 2 (sets and
    per-component qualifiers included), ISO week dates and ISO date-times. ``When(text)`` and
    ``When.parse(text)`` are the same; ``str()`` gives the text back.

    >>> w = When("2021-03")
    >>> w
    When('2021-03')
    >>> w.earliest(), w.latest()
    (datetime.date(2021, 3, 1), datetime.date(2021, 3, 31))
    >>> When("2019/2021-03").latest()
    datetime.date(2021, 3, 31)
    >>> When("2021-06-06/").end_unknown
    True
    >>> sorted([When("2021-06-06"), When("2021"), When("2021-06")])
    [When('2021'), When('2021-06'), When('2021-06-06')]

    Values are ordered by earliest bound, then latest bound, then text; an
    unknown or open start sorts first and an unknown or open end last.
    Bounds are read on UTC's wall clock here; :meth:`key` reads them on
    another zone's.
    """

    __slots__ = ()

    def __new__(cls, text: str | date | tuple[date | None, date | None]) -> When:
        """Parse ``text``; see :meth:`parse`.

        A ``date``, ``datetime`` or ``(start, end)`` pair of them is taken
        as :meth:`from_date` takes it; None as an end of a pair means that
        end is unknown.

        >>> When((date(2021, 6, 7), None))
        When('2021-06-07/')
        """
        if not isinstance(text, str):
            return cls._from_python(text)
        size = len(text)
        if size in _PLAIN_SIZES and text.isascii() and (keys := _plain_keys(text, size)) is not None:
            # YYYY-MM-DD, YYYY-MM or YYYY, the commonest of all, in as few steps as can be.
            self = object.__new__(_WhenSlots)
            self._text = text
            self._kinds = ""
            self._floating = self._aware = False
            self._lo, self._hi = keys
            self._start = self._end = None
            self.__class__ = cls
            return self  # type: ignore[return-value]
        self = object.__new__(_WhenSlots)
        self._text = text
        self._kinds = ""
        self._floating = self._aware = False
        if size in _ISO_SIZES and text.isascii() and (iso := _iso_keys(text, size)) is not None:
            # YYYY-MM-DD or a floating YYYY-MM-DDTHH:MM[:SS], or an interval of two of
            # the same form, by far the most common: C reads them.
            self._lo, self._hi = iso
            if size > 19:
                self._kinds = "dd"
            self._floating = size >= 16 and size != 21
            self._start = self._end = None
            self.__class__ = cls
            return self  # type: ignore[return-value]
        plain = None if "/" in text else _PLAIN_RE.fullmatch(text)
        if plain is not None:
            lo_ymd, hi_ymd = _plain_bounds(text, plain)[:2]
            self._lo, self._hi = _day_keys(lo_ymd, hi_ymd)
            self._start = self._end = None
        elif "T" in text and (timed := _datetime_keys(text)) is not None:
            # ISO date-times (or an interval of two): their PartialDates wait until asked for.
            self._lo, self._hi, self._kinds, self._floating = timed
            self._aware = not self._floating
            self._start = self._end = None
        elif text[:1] in _SET_OPENERS:
            _parse_set(self, text)
        elif "/" not in text:
            point = _parse_general(text, text)
            self._start = self._end = point
            self._lo, self._hi = point._lo, point._hi
            self._floating = point.floating
            self._aware = point.utc_offset is not None
        elif (ends := _plain_interval(text)) is not None:
            # Both ends plain (or unknown, or open): their PartialDates wait until asked for.
            self._lo, self._hi, self._kinds = ends
            self._start = self._end = None
        else:
            self._start, self._end, self._kinds = _parse_interval(text)
            self._lo = _NEG_INF if self._start is None else self._start._lo
            self._hi = _POS_INF if self._end is None else self._end._hi
            points = [p for p in (self._start, self._end) if p is not None]
            self._floating = any(p.floating for p in points)
            self._aware = any(p.utc_offset is not None for p in points)
        self.__class__ = cls
        return self  # type: ignore[return-value]

    @classmethod
    def parse(cls, text: str) -> When:
        """Parse EDTF text.

        Args:
            text: Such as ``2021``, ``2021-06-06``, ``2019~``, ``2021-21``,
                ``201X``, ``2021-06-07T10:00``, ``2021-06-06/..``.

        Returns:
            The value; ``str()`` of it is ``text``.

        Raises:
            ParseError: ``text`` is not valid; the message quotes it and says why.

        >>> When.parse("2021-02-30")
        Traceback (most recent call last):
        ...
        timeline.errors.ParseError: '2021-02-30' is not a valid EDTF date: day 30 does not exist in 2021-02
        """
        return cls(text)

    @classmethod
    def from_date(cls, value: date) -> When:
        """The day (or, for a ``datetime``, the instant) ``value`` holds.

        An aware ``datetime`` keeps its UTC offset; its zone name, if any, is
        not part of a ``When`` (see ``Event.tz``).

        >>> When.from_date(date(2021, 6, 6))
        When('2021-06-06')
        """
        if isinstance(value, datetime):
            text = value.isoformat(timespec="seconds" if not value.microsecond else "microseconds")
            if value.utcoffset() == timedelta(0):
                text = text[:-6] + "Z"
            return cls(text)
        return cls(value.isoformat())

    @classmethod
    def _from_python(cls, value: object) -> When:
        if isinstance(value, date):
            return cls.from_date(value)
        if isinstance(value, tuple | list) and len(value) == 2 and any(end is not None for end in value):
            ends = [end for end in value if end is not None]
            if all(isinstance(end, date) for end in ends):
                return cls("/".join("" if end is None else cls.from_date(end)._text for end in value))
        raise ParseError(f"an EDTF date must be text, a date, a datetime or a (start, end) pair, got {value!r}")

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("When is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("When is immutable")

    def __reduce__(self) -> tuple[object, ...]:
        return (When, (self._text,))

    def __repr__(self) -> str:
        return f"When({self._text!r})"

    def __str__(self) -> str:
        return self._text

    def __eq__(self, other: object) -> bool:
        if isinstance(other, When):
            return self._text == other._text
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._text)

    def __lt__(self, other: When) -> bool:
        if isinstance(other, When):
            return (self._lo, self._hi, self._text) < (other._lo, other._hi, other._text)
        return NotImplemented

    def __le__(self, other: When) -> bool:
        if isinstance(other, When):
            return (self._lo, self._hi, self._text) <= (other._lo, other._hi, other._text)
        return NotImplemented

    def __gt__(self, other: When) -> bool:
        if isinstance(other, When):
            return (self._lo, self._hi, self._text) > (other._lo, other._hi, other._text)
        return NotImplemented

    def __ge__(self, other: When) -> bool:
        if isinstance(other, When):
            return (self._lo, self._hi, self._text) >= (other._lo, other._hi, other._text)
        return NotImplemented

    @property
    def is_interval(self) -> bool:
        """True for ``start/end`` forms."""
        return len(self._kinds) == 2

    @property
    def is_set(self) -> bool:
        """True for the sets of EDTF level 2: ``[1667,1668]`` (one of) and ``{1667,1668}`` (all of)."""
        return len(self._kinds) == 3

    @property
    def all_of(self) -> bool:
        """True for an "all of" set, ``{1960,1961-12}``; False for anything else."""
        return self._kinds[2:] == "{"

    def members(self) -> tuple[When, ...]:
        """The members of a set, in the order written; any other value gives itself alone.

        A range ``a..b`` is the interval ``a/b``; an open end ``..b`` or
        ``a..`` is ``../b`` or ``a/..``.

        >>> When("[1667,1668,1670..1672]").members()
        (When('1667'), When('1668'), When('1670/1672'))
        >>> When("[1760-12..]").members()
        (When('1760-12/..'),)
        """
        return _set_members(self._text) if len(self._kinds) == 3 else (self,)

    def _point(self) -> PartialDate:
        """The one date of a non-interval, parsed in full on first use."""
        point = self._start
        if point is None:
            point = _parse_point(self._text, self._text)
            object.__setattr__(self, "_start", point)
            object.__setattr__(self, "_end", point)
        return point

    def _ends(self) -> tuple[PartialDate | None, PartialDate | None]:
        """An interval's ends, parsed in full on first use."""
        if self._start is None and self._end is None and len(self._kinds) == 2:
            start, end, _ = _parse_interval(self._text)
            object.__setattr__(self, "_start", start)
            object.__setattr__(self, "_end", end)
        return self._start, self._end

    @property
    def start(self) -> PartialDate | None:
        """The date itself, or an interval's start; None when unknown or open."""
        return self._ends()[0] if self._kinds else self._point()

    @property
    def end(self) -> PartialDate | None:
        """The date itself, or an interval's end; None when unknown or open."""
        return self._ends()[1] if self._kinds else self._point()

    @property
    def start_unknown(self) -> bool:
        """True for ``/2021``: the interval started, nobody says when."""
        return self._kinds[:1] == "u"

    @property
    def end_unknown(self) -> bool:
        """True for ``2021/``: the interval ended or ends, nobody says when."""
        return self._kinds[1:2] == "u"

    @property
    def start_open(self) -> bool:
        """True for ``../2021``: no start at all (since ever)."""
        return self._kinds[:1] == "o"

    @property
    def end_open(self) -> bool:
        """True for ``2021/..``: no end (ongoing)."""
        return self._kinds[1:2] == "o"

    def _points(self) -> tuple[PartialDate, ...]:
        if not self._kinds:
            return (self._point(),)
        if len(self._kinds) == 3:
            return tuple(point for member in _set_members(self._text) for point in member._points())
        return tuple(p for p in self._ends() if p is not None)

    @property
    def precision(self) -> Precision:
        """The precision of the date, or the coarser of an interval's known ends."""
        return min(p.precision for p in self._points())

    @property
    def approximate(self) -> bool:
        """True when the date, or either end, is approximate (``~`` or ``%``)."""
        return any(p.approximate for p in self._points())

    @property
    def uncertain(self) -> bool:
        """True when the date, or either end, is uncertain (``?`` or ``%``)."""
        return any(p.uncertain for p in self._points())

    @property
    def unspecified(self) -> bool:
        """True when some digit is unspecified (``X``) or only significant digits are known."""
        return any(p.unspecified for p in self._points())

    @property
    def timed(self) -> bool:
        """True when the date, or either end, has a time of day."""
        return any(p.timed for p in self._points())

    @property
    def floating(self) -> bool:
        """True when a time of day has no UTC offset: it is local to a zone."""
        return self._floating

    def earliest(self) -> date | datetime | None:
        """The first day (``date``) or instant (``datetime``) it may denote.

        None for an unknown or open start. Timed values give a naive
        ``datetime`` when floating, an aware one when the text has an offset.

        Raises:
            OutOfRangeError: the bound's year lies outside 1-9999.
        """
        start = self.start
        return None if start is None else start.earliest()

    def latest(self) -> date | datetime | None:
        """The last day or instant it may denote, inclusive; None when unknown or open.

        Raises:
            OutOfRangeError: the bound's year lies outside 1-9999.
        """
        end = self.end
        return None if end is None else end.latest()

    def date_span(self) -> tuple[date, date] | None:
        """The calendar days it may cover, half-open: ``(first day, day after last)``.

        This is the span a calendar shows for an all-day event. None when an
        end is unknown or open.

        Raises:
            OutOfRangeError: a bound's year lies outside 1-9999.

        >>> When("2021-06-07/2021-06-08").date_span()
        (datetime.date(2021, 6, 7), datetime.date(2021, 6, 9))
        """
        start, end = self.start, self.end
        if start is None or end is None:
            return None
        first, last = start.earliest(), end.latest()
        if isinstance(first, datetime):
            first = first.date()
        if isinstance(last, datetime):
            last = last.date()
        try:
            return first, last + timedelta(days=1)
        except OverflowError:
            raise OutOfRangeError(f"{self._text!r} ends on the last day a date can hold") from None

    def key(self, zone: tzinfo | None = None, *, view: tzinfo | _Same | None = _SAME) -> tuple[Key, Key, str]:
        """The sort key: earliest bound, latest bound, text.

        Bounds are read on the wall clock of ``view``, which defaults to
        ``zone``; None is UTC. Dates and floating times belong to ``zone``'s
        wall clock, so with the default view they never move; a time with a
        UTC offset is an instant and moves to the view's wall clock. Keys of
        different values never tie, so the order is total and agrees with
        ``==``.

        >>> from zoneinfo import ZoneInfo
        >>> tokyo = ZoneInfo("Asia/Tokyo")
        >>> When("2021-06-06T23:30Z").key(tokyo) > When("2021-06-07").key(tokyo)  # 08:30 on June 7 in Tokyo
        True
        """
        target = zone if isinstance(view, _Same) else view
        if zone == target and not (self._aware and target is not None):
            return (self._lo, self._hi, self._text)
        if len(self._kinds) <= 2:  # not a set: the ends' bounds are the value's own, no need to build them
            if self._aware:  # instants, on UTC's clock
                lo, hi = _shift(self._lo, None, target), _shift(self._hi, None, target)
            else:
                lo, hi = _shift(self._lo, zone, target), _shift(self._hi, zone, target)
            return (lo, max(lo, hi), self._text)
        lo = _NEG_INF if self.start is None else self.start._key_at(True, zone, target)
        hi = _POS_INF if self.end is None else self.end._key_at(False, zone, target)
        # Moving through a daylight-saving fold can reorder a short interval's ends.
        return (lo, max(lo, hi), self._text)

    def overlaps(self, other: When, zone: tzinfo | None = None) -> bool:
        """True when the two may share a moment: neither ends before the other starts.

        A set may share a moment through any of its members, not through the
        gaps between them.

        >>> When("2021-06").overlaps(When("2021-06-30/2021-07-02"))
        True
        >>> When("2021-05").overlaps(When("2021-06"))
        False
        >>> When("[1667,1672]").overlaps(When("1669"))
        False
        """
        if len(self._kinds) == 3 or len(other._kinds) == 3:
            return any(a.overlaps(b, zone) for a in self.members() for b in other.members())
        mine, theirs = self.key(zone), other.key(zone)
        return mine[0] <= theirs[1] and theirs[0] <= mine[1]

    def within(self, other: When, zone: tzinfo | None = None) -> bool:
        """True when every moment it may denote lies inside ``other``'s bounds.

        Every member of a set must lie within ``other``; against a set, within
        one of its members.

        >>> When("2021-06-06").within(When("2021"))
        True
        >>> When("2021/..").within(When("2021"))
        False
        >>> When("{1667,1668}").within(When("1660/1669"))
        True
        """
        if len(self._kinds) == 3 or len(other._kinds) == 3:
            return all(any(a.within(b, zone) for b in other.members()) for a in self.members())
        mine, theirs = self.key(zone), other.key(zone)
        return theirs[0] <= mine[0] and mine[1] <= theirs[1]


_SET_OPENERS: Final = ("[", "{")
_SET_CLOSERS: Final = {"[": "]", "{": "}"}


def _set_member(whole: str, part: str) -> When:
    """One member of a set: a date, a range ``a..b``, or an open end ``..b`` / ``a..``."""
    if not part:
        _fail(whole, "a set has an empty member")
    if part[:1] in _SET_OPENERS or "/" in part:
        _fail(whole, f"a set's member {_quote(part)} must be a date or a range a..b, not a set or an interval")
    first, dots, last = part.partition("..")
    if not dots:
        return When(_parse_point(part, whole).text)
    if ".." in last or (not first and not last):
        _fail(whole, f"the range {_quote(part)} needs one '..' and at least one date")
    ends = [_parse_point(end, whole) for end in (first, last) if end]
    if len(ends) == 2:
        if ends[0].precision is not ends[1].precision:
            _fail(whole, f"the ends of the range {part!r} have different precisions")
        if ends[1]._hi < ends[0]._lo:
            _fail(whole, f"the range {part!r} ends before it starts")
    return When(f"{first or '..'}/{last or '..'}")


@functools.lru_cache(maxsize=1024)
def _set_members(text: str) -> tuple[When, ...]:
    """The members of the set ``text``, checked; cached, as ``When.members()`` asks again."""
    opener = text[0]
    if text[-1:] != _SET_CLOSERS[opener] or len(text) < 2:
        _fail(text, f"a set opened with {opener!r} closes with {_SET_CLOSERS[opener]!r}")
    parts = text[1:-1].split(",")
    members: list[When] = []
    for index, raw in enumerate(parts):
        # The spec writes no spaces; spaces after a comma are common (python-edtf prints them) and kept.
        part = raw.lstrip(" ") if index else raw
        member = _set_member(text, part)
        if member.start_open and index:
            _fail(text, "only the first member of a set may be open at its start ('..date')")
        if member.end_open and index != len(parts) - 1:
            _fail(text, "only the last member of a set may be open at its end ('date..')")
        members.append(member)
    if any(m._floating for m in members) and any(m._aware for m in members):
        _fail(text, "a set cannot mix floating times and UTC offsets")
    return tuple(members)


def _parse_set(self: _WhenSlots, text: str) -> None:
    """Fill ``self`` from an EDTF level 2 set, ``[a,b,c..d]`` (one of) or ``{a,b}`` (all of)."""
    members = _set_members(text)
    floating = any(m._floating for m in members)
    aware = any(m._aware for m in members)
    first = min(members, key=lambda m: m._lo)
    last = max(members, key=lambda m: m._hi)
    opener = text[0]
    self._lo, self._hi = first._lo, last._hi
    self._start, self._end = first.start, last.end
    self._kinds = ("o" if first.start_open else "d") + ("o" if last.end_open else "d") + opener
    self._floating, self._aware = floating, aware
