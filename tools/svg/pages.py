"""Write the pictures check.mjs renders: the worked example and the every-precision fixture, in each theme.

Usage: python tools/svg/pages.py OUTDIR
"""

from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path

import timeline

ROOT = Path(__file__).resolve().parent.parent.parent
PICTURES = [
    # file, source, options, colour schemes to render it in
    ("harris-trip.svg", ROOT / "examples" / "harris-trip.toml", {}, ["light", "dark"]),
    ("harris-trip-tags.svg", ROOT / "examples" / "harris-trip.toml", {"lanes": "tag", "width": 720}, ["light"]),
    (
        "harris-trip-newest.svg",
        ROOT / "examples" / "harris-trip.toml",
        {"newest_first": True, "theme": "dark"},
        ["light"],
    ),
    ("precisions.svg", ROOT / "tests" / "fixtures" / "svg-precisions.toml", {}, ["light", "dark"]),
    (
        "precisions-narrow.svg",
        ROOT / "tests" / "fixtures" / "svg-precisions.toml",
        {"width": 420, "font": "serif"},
        ["light"],
    ),
    ("hostile.svg", ROOT / "tests" / "fixtures" / "svg-hostile.toml", {"width": 640}, ["light"]),
]


def main(outdir: str) -> int:
    target = Path(outdir)
    target.mkdir(parents=True, exist_ok=True)
    expect = []
    for name, source, options, schemes in PICTURES:
        data = timeline.load(source)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", timeline.TimelineWarning)
            timeline.dump(data, target / name, "svg", **options)
        width = int(options.get("width", 960))  # type: ignore[call-overload]
        expect.append({"file": name, "events": len(data), "width": width, "schemes": schemes})
    (target / "expect.json").write_text(json.dumps(expect, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "build/svg"))
