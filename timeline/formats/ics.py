"""iCalendar (RFC 5545, RFC 7986): a fast streaming writer, and a bridge to the icalendar package.

The writer turns each event into iCalendar properties through the shared
mapping (``timeline.formats._ical``) and writes them as content lines:
CRLF endings, lines folded at 75 octets (never inside a UTF-8 sequence),
TEXT escaped. It writes as it goes, so a stream of any length takes flat
memory; see :func:`write` for where the VTIMEZONEs go.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Final, TextIO

from timeline._event import Event, Status
from timeline._event import zone as event_zone
from timeline._gc import paused_gc
from timeline._timeline import Timeline
from timeline._warn import warn
from timeline._when import _shift
from timeline.formats._ical import (
    _ESCAPE_RE,
    _EXACT_RE,
    _STATUS,
    DEFAULT_DOMAIN,
    Settings,
    _day,
    _note_zone,
    _span,
    _time,
    _transp,
    _zone_heads,
    components,
    escape_text,
    event_props,
)
from timeline.formats._vtimezone import Prop, unclear

if TYPE_CHECKING:
    import icalendar

    from timeline.formats._stream import EventStream

__all__ = ["OPTIONS", "READ_OPTIONS", "STREAMS", "fold", "from_icalendar", "read", "stream", "to_icalendar", "write"]

STREAMS = True
"""``write`` takes any iterable of events as well as a Timeline."""


def _choice(*allowed: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if text not in allowed:
            raise ValueError(f"must be one of {', '.join(allowed)}, got {text!r}")
        return text

    return parse


def _zone_list(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(",") if name.strip())


def _years(text: str) -> tuple[int, int]:
    first, _, last = text.partition("-")
    if not (first.isdigit() and (last or first).isdigit()):
        raise ValueError(f"must be a year or a range such as 2019-2022, got {text!r}")
    return int(first), int(last or first)


OPTIONS: Mapping[str, Callable[[str], object]] = {
    "domain": str,
    "stamp": str,
    "coarse": _choice("span", "first-day", "skip"),
    "busy": _choice("timed", "all", "none"),
    "refresh": str,
    "unbounded": _choice("known", "skip"),
    "prodid": str,
    "zones": _zone_list,
    "years": _years,
    "title": str,
    "description": str,
    "tz": str,
}

READ_OPTIONS: Mapping[str, Callable[[str], object]] = {
    "lenient": lambda text: _choice("true", "false")(text.lower()) == "true",
}
"""Reader options (``loads(text, "ics", lenient=True)``) and how to parse each from text."""


def fold(line: str) -> str:
    """One content line, folded at 75 octets with CRLF and a space, ending in CRLF.

    Never splits a UTF-8 sequence and never leaves an empty continuation.

    >>> fold("X:" + "a" * 80).split("\\r\\n")[:2]
    ['X:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', ' aaaaaaa']
    """
    if line.isascii():
        if len(line) <= 75:
            return line + "\r\n"
        pieces = [line[:75]]
        pieces.extend(line[start : start + 74] for start in range(75, len(line), 74))
        return "\r\n ".join(pieces) + "\r\n"
    data = line.encode("utf-8")
    size = len(data)
    if size <= 75:
        return line + "\r\n"
    pieces_b: list[bytes] = []
    start, end = 0, 75
    while end < size:
        # Back off to the start of a UTF-8 sequence (continuation bytes are 10xxxxxx).
        while data[end] & 0xC0 == 0x80:
            end -= 1
        pieces_b.append(data[start:end])
        start, end = end, end + 74
    pieces_b.append(data[start:])
    return (b"\r\n ".join(pieces_b) + b"\r\n").decode("utf-8")


def lines(props: Iterable[Prop], out: list[str] | None = None) -> list[str]:
    """Content lines (folded, CRLF-terminated) for properties, appended to ``out`` if given."""
    if out is None:
        out = []
    append = out.append
    search = _ESCAPE_RE.search
    for head, _, kind, value in props:
        if kind == "text":
            text: str = value  # type: ignore[assignment]
            if search(text):
                text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                if "\r" in text:
                    text = text.replace("\r\n", "\n").replace("\r", "\n")
                text = text.replace("\n", "\\n")
        elif kind in {"begin", "end"}:
            append(f"{head}:{value}\r\n")
            continue
        elif kind == "lines":  # a whole component, already content lines (the fast path's)
            out.extend(value)  # type: ignore[arg-type]
            continue
        elif kind == "texts":
            text = ",".join(escape_text(item) for item in value)  # type: ignore[attr-defined]
        elif kind == "geo":
            text = f"{value[0]};{value[1]}"  # type: ignore[index]
        elif kind in {"dates", "date-times"}:
            text = ",".join(value)  # type: ignore[arg-type]
        else:  # date, date-time, uri, recur, utc-offset, duration, raw: written as they are
            text = value  # type: ignore[assignment]
        line = f"{head}:{text}"
        if len(line) <= 75 and line.isascii():
            append(line + "\r\n")
        else:
            append(fold(line))
    return out


def _text_line(head: str, value: str) -> str:
    """A TEXT property's content line, as ``lines`` writes it."""
    if _ESCAPE_RE.search(value):
        value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        if "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        value = value.replace("\n", "\\n")
    line = head + value
    if len(line) <= 75 and line.isascii():
        return line + "\r\n"
    return fold(line)


