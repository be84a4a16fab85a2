"""Write what `make check-timelinejs` checks: schema, canonical JSON, TimelineJS JSON, pages, expectations.

Usage: python tools/timelinejs/pages.py OUTDIR

For the worked example and the trap fixture (every precision, every text
trap) it writes NAME.json (canonical), NAME.timelinejs.json and
NAME.timelinejs.html (the page as shipped, loading TimelineJS from Knight
Lab's CDN; check.mjs serves those URLs from the npm copy), checks that the
TimelineJS JSON reads back, and writes expect.json: for each page, the
number of slides and the text each headline and group label must show.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

import timeline
from timeline import Event, Timeline
from timeline.formats._slides import escape, unplaceable
from timeline.formats.csv import defuse
from timeline.formats.json import schema
from timeline.formats.timelinejs_html import INTEGRITY

ROOT = Path(__file__).resolve().parents[2]
INPUTS = {"harris-trip": ROOT / "examples" / "harris-trip.toml", "traps": ROOT / "tests" / "fixtures" / "traps.json"}


def main(outdir: str) -> int:
    """Write the files and expect.json into ``outdir``."""
    target = Path(outdir)
    target.mkdir(parents=True, exist_ok=True)
    (target / "timeline.schema.json").write_text(
        json.dumps(schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    # The Subresource Integrity hashes the page ships must be those of the npm package's files.
    dist = Path(__file__).parent / "node_modules" / "@knight-lab" / "timelinejs" / "dist"
    for file, digest in INTEGRITY.items():
        actual = "sha384-" + base64.b64encode(hashlib.sha384((dist / file).read_bytes()).digest()).decode()
        if actual != digest:
            print(f"integrity of {file}: the page says {digest}, npm's file is {actual}", file=sys.stderr)
            return 1
    print(f"integrity hashes match the npm package's files: {', '.join(INTEGRITY)}")
    expect: list[dict[str, object]] = []
    for name, path in INPUTS.items():
        tl = timeline.load(path)
        timeline.dump(tl, target / f"{name}.json")
        with warnings.catch_warnings(record=True) as left_out:
            warnings.simplefilter("always")
            timeline.dump(tl, target / f"{name}.timelinejs.json")
            timeline.dump(tl, target / f"{name}.timelinejs.html")
        for warning in left_out:
            print(f"{name}: {warning.message}")
        drawn = Timeline(title=tl.title, description=tl.description, tz=tl.tz, eras=tl.eras,
                         events=[e for e in tl if unplaceable(e.when) is None], extra=dict(tl.extra))  # fmt: skip
        back = timeline.load(target / f"{name}.timelinejs.json")
        lost = [e.id for e in drawn if (back.get(e.id) is None or back.get(e.id).title != e.title)]  # type: ignore[union-attr]
        if lost or len(back) != len(drawn):
            print(f"{name}: the TimelineJS JSON does not read back: {lost}", file=sys.stderr)
            return 1
        print(f"{name}: {len(drawn)} of {len(tl)} events drawn as TimelineJS JSON and a page; read back: {len(back)}")
        # TimelineJS also reads the spreadsheet template as a CSV file from a URL.
        timeline.dump(tl, target / f"{name}.csv")
        page = timeline.dumps(Timeline(title="T", events=[Event(title="T", when="2021")]), "timelinejs-html")
        page = re.sub(r"var data = .*?;\n", 'var data = "' + name + '.csv";\n', page, count=1)
        (target / f"{name}.csv.html").write_text(page, encoding="utf-8")
        expect.append(shows(drawn, f"{name}.timelinejs.html", status=True))
        # Read straight from the CSV file, a defused cell shows its leading ' (a spreadsheet hides it).
        expect.append(
            shows(
                tl, f"{name}.csv.html", lambda title: "'" + title if defuse(escape(title)) != escape(title) else title
            )
        )
    expect += traps(target)
    (target / "expect.json").write_text(json.dumps(expect, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


def traps(target: Path) -> list[dict[str, object]]:
    """The pages of TimelineJS's own traps: empty, unknown dates, status, and the page options."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        (target / "empty.timelinejs.html").write_text(
            timeline.dumps(Timeline(title="Nothing yet"), "timelinejs-html"), encoding="utf-8"
        )
        unknown = Timeline(
            title="Unknown dates",
            events=[
                Event(title="Known 2019", when="2019"),
                Event(title="Known 2021", when="2021-06-07"),
                Event(title="Some year", when="XXXX"),
                Event(title="Ongoing", when="2021-06/.."),
            ],
        )
        (target / "unknown.timelinejs.html").write_text(timeline.dumps(unknown, "timelinejs-html"), encoding="utf-8")
    status = Timeline(
        title="Status",
        events=[
            Event(title="Confirmed", when="2021-06-01"),
            Event(title="Maybe", when="2021-06-02", status="tentative"),
            Event(title="Called off", when="2021-06-03", status="cancelled"),
        ],
    )
    (target / "status.timelinejs.html").write_text(timeline.dumps(status, "timelinejs-html"), encoding="utf-8")
    options = {"language": "fr", "hash_bookmark": True, "start_at_end": True, "timenav_position": "top",
               "scale_factor": 1.5, "height": 600, "initial_zoom": 2}  # fmt: skip
    (target / "options.timelinejs.html").write_text(
        timeline.dumps(status, "timelinejs-html", **options), encoding="utf-8"
    )
    return [
        {"page": "empty.timelinejs.html", "empty": "There are no events in this timeline."},
        {
            **shows(
                Timeline(title="Unknown dates", events=[e for e in unknown if unplaceable(e.when) is None]),
                "unknown.timelinejs.html",
            ),
            "axis_years": [2019, 2021],
        },
        shows(status, "status.timelinejs.html", status=True),
        {**shows(status, "options.timelinejs.html", status=True), "options": options},
    ]


def shows(tl: Timeline, page: str, shown: Callable[[str], str] = str, *, status: bool = False) -> dict[str, object]:
    """What TimelineJS must show for ``tl`` on ``page``; ``shown`` gives a headline's text there."""

    def marked(event: Event) -> str:
        mark = {"tentative": " (tentative)", "cancelled": " (cancelled)"}.get(event.status.value, "")
        return shown(event.title) + (mark if status else "")

    return {
        "page": page,
        "slides": len(tl) + 1,
        "headlines": [shown(tl.title), *(marked(event) for event in tl)],
        "struck": [event.title for event in tl if status and event.status.value == "cancelled"],
        # TimelineJS puts events without a group in one more group, with an empty label.
        "groups": sorted({event.group or "" for event in tl} if any(e.group for e in tl) else set()),
        "eras": [era.title for era in tl.eras],
    }


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))
