"""The canonical JSON form: lossless, deterministic, described by a JSON Schema."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from importlib import resources
from typing import Any, TextIO

from timeline._timeline import Timeline
from timeline.formats._fields import from_data, to_data
from timeline.formats._jsontext import _locator, check_indent, loads

__all__ = ["OPTIONS", "read", "schema", "write"]


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
    data = loads(text, source)
    return from_data(data, source=source, locate=_locator(text))


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
    text = json.dumps(to_data(timeline), ensure_ascii=False, indent=indent or None, allow_nan=False)
    out.write(text)
    out.write("\n")
