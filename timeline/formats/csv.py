"""The TimelineJS spreadsheet template as CSV: its column names exactly, formulas defused."""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TextIO

import attrs

from timeline import limits
from timeline._event import Event
from timeline._timeline import Timeline
from timeline.errors import LimitError, ParseError
from timeline.formats._slides import Slide, slides_of, timeline_of
from timeline.formats._stream import EventStream, head_of

__all__ = ["COLUMNS", "OPTIONS", "defuse", "read", "restore", "stream", "write"]

COLUMNS = (
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Type",
    "Group",
    "Background",
    "Alt Text",
)
"""The header of TimelineJS's Google Sheets template, in its order; names exactly as TimelineJS reads them."""

OPTIONS: Mapping[str, Callable[[str], object]] = {}

# A spreadsheet evaluates a cell that starts with one of these (OWASP's list).
_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_TIME = re.compile(
    r"\s*(?:(?P<compact>[0-9]{3,4})|(?P<hour>[0-9]{1,2})(?:[:.](?P<minute>[0-9]{2})"
    r"(?::(?P<second>[0-9]{2})(?:[.,](?P<fraction>[0-9]{1,3}))?)?)?)\s*(?P<period>[AaPp]\.?[Mm]\.?)?\s*"
)
_NUMBER_CLEAN = re.compile(r"[\s,]+")
_URLISH = re.compile(r"(?:https?:)?//?")
_DATE_COLUMNS = {
    "start_date": ("Year", "Month", "Day", "Time"),
    "end_date": ("End Year", "End Month", "End Day", "End Time"),
}
_FIELD_COLUMNS = {
    "text.headline": "Headline",
    "title": "Headline",
    "text.text": "Text",
    "text": "Text",
    "description": "Text",
    "location": "Text",
    "sources": "Text",
    "media.url": "Media",
    "media": "Media",
    "media.caption": "Media Caption",
    "media.credit": "Media Credit",
    "media.thumbnail": "Media Thumbnail",
    "media.alt": "Alt Text",
    "group": "Group",
    "display_date": "Display Date",
    "extra.background": "Background",
}


def defuse(cell: str) -> str:
    """``cell`` made safe from spreadsheet formulas: a leading ``'`` when it would start a formula.

    Text that already starts with ``'`` before a formula character gets one
    more, so that :func:`restore` gives back exactly what was written.

    >>> defuse("=HYPERLINK(1)"), defuse("-starts with a minus"), defuse("plain")
    ("'=HYPERLINK(1)", "'-starts with a minus", 'plain')
    """
    if cell.lstrip("'").startswith(_TRIGGERS):
        return "'" + cell
    return cell


def restore(cell: str) -> str:
    """The inverse of :func:`defuse`.

    >>> restore("'=HYPERLINK(1)"), restore("'quoted'")
    ('=HYPERLINK(1)', "'quoted'")
    """
    if cell.startswith("'") and cell.lstrip("'").startswith(_TRIGGERS):
        return cell[1:]
    return cell


def _time(obj: Mapping[str, int]) -> str:
    if "hour" not in obj:
        return ""
    text = f"{obj['hour']}:{obj.get('minute', 0):02d}"
    if "second" in obj:
        text += f":{obj['second']:02d}"
    return text


def _date_cells(obj: Mapping[str, int] | None, columns: tuple[str, str, str, str]) -> dict[str, str]:
    if obj is None:
        return {}
    cells = {
        column: str(obj[part]) for column, part in zip(columns, ("year", "month", "day"), strict=False) if part in obj
    }
    cells[columns[3]] = _time(obj)
    return cells


def _row(slide: Slide, kind: str) -> list[str]:
    cells: dict[str, str] = {"Type": kind}
    cells.update(_date_cells(slide.get("start_date"), _DATE_COLUMNS["start_date"]))
    cells.update(_date_cells(slide.get("end_date"), _DATE_COLUMNS["end_date"]))
    text = slide.get("text", {})
    cells["Headline"] = text.get("headline", "")
    cells["Text"] = text.get("text", "")
    cells["Display Date"] = slide.get("display_date", "")
    cells["Group"] = slide.get("group", "")
    media = slide.get("media", {})
    for column, key in (
        ("Media", "url"),
        ("Media Credit", "credit"),
        ("Media Caption", "caption"),
        ("Media Thumbnail", "thumbnail"),
        ("Alt Text", "alt"),
    ):
        cells[column] = media.get(key, "")
    background = slide.get("background", {})
    cells["Background"] = background.get("url", background.get("color", ""))
    numeric = {"Year", "Month", "Day", "End Year", "End Month", "End Day"}
    row = [cells.get(column, "") if column in numeric else defuse(cells.get(column, "")) for column in COLUMNS]
    for column, cell in zip(COLUMNS, row, strict=True):
        if len(cell) > limits.CSV_FIELD:
            headline = text.get("headline", "")
            raise LimitError(
                f"the {column!r} cell of {headline[:60]!r} would hold {len(cell):,} characters, more than "
                f"the {limits.CSV_FIELD:,} a CSV reader (this one included) takes; write it as json instead",
                limit="CSV_FIELD",
                value=limits.CSV_FIELD,
            )
    return row


