"""Hypothesis strategies for EDTF texts, When values, events and timelines.

Every strategy yields values the library accepts; tests that want invalid
input build it themselves. Texts are canonical (``str(When(text)) == text``),
so a strategy's output can be compared with a writer's output directly.

When a model field is added, add it here at once (see STYLE.md).
"""

from __future__ import annotations

import calendar
import contextlib
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import assume
from hypothesis import strategies as st

from timeline import Era, Event, OutOfRangeError, Precision, Timeline, When
from timeline._event import AUTHORING_FIELDS, near_miss
from timeline._timeline import TIMELINE_FIELDS
from timeline.formats._slides import SLIDE_EXTRAS
from timeline.phrases import RULES

__all__ = [
    "ZONES",
    "crowded_timelines",
    "date_time_texts",
    "date_values",
    "eras",
    "events",
    "json_objects",
    "partial_date_texts",
    "phrase_examples",
    "phrase_texts",
    "reference_dates",
    "set_texts",
    "timelines",
    "when_texts",
    "whens",
    "zones",
]

ZONES = ("America/Guatemala", "UTC", "Europe/Paris", "Asia/Kolkata")
"""Real IANA zones: one west of UTC, UTC itself, one with DST, one at +05:30."""

_QUALIFIERS = st.sampled_from(["", "", "?", "~", "%"])
# Characters that writers must escape or that readers may trip over; the
# utf-8 codec leaves out lone surrogates, which no file can hold.
_AWKWARD = "<>&\"'`*_[]|#\\\n\r\t ,;:{}=/🎉👩‍🚀"
_TEXT_CHARS = st.one_of(st.characters(codec="utf-8"), st.sampled_from(list(_AWKWARD)))
_URL_SAFE = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/"


def _year_text(year: int) -> str:
    """The four-digit EDTF form of an astronomical year, ``-0044`` for 45 BCE."""
    return f"-{-year:04d}" if year < 0 else f"{year:04d}"


def _days_in(year: int, month: int) -> int:
    # calendar.isleap is pure arithmetic, so it is right for year 0 and BCE too.
    if month == 2:
        return 29 if calendar.isleap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


# Mostly years people write about, sometimes anything EDTF's four digits hold.
_YEARS = st.one_of(st.integers(1900, 2100), st.integers(-9999, 9999))


def _calendar_days(draw: st.DrawFn) -> tuple[int, int, int]:
    """A real day of the proleptic Gregorian calendar, in years -9999..9999."""
    year = draw(_YEARS)
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, _days_in(year, month)))
    return year, month, day


