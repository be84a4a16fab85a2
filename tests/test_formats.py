"""The format registry and load/loads/dump/dumps: lookup, options, atomic writes."""

from __future__ import annotations

import os
import sys
import types
from pathlib import Path
from typing import TextIO

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import timelines

import timeline
from timeline import Event, FormatError, ParseError, Timeline
from timeline.formats import Format, format_for_path, register

EXAMPLE = Path(__file__).parent.parent / "examples" / "harris-trip.toml"


def small() -> Timeline:
    return Timeline(title="T", events=[Event(title="A", when="2021-06-06")])


class TestRegistry:
    def test_formats_are_listed_by_name(self) -> None:
        """list_formats() lists every registered format, sorted by name."""
        names = [fmt.name for fmt in timeline.list_formats()]

        assert sorted(names) == names
        assert {"json", "toml"} <= set(names)

    @pytest.mark.parametrize(("path", "name"), [("a.json", "json"), ("b.TOML", "toml"), ("dir.x/c.json", "json")])
    def test_suffix_picks_the_format(self, path: str, name: str) -> None:
        """The file suffix, in any case, chooses the format."""
        assert name == format_for_path(path).name

    def test_unknown_suffix_and_name(self) -> None:
        """Unknown suffixes and names raise FormatError listing what is known."""
        with pytest.raises(FormatError, match=r"\.json"):
            format_for_path("notes.txt")
        with pytest.raises(FormatError, match=r"known: .*\bjson\b"):
            timeline.get_format("yaml2")

    def test_register_refuses_clashes(self) -> None:
        """A second format cannot take a registered name or suffix."""
        with pytest.raises(ValueError, match="already registered"):
            register(Format("json", (".j",), "timeline.formats.json", "", True, True))
        with pytest.raises(ValueError, match="already belongs"):
            register(Format("json2", (".json",), "timeline.formats.json", "", True, True))

    def test_read_only_format_cannot_be_written(self) -> None:
        """Writing a changelog is refused with a FormatError (it is an input format)."""
        with pytest.raises(FormatError, match="not written"):
            timeline.dumps(small(), "changelog")

    def test_unknown_option(self) -> None:
        """An option the writer lacks is a FormatError naming the options it has."""
        with pytest.raises(FormatError, match="indent"):
            timeline.dumps(small(), "json", width=3)

    @pytest.mark.parametrize("indent", [-1, 9, "2", 2.0, True])
    def test_bad_option_value(self, indent: object) -> None:
        """An option of the wrong type or range is a FormatError."""
        with pytest.raises(FormatError, match="indent"):
            timeline.dumps(small(), "json", indent=indent)

    def test_loads_needs_a_readable_format(self) -> None:
        """loads with a name that is not a format is a FormatError."""
        with pytest.raises(FormatError):
            timeline.loads("{}", "nope")


class TestLoadDump:
    def test_load_the_worked_example(self) -> None:
        """The worked example loads: nine events, as precise as the article."""
        trip = timeline.load(EXAMPLE)

        assert 9 == len(trip)
        assert "2019" == str(trip.events[0].when)
        assert "2021-06-07/2021-06-08" == str(trip.get("organizer-visits").when)  # type: ignore[union-attr]

    def test_dump_then_load(self, tmp_path: Path) -> None:
        """dump writes a file that load reads back equal."""
        trip = timeline.load(EXAMPLE)
        path = tmp_path / "trip.json"
        timeline.dump(trip, path)

        assert trip == timeline.load(path)

    def test_failed_write_leaves_the_old_file(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A writer that fails midway leaves the existing file untouched and no temporary file."""
        path = tmp_path / "trip.json"
        path.write_text("old content", encoding="utf-8")

        def broken(tl: Timeline, out: TextIO) -> None:
            out.write("half of it")
            raise RuntimeError("disk on fire")

        module = types.ModuleType("broken_format")
        module.write = broken  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "broken_format", module)
        fmt = Format("broken", (".broken",), "broken_format", "", False, True)
        with pytest.raises(RuntimeError, match="disk on fire"):
            timeline.dump(small(), path, fmt)

        assert "old content" == path.read_text(encoding="utf-8")
        assert [path] == list(tmp_path.iterdir())

    def test_dump_keeps_the_file_mode(self, tmp_path: Path) -> None:
        """Replacing a file keeps its permission bits."""
        path = tmp_path / "trip.json"
        path.write_text("{}", encoding="utf-8")
        path.chmod(0o640)
        timeline.dump(small(), path)

        assert 0o640 == path.stat().st_mode & 0o777

    def test_dump_writes_through_a_symlink(self, tmp_path: Path) -> None:
        """A symbolic link stays a link; the file it names gets the content."""
        real = tmp_path / "real.json"
        real.write_text("{}", encoding="utf-8")
        link = tmp_path / "link.json"
        link.symlink_to(real)
        timeline.dump(small(), link)

        assert link.is_symlink()
        assert small() == timeline.load(real)

    def test_dump_to_a_missing_directory_fails_cleanly(self, tmp_path: Path) -> None:
        """Writing into a directory that does not exist raises OSError and creates nothing."""
        with pytest.raises(OSError, match="No such file"):
            timeline.dump(small(), tmp_path / "missing" / "t.json")
        assert [] == list(tmp_path.iterdir())

    def test_load_rejects_bytes_that_are_not_utf8(self, tmp_path: Path) -> None:
        """Invalid UTF-8 is a ParseError naming the file and line."""
        path = tmp_path / "bad.json"
        path.write_bytes(b'{"title": "ok",\n "events": "\xff"}')

        with pytest.raises(ParseError) as caught:
            timeline.load(path)

        assert (os.fspath(path), 2) == (caught.value.source, caught.value.line)

    def test_load_accepts_a_byte_order_mark(self, tmp_path: Path) -> None:
        """A UTF-8 byte order mark (as some editors write) is skipped."""
        path = tmp_path / "bom.json"
        path.write_bytes(b"\xef\xbb\xbf" + timeline.dumps(small(), "json").encode())

        assert small() == timeline.load(path)

    @given(timelines(), st.sampled_from([0, 1, 2, 4]))
    def test_dumps_is_deterministic(self, tl: Timeline, indent: int) -> None:
        """The same timeline always gives the same text."""
        assert timeline.dumps(tl, "json", indent=indent) == timeline.dumps(tl, "json", indent=indent)
