"""jCal (RFC 7265): iCalendar as JSON, written from the same property mapping as .ics, read through icalendar."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import TextIO

from timeline._event import Event
from timeline._timeline import Timeline
from timeline.errors import ParseError
from timeline.formats._vtimezone import Prop
from timeline.formats.ics import OPTIONS as ICS_OPTIONS

__all__ = ["OPTIONS", "STREAMS", "read", "write"]

STREAMS = True
"""``write`` takes any iterable of events as well as a Timeline."""

OPTIONS: Mapping[str, Callable[[str], object]] = ICS_OPTIONS

_TYPES = {
    "text": "text",
    "texts": "text",
    "date": "date",
    "dates": "date",
    "date-time": "date-time",
    "date-times": "date-time",
    "uri": "uri",
    "geo": "float",
    "recur": "recur",
    "utc-offset": "utc-offset",
    "duration": "duration",
    # A foreign property kept as its content line: its value as written (RFC 7265 section 5).
    "raw": "unknown",
}
_NUMERIC_PARTS = frozenset(
    (
        "count",
        "interval",
        "bysecond",
        "byminute",
        "byhour",
        "bymonthday",
        "byyearday",
        "byweekno",
        "bymonth",
        "bysetpos",
    )
)


def _recur(rule: str) -> dict[str, object]:
    """An RRULE as RFC 7265 writes it: lower-case keys, numbers as numbers, lists for several values."""
    parts: dict[str, object] = {}
    for part in rule.split(";"):
        key, _, value = part.partition("=")
        name = key.lower()
        if name == "until":
            parts[name] = _iso(value)
            continue
        values: list[object] = [int(item) if name in _NUMERIC_PARTS else item for item in value.split(",")]
        parts[name] = values[0] if len(values) == 1 else values
    return parts


def _offset(text: str) -> str:
    return f"{text[:3]}:{text[3:5]}" + (f":{text[5:7]}" if len(text) > 5 else "")


def _iso(value: str) -> str:
    """``YYYYMMDD[THHMMSS[Z]]`` as jCal writes it: ``YYYY-MM-DD[THH:MM:SS[Z]]``."""
    day = f"{value[:4]}-{value[4:6]}-{value[6:8]}"
    if len(value) == 8:
        return day
    return f"{day}T{value[9:11]}:{value[11:13]}:{value[13:15]}{value[15:]}"


def _property(prop: Prop) -> list[object]:
    head, params, kind, value = prop
    jparams = {key.lower(): item for key, item in params if key != "VALUE"}
    out: list[object] = [head.partition(";")[0].lower(), jparams, _TYPES[kind]]
    if kind == "texts":
        assert isinstance(value, tuple)
        out.extend(value)
    elif kind in ("dates", "date-times"):
        assert isinstance(value, tuple)
        out.extend(_iso(item) for item in value)
    elif kind in ("date", "date-time"):
        assert isinstance(value, str)
        out.append(_iso(value))
    elif kind == "geo":
        assert isinstance(value, tuple)
        out.append([float(value[0]), float(value[1])])
    elif kind == "recur":
        assert isinstance(value, str)
        out.append(_recur(value))
    elif kind == "utc-offset":
        assert isinstance(value, str)
        out.append(_offset(value))
    else:
        out.append(value)
    return out


def component(props: list[Prop]) -> list[object]:
    """One component (its BEGIN first, its END last) as a jCal array, with its subcomponents."""
    stack: list[list[object]] = []
    done: list[object] = []
    for prop in props:
        kind = prop[2]
        if kind == "begin":
            stack.append([str(prop[3]).lower(), [], []])
        elif kind == "end":
            finished = stack.pop()
            if stack:
                subcomponents = stack[-1][2]
                assert isinstance(subcomponents, list)
                subcomponents.append(finished)
            else:
                done = finished
        else:
            properties = stack[-1][1]
            assert isinstance(properties, list)
            properties.append(_property(prop))
    return done


def write(timeline: Timeline | Iterable[Event], out: TextIO, **options: object) -> None:
    """Write events as jCal, as it goes: one JSON array, one component per line.

    Takes the options of the ics writer (see ``timeline.formats.ics.write``),
    and places VTIMEZONEs by the same rule.
    """
    from timeline.formats._ical import components  # noqa: PLC0415 - shared with ics

    parts = components(timeline, **options)  # type: ignore[arg-type]
    head = [_property(prop) for prop in next(parts)]
    out.write('["vcalendar",' + json.dumps(head, ensure_ascii=False, separators=(",", ":")) + ",[")
    first = True
    for props in parts:
        out.write(("\n" if first else ",\n") + json.dumps(component(props), ensure_ascii=False, separators=(",", ":")))
        first = False
    out.write("]]\n")


def read(text: str, source: str) -> Timeline:
    """Parse jCal text (through icalendar) into a Timeline; ``source`` names it in errors."""
    import icalendar  # noqa: PLC0415 - only the reader needs it

    from timeline.formats._ical_read import timeline_from_calendar  # noqa: PLC0415

    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:  # nesting too deep for Python is a RecursionError
        line = getattr(exc, "lineno", None)
        raise ParseError(f"not valid JSON: {exc}", source=source, line=line) from None
    if not (isinstance(data, list) and data and data[0] == "vcalendar"):
        raise ParseError('jCal must be an array starting with "vcalendar"', source=source)
    try:
        calendar = icalendar.Calendar.from_jcal(data)
        assert isinstance(calendar, icalendar.Calendar)
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise ParseError(f"not valid jCal: {exc}", source=source) from None
    return timeline_from_calendar(calendar, source=source)
