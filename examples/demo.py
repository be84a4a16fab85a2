"""Export the worked example into every format timeline can write.

Run with ``make demo`` (or ``python examples/demo.py OUTDIR``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import timeline

HERE = Path(__file__).parent


def main(outdir: str = "out") -> int:
    """Load examples/harris-trip.toml and write it in each writable format."""
    target = Path(outdir)
    target.mkdir(parents=True, exist_ok=True)
    trip = timeline.load(HERE / "harris-trip.toml")
    print(f"Loaded {len(trip)} events from {HERE / 'harris-trip.toml'}")
    for fmt in timeline.list_formats():
        if not fmt.writable:
            continue
        path = target / f"harris-trip{fmt.suffixes[0]}"
        # A calendar's UIDs carry the domain it is published from (the default, timeline.invalid, warns).
        options = {"domain": "example.org"} if "domain" in fmt.options() else {}
        timeline.dump(trip, path, fmt, **options)
        print(f"  {fmt.name:<12} -> {path}")
    # The project's own release history, from its CHANGELOG.md (Keep a Changelog), as a chronology.
    changelog = HERE.parent / "CHANGELOG.md"
    releases = timeline.load(changelog)
    timeline.dump(releases, target / "releases.md", flavor="gfm", heading_level=1)
    print(f"Read {len(releases)} dated releases from {changelog} -> {target / 'releases.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))
