"""The canonical JSON form: lossless, deterministic, described by a JSON Schema."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from importlib import resources
from typing import Any, TextIO

from timeline._gc import paused_gc
from timeline._timeline import Timeline
from timeline.formats._fields import event_data, from_data, to_data
from timeline.formats._jsontext import _locator, check_indent, loads
from timeline.formats._stream import EventStream, json_stream

__all__ = ["OPTIONS", "read", "schema", "stream", "write", "write_events"]


def _indent(text: str) -> int:
    if not text.strip().isdigit() or not 0 <= int(text) <= 8:
        raise ValueError(f"indent must be a whole number between 0 and 8, got {text!r}")
    return int(text)


OPTIONS: Mapping[str, Callable[[str], object]] = {"indent": _indent}


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the canonical form, as shipped with the package.

    >>> schema()["$defs"]["event"]["required"]
    ['title', 'when']
    """
    text = (resources.files("timeline") / "schema" / "timeline.schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def read(text: str, source: str) -> Timeline:
    """Parse canonical JSON text; ``source`` names it in errors."""
    # Our own parse and loop, no cycles: one young collection after, not hundreds
    # (timeline._gc); the parsed data goes before it, so that it walks the events alone.
    with paused_gc():
        data = loads(text, source)
        timeline = from_data(data, source=source, locate=_locator(text))
        del data
    return timeline


def stream(file: TextIO, source: str) -> EventStream:
    """The events of canonical JSON text as they are read (see ``timeline.formats._stream``)."""
    return json_stream(file, source, read)


def write(timeline: Timeline, out: TextIO, *, indent: int = 2) -> None:
    """Write ``timeline`` as canonical JSON: UTF-8, keys in field order, a final newline.

    Args:
        timeline: What to write.
        out: A text stream.
        indent: Spaces per level, 0 to 8; 0 puts everything on one line.

    Raises:
        FormatError: ``indent`` is not a whole number from 0 to 8.
    """
    check_indent("json", indent)
    write_events(timeline, (event_data(event) for event in timeline.events), out, indent=indent)


def write_events(head: Timeline, events: Iterable[dict[str, Any]], out: TextIO, *, indent: int = 2) -> None:
    """The canonical JSON of ``head``'s fields with ``events`` (canonical event dicts, in order) as its events.

    The events are written one at a time, each as json.dumps would indent it
    inside the whole document, so a timeline of any size is written without
    a second copy of it as dicts and text.
    """
    data = to_data(_without_events(head))
    data["events"] = [0]
    text = json.dumps(data, ensure_ascii=False, indent=indent or None, allow_nan=False)
    before, _, after = text.rpartition("0")
    inner = "\n" + " " * (2 * indent) if indent else ""
    separator = "," + inner if indent else ", "
    batch: list[str] = []
    count = 0
    for count, event in enumerate(events, 1):
        piece = json.dumps(event, ensure_ascii=False, indent=indent or None, allow_nan=False)
        if indent:
            piece = piece.replace("\n", inner)
        batch.append(separator if count > 1 else before)
        batch.append(piece)
        if len(batch) > 2048:
            out.write("".join(batch))
            batch.clear()
    if not count:  # no events: "events": [] as json.dumps writes it
        text = json.dumps(to_data(_without_events(head)), ensure_ascii=False, indent=indent or None, allow_nan=False)
        before, after = text, ""
        batch.append(before)
    batch.append(after)
    batch.append("\n")
    out.write("".join(batch))


def _without_events(timeline: Timeline) -> Timeline:
    return Timeline(
        title=timeline.title,
        description=timeline.description,
        tz=timeline.tz,
        eras=timeline.eras,
        extra=timeline.extra,
    )
