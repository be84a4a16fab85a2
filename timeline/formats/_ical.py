"""The iCalendar property mapping shared by the ics and jcal formats.

Events become flat lists of properties, ``(HEAD, params, kind, value)``
tuples, which ``ics`` serializes as RFC 5545 content lines and ``jcal`` as
RFC 7265 JSON; neither re-derives a date, an escape or an id on its own.
``HEAD`` is the property name with its parameters as a content line
starts (``DTSTART;TZID=Europe/Berlin``), made once per zone rather than
once per event; ``params`` holds the same parameters as pairs for jCal.
``BEGIN``/``END`` entries (kind ``"begin"``/``"end"``) open and close
components. Kinds: ``text`` (one TEXT value, unescaped), ``texts`` (several,
as in CATEGORIES), ``date``/``dates`` (``YYYYMMDD``), ``date-time``/``date-times``
(``YYYYMMDDTHHMMSS``, ``Z`` for UTC), ``uri``, ``geo`` (two decimal texts),
``recur`` (an RRULE) and ``utc-offset`` (``+0100``): values are in their
iCalendar form, which jCal rewrites.

The reverse direction, ``event_from_component``, maps a parsed icalendar
component back to an Event, restoring exactly what this mapping wrote.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, Final, Literal

import attrs

from timeline import __name__ as _package
from timeline import limits
from timeline._describe import describe
from timeline._era import Era
from timeline._event import Event, JSONValue, Source
from timeline._event import zone as event_zone
from timeline._timeline import Timeline
from timeline._warn import warn
from timeline._when import _DAY_US, _MAX_ORDINAL, When, _shift
from timeline.errors import FormatError, ParseError
from timeline.formats._fields import era_data, source_data
from timeline.formats._vtimezone import UTC_NAMES, Prop, unclear, vtimezone

__all__ = [
    "CalendarHead",
    "Settings",
    "calendar_props",
    "event_props",
    "settings_from_options",
    "stream_zones",
]

Coarse = Literal["span", "first-day", "skip"]
Unbounded = Literal["known", "skip"]
Busy = Literal["timed", "all", "none"]
_COARSE: Final = ("span", "first-day", "skip")
_UNBOUNDED: Final = ("known", "skip")
_BUSY: Final = ("timed", "all", "none")
DEFAULT_DOMAIN: Final = "timeline.invalid"
# An ISO 8601 duration as RFC 5545 writes one: weeks, or days and/or a time part.
_DURATION_RE: Final = re.compile(
    r"P(?:[0-9]+W|(?=[0-9]|T[0-9])(?:[0-9]+D)?(?:T(?=[0-9])(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+S)?)?)"
)

# Plain days and ISO times (or intervals of them): exactly what a calendar holds.
_EXACT_RE: Final = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:T[0-9:]+(?:\.[0-9]+)?(?:Z|[+-][0-9:]+)?)?"
    r"(?:/[0-9]{4}-[0-9]{2}-[0-9]{2}(?:T[0-9:]+(?:\.[0-9]+)?(?:Z|[+-][0-9:]+)?)?)?"
)
_ESCAPE_RE: Final = re.compile(r"[\\;,\r\n]")
# RFC 5545 TEXT holds no control characters but tab (line breaks are escaped).
_CONTROL_RE: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_IMAGE_SUFFIXES: Final = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".avif", ".bmp", ".tif", ".tiff")
# Properties whose default type is not TEXT to every parser (X- ones, and
# RFC 7986's NAME to some) say so, so that parsers undo the escaping.
_TEXT: Final = (("VALUE", "TEXT"),)
_STATUS: Final = {"confirmed": "CONFIRMED", "tentative": "TENTATIVE", "cancelled": "CANCELLED"}


def escape_text(value: str) -> str:
    r"""A TEXT value as RFC 5545 writes it: backslash, semicolon, comma and line breaks escaped.

    CR, LF and CRLF all become ``\n``.

    >>> print(escape_text("C:\\New; a, b\r\nc"))
    C:\\New\; a\, b\nc
    """
    if _ESCAPE_RE.search(value) is None:
        return value
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def lossy(raw: str, shown: str) -> bool:
    """True when a calendar reading ``shown`` back would not get ``raw``: CRs read back as LFs."""
    return shown != raw or "\r" in raw


def visible(value: str) -> str:
    """Text a calendar can hold: control characters (never valid in TEXT) become U+FFFD."""
    if (value.isascii() and value.isprintable()) or _CONTROL_RE.search(value) is None:
        return value  # the same object: lossy() then compares by identity
    return _CONTROL_RE.sub("\ufffd", value)


@attrs.frozen
class Settings:
    """The writer options both iCalendar formats take, checked."""

    domain: str = DEFAULT_DOMAIN
    stamp: str = ""  # DTSTAMP as ISO text with Z
    coarse: Coarse = "span"
    unbounded: Unbounded = "known"
    prodid: str = ""
    tz: str | None = None  # the default zone: the timeline's
    busy: Busy = "timed"  # which events mark their time busy (TRANSP)
    refresh: str | None = None  # how often subscribers should fetch the feed, an ISO 8601 duration

    @property
    def stamp_prop(self) -> Prop:
        """The DTSTAMP property, the same for every event."""
        prop = _STAMPS.get(self.stamp)
        if prop is None:
            prop = _STAMPS[self.stamp] = ("DTSTAMP", (), "date-time", self.stamp)
        return prop


_STAMPS: dict[str, Prop] = {}


@attrs.frozen
class CalendarHead:
    """What the calendar says of itself: from a Timeline, or options for a stream of events."""

    title: str = ""
    description: str | None = None
    tz: str | None = None
    extra: Mapping[str, JSONValue] = attrs.field(factory=dict)
    eras: tuple[Era, ...] = ()


def _version() -> str:
    try:
        from importlib.metadata import version  # noqa: PLC0415 - only when a PRODID is written

        return version("timeline-events")
    except Exception:
        return "dev"


def _stamp(option: object) -> str:
    """DTSTAMP: SOURCE_DATE_EPOCH when set, else the ``stamp`` option, else now (UTC, whole seconds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            moment = datetime.fromtimestamp(int(epoch), UTC)
        except (ValueError, OverflowError, OSError):
            raise FormatError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, got {epoch!r}") from None
    elif option is not None:
        moment = _parse_stamp(option)
    else:
        moment = datetime.now(UTC)
    utc = moment.astimezone(UTC)
    return f"{utc.year:04d}{utc.month:02d}{utc.day:02d}T{utc.hour:02d}{utc.minute:02d}{utc.second:02d}Z"


def _parse_stamp(value: object) -> datetime:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            message = f"the 'stamp' option must be an ISO date-time such as 2021-06-02T00:00:00Z, got {value!r}"
            raise FormatError(message) from None
    if isinstance(value, datetime):
        # A naive stamp is taken as UTC, as SOURCE_DATE_EPOCH is.
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    raise FormatError(f"the 'stamp' option must be a datetime or ISO text, got {value!r}")


def settings_from_options(
    *,
    domain: str = "timeline.invalid",
    stamp: object = None,
    coarse: str = "span",
    unbounded: str = "known",
    prodid: str | None = None,
    tz: str | None = None,
    busy: str = "timed",
    refresh: str | None = None,
) -> Settings:
    """Check the shared writer options; FormatError names the one that is wrong."""
    if busy not in _BUSY:
        raise FormatError(f"the 'busy' option must be one of {', '.join(_BUSY)}, got {busy!r}")
    if refresh is not None:
        refresh = refresh_interval(refresh)
    if not isinstance(domain, str) or not re.fullmatch(r"[^\s@\ud800-\udfff]+", domain):
        raise FormatError(f"the 'domain' option must be a domain name without spaces or '@', got {domain!r}")
    if prodid is not None and (not isinstance(prodid, str) or not prodid.strip() or limits.SURROGATE.search(prodid)):
        raise FormatError(f"the 'prodid' option must be text, got {prodid!r}")
    if coarse not in _COARSE:
        raise FormatError(f"the 'coarse' option must be one of {', '.join(_COARSE)}, got {coarse!r}")
    if unbounded not in _UNBOUNDED:
        raise FormatError(f"the 'unbounded' option must be one of {', '.join(_UNBOUNDED)}, got {unbounded!r}")
    if prodid is None:
        prodid = f"-//timeline-events//{_package} {_version()}//EN"
    return Settings(domain, _stamp(stamp), coarse, unbounded, prodid, tz, busy, refresh)  # type: ignore[arg-type]


def refresh_interval(value: object) -> str:
    """The ``refresh`` option checked: an ISO 8601 duration of more than nothing, upper case.

    >>> refresh_interval("pt1h"), refresh_interval("P1D")
    ('PT1H', 'P1D')

    Raises:
        FormatError: it is no duration, or a zero one.
    """
    text = value.strip().upper() if isinstance(value, str) else ""
    if not _DURATION_RE.fullmatch(text) or not any(ch in "123456789" for ch in text):
        raise FormatError(
            f"the 'refresh' option must be an ISO 8601 duration such as PT1H or P1D, longer than zero, got {value!r}"
        )
    return text


def calendar_props(head: CalendarHead, settings: Settings) -> list[Prop]:
    """The VCALENDAR's own properties, after its BEGIN."""
    props: list[Prop] = [
        ("VERSION", (), "text", "2.0"),
        ("PRODID", (), "text", settings.prodid),
        ("CALSCALE", (), "text", "GREGORIAN"),
        ("METHOD", (), "text", "PUBLISH"),
    ]
    if settings.refresh is not None:
        # RFC 7986's property, and the one Outlook (and Google, in part) reads.
        props += [
            ("REFRESH-INTERVAL;VALUE=DURATION", (("VALUE", "DURATION"),), "duration", settings.refresh),
            ("X-PUBLISHED-TTL", (), "duration", settings.refresh),
        ]
    data: dict[str, JSONValue] = {}
    if head.title:
        title = visible(head.title)
        props += [("NAME;VALUE=TEXT", _TEXT, "text", title), ("X-WR-CALNAME;VALUE=TEXT", _TEXT, "text", title)]
        if lossy(head.title, title):
            data["title"] = head.title
    if head.description is not None:
        description = visible(head.description)
        props += [("DESCRIPTION", (), "text", description), ("X-WR-CALDESC;VALUE=TEXT", _TEXT, "text", description)]
        if lossy(head.description, description):
            data["description"] = head.description
    if head.tz is not None:
        props.append(("X-WR-TIMEZONE;VALUE=TEXT", _TEXT, "text", head.tz))
    if head.extra:
        data["extra"] = dict(head.extra)
    if head.eras:
        data["eras"] = [era_data(era) for era in head.eras]
    if data:
        props.append(("X-TIMELINE-DATA;VALUE=TEXT", _TEXT, "text", _json(data)))
    return props


def _json(data: Mapping[str, object]) -> str:
    # JSON escapes the C0 controls but not DEL, which TEXT cannot hold either.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return text.replace("\x7f", "\\u007f")


_DAY_TEXT: dict[int, str] = {}


def _day(ordinal: int) -> str:
    """``YYYYMMDD`` of a day number; days repeat a lot in a calendar, so they are kept."""
    text = _DAY_TEXT.get(ordinal)
    if text is None:
        if len(_DAY_TEXT) > 100_000:
            _DAY_TEXT.clear()
        day = date.fromordinal(ordinal)
        text = _DAY_TEXT[ordinal] = f"{day.year:04d}{day.month:02d}{day.day:02d}"
    return text


_CLOCK: dict[int, str] = {}


def _time(key: int) -> str:
    """``YYYYMMDDTHHMMSS`` of a wall-clock key (microseconds since day 0), whole seconds."""
    ordinal, micro = divmod(key, _DAY_US)
    seconds = micro // 1_000_000
    clock = _CLOCK.get(seconds)
    if clock is None:  # at most 86,400 of them; calendars reuse a few
        hours, rest = divmod(seconds, 3600)
        clock = _CLOCK[seconds] = f"T{hours:02d}{rest // 60:02d}{rest % 60:02d}"
    return _day(ordinal) + clock


def _year(key: int) -> int:
    return date.fromordinal(min(max(key // _DAY_US, 1), _MAX_ORDINAL)).year


def _warn(event: Event, message: str) -> None:
    warn(f"event {event.id!r} ({event.title!r}): {message}")


# A span: ("date", first day, day after the last) or ("time", start key, end key or None, zone or "" or "Z").
_Span = tuple[str, int, int | None, str]


def _time_zone(when: When, zone_name: str | None) -> str:
    """Where a timed value is written: "" floating, "Z" UTC, else the IANA zone of a TZID."""
    if zone_name is None or zone_name in UTC_NAMES:
        return "" if (when._floating and zone_name is None) else "Z"
    return zone_name


def _time_keys(when: When, where: str) -> tuple[int, int]:
    lo, hi = when._lo, when._hi
    assert isinstance(lo, int)
    assert isinstance(hi, int)
    if not when._floating and where not in ("", "Z"):
        zone = event_zone(where)
        lo, hi = _shift(lo, None, zone), _shift(hi, None, zone)
        assert isinstance(lo, int)
        assert isinstance(hi, int)
    return lo, hi


def _all_timed(when: When) -> bool:
    text = when._text
    return "T" in text and (not when._kinds or (when._kinds == "dd" and text.count("T") == 2))


def _span(event: Event, when: When, settings: Settings, exact: bool) -> _Span | None:
    """Where ``when`` goes on the calendar, by the coarse policy; None to skip (after a warning)."""
    text = when._text
    kinds = when._kinds
    lo, hi = when._lo, when._hi
    if "T" in text and (not kinds or (kinds == "dd" and text.count("T") == 2)):  # _all_timed, inline: hot
        zone_name = event.tz or settings.tz
        if zone_name is None or zone_name in UTC_NAMES:
            where = "" if (when._floating and zone_name is None) else "Z"
        else:
            where = zone_name
            if not when._floating:
                zone = event_zone(where)
                lo, hi = _shift(lo, None, zone), _shift(hi, None, zone)
        assert isinstance(lo, int)
        assert isinstance(hi, int)
        if not 1 <= lo // _DAY_US <= _MAX_ORDINAL:
            _warn(event, f"{text!r} lies outside the years 1-9999 a calendar can hold; skipped")
            return None
        if not exact and settings.coarse == "skip":
            _warn(event, f"{text!r} is not an exact time; skipped (coarse='skip')")
            return None
        return ("time", lo, hi if kinds else None, where)
    if not (isinstance(lo, int) and isinstance(hi, int)) or lo < _DAY_US or hi // _DAY_US >= _MAX_ORDINAL:
        _warn(event, f"{text!r} lies outside the years 1-9999 a calendar can hold; skipped")
        return None
    first, last = lo // _DAY_US, hi // _DAY_US
    if not exact:
        if settings.coarse == "skip":
            _warn(event, f"{text!r} is not a whole day; skipped (coarse='skip')")
            return None
        if settings.coarse == "first-day":
            last = first
    return ("date", first, last + 1, "")


def _known_end(event: Event, when: When, settings: Settings) -> When | None:
    """For an open or unknown end: the known end alone, by the unbounded policy (with a warning)."""
    if settings.unbounded == "skip":
        _warn(event, f"{str(when)!r} has an open or unknown end, which a calendar cannot hold; skipped")
        return None
    point = when.start if when.start is not None else when.end
    if point is None:  # a set open at both ends ([..1900,1950..]): its first member's end
        point = when.members()[0].end
    assert point is not None
    _warn(event, f"{str(when)!r} has an open or unknown end; the calendar shows only {point.text!r}")
    return When(point.text)


def _sources_block(sources: Iterable[Source]) -> str:
    lines = ["Sources:"]
    for source in sources:
        parts = [part for part in (source.title, source.publisher) if part]
        if source.date is not None:
            parts.append(describe(source.date))
        line = "- " + ", ".join(parts) if parts else "-"
        if source.url:
            line += (": " if parts else " ") + source.url
        lines.append(line)
    return "\n".join(lines)


def _geo_text(value: float) -> str:
    # GEO takes plain decimals, never an exponent; repr's digits keep the exact float.
    text = repr(value)
    return text if "e" not in text else format(Decimal(text), "f")


def param_value(value: str) -> str:
    """A parameter value: quoted when it holds ``:``, ``;`` or ``,``; a double quote cannot appear at all."""
    value = value.replace('"', "'")
    return f'"{value}"' if any(ch in value for ch in ":;,") else value


_DATE: Final = (("VALUE", "DATE"),)
_BEGIN_VEVENT: Final[Prop] = ("BEGIN", (), "begin", "VEVENT")
_END_VEVENT: Final[Prop] = ("END", (), "end", "VEVENT")
_URI: Final = (("VALUE", "URI"),)
# Per zone: the DTSTART and DTEND heads and the jCal parameters, made once.
_ZONE_HEADS: dict[str, tuple[str, str, tuple[tuple[str, str], ...]]] = {}


def _zone_heads(where: str) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    heads = _ZONE_HEADS.get(where)
    if heads is None:
        if where in ("", "Z"):
            heads = ("DTSTART", "DTEND", ())
        else:
            tzid = ";TZID=" + param_value(where)
            heads = ("DTSTART" + tzid, "DTEND" + tzid, (("TZID", where),))
        _ZONE_HEADS[where] = heads
    return heads


def _point_props(
    name: str, values: Iterable[When], event: Event, settings: Settings, zones: dict[str, list[int]] | None
) -> list[Prop]:
    """RDATE or EXDATE: days as VALUE=DATE, times in the event's zone, one property per kind."""
    days: list[str] = []
    times: dict[str, list[str]] = {}
    for when in values:
        if _all_timed(when):
            where = _time_zone(when, event.tz or settings.tz)
            lo = _time_keys(when, where)[0]
            times.setdefault(where, []).append(_time(lo) + ("Z" if where == "Z" else ""))
            if zones is not None and where not in ("", "Z"):
                _note_zone(zones, where, lo, lo)
        else:
            day = when._lo
            assert isinstance(day, int)
            days.append(_day(day // _DAY_US))
    props: list[Prop] = []
    if days:
        props.append((name + ";VALUE=DATE", _DATE, "dates", tuple(days)))
    for where, texts in times.items():
        params = _zone_heads(where)[2]
        head = name + "".join(f";{key}={param_value(item)}" for key, item in params)
        props.append((head, params, "date-times", tuple(texts)))
    return props


def _note_zone(zones: dict[str, list[int]], name: str, lo: int, hi: int) -> None:
    """Widen the span of wall-clock keys that zone ``name`` is used over."""
    span = zones.get(name)
    if span is None:
        zones[name] = [lo, hi]
        return
    span[0] = min(span[0], lo)
    span[1] = max(span[1], hi)


def event_props(event: Event, settings: Settings, zones: dict[str, list[int]] | None = None) -> list[Prop] | None:
    """The VEVENT of ``event`` (BEGIN and END included), or None when the policy skips it.

    Zones of timed values are noted in ``zones`` (name -> [first, last] wall-clock key).
    """
    when = event.when
    text = when._text
    exact = _EXACT_RE.fullmatch(text) is not None
    shown: When | None = when
    if "u" in when._kinds or "o" in when._kinds:
        shown = _known_end(event, when, settings)
        exact = False
    span = None if shown is None else _span(event, shown, settings, exact)
    if span is None:
        return None
    kind, lo, hi, where = span

    data: dict[str, JSONValue] | None = None  # what the standard properties cannot carry exactly, as JSON
    uid = event.id
    if not (uid.isascii() and uid.isprintable()):
        uid = visible(uid)
        if lossy(event.id, uid):
            data = {"id": event.id}
    extra = event.extra
    foreign = foreign_props(extra.get("ics")) if extra else None
    # A UID among the foreign lines: one the reader gave a new id (a changed occurrence,
    # a newer SEQUENCE of an event from elsewhere); it goes back as it was, our id in DATA.
    own_uid = True
    if foreign is not None:
        depth = 0  # the event's own UID, not an alarm's
        for index, prop in enumerate(foreign):
            depth += 1 if prop[2] == "begin" else -1 if prop[2] == "end" else 0
            if depth == 0 and prop[0].upper() == "UID":  # with the domain, as the writer's UIDs (its series') have
                foreign[index] = (prop[0], prop[1], "raw", f"{prop[3]}@{escape_text(settings.domain)}")
                own_uid = False
    if not own_uid:
        data = data or {}
        data["id"] = event.id
    props: list[Prop] = [_BEGIN_VEVENT]
    if own_uid:
        props.append(("UID", (), "text", f"{uid}@{settings.domain}"))
    props.append(settings.stamp_prop)
    append = props.append
    if kind == "date":
        assert hi is not None
        append(("DTSTART;VALUE=DATE", _DATE, "date", _day(lo)))
        append(("DTEND;VALUE=DATE", _DATE, "date", _day(hi)))
    else:
        if (
            where not in ("", "Z")
            and event.recurrence is None
            and not event.rdate
            and (unclear(where, lo) or (hi is not None and unclear(where, hi)))
        ):
            # A time the zone's clock shows twice or never: clients disagree on
            # which instant it is, so write the one RFC 5545 means, in UTC.
            zone = event_zone(where)
            lo, hi = _shift(lo, zone, None), None if hi is None else _shift(hi, zone, None)  # type: ignore[assignment]
            where = "Z"
        start_head, end_head, params = _zone_heads(where)
        suffix = "Z" if where == "Z" else ""
        append((start_head, params, "date-time", _time(lo) + suffix))
        if hi is not None:
            append((end_head, params, "date-time", _time(hi) + suffix))
        if zones is not None and params:
            _note_zone(zones, where, lo, lo if hi is None else hi)

    title = event.title
    if not (title.isascii() and title.isprintable()):
        title = visible(title)
        if lossy(event.title, title):
            data = data or {}
            data["title"] = event.title
    append(("SUMMARY", (), "text", title))

    raw = event.description
    if exact and not event.sources:
        if raw is not None:
            shown_text = visible(raw)
            if lossy(raw, shown_text):
                data = data or {}
                data["description"] = raw
            append(("DESCRIPTION", (), "text", shown_text))
    else:
        parts = [] if exact else [describe(when)]
        if raw is not None:
            parts.append(raw)
        if event.sources:
            parts.append(_sources_block(event.sources))
            data = data or {}
            data["sources"] = [source_data(source) for source in event.sources]  # type: ignore[misc]
        data = data or {}
        data["description"] = raw
        append(("DESCRIPTION", (), "text", visible("\n\n".join(parts))))
    if event.location is not None:
        location = visible(event.location)
        if lossy(event.location, location):
            data = data or {}
            data["location"] = event.location
        append(("LOCATION", (), "text", location))
    if event.geo is not None:
        append(("GEO", (), "geo", (_geo_text(event.geo.lat), _geo_text(event.geo.lon))))
    if event.url is not None:
        append(("URL;VALUE=URI", _URI, "uri", event.url))
    if event.tags:
        tags = event.tags
        joined = "".join(tags)
        if _CONTROL_RE.search(joined):
            tags = tuple(visible(tag) for tag in event.tags)
            if any(lossy(raw_tag, tag) for raw_tag, tag in zip(event.tags, tags, strict=True)):
                data = data or {}
                data["tags"] = list(event.tags)
        elif "\r" in joined:
            data = data or {}
            data["tags"] = list(event.tags)
        append(("CATEGORIES", (), "texts", tags))
    if event.status.value != "confirmed":  # the default: RFC 5545 readers assume it
        append(("STATUS", (), "text", _STATUS[event.status.value]))
    if event.recurrence is not None:
        append(("RRULE", (), "recur", event.recurrence))
    if event.rdate:
        props += _point_props("RDATE", event.rdate, event, settings, zones)
        data = data or {}
        data["rdate"] = [str(value) for value in event.rdate]
    if event.exdate:
        props += _point_props("EXDATE", event.exdate, event, settings, zones)
        data = data or {}
        data["exdate"] = [str(value) for value in event.exdate]
    if event.media is not None:
        media = event.media
        path = media.url.split("?", 1)[0].split("#", 1)[0].lower()
        if path.endswith(_IMAGE_SUFFIXES):
            append(("IMAGE;VALUE=URI", _URI, "uri", media.url))
        else:
            append(("ATTACH", (), "uri", media.url))
        details = (
            ("caption", media.caption),
            ("credit", media.credit),
            ("thumbnail", media.thumbnail),
            ("alt", media.alt),
        )
        if any(value is not None for _, value in details):
            data = data or {}
            data["media"] = {key: value for key, value in details if value is not None}
    if foreign is not None:
        if not any(prop[0].partition(";")[0].upper() == "TRANSP" for prop in foreign):
            transp = _transp(kind, settings.busy)
            if transp is not None:
                append(transp)
        extra = {key: value for key, value in extra.items() if key != "ics"}
    else:
        transp = _transp(kind, settings.busy)
        if transp is not None:
            append(transp)
    append(("X-TIMELINE-WHEN;VALUE=TEXT", _TEXT, "text", text))
    if event.tz is not None:
        append(("X-TIMELINE-TZ;VALUE=TEXT", _TEXT, "text", event.tz))
    if event.group is not None:
        group = visible(event.group)
        if lossy(event.group, group):
            data = data or {}
            data["group"] = event.group
        append(("X-TIMELINE-GROUP;VALUE=TEXT", _TEXT, "text", group))
    if extra:
        data = data or {}
        data["extra"] = dict(extra)
    if data:
        append(("X-TIMELINE-DATA;VALUE=TEXT", _TEXT, "text", _json(data)))
    if foreign is not None:
        # After every X-TIMELINE-* property: the reader takes what follows them as foreign.
        props += foreign
    append(_END_VEVENT)
    return props


_TRANSPARENT: Final[Prop] = ("TRANSP", (), "text", "TRANSPARENT")


def _transp(kind: str, busy: Busy) -> Prop | None:
    """TRANSP by the busy policy: days (and coarser) free unless ``all``, times busy unless ``none``.

    OPAQUE is every client's default, so it is never written.
    """
    if busy == "none" or (kind == "date" and busy == "timed"):
        return _TRANSPARENT
    return None


# A content line as the reader keeps it: NAME, parameters (values quoted or
# free of ";:,"), ":", a value with no control character but tab.
_CONTENT_LINE_RE: Final = re.compile(
    r'([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"\x00-\x1f\x7f]*"|[^";:,\x00-\x1f\x7f]*)'
    r'(?:,(?:"[^"\x00-\x1f\x7f]*"|[^";:,\x00-\x1f\x7f]*))*)*):([^\x00-\x08\x0a-\x1f\x7f]*)'
)
_PARAM_RE: Final = re.compile(r';([A-Za-z0-9-]+)=((?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)')
# Components a foreign line may not open or close: the writer's own structure.
_OWN_COMPONENTS: Final = frozenset(("VCALENDAR", "VEVENT", "VTIMEZONE", "STANDARD", "DAYLIGHT"))


def foreign_props(lines: object) -> list[Prop] | None:
    """``extra["ics"]`` as properties to write back as themselves, or None when it cannot be.

    The reader keeps there, as content lines, what an event from elsewhere
    has and no field holds (ATTENDEE, ORGANIZER, X- properties, a VALARM's
    lines between its BEGIN and END). They are written back as they are.
    Anything else (not a list of content lines, a component left open, an
    X-TIMELINE-* property, a VEVENT) stays in X-TIMELINE-DATA, where it is
    kept for this library alone.
    """
    if not isinstance(lines, list) or not lines:
        return None
    props: list[Prop] = []
    depth: list[str] = []
    for line in lines:
        found = _CONTENT_LINE_RE.fullmatch(line) if isinstance(line, str) else None
        if found is None:
            return None
        name = found[1].upper()
        if name.startswith("X-TIMELINE-"):
            return None
        if name in ("BEGIN", "END"):
            component = found[3].upper()
            if found[2] or not _CONTENT_LINE_RE.fullmatch(component + ":") or component in _OWN_COMPONENTS:
                return None
            if name == "BEGIN":
                depth.append(component)
            elif not depth or depth.pop() != component:
                return None
            props.append((name, (), "begin" if name == "BEGIN" else "end", component))
            continue
        # For jCal: a parameter's value without the quotes that guard its ";:," in a content line.
        params = tuple(
            (key.upper(), value[1:-1] if value[:1] == '"' and value.count('"') == 2 and value[-1:] == '"' else value)
            for key, value in _PARAM_RE.findall(found[2])
        )
        props.append((found[1] + found[2], params, "raw", found[3]))
    return None if depth else props


def vtimezones(zones: Mapping[str, list[int]]) -> Iterator[Prop]:
    """The VTIMEZONE components (BEGIN/END included) of the zones noted, by name."""
    for name in sorted(zones):
        lo, hi = zones[name]
        body = vtimezone(name, _year(lo), _year(hi))
        if body is None:
            continue
        yield ("BEGIN", (), "begin", "VTIMEZONE")
        yield from body
        yield ("END", (), "end", "VTIMEZONE")


def stream_zones(events: Iterable[Event], settings: Settings) -> dict[str, list[int]]:
    """The zones (and years) the timed events of ``events`` are written in: the first pass of a re-iterable."""
    zones: dict[str, list[int]] = {}
    default = settings.tz
    for event in events:
        if not isinstance(event, Event):
            continue  # the writing pass says what is wrong with it
        own = event.tz or default
        if own is None or own in UTC_NAMES:
            continue
        when = event.when
        if "T" in when._text and _all_timed(when) and when._kinds[1:] not in ("u", "o"):
            lo, hi = _time_keys(when, own)
            _note_zone(zones, own, lo, hi)
        if not (event.rdate or event.exdate):
            continue
        for value in (*event.rdate, *event.exdate):
            if _all_timed(value):
                lo = _time_keys(value, own)[0]
                _note_zone(zones, own, lo, lo)
    return zones


def head_of(source: Timeline | Iterable[Event], options: Mapping[str, Any]) -> CalendarHead:
    """The calendar's title, description, zone and extra: the timeline's, or options for a stream."""
    if isinstance(source, Timeline):
        return CalendarHead(source.title, source.description, source.tz, source.extra, source.eras)
    return CalendarHead(options.get("title") or "", options.get("description"), options.get("tz"), {})


def check_stream_options(
    zones: object, years: object, title: object, description: object, tz: object
) -> tuple[tuple[str, ...], tuple[int, int] | None]:
    """The options that describe a stream, checked: FormatError names the one that is wrong.

    ``zones`` must name IANA zones (or UTC), ``years`` be two years from 1 to
    9999 in order, ``title`` and ``description`` text, ``tz`` a zone.
    """
    if isinstance(zones, str) or not isinstance(zones, Iterable):
        raise FormatError(f"the 'zones' option must be a list of IANA time zone names, got {zones!r}")
    names = tuple(zones)
    for name in (*names, *(() if tz is None else (tz,))):
        if isinstance(name, str) and name in UTC_NAMES:
            continue
        try:
            event_zone(name)
        except ParseError:
            option = "tz" if name is tz else "zones"
            raise FormatError(f"the {option!r} option must name IANA time zones, got {name!r}") from None
    if years is not None and not (
        isinstance(years, tuple | list)
        and len(years) == 2
        and all(type(year) is int and 1 <= year <= 9999 for year in years)
        and years[0] <= years[1]
    ):
        raise FormatError(f"the 'years' option must be (first, last), years from 1 to 9999 in order, got {years!r}")
    for option, value in (("title", title), ("description", description)):
        if value is not None and (not isinstance(value, str) or limits.SURROGATE.search(value)):
            raise FormatError(f"the {option!r} option must be text, got {value!r}")
    return names, None if years is None else (years[0], years[1])


def components(
    source: Timeline | Iterable[Event],
    *,
    zones: Iterable[str] = (),
    years: tuple[int, int] | None = None,
    title: str | None = None,
    description: str | None = None,
    tz: str | None = None,
    mapping: Callable[[Event, Settings, dict[str, list[int]]], list[Prop] | None] | None = None,
    **options: object,
) -> Iterator[list[Prop]]:
    """The calendar as property lists: first the VCALENDAR's own, then one list per component.

    Each component's list starts with its BEGIN and ends with its END.
    See ``timeline.formats.ics.write`` for where the VTIMEZONEs go.
    ``mapping`` stands in for ``event_props`` (the .ics writer's fast path,
    which gives the same lines).

    Raises:
        FormatError: an option is invalid, or an item is not an Event.
    """
    zones, years = check_stream_options(zones, years, title, description, tz)
    head = head_of(source, {"title": title, "description": description, "tz": tz})
    settings = settings_from_options(tz=head.tz, **options)  # type: ignore[arg-type]
    if iter(source) is not source:
        upfront = stream_zones(source, settings)
    else:
        if zones and years is None:
            raise FormatError("the 'zones' option needs 'years' (first, last) to cover")
        upfront = {}
        if years is not None:
            span = [date(years[0], 1, 1).toordinal() * _DAY_US, (date(years[1], 12, 31).toordinal() + 1) * _DAY_US - 1]
            upfront = {name: list(span) for name in zones}
    yield calendar_props(head, settings)
    yield from _split(vtimezones(upfront))
    seen: dict[str, list[int]] = {}
    props_of = event_props if mapping is None else mapping
    for event in source:
        if not isinstance(event, Event):
            raise FormatError(f"an iCalendar writer takes events, got {event!r}")
        props = props_of(event, settings, seen)
        if props is not None:
            yield props
    for name, (first, last) in seen.items():
        covered = upfront.get(name)
        if covered is not None and (first < covered[0] or last > covered[1]):
            warn(
                f"the VTIMEZONE of {name!r} covers {_year(covered[0])}-{_year(covered[1])}, but events use it "
                f"in {_year(first)}-{_year(last)}; clients follow its last rule outside that"
            )
    yield from _split(vtimezones({name: years for name, years in seen.items() if name not in upfront}))


def _split(props: Iterable[Prop]) -> Iterator[list[Prop]]:
    """Top-level components of a flat property stream, one list each."""
    current: list[Prop] = []
    depth = 0
    for prop in props:
        current.append(prop)
        kind = prop[2]
        if kind == "begin":
            depth += 1
        elif kind == "end":
            depth -= 1
            if depth == 0:
                yield current
                current = []
