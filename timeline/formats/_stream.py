"""Reading as the text comes: an EventStream, and the canonical JSON's events one at a time.

A format that can read without holding the whole text defines
``stream(file, source, **options) -> EventStream``; ``timeline.load`` and
the command line use it, so memory follows the events kept, not the text
(``timeline convert`` to a streaming writer keeps none). Only formats use
this module; it imports the model and the shared field code, never a format.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any, TextIO

from timeline._event import Event
from timeline._timeline import TIMELINE_FIELDS, Timeline
from timeline.errors import ParseError
from timeline.formats import _fields
from timeline.formats._jsontext import _constant, _key_lines, _pairs

__all__ = ["CHUNK", "EventStream", "json_stream"]

# Characters read at a time: large enough that a chunk holds thousands of events.
CHUNK = 1 << 20


class EventStream:
    """The events of a file as its reader parses them, and the timeline's other fields.

    ``head`` holds the keywords of :class:`~timeline.Timeline` but ``events``
    (title, description, tz, eras, extra); it is complete once the first event
    has been read (:meth:`prime`) unless the file gives a field after its
    events, which sets ``late`` (then only a reader that keeps every event
    can honour it; the command line reads such a file again as a whole).
    """

    def __init__(self, events: Callable[[EventStream], Iterator[Event]]) -> None:
        self.head: dict[str, Any] = {}
        self.late = False
        self._started = False
        self._first: list[Event] = []
        self._events = events(self)

    def set_head(self, head: dict[str, Any]) -> None:
        """Called by the reader: the fields so far; after the first event, a change marks ``late``."""
        if self._started and head != self.head:
            self.late = True
        self.head = head

    def prime(self) -> None:
        """Read up to the first event, so that ``head`` is known before anything is written."""
        if not self._started:
            self._first = [event for event in (next(self._events, None),) if event is not None]
            self._started = True

    def __iter__(self) -> Iterator[Event]:
        self.prime()
        yield from self._first
        self._first = []
        yield from self._events

    def timeline(self, source: str) -> Timeline:
        """Every event gathered into a Timeline, with the head; errors name ``source``."""
        events = list(self)
        try:
            return Timeline(events=events, **self.head)
        except ParseError as exc:
            raise exc.located(source=source) from exc


def whole(timeline: Timeline) -> EventStream:
    """An EventStream over a Timeline already read (a format with no streaming reader)."""

    def events(stream: EventStream) -> Iterator[Event]:
        stream.set_head(head_of(timeline))
        yield from timeline.events

    return EventStream(events)


def head_of(timeline: Timeline) -> dict[str, Any]:
    """A timeline's fields but its events, as keywords of Timeline."""
    return {
        "title": timeline.title,
        "description": timeline.description,
        "tz": timeline.tz,
        "eras": timeline.eras,
        "extra": timeline.extra,
    }


_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder(object_pairs_hook=_pairs, parse_constant=_constant)


class _Text:
    """A window on JSON text read in chunks, counting lines for errors."""

    def __init__(self, file: TextIO, source: str) -> None:
        self.file, self.source = file, source
        self.text, self.pos = "", 0
        self.line, self.column = 1, 0  # of text[0]: its line, and characters before it on that line
        self.eof = False

    def more(self) -> bool:
        if self.eof:
            return False
        chunk = self.file.read(CHUNK)
        if not chunk:
            self.eof = True
            return False
        done = self.text[: self.pos]
        newlines = done.count("\n")
        if newlines:
            self.line += newlines
            self.column = len(done) - done.rfind("\n") - 1
        else:
            self.column += len(done)
        self.text = self.text[self.pos :] + chunk
        self.pos = 0
        return True

    def peek(self) -> str:
        """The next character that is not white space ("" at the end), ``pos`` on it."""
        while True:
            found = _WS.match(self.text, self.pos)
            assert found is not None
            self.pos = found.end()
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self.more():
                return ""

    def where(self, pos: int) -> tuple[int, int]:
        """Line and column (from 1) of ``text[pos]``."""
        line = self.line + self.text.count("\n", 0, pos)
        start = self.text.rfind("\n", 0, pos)
        column = pos - start
        return line, column + (self.column if start < 0 else 0)

    def error(self, message: str, pos: int) -> ParseError:
        line, column = self.where(pos)
        return ParseError(f"not valid JSON: {message} (column {column})", source=self.source, line=line)

    def value(self) -> tuple[object, int]:
        """The next JSON value and the position it starts at (in ``text`` as it is afterwards)."""
        while True:
            start = self.pos
            try:
                value, end = _DECODER.raw_decode(self.text, start)
            except json.JSONDecodeError as exc:
                near_end = exc.pos >= len(self.text) - 16 or exc.msg.startswith("Unterminated string")
                if near_end and self.more():
                    continue
                raise self.error(exc.msg, exc.pos) from None
            except RecursionError:
                raise ParseError(
                    "not valid JSON: nested too deeply", source=self.source, line=self.where(start)[0]
                ) from None
            except ParseError as exc:  # a repeated key or a NaN: the line within this value
                if self.more():  # unless the value runs on (a NaN cut short, say)
                    continue
                found = _key_lines(self.text[start:])[1]
                line = self.where(start)[0] + (found - 1 if found else 0)
                raise exc.located(source=self.source, line=line) from None
            if len(self.text) - end < 32 and self.more():
                continue  # a number may go on in the next chunk ("1.5e" stops before its "e")
            self.pos = end
            return value, start