def _line(head: str, value: str) -> str:
    line = head + value
    if len(line) <= 75 and line.isascii():
        return line + "\r\n"
    return fold(line)


def _clean(value: str) -> bool:
    """Text a calendar holds exactly: no control character, no CR (``visible`` and ``lossy`` leave it be)."""
    return (value.isascii() and value.isprintable()) or _UNCLEAN_RE.search(value) is None


# X-TIMELINE-TZ per zone name: a few hundred at most.
_TZ_LINES: dict[str, str] = {}
# The controls visible() replaces, and CR, which reads back as LF.
_UNCLEAN_RE: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def _event_lines(event: Event, settings: Settings, zones: dict[str, list[int]]) -> list[Prop] | None:
    """``event_props`` of ``event`` as content lines, made directly for the common event.

    A plain event (exact days or times; text with no control character; no
    sources, media, geo, group, recurrence or extra) is by far the most
    common, and building its properties only to take them apart again
    costs as much as writing them. Any other event goes through
    ``event_props``; both give the same lines (tests/test_ics.py checks it
    on generated events).
    """
    when = event.when
    text = when._text
    kinds = when._kinds
    description, location, tags = event.description, event.location, event.tags
    uid = event.id
    if (
        event.extra
        or event.sources
        or event.geo is not None
        or event.media is not None
        or event.recurrence is not None
        or event.rdate
        or event.group is not None
        or "u" in kinds
        or "o" in kinds
        or _EXACT_RE.fullmatch(text) is None
        or not (uid.isascii() and uid.isprintable())
        or not _clean(event.title)
        or (description is not None and not _clean(description))
        or (location is not None and not _clean(location))
        or (tags and not _clean("".join(tags)))
    ):
        return event_props(event, settings, zones)
    span = _span(event, when, settings, True)
    if span is None:
        return None
    kind, lo, hi, where = span
    out = ["BEGIN:VEVENT\r\n", _text_line("UID:", f"{uid}@{settings.domain}"), f"DTSTAMP:{settings.stamp}\r\n"]
    append = out.append
    if kind == "date":
        assert hi is not None
        append(f"DTSTART;VALUE=DATE:{_day(lo)}\r\nDTEND;VALUE=DATE:{_day(hi)}\r\n")
    else:
        if where not in ("", "Z") and (unclear(where, lo) or (hi is not None and unclear(where, hi))):
            zone = event_zone(where)  # see event_props: a time shown twice or never, in UTC
            lo, hi = _shift(lo, zone, None), None if hi is None else _shift(hi, zone, None)  # type: ignore[assignment]
            where = "Z"
        start_head, end_head, params = _zone_heads(where)
        suffix = "Z\r\n" if where == "Z" else "\r\n"
        if len(start_head) < 40:
            append(f"{start_head}:{_time(lo)}{suffix}")
            if hi is not None:
                append(f"{end_head}:{_time(hi)}{suffix}")
        else:  # a long TZID: folded as any line
            append(_line(start_head + ":", _time(lo) + suffix[:-2]))
            if hi is not None:
                append(_line(end_head + ":", _time(hi) + suffix[:-2]))
        if params:
            _note_zone(zones, where, lo, lo if hi is None else hi)
    append(_text_line("SUMMARY:", event.title))
    if description is not None:
        append(_text_line("DESCRIPTION:", description))
    if location is not None:
        append(_text_line("LOCATION:", location))
    if event.url is not None:
        append(_line("URL;VALUE=URI:", event.url))
    if tags:
        append(_line("CATEGORIES:", ",".join(map(escape_text, tags))))
    status = event.status
    if status is not Status.CONFIRMED:
        append(f"STATUS:{_STATUS[status.value]}\r\n")
    if _transp(kind, settings.busy) is not None:
        append("TRANSP:TRANSPARENT\r\n")
    append(_line("X-TIMELINE-WHEN;VALUE=TEXT:", text))  # exact: digits and -T:.Z+/, nothing to escape
    if event.tz is not None:
        tz_line = _TZ_LINES.get(event.tz)
        if tz_line is None:
            tz_line = _TZ_LINES[event.tz] = _text_line("X-TIMELINE-TZ;VALUE=TEXT:", event.tz)
        append(tz_line)
    append("END:VEVENT\r\n")
    return [("", (), "lines", out)]


