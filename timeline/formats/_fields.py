"""The authoring fields shared by json, toml and yaml: data <-> model.

Only the data-shaped formats use this; it imports the model, never a format.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final

from timeline._era import Era
from timeline._event import AUTHORING_FIELDS, Event, Source, Status, event_from_dict, event_from_fields, near_miss
from timeline._gc import paused_gc
from timeline._timeline import TIMELINE_FIELDS, Timeline
from timeline._warn import warn
from timeline._when import When
from timeline.errors import ParseError

__all__ = [
    "VERSION",
    "check_version",
    "era_data",
    "event_data",
    "event_from_item",
    "from_data",
    "head_from_data",
    "source_data",
    "to_data",
]

VERSION = 1

# Given a field path such as "events[2].when" (or "tz"), the line it is on.
Locator = Callable[[str], "int | None"]


def _warn_near_misses(
    keys: Iterable[object], fields: frozenset[str], where: str, source: str, locate: Locator | None
) -> None:
    """Warn about kept keys that look like misspelt fields: they go to extra, not to the field."""
    for key in keys:
        if key in fields or key == "extra":
            continue
        close = near_miss(str(key), fields)
        if close:
            field = f"{where}.{key}" if where else str(key)
            place = f"{source}, line {line}" if locate and (line := locate(field)) else source
            message = f"{place}, {field}: unknown field {key!r} kept in extra; did you mean {close[0]!r}?"
            warn(message)


_EVENT_KEYS: Final = AUTHORING_FIELDS | {"extra"}


def from_data(data: object, *, source: str, locate: Locator | None = None) -> Timeline:
    """A Timeline from parsed JSON/TOML/YAML data, errors naming the field and line.

    Keys that are not fields are kept in the ``extra`` of the event or
    timeline they sit in; one that looks like a misspelt field also gives a
    TimelineWarning.
    """
    if not isinstance(data, Mapping):
        kind = type(data).__name__
        raise ParseError(f"a timeline must be a table with 'events', got {kind}", source=source)
    _warn_near_misses(data, TIMELINE_FIELDS, "", source, locate)
    check_version(data, source=source, locate=locate)
    raw_events = data.get("events", [])
    if not isinstance(raw_events, list):
        raise _failure(ParseError(f"'events' must be a list of tables, got {raw_events!r}"), "events", source, locate)
    whens: dict[str, When] = {}  # each EDTF text parsed once per file: events share their days
    events: list[Event] = []
    add = events.append
    with paused_gc():  # our own loop over data already parsed: no cycles (see timeline._gc)
        for index, item in enumerate(raw_events):
            add(event_from_item(item, index, source=source, locate=locate, whens=whens))
    head = head_from_data(data, source=source, locate=locate)
    try:
        return Timeline(events=events, **head)
    except ParseError as exc:
        raise _failure(exc, "", source, locate) from exc


def _failure(exc: ParseError, field: str, source: str, locate: Locator | None) -> ParseError:
    full = exc.located(field=field).field or field
    return exc.located(source=source, line=locate(full) if locate else None, field=field)


def check_version(data: Mapping[Any, Any], *, source: str, locate: Locator | None = None) -> None:
    """Refuse a ``version`` other than the one this library reads."""
    version = data.get("version", VERSION)
    if version != VERSION:
        message = f"'version' {version!r} is not supported (this library reads {VERSION})"
        raise _failure(ParseError(message), "version", source, locate)


def event_from_item(
    item: object,
    index: int,
    *,
    source: str,
    locate: Locator | None = None,
    whens: dict[str, When] | None = None,
) -> Event:
    """The event of ``events[index]`` of parsed data, errors and near-miss warnings naming it.

    One event at a time, so a streaming reader (json, jsonl) builds each
    event exactly as :func:`from_data` does. ``whens``, if given, keeps
    each ``when`` text parsed for the next event that has the same (see
    ``_event.event_from_fields``).
    """
    if type(item) is dict and AUTHORING_FIELDS.issuperset(item):  # fields alone, nearly always
        try:
            return event_from_fields(item, whens)
        except ParseError as exc:
            raise _failure(exc, f"events[{index}]", source, locate) from exc
    field = f"events[{index}]"
    if type(item) is not dict and not isinstance(item, Mapping):
        raise _failure(ParseError(f"each event must be a table, got {item!r}"), field, source, locate)
    if not _EVENT_KEYS.issuperset(item):  # most events hold fields alone: nothing to warn about
        _warn_near_misses(item, AUTHORING_FIELDS, field, source, locate)
    try:
        return event_from_dict(item, warn_near_misses=False)
    except ParseError as exc:
        raise _failure(exc, field, source, locate) from exc


def head_from_data(data: Mapping[Any, Any], *, source: str, locate: Locator | None = None) -> dict[str, Any]:
    """A timeline's fields but its events (title, description, tz, eras, extra), checked, as keywords."""
    raw_eras = data.get("eras", [])
    if not isinstance(raw_eras, list):
        raise _failure(ParseError(f"'eras' must be a list of tables, got {raw_eras!r}"), "eras", source, locate)
    eras = []
    for index, item in enumerate(raw_eras):
        try:
            eras.append(Era.coerce(item))
        except ParseError as exc:
            raise _failure(exc, f"eras[{index}]", source, locate) from exc
    fields: dict[str, Any] = {key: data[key] for key in ("title", "description", "tz") if key in data}
    extra = data.get("extra", {})
    if not isinstance(extra, Mapping):
        raise _failure(ParseError(f"'extra' must be a table, got {extra!r}"), "extra", source, locate)
    extra = dict(extra)
    for key, value in data.items():
        if key in TIMELINE_FIELDS or key == "extra":
            continue
        if key in extra:
            raise _failure(ParseError(f"{key!r} is given both in 'extra' and beside it"), str(key), source, locate)
        extra[key] = value
    return {"eras": eras, "extra": extra, **fields}


