"""Timeline: events in one documented order, with queries and merging.

Order: by each event's ``When`` key (earliest bound, latest bound, text)
read on the timeline's wall clock (its ``tz``, else UTC), then by title,
then by id. An event's dates and floating times are local to its own
``tz``, else the timeline's; instants and events in another zone move to
the timeline's clock. Ids are unique, so the order is total and the
same on every run. Building a timeline sorts once: O(n log n).
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, tzinfo
from typing import Literal, cast, overload

import attrs

from timeline import limits
from timeline._era import Era
from timeline._event import Event, JSONValue, _check_text, _compute_order_key, convert_extra, convert_tz
from timeline._event import zone as event_zone
from timeline._gc import paused_gc
from timeline._when import _NEG_INF, _POS_INF, Key, When, _shift
from timeline.errors import DuplicateEventError, ParseError

__all__ = ["Timeline"]


EventLike = Event | Mapping[str, object]
"""An Event, or a mapping of its fields as a file gives them."""


def _convert_events(value: Iterable[EventLike]) -> tuple[Event, ...]:
    if type(value) in (list, tuple):
        given: tuple[Event, ...] = tuple(cast("Iterable[Event]", value))
        if set(map(type, given)) <= _EVENT_TYPE:  # events already built: checked at C speed
            return given
    if isinstance(value, str | Mapping) or not isinstance(value, Iterable):
        raise ParseError(f"'events' must be a list of events, got {value!r}", field="events")
    events = []
    for index, item in enumerate(value):
        if isinstance(item, Event):
            events.append(item)
        elif isinstance(item, Mapping):
            try:
                events.append(Event.from_dict(item))
            except ParseError as exc:
                raise exc.located(field=f"events[{index}]") from exc
        else:
            raise ParseError(f"each event must be an Event or a table, got {item!r}", field=f"events[{index}]")
    return tuple(events)


_EVENT_TYPE: frozenset[type] = frozenset((Event,))
_event_id = operator.attrgetter("id")


def _convert_eras(value: Iterable[Era | Mapping[str, object]]) -> tuple[Era, ...]:
    if isinstance(value, str | Mapping) or not isinstance(value, Iterable):
        raise ParseError(f"'eras' must be a list of eras, got {value!r}", field="eras")
    eras = []
    for index, item in enumerate(value):
        try:
            eras.append(Era.coerce(item))
        except ParseError as exc:
            raise exc.located(field=f"eras[{index}]") from exc
    # Eras have no id: order them by when, then title, so equal sets compare equal.
    return tuple(sorted(eras, key=lambda era: (era.when.key(), era.title, era.description or "")))


def _convert_title(value: str) -> str:
    return _check_text("title", value) or ""


def _convert_description(value: str | None) -> str | None:
    return _check_text("description", value)


TIMELINE_FIELDS = frozenset(("version", "$schema", "title", "description", "tz", "eras", "events"))
"""The timeline fields a file may hold; every other key is kept in ``extra``."""


def _convert_tz(value: str | None) -> str | None:
    return convert_tz(value)


def _convert_extra(value: Mapping[str, JSONValue] | None) -> Mapping[str, JSONValue]:
    return convert_extra(value, TIMELINE_FIELDS | {"extra"})


Bound = When | date | str | int | None
"""A side of a range: a year, a ``date`` or ``datetime``, EDTF text, a When, or None (unbounded)."""


def _bound(value: Bound, zone: tzinfo | None, *, lower: bool) -> Key:
    if value is None:
        return _NEG_INF if lower else _POS_INF
    if isinstance(value, str):
        value = When(value)
    elif isinstance(value, date):  # datetime too
        value = When.from_date(value)
    elif isinstance(value, int) and not isinstance(value, bool):
        value = When(_year_text(value))
    elif not isinstance(value, When):
        raise TypeError(f"a bound must be a year, a date, a datetime, EDTF text or a When, got {value!r}")
    key = value.key(zone)
    return key[0] if lower else key[1]


def _year_text(year: int) -> str:
    """A year as EDTF writes it: 2021, 0300, -0299, Y12345."""
    if -9999 <= year <= 9999:
        return f"{'-' if year < 0 else ''}{abs(year):04d}"
    return f"Y{year}"


_keep_order = Event.__mro__[1].__dict__["_order"].__set__  # the slot's own setter: Event is frozen


@attrs.frozen(kw_only=True, repr=False)
class Timeline:
    """A titled list of events in a fixed order.

    >>> t = Timeline(title="Trip", events=[
    ...     {"title": "Visits", "when": "2021-06-07/2021-06-08"},
    ...     {"title": "Elected", "when": "2019", "tags": ["politics"]},
    ... ])
    >>> [e.title for e in t]
    ['Elected', 'Visits']
    >>> [e.title for e in t.between("2021-06", "2021-06")]
    ['Visits']

    ``eras`` are named spans that frame the events (see :class:`Era`),
    kept in order of their ``when``, then title; queries keep them all.

    Raises:
        ParseError: a field, event or era is invalid.
        DuplicateEventError: two events share an id.
    """

    title: str = attrs.field(default="", converter=_convert_title)
    events: tuple[Event, ...] = attrs.field(default=(), converter=_convert_events)
    description: str | None = attrs.field(default=None, converter=_convert_description)
    tz: str | None = attrs.field(default=None, converter=_convert_tz)
    eras: tuple[Era, ...] = attrs.field(default=(), converter=_convert_eras)
    extra: Mapping[str, JSONValue] = attrs.field(
        factory=dict, converter=_convert_extra, hash=False, repr=lambda v: repr(dict(v))
    )

    def __attrs_post_init__(self) -> None:
        events = self.events
        if len(set(map(_event_id, events))) != len(events):
            seen: dict[str, Event] = {}
            for index, event in enumerate(events):
                first = seen.setdefault(event.id, event)
                if len(seen) <= index:
                    raise DuplicateEventError(
                        f"two events share the id {event.id!r}: {first.title!r} and {event.title!r}",
                        field=f"events[{index}]",
                    )
        with paused_gc():  # a key tuple per event, no cycles: see timeline._gc
            object.__setattr__(self, "events", tuple(sorted(events, key=self._order_key)))

    def sort_key(self, event: Event) -> tuple[Key, Key, str, str, str]:
        """The key that orders ``event`` in this timeline (see the module docs)."""
        return self._order_key(event)[1:6]

    def _order_key(self, event: Event) -> tuple[int, Key, Key, str, str, str, str | None]:
        """sort_key with the day of the earliest bound in front, as a small int, and the wall clock's zone last.

        list.sort compares the first items of tuple keys with a fast path
        when they are all ints of one machine digit (below 2**30); days
        qualify, microseconds do not. The day only ever ties or agrees with
        the earliest bound, so the order is the same, a third faster. The
        zone at the end is never compared (ids are unique): it says which
        clock the key was read on, so that the key kept on the event (its
        ``_order`` slot) is used again only on the same clock.
        """
        kept = event._order
        view = self.tz
        if kept[6] == view:  # every event is built with its key on UTC's clock
            return kept
        key = _compute_order_key(event, view)
        _keep_order(event, key)
        return key

    def __len__(self) -> int:
        return len(self.events)

    def __iter__(self) -> Iterator[Event]:
        return iter(self.events)

    @overload
    def __getitem__(self, index: int) -> Event: ...
    @overload
    def __getitem__(self, index: slice) -> Timeline: ...
    def __getitem__(self, index: int | slice) -> Event | Timeline:
        """``t[0]`` is the first event in order; ``t[1:3]`` a timeline of a slice of them."""
        if isinstance(index, slice):
            return self._with(self.events[index])
        return self.events[index]

    def __repr__(self) -> str:
        # Only what differs from the defaults: valid Python, and short for a short timeline.
        parts = [f"title={self.title!r}"] if self.title else []
        if self.description is not None:
            parts.append(f"description={self.description!r}")
        if self.tz is not None:
            parts.append(f"tz={self.tz!r}")
        if self.eras:
            parts.append(f"eras={list(self.eras)!r}")
        if self.events:
            parts.append(f"events={list(self.events)!r}")
        if self.extra:
            parts.append(f"extra={dict(self.extra)!r}")
        return f"Timeline({', '.join(parts)})"

    def add(self, *events: EventLike) -> Timeline:
        """This timeline with ``events`` added (Events or mappings of their fields), in order.

        >>> t = Timeline(events=[{"title": "B", "when": "2022"}])
        >>> [e.title for e in t.add(Event(title="A", when="2021"), {"title": "C", "when": "2023"})]
        ['A', 'B', 'C']

        Raises:
            DuplicateEventError: an added event has the id of another.
            ParseError: a mapping is not a valid event.
        """
        return attrs.evolve(self, events=(*self.events, *events))

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            return any(event.id == item for event in self.events)
        return item in self.events

    def get(self, event_id: str) -> Event | None:
        """The event with id ``event_id``, or None."""
        return next((event for event in self.events if event.id == event_id), None)

    def _with(self, events: Iterable[Event]) -> Timeline:
        return attrs.evolve(self, events=tuple(events))

    def between(
        self,
        start: Bound = None,
        end: Bound = None,
        *,
        mode: Literal["overlaps", "within"] = "overlaps",
    ) -> Timeline:
        """The events that fall between ``start`` and ``end``, both inclusive.

        ``start`` and ``end`` may be partial: ``between("2021-03", "2021-05")``
        runs from March 1 to May 31, ``between(2019, 2021)`` from the first
        day of 2019 to the last of 2021. Each is a year (an int), a
        ``date``, a ``datetime``, EDTF text or a :class:`When`; None leaves
        that side unbounded.

        Args:
            start: The earliest moment of interest.
            end: The latest moment of interest.
            mode: ``"overlaps"`` (default) keeps events that may share a
                moment with the range: a year-precision event overlaps every
                month of its year. ``"within"`` keeps only events whose every
                possible moment lies inside the range.

        Returns:
            A timeline with the same title and the matching events.

        >>> t = Timeline(events=[{"title": "A year", "when": "2021"},
        ...                      {"title": "A day", "when": "2021-06-06"}])
        >>> [e.title for e in t.between("2021-06", "2021-06")]
        ['A year', 'A day']
        >>> [e.title for e in t.between("2021-06", "2021-06", mode="within")]
        ['A day']
        """
        if mode not in ("overlaps", "within"):
            raise ValueError(f"mode must be 'overlaps' or 'within', got {mode!r}")
        zone = None if self.tz is None else event_zone(self.tz)
        lo, hi = _bound(start, zone, lower=True), _bound(end, zone, lower=False)
        picked = []
        for event in self.events:
            _, first, last, *_ = self._order_key(event)
            if mode == "overlaps":
                if first <= hi and lo <= last:
                    picked.append(event)
            elif lo <= first and last <= hi:
                picked.append(event)
        return self._with(picked)

    def occurrences(
        self,
        start: Bound = None,
        end: Bound = None,
        *,
        limit: int = limits.OCCURRENCES,
        steps: int = limits.RULE_STEPS,
    ) -> Timeline:
        """Every event that happens between ``start`` and ``end``, recurring ones once per occurrence.

        A recurring event (``recurrence``, ``rdate``, less ``exdate``) is
        expanded with dateutil's rrule into one event per occurrence that
        overlaps the window, each with the same length, title and fields, the
        id ``"{id}@{start of the occurrence}"`` and no recurrence of its own.
        Other events are kept when they overlap the window, as
        :meth:`between` keeps them. The window bounds the expansion, so a rule
        without an end is safe; None leaves a side open, which a rule without
        an end refuses.

        Two limits keep the work bounded whatever the rules say: at most
        ``limit`` occurrences of recurring events in all (100,000 unless given), and at most
        ``steps`` periods of each rule stepped through to find them
        (1,000,000 unless given: ``FREQ=SECONDLY`` over twelve days, or
        ``FREQ=DAILY`` over 2,700 years). The steps are counted before any
        work is done, so a rule over too long a window fails at once.

        >>> t = Timeline(events=[{"id": "standup", "title": "Stand-up", "when": "2021-06-07T09:30/2021-06-07T09:45",
        ...                       "recurrence": "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", "exdate": ["2021-06-09T09:30"]}])
        >>> [(e.id, str(e.when)) for e in t.occurrences("2021-06-08", "2021-06-10")]  # doctest: +NORMALIZE_WHITESPACE
        [('standup@2021-06-08T09:30', '2021-06-08T09:30/2021-06-08T09:45'),
         ('standup@2021-06-10T09:30', '2021-06-10T09:30/2021-06-10T09:45')]

        Raises:
            ValueError: an open side with a rule that never ends.
            LimitError: more than ``limit`` occurrences, or a rule that takes
                more than ``steps`` steps; its ``limit`` attribute names which.
        """
        from timeline._recurrence import expand  # noqa: PLC0415 - dateutil only when asked

        zone = None if self.tz is None else event_zone(self.tz)
        lo, hi = _bound(start, zone, lower=True), _bound(end, zone, lower=False)
        picked: list[Event] = []
        expanded = 0
        for event in self.events:
            if event.recurrence is None and not event.rdate:
                _, first, last, *_ = self._order_key(event)
                if first <= hi and lo <= last:
                    picked.append(event)
                continue
            # The rule runs on the event's own clock: its zone's, or UTC's for instants.
            own = None if event.when._aware else event.zoneinfo(self.tz)
            window = (_shift(lo, zone, own), _shift(hi, zone, own))
            found = expand(event, window, limit=limit, steps=steps, before=expanded)
            expanded += len(found)
            picked.extend(found)
        return self._with(picked)

    def tagged(self, *tags: str | Iterable[str], match: Literal["any", "all"] = "any") -> Timeline:
        """The events that carry any (or, with ``match="all"``, every one) of ``tags``.

        Tags may be given one by one or as lists: ``tagged("a", "b")`` and
        ``tagged(["a", "b"])`` are the same.

        >>> t = Timeline(events=[{"title": "A", "when": "2021", "tags": ["x", "y"]},
        ...                      {"title": "B", "when": "2021", "tags": ["x"]}])
        >>> [e.title for e in t.tagged("x")], [e.title for e in t.tagged("x", "y", match="all")]
        (['A', 'B'], ['A'])
        """
        if match not in ("any", "all"):
            raise ValueError(f"match must be 'any' or 'all', got {match!r}")
        wanted: set[str] = set()
        for tag in tags:
            group = (tag,) if isinstance(tag, str) else tuple(tag)
            for item in group:
                if not isinstance(item, str):
                    raise TypeError(f"a tag is text, got {item!r}")
            wanted.update(group)
        if match == "all":
            return self._with(event for event in self.events if wanted.issubset(event.tags))
        return self._with(event for event in self.events if wanted.intersection(event.tags))

    def in_group(self, group: str | None) -> Timeline:
        """The events of ``group`` (None: the events in no group)."""
        return self._with(event for event in self.events if event.group == group)

    def by_year(self) -> dict[int | None, tuple[Event, ...]]:
        """Events keyed by the year they start in, in timeline order.

        The key is the start's year as written; None collects events whose
        start year is unknown, open or has unspecified digits (``201X``), so
        nothing is filed under a year nobody said.

        >>> t = Timeline(events=[{"title": "A", "when": "2019"}, {"title": "B", "when": "201X"}])
        >>> {year: [e.title for e in events] for year, events in t.by_year().items()}
        {None: ['B'], 2019: ['A']}
        """
        groups: dict[int | None, list[Event]] = {}
        for event in self.events:
            start = event.when.start
            exact = start is not None and start.significant_digits is None
            groups.setdefault(start.year if exact and start is not None else None, []).append(event)
        return {year: tuple(events) for year, events in groups.items()}

    def by_month(self) -> dict[tuple[int, int | None] | None, tuple[Event, ...]]:
        """Events keyed by ``(year, month)`` of their start, in timeline order.

        An event known only to the year (or season, or week) is keyed
        ``(year, None)``; one with no known start year, None.

        >>> t = Timeline(events=[{"title": "A", "when": "2021"}, {"title": "B", "when": "2021-03-04"}])
        >>> {k: [e.title for e in v] for k, v in t.by_month().items()}
        {(2021, None): ['A'], (2021, 3): ['B']}
        """
        groups: dict[tuple[int, int | None] | None, list[Event]] = {}
        for event in self.events:
            start = event.when.start
            if start is None or start.year is None or start.significant_digits is not None:
                key = None
            else:
                key = (start.year, start.month)
            groups.setdefault(key, []).append(event)
        return {key: tuple(events) for key, events in groups.items()}

    def merge(self, other: Timeline | Iterable[Event], *, prefer: Literal["self", "other"] = "self") -> Timeline:
        """This timeline with the events of ``other`` added, one event per id.

        When both hold an id, ``prefer`` says whose event stays. Title,
        description, zone and extra come from this timeline.

        >>> a = Timeline(events=[{"id": "x", "title": "Old", "when": "2021"}])
        >>> b = Timeline(events=[{"id": "x", "title": "New", "when": "2021"}, {"title": "C", "when": "2022"}])
        >>> [e.title for e in a.merge(b)], [e.title for e in a.merge(b, prefer="other")]
        (['Old', 'C'], ['New', 'C'])
        """
        if prefer not in ("self", "other"):
            raise ValueError(f"prefer must be 'self' or 'other', got {prefer!r}")
        merged = {event.id: event for event in self.events}
        for event in other:
            if prefer == "other" or event.id not in merged:
                merged[event.id] = event
        return self._with(merged.values())

    @classmethod
    def deduplicated(
        cls,
        events: Iterable[Event],
        *,
        keep: Literal["first", "last"] = "first",
        title: str = "",
        description: str | None = None,
        tz: str | None = None,
        eras: Iterable[Era | Mapping[str, object]] = (),
        extra: Mapping[str, JSONValue] | None = None,
    ) -> Timeline:
        """A timeline of ``events`` keeping one event per id (the first or last seen).

        Other keyword arguments (title, description, tz, eras, extra) go to the
        constructor.
        """
        if keep not in ("first", "last"):
            raise ValueError(f"keep must be 'first' or 'last', got {keep!r}")
        chosen: dict[str, Event] = {}
        for event in events:
            if keep == "last" or event.id not in chosen:
                chosen[event.id] = event
        return cls(events=tuple(chosen.values()), title=title, description=description, tz=tz, eras=eras, extra=extra)
