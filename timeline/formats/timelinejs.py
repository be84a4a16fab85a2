"""TimelineJS3 JSON: the data Knight Lab's TimelineJS draws, written and read."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import TextIO

from timeline._timeline import Timeline
from timeline.errors import ParseError
from timeline.formats._jsontext import _locator, check_indent, loads
from timeline.formats._slides import slides_of, timeline_of

__all__ = ["OPTIONS", "read", "write"]


def _indent(text: str) -> int:
    if not text.strip().isdigit() or not 0 <= int(text) <= 8:
        raise ValueError(f"indent must be a whole number between 0 and 8, got {text!r}")
    return int(text)


OPTIONS: Mapping[str, Callable[[str], object]] = {"indent": _indent}


def read(text: str, source: str) -> Timeline:
    """Parse TimelineJS3 JSON; ``source`` names it in errors, which name the slide and line.

    Raises:
        ParseError: the text is not JSON, or not data TimelineJS would draw.
    """
    data = loads(text, source)
    locate = _locator(text)

    def fail(exc: ParseError, field: str) -> ParseError:
        placed = exc.located(field=field or None)
        return placed.located(source=source, line=locate(placed.field) if placed.field else None)

    return timeline_of(data, fail=fail)


def write(timeline: Timeline, out: TextIO, *, indent: int = 2) -> None:
    """Write ``timeline`` as TimelineJS3 JSON: a title slide, one slide per event, eras.

    Args:
        timeline: What to write.
        out: A text stream.
        indent: Spaces per level, 0 to 8; 0 puts everything on one line.

    Raises:
        FormatError: ``indent`` is not a whole number from 0 to 8.
    """
    check_indent("timelinejs", indent)
    out.write(json.dumps(slides_of(timeline), ensure_ascii=False, indent=indent or None, allow_nan=False))
    out.write("\n")
