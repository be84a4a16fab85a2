"""The rule table: every kind of date phrase the library reads.

Every phrase is one row of :data:`RULES`: a name, a regular expression built
from the word lists of :mod:`timeline.phrases.words`, a function that builds
the EDTF text from the match, and, for words that are dates only in some
company ("May", "spring", "2000"), a guard that :func:`find_dates` applies.
Adding a phrase is adding a row (and a test). docs/phrases.md explains each
row with examples.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime, timedelta
from typing import Final
from zoneinfo import ZoneInfo

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
    AD,
    BC,
    COUNT,
    CUES,
    DASH,
    DAY,
    DAY_WORDS,
    DECADE_WORD,
    DECADE_WORDS,
    HOLIDAY_RES,
    HOLIDAY_WEEKENDS,
    HOLIDAYS,
    JOINS,
    MONTH_ANY,
    MONTH_FULL,
    MONTHS,
    NAMED_TIMES,
    NOT_COUNTED,
    ORDINAL,
    ORDINALS,
    PART_WORDS,
    PARTS,
    PAST_SPAN_WORDS,
    QUARTER_WORDS,
    RECENT_UNITS,
    REL,
    REL_WORDS,
    SEASON,
    SEASONS,
    TIME_OF_DAY,
    WEEKDAY,
    WEEKDAYS,
    YEAR,
    YEAR_WORDS,
    ZONE,
    ZONES,
    caps,
    number_value,
    ordinal_value,
    word_set,
    year_words_value,
)

# --- Builders -------------------------------------------------------------------


# How near (in days) an occurrence against a sentence's tense lean must be to win over
# the one the lean points to, when that one is over half a year away: a day ("Dec. 15")
# or a quarter, two months; a month ("January"), six weeks.
NEAR_DAY: Final = 62
NEAR_MONTH: Final = 42


def _year_group(m: re.Match[str], ctx: _Context, name: str = "year") -> int | None:
    text = m.groupdict().get(name)
    if text is None:
        return None
    if not text[-1].isdigit():
        return year_words_value(text)  # "January nineteen ninety-seven"
    return _two_digit_year(text, ctx) if len(text.lstrip("'’")) == 2 else int(text)


def _two_digit_year(text: str, ctx: _Context) -> int:
    """ "'78", "19": the year of that century nearest before the reference, or up to 20 years after it."""
    short = int(text.lstrip("'’"))
    year = ctx.reference.year // 100 * 100 + short
    return year - 100 if year > ctx.reference.year + 20 else year


def _build_iso(m: re.Match[str], ctx: _Context) -> str:
    return _day_text(date(int(m["year"]), int(m["month"]), int(m["day"])))


def _build_numeric(m: re.Match[str], ctx: _Context) -> str:
    first, second = int(m["a"]), int(m["b"])
    order = ctx.numeric
    dotted = m[0][len(m["a"])] == "."
    if (order == "mdy" and first > 12 >= second) or (order == "dmy" and second > 12 >= first):
        order = None  # 25/11/2019 is November 25th whatever the preference
    if order is None:
        if first > 12 >= second or first == second:
            order = "dmy"  # 25/11/2019: no 25th month; 5/5/2019 reads the same both ways
        elif second > 12 >= first:
            order = "mdy"
        elif dotted:
            order = "dmy"  # 05.11.2019: the dotted form is written day first
        else:
            raise ParseError(f"{m[0]!r} may be month/day or day/month: say which with numeric='mdy' or 'dmy'")
    month, day = (first, second) if order == "mdy" else (second, first)
    year = _year_group(m, ctx)
    assert year is not None
    return _day_text(date(year, month, day))


def _check_day(year: int | None, month: int, day: int) -> None:
    if day > (29 if month == 2 else _last_day(2000, month)):
        raise ParseError(f"day {day} does not exist in month {month}")
    if year is not None:
        date(year, month, day)


def _build_day(m: re.Match[str], ctx: _Context) -> str:
    month, day, year = _month_of(m["month"]), _day_number(m["day"]), _year_group(m, ctx)
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
        return _yearly(make, None, ctx, 8, near=NEAR_DAY)  # February 29 comes back after up to 8 years
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
    return _day_range(_year_group(m, ctx), first, last, ctx)


def _build_day_range_first(m: re.Match[str], ctx: _Context) -> str:
    month = _month_of(m["month"])
    return _day_range(_year_group(m, ctx), (month, _day_number(m["day"])), (month, _day_number(m["day2"])), ctx)


def _build_month_year(m: re.Match[str], ctx: _Context) -> str:
    year = _year_group(m, ctx)
    assert year is not None
    return _month_text(year, _month_of(m["month"]))


def _build_month(m: re.Match[str], ctx: _Context) -> str:
    month = _month_of(m["month"])

    def make(year: int) -> _Span:
        return date(year, month, 1), date(year, month, _last_day(year, month)), _month_text(year, month)

    return _yearly(make, _rel(m), ctx, near=NEAR_MONTH)


@functools.lru_cache(maxsize=1024)
def _grouping(year: int, code: int) -> _Span:
    """A season, quarter or half of ``year`` (EDTF code 21-24, 33-36, 40-41): first day, last day, text."""
    when = When(f"{year:04d}-{code}")
    first, last = when.earliest(), when.latest()
    assert isinstance(first, date)
    assert isinstance(last, date)
    return first, last, str(when)


def _build_season(m: re.Match[str], ctx: _Context) -> str:
    code = SEASONS[m["season"].lower()]
    year = _year_group(m, ctx)
    if year is not None:
        return f"{year:04d}-{code}"
    return _yearly(lambda y: _grouping(y, code), _rel(m), ctx)


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


def _build_year_words(m: re.Match[str], ctx: _Context) -> str:
    return f"{year_words_value(m['words']):04d}"


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
    if m["unit"] == "century":
        step = {"last": -1, "this": 0, "next": 1}[REL_WORDS[" ".join(m["rel"].lower().split())]]
        return f"{ctx.reference.year // 100 + step:02d}XX"
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


def _build_current(m: re.Match[str], ctx: _Context) -> str:
    """ "The current quarter": the one holding the day of writing (fiscal ones count from fiscal_year_start)."""
    ref = ctx.reference
    unit = m["unit"]
    if m["fiscal"] and unit in ("year", "quarter") and ctx.fiscal_start != 1:
        year = ref.year + (ref.month >= ctx.fiscal_start)  # named for the calendar year it ends in
        if unit == "year":
            return _fiscal_span(year, 1, 12, ctx)
        months_in = (ref.month - ctx.fiscal_start) % 12
        return _fiscal_span(year, months_in // 3 * 3 + 1, 3, ctx)
    if unit == "week":
        return _week_text(ref)
    if unit == "month":
        return _month_text(ref.year, ref.month)
    if unit == "quarter":
        return f"{ref.year:04d}-{33 + (ref.month - 1) // 3}"
    return f"{ref.year:04d}"


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
    year = _year_group(m, ctx)
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
    text = _approximate(str(_inner(m["a"], ctx)))
    return _qualify(text, "?") if m["q"] else text


# Parts of a period, as (first, last) positions counted from 1; a negative
# position counts from the end. Units: days of a week or month, months of a
# year or a season, years of a decade.


# Parts of a century, as first and last year counted from 0.
_CENTURY_PARTS: Final = {"early": (0, 32), "mid": (33, 66), "late": (67, 99), "start": (0, 9), "end": (90, 99)}


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
    if re.fullmatch(r"[0-9]{2}XX", str(whole)):  # a century, 18XX
        lo, hi = _CENTURY_PARTS[part]
        return _interval(f"{first.year + lo:04d}~", f"{first.year + hi:04d}~")
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


# --- Builders: eras, centuries, decades -------------------------------------------------


def _year_text(year: int) -> str:
    """An astronomical year as EDTF writes it: 1066, 0000 (1 BC), -0299 (300 BC)."""
    return f"{year:04d}" if year >= 0 else f"-{-year:04d}"


def _qualify(text: str, mark: str) -> str:
    """Mark each end of an EDTF text approximate (~) or uncertain (?); both make %."""
    ends = []
    for end in text.split("/"):
        if end in ("", "..") or "T" in end:
            ends.append(end)
        elif end[-1] in "~?%":
            ends.append(end if end[-1] in (mark, "%") else end[:-1] + "%")
        else:
            ends.append(end + mark)
    return "/".join(ends)


def _era_year(number: int, era: str | None) -> int:
    if number < 1:
        raise ParseError("an era year counts from 1")
    return 1 - number if era is not None and era.replace(".", "").upper() in {"BC", "BCE"} else number


def _build_era_year(m: re.Match[str], ctx: _Context) -> str:
    return _year_text(_era_year(int(m["ad"] or m["year"]), m["era"]))


def _build_century(m: re.Match[str], ctx: _Context) -> str:
    if m["hundreds"]:
        return f"{m['hundreds'][:2]}XX"
    nth = ordinal_value(m["nth"])
    if not 1 <= nth <= 100:
        raise ParseError(f"{m[0]!r}: no such century")
    if m["era"] and m["era"].replace(".", "").upper() in {"BC", "BCE"}:
        # The 3rd century BC runs from 300 BC to 201 BC: years -0299 to -0200.
        return f"{_year_text(1 - nth * 100)}/{_year_text(-(nth - 1) * 100)}"
    return f"{nth - 1:02d}XX"


def _build_decade_word(m: re.Match[str], ctx: _Context) -> str:
    digit = DECADE_WORDS[m["word"].lower()]
    if m["cent"]:
        return f"{19 if m['cent'].lower() == 'nineteen' else 18}{digit}X"
    # The latest such decade that has begun by the day of writing.
    century = ctx.reference.year // 100 * 100
    start = century + digit * 10
    if start > ctx.reference.year:
        start -= 100
    return f"{start // 10:03d}X"


def _build_turn(m: re.Match[str], ctx: _Context) -> str:
    if m["nth"]:
        turn = (ordinal_value(m["nth"]) - 1) * 100
        if m["unit"].lower() == "millennium":
            turn *= 10
    else:
        size = 1000 if m["unit"].lower() == "millennium" else 100
        turn = ctx.reference.year // size * size  # the latest turn by the day of writing
    if not 1 <= turn <= 9999:
        raise ParseError(f"{m[0]!r} falls outside the years 1-9999")
    return f"{turn:04d}~"


def _build_uncertain(m: re.Match[str], ctx: _Context) -> str:
    return _qualify(str(_inner(m["a"], ctx)), "?")


def _build_half_of(m: re.Match[str], ctx: _Context) -> str:
    """The first or second half of a century or decade: 1600/1649, 1995/1999."""
    whole = str(_inner(m["a"], ctx))
    second = m["half"].lower() in {"second", "latter"}
    if re.fullmatch(r"[0-9]{2}XX", whole):
        start = int(whole[:2]) * 100 + 50 * second
        return f"{start:04d}/{start + 49:04d}"
    if re.fullmatch(r"[0-9]{3}X", whole):
        start = int(whole[:3]) * 10 + 5 * second
        return f"{start:04d}/{start + 4:04d}"
    if re.fullmatch(r"[0-9]{4}", whole):
        return f"{whole}-{41 if second else 40}"
    raise ParseError(f"{m['a']!r} has no halves this library can tell")


# --- Builders: counts and spans reaching the day of writing -------------------------------


def _shift(unit: str, count: int, ctx: _Context) -> tuple[str, date]:
    """The reference moved by ``count`` units, and its EDTF text at the unit's precision."""
    if unit == "day":
        moved = _relative(timedelta(days=count), ctx)
        return _day_text(moved), moved
    if unit == "fortnight":
        moved = _relative(timedelta(days=14 * count), ctx)
        return _day_text(moved), moved
    if unit == "week":
        moved = _relative(timedelta(weeks=count), ctx)
        return _week_text(moved), moved
    if unit == "month":
        moved = _relative(relativedelta(months=count), ctx)
        return _month_text(moved.year, moved.month), moved
    if unit == "quarter":
        moved = _relative(relativedelta(months=3 * count), ctx)
        return f"{moved.year:04d}-{33 + (moved.month - 1) // 3}", moved
    years = {"year": 1, "decade": 10, "century": 100}[unit]
    moved = _relative(relativedelta(years=years * count), ctx)
    # "Two decades ago" is a year, give or take: the phrase is a round number.
    return f"{moved.year:04d}" + ("~" if years > 1 else ""), moved


