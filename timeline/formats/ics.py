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
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Final, TextIO

from timeline._event import Event, Status
from timeline._event import zone as event_zone
from timeline._gc import paused_gc
from timeline._timeline import Timeline
from timeline._warn import warn
from timeline._when import _DAY_US, _MAX_ORDINAL, _shift
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
    if len(data) <= 75:
        return line + "\r\n"
    return _fold_bytes(data).decode("utf-8")


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
                text = escape_text(text)
        elif kind in {"begin", "end"}:
            append(f"{head}:{value}\r\n")
            continue
        elif kind == "bytes":  # a whole component, already content lines in UTF-8 (the fast path's)
            append(value.decode())  # type: ignore[attr-defined]
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


def _fold_bytes(line: bytes) -> bytes:
    """A UTF-8 content line (without its CRLF) folded at 75 octets and ending in CRLF.

    The one folding of non-ASCII lines: :func:`fold` encodes and calls it,
    the fast path calls it on the bytes it builds.
    """
    size = len(line)
    if size <= 75:
        return line + b"\r\n"
    pieces: list[bytes] = []
    start, end = 0, 75
    while end < size:
        while line[end] & 0xC0 == 0x80:  # back off to the start of a UTF-8 sequence
            end -= 1
        pieces.append(line[start:end])
        start, end = end, end + 74
    pieces.append(line[start:])
    return b"\r\n ".join(pieces) + b"\r\n"


# The controls visible() replaces, and CR (which reads back as LF), as UTF-8
# bytes: no byte of a multi-byte UTF-8 sequence is below 0x80.
_UNCLEAN_BYTES: Final = bytes((*range(0x09), *range(0x0B, 0x20), 0x7F))


def _text_bytes(head: bytes, value: str) -> bytes | None:
    """A TEXT property's content line in UTF-8, escaped and folded, as ``lines`` writes it.

    None for text that ``visible`` or ``lossy`` would not leave be (a
    control character, a CR): ``event_props`` writes that. Escaping and
    folding work on the UTF-8 bytes, which are one byte a character where
    text with an emoji in it takes four.
    """
    data = value.encode()
    if len(data.translate(None, _UNCLEAN_BYTES)) != len(data):
        return None
    data = data.replace(b"\\", b"\\\\").replace(b";", b"\\;").replace(b",", b"\\,").replace(b"\n", b"\\n")
    return _fold_bytes(head + data)


# Lines kept by value: a calendar names a few places and tag sets many times.
_CACHE_LIMIT: Final = 4096
_DAYS_LIMIT: Final = 100_000
# Empty for text the fast path leaves to ``event_props``.
_LOCATION_LINES: dict[str, bytes] = {}
_TAG_LINES: dict[tuple[str, ...], bytes] = {}
# Per zone name (X-TIMELINE-TZ), per day (DTSTART and DTEND of days), per
# second of the day, per TZID (DTSTART and DTEND heads), per domain (the UID's
# end) and per DTSTAMP: a few hundred at most, or bounded.
_TZ_LINES: dict[str, bytes] = {}
_DAY_LINES: dict[int, tuple[bytes, bytes]] = {}
_DAY_BYTES: dict[int, bytes] = {}
_CLOCK_BYTES: dict[int, bytes] = {}
_TIME_HEADS: dict[str, tuple[bytes, bytes, bytes, bool]] = {}
_UID_ENDS: dict[str, bytes] = {}
_STAMP_LINES: dict[str, bytes] = {}


def _location_bytes(location: str) -> bytes | None:
    found = _LOCATION_LINES.get(location)
    if found is None:
        if len(_LOCATION_LINES) >= _CACHE_LIMIT:
            _LOCATION_LINES.clear()
        found = _LOCATION_LINES[location] = _text_bytes(b"LOCATION:", location) or b""
    return found or None


def _tags_bytes(tags: tuple[str, ...]) -> bytes | None:
    found = _TAG_LINES.get(tags)
    if found is None:
        if len(_TAG_LINES) >= _CACHE_LIMIT:
            _TAG_LINES.clear()
        data = "".join(tags).encode()
        clean = len(data.translate(None, _UNCLEAN_BYTES)) == len(data)
        line = ("CATEGORIES:" + ",".join(map(escape_text, tags))).encode()
        found = _TAG_LINES[tags] = _fold_bytes(line) if clean else b""
    return found or None


