"""Timeline's order for events in zones: the fast sort key against the exact, slow computation.

Timeline works out an event's key on UTC's clock from per-day zone offsets
it keeps (``_when._WALL_DAYS``) and keeps the key on the event. These tests
compare that with what ``datetime.astimezone`` says for every bound, over
zones with daylight saving (including 30-minute DST, negative DST and a
skipped day), wall-clock times in gaps and folds, and years from 1 to 9999
and beyond, far outside any range the offsets were kept for.
"""

from __future__ import annotations

import functools
import pickle
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

import attrs
from hypothesis import given
from hypothesis import strategies as st

from timeline import Event, Timeline, When
from timeline._event import _compute_order_key
from timeline._when import _DAY_US, _MAX_ORDINAL, Key

# Zones with daylight saving and its oddities: 30-minute DST (Lord Howe),
# negative DST (Dublin), a skipped day (Apia, 2011-12-30), changes at
# midnight (Havana, Santiago, Beirut), half-hour offsets (St John's, Kolkata).
DST_ZONES = (
    "America/New_York",
    "Europe/Berlin",
    "America/Mexico_City",
    "Australia/Lord_Howe",
    "Europe/Dublin",
    "Pacific/Apia",
    "America/Havana",
    "America/Santiago",
    "Asia/Beirut",
    "America/St_Johns",
    "America/Guatemala",
    "Asia/Kolkata",
    "UTC",
)
# Years with rules in the database, its edges, and far beyond the last rule
# (the POSIX TZ string), where nothing could have been kept beforehand.
YEARS = (1883, 1916, 1945, 1970, 1996, 2011, 2021, 2022, 2037, 2038, 2099, 2400, 9998)


def _key(moment: datetime) -> int:
    return (
        moment.toordinal() * _DAY_US
        + ((moment.hour * 60 + moment.minute) * 60 + moment.second) * 1_000_000
        + moment.microsecond
    )


def exact_utc(key: Key, zone: tzinfo) -> Key:
    """A key on ``zone``'s wall clock moved to UTC's by datetime, bound by bound: the slow truth."""
    if not isinstance(key, int):
        return key  # unknown or open: minus or plus infinity
    ordinal, micro = divmod(key, _DAY_US)
    if not 1 <= ordinal <= _MAX_ORDINAL:
        return key  # beyond what zone rules cover: the wall clock is all there is
    local = (datetime.fromordinal(ordinal) + timedelta(microseconds=micro)).replace(tzinfo=zone)
    try:
        return _key(local.astimezone(UTC))
    except OverflowError:
        return key


def exact_sort_key(event: Event) -> tuple[Key, Key, str, str, str]:
    """What Timeline.sort_key must give an event of a zone on a timeline without one."""
    when = event.when
    if event.tz is None or when._aware:
        return (when._lo, when._hi, str(when), event.title, event.id)
    zone = ZoneInfo(event.tz)
    lo, hi = exact_utc(when._lo, zone), exact_utc(when._hi, zone)
    return (lo, max(lo, hi), str(when), event.title, event.id)


@functools.cache
def transitions(name: str, year: int) -> tuple[datetime, ...]:
    """The wall-clock times (on the clock before the change) at which zone ``name`` changes offset in ``year``."""
    zone = ZoneInfo(name)
    found = []
    day = datetime(year, 1, 1, tzinfo=UTC)
    end = datetime(year + 1, 1, 1, tzinfo=UTC) if year < 9999 else datetime(9999, 12, 30, tzinfo=UTC)
    while day < end:
        after = day + timedelta(days=1)
        before_offset = day.astimezone(zone).utcoffset()
        if after.astimezone(zone).utcoffset() != before_offset:
            low, high = day, after
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                if middle.astimezone(zone).utcoffset() == before_offset:
                    low = middle
                else:
                    high = middle
            assert before_offset is not None
            found.append((high + before_offset).replace(tzinfo=None))
        day = after
    return tuple(found)


@st.composite
def wall_times(draw: st.DrawFn, name: str) -> datetime:
    """A wall-clock time in zone ``name``: often within hours of a change (gaps and folds), else anywhere."""
    year = draw(st.sampled_from(YEARS))
    near = transitions(name, year)
    close = draw(st.integers(0, 3)) > 0  # three in four
    if near and close:
        moment = draw(st.sampled_from(near)) + timedelta(minutes=draw(st.integers(-240, 240)))
        return moment + timedelta(seconds=draw(st.sampled_from((0, 0, 1, 59))))
    return draw(st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59)))


