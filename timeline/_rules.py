"""Recurrence rules checked before they are expanded: refused when they can never happen, priced before they run.

dateutil expands a rule by stepping through every period from its start
(each second for ``FREQ=SECONDLY``), and a rule that never matches (``FREQ=
DAILY;BYMONTH=2;BYMONTHDAY=30``) makes it step until the year 9999. So an
Event checks its rule when it is built (:func:`check`), and
``Timeline.occurrences`` prices the work before it starts (:func:`steps`).
"""

from __future__ import annotations

import functools
import re
from datetime import UTC, datetime, timedelta
from typing import Final

from dateutil.rrule import rrulestr

__all__ = ["check", "parts", "steps"]

# Seconds in the shortest period of each frequency: enough to bound the steps from above.
_PERIOD: Final = {
    "SECONDLY": 1,
    "MINUTELY": 60,
    "HOURLY": 3600,
    "DAILY": 86400,
    "WEEKLY": 7 * 86400,
    "MONTHLY": 28 * 86400,
    "YEARLY": 365 * 86400,
}
# RFC 5545's ranges of the numeric parts (a sign allowed where it says so);
# BYSECOND=60, a leap second, is RFC 5545's but no datetime can hold it.
_RANGES: Final = {
    "BYSECOND": (0, 59, False),
    "BYMINUTE": (0, 59, False),
    "BYHOUR": (0, 23, False),
    "BYMONTHDAY": (1, 31, True),
    "BYYEARDAY": (1, 366, True),
    "BYWEEKNO": (1, 53, True),
    "BYMONTH": (1, 12, False),
    "BYSETPOS": (1, 366, True),
}
_DAY_PARTS: Final = frozenset(("BYMONTH", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYDAY", "BYSETPOS"))
_TIME_PARTS: Final = frozenset(("BYHOUR", "BYMINUTE", "BYSECOND"))
_ORDINAL: Final = re.compile(r"[+-]?[0-9]+")
_UNTIL: Final = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})(?:T([0-9]{2})([0-9]{2})([0-9]{2})Z?)?")


def parts(rule: str) -> dict[str, str]:
    """The parts of a rule in canonical (upper-case) form, by name."""
    return {name: value for name, _, value in (part.partition("=") for part in rule.split(";"))}


def check(rule: str, start: datetime, *, timed: bool = True, seconds: bool = True) -> str | None:
    """Why ``rule`` from ``start`` cannot be expanded, or None when it can.

    Refused: an INTERVAL or COUNT below 1, a number outside its part's
    range, what dateutil refuses, BY parts no day of a whole 400-year
    Gregorian cycle meets (``BYMONTH=2;BYMONTHDAY=30``), and, for a start
    that is a day without a time (``timed`` false), a frequency finer than
    a day or BYHOUR, BYMINUTE, BYSECOND (RFC 5545: a DATE start has none),
    and for a start given to the minute (``seconds`` false), FREQ=SECONDLY
    or BYSECOND: its occurrences would be written to the minute, several
    the same.

    >>> check("FREQ=DAILY;INTERVAL=0", datetime(2021, 1, 1))
    'INTERVAL must be 1 or more, got 0'
    >>> check("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", datetime(2021, 1, 1))
    'no day ever matches its BY parts'
    """
    named = parts(rule)
    for name in ("INTERVAL", "COUNT"):
        if name in named and not (named[name].isdigit() and int(named[name]) >= 1):
            return f"{name} must be 1 or more, got {named[name]}"
    for name, (low, high, signed) in _RANGES.items():
        for item in named.get(name, "").split(",") if name in named else ():
            number = int(item) if _ORDINAL.fullmatch(item) else None
            if number is None or not (low <= number <= high or (signed and low <= -number <= high)):
                return f"{name} takes {'±' if signed else ''}{low} to {high}, got {item}"
    if named.get("FREQ") not in _PERIOD:
        return f"FREQ must be one of {', '.join(_PERIOD)}, got {named.get('FREQ')}"
    if not timed:
        finer = named["FREQ"] if _PERIOD[named["FREQ"]] < _PERIOD["DAILY"] else None
        finer = finer or next((name for name in ("BYHOUR", "BYMINUTE", "BYSECOND") if name in named), None)
        if finer is not None:
            return f"a start without a time of day cannot recur by {finer}; give the start a time"
    elif not seconds and (named["FREQ"] == "SECONDLY" or "BYSECOND" in named):
        finer = "SECONDLY" if named["FREQ"] == "SECONDLY" else "BYSECOND"
        return f"a start given to the minute cannot recur by {finer}; give the start seconds"
    # dateutil wants an aware start when UNTIL is given in UTC, as RFC 5545 allows.
    aware = named.get("UNTIL", "").endswith("Z")
    try:
        rrulestr(rule, dtstart=start.replace(tzinfo=UTC if aware else None))
    except (ValueError, TypeError, OverflowError, ZeroDivisionError) as exc:
        return str(exc) or type(exc).__name__
    if not _feasible(rule, start.month, start.day, start.hour, start.minute, start.second):
        return "no day ever matches its BY parts"
    return _setpos_reason(named)


