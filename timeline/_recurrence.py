"""Recurring events expanded into dated occurrences over a window, with dateutil's rrule."""

from __future__ import annotations

import contextlib
import math
import re
from datetime import UTC, datetime, timedelta, timezone

import attrs
from dateutil.rrule import rrule, rruleset, rrulestr

from timeline._event import Event
from timeline._rules import steps as rule_steps
from timeline._when import _DAY_US, Key, PartialDate, When
from timeline.errors import LimitError

__all__ = ["expand"]

_EPOCH = datetime(1, 1, 1)


def _moment(key: Key, aware: bool) -> datetime | None:
    """A wall-clock key as a naive datetime (UTC-aware for instants); None beyond what datetime holds."""
    if not isinstance(key, int):
        return None
    try:
        moment = _EPOCH + timedelta(microseconds=key - _DAY_US)
    except OverflowError:
        return None
    return moment.replace(tzinfo=UTC) if aware else moment


def _start_of(point: PartialDate) -> datetime:
    first = point.earliest()
    if isinstance(first, datetime):
        return first
    return datetime(first.year, first.month, first.day)


_ZONE_RE = re.compile(r"(Z|[+-][0-9]{2}(?::[0-9]{2})?)$")


def _text(moment: datetime, like: PartialDate) -> str:
    """``moment`` written as ``like`` writes its date: a day, or a time with its precision and offset."""
    if not like.timed:
        return moment.date().isoformat()
    suffix = ""
    offset = like.utc_offset
    if offset is not None:
        found = _ZONE_RE.search(like.text)
        suffix = found[1] if found else "Z"
        moment = moment.astimezone(timezone(offset))
    clock = like.text.split("T", 1)[1][: -len(suffix) or None]
    # Not strftime: it does not pad years before 1000 on every platform.
    text = f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}T{moment.hour:02d}:{moment.minute:02d}"
    if len(clock) > 5:
        text += f":{moment.second:02d}"
        if "." in clock:
            text += "." + f"{moment.microsecond:06d}"[: len(clock.split(".", 1)[1])]
    return text + suffix


def expand(event: Event, window: tuple[Key, Key], *, limit: int, steps: int, before: int = 0) -> list[Event]:
    """The occurrences of a recurring ``event`` that overlap ``window`` (wall-clock keys in its zone).

    At most ``limit`` occurrences (less ``before``, those of other events), from a rule dateutil steps through at
    most ``steps`` periods to expand; both are checked before the events are
    made, the steps before dateutil starts.

    Raises:
        ValueError: the window is open on a side and the rule never ends.
        LimitError: the rule would go beyond ``limit`` or ``steps``.
    """
    when = event.when
    start = when.start
    assert start is not None  # Event checks that a recurring event starts on a day or time
    aware = start.utc_offset is not None
    first = _start_of(start)
    if aware:
        first = first.astimezone(UTC)
    # rrule drops microseconds: expand on whole seconds, shifted back by the
    # start's fraction, and shift every occurrence forward again.
    shift = timedelta(microseconds=first.microsecond)
    first -= shift
    span = when.key()
    length = timedelta(microseconds=int(span[1] - span[0])) if math.isfinite(span[1] - span[0]) else timedelta(0)

    rules = rruleset()
    if event.recurrence is not None:
        rule = event.recurrence
        until_utc = "UNTIL=" in rule and rule.split("UNTIL=", 1)[1].split(";", 1)[0].endswith("Z")
        dtstart = first if aware or not until_utc else first.replace(tzinfo=UTC)
        parsed = rrulestr(rule, dtstart=dtstart)
        assert isinstance(parsed, rrule)
        if until_utc and not aware:
            parsed = parsed.replace(dtstart=first, until=parsed._until.replace(tzinfo=None))  # type: ignore[attr-defined]
        rules.rrule(parsed)
    else:
        rules.rdate(first)
    for extra in event.rdate:
        rules.rdate(_as(extra, aware) - shift)
    for gone in event.exdate:
        rules.exdate(_as(gone, aware) - shift)

    low, high = _moment(window[0], aware), _moment(window[1], aware)
    if high is None:
        if event.recurrence is not None and "COUNT=" not in event.recurrence and "UNTIL=" not in event.recurrence:
            raise ValueError(f"event {event.id!r} recurs without end; give the window an end")
        high = datetime.max.replace(tzinfo=UTC) if aware else datetime.max
    if low is None:
        low = datetime.min.replace(tzinfo=UTC) if aware else datetime.min
    if event.recurrence is not None:
        bound = None if _moment(window[1], aware) is None else high
        needed = rule_steps(event.recurrence, first, bound)
        if needed is not None and needed > steps:
            message = (
                f"event {event.id!r}: expanding {event.recurrence!r} up to {high:%Y-%m-%d} takes about "
                f"{needed:,} steps, more than the limit steps={steps:,}; narrow the window or raise 'steps'"
            )
            raise LimitError(message, limit="steps", value=steps)
    try:
        begin = low - length
    except OverflowError:
        begin = low
    out = []
    with contextlib.suppress(OverflowError):  # a window from the beginning of time has nothing earlier
        begin -= shift
    found_all: list[datetime] = []
    for found in rules.xafter(begin, inc=True):
        if found > high:
            break
        if found + shift + length < low:
            continue
        found_all.append(found)
        if before + len(found_all) > limit:
            message = (
                f"more than {limit:,} occurrences (the limit 'limit'), with those of event {event.id!r}; "
                "narrow the window or raise 'limit'"
            )
            raise LimitError(message, limit="limit", value=limit)
    for found in found_all:
        moment = found + shift
        if moment + length < low:
            continue
        text = _text(moment, start)
        if when.is_interval and when.end is not None:
            end_text = _text(moment + length, when.end) if when.end.timed else (moment + length).date().isoformat()
            text = f"{text}/{end_text}"
        out.append(
            attrs.evolve(
                event, id=f"{event.id}@{_text(moment, start)}", when=When(text), recurrence=None, rdate=(), exdate=()
            )
        )
    return out


def _as(value: When, aware: bool) -> datetime:
    point = value.start
    assert point is not None
    moment = _start_of(point)
    if aware and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    if not aware and moment.tzinfo is not None:
        return moment.replace(tzinfo=None)
    return moment if not aware else moment.astimezone(UTC)
