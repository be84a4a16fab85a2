"""icalendar components to the model: the reverse of the shared iCalendar mapping.

What this library wrote comes back exactly: ``X-TIMELINE-WHEN`` gives the
EDTF ``when``, ``X-TIMELINE-TZ`` and ``X-TIMELINE-GROUP`` the zone and group,
``X-TIMELINE-DATA`` (JSON) the raw description, sources, media caption and
credit, rdate/exdate texts and extra fields; the UID loses the domain the
writer added. Events from elsewhere are read from DTSTART, DTEND or
DURATION and the standard properties; what has no field of ours (an
X-APPLE property, ORGANIZER) is kept as its content line in ``extra["ics"]``.

Reading a file goes in two passes. :func:`scan` reads the content lines
itself, strictly: every line must be a property, every BEGIN must meet its
END, and it remembers the line each property is on. Then an event of plain
properties is read straight from its lines (the direct path,
``_direct_event``), and icalendar parses the rest of each calendar (its
head, VTIMEZONEs and the other events). Both paths end in one mapping
(``_fields``, ``_span``), and an error names the line of the property at
fault.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import io
import json
import re
import warnings
import zoneinfo
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, Final, TextIO, cast

import attrs

from timeline import limits
from timeline._event import Event
from timeline._timeline import Timeline
from timeline._warn import warn
from timeline._when import When
from timeline.errors import ParseError
from timeline.formats._ical import escape_text
from timeline.formats._vtimezone import UTC_NAMES
from timeline.formats._windows_zones import WINDOWS_ZONES

if TYPE_CHECKING:
    import icalendar

    from timeline.formats._stream import EventStream

__all__ = ["Block", "event_from_component", "read_ics", "scan", "stream_ics", "timeline_from_calendar", "zone_name"]

_STATUS = {"CONFIRMED": "confirmed", "TENTATIVE": "tentative", "CANCELLED": "cancelled"}
# What icalendar raises on text it cannot parse: a TZID too long for a file name is an OSError,
# a period past year 9999 an OverflowError.
_ICALENDAR_ERRORS: Final = (ValueError, TypeError, KeyError, IndexError, AttributeError, OSError, OverflowError)


def _text(component: icalendar.cal.Component, name: str) -> str | None:
    value = component.get(name)
    if value is None:
        return None
    if isinstance(value, list):  # the property given more than once: the first wins
        value = value[0]
    if type(value).__name__ == "vUnknown" or not isinstance(value, str):
        # A property of no known type (X-WR-CALNAME, say), or given a VALUE of another
        # type (SUMMARY;VALUE=DATE): its text as written, with TEXT escaping undone.
        try:
            raw = value if isinstance(value, str) or not hasattr(value, "to_ical") else value.to_ical()
        except _ICALENDAR_ERRORS as exc:  # icalendar cannot write back what it read (VALUE=BINARY, say)
            raise ParseError(f"{name} holds a value icalendar cannot read: {exc}", field=name) from None
        return _UNESCAPE_RE.sub(_unescape, raw.decode() if isinstance(raw, bytes) else str(raw))
    return str(value)


_UNESCAPE_RE = re.compile(r"\\([\\;,nN])")


def _unescape(match: re.Match[str]) -> str:
    char = match[1]
    return "\n" if char in "nN" else char


def _data(raw: str | None, where: str) -> dict[str, Any]:
    """The JSON object of an X-TIMELINE-DATA value ({} when there is none)."""
    if raw is None:
        return {}
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise ParseError(f"X-TIMELINE-DATA is not JSON: {exc}", field=where) from None
    if not isinstance(data, dict):
        raise ParseError(f"X-TIMELINE-DATA must be a JSON object, got {raw[:100]!r}", field=where)
    for key, value in data.items():
        kinds = _DATA_KINDS.get(key)
        if kinds is not None and not isinstance(value, kinds):
            raise ParseError(f"X-TIMELINE-DATA: {key!r} cannot be {value!r:.100}", field=where)
    return data


# What the writer puts in X-TIMELINE-DATA, and the JSON type of each.
_DATA_KINDS: Final[dict[str, type | tuple[type, ...]]] = {
    "id": str,
    "title": str,
    "description": (str, type(None)),
    "location": str,
    "group": str,
    "sources": list,
    "tags": list,
    "rdate": list,
    "exdate": list,
    "media": dict,
    "extra": dict,
    "eras": list,
}


# Where an event with no DTSTART takes its date from, in order.
_DATED_BY: Final = ("DTSTART", "DTEND", "RECURRENCE-ID", "DTSTAMP", "CREATED")
_ZONE_CACHE: dict[str, str | None] = {}


def zone_name(tzid: str) -> str | None:
    """The IANA zone a TZID names: itself, a Windows name, or a path ending in an IANA name; else None.

    >>> zone_name("Pacific Standard Time"), zone_name("/citadel.org/20190914_1/Europe/Paris"), zone_name("My Zone")
    ('America/Los_Angeles', 'Europe/Paris', None)
    """
    if tzid in _ZONE_CACHE:
        return _ZONE_CACHE[tzid]
    if len(_ZONE_CACHE) >= 1024:  # a file of a million made-up TZIDs cannot grow it forever
        _ZONE_CACHE.clear()
    name = tzid.strip().strip('"')
    parts = name.split("/")
    found = None
    for candidate in (name, WINDOWS_ZONES.get(name), *("/".join(parts[i:]) for i in range(1, len(parts)))):
        if candidate and _is_zone(candidate):
            found = candidate
            break
    _ZONE_CACHE[tzid] = found
    return found


def _is_zone(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def _zone_of(start: datetime, prop: object) -> str | None:
    """The IANA name of a zoned DTSTART, or None when no IANA zone keeps its offset."""
    if isinstance(start.tzinfo, zoneinfo.ZoneInfo):
        return start.tzinfo.key
    params = getattr(prop, "params", {})
    tzid = params.get("TZID") if hasattr(params, "get") else None
    name = zone_name(str(tzid)) if tzid else None
    # A custom VTIMEZONE whose TZID names a zone: trust the name only where the offsets agree.
    if (
        name is not None
        and name not in UTC_NAMES
        and zoneinfo.ZoneInfo(name).utcoffset(start.replace(tzinfo=None)) != start.utcoffset()
    ):
        return None
    return name


def _fixed(moment: object) -> object:
    """An aware datetime at its own fixed offset (UTC as ``Z``); anything else as it is."""
    if not isinstance(moment, datetime) or moment.tzinfo is None:
        return moment
    offset = moment.utcoffset()
    if not offset:
        return moment.astimezone(UTC)
    return moment.replace(tzinfo=timezone(offset))


def _decoded(component: icalendar.cal.Component, name: str) -> Any:
    """A property's Python value; the first when it is given more than once."""
    found = component[name]
    first = found[0] if isinstance(found, list) else found
    return first if isinstance(first, date | timedelta) else getattr(first, "dt", None)