def _day_lines(ordinal: int) -> tuple[bytes, bytes]:
    """``DTSTART;VALUE=DATE:...`` and ``DTEND;VALUE=DATE:...`` of a day, with CRLF."""
    found = _DAY_LINES.get(ordinal)
    if found is None:
        if len(_DAY_LINES) >= _DAYS_LIMIT:
            _DAY_LINES.clear()
        day = _day(ordinal)
        found = _DAY_LINES[ordinal] = (f"DTSTART;VALUE=DATE:{day}\r\n".encode(), f"DTEND;VALUE=DATE:{day}\r\n".encode())
    return found


def _time_bytes(key: int) -> bytes:
    """``YYYYMMDDTHHMMSS`` of a wall-clock key, as ``_time`` gives it, in bytes."""
    ordinal, micro = divmod(key, _DAY_US)
    day = _DAY_BYTES.get(ordinal)
    if day is None:
        if len(_DAY_BYTES) >= _DAYS_LIMIT:
            _DAY_BYTES.clear()
        day = _DAY_BYTES[ordinal] = _day(ordinal).encode()
    seconds = micro // 1_000_000
    clock = _CLOCK_BYTES.get(seconds)
    if clock is None:  # at most 86,400
        clock = _CLOCK_BYTES[seconds] = _time(_DAY_US + seconds * 1_000_000)[8:].encode()
    return day + clock


def _time_heads(where: str) -> tuple[bytes, bytes, bytes, bool]:
    """DTSTART's and DTEND's heads with their ``:``, the value's end (``Z`` and CRLF, or CRLF), and whether to fold."""
    found = _TIME_HEADS.get(where)
    if found is None:
        start_head, end_head, _ = _zone_heads(where)
        found = _TIME_HEADS[where] = (
            f"{start_head}:".encode(),
            f"{end_head}:".encode(),
            b"Z\r\n" if where == "Z" else b"\r\n",
            len(start_head) >= 40,  # DTSTART;TZID=...:YYYYMMDDTHHMMSSZ may pass 75 octets
        )
    return found


def _uid_end(domain: str) -> bytes:
    found = _UID_ENDS.get(domain)
    if found is None:
        found = _UID_ENDS[domain] = escape_text("@" + domain).encode()
    return found


def _stamp_line(stamp: str) -> bytes:
    found = _STAMP_LINES.get(stamp)
    if found is None:
        if len(_STAMP_LINES) >= _CACHE_LIMIT:
            _STAMP_LINES.clear()
        found = _STAMP_LINES[stamp] = f"DTSTAMP:{stamp}\r\n".encode()
    return found


def _time_lines(
    append: Callable[[bytes], None], zones: dict[str, list[int]], lo: int, hi: int | None, where: str
) -> None:
    """DTSTART (and DTEND) of a time on ``where``'s clock ("" floating, "Z" UTC), as ``event_props`` writes them."""
    if where not in ("", "Z") and (unclear(where, lo) or (hi is not None and unclear(where, hi))):
        zone = event_zone(where)  # see event_props: a time shown twice or never, in UTC
        lo, hi = _shift(lo, zone, None), None if hi is None else _shift(hi, zone, None)  # type: ignore[assignment]
        where = "Z"
    start_head, end_head, ending, long_head = _time_heads(where)
    if long_head:  # a long TZID: folded as any line
        append(_fold_bytes(start_head + _time_bytes(lo) + ending[:-2]))
        if hi is not None:
            append(_fold_bytes(end_head + _time_bytes(hi) + ending[:-2]))
    else:
        append(start_head + _time_bytes(lo) + ending)
        if hi is not None:
            append(end_head + _time_bytes(hi) + ending)
    if where not in ("", "Z"):
        _note_zone(zones, where, lo, lo if hi is None else hi)


# The first key past the last day a calendar holds (9999-12-31).
_LAST_KEY: Final = _MAX_ORDINAL * _DAY_US

_STATUS_LINES: Final = {status: f"STATUS:{_STATUS[status.value]}\r\n".encode() for status in Status}


