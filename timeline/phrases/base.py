"""The pieces every rule shares: a rule, a mention, the reading context, and
calendar arithmetic (picking the occurrence of a repeating thing nearest the
reference date).

Calendar arithmetic is python-dateutil's (``relativedelta`` for months and
nth weekdays).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Literal, cast

import attrs
from dateutil.relativedelta import relativedelta

from timeline._when import When
from timeline.errors import ParseError
from timeline.phrases.words import (
    MONTHS,
    NUMBERS,
    REL_WORDS,
)

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
    fiscal_start: int = 1
    # What "two days later" counts from in find_dates: the mention before it.
    anchor: When | None = None
    # Whether ``prefer`` is the sentence's lean (find_dates), not the caller's word (resolve).
    lean: bool = False


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
        trigger: For :func:`find_dates` only: a regular expression that every
            match holds (a month name, a clock time, "?"); the rule is then
            tried only near its matches, found once for all rules that share
            it, instead of at every word of the text.
        reach: How many characters before the trigger a match may begin.
        first: For :func:`find_dates` only, instead of a trigger: the words
            (in lower case) a match may begin with; the rule is then tried
            only where one of them begins a word.
    """

    name: str
    pattern: re.Pattern[str] = attrs.field(converter=_compile)
    build: Build
    guard: Guard | None = None
    examples: tuple[str, ...] = ()
    trigger: str | None = None
    reach: int = 0
    first: frozenset[str] | None = None


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
    return MONTHS[name.rstrip(".").lower()]


def _number(text: str) -> int:
    return int(text) if text.isdigit() else NUMBERS[text.lower()]


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


def _pick(
    make: Callable[[int], _Span | None], keys: range, this: int, pick: _Pick, ctx: _Context, near: int = 0
) -> str:
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
    soft = pick is None  # the sentence's lean, not a word of the phrase
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
        chosen = min((s for _, s in found), key=lambda s: (_distance(s, ref), s[0]))
    if chosen is not None and soft and ctx.lean and near and pick in ("past", "future"):
        nearest = min((s for _, s in found), key=lambda s: (_distance(s, ref), s[0]))
        # A tense cue leans one way, but not half a year past an occurrence within
        # ``near`` days the other way ("said it would close Jan. 14", written on January 6).
        if _distance(chosen, ref).days > 180 and _distance(nearest, ref).days <= near:
            chosen = nearest
    if chosen is None:
        raise ParseError(f"no occurrence near {ref.isoformat()} can be told apart")
    return chosen[2]


def _distance(span: _Span, ref: date) -> timedelta:
    return max(span[0] - ref, ref - span[1], timedelta(0))


def _yearly(make: Callable[[int], _Span | None], pick: _Pick, ctx: _Context, spread: int = 2, near: int = 0) -> str:
    """``near``: a sentence's lean gives way to an occurrence within so many days the other way."""
    year = ctx.reference.year
    return _pick(make, range(year - spread, year + spread + 1), year, pick, ctx, near)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _weekday_span(weekday: int, pick: _Pick, ctx: _Context) -> tuple[date, str]:
    monday = _monday(ctx.reference)

    def make(offset: int) -> _Span:
        day = monday + timedelta(days=7 * offset + weekday)
        return day, day, _day_text(day)

    text = _pick(make, range(-2, 3), 0, pick, ctx)
    return date.fromisoformat(text), text


def _rel(m: re.Match[str]) -> _Pick:
    word = m.groupdict().get("rel")
    return None if word is None else cast(_Pick, REL_WORDS[" ".join(word.lower().split())])


def _relative(delta: timedelta | relativedelta, ctx: _Context) -> date:
    try:
        moved = ctx.reference + delta
    except (OverflowError, ValueError) as exc:  # relativedelta says "year 0 is out of range"
        raise ParseError(f"it falls outside the years 1-9999 from {ctx.reference.isoformat()}") from exc
    assert isinstance(moved, date)
    return moved


def _approximate(text: str) -> str:
    """Mark every end of an unqualified EDTF text approximate: ``2019/2021`` -> ``2019~/2021~``."""
    return "/".join(end + "~" for end in text.split("/"))


_TRIGGER_RES: dict[str, re.Pattern[str]] = {}


def _match(phrase: str, rules: tuple[Rule, ...], ctx: _Context) -> When | None:
    """The first rule's reading of the whole of ``phrase``; a rule's own error if only errors came."""
    first_error: ParseError | None = None
    for rule in rules:
        if rule.trigger is not None:
            trigger = _TRIGGER_RES.get(rule.trigger)
            if trigger is None:
                trigger = _TRIGGER_RES[rule.trigger] = re.compile(rule.trigger)
            if trigger.search(phrase) is None:
                continue  # every match holds the trigger: no need to try the whole pattern
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
