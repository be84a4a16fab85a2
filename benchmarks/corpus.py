"""Import every .ics file under DIR and print a table: imported (N events), refused (reason, line), crashed.

Usage: python benchmarks/corpus.py DIR

With DIR/MANIFEST.tsv (the shared corpus), each file's count is set beside
icalendar's, and the files on which icalendar, ical and vobject agree on N > 0
events are checked to import with N, and no imported file may hold fewer
events than icalendar reads in it. Each file is also read with the
direct path off (every event through icalendar), strictly and leniently,
and the results, errors and warnings compared: they must be the same.
Files are read in place, never copied.

Then the round trip: every file that imports is written back as .ics,
and icalendar reads both; each event of the original must find, among the
events written back with its UID, one with the same properties and the
same subcomponents (alarms) with theirs, up to the normalisations that
docs/calendars.md lists ("Writing back a calendar from elsewhere"):
DTSTAMP is the writer's, the UID gains the writer's domain, the span is
compared as start and end (DTEND or DURATION, a TZID as the instant it
names), X-TIMELINE-* are ours, TRANSP is added by the busy policy, a
missing SUMMARY is written "Untitled", STATUS CONFIRMED is left out (the
default), CATEGORIES, RDATE and EXDATE are compared as sets of values, and
an ATTACH of a picture becomes IMAGE.
"""

from __future__ import annotations

import csv
import statistics
import sys
import time
import warnings
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar

import timeline
from timeline.errors import ParseError
from timeline.formats import decode, ics
from timeline.formats._ical_read import read_ics, zone_name


def _outcome(text: str, name: str, *, lenient: bool, direct: bool) -> tuple[object, list[str]]:
    """The timeline (or error text) and the warnings of one reading."""
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        try:
            found: object = read_ics(text, name, lenient=lenient, direct=direct)
        except ParseError as exc:
            found = str(exc)
    return found, [str(warning.message) for warning in seen]


def _direct_differs(data: bytes, name: str) -> bool:
    """Whether the direct path and icalendar's give anything different for this file."""
    try:
        text = decode(data, name)
    except ParseError:
        return False  # refused before either path
    return any(
        _outcome(text, name, lenient=lenient, direct=True) != _outcome(text, name, lenient=lenient, direct=False)
        for lenient in (False, True)
    )


# Properties compared in a form of their own (or not at all), as the module docstring says.
_SPAN = frozenset(("DTSTART", "DTEND", "DURATION"))
_IGNORED = frozenset(("DTSTAMP", "UID"))
_SETS = frozenset(("CATEGORIES", "RDATE", "EXDATE"))


def _moment(value: object, zone: Any = None) -> object:
    if isinstance(value, datetime):
        if value.tzinfo is None and zone is not None:  # floating, in a calendar with X-WR-TIMEZONE
            value = value.replace(tzinfo=zone)
        if value.tzinfo is not None:
            return value.astimezone(UTC)
    return value


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) else value  # given more than once: the first counts, as we read it


def _span(event: Any, zone: Any) -> tuple[object, object] | None:
    if "DTSTART" not in event:
        return None  # dated by what the reader finds (DTEND, RECURRENCE-ID, DTSTAMP, CREATED): not compared
    start = _first(event.decoded("DTSTART"))
    if "DTEND" in event:
        end = _first(event.decoded("DTEND"))
    elif "DURATION" in event:
        end = start + _first(event.decoded("DURATION"))
    else:
        end = start
    if type(end) is not type(start) or (isinstance(start, datetime) and (start.tzinfo is None) != (end.tzinfo is None)):
        end = start  # an end of another kind than the start: the reader shows the start alone
    if isinstance(start, datetime):
        first, last = _moment(start, zone), _moment(end, zone)
        return first, last if last >= first else first  # type: ignore[operator] # an end before the start: the start alone
    return start, end if end > start else start + timedelta(days=1)  # a day that ends as it starts: one day


