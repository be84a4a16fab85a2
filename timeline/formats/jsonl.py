"""JSON Lines: one canonical event per line, read and written as it goes.

Each line is the event as the canonical JSON holds it (the same dict, from
the same code), on one line, UTF-8: the form pandas (``read_json(lines=True)``),
DuckDB (``read_json``), BigQuery and jq read. The file holds events only:
a timeline's title, description, zone and eras are not written (use
``json`` to keep them). Blank lines are skipped when reading.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TextIO

from timeline._event import Event
from timeline._timeline import Timeline
from timeline.errors import FormatError, ParseError
from timeline.formats._fields import event_data, event_from_item
from timeline.formats._jsontext import _constant, _pairs
from timeline.formats._stream import EventStream

__all__ = ["OPTIONS", "STREAMS", "read", "stream", "write"]

STREAMS = True
OPTIONS: Mapping[str, Callable[[str], object]] = {}

_DECODER = json.JSONDecoder(object_pairs_hook=_pairs, parse_constant=_constant)
# Characters that some line readers (str.splitlines, JavaScript's) take for line breaks: escaped,
# as JSON allows, so that a line is always one event.
_LINE_BREAKS = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}


def write(timeline: Timeline | Iterable[Event], out: TextIO) -> None:
    """Write each event as one line of canonical JSON, as the events come.

    Raises:
        FormatError: an item is not an Event.
    """
    batch: list[str] = []
    dumps = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode
    for event in timeline:
        if not isinstance(event, Event):
            raise FormatError(f"the jsonl writer takes events, got {event!r}")
        line = dumps(event_data(event))
        if not line.isascii():
            line = line.translate(_LINE_BREAKS)
        batch.append(line)
        batch.append("\n")
        if len(batch) > 4096:
            out.write("".join(batch))
            batch.clear()
    out.write("".join(batch))


def stream(file: TextIO, source: str) -> EventStream:
    """The events of JSON Lines text as they are read; errors name ``source`` and the line."""

    def events(stream: EventStream) -> Iterator[Event]:
        stream.set_head({})
        index = 0
        for number, line in enumerate(file, 1):
            text = line.strip(" \t\r\n")
            if not text:
                continue
            try:
                item = _DECODER.decode(text)
            except json.JSONDecodeError as exc:
                message = f"not valid JSON: {exc.msg} (column {exc.colno})"
                raise ParseError(message, source=source, line=number) from None
            except RecursionError:
                raise ParseError("not valid JSON: nested too deeply", source=source, line=number) from None
            except ParseError as exc:  # a repeated key or a NaN
                raise exc.located(source=source, line=number) from None
            if not isinstance(item, dict):
                kind = type(item).__name__
                raise ParseError(f"each line must be one event (an object), got {kind}", source=source, line=number)
            yield event_from_item(item, index, source=source, locate=_at(number))
            index += 1

    return EventStream(events)


def read(text: str, source: str) -> Timeline:
    """Parse JSON Lines text into a Timeline; ``source`` names it in errors."""
    return stream(io.StringIO(text, newline=""), source).timeline(source)


def _at(number: int) -> Callable[[str], int | None]:
    """Every field of the event on line ``number`` is on that line."""
    return lambda _field: number
