"""Date phrases in English text, read against a reference date.

"In March", "June 6", "early next week", "Tuesday night": news stories,
minutes and reports date their events relative to the day they were
written. :func:`resolve` turns one such phrase into a :class:`When` that
keeps the precision the phrase has (a month stays a month, a week an ISO
week); :func:`find_dates` finds every phrase in a text and reports where it
is.

Every phrase the library reads is one row of :data:`RULES`, the rule table
at the foot of this module: a name, a regular expression, a function that
builds the EDTF text from the match, and, for words that are dates only in
some company ("May", "spring", "2000"), a guard that :func:`find_dates`
applies. Adding a phrase is adding a row (and a test). docs/phrases.md
explains each row with examples.

Calendar arithmetic is python-dateutil's (``relativedelta`` for months and
nth weekdays, ``easter`` for the movable feasts).
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from typing import Final, Literal, cast

import attrs
from dateutil.easter import easter
from dateutil.relativedelta import MO, TH, TU, relativedelta

from timeline import limits
from timeline._when import Precision, When
from timeline.errors import ParseError

__all__ = ["RULES", "Mention", "Rule", "find_dates", "resolve"]

Prefer = Literal["past", "future"]
Numeric = Literal["mdy", "dmy"]
# How a repeating thing (a weekday, a month, a holiday) is pinned to one
# occurrence: by a word in the phrase ("last", "this", "next") or, without
# one, by the caller's or the sentence's preference (None is "nearest").
_Pick = Literal["last", "this", "next", "past", "future", "nearest"] | None
_Span = tuple[date, date, str]  # first day, last day, EDTF text


@attrs.frozen
class Mention:
    """A date phrase found in a text by :func:`find_dates`.

    Args:
        start: Offset of the phrase's first character in the text.
        end: Offset just past its last character: ``text[start:end]`` is the phrase.
        text: The phrase as written.
        when: What it means against the reference date.
        sentence: ``(start, end)`` offsets of the sentence the phrase is in.

    >>> Mention(0, 8, "in March", When("2021-03"), (0, 20))
    Mention(start=0, end=8, text='in March', when=When('2021-03'), sentence=(0, 20))
    """

    start: int
    end: int
    text: str
    when: When
    sentence: tuple[int, int]


@attrs.frozen
class _Context:
    reference: date
    prefer: Prefer | None
    numeric: Numeric | None


def _compile(pattern: str | re.Pattern[str]) -> re.Pattern[str]:
    if isinstance(pattern, re.Pattern):
        return pattern
    # A phrase starts a word. Saying so first lets a search skip the middle of
    # words at once, instead of trying every alternative of an optional first
    # group ("last", "the", a weekday) at every character: a third less time
    # for find_dates on an article, measured with benchmarks/phrases.py.
    return re.compile(f"(?<![A-Za-z0-9])(?:{pattern})")


Build = Callable[[re.Match[str], _Context], str]
Guard = Callable[[str, re.Match[str]], bool]


@attrs.frozen
class Rule:
    """One row of the rule table: a kind of date phrase and how to read it.

    Args:
        name: A short name, used in docs/phrases.md and the tests.
        pattern: The regular expression (case-sensitive; words that may open
            a sentence list both spellings).
        build: Turns a match into EDTF text.
        guard: For :func:`find_dates` only: False rejects a match whose
            surroundings say it is no date (``May`` in "Theresa May said").
        examples: Phrases the rule reads.
    """

    name: str
    pattern: re.Pattern[str] = attrs.field(converter=_compile)
    build: Build
    guard: Guard | None = None
    examples: tuple[str, ...] = ()


# --- Words -------------------------------------------------------------------


def _caps(*words: str) -> str:
    """An alternation of ``words``, each also capitalized: it may open a sentence."""
    spelled = []
    for word in words:
        spelled += [word, word[0].upper() + word[1:]]
    return "(?:" + "|".join(spelled) + ")"


_MONTHS: Final = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS: Final = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_NUMBERS: Final = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_ORDINALS: Final = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}
# Northern-hemisphere seasons, as EDTF's codes 21-24.
_SEASONS: Final = {"spring": 21, "summer": 22, "fall": 23, "autumn": 23, "winter": 24}

_MONTH_FULL: Final = "(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# Abbreviations only next to a day or a year (AP style): "Jan" alone is a name.
_MONTH_ANY: Final = rf"(?:{_MONTH_FULL}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
_WEEKDAY: Final = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY: Final = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR: Final = r"(?:1[0-9]{3}|20[0-9]{2})"
_DASH: Final = r"\s*(?:-|–|—)\s*"
# "this past weekend" is last weekend, written so as not to be read as the coming one.
_REL: Final = rf"(?:{_caps('this past')}|{_caps('last', 'this', 'next')})"
_NUMBER: Final = rf"(?:[1-9][0-9]?|{_caps(*_NUMBERS)})"
_TIME_OF_DAY: Final = r"(?:\s+(?:morning|afternoon|evening|night))"
_SEASON: Final = _caps("spring", "summer", "fall", "autumn", "winter")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- Calendar helpers ----------------------------------------------------------


def _day_text(day: date, qualifier: str = "") -> str:
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}{qualifier}"


def _month_text(year: int, month: int, qualifier: str = "") -> str:
    return f"{year:04d}-{month:02d}{qualifier}"


def _week_text(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _interval(first: str, last: str) -> str:
    return first if first == last else f"{first}/{last}"


def _month_of(name: str) -> int:
    return _MONTHS[name.rstrip(".").lower()]


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _NUMBERS[text.lower()]


def _day_number(text: str) -> int:
    return int(text.rstrip("stndrh"))


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _safe(make: Callable[[int], _Span | None]) -> Callable[[int], _Span | None]:
    """``make``, giving None where the calendar has no such day (Feb 29, year 10000)."""

    def wrapped(key: int) -> _Span | None:
        try:
            return make(key)
        except (ValueError, OverflowError):
            return None

    return wrapped


def _pick(make: Callable[[int], _Span | None], keys: range, this: int, pick: _Pick, ctx: _Context) -> str:
    """Pin a repeating thing to one occurrence around the reference date.

    ``make(key)`` gives an occurrence (first day, last day, text), ``keys``
    are the occurrences to consider in order and ``this`` is the key of the
    reference's own period (its year, or week offset 0).

    - ``last``: the latest occurrence that ends before the reference day;
    - ``next``: the earliest that starts after it;
    - ``this``: the one that holds the reference day, else the key ``this``;
    - ``past``: the latest that starts on or before the reference day;
    - ``future``: the earliest that ends on or after it;
    - ``nearest`` (also None when the context prefers neither): the one
      that holds the reference day, else the one closest to it, the
      earlier on a tie.
    """
    ref = ctx.reference
    found = [(key, span) for key in keys if (span := _safe(make)(key)) is not None]
    if pick is None:
        pick = ctx.prefer
    chosen: _Span | None = None
    if pick == "last":
        chosen = next((s for _, s in reversed(found) if s[1] < ref), None)
    elif pick == "next":
        chosen = next((s for _, s in found if s[0] > ref), None)
    elif pick == "this":
        chosen = next((s for _, s in found if s[0] <= ref <= s[1]), None)
        chosen = chosen or next((s for k, s in found if k == this), None)
    elif pick == "past":
        chosen = next((s for _, s in reversed(found) if s[0] <= ref), None)
    elif pick == "future":
        chosen = next((s for _, s in found if s[1] >= ref), None)
    elif found:
        chosen = min((s for _, s in found), key=lambda s: (max(s[0] - ref, ref - s[1], timedelta(0)), s[0]))
    if chosen is None:
        raise ParseError(f"no occurrence near {ref.isoformat()} can be told apart")
    return chosen[2]


def _yearly(make: Callable[[int], _Span | None], pick: _Pick, ctx: _Context, spread: int = 2) -> str:
    year = ctx.reference.year
    return _pick(make, range(year - spread, year + spread + 1), year, pick, ctx)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _weekday_span(weekday: int, pick: _Pick, ctx: _Context) -> tuple[date, str]:
    monday = _monday(ctx.reference)

    def make(offset: int) -> _Span:
        day = monday + timedelta(days=7 * offset + weekday)
        return day, day, _day_text(day)

    text = _pick(make, range(-2, 3), 0, pick, ctx)
    return date.fromisoformat(text), text


_REL_WORDS: Final = {"last": "last", "this past": "last", "this": "this", "next": "next"}


def _rel(m: re.Match[str]) -> _Pick:
    word = m.groupdict().get("rel")
    return None if word is None else cast(_Pick, _REL_WORDS[" ".join(word.lower().split())])


def _relative(delta: timedelta | relativedelta, ctx: _Context) -> date:
    try:
        moved = ctx.reference + delta
    except OverflowError as exc:
        raise ParseError(f"it falls outside the years 1-9999 from {ctx.reference.isoformat()}") from exc
    assert isinstance(moved, date)
    return moved


def _approximate(text: str) -> str:
    """Mark every end of an unqualified EDTF text approximate: ``2019/2021`` -> ``2019~/2021~``."""
    return "/".join(end + "~" for end in text.split("/"))


# --- Builders -------------------------------------------------------------------


def _year_group(m: re.Match[str], name: str = "year") -> int | None:
    text = m.groupdict().get(name)
    return None if text is None else int(text)


def _build_iso(m: re.Match[str], ctx: _Context) -> str:
    return _day_text(date(int(m["year"]), int(m["month"]), int(m["day"])))


def _build_numeric(m: re.Match[str], ctx: _Context) -> str:
    if ctx.numeric is None:
        raise ParseError(f"{m[0]!r} may be month/day or day/month: say which with numeric='mdy' or 'dmy'")
    first, second = int(m["a"]), int(m["b"])
    month, day = (first, second) if ctx.numeric == "mdy" else (second, first)
    return _day_text(date(int(m["year"]), month, day))


def _check_day(year: int | None, month: int, day: int) -> None:
    if day > (29 if month == 2 else _last_day(2000, month)):
        raise ParseError(f"day {day} does not exist in month {month}")
    if year is not None:
        date(year, month, day)


def _build_day(m: re.Match[str], ctx: _Context) -> str:
    month, day, year = _month_of(m["month"]), _day_number(m["day"]), _year_group(m)
    _check_day(year, month, day)
    weekday = m["weekday"]
    if year is not None:
        found = date(year, month, day)
        if weekday is not None and found.weekday() != _WEEKDAYS[weekday.lower()]:
            raise ParseError(f"{m[0]!r}: {_day_text(found)} is a {found.strftime('%A')}, not a {weekday}")
        return _day_text(found)

    def make(key: int) -> _Span | None:
        found = date(key, month, day)
        if weekday is not None and found.weekday() != _WEEKDAYS[weekday.lower()]:
            return None  # "Sunday, June 6": only a year where June 6 is a Sunday
        return found, found, _day_text(found)

    if weekday is None:
        return _yearly(make, None, ctx, 8)  # February 29 comes back after up to 8 years
    # The weekday is the stronger clue: the nearest year that fits it, whichever
    # way the sentence looks ("was moved to Wednesday, Oct. 2").
    return _yearly(make, "nearest", ctx, 40)


def _day_range(year: int | None, first: tuple[int, int], last: tuple[int, int], ctx: _Context) -> str:
    _check_day(None, *first)
    _check_day(None, *last)
    if first[0] == last[0] and last[1] <= first[1]:
        raise ParseError(f"the range ends on day {last[1]}, not after day {first[1]}")
    wraps = last[0] < first[0]  # "Dec. 30-Jan. 2"

    def make(key: int) -> _Span:
        start = date(key, *first)
        end = date(key + wraps, *last)
        return start, end, f"{_day_text(start)}/{_day_text(end)}"

    if year is not None:
        # A year written after a range belongs to its end.
        return make(year - wraps)[2]
    return _yearly(_safe(make), None, ctx)


def _build_day_range(m: re.Match[str], ctx: _Context) -> str:
    month = _month_of(m["month"])
    last_month = _month_of(m["month2"]) if m["month2"] else month
    first, last = (month, _day_number(m["day"])), (last_month, _day_number(m["day2"]))
    if m["joint"].strip() == "and" and (first[0], first[1] + 1) != last:
        raise ParseError(f"{m[0]!r} names two days that do not follow each other")
    return _day_range(_year_group(m), first, last, ctx)


def _build_day_range_first(m: re.Match[str], ctx: _Context) -> str:
    month = _month_of(m["month"])
    return _day_range(_year_group(m), (month, _day_number(m["day"])), (month, _day_number(m["day2"])), ctx)


def _build_month_year(m: re.Match[str], ctx: _Context) -> str:
    return _month_text(int(m["year"]), _month_of(m["month"]))


def _build_month(m: re.Match[str], ctx: _Context) -> str:
    month = _month_of(m["month"])

    def make(year: int) -> _Span:
        return date(year, month, 1), date(year, month, _last_day(year, month)), _month_text(year, month)

    return _yearly(make, _rel(m), ctx)


def _grouping(year: int, code: int) -> _Span:
    when = When(f"{year:04d}-{code}")
    first, last = when.earliest(), when.latest()
    assert isinstance(first, date)
    assert isinstance(last, date)
    return first, last, str(when)


def _build_season(m: re.Match[str], ctx: _Context) -> str:
    code = _SEASONS[m["season"].lower()]
    year = _year_group(m)
    if year is not None:
        return f"{year:04d}-{code}"
    return _yearly(lambda y: _grouping(y, code), _rel(m), ctx)


def _build_quarter(m: re.Match[str], ctx: _Context) -> str:
    quarter = int(m["q"]) if m["q"] else _ORDINALS[m["qword"].lower()]
    code = 32 + quarter
    year = _year_group(m)
    if year is not None:
        return f"{year:04d}-{code}"
    return _yearly(lambda y: _grouping(y, code), None, ctx)


def _year_of(text: str, ctx: _Context) -> int:
    """The year of "2021", "this year", "last year", "next year" or "the year"."""
    word = text.split(maxsplit=1)[0].lower()
    if text.isdigit():
        return int(text)
    return ctx.reference.year + {"last": -1, "next": 1}.get(word, 0)


def _build_half(m: re.Match[str], ctx: _Context) -> str:
    return f"{_year_of(m['of'], ctx):04d}-{40 if m['half'].lower() == 'first' else 41}"


def _build_year(m: re.Match[str], ctx: _Context) -> str:
    return f"{int(m['year']):04d}"


def _build_year_range(m: re.Match[str], ctx: _Context) -> str:
    first, last = int(m["year"]), m["year2"]
    end = int(last) if len(last) == 4 else first // 100 * 100 + int(last)
    if end <= first:
        raise ParseError(f"{m[0]!r} does not end after it begins")
    return f"{first:04d}/{end:04d}"


def _build_decade(m: re.Match[str], ctx: _Context) -> str:
    if m["decade"]:
        return f"{m['decade'][:3]}X"
    short = int(m["short"])
    century = ctx.reference.year // 100 * 100
    start = century + short if century + short <= ctx.reference.year else century - 100 + short
    return f"{start // 10:03d}X"


def _build_relative_unit(m: re.Match[str], ctx: _Context) -> str:
    step = {"last": -1, "this": 0, "next": 1}[_REL_WORDS[" ".join(m["rel"].lower().split())]]
    unit = m["unit"]
    ref = ctx.reference
    if unit == "week":
        return _week_text(_relative(timedelta(weeks=step), ctx))
    if unit == "weekend":
        saturday = _relative(timedelta(days=5 - ref.weekday() + 7 * step), ctx)
        return f"{_day_text(saturday)}/{_day_text(_relative(timedelta(days=6 - ref.weekday() + 7 * step), ctx))}"
    if unit == "month":
        moved = _relative(relativedelta(months=step), ctx)
        return _month_text(moved.year, moved.month)
    if unit == "quarter":
        moved = _relative(relativedelta(months=3 * step), ctx)
        return f"{moved.year:04d}-{33 + (moved.month - 1) // 3}"
    if unit == "decade":
        return f"{ref.year // 10 + step:03d}X"
    return f"{ref.year + step:04d}"


def _build_earlier_later(m: re.Match[str], ctx: _Context) -> str:
    ref = ctx.reference
    earlier = m["side"].lower() == "earlier"
    unit = m["unit"]
    if unit == "year":
        first, last = (1, ref.month - 1) if earlier else (ref.month + 1, 12)
        if first > last:
            raise ParseError(f"{m[0]!r} is empty on {ref.isoformat()}")
        return _interval(_month_text(ref.year, first), _month_text(ref.year, last))
    if unit == "week":
        start, end = _monday(ref), _monday(ref) + timedelta(days=6)
    else:
        start, end = ref.replace(day=1), ref.replace(day=_last_day(ref.year, ref.month))
    lo, hi = (start, ref - timedelta(days=1)) if earlier else (ref + timedelta(days=1), end)
    if lo > hi:
        raise ParseError(f"{m[0]!r} is empty on {ref.isoformat()}")
    return _interval(_day_text(lo), _day_text(hi))


def _build_the_weekend(m: re.Match[str], ctx: _Context) -> str:
    monday = _monday(ctx.reference)

    def make(offset: int) -> _Span:
        saturday = monday + timedelta(days=7 * offset + 5)
        sunday = saturday + timedelta(days=1)
        return saturday, sunday, f"{_day_text(saturday)}/{_day_text(sunday)}"

    return _pick(make, range(-2, 3), 0, None, ctx)


def _build_count(m: re.Match[str], ctx: _Context) -> str:
    # "in two days", "two days ago" and "two days from now" are dates; "two days" alone is a length.
    if bool(m["in"]) == bool(m["ago"] or m["now"]):
        raise ParseError(f"{m[0]!r} is a length of time, not a date")
    count = _number(m["n"])
    sign = -1 if m["ago"] else 1
    unit = m["unit"].rstrip("s")
    if unit == "day":
        return _day_text(_relative(timedelta(days=sign * count), ctx))
    if unit == "week":
        return _week_text(_relative(timedelta(weeks=sign * count), ctx))
    if unit == "month":
        moved = _relative(relativedelta(months=sign * count), ctx)
        return _month_text(moved.year, moved.month)
    if unit == "decade":
        # "Two decades ago" is a year, give or take: the phrase is a round number.
        return f"{_relative(relativedelta(years=10 * sign * count), ctx).year:04d}~"
    return f"{_relative(relativedelta(years=sign * count), ctx).year:04d}"


_DAY_WORDS: Final = {
    "yesterday": -1,
    "today": 0,
    "tonight": 0,
    "tomorrow": 1,
    "last night": -1,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}


def _build_day_word(m: re.Match[str], ctx: _Context) -> str:
    words = " ".join(m["word"].lower().split())
    return _day_text(_relative(timedelta(days=_DAY_WORDS[words]), ctx))


def _build_weekday(m: re.Match[str], ctx: _Context) -> str:
    return _weekday_span(_WEEKDAYS[m["weekday"].lower()], _rel(m), ctx)[1]


def _build_weekday_pair(m: re.Match[str], ctx: _Context) -> str:
    first, second = _WEEKDAYS[m["weekday"].lower()], _WEEKDAYS[m["weekday2"].lower()]
    gap = (second - first) % 7
    if gap == 0 or (m["joint"].strip() == "and" and gap != 1):
        raise ParseError(f"{m[0]!r} names two days that do not follow each other")
    start, text = _weekday_span(first, _rel(m), ctx)
    return f"{text}/{_day_text(start + timedelta(days=gap))}"


def _nth_weekday(month: int, weekday: relativedelta, day: int = 1) -> Callable[[int], date]:
    return lambda year: date(year, month, day) + weekday


def _fixed(month: int, day: int) -> Callable[[int], date]:
    return lambda year: date(year, month, day)


def _after(day: Callable[[int], date], days: int) -> Callable[[int], date]:
    return lambda year: day(year) + timedelta(days=days)


# US federal holidays (5 U.S.C. 6103) and the feasts news stories date by.
_HOLIDAYS: Final[tuple[tuple[str, Callable[[int], date]], ...]] = (
    ("New Year['’]s Day", _fixed(1, 1)),
    ("New Year['’]s Eve", _fixed(12, 31)),
    ("Martin Luther King(?: Jr\\.?)? Day|MLK Day", _nth_weekday(1, relativedelta(weekday=MO(+3)))),
    ("Presidents['’]? Day|Washington['’]s Birthday", _nth_weekday(2, relativedelta(weekday=MO(+3)))),
    ("Memorial Day", _nth_weekday(5, relativedelta(weekday=MO(-1)), 31)),
    ("Juneteenth", _fixed(6, 19)),
    ("Independence Day|the Fourth of July|July Fourth", _fixed(7, 4)),
    ("Labor Day", _nth_weekday(9, relativedelta(weekday=MO(+1)))),
    ("Columbus Day|Indigenous Peoples['’]? Day", _nth_weekday(10, relativedelta(weekday=MO(+2)))),
    ("Veterans['’]? Day", _fixed(11, 11)),
    ("Election Day", _nth_weekday(11, relativedelta(weekday=TU(+1)), 2)),
    ("Thanksgiving(?: Day)?", _nth_weekday(11, relativedelta(weekday=TH(+4)))),
    ("Christmas Eve", _fixed(12, 24)),
    ("Christmas(?: Day)?", _fixed(12, 25)),
    ("Black Friday", _after(_nth_weekday(11, relativedelta(weekday=TH(+4))), 1)),
    ("Cyber Monday", _after(_nth_weekday(11, relativedelta(weekday=TH(+4))), 4)),
    ("Mardi Gras|Fat Tuesday", _after(easter, -47)),
    ("Ash Wednesday", _after(easter, -46)),
    ("Palm Sunday", _after(easter, -7)),
    ("Maundy Thursday|Holy Thursday", _after(easter, -3)),
    ("Good Friday", _after(easter, -2)),
    ("Easter Monday", _after(easter, 1)),
    ("Easter(?: Sunday)?", easter),
)
_HOLIDAY_RES: Final = tuple((re.compile(name), make) for name, make in _HOLIDAYS)


def _build_holiday(m: re.Match[str], ctx: _Context) -> str:
    make = next(make for pattern, make in _HOLIDAY_RES if pattern.fullmatch(m["holiday"]))
    year = _year_group(m)
    if year is not None:
        return _day_text(make(year))

    def span(key: int) -> _Span:
        day = make(key)
        return day, day, _day_text(day)

    return _yearly(span, _rel(m), ctx)


def _build_week_of_month(m: re.Match[str], ctx: _Context) -> str:
    month = _inner(m["of"], ctx)  # the pattern lets through months only
    first = month.earliest()
    last = month.latest()
    assert isinstance(first, date)
    assert isinstance(last, date)
    nth = _ORDINALS[m["nth"].lower()]
    start = last - timedelta(days=6) if nth < 0 else first + timedelta(weeks=nth - 1)
    return f"{_day_text(start)}/{_day_text(start + timedelta(days=6))}"


def _build_approximate(m: re.Match[str], ctx: _Context) -> str:
    return _approximate(str(_inner(m["a"], ctx)))


# Parts of a period, as (first, last) positions counted from 1; a negative
# position counts from the end. Units: days of a week or month, months of a
# year or a season, years of a decade.
_PARTS: Final = {
    "early": {"week": (1, 3), "month": (1, 10), "year": (1, 4), "decade": (0, 3), "season": (1, 1)},
    "mid": {"week": (2, 4), "month": (11, 20), "year": (5, 8), "decade": (4, 6), "season": (2, 2)},
    "late": {"week": (4, 7), "month": (21, -1), "year": (9, 12), "decade": (7, 9), "season": (3, 3)},
    "start": {"week": (1, 1), "month": (1, 7), "year": (1, 1), "decade": (0, 1), "season": (1, 1)},
    "end": {"week": (5, 7), "month": (-7, -1), "year": (12, 12), "decade": (8, 9), "season": (3, 3)},
}
_PART_WORDS: Final = {
    "early": "early",
    "mid": "mid",
    "mid-": "mid",
    "late": "late",
    "the start of": "start",
    "the beginning of": "start",
    "the middle of": "mid",
    "the end of": "end",
}


def _build_part(m: re.Match[str], ctx: _Context) -> str:
    part = _PART_WORDS[" ".join(m["part"].lower().split())]
    whole = _inner(m["a"], ctx)
    if whole.is_interval or whole.approximate:
        raise ParseError(f"{m['a']!r} has no {part} part this library can tell")
    first, last = whole.earliest(), whole.latest()
    assert isinstance(first, date)
    assert isinstance(last, date)
    precision = whole.precision
    if precision == Precision.DAY:
        return str(whole)  # "late Tuesday": nothing finer than the day is known
    if precision in (Precision.WEEK, Precision.MONTH):
        lo, hi = _PARTS[part]["week" if precision == Precision.WEEK else "month"]
        length = (last - first).days + 1
        lo, hi = (lo if lo > 0 else length + 1 + lo), (hi if hi > 0 else length + 1 + hi)
        return _interval(_day_text(first + timedelta(days=lo - 1), "~"), _day_text(first + timedelta(days=hi - 1), "~"))
    if whole.unspecified:  # a decade, 199X
        lo, hi = _PARTS[part]["decade"]
        return _interval(f"{first.year + lo:04d}~", f"{first.year + hi:04d}~")
    lo, hi = _PARTS[part]["season" if precision == Precision.SEASON else "year"]
    months = [first + relativedelta(months=k) for k in range(lo - 1, hi)]
    return _interval(
        _month_text(months[0].year, months[0].month, "~"), _month_text(months[-1].year, months[-1].month, "~")
    )


def _build_range(m: re.Match[str], ctx: _Context) -> str:
    # A year is usually written once, at the end ("from June 6 to June 8,
    # 2021"): read the end first, then the start as the latest occurrence
    # that begins by the end's last day.
    end = _inner(m["b"], ctx)
    last = end.latest()
    assert isinstance(last, date)
    start = _inner(m["a"], attrs.evolve(ctx, reference=last, prefer="past"))
    first_text = str(start).split("/")[0]
    last_text = str(end).split("/")[-1]
    return str(When(f"{first_text}/{last_text}"))


def _build_since(m: re.Match[str], ctx: _Context) -> str:
    # "Since March": from March up to the day the text was written; the phrase
    # itself looks back, whatever its sentence does.
    start = _inner(m["a"], attrs.evolve(ctx, prefer="past"))
    first = start.earliest()
    assert isinstance(first, date)
    if first > ctx.reference:
        raise ParseError(f"{m[0]!r} begins after {ctx.reference.isoformat()}, the day it was written")
    return f"{str(start).split('/')[0]}/{_day_text(ctx.reference)}"


# --- Guards (find_dates only) -----------------------------------------------------

_WORD_BEFORE_RE: Final = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]+)[^\w\n]{0,3}$")
_WORD_AFTER_RE: Final = re.compile(r"\s+([a-z]+)")
_TWO_WORDS_BEFORE_RE: Final = re.compile(r"(?:(?<![A-Za-z0-9])([A-Za-z0-9]+)\s+)?(?<![A-Za-z0-9])([A-Za-z0-9]+)\s+$")
# Words after which a bare month, season or year is a date: "in May", "by 2020".
_CUES: Final = _words(
    "in on since by until till through throughout from during before after of for early late mid around "
    "about circa last this next that"
)
_JOINS: Final = frozenset({"and", "or", "to", "nor"})
# A count, not a year: "about 2000 people", "the 1500 troops".
_NOT_COUNTED: Final = _words("was has is as this its his us thus always unless perhaps")


def _words_before(text: str, at: int) -> list[str]:
    """The (up to) two words just before offset ``at``, nearest first, as written.

    Only words separated by spaces count: "in May" has "in" before "May",
    "in. May" and "(in) May" have none.
    """
    found = _TWO_WORDS_BEFORE_RE.search(text, max(0, at - 40), at)
    if found is None:
        return []
    return [word for word in (found[2], found[1]) if word]


def _word_before(text: str, at: int) -> str:
    words = _words_before(text, at)
    return words[0].lower() if words else ""


def _after_cue(text: str, m: re.Match[str], joined: re.Pattern[str]) -> bool:
    """The word before is a cue, or a join after something ``joined`` matches ("March and May")."""
    words = _words_before(text, m.start())
    before = words[0].lower() if words else ""
    if before in _CUES:
        return True
    return before in _JOINS and len(words) > 1 and bool(joined.fullmatch(words[1]))


def _counted(text: str, m: re.Match[str]) -> bool:
    after = _WORD_AFTER_RE.match(text, m.end())
    if after is None:
        return False
    word = after[1]
    return word in {"people", "children", "men", "women", "more", "troops"} or (
        word.endswith("s") and len(word) > 3 and word not in _NOT_COUNTED
    )


_MONTH_NAME_RE: Final = re.compile(_MONTH_FULL)
_YEAR_RE: Final = re.compile(_YEAR)
_SEASON_RE: Final = re.compile(_SEASON)
_OF_RE: Final = re.compile(r"\s+of\b")
_HOLIDAY_THING_RE: Final = re.compile(
    r"\s+(?:trees?|cards?|carols?|eggs?|lights?|songs?|music|movies?|films?|specials?|decorations?|ornaments?"
    r"|presents?|gifts?|markets?|Island|Bunny|Rising)\b"
)


def _guard_month(text: str, m: re.Match[str]) -> bool:
    if m["rel"]:
        return _word_before(text, m.start()) != "the"
    return _after_cue(text, m, _MONTH_NAME_RE)


def _guard_year(text: str, m: re.Match[str]) -> bool:
    if _counted(text, m):
        return False
    return _word_before(text, m.start()) == "the" or _after_cue(text, m, _YEAR_RE)


def _guard_season(text: str, m: re.Match[str]) -> bool:
    if m["year"] or m["rel"]:
        return True
    # "the fall of Rome", "the spring of her life": of what, if not of a year, is no season.
    return _after_cue(text, m, _SEASON_RE) and not _OF_RE.match(text, m.end())


def _guard_not_after_the(text: str, m: re.Match[str]) -> bool:
    # "the next day", "the last week": counted from the story's events, not from the reference.
    return _word_before(text, m.start()) not in {"the", "a", "that"}


def _guard_quarter(text: str, m: re.Match[str]) -> bool:
    # "in the first quarter" is also a game's first quarter; a year or "Q2" settles it.
    return bool(m["q"] or m["year"])


def _guard_holiday(text: str, m: re.Match[str]) -> bool:
    # "a Christmas tree", "Easter eggs", "Christmas Island": things named after the day, not the day.
    after = _HOLIDAY_THING_RE.match(text, m.end())
    return after is None


def _guard_approximate(text: str, m: re.Match[str]) -> bool:
    return not _counted(text, m)


# --- The rule table -----------------------------------------------------------------

_WEEKDAY_SPEC: Final = rf"(?:(?P<rel>{_REL})\s+)?(?P<weekday>{_WEEKDAY}){_TIME_OF_DAY}?"
_YEAR_AFTER: Final = rf"(?:,?\s+(?:of\s+)?(?P<year>{_YEAR}))"

# Simple phrases, most specific first: a composite rule's inner phrase is
# tried in this order, so "June 6, 2021" wins over "June" inside "around ...".
_ATOMS: Final = (
    Rule(
        "iso date",
        r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})",
        _build_iso,
        examples=("2021-06-06",),
    ),
    Rule(
        "numeric date",
        rf"(?P<a>[0-9]{{1,2}})/(?P<b>[0-9]{{1,2}})/(?P<year>{_YEAR})",
        _build_numeric,
        examples=("6/7/2021",),
    ),
    Rule(
        "day range",
        rf"(?P<month>{_MONTH_ANY})\s+(?P<day>{_DAY})(?P<joint>{_DASH}|\s+(?:to|through|and)\s+)"
        rf"(?:(?P<month2>{_MONTH_ANY})\s+)?(?P<day2>{_DAY}){_YEAR_AFTER}?",
        _build_day_range,
        examples=("June 6-8", "Oct. 24–26", "June 30-July 2, 2021", "June 7 and 8"),
    ),
    Rule(
        "day range, day first",
        rf"(?P<day>{_DAY}){_DASH}(?P<day2>{_DAY})\s+(?P<month>{_MONTH_ANY}){_YEAR_AFTER}?",
        _build_day_range_first,
        examples=("6-8 June 2021",),
    ),
    Rule(
        "day",
        rf"(?:(?P<weekday>{_WEEKDAY}),?\s+)?(?P<month>{_MONTH_ANY})\s+(?P<day>{_DAY}){_YEAR_AFTER}?",
        _build_day,
        examples=("June 6", "June 6, 2021", "Nov. 3", "Sept. 30", "Sunday, June 6"),
    ),
    Rule(
        "day, day first",
        rf"(?:(?P<weekday>{_WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{_DAY})\s+(?:of\s+)?(?P<month>{_MONTH_ANY})"
        rf"{_YEAR_AFTER}?",
        _build_day,
        examples=("6 June 2021", "the 6th of June"),
    ),
    Rule(
        "holiday",
        rf"(?:(?P<rel>{_REL})\s+)?(?P<holiday>{'|'.join(name for name, _ in _HOLIDAYS)}){_YEAR_AFTER}?",
        _build_holiday,
        guard=_guard_holiday,
        examples=("Memorial Day", "Thanksgiving 2020", "last Christmas", "Labor Day", "Black Friday"),
    ),
    Rule(
        "day word",
        rf"(?P<word>{_caps('the day before yesterday', 'the day after tomorrow', 'yesterday', 'today', 'tonight')}"
        rf"|{_caps('tomorrow')}|{_caps('last')}\s+night|{_caps('this')}\s+(?:morning|afternoon|evening))"
        rf"{_TIME_OF_DAY}?",
        _build_day_word,
        examples=("yesterday", "today", "tomorrow", "last night", "yesterday morning"),
    ),
    Rule(
        "weekday pair",
        rf"{_WEEKDAY_SPEC}(?P<joint>\s+(?:and|to|through)\s+|{_DASH})(?P<weekday2>{_WEEKDAY}){_TIME_OF_DAY}?",
        _build_weekday_pair,
        examples=("Monday and Tuesday", "Monday through Wednesday"),
    ),
    Rule(
        "weekday",
        _WEEKDAY_SPEC,
        _build_weekday,
        examples=("Tuesday", "last Friday", "next Monday", "Tuesday night"),
    ),
    Rule(
        "week of a month",
        rf"{_caps('the')}\s+(?P<nth>first|second|third|fourth|last)\s+week\s+(?:of|in)\s+"
        rf"(?P<of>{_MONTH_ANY}(?:{_YEAR_AFTER})?|(?:{_REL}|the)\s+month)",
        _build_week_of_month,
        examples=("the first week of December", "the last week of May 2021"),
    ),
    Rule(
        "half year",
        rf"{_caps('the')}\s+(?P<half>first|second)\s+half\s+of\s+(?P<of>{_YEAR}|(?:{_REL}|the)\s+year)",
        _build_half,
        examples=("the first half of 2021", "the second half of the year"),
    ),
    Rule(
        "quarter",
        rf"(?:Q(?P<q>[1-4])|(?:{_caps('the')}\s+)?(?P<qword>first|second|third|fourth)\s+quarter)"
        rf"(?:,?\s+(?:of\s+)?(?P<year>{_YEAR}))?",
        _build_quarter,
        guard=_guard_quarter,
        examples=("Q2 2021", "the second quarter of 2021", "Q4"),
    ),
    Rule(
        "month and year",
        rf"(?P<month>{_MONTH_ANY}){_YEAR_AFTER}",
        _build_month_year,
        examples=("March 2020", "March of 2020", "Jan. 2021"),
    ),
    Rule(
        "season",
        rf"(?:(?P<rel>{_REL})\s+|{_caps('the')}\s+)?(?P<season>{_SEASON}){_YEAR_AFTER}?",
        _build_season,
        guard=_guard_season,
        examples=("the spring of 2020", "last summer", "spring 2021", "this winter"),
    ),
    Rule(
        "month",
        rf"(?:(?P<rel>{_REL})\s+)?(?P<month>{_MONTH_FULL})",
        _build_month,
        guard=_guard_month,
        examples=("March", "last December", "next May"),
    ),
    Rule(
        "decade",
        rf"(?:{_caps('the')}\s+)?(?:(?P<decade>1[0-9]{{2}}0|20[0-9]0)|['’](?P<short>[0-9]0))['’]?s",
        _build_decade,
        examples=("the 1990s", "the '80s"),
    ),
    Rule(
        "last, this or next",
        rf"(?P<rel>{_REL})\s+(?P<unit>week|weekend|month|year|quarter|decade)",
        _build_relative_unit,
        guard=_guard_not_after_the,
        examples=("last week", "this weekend", "next month", "last year", "next quarter"),
    ),
    Rule(
        "earlier or later this week, month or year",
        rf"(?P<side>{_caps('earlier', 'later')})\s+this\s+(?P<unit>week|month|year)",
        _build_earlier_later,
        examples=("earlier this week", "later this month", "earlier this year"),
    ),
    Rule(
        "the weekend",
        rf"{_caps('the')}\s+weekend",
        _build_the_weekend,
        examples=("the weekend",),
    ),
    Rule(
        "ago or from now",
        rf"(?:(?P<in>{_caps('in')})\s+)?(?P<n>{_NUMBER})\s+(?P<unit>(?:day|week|month|year|decade)s?)"
        rf"(?:\s+(?P<ago>ago)|\s+(?P<now>from\s+now))?",
        _build_count,
        examples=("two weeks ago", "three years ago", "in two days", "a year from now"),
    ),
    Rule(
        "year range",
        rf"(?P<year>{_YEAR})(?:-|–)(?P<year2>{_YEAR}|[0-9]{{2}})",
        _build_year_range,
        guard=_guard_year,
        examples=("2010-2015", "2019-20", "2020–21"),
    ),
    Rule(
        "year",
        rf"(?P<year>{_YEAR})",
        _build_year,
        guard=_guard_year,
        examples=("2019",),
    ),
)


def _plain(rule: Rule) -> str:
    """A rule's pattern without its group names, to nest inside another pattern."""
    return re.sub(r"\(\?P<\w+>", "(?:", rule.pattern.pattern)