def _dated_by(component: icalendar.cal.Component) -> str | None:
    """The property an event takes its date from: DTSTART, else the first of the others holding a date."""
    if "DTSTART" in component:
        return "DTSTART"
    broken = {name for name, _ in getattr(component, "errors", ())}  # an unreadable DTSTAMP dates nothing
    return next(
        (
            name
            for name in _DATED_BY
            if name in component and name not in broken and isinstance(_decoded(component, name), date)
        ),
        None,
    )


def _moment_of(component: icalendar.cal.Component, name: str) -> date:
    """A property's date or date-time; a ParseError naming it when it holds another kind of value."""
    value = _decoded(component, name)
    if not isinstance(value, date):
        shown = _text(component, name)
        raise ParseError(f"{name} must be a date or date-time, got {shown!r}", field=name)
    return value


def _python_when(component: icalendar.cal.Component) -> tuple[object, str | None]:
    """DTSTART with DTEND or DURATION as a date, datetime or (start, end) pair for Event."""
    name = _dated_by(component)
    if name is None:
        return When("XXXX"), None  # a VEVENT with no date at all (RFC 5545 allows it under METHOD)
    start = _moment_of(component, name)
    if name != "DTSTART":
        return _fixed(start), None  # dated by when it ends, or when it was written: that moment alone
    end: object = None
    if "DTEND" in component:
        end = _moment_of(component, "DTEND")
    elif "DURATION" in component:
        duration = _decoded(component, "DURATION")
        if not isinstance(duration, timedelta):
            shown = _text(component, "DURATION")
            raise ParseError(f"DURATION must be a duration, got {shown!r}", field="DURATION")
        try:
            end = start + duration
        except OverflowError:
            message = f"DTSTART {start} plus DURATION {duration} is past year 9999"
            raise ParseError(message, field="DURATION") from None
    zone = None
    if isinstance(start, datetime) and start.tzinfo is not None:
        zone = _zone_of(start, component["DTSTART"])
    return _span(start, end, zone)


def _span(start: object, end: object, zone: str | None) -> tuple[object, str | None]:
    """A start, an end and the IANA zone of an aware start as Event's ``when`` and ``tz``.

    An aware start with no IANA zone (UTC, or a zone no name keeps) becomes
    an instant at its fixed offset; an end that does not follow the start
    is dropped; an all-day end is exclusive.
    """
    if isinstance(start, datetime):
        if start.tzinfo is not None and (zone is None or zone in UTC_NAMES):
            # An instant in UTC, written with Z, or in a zone no IANA name keeps: its offset.
            start, end, zone = cast("datetime", _fixed(start)), _fixed(end), None
        if not isinstance(end, datetime) or (end.tzinfo is None) != (start.tzinfo is None) or end <= start:
            return start, zone
        return (start, end), zone
    if not isinstance(start, date):
        raise ParseError(f"DTSTART must be a date or date-time, got {start!r}", field="DTSTART")
    if isinstance(end, date) and not isinstance(end, datetime) and (end - start).days > 1:
        return (start, end - timedelta(days=1)), None  # DTEND of an all-day event is the day after
    return start, None


# Properties with a field of their own; the rest of a foreign event is kept in extra["ics"].
_MAPPED: Final = frozenset(
    (
        "UID", "DTSTAMP", "DTSTART", "DTEND", "DURATION", "SUMMARY", "DESCRIPTION", "LOCATION", "GEO",
        "URL", "CATEGORIES", "STATUS", "RRULE", "RDATE", "EXDATE", "ATTACH", "IMAGE",
    )
)  # fmt: skip
# Mapped properties whose every occurrence goes into the field (tags, dates).
_GATHERED: Final = frozenset(("CATEGORIES", "RDATE", "EXDATE"))
# Values icalendar could not parse: an error when the property becomes a field.
_CHECKED: Final = _MAPPED - {"UID", "DTSTAMP", "SUMMARY", "DESCRIPTION", "LOCATION", "URL", "ATTACH", "IMAGE"}


def _raw(component: icalendar.cal.Component) -> list[str]:
    """The content lines of the properties and subcomponents (alarms) no field holds.

    A property with a field that is given again (a second ATTACH or URL)
    keeps its repeats here: only the first becomes the field.
    """
    raw: list[str] = []
    for name, found in component.items():
        if name.startswith("X-TIMELINE-"):
            continue
        values = found if isinstance(found, list) else [found]
        if name in _GATHERED:
            # RDATE periods have no field (rdate holds days and times): kept as their lines.
            raw.extend(_line(component, name, value) for value in values if _period(_line(component, name, value)))
            continue
        if name in _MAPPED and _first_used(component, name):
            values = values[1:]
        raw.extend(_line(component, name, value) for value in values)
    for sub in component.subcomponents:
        raw.extend(_line(sub, name, value) for name, value in sub.property_items(sorted=False))
    return raw


# What the writer writes more than once in an event of ours.
_REPEATED: Final = frozenset(("RDATE", "EXDATE"))


def _foreign(component: icalendar.cal.Component) -> list[str]:
    """The lines of one of our events that came from ``extra["ics"]``: the writer puts them last.

    They are the properties after the first X-TIMELINE-* one, a repeat of a
    property the writer writes once (icalendar files it with the first),
    and every subcomponent (an alarm).
    """
    lines: list[str] = []
    ours = True
    for name, found in component.items():
        if name.startswith("X-TIMELINE-"):
            ours = False
            continue
        values = found if isinstance(found, list) else [found]
        if ours:
            if name in _REPEATED:
                continue
            values = values[1:]
        found_lines = (_line(component, name, value) for value in values)
        lines.extend(line.rpartition("@")[0] if name == "UID" and "@" in line else line for line in found_lines)
    for sub in component.subcomponents:
        lines.extend(_line(sub, name, value) for name, value in sub.property_items(sorted=False))
    return lines


def _period(line: str) -> bool:
    """Whether an RDATE or EXDATE line holds what no field holds: periods (``start/end``), or times of no day.

    ``VALUE=TIME`` is not RFC 5545's, but calendars write it; the line is kept as it is.
    """
    head, _, value = line.partition(":")
    head = head.upper()
    if head.startswith(("RDATE", "EXDATE")) and "VALUE=TIME" in head:
        return True
    return head.startswith("RDATE") and ("/" in value or "VALUE=PERIOD" in head)


