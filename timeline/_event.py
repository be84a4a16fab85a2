"""Event and its parts: Source, Media, Geo and Status.

Construction converts and validates plain values (lists, dicts, strings), so
an ``Event`` built from a parsed file is as checked as one built in code.
Errors are ``ParseError``s that name the field and quote the value. Text is
kept exactly as given: writers escape it for their targets.
"""

from __future__ import annotations

import enum
import functools
import hashlib
import math
import re
import zoneinfo
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from datetime import date as _date
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, TypeAlias, TypeVar, Union, cast

import attrs
from dateutil.rrule import rrulestr

from timeline import limits
from timeline._warn import warn
from timeline._when import _DAY_US, _WALL_DAYS, Key, PartialDate, Precision, When, _wall_to_utc
from timeline.errors import OutOfRangeError, ParseError

__all__ = ["Event", "Geo", "JSONValue", "Media", "Source", "Status"]

JSONValue: TypeAlias = Union[str, int, float, bool, list["JSONValue"], dict[str, "JSONValue"], None]  # noqa: UP007
"""Data that JSON can hold: what ``extra`` fields may contain."""

_T = TypeVar("_T")
_NO_SPACE_RE = re.compile(r"\S+")
_SCHEME_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:\S+")


def _surrogate(value: str) -> bool:  # lone surrogates cannot be written as UTF-8: refused at the door
    """Whether non-ASCII ``value`` holds a lone surrogate: UTF-8 cannot encode one (faster than a search)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _bad(field: str, message: str) -> ParseError:
    return ParseError(message, field=field)


@functools.lru_cache(maxsize=512)
def zone(name: str) -> zoneinfo.ZoneInfo:
    """The IANA zone ``name``, or a ParseError saying it does not exist.

    >>> zone("America/Guatemala")
    zoneinfo.ZoneInfo(key='America/Guatemala')
    """
    if not isinstance(name, str) or not name or name != name.strip():
        raise _bad("tz", f"'tz' must be an IANA time zone name, got {name!r}")
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise _bad("tz", f"'tz' must be an IANA time zone name, got {name!r}") from exc


def _check_text(field: str, value: object, *, required: bool = False) -> str | None:
    """Accept text (any Unicode, kept verbatim) or, unless required, None."""
    if isinstance(value, str):
        if required and not value.strip():
            raise _bad(field, f"{field!r} must not be blank, got {value!r}")
        if not value.isascii() and _surrogate(value):
            raise _bad(field, f"{field!r} must be Unicode text, got a lone surrogate in {value!r}")
        return value
    if value is None and not required:
        return None
    raise _bad(field, f"{field!r} must be text, got {value!r}")


def _check_url(field: str, value: object, *, absolute: bool) -> str | None:
    if value is None:
        return None
    if absolute and type(value) is str and value.isascii() and _SCHEME_RE.fullmatch(value):
        return value  # the scheme pattern holds no space, and ASCII no surrogate
    if not isinstance(value, str) or not _NO_SPACE_RE.fullmatch(value):
        raise _bad(field, f"{field!r} must be a URL without spaces, got {value!r}")
    if not value.isascii() and _surrogate(value):
        raise _bad(field, f"{field!r} must be Unicode text, got a lone surrogate in {value!r}")
    if absolute and not _SCHEME_RE.fullmatch(value):
        raise _bad(field, f"{field!r} must be an absolute URL such as https://..., got {value!r}")
    return value


# attrs wants one named converter per field (its mypy plugin reads them).
def _convert_title(value: object) -> str:
    text = _check_text("title", value, required=True)
    assert text is not None
    return text


def _convert_description(value: object) -> str | None:
    return _check_text("description", value)


def _convert_location(value: object) -> str | None:
    return _check_text("location", value)


def _convert_group(value: object) -> str | None:
    return _check_text("group", value)


def _convert_url(value: object) -> str | None:
    return _check_url("url", value, absolute=True)


def _convert_source_title(value: object) -> str | None:
    return _check_text("title", value)


def _convert_source_url(value: object) -> str | None:
    return _check_url("url", value, absolute=True)


def _convert_publisher(value: object) -> str | None:
    return _check_text("publisher", value)


def _convert_media_url(value: object) -> str:
    url = _check_url("url", value, absolute=False)
    if url is None:
        raise ParseError("media needs a url")
    return url


def _convert_caption(value: object) -> str | None:
    return _check_text("caption", value)


def _convert_credit(value: object) -> str | None:
    return _check_text("credit", value)


def _convert_thumbnail(value: object) -> str | None:
    return _check_url("thumbnail", value, absolute=False)


def _convert_alt(value: object) -> str | None:
    return _check_text("alt", value)


def _convert_lat(value: object) -> float:
    return _convert_float("lat", value, -90.0, 90.0)


def _convert_lon(value: object) -> float:
    return _convert_float("lon", value, -180.0, 180.0)


def _convert_when(value: object, field: str = "when") -> When:
    if isinstance(value, When):
        return value
    if isinstance(value, str):
        try:
            return When(value)
        except ParseError as exc:
            raise _bad(field, f"{field!r} must be an EDTF date, got {value!r}: {_why(exc)}") from exc
    if isinstance(value, date):
        return When.from_date(value)
    raise _bad(field, f"{field!r} must be an EDTF date such as '2021-06-06', got {value!r}")


def _python_when(value: object, tz: str | None) -> tuple[When, str | None]:
    """A When (and zone name) from a date, a datetime or a ``(start, end)`` pair of them.

    An aware datetime whose tzinfo is a ``ZoneInfo`` gives its wall-clock
    time and sets the zone (unless ``tz`` is given: then the time is moved
    to ``tz``'s wall clock); one with a bare UTC offset keeps the offset.
    None as an end of a pair means that end is unknown.
    """
    pair = isinstance(value, tuple | list) and len(value) == 2
    ends: Sequence[object] = cast("Sequence[object]", value) if pair else (value,)
    if not all(end is None or isinstance(end, date) for end in ends) or all(end is None for end in ends):
        raise _bad("when", f"'when' must be an EDTF date, a date, a datetime or a (start, end) pair, got {value!r}")
    zone_name = tz
    if zone_name is None:
        zone_name = next(
            (end.tzinfo.key for end in ends if isinstance(end, datetime) and isinstance(end.tzinfo, zoneinfo.ZoneInfo)),
            None,
        )
    target = None if zone_name is None else zone(zone_name)
    texts = []
    for end in ends:
        if isinstance(end, datetime) and end.tzinfo is not None and target is not None:
            # Its wall-clock time in the zone (no conversion when it is already there).
            try:
                local = end if end.tzinfo is target else end.astimezone(target)
            except OverflowError:
                raise _bad("when", f"{end.isoformat()} in {zone_name} falls outside the years 1-9999") from None
            timespec = "microseconds" if end.microsecond else "seconds"
            texts.append(local.replace(tzinfo=None).isoformat(timespec=timespec))
            continue
        texts.append("" if end is None else When.from_date(cast("date", end))._text)
    return _convert_when("/".join(texts)), zone_name


def _why(exc: ParseError) -> str:
    # When's messages read "'x' is not a valid EDTF date: why"; keep the why.
    return exc.message.partition(": ")[2] or exc.message


def convert_tz(value: object) -> str | None:
    """Check that ``value`` is None or an IANA zone name, and return it."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise _bad("tz", f"'tz' must be an IANA time zone name, got {value!r}")
    zone(value)
    return value


def _convert_tags(value: object) -> tuple[str, ...]:
    # Lists and tuples skip the abstract-class checks, which cost a microsecond each.
    if type(value) not in (list, tuple) and (isinstance(value, str) or not isinstance(value, Iterable)):
        raise _bad("tags", f"'tags' must be a list of text, got {value!r}")
    tags: tuple[object, ...] = tuple(cast("Iterable[object]", value))
    for tag in tags:
        if type(tag) is str and tag.isascii() and tag.strip():
            continue
        if not isinstance(tag, str) or not tag.strip():
            raise _bad("tags", f"each tag must be non-blank text, got {tag!r}")
        _check_text("tags", tag)
    return cast("tuple[str, ...]", tags)


def _convert_float(field: str, value: object, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _bad(field, f"{field!r} must be a number, got {value!r}")
    number = float(value)
    if not math.isfinite(number) or not low <= number <= high:
        raise _bad(field, f"{field!r} must be between {low:g} and {high:g}, got {value!r}")
    return number


def _check_keys(what: str, data: Mapping[object, object], allowed: frozenset[str]) -> None:
    if not allowed.issuperset(data):
        key = next(key for key in data if key not in allowed)
        raise ParseError(f"{what} has no field {key!r} (it takes {', '.join(sorted(allowed))})")


@attrs.frozen(kw_only=True)
class Geo:
    """A point on Earth: latitude and longitude in degrees (WGS 84).

    >>> Geo(lat=14.6349, lon=-90.5069)
    Geo(lat=14.6349, lon=-90.5069)
    """

    lat: float = attrs.field(converter=_convert_lat)
    lon: float = attrs.field(converter=_convert_lon)

    @classmethod
    def coerce(cls, value: object) -> Geo:
        """A Geo from a Geo, a ``[lat, lon]`` pair or a ``{"lat":, "lon":}`` mapping."""
        if isinstance(value, Geo):
            return value
        if isinstance(value, Mapping):
            _check_keys("'geo'", value, frozenset(("lat", "lon")))
            if "lat" not in value or "lon" not in value:
                raise ParseError(f"'geo' needs both lat and lon, got {dict(value)!r}")
            return cls(lat=value["lat"], lon=value["lon"])
        if isinstance(value, list | tuple) and len(value) == 2:
            return cls(lat=value[0], lon=value[1])
        raise ParseError(f"'geo' must be [latitude, longitude], got {value!r}")


def _short_repr(self: object) -> str:
    """``Name(field=value, ...)`` without the fields that are None: valid Python, short."""
    parts = [
        f"{field.name}={value!r}"
        for field in attrs.fields(type(self))  # type: ignore[arg-type]
        if (value := getattr(self, field.name)) is not None
    ]
    return f"{type(self).__name__}({', '.join(parts)})"


# No __weakref__ slot: Source.__new__ builds on a twin class that needs the same layout.
@attrs.frozen(init=False, weakref_slot=False, repr=False)
class Source:
    """Where a fact comes from: a title and/or URL, a publisher, a date.

    >>> Source(title="Harris to visit Guatemala", publisher="CBS News", date="2021-06-02")
    Source(title='Harris to visit Guatemala', publisher='CBS News', date=When('2021-06-02'))
    """

    title: str | None
    url: str | None
    publisher: str | None
    date: When | None

    __repr__ = _short_repr

    if TYPE_CHECKING:
        # For type checkers only: attrs.evolve and the attrs plugin read __init__.
        def __init__(
            self,
            *,
            title: str | None = None,
            url: str | None = None,
            publisher: str | None = None,
            date: When | str | _date | None = None,
        ) -> None: ...

    def __new__(
        cls,
        *,
        title: str | None = None,
        url: str | None = None,
        publisher: str | None = None,
        date: When | str | _date | None = None,
    ) -> Source:
        return _build_source(cls, title, url, publisher, date)

    def __reduce__(self) -> tuple[object, ...]:
        # __new__ takes keywords only, which pickle's default protocol cannot pass.
        return (_rebuild, (type(self), attrs.asdict(self, recurse=False)))

    @classmethod
    def coerce(cls, value: object) -> Source:
        """A Source from a Source or a mapping of its fields."""
        if type(value) is dict and cls is Source and _SOURCE_FIELDS.issuperset(value):
            return _source_from_fields(value)
        if type(value) is dict or (not isinstance(value, Source) and isinstance(value, Mapping)):
            _check_keys("a source", value, _SOURCE_FIELDS)
            return cls(**value)
        if isinstance(value, Source):
            return value
        raise ParseError(f"each source must be a table of title, url, publisher, date; got {value!r}")


def _source_from_fields(data: dict[str, object]) -> Source:
    """``Source(**data)`` for a dict of its fields alone: no keywords to bind."""
    get = data.get
    return _build_source(Source, get("title"), get("url"), get("publisher"), get("date"))


def _build_source(cls: type[Source], title: Any, url: Any, publisher: Any, date: Any) -> Source:
    """A Source of ``cls`` from its fields' values: the one place that checks them (``Source(...)`` and readers)."""
    # Frozen by a class swap, as Event is: sources come by the thousand.
    self: Any = object.__new__(_SourceBuilder)
    self.title = title if title is None or (type(title) is str and title.isascii()) else _convert_source_title(title)
    self.url = None if url is None else _convert_source_url(url)
    self.publisher = (
        publisher
        if publisher is None or (type(publisher) is str and publisher.isascii())
        else _convert_publisher(publisher)
    )
    self.date = None if date is None else _convert_when(date, "date")
    if self.title is None and self.url is None:
        raise ParseError("a source needs a title or a url")
    self.__class__ = cls
    built: Source = self
    return built


@attrs.frozen(kw_only=True, repr=False)
class Media:
    """A picture, video or other media for an event, with caption and credit.

    ``url`` and ``thumbnail`` (a small picture for the timeline's navigation)
    may be relative (a path beside the document that shows it); ``alt`` is
    the text that stands for a picture for people who cannot see it.

    >>> Media(url="https://example.org/harris.jpg", credit="AFP")
    Media(url='https://example.org/harris.jpg', credit='AFP')
    """

    url: str = attrs.field(converter=_convert_media_url)
    caption: str | None = attrs.field(default=None, converter=_convert_caption)
    credit: str | None = attrs.field(default=None, converter=_convert_credit)
    thumbnail: str | None = attrs.field(default=None, converter=_convert_thumbnail)
    alt: str | None = attrs.field(default=None, converter=_convert_alt)

    __repr__ = _short_repr

    @classmethod
    def coerce(cls, value: object) -> Media:
        """A Media from a Media, a URL or a mapping of its fields."""
        if isinstance(value, Media):
            return value
        if isinstance(value, str):
            return cls(url=value)
        if isinstance(value, Mapping):
            _check_keys("'media'", value, _MEDIA_FIELDS)
            if "url" not in value:
                raise ParseError("'media' needs a url")
            return cls(**value)
        raise ParseError(f"'media' must be a table of url, caption, credit, thumbnail, alt; got {value!r}")


_MEDIA_FIELDS = frozenset(("url", "caption", "credit", "thumbnail", "alt"))


class Status(enum.StrEnum):
    """Whether an event happened or will happen as stated."""

    CONFIRMED = "confirmed"
    TENTATIVE = "tentative"
    CANCELLED = "cancelled"

    def __repr__(self) -> str:
        return f"Status.{self.name}"


def _convert_status(value: object) -> Status:
    if isinstance(value, Status):
        return value
    try:
        if not isinstance(value, str):
            raise ValueError
        return Status(value)
    except ValueError:
        raise _bad("status", f"'status' must be confirmed, tentative or cancelled, got {value!r}") from None


def _convert_sources(value: object) -> tuple[Source, ...]:
    if type(value) not in (list, tuple) and (isinstance(value, str | Mapping) or not isinstance(value, Iterable)):
        raise _bad("sources", f"'sources' must be a list of tables, got {value!r}")
    sources = []
    for index, item in enumerate(cast("Iterable[object]", value)):
        try:
            sources.append(Source.coerce(item))
        except ParseError as exc:
            raise exc.located(field=f"sources[{index}]") from exc
    return tuple(sources)


def _part(coerce: Callable[[object], _T], value: object, field: str) -> _T:
    """Build a part of an event; its errors are placed under ``field``."""
    try:
        return coerce(value)
    except ParseError as exc:
        raise exc.located(field=field) from exc


def _convert_id(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _bad("id", f"'id' must be non-blank text, got {value!r}")
    _check_text("id", value)
    return value


_SOURCE_FIELDS = frozenset(("title", "url", "publisher", "date"))
_RRULE_EXAMPLE = "'FREQ=WEEKLY;COUNT=4'"
_RRULE_RE = re.compile(r"(?=(?:.*;)?FREQ=)[A-Z]+=[A-Z0-9,:+\-]+(?:;[A-Z]+=[A-Z0-9,:+\-]+)*")


def _convert_recurrence(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _bad("recurrence", f"'recurrence' must be an RRULE such as {_RRULE_EXAMPLE}, got {value!r}")
    # One rule, RFC 5545's recurrence rule part; names and values compare
    # without regard to case there, so the canonical form is upper case.
    rule = value.strip().upper().removeprefix("RRULE:")
    if not _RRULE_RE.fullmatch(rule):
        raise _bad("recurrence", f"'recurrence' must be one RRULE such as {_RRULE_EXAMPLE}, got {value!r}")
    parts = {part.partition("=")[0] for part in rule.split(";")}
    if {"COUNT", "UNTIL"} <= parts:
        raise _bad("recurrence", f"'recurrence' may end by COUNT or by UNTIL, not both (RFC 5545), got {value!r}")
    try:
        # dateutil wants an aware start when UNTIL is given in UTC, as RFC 5545 allows.
        aware = "UNTIL=" in rule and rule.split("UNTIL=", 1)[1].split(";", 1)[0].endswith("Z")
        rrulestr(rule, dtstart=datetime(2000, 1, 1, tzinfo=UTC if aware else None))
    except (ValueError, TypeError) as exc:
        raise _bad(
            "recurrence", f"'recurrence' must be an RRULE such as {_RRULE_EXAMPLE}, got {value!r}: {exc}"
        ) from exc
    return rule


def _check_rule(rule: str, start: PartialDate) -> None:
    """Refuse a rule that cannot be expanded from ``start``: it would hang or fail in ``occurrences``."""
    from timeline._rules import check  # noqa: PLC0415 - dateutil's rrule only for recurring events

    try:
        first: date = start.earliest()
    except OutOfRangeError:  # a start no datetime holds: check the rule from a day that is one
        first = date(2000, 1, 1)
    moment = first if isinstance(first, datetime) else datetime(first.year, first.month, first.day)
    clock = start.text.partition("T")[2]
    seconds = len(clock.rstrip("Z").split("+")[0].split("-")[0]) > 5
    reason = check(rule, moment, timed=start.timed, seconds=seconds)
    if reason is not None:
        raise _bad("recurrence", f"'recurrence' {rule!r} cannot be expanded: {reason}")


def _convert_dates(field: str, value: object) -> tuple[When, ...]:
    """Days or times of an RDATE or EXDATE list: exact points, no intervals or partial dates."""
    if type(value) not in (list, tuple) and (isinstance(value, str | Mapping) or not isinstance(value, Iterable)):
        raise _bad(field, f"{field!r} must be a list of days or times, got {value!r}")
    dates = []
    for index, item in enumerate(cast("Iterable[object]", value)):
        where = f"{field}[{index}]"
        when = _convert_when(item, where)
        start = when.start
        if when.is_interval or when.is_set or start is None or start.precision < Precision.DAY or start.unspecified:
            raise _bad(where, f"{where!r} must be one whole day or time, got {str(when)!r}")
        dates.append(when)
    return tuple(dates)


def _freeze_json(value: object, where: str, depth: int = 0) -> JSONValue:
    """A deep copy of ``value`` if it is JSON data nested at most ``limits.NESTING`` deep, else a ParseError."""
    if isinstance(value, str):
        _check_text(where, value)
        return value
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _bad(where, f"{where!r} must be a finite number, got {value!r}")
        return value
    if isinstance(value, list | tuple | Mapping) and depth > limits.NESTING:
        raise _bad(where.partition(".")[0], f"'extra' is nested too deeply (more than {limits.NESTING} levels)")
    if isinstance(value, list | tuple):
        return [_freeze_json(item, f"{where}[{i}]", depth + 1) for i, item in enumerate(value)]
    if isinstance(value, Mapping):
        copy: dict[str, JSONValue] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise _bad(where, f"{where!r} keys must be text, got {key!r}")
            _check_text(where, key)
            copy[key] = _freeze_json(item, f"{where}.{key}", depth + 1)
        return copy
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise _bad(where, f"{where!r} must hold JSON data (text, numbers, lists, tables), got {value!r}")


def convert_extra(value: object, reserved: frozenset[str] = frozenset()) -> Mapping[str, JSONValue]:
    """Validate and copy extra fields into a read-only mapping.

    Keys in ``reserved`` (the fields of the record that holds them) are
    refused, so that writers can put extra fields beside the others.
    """
    if value is None or (isinstance(value, Mapping) and not value):
        return _EMPTY
    if not isinstance(value, Mapping):
        raise _bad("extra", f"'extra' must be a table, got {value!r}")
    taken = reserved.intersection(value)
    if taken:
        name = sorted(taken)[0]
        raise _bad("extra", f"'extra' cannot hold {name!r}, which is a field of its own")
    try:
        frozen = _freeze_json(value, "extra")
    except RecursionError:
        raise _bad("extra", f"'extra' is nested too deeply (more than {limits.NESTING} levels)") from None
    assert isinstance(frozen, dict)
    return MappingProxyType(frozen)


_EMPTY: Mapping[str, JSONValue] = MappingProxyType({})


def derive_id(title: str, when: When, location: str | None, group: str | None) -> str:
    """The id of an event that has none: a hash of its title, date, location and group.

    The same on every run and machine; it changes when any of those change,
    so give an explicit id to an event whose title may still be edited.

    >>> derive_id("Harris visits Guatemala", When("2021-06-07"), None, None)
    'ev-e08cb2fbd545a69c'
    """
    content = f"{when._text}\x1f{title}\x1f{location or ''}\x1f{group or ''}"
    return "ev-" + hashlib.blake2b(content.encode("utf-8"), digest_size=8).hexdigest()


class _OrderSlot:
    """A slot that is no field: the key that last ordered the event in a Timeline.

    Worked out on UTC's clock when the event is built (``_compute_order_key``),
    and again by a ``Timeline`` with a zone of its own, which keeps its own
    (see ``Timeline._order_key``): everything the key depends on is frozen,
    the wall clock is part of the key. Not a field, so equality, hashing,
    ``attrs.evolve``, ``asdict`` and pickling never see it.
    """

    __slots__ = ("_order",)

    # (day, lo, hi, text, title, id, zone of the clock): see Timeline._order_key.
    _order: tuple[int, int | float, int | float, str, str, str, str | None]


# No __weakref__ slot: Event.__new__ builds on a twin class that needs the same layout.
@attrs.frozen(init=False, weakref_slot=False, repr=False)
class Event(_OrderSlot):
    """Something that happened (or will), with when, where and why we know.

    Every argument is keyword-only; plain values are converted:

    >>> e = Event(title="Harris meets Giammattei", when="2021-06-07", tz="America/Guatemala",
    ...           tags=["diplomacy"], sources=[{"title": "CBS News", "url": "https://www.cbsnews.com/"}])
    >>> e.when, e.tags, e.sources[0].title
    (When('2021-06-07'), ('diplomacy',), 'CBS News')
    >>> e.id == Event(title="Harris meets Giammattei", when="2021-06-07").id
    True

    Without an ``id`` it gets one derived from its content (see
    :func:`derive_id`). ``attrs.evolve(event, title=...)`` makes a changed
    copy; the id stays unless the derived one was never given... so pass
    ``id=None`` to derive it afresh.

    Raises:
        ParseError: a field is invalid; ``field`` names it.
    """

    id: str
    title: str
    when: When
    tz: str | None
    description: str | None
    location: str | None
    geo: Geo | None
    url: str | None
    tags: tuple[str, ...]
    sources: tuple[Source, ...]
    group: str | None
    media: Media | None
    status: Status
    recurrence: str | None
    rdate: tuple[When, ...]
    exdate: tuple[When, ...]
    extra: Mapping[str, JSONValue] = attrs.field(hash=False, repr=lambda v: repr(dict(v)))

    if TYPE_CHECKING:
        # For type checkers only: attrs.evolve and the attrs plugin read __init__.
        def __init__(
            self,
            *,
            id: str | None = None,  # noqa: A002 - the documented field name
            title: str,
            when: When | str | date | tuple[date | None, date | None],
            tz: str | None = None,
            description: str | None = None,
            location: str | None = None,
            geo: Geo | Sequence[float] | Mapping[str, float] | None = None,
            url: str | None = None,
            tags: Iterable[str] = (),
            sources: Iterable[Source | Mapping[str, object]] = (),
            group: str | None = None,
            media: Media | Mapping[str, str] | str | None = None,
            status: Status | str = Status.CONFIRMED,
            recurrence: str | None = None,
            rdate: Iterable[When | str | date] = (),
            exdate: Iterable[When | str | date] = (),
            extra: Mapping[str, JSONValue] | None = None,
        ) -> None: ...

    def __new__(
        cls,
        *,
        id: str | None = None,  # noqa: A002 - the documented field name
        title: str,
        when: When | str | date | tuple[date | None, date | None],
        tz: str | None = None,
        description: str | None = None,
        location: str | None = None,
        geo: Geo | Sequence[float] | Mapping[str, float] | None = None,
        url: str | None = None,
        tags: Iterable[str] = (),
        sources: Iterable[Source | Mapping[str, object]] = (),
        group: str | None = None,
        media: Media | Mapping[str, str] | str | None = None,
        status: Status | str = Status.CONFIRMED,
        recurrence: str | None = None,
        rdate: Iterable[When | str | date] = (),
        exdate: Iterable[When | str | date] = (),
        extra: Mapping[str, JSONValue] | None = None,
        **unknown: object,
    ) -> Event:
        if unknown:
            raise TypeError(_unknown_keywords(unknown))
        return _build(
            cls, id, title, when, tz, description, location, geo, url, tags, sources,
            group, media, status, recurrence, rdate, exdate, extra, None,
        )  # fmt: skip

    def __reduce__(self) -> tuple[object, ...]:
        # __new__ takes keywords only, which pickle's default protocol cannot pass.
        fields = attrs.asdict(self, recurse=False)
        fields["extra"] = dict(self.extra)  # a mappingproxy does not pickle
        return (_rebuild, (type(self), fields))

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Event:
        """Build an event from a mapping of the authoring fields, as a file gives them.

        Keys that are not authoring fields are kept, as they came, in
        ``extra``; so is the content of an ``extra`` table, if any.

        >>> Event.from_dict({"title": "T", "when": "2021", "importance": 3}).extra
        mappingproxy({'importance': 3})

        Such a key that looks like a misspelt field (``"tagz"``) also gives
        a TimelineWarning that names the field it resembles.

        Raises:
            ParseError: a field is missing or invalid, or a key is given
                both inside ``extra`` and beside it.
        """
        return event_from_dict(data, cls)

    def __repr__(self) -> str:
        # Only what differs from the defaults, in field order: still valid
        # Python that builds an equal event, without 17 fields of noise.
        parts = []
        derived = derive_id(self.title, self.when, self.location, self.group)
        for name, default in _REPR_DEFAULTS:
            value = getattr(self, name)
            if name == "id":
                if value != derived:
                    parts.append(f"id={value!r}")
            elif name == "extra":
                if value:
                    parts.append(f"extra={dict(value)!r}")
            elif value != default or name in ("title", "when"):
                parts.append(f"{name}={value!r}")
        return f"{type(self).__name__}({', '.join(parts)})"

    def zoneinfo(self, default: str | None = None) -> zoneinfo.ZoneInfo | None:
        """The event's zone, else ``default``'s, else None."""
        name = self.tz or default
        return None if name is None else zone(name)


def _check_recurrence(event: Any) -> None:
    """Refuse a recurrence (or rdate, or exdate) that the event's ``when`` and fields cannot carry."""
    if event.recurrence is not None or event.rdate:
        when = event.when
        start = when.start
        if start is None or start.precision < Precision.DAY or start.unspecified or when.is_set:
            kind = "a start day or time, not a set" if when.is_set else "a start day or time"
            raise _bad(
                "recurrence" if event.recurrence is not None else "rdate",
                f"a recurring event needs {kind}, got 'when' {str(when)!r}",
            )
        if event.recurrence is not None:
            _check_rule(event.recurrence, start)
    elif event.exdate:
        raise _bad("exdate", "'exdate' removes occurrences of a 'recurrence' or 'rdate', and there is none")


_DAY_LIMIT: Final = 2**30 - 1  # keeps day numbers within one digit of a Python int
_US_LIMIT: Final = (_DAY_LIMIT - 1) * _DAY_US  # keys inside it give days inside the limit as they are


def _compute_order_key(event: Any, view: str | None) -> tuple[int, Key, Key, str, str, str, str | None]:
    """The key that orders ``event`` in a Timeline whose clock is zone ``view`` (UTC's when None).

    ``(day, lo, hi, text, title, id, view)``: see ``Timeline._order_key``.
    ``event`` may be an Event or the builder of one (it reads ``when``,
    ``tz``, ``title`` and ``id`` alone): every event is built with its key
    on UTC's clock worked out (``_order``), a handful of operations, so
    that sorting fresh events into a Timeline without a zone costs little
    more than ``sorted()`` on ready keys.
    """
    when = event.when
    own = event.tz
    lo, hi, text = when._lo, when._hi, when._text
    if own is None and view is None:
        pass  # dates and floating times on UTC's clock, as they are; instants are on it already
    elif own is not None and view is None and len(when._kinds) <= 2:
        # The common zoned case, an event in its own zone on UTC's clock,
        # without When.key's calls: what it does, with the offsets by day
        # from _WALL_DAYS. Instants are on UTC's clock already.
        if not when._aware:
            days = _WALL_DAYS.get(own)
            if type(lo) is int:
                offset = None if days is None else days.get(lo // _DAY_US)
                lo = _wall_to_utc(lo, own, zone(own)) if offset is None else lo - offset
            if type(hi) is int:
                offset = None if days is None else days.get(hi // _DAY_US)
                hi = _wall_to_utc(hi, own, zone(own)) if offset is None else hi - offset
            hi = max(hi, lo)  # moving through a daylight-saving fold can reorder a short interval's ends
    elif (own is not None and own != view) or (when._aware and view is not None):
        view_zone = None if view is None else zone(view)
        name = own or view
        lo, hi, text = when.key(None if name is None else zone(name), view=view_zone)
    if -_US_LIMIT < lo < _US_LIMIT:  # nearly always: no clamping to do
        return (lo // _DAY_US, lo, hi, text, event.title, event.id, view)  # an int here
    if type(lo) is int:
        day = min(max(lo // _DAY_US, -_DAY_LIMIT + 1), _DAY_LIMIT - 1)
    else:
        day = -_DAY_LIMIT if lo < 0 else _DAY_LIMIT
    return (day, lo, hi, text, event.title, event.id, view)


def _rebuild(cls: type[Any], fields: dict[str, Any]) -> Any:
    return cls(**fields)


def _twin(frozen: type) -> type:
    """A plain class with ``frozen``'s slots, in order: filled by plain assignment,
    then turned into ``frozen`` by setting ``__class__`` (the layouts match).

    A subclass of the frozen class that restores ``object.__setattr__`` would
    do too, but each of its assignments goes through a Python-level lookup,
    which costs more than the rest of building an event.
    """
    slots = frozen.__slots__  # type: ignore[attr-defined]
    return type(f"_{frozen.__name__}Builder", frozen.__bases__, {"__slots__": slots, "__module__": __name__})


_SourceBuilder = _twin(Source)
_EventBuilder = _twin(Event)


AUTHORING_FIELDS = frozenset(field.name for field in attrs.fields(Event)) - {"extra"}
"""The event fields a file may hold; every other key is kept in ``extra``."""
_RESERVED = AUTHORING_FIELDS | {"extra"}


_DEFAULTS: dict[str, object] = {"tags": (), "sources": (), "status": Status.CONFIRMED, "rdate": (), "exdate": ()}
_REPR_DEFAULTS: tuple[tuple[str, object], ...] = tuple(
    (field.name, None if field.name in ("id", "title", "when") else _DEFAULTS.get(field.name))
    for field in attrs.fields(Event)
)


def near_miss(key: str, fields: frozenset[str]) -> list[str]:
    """The field ``key`` looks like a misspelling of, as a list of at most one."""
    import difflib  # noqa: PLC0415 - only when a key is unknown

    return difflib.get_close_matches(key, sorted(fields), n=1, cutoff=0.75)


def _unknown_keywords(unknown: Mapping[str, object]) -> str:
    names = []
    for key in sorted(unknown):
        close = near_miss(key, _RESERVED)
        names.append(f"{key!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
    fields = ", ".join(sorted(_RESERVED))
    return f"Event() got unexpected keyword arguments {', '.join(names)}; its fields are {fields}"


def event_from_dict(data: Mapping[str, object], cls: type[Event] = Event, *, warn_near_misses: bool = True) -> Event:
    """:meth:`Event.from_dict`; readers pass ``warn_near_misses=False`` and warn with the file and line."""
    if not AUTHORING_FIELDS.issuperset(data):
        if warn_near_misses:
            for key in data:
                if key not in _RESERVED and (close := near_miss(str(key), AUTHORING_FIELDS)):
                    warn(f"unknown field {key!r} kept in extra; did you mean {close[0]!r}?")
        data = _gather_extra(data)
    if cls is Event:
        return event_from_fields(data)
    if "title" not in data or "when" not in data:
        required = "title" if "title" not in data else "when"
        raise _bad(required, f"an event needs {required!r}")
    return cls(**data)  # type: ignore[arg-type]


_WHENS_LIMIT: Final = 100_000


def event_from_fields(data: Mapping[str, object], whens: dict[str, When] | None = None) -> Event:
    """``Event(**data)`` for a mapping that holds authoring fields alone, as readers mostly give.

    Read straight from the mapping into :func:`_build`, where ``Event(...)``
    builds too: no keyword arguments to bind, which cost more than the
    checks. A missing ``title`` or ``when`` gives the error
    ``Event.from_dict`` gives. ``whens``: see :func:`_build`.
    """
    if "title" not in data or "when" not in data:
        required = "title" if "title" not in data else "when"
        raise _bad(required, f"an event needs {required!r}")
    get = data.get
    if _COMMON_FIELDS.issuperset(data):  # no rarer field: their defaults, without asking for them
        return _build(
            Event, get("id"), data["title"], data["when"], get("tz"), get("description"), get("location"),
            None, get("url"), get("tags", ()), get("sources", ()), None, None, Status.CONFIRMED, None, (), (), None,
            whens,
        )  # fmt: skip
    return _build(
        Event, get("id"), data["title"], data["when"], get("tz"), get("description"), get("location"),
        get("geo"), get("url"), get("tags", ()), get("sources", ()), get("group"), get("media"),
        get("status", Status.CONFIRMED), get("recurrence"), get("rdate", ()), get("exdate", ()), get("extra"),
        whens,
    )  # fmt: skip


# Fields most events have; an event with others gives them all.
_COMMON_FIELDS: Final = frozenset(("id", "title", "when", "tz", "description", "location", "url", "tags", "sources"))


def _build(  # every field, positionally: binding keywords costs more than the checks
    cls: type[Event],
    id: Any,  # noqa: A002 - the field's name
    title: Any,
    when: Any,
    tz: Any,
    description: Any,
    location: Any,
    geo: Any,
    url: Any,
    tags: Any,
    sources: Any,
    group: Any,
    media: Any,
    status: Any,
    recurrence: Any,
    rdate: Any,
    exdate: Any,
    extra: Any,
    whens: dict[str, When] | None,
) -> Event:
    """An Event of ``cls`` from its fields' values: the one place that checks and converts them.

    ``Event(...)`` and the readers (``event_from_fields``) both build here,
    so their checks, conversions and errors are the same by construction.
    Built on a mutable twin, then frozen by a class swap: attrs' frozen
    __init__ costs two calls per field, and building 100,000 events from
    plain data is a hot path. Common values (ASCII text, None, empty
    lists) skip their converters. ``whens`` (text -> When), kept by a
    reader for one file, spares parsing a ``when`` text an earlier event
    of the file had: a When is immutable, so events may share one.
    """
    self: Any = object.__new__(_EventBuilder)
    # ASCII text needs no further check; anything else goes through its converter.
    self.title = title if type(title) is str and title.isascii() and title.strip() else _convert_title(title)
    if type(when) is str and whens is not None:
        parsed = whens.get(when)
        if parsed is None:
            parsed = _convert_when(when)
            if len(whens) < _WHENS_LIMIT:
                whens[when] = parsed
        self.when = parsed
        self.tz = None if tz is None else convert_tz(tz)
    elif type(when) is When or isinstance(when, str):
        self.when = when if type(when) is When else _convert_when(when)
        self.tz = None if tz is None else convert_tz(tz)
    else:
        self.tz = None if tz is None else convert_tz(tz)
        self.when, self.tz = _python_when(when, self.tz)
    self.description = (
        description
        if description is None or (type(description) is str and description.isascii())
        else _convert_description(description)
    )
    self.location = (
        location if location is None or (type(location) is str and location.isascii()) else _convert_location(location)
    )
    self.geo = None if geo is None else _part(Geo.coerce, geo, "geo")
    self.url = None if url is None else _convert_url(url)
    self.tags = () if tags in ((), []) else _convert_tags(tags)
    self.sources = () if sources in ((), []) else _convert_sources(sources)
    self.group = group if group is None or (type(group) is str and group.isascii()) else _convert_group(group)
    self.media = None if media is None else _part(Media.coerce, media, "media")
    self.status = status if type(status) is Status else _convert_status(status)
    self.recurrence = None if recurrence is None else _convert_recurrence(recurrence)
    self.rdate = () if rdate in ((), []) else _convert_dates("rdate", rdate)
    self.exdate = () if exdate in ((), []) else _convert_dates("exdate", exdate)
    self.extra = _EMPTY if extra is None or extra == {} else convert_extra(extra, _RESERVED)
    if id is None:
        self.id = derive_id(self.title, self.when, self.location, self.group)
    else:
        self.id = id if type(id) is str and id.isascii() and id.strip() else _convert_id(id)
    if self.recurrence is not None or self.rdate or self.exdate:
        _check_recurrence(self)
    self._order = _compute_order_key(self, None)
    self.__class__ = cls
    built: Event = self
    return built


def _gather_extra(data: Mapping[str, object]) -> dict[str, object]:
    """Move the keys of ``data`` that are not authoring fields into its ``extra``."""
    known = {key: value for key, value in data.items() if key in AUTHORING_FIELDS}
    given = data.get("extra")
    if given is not None and not isinstance(given, Mapping):
        raise _bad("extra", f"'extra' must be a table, got {given!r}")
    extra = dict(given or {})
    for key, value in data.items():
        if key in _RESERVED:
            continue
        if key in extra:
            raise _bad(str(key), f"{key!r} is given both in 'extra' and beside it")
        extra[key] = value
    known["extra"] = extra
    return known