def _plain_texts(draw: st.DrawFn) -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, possibly a negative year."""
    year, month, day = _calendar_days(draw)
    parts = [_year_text(year), f"{month:02d}", f"{day:02d}"]
    return "-".join(parts[: draw(st.integers(1, 3))])


def _season_texts(draw: st.DrawFn) -> str:
    """A sub-year grouping: seasons, quarters, quadrimesters, semesters (21-41)."""
    return f"{_year_text(draw(_YEARS))}-{draw(st.integers(21, 41))}"


def _week_texts(draw: st.DrawFn) -> str:
    """An ISO week that exists, such as ``2020-W53`` (years 0001-9999)."""
    year, week, _ = draw(st.dates()).isocalendar()
    return f"{year:04d}-W{week:02d}"


def _mask(digits: str, hidden: list[bool]) -> str:
    return "".join("X" if hide else digit for digit, hide in zip(digits, hidden, strict=True))


def _unspecified_texts(draw: st.DrawFn) -> str:
    """Digits replaced by ``X``; the mask is made from a real day, so one matches."""
    year, month, day = _calendar_days(draw)
    form = draw(st.sampled_from(["year", "month", "day", "season"]))
    digits = f"{abs(year):04d}" + ("" if form in ("year", "season") else f"{month:02d}")
    if form == "day":
        digits += f"{day:02d}"
    bits = draw(st.integers(1, 2 ** len(digits) - 1))
    masked = _mask(digits, [bool(bits >> i & 1) for i in range(len(digits))])
    text = ("-" if year < 0 else "") + "-".join(
        masked[i : i + n] for i, n in zip((0, 4, 6), (4, 2, 2), strict=True) if i < len(masked)
    )
    if form == "season":
        text += f"-{draw(st.integers(21, 41))}"
    return text


def _long_year_texts(draw: st.DrawFn) -> str:
    """``Y`` years of more than four digits: ``Y170000002``, ``Y-170000002``."""
    sign = draw(st.sampled_from(["", "-"]))
    return f"Y{sign}{draw(st.integers(10_000, 10**15))}"


def _exponential_texts(draw: st.DrawFn) -> str:
    """Exponential years, optionally with significant digits: ``Y-17E7``, ``Y17E7S3``."""
    sign = draw(st.sampled_from(["", "-"]))
    mantissa = draw(st.integers(1, 9999))
    exponent = draw(st.integers(1, 12))
    text = f"Y{sign}{mantissa}E{exponent}"
    if draw(st.booleans()):
        text += f"S{draw(st.integers(1, len(str(mantissa * 10**exponent))))}"
    return text


def _significant_texts(draw: st.DrawFn) -> str:
    """A year with significant digits: ``1950S2``, ``-0044S1``, ``Y171010000S3``."""
    if draw(st.booleans()):
        year = draw(_YEARS)
        head = _year_text(year)
    else:
        year = draw(st.integers(10_000, 10**12))
        head = f"Y{draw(st.sampled_from(['', '-']))}{year}"
    return f"{head}S{draw(st.integers(1, len(str(abs(year)))))}"


def _offsets(draw: st.DrawFn) -> str:
    """No offset (floating), ``Z``, ``±hh`` or ``±hh:mm``."""
    kind = draw(st.sampled_from(["floating", "Z", "hours", "minutes"]))
    if kind == "floating":
        return ""
    if kind == "Z":
        return "Z"
    sign = draw(st.sampled_from(["+", "-"]))
    hour, minute = draw(st.integers(0, 23)), draw(st.integers(0, 59)) if kind == "minutes" else 0
    if hour == minute == 0:
        sign = "+"  # ISO 8601 writes a zero offset with '+'
    hours = f"{sign}{hour:02d}"
    return hours if kind == "hours" else f"{hours}:{minute:02d}"


def _date_time_texts(draw: st.DrawFn) -> str:
    """``YYYY-MM-DDThh:mm[:ss[.f]]`` with an optional offset.

    Years 0002-9998 keep the UTC reading of any offset inside 0001-9999.
    """
    day = draw(st.dates(min_value=date(2, 1, 1), max_value=date(9998, 12, 31)))
    text = f"{day.isoformat()}T{draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}"
    if draw(st.booleans()):
        text += f":{draw(st.integers(0, 59)):02d}"
        if draw(st.booleans()):
            text += "." + draw(st.text(alphabet="0123456789", min_size=1, max_size=6))
    return text + _offsets(draw)


@st.composite
def _date_time_pairs(draw: st.DrawFn) -> str:
    """One ISO date-time, or an interval of two, valid or not: any digits, offsets or none."""

    def one() -> str:
        year, month, day = draw(st.integers(0, 9999)), draw(st.integers(0, 13)), draw(st.integers(0, 32))
        hour, minute = draw(st.integers(0, 25)), draw(st.integers(0, 61))
        text = f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}"
        if draw(st.booleans()):
            text += f":{draw(st.integers(0, 61)):02d}"
        return text + draw(st.sampled_from(["", "Z", "+05:30", "-06:00", "+24:00", "-00:00", "+01:60"]))

    def valid() -> str:
        return _date_time_texts(draw)

    make = one if draw(st.booleans()) else valid
    text = make()
    return text if draw(st.booleans()) else f"{text}/{make()}"


def date_time_texts() -> st.SearchStrategy[str]:
    """ISO date-times and intervals of two, valid and invalid alike: the texts When reads without its grammar."""
    return _date_time_pairs()


_COMPONENT_MARKS = st.sampled_from(["", "", "", "?", "~", "%"])


def _component_texts(draw: st.DrawFn) -> str:
    """Level 2 qualifiers on year, month or day, some digits maybe ``X``: ``?2004-06-~11``, ``2004?-%0X``."""
    year, month, day = _calendar_days(draw)
    with_day = draw(st.booleans())
    digits = f"{abs(year):04d}{month:02d}" + (f"{day:02d}" if with_day else "")
    if draw(st.booleans()):
        digits = _mask(digits, [draw(st.integers(0, 3)) == 0 for _ in digits])
    marks = [draw(_COMPONENT_MARKS) for _ in range(5)]
    if not with_day:
        marks[3] = marks[4] = ""  # a mark right of the last component is the whole date's
    text = f"{marks[0]}{'-' if year < 0 else ''}{digits[:4]}{marks[1]}-{marks[2]}{digits[4:6]}{marks[3]}"
    if with_day:
        text += f"-{marks[4]}{digits[6:]}"
    return text


_FORMS = (
    _component_texts,
    _plain_texts,
    _season_texts,
    _week_texts,
    _unspecified_texts,
    _long_year_texts,
    _exponential_texts,
    _significant_texts,
    _date_time_texts,
)


@st.composite
def _partial_date_texts(draw: st.DrawFn) -> str:
    # One composite that picks a form is several times faster to draw from
    # than st.one_of over a composite per form.
    form = draw(st.sampled_from(_FORMS))
    return form(draw) + draw(_QUALIFIERS)


def partial_date_texts() -> st.SearchStrategy[str]:
    """Canonical EDTF texts of one date, of every form the parser accepts."""
    return _partial_date_texts()


def _mixes_floating_and_offset(a: When, b: When) -> bool:
    return a.timed and b.timed and a.floating != b.floating


@st.composite
def _interval_texts(draw: st.DrawFn) -> str:
    """``A/B`` with B not before A; either end may be unknown or open instead."""
    kind = draw(st.sampled_from(["closed", "closed", "unknown start", "unknown end", "open start", "open end"]))
    first = draw(partial_date_texts())
    if kind == "unknown start":
        return f"/{first}"
    if kind == "unknown end":
        return f"{first}/"
    if kind == "open start":
        return f"../{first}"
    if kind == "open end":
        return f"{first}/.."
    a, b = When(first), When(draw(partial_date_texts()))
    assume(not _mixes_floating_and_offset(a, b))
    # When's order is by earliest bound first, so the later one cannot end
    # before the earlier one starts.
    start, end = sorted([a, b])
    return f"{start}/{end}"


@st.composite
def _set_member_texts(draw: st.DrawFn) -> str:
    """A member of a set: a date, or a range ``a..b`` of two plain dates of one precision."""
    if draw(st.booleans()):
        return draw(partial_date_texts())
    parts = draw(st.integers(1, 3))
    texts = []
    for _ in range(2):
        year, month, day = _calendar_days(draw)
        texts.append("-".join([_year_text(year), f"{month:02d}", f"{day:02d}"][:parts]))
    first, last = sorted(When(text) for text in texts)
    return f"{first}..{last}"


@st.composite
def _set_texts(draw: st.DrawFn) -> str:
    """EDTF level 2 sets: ``[1667, 1668, 1670..1672]`` (one of), ``{..1760-12-03,1961}`` (all of)."""
    members = draw(st.lists(_set_member_texts(), min_size=1, max_size=4))
    whens = [When(m.replace("..", "/")) if ".." in m else When(m) for m in members]
    assume(not any(_mixes_floating_and_offset(a, b) for a in whens for b in whens))
    if ".." not in members[0] and draw(st.booleans()):
        members[0] = ".." + members[0]
    if ".." not in members[-1] and draw(st.booleans()):
        members[-1] += ".."
    opener, closer = draw(st.sampled_from([("[", "]"), ("{", "}")]))
    return opener + draw(st.sampled_from([",", ", "])).join(members) + closer


def set_texts() -> st.SearchStrategy[str]:
    """EDTF level 2 sets of any members, ranges and open ends."""
    return _set_texts()


def when_texts() -> st.SearchStrategy[str]:
    """Canonical EDTF texts: single dates, intervals (including ``/B``, ``A/..``) and sets."""
    return st.one_of(partial_date_texts(), _interval_texts(), _set_texts())


def whens() -> st.SearchStrategy[When]:
    """Any :class:`When` the parser accepts."""
    return when_texts().map(When)


def zones() -> st.SearchStrategy[ZoneInfo]:
    """One of :data:`ZONES`, as a zone object."""
    return st.sampled_from(ZONES).map(ZoneInfo)


def date_values() -> st.SearchStrategy[date]:
    """What ``When.from_date`` takes: dates, naive datetimes, datetimes with a fixed offset.

    Years 0002-9998, so that the UTC reading of any offset stays in range.
    """
    offsets = st.integers(-23 * 60 - 59, 23 * 60 + 59).map(lambda m: timezone(timedelta(minutes=m)))
    low, high = datetime(2, 1, 1), datetime(9998, 12, 31, 23, 59, 59, 999999)
    return st.one_of(
        st.dates(min_value=low.date(), max_value=high.date()),
        st.datetimes(min_value=low, max_value=high),
        st.datetimes(min_value=low, max_value=high, timezones=st.just(UTC) | offsets),
    )


def _non_blank_text() -> st.SearchStrategy[str]:
    return st.text(_TEXT_CHARS, min_size=1).filter(lambda s: bool(s.strip()))


def _optional_text() -> st.SearchStrategy[str | None]:
    return st.none() | st.text(_TEXT_CHARS)


def _urls() -> st.SearchStrategy[str]:
    return st.text(_URL_SAFE, max_size=30).map(lambda path: f"https://example.org/{path}")


def _json_values() -> st.SearchStrategy[object]:
    scalars: st.SearchStrategy[object] = st.one_of(
        st.none(),
        st.booleans(),
        # 64 bits: what TOML and most JSON readers hold without loss.
        st.integers(-(2**63), 2**63 - 1),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(_TEXT_CHARS),
    )
    return st.recursive(scalars, lambda inner: st.lists(inner, max_size=3), max_leaves=6)


# Extra data sits beside the fields in files, so it may not reuse their names, nor
# the TimelineJS keys the slide writers read from extra (a "background" of []
# is refused there with a warning, which a round trip cannot keep).
_RESERVED_KEYS = AUTHORING_FIELDS | TIMELINE_FIELDS | {"extra"} | set(SLIDE_EXTRAS)


def json_objects() -> st.SearchStrategy[dict[str, object]]:
    """Tables for ``extra``: text keys (never a field's name); text, numbers, booleans, null and lists."""
    keys = st.sampled_from(["importance", "notes", "x-origin"]) | st.text(_TEXT_CHARS, max_size=10)
    # Nor a near miss of one, which readers warn about (a misspelt field, as far as they can tell).
    fine = keys.filter(lambda key: key not in _RESERVED_KEYS and not near_miss(key, _RESERVED_KEYS))
    return st.dictionaries(fine, _json_values(), max_size=4)


def _sources() -> st.SearchStrategy[dict[str, object]]:
    optional = {"publisher": _optional_text(), "date": st.none() | when_texts()}
    return st.one_of(
        st.fixed_dictionaries({"title": _non_blank_text()}, optional=optional),
        st.fixed_dictionaries({"url": _urls()}, optional=optional),
        st.fixed_dictionaries({"title": _non_blank_text(), "url": _urls()}, optional=optional),
    )


def _media() -> st.SearchStrategy[dict[str, object] | None]:
    return st.none() | st.fixed_dictionaries(
        {"url": _urls()},
        optional={
            "caption": _optional_text(),
            "credit": _optional_text(),
            "thumbnail": st.none() | _urls(),
            "alt": _optional_text(),
        },
    )


def _can_recur(when: When) -> bool:
    start = when.start
    return start is not None and start.precision >= Precision.DAY and not start.unspecified and not when.is_set


def _same_kind(start: str, moment: date) -> str:
    """``moment`` written as a day, or as a time the way ``start`` writes its time."""
    if not isinstance(moment, datetime):
        return moment.isoformat()
    text = moment.replace(tzinfo=None).isoformat(timespec="seconds")
    zone = start[start.index("T") :]
    if zone.endswith("Z"):
        return text + "Z"
    sign = max(zone.rfind("+"), zone.rfind("-"))
    return text + (zone[sign:] if sign > 0 else "")


@st.composite
def _events(draw: st.DrawFn) -> Event:
    when = draw(whens())
    recurrence = draw(st.sampled_from([None, "FREQ=WEEKLY;COUNT=3"])) if _can_recur(when) else None
    rdate: list[str] = []
    exdate: list[str] = []
    if recurrence is not None:
        start = when.start
        assert start is not None
        # Extra and removed occurrences of the same kind as the start: days, or times like it.
        step = timedelta(days=draw(st.integers(1, 400)))
        with contextlib.suppress(OverflowError, OutOfRangeError):
            first = start.earliest()
            if draw(st.booleans()):
                rdate = [_same_kind(str(start), first + step)]
            if draw(st.booleans()):
                exdate = [_same_kind(str(start), first + 2 * step)]
    geo = draw(
        st.none() | st.tuples(st.floats(-90, 90, allow_nan=False), st.floats(-180, 180, allow_nan=False)).map(list)
    )
    # Plain fields through from_dict, as a reader builds an event.
    return Event.from_dict(
        {
            "id": draw(st.none() | _non_blank_text()),
            "title": draw(_non_blank_text()),
            "when": str(when),
            "tz": draw(st.none() | st.sampled_from(ZONES)),
            "description": draw(_optional_text()),
            "location": draw(_optional_text()),
            "geo": geo,
            "url": draw(st.none() | _urls()),
            "tags": draw(st.lists(_non_blank_text(), max_size=3)),
            "sources": draw(st.lists(_sources(), max_size=2)),
            "group": draw(_optional_text()),
            "media": draw(_media()),
            "status": draw(st.sampled_from(["confirmed", "tentative", "cancelled"])),
            "recurrence": recurrence,
            "rdate": rdate,
            "exdate": exdate,
            "extra": draw(json_objects()),
        }
    )


def events() -> st.SearchStrategy[Event]:
    """Events built from plain fields, as a reader would build them; ids may be derived."""
    return _events()


def eras() -> st.SearchStrategy[Era]:
    """Eras: a title, any when, an optional description."""
    return st.builds(Era, title=_non_blank_text(), when=whens(), description=_optional_text())


def timelines() -> st.SearchStrategy[Timeline]:
    """Timelines of a few events with unique ids."""
    return st.builds(
        Timeline,
        title=st.text(_TEXT_CHARS),
        description=_optional_text(),
        tz=st.none() | st.sampled_from(ZONES),
        events=st.lists(events(), max_size=5, unique_by=lambda e: e.id),
        eras=st.lists(eras(), max_size=2),
        extra=json_objects(),
    )


# --- Date phrases -----------------------------------------------------------


def reference_dates() -> st.SearchStrategy[date]:
    """Days a text may be written on; years 0100-9899 leave room for "three years ago" and "next year"."""
    return st.dates(min_value=date(100, 1, 1), max_value=date(9899, 12, 31))


def phrase_examples() -> st.SearchStrategy[str]:
    """The example phrases of every row of the rule table, spelled as written there."""
    return st.sampled_from([example for rule in RULES for example in rule.examples])


_PHRASE_WORDS = (
    "March", "May", "June 6", "Tuesday", "in", "on", "last", "next", "week", "2019", "about", "the",
    "spring", "early", "late", "mid-", "and", "ago", "two", "will", "said", "-", "\u2013", ",", ".", "\n",
    "Memorial Day", "Q2", "1990s", "from", "to", "between", "6/7/2021", "2021-06-06", "Feb. 29", "weekend",
)  # fmt: skip


def phrase_texts() -> st.SearchStrategy[str]:
    """Text made of date words, cues and punctuation, mixed with anything: food for find_dates."""
    piece = st.one_of(st.sampled_from(_PHRASE_WORDS), st.text(max_size=3))
    separator = st.sampled_from([" ", " ", "", ", ", "\n"])
    return st.lists(st.tuples(piece, separator), max_size=30).map(lambda parts: "".join(a + b for a, b in parts))


# --- iCalendar lines from other clients (the .ics writer puts them back as they are) ---

_PARAM_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs"), exclude_characters='"'), max_size=12
)