_ATOM: Final = "(?:" + "|".join(_plain(rule) for rule in _ATOMS) + ")"
_PARTABLE: Final = rf"(?:{_ATOM}|the\s+(?:week|month|year))"
_PART_RULE: Final = Rule(
    "part of a period",
    rf"(?:{_caps('the')}\s+(?=[elm]))?"  # "the late 1990s"
    rf"(?P<part>{_caps('early', 'mid-', 'mid', 'late', 'the start of', 'the beginning of', 'the middle of')}"
    rf"|{_caps('the end of')})(?:(?<=-)|\s+)(?P<a>{_PARTABLE})",
    _build_part,
    examples=("early next week", "late May", "mid-June", "early 2021", "the end of the year", "the late 1990s"),
)
_APPROXIMATE_RULE: Final = Rule(
    "approximate",
    rf"{_caps('around', 'about', 'circa', 'approximately', 'roughly')}\s+(?P<a>"
    + "|".join(_plain(rule) for rule in _ATOMS if rule.name in {"year", "decade", "month and year", "day", "iso date"})
    + ")",
    _build_approximate,
    guard=_guard_approximate,
    examples=("around 1985", "about 2019", "circa 1900"),
)
_RANGEABLE: Final = rf"(?:{_plain(_PART_RULE)}|{_ATOM})"
_SINCE_RULE: Final = Rule(
    "since ...",
    rf"{_caps('since')}\s+(?P<a>{_RANGEABLE})",
    _build_since,
    examples=("since March", "since 2019", "since Jan. 6, 2021"),
)
_RANGE_RULES: Final = (
    Rule(
        "from ... to ...",
        rf"{_caps('from')}\s+(?P<a>{_RANGEABLE})(?:\s+(?:to|until|till|through)\s+|{_DASH})(?P<b>{_RANGEABLE})",
        _build_range,
        examples=("from June 6 to June 8, 2021", "from March to May"),
    ),
    Rule(
        "between ... and ...",
        rf"{_caps('between')}\s+(?P<a>{_RANGEABLE})\s+and\s+(?P<b>{_RANGEABLE})",
        _build_range,
        examples=("between March and May", "between 2019 and 2021"),
    ),
)