def _block_raw(block: Block, component: icalendar.cal.Component) -> list[str]:
    """What ``_raw`` keeps, as the text has it: each line in its original form and order."""
    raw: list[str] = []
    seen: set[str] = set()
    for name, _, text in block.props:
        if name.startswith("X-TIMELINE-") or (name in _GATHERED and not _period(text)):
            continue
        first = name not in seen
        seen.add(name)
        if first and name in _MAPPED and name not in _GATHERED and _first_used(component, name):
            continue
        raw.append(text)
    for child in block.children:
        if child.name not in _SKIPPED and child.whole():
            child.render(raw, lambda inner: inner.name not in _SKIPPED and inner.whole())
    return raw


def block_foreign(block: Block) -> list[str]:
    """The foreign lines of one of our events as the text has them: after its X-TIMELINE-* ones, and its alarms."""
    lines: list[str] = []
    after = False
    for name, _, text in block.props:
        if name.startswith("X-TIMELINE-"):
            after = True
        elif after:
            # A UID given back by the writer has the writer's domain, as the event's own UID has.
            lines.append(text.rpartition("@")[0] if name == "UID" and "@" in text else text)
    for child in block.children:
        if child.name not in _SKIPPED and child.whole():
            child.render(lines, lambda inner: inner.name not in _SKIPPED and inner.whole())
    return lines


def _first_used(component: icalendar.cal.Component, name: str) -> bool:
    """Whether the first ``name`` of a foreign event becomes a field (else it is kept as its line)."""
    if name == "ATTACH":  # a field only when no IMAGE comes first and it is a link, not inline data
        return not _text(component, "IMAGE") and _media(component) is not None
    if name == "STATUS":  # NEEDS-ACTION and the like have no status of ours
        return (_text(component, "STATUS") or "").upper() in _STATUS
    return True


def _line(component: icalendar.cal.Component, name: str, value: object) -> str:
    """A property kept as its content line; a ParseError naming it when icalendar cannot write it back."""
    if isinstance(value, bytes):
        return f"{name}:{value.decode()}"
    try:
        return str(component.content_line(name, value, sorted=False))
    except (*_ICALENDAR_ERRORS, UnicodeError) as exc:
        raise ParseError(f"{name} cannot be kept as iCalendar text: {exc}", field=name) from None


def _check(component: icalendar.cal.Component) -> None:
    for name, message in getattr(component, "errors", ()):
        if name in _CHECKED:
            found = component.get(name)
            value = found[0] if isinstance(found, list) else found
            shown = value.to_ical() if hasattr(value, "to_ical") else value
            shown = shown.decode() if isinstance(shown, bytes) else shown
            raise ParseError(f"{name} holds no valid value, got {shown!r} ({message})", field=name)


def event_from_component(
    component: icalendar.cal.Component, *, default_tz: str | None = None, block: Block | None = None
) -> Event:
    """The Event a VEVENT holds; ``block``, its lines in the text, if read from text.

    Raises:
        ParseError: a property cannot become a field; it names the field.
    """
    _check(component)
    fields = _fields(
        lambda name: _text(component, name),
        when=lambda: _python_when(component),
        raw=lambda: _raw(component) if block is None else _block_raw(block, component),
        geo=_geo(component),
        tags=_tags(component),
        media_url=_text(component, "IMAGE") or _media(component),
        recurrence=_rule(component),
        dates=lambda name: _dates(component, name) if name in component else None,
        foreign=lambda: _foreign(component) if block is None else block_foreign(block),
    )
    if isinstance(fields["when"], str):  # our own event, its when from X-TIMELINE-WHEN
        return Event(**fields)
    return _foreign_event(component, fields)


def _fields(
    text: Callable[[str], str | None],
    *,
    when: Callable[[], tuple[object, str | None]],
    raw: Callable[[], list[str]],
    geo: tuple[float, float] | None,
    tags: list[str] | None,
    media_url: str | None,
    recurrence: str | None,
    dates: Callable[[str], list[date] | None],
    foreign: Callable[[], list[str]],
) -> dict[str, Any]:
    """Event's fields from a VEVENT's values, however they were parsed (icalendar, or the direct path).

    ``text`` gives a TEXT property's unescaped value (None when absent);
    ``when`` and ``raw`` are only called for an event from elsewhere,
    ``foreign`` (the lines the writer put back from ``extra["ics"]``) for
    one of ours.
    """
    data = _data(text("X-TIMELINE-DATA"), "X-TIMELINE-DATA")
    uid = text("UID")
    when_text = text("X-TIMELINE-WHEN")
    fields: dict[str, Any] = {}
    if when_text is not None:
        fields["when"] = when_text
        fields["tz"] = text("X-TIMELINE-TZ")
        fields["id"] = data.get("id", uid.rpartition("@")[0] if uid is not None and "@" in uid else uid)
        fields["extra"] = data.get("extra")
        lines = foreign()
        if lines:
            extra = dict(fields["extra"] or {})
            earlier = extra.get("ics")
            extra["ics"] = [*earlier, *lines] if isinstance(earlier, list) else lines
            fields["extra"] = extra
    else:
        fields["when"], fields["tz"] = when()
        fields["id"] = uid if uid and uid.strip() else None
        kept = raw()
        fields["extra"] = {"ics": kept} if kept else None
    summary = text("SUMMARY")
    fields["title"] = data.get("title", summary if summary and summary.strip() else "Untitled")
    fields["description"] = data["description"] if "description" in data else text("DESCRIPTION")
    fields["location"] = data.get("location", text("LOCATION"))
    fields["geo"] = geo
    fields["url"] = text("URL")
    fields["tags"] = data.get("tags", tags)
    fields["sources"] = data.get("sources", ())
    fields["group"] = data.get("group", text("X-TIMELINE-GROUP"))
    if media_url is not None:
        fields["media"] = {"url": media_url, **data.get("media", {})}
    status = text("STATUS")
    if status is not None and status.upper() in _STATUS:
        fields["status"] = _STATUS[status.upper()]
    fields["recurrence"] = recurrence
    for name in ("rdate", "exdate"):
        fields[name] = data[name] if name in data else dates(name.upper())
    return {key: value for key, value in fields.items() if value is not None}


