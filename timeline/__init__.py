"""Dated events of any precision, as calendars, JSON timelines and chronologies.

>>> import timeline
>>> t = timeline.Timeline(title="Trip", events=[{"title": "Visit", "when": "2021-06-07/2021-06-08"}])
>>> print(timeline.dumps(t, "json", indent=0).splitlines()[0][:30])
{"version": 1, "title": "Trip"
"""

import typing as _typing

from timeline._describe import describe
from timeline._era import Era
from timeline._event import Event, Geo, JSONValue, Media, Source, Status
from timeline._timeline import Timeline
from timeline._when import PartialDate, Precision, When
from timeline.errors import (
    DuplicateEventError,
    FormatError,
    LimitError,
    OutOfRangeError,
    ParseError,
    TimelineError,
    TimelineWarning,
)
from timeline.formats import Format, dump, dumps, get_format, list_formats, load, loads

if _typing.TYPE_CHECKING:
    from timeline.phrases import Mention, find_dates, resolve

__all__ = [
    "DuplicateEventError",
    "Era",
    "Event",
    "Format",
    "FormatError",
    "Geo",
    "JSONValue",
    "LimitError",
    "Media",
    "Mention",
    "OutOfRangeError",
    "ParseError",
    "PartialDate",
    "Precision",
    "Source",
    "Status",
    "Timeline",
    "TimelineError",
    "TimelineWarning",
    "When",
    "describe",
    "dump",
    "dumps",
    "find_dates",
    "get_format",
    "list_formats",
    "load",
    "loads",
    "resolve",
]


_LAZY = frozenset(("Mention", "find_dates", "resolve"))


def __getattr__(name: str) -> object:
    # The phrase rules compile about a hundred regular expressions, which
    # would more than double the time `import timeline` (and so every
    # command) takes: they load on first use instead.
    if name in _LAZY:
        from timeline import phrases  # noqa: PLC0415

        return getattr(phrases, name)
    raise AttributeError(f"module 'timeline' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