RULES: Final[tuple[Rule, ...]] = (*_RANGE_RULES, _SINCE_RULE, _APPROXIMATE_RULE, _PART_RULE, *_ATOMS)
"""Every kind of phrase the library reads, in the order :func:`resolve` tries them."""

_INNER_RULES: Final = (_APPROXIMATE_RULE, _PART_RULE, *_ATOMS)

# Names and titles that hold a date word but are no date.
_NOT_DATES_RE: Final = re.compile(
    r"Ruby Tuesday|(?:Man|Girl) Friday|Saturday Night Live|USA Today|(?:the )?Today show"
    # Days named for one year's event, or whose date varies by state.
    r"|Black Monday|Bloody Sunday|Super Tuesday|Giving Tuesday"
    r"|(?:Sunday|Saturday) (?:Times|Telegraph|Post|Express|Mirror|Herald|school)|Good Morning America"
)
_THE_PERIOD_RE: Final = re.compile(r"^[Tt]he (week|month|year)$")
_LEADING_RE: Final = re.compile(r"(?i:in|on|at|during|of)\s+")


# --- Public functions ------------------------------------------------------------------


def _context(reference: object, prefer: object, numeric: object) -> _Context:
    if isinstance(reference, datetime):
        reference = reference.date()
    if not isinstance(reference, date):
        raise TypeError(f"'reference' must be a date or datetime, got {reference!r}")
    if prefer not in ("past", "future", None):
        raise ValueError(f"'prefer' must be 'past', 'future' or None, got {prefer!r}")
    if numeric not in ("mdy", "dmy", None):
        raise ValueError(f"'numeric' must be 'mdy', 'dmy' or None, got {numeric!r}")
    return _Context(reference, prefer, numeric)