@st.composite
def _foreign_property(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(["ATTENDEE", "ORGANIZER", "X-APPLE-TRAVEL-ADVISORY", "X-MOZ-GENERATION", "COMMENT"]))
    params = draw(
        st.lists(
            st.tuples(st.sampled_from(["CN", "ROLE", "X-NUM-GUESTS", "LANGUAGE"]), _PARAM_TEXT),
            max_size=2,
            unique_by=lambda pair: pair[0],
        )
    )
    head = name + "".join(
        f';{key}="{value}"' if any(ch in value for ch in ";:,") else f";{key}={value}" for key, value in params
    )
    value = draw(st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), min_size=1, max_size=40))
    return f"{head}:{value}"


def foreign_lines() -> st.SearchStrategy[list[str]]:
    """``extra["ics"]`` as the reader keeps it: foreign properties, maybe a TRANSP, maybe an alarm."""
    alarm = st.just(
        ["BEGIN:VALARM", "UID:alarm-1", "ACTION:DISPLAY", "TRIGGER:-PT15M", "DESCRIPTION:Reminder", "END:VALARM"]
    )
    return st.tuples(
        st.lists(_foreign_property(), max_size=3),
        st.sampled_from([[], ["TRANSP:OPAQUE"], ["TRANSP:TRANSPARENT"]]),
        st.sampled_from([[], ["SEQUENCE:2"]]),
        st.lists(alarm, max_size=2),
    ).map(lambda parts: [*parts[0], *parts[1], *parts[2], *(line for block in parts[3] for line in block)])


