"""Read public projects' changelogs and tags in place (make check-changelog): what the reader makes of them.

Usage: python tools/changelog/check.py GITDIR:PATH... [--tags GITDIR...]

Each GITDIR is a git repository (bare ones too) whose file PATH at HEAD is
read with `git show`, never copied; --tags reads a repository's tags. It
prints each file's releases, warnings and a check that every dated release
heading became one event.
"""

from __future__ import annotations

import re
import subprocess
import sys
import warnings

import timeline
from timeline.formats.git import tags

_HEADING = re.compile(r"^##(?!#)\s*\S.*?[0-9]{4}-[0-9]{2}-[0-9]{2}", re.MULTILINE)


def main(args: list[str]) -> int:
    failures = 0
    repos = args[args.index("--tags") + 1 :] if "--tags" in args else []
    files = args[: args.index("--tags")] if "--tags" in args else args
    for spec in files:
        gitdir, path = spec.rsplit(":", 1)
        text = subprocess.run(  # noqa: S603  # git from PATH, fixed arguments
            ["git", "-C", gitdir, "show", f"HEAD:{path}"],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            t = timeline.loads(text, "changelog", source=path)
        fenced = re.sub(r"```.*?```", "", text, flags=re.DOTALL)
        headings = len(_HEADING.findall(fenced))
        status = "ok" if headings == len(t) else "FAIL"
        failures += status == "FAIL"
        print(f"{status:4} {spec}: {len(t)} releases from {headings} dated headings, {len(caught)} warnings")
        for warning in caught:
            print(f"     warning: {warning.message}")
        for event in list(t)[-3:]:
            print(f"     {event.when} {event.title} {event.status.value} tags={list(event.tags)} url={event.url}")
    for gitdir in repos:
        t = tags(gitdir)
        print(
            f"ok   {gitdir}: {len(t)} tags, {t.events[0].when} to {t.events[-1].when}"
            if len(t)
            else f"ok   {gitdir}: no tags"
        )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