def _unit(word: str) -> str:
    word = word.lower()
    return "century" if word.startswith("centur") else word.removesuffix("s")


def _build_count(m: re.Match[str], ctx: _Context) -> str:
    # "in two days", "two days ago", "two days later" are dates; "two days" alone is a length.
    if bool(m["in"]) == bool(m["ago"]):
        raise ParseError(f"{m[0]!r} is a length of time, not a date")
    loose = m["n"].lower().split()[0] in {"a", "several"} and m["n"].lower() not in {"a", "an"}
    count = number_value(m["n"])
    back = m["ago"] is not None and m["ago"].lower().split()[0] in {"ago", "earlier", "before", "back"}
    unit, step = _unit(m["unit"]), -count if back else count
    if ctx.anchor is not None and is_anchored(m):
        text = _from_anchor(ctx.anchor, unit, step, ctx)
    else:
        text, _ = _shift(unit, step, ctx)
    return _qualify(text, "~") if loose or m["about"] else text


def is_anchored(m: re.Match[str]) -> bool:
    """Whether a match counts from another date ("two days later"), not from the day of writing ("ago")."""
    ago = m.groupdict().get("ago")
    return ago is not None and ago.lower() in {"later", "earlier"}


def _from_anchor(anchor: When, unit: str, step: int, ctx: _Context) -> str:
    """``anchor`` moved by ``step`` units: a year later than 1989-Q3 is 1988-Q3; a day later than June 6 is June 7."""
    text = str(anchor)
    if "/" in text or anchor.timed:
        raise ParseError(f"{text!r} is no single date to count from")
    years = {"year": 1, "decade": 10, "century": 100}.get(unit)
    if years is not None and re.fullmatch(r"[0-9]{4}(?:-[0-9]{2}){0,2}", text):
        moved = f"{int(text[:4]) + years * step:04d}{text[4:]}"
        When(moved)  # February 29 a year on is no day: the caller skips it
        return moved
    first = anchor.earliest()
    assert isinstance(first, date)
    return _shift(unit, step, attrs.evolve(ctx, reference=first, anchor=None))[0]


def _build_span_to_now(m: re.Match[str], ctx: _Context) -> str:
    """ "The past three years", "recent days": from so many units back to the day of writing."""
    unit = _unit(m["unit"])
    number = m["n"] or m["n2"]
    plural = m["unit"].lower().endswith(("s", "ies"))
    loose = (number is None and plural) or (number is not None and number.lower().split()[0] in {"a", "several", "few"})
    if number is None:
        count = RECENT_UNITS[unit] if plural else 1
    else:
        count = number_value(number) if number.lower() != "few" else RECENT_UNITS[unit]
    ref = ctx.reference
    if unit in {"day", "week", "fortnight"}:
        days = {"day": 1, "week": 7, "fortnight": 14}[unit] * count
        start = _day_text(_relative(timedelta(days=-days), ctx))
        end = _day_text(ref)
    elif unit in {"month", "quarter"}:
        moved = _relative(relativedelta(months=-count * (3 if unit == "quarter" else 1)), ctx)
        start, end = _month_text(moved.year, moved.month), _month_text(ref.year, ref.month)
    else:
        years = {"year": 1, "decade": 10, "century": 100}[unit] * count
        start, end = f"{_relative(relativedelta(years=-years), ctx).year:04d}", f"{ref.year:04d}"
    return f"{start}~/{end}" if loose else f"{start}/{end}"


