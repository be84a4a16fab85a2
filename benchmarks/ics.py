"""How fast the .ics writer is, side by side with the Python peers, and its memory when streaming.

Run with ``make bench-ics`` or ``python benchmarks/ics.py [N]``. Needs the
``bench`` extra (icalendar, ics-py, vobject). Every contender starts from its
natural plain data for the same N generated events (all-day, multi-day, and
timed in five zones) and ends with the whole calendar as text, building its
objects included:

- timeline (EDTF): events built from EDTF text and a zone name, as a file gives them;
- timeline (datetimes): events built from ``(start, end)`` pairs of dates or aware datetimes;
- icalendar, ics-py, vobject: their own event objects from the same datetimes;
- hand-written: a minimal serializer of the datetimes that writes the same
  events in the same order (sorted by instant) with the same properties,
  escaping and octet folding as ours, X-TIMELINE-WHEN and -TZ included, and
  no VTIMEZONE: the lower bound.

Two sets of events: realistic ones (issue 19: 40% all-day, 15% several
days, 45% timed in five zones given as each event's ``tz``; titles of
20-60 characters, descriptions of about 200 with line breaks, commas,
semicolons, quotes, backslashes, accents and emoji with ZWJ sequences and
flags; a location, 0-3 tags one of which holds a comma, a URL; ten years;
built into a Timeline), then the plain ones of earlier releases. Then the
sorting alone: building a Timeline of the realistic events against
``sorted()`` of them by keys computed beforehand.

Contenders take turns within each round, and each is timed in CPU time
of this process (``time.process_time``), so other jobs on a shared machine
count for nobody; the cyclic garbage collector is run before each turn
(untimed), so no contender pays for collecting what the one before it left
(vobject's objects hold cycles, and the next round's first contender used
to collect them); the figures are medians over the rounds, and the ratios
are to timeline (EDTF). Targets: at least 10x faster than icalendar and 4x faster
than ics-py, within 2x of the hand-written bound.

The import side reads the same N events, as our writer wrote them, back:
timeline (``loads(text, "ics")``: our line scan, then plain events straight
from their lines, the rest through icalendar), timeline with the direct
path off (every event through icalendar's parse and our mapping),
icalendar alone (``Calendar.from_ical`` and its VEVENTs), ical
(allenporter's) and vobject; then the same file without its X-TIMELINE-*
lines, as another client would write it ("foreign"). Target: timeline
within 1.2x icalendar alone.

Then it streams 300,000 events from a generator to a file in a child
process and prints that process's peak resident memory (target: under 150 MiB).
"""

from __future__ import annotations

import gc
import importlib
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

# This file is called ics.py, as the issue asks; keep its folder off the
# import path so that ``import ics`` finds ics-py.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).resolve().parent]

import timeline  # noqa: E402 - after the path fix above
from timeline import Event, Timeline  # noqa: E402

