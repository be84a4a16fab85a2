"""Import every .ics file under DIR and print a table: imported (N events), refused (reason, line), crashed.

Usage: python benchmarks/corpus.py DIR

With DIR/MANIFEST.tsv (the shared corpus), each file's count is set beside
icalendar's, and the files on which icalendar, ical and vobject agree on N > 0
events are checked to import with N, and no imported file may hold fewer
events than icalendar reads in it. Each file is also read with the
direct path off (every event through icalendar), strictly and leniently,
and the results, errors and warnings compared: they must be the same.
Files are read in place, never copied.
"""

from __future__ import annotations

import csv
import statistics
import sys
import time
import warnings
from pathlib import Path

from timeline.errors import ParseError
from timeline.formats import decode, ics
from timeline.formats._ical_read import read_ics


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
    return 1 if counts["crashed"] or disagree or fewer or differs else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/ics")))
