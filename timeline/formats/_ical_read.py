"""icalendar components to the model: the reverse of the shared iCalendar mapping.

What this library wrote comes back exactly: ``X-TIMELINE-WHEN`` gives the
EDTF ``when``, ``X-TIMELINE-TZ`` and ``X-TIMELINE-GROUP`` the zone and group,
``X-TIMELINE-DATA`` (JSON) the raw description, sources, media caption and
credit, rdate/exdate texts and extra fields; the UID loses the domain the
writer added. Events from elsewhere are read from DTSTART, DTEND or
DURATION and the standard properties.
"""

from __future__ import annotations

import json
import re
import zoneinfo
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from timeline._event import Event
from timeline._timeline import Timeline
from timeline.errors import ParseError
from timeline.formats._vtimezone import UTC_NAMES

if TYPE_CHECKING:
    import icalendar

__all__ = ["event_from_component", "timeline_from_calendar"]

_STATUS = {"CONFIRMED": "confirmed", "TENTATIVE": "tentative", "CANCELLED": "cancelled"}


def _text(component: icalendar.cal.Component, name: str) -> str | None:
    value = component.get(name)
    if value is None:
        return None
    if isinstance(value, list):  # the property given more than once: the first wins
        value = value[0]
    if type(value).__name__ == "vUnknown":
        # A property of no known type (X-WR-CALNAME, say) comes raw: undo TEXT escaping.
        return _UNESCAPE_RE.sub(_unescape, str(value))
    return str(value)


_UNESCAPE_RE = re.compile(r"\\([\\;,nN])")


def _unescape(match: re.Match[str]) -> str:
    char = match[1]
    return "\n" if char in "nN" else char


def _data(component: icalendar.cal.Component, where: str) -> dict[str, Any]:
    raw = _text(component, "X-TIMELINE-DATA")
    if raw is None:
        return {}
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise ParseError(f"X-TIMELINE-DATA is not JSON: {exc}", field=where) from None
    if not isinstance(data, dict):
        raise ParseError(f"X-TIMELINE-DATA must be a JSON object, got {raw[:100]!r}", field=where)
    return data


def _python_when(component: icalendar.cal.Component) -> tuple[object, str | None]:
    """DTSTART with DTEND or DURATION as a date, datetime or (start, end) pair for Event."""
    if "DTSTART" not in component:
        raise ParseError("an event needs DTSTART", field="DTSTART")
    start = component.decoded("DTSTART")
    end: object = None
    if "DTEND" in component:
        end = component.decoded("DTEND")
    elif "DURATION" in component:
        duration = component.decoded("DURATION")
        if isinstance(duration, timedelta):
            end = start + duration
    if isinstance(start, datetime):
        zone = start.tzinfo.key if isinstance(start.tzinfo, zoneinfo.ZoneInfo) else None
        if zone is not None and zone in UTC_NAMES:
            # An instant in UTC, written with Z, not a wall clock in a zone called UTC.
            start = start.astimezone(UTC)
            end = end.astimezone(UTC) if isinstance(end, datetime) else end
            zone = None
        if not isinstance(end, datetime) or end <= start:
            return start, zone
        return (start, end), zone
    if not isinstance(start, date):
        raise ParseError(f"DTSTART must be a date or date-time, got {start!r}", field="DTSTART")
    if isinstance(end, date) and not isinstance(end, datetime):
        last = end - timedelta(days=1)  # DTEND of an all-day event is the day after
        if last > start:
            return (start, last), None
    return start, None


def event_from_component(component: icalendar.cal.Component, *, default_tz: str | None = None) -> Event:
    """The Event a VEVENT holds.

    Raises:
        ParseError: a property cannot become a field; it names the field.
    """
    data = _data(component, "X-TIMELINE-DATA")
    uid = _text(component, "UID")
    when_text = _text(component, "X-TIMELINE-WHEN")
    fields: dict[str, Any] = {}
    if when_text is not None:
        fields["when"] = when_text
        fields["tz"] = _text(component, "X-TIMELINE-TZ")
        fields["id"] = data.get("id", uid.rpartition("@")[0] if uid is not None and "@" in uid else uid)
    else:
        fields["when"], fields["tz"] = _python_when(component)
        fields["id"] = uid
    summary = _text(component, "SUMMARY")
    fields["title"] = data.get("title", summary if summary and summary.strip() else "Untitled")
    fields["description"] = data["description"] if "description" in data else _text(component, "DESCRIPTION")
    fields["location"] = data.get("location", _text(component, "LOCATION"))
    geo = component.get("GEO")
    if geo is not None:
        fields["geo"] = (geo.latitude, geo.longitude)
    fields["url"] = _text(component, "URL")
    if "tags" in data:
        fields["tags"] = data["tags"]
    elif "CATEGORIES" in component:
        found = component.get("CATEGORIES")
        lists = found if isinstance(found, list) else [found]
        fields["tags"] = [str(tag) for item in lists for tag in getattr(item, "cats", [item])]
    fields["sources"] = data.get("sources", ())
    fields["group"] = data.get("group", _text(component, "X-TIMELINE-GROUP"))
    media_url = _text(component, "IMAGE") or _text(component, "ATTACH")
    if media_url is not None:
        fields["media"] = {"url": media_url, **data.get("media", {})}
    status = _text(component, "STATUS")
    if status is not None and status.upper() in _STATUS:
        fields["status"] = _STATUS[status.upper()]
    rule = component.get("RRULE")
    if rule is not None:
        fields["recurrence"] = (rule[0] if isinstance(rule, list) else rule).to_ical().decode()
    for name in ("rdate", "exdate"):
        if name in data:
            fields[name] = data[name]
        elif name.upper() in component:
            fields[name] = _dates(component, name.upper())
    fields["extra"] = data.get("extra")
    return Event(**{key: value for key, value in fields.items() if value is not None})


def _dates(component: icalendar.cal.Component, name: str) -> list[date]:
    found = component.get(name)
    lists = found if isinstance(found, list) else [found]
    moments: list[date] = []
    for item in lists:
        for value in getattr(item, "dts", []):
            moment = value.dt
            if isinstance(moment, date):  # periods (tuples) have no single day
                moments.append(moment)
    return moments


def timeline_from_calendar(calendar: icalendar.Calendar, *, source: str) -> Timeline:
    """The Timeline a VCALENDAR holds, errors naming the event by its place and UID."""
    data = _data(calendar, "X-TIMELINE-DATA")
    title = data.get("title", _text(calendar, "NAME") or _text(calendar, "X-WR-CALNAME") or "")
    description = data.get(
        "description", _text(calendar, "DESCRIPTION") if "DESCRIPTION" in calendar else _text(calendar, "X-WR-CALDESC")
    )
    tz = _text(calendar, "X-WR-TIMEZONE")
    events = []
    for index, component in enumerate(calendar.walk("VEVENT")):
        try:
            events.append(event_from_component(component, default_tz=tz))
        except ParseError as exc:
            uid = _text(component, "UID")
            where = f"VEVENT[{index}]" + (f" (UID {uid!r})" if uid else "")
            raise exc.located(source=source, field=where) from exc
    extra = data.get("extra")
    eras = data.get("eras", ())
    try:
        return Timeline(title=title, description=description, tz=tz, events=events, eras=eras, extra=extra)
    except ParseError as exc:
        raise exc.located(source=source) from exc