def write(timeline: Timeline, out: TextIO) -> None:
    """Write ``timeline`` as the TimelineJS spreadsheet: a title row, one row per event, era rows.

    UTF-8, the template's header exactly, CRLF line ends (RFC 4180). Text
    cells hold what TimelineJS shows (HTML, escaped, as in the timelinejs
    format); a cell that a spreadsheet would take for a formula starts with
    ``'``. Event ids, zones and extra fields have no column and are not
    written; times are given to the second.

    Raises:
        LimitError: a cell would hold more than ``timeline.limits.CSV_FIELD``
            (131,072) characters, which no reader of this format takes.
    """
    data = slides_of(timeline)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    if "title" in data:
        writer.writerow(_row(data["title"], "title"))
    for slide in data["events"]:
        writer.writerow(_row(slide, ""))
    for slide in data.get("eras", ()):
        writer.writerow(_row(slide, "era"))


class _CellError(ParseError):
    pass


def _number(cell: str) -> str:
    """A number cell as TimelineJS cleans it: spaces and thousands commas dropped."""
    return _NUMBER_CLEAN.sub("", cell)


def _parse_time(cell: str, column: str) -> dict[str, int]:
    match = _TIME.fullmatch(cell)
    if match is None:
        raise _CellError(f"{column!r} must be a time such as 10:30, 10:30:15 or 10:30 PM, got {cell!r}")
    if match["compact"]:
        hour, minute = int(match["compact"][:-2]), int(match["compact"][-2:])
    else:
        hour, minute = int(match["hour"]), int(match["minute"] or 0)
    period = (match["period"] or "").lower()[:1]
    if period:
        if not 1 <= hour <= 12:
            raise _CellError(f"{column!r} with AM or PM needs an hour from 1 to 12, got {cell!r}")
        hour = hour % 12 + (12 if period == "p" else 0)
    if hour > 23 or minute > 59:
        raise _CellError(f"{column!r} must be a time of day, got {cell!r}")
    out = {"hour": hour, "minute": minute}
    if match["second"]:
        out["second"] = int(match["second"])
        if out["second"] > 59:
            raise _CellError(f"{column!r} must be a time of day, got {cell!r}")
    return out


def _date(cells: Mapping[str, str], columns: tuple[str, str, str, str]) -> dict[str, object] | None:
    year, month, day, time = (cells.get(column, "").strip() for column in columns)
    if not (year or month or day or time):
        return None
    if not year:
        missing = "a start" if columns[0] == "Year" else "an end"
        raise _CellError(f"{missing} date needs a {columns[0]!r}", field=columns[0])
    obj: dict[str, object] = {"year": _number(year)}
    if month:
        obj["month"] = _number(month)
    if day:
        obj["day"] = _number(day)
    if time:
        try:
            obj.update(_parse_time(time, columns[3]))
        except _CellError as exc:
            raise _CellError(exc.message, field=columns[3]) from None
    return obj


def _slide(cells: Mapping[str, str]) -> Slide:
    """The slide TimelineJS builds from one row."""
    slide: Slide = {}
    start = _date(cells, _DATE_COLUMNS["start_date"])
    if start is not None:
        slide["start_date"] = start
    end = _date(cells, _DATE_COLUMNS["end_date"])
    if end is not None:
        slide["end_date"] = end
    slide["text"] = {"headline": cells.get("Headline", ""), "text": cells.get("Text", "")}
    media = {
        key: cells.get(column, "")
        for key, column in (
            ("url", "Media"),
            ("credit", "Media Credit"),
            ("caption", "Media Caption"),
            ("thumbnail", "Media Thumbnail"),
            ("alt", "Alt Text"),
        )
    }
    if media["url"].strip():
        slide["media"] = media
    elif any(value.strip() for value in media.values()):
        raise _CellError("a media credit, caption, thumbnail or alt text needs a 'Media' URL", field="Media")
    for key, column in (("group", "Group"), ("display_date", "Display Date")):
        if cells.get(column, ""):
            slide[key] = cells[column]
    background = cells.get("Background", "").strip()
    if background:
        slide["background"] = {"url": background} if _URLISH.match(background) else {"color": background}
    return slide


def _column_of(field: str | None) -> str:
    """The template column a slide field comes from."""
    path = re.sub(r"^(?:events|eras)\[\d+\]\.?", "", field or "")
    for date_key, columns in _DATE_COLUMNS.items():
        if path.startswith(date_key):
            part = path[len(date_key) + 1 :]
            index = {"": 0, "year": 0, "month": 1, "day": 2}.get(part, 3)
            return columns[index]
    for prefix in sorted(_FIELD_COLUMNS, key=len, reverse=True):
        if path == prefix or path.startswith((prefix + ".", prefix + "[")):
            return _FIELD_COLUMNS[prefix]
    return ""