def _build_present(m: re.Match[str], ctx: _Context) -> str:
    return _day_text(ctx.reference)


def _build_vague(m: re.Match[str], ctx: _Context) -> str:
    word = " ".join(m["word"].lower().split())
    ref = ctx.reference
    if word in PAST_SPAN_WORDS and word not in {"recently", "lately"}:
        return f"../{_day_text(ref)}"
    if word in {"recently", "lately"}:
        moved = _relative(relativedelta(months=-3), ctx)
        return f"{_month_text(moved.year, moved.month)}~/{_day_text(ref)}"
    if word == "soon":
        moved = _relative(relativedelta(months=3), ctx)
        return f"{_day_text(ref)}/{_month_text(moved.year, moved.month)}~"
    return f"{_day_text(ref)}/.."


def _build_step_after_next(m: re.Match[str], ctx: _Context) -> str:
    step = 2 if m["side"].lower().endswith("next") else -2
    unit = m["unit"].lower()
    if unit == "weekend":
        saturday = _relative(timedelta(days=5 - ctx.reference.weekday() + 7 * step), ctx)
        return f"{_day_text(saturday)}/{_day_text(saturday + timedelta(days=1))}"
    return _shift(unit, step, ctx)[0]


def _build_weekend_side(m: re.Match[str], ctx: _Context) -> str:
    step = -1 if m["side"].lower() == "before" else 1
    saturday = _relative(timedelta(days=5 - ctx.reference.weekday() + 7 * step), ctx)
    if step < 0 and ctx.reference.weekday() == 6:  # written on a Sunday: the weekend before is the one ending today
        saturday += timedelta(days=7)
    return f"{_day_text(saturday)}/{_day_text(saturday + timedelta(days=1))}"


def _build_year_ago(m: re.Match[str], ctx: _Context) -> str:
    return f"{ctx.reference.year - 1:04d}"


# --- Builders: open and closed intervals ------------------------------------------------


def _neighbour(when: When, step: int) -> str:
    """The EDTF text of the unit just before (step -1) or after (+1) ``when``, at its precision."""
    text = str(when).split("/")[0 if step < 0 else -1].rstrip("~?%")
    if re.fullmatch(r"-?[0-9]{4}", text):
        return _year_text(int(text) + step)
    if re.fullmatch(r"[0-9]{4}-(?:0[1-9]|1[0-2])", text):
        moved = date(int(text[:4]), int(text[5:7]), 1) + relativedelta(months=step)
        return _month_text(moved.year, moved.month)
    bound = when.earliest() if step < 0 else when.latest()
    if isinstance(bound, datetime):
        bound = bound.date()
    if bound is None:
        raise ParseError(f"{str(when)!r} has no end to count from")
    return _day_text(bound + timedelta(days=step))


_OPEN_WORDS: Final = {
    "before": "before", "prior to": "before", "earlier than": "before",
    "after": "after", "later than": "after",
    "by": "by", "no later than": "by", "not later than": "by", "not after": "by", "at the latest": "by",
    "until": "until", "till": "until", "til": "until", "through": "until", "up to": "until", "up until": "until",
    "not before": "from", "no earlier than": "from", "not earlier than": "from", "starting": "from",
    "beginning": "from", "as of": "from", "effective": "from",
}  # fmt: skip


def _build_open(m: re.Match[str], ctx: _Context) -> str:
    """ "before 1500", "until August", "no later than June 6": open or closed intervals, as the word says."""
    kind = _OPEN_WORDS[" ".join(m["word"].lower().split())]
    when = _inner(m["a"], ctx)
    text = str(when)
    first, last = text.split("/", maxsplit=1)[0], text.rsplit("/", maxsplit=1)[-1]
    if kind == "before":
        return f"../{_neighbour(when, -1)}"
    if kind == "after":
        return f"{_neighbour(when, 1)}/.."
    if kind == "from":
        return f"{first}/.."
    latest = when.latest()
    if isinstance(latest, datetime):
        latest = latest.date()
    if kind == "until" and latest is not None and latest >= ctx.reference and first != _day_text(ctx.reference):
        # "until August": from the day of writing to the end of August.
        return f"{_day_text(ctx.reference)}/{last}"
    return f"../{last}"


def _build_week_of(m: re.Match[str], ctx: _Context) -> str:
    day = _inner(m["a"], ctx)
    first = day.earliest()
    if day.precision != Precision.DAY or not isinstance(first, date):
        raise ParseError(f"{m['a']!r} is not one day")
    return _week_text(first)


# --- Builders: times of day --------------------------------------------------------------


def _offset(zone: str, day: date, hour: int, minute: int) -> str:
    """A zone abbreviation or name as an EDTF offset on that day and time: Z, -05:00, +01:00."""
    key = zone.split(maxsplit=1)[0] if zone.split(maxsplit=1)[0] in ZONES and len(zone.split()) > 1 else zone
    value = ZONES[key]
    if value[0] not in "+-":
        offset = ZoneInfo(value).utcoffset(datetime(day.year, day.month, day.day, hour, minute))
        assert offset is not None
        minutes = int(offset.total_seconds()) // 60
        value = f"{'-' if minutes < 0 else '+'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return "Z" if value == "+00:00" else value


def _clock(m: re.Match[str]) -> tuple[int, int, bool]:
    """Hour, minute, and whether the time is midnight named as such."""
    if m["named"]:
        hour, minute = NAMED_TIMES[m["named"].lower()]
        return hour, minute, m["named"].lower() == "midnight"
    if m["h24"]:
        return int(m["h24"]), int(m["m24"]), False
    hour = int(m["hour"])
    minute = int(m["minute"] or 0)
    if hour > 12:
        raise ParseError(f"{m[0]!r}: no hour {hour} before a.m. or p.m.")
    pm = m["ampm"].lower().startswith("p")
    return hour % 12 + 12 * pm, minute, False


def _build_time(m: re.Match[str], ctx: _Context) -> str:
    hour, minute, midnight = _clock(m)
    named_day = m.groupdict().get("day")
    day = ctx.reference
    if named_day:
        when = _inner(named_day, ctx)
        first = when.earliest()
        if when.precision != Precision.DAY or when.is_interval or not isinstance(first, date):
            raise ParseError(f"{named_day!r} is not one day")
        day = first
        if midnight:
            day += timedelta(days=1)  # "midnight Sunday": the midnight that ends Sunday (AP style)
    zone = _offset(m["zone"], day, hour, minute) if m["zone"] else ""
    return f"{_day_text(day)}T{hour:02d}:{minute:02d}{zone}"


def _build_early_hours(m: re.Match[str], ctx: _Context) -> str:
    if m["day"]:  # "the early hours of Sunday": the day; EDTF has no part of a day
        return str(_inner(m["day"], ctx))
    return _day_text(ctx.reference)


# --- Builders: fiscal years, quarters and halves ------------------------------------------


def _fiscal_span(year: int, first_month: int, months: int, ctx: _Context) -> str:
    """Months of fiscal ``year`` (named for the calendar year it ends in), from its ``first_month``-th month."""
    start = date(year, ctx.fiscal_start, 1) - relativedelta(years=1 if ctx.fiscal_start > 1 else 0)
    first = start + relativedelta(months=first_month - 1)
    last = first + relativedelta(months=months - 1)
    return _interval(_month_text(first.year, first.month), _month_text(last.year, last.month))


def _build_fiscal_year(m: re.Match[str], ctx: _Context) -> str:
    year = _year_group(m, ctx)
    assert year is not None
    if ctx.fiscal_start == 1:
        return f"{year:04d}"
    return _fiscal_span(year, 1, 12, ctx)


def _quarter_number(m: re.Match[str]) -> int:
    if m["q"]:
        return int(m["q"])
    return QUARTER_WORDS[m["qword"].lower()]


