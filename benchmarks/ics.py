"""How fast the .ics writer is, side by side with the Python peers, and its memory when streaming.

Run with ``make bench-ics`` or ``python benchmarks/ics.py [N]``. Needs the
``bench`` extra (icalendar, ics-py, vobject). Every contender starts from its
natural plain data for the same N generated events (all-day, multi-day, and
timed in five zones) and ends with the whole calendar as text, building its
objects included:

- timeline (EDTF): events built from EDTF text and a zone name, as a file gives them;
- timeline (datetimes): events built from ``(start, end)`` pairs of dates or aware datetimes;
- icalendar, ics-py, vobject: their own event objects from the same datetimes;
- hand-written: a minimal serializer of the datetimes (f-strings, escaping,
  octet folding, no VTIMEZONE): the lower bound.

Contenders take turns within each round, so a noisy machine slows them
alike; the figures are medians over the rounds, and the ratios are to
timeline (EDTF). Targets: at least 10x faster than icalendar and 4x faster
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

import importlib
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

# This file is called ics.py, as the issue asks; keep its folder off the
# import path so that ``import ics`` finds ics-py.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).resolve().parent]

import timeline  # noqa: E402 - after the path fix above
from timeline import Event  # noqa: E402

ZONES = ("America/Guatemala", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney")
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


def ours_edtf(data: list[Row]) -> str:
    events = [
        Event(
            id=r["uid"],
            title=r["title"],
            when=r["edtf"],
            tz=r["tz"],
            description=r["description"],
            location=r["location"],
        )
        for r in data
    ]
    return timeline.dumps(events, "ics", stamp=STAMP)


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
            Event(id=r["uid"], title=r["title"], when=when, description=r["description"], location=r["location"])
        )
    return timeline.dumps(events, "ics", stamp=STAMP)


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
            description=r["description"], location=r["location"],
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
    text: str = calendar.serialize()
    return text


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    if len(line) <= 75 and line.isascii():
        return line
    data = line.encode()
    out, start, limit = [], 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and data[end] & 0xC0 == 0x80:
            end -= 1
        out.append(data[start:end].decode())
        start, limit = end, 74
    return "\r\n ".join(out)


def hand_written(data: list[Row]) -> str:
    stamp = STAMP.strftime("%Y%m%dT%H%M%SZ")
    out = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//EN"]
    for r in data:
        start, end = r["start"], r["end"]
        out += ["BEGIN:VEVENT", f"UID:{r['uid']}@bench", f"DTSTAMP:{stamp}"]
        if isinstance(start, datetime):
            tzid = start.tzinfo.key  # type: ignore[union-attr]
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


def compare(n: int) -> dict[str, float]:
    data = list(rows(n))
    times: dict[str, list[float]] = {name: [] for name in CONTENDERS}
    for _ in range(ROUNDS):
        for name, run in CONTENDERS.items():
            started = time.perf_counter()
            text = run(data)
            times[name].append(time.perf_counter() - started)
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
                started = time.perf_counter()
                count = run(given)
                times.setdefault(name + suffix, []).append(time.perf_counter() - started)
                assert count == n, (name, count)
    return {name: statistics.median(values) for name, values in times.items()}


def stream_child(n: int, path: str) -> None:
    """Write ``n`` events from a generator to ``path``; the parent reads our peak memory."""

    def events() -> Iterator[Event]:
        for r in rows(n):
            yield Event(id=r["uid"], title=r["title"], when=r["edtf"], tz=r["tz"], description=r["description"])

    timeline.dump(events(), path, "ics", stamp=STAMP)
    print(_peak_mib())


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


def main(n: int = 10_000) -> int:
    print(f"Writing {n:,} events as .ics, median of {ROUNDS} rounds (building the events included)")
    medians = compare(n)
    ours = medians["timeline (EDTF)"]
    for name, seconds in medians.items():
        ratio = seconds / ours
        print(f"  {name:<22}{seconds:8.3f} s   {ratio:6.2f}x timeline (EDTF)")
    print(f"  timeline is {medians['icalendar'] / ours:.1f}x faster than icalendar (target 10x),"
          f" {medians['ics-py'] / ours:.1f}x faster than ics-py (target 4x),"
          f" {ours / medians['hand-written']:.2f}x the hand-written bound (target under 2x)")  # fmt: skip

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
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--stream"]:
        stream_child(int(sys.argv[2]), sys.argv[3])
        sys.exit(0)
    if sys.argv[1:2] == ["--read"]:
        for name, seconds in compare_reading(int(sys.argv[2]) if len(sys.argv) > 2 else 10_000).items():
            print(f"{name:<22}{seconds:8.3f} s")
        sys.exit(0)
    sys.exit(main(*(int(arg) for arg in sys.argv[1:2])))