def _geo(component: icalendar.cal.Component) -> tuple[float, float] | None:
    geo = component.get("GEO")
    if isinstance(geo, list):  # given more than once: the first wins
        geo = geo[0]
    if geo is None:
        return None
    if not hasattr(geo, "latitude"):
        raise ParseError(f"GEO must be a latitude;longitude pair, got {_text(component, 'GEO')!r}", field="GEO")
    return (geo.latitude, geo.longitude)


def _tags(component: icalendar.cal.Component) -> list[str] | None:
    found = component.get("CATEGORIES")
    if found is None:
        return None
    lists = found if isinstance(found, list) else [found]
    tags = [tag for item in lists for tag in getattr(item, "cats", [item])]
    if not all(isinstance(tag, str) for tag in tags):
        raise ParseError(f"CATEGORIES must be text, got {_text(component, 'CATEGORIES')!r}", field="CATEGORIES")
    return [str(tag) for tag in tags]


def _rule(component: icalendar.cal.Component) -> str | None:
    rule = component.get("RRULE")
    if rule is None:
        return None
    first = rule[0] if isinstance(rule, list) else rule
    if type(first).__name__ != "vRecur":
        raise ParseError(f"RRULE must be a recurrence rule, got {_text(component, 'RRULE')!r}", field="RRULE")
    return str(first.to_ical().decode())


# The properties an error in a field of ours points at, first found first.
_FIELD_LINES: Final = {
    "sources": ("X-TIMELINE-DATA",),
    "extra": ("X-TIMELINE-DATA",),
    "when": ("X-TIMELINE-WHEN", "DTSTART"),
    "tz": ("X-TIMELINE-TZ", "DTSTART"),
    "id": ("UID",),
    "title": ("SUMMARY",),
    "group": ("X-TIMELINE-GROUP",),
}
# The property a field of a foreign event comes from, to keep in extra["ics"] when it cannot be a field.
_FIELD_PROPS: Final = {
    "url": ("URL",),
    "tags": ("CATEGORIES",),
    "recurrence": ("RRULE",),
    "rdate": ("RDATE",),
    "exdate": ("EXDATE",),
    "geo": ("GEO",),
    "media": ("IMAGE", "ATTACH"),
    "location": ("LOCATION",),
    "description": ("DESCRIPTION",),
    "status": ("STATUS",),
}


def _foreign_event(component: icalendar.cal.Component, fields: dict[str, Any]) -> Event:
    """An event from elsewhere: a property that makes no valid field is kept as its line, with a warning."""
    if "DTSTART" not in component:
        dated = _dated_by(component)
        _warn(f"{_PLACE.get()}a VEVENT has no DTSTART; dated by {dated or 'nothing (an unknown year)'}")
    while True:
        try:
            return Event(**fields)
        except ParseError as exc:
            field = (exc.field or "").partition(".")[0].partition("[")[0]
            if field not in _FIELD_PROPS or field not in fields:
                raise
            del fields[field]
            kept = [
                _line(component, name, value)
                for name, value in component.property_items(recursive=False, sorted=False)
                if name in _FIELD_PROPS[field]
            ]
            extra = dict(fields.get("extra") or {})
            extra["ics"] = [*kept, *(line for line in extra.get("ics", []) if line not in kept)]
            fields["extra"] = extra
            _warn(f"{_PLACE.get()}{exc}; kept as iCalendar text in extra['ics']")


def _media(component: icalendar.cal.Component) -> str | None:
    """The first ATTACH that is a URI (an inline binary stays in extra)."""
    found = component.get("ATTACH")
    if found is None:
        return None
    value = found[0] if isinstance(found, list) else found
    params = getattr(value, "params", {})
    if str(params.get("VALUE", "")).upper() == "BINARY" or "ENCODING" in params:
        return None
    return str(value)


def _dates(component: icalendar.cal.Component, name: str) -> list[date]:
    found = component.get(name)
    lists = found if isinstance(found, list) else [found]
    # A floating time beside a DTSTART in UTC (or at an offset no IANA zone keeps) is at
    # the start's offset: the event has no zone of its own whose wall clock it could mean.
    start = _decoded(component, "DTSTART") if "DTSTART" in component else None
    own = None
    if isinstance(start, datetime) and start.tzinfo is not None:
        zone = _zone_of(start, component["DTSTART"])
        own = start.tzinfo if zone is None or zone in UTC_NAMES else None
    moments: list[date] = []
    for item in lists:
        for value in getattr(item, "dts", []):
            moment = value.dt
            if isinstance(moment, datetime) and moment.tzinfo is None and own is not None:
                moment = moment.replace(tzinfo=own)
            if isinstance(moment, date):  # periods (tuples) and times have no single day
                moments.append(_fixed(moment) if isinstance(moment, datetime) else moment)  # type: ignore[arg-type]
    return moments


def _head(calendar: icalendar.cal.Component, source: str, lenient: bool) -> dict[str, Any]:
    """Title, description, zone, eras and extra of a VCALENDAR."""
    data = _data(_text(calendar, "X-TIMELINE-DATA"), "X-TIMELINE-DATA")
    title = data.get("title", _text(calendar, "NAME") or _text(calendar, "X-WR-CALNAME") or "")
    description = data.get(
        "description", _text(calendar, "DESCRIPTION") if "DESCRIPTION" in calendar else _text(calendar, "X-WR-CALDESC")
    )
    tz = _text(calendar, "X-WR-TIMEZONE")
    if tz is not None:
        name = zone_name(tz)
        if name is None:
            error = ParseError(f"X-WR-TIMEZONE names no known time zone: {tz!r}", source=source, field="X-WR-TIMEZONE")
            if not lenient:
                raise error
            _warn(str(error))
        tz = name
    return {
        "title": title,
        "description": description,
        "tz": tz,
        "extra": data.get("extra"),
        "eras": data.get("eras", ()),
    }


def _events(
    calendar: icalendar.cal.Component,
    *,
    source: str,
    lines: list[Block] | None = None,
    places: list[int] | None = None,
    lenient: bool = False,
) -> list[Event | None]:
    """The events of a calendar in its order, None for one skipped (``lenient``).

    An error names the VEVENT (by ``places``, its place among all the
    calendar's events, if given), its UID and (given ``lines``) the line.
    """
    events: list[Event | None] = []
    for index, component in enumerate(calendar.walk("VEVENT")):
        try:
            block = lines[index] if lines is not None and index < len(lines) else None
            token = _PLACE.set(f"{source}, line {block.line}: " if block is not None else f"{source}: ")
            try:
                events.append(event_from_component(component, block=block))
            finally:
                _PLACE.reset(token)
        except ParseError as exc:
            uid = None
            with contextlib.suppress(ParseError):
                uid = _text(component, "UID")
            place = places[index] if places is not None and index < len(places) else index
            where = f"VEVENT[{place}]" + (f" (UID {uid!r})" if uid else "")
            line = None
            if lines is not None and index < len(lines):
                field = (exc.field or "").partition(".")[0].partition("[")[0]
                line = lines[index].line_of(*_FIELD_LINES.get(field, _FIELD_PROPS.get(field, (field,))))
            error = exc.located(source=source, line=line, field=where)
            if not lenient:
                raise error from exc
            _warn(f"{error}; event skipped")
            events.append(None)
    return events


