"""The installed ``timeline`` console script: streaming conversions, progress, safe outputs, draft.

Every test runs the console script the package installs (``.venv/bin/timeline``)
in a child process, as a user would.
"""

from __future__ import annotations

import errno
import itertools
import json
import os
import pty
import re
import select
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import pytest

import timeline
from timeline import Event, Timeline

SCRIPT = str(Path(sys.executable).with_name("timeline"))
EXAMPLE = str(Path(__file__).parent.parent / "examples" / "harris-trip.toml")
ARTICLE = str(Path(__file__).parent.parent / "examples" / "sample-article.txt")


def run(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(  # noqa: S603 - our own console script
        [SCRIPT, *args], input=stdin, capture_output=True, timeout=120, env=env, check=False
    )


def events(count: int) -> Iterator[Event]:
    for n in range(count):
        yield Event(id=f"e{n}", title=f"Event {n}", when=f"{2000 + n % 20}-0{1 + n % 9}-1{n % 10}", tz="Europe/Berlin")


@pytest.fixture
def trip_json(tmp_path: Path) -> Path:
    path = tmp_path / "trip.json"
    timeline.dump(timeline.load(EXAMPLE), path)
    return path


class TestStreaming:
    def test_every_pair_of_streaming_formats(self, tmp_path: Path, trip_json: Path) -> None:
        """json -> jsonl -> ics -> jsonl -> json keeps every event; validate counts them."""
        steps = [("trip.json", "a.jsonl"), ("a.jsonl", "b.ics"), ("b.ics", "c.jsonl"), ("c.jsonl", "d.json")]
        for source, target in steps:
            options = ["-o", "domain=example.org"] if target.endswith(".ics") else []
            done = run("convert", str(tmp_path / source), str(tmp_path / target), *options)
            assert (0, b"") == (done.returncode, done.stderr), done.stderr
        assert timeline.load(trip_json).events == timeline.load(tmp_path / "d.json").events
        done = run("validate", str(tmp_path / "c.jsonl"))
        assert f"{tmp_path / 'c.jsonl'}: ok, 9 events\n".encode() == done.stdout

    def test_json_output_is_in_timeline_order(self, tmp_path: Path) -> None:
        """.ics to JSON (sorted from compact keys) writes what dumps of the whole Timeline writes."""
        path = tmp_path / "in.jsonl"
        ties = [Event(id=f"t{n}", title=f"Tie {9 - n % 3}", when="2005-05-05") for n in range(9)]
        shuffled = [*list(events(50))[::-1], *ties[::-1]]
        timeline.dump(shuffled, path)
        assert 0 == run("convert", str(path), str(tmp_path / "out.json")).returncode
        assert timeline.dumps(Timeline(events=shuffled), "json") == (tmp_path / "out.json").read_text("utf-8")

    def test_calendar_head_from_the_input(self, tmp_path: Path, trip_json: Path) -> None:
        """A streamed calendar takes the title and zone of the input; -o title wins over it."""
        out = tmp_path / "trip.ics"
        assert 0 == run("convert", str(trip_json), str(out), "-o", "domain=example.org").returncode
        text = out.read_bytes().decode("utf-8")
        assert "X-WR-CALNAME;VALUE=TEXT:Harris's first trip abroad as vice president\r\n" in text
        assert "X-WR-TIMEZONE;VALUE=TEXT:America/Guatemala\r\n" in text
        assert 0 == run("convert", str(trip_json), str(out), "-o", "domain=example.org", "-o", "title=Mine").returncode
        assert "X-WR-CALNAME;VALUE=TEXT:Mine\r\n" in out.read_bytes().decode("utf-8")

    def test_title_after_events_to_a_file_and_to_stdout(self, tmp_path: Path) -> None:
        """A title after the events is kept in a file (read again whole); on stdout it is one clear error."""
        source = tmp_path / "late.json"
        source.write_text('{"events": [{"title": "a", "when": "2021"}], "title": "Late"}', "utf-8")
        out = tmp_path / "late.ics"
        assert 0 == run("convert", str(source), str(out), "-o", "domain=example.org").returncode
        assert "X-WR-CALNAME;VALUE=TEXT:Late\r\n" in out.read_bytes().decode("utf-8")
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
        done = run("convert", str(source), "-", "--to", "ics", "-o", "domain=example.org")
        assert 1 == done.returncode
        assert b"come after its events" in done.stderr

    def test_duplicate_ids_are_refused_when_streaming(self, tmp_path: Path) -> None:
        """Two events with one id fail a streamed conversion as they fail a Timeline, leaving no file."""
        source = tmp_path / "dup.jsonl"
        line = '{"id": "x", "title": "a", "when": "2021"}\n'
        source.write_text(line * 2, "utf-8")
        done = run("convert", str(source), str(tmp_path / "out.ics"), "-o", "domain=example.org")
        assert 1 == done.returncode
        assert b"dup.jsonl, events[1]: two events share the id 'x'" in done.stderr
        assert sorted(p.name for p in tmp_path.iterdir()) == ["dup.jsonl"]

    def test_timelinejs_page_size_warning(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A TimelineJS page over the documented size warns on stderr, still written."""
        from timeline import cli, limits

        monkeypatch.setattr(limits, "TIMELINEJS_PAGE", 1000)
        source = tmp_path / "in.json"
        timeline.dump(Timeline(events=list(events(20))), source)
        assert 0 == cli.main(["convert", str(source), str(tmp_path / "page.html")])
        assert (tmp_path / "page.html").stat().st_size > 1000


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """3,000 events as JSON Lines: well under a second, so the line shows only with no delay."""
    path = tmp_path_factory.mktemp("progress") / "small.jsonl"
    timeline.dump(events(3_000), path)
    return path


class TestProgress:
    def _under_pty(self, *args: str, delay: str | None = "0") -> tuple[int, str]:
        """Run the script with stderr on a pseudo-terminal; its exit status and what the terminal got.

        ``delay`` is TIMELINE_PROGRESS_DELAY: no delay by default, so a small input shows the line at once.
        """
        environ = {key: value for key, value in os.environ.items() if key != "TIMELINE_PROGRESS_DELAY"}
        if delay is not None:
            environ["TIMELINE_PROGRESS_DELAY"] = delay
        leader, follower = pty.openpty()
        with subprocess.Popen(  # noqa: S603 - our own console script
            [SCRIPT, *args], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=follower, env=environ
        ) as process:
            os.close(follower)
            received = b""
            while True:
                ready, _, _ = select.select([leader], [], [], 0.5)
                if ready:
                    try:
                        chunk = os.read(leader, 65536)
                    except OSError:
                        break
                    if not chunk:
                        break
                    received += chunk
                elif process.poll() is not None:
                    break
            status = process.wait()
        os.close(leader)
        return status, received.decode("utf-8", "replace")

    def test_bar_on_a_terminal(self, small: Path, tmp_path: Path) -> None:
        """A conversion past the delay shows events, rate and percent on a terminal, then clears the line."""
        status, shown = self._under_pty("convert", str(small), str(tmp_path / "out.ics"), "-o", "domain=example.org")

        assert 0 == status
        assert " events, " in shown
        assert "/s, " in shown
        assert "%" in shown
        assert shown.endswith("\r\x1b[K")

    def test_bar_while_an_ordered_writer_writes(self, small: Path, tmp_path: Path) -> None:
        """Markdown needs every event before its first line: the bar goes on while it writes, then clears.

        With no delay the line shows while reading, and turns to the writing at once (a line a write,
        so thousands of writes), however fast or loaded the machine.
        """
        status, shown = self._under_pty("convert", str(small), str(tmp_path / "out.md"))

        assert 0 == status
        assert "3,000 events read; writing: " in shown
        assert " MB/s" in shown
        assert shown.endswith("\r\x1b[K")

    @pytest.mark.parametrize(
        "args",
        [("--quiet", "validate", "{in}"), ("validate", "{in}", "-q"), ("convert", "{in}", "{out}", "--quiet")],
    )
    def test_quiet_on_a_terminal(self, small: Path, tmp_path: Path, args: tuple[str, ...]) -> None:
        """--quiet, before the verb or after it: nothing on the terminal, even with no delay."""
        out = tmp_path / "out.jsonl"
        status, shown = self._under_pty(*(arg.format_map({"in": small, "out": out}) for arg in args))

        assert (0, "") == (status, shown)

    def test_validate_shows_the_bar(self, small: Path) -> None:
        """The same validate without --quiet does show the line: the quiet tests above can fail."""
        status, shown = self._under_pty("validate", str(small))

        assert 0 == status
        assert " events, " in shown

    def test_delay_holds_the_line_back(self, tmp_path: Path) -> None:
        """With the default delay, work shorter than a second shows nothing; a bad value is the default.

        300 events: the clock is read once (at event 256), a few milliseconds in, however loaded the machine.
        """
        tiny = tmp_path / "tiny.jsonl"
        timeline.dump(events(300), tiny)
        assert " events, " in self._under_pty("validate", str(tiny))[1]  # with no delay it shows
        for delay in (None, "soon", "nan", "-1"):
            assert (0, "") == self._under_pty("validate", str(tiny), delay=delay)

    def test_nothing_when_not_a_terminal(self, small: Path) -> None:
        """stderr a pipe: no progress line, even with no delay."""
        done = run("validate", str(small), env={**os.environ, "TIMELINE_PROGRESS_DELAY": "0"})

        assert (0, b"") == (done.returncode, done.stderr)

    def test_writing_turns_the_line_at_once(self) -> None:
        """A line shown while reading turns to the writing at the 256th write, not at the next update time."""
        import io as _io

        from timeline._progress import Progress

        out = _io.StringIO()
        progress = Progress(enabled=True, stream=out, clock=itertools.count(100.0, 0.001).__next__)
        progress.draw()
        progress.done = 7
        progress.writing(lambda: 2_500_000)
        for _ in range(255):
            progress.tick()
        before = out.getvalue()
        progress.tick()

        assert "writing" not in before
        assert re.search(r"\r\x1b\[K7 events read; writing: 2\.5 MB, [0-9,.]+ MB/s$", out.getvalue())

    def test_line_text(self) -> None:
        """The line says events done, the rate, the percent and the time left, from a clock it is given."""
        from timeline._progress import Progress

        ticks = iter([0.0, 2.0])
        progress = Progress(enabled=True, position=lambda: 250, total=1000, clock=lambda: next(ticks))
        progress.done = 5000

        assert "5,000 events, 2,500/s, 25%, 6 s left" == progress.line()


class TestSafeOutputs:
    def test_version(self) -> None:
        """--version prints the installed version and exits 0."""
        done = run("--version")

        version = metadata.version("timeline-events")

        assert (0, f"timeline {version}\n".encode()) == (done.returncode, done.stdout)

    @pytest.mark.parametrize(
        ("option", "message"),
        [
            ("tz=bogus", b"'tz' option must name IANA time zones"),
            ("zones=Not/AZone", b"'zones' option must name IANA time zones"),
            ("years=1-999999999", b"'years' option must be (first, last)"),
            ("stamp=yesterday", b"stamp"),
            ("busy=sometimes", b"busy"),
        ],
    )
    def test_options_checked_before_the_first_byte(self, option: str, message: bytes) -> None:
        """A bad writer option exits 2 with nothing on stdout, not even BEGIN:VCALENDAR."""
        done = run("convert", EXAMPLE, "-", "--to", "ics", "-o", option)

        assert (2, b"") == (done.returncode, done.stdout)
        assert message in done.stderr

    def test_option_of_another_writer_is_refused(self) -> None:
        """-o indent=2 to ics (a json option) exits 2 naming the options ics takes."""
        done = run("convert", EXAMPLE, "-", "--to", "ics", "-o", "indent=2")

        assert (2, b"") == (done.returncode, done.stdout)
        assert b"no option 'indent'" in done.stderr

    def test_reader_option_for_another_reader_is_refused(self) -> None:
        """-r lenient=true on a toml input exits 2."""
        done = run("convert", EXAMPLE, "-", "--to", "json", "-r", "lenient=true")

        assert 2 == done.returncode
        assert b"no option 'lenient'" in done.stderr

    @pytest.mark.parametrize("how", ["path", "symlink", "hardlink", "dotted"])
    def test_refuses_to_write_over_its_input(self, tmp_path: Path, how: str) -> None:
        """The input named again, through a link, or by another spelling: exit 2, file untouched."""
        source = tmp_path / "trip.toml"
        source.write_bytes(Path(EXAMPLE).read_bytes())
        before = source.read_bytes()
        target = {"path": source, "dotted": tmp_path / "." / "trip.toml"}.get(how, tmp_path / "other.toml")
        if how == "symlink":
            target.symlink_to(source)
        elif how == "hardlink":
            target.hardlink_to(source)

        done = run("convert", str(source), str(target))

        assert 2 == done.returncode
        assert b"does not write over its own input" in done.stderr
        assert before == source.read_bytes()

    def test_fifo_written_in_place(self, tmp_path: Path) -> None:
        """A FIFO as the output is written through, and is still a FIFO afterwards."""
        fifo = tmp_path / "pipe.jsonl"
        os.mkfifo(fifo)
        with subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE) as reader:  # noqa: S603, S607 - coreutils
            done = run("convert", EXAMPLE, str(fifo))
            received = reader.communicate(timeout=60)[0]

        assert 0 == done.returncode
        assert 9 == len(received.splitlines())
        assert stat.S_ISFIFO(fifo.stat().st_mode)

    def test_dev_stdout_written_in_place(self) -> None:
        """/dev/stdout as the output writes to standard output (a pipe here), no temporary file."""
        done = run("convert", EXAMPLE, "/dev/stdout", "--to", "jsonl")

        assert (0, 9) == (done.returncode, len(done.stdout.splitlines()))

    @pytest.fixture
    def full(self, tmp_path: Path) -> Path:
        """A device that is always full: /dev/full, or one made beside the test (Linux, 1:7)."""
        if Path("/dev/full").is_char_device():
            return Path("/dev/full")
        node = tmp_path / "full"
        try:
            os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 7))
        except OSError:
            pytest.skip("no /dev/full and no permission to make one")
        return node

    def test_enospc_on_a_file_and_on_stdout(self, full: Path) -> None:
        """A full device as the output, or as stdout: one line naming it, exit 1, no traceback."""
        done = run("convert", EXAMPLE, str(full), "--to", "jsonl")
        assert 1 == done.returncode
        assert f"timeline: {full}: cannot write: No space left on device\n".encode() == done.stderr

        with full.open("wb") as stdout:
            written = subprocess.run(  # noqa: S603 - our own console script
                [SCRIPT, "convert", EXAMPLE, "-", "--to", "jsonl"], stdout=stdout, stderr=subprocess.PIPE, check=False
            )
        assert 1 == written.returncode
        assert b"timeline: <stdout>: cannot write: No space left on device\n" == written.stderr

    def test_epipe(self, tmp_path: Path) -> None:
        """The reader of stdout goes away: one line, exit 141 (as SIGPIPE), no traceback."""
        source = tmp_path / "big.jsonl"
        timeline.dump(events(20_000), source)
        read_end, write_end = os.pipe()
        os.close(read_end)
        done = subprocess.run(  # noqa: S603 - our own console script
            [SCRIPT, "convert", str(source), "-", "--to", "jsonl"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            check=False,
        )
        os.close(write_end)

        assert 141 == done.returncode
        assert b"timeline: <stdout>: the reader closed the pipe; output stopped\n" == done.stderr

    def test_terminal_that_cannot_encode(self) -> None:
        """show on an ASCII stdout: one line naming the character, exit 1; convert to stdout writes UTF-8."""
        env = {**os.environ, "PYTHONIOENCODING": "ascii"}
        done = run("show", EXAMPLE, env=env)
        assert 1 == done.returncode
        assert b"cannot show" in done.stderr
        assert b"Traceback" not in done.stderr

        done = run("convert", EXAMPLE, "-", "--to", "json", env=env)
        assert 0 == done.returncode
        assert timeline.load(EXAMPLE) == timeline.loads(done.stdout.decode("utf-8"), "json")

    def test_sigterm_leaves_no_temporary_file(self, tmp_path: Path) -> None:
        """SIGTERM during a conversion: exit 143, the output as it was, no temporary file.

        The input is a FIFO fed half its events, so the conversion is still waiting for the rest
        when the signal comes, however fast the machine (a file could be read and written whole
        between the temporary file appearing and the signal).
        """
        lines = "".join(timeline.dumps(Timeline(events=[event]), "jsonl") for event in events(2_000))
        source = tmp_path / "big.jsonl"
        os.mkfifo(source)
        out = tmp_path / "out.ics"
        out.write_text("old", "utf-8")
        with (
            subprocess.Popen(  # noqa: S603 - our own console script
                [SCRIPT, "convert", str(source), str(out), "-o", "domain=example.org"], stderr=subprocess.PIPE
            ) as process,
            source.open("w", encoding="utf-8") as feed,  # opens once the child opens it to read
        ):
            feed.write(lines[: len(lines) // 2])
            feed.flush()
            deadline = time.monotonic() + 60
            while not any(p.name.startswith(".out.ics.") for p in tmp_path.iterdir()):
                assert time.monotonic() < deadline, "no temporary file appeared"
                time.sleep(0.05)
            process.send_signal(signal.SIGTERM)
            status = process.wait(timeout=60)

        assert 143 == status
        assert ["big.jsonl", "out.ics"] == sorted(p.name for p in tmp_path.iterdir())
        assert "old" == out.read_text("utf-8")


class TestDraft:
    def test_draft_to_toml_and_back(self, tmp_path: Path) -> None:
        """draft writes TOML (default on stdout) titled by the headline; it reads back and validates."""
        done = run("draft", ARTICLE, "--reference", "2024-02-29")
        assert 0 == done.returncode
        draft = timeline.loads(done.stdout.decode("utf-8"), "toml")
        assert "Draft: Riverside council moves to reopen the Mill Street bridge by late March" == draft.title
        assert len(draft) >= 5
        assert all(e.tags == ("draft",) and e.status.value == "tentative" for e in draft)
        assert all(len(e.title) <= 80 for e in draft)

        out = tmp_path / "draft.yaml"
        assert 0 == run("draft", ARTICLE, "--reference", "2024-02-29", "-o", str(out)).returncode
        assert draft == timeline.load(out)

    def test_reference_defaults_to_today(self, tmp_path: Path) -> None:
        """Without --reference, phrases resolve against today (find, resolve and draft alike)."""
        article = tmp_path / "a.txt"
        article.write_text("Council news\n\nThe council met yesterday.\n", "utf-8")
        from datetime import date, timedelta

        yesterday = str(date.today() - timedelta(days=1))
        done = run("draft", str(article), "--to", "json")
        assert [yesterday] == [e["when"] for e in json.loads(done.stdout)["events"]]
        assert yesterday.encode() in run("resolve", "yesterday").stdout
        assert yesterday.encode() in run("find", str(article)).stdout


def test_errno_names() -> None:
    """The messages above are the C library's for ENOSPC (a guard for other platforms)."""
    assert "No space left on device" == os.strerror(errno.ENOSPC)