ZONES = ("America/Guatemala", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney")
# The realistic case: the five zones the issue names, UTC among them.
REAL_ZONES = ("America/Guatemala", "America/Mexico_City", "America/New_York", "Europe/Berlin", "UTC")
ROUNDS = 3
STAMP = datetime(2021, 6, 2, tzinfo=ZoneInfo("UTC"))
Row = dict[str, Any]


def rows(n: int, seed: int = 5545) -> Iterator[Row]:
    """``n`` plain events: 40% one day, 20% several days, 40% timed in a zone."""
    rng = random.Random(seed)
    words = [
        "meeting",
        "briefing",
        "visit",
        "summit",
        "vote",
        "report",
        "hearing",
        "trip",
        "call",
        "rally",
        "talks,",
        "review;",
        "launch",
    ]
    for index in range(n):
        first = date(2019, 1, 1) + timedelta(days=rng.randrange(0, 4 * 365))
        title = " ".join(rng.choice(words) for _ in range(rng.randint(2, 7))).capitalize()
        row: Row = {
            "uid": f"ev-{index}",
            "title": title,
            "description": " ".join(rng.choice(words) for _ in range(rng.randint(0, 30))) or None,
            "location": rng.choice([None, "Guatemala City", "Mexico City, Mexico", "Berlin"]),
            "url": None,
            "tags": (),
        }
        roll = rng.random()
        if roll < 0.4:
            row.update(start=first, end=first + timedelta(days=1), edtf=first.isoformat(), tz=None)
        elif roll < 0.6:
            last = first + timedelta(days=rng.randint(1, 5))
            row.update(start=first, end=last + timedelta(days=1), edtf=f"{first}/{last}", tz=None)
        else:
            zone = rng.choice(ZONES)
            start = datetime(first.year, first.month, first.day, rng.randint(7, 19), rng.choice((0, 15, 30, 45)))
            end = start + timedelta(minutes=rng.choice((30, 45, 60, 90, 120)))
            row.update(
                start=start.replace(tzinfo=ZoneInfo(zone)),
                end=end.replace(tzinfo=ZoneInfo(zone)),
                edtf=f"{start.isoformat(timespec='minutes')}/{end.isoformat(timespec='minutes')}",
                tz=zone,
            )
        yield row


# Pieces of text as people type them into calendars: accents, quotes,
# backslashes (a Windows path), emoji with ZWJ sequences and flags.
_TITLE_WORDS = (
    "Reunión", "con", "la", "delegación", "de", "Guatemala", "Briefing", "on", "the", "border", "plan",
    "Café", "& talks", "Ministerio", "Économie", "\"Q&A\"", "visit", "🇬🇹", "🇲🇽", "📅", "Zoom", "São Paulo",
)  # fmt: skip
_SENTENCES = (
    "Agenda: migration, aid; trade.",
    "Bring the \"blue\" folder, please!",
    "Notes in C:\\Shared\\Trips\\2021 (see §4).",
    "Llegada a las 9 — café en la Antigua.",
    "Team: 👩\u200d💻 👨\u200d👩\u200d👧 🏳\ufe0f\u200d🌈 and 🇬🇹🇺🇸 flags.",
    "Dial-in: +1 555 0100; PIN 1234#.",
    "Señora Pérez, Müller & Ødegård attend.",
    "Line one\nline two; «quoted», 'single'.",
    "Café, crème brûlée; naïve résumé.",
    "Follow-up 📝 by Friday, 5 p.m.",
)  # fmt: skip
_LOCATIONS = (
    "Palacio Nacional de la Cultura, Guatemala City",
    "Secretaría de Relaciones Exteriores, Ciudad de México",
    "Room 4B; 1600 Pennsylvania Ave NW, Washington, DC",
    "Kanzleramt, Willy-Brandt-Straße 1, Berlin",
    "Zoom 🎥 (link in description)",
)  # fmt: skip
_TAGS = ("diplomacy", "trip", "migration", "Washington, D.C.", "économie", "press")


def realistic_rows(n: int, seed: int = 7986) -> Iterator[Row]:
    """``n`` events as a real calendar has them (issue 19's shape).

    40% all-day, 15% several days, 45% timed (30 minutes to 3 hours) in five
    zones given as each event's ``tz``; titles of 20-60 characters;
    descriptions of about 200 characters with line breaks, commas,
    semicolons, quotes, backslashes, accents and emoji (ZWJ sequences and
    flags); a location; 0-3 tags, one holding a comma; a URL; dates over
    ten years, in no order.
    """
    rng = random.Random(seed)
    for index in range(n):
        first = date(2015, 1, 1) + timedelta(days=rng.randrange(0, 10 * 365))
        title = rng.choice(_TITLE_WORDS[:6])
        while len(title) < rng.randint(20, 56):
            title += " " + rng.choice(_TITLE_WORDS)
        title = title[:60].rstrip()
        parts: list[str] = []
        while sum(len(part) + 1 for part in parts) < 180:
            parts.append(rng.choice(_SENTENCES))
        description = parts[0] + "".join(rng.choice((" ", "\n", "\n\n")) + part for part in parts[1:])
        row: Row = {
            "uid": f"ev-{index}",
            "title": title,
            "description": description,
            "location": rng.choice(_LOCATIONS),
            "url": f"https://example.org/events/{index}?lang=es&ref=cal",
            "tags": tuple(rng.sample(_TAGS, rng.randint(0, 3))),
        }
        roll = rng.random()
        if roll < 0.40:
            row.update(start=first, end=first + timedelta(days=1), edtf=first.isoformat(), tz=None)
        elif roll < 0.55:
            last = first + timedelta(days=rng.randint(1, 4))
            row.update(start=first, end=last + timedelta(days=1), edtf=f"{first}/{last}", tz=None)
        else:
            zone = rng.choice(REAL_ZONES)
            start = datetime(first.year, first.month, first.day, rng.randint(7, 19), rng.choice((0, 15, 30, 45)))
            end = start + timedelta(minutes=rng.choice((30, 45, 60, 90, 120, 150, 180)))
            row.update(
                start=start.replace(tzinfo=ZoneInfo(zone)),
                end=end.replace(tzinfo=ZoneInfo(zone)),
                edtf=f"{start.isoformat(timespec='minutes')}/{end.isoformat(timespec='minutes')}",
                tz=zone,
            )
        yield row


def _events(data: list[Row]) -> list[Event]:
    return [
        Event(
            id=r["uid"],
            title=r["title"],
            when=r["edtf"],
            tz=r["tz"],
            description=r["description"],
            location=r["location"],
            url=r["url"],
            tags=r["tags"],
        )
        for r in data
    ]


def ours_edtf(data: list[Row]) -> str:
    return timeline.dumps(Timeline(title="bench", events=_events(data)), "ics", stamp=STAMP)


def ours_datetimes(data: list[Row]) -> str:
    events = []
    for r in data:
        start, end = r["start"], r["end"]
        if not isinstance(start, datetime):
            end = end - timedelta(days=1)
            when: Any = start if end == start else (start, end)
        else:
            when = (start, end)
        events.append(
            Event(
                id=r["uid"],
                title=r["title"],
                when=when,
                description=r["description"],
                location=r["location"],
                url=r["url"],
                tags=r["tags"],
            )
        )
    return timeline.dumps(Timeline(title="bench", events=events), "ics", stamp=STAMP)


def _transparent(r: Row) -> bool:
    """TRANSP:TRANSPARENT for days (the writer's default, busy=timed)."""
    return not isinstance(r["start"], datetime)


def peer_icalendar(data: list[Row]) -> str:
    import icalendar  # noqa: PLC0415 - a peer, loaded only when measured

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//bench//EN")
    calendar.add("version", "2.0")
    for r in data:
        event = icalendar.Event()
        event.add("uid", r["uid"] + "@bench")
        event.add("dtstamp", STAMP)
        event.add("dtstart", r["start"])
        event.add("dtend", r["end"])
        event.add("summary", r["title"])
        if r["description"]:
            event.add("description", r["description"])
        if r["location"]:
            event.add("location", r["location"])
        if r["url"]:
            event.add("url", r["url"])
        if r["tags"]:
            event.add("categories", list(r["tags"]))
        if _transparent(r):
            event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    text: str = calendar.to_ical().decode()
    return text


def peer_ics(data: list[Row]) -> str:
    ics: Any = importlib.import_module("ics")  # a peer, loaded only when measured

    calendar = ics.Calendar()
    for r in data:
        event = ics.Event(
            name=r["title"], begin=r["start"], end=r["end"], uid=r["uid"] + "@bench",
            description=r["description"], location=r["location"], url=r["url"],
            categories=set(r["tags"]) or None, transparent=_transparent(r),
        )  # fmt: skip
        if not isinstance(r["start"], datetime):
            event.make_all_day()
        calendar.events.add(event)
    text: str = calendar.serialize()
    return text


def peer_vobject(data: list[Row]) -> str:
    vobject: Any = importlib.import_module("vobject")  # a peer, loaded only when measured

    calendar = vobject.iCalendar()
    for r in data:
        event = calendar.add("vevent")
        event.add("uid").value = r["uid"] + "@bench"
        event.add("dtstamp").value = STAMP
        event.add("dtstart").value = r["start"]
        event.add("dtend").value = r["end"]
        event.add("summary").value = r["title"]
        if r["description"]:
            event.add("description").value = r["description"]
        if r["location"]:
            event.add("location").value = r["location"]
        if r["url"]:
            event.add("url").value = r["url"]
        if r["tags"]:
            event.add("categories").value = list(r["tags"])
        if _transparent(r):
            event.add("transp").value = "TRANSPARENT"
    text: str = calendar.serialize()
    return text


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    if len(line) <= 75 and line.isascii():
        return line
    data = line.encode()
    if len(data) <= 75:
        return line
    out, start, limit = [], 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and data[end] & 0xC0 == 0x80:
            end -= 1
        out.append(data[start:end].decode())
        start, limit = end, 74
    return "\r\n ".join(out)


def _utc(r: Row) -> datetime:
    start = r["start"]
    if isinstance(start, datetime):
        return start.astimezone(UTC).replace(tzinfo=None)
    return datetime(start.year, start.month, start.day)


def hand_written(data: list[Row]) -> str:
    """The lower bound: the same events in the same order, the same properties, escaping and folding."""
    stamp = STAMP.strftime("%Y%m%dT%H%M%SZ")
    out = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//EN"]
    for r in sorted(data, key=lambda r: (_utc(r), r["title"])):
        start, end = r["start"], r["end"]
        out += ["BEGIN:VEVENT", f"UID:{r['uid']}@bench", f"DTSTAMP:{stamp}"]
        if isinstance(start, datetime):
            tzid = start.tzinfo.key  # type: ignore[union-attr]
            if tzid == "UTC":
                out.append(f"DTSTART:{start:%Y%m%dT%H%M%S}Z")
                out.append(f"DTEND:{end:%Y%m%dT%H%M%S}Z")
            else:
                out.append(f"DTSTART;TZID={tzid}:{start:%Y%m%dT%H%M%S}")
                out.append(f"DTEND;TZID={tzid}:{end:%Y%m%dT%H%M%S}")
        else:
            out.append(f"DTSTART;VALUE=DATE:{start:%Y%m%d}")
            out.append(f"DTEND;VALUE=DATE:{end:%Y%m%d}")
        out.append(_fold("SUMMARY:" + _escape(r["title"])))
        if r["description"]:
            out.append(_fold("DESCRIPTION:" + _escape(r["description"])))
        if r["location"]:
            out.append(_fold("LOCATION:" + _escape(r["location"])))
        if r["url"]:
            out.append(_fold("URL;VALUE=URI:" + r["url"]))
        if r["tags"]:
            out.append(_fold("CATEGORIES:" + ",".join(_escape(tag) for tag in r["tags"])))
        if _transparent(r):
            out.append("TRANSP:TRANSPARENT")
        out.append(_fold("X-TIMELINE-WHEN;VALUE=TEXT:" + r["edtf"]))
        if r["tz"]:
            out.append(_fold("X-TIMELINE-TZ;VALUE=TEXT:" + r["tz"]))
        out.append("END:VEVENT")
    out.append("END:VCALENDAR")
    return "\r\n".join(out) + "\r\n"


CONTENDERS: dict[str, Callable[[list[Row]], str]] = {
    "timeline (EDTF)": ours_edtf,
    "timeline (datetimes)": ours_datetimes,
    "icalendar": peer_icalendar,
    "ics-py": peer_ics,
    "vobject": peer_vobject,
    "hand-written": hand_written,
}


def compare(n: int, make: Callable[[int], Iterator[Row]] = realistic_rows) -> dict[str, float]:
    data = list(make(n))
    times: dict[str, list[float]] = {name: [] for name in CONTENDERS}
    for _ in range(ROUNDS):
        for name, run in CONTENDERS.items():
            gc.collect()  # what the contender before left behind is not this one's to collect
            started = time.process_time()
            text = run(data)
            times[name].append(time.process_time() - started)
            assert text.count("BEGIN:VEVENT") == n, name
    return {name: statistics.median(values) for name, values in times.items()}


def read_timeline(text: str) -> int:
    return len(timeline.loads(text, "ics"))


def read_timeline_through_icalendar(text: str) -> int:
    from timeline.formats._ical_read import read_ics  # noqa: PLC0415 - the reader with its direct path off

    return len(read_ics(text, "bench.ics", direct=False))


def read_icalendar(text: str) -> int:
    import icalendar  # noqa: PLC0415 - a peer, loaded only when measured

    return len(icalendar.Calendar.from_ical(text).walk("VEVENT"))


def read_ical(text: str) -> int:
    from ical.calendar_stream import IcsCalendarStream  # noqa: PLC0415 - a peer, loaded only when measured

    return len(IcsCalendarStream.calendar_from_ics(text).events)


def read_vobject(text: str) -> int:
    vobject: Any = importlib.import_module("vobject")  # a peer, loaded only when measured
    return len(vobject.readOne(text).contents.get("vevent", []))


READERS: dict[str, Callable[[str], int]] = {
    "timeline": read_timeline,
    "timeline, no direct": read_timeline_through_icalendar,
    "icalendar": read_icalendar,
    "ical": read_ical,
    "vobject": read_vobject,
}


def compare_reading(n: int) -> dict[str, float]:
    """Medians for our own file, then for the same file as another client would write it (no X-TIMELINE-*)."""
    text = ours_edtf(list(rows(n)))
    unfolded = text.replace("\r\n ", "").split("\r\n")
    foreign = "\r\n".join(line for line in unfolded if not line.startswith("X-TIMELINE-"))
    times: dict[str, list[float]] = {}
    for _ in range(ROUNDS):
        for suffix, given in (("", text), (" (foreign)", foreign)):
            for name, run in READERS.items():
                gc.collect()
                started = time.process_time()
                count = run(given)
                times.setdefault(name + suffix, []).append(time.process_time() - started)
                assert count == n, (name, count)
    return {name: statistics.median(values) for name, values in times.items()}


def stream_child(n: int, path: str) -> None:
    """Write ``n`` events from a generator to ``path``; the parent reads our peak memory."""

    def events() -> Iterator[Event]:
        for r in rows(n):
            yield Event(id=r["uid"], title=r["title"], when=r["edtf"], tz=r["tz"], description=r["description"])

    timeline.dump(events(), path, "ics", stamp=STAMP)
    print(_peak_mib())


def read_child(path: str) -> None:
    """Read the .ics file at ``path``; print CPU seconds, events and this process's peak memory."""
    started = time.process_time()
    count = len(timeline.load(path))
    print(time.process_time() - started, count, _peak_mib())


def reading_big(n: int) -> None:
    """Read n/4 and n plain events from a file (640,000 make about 100 MB), each in a child of its own.

    Linear time means the same time per event for both; the peak is the
    child's own resident memory (target: at most 700 MiB for 100 MB).
    """
    per_event = []
    for count in (n // 4, n):
        with tempfile.TemporaryDirectory() as folder:
            target = str(Path(folder) / "big.ics")
            timeline.dump(
                (Event(id=r["uid"], title=r["title"], when=r["edtf"], tz=r["tz"], description=r["description"])
                 for r in rows(count)),
                target, "ics", stamp=STAMP, domain="bench.example", zones=ZONES, years=(2019, 2022),
            )  # fmt: skip
            size = Path(target).stat().st_size
            child = subprocess.run(  # noqa: S603 - ourselves
                [sys.executable, __file__, "--read-child", target], check=True, capture_output=True, text=True
            )
        seconds, read, peak = child.stdout.split()
        assert int(read) == count
        per_event.append(float(seconds) / count)
        print(f"Reading {count:,} plain events ({size / 2**20:.0f} MB) from a file: {float(seconds):.1f} s CPU,"
              f" {float(seconds) / count * 1e6:.1f} us/event, peak RSS {float(peak):.0f} MiB"
              " (target at most 700 MiB for 100 MB)")  # fmt: skip
    print(f"  time per event, {n:,} against {n // 4:,}: {per_event[1] / per_event[0]:.2f}x (linear: about 1)")


def _peak_mib() -> float:
    """This process's peak resident memory in MiB.

    Linux's VmHWM starts afresh at exec; ru_maxrss would carry over the
    parent's peak through fork, which here is the benchmark holding four
    peers' calendars.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def sorting(n: int) -> tuple[float, float]:
    """Medians: building a Timeline of the realistic events (45% in a zone of their own), and sorted() on ready keys.

    Each round sorts events built afresh for it (outside the timed part), never in a Timeline before.
    """
    data = list(realistic_rows(n))
    events = _events(data)
    ready = Timeline(events=events)  # once: its sort_key gives every event's key
    keys = {event.id: ready.sort_key(event) for event in events}
    built: list[float] = []
    bare: list[float] = []
    for _ in range(ROUNDS):
        fresh = _events(data)
        gc.collect()
        started = time.process_time()
        Timeline(events=fresh)
        built.append(time.process_time() - started)
        gc.collect()
        started = time.process_time()
        sorted(events, key=lambda event: keys[event.id])
        bare.append(time.process_time() - started)
    return statistics.median(built), statistics.median(bare)


def writing(n: int) -> None:
    """Print the writing figures, realistic events first, then the plain ones."""
    for label, make in (("realistic", realistic_rows), ("plain", rows)):
        print(
            f"Writing {n:,} {label} events as .ics, median of {ROUNDS} rounds"
            " (building the events and Timeline included)"
        )
        medians = compare(n, make)
        ours = medians["timeline (EDTF)"]
        for name, seconds in medians.items():
            ratio = seconds / ours
            print(f"  {name:<22}{seconds:8.3f} s   {ratio:6.2f}x timeline (EDTF)")
        print(f"  {label}: timeline is {medians['icalendar'] / ours:.1f}x faster than icalendar (target 10x),"
              f" {medians['ics-py'] / ours:.1f}x faster than ics-py (target 4x),"
              f" {ours / medians['hand-written']:.2f}x the hand-written bound (target under 2x)")  # fmt: skip
    built, bare = sorting(n)
    print(f"Sorting {n:,} realistic events into a Timeline: {built:.3f} s, {built / bare:.2f}x sorted() on ready keys"
          " (target under 2x)")  # fmt: skip


def main(n: int = 10_000) -> int:
    writing(n)

    print(f"Reading {n:,} events from .ics, median of {ROUNDS} rounds")
    reading = compare_reading(n)
    for name, seconds in reading.items():
        base = reading["icalendar (foreign)" if name.endswith("(foreign)") else "icalendar"]
        print(f"  {name:<33}{seconds:8.3f} s   {seconds / base:6.2f}x icalendar")
    print(f"  timeline takes {reading['timeline'] / reading['icalendar']:.2f}x icalendar alone on its own file,"
          f" {reading['timeline (foreign)'] / reading['icalendar (foreign)']:.2f}x on the file without X-TIMELINE-*"
          " (target at most 1.2x)")  # fmt: skip
    print(f"  with every event through icalendar: {reading['timeline, no direct'] / reading['icalendar']:.2f}x"
          f" and {reading['timeline, no direct (foreign)'] / reading['icalendar (foreign)']:.2f}x")  # fmt: skip

    # Each run in a child of its own, which reports its own peak: flat memory
    # means the peak for 300,000 events is close to the peak for 30,000.
    for streamed in (30_000, 300_000):
        with tempfile.TemporaryDirectory() as folder:
            target = str(Path(folder) / "stream.ics")
            started = time.perf_counter()
            child = subprocess.run(  # noqa: S603 - ourselves
                [sys.executable, __file__, "--stream", str(streamed), target],
                check=True,
                capture_output=True,
                text=True,
            )
            seconds = time.perf_counter() - started
            size = Path(target).stat().st_size
        peak = float(child.stdout.strip())
        print(f"Streaming {streamed:,} events from a generator to a file: {seconds:.1f} s,"
              f" {size / 2**20:.0f} MiB written, peak RSS {peak:.0f} MiB (target under 150 MiB)")  # fmt: skip
    reading_big(640_000)
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--stream"]:
        stream_child(int(sys.argv[2]), sys.argv[3])
        sys.exit(0)
    if sys.argv[1:2] == ["--read-child"]:
        read_child(sys.argv[2])
        sys.exit(0)
    if sys.argv[1:2] == ["--read-big"]:
        reading_big(int(sys.argv[2]) if len(sys.argv) > 2 else 640_000)
        sys.exit(0)
    if sys.argv[1:2] == ["--write"]:
        writing(int(sys.argv[2]) if len(sys.argv) > 2 else 10_000)
        sys.exit(0)
    if sys.argv[1:2] == ["--read"]:
        for name, seconds in compare_reading(int(sys.argv[2]) if len(sys.argv) > 2 else 10_000).items():
            print(f"{name:<22}{seconds:8.3f} s")
        sys.exit(0)
    sys.exit(main(*(int(arg) for arg in sys.argv[1:2])))
