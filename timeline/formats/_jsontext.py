"""JSON text with line numbers for errors: shared by the JSON-based formats (json, timelinejs).

Only formats use this; it imports no format.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from timeline.errors import FormatError, ParseError

__all__ = ["check_indent", "loads"]


def _pairs(pairs: list[tuple[str, object]]) -> dict[str, object]:
    table = dict(pairs)
    if len(table) != len(pairs):  # a key given twice: say which (the first one repeated)
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ParseError(f"the key {key!r} appears twice in one object")
            seen.add(key)
    return table


def _constant(name: str) -> float:
    raise ParseError(f"{name} is not a JSON number")


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+|\s+')


def _key_lines(text: str) -> tuple[dict[str, int], int | None]:
    """Map each value's field path (``events[2].when``) to its line.

    Also returns the line of the first key repeated within one object, or
    else of the first NaN or Infinity. Runs only after an error, on text
    json.loads has accepted or nearly so.
    """
    lines: dict[str, int] = {}
    repeated: int | None = None
    constant: int | None = None
    # Each open container: its path, its keys so far (None for an array), next index.
    stack: list[tuple[str, set[str] | None, list[int]]] = []
    line = 1
    pending_key: str | None = None
    expect_key = False
    for match in _TOKEN.finditer(text):
        piece = match.group()
        if piece.isspace():
            line += piece.count("\n")
            continue
        if piece in ":,":
            expect_key = piece == "," and bool(stack) and stack[-1][1] is not None
            continue
        if piece in "]}":
            if stack:
                stack.pop()
            expect_key = False
            continue
        if expect_key and piece.startswith('"') and stack and stack[-1][1] is not None:
            try:
                key = json.loads(piece)
            except ValueError:  # a bad escape json.loads has not reached yet: the key as written
                key = piece[1:-1]
            parent, keys, _ = stack[-1]
            assert keys is not None
            if key in keys and repeated is None:
                repeated = line
            keys.add(key)
            pending_key = f"{parent}.{key}" if parent else key
            lines.setdefault(pending_key, line)
            expect_key = False
            continue
        if constant is None and piece in ("NaN", "Infinity", "-Infinity"):
            constant = line
        # A value starts here: name it after its key or its index.
        if stack and stack[-1][1] is None:
            parent, _, counter = stack[-1]
            path = f"{parent}[{counter[0]}]"
            counter[0] += 1
            lines.setdefault(path, line)
        else:
            path = pending_key or ""
        if piece == "{":
            stack.append((path, set(), [0]))
            expect_key = True
        elif piece == "[":
            stack.append((path, None, [0]))
    return lines, repeated if repeated is not None else constant


def _locator(text: str) -> Callable[[str], int | None]:
    lines: dict[str, int] | None = None

    def locate(field: str) -> int | None:
        nonlocal lines
        if lines is None:
            lines = _key_lines(text)[0]
        while field:
            if field in lines:
                return lines[field]
            # Fall back to the nearest enclosing field that exists in the text;
            # a top-level field the text lacks has none.
            enclosing = re.sub(r"(\.[^.\[]*|\[\d+\])$", "", field)
            if enclosing == field:
                return None
            field = enclosing
        return None

    return locate


def loads(text: str, source: str) -> object:
    """Parse JSON text, refusing repeated keys, NaN and Infinity; errors name ``source`` and the line."""
    try:
        return json.loads(text, object_pairs_hook=_pairs, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise ParseError(f"not valid JSON: {exc.msg} (column {exc.colno})", source=source, line=exc.lineno) from None
    except RecursionError:
        raise ParseError("not valid JSON: nested too deeply", source=source) from None
    except ParseError as exc:  # a repeated key or a NaN, from the hooks above
        raise exc.located(source=source, line=_key_lines(text)[1]) from None


def check_indent(fmt: str, indent: object) -> None:
    """Refuse an ``indent`` option that is not a whole number from 0 to 8, naming the format."""
    if type(indent) is not int or not 0 <= indent <= 8:
        raise FormatError(f"the {fmt} option 'indent' must be a whole number from 0 to 8, got {indent!r}")
