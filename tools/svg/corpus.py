"""Draw every .ics file of the shared corpus that imports as an SVG picture, and check each one.

Usage: python tools/svg/corpus.py DIR [OUTDIR]

Real calendars, read in place (never copied), are input nobody wrote for
this writer: long titles, all-day and timed events, recurring series,
zones, years far away. For each file that imports leniently: the picture
must parse as XML, hold one g.event (with one text.label) per event, and
its layout must have no two text boxes overlapping and no text over a
mark. The files with the most events are also written to OUTDIR for
check.mjs to render in Chromium. Prints a summary and the median time per
file; exits 1 on any failure.
"""

from __future__ import annotations

import itertools
import json
import statistics
import sys
import time
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import timeline
from timeline.errors import ParseError
from timeline.formats import svg

S = "{http://www.w3.org/2000/svg}"


def check(data: timeline.Timeline) -> list[str]:
    """What is wrong with the picture of ``data``, if anything."""
    problems = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", timeline.TimelineWarning)
        text = timeline.dumps(data, "svg")
        placed = svg.layout(data)
    root = ET.fromstring(text.encode("utf-8"))  # noqa: S314 - our own output
    groups = [g for g in root.iter(f"{S}g") if "event" in (g.get("class") or "").split()]
    if len(groups) != len(data):
        problems.append(f"{len(groups)} g.event for {len(data)} events")
    problems.extend(
        f"event {g.get('data-id')!r} has {len(g.findall(f'.//{S}text'))} texts"
        for g in groups
        if len(g.findall(f".//{S}text[@class='label']")) != 1
    )
    for a, b in itertools.combinations(placed.labels, 2):
        if a.overlaps(b):
            problems.append(f"texts overlap: {a} / {b}")
    problems.extend(f"text over a mark: {a} / {m}" for a in placed.labels for m in placed.marks if a.overlaps(m))
    return problems


def main(corpus: Path, outdir: Path | None) -> int:
    files = sorted(corpus.rglob("*.ics"))
    drawn, refused, failed, events = 0, 0, 0, 0
    seconds: list[float] = []
    biggest: list[tuple[int, Path, timeline.Timeline]] = []
    for path in files:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                data = timeline.load(path, "ics", lenient=True)
        except (ParseError, OSError):
            refused += 1
            continue
        start = time.perf_counter()
        problems = check(data)
        seconds.append(time.perf_counter() - start)
        drawn += 1
        events += len(data)
        if problems:
            failed += 1
            print(f"FAIL {path.relative_to(corpus)}")
            for problem in problems[:5]:
                print(f"     {problem}")
        biggest.append((len(data), path, data))
    print(
        f"{drawn} files drawn ({events} events), {refused} refused by the reader, {failed} failed; "
        f"median {statistics.median(seconds) * 1000:.1f} ms per file, slowest {max(seconds) * 1000:.0f} ms"
    )
    if outdir is not None:
        outdir.mkdir(parents=True, exist_ok=True)
        expect = []
        for count, path, data in sorted(biggest, key=lambda item: (-item[0], str(item[1])))[:3]:
            name = "corpus-" + path.stem + ".svg"
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", timeline.TimelineWarning)
                timeline.dump(data, outdir / name, "svg")
            print(f"  {count} events from {path.relative_to(corpus)} -> {outdir / name}")
            expect.append({"file": name, "events": count, "width": 960, "schemes": ["light"]})
        (outdir / "expect.json").write_text(json.dumps(expect, indent=2), encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else None))
