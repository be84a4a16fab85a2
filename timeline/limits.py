"""Every limit timeline enforces on its input, in one place; ``docs/limits.md`` lists them.

Each limit is met with the library's own error (a ParseError naming the
source and line, or a ValueError for ``occurrences``), in time linear in the
input, never with a hang, a memory blow-up or a stray traceback.

>>> INT_DIGITS, NESTING, OCCURRENCES
(4300, 100, 100000)
"""

from __future__ import annotations

import re
from typing import Final

__all__ = [
    "CSV_FIELD",
    "INT_DIGITS",
    "NESTING",
    "OCCURRENCES",
    "PHRASE_LENGTH",
    "RULE_STEPS",
    "YAML_NODES",
    "YEAR_DIGITS",
]

NESTING: Final = 100
"""Levels of arrays and tables in a document (extra fields), and of components in .ics text."""

INT_DIGITS: Final = 4300
"""Digits of a whole number anywhere in a document: Python's own limit for reading one."""

YEAR_DIGITS: Final = 30
"""Digits of a year (EDTF ``Y`` years); longer years are valid EDTF that timeline does not support."""

YAML_NODES: Final = 1_000_000
"""Values a YAML document may expand to through its aliases ("billion laughs")."""

CSV_FIELD: Final = 131_072
"""Characters in one CSV cell: what Python's csv module reads, so also what the CSV writer writes."""

OCCURRENCES: Final = 100_000
"""Occurrences :meth:`Timeline.occurrences` returns by default (its ``limit``)."""

RULE_STEPS: Final = 1_000_000
"""Instants a recurrence rule may step through while it is expanded (its work), by default."""

PHRASE_LENGTH: Final = 1_000
"""Characters of one phrase given to :func:`timeline.resolve` (``find_dates`` takes any length)."""

SURROGATE: Final = re.compile("[\ud800-\udfff]")
_NUMBER: Final = re.compile(r"[0-9]+")
_BRACKETS: Final = re.compile(r"[\[{\]}\n]|^(?:BEGIN|END):", re.MULTILINE | re.IGNORECASE)


def long_number_line(text: str) -> int | None:
    """The line of the first run of more than :data:`INT_DIGITS` digits in ``text``, if any."""
    for found in _NUMBER.finditer(text):
        if found.end() - found.start() > INT_DIGITS:
            return text.count("\n", 0, found.start()) + 1
    return None


def deepest_line(text: str) -> int | None:
    """The line where brackets (or .ics BEGIN lines) first open more than :data:`NESTING` levels.

    A rough count that ignores quoting: it only points an error at a line.
    """
    depth = 0
    line = 1
    for found in _BRACKETS.finditer(text):
        piece = found.group()
        if piece == "\n":
            line += 1
        elif piece in "[{" or piece.upper() == "BEGIN:":
            depth += 1
            if depth > NESTING:
                return line
        else:
            depth = max(depth - 1, 0)
    return None


#: The size (characters) of a TimelineJS page above which ``timeline convert`` warns:
#: TimelineJS builds every slide in the browser at once, and pages past about 10 MB
#: (some 25,000 events) take tens of seconds to open, or never do on a phone.
TIMELINEJS_PAGE: Final = 10_000_000
