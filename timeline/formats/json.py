"""The canonical JSON form: lossless, deterministic, described by a JSON Schema."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import TextIO

from timeline._timeline import Timeline
from timeline.errors import FormatError, ParseError
from timeline.formats._fields import from_data, to_data

__all__ = ["OPTIONS", "read", "write"]


def _indent(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 8:
        raise ValueError(f"indent must be between 0 and 8, got {value}")
    return value


OPTIONS: Mapping[str, Callable[[str], object]] = {"indent": _indent}


def _pairs(pairs: list[tuple[str, object]]) -> dict[str, object]:
    table: dict[str, object] = {}
    for key, value in pairs:
        if key in table:
            raise ParseError(f"the key {key!r} appears twice in one object")
        table[key] = value
    return table


def _constant(name: str) -> float:
    raise ParseError(f"{name} is not a JSON number")


def read(text: str, source: str) -> Timeline:
    """Parse canonical JSON text; ``source`` names it in errors."""
    try:
        data = json.loads(text, object_pairs_hook=_pairs, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise ParseError(
            f"not valid JSON: {exc.msg} (column {exc.colno})", source=source, line=exc.lineno
        ) from None
    except RecursionError:
        raise ParseError("not valid JSON: nested too deeply", source=source) from None
    return from_data(data, source=source)


def write(timeline: Timeline, out: TextIO, *, indent: int = 2) -> None:
    """Write ``timeline`` as canonical JSON: UTF-8, keys in field order, a final newline.

    Args:
        timeline: What to write.
        out: A text stream.
        indent: Spaces per level, 0 to 8; 0 puts everything on one line.

    Raises:
        FormatError: ``indent`` is not a whole number from 0 to 8.
    """
    if type(indent) is not int or not 0 <= indent <= 8:
        raise FormatError(f"the json option 'indent' must be a whole number from 0 to 8, got {indent!r}")
    text = json.dumps(to_data(timeline), ensure_ascii=False, indent=indent or None, allow_nan=False)
    out.write(text)
    out.write("\n")