def timeline_from_calendar(calendar: icalendar.Calendar, *, source: str) -> Timeline:
    """The Timeline a VCALENDAR holds, errors naming the event by its place and UID."""
    head = _head(calendar, source, lenient=False)
    unique = _Unique()
    events = [unique(event) for event in _events(calendar, source=source) if event is not None]
    try:
        return Timeline(events=events, **head)
    except ParseError as exc:
        raise exc.located(source=source) from exc


# --- Reading .ics text --------------------------------------------------------

# NAME, then ;PARAM=value[,value] (values quoted or free of ";:,"), then ":".
_LINE_RE: Final = re.compile(r'([A-Za-z0-9_-]+)(?:;[A-Za-z0-9_-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*:')
_SKIPPED: Final = ("VTODO", "VJOURNAL")
# What the writer adds to an event for clients and the reader of its own events never reads.
_FOR_CLIENTS: Final = frozenset(("DTSTART", "DTEND", "DURATION", "DTSTAMP"))


@attrs.define
class Block:
    """One component as the text has it: name, BEGIN and END lines, properties with their lines."""

    name: str
    line: int
    end: int | None = None
    props: list[tuple[str, int, str]] = attrs.Factory(list)
    children: list[Block] = attrs.Factory(list)
    broken: bool = False

    def line_of(self, *names: str) -> int:
        """The line of the first of properties ``names`` it has (the BEGIN line if it has none)."""
        for name in names:
            found = next((line for prop, line, _ in self.props if prop == name), None)
            if found is not None:
                return found
        return self.line

    def whole(self) -> bool:
        """Ended, with no broken line in it or its children."""
        return self.end is not None and not self.broken and all(child.whole() for child in self.children)

    def render(self, out: list[str], keep: Callable[[Block], bool]) -> None:
        """Its content lines (unfolded) into ``out``, children only where ``keep`` says so."""
        out.append(f"BEGIN:{self.name}")
        if self.name == "VEVENT" and any(name == "X-TIMELINE-WHEN" for name, _, _ in self.props):
            # Our own event: its when is X-TIMELINE-WHEN, so icalendar need not parse the times
            # the writer added for clients (a third of the parse, zones included).
            out.extend(text for name, _, text in self.props if name not in _FOR_CLIENTS)
        else:
            out.extend(text for _, _, text in self.props)
        for child in self.children:
            if keep(child):
                child.render(out, keep)
        out.append(f"END:{self.name}")


class _Nesting:
    """Components as their content lines open and close them: the nesting both readers of .ics text share.

    ``feed`` takes one unfolded content line and says what it did: a block
    begun or ended (the caller places top-level blocks and reads ended ones),
    or nothing. Problems (a line that is no property, an END that closes
    nothing open) go to ``problem``; nesting deeper than
    :data:`limits.NESTING` is refused outright.
    """

    def __init__(self, problem: Callable[[ParseError], None], source: str | None) -> None:
        self.problem, self.source = problem, source
        self.stack: list[Block] = []

    def feed(self, first: int, line: str) -> tuple[bool, Block] | None:
        """Take the content line that starts on line ``first``: ``(True, block)`` begun, ``(False, block)`` ended."""
        stack = self.stack
        found = _LINE_RE.match(line)
        if found is None:
            self.problem(ParseError(f"not a property (NAME:value): {line[:80]!r}", line=first))
            if stack:
                stack[-1].broken = True
            return None
        name = found[1]
        upper = name.upper()
        if upper == "BEGIN":
            if len(stack) >= limits.NESTING:
                # Deeper than any calendar needs, and than icalendar can recurse: refused, lenient or not.
                raise ParseError(f"components nested more than {limits.NESTING} deep", source=self.source, line=first)
            block = Block(line[found.end() :].strip().upper(), first)
            if stack:
                stack[-1].children.append(block)
            stack.append(block)
            return True, block
        if upper == "END":
            kind = line[found.end() :].strip().upper()
            if stack and stack[-1].name == kind:
                block = stack.pop()
                block.end = first
                return False, block
            opened = any(block.name == kind for block in stack)
            if opened:
                message = f"END:{kind}, but {stack[-1].name} begun on line {stack[-1].line} never ends"
            else:
                message = f"END:{kind} closes no open {kind}"
            self.problem(ParseError(message, line=first))
            if opened:
                while stack[-1].name != kind:
                    stack.pop().broken = True
                stack.pop().end = first
            return None
        if not stack:
            # Outside any component (a comment after END:VCALENDAR, say): ignored, as icalendar does.
            where = f"{self.source}, line {first}" if self.source is not None else f"line {first}"
            _warn(f"{where}: a property outside any component is ignored: {line[:80]!r}")
            return None
        stack[-1].props.append((upper, first, line if name == upper else upper + line[len(name) :]))
        return None

    def close(self, last: int) -> None:
        """The text ends at line ``last``: every component still open is a problem."""
        for block in reversed(self.stack):
            self.problem(
                ParseError(f"{block.name} begun here never ends (the text stops at line {last})", line=block.line)
            )


def scan(text: str) -> tuple[list[Block], list[ParseError]]:
    """The components of iCalendar text, and what is wrong with it, each with its line.

    Tolerates what clients write: a BOM, LF or CR endings, folding with a
    tab, lowercase names, blank lines. The problems are lines that are no
    property, END lines that close nothing open, and components that never
    end (a truncated file), in the order of the text. The streaming reader
    reads lines the same way (:func:`_logical_lines`, :class:`_Nesting`).

    >>> blocks, problems = scan("BEGIN:VCALENDAR\\nbegin:vevent\\nDTSTART:20210606\\n")
    >>> [(b.name, b.line, b.end) for b in blocks]
    [('VCALENDAR', 1, None)]
    >>> [str(p) for p in problems][0]
    'line 2: VEVENT begun here never ends (the text stops at line 3)'
    """
    problems: list[ParseError] = []
    nesting = _Nesting(problems.append, None)
    top: list[Block] = []
    _last = 0
    for _last, first, line in _logical_lines(io.StringIO(text, newline=""), problems.append):
        fed = nesting.feed(first, line)
        if fed is not None and fed[0] and len(nesting.stack) == 1:
            top.append(fed[1])
    nesting.close(_last)
    return top, problems