class _EventLocator:
    """Lines of an event's fields, worked out from its text only when an error or warning needs one."""

    def __init__(self, window: _Text) -> None:
        self.window = window
        self.start, self.end, self.index = 0, 0, 0

    def at(self, start: int, end: int, index: int) -> _EventLocator:
        self.start, self.end, self.index = start, end, index
        return self

    def __call__(self, field: str) -> int | None:
        prefix = f"events[{self.index}]"
        if not field.startswith(prefix):
            return None
        line = self.window.where(self.start)[0]
        inner = field[len(prefix) :].lstrip(".")
        lines = _key_lines(self.window.text[self.start : self.end])[0]
        while inner:
            if inner in lines:
                return line + lines[inner] - 1
            enclosing = re.sub(r"(\.[^.\[]*|\[\d+\])$", "", inner)
            if enclosing == inner:
                break
            inner = enclosing
        return line


def json_stream(file: TextIO, source: str, fallback: Callable[[str, str], Timeline]) -> EventStream:
    """The canonical JSON's events one at a time, each decoded by json's C scanner.

    The top-level object is read key by key; the ``events`` array one
    element at a time (``JSONDecoder.raw_decode`` over the chunk in hand),
    each built by the same code as the whole reader's
    (``_fields.event_from_item``). Text that is not an object at the top
    goes to ``fallback`` (the whole reader) for its error.
    """

    def events(stream: EventStream) -> Iterator[Event]:
        window = _Text(file, source)
        first = window.peek()
        if first != "{":
            timeline = fallback(window.text[window.pos :] + file.read(), source)
            stream.set_head(head_of(timeline))
            yield from timeline.events
            return
        data: dict[str, object] = {}
        window.pos += 1
        char = window.peek()
        seen_events = False
        while char != "}":
            if char != '"':
                raise window.error("Expecting property name enclosed in double quotes", window.pos)
            key, start = window.value()
            assert isinstance(key, str)
            if window.peek() != ":":
                raise window.error("Expecting ':' delimiter", window.pos)
            window.pos += 1
            char = window.peek()
            if key in data or (key == "events" and seen_events):
                line = window.where(start)[0]
                raise ParseError(f"the key {key!r} appears twice in one object", source=source, line=line)
            if key == "events" and char == "[":
                seen_events = True
                _fields.check_version(data, source=source)
                stream.set_head(_fields.head_from_data(data, source=source))
                yield from _array(window, source)
            else:
                data[key], _ = window.value()
            char = window.peek()
            if char == ",":
                window.pos += 1
                char = window.peek()
                if char == "}":
                    raise window.error("Illegal trailing comma before end of object", window.pos)
            elif char != "}":
                raise window.error("Expecting ',' delimiter", window.pos)
        window.pos += 1
        if window.peek():
            raise window.error("Extra data", window.pos)
        _fields._warn_near_misses(data, TIMELINE_FIELDS, "", source, None)
        _fields.check_version(data, source=source)
        if "events" in data:  # not an array: the whole reader's error
            _fields.from_data(data, source=source)
        stream.set_head(_fields.head_from_data(data, source=source))

    return EventStream(events)


def _array(window: _Text, source: str) -> Iterator[Event]:
    """The events of the array ``window`` stands on, one at a time."""
    window.pos += 1
    locate = _EventLocator(window)
    index = 0
    char = window.peek()
    while char != "]":
        item, start = window.value()
        yield _fields.event_from_item(item, index, source=source, locate=locate.at(start, window.pos, index))
        index += 1
        char = window.peek()
        if char == ",":
            window.pos += 1
            char = window.peek()
            if char == "]":
                raise window.error("Illegal trailing comma before end of array", window.pos)
        elif char != "]":
            raise window.error("Expecting ',' delimiter", window.pos)
    window.pos += 1