def _values(event: Any, name: str) -> list[Any]:
    found = event[name]
    return found if isinstance(found, list) else [found]


def _signature(event: Any, *, ours: bool, zone: Any = None) -> tuple[object, ...]:
    """What must survive a round trip of one component, normalised as the module docstring says."""
    props: list[tuple[str, str]] = []
    sets: dict[str, set[str]] = {}
    for name in event:
        if name in _IGNORED or name in _SPAN or name.startswith("X-TIMELINE-"):
            continue
        for value in _values(event, name):
            if name in _SETS:
                parts = value.cats if name == "CATEGORIES" else [item.dt for item in getattr(value, "dts", [])]
                # A floating RDATE or EXDATE of a zoned event is the event's zone's.
                own = getattr(_first(event.decoded("DTSTART")) if "DTSTART" in event else None, "tzinfo", None) or zone
                sets.setdefault(name, set()).update(str(_moment(part, own)) for part in parts)
                continue
            text = value.to_ical() if hasattr(value, "to_ical") else str(value)
            text = text.decode() if isinstance(text, bytes) else text
            props.append(("ATTACH" if name == "IMAGE" else name, text))
    span = None
    if event.name == "VEVENT":
        span = _span(event, zone)
        if ours:
            props = [p for p in props if p != ("SUMMARY", "Untitled")]
        elif "TRANSP" not in event and span is not None and type(span[0]) is date:
            props.append(("TRANSP", "TRANSPARENT"))  # the writer's default for days (busy=timed)
        props = [p for p in props if p[0] != "STATUS" or p[1].upper() != "CONFIRMED"]
    subs = sorted(repr(_signature(sub, ours=ours)) for sub in event.subcomponents)
    return (span, tuple(sorted(props)), tuple(sorted((k, tuple(sorted(v))) for k, v in sets.items())), tuple(subs))


def _parts(signature: tuple[object, ...]) -> set[str]:
    span, props, sets, subs = signature
    return {f"span {span!r}", *map(repr, props), *map(repr, sets), *map(str, subs)}  # type: ignore[call-overload]