# --- The direct path --------------------------------------------------------
#
# Most VEVENTs are a handful of plain properties. Those become events straight
# from the scanned lines, without icalendar's objects: the same values, the
# same mapping (``_fields``, ``_span``), a fraction of the time. Anything
# else in an event (a parameter or property not listed here, a value out of
# the plain forms, a repeated property, an alarm) sends that event through
# icalendar as before, so errors, warnings and odd values are handled in one
# place. Tests read files both ways and compare.

# NAME, then ;PARAM=value parameters without quotes or commas, then ":" and the value.
_PLAIN_RE: Final = re.compile(r"([A-Z0-9-]+)((?:;[A-Za-z0-9-]+=[^\";:,]*)*):(.*)", re.DOTALL)
_DATE_RE: Final = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})")
_DATE_TIME_RE: Final = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})T([0-9]{2})([0-9]{2})([0-9]{2})(Z?)")
# A TEXT value whose escapes are only the ones RFC 5545 defines (icalendar forgives others its own way).
_PLAIN_TEXT_RE: Final = re.compile(r"(?:[^\\]|\\[\\;,nN])*", re.DOTALL)
# The parameters a TEXT property may have on the direct path: none that changes its value.
_TEXT_PARAMS_RE: Final = re.compile(r"(?:;LANGUAGE=[A-Za-z0-9-]+|;VALUE=TEXT)+", re.IGNORECASE)
# TEXT properties read directly: a value unescaped as icalendar does (``\\ \; \, \n``).
_DIRECT_TEXT: Final = frozenset(
    (
        "UID", "SUMMARY", "DESCRIPTION", "LOCATION", "STATUS",
        "X-TIMELINE-WHEN", "X-TIMELINE-TZ", "X-TIMELINE-GROUP", "X-TIMELINE-DATA",
    )
)  # fmt: skip
# Properties of no field that an event from elsewhere keeps as they are written, when plain.
_KEPT_AS_WRITTEN: Final = {
    "SEQUENCE": re.compile(r"0|[1-9][0-9]{0,8}"),
    "PRIORITY": re.compile(r"[0-9]"),
    "TRANSP": re.compile(r"OPAQUE|TRANSPARENT"),
    "CLASS": re.compile(r"PUBLIC|PRIVATE|CONFIDENTIAL"),
    "CREATED": _DATE_TIME_RE,
    "LAST-MODIFIED": _DATE_TIME_RE,
}
_ZONES: dict[str, zoneinfo.ZoneInfo | None] = {}
_CACHED_ZONES: Final = 1024


class _NotDirectError(Exception):
    """This event needs icalendar after all."""


@functools.cache
def _available() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _iana(tzid: str) -> zoneinfo.ZoneInfo:
    """The zone a TZID names when zoneinfo lists it by that exact name (else icalendar decides)."""
    if tzid in _ZONES:
        zone = _ZONES[tzid]
    else:
        # Only the names zoneinfo lists: icalendar trusts those over the file's VTIMEZONE, and no others.
        zone = zoneinfo.ZoneInfo(tzid) if tzid in _available() else None
        if len(_ZONES) < _CACHED_ZONES:  # a file of a million made-up TZIDs cannot grow it forever
            _ZONES[tzid] = zone
    if zone is None:
        raise _NotDirectError
    return zone


def _moment(params: str, value: str) -> date:
    """A DTSTART or DTEND value: a date, a floating or UTC date-time, or one in a listed IANA zone."""
    kind, tzid = None, None
    for param in params[1:].split(";") if params else ():
        key, _, given = param.partition("=")
        key = key.upper()
        if key == "VALUE" and kind is None:
            kind = given.upper()
        elif key == "TZID" and tzid is None:
            tzid = given
        else:
            raise _NotDirectError
    try:
        found = _DATE_RE.fullmatch(value)
        if found is not None and kind in {None, "DATE"} and tzid is None:
            return date(int(found[1]), int(found[2]), int(found[3]))
        found = _DATE_TIME_RE.fullmatch(value)
        if found is None or kind not in {None, "DATE-TIME"} or (found[7] and tzid is not None):
            raise _NotDirectError
        zone = UTC if found[7] else None if tzid is None else _iana(tzid)
        year, month, day, hour, minute, second = (int(part) for part in found.groups()[:6])
        return datetime(year, month, day, hour, minute, second, tzinfo=zone)
    except ValueError:
        raise _NotDirectError from None  # an impossible date: icalendar's path reports it


def _direct_event(block: Block) -> Event | None:
    """The event of a plain VEVENT, read from its lines; None when icalendar must read it."""
    if block.children:
        return None
    texts: dict[str, str] = {}
    moments: dict[str, date] = {}
    seen: set[str] = set()
    kept: list[str] = []
    foreign: list[str] = []  # of one of our events: the lines after its X-TIMELINE-* ones
    after = False
    tags: list[str] | None = None
    try:
        for name, _, line in block.props:
            found = _PLAIN_RE.fullmatch(line)
            if found is None or name in seen:
                return None
            seen.add(name)
            if name.startswith("X-TIMELINE-"):
                after = True
            elif after and name not in _KEPT_AS_WRITTEN and not name.startswith("X-"):
                return None  # a property of a field among the foreign ones: icalendar's path tells them apart
            params, value = found[2], found[3]
            if name in _DIRECT_TEXT:
                if params and not _TEXT_PARAMS_RE.fullmatch(params):
                    return None
                if "\\" in value:
                    if not _PLAIN_TEXT_RE.fullmatch(value):
                        return None
                    value = _UNESCAPE_RE.sub(_unescape, value)
                if name == "STATUS" and value.upper() not in _STATUS:
                    return None  # kept as its line, which icalendar's path writes
                texts[name] = value
            elif name in {"DTSTART", "DTEND"}:
                moments[name] = _moment(params, value)
            elif name == "DTSTAMP":
                pass  # read by icalendar only to be ignored
            elif name == "URL" and not params and "\\" not in value:
                texts[name] = value
            elif name == "CATEGORIES" and not params and "\\" not in value:
                tags = value.split(",")
            elif not params and (
                (name.startswith("X-") and not name.startswith("X-TIMELINE-"))
                or (name in _KEPT_AS_WRITTEN and _KEPT_AS_WRITTEN[name].fullmatch(value))
            ):
                kept.append(line)
                if after:
                    foreign.append(line)
            else:
                return None
        if "DTSTART" not in moments and "X-TIMELINE-WHEN" not in texts:
            return None
        start = moments.get("DTSTART")
        zone = start.tzinfo.key if isinstance(start, datetime) and isinstance(start.tzinfo, zoneinfo.ZoneInfo) else None
        fields = _fields(
            texts.get,
            when=lambda: _span(start, moments.get("DTEND"), zone),
            raw=lambda: kept,
            geo=None,
            tags=tags,
            media_url=None,
            recurrence=None,
            dates=lambda _: None,
            foreign=lambda: foreign,
        )
        return Event(**fields)
    except (_NotDirectError, ParseError):
        return None