# --- Crowded timelines (layout) ---------------------------------------------


@st.composite
def _nearby_when_texts(draw: st.DrawFn) -> str:
    """Dates of every precision and shape within a few years, so that marks and labels crowd."""
    year = draw(st.integers(2018, 2022))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28))
    qual = draw(_QUALIFIERS)
    points = [
        f"{year}{qual}",
        f"{year}-{month:02d}{qual}",
        f"{year}-{month:02d}-{day:02d}{qual}",
        f"{year}-{draw(st.integers(21, 24))}",
        f"{year}-W{draw(st.integers(1, 52)):02d}",
        f"{year}-{month:02d}-{day:02d}T{draw(st.integers(0, 23)):02d}:30",
        f"{str(year)[:3]}X",
    ]
    first = draw(st.sampled_from(points))
    kind = draw(st.sampled_from(["point", "point", "interval", "open", "unknown", "set"]))
    if kind == "interval":
        later = f"{year + draw(st.integers(0, 2))}-{draw(st.integers(1, 12)):02d}"
        start, end = sorted([When(f"{year}-{month:02d}"), When(later)])
        return f"{start}/{end}"
    if kind == "open":
        return draw(st.sampled_from([f"{first}/..", f"../{first}"])) if "T" not in first else first
    if kind == "unknown":
        return draw(st.sampled_from([f"{first}/", f"/{first}"]))
    if kind == "set":
        opener = draw(st.sampled_from(["[", "{"]))
        return f"{opener}{year},{year + 2}-0{draw(st.integers(1, 9))}{']' if opener == '[' else '}'}"
    return first


@st.composite
def crowded_timelines(draw: st.DrawFn) -> Timeline:
    """Up to 40 events within a few years, in few groups, with titles short and long: a layout's worst day."""
    count = draw(st.integers(0, 40))
    events = []
    for index in range(count):
        text = draw(_nearby_when_texts())
        events.append(
            {
                "id": f"e{index}",
                "title": draw(st.text(_TEXT_CHARS, min_size=1, max_size=120).filter(str.strip)),
                "when": text,
                "group": draw(st.sampled_from([None, "A", "B", "a group with a long name"])),
                "tags": draw(st.lists(st.sampled_from(["x", "y", "z"]), max_size=2)),
                "url": draw(st.sampled_from([None, "https://example.org/a?b=1&c=2", "javascript:alert(1)"])),
            }
        )
    eras = draw(st.lists(st.sampled_from(["2019", "2018-03/2020-06", "2021/..", "2020-21"]), max_size=3, unique=True))
    return Timeline(
        title=draw(st.text(_TEXT_CHARS, max_size=80)),
        events=events,
        eras=[{"title": f"Era {text}", "when": text} for text in eras],
    )
