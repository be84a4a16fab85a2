"""Event.from_dict and the readers' fast path (event_from_fields) against Event(**data).

``event_from_fields`` reads the fields straight from the mapping (with
the defaults ``Event.__new__`` has) into the ``_build`` that ``Event(...)``
uses too; these tests hold the two to the same events and the same
errors, on valid data and on data with a bad field.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import events

from timeline import Event, ParseError, When
from timeline._event import event_from_fields
from timeline.formats._fields import event_data

FIELDS = (
    "id", "title", "when", "tz", "description", "location", "geo", "url", "tags", "sources",
    "group", "media", "status", "recurrence", "rdate", "exdate", "extra",
)  # fmt: skip
BAD_VALUES: tuple[object, ...] = (
    None, 3, 2.5, True, "", "  ", "Café", "\ud800", "not a date", "2021-02-30", "Mars/Olympus", [], ["x", 3],
    [""], {"a": 1}, {"title": "x"}, ("politics",), [{"url": "javascript:alert(1)"}], "FREQ=DAILY", "tentative",
    [1.0, 2.0], [100.0, 0.0], [{"title": 3}], [{"title": "x", "date": "2021-02-30"}], [{"publisher": "P"}],
    [{"title": "Café", "url": "https://example.org/", "publisher": "\ud800"}], [{"title": "x", "page": 3}],
    date(2021, 6, 7), "https://example.org/", "2021-06-07", "2021-06-07T10:00",
)  # fmt: skip


def outcome(build: Any, data: dict[str, object]) -> object:
    """The event ``build(data)`` gives, or its error's type, message and field."""
    try:
        return build(data)
    except (ParseError, TypeError, ValueError) as exc:
        return (type(exc).__name__, str(exc), getattr(exc, "field", None))


def by_keywords(data: dict[str, object]) -> Event:
    if "title" not in data or "when" not in data:
        return Event.from_dict(data)  # the same message for a missing field as the fast path
    return Event(**data)  # type: ignore[arg-type]


@given(events())
def test_same_event_from_canonical_data(event: Event) -> None:
    """Canonical data (as the JSON writer gives it) builds the same event both ways, and the event it came from."""
    data = event_data(event)
    data.pop("extra", None)
    extra = {key: data.pop(key) for key in list(data) if key not in FIELDS}
    if extra:
        data["extra"] = extra
    built = event_from_fields(data)
    assert built == Event(**data)
    assert built == event
    assert Event.from_dict(data) == event


@given(events(), st.dictionaries(st.sampled_from(FIELDS), st.sampled_from(BAD_VALUES), min_size=1, max_size=3))
def test_same_outcome_with_any_field_values(event: Event, changes: dict[str, object]) -> None:
    """Any values in any fields: the same event, or the same error (the first field checked) naming the same field."""
    data = event_data(event)
    data = {key: item for key, item in data.items() if key in FIELDS}
    data.update(changes)
    assert outcome(event_from_fields, data) == outcome(by_keywords, data)


@pytest.mark.parametrize("first", FIELDS)
@pytest.mark.parametrize("second", FIELDS)
def test_fields_are_checked_in_the_same_order(first: str, second: str) -> None:
    """Two bad fields: both ways name the same one, the one Event.__new__ checks first."""
    data: dict[str, object] = {"title": "T", "when": "2021-06-07", first: ["x", 3], second: "\ud800"}
    assert outcome(event_from_fields, data) == outcome(by_keywords, data)


@given(events(), st.sets(st.sampled_from(FIELDS)))
def test_same_outcome_with_fields_left_out(event: Event, left_out: set[str]) -> None:
    """Fields left out take their defaults; a missing title or when is the same error."""
    data = {key: item for key, item in event_data(event).items() if key in FIELDS and key not in left_out}
    assert outcome(event_from_fields, data) == outcome(by_keywords, data)


def test_whens_are_shared_within_a_file() -> None:
    """A reader's ``whens`` gives events with the same text one When; a bad text is the usual error."""
    whens: dict[str, When] = {}
    first = event_from_fields({"title": "A", "when": "2021-06-07"}, whens)
    second = event_from_fields({"title": "B", "when": "2021-06-07"}, whens)
    assert first.when is second.when
    assert list(whens) == ["2021-06-07"]
    with pytest.raises(ParseError, match="day 30 does not exist") as caught:
        event_from_fields({"title": "C", "when": "2021-02-30"}, whens)
    assert caught.value.field == "when"
    assert "2021-02-30" not in whens