# "FILE, line N: " of the VEVENT being read, for the warnings of code that knows neither.
_PLACE: contextvars.ContextVar[str] = contextvars.ContextVar("_PLACE", default="")


def _warn(message: str) -> None:
    """Warn on behalf of whoever called the reader (see timeline._warn)."""
    warn(message)


def read_ics(text: str, source: str, *, lenient: bool = False, direct: bool = True) -> Timeline:
    """The Timeline in iCalendar text: strict about broken lines and components unless ``lenient``.

    Plain events are read straight from their lines unless ``direct`` is
    false; the rest (or, without ``direct``, all) go through icalendar.

    Raises:
        ParseError: the text is broken (with its line) or an event cannot
            become one of ours (with the line of the property at fault).
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate, from a str built in Python
        line = text.count("\n", 0, exc.start) + 1
        raise ParseError(
            f"the text holds {text[exc.start]!r}, which is no character", source=source, line=line
        ) from None
    return stream_ics(io.StringIO(text, newline=""), source, lenient=lenient, direct=direct).timeline(source)


# Top-level VEVENTs read at a time: each batch is one icalendar parse of the
# calendar's head, its VTIMEZONEs and the batch's events that are not plain.
BATCH: Final = 1000


def stream_ics(file: TextIO, source: str, *, lenient: bool = False, direct: bool = True) -> EventStream:
    """The events of iCalendar text as it is read, in the order of the text, a batch at a time.

    The content lines are scanned as :func:`scan` does, one line at a time;
    each VCALENDAR keeps its own properties and its components other than
    VEVENTs (VTIMEZONEs), and its VEVENTs go in batches of :data:`BATCH`
    through the same reading as a whole file (the direct path, icalendar
    for the rest), so memory holds one batch, not the text. The timeline's
    fields come from the first VCALENDAR. Errors and warnings name the line.
    """
    from timeline.formats._stream import EventStream  # noqa: PLC0415 - the registry's module imports formats

    def events(stream: EventStream) -> Iterator[Event]:
        reader = _CalendarReader(source, lenient=lenient, direct=direct)
        unique = _Unique()
        for batch in reader.batches(file):
            if reader.head is not None:
                stream.set_head(reader.head)
            for event in batch:
                yield unique(event)
        if reader.head is None:
            raise ParseError("no VCALENDAR in the text", source=source, line=1)
        stream.set_head(reader.head)

    return EventStream(events)


class _Unique:
    """Events with unique ids, one at a time: a repeated UID gets its RECURRENCE-ID, or a number."""

    def __init__(self) -> None:
        self.seen: set[str] = set()
        # The next number to try for each repeated id: counting up from 2 again
        # for every repeat would be quadratic in events sharing one UID.
        self.numbers: dict[str, int] = {}

    def __call__(self, given: Event) -> Event:
        event = given
        seen = self.seen
        if event.id in seen:
            kept = event.extra.get("ics")
            lines = kept if isinstance(kept, list) else []
            rid = next(
                (
                    line.partition(":")[2]
                    for line in lines
                    if isinstance(line, str) and line.startswith("RECURRENCE-ID")
                ),
                "",
            )
            candidate, number = f"{event.id}/{rid}" if rid else "", self.numbers.get(event.id, 2)
            while not candidate or candidate in seen:
                candidate, number = f"{event.id}/{number}", number + 1
            self.numbers[event.id] = number
            extra = dict(event.extra)
            if kept is None or isinstance(kept, list):  # the UID as written, for the writer to give back
                extra["ics"] = [f"UID:{escape_text(event.id)}", *lines]
            event = attrs.evolve(event, id=candidate, extra=extra)
        seen.add(event.id)
        return event


class _CalendarReader:
    """Scans iCalendar lines one at a time and reads the VEVENTs of each VCALENDAR in batches."""

    def __init__(self, source: str, *, lenient: bool, direct: bool) -> None:
        self.source, self.lenient, self.direct = source, lenient, direct
        self.head: dict[str, Any] | None = None
        self.head_props = 0  # how many properties the first VCALENDAR had when its head was read
        self.head_calendar: Block | None = None
        self.offsets: dict[int, int] = {}  # VEVENTs read so far in each VCALENDAR (by id), for errors
        self.skipped: dict[str, list[int]] = {}
        self.decided: dict[int, bool] = {}

    def problem(self, error: ParseError) -> None:
        if not self.lenient:
            raise error.located(source=self.source)
        _warn(str(error.located(source=self.source)))

    def batches(self, file: TextIO) -> Iterator[list[Event]]:
        """The events of the text, a batch at a time, in its order."""
        nesting = _Nesting(self.problem, self.source)
        stack = nesting.stack
        calendar: Block | None = None  # the VCALENDAR open at the top (or the one made for loose VEVENTs)
        loose: Block | None = None
        batch: list[Block] = []
        feed = nesting.feed
        _last = 0
        for _last, first, line in _logical_lines(file, self.problem):
            fed = feed(first, line)
            if fed is None:
                continue
            begun, block = fed
            if begun:
                if len(stack) > 1:
                    continue
                if block.name == "VCALENDAR":
                    if batch and calendar is not None:
                        yield self.read(calendar, batch)
                        batch = []
                    calendar = block
                elif block.name == "VEVENT":
                    if loose is None:
                        loose = Block("VCALENDAR", first)
                    if calendar is not loose:
                        if batch and calendar is not None:
                            yield self.read(calendar, batch)
                            batch = []
                        calendar = loose
            elif calendar is not None and block.name in {"VEVENT", *_SKIPPED}:
                parent = stack[-1] if stack else None
                if parent is calendar or (parent is None and calendar is loose):
                    if parent is calendar:
                        parent.children.pop()  # the VEVENT just ended is its last child
                    if block.name in _SKIPPED:
                        self.skipped.setdefault(block.name, []).append(block.line)
                    else:
                        batch.append(block)
                        if len(batch) >= BATCH:
                            yield self.read(calendar, batch)
                            batch = []
        nesting.close(_last)
        if calendar is not None:
            yield self.read(calendar, batch)
        elif loose is not None:
            yield self.read(loose, batch)
        for name, lines in self.skipped.items():
            count = f"{len(lines)} {name}s" if len(lines) > 1 else f"a {name}"
            _warn(f"{self.source}, line {lines[0]}: skipped {count} (a timeline holds events)")

    def keep(self, block: Block) -> bool:
        decided = self.decided
        if id(block) not in decided:
            decided[id(block)] = block.name not in _SKIPPED and block.whole()
            if not decided[id(block)] and block.name not in _SKIPPED:
                _warn(f"{self.source}, line {block.line}: {block.name} skipped, it is broken or never ends")
        return decided[id(block)]

    def read(self, calendar: Block, batch: list[Block]) -> list[Event]:
        """The events of ``batch``, read within ``calendar``'s head and VTIMEZONEs."""
        import icalendar  # noqa: PLC0415 - only the reader needs it

        first = self.head is None
        if first:
            self.head_calendar = calendar
        grew = calendar is self.head_calendar and len(calendar.props) != self.head_props
        offset = self.offsets.get(id(calendar), 0)
        block = Block(
            calendar.name, calendar.line, calendar.end, props=calendar.props, children=[*calendar.children, *batch]
        )
        keep = self.keep
        try:
            with warnings.catch_warnings():
                # icalendar warns when it guesses a zone from a TZID's tail; we do the same on purpose.
                guessed = getattr(icalendar.error, "GloballyUniqueTZIDGuessed", None)
                if guessed is not None:
                    warnings.simplefilter("ignore", guessed)
                order: list[Block] = []
                _vevents(block, keep, order)  # deciding what to keep in the order of the text, as it warns
                direct_events: dict[int, Event] = {}
                if self.direct:
                    batched = {id(child) for child in batch}
                    for vevent in order:
                        event = _direct_event(vevent) if id(vevent) in batched else None
                        if event is not None:
                            direct_events[id(vevent)] = event
                if not first and not grew and len(direct_events) == len(order):
                    self.offsets[id(calendar)] = offset + len(order)
                    return [direct_events[id(vevent)] for vevent in order]

                def parsed(child: Block, direct_events: dict[int, Event] = direct_events) -> bool:
                    return id(child) not in direct_events and keep(child)

                while True:
                    out: list[str] = []
                    block.render(out, parsed)
                    try:
                        parsed_calendar = icalendar.Calendar.from_ical("\r\n".join(out) + "\r\n")
                        break
                    except _ICALENDAR_ERRORS as exc:
                        error, culprit = _locate(block, parsed, icalendar, exc, self.source)
                        if not self.lenient or culprit is None:
                            raise error from None
                        _warn(f"{error}; skipped")
                        self.decided[id(culprit)] = False  # lenient: parse the calendar again without it
                order = []
                _vevents(block, keep, order)  # again: lenient may have dropped one icalendar refused
                places = [place for place, vevent in enumerate(order) if id(vevent) not in direct_events]
                vevents = [order[place] for place in places]
                if first or grew:
                    self.head = _head(parsed_calendar, self.source, self.lenient)
                    self.head_props = len(calendar.props)
                found_events = _events(
                    parsed_calendar,
                    source=self.source,
                    lines=vevents,
                    places=[offset + place for place in places],
                    lenient=self.lenient,
                )
                slots = iter(found_events)
                events: list[Event] = []
                for vevent in order:  # the events in the order of the text, however each was read
                    found = direct_events[id(vevent)] if id(vevent) in direct_events else next(slots, None)
                    if found is not None:
                        events.append(found)
                events.extend(event for event in slots if event is not None)
                self.offsets[id(calendar)] = offset + len(order)
                return events
        finally:
            for child in batch:  # their ids may be reused by the blocks of the next batch
                self.decided.pop(id(child), None)


