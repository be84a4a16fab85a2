"""A chronology for the terminal, as ``timeline show`` prints it.

Events are grouped under their start's year (the headings of the Markdown
chronology), one line per event with its date in words and its title, and
a second, dimmer line with the location, group and tags. Colour is ANSI
SGR, only when asked for. User text is made safe for a terminal: control
characters (escape sequences among them) are shown as ``\\x1b``-style
escapes, and line breaks as spaces, so no title can move the cursor,
change colours or hide a line.

>>> from timeline import Timeline
>>> t = Timeline(title="Trip", events=[{"title": "Visit\\x1b[2J", "when": "2021-06-07/2021-06-08", "tags": ["x"]}])
>>> print(render(t))
Trip
<BLANKLINE>
2021
  June 7–8, 2021  Visit\\x1b[2J
                  tags: x
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from timeline._describe import Style, describe, year_heading
from timeline._event import Event, Status
from timeline._timeline import Timeline

__all__ = ["render", "safe"]

_BOLD, _DIM, _CYAN, _YELLOW, _RED, _STRIKE, _RESET = "1", "2", "36", "33", "31", "9", "\x1b[0m"
_LINE_BREAK_RE: Final = re.compile(r"\r\n?|\n|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# Widest date column before long dates simply push their title along.
_MAX_DATE_WIDTH: Final = 32


def safe(text: str) -> str:
    """``text`` on one line, with every control or format character shown as an escape.

    >>> safe("a\\x1b[31mb\\nc\\u202ed")
    'a\\\\x1b[31mb c\\\\u202ed'
    """
    one_line = " ".join(part.strip() for part in _LINE_BREAK_RE.split(text)).strip()
    return "".join(_visible(ch) for ch in one_line)


def _visible(ch: str) -> str:
    # Cc: C0/C1 controls and DEL (escape sequences); Cf: format characters
    # such as bidirectional overrides, which can reorder what a line shows.
    if unicodedata.category(ch) in ("Cc", "Cf") and ch != "\u200d":  # ZWJ joins emoji, harmlessly
        return repr(ch)[1:-1] if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"
    return ch


def render(timeline: Timeline, *, color: bool = False, style: Style = "mdy") -> str:
    """The chronology as lines of text, with ANSI colour when ``color`` is true.

    Args:
        timeline: What to show, in its own order.
        color: Headings bold, dates cyan, tentative events yellow,
            cancelled ones red and struck through, details dim.
        style: ``"mdy"`` or ``"dmy"`` dates (see :func:`timeline.describe`).

    Returns:
        The text, ending with a newline.
    """

    def paint(text: str, *codes: str) -> str:
        return f"\x1b[{';'.join(codes)}m{text}{_RESET}" if color and codes else text

    lines: list[str] = []
    if timeline.title.strip():
        lines.append(paint(safe(timeline.title), _BOLD))
    if timeline.description is not None and timeline.description.strip():
        lines.append(safe(timeline.description))
    dates = {
        event.id: describe(event.when, style=style, tz=event.tz or timeline.tz, recurrence=event.recurrence)
        for event in timeline
    }
    width = min(max((len(d) for d in dates.values()), default=0), _MAX_DATE_WIDTH)
    sections: dict[str, list[Event]] = {}
    for event in timeline:
        sections.setdefault(year_heading(event.when, style), []).append(event)
    for heading, events in sections.items():
        if lines:
            lines.append("")
        lines.append(paint(heading, _BOLD))
        for event in events:
            title = safe(event.title)
            if event.status is Status.TENTATIVE:
                title = paint(title + " (tentative)", _YELLOW)
            elif event.status is Status.CANCELLED:
                title = paint(title, _RED, _STRIKE) + paint(" (cancelled)", _RED)
            lines.append(f"  {paint(dates[event.id].ljust(width), _CYAN)}  {title}")
            details = _details(event)
            if details:
                lines.append(f"  {' ' * width}  {paint(details, _DIM)}")
    return "\n".join(lines) + "\n" if lines else ""


def _details(event: Event) -> str:
    parts = []
    if event.location is not None and event.location.strip():
        parts.append(safe(event.location))
    if event.group is not None and event.group.strip():
        parts.append(f"group: {safe(event.group)}")
    tags = [safe(tag) for tag in event.tags if tag.strip()]
    if tags:
        parts.append(f"tags: {', '.join(tags)}")
    return " · ".join(parts)
