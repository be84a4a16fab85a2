"""TimelineJS3 JSON: the data Knight Lab's TimelineJS draws, written and read."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import TextIO

from timeline._timeline import Timeline
from timeline.errors import FormatError, ParseError
from timeline.formats._jsontext import _locator, check_indent, loads
from timeline.formats._options import choice as _choice
from timeline.formats._slides import CANCELLED, UNPLACEABLE, slides_of, timeline_of

__all__ = ["OPTIONS", "read", "write"]


def _indent(text: str) -> int:
    if not text.strip().isdigit() or not 0 <= int(text) <= 8:
        raise ValueError(f"indent must be a whole number between 0 and 8, got {text!r}")
    return int(text)


OPTIONS: Mapping[str, Callable[[str], object]] = {
    "indent": _indent,
    "unplaceable": _choice("unplaceable", UNPLACEABLE),
    "cancelled": _choice("cancelled", CANCELLED),
}


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


def write(
    timeline: Timeline, out: TextIO, *, indent: int = 2, unplaceable: str = "omit", cancelled: str = "strike"
) -> None:
    """Write ``timeline`` as TimelineJS3 JSON: a title slide, one slide per event, eras.

    Args:
        timeline: What to write.
        out: A text stream.
        indent: Spaces per level, 0 to 8; 0 puts everything on one line.
        unplaceable: ``"omit"`` (default) leaves out, with a ``TimelineWarning``
            naming the event, events whose date a TimelineJS axis cannot place
            (an unknown or open end, a year known to no better than a century,
            a year beyond 2**53), which would stretch the axis and squash the
            rest; ``"keep"`` writes them as well.
        cancelled: ``"strike"`` (default) writes a cancelled headline struck
            through, followed by "(cancelled)"; ``"omit"`` leaves the event
            out. A tentative headline says "(tentative)". The reader takes
            these marks back as the status.

    A timeline with no event to draw gives a ``TimelineWarning``: TimelineJS
    shows an error for data without events.

    Raises:
        FormatError: an option has a value it cannot take.
    """
    check_indent("timelinejs", indent)
    if unplaceable not in UNPLACEABLE:
        raise FormatError(f"the timelinejs option 'unplaceable' must be 'omit' or 'keep', got {unplaceable!r}")
    if cancelled not in CANCELLED:
        raise FormatError(f"the timelinejs option 'cancelled' must be 'strike' or 'omit', got {cancelled!r}")
    data = slides_of(timeline, unplaceable_dates=unplaceable, cancelled=cancelled, status=True)
    out.write(json.dumps(data, ensure_ascii=False, indent=indent or None, allow_nan=False))
    out.write("\n")
