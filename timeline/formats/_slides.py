"""TimelineJS slides <-> model: shared by the timelinejs, timelinejs-html and csv formats.

A slide here is the dict TimelineJS3 takes for one event (``start_date``,
``end_date``, ``text``, ``media``, ``group``, ``display_date``,
``background``, ``unique_id``); the JSON format writes these as they are,
the CSV format spreads them over the spreadsheet template's columns.

What TimelineJS does with each field decides how it is escaped:

- ``text.headline``, ``text.text``, ``media.caption`` and ``media.credit``
  are HTML: TimelineJS sanitizes them and sets them as ``innerHTML``. User
  text is escaped once, so it shows as written and no markup is live.
- ``group`` and ``display_date`` are plain text to TimelineJS, which turns
  them into text by parsing them as HTML (entities decoded) and then sets
  that text as ``innerHTML``. Escaped once, ``&lt;b&gt;`` would come out
  as live markup; so these are escaped twice, and read back by unescaping
  twice.
- ``media.alt`` is set as an attribute by property: written as it is.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from datetime import datetime
from html.parser import HTMLParser
from typing import Any, Final

import attrs

from timeline._describe import _span, describe
from timeline._era import Era
from timeline._event import Event, Media, Source, Status, event_from_dict
from timeline._event import zone as event_zone
from timeline._timeline import Timeline
from timeline._warn import warn
from timeline._when import PartialDate, Precision, When
from timeline.errors import ParseError
from timeline.formats._links import safe_url

__all__ = [
    "CANCELLED",
    "DATE_FIELDS",
    "UNPLACEABLE",
    "Slide",
    "date_object",
    "dates_of",
    "double_escape",
    "double_unescape",
    "html_to_text",
    "slides_of",
    "timeline_of",
    "when_of",
]

Slide = dict[str, Any]

DATE_FIELDS = ("year", "month", "day", "hour", "minute", "second", "millisecond")
"""The parts of a TimelineJS date object, coarsest first."""

# Years TimelineJS's "human" scale can place: those of a JavaScript Date.
_HUMAN_YEARS = 271_820
_COLOR = re.compile(r"#[0-9A-Fa-f]{3,8}|[A-Za-z]{3,30}")
_INTEGER = re.compile(r"-?[0-9]+")
# The extra keys a slide keeps for TimelineJS: written back into the slide as they are.
SLIDE_EXTRAS = ("display_date", "autolink", "background")


# -- text -------------------------------------------------------------------


def escape(text: str) -> str:
    """``text`` as HTML that shows it literally: markup escaped, line breaks as ``<br>``."""
    # A carriage return would be folded into the line break by HTML; keep it as a reference.
    return html.escape(text, quote=True).replace("\r", "&#13;").replace("\n", "<br>")


def double_escape(text: str) -> str:
    """For TimelineJS's plain-text fields (group, display_date): see the module docs."""
    return html.escape(html.escape(text, quote=False), quote=False)


def double_unescape(text: str) -> str:
    """The inverse of :func:`double_escape`; plain text without entities comes back as it is."""
    return html_to_text(html_to_text(text))