def _event_lines(event: Event, settings: Settings, zones: dict[str, list[int]]) -> list[Prop] | None:
    """``event_props`` of ``event`` as content lines, made directly for the common event.

    A plain event (exact days or times; text with no control character; no
    sources, media, geo, group, recurrence or extra) is by far the most
    common, and building its properties only to take them apart again
    costs as much as writing them. Its VEVENT comes back whole, as UTF-8
    (one ``bytes`` property), which ``write`` decodes many events at a
    time. Any other event goes through ``event_props``; both give the same
    lines (tests/test_ics.py checks it on generated events).
    """
    when = event.when
    text = when._text
    kinds = when._kinds
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
    ):
        return event_props(event, settings, zones)
    summary = _text_bytes(b"SUMMARY:", event.title)
    description = event.description
    described = None if description is None else _text_bytes(b"DESCRIPTION:", description)
    location = event.location
    located = None if location is None else _location_bytes(location)
    tags = event.tags
    categories = _tags_bytes(tags) if tags else None
    if (
        summary is None
        or (described is None and description is not None)
        or (located is None and location is not None)
        or (categories is None and tags)
    ):
        return event_props(event, settings, zones)
    uid_line = b"UID:" + uid.encode().replace(b"\\", b"\\\\").replace(b";", b"\\;").replace(b",", b"\\,")
    uid_line += _uid_end(settings.domain)
    out = [
        b"BEGIN:VEVENT\r\n",
        uid_line + b"\r\n" if len(uid_line) <= 75 else _fold_bytes(uid_line),
        _stamp_line(settings.stamp),
    ]
    append = out.append
    first, last = when._lo, when._hi
    if "T" not in text and isinstance(first, int) and isinstance(last, int) and first >= _DAY_US and last < _LAST_KEY:
        # Exact days within the calendar's years (_span's date case, inline): the most common.
        kind = "date"
        append(_day_lines(first // _DAY_US)[0])
        append(_day_lines(last // _DAY_US + 1)[1])
    else:
        span = _span(event, when, settings, True)
        if span is None:
            return None
        kind, lo, hi, where = span
        if kind == "date":
            assert hi is not None
            append(_day_lines(lo)[0])
            append(_day_lines(hi)[1])
        else:
            _time_lines(append, zones, lo, hi, where)
    append(summary)
    if described is not None:
        append(described)
    if located is not None:
        append(located)
    if event.url is not None:
        url_line = b"URL;VALUE=URI:" + event.url.encode()
        append(url_line + b"\r\n" if len(url_line) <= 75 else _fold_bytes(url_line))
    if categories is not None:
        append(categories)
    status = event.status
    if status is not Status.CONFIRMED:
        append(_STATUS_LINES[status])
    busy = settings.busy
    if busy == "none" or (kind == "date" and busy == "timed"):  # _transp
        append(b"TRANSP:TRANSPARENT\r\n")
    # Exact: digits and -T:.Z+/, nothing to escape.
    when_line = b"X-TIMELINE-WHEN;VALUE=TEXT:" + text.encode()
    append(when_line + b"\r\n" if len(when_line) <= 75 else _fold_bytes(when_line))
    tz = event.tz
    if tz is not None:
        tz_line = _TZ_LINES.get(tz)
        if tz_line is None:
            tz_line = _TZ_LINES[tz] = _fold_bytes(("X-TIMELINE-TZ;VALUE=TEXT:" + escape_text(tz)).encode())
        append(tz_line)
    append(b"END:VEVENT\r\n")
    return [("", (), "bytes", b"".join(out))]


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
    batch: list[str] = []  # content lines
    blobs: list[bytes] = []  # the fast path's VEVENTs, decoded a few hundred at a time
    # Events already built (not a caller's generator): a few tuples each, no cycles; see timeline._gc.
    with paused_gc() if iter(timeline) is not timeline else contextlib.nullcontext():
        for component in parts:
            first = component[0]
            if first[2] == "bytes":
                blobs.append(first[3])  # type: ignore[arg-type]
                if len(blobs) >= 512:
                    batch.append(b"".join(blobs).decode())
                    blobs.clear()
                    write_text("".join(batch))
                    batch.clear()
                continue
            if blobs:
                batch.append(b"".join(blobs).decode())
                blobs.clear()
            lines(component, batch)
            if len(batch) > 4096:
                write_text("".join(batch))
                batch.clear()
    if blobs:
        batch.append(b"".join(blobs).decode())
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