def _match(phrase: str, rules: tuple[Rule, ...], ctx: _Context) -> When | None:
    """The first rule's reading of the whole of ``phrase``; a rule's own error if only errors came."""
    first_error: ParseError | None = None
    for rule in rules:
        m = rule.pattern.fullmatch(phrase)
        if m is None:
            continue
        try:
            return When(rule.build(m, ctx))
        except (ParseError, ValueError) as exc:
            if first_error is None:
                first_error = exc if isinstance(exc, ParseError) else ParseError(str(exc))
    if first_error is not None:
        raise first_error
    return None


def _inner(phrase: str, ctx: _Context) -> When:
    # "the end of the year": the year the text was written in.
    phrase = _THE_PERIOD_RE.sub(r"this \1", " ".join(phrase.split()))
    when = _match(phrase, _INNER_RULES, ctx)
    if when is None:
        raise ParseError(f"{phrase!r} is not a date phrase")
    return when


def resolve(
    phrase: str,
    *,
    reference: date,
    prefer: Prefer | None = None,
    numeric: Numeric | None = None,
) -> When:
    """What a date phrase means, written on the day ``reference``.

    The result keeps the phrase's precision: a month stays a month, "last
    week" is an ISO week, "early next week" an approximate span of days.

    Args:
        phrase: Such as ``"in March"``, ``"June 6"``, ``"early next week"``.
            Case of the first letter and runs of spaces do not matter; a
            leading "in", "on", "at", "during" or "of" and a closing
            punctuation mark are read past.
        reference: The day the text was written (a ``datetime`` counts as its date).
        prefer: For phrases that could point either way ("Tuesday",
            "December", "June 6"): ``"past"`` takes the latest occurrence
            that begins on or before the reference day, ``"future"`` the
            earliest that ends on or after it, None the nearest (the one
            holding the reference day, else the closest, the earlier on a
            tie). "last" and "next" in the phrase override it.
        numeric: How to read ``6/7/2021``: ``"mdy"`` or ``"dmy"``. Without it
            such a date is refused as ambiguous.

    Returns:
        The date, as a :class:`When`.

    Raises:
        ParseError: ``phrase`` is not a date this library reads, names a
            day that does not exist (the message quotes it and says why), or
            is longer than ``timeline.limits.PHRASE_LENGTH`` (1,000) characters.

    >>> from datetime import date
    >>> wednesday = date(2021, 6, 2)
    >>> resolve("in March", reference=wednesday)
    When('2021-03')
    >>> resolve("early next week", reference=wednesday)
    When('2021-06-07~/2021-06-09~')
    >>> resolve("Tuesday night", reference=wednesday, prefer="past")
    When('2021-06-01')
    >>> resolve("Monday and Tuesday", reference=wednesday, prefer="future")
    When('2021-06-07/2021-06-08')
    >>> resolve("the end of the year", reference=wednesday)
    When('2021-12~')
    >>> resolve("banana", reference=wednesday)
    Traceback (most recent call last):
    ...
    timeline.errors.ParseError: 'banana' is not a date phrase
    """
    ctx = _context(reference, prefer, numeric)
    if not isinstance(phrase, str):
        raise ParseError(f"a date phrase must be text, got {phrase!r}")
    if len(phrase) > limits.PHRASE_LENGTH:
        raise ParseError(
            f"a date phrase has at most {limits.PHRASE_LENGTH:,} characters, got {len(phrase):,}"
            f" starting {phrase[:40]!r}; find_dates reads phrases in longer text"
        )
    text = " ".join(phrase.split())
    # As written; then without a closing mark ("June 6,"); then past a leading "in" or "on".
    unclosed = text.rstrip(".,;:!?")
    for candidate in (text, unclosed):
        when = _match(candidate, RULES, ctx)
        if when is None and (leading := _LEADING_RE.match(candidate)) is not None:
            when = _match(candidate[leading.end() :], RULES, ctx)
        if when is not None:
            return when
    raise ParseError(f"{phrase!r} is not a date phrase")


