"""The authoring fields shared by json, toml and yaml: data <-> model.

Only the data-shaped formats use this; it imports the model, never a format.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from typing import Any

from timeline._event import Event, Status
from timeline._timeline import Timeline
from timeline.errors import ParseError

__all__ = ["VERSION", "from_data", "to_data"]

VERSION = 1
_TOP_FIELDS = ("version", "$schema", "title", "description", "tz", "extra", "events")

# Given a field path such as "events[2].when" (or "tz"), the line it is on.
Locator = Callable[[str], "int | None"]


def from_data(data: object, *, source: str, locate: Locator | None = None) -> Timeline:
    """A Timeline from parsed JSON/TOML/YAML data, errors naming the field and line."""

    def fail(exc: ParseError, field: str) -> ParseError:
        full = exc.located(field=field).field or field
        return exc.located(source=source, line=locate(full) if locate else None, field=field)

    if not isinstance(data, Mapping):
        raise ParseError(f"a timeline must be a table with 'events', got {type(data).__name__}", source=source)
    for key in data:
        if key not in _TOP_FIELDS:
            close = difflib.get_close_matches(str(key), _TOP_FIELDS, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"fields: {', '.join(_TOP_FIELDS)}"
            raise fail(ParseError(f"unknown timeline field {key!r} ({hint})"), str(key))
    version = data.get("version", VERSION)
    if version != VERSION:
        raise fail(ParseError(f"'version' {version!r} is not supported (this library reads {VERSION})"), "version")
    raw_events = data.get("events", [])
    if not isinstance(raw_events, list):
        raise fail(ParseError(f"'events' must be a list of tables, got {raw_events!r}"), "events")
    events = []
    for index, item in enumerate(raw_events):
        field = f"events[{index}]"
        if not isinstance(item, Mapping):
            raise fail(ParseError(f"each event must be a table, got {item!r}"), field)
        try:
            events.append(Event.from_dict(item))
        except ParseError as exc:
            raise fail(exc, field) from exc
    fields = {key: data[key] for key in ("title", "description", "tz", "extra") if key in data}
    try:
        return Timeline(events=events, **fields)
    except ParseError as exc:
        raise fail(exc, "") from exc


def _event_data(event: Event) -> dict[str, Any]:
    out: dict[str, Any] = {"id": event.id, "title": event.title, "when": str(event.when)}
    for name in ("tz", "description", "location"):
        value = getattr(event, name)
        if value is not None:
            out[name] = value
    if event.geo is not None:
        out["geo"] = [event.geo.lat, event.geo.lon]
    if event.url is not None:
        out["url"] = event.url
    if event.tags:
        out["tags"] = list(event.tags)
    if event.sources:
        out["sources"] = [
            {
                key: str(value) if key == "date" else value
                for key, value in (
                    ("title", s.title),
                    ("url", s.url),
                    ("publisher", s.publisher),
                    ("date", s.date),
                )
                if value is not None
            }
            for s in event.sources
        ]
    if event.group is not None:
        out["group"] = event.group
    if event.media is not None:
        media = event.media
        out["media"] = {
            key: value
            for key, value in (("url", media.url), ("caption", media.caption), ("credit", media.credit))
            if value is not None
        }
    if event.status is not Status.CONFIRMED:
        out["status"] = event.status.value
    if event.recurrence is not None:
        out["recurrence"] = event.recurrence
    if event.extra:
        out["extra"] = dict(event.extra)
    return out


def to_data(timeline: Timeline) -> dict[str, Any]:
    """The timeline as plain data in authoring-field order, defaults left out."""
    out: dict[str, Any] = {"version": VERSION, "title": timeline.title}
    if timeline.description is not None:
        out["description"] = timeline.description
    if timeline.tz is not None:
        out["tz"] = timeline.tz
    if timeline.extra:
        out["extra"] = dict(timeline.extra)
    out["events"] = [_event_data(event) for event in timeline.events]
    return out
