"""VTIMEZONE components from the IANA database, as iCalendar property lists.

Shared by the ics and jcal writers. The zone's transitions come from
``zoneinfo`` itself: its UTC offset is probed every few hours over the
years asked for and each change is narrowed down to the second, so the
result agrees with ``zoneinfo`` by construction, on any platform and with
any build of the database (a "slim" one that keeps future rules only as a
POSIX TZ string included).

Transitions that recur every year on the same rule (the second Sunday of
March at 02:00, the last Sunday of October at 03:00, or a fixed day) become
one observance with an ``RRULE``, the compact form Outlook prefers; the
rule is left open-ended when it still holds two years past the last year
asked for, and ends with ``UNTIL`` otherwise (Mexico City's, in 2022).
Anything irregular becomes observances with ``DTSTART`` and ``RDATE``.
Every observance's ``DTSTART`` is the local time before the change, as
RFC 5545 requires (the clock reads 02:00 when Berlin moves to summer time,
03:00 when it moves back).
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime, timedelta
from typing import Final
from zoneinfo import ZoneInfo

__all__ = ["UTC_NAMES", "Prop", "vtimezone"]

# (head, params, kind, value): one iCalendar property, serialized by ics or
# jcal; the head is the name with its parameters (see formats/_ical.py).
Prop = tuple[str, tuple[tuple[str, str], ...], str, object]

UTC_NAMES: Final = frozenset(
    ("UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Universal", "Universal", "Etc/Zulu", "Zulu", "Etc/GMT", "GMT")
)
"""Zone names that are UTC itself: times in them are written with ``Z`` and need no VTIMEZONE."""

# Shorter than any stay in one offset since 1970 (a few wartime rules of the
# 1940s changed twice within a day; those pairs are missed). A day keeps the
# cost near a millisecond per zone-year.
_STEP: Final = timedelta(days=1)
# Before daylight saving was invented a zone changed offset once or twice
# (local mean time to standard time): a coarse step finds those, cheaply.
_FIRST_DST_YEAR: Final = 1916
_OLD_STEP: Final = timedelta(days=30)
# After this the database holds each zone's rule as it stands (its POSIX TZ
# string): later years follow the open-ended RRULEs, so probing stops here.
_LAST_PROBED_YEAR: Final = 2040
_LOOKAHEAD_YEARS: Final = 2
_WEEKDAYS: Final = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

# (UTC instant, offset before, offset after, daylight saving after, abbreviation after)
_Transition = tuple[datetime, int, int, bool, str]


def _state(zone: ZoneInfo, moment: datetime) -> tuple[int, bool, str]:
    local = moment.astimezone(zone)
    offset = local.utcoffset()
    dst = local.dst()
    assert offset is not None
    return int(offset.total_seconds()), bool(dst), local.tzname() or ""


@functools.lru_cache(maxsize=65_536)
def _year_transitions(name: str, year: int) -> tuple[_Transition, ...]:
    """Every change of offset, DST flag or name in zone ``name`` during UTC year ``year``.

    Cached by year, so calendars over overlapping years share the work.
    """
    # A day in, for year 1: its first hours lie in year 0 on clocks west of UTC.
    start = datetime(year, 1, 1 if year > 1 else 2, tzinfo=UTC)
    end = datetime(year + 1, 1, 1, tzinfo=UTC)
    return tuple(_transitions(ZoneInfo(name), start, end, _STEP if year >= _FIRST_DST_YEAR else _OLD_STEP))


def _transitions(zone: ZoneInfo, start: datetime, end: datetime, step: timedelta) -> list[_Transition]:
    """Every change of offset, DST flag or name in ``(start, end]`` (UTC), probing every ``step``."""
    state = _state(zone, start)
    found: list[_Transition] = []
    moment = start
    while moment < end:
        later = min(moment + step, end)
        after = _state(zone, later)
        if after != state:
            low, high = moment, later  # the change lies in (low, high]
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                middle = middle.replace(microsecond=0) if middle.microsecond else middle
                if middle <= low:
                    break
                if _state(zone, middle) == state:
                    low = middle
                else:
                    high = middle
            changed = _state(zone, high)
            found.append((high, state[0], changed[0], changed[1], changed[2]))
            state = changed
            # Two changes within one step (rare, but real in 1940s wartime rules).
            if changed != after:
                moment = high
                continue
        moment = later
    return found


def _offset(seconds: int) -> str:
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{secs:02d}" if secs else "")


def _local(moment: datetime) -> str:
    # Not strftime: it does not pad years before 1000 on every platform.
    return (
        f"{moment.year:04d}{moment.month:02d}{moment.day:02d}T{moment.hour:02d}{moment.minute:02d}{moment.second:02d}"
    )


def _rules(local: datetime) -> frozenset[tuple[str, int, int]]:
    """Yearly rules that this onset satisfies: nth or last weekday of its month, or its day."""
    nth = (local.day - 1) // 7 + 1
    rules = {("BYDAY", nth, local.weekday()), ("BYMONTHDAY", local.day, 0)}
    if (local + timedelta(days=7)).month != local.month:
        rules.add(("BYDAY", -1, local.weekday()))
    return frozenset(rules)


def _rrule(local: datetime, rule: tuple[str, int, int], until: datetime | None) -> str:
    kind, number, weekday = rule
    part = f"BYDAY={number}{_WEEKDAYS[weekday]}" if kind == "BYDAY" else f"BYMONTHDAY={number}"
    text = f"FREQ=YEARLY;BYMONTH={local.month};{part}"
    if until is not None:
        text += f";UNTIL={_local(until)}Z"
    return text


@functools.lru_cache(maxsize=256)
def vtimezone(name: str, first_year: int, last_year: int) -> tuple[Prop, ...] | None:
    """The VTIMEZONE for zone ``name`` covering the years ``first_year`` to ``last_year``.

    Years after 2040 are covered by the zone's rules as they stand then (open-ended RRULEs).

    Returns a flat tuple of properties in which ``("BEGIN", (), "begin", "STANDARD")``
    and ``("END", ...)`` entries open and close the observances (the
    serializers turn them into components). None for UTC itself.

    >>> props = vtimezone("America/Guatemala", 2021, 2021)
    >>> [value for _, _, _, value in props][:6]
    ['America/Guatemala', 'STANDARD', '20201231T180000', '-0600', '-0600', 'CST']
    """
    if name in UTC_NAMES:
        return None
    zone = ZoneInfo(name)
    first_year = min(max(first_year, 1), 9990)
    last_year = max(first_year, min(last_year, _LAST_PROBED_YEAR))
    start = datetime(first_year, 1, 1 if first_year > 1 else 2, tzinfo=UTC)
    window_end = datetime(last_year + 1, 1, 1, tzinfo=UTC)
    offset, dst, abbreviation = _state(zone, start)
    transitions = [
        transition
        for year in range(first_year, last_year + 1 + _LOOKAHEAD_YEARS)
        for transition in _year_transitions(name, year)
    ]

    observances: list[tuple[str, str, int, int, str, str | None, list[str]]] = [
        # kind, DTSTART (local), from, to, name, RRULE, RDATEs
        (
            "DAYLIGHT" if dst else "STANDARD",
            _local(start + timedelta(seconds=offset)),
            offset,
            offset,
            abbreviation,
            None,
            [],
        ),
    ]
    # Group by what the change does, then find runs of yearly recurrence in each group.
    groups: dict[tuple[bool, int, int, str], list[_Transition]] = {}
    for transition in transitions:
        onset, before, after, dst_after, label = transition
        groups.setdefault((dst_after, before, after, label), []).append(transition)
    singles: dict[tuple[bool, int, int, str], list[datetime]] = {}
    for key, members in groups.items():
        dst_after, before, after, label = key
        index = 0
        while index < len(members):
            onset = members[index][0]
            if onset > window_end:
                break
            local = (onset + timedelta(seconds=before)).replace(tzinfo=None)
            rules = _rules(local)
            run = [local]
            while index + len(run) < len(members):
                nxt = (members[index + len(run)][0] + timedelta(seconds=before)).replace(tzinfo=None)
                common = rules & _rules(nxt)
                same_place = nxt.year == run[-1].year + 1 and (nxt.month, nxt.time()) == (local.month, local.time())
                if not (same_place and common):
                    break
                rules = common
                run.append(nxt)
            if len(run) >= 2:
                last_utc = members[index + len(run) - 1][0]
                open_ended = index + len(run) == len(members) and run[-1].year >= last_year + _LOOKAHEAD_YEARS
                until = None if open_ended else last_utc
                rule = min(rules)  # deterministic choice; BYDAY sorts before BYMONTHDAY
                kind = "DAYLIGHT" if dst_after else "STANDARD"
                observances.append((kind, _local(local), before, after, label, _rrule(local, rule, until), []))
            else:
                singles.setdefault(key, []).append(local)
            index += len(run)
    for key, onsets in singles.items():
        dst_after, before, after, label = key
        kind = "DAYLIGHT" if dst_after else "STANDARD"
        observances.append((kind, _local(onsets[0]), before, after, label, None, [_local(o) for o in onsets[1:]]))

    props: list[Prop] = [("TZID", (), "text", name)]
    for kind, dtstart, before, after, label, rrule, rdates in sorted(observances, key=lambda o: (o[1], o[0])):
        props.append(("BEGIN", (), "begin", kind))
        props.append(("DTSTART", (), "date-time", dtstart))
        props.append(("TZOFFSETFROM", (), "utc-offset", _offset(before)))
        props.append(("TZOFFSETTO", (), "utc-offset", _offset(after)))
        if label:
            props.append(("TZNAME", (), "text", label))
        if rrule is not None:
            props.append(("RRULE", (), "recur", rrule))
        if rdates:
            props.append(("RDATE", (), "date-times", tuple(rdates)))
        props.append(("END", (), "end", kind))
    return tuple(props)


_DAY_US: Final = 86_400_000_000


# Per zone: the UTC years looked at, and the days on its wall clock that hold
# a time shown twice or never, with those spans. Almost every lookup finds
# no such day, which costs two dictionary reads.
_UNCLEAR: dict[str, tuple[set[int], dict[int, list[tuple[int, int]]]]] = {}


def unclear(name: str, key: int) -> bool:
    """True when wall-clock ``key`` in zone ``name`` is shown twice (clocks go back) or never (they skip).

    >>> from datetime import datetime
    >>> key = lambda d: d.toordinal() * _DAY_US + (d.hour * 3600 + d.minute * 60) * 1_000_000
    >>> [unclear("Europe/Berlin", key(datetime(2021, 10, 31, hour, 30))) for hour in (1, 2, 3)]
    [False, True, False]
    """
    ordinal = key // _DAY_US
    entry = _UNCLEAR.get(name)
    if entry is None:
        entry = _UNCLEAR[name] = (set(), {})
    years, days = entry
    year = ordinal * 400 // 146_097 + 1  # within a year of the true one
    if year not in years:
        for near in (year - 1, year, year + 1):
            if near in years or not 1 <= near <= 9998:
                continue
            years.add(near)
            for onset, before, after, _, _ in _year_transitions(name, near):
                utc = onset.toordinal() * _DAY_US + (onset.hour * 3600 + onset.minute * 60 + onset.second) * 1_000_000
                lo, hi = utc + min(before, after) * 1_000_000, utc + max(before, after) * 1_000_000
                for day in range(lo // _DAY_US, (hi - 1) // _DAY_US + 1):
                    days.setdefault(day, []).append((lo, hi))
    spans = days.get(ordinal)
    return spans is not None and any(lo <= key < hi for lo, hi in spans)
