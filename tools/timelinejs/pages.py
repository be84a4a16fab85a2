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

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

import timeline
from timeline import Timeline
from timeline.formats._slides import escape
from timeline.formats.csv import defuse
from timeline.formats.json import schema

ROOT = Path(__file__).resolve().parents[2]
INPUTS = {"harris-trip": ROOT / "examples" / "harris-trip.toml", "traps": ROOT / "tests" / "fixtures" / "traps.json"}


def main(outdir: str) -> int:
    """Write the files and expect.json into ``outdir``."""
    target = Path(outdir)
    target.mkdir(parents=True, exist_ok=True)
    (target / "timeline.schema.json").write_text(
        json.dumps(schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    expect: list[dict[str, object]] = []
    for name, path in INPUTS.items():
        tl = timeline.load(path)
        timeline.dump(tl, target / f"{name}.json")
        timeline.dump(tl, target / f"{name}.timelinejs.json")
        timeline.dump(tl, target / f"{name}.timelinejs.html")
        back = timeline.load(target / f"{name}.timelinejs.json")
        lost = [e.id for e in tl if (back.get(e.id) is None or back.get(e.id).title != e.title)]  # type: ignore[union-attr]
        if lost or len(back) != len(tl):
            print(f"{name}: the TimelineJS JSON does not read back: {lost}", file=sys.stderr)
            return 1
        print(f"{name}: {len(tl)} events written as TimelineJS JSON and a page; read back: {len(back)} events")
        # TimelineJS also reads the spreadsheet template as a CSV file from a URL.
        timeline.dump(tl, target / f"{name}.csv")
        page = timeline.dumps(Timeline(title="T"), "timelinejs-html")
        page = re.sub(r"var data = .*?;\n", 'var data = "' + name + '.csv";\n', page, count=1)
        (target / f"{name}.csv.html").write_text(page, encoding="utf-8")
        expect.append(shows(tl, f"{name}.timelinejs.html"))
        # Read straight from the CSV file, a defused cell shows its leading ' (a spreadsheet hides it).
        expect.append(
            shows(
                tl, f"{name}.csv.html", lambda title: "'" + title if defuse(escape(title)) != escape(title) else title
            )
        )
    (target / "expect.json").write_text(json.dumps(expect, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


def shows(tl: Timeline, page: str, shown: Callable[[str], str] = str) -> dict[str, object]:
    """What TimelineJS must show for ``tl`` on ``page``; ``shown`` gives a headline's text there."""
    return {
        "page": page,
        "slides": len(tl) + 1,
        "headlines": [shown(tl.title), *(shown(event.title) for event in tl)],
        # TimelineJS puts events without a group in one more group, with an empty label.
        "groups": sorted({event.group or "" for event in tl} if any(e.group for e in tl) else set()),
        "eras": [era.title for era in tl.eras],
    }


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))