class _TextParser(HTMLParser):
    """HTML -> our fields: description, location and sources as the writer marks them up.

    HTML from elsewhere (no such classes) becomes plain text: tags dropped,
    entities decoded, ``<br>`` a line break, paragraphs separated by a blank line.
    """

    _BLOCKS = frozenset(("p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"))
    _VOID = frozenset(("br", "img", "hr", "wbr", "input", "meta", "link", "source", "area", "col", "embed"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: dict[str, list[str]] = {"description": [], "location": []}
        self.sources: list[dict[str, str]] = []
        self._stack: list[tuple[str, str]] = []  # open tags and the field their text goes to
        self._marked = False  # the description was marked up by our writer
        self._break = False  # a foreign block ended or began: the next text starts a paragraph

    def _field(self) -> str:
        return self._stack[-1][1] if self._stack else "description"

    def _append(self, text: str) -> None:
        field = self._field()
        if field in self.parts:
            self.parts[field].append(text)
        elif field.startswith("source-") and self.sources:
            key = field.removeprefix("source-")
            self.sources[-1][key] = self.sources[-1].get(key, "") + text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        classes = set(values.get("class", "").split())
        field = self._field()
        if tag == "br":
            self._append("\n")
            return
        if "timeline-description" in classes:
            field, self._marked = "description", True
        elif "timeline-location" in classes:
            field = "location"
        elif "timeline-sources" in classes:
            field = "sources"
        elif "timeline-source" in classes and field == "sources":
            self.sources.append({})
            field = "source"
        elif field == "source" and classes & {"timeline-title", "timeline-url", "timeline-publisher", "timeline-date"}:
            key = next(c for c in ("title", "url", "publisher", "date") if f"timeline-{c}" in classes)
            source = self.sources[-1]
            if tag == "a" and values.get("href"):
                source["url"] = values["href"]
            if key == "date":
                source["date"] = values.get("data-edtf", "")
                field = "ignored"
            else:
                field = f"source-{key}"
                if key == "url":
                    # The link text repeats the href; take the URL from the attribute when there is one.
                    field = "ignored" if "url" in source else "source-url"
        elif field == "description" and not self._marked and tag in self._BLOCKS:
            self._break = True
        if tag not in self._VOID:
            self._stack.append((tag, field))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._append("\n")

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index][0] == tag:
                del self._stack[index:]
                break
        if not self._marked and tag in self._BLOCKS and self._field() == "description":
            self._break = True

    def handle_data(self, data: str) -> None:
        if self._field() in ("sources", "source", "ignored"):
            return  # separators between the parts of a source
        if not self._marked and self._field() == "description":
            if self._stack:  # inside foreign markup a line break in the source is a space
                data = data.replace("\r\n", " ").replace("\n", " ")
            if self._break and self.parts["description"]:
                self.parts["description"].append("\n\n")  # a paragraph of foreign HTML
            self._break = False
        self._append(data)

    def text(self, field: str) -> str:
        return "".join(self.parts[field])


def _parse_html(text: str) -> _TextParser:
    parser = _TextParser()
    parser.feed(text)
    parser.close()
    return parser


def html_to_text(text: str) -> str:
    """The text an HTML fragment shows: tags dropped, entities decoded, ``<br>`` a line break.

    >>> html_to_text("Harris &amp; L&oacute;pez<br>meet")
    'Harris & López\\nmeet'
    """
    if "<" not in text and "&" not in text:
        return text
    return _parse_html(text).text("description")


def _source_html(source: Source) -> str:
    parts = []
    if source.title is not None:
        title = escape(source.title)
        if source.url is not None and safe_url(source.url):
            parts.append(f'<a class="timeline-title" href="{html.escape(source.url)}">{title}</a>')
        else:
            parts.append(f'<span class="timeline-title">{title}</span>')
            if source.url is not None:
                parts.append(f'<span class="timeline-url">{escape(source.url)}</span>')
    elif source.url is not None:
        url = escape(source.url)
        if safe_url(source.url):
            parts.append(f'<a class="timeline-url" href="{html.escape(source.url)}">{url}</a>')
        else:
            parts.append(f'<span class="timeline-url">{url}</span>')
    if source.publisher is not None:
        parts.append(f'<span class="timeline-publisher">{escape(source.publisher)}</span>')
    if source.date is not None:
        edtf = html.escape(str(source.date))
        parts.append(f'<span class="timeline-date" data-edtf="{edtf}">{escape(describe(source.date))}</span>')
    return '<li class="timeline-source">' + ", ".join(parts) + "</li>"


def text_html(description: str | None, location: str | None = None, sources: tuple[Source, ...] = ()) -> str:
    """The HTML of a slide's ``text.text``: description, location and sources (as links), all escaped."""
    parts = []
    if description:
        parts.append(f'<p class="timeline-description">{escape(description)}</p>')
    if location:
        parts.append(f'<p class="timeline-location">{escape(location)}</p>')
    if sources:
        parts.append('<ul class="timeline-sources">' + "".join(_source_html(s) for s in sources) + "</ul>")
    return "".join(parts)


def text_fields(text: str) -> tuple[str | None, str | None, list[dict[str, str]]]:
    """Description, location and source tables from a slide's ``text.text``."""
    if not text:
        return None, None, []
    parsed = _parse_html(text)
    description = parsed.text("description")
    return description or None, parsed.text("location") or None, parsed.sources


# -- dates ------------------------------------------------------------------


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _grain(first: tuple[int, int, int], last: tuple[int, int, int]) -> int:
    """How many of year, month, day the span needs to be said exactly: 1, 2 or 3."""
    if first[1:] == (1, 1) and last[1:] == (12, 31):
        return 1
    if first[2] == 1 and last[2] == _days_in_month(last[0], last[1]):
        return 2
    return 3


def _object(ymd: tuple[int, int, int], grain: int) -> dict[str, int]:
    return dict(zip(("year", "month", "day"), ymd[:grain], strict=False))


def _timed_object(point: PartialDate, zone_name: str | None) -> dict[str, int]:
    """Year to millisecond of a time of day, on the wall clock of the event's zone."""
    assert point.time is not None
    hour, minute, second, micro = point.time
    first = _span(point)[0]
    year, month, day = first
    if point.utc_offset is not None and zone_name is not None:
        moment = point.earliest()
        assert isinstance(moment, datetime)
        local = moment.astimezone(event_zone(zone_name))
        year, month, day = local.year, local.month, local.day
        hour, minute, second, micro = local.hour, local.minute, local.second, local.microsecond
    out = {"year": year, "month": month, "day": day, "hour": hour, "minute": minute}
    if point.precision is Precision.SECOND or second or micro:
        out["second"] = second
    if micro:
        out["millisecond"] = micro // 1000
    return out


def _point_objects(point: PartialDate, zone_name: str | None) -> tuple[dict[str, int], dict[str, int] | None]:
    """The nearest honest start and end objects of one date: the span it may cover, said exactly."""
    if point.timed:
        return _timed_object(point, zone_name), None
    first, last = _span(point)
    # EDTF holds a month or day only in years of four digits: beyond them, whole years.
    grain = _grain(first, last) if max(abs(first[0]), abs(last[0])) <= 9999 else 1
    start, end = _object(first, grain), _object(last, grain)
    return start, (None if end == start else end)


def date_object(point: PartialDate, zone_name: str | None, *, end: bool) -> dict[str, int]:
    """The TimelineJS date object for one end of an interval: its first or last unit."""
    start_obj, end_obj = _point_objects(point, zone_name)
    return end_obj if end and end_obj is not None else start_obj


# YYYY, YYYY-MM (a month, not a season) or YYYY-MM-DD, unqualified.
_PLAIN_DATE_RE: Final = re.compile(r"([0-9]{4})(?:-(0[1-9]|1[0-2])(?:-([0-9]{2}))?)?")


def _plain(when: When) -> re.Match[str] | None:
    """The match of a plain year, month or day (years 0001-9999), else None."""
    text = when._text
    if len(text) not in (4, 7, 10) or text[:4] == "0000":
        return None
    return _PLAIN_DATE_RE.fullmatch(text)


def dates_of(when: When, zone_name: str | None) -> tuple[dict[str, int], dict[str, int] | None, str | None]:
    """``start_date``, ``end_date`` (None when there is none) and ``display_date`` (None when not needed).

    The objects hold only what is known (``2021-03`` is year and month) and
    cover the span the value may denote; a value they cannot say exactly
    (a season, a week, ``c. 2019``, ``the 1960s``, an open end) also gets a
    display date in words.
    """
    if (plain := _plain(when)) is not None:
        # A plain year, month or day (most dates): the object says it exactly, and nothing more is needed.
        year, month, day = plain.groups()
        found = {"year": int(year)}
        if month is not None:
            found["month"] = int(month)
            if day is not None:
                found["day"] = int(day)
        return found, None, None
    # Moving one end of an interval to the zone's wall clock can put it past
    # the other end (a time late on a day, an end on that day); then UTC's
    # clock, then the clocks the ends were written on, say it in order.
    for clock in dict.fromkeys((zone_name, "UTC", None)):
        start_obj, end_obj = _objects(when, clock)
        try:
            said = when_of(start_obj, end_obj, "")
            break
        except ParseError:
            if clock is None:
                raise
    display = None
    if str(said) != str(when):
        display = describe(when, tz=zone_name if when.floating else None)
    return start_obj, end_obj, display


def _objects(when: When, zone_name: str | None) -> tuple[dict[str, int], dict[str, int] | None]:
    start, end = when.start, when.end
    if not when.is_interval and not when.is_set:
        assert start is not None
        start_obj, end_obj = _point_objects(start, zone_name)
    elif start is not None and end is not None:
        start_obj = date_object(start, zone_name, end=False)
        end_obj = date_object(end, zone_name, end=True)
    else:
        # One end unknown or open (an interval's, or a set's): TimelineJS needs a start, so the known end gives it.
        known = start if start is not None else end
        if known is None:  # a set open at both ends ([..1900,1950..]): its first member's end
            known = when.members()[0].end
        assert known is not None
        start_obj, end_obj = _point_objects(known, zone_name)
    return start_obj, None if end_obj == start_obj else end_obj


def _number(value: object, field: str, low: int | None = None, high: int | None = None) -> int | None:
    """A date part: a number or digit string (TimelineJS takes both); None for absent or empty."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
        number = int(value.strip())
    elif type(value) is int:
        number = value
    elif type(value) is float and value.is_integer():
        number = int(value)
    else:
        raise ParseError(f"{field!r} must be a whole number, got {value!r}", field=field)
    if (low is not None and number < low) or (high is not None and number > high):
        raise ParseError(f"{field!r} must be between {low} and {high}, got {value!r}", field=field)
    return number


_RANGES = {
    "month": (1, 12),
    "day": (1, 31),
    "hour": (0, 23),
    "minute": (0, 59),
    "second": (0, 59),
    "millisecond": (0, 999),
}


def _point_text(data: Mapping[str, object], where: str) -> str:
    """EDTF text of one TimelineJS date object."""
    parts: dict[str, int | None] = {}
    for name in DATE_FIELDS:
        low, high = _RANGES.get(name, (None, None))
        try:
            parts[name] = _number(data.get(name), name, low, high)
        except ParseError as exc:
            raise exc.located(field=where) from None
    year = parts["year"]
    if year is None:
        raise ParseError(f"a date needs a year, got {dict(data)!r}", field=where)
    if parts["hour"] is not None and parts["minute"] is None:
        parts["minute"] = 0  # TimelineJS takes an hour alone as that hour, on the hour
    # Each part needs the one above it: a day without a month says nothing.
    for finer, coarser in zip(DATE_FIELDS[2:], DATE_FIELDS[1:], strict=False):
        if parts[finer] is not None and parts[coarser] is None:
            raise ParseError(f"a date with a {finer} needs a {coarser}, got {dict(data)!r}", field=where)
    if abs(year) > 9999:
        if parts["month"] is not None:
            raise ParseError(f"a year beyond 9999 cannot carry a month in EDTF, got {dict(data)!r}", field=where)
        return f"Y{year}"
    text = f"-{-year:04d}" if year < 0 else f"{year:04d}"
    if parts["month"] is not None:
        text += f"-{parts['month']:02d}"
    if parts["day"] is not None:
        text += f"-{parts['day']:02d}"
    if parts["hour"] is not None:
        text += f"T{parts['hour']:02d}:{parts['minute']:02d}"
        if parts["second"] is not None:
            text += f":{parts['second']:02d}"
            if parts["millisecond"] is not None:
                text += f".{parts['millisecond']:03d}"
    return text


def when_of(start: Mapping[str, object], end: Mapping[str, object] | None, where: str) -> When:
    """The When that TimelineJS date objects say: one date, or an interval when an end is given."""
    field = f"{where}." if where else ""
    if not isinstance(start, Mapping):
        raise ParseError(f"'start_date' must be a table with a year, got {start!r}", field=f"{field}start_date")
    first = _point_text(start, f"{field}start_date")
    if end is None:
        text = first
    else:
        if not isinstance(end, Mapping):
            raise ParseError(f"'end_date' must be a table with a year, got {end!r}", field=f"{field}end_date")
        last = _point_text(end, f"{field}end_date")
        text = first if last == first else f"{first}/{last}"
    try:
        return When(text)
    except ParseError as exc:
        raise ParseError(exc.message, field=f"{field}start_date" if end is None else where or None) from None


# -- slides -----------------------------------------------------------------


_warn = warn


def media_of(media: Media, where: str) -> dict[str, str] | None:
    """The slide's media object; None (with a warning) for a URL TimelineJS must not load."""
    if not safe_url(media.url):
        _warn(f"{where}.url {media.url!r} is not an http(s) or relative URL; the media is left out")
        return None
    out = {"url": media.url}
    for key in ("caption", "credit"):
        value = getattr(media, key)
        if value is not None:
            out[key] = escape(value)
    if media.thumbnail is not None:
        if safe_url(media.thumbnail):
            out["thumbnail"] = media.thumbnail
        else:
            _warn(f"{where}.thumbnail {media.thumbnail!r} is not an http(s) or relative URL; it is left out")
    if media.alt is not None:
        out["alt"] = media.alt
    return out


def background_of(value: object, where: str) -> dict[str, str] | None:
    """A kept ``background`` table, if it is one TimelineJS can use safely (a URL and/or a colour)."""
    if not isinstance(value, Mapping):
        _warn(f"{where} must be a table of url and color, got {value!r}; it is left out")
        return None
    out = {}
    url, color = value.get("url"), value.get("color")
    if isinstance(url, str) and url and " " not in url and safe_url(url):
        out["url"] = url
    if isinstance(color, str) and _COLOR.fullmatch(color):
        out["color"] = color
    if not out or set(value) - {"url", "color"} or len(out) != len(value):
        _warn(f"{where} {dict(value)!r} is not a background TimelineJS can use (an http(s) url, a color)")
        return out or None
    return out


def _scale(timeline: Timeline) -> str | None:
    kept = timeline.extra.get("scale")
    if isinstance(kept, str):
        return kept
    whens = [event.when for event in timeline.events] + [era.when for era in timeline.eras]
    for when in whens:
        if _plain(when):
            continue  # four-digit years
        for point in (when.start, when.end):
            if point is not None and max(abs(y) for y in (_span(point)[0][0], _span(point)[1][0])) > _HUMAN_YEARS:
                return "cosmological"
    return None


def _event_slide(event: Event, index: int, zone_name: str | None, *, status: bool = False) -> Slide:
    where = f"events[{index}]"
    own_zone = event.tz or zone_name
    start, end, display = dates_of(event.when, own_zone)
    slide: Slide = {"start_date": start}
    if end is not None:
        slide["end_date"] = end
    headline = escape(event.title)
    text = {"headline": _status_headline(headline, event.status) if status else headline}
    body = text_html(event.description, event.location, event.sources)
    if body:
        text["text"] = body
    slide["text"] = text
    if event.media is not None:
        media = media_of(event.media, f"{where}.media")
        if media is not None:
            slide["media"] = media
    if event.group is not None:
        slide["group"] = double_escape(event.group)
    if event.recurrence is not None:
        # A repeating event is drawn once, at its first occurrence: the date says the rule.
        display = describe(event.when, tz=own_zone if event.when.floating else None, recurrence=event.recurrence)
    kept = event.extra.get("display_date")
    if isinstance(kept, str):
        display = kept  # a display date read from TimelineJS data goes back as it came
    if display is not None:
        slide["display_date"] = double_escape(display)
    if "background" in event.extra:
        background = background_of(event.extra["background"], f"{where}.background")
        if background is not None:
            slide["background"] = background
    if isinstance(event.extra.get("autolink"), bool):
        slide["autolink"] = event.extra["autolink"]
    slide["unique_id"] = event.id
    return slide


def _era_slide(era: Era, zone_name: str | None) -> Slide:
    start, end, display = dates_of(era.when, zone_name)
    text = {"headline": escape(era.title)}
    if era.description:
        text["text"] = text_html(era.description)
    # TimelineJS draws an era from its start to its end, so it always needs both.
    slide: Slide = {"start_date": start, "end_date": end if end is not None else dict(start), "text": text}
    if display is not None:
        slide["display_date"] = double_escape(display)
    return slide


def slides_of(
    timeline: Timeline,
    *,
    unplaceable_dates: str = "keep",
    cancelled: str = "keep",
    status: bool = False,
    events: list[tuple[int, Event]] | None = None,
) -> dict[str, Any]:
    """The TimelineJS3 data of ``timeline``: title slide, events, eras, scale.

    Args:
        timeline: What to draw.
        unplaceable_dates: ``"omit"`` leaves out (with a warning) events an
            axis cannot place; ``"keep"`` (for the spreadsheet) keeps all.
        cancelled: ``"omit"`` leaves cancelled events out; anything else keeps them.
        status: Mark tentative and cancelled events in their headlines.
        events: The events to draw, with their indexes, when the caller has
            already chosen them with :func:`drawable` (and warned).
    """
    data: dict[str, Any] = {}
    title_media = timeline.extra.get("media")
    title_background = timeline.extra.get("background")
    if timeline.title or timeline.description or title_media is not None or title_background is not None:
        title: Slide = {"text": {"headline": escape(timeline.title)}}
        if timeline.description:
            title["text"]["text"] = text_html(timeline.description)
        if title_media is not None:
            try:
                media = media_of(Media.coerce(title_media), "media")
            except ParseError as exc:
                _warn(f"media: {exc.message}; the title slide's media is left out")
                media = None
            if media is not None:
                title["media"] = media
        if title_background is not None:
            background = background_of(title_background, "background")
            if background is not None:
                title["background"] = background
        data["title"] = title
    if events is None and (unplaceable_dates == "omit" or cancelled == "omit"):
        events = drawable(timeline, unplaceable_dates=unplaceable_dates, cancelled=cancelled)
    elif events is None:
        events = list(enumerate(timeline.events))
        if status and not events:
            _warn("the timeline has no events; TimelineJS shows an error for data without events")
    data["events"] = [_event_slide(event, index, timeline.tz, status=status) for index, event in events]
    if timeline.eras:
        data["eras"] = [_era_slide(era, timeline.tz) for era in timeline.eras]
    scale = _scale(timeline)
    if scale is not None:
        data["scale"] = scale
    return data


# -- what an axis can place, and status ------------------------------------

UNPLACEABLE = ("omit", "keep")
"""What the TimelineJS writers do with a date an axis cannot place: leave the event out (warning), or keep it."""
CANCELLED = ("strike", "omit")
"""What they do with a cancelled event: strike its headline through, or leave it out."""

# A date known to no better than this many years would squash every other event on the axis.
_WIDEST_PLACEABLE_YEARS = 100
# TimelineJS's cosmological scale counts years in JavaScript numbers: exact up to 2**53.
_LARGEST_YEAR = 2**53
# Exactly what the writer adds, so a title's own spaces stay its own.
_STATUS_RE = re.compile(r' <span class="timeline-status">\((tentative|cancelled)\)</span>$')
_STRUCK_RE = re.compile(r"^<s>(.*)</s>$", re.DOTALL)


def unplaceable(when: When) -> str | None:
    """Why a TimelineJS axis cannot place ``when`` sensibly, or None when it can.

    >>> unplaceable(When("XXXX-06-06")), unplaceable(When("2021-06/..")), unplaceable(When("2021"))
    ('its year is not known to within 100 years', 'its end is open or unknown', None)
    """
    if _plain(when):
        return None  # a four-digit year, month or day
    if when.start is None:
        return "its start is open or unknown"
    if when.end is None:
        return "its end is open or unknown"
    for point in (when.start, when.end):
        (first, _, _), (last, _, _) = _span(point)
        if max(abs(first), abs(last)) > _LARGEST_YEAR:
            return f"its year is beyond what TimelineJS can place (more than {_LARGEST_YEAR:,} years from 0)"
        if last - first >= _WIDEST_PLACEABLE_YEARS:
            return f"its year is not known to within {_WIDEST_PLACEABLE_YEARS} years"
    return None


def drawable(timeline: Timeline, *, unplaceable_dates: str, cancelled: str) -> list[tuple[int, Event]]:
    """The events a TimelineJS writer draws, with their index, after its options; warns for each one left out."""
    kept = []
    for index, event in enumerate(timeline.events):
        reason = unplaceable(event.when) if unplaceable_dates == "omit" else None
        if reason is not None:
            _warn(
                f"event {event.id!r} ({event.title!r}, {describe(event.when)}) is left out of the TimelineJS "
                f"timeline: {reason}; unplaceable='keep' draws it anyway"
            )
            continue
        if cancelled == "omit" and event.status is Status.CANCELLED:
            continue
        kept.append((index, event))
    if not kept:
        _warn("the timeline has no events TimelineJS can draw; the page says so instead of drawing it")
    return kept


def _status_headline(headline: str, status: Status) -> str:
    if status is Status.TENTATIVE:
        return f'{headline} <span class="timeline-status">(tentative)</span>'
    if status is Status.CANCELLED:
        return f'<s>{headline}</s> <span class="timeline-status">(cancelled)</span>'
    return headline


def _read_status(headline: str) -> tuple[str, str | None]:
    """A headline without the status marker the writers add, and the status it gave."""
    match = _STATUS_RE.search(headline)
    if match is None:
        return headline, None
    status = match.group(1)
    rest = headline[: match.start()]
    if status == "cancelled":
        struck = _STRUCK_RE.match(rest)
        rest = struck.group(1) if struck else rest
    return rest, status


# -- reading ----------------------------------------------------------------


def _text_of(value: object, field: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ParseError(f"{field.rsplit('.', 1)[-1]!r} must be text, got {value!r}", field=field)
    return value


def _table(value: object, field: str) -> Mapping[str, object]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ParseError(f"{field.rsplit('.', 1)[-1]!r} must be a table, got {value!r}", field=field)
    return value


def _media_from(value: object, field: str) -> dict[str, str] | None:
    table = _table(value, field)
    url = _text_of(table.get("url"), f"{field}.url").strip()
    if not url:
        return None
    media = {"url": url}
    for key in ("caption", "credit"):
        text = html_to_text(_text_of(table.get(key), f"{field}.{key}"))
        if text:
            media[key] = text
    for key in ("thumbnail", "alt"):
        text = _text_of(table.get(key), f"{field}.{key}")
        if text:
            media[key] = text.strip() if key == "thumbnail" else text
    return media


def _sources_from(found: list[dict[str, str]]) -> list[dict[str, str]]:
    sources = []
    for source in found:
        table = {key: value for key, value in source.items() if value != ""}
        if "title" in table or "url" in table:
            sources.append(table)
    return sources


_READ_KEYS = frozenset(("start_date", "end_date", "text", "media", "group", "display_date", "unique_id"))


def _event_from(slide: object, where: str) -> dict[str, Any]:
    """The authoring fields of one slide; errors name the slide."""
    if not isinstance(slide, Mapping):
        raise ParseError(f"each slide must be a table, got {slide!r}", field=where)
    if "start_date" not in slide:
        raise ParseError("a slide needs a 'start_date' with a year", field=f"{where}.start_date")
    end = slide.get("end_date")
    when = when_of(_table(slide["start_date"], f"{where}.start_date"), None if end in (None, "", {}) else end, where)
    text = _table(slide.get("text"), f"{where}.text")
    headline, status = _read_status(_text_of(text.get("headline"), f"{where}.text.headline"))
    title = html_to_text(headline)
    description, location, sources = text_fields(_text_of(text.get("text"), f"{where}.text.text"))
    event: dict[str, Any] = {"title": title if title.strip() else describe(when), "when": str(when)}
    if status is not None:
        event["status"] = status
    unique_id = slide.get("unique_id")
    if unique_id not in (None, ""):
        event["id"] = unique_id
    if description is not None:
        event["description"] = description
    if location is not None:
        event["location"] = location
    if sources:
        event["sources"] = _sources_from(sources)
    group = _text_of(slide.get("group"), f"{where}.group")
    if group:
        event["group"] = double_unescape(group)
    media = _media_from(slide.get("media"), f"{where}.media")
    if media is not None:
        event["media"] = media
    display = _text_of(slide.get("display_date"), f"{where}.display_date")
    extra: dict[str, Any] = {}
    if display:
        extra["display_date"] = double_unescape(display)
    for key, value in slide.items():
        if key not in _READ_KEYS:
            extra[key] = value  # background, autolink and anything else TimelineJS may use
    if extra:
        event["extra"] = extra
    return event


def _era_from(slide: object, where: str) -> Era:
    if not isinstance(slide, Mapping):
        raise ParseError(f"each era must be a table, got {slide!r}", field=where)
    if "start_date" not in slide:
        raise ParseError("an era needs a 'start_date' with a year", field=f"{where}.start_date")
    end = slide.get("end_date")
    when = when_of(_table(slide["start_date"], f"{where}.start_date"), None if end in (None, "", {}) else end, where)
    text = _table(slide.get("text"), f"{where}.text")
    title = html_to_text(_text_of(text.get("headline"), f"{where}.text.headline"))
    description, _, _ = text_fields(_text_of(text.get("text"), f"{where}.text.text"))
    return Era(title=title if title.strip() else describe(when), when=when, description=description)


def timeline_of(
    data: object, *, fail: Callable[[ParseError, str], ParseError] = lambda exc, field: exc.located(field=field)
) -> Timeline:
    """A Timeline from TimelineJS3 data; ``fail`` places an error (adds its line, for one)."""
    if not isinstance(data, Mapping):
        raise ParseError(f"TimelineJS data must be a table with 'events', got {type(data).__name__}")
    raw_events = data.get("events")
    if not isinstance(raw_events, list):
        raise fail(ParseError(f"'events' must be a list of slides, got {raw_events!r}"), "events")
    events = []
    derived: dict[str, int] = {}
    for index, slide in enumerate(raw_events):
        where = f"events[{index}]"
        try:
            fields = _event_from(slide, where)
            event = event_from_dict(fields, warn_near_misses=False)
        except ParseError as exc:
            raise fail(exc if exc.field and exc.field.startswith(where) else exc.located(field=where), "") from exc
        if "id" not in fields:
            # TimelineJS draws two identical slides twice; so do we, with numbered ids.
            seen = derived[event.id] = derived.get(event.id, 0) + 1
            if seen > 1:
                event = attrs.evolve(event, id=f"{event.id}-{seen}")
        events.append(event)
    eras = []
    raw_eras = data.get("eras", [])
    if not isinstance(raw_eras, list):
        raise fail(ParseError(f"'eras' must be a list, got {raw_eras!r}"), "eras")
    for index, slide in enumerate(raw_eras):
        where = f"eras[{index}]"
        try:
            eras.append(_era_from(slide, where))
        except ParseError as exc:
            raise fail(exc if exc.field and exc.field.startswith(where) else exc.located(field=where), "") from exc
    title, description = "", None
    extra: dict[str, Any] = {}
    title_slide = data.get("title")
    if title_slide is not None:
        table = _table(title_slide, "title")
        text = _table(table.get("text"), "title.text")
        title = html_to_text(_text_of(text.get("headline"), "title.text.headline"))
        description = text_fields(_text_of(text.get("text"), "title.text.text"))[0]
        media = _media_from(table.get("media"), "title.media")
        if media is not None:
            extra["media"] = media
        if table.get("background") is not None:
            extra["background"] = table["background"]
    for key, value in data.items():
        if key not in ("title", "events", "eras"):
            extra[key] = value
    try:
        return Timeline(title=title, description=description, events=events, eras=eras, extra=extra)
    except ParseError as exc:
        raise fail(exc, "") from exc