def write(timeline: Timeline | Iterable[Event], out: TextIO, **options: object) -> None:
    """Write events as an iCalendar file, as it goes.

    Args:
        timeline: A Timeline, or any iterable of events (then the options
            ``title``, ``description`` and ``tz`` describe the calendar).
        out: A text stream; the text uses CRLF line endings.
        **options: ``domain`` (the UID suffix, default ``timeline.invalid``);
            ``stamp`` (DTSTAMP, an ISO date-time, used when SOURCE_DATE_EPOCH
            is not set; else now); ``coarse`` (``span``, ``first-day`` or
            ``skip``: what to do with a date that is not a whole day);
            ``unbounded`` (``known`` or ``skip``: an open or unknown end);
            ``prodid``; ``zones`` and ``years`` (first, last) for a one-pass
            stream; ``busy`` (``timed``, the default: timed events mark
            their time busy and days, months and years are TRANSP:TRANSPARENT,
            so a subscriber's free/busy is not blocked by "March 2021";
            ``all``: every event busy; ``none``: none busy; an imported
            event's own TRANSP wins); ``refresh`` (an ISO 8601 duration such
            as ``PT6H``: how often subscribers should fetch the calendar,
            written as REFRESH-INTERVAL and X-PUBLISHED-TTL).

    A calendar written to a file with the default ``domain``
    (``timeline.invalid``) gets a TimelineWarning: a published feed
    needs UIDs of its own domain, which clients use to tell its events
    from every other calendar's.

    Where the VTIMEZONEs go: a Timeline, a list or any other input that can
    be iterated twice is read once to find the zones and years its timed
    events use, and they are written first. A one-pass iterator (a
    generator) gets its VTIMEZONEs at the end of the calendar, which RFC 5545
    allows, unless ``zones`` and ``years`` name them up front; a zone seen
    later that was not named is added at the end.

    Raises:
        FormatError: an option is invalid.
    """
    name = getattr(out, "name", None)  # a file's: its path, or its descriptor (timeline.dump's temporary file)
    if options.get("domain") is None and (isinstance(name, int) or (isinstance(name, str) and name[:1] != "<")):
        warn(
            "a calendar file's UIDs end in the default domain "
            f"{DEFAULT_DOMAIN!r}; give the domain it is "
            "published from (domain='example.org', or --option domain=example.org) so that subscribers' "
            "clients can tell its events from other calendars'"
        )
    parts = components(timeline, mapping=_event_lines, **options)  # type: ignore[arg-type]
    head = lines(next(parts))  # the options are checked here, before a byte is written
    write_text = out.write
    write_text("BEGIN:VCALENDAR\r\n")
    write_text("".join(head))
    batch: list[str] = []
    # Events already built (not a caller's generator): a few tuples each, no cycles; see timeline._gc.
    with paused_gc() if iter(timeline) is not timeline else contextlib.nullcontext():
        for component in parts:
            lines(component, batch)
            if len(batch) > 4096:
                write_text("".join(batch))
                batch.clear()
    write_text("".join(batch))
    write_text("END:VCALENDAR\r\n")


def to_icalendar(timeline: Timeline | Iterable[Event], **options: object) -> icalendar.Calendar:
    """The timeline as an ``icalendar.Calendar``, for alarms, attendees and the rest of its API.

    It is this writer's output parsed by icalendar, so both hold the same.
    """
    import icalendar  # noqa: PLC0415 - only the bridge needs it

    out = io.StringIO(newline="")
    write(timeline, out, **options)
    calendar = icalendar.Calendar.from_ical(out.getvalue())
    assert isinstance(calendar, icalendar.Calendar)
    return calendar


def from_icalendar(calendar: icalendar.Calendar, *, source: str = "<icalendar>") -> Timeline:
    """A Timeline from an ``icalendar.Calendar``: what this writer wrote comes back exactly.

    Raises:
        ParseError: an event cannot become one of ours; it names the component.
    """
    from timeline.formats._ical_read import timeline_from_calendar  # noqa: PLC0415

    return timeline_from_calendar(calendar, source=source)


def stream(file: TextIO, source: str, *, lenient: bool = False) -> EventStream:
    """The events of iCalendar text as they are read, a batch at a time (see :func:`read`)."""
    from timeline.formats._ical_read import stream_ics  # noqa: PLC0415 - only the reader needs icalendar

    return stream_ics(file, source, lenient=lenient)


def read(text: str | bytes, source: str, *, lenient: bool = False) -> Timeline:
    """Read iCalendar text (or UTF-8 bytes) into a Timeline; ``source`` names it in errors.

    What this writer wrote comes back exactly; calendars from elsewhere are
    mapped as ``docs/calendars.md`` ("Reading calendars") describes.

    Args:
        text: The .ics text, or its bytes (UTF-8, a BOM allowed).
        source: The file name (or ``<string>``) errors and warnings name.
        lenient: Import every complete event and warn (TimelineWarning,
            naming the line) about broken lines, components that never end
            and events that cannot be read, instead of raising.

    Raises:
        ParseError: the text is broken or an event cannot be read; the error
            names the source and the line.
    """
    from timeline.formats import decode  # noqa: PLC0415 - the registry imports this module lazily
    from timeline.formats._ical_read import read_ics  # noqa: PLC0415 - only the reader needs icalendar

    if isinstance(text, bytes):
        text = decode(text, source)
    return read_ics(text, source, lenient=lenient)