def _build_quarter(m: re.Match[str], ctx: _Context) -> str:
    quarter = _quarter_number(m)
    year = _year_group(m, ctx)
    if m["fy"]:
        year = _two_digit_year(m["fy"], ctx)
    fiscal = ("fiscal" in m[0].lower() or "FY" in m[0]) and ctx.fiscal_start != 1
    if fiscal:
        if year is None:
            # The fiscal year holding the day of writing.
            year = ctx.reference.year + (ctx.reference.month >= ctx.fiscal_start)
        return _fiscal_span(year, 3 * quarter - 2, 3, ctx)
    code = 32 + quarter
    if year is not None:
        return f"{year:04d}-{code}"
    return _yearly(lambda y: _grouping(y, code), None, ctx, near=NEAR_DAY)


def _build_quarter_of_year(m: re.Match[str], ctx: _Context) -> str:
    """ "The 1988 third quarter", "last year's quarter": a quarter of the year named; without its number, the
    quarter being reported (the last one that has ended), in that year."""
    step = {"last": -1, "this": 0, "next": 1}
    year = int(m["year"]) if m["year"] else ctx.reference.year + step[m["yrel"].lower()]
    if m["qword"]:
        return f"{year:04d}-{32 + QUARTER_WORDS[m['qword'].lower()]}"
    moved = _relative(relativedelta(months=-3), ctx)
    return f"{year:04d}-{33 + (moved.month - 1) // 3}"


def _build_reported_quarter(m: re.Match[str], ctx: _Context) -> str:
    """ "The latest quarter": the last quarter that has ended; "the year-ago quarter" the same a year before."""
    moved = _relative(relativedelta(months=-3), ctx)
    year = moved.year - (1 if m["ago"] or m["last"] else 0)
    return f"{year:04d}-{33 + (moved.month - 1) // 3}"


def _build_half_code(m: re.Match[str], ctx: _Context) -> str:
    half = int(m["h"])
    year = _year_group(m, ctx)
    if ctx.fiscal_start != 1 and "FY" in m[0]:
        if year is None:
            year = ctx.reference.year + (ctx.reference.month >= ctx.fiscal_start)
        return _fiscal_span(year, 6 * half - 5, 6, ctx)
    if year is not None:
        return f"{year:04d}-{39 + half}"
    return _yearly(lambda y: _grouping(y, 39 + half), None, ctx)


def _build_day_of_month(m: re.Match[str], ctx: _Context) -> str:
    """ "The 5th": that day of the month, the nearest such day to the day of writing."""
    number = _day_number(m["day"])
    ref = ctx.reference

    def make(offset: int) -> _Span | None:
        month = date(ref.year, ref.month, 1) + relativedelta(months=offset)
        if number > _last_day(month.year, month.month):
            return None
        day = month.replace(day=number)
        return day, day, _day_text(day)

    return _pick(make, range(-2, 3), 0, None, ctx)


def _build_holiday_weekend(m: re.Match[str], ctx: _Context) -> str:
    day = When(_build_holiday(m, ctx)).earliest()
    assert isinstance(day, date)
    name = m["holiday"]
    key = next((k for k in HOLIDAY_WEEKENDS if name.startswith(k)), None)
    if key is not None:
        before, after_days = HOLIDAY_WEEKENDS[key]
        first, last = day - timedelta(days=before), day + timedelta(days=after_days)
    elif day.weekday() == 0:  # a Monday holiday: Saturday to Monday
        first, last = day - timedelta(days=2), day
    elif day.weekday() == 4:  # a Friday holiday: Friday to Sunday
        first, last = day, day + timedelta(days=2)
    else:
        # The Saturday and Sunday nearest the day, the one before it on a tie (Wednesday).
        back = (day.weekday() - 5) % 7
        forward = (5 - day.weekday()) % 7
        saturday = (
            day - timedelta(days=back) if back <= forward or day.weekday() == 6 else day + timedelta(days=forward)
        )
        if day.weekday() == 6:
            saturday = day - timedelta(days=1)
        first, last = saturday, saturday + timedelta(days=1)
    return f"{_day_text(first)}/{_day_text(last)}"


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
    words = [word.lower() for word in _words_before(text, m.start())]
    before = words[0] if words else ""
    if before in _NOUN_OPENERS or before == "s" or (len(words) > 1 and words[1] in _NOUN_OPENERS and before.isalpha()):
        # "a 2016 survey", "her 2012 novel", "his unsuccessful 1996 campaign": a year that modifies a noun.
        return _NOUN_AFTER_RE.match(text, m.end()) is not None
    if _LISTED_YEAR_RE.search(text, max(0, m.start() - 8), m.start()):
        return True  # "in 1994, 1995 and 1997"
    return before == "the" or _after_cue(text, m, _YEAR_RE)


_NOUN_AFTER_RE: Final = re.compile(r"\s+[A-Za-z]")
_LISTED_YEAR_RE: Final = re.compile(rf"(?<![0-9]){YEAR},\s*$")


_NOUN_OPENERS: Final = word_set("a an her his its their our my your whose")


def _guard_year_words(text: str, m: re.Match[str]) -> bool:
    # "Two thousand people": a count; "the year two thousand", "in two thousand and two": a year.
    if _counted(text, m):
        return False
    if m["words"].lower().startswith("two"):
        return m[0].lower().startswith("the year") or _word_before(text, m.start()) in CUES
    return True


def _guard_season(text: str, m: re.Match[str]) -> bool:
    if m["year"] or m["rel"]:
        return True
    # "the fall of Rome", "the spring of her life": of what, if not of a year, is no season.
    return _after_cue(text, m, _SEASON_RE) and not _OF_RE.match(text, m.end())


def _guard_not_after_the(text: str, m: re.Match[str]) -> bool:
    # "the next day", "the last week": counted from the story's events, not from the reference.
    return _word_before(text, m.start()) not in {"the", "a", "that"}


def _guard_holiday(text: str, m: re.Match[str]) -> bool:
    # "a Christmas tree", "Easter eggs", "Christmas Island": things named after the day, not the day.
    after = _HOLIDAY_THING_RE.match(text, m.end())
    return after is None


def _guard_approximate(text: str, m: re.Match[str]) -> bool:
    if m.groupdict().get("q") and not _guard_uncertain(text, m):
        return False
    return not _counted(text, m)


def _guard_half_code(text: str, m: re.Match[str]) -> bool:
    # "H2" alone may be hydrogen: a year or a cue word before settles it.
    return bool(m["year"]) or _word_before(text, m.start()) in CUES | {"the"}


_SPORT_RE: Final = re.compile(
    r"[^.;]{0,60}?\b(?:led|lead|leads|trailed|scored|points|goals?|touchdowns?|baskets?|innings|quarterback|game)\b"
)


def _guard_quarter(text: str, m: re.Match[str]) -> bool:
    # "In the first quarter the Lakers led 30-24": a game's quarter, not a year's.
    return bool(m["q"] or m["year"] or m["fy"]) or _SPORT_RE.match(text, m.end()) is None


def _guard_span(text: str, m: re.Match[str]) -> bool:
    # "for the past three years" is a length; the span stands either way. "The last two weeks of June" is not ours.
    return not _OF_RE.match(text, m.end())


def _guard_present(text: str, m: re.Match[str]) -> bool:
    # "now-defunct", "now that": a compound or a conjunction; "as of now" is read by the open rule.
    return not (m.end() < len(text) and text[m.end()] in "-–")


_QUESTION_RE: Final = re.compile(
    r"(?:^|[.!?\n]\s*)[\"“‘(]?(?:Did|Was|Were|Is|Are|Do|Does|When|Why|How|Who|What|Where|Which|Could|Would|Will|Has|Have"
    r"|Can|Should|Shall)\b[^.!?\n]*$"
)


def _guard_uncertain(text: str, m: re.Match[str]) -> bool:
    # "Did it happen in 1848?": a question, not a doubtful year.
    return _QUESTION_RE.search(text, max(0, m.start() - 300), m.start()) is None


