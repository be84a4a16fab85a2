"""Peak memory and time of the command line on 300,000 events (issue 18), and of a 100 MB .ics read.

Run with ``make bench-cli`` or ``python benchmarks/cli.py [N]``. It writes N
generated events (all-day, several days and timed, with descriptions,
locations and tags) as canonical JSON, then runs each conversion through the
installed ``timeline`` console script in its own child process, one at a
time, and prints that child's peak resident memory (``ru_maxrss`` of a
wrapper's children, so every figure is one conversion's alone) and its
wall-clock time, against the issue's target. Then it writes about 100 MB of
plain events as .ics (640,000 at N = 300,000 scaled by 640/300), reads it
with ``timeline validate`` and with ``timeline.load``, and reads half of it
the same way, so the ratio of times shows whether reading is linear.

Exit status 1 if a conversion fails or misses its memory target.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

MIB = 1024 * 1024
SCRIPT = str(Path(sys.executable).with_name("timeline"))

# A wrapper that runs one command and prints its children's peak RSS (KiB on Linux).
_WRAPPER = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
    "took = time.perf_counter() - start\n"
    "sys.stderr.buffer.write(done.stderr[-2000:])\n"
    "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, took)\n"
)


def measure(*args: str) -> tuple[int, float, float]:
    """Exit status, peak RSS in MiB and seconds of one command in a fresh child."""
    done = subprocess.run([sys.executable, "-c", _WRAPPER, *args], capture_output=True, text=True, check=True)  # noqa: S603 - our own commands
    status, rss, took = done.stdout.split()
    if int(status) != 0:
        sys.stderr.write(done.stderr)
    return int(status), int(rss) / 1024, float(took)


def events(count: int, *, plain: bool = False) -> list[dict[str, object]]:
    """``count`` canonical event dicts, all different, over ten years."""
    rng = random.Random(18)
    zones = ("America/Guatemala", "America/New_York", "Europe/Berlin", "UTC")
    out: list[dict[str, object]] = []
    first = date(2015, 1, 1)
    for index in range(count):
        day = first + timedelta(days=rng.randrange(3650))
        kind = index % 20
        event: dict[str, object] = {"id": f"e{index}", "title": f"Event number {index} of the bench"}
        if kind < 8:
            event["when"] = day.isoformat()
        elif kind < 11:
            event["when"] = f"{day.isoformat()}/{(day + timedelta(days=rng.randrange(1, 5))).isoformat()}"
        else:
            hour = rng.randrange(8, 20)
            event["when"] = f"{day.isoformat()}T{hour:02}:00/{day.isoformat()}T{hour + 1:02}:30"
            event["tz"] = zones[index % len(zones)]
        if not plain:
            event["description"] = f"What happened, on {day:%B %d}, in words; with commas, and a second clause."
            event["location"] = "Guatemala City"
            event["tags"] = ["bench", f"t{index % 7}"]
        out.append(event)
    return out


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300_000
    failed = False
    with tempfile.TemporaryDirectory(prefix="bench-cli-") as tmp:
        work = Path(tmp)
        source = work / "events.json"
        source.write_text(json.dumps({"version": 1, "title": "Bench", "events": events(count)}), encoding="utf-8")
        size = source.stat().st_size / MIB
        print(f"{count:,} events; {source.name} is {size:.0f} MiB; peak RSS of each `timeline` child process\n")
        steps: list[tuple[str, list[str], float | None]] = [
            ("JSON -> JSONL", ["convert", "events.json", "events.jsonl"], 150),
            ("JSON -> .ics", ["convert", "events.json", "events.ics", "-o", "domain=bench.example"], 150),
            ("JSONL -> .ics", ["convert", "events.jsonl", "jsonl.ics", "-o", "domain=bench.example"], 150),
            (".ics -> JSONL", ["convert", "events.ics", "back.jsonl"], 150),
            (".ics -> JSON", ["convert", "events.ics", "back.json"], 250),
            ("validate .ics", ["validate", "events.ics"], 250),
            ("validate JSON", ["validate", "events.json"], 250),
            ("validate JSONL", ["validate", "events.jsonl"], 250),
            ("JSON -> Markdown", ["convert", "events.json", "events.md"], 400),
            ("JSON -> TimelineJS page", ["convert", "events.json", "events.html"], None),
        ]
        print(f"{'conversion':<26}{'peak RSS':>12}{'target':>10}{'time':>10}")
        for name, args, target in steps:
            status, rss, took = _run(work, args)
            verdict = "" if target is None or rss <= target else "  MISSED"
            failed |= status != 0 or bool(verdict)
            shown = "(warns)" if target is None else f"<= {target}"
            print(f"{name:<26}{rss:>8.0f} MiB{shown:>10}{took:>9.1f}s{verdict}" + (" FAILED" if status else ""))
        failed |= _big_ics(work, count)
    return 1 if failed else 0


def _run(work: Path, args: list[str]) -> tuple[int, float, float]:
    absolute = [str(work / arg) if "." in arg and "=" not in arg else arg for arg in args]
    return measure(SCRIPT, "--quiet", *absolute)


def _big_ics(work: Path, count: int) -> bool:
    """Write ~100 MB of plain events as .ics, read it whole and half; True if a target is missed."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import timeline  # noqa: PLC0415 - the library, as installed in the venv

    big = count * 640 // 300
    paths = {}
    for share, name in ((big, "big.ics"), (big // 2, "half.ics")):
        path = work / name
        timeline.dump(
            (timeline.Event.from_dict(item) for item in events(share, plain=True)), path, domain="bench.example"
        )
        paths[name] = path
    print(f"\n{big:,} plain events as .ics: {paths['big.ics'].stat().st_size / 1e6:.0f} MB")
    reader = "import sys, timeline; print(len(timeline.load(sys.argv[1])))"
    figures = {}
    for name, path in paths.items():
        for how, args in (
            ("validate", [SCRIPT, "--quiet", "validate", str(path)]),
            ("load", [sys.executable, "-c", reader, str(path)]),
        ):
            figures[name, how] = measure(*args)
    missed = False
    for how in ("validate", "load"):
        _, rss, took = figures["big.ics", how]
        _, half_rss, half_took = figures["half.ics", how]
        ratio = took / half_took
        verdict = "" if rss <= 700 and ratio < 2.6 else "  MISSED"
        missed |= bool(verdict)
        print(
            f"{how + ' big .ics':<26}{rss:>8.0f} MiB{'<= 700':>10}{took:>9.1f}s"
            f"  (half: {half_rss:.0f} MiB, {half_took:.1f}s; time ratio {ratio:.2f}, linear is 2){verdict}"
        )
    return missed


if __name__ == "__main__":
    sys.exit(main())