# For a frequency finer than a month, the parts that expand a period into several candidates.
_EXPANDING: Final = {
    "WEEKLY": ("BYDAY", "BYHOUR", "BYMINUTE", "BYSECOND"),
    "DAILY": ("BYHOUR", "BYMINUTE", "BYSECOND"),
    "HOURLY": ("BYMINUTE", "BYSECOND"),
    "MINUTELY": ("BYSECOND",),
    "SECONDLY": (),
}


def _setpos_reason(named: dict[str, str]) -> str | None:
    """Why BYSETPOS can never pick a candidate of a period, or None.

    dateutil steps through periods until one yields an occurrence, up to
    year 9999: ``FREQ=HOURLY;BYSETPOS=4`` (one candidate an hour, never a
    fourth) would step through seventy million hours. A weekly or finer
    period holds at most as many candidates as its expanding parts give
    (the start's own minute, second or weekday stand in for a part not
    given); a BYSETPOS beyond that, every value of it, never matches.
    """
    expanding = _EXPANDING.get(named["FREQ"])
    if "BYSETPOS" not in named or expanding is None:
        return None
    bound = 1
    for name in expanding:
        if name in named:
            bound *= len(set(named[name].split(",")))
        elif name == "BYDAY" and {"BYMONTHDAY", "BYYEARDAY", "BYWEEKNO"} & named.keys():
            bound *= 7  # days filtered from the whole week
    if all(abs(int(item)) > bound for item in named["BYSETPOS"].split(",")):
        return f"BYSETPOS={named['BYSETPOS']} never matches: a period holds at most {bound} candidate(s)"
    return None


@functools.lru_cache(maxsize=1024)
def _feasible(rule: str, month: int, day: int, hour: int, minute: int, second: int) -> bool:
    """Whether the rule's BY parts meet any day of the 400 years 9600-9999, one whole Gregorian cycle.

    The probe runs the rule yearly (monthly for a monthly rule, whose BYDAY
    ordinals count within the month) from 9600, so dateutil gives up at
    year 9999 after one cycle instead of stepping through eight thousand years.
    """
    named = parts(rule)
    if not _DAY_PARTS & named.keys():
        return True
    freq = named["FREQ"]
    if freq in ("YEARLY", "MONTHLY"):
        kept = {name: value for name, value in named.items() if name in _DAY_PARTS | _TIME_PARTS}
    else:
        kept = {name: value for name, value in named.items() if name in _DAY_PARTS - {"BYSETPOS"}}
        if "BYDAY" in kept:  # ordinals mean nothing for these frequencies
            kept["BYDAY"] = ",".join(_ORDINAL.sub("", item, count=1) for item in kept["BYDAY"].split(","))
        freq = "YEARLY"
    text = ";".join([f"FREQ={freq}", *(f"{name}={value}" for name, value in kept.items())])
    probe = rrulestr(text, dtstart=datetime(9600, month, day, hour, minute, second))
    return next(iter(probe), None) is not None


def steps(rule: str, start: datetime, end: datetime | None) -> int | None:
    """At most how many periods dateutil steps through from ``start`` to ``end`` (or the rule's end).

    None when neither ``end`` nor the rule bounds it.
    """
    named = parts(rule)
    period = _PERIOD[named["FREQ"]] * int(named.get("INTERVAL", "1"))
    if end is None and "COUNT" in named:
        count = int(named["COUNT"])
        if not (_DAY_PARTS | _TIME_PARTS) & named.keys():
            return count
        # A filtered rule may pass many periods between matches: price one cycle of 400 years at most.
        end = start + timedelta(days=min(146_097, count * period // 86400 + 146_097))
    until = _UNTIL.fullmatch(named.get("UNTIL", ""))
    if until is not None:
        year, month, day, hour, minute, second = (int(group or 0) for group in until.groups())
        last = datetime(year, month, day, hour, minute, second)
        end = last if end is None else min(end.replace(tzinfo=None), last)
    if end is None:
        return None
    seconds = (end.replace(tzinfo=None) - start.replace(tzinfo=None)).total_seconds()
    return max(int(seconds // period) + 1, 1)