def _guard_vague(text: str, m: re.Match[str]) -> bool:
    if m["word"].lower() == "soon":
        return _word_before(text, m.start()) not in {"as", "how", "too", "so"}  # "as soon as", "too soon"
    return True


def _guard_time(text: str, m: re.Match[str]) -> bool:
    # "3:30" alone may be a score or a ratio: a 24-hour time needs a zone or "at" before it.
    if m["h24"] and not m["zone"]:
        return _word_before(text, m.start()) in {"at", "from", "until", "by", "before", "after"}
    return True


# --- The rule table -----------------------------------------------------------------

_WEEKDAY_SPEC: Final = rf"(?:(?P<rel>{REL})\s+)?(?P<weekday>{WEEKDAY}){TIME_OF_DAY}?"
_YEAR_AFTER: Final = rf"(?:,?\s+(?:of\s+)?(?P<year>{YEAR}|['’][0-9]{{2}}|{YEAR_WORDS}))"

# What find_dates looks for first, so that a rule is tried only near it (Rule.trigger).
_MONTH_TRIGGER: Final = rf"(?<![A-Za-z0-9]){MONTH_ANY}"
_SEASON_TRIGGER: Final = SEASON
_WEEKDAY_TRIGGER: Final = WEEKDAY
_CLOCK_TRIGGER: Final = (
    r"(?<![A-Za-z])(?:[0-9]\s*[AaPp]\.?\s?[Mm](?![A-Za-z])|[0-9]:[0-5][0-9]|[Nn]oon|[Mm]idday|[Mm]idnight)"
)
_UNIT_TRIGGER: Final = (
    r"(?<![A-Za-z0-9])(?:(?:[Dd]ay|[Ww]eek|[Ff]ortnight|[Mm]onth|[Qq]uarter|[Yy]ear|[Dd]ecade)s?(?![a-z])"
    r"|[Cc]entur(?:y|ies))"
)

_YEAR_WORDS_TRIGGER: Final = r"(?i:eighteen|nineteen|twenty|thousand)"
_SPAN_TRIGGER: Final = r"(?i:past|previous|last|recent)"
_DAY_WORD_TRIGGER: Final = r"(?i:yesterday|today|tonight|tomorrow|night|morning|afternoon|evening)"
_VAGUE_TRIGGER: Final = r"(?i:recently|lately|future|past|soon)"
_PART_TRIGGER: Final = r"(?i:early|mid|late|start|beginning|middle|end)"
# The words a holiday may begin with ("the Fourth of July", "this Christmas").
_HOLIDAY_FIRST: Final = word_set("the last this next summer august") | frozenset(
    first[0].lower()
    for name, _ in HOLIDAYS
    for alternative in name.split("|")
    if (first := re.match(r"[A-Za-z]+", alternative)) is not None
)
# A holiday's own first words ("Christmas", "Memorial"; "July" in "the Fourth of July"), after "last", "this"...
_HOLIDAY_WORDS: Final = _HOLIDAY_FIRST - word_set("the last this next")
_HOLIDAY_TRIGGER: Final = "(?i:" + "|".join(sorted(_HOLIDAY_WORDS, key=len, reverse=True)) + ")"
# Triggers that are words: find_dates finds them in its one pass over the words of a
# text (any case) instead of one search each. Every place a trigger matches and a
# phrase can stand is the start of one of these words, in lower case.
TRIGGER_WORDS: Final[dict[str, frozenset[str]]] = {
    _MONTH_TRIGGER: frozenset(MONTHS),
    _WEEKDAY_TRIGGER: frozenset(WEEKDAYS),
    _SEASON_TRIGGER: frozenset(SEASONS),
    DECADE_WORD: frozenset(DECADE_WORDS),
    _UNIT_TRIGGER: word_set(
        "day days week weeks fortnight fortnights month months quarter quarters year years decade decades "
        "century centuries"
    ),
    r"[Ss]ince\s": word_set("since"),
    r"[Ff]rom\s": word_set("from"),
    r"[Bb]etween\s": word_set("between"),
    r"quarter|period": word_set("quarter period"),
    r"FY|[Ff]iscal": word_set("fy fiscal"),
    _YEAR_WORDS_TRIGGER: word_set("eighteen nineteen twenty thousand"),
    _SPAN_TRIGGER: word_set("past previous last recent"),
    _DAY_WORD_TRIGGER: word_set("yesterday today tonight tomorrow night morning afternoon evening"),
    _VAGUE_TRIGGER: word_set("recently lately future past soon"),
    _HOLIDAY_TRIGGER: _HOLIDAY_WORDS,
    _PART_TRIGGER: word_set("early mid late start beginning middle end"),
}

_CLOCK: Final = (
    r"(?:(?P<hour>1[0-2]|0?[1-9])(?:[:.](?P<minute>[0-5][0-9]))?\s*(?P<ampm>[AaPp]\.?\s?[Mm](?![A-Za-z])\.?)"
    r"|(?P<h24>[01]?[0-9]|2[0-3]):(?P<m24>[0-5][0-9])(?:\s*(?:h|hrs)(?![A-Za-z]))?"
    rf"|(?P<named>{caps('noon', 'midday', 'midnight')}))(?:\s+(?P<zone>{ZONE}))?"
)

