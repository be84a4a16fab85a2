"""Hand-authored TOML with the canonical JSON's fields (read only)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable

from timeline._timeline import Timeline
from timeline.errors import ParseError
from timeline.formats._fields import from_data

__all__ = ["read"]

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