def read(text: str, source: str) -> Timeline:
    """Parse the TimelineJS spreadsheet as CSV; ``source`` names it in errors.

    Columns may be missing (all but ``Year``) or in any order; other columns
    are kept as extra fields of the events, under their names. A byte order
    mark from Excel is skipped. Time cells take ``h:mm``, ``h:mm:ss``,
    ``hhmm``, with ``AM`` or ``PM`` or without.

    Raises:
        ParseError: a cell TimelineJS could not use, naming the row (its
            line) and column.
    """
    return stream(io.StringIO(text, newline=""), source).timeline(source)


def stream(file: TextIO, source: str) -> EventStream:
    """The events of the spreadsheet a row at a time; the title and era rows, wherever they are, make the head.

    Each event row becomes its slide and its event as :func:`read` makes
    them (``timeline_of`` on the slide, so ids derived twice are numbered
    as in a whole read); the title and era rows are kept until the end.
    """

    def events(out: EventStream) -> Iterator[Event]:
        lines = iter(file)
        first = next(lines, "")
        rows = csv.reader(itertools.chain([first.removeprefix("\ufeff")], lines))
        header: list[str] | None = None
        eras: list[Slide] = []
        places: dict[str, tuple[int, int]] = {}  # "eras[3]" or "title" -> (row number, line)
        title: Slide | None = None
        derived: dict[str, int] = {}
        index = 0

        def fail_at(number: int, line: int) -> Callable[[ParseError, str], ParseError]:
            def fail(exc: ParseError, field: str) -> ParseError:
                full = exc.located(field=field or None).field or ""
                column = _column_of(re.sub(r"^events\[\d+\]", "events[0]", full)) or "Headline"
                return ParseError(exc.message, source=source, line=line, field=f"row {number}, column {column!r}")

            return fail

        try:
            for number, cells in enumerate(rows, start=1):  # row 1 is the header, as a spreadsheet counts
                line = rows.line_num
                if header is None:
                    if not any(cell.strip() for cell in cells):
                        continue
                    header = [cell.strip() for cell in cells]
                    _check_header(header, line)
                    continue
                if not any(cell.strip() for cell in cells):
                    continue  # TimelineJS skips empty rows
                if len(cells) > len(header):
                    raise ParseError(
                        f"row {number} has {len(cells)} cells but the header names {len(header)} columns", line=line
                    )
                row = {name: restore(cell) for name, cell in zip(header, cells, strict=False)}
                kind = row.get("Type", "").strip().lower()
                try:
                    slide = _slide(row)
                except _CellError as exc:
                    raise _located(exc, number, line) from None
                extra = {name: value for name, value in row.items() if name not in COLUMNS and value != ""}
                if kind == "title":
                    if title is not None:
                        raise _located(_CellError("only one row may be the title", field="Type"), number, line)
                    title = slide
                    places["title"] = (number, line)
                elif kind == "era":
                    places[f"eras[{len(eras)}]"] = (number, line)
                    eras.append(slide)
                elif kind in ("", "event"):
                    slide.update(extra)
                    (event,) = timeline_of({"events": [slide]}, fail=fail_at(number, line)).events
                    if slide.get("unique_id") in (None, ""):
                        # TimelineJS draws two identical slides twice; so do we, with numbered ids.
                        seen = derived[event.id] = derived.get(event.id, 0) + 1
                        if seen > 1:
                            event = attrs.evolve(event, id=f"{event.id}-{seen}")
                    if not out.head:
                        out.set_head(_head(title, [], places, source))
                    yield event
                    index += 1
                else:
                    message = f"'Type' must be empty, 'title' or 'era', got {row.get('Type')!r}"
                    raise _located(_CellError(message, field="Type"), number, line)
        except csv.Error as exc:
            raise ParseError(f"not valid CSV: {exc}", source=source, line=rows.line_num) from None
        except ParseError as exc:
            raise exc.located(source=source) from None
        if header is None:
            raise ParseError("the file has no header row (Year, Month, Day, ..., Headline, ...)", source=source)
        out.set_head(_head(title, eras, places, source))

    return EventStream(events)


def _head(title: Slide | None, eras: list[Slide], places: dict[str, tuple[int, int]], source: str) -> dict[str, Any]:
    """The timeline's fields from its title and era rows."""
    data: dict[str, Any] = {"events": [], "eras": eras}
    if title is not None:
        data["title"] = title

    def fail(exc: ParseError, field: str) -> ParseError:
        full = exc.located(field=field or None).field or ""
        slide = re.match(r"eras\[\d+\]|title", full)
        if slide is None:
            return exc.located(source=source)
        number, line = places[slide.group()]
        column = _column_of(full) or "Headline"
        return ParseError(f"{exc.message}", source=source, line=line, field=f"row {number}, column {column!r}")

    return head_of(timeline_of(data, fail=fail))


def _located(exc: ParseError, number: int, line: int) -> ParseError:
    column = exc.field or ""
    return ParseError(exc.message, line=line, field=f"row {number}, column {column!r}")


def _check_header(header: list[str], line: int) -> None:
    if "Year" not in header:
        raise ParseError(f"the header needs a 'Year' column, got {header!r}", line=line)
    seen: set[str] = set()
    for name in header:
        if name in seen:
            raise ParseError(f"the column {name!r} appears twice in the header", line=line)
        seen.add(name)