# Simple phrases, most specific first: a composite rule's inner phrase is
# tried in this order, so "June 6, 2021" wins over "June" inside "around ...".
_ATOMS: Final = (
    Rule(
        "iso date",
        r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})",
        _build_iso,
        examples=("2021-06-06",),
        trigger=r"[0-9]{4}-[0-9]{2}-[0-9]{2}",
        reach=0,
    ),
    Rule(
        "numeric date",
        rf"(?P<a>[0-9]{{1,2}})/(?P<b>[0-9]{{1,2}})/(?P<year>{YEAR}|[0-9]{{2}})",
        _build_numeric,
        examples=("25/11/2019", "11/25/2019", "5/5/19"),
        trigger=r"[0-9]/[0-9]",
        reach=2,
    ),
    Rule(
        "dotted date",
        rf"(?P<a>[0-9]{{1,2}})\.(?P<b>[0-9]{{1,2}})\.(?P<year>{YEAR})",
        _build_numeric,
        examples=("05.11.2019", "25.11.2019"),
        trigger=r"[0-9]\.[0-9]{1,2}\.[0-9]",
        reach=2,
    ),
    Rule(
        "day range",
        rf"(?P<month>{MONTH_ANY})\s+(?P<day>{DAY})(?P<joint>{DASH}|\s+(?:to|through|and)\s+)"
        rf"(?:(?P<month2>{MONTH_ANY})\s+)?(?P<day2>{DAY}){_YEAR_AFTER}?",
        _build_day_range,
        examples=("June 6-8", "Oct. 24–26", "June 30-July 2, 2021", "June 7 and 8"),
        trigger=_MONTH_TRIGGER,
        reach=0,
    ),
    Rule(
        "day range, day first",
        rf"(?P<day>{DAY}){DASH}(?P<day2>{DAY})\s+(?P<month>{MONTH_ANY}){_YEAR_AFTER}?",
        _build_day_range_first,
        examples=("6-8 June 2021",),
        trigger=_MONTH_TRIGGER,
        reach=12,
    ),
    Rule(
        "day",
        rf"(?:(?P<weekday>{WEEKDAY}),?\s+)?(?P<month>{MONTH_ANY})\s+(?P<day>{DAY}){_YEAR_AFTER}?",
        _build_day,
        examples=("June 6", "June 6, 2021", "Nov. 3", "Sept. 30", "Sunday, June 6"),
        trigger=_MONTH_TRIGGER,
        reach=20,
    ),
    Rule(
        "day, day first",
        rf"(?:(?P<weekday>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{DAY})\s+(?:of\s+)?(?P<month>{MONTH_ANY})"
        rf"{_YEAR_AFTER}?",
        _build_day,
        examples=("6 June 2021", "the 6th of June"),
        trigger=_MONTH_TRIGGER,
        reach=30,
    ),
    Rule(
        "holiday weekend",
        rf"(?:(?P<rel>{REL})\s+|{caps('the')}\s+)?(?P<holiday>{'|'.join(name for name, _ in HOLIDAYS)})"
        rf"(?:\s+[Hh]oliday)?\s+weekend{_YEAR_AFTER}?",
        _build_holiday_weekend,
        examples=("Memorial Day weekend", "the Easter weekend", "Thanksgiving weekend 2020", "Labor Day weekend"),
        trigger=r"weekend",
        reach=60,
    ),
    Rule(
        "holiday",
        rf"(?:(?P<rel>{REL})\s+)?(?P<holiday>{'|'.join(name for name, _ in HOLIDAYS)}){_YEAR_AFTER}?",
        _build_holiday,
        guard=_guard_holiday,
        examples=(
            "Memorial Day",
            "Thanksgiving 2020",
            "last Christmas",
            "Labor Day",
            "Black Friday",
            "Boxing Day",
            "Good Friday",
            "Halloween",
            "New Year's Day",
            "Pentecost",
            "Mother's Day",
            "Election Day",
        ),
        trigger=_HOLIDAY_TRIGGER,
        reach=30,
    ),
    Rule(
        "day word",
        rf"(?P<word>{caps('the day before yesterday', 'the day after tomorrow', 'yesterday', 'today', 'tonight')}"
        rf"|{caps('tomorrow')}|{caps('last')}\s+night|{caps('this')}\s+(?:morning|afternoon|evening))"
        rf"{TIME_OF_DAY}?",
        _build_day_word,
        examples=("yesterday", "today", "tomorrow", "last night", "yesterday morning", "the day before yesterday"),
        trigger=_DAY_WORD_TRIGGER,
        reach=30,
    ),
    Rule(
        "weekday pair",
        rf"{_WEEKDAY_SPEC}(?P<joint>\s+(?:and|to|through)\s+|{DASH})(?P<weekday2>{WEEKDAY}){TIME_OF_DAY}?",
        _build_weekday_pair,
        examples=("Monday and Tuesday", "Monday through Wednesday"),
        trigger=_WEEKDAY_TRIGGER,
        reach=20,
    ),
    Rule(
        "weekday",
        _WEEKDAY_SPEC,
        _build_weekday,
        examples=("Tuesday", "last Friday", "next Monday", "Tuesday night"),
        trigger=_WEEKDAY_TRIGGER,
        reach=20,
    ),
    Rule(
        "week of a month",
        rf"{caps('the')}\s+(?P<nth>first|second|third|fourth|last)\s+week\s+(?:of|in)\s+"
        rf"(?P<of>{MONTH_ANY}(?:{_YEAR_AFTER})?|(?:{REL}|the)\s+month)",
        _build_week_of_month,
        examples=("the first week of December", "the last week of May 2021"),
        trigger=r"week\s+(?:of|in)\s",
        reach=20,
    ),
    Rule(
        "half year",
        rf"{caps('the')}\s+(?P<half>first|second|last|latter)\s+half\s+of\s+(?P<of>{YEAR}|(?:{REL}|the)\s+year)",
        _build_half,
        examples=("the first half of 2021", "the second half of the year", "the last half of 2021"),
        trigger=r"half\s+of",
        reach=20,
    ),
    Rule(
        "quarter",
        rf"(?:{caps('the')}\s+)?(?:{caps('fiscal')}\s+)?(?:Q(?P<q>[1-4])"
        rf"|(?P<qword>{caps('first', 'second', 'third', 'fourth', 'final')})(?:[\s-]+fiscal)?[\s-]+quarter)"
        rf"(?:,?\s+(?:of\s+)?(?:the\s+)?(?:(?:fiscal(?:\s+year)?\s+|FY\s?)?(?P<year>{YEAR}|['’][0-9]{{2}})"
        rf"|FY\s?(?P<fy>[0-9]{{2}})))?",
        _build_quarter,
        guard=_guard_quarter,
        examples=(
            "Q2 2021",
            "the second quarter of 2021",
            "Q4",
            "third-quarter",
            "Q2 FY2019",
            "the fiscal first quarter",
        ),
        trigger=r"[Qq]uarter|Q[1-4]",
        reach=40,
    ),
    Rule(
        "quarter of a named year",
        rf"(?:{caps('the')}\s+)?(?:(?P<year>{YEAR})|(?P<yrel>{caps('last', 'this', 'next')})\s+year['’]s)\s+"
        rf"(?:(?P<qword>first|second|third|fourth|final)[\s-]+)?(?:fiscal\s+)?(?:quarter|period)(?![\s-]+of\b)",
        _build_quarter_of_year,
        examples=("the 1988 third quarter", "this year's second quarter", "last year's quarter", "the 2020 period"),
        trigger=r"quarter|period",
        reach=40,
    ),
    Rule(
        "reported quarter",
        rf"{caps('the')}\s+(?:(?:same|corresponding|comparable)\s+)?"
        r"(?:(?P<ago>year-ago|year-earlier|year\s+earlier|prior-year|year-before)\s+(?:fiscal\s+)?"
        r"(?:quarter|period)|(?:latest|most\s+recent|past|previous|just-ended|recent)\s+(?:fiscal\s+)?quarter"
        r"|(?:quarter|period)\s+(?P<last>last\s+year|a\s+year\s+(?:ago|earlier)))",
        _build_reported_quarter,
        examples=(
            "the latest quarter",
            "the year-ago quarter",
            "the year-earlier period",
            "the most recent quarter",
            "the corresponding period last year",
            "the same quarter a year ago",
        ),
        trigger=r"quarter|period",
        reach=40,
    ),
    Rule(
        "half by code",
        rf"H(?P<h>[12])(?:,?\s+(?:FY\s?)?(?P<year>{YEAR}|['’][0-9]{{2}}))?",
        _build_half_code,
        guard=_guard_half_code,
        examples=("H1 2021", "H2 FY2020"),
        trigger=r"H[12]",
        reach=0,
    ),
    Rule(
        "fiscal year",
        rf"(?:FY\s?|{caps('fiscal')}(?:[\s-]+year)?\s+)(?P<year>{YEAR}|['’]?[0-9]{{2}})",
        _build_fiscal_year,
        examples=("FY2019", "fiscal 2019", "fiscal year 2019", "FY19", "FY 2020"),
        trigger=r"FY|[Ff]iscal",
        reach=0,
    ),
    Rule(
        "month and year",
        rf"(?P<month>{MONTH_ANY}){_YEAR_AFTER}",
        _build_month_year,
        examples=("March 2020", "March of 2020", "Jan. 2021"),
        trigger=_MONTH_TRIGGER,
        reach=0,
    ),
    Rule(
        "season",
        rf"(?:(?P<rel>{REL})\s+|{caps('the')}\s+)?(?P<season>{SEASON}){_YEAR_AFTER}?",
        _build_season,
        guard=_guard_season,
        examples=("the spring of 2020", "last summer", "spring 2021", "this winter"),
        trigger=_SEASON_TRIGGER,
        reach=30,
    ),
    Rule(
        "month",
        rf"(?:(?P<rel>{REL})\s+)?(?P<month>{MONTH_FULL})",
        _build_month,
        guard=_guard_month,
        examples=("March", "last December", "next May"),
        trigger=_MONTH_TRIGGER,
        reach=20,
    ),
    Rule(
        "century",
        rf"(?:{caps('the')}\s+)?(?:(?P<nth>{ORDINAL})[\s-]+[Cc]entury(?:\s+(?P<era>{BC}|{AD})(?![A-Za-z]))?"
        rf"|(?P<hundreds>1[0-9]00)['’]?s)",
        _build_century,
        examples=(
            "the 17th century",
            "the twelfth century",
            "the 3rd century BC",
            "the 1700s",
            "the twenty-first century",
        ),
        trigger=r"[Cc]entury|[0-9]00['’]?s",
        reach=40,
    ),
    Rule(
        "decade",
        rf"(?:{caps('the')}\s+)?(?:(?P<decade>1[0-9][1-9]0|20[0-9]0)|['’](?P<short>[0-9]0))['’]?s",
        _build_decade,
        examples=("the 1990s", "the '80s", "the 2000s", "the 1960s"),
        trigger=r"0['’]?s",
        reach=20,
    ),
    Rule(
        "decade in words",
        rf"{caps('the')}\s+(?:(?P<cent>nineteen|eighteen)[\s-]+)?(?P<word>{DECADE_WORD})",
        _build_decade_word,
        examples=("the seventies", "the nineteen-sixties", "the Eighties"),
        trigger=DECADE_WORD,
        reach=30,
    ),
    Rule(
        "turn of a century",
        rf"{caps('the')}\s+turn\s+of\s+the\s+(?:(?P<nth>{ORDINAL})\s+)?(?P<unit>century|millennium)",
        _build_turn,
        examples=("the turn of the millennium", "the turn of the century", "the turn of the 20th century"),
        trigger=r"turn of",
        reach=10,
    ),
    Rule(
        "year with era",
        rf"(?:(?:AD|A\.D\.)\s*(?P<ad>[1-9][0-9]{{0,3}})|(?P<year>[1-9][0-9]{{0,3}})\s*(?P<era>{BC}|{AD}))(?![A-Za-z])",
        _build_era_year,
        examples=("AD 1066", "300 BC", "44 BCE", "1066 CE", "5 B.C."),
        trigger=r"B\.?C|A\.?D|C\.?E",
        reach=12,
    ),
    Rule(
        "last, this or next",
        rf"(?P<rel>{REL})\s+(?P<unit>week|weekend|month|year|quarter|decade|century)",
        _build_relative_unit,
        guard=_guard_not_after_the,
        examples=("last week", "this weekend", "next month", "last year", "next quarter"),
        first=word_set("last this next"),
    ),
    Rule(
        "the current week, month, quarter or year",
        rf"{caps('the')}\s+current\s+(?P<fiscal>fiscal\s+)?(?P<unit>week|month|quarter|year)",
        _build_current,
        examples=("the current quarter", "the current year", "the current fiscal year", "the current month"),
        trigger=r"current",
        reach=4,
    ),
    Rule(
        "earlier or later this week, month or year",
        rf"(?P<side>{caps('earlier', 'later')})\s+this\s+(?P<unit>week|month|year)",
        _build_earlier_later,
        examples=("earlier this week", "later this month", "earlier this year"),
        trigger=r"this\s+(?:week|month|year)",
        reach=10,
    ),
    Rule(
        "the weekend",
        rf"{caps('the')}\s+weekend",
        _build_the_weekend,
        examples=("the weekend",),
        trigger=r"weekend",
        reach=5,
    ),
    Rule(
        "ago or from now",
        rf"(?:(?P<in>{caps('in')})\s+)?(?:(?P<about>{caps('about', 'around', 'some', 'roughly', 'nearly', 'almost')}"
        rf"|{caps('more than', 'less than', 'over', 'under', 'approximately')})\s+)?"
        rf"(?P<n>{COUNT})\s+(?P<unit>(?:day|week|fortnight|month|quarter|year|decade)s?|centur(?:y|ies))"
        rf"(?:\s+(?P<ago>ago|from\s+now|hence|later|earlier|back))?",
        _build_count,
        examples=(
            "two weeks ago",
            "three years ago",
            "in two days",
            "a year from now",
            "fifteen years ago",
            "a fortnight earlier",
            "a year earlier",
            "twenty-one days later",
            "a few days ago",
            "some 200 years ago",
        ),
        trigger=_UNIT_TRIGGER,
        reach=40,
    ),
    Rule(
        "span to the day of writing",
        rf"(?:{caps('in', 'during', 'over', 'for')}\s+)?(?:{caps('the')}\s+(?:past|previous)\s+"
        rf"(?:(?P<n>{COUNT}|few)\s+)?|{caps('the')}\s+last\s+(?P<n2>{COUNT}|few)\s+|(?P<recent>{caps('recent')})\s+)"
        rf"(?P<unit>(?:day|week|fortnight|month|quarter|year|decade)s?|centur(?:y|ies))",
        _build_span_to_now,
        guard=_guard_span,
        examples=("the past few years", "recent days", "the last two weeks", "in recent years", "the past decade"),
        trigger=_SPAN_TRIGGER,
        reach=12,
    ),
    Rule(
        "the week after next",
        rf"{caps('the')}\s+(?P<unit>week|weekend|month|year)\s+(?P<side>after\s+next|before\s+last)",
        _build_step_after_next,
        examples=("the week after next", "the weekend before last", "the year before last"),
        trigger=r"after\s+next|before\s+last",
        reach=30,
    ),
    Rule(
        "the weekend before or after",
        rf"{caps('the')}\s+weekend\s+(?P<side>before|after)"
        r"(?!\s+(?:the|a|an|his|her|their|its|our|my|your|last|next|this|that|[A-Z0-9]))",
        _build_weekend_side,
        examples=("the weekend before", "the weekend after"),
        trigger=r"weekend",
        reach=10,
    ),
    Rule(
        "a year earlier, as a word",
        rf"{caps('year-ago', 'year-earlier', 'year-before', 'prior-year')}",
        _build_year_ago,
        examples=("year-ago", "year-earlier"),
        trigger=r"ear-|rior-year",
        reach=1,
    ),
    Rule(
        "the day of the month",
        rf"{caps('the')}\s+(?P<day>(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th))(?![\s-]*[A-Za-z0-9])",
        _build_day_of_month,
        examples=("the 5th", "the 21st"),
        trigger=r"[0-9](?:st|nd|rd|th)",
        reach=12,
    ),
    Rule(
        "now",
        rf"(?P<word>{caps('right now', 'now', 'currently', 'at present', 'at the moment', 'nowadays', 'these days')})",
        _build_present,
        guard=_guard_present,
        examples=("now", "currently", "at present", "these days"),
        first=word_set("right now currently at nowadays these"),
    ),
    Rule(
        "year in words",
        rf"(?:{caps('the year')}\s+)?(?P<words>{YEAR_WORDS})",
        _build_year_words,
        guard=_guard_year_words,
        examples=("nineteen ninety-six", "the year two thousand", "Nineteen seventy-nine", "two thousand and two"),
        trigger=_YEAR_WORDS_TRIGGER,
        reach=13,
    ),
    Rule(
        "year range",
        rf"(?P<year>{YEAR})(?:-|–)(?P<year2>{YEAR}|[0-9]{{2}})",
        _build_year_range,
        guard=_guard_year,
        examples=("2010-2015", "2019-20", "2020–21"),
        trigger=YEAR,
        reach=0,
    ),
    Rule(
        "year",
        rf"(?P<year>{YEAR})",
        _build_year,
        guard=_guard_year,
        examples=("2019",),
        trigger=YEAR,
        reach=0,
    ),
)