# --- Finding phrases in text --------------------------------------------------------

# Words that tell which way a sentence looks from the day it was written.
_FUTURE_WORDS: Final = _words(
    "will won't won’t shall would wouldn't wouldn’t going expected expects expect scheduled plans "
    "plan planned upcoming coming tomorrow next soon later due intends intend hopes hope hoping aims wants"
)
_PAST_WORDS: Final = _words(
    "said was wasn't wasn’t were weren't weren’t had did didn't didn’t ago last since earlier "
    "previously yesterday told announced began met spoke went came took gave made saw won lost held ran fell rose "
    "wrote sent led became brought bought thought felt kept paid sold stood struck sought chose drew flew grew "
    "knew threw broke"
)
# Words ending in -ed that are no past tense.
_NOT_PAST: Final = _words(
    "hundred kindred indeed need needs seed speed feed breed proceed succeed exceed sacred naked wicked red bed shed"
)
_CLAUSE_BREAK_RE: Final = re.compile(r",(?![0-9])|[;:()\"“”—]|\s–\s|\s(?:and|but)\s")
_QUOTES_RE: Final = re.compile(r"[\"“”]")
# One pass over the text finds them all; a word is a cue as a whole word,
# in either spelling of its first letter, or (for -ed) in lower case.
_CUE_RE: Final = re.compile(
    r"(?<![A-Za-z'’])(?:"
    rf"(?P<future>{_caps(*sorted(_FUTURE_WORDS, key=len, reverse=True))}|[A-Za-z]+['’]ll)"
    rf"|{_caps(*sorted(_PAST_WORDS, key=len, reverse=True))}"
    r"|(?P<ed>[a-z]{3,}ed)"
    r")(?![A-Za-z'’])"
)
_SENTENCE_END_RE: Final = re.compile(r"[.!?]+[\"”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])|\n")
_ABBREVIATIONS: Final = _words(
    "mr mrs ms dr st jr sr sen rep gov gen lt col capt prof no vs jan feb mar apr jun jul aug sep sept oct nov dec ca c"
)


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: ends at . ! ? before a capital or digit, or at a line break; not after "Mr." or "U.S."."""
    spans = []
    start = 0
    for end in _SENTENCE_END_RE.finditer(text):
        if end[0] != "\n":
            word = _WORD_BEFORE_RE.search(text, max(0, end.start() - 12), end.start() + 1)
            if word is not None and (word[1].lower() in _ABBREVIATIONS or len(word[1]) == 1):
                continue
        spans.append((start, end.end()))
        start = end.end()
    spans.append((start, len(text)))
    trimmed = []
    for lo, hi in spans:
        piece = text[lo:hi]
        stripped = piece.strip()
        if stripped:
            lead = lo + len(piece) - len(piece.lstrip())
            trimmed.append((lead, lead + len(stripped)))
    return trimmed


def _cues(text: str) -> tuple[list[int], list[str]]:
    """Positions of tense cues in ``text`` and their direction, "past" or "future"."""
    positions: list[int] = []
    kinds: list[str] = []
    for word in _CUE_RE.finditer(text):
        lower = word[0].lower()
        if word["ed"] and lower in _NOT_PAST:
            continue
        positions.append(word.start())
        kinds.append("future" if word["future"] else "past")
    return positions, kinds


@attrs.frozen
class _Marks:
    """Where the tense cues, clause breaks and quotation marks of a text are, found once.

    Each phrase then finds its clause and its nearest cues by bisection, so
    reading a text costs time linear in its length however many phrases and
    cues one sentence holds.
    """

    positions: list[int]
    kinds: list[str]
    break_starts: list[int]
    break_ends: list[int]
    quotes: list[int]

    @classmethod
    def of(cls, text: str) -> _Marks:
        positions, kinds = _cues(text)
        breaks = [(m.start(), m.end()) for m in _CLAUSE_BREAK_RE.finditer(text)]
        return cls(
            positions,
            kinds,
            [lo for lo, _ in breaks],
            [hi for _, hi in breaks],
            [m.start() for m in _QUOTES_RE.finditer(text)],
        )

    def quoted(self, lo: int, hi: int) -> bool:
        """Whether a quotation mark lies in ``[lo, hi)``."""
        return bisect.bisect_left(self.quotes, lo) < bisect.bisect_left(self.quotes, hi)


def _clause(marks: _Marks, start: int, end: int, sentence: tuple[int, int]) -> tuple[int, int]:
    """The clause around a phrase: its sentence cut at commas, semicolons, dashes, quotes, "and", "but"."""
    lo, hi = sentence
    # The last break that ends by the phrase's start and begins within the sentence.
    index = bisect.bisect_right(marks.break_starts, start) - 1
    while index >= 0 and marks.break_ends[index] > start:
        index -= 1
    if index >= 0 and marks.break_starts[index] >= lo:
        lo = marks.break_ends[index]
    after = bisect.bisect_left(marks.break_starts, end)
    if after < len(marks.break_starts) and marks.break_ends[after] <= hi:
        hi = marks.break_starts[after]
    return lo, hi


def _preference(start: int, end: int, sentence: tuple[int, int], marks: _Marks) -> Prefer | None:
    """Which way a phrase looks, from the tense cues of its sentence.

    The verb that governs a time phrase usually comes before it in its
    clause ("she spoke in mid-August and plans a rally"): the nearest cue
    before the phrase in its clause wins, else the nearest after it in its
    clause, else the nearest in the sentence, where a cue on the other side
    of a quotation mark counts as far away ("'We'll be back Monday,' she
    told reporters").
    """
    positions, kinds = marks.positions, marks.kinds
    first = bisect.bisect_left(positions, sentence[0])
    last = bisect.bisect_left(positions, sentence[1])
    if first == last:
        return None
    lo, hi = _clause(marks, start, end, sentence)
    before = bisect.bisect_left(positions, start) - 1  # the nearest cue before the phrase
    after = bisect.bisect_left(positions, end)  # the nearest at or after its end
    if before >= first and positions[before] >= lo:
        return cast(Prefer, kinds[before])
    if after < last and positions[after] < hi:
        return cast(Prefer, kinds[after])
    # The nearest in the sentence; a quotation mark between pushes a cue far away,
    # and the nearest on each side has the fewest marks between.
    best: tuple[int, str] | None = None
    if before >= first:
        at = positions[before]
        best = (start - at + 10_000 * marks.quoted(at, start), kinds[before])
    if after < last:
        at = positions[after]
        distance = at - end + 10_000 * marks.quoted(end, at)
        if best is None or distance < best[0]:
            best = (distance, kinds[after])
    return None if best is None else cast(Prefer, best[1])


def _candidates(text: str) -> Iterator[tuple[int, int, int, Rule, re.Match[str]]]:
    """Every match of every rule that stands as a phrase: (start, end, rule order, rule, match)."""
    blocked = [(m.start(), m.end()) for m in _NOT_DATES_RE.finditer(text)]
    blocked_starts = [lo for lo, _ in blocked]
    for order, rule in enumerate(RULES):
        pattern = rule.pattern
        pos = 0
        while (m := pattern.search(text, pos)) is not None:
            start, end = m.span()
            pos = start + 1
            if start and (text[start - 1].isalnum() or text[start - 1] in "_$£€'’-/"):
                continue
            if end < len(text) and (text[end].isalnum() or text[end] in "_%"):
                continue
            if end + 1 < len(text) and text[end] in "-–/.,:" and text[end + 1].isdigit():
                continue
            if rule.guard is not None and not rule.guard(text, m):
                continue
            # Non-overlapping and in order: only the last one starting before the end can overlap.
            index = bisect.bisect_left(blocked_starts, end) - 1
            if index >= 0 and blocked[index][1] > start:
                continue
            yield start, end, order, rule, m


def find_dates(text: str, *, reference: date, numeric: Numeric | None = None) -> list[Mention]:
    """Every date phrase in ``text``, read against the day ``reference``.

    Where phrases overlap the longest wins ("June 6-8" over "June 6"). A
    phrase that could point either way takes its direction from the tense
    cue nearest to it in its sentence: "will", "would", "'ll", "expected",
    "next", "upcoming" and the like look forward; "said", "was", "had",
    "ago", "last", "since" and verbs ending in -ed look back. Without a cue
    the nearest occurrence wins, as in :func:`resolve` with ``prefer=None``.

    Words that are dates only in some company need it: a month alone
    ("May") or a season or a year alone is a date after "in", "since", "by",
    "until", "of" and similar words, or as the second of a pair ("in March
    and May"); "about 2000 people" is a count.

    Args:
        text: Any text.
        reference: The day the text was written.
        numeric: How to read ``6/7/2021`` (see :func:`resolve`).

    Returns:
        The mentions, in the order of the text; they do not overlap.

    >>> from datetime import date
    >>> text = "Harris will meet both presidents on June 6. She was named in March."
    >>> for m in find_dates(text, reference=date(2021, 6, 2)):
    ...     print(m.start, m.end, repr(m.text), m.when)
    36 42 'June 6' 2021-06-06
    61 66 'March' 2021-03
    """
    ctx = _context(reference, None, numeric)
    if not isinstance(text, str):
        raise ParseError(f"find_dates reads text, got {text!r}")
    sentences = _sentences(text)
    starts = [lo for lo, _ in sentences]
    marks = _Marks.of(text)
    taken = bytearray(len(text))
    found: list[Mention] = []
    for start, end, _, rule, m in sorted(_candidates(text), key=lambda c: (c[0] - c[1], c[0], c[2])):
        if any(taken[start:end]):
            continue
        index = max(0, bisect.bisect_right(starts, start) - 1)
        sentence = sentences[index] if sentences else (0, len(text))
        # A full stop the splitter took for a sentence's end may fall inside a phrase.
        sentence = (min(sentence[0], start), max(sentence[1], end))
        local = attrs.evolve(ctx, prefer=_preference(start, end, sentence, marks))
        try:
            when = When(rule.build(m, local))
        except (ParseError, ValueError):
            continue
        taken[start:end] = b"\x01" * (end - start)
        found.append(Mention(start, end, m[0], when, sentence))
    found.sort(key=lambda mention: mention.start)
    return found
