"""Dates in words, as an editor writes them: ``When("2021-06-07/2021-06-08")`` -> "June 7–8, 2021".

:func:`describe` is the one place where a :class:`~timeline.When` becomes
text for people; Markdown, the terminal, TimelineJS ``display_date`` and the
.ics description line all use it, so a date reads the same everywhere. The
forms follow the Wikipedia Manual of Style for dates and numbers: month
names in full, en dashes for ranges (unspaced inside one month or year,
spaced across them), "BC" for years before 1. Qualifiers read as words:
"around 2019" (approximate), "possibly 2018" (uncertain). Sets say which
kind they are: "sometime in 1667–1672" is one of those years, "each year of
1667–1672" all of them, and "1667–1672" alone the span from one to the other.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Final, Literal

from timeline._when import PartialDate, Precision, When

__all__ = ["Style", "describe"]

Style = Literal["mdy", "dmy"]
"""``"mdy"``: "May 31, 2021" (the default); ``"dmy"``: "31 May 2021"."""

_STYLES: Final = ("mdy", "dmy")
_MONTHS: Final = (
    "", "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_NDASH: Final = "\u2013"
_SPACED: Final = f" {_NDASH} "
_MINUS: Final = "\u2212"

# Sub-year groupings of ISO 8601-2 (see _when._GROUPINGS for their months).
_NORTH, _SOUTH = "", " (Southern Hemisphere)"
_SEASONS: Final[dict[int, tuple[str, str]]] = {
    21: ("spring", _NORTH), 22: ("summer", _NORTH), 23: ("autumn", _NORTH), 24: ("winter", _NORTH),
    25: ("spring", _NORTH), 26: ("summer", _NORTH), 27: ("autumn", _NORTH), 28: ("winter", _NORTH),
    29: ("spring", _SOUTH), 30: ("summer", _SOUTH), 31: ("autumn", _SOUTH), 32: ("winter", _SOUTH),
}  # fmt: skip
# Seasons that run from December into the next year.
_ACROSS_NEW_YEAR: Final = frozenset({24, 28, 30})
# Quarters, quadrimesters, semesters: their name, and the word before the year.
_PARTS_OF_YEAR: Final[dict[int, tuple[str, str]]] = {
    33: ("Q1", " "), 34: ("Q2", " "), 35: ("Q3", " "), 36: ("Q4", " "),
    37: ("January–April", " "), 38: ("May–August", " "), 39: ("September–December", " "),
    40: ("the first half", " of "), 41: ("the second half", " of "),
}  # fmt: skip


def describe(when: When | str, *, style: Style = "mdy", tz: str | None = None, recurrence: str | None = None) -> str:
    """``when`` in words, as an editor writes a date.

    Args:
        when: A :class:`When`, or EDTF text to parse.
        style: ``"mdy"`` for "May 31, 2021" (the default) or ``"dmy"`` for
            "31 May 2021".
        tz: The IANA zone name a floating time of day belongs to (the
            event's or the timeline's ``tz``), shown after the time. Times
            with a UTC offset show the offset instead.
        recurrence: The event's recurrence rule (RFC 5545 RRULE text, as
            :attr:`Event.recurrence` holds it). Its common forms are said in
            words before the date ("every Tuesday from October 1, 2024, 10
            times"); any other rule says "repeating from ...".

    Returns:
        One line of text; never empty. Every value the model holds has a
        description, including years of any size, significant digits and
        unspecified digits anywhere.

    Raises:
        ParseError: ``when`` is text that is not valid EDTF.
        ValueError: ``style`` is neither ``"mdy"`` nor ``"dmy"``.

    >>> describe("2021-05-31"), describe("2021-05-31", style="dmy")
    ('May 31, 2021', '31 May 2021')
    >>> describe("2021-06-06/2021-06-08"), describe("2021-05-31/2021-06-02")
    ('June 6–8, 2021', 'May 31 – June 2, 2021')
    >>> describe("2021-03/2021-05"), describe("2019/2021"), describe("2021-06/..")
    ('March–May 2021', '2019–2021', 'since June 2021')
    >>> describe("196X"), describe("196X~"), describe("2018?"), describe("-0043")
    ('the 1960s', 'around the 1960s', 'possibly 2018', '44 BC')
    >>> describe("[1667..1672]"), describe("1667/1672"), describe("{1667..1672}")
    ('sometime in 1667–1672', '1667–1672', 'each year of 1667–1672')
    >>> describe("[1667,1668,1670..1672]"), describe("{1960,1961-12}"), describe("[1760-12..]")
    ('1667, 1668 or sometime in 1670–1672', '1960 and December 1961', 'December 1760 or later')
    >>> describe("2021-06-07~/2021-06-09~"), describe("2019~/2021")
    ('around June 7–9, 2021', 'from around 2019 to 2021')
    >>> describe("2004?-06-~11")
    'June 11, 2004 (year uncertain; day approximate)'
    >>> describe("2021-06-07T10:00", tz="America/Guatemala")
    'June 7, 2021, 10:00 (America/Guatemala)'
    >>> describe("2024-10-01", recurrence="FREQ=WEEKLY;BYDAY=TU;COUNT=10")
    'every Tuesday from October 1, 2024, 10 times'
    """
    entry = (when if isinstance(when, str) else when._text, style, tz, recurrence)
    found = _DESCRIBED.get(entry)
    if found is not None:  # writers describe the same dates again and again (headings, entries)
        return found
    if style not in _STYLES:
        raise ValueError(f"style must be 'mdy' or 'dmy', got {style!r}")
    value = When(when) if isinstance(when, str) else when
    text = None if recurrence else _plain_words(value._text, style)
    if text is None:
        # A fresh value, not the caller's: describing fills a When's parsed ends, and a writer
        # that describes 300,000 events would otherwise keep them all in the events it was given.
        value = When(value._text) if value._start is None and value._end is None else value
        describer = _Describer(style, tz)
        text = describer.when(value)
        if recurrence:
            text = describer.rule(recurrence, text)
    if len(_DESCRIBED) >= 20_000:  # bounded: a long-running process describes any number of dates
        _DESCRIBED.clear()
    _DESCRIBED[entry] = text
    return text


def _plain_words(text: str, style: Style) -> str | None:
    """A valid plain year (1000-9999), month or day in words, without the general describer; else None."""
    size = len(text)
    if size not in (4, 7, 10) or not text[:4].isdigit() or text[0] == "0":
        return None
    if size == 4:
        return text
    month = int(text[5:7]) if text[4] == "-" and text[5:7].isdigit() else 0
    if not 1 <= month <= 12:
        return None  # a season, a quarter: the describer words them
    if size == 7:
        return f"{_MONTHS[month]} {text[:4]}"
    if text[7] != "-" or not text[8:].isdigit():
        return None
    day = int(text[8:])
    return f"{day} {_MONTHS[month]} {text[:4]}" if style == "dmy" else f"{_MONTHS[month]} {day}, {text[:4]}"


# Descriptions by (EDTF text, style, zone, rule): a value's words depend on nothing else.
_DESCRIBED: dict[tuple[str, str, str | None, str | None], str] = {}


class _Describer:
    """One call's settings, so that the helpers need not pass them along."""

    __slots__ = ("dmy", "tz")

    def __init__(self, style: Style, tz: str | None) -> None:
        self.dmy = style == "dmy"
        self.tz = tz

    def when(self, value: When) -> str:
        if value.is_set:
            return self.members(value)
        start, end = value.start, value.end
        if not value.is_interval or (start == end and start is not None):
            assert start is not None
            return self.point(start)
        if start is None:
            assert end is not None
            return ("until " if value.start_unknown else "up to ") + self.point(end)
        if end is None:
            return ("from " if value.end_unknown else "since ") + self.point(start)
        return self.range(start, end)

    def members(self, value: When) -> str:
        """A set, member by member: "1667, 1668 or sometime in 1670–1672", "1960 and December 1961".

        A range inside a set is not a span: in a one-of set it is one value
        among those it runs over ("sometime in"), in an all-of set each of them.
        """
        parts = []
        for member in value.members():
            start, end = member.start, member.end
            if member.start_open and not value.all_of:
                assert end is not None
                parts.append(f"{self.point(end)} or earlier")
            elif member.end_open and not value.all_of:
                assert start is not None
                parts.append(f"{self.point(start)} or later")
            elif member.is_interval and start is not None and end is not None and start != end:
                words = self.when(member)
                if value.all_of:
                    unit = _UNITS.get(min(start.precision, end.precision), "")
                    parts.append(f"each {unit} of {words}" if unit else f"each of {words}")
                else:
                    parts.append(f"sometime in {words}")
            else:
                parts.append(self.when(member))
        if len(parts) == 1:
            return parts[0]
        return ", ".join(parts[:-1]) + (" and " if value.all_of else " or ") + parts[-1]

    # A recurrence rule ----------------------------------------------------

    def rule(self, rule: str, first: str) -> str:
        """``first`` (the first occurrence in words) with the rule said before it.

        Common rules read in words ("every 2 weeks on Tuesday and Thursday
        from ..., until ..."); a rule with parts beyond FREQ, INTERVAL, BYDAY,
        BYMONTHDAY, COUNT, UNTIL and WKST says only that it repeats.
        """
        parts = dict(part.partition("=")[::2] for part in rule.upper().removeprefix("RRULE:").split(";") if part)
        words = _rule_words(parts)
        if words is None:
            return f"repeating from {first}"
        tail = ""
        if "COUNT" in parts and parts["COUNT"].isdigit():
            count = int(parts["COUNT"])
            tail = ", once" if count == 1 else f", {count} times"
        elif "UNTIL" in parts:
            until = _until(parts["UNTIL"])
            tail = f", until {self.when(until)}" if until is not None else ""
        return f"{words} from {first}{tail}"

    # One date --------------------------------------------------------------

    def point(self, point: PartialDate) -> str:
        text, zone = self.core(point)
        return _qualified(point, text) + zone

    def core(self, point: PartialDate) -> tuple[str, str]:
        """The date without qualifiers, and the zone note that follows them."""
        precision = point.precision
        if precision >= Precision.MINUTE:
            return f"{self.day(point)}, {_clock(point)}", self.zone(point)
        if point.unspecified:
            return self.unspecified(point), ""
        year = point.year
        assert year is not None
        if precision is Precision.YEAR:
            return _year(year), ""
        if precision is Precision.SEASON:
            return _season(point), ""
        if precision is Precision.MONTH:
            return self.month_year(point), ""
        if precision is Precision.WEEK:
            week = point.week
            assert week is not None
            monday = date.fromisocalendar(year, week, 1)
            return f"the week of {self.full_day(monday.year, monday.month, monday.day)}", ""
        return self.day(point), ""

    def zone(self, point: PartialDate) -> str:
        offset = point.utc_offset
        if offset is None:
            return f" ({self.tz})" if self.tz else ""
        if not offset:
            return " (UTC)"
        sign = "+" if offset > timedelta(0) else _MINUS
        minutes = abs(offset) // timedelta(minutes=1)
        return f" (UTC{sign}{minutes // 60:02d}:{minutes % 60:02d})"

    def day(self, point: PartialDate) -> str:
        year, month, day = point.year, point.month, point.day
        assert year is not None
        assert month is not None
        assert day is not None
        return self.full_day(year, month, day)

    def full_day(self, year: int, month: int, day: int) -> str:
        if self.dmy:
            return f"{day} {_MONTHS[month]} {_year(year)}"
        return f"{_MONTHS[month]} {day}, {_year(year)}"

    def day_month(self, month: int, day: int) -> str:
        return f"{day} {_MONTHS[month]}" if self.dmy else f"{_MONTHS[month]} {day}"

    def month_year(self, point: PartialDate) -> str:
        year, month = point.year, point.month
        assert year is not None
        assert month is not None
        return f"{_MONTHS[month]} {_year(year)}"

    # Two dates -------------------------------------------------------------

    def days(self, y1: int, m1: int, d1: int, y2: int, m2: int, d2: int) -> str:
        """From one day to another: "June 6–8, 2021", "May 31 – June 2, 2021"."""
        if y1 != y2:
            return f"{self.full_day(y1, m1, d1)}{_SPACED}{self.full_day(y2, m2, d2)}"
        if m1 == m2:
            if self.dmy:
                return f"{d1}{_NDASH}{d2} {_MONTHS[m1]} {_year(y1)}"
            return f"{_MONTHS[m1]} {d1}{_NDASH}{d2}, {_year(y1)}"
        both = f"{self.day_month(m1, d1)}{_SPACED}{self.day_month(m2, d2)}"
        return f"{both} {_year(y1)}" if self.dmy else f"{both}, {_year(y1)}"

    @staticmethod
    def months(y1: int, m1: int, y2: int, m2: int) -> str:
        """From one month to another: "March–May 2021", "November 2021 – February 2022"."""
        if y1 == y2:
            return f"{_MONTHS[m1]}{_NDASH}{_MONTHS[m2]} {_year(y1)}"
        return f"{_MONTHS[m1]} {_year(y1)}{_SPACED}{_MONTHS[m2]} {_year(y2)}"

    def range(self, start: PartialDate, end: PartialDate) -> str:
        """Both ends known: the short forms where the Manual of Style has them.

        Ends that share one qualifier share its word ("around June 7–9,
        2021"); ends qualified apart read "from ... to ..." so that the word
        plainly belongs to one end ("from around 2019 to 2021").
        """
        shared = _whole_mark(start)
        if (
            shared is not False
            and shared == _whole_mark(end)
            and not (start.unspecified or end.unspecified)
            and start.precision is end.precision
        ):
            short = self.short_range(start, end)
            if short is not None:
                assert not isinstance(shared, bool)
                return _QUALIFIER_PREFIX[shared] + short
        first, first_zone = self.core(start)
        last, last_zone = self.core(end)
        if start.approximate or start.uncertain or end.approximate or end.uncertain:
            joint_zone = "" if first_zone == last_zone else first_zone
            return f"from {_qualified(start, first)}{joint_zone} to {_qualified(end, last)}{last_zone}"
        if first_zone == last_zone:
            return f"{first}{_SPACED}{last}{last_zone}"
        return f"{first}{first_zone}{_SPACED}{last}{last_zone}"

    def short_range(self, start: PartialDate, end: PartialDate) -> str | None:
        precision = start.precision
        y1, y2 = start.year, end.year
        assert y1 is not None
        assert y2 is not None
        if precision is Precision.YEAR:
            return _year_range(y1, y2)
        m1, m2 = start.month, end.month
        if precision is Precision.MONTH:
            assert m1 is not None
            assert m2 is not None
            return self.months(y1, m1, y2, m2)
        d1, d2 = start.day, end.day
        if precision is Precision.DAY:
            assert m1 is not None
            assert m2 is not None
            assert d1 is not None
            assert d2 is not None
            return self.days(y1, m1, d1, y2, m2, d2)
        if precision >= Precision.MINUTE and (y1, m1, d1) == (y2, m2, d2) and start.utc_offset == end.utc_offset:
            return f"{self.day(start)}, {_clock(start)}{_NDASH}{_clock(end)}{self.zone(start)}"
        return None

    # Unspecified digits ----------------------------------------------------

    def unspecified(self, point: PartialDate) -> str:
        """A value with ``X`` digits or significant digits, in words."""
        precision = point.precision
        _, month_mask, day_mask = _masks(point)
        alone, after_in = _year_phrases(point)
        if precision is Precision.YEAR:
            return alone
        if precision is Precision.SEASON:
            code = point.season
            assert code is not None
            if code in _SEASONS:
                return f"{''.join(_SEASONS[code])} in {after_in}"
            name, joint = _PARTS_OF_YEAR[code]
            return f"{name} of a year in {after_in}" if joint == " of " else f"{name} in {after_in}"
        year, month, day = point.year, point.month, point.day
        if year is None and month is not None:
            # Only the year is unspecified: June in the 1960s, June 6 in an unknown year.
            if precision is Precision.MONTH:
                return f"{_MONTHS[month]} in {after_in}"
            if day is not None:
                return f"{self.day_month(month, day)} in {after_in}"
            if day_mask == "XX":
                return f"some day in {_MONTHS[month]} in {after_in}"
        if year is not None and month_mask == "XX" and day_mask in (None, "XX"):
            return f"some {'month' if precision is Precision.MONTH else 'day'} in {alone}"
        if year is not None and month is not None and day_mask == "XX":
            return f"some day in {_MONTHS[month]} {alone}"
        (y1, m1, d1), (y2, m2, d2) = _span(point)
        if _contiguous(point):
            # The digits leave one unbroken span open: say the span.
            if precision is Precision.MONTH:
                return f"sometime in {self.months(y1, m1, y2, m2)}"
            return f"sometime in {self.days(y1, m1, d1, y2, m2, d2)}"
        # Digits left open at several places leave a span with gaps: say each part.
        month_words = _digit_range(month_mask, 1, 12, _MONTHS)
        if precision is Precision.MONTH:
            return f"a month in {month_words}, in {after_in}"
        day_words = "some day" if day_mask == "XX" else f"one of days {_digit_range(day_mask, 1, 31, None)}"
        return f"{day_words} in {month_words}, in {after_in}"


_QUALIFIER_WORDS: Final = {"?": "uncertain", "~": "approximate", "%": "approximate and uncertain"}


def _qualified(point: PartialDate, text: str) -> str:
    components = _components(point)
    marks = [point.qualifier_of(name) for name in components]
    if len(set(marks)) > 1:
        # EDTF level 2 qualifies components one by one: say which.
        notes = []
        for mark, words in _QUALIFIER_WORDS.items():
            names = [name for name, got in zip(components, marks, strict=True) if got == mark]
            if names:
                notes.append(f"{' and '.join(names)} {words}")
        return f"{text} ({'; '.join(notes)})"
    return _QUALIFIER_PREFIX[marks[0]] + text


_QUALIFIER_PREFIX: Final[dict[str | None, str]] = {
    None: "",
    "~": "around ",
    "?": "possibly ",
    "%": "possibly around ",
}
_UNITS: Final = {Precision.YEAR: "year", Precision.MONTH: "month", Precision.DAY: "day"}


def _components(point: PartialDate) -> list[str]:
    precision = point.precision
    components = ["year"]
    if precision is Precision.MONTH or precision >= Precision.DAY:
        components.append("month")
    if precision >= Precision.DAY:
        components.append("day")
    return components


def _whole_mark(point: PartialDate) -> str | bool | None:
    """The one qualifier of the whole value (None, "~", "?" or "%"), or False when components differ."""
    marks = {point.qualifier_of(name) for name in _components(point)}
    return marks.pop() if len(marks) == 1 else False


def _contiguous(point: PartialDate) -> bool:
    """True when the X digits leave one unbroken span: none is followed by a known digit."""
    digits = "".join(part or "" for part in _masks(point)).lstrip("-")
    return "X" not in digits.rstrip("X")


def _digit_range(mask: str | None, lowest: int, highest: int, names: tuple[str, ...] | None) -> str:
    """The months or days a two-digit mask such as ``1X`` allows, in words."""
    assert mask is not None
    allowed = [
        value
        for value in range(lowest, highest + 1)
        if all(want in ("X", got) for want, got in zip(mask, f"{value:02d}", strict=True))
    ]
    if names is not None and len(allowed) == highest - lowest + 1:
        return "any month"
    words = [names[value] if names else str(value) for value in allowed]
    if allowed == list(range(allowed[0], allowed[-1] + 1)) and len(allowed) > 2:
        return f"{words[0]}{_NDASH}{words[-1]}"
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _number(value: int) -> str:
    # The Manual of Style groups digits of numbers from five digits up, never years of four.
    return f"{value:,}" if value >= 10_000 else str(value)


def _year(year: int) -> str:
    """An astronomical year as people write it: year 0 is 1 BC, -43 is 44 BC."""
    return f"{_number(1 - year)} BC" if year <= 0 else _number(year)


def _year_range(first: int, last: int) -> str:
    if first == last:
        return _year(first)
    if last <= 0:
        return f"{_number(1 - first)}{_NDASH}{_number(1 - last)} BC"
    if first <= 0:
        return f"{_year(first)}{_SPACED}AD {_number(last)}"
    return f"{_number(first)}{_NDASH}{_number(last)}"


def _ordinal(value: int) -> str:
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


def _season(point: PartialDate) -> str:
    code, year = point.season, point.year
    assert code is not None
    assert year is not None
    if code in _SEASONS:
        name, where = _SEASONS[code]
        years = _year_range(year, year + 1) if code in _ACROSS_NEW_YEAR else _year(year)
        return f"{name} {years}{where}"
    name, joint = _PARTS_OF_YEAR[code]
    return f"{name}{joint}{_year(year)}"


def _clock(point: PartialDate) -> str:
    time = point.time
    assert time is not None
    hour, minute, second, micro = time
    text = f"{hour:02d}:{minute:02d}"
    if point.precision is Precision.SECOND and (second or micro):
        # Imported times often carry ":00" seconds; whole minutes read without them.
        text += f":{second:02d}"
        if micro:
            text += f".{micro:06d}".rstrip("0")
    return text


def _masks(point: PartialDate) -> tuple[str, str | None, str | None]:
    """The year, month and day digits as written, X included, with the year's sign."""
    text = _QUALIFIER_MARKS.sub("", point.text)
    negative = text.startswith("-")
    parts = text.lstrip("-").split("-")
    year = ("-" if negative else "") + parts[0]
    return year, parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None


def _span(point: PartialDate) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    # The first and last day the digits allow: PartialDate keeps them for its
    # bounds as plain tuples, which hold years of any size (dates do not).
    fields = point._fields
    first, last = fields[PartialDate._LODAY], fields[PartialDate._HIDAY]
    assert isinstance(first, tuple)
    assert isinstance(last, tuple)
    return first, last


def _year_phrases(point: PartialDate) -> tuple[str, str]:
    """The year as a phrase of its own and as one that follows "in"."""
    year = point.year
    (first, _, _), (last, _, _) = _span(point)
    if point.significant_digits is not None and year is not None:
        # Significant digits allow only a year, never a month after it.
        return f"{_year_range(first, last)} (estimated {_year(year)})", ""
    if year is not None:
        return _year(year), _year(year)
    mask = _masks(point)[0]
    if mask == "XXXX":
        return "an unknown year", "an unknown year"
    head = mask.rstrip("X")
    hidden = len(mask) - len(head)
    if head.isdigit() and int(head) > 0 and hidden <= 2:
        # 196X is "the 1960s"; 19XX, the years 1900-1999, "the 20th century" as
        # people say it (the strict 20th century runs 1901-2000).
        phrase = f"the {first}s" if hidden == 1 else f"the {_ordinal(int(head) + 1)} century"
        return phrase, phrase
    span = _year_range(first, last)
    tail = mask[len(mask.rstrip("0123456789")) :]
    if tail and "X" in mask.lstrip("-")[: len(mask.lstrip("-")) - len(tail)]:
        # 1X85: the years 1085, 1185, ... 1985, not every year between them.
        return f"a year ending in {tail} in {span}", f"a year ending in {tail} in {span}"
    return f"sometime in {span}", f"a year in {span}"


# Recurrence rules ---------------------------------------------------------

_WEEKDAYS: Final = {
    "MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday",
    "FR": "Friday", "SA": "Saturday", "SU": "Sunday",
}  # fmt: skip
_FREQ_UNITS: Final = {
    "YEARLY": "year", "MONTHLY": "month", "WEEKLY": "week", "DAILY": "day",
    "HOURLY": "hour", "MINUTELY": "minute", "SECONDLY": "second",
}  # fmt: skip
_RULE_PARTS: Final = frozenset({"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "COUNT", "UNTIL", "WKST"})
_ORDINAL_WORDS: Final = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last", -2: "second-to-last"}
_BYDAY_RE: Final = re.compile(r"([+-]?[0-9]{1,2})?(MO|TU|WE|TH|FR|SA|SU)")


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _rule_words(parts: dict[str, str]) -> str | None:
    """ "every 2 weeks on Tuesday", or None for a rule beyond the common forms."""
    unit = _FREQ_UNITS.get(parts.get("FREQ", ""))
    interval_text = parts.get("INTERVAL", "1")
    if unit is None or not set(parts) <= _RULE_PARTS or not interval_text.isdigit() or int(interval_text) < 1:
        return None
    interval = int(interval_text)
    if "WKST" in parts and interval > 1 and unit == "week" and "BYDAY" in parts:
        return None  # the week start moves which days fall in every other week; no short words for that
    every = f"every {unit}" if interval == 1 else f"every {interval} {unit}s"
    if unit == "day" and interval == 2:
        every = "every other day"
    on: list[str] = []
    if "BYDAY" in parts:
        days = []
        for item in parts["BYDAY"].split(","):
            match = _BYDAY_RE.fullmatch(item)
            if match is None:
                return None
            number, day = match.groups()
            if number is None:
                days.append(_WEEKDAYS[day] + ("s" if unit in ("month", "year") else ""))
            elif int(number) in _ORDINAL_WORDS and unit in ("month", "year"):
                days.append(f"the {_ORDINAL_WORDS[int(number)]} {_WEEKDAYS[day]}")
            else:
                return None
        if unit == "week" and interval == 1 and not any(day.startswith("the ") for day in days):
            weekdays = [name for name in _WEEKDAYS.values() if name in days]
            if weekdays == list(_WEEKDAYS.values())[:5]:
                return "every weekday"
            return "every " + _listed(weekdays)
        if unit in ("day", "hour", "minute", "second") or unit == "week":
            on.append("on " + _listed(days))
        else:
            on.append("on " + _listed(days) + (" of the year" if unit == "year" else ""))
    if "BYMONTHDAY" in parts:
        if unit not in ("month", "year"):
            return None
        days = []
        for item in parts["BYMONTHDAY"].split(","):
            if not item.lstrip("+-").isdigit() or not 1 <= abs(int(item)) <= 31:
                return None
            value = int(item)
            if value < -1:
                return None
            days.append("the last day" if value == -1 else f"the {_ordinal(value)}")
        on.append("on " + _listed(days) + ("" if unit == "month" else " of a month"))
    return " ".join([every, *on])


_UNTIL_RE: Final = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})(?:T([0-9]{2})([0-9]{2})([0-9]{2})(Z?))?")


def _until(text: str) -> When | None:
    match = _UNTIL_RE.fullmatch(text)
    if match is None:
        return None
    year, month, day, hour, minute, second, zulu = match.groups()
    edtf = f"{year}-{month}-{day}"
    if hour is not None:
        edtf += f"T{hour}:{minute}:{second}{zulu}"
    try:
        return When(edtf)
    except ValueError:
        return None


# Headings -----------------------------------------------------------------
# Chronologies (Markdown, the terminal) file events under their start's year.

_QUALIFIER_MARKS: Final = re.compile("[?~%]")
_YEAR_RE: Final = re.compile(r"Y-?[0-9]+(?:E[0-9]+)?(?:S[0-9]+)?|-?[0-9X]{4}(?:S[0-9]+)?")


def year_text(point: PartialDate) -> str:
    """The EDTF year of ``point`` as written, without month, day or qualifier: ``196X``, ``Y17E7S3``."""
    match = _YEAR_RE.match(_QUALIFIER_MARKS.sub("", point.text))
    assert match is not None
    return match.group()


def capital(text: str) -> str:
    """``text`` with a capital first letter, for the start of a heading or an entry."""
    return text[:1].upper() + text[1:]


def year_heading(when: When, style: Style = "mdy") -> str:
    """The heading a chronology files ``when`` under: its start's year in words.

    >>> [year_heading(When(text)) for text in ("2021-06-06", "196X~", "-0043", "/2021-06-08", "1950S2")]
    ['2021', 'The 1960s', '44 BC', 'Until 2021', '1900–1999 (estimated 1950)']
    """
    text = when._text
    if text[:4].isdigit() and text[:4].isascii() and text[4:5] in ("", "-", "/"):
        # A start that is a plain year, month or day (alone or beginning an interval): its year is
        # its first four digits, read without parsing the start (the event keeps its When lean).
        start_text = text.partition("/")[0]
        if start_text[4:5] in ("", "-") and start_text[-1:].isdigit():
            return _year_heading(text[:4], style)
    start = when.start
    if start is None:
        # A set open at both ends ([..1900,1950..]) files under its first member's end.
        end = when.end or when.members()[0].end
        assert end is not None
        return capital(describe(When("/" + year_text(end)), style=style))
    text = start.text
    # A plain year (the most common start by far) needs no pattern to find.
    year = text[:4] if text[:4].isdigit() and text[4:5] in ("", "-") and text[:4].isascii() else year_text(start)
    return _year_heading(year, style)


def _year_heading(year: str, style: Style) -> str:
    entry = (year, style)
    heading = _YEAR_HEADINGS.get(entry)
    if heading is None:  # a chronology has a few hundred years at most: each is described once
        if len(_YEAR_HEADINGS) > 10_000:
            _YEAR_HEADINGS.clear()
        heading = _YEAR_HEADINGS[entry] = capital(describe(year, style=style))
    return heading


_YEAR_HEADINGS: dict[tuple[str, str], str] = {}
