"""Export calendars with timeline and have five real iCalendar parsers read them (make check-ics).

Writes the worked example and tests/fixtures/calendar-traps.toml as .ics
and .jcal into out/clients/, reads the .ics with icalendar, allenporter's
ical, vobject, ical.js and node-ical, and the .jcal with ical.js, and
checks that every parser sees the same events: same UID, same start
(the same day, or the same UTC instant), same SUMMARY, DESCRIPTION and
LOCATION text, and the text the timeline holds. Prints one line per file
and parser and exits 1 on any disagreement.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import warnings
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import icalendar
import vobject  # type: ignore[import-untyped]
from ical.calendar_stream import IcsCalendarStream

import timeline
from timeline.formats._ical import escape_text

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SOURCES = (ROOT / "examples" / "harris-trip.toml", ROOT / "tests" / "fixtures" / "calendar-traps.toml")
STAMP = "2021-06-02T00:00:00Z"

Seen = dict[str, tuple[str, str, str | None, str | None]]


def start(value: date) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return "F:" + value.isoformat()
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return "D:" + value.isoformat()


def text(value: Any) -> str | None:
    return None if value is None else str(value)


def with_icalendar(source: str) -> Seen:
    calendar = icalendar.Calendar.from_ical(source)
    return {
        str(event["UID"]): (
            start(event.decoded("DTSTART")),
            str(event["SUMMARY"]),
            text(event.get("DESCRIPTION")),
            text(event.get("LOCATION")),
        )
        for event in calendar.walk("VEVENT")
    }


def with_ical(source: str) -> Seen:
    calendar = IcsCalendarStream.calendar_from_ics(source)
    return {
        str(event.uid): (start(event.dtstart), str(event.summary), event.description, event.location)
        for event in calendar.events
    }


def with_vobject(source: str) -> Seen:
    calendar = vobject.readOne(source)
    seen: Seen = {}
    for event in calendar.vevent_list:
        description = event.description.value if hasattr(event, "description") else None
        location = event.location.value if hasattr(event, "location") else None
        seen[event.uid.value] = (start(event.dtstart.value), event.summary.value, description, location)
    return seen


def with_node(paths: list[Path]) -> dict[str, dict[str, Seen]]:
    result = subprocess.run(  # noqa: S603 - our own script, our own files
        ["node", str(HERE / "read.mjs"), *map(str, paths)],  # noqa: S607 - node from PATH
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "TZ": "UTC"},
    )
    raw: dict[str, dict[str, list[dict[str, Any]]]] = json.loads(result.stdout)
    return {
        path: {
            client: {
                event["uid"]: (event["start"], event["summary"], event["description"], event["location"])
                for event in events
            }
            for client, events in clients.items()
        }
        for path, clients in raw.items()
    }


def node_ical_reading(value: str | None) -> str | None:
    """What node-ical 0.26 makes of correctly escaped TEXT: it unescapes in the wrong order.

    It turns an escaped backslash followed by n (``C:\\New``) into a line
    break and drops surrounding double quotes; no RFC 5545 escaping avoids
    that, so the check expects exactly this reading from node-ical.
    """
    if value is None:
        return None
    escaped = escape_text(value)
    escaped = escaped.replace("\\,", ",").replace("\\;", ";")
    escaped = re.sub(r"\\[nN]", "\n", escaped).replace("\\\\", "\\")
    return re.sub(r'^"(.*)"$', r"\1", escaped, flags=re.S)


def known_bug(client: str, seen: tuple[Any, ...] | None, reference: tuple[Any, ...] | None) -> bool:
    if client != "node-ical" or seen is None or reference is None:
        return False
    start, *texts = reference
    return (start, *map(node_ical_reading, texts)) == seen


def expected(tl: timeline.Timeline, domain: str = "timeline.invalid") -> dict[str, str]:
    """What SUMMARY each event should show: its title, line breaks as LF."""
    return {f"{e.id}@{domain}": e.title.replace("\r\n", "\n").replace("\r", "\n") for e in tl}


def main() -> int:
    target = ROOT / "out" / "clients"
    target.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    titles: dict[Path, dict[str, str]] = {}
    for source in SOURCES:
        tl = timeline.load(source)
        for fmt in ("ics", "jcal"):
            path = target / f"{source.stem}.{fmt}"
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", timeline.TimelineWarning)
                timeline.dump(tl, path, fmt, stamp=STAMP)
            written.append(path)
            titles[path] = expected(tl)
        # The same events written as a stream by the command line (JSON Lines in, .ics out): the
        # writer sees one event at a time and puts the VTIMEZONEs after the events.
        lines = target / f"{source.stem}.jsonl"
        timeline.dump(tl, lines, "jsonl")
        path = target / f"{source.stem}.streamed.ics"
        command = [str(Path(sys.executable).with_name("timeline")), "--quiet", "convert", str(lines), str(path)]
        subprocess.run([*command, "-o", f"stamp={STAMP}"], check=True, capture_output=True)  # noqa: S603
        body = path.read_bytes()
        assert b"END:VEVENT\r\nBEGIN:VTIMEZONE" in body or b"TZID" not in body, f"{path}: VTIMEZONEs not last"
        written.append(path)
        titles[path] = expected(tl)
    node = with_node(written)
    failures = 0
    for path in written:
        views: dict[str, Seen] = dict(node[str(path)])
        if path.suffix == ".ics":
            body = path.read_text(encoding="utf-8")
            views = {"icalendar": with_icalendar(body), "ical": with_ical(body), "vobject": with_vobject(body), **views}
            back = timeline.formats.ics.from_icalendar(icalendar.Calendar.from_ical(body))
        else:
            back = timeline.load(path)
        reference_name, reference = next(iter(views.items()))
        for client, seen in views.items():
            bugs = [
                uid
                for uid in seen
                if seen[uid] != reference.get(uid) and known_bug(client, seen[uid], reference.get(uid))
            ]
            agrees = set(seen) == set(reference) and all(seen[uid] == reference[uid] for uid in seen if uid not in bugs)
            shows_titles = {uid: summary for uid, (_, summary, _, _) in reference.items()} == titles[path]
            ok = agrees and shows_titles
            failures += not ok
            status = "ok" if ok else "DIFFERS"
            if ok and bugs:
                status += f" (node-ical's unescaping bug shows in {', '.join(sorted(bugs))}, exactly as predicted)"
            print(f"{path.relative_to(ROOT)}  {client:<16} {len(seen):>3} events  {status}")
            if not agrees:
                for uid in sorted(set(seen) | set(reference)):
                    if seen.get(uid) != reference.get(uid) and uid not in bugs:
                        print(f"    {uid}: {client} {seen.get(uid)!r}")
                        print(f"    {' ' * len(uid)}  {reference_name} {reference.get(uid)!r}")
        source = next(s for s in SOURCES if s.stem == path.name.partition(".")[0])
        original = timeline.load(source)
        # A stream holds events only: the streamed calendar is compared on its events.
        same = back.events == original.events if ".streamed" in path.name else back == original
        failures += not same
        print(
            f"{path.relative_to(ROOT)}  {'timeline reads it':<16} {len(back):>3} events  {'ok' if same else 'DIFFERS'}"
        )
    print("all clients agree" if not failures else f"{failures} disagreement(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