def _text(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds" if moment.second else "minutes")


@st.composite
def zoned_events(draw: st.DrawFn, index: int = 0) -> Event:
    """An event in one of DST_ZONES: a floating time, an interval of two, a day, days, or other EDTF."""
    name = draw(st.sampled_from(DST_ZONES))
    kind = draw(st.sampled_from(["time", "times", "day", "days", "other"]))
    start = draw(wall_times(name))
    if kind == "time":
        text = _text(start)
    elif kind == "times":
        end = start + timedelta(minutes=draw(st.integers(0, 300)))
        if end.year > 9999:
            end = start
        text = f"{_text(start)}/{_text(end)}"
    elif kind == "day":
        text = start.date().isoformat()
    elif kind == "days":
        last = start.date() + timedelta(days=draw(st.integers(0, 3))) if start.year < 9999 else start.date()
        text = f"{start.date().isoformat()}/{last.isoformat()}"
    else:
        text = draw(
            st.sampled_from(
                [
                    f"{start.year:04d}",
                    f"{start.year:04d}-{start.month:02d}",
                    f"{start.year:04d}-{start.month:02d}~",
                    f"{_text(start)}Z",
                    f"{start.date().isoformat()}/..",
                    f"/{start.date().isoformat()}",
                    "-0044-03-15",
                    "Y12345",
                    "0001-01-01T00:30",
                    "9999-12-31T23:30",
                    f"[{start.year:04d},{start.date().isoformat()}]",
                ]
            )
        )
    title = draw(st.sampled_from(["A", "B", "same"]))
    return Event(id=f"e{index}", title=title, when=When(text), tz=name)


@st.composite
def zoned_event_lists(draw: st.DrawFn) -> list[Event]:
    size = draw(st.integers(1, 12))
    return [draw(zoned_events(index)) for index in range(size)]


class TestFastKeyIsExact:
    @given(zoned_events())
    def test_sort_key_is_the_exact_key(self, event: Event) -> None:
        """The key Timeline gives an event in its own zone is datetime's, bound by bound, gaps and folds included."""
        assert Timeline().sort_key(event) == exact_sort_key(event)

    @given(zoned_events())
    def test_sort_key_is_when_key(self, event: Event) -> None:
        """The fast path gives what When.key gives, the general path it skips."""
        lo, hi, text = event.when.key(ZoneInfo(event.tz) if event.tz else None, view=None)
        assert Timeline().sort_key(event) == (lo, hi, text, event.title, event.id)

    @given(zoned_event_lists())
    def test_order_is_the_exact_order(self, events: list[Event]) -> None:
        """Sorted by the exact keys, ties (same bounds and title) broken by id, as documented."""
        timeline = Timeline(events=events)
        assert [e.id for e in timeline] == [e.id for e in sorted(events, key=exact_sort_key)]

    @given(zoned_event_lists(), st.sampled_from([None, "Asia/Tokyo", "America/New_York", "UTC"]))
    def test_kept_keys_follow_the_timeline_clock(self, events: list[Event], view: str | None) -> None:
        """A key kept on an event for one timeline's clock is not used on another's."""
        first = Timeline(events=events, tz="Europe/Berlin")
        second = Timeline(events=list(first), tz=view)
        fresh = [attrs.evolve(event) for event in events]  # equal events, nothing kept on them
        assert list(second) == list(Timeline(events=fresh, tz=view))
        for event in second:
            assert second.sort_key(event) == _compute_order_key(event, view)[1:6]


class TestKeptKey:
    def test_rebuilding_uses_the_kept_key(self) -> None:
        """The key is kept on the event by the first timeline and given back as it is by the next."""
        event = Event(title="Meeting", when="2021-03-14T02:30", tz="America/New_York")  # in the gap
        first = Timeline(events=[event])
        kept = first._order_key(event)
        assert Timeline(events=[event])._order_key(event) is kept
        assert first.sort_key(event) == exact_sort_key(event)

    def test_kept_key_is_no_field(self) -> None:
        """Equality, hashing, evolve, asdict and pickling never see the kept key."""
        event = Event(title="Meeting", when="2021-11-07T01:30", tz="America/New_York")  # in the fold
        twin = Event(title="Meeting", when="2021-11-07T01:30", tz="America/New_York")
        Timeline(events=[event])
        assert event == twin
        assert hash(event) == hash(twin)
        assert "_order" not in attrs.asdict(event)
        assert pickle.loads(pickle.dumps(event)) == event  # noqa: S301 - our own bytes
        assert attrs.evolve(event, title="Other")._order[4] == "Other"  # its own key, worked out afresh

    def test_fold_and_gap_keys(self) -> None:
        """01:30 on the fall-back night is its first reading (EDT); 02:30 in the spring gap reads as EST."""
        fold = Event(title="Fold", when="2021-11-07T01:30", tz="America/New_York")
        gap = Event(title="Gap", when="2021-03-14T02:30", tz="America/New_York")
        timeline = Timeline(events=[fold, gap])
        assert timeline.sort_key(fold)[0] == _key(datetime(2021, 11, 7, 5, 30))
        assert timeline.sort_key(gap)[0] == _key(datetime(2021, 3, 14, 7, 30))

    def test_far_future_and_past(self) -> None:
        """Years past the database's last rule and before the first follow datetime, as nearer ones do."""
        events = [
            Event(id="future", title="F", when="2400-07-01T12:00", tz="Europe/Berlin"),
            Event(id="past", title="P", when="1850-07-01T12:00", tz="Europe/Berlin"),
            Event(id="edge", title="E", when="0001-01-01", tz="America/New_York"),
        ]
        timeline = Timeline(events=events)
        for event in events:
            assert timeline.sort_key(event) == exact_sort_key(event)
        assert timeline.sort_key(events[0])[0] == _key(datetime(2400, 7, 1, 10, 0))
        assert [e.id for e in timeline] == ["edge", "past", "future"]

    def test_a_day_in_its_zone(self) -> None:
        """A whole day in a zone runs from its local midnight to its last microsecond, on UTC's clock."""
        event = Event(title="Day", when="2021-06-07", tz="America/Guatemala")
        lo, hi, *_ = Timeline().sort_key(event)
        assert lo == _key(datetime(2021, 6, 7, 6, 0))
        assert hi == _key(datetime(2021, 6, 8, 5, 59, 59, 999999))
        assert date(2021, 6, 7).toordinal() * _DAY_US < lo