def _logical_lines(file: TextIO, problem: Callable[[ParseError], None]) -> Iterator[tuple[int, int, str]]:
    """(physical line so far, first line, unfolded content line) of iCalendar text.

    A BOM, CRLF, LF or CR endings and folding with a space or a tab are
    taken; a folded line with nothing to continue is a problem. The pieces
    of a folded line gather in a list and join once: adding each to a
    string would copy it every time, quadratic in a property folded over
    many lines.
    """
    pieces: list[str] = []
    first = 0
    number = 0
    for number, raw in enumerate(file, 1):
        line = raw.rstrip("\r\n") if raw[-1:] in ("\n", "\r") else raw
        if number == 1:
            line = line.removeprefix("\ufeff")
        if line[:1] in (" ", "\t"):
            if pieces:
                pieces.append(line[1:])
            elif line.strip():
                problem(ParseError(f"the text starts with a folded line: {line[:80]!r}", line=number))
        elif line:
            if pieces:
                yield number, first, pieces[0] if len(pieces) == 1 else "".join(pieces)
            pieces = [line]
            first = number
    if pieces:
        yield number, first, pieces[0] if len(pieces) == 1 else "".join(pieces)


def _skipped(block: Block, found: dict[str, list[int]]) -> None:
    for child in block.children:
        if child.name in _SKIPPED:
            found.setdefault(child.name, []).append(child.line)
        else:
            _skipped(child, found)


def _vevents(block: Block, keep: Callable[[Block], bool], out: list[Block]) -> None:
    """The kept VEVENT blocks in the order icalendar's walk gives them (depth first)."""
    for child in block.children:
        if keep(child):
            if child.name == "VEVENT":
                out.append(child)
            _vevents(child, keep, out)


def _locate(
    block: Block, keep: Callable[[Block], bool], icalendar: Any, exc: Exception, source: str
) -> tuple[ParseError, Block | None]:
    """icalendar refused a calendar: find the component it refuses, to name its line."""
    for child in block.children:
        if keep(child):
            out: list[str] = []
            child.render(out, keep)
            try:
                icalendar.Component.from_ical("\r\n".join(out) + "\r\n")
            except _ICALENDAR_ERRORS as inner:
                message = f"icalendar cannot parse this {child.name}: {inner}"
                return ParseError(message, source=source, line=child.line), child
    return ParseError(f"icalendar cannot parse this VCALENDAR: {exc}", source=source, line=block.line), None
