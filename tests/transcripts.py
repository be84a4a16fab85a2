"""Run the console transcripts of README.md and docs/ and compare what they print.

A transcript is a fenced ``console`` block: lines that begin with ``$ ``
are commands, the lines after one are what it prints (stdout and stderr
together), and a line ``...`` stands for any number of lines. Every block
of a page runs in order in one scratch folder, so a later command can read
what an earlier one wrote. The folder holds a copy of ``examples/``, an
empty ``out/`` and ``docs/``, and the few files the pages name as the
reader's own (``calendar.ics``, ``cut.ics``, ``badwhen.toml``...), made here.

Two kinds of command are shown but not run: ``pip install`` and ``make``
(they set up environments; CI's wheel check installs the package the way
the README says, and runs README.md's transcripts against that install).

``python tests/transcripts.py --bin DIR FILE...`` runs the transcripts of
the files with ``DIR/timeline`` (the wheel check uses it); the tests call
:func:`check`.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_BLOCK = re.compile(r"^( *)```console\n(.*?)^\1```[ \t]*$", re.S | re.M)
NOT_RUN = ("pip ", "make ")


@dataclass(frozen=True)
class Step:
    """One command of a transcript and what it prints."""

    page: str
    line: int
    command: str
    expected: tuple[str, ...]


def steps(path: Path) -> Iterator[Step]:
    """The commands of every console block of ``path``, in order."""
    text = path.read_text(encoding="utf-8")
    for block in _BLOCK.finditer(text):
        indent = len(block.group(1))
        first_line = text.count("\n", 0, block.start(2)) + 1
        command: str | None = None
        at = 0
        expected: list[str] = []
        for offset, raw in enumerate(block.group(2).splitlines()):
            line = raw[indent:] if raw[:indent].isspace() else raw
            if line.startswith("$ "):
                if command is not None:
                    yield Step(path.name, at, command, tuple(expected))
                command, at, expected = line[2:], first_line + offset, []
            elif command is not None:
                expected.append(line.rstrip())
        if command is not None:
            yield Step(path.name, at, command, tuple(expected))


def matches(expected: tuple[str, ...], actual: list[str]) -> bool:
    """Whether ``actual`` reads as ``expected``, where a line ``...`` stands for any lines."""
    while expected and expected[-1] == "":
        expected = expected[:-1]
    if not expected:
        return not actual
    if expected[0] == "...":
        return any(matches(expected[1:], actual[start:]) for start in range(len(actual) + 1))
    return bool(actual) and actual[0] == expected[0] and matches(expected[1:], actual[1:])


def sandbox(folder: Path) -> None:
    """Fill ``folder`` with what the transcripts expect to find."""
    shutil.copytree(ROOT / "examples", folder / "examples", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("out", "docs", "public"):
        (folder / name).mkdir()
    shutil.copy(ROOT / "CHANGELOG.md", folder / "CHANGELOG.md")
    shutil.copy(ROOT / "CHANGELOG.md", folder / "NEWS.md")
    trip = (ROOT / "examples" / "harris-trip.toml").read_text(encoding="utf-8")
    (folder / "chronology.txt").write_text(trip, encoding="utf-8")
    (folder / "badwhen.toml").write_text(trip.replace('when = "2021-05"\n', 'when = "2021-5"\n', 1), encoding="utf-8")
    (folder / "calendar.ics").write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//example//calendar//EN\r\nBEGIN:VEVENT\r\n"
        b"UID:kickoff@example.org\r\nDTSTAMP:20210601T000000Z\r\nDTSTART;VALUE=DATE:20210607\r\n"
        b"SUMMARY:Kick-off\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    (folder / "cut.ics").write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//example//cut//EN\r\nBEGIN:VEVENT\r\n"
        b"UID:one@example.org\r\nDTSTART;VALUE=DATE:20210607\r\nSUMMARY:Complete\r\nEND:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:two@example.org\r\nDTSTART;VALUE=DATE:20210608\r\n"
    )


def run(paths: list[Path], bin_dir: Path) -> list[str]:
    """Run every transcript of ``paths``; the failures, as messages naming page and line."""
    failures = []
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}", "COLUMNS": "100"}
    env.pop("NO_COLOR", None)
    for path in paths:
        with tempfile.TemporaryDirectory(prefix="transcript-") as scratch:
            folder = Path(scratch)
            sandbox(folder)
            status = 0
            for step in steps(path):
                if step.command.startswith(NOT_RUN):
                    continue
                # `$?` in a command is the status of the command before it, as in one shell session.
                done = subprocess.run(  # noqa: S602 - the transcript is a shell command line, ours
                    f"(exit {status}); {step.command}",
                    shell=True,
                    cwd=folder,
                    env=env,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                    text=True,
                    encoding="utf-8",
                    check=False,
                    timeout=120,
                    executable="/bin/bash",
                )
                status = done.returncode
                actual = done.stdout.rstrip("\n").splitlines() if done.stdout.strip() else []
                if not matches(step.expected, [line.rstrip() for line in actual]):
                    shown = "\n".join(actual[:15]) + ("\n..." if len(actual) > 15 else "")
                    failures.append(
                        f"{step.page}, line {step.line}: $ {step.command}\n--- expected\n"
                        + "\n".join(step.expected)
                        + f"\n--- got (exit {done.returncode})\n{shown}"
                    )
    return failures


def check(paths: list[Path], bin_dir: Path) -> None:
    """Raise AssertionError listing every transcript that prints other than it shows."""
    failures = run(paths, bin_dir)
    assert not failures, "\n\n".join(failures)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", type=Path, default=Path(sys.executable).parent, help="folder holding `timeline`")
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args()
    failures = run(args.files, args.bin.resolve())
    for failure in failures:
        print(failure, end="\n\n", file=sys.stderr)
    count = sum(1 for path in args.files for step in steps(path) if not step.command.startswith(NOT_RUN))
    print(f"{count - len(failures)} of {count} transcript commands print what the pages show")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
