"""The rule table: every kind of date phrase the library reads.

Every phrase is one row of :data:`RULES`: a name, a regular expression built
from the word lists of :mod:`timeline.phrases.words`, a function that builds
the EDTF text from the match, and, for words that are dates only in some
company ("May", "spring", "2000"), a guard that :func:`find_dates` applies.
Adding a phrase is adding a row (and a test). docs/phrases.md explains each
row with examples.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Final

import attrs
from dateutil.relativedelta import relativedelta

from timeline._when import Precision, When
from timeline.errors import ParseError
from timeline.phrases.base import (
    Rule,
    _approximate,
    _Context,
    _day_number,
    _day_text,
    _interval,
    _last_day,
    _match,
    _monday,
    _month_of,
    _month_text,
    _number,
    _pick,
    _rel,
    _relative,
    _safe,
    _Span,
    _week_text,
    _weekday_span,
    _yearly,
)
from timeline.phrases.words import (
    CUES,
    DASH,
    DAY,
    DAY_WORDS,
    HOLIDAY_RES,
    HOLIDAYS,
    JOINS,
    MONTH_ANY,
    MONTH_FULL,
    NOT_COUNTED,
    NUMBER,
    ORDINALS,
    PART_WORDS,
    PARTS,
    REL,
    REL_WORDS,
    SEASON,
    SEASONS,
    TIME_OF_DAY,
    WEEKDAY,
    WEEKDAYS,
    YEAR,
    caps,
)

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
        if weekday is not None and found.weekday() != WEEKDAYS[weekday.lower()]:
            raise ParseError(f"{m[0]!r}: {_day_text(found)} is a {found.strftime('%A')}, not a {weekday}")
        return _day_text(found)

    def make(key: int) -> _Span | None:
        found = date(key, month, day)
        if weekday is not None and found.weekday() != WEEKDAYS[weekday.lower()]:
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
    code = SEASONS[m["season"].lower()]
    year = _year_group(m)
    if year is not None:
        return f"{year:04d}-{code}"
    return _yearly(lambda y: _grouping(y, code), _rel(m), ctx)


def _build_quarter(m: re.Match[str], ctx: _Context) -> str:
    quarter = int(m["q"]) if m["q"] else ORDINALS[m["qword"].lower()]
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
    step = {"last": -1, "this": 0, "next": 1}[REL_WORDS[" ".join(m["rel"].lower().split())]]
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


def _build_day_word(m: re.Match[str], ctx: _Context) -> str:
    words = " ".join(m["word"].lower().split())
    return _day_text(_relative(timedelta(days=DAY_WORDS[words]), ctx))


def _build_weekday(m: re.Match[str], ctx: _Context) -> str:
    return _weekday_span(WEEKDAYS[m["weekday"].lower()], _rel(m), ctx)[1]


def _build_weekday_pair(m: re.Match[str], ctx: _Context) -> str:
    first, second = WEEKDAYS[m["weekday"].lower()], WEEKDAYS[m["weekday2"].lower()]
    gap = (second - first) % 7
    if gap == 0 or (m["joint"].strip() == "and" and gap != 1):
        raise ParseError(f"{m[0]!r} names two days that do not follow each other")
    start, text = _weekday_span(first, _rel(m), ctx)
    return f"{text}/{_day_text(start + timedelta(days=gap))}"


def _build_holiday(m: re.Match[str], ctx: _Context) -> str:
    make = next(make for pattern, make in HOLIDAY_RES if pattern.fullmatch(m["holiday"]))
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
    nth = ORDINALS[m["nth"].lower()]
    start = last - timedelta(days=6) if nth < 0 else first + timedelta(weeks=nth - 1)
    return f"{_day_text(start)}/{_day_text(start + timedelta(days=6))}"


def _build_approximate(m: re.Match[str], ctx: _Context) -> str:
    return _approximate(str(_inner(m["a"], ctx)))


# Parts of a period, as (first, last) positions counted from 1; a negative
# position counts from the end. Units: days of a week or month, months of a
# year or a season, years of a decade.


def _build_part(m: re.Match[str], ctx: _Context) -> str:
    part = PART_WORDS[" ".join(m["part"].lower().split())]
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
        lo, hi = PARTS[part]["week" if precision == Precision.WEEK else "month"]
        length = (last - first).days + 1
        lo, hi = (lo if lo > 0 else length + 1 + lo), (hi if hi > 0 else length + 1 + hi)
        return _interval(_day_text(first + timedelta(days=lo - 1), "~"), _day_text(first + timedelta(days=hi - 1), "~"))
    if whole.unspecified:  # a decade, 199X
        lo, hi = PARTS[part]["decade"]
        return _interval(f"{first.year + lo:04d}~", f"{first.year + hi:04d}~")
    lo, hi = PARTS[part]["season" if precision == Precision.SEASON else "year"]
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
    if before in CUES:
        return True
    return before in JOINS and len(words) > 1 and bool(joined.fullmatch(words[1]))


def _counted(text: str, m: re.Match[str]) -> bool:
    after = _WORD_AFTER_RE.match(text, m.end())
    if after is None:
        return False
    word = after[1]
    return word in {"people", "children", "men", "women", "more", "troops"} or (
        word.endswith("s") and len(word) > 3 and word not in NOT_COUNTED
    )


_MONTH_NAME_RE: Final = re.compile(MONTH_FULL)
_YEAR_RE: Final = re.compile(YEAR)
_SEASON_RE: Final = re.compile(SEASON)
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

_WEEKDAY_SPEC: Final = rf"(?:(?P<rel>{REL})\s+)?(?P<weekday>{WEEKDAY}){TIME_OF_DAY}?"
_YEAR_AFTER: Final = rf"(?:,?\s+(?:of\s+)?(?P<year>{YEAR}))"

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
        rf"(?P<a>[0-9]{{1,2}})/(?P<b>[0-9]{{1,2}})/(?P<year>{YEAR})",
        _build_numeric,
        examples=("6/7/2021",),
    ),
    Rule(
        "day range",
        rf"(?P<month>{MONTH_ANY})\s+(?P<day>{DAY})(?P<joint>{DASH}|\s+(?:to|through|and)\s+)"
        rf"(?:(?P<month2>{MONTH_ANY})\s+)?(?P<day2>{DAY}){_YEAR_AFTER}?",
        _build_day_range,
        examples=("June 6-8", "Oct. 24–26", "June 30-July 2, 2021", "June 7 and 8"),
    ),
    Rule(
        "day range, day first",
        rf"(?P<day>{DAY}){DASH}(?P<day2>{DAY})\s+(?P<month>{MONTH_ANY}){_YEAR_AFTER}?",
        _build_day_range_first,
        examples=("6-8 June 2021",),
    ),
    Rule(
        "day",
        rf"(?:(?P<weekday>{WEEKDAY}),?\s+)?(?P<month>{MONTH_ANY})\s+(?P<day>{DAY}){_YEAR_AFTER}?",
        _build_day,
        examples=("June 6", "June 6, 2021", "Nov. 3", "Sept. 30", "Sunday, June 6"),
    ),
    Rule(
        "day, day first",
        rf"(?:(?P<weekday>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{DAY})\s+(?:of\s+)?(?P<month>{MONTH_ANY})"
        rf"{_YEAR_AFTER}?",
        _build_day,
        examples=("6 June 2021", "the 6th of June"),
    ),
    Rule(
        "holiday",
        rf"(?:(?P<rel>{REL})\s+)?(?P<holiday>{'|'.join(name for name, _ in HOLIDAYS)}){_YEAR_AFTER}?",
        _build_holiday,
        guard=_guard_holiday,
        examples=("Memorial Day", "Thanksgiving 2020", "last Christmas", "Labor Day", "Black Friday"),
    ),
    Rule(
        "day word",
        rf"(?P<word>{caps('the day before yesterday', 'the day after tomorrow', 'yesterday', 'today', 'tonight')}"
        rf"|{caps('tomorrow')}|{caps('last')}\s+night|{caps('this')}\s+(?:morning|afternoon|evening))"
        rf"{TIME_OF_DAY}?",
        _build_day_word,
        examples=("yesterday", "today", "tomorrow", "last night", "yesterday morning"),
    ),
    Rule(
        "weekday pair",
        rf"{_WEEKDAY_SPEC}(?P<joint>\s+(?:and|to|through)\s+|{DASH})(?P<weekday2>{WEEKDAY}){TIME_OF_DAY}?",
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
        rf"{caps('the')}\s+(?P<nth>first|second|third|fourth|last)\s+week\s+(?:of|in)\s+"
        rf"(?P<of>{MONTH_ANY}(?:{_YEAR_AFTER})?|(?:{REL}|the)\s+month)",
        _build_week_of_month,
        examples=("the first week of December", "the last week of May 2021"),
    ),
    Rule(
        "half year",
        rf"{caps('the')}\s+(?P<half>first|second)\s+half\s+of\s+(?P<of>{YEAR}|(?:{REL}|the)\s+year)",
        _build_half,
        examples=("the first half of 2021", "the second half of the year"),
    ),
    Rule(
        "quarter",
        rf"(?:Q(?P<q>[1-4])|(?:{caps('the')}\s+)?(?P<qword>first|second|third|fourth)\s+quarter)"
        rf"(?:,?\s+(?:of\s+)?(?P<year>{YEAR}))?",
        _build_quarter,
        guard=_guard_quarter,
        examples=("Q2 2021", "the second quarter of 2021", "Q4"),
    ),
    Rule(
        "month and year",
        rf"(?P<month>{MONTH_ANY}){_YEAR_AFTER}",
        _build_month_year,
        examples=("March 2020", "March of 2020", "Jan. 2021"),
    ),
    Rule(
        "season",
        rf"(?:(?P<rel>{REL})\s+|{caps('the')}\s+)?(?P<season>{SEASON}){_YEAR_AFTER}?",
        _build_season,
        guard=_guard_season,
        examples=("the spring of 2020", "last summer", "spring 2021", "this winter"),
    ),
    Rule(
        "month",
        rf"(?:(?P<rel>{REL})\s+)?(?P<month>{MONTH_FULL})",
        _build_month,
        guard=_guard_month,
        examples=("March", "last December", "next May"),
    ),
    Rule(
        "decade",
        rf"(?:{caps('the')}\s+)?(?:(?P<decade>1[0-9]{{2}}0|20[0-9]0)|['’](?P<short>[0-9]0))['’]?s",
        _build_decade,
        examples=("the 1990s", "the '80s"),
    ),
    Rule(
        "last, this or next",
        rf"(?P<rel>{REL})\s+(?P<unit>week|weekend|month|year|quarter|decade)",
        _build_relative_unit,
        guard=_guard_not_after_the,
        examples=("last week", "this weekend", "next month", "last year", "next quarter"),
    ),
    Rule(
        "earlier or later this week, month or year",
        rf"(?P<side>{caps('earlier', 'later')})\s+this\s+(?P<unit>week|month|year)",
        _build_earlier_later,
        examples=("earlier this week", "later this month", "earlier this year"),
    ),
    Rule(
        "the weekend",
        rf"{caps('the')}\s+weekend",
        _build_the_weekend,
        examples=("the weekend",),
    ),
    Rule(
        "ago or from now",
        rf"(?:(?P<in>{caps('in')})\s+)?(?P<n>{NUMBER})\s+(?P<unit>(?:day|week|month|year|decade)s?)"
        rf"(?:\s+(?P<ago>ago)|\s+(?P<now>from\s+now))?",
        _build_count,
        examples=("two weeks ago", "three years ago", "in two days", "a year from now"),
    ),
    Rule(
        "year range",
        rf"(?P<year>{YEAR})(?:-|–)(?P<year2>{YEAR}|[0-9]{{2}})",
        _build_year_range,
        guard=_guard_year,
        examples=("2010-2015", "2019-20", "2020–21"),
    ),
    Rule(
        "year",
        rf"(?P<year>{YEAR})",
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
    rf"(?:{caps('the')}\s+(?=[elm]))?"  # "the late 1990s"
    rf"(?P<part>{caps('early', 'mid-', 'mid', 'late', 'the start of', 'the beginning of', 'the middle of')}"
    rf"|{caps('the end of')})(?:(?<=-)|\s+)(?P<a>{_PARTABLE})",
    _build_part,
    examples=("early next week", "late May", "mid-June", "early 2021", "the end of the year", "the late 1990s"),
)
_APPROXIMATE_RULE: Final = Rule(
    "approximate",
    rf"{caps('around', 'about', 'circa', 'approximately', 'roughly')}\s+(?P<a>"
    + "|".join(_plain(rule) for rule in _ATOMS if rule.name in {"year", "decade", "month and year", "day", "iso date"})
    + ")",
    _build_approximate,
    guard=_guard_approximate,
    examples=("around 1985", "about 2019", "circa 1900"),
)
_RANGEABLE: Final = rf"(?:{_plain(_PART_RULE)}|{_ATOM})"
_SINCE_RULE: Final = Rule(
    "since ...",
    rf"{caps('since')}\s+(?P<a>{_RANGEABLE})",
    _build_since,
    examples=("since March", "since 2019", "since Jan. 6, 2021"),
)
_RANGE_RULES: Final = (
    Rule(
        "from ... to ...",
        rf"{caps('from')}\s+(?P<a>{_RANGEABLE})(?:\s+(?:to|until|till|through)\s+|{DASH})(?P<b>{_RANGEABLE})",
        _build_range,
        examples=("from June 6 to June 8, 2021", "from March to May"),
    ),
    Rule(
        "between ... and ...",
        rf"{caps('between')}\s+(?P<a>{_RANGEABLE})\s+and\s+(?P<b>{_RANGEABLE})",
        _build_range,
        examples=("between March and May", "between 2019 and 2021"),
    ),
)

RULES: Final[tuple[Rule, ...]] = (*_RANGE_RULES, _SINCE_RULE, _APPROXIMATE_RULE, _PART_RULE, *_ATOMS)
"""Every kind of phrase the library reads, in the order :func:`resolve` tries them."""

_INNER_RULES: Final = (_APPROXIMATE_RULE, _PART_RULE, *_ATOMS)

# Names and titles that hold a date word but are no date.
_THE_PERIOD_RE: Final = re.compile(r"^[Tt]he (week|month|year)$")
_LEADING_RE: Final = re.compile(r"(?i:in|on|at|during|of)\s+")


def _inner(phrase: str, ctx: _Context) -> When:
    # "the end of the year": the year the text was written in.
    phrase = _THE_PERIOD_RE.sub(r"this \1", " ".join(phrase.split()))
    when = _match(phrase, _INNER_RULES, ctx)
    if when is None:
        raise ParseError(f"{phrase!r} is not a date phrase")
    return when