def source_data(source: Source) -> dict[str, str]:
    """A source as plain data: its fields that are set, the date as EDTF text."""
    fields = (("title", source.title), ("url", source.url), ("publisher", source.publisher))
    data = {key: value for key, value in fields if value is not None}
    if source.date is not None:
        data["date"] = str(source.date)
    return data


def event_data(event: Event) -> dict[str, Any]:
    """One event as the canonical dict (json, jsonl): its fields that are set, then its extra."""
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
        out["sources"] = [source_data(source) for source in event.sources]
    if event.group is not None:
        out["group"] = event.group
    if event.media is not None:
        media = event.media
        out["media"] = {
            key: value
            for key, value in (
                ("url", media.url),
                ("caption", media.caption),
                ("credit", media.credit),
                ("thumbnail", media.thumbnail),
                ("alt", media.alt),
            )
            if value is not None
        }
    if event.status is not Status.CONFIRMED:
        out["status"] = event.status.value
    if event.recurrence is not None:
        out["recurrence"] = event.recurrence
    if event.rdate:
        out["rdate"] = [str(when) for when in event.rdate]
    if event.exdate:
        out["exdate"] = [str(when) for when in event.exdate]
    out.update(event.extra)  # kept fields go back beside the others, as they came
    return out


def era_data(era: Era) -> dict[str, Any]:
    out: dict[str, Any] = {"title": era.title, "when": str(era.when)}
    if era.description is not None:
        out["description"] = era.description
    return out


def to_data(timeline: Timeline) -> dict[str, Any]:
    """The timeline as plain data in authoring-field order, defaults left out."""
    out: dict[str, Any] = {"version": VERSION, "title": timeline.title}
    if timeline.description is not None:
        out["description"] = timeline.description
    if timeline.tz is not None:
        out["tz"] = timeline.tz
    out.update(timeline.extra)
    if timeline.eras:
        out["eras"] = [era_data(era) for era in timeline.eras]
    out["events"] = [event_data(event) for event in timeline.events]
    return out