def _plain(rule: Rule) -> str:
    """A rule's pattern without its group names, to nest inside another pattern."""
    return re.sub(r"\(\?P<\w+>", "(?:", rule.pattern.pattern)


_ATOM: Final = "(?:" + "|".join(_plain(rule) for rule in _ATOMS) + ")"
_PARTABLE: Final = rf"(?:{_ATOM}|the\s+(?:week|month|year|quarter|decade|century))"
_BY_NAME: Final = {rule.name: rule for rule in _ATOMS}
_ONE_DAY: Final = "|".join(
    _plain(_BY_NAME[name])
    for name in ("iso date", "numeric date", "day", "day, day first", "day word", "weekday", "holiday")
)
_TIME_RULES: Final = (
    Rule(
        "time, then day",
        rf"{_CLOCK}(?:,?\s+(?:on\s+)?)(?P<day>{_ONE_DAY})",
        _build_time,
        examples=(
            "5 p.m. Thursday",
            "09:00 UTC Monday",
            "7:15 p.m. on May 2",
            "midnight Sunday",
            "4 a.m. EDT Thursday",
        ),
        trigger=_CLOCK_TRIGGER,
        reach=8,
    ),
    Rule(
        "day, then time",
        rf"(?P<day>{_ONE_DAY}),?\s+(?:at\s+)?{_CLOCK}",
        _build_time,
        examples=("Friday at noon", "May 2 at 7:15 p.m.", "tomorrow at 9 a.m. ET", "Thursday, 5 p.m. GMT"),
        trigger=_CLOCK_TRIGGER,
        reach=80,
    ),
    Rule(
        "time",
        _CLOCK,
        _build_time,
        guard=_guard_time,
        examples=("5 p.m.", "10:35 a.m.", "noon", "17:30 CET"),
        trigger=_CLOCK_TRIGGER,
        reach=8,
    ),
    Rule(
        "the early hours",
        rf"(?:{caps('in')}\s+)?{caps('the')}\s+(?:early|small|wee)\s+hours(?:\s+of\s+(?P<day>{_ONE_DAY}))?",
        _build_early_hours,
        examples=("in the early hours", "the early hours of Sunday"),
        trigger=r"hours",
        reach=30,
    ),
)
_PART_RULE: Final = Rule(
    "part of a period",
    rf"(?:{caps('the')}\s+(?=[elm]))?"  # "the late 1990s"
    rf"(?P<part>{caps('early', 'mid-', 'mid', 'late', 'the start of', 'the beginning of', 'the middle of')}"
    rf"|{caps('the end of')})(?:(?<=-)|\s+)(?P<a>{_PARTABLE})",
    _build_part,
    examples=("early next week", "late May", "mid-June", "early 2021", "the end of the year", "the late 1990s"),
    trigger=_PART_TRIGGER,
    reach=4,
)
_APPROXIMABLE: Final = (
    "year with era", "century", "decade", "decade in words", "year", "month and year", "season", "day", "iso date",
)  # fmt: skip
_APPROXIMATE_RULE: Final = Rule(
    "approximate",
    rf"(?:{caps('around', 'about', 'circa', 'approximately', 'roughly', 'sometime around', 'some time around')}\s+"
    r"|[Cc]a?\.\s*|ca\s+)(?P<a>" + "|".join(_plain(_BY_NAME[name]) for name in _APPROXIMABLE) + r")(?P<q>\?)?",
    _build_approximate,
    guard=_guard_approximate,
    examples=("around 1985", "about 2019", "circa 1900", "c. 1850", "ca. 1850", "c. 300 BC", "about the 1840s"),
    first=word_set("around about circa approximately roughly sometime some c ca"),
)
_UNCERTAIN_RULE: Final = Rule(
    "uncertain",
    r"(?P<a>" + "|".join(_plain(_BY_NAME[name]) for name in _APPROXIMABLE) + r")\?",
    _build_uncertain,
    guard=_guard_uncertain,
    examples=("1848?", "autumn 1848?", "June 1848?", "the 1840s?"),
    trigger=r"\?",
    reach=60,
)
_HALF_OF_RULE: Final = Rule(
    "half of a century or decade",
    rf"{caps('the')}\s+(?P<half>first|second|latter)\s+half\s+of\s+(?P<a>"
    + "|".join(_plain(_BY_NAME[name]) for name in ("century", "decade", "decade in words"))
    + r"|the\s+(?:century|decade))",
    _build_half_of,
    examples=("the first half of the 17th century", "the second half of the 1990s", "the latter half of the decade"),
    trigger=r"half\s+of",
    reach=20,
)
_WEEK_OF_RULE: Final = Rule(
    "the week of a day",
    rf"{caps('the')}\s+week\s+of\s+(?P<a>{_ONE_DAY})",
    _build_week_of,
    examples=("the week of June 14", "the week of 2021-06-14"),
    trigger=r"week\s+of",
    reach=5,
)
_RANGEABLE: Final = rf"(?:{_plain(_PART_RULE)}|{_ATOM})"
_OPEN_RULE: Final = Rule(
    "before, after, by, until ...",
    rf"(?P<word>{caps(*sorted(_OPEN_WORDS, key=len, reverse=True))})\s+(?P<a>{_RANGEABLE})",
    _build_open,
    guard=_guard_approximate,
    examples=(
        "before 1500",
        "after 1900",
        "by 2020",
        "no later than June 6",
        "not before 1850",
        "until August",
        "through Thursday",
        "until next summer",
        "prior to 2019",
        "up to March",
    ),
    first=frozenset(words.split()[0] for words in _OPEN_WORDS),
)
_VAGUE_RULE: Final = Rule(
    "the past, recently, the future",
    rf"(?P<word>{caps('recently', 'lately', 'in the near future', 'the near future', 'in the future', 'the future')}"
    rf"|{caps('in the past', 'the past', 'soon')})",
    _build_vague,
    guard=_guard_vague,
    examples=("recently", "in the past", "the future", "soon", "in the near future"),
    trigger=_VAGUE_TRIGGER,
    reach=30,
)
_SINCE_RULE: Final = Rule(
    "since ...",
    rf"{caps('since')}\s+(?P<a>{_RANGEABLE})",
    _build_since,
    examples=("since March", "since 2019", "since Jan. 6, 2021"),
    trigger=r"[Ss]ince\s",
    reach=0,
)
_RANGE_RULES: Final = (
    Rule(
        "from ... to ...",
        rf"{caps('from')}\s+(?P<a>{_RANGEABLE})(?:\s+(?:to|until|till|through)\s+|{DASH})(?P<b>{_RANGEABLE})",
        _build_range,
        examples=("from June 6 to June 8, 2021", "from March to May"),
        trigger=r"[Ff]rom\s",
        reach=0,
    ),
    Rule(
        "between ... and ...",
        rf"{caps('between')}\s+(?P<a>{_RANGEABLE})\s+and\s+(?P<b>{_RANGEABLE})",
        _build_range,
        examples=("between March and May", "between 2019 and 2021"),
        trigger=r"[Bb]etween\s",
        reach=0,
    ),
)

