"""Hand-authored TOML with the canonical JSON's fields, read and written for hand editing."""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Callable, Mapping
from typing import Any, TextIO

from timeline._timeline import Timeline
from timeline.errors import FormatError, ParseError
from timeline.formats._fields import from_data, to_data

__all__ = ["OPTIONS", "read", "write"]

OPTIONS: Mapping[str, Callable[[str], object]] = {}

_EVENT_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*events[ \t]*\]\]", re.MULTILINE)
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def _locator(text: str) -> Callable[[str], int | None]:
    lines = text.splitlines()
    headers = [text.count("\n", 0, m.start()) for m in _EVENT_HEADER.finditer(text)]

    def line_of_key(key: str, start: int, stop: int) -> int | None:
        pattern = re.compile(rf"^\s*(?:{re.escape(key)}|\"{re.escape(key)}\")\s*=")
        for number in range(start, stop):
            if pattern.match(lines[number]):
                return number + 1
        return None

    def locate(field: str) -> int | None:
        match = re.match(r"events\[(\d+)\](?:\.(\w+))?", field)
        if match is None:
            top = field.split(".", maxsplit=1)[0].split("[", maxsplit=1)[0]
            return line_of_key(top, 0, headers[0] if headers else len(lines)) if top else None
        index = int(match[1])
        if index >= len(headers):
            return None  # events written as an inline array: no header to point at
        stop = headers[index + 1] if index + 1 < len(headers) else len(lines)
        key = match[2]
        found = line_of_key(key, headers[index] + 1, stop) if key else None
        return found or headers[index] + 1

    return locate


def read(text: str, source: str) -> Timeline:
    """Parse TOML text with the authoring fields; ``source`` names it in errors."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        position = _TOML_POSITION.search(message)
        line = int(position[1]) if position else None
        message = _TOML_POSITION.sub("", message).strip()
        raise ParseError(f"not valid TOML: {message}", source=source, line=line) from None
    return from_data(data, source=source, locate=_locator(text))


# --- Writing ------------------------------------------------------------------

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f]')
_MULTILINE_ESCAPE = re.compile(r"[\\\x00-\x1f\x7f]")


def _escape(match: re.Match[str], *, newline: str = "\\n") -> str:
    char = match.group()
    if char == "\n":
        return newline
    return _ESCAPES.get(char) or f"\\u{ord(char):04x}"


def _string(text: str) -> str:
    if "\n" in text and len(text) > 40:
        # A long text of several lines as a multi-line string, as a person would write it.
        # Quotes stay as they are but where three would close the string.
        body = _MULTILINE_ESCAPE.sub(lambda m: _escape(m, newline="\n"), text).replace('"""', '""\\"')
        if body.endswith('"'):
            body = body[:-1] + '\\"'
        return '"""\n' + body + '"""'
    return '"' + _NEEDS_ESCAPE.sub(_escape, text) + '"'


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _string(key)


def _value(value: object, where: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise FormatError(f"{where}: {value!r} has no place in a timeline (not a JSON number)")
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(item, f"{where}[{index}]") for index, item in enumerate(value)) + "]"
    if isinstance(value, dict):
        pairs = (f"{_key(str(key))} = {_value(item, f'{where}.{key}')}" for key, item in value.items())
        return "{ " + ", ".join(pairs) + " }" if value else "{}"
    if value is None:
        raise FormatError(f"{where}: TOML has no null; remove the key or give it a value (or write json or yaml)")
    raise FormatError(f"{where}: cannot write {value!r} as TOML")


def _is_table(value: object) -> bool:
    return isinstance(value, dict)


def _is_tables(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, dict) for item in value)


def _table(data: dict[str, Any], path: str, out: list[str]) -> None:
    """Plain keys of ``data`` as ``key = value`` lines, then its tables and arrays of tables under ``path``."""
    for key, value in data.items():
        if not (_is_table(value) or _is_tables(value)):
            out.append(f"{_key(key)} = {_value(value, f'{path}.{key}' if path else key)}\n")
    for key, value in data.items():
        name = f"{path}.{_key(key)}" if path else _key(key)
        if _is_table(value):
            out.append(f"\n[{name}]\n")
            _table(value, name, out)
        elif _is_tables(value):
            for item in value:
                out.append(f"\n[[{name}]]\n")
                _table(item, name, out)


def write(timeline: Timeline, out: TextIO) -> None:
    """Write ``timeline`` as TOML laid out for hand editing; the toml reader gives it back.

    The timeline's fields first, then one ``[[eras]]`` and one ``[[events]]``
    table per era and event, fields in the canonical order and defaults left
    out; a description of several lines is a multi-line string; sources are
    ``[[events.sources]]`` tables and media an ``[events.media]`` table.

    Raises:
        FormatError: an extra field holds a null (TOML has none) or a
            value TOML cannot hold.
    """
    data = to_data(timeline)
    events = data.pop("events")
    eras = data.pop("eras", [])
    data.pop("version", None)
    lines: list[str] = []
    _table(data, "", lines)
    for era in eras:
        lines.append("\n[[eras]]\n")
        _table(era, "eras", lines)
    for event in events:
        lines.append("\n[[events]]\n")
        _table(event, "events", lines)
    out.write("".join(lines))