def round_trip(text: str, name: str) -> list[str]:
    """What differs when ``text`` (a file that imports) is written back: one line per event not found again."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        written = timeline.dumps(ics.read(text, name), "ics", stamp="2021-06-02T00:00:00Z", domain="corpus.test")
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
        after = icalendar.Calendar.from_ical(written)
    groups: dict[str, list[tuple[object, ...]]] = {}
    for event in after.walk("VEVENT"):
        uid = str(event.get("UID", "")).removesuffix("@corpus.test")
        groups.setdefault(uid, []).append(_signature(event, ours=True))
    problems = []
    zone = None
    calendars = [calendar for calendar in calendars if calendar is not None]
    if calendars and "X-WR-TIMEZONE" in calendars[0]:
        found = zone_name(str(calendars[0]["X-WR-TIMEZONE"]))
        zone = None if found is None else ZoneInfo(found)
    for event in (event for before in calendars for event in before.walk("VEVENT")):
        if not any(name in event for name in ("DTSTART", "DTEND", "RECURRENCE-ID", "DTSTAMP", "CREATED")):
            continue  # no date at all: a calendar cannot show it, the writer leaves it out with a warning
        uid = str(event.get("UID", "")) if str(event.get("UID", "")).strip() else ""
        mine = _signature(event, ours=False, zone=zone)
        # A VEVENT without UID gets a derived id; look for it among all events.
        pool = groups.get(uid, []) if uid else [sig for sigs in groups.values() for sig in sigs]
        # No DTSTART: the reader dates it by what it finds, so its span is not compared.
        shown = [sig if mine[0] is not None else (None, *sig[1:]) for sig in pool]
        if mine in shown:
            pool.pop(shown.index(mine))
            continue
        if not any(True for _ in pool):
            problems.append(f"UID {uid!r}: not written back")
        else:
            nearest = min(pool, key=lambda sig: len(_parts(sig) ^ _parts(mine)))
            problems.append(
                f"UID {uid!r}: lost {sorted(_parts(mine) - _parts(nearest))!r:.300},"
                f" gained {sorted(_parts(nearest) - _parts(mine))!r:.300}"
            )
    return problems


def main(root: Path) -> int:
    manifest: dict[str, dict[str, str]] = {}
    if (root / "MANIFEST.tsv").exists():
        with (root / "MANIFEST.tsv").open(encoding="utf-8") as handle:
            manifest = {row["path"]: row for row in csv.DictReader(handle, delimiter="\t")}
    files = sorted(p for p in root.rglob("*.ics"))
    counts = {"imported": 0, "refused": 0, "crashed": 0}
    times: list[float] = []
    disagree: list[str] = []
    differs: list[str] = []
    fewer: list[str] = []
    changed: dict[str, list[str]] = {}
    compared = 0
    print(f"{'file':60} {'result':10} {'events':>6} {'icalendar':>9} {'ms':>8}  reason")
    for path in files:
        name = path.relative_to(root).as_posix()
        row = manifest.get(name, {})
        data = path.read_bytes()
        begin = time.perf_counter()
        reason, events = "", None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                events = len(ics.read(data, name))
            result = "imported"
        except ParseError as exc:
            result, reason = "refused", str(exc)[:110]
        except Exception as exc:  # a crash is what this table counts
            result, reason = "crashed", f"{type(exc).__name__}: {exc}"[:110]
        elapsed = time.perf_counter() - begin
        times.append(elapsed)
        counts[result] += 1
        theirs = row.get("icalendar_events", "")
        agreed = {row.get(k) for k in ("icalendar_events", "ical_events", "vobject_events")}
        if result == "imported" and theirs.isdigit() and events is not None and events < int(theirs):
            fewer.append(f"{name}: {events} events, icalendar reads {theirs}")
        if len(agreed) == 1 and theirs.isdigit() and int(theirs) > 0 and events != int(theirs):
            disagree.append(f"{name}: {events} events, the three parsers agree on {theirs}; {reason}")
        if result != "crashed" and _direct_differs(data, name):
            differs.append(name)
        if result == "imported":
            compared += 1
            try:
                problems = round_trip(decode(data, name), name)
            except Exception as exc:  # a crash in writing back or in icalendar's reading of it is a finding too
                problems = [f"{type(exc).__name__}: {exc}"[:200]]
            if problems:
                changed[name] = problems
        print(f"{name[:60]:60} {result:10} {events if events is not None else '-':>6} {theirs or '-':>9} "
              f"{elapsed * 1000:8.1f}  {reason}")  # fmt: skip
    print()
    print(
        f"files: {len(files)}; imported {counts['imported']}, refused {counts['refused']}, crashed {counts['crashed']}"
    )
    print(f"time per file: median {statistics.median(times) * 1000:.1f} ms, slowest {max(times) * 1000:.1f} ms, "
          f"over one second: {sum(t > 1 for t in times)}")  # fmt: skip
    print(f"files where icalendar, ical and vobject agree on N > 0 events but we do not: {len(disagree)}")
    for line in disagree:
        print("  " + line)
    print(f"files imported with fewer events than icalendar reads (an event silently lost): {len(fewer)}")
    for line in fewer:
        print("  " + line)
    print(f"files the direct path reads otherwise than icalendar's path: {len(differs)}")
    for name in differs:
        print("  " + name)
    print(f"files imported and written back: {compared}; with an event whose components or properties changed"
          f" (beyond the documented normalisations): {len(changed)}")  # fmt: skip
    for name, problems in changed.items():
        print(f"  {name}: {len(problems)} events")
        for problem in problems[:3]:
            print("    " + problem)
    return 1 if counts["crashed"] or disagree or fewer or differs or changed else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/ics")))