RULES: Final[tuple[Rule, ...]] = (
    *_RANGE_RULES,
    _SINCE_RULE,
    _OPEN_RULE,
    _APPROXIMATE_RULE,
    _UNCERTAIN_RULE,
    _HALF_OF_RULE,
    _PART_RULE,
    _WEEK_OF_RULE,
    *_TIME_RULES,
    *_ATOMS,
    _VAGUE_RULE,
)
"""Every kind of phrase the library reads, in the order :func:`resolve` tries them."""

_INNER_RULES: Final = (_APPROXIMATE_RULE, _UNCERTAIN_RULE, _HALF_OF_RULE, _PART_RULE, *_TIME_RULES, *_ATOMS)

# Names and titles that hold a date word but are no date.
_THE_PERIOD_RE: Final = re.compile(r"^[Tt]he (week|month|year|quarter|decade|century)$")
_LEADING_RE: Final = re.compile(r"(?i:some\s*time\s+in|in|on|at|during|of)\s+")


def _inner(phrase: str, ctx: _Context) -> When:
    # "the end of the year": the year the text was written in.
    phrase = _THE_PERIOD_RE.sub(r"this \1", " ".join(phrase.split()))
    # A text says "by Friday" or "since March" many times: each phrase is read once per context.
    key = (phrase, ctx)
    found = _INNER_SEEN.get(key)
    if found is None:
        try:
            found = _match(phrase, _INNER_RULES, ctx) or ParseError(f"{phrase!r} is not a date phrase")
        except ParseError as exc:
            found = exc
        if len(_INNER_SEEN) >= 4096:
            _INNER_SEEN.clear()
        _INNER_SEEN[key] = found
    if isinstance(found, ParseError):
        raise ParseError(str(found))
    return found


# What _inner read, by phrase and context (both immutable): a When or the error it gave.
_INNER_SEEN: Final[dict[tuple[str, _Context], When | ParseError]] = {}
