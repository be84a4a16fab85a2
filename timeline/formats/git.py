"""A git repository's tags as events: each tag on the day it was made, in the tagger's own zone."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any, Final

from timeline._timeline import Timeline
from timeline.errors import ParseError
from timeline.formats._fields import from_data

__all__ = ["tags"]

# One record per tag: fields split by the ASCII unit separator, records ended by the record
# separator (%1f, %1e), which tag names and messages do not hold.
_FORMAT: Final = "%1f".join(
    [
        "%(refname:short)",
        "%(objecttype)",
        "%(taggerdate:iso-strict)",  # annotated tags: when and in which zone the tagger made it
        "%(committerdate:iso-strict)",  # lightweight tags: the commit's date, in its committer's zone
        "%(contents:subject)",
        "%(contents:body)",
    ]
)
_DAY_RE: Final = re.compile(r"^(-?[0-9]{4}-[0-9]{2}-[0-9]{2})T")


def tags(path: str | os.PathLike[str], *, pattern: str = "") -> Timeline:
    """The tags of the git repository at ``path``, one event per tag, oldest first.

    An annotated tag is dated by its tagger's date, a lightweight one by its
    commit's committer date; either way by the day it was in the zone of
    the person who made it (a tag made at 23:30 in New York is that day,
    although it is the next day in UTC). The tag's name is in the title
    ("Tag v1.0.0"), its message in the description.

    Args:
        path: A work tree or a git directory (bare repositories too).
        pattern: Only tags whose names match this ``git for-each-ref``
            pattern (``"v*"``); all tags when empty.

    Raises:
        ParseError: git is not installed, or ``path`` is not a git repository.
    """
    git = shutil.which("git")
    if git is None:
        raise ParseError("git is not installed, so tags cannot be read", source=os.fspath(path))
    where = Path(path)
    ref = f"refs/tags/{pattern}" if pattern else "refs/tags"
    try:
        found = subprocess.run(  # noqa: S603  # fixed arguments, no shell
            [git, "-C", str(where), "for-each-ref", "--sort=creatordate", f"--format={_FORMAT}%1e", ref],
            capture_output=True,
            check=False,
            timeout=120,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise ParseError(f"cannot run git: {exc}", source=str(where)) from exc
    if found.returncode != 0:
        message = found.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ParseError(f"not a git repository: {message[0] if message else 'git failed'}", source=str(where))
    events: list[dict[str, Any]] = []
    for record in found.stdout.decode("utf-8", "replace").split("\x1e"):
        fields = record.strip("\n").split("\x1f")
        if len(fields) < 6:
            continue
        name, kind, tagged, committed, subject, body = fields[:6]
        when = _DAY_RE.match(tagged if kind == "tag" and tagged else committed)
        if when is None:
            continue  # a tag of a tree or blob has no date
        event: dict[str, Any] = {"id": f"tag-{name}", "title": f"Tag {name}", "when": when.group(1)}
        text = "\n\n".join(part.strip() for part in (subject, body) if part.strip())
        if kind == "tag" and text:
            event["description"] = text
        events.append(event)
    return from_data({"title": f"Tags of {where.resolve().name}", "events": events}, source=str(where))
