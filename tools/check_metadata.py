"""Fail when a wheel's published requirements pin an exact version (``==`` or ``===``).

An extra a user installs must never force a version on their environment;
the project's own pinned tools live in dependency groups, which are not
published. Prints the requirements it read.
"""

from __future__ import annotations

import sys
import zipfile
from email.parser import Parser


def main(wheel: str) -> int:
    with zipfile.ZipFile(wheel) as archive:
        name = next(item for item in archive.namelist() if item.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(archive.read(name).decode("utf-8"))
    requirements = metadata.get_all("Requires-Dist") or []
    pinned = [req for req in requirements if "==" in req.split(";")[0]]
    for req in requirements:
        print(f"  {'PINNED ' if req in pinned else ''}{req}")
    if pinned:
        print(f"{wheel}: {len(pinned)} requirement(s) pin an exact version", file=sys.stderr)
        return 1
    print(f"{wheel}: {len(requirements)} requirements, none pinned exactly")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
