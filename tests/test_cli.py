"""The command line: convert, validate, formats; exit codes 0, 1 and 2."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

import timeline
from timeline.cli import main

EXAMPLE = str(Path(__file__).parent.parent / "examples" / "harris-trip.toml")


class TestConvert:
    def test_toml_to_json_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """convert reads TOML and writes JSON chosen by suffix; exit 0 and no output."""
        out = tmp_path / "trip.json"

        assert 0 == main(["convert", EXAMPLE, str(out)])
        assert timeline.load(EXAMPLE) == timeline.load(out)
        assert ("", "") == capsys.readouterr()

    def test_stdout_with_options(self, capsys: pytest.CaptureFixture[str]) -> None:
        """'-' writes to stdout; --to names the format; --option passes writer options."""
        assert 0 == main(["convert", EXAMPLE, "-", "--to", "json", "--option", "indent=0"])
        text = capsys.readouterr().out

        assert 2 == len(text.splitlines()) - 0 or text.count("\n") == 1
        assert timeline.load(EXAMPLE) == timeline.loads(text, "json")

    def test_stdin(self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
        """'-' reads standard input when --from is given."""
        data = Path(EXAMPLE).read_bytes()
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))

        assert 0 == main(["convert", "-", "-", "--from", "toml", "--to", "json"])
        assert 9 == len(timeline.loads(capsys.readouterr().out, "json"))

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["convert", EXAMPLE, "out.txt"], "cannot tell the format"),
            (["convert", EXAMPLE, "-"], "give --to"),
            (["convert", "-", "out.json"], "give --from"),
            (["convert", EXAMPLE, "-", "--to", "nope"], "unknown format 'nope'"),
            (["convert", EXAMPLE, "changes.md"], "can be read but not written"),
            (["convert", EXAMPLE, "-", "--to", "json", "--option", "indent"], "an option is KEY=VALUE, got 'indent'"),
            (["convert", EXAMPLE, "-", "--to", "json", "-r", "=true"], "a reader option is KEY=VALUE, got '=true'"),
            (["convert", "x.ics", "-", "--to", "json", "-r", "lenient=maybe"], "reader option 'lenient': "),
            (["convert", EXAMPLE, "-", "--to", "json", "--option", "width=3"], "no option 'width'"),
            (["convert", EXAMPLE, "-", "--to", "json", "--option", "indent=wide"], "option 'indent'"),
            (["convert", EXAMPLE, "-", "--to", "json", "--option", "indent=12"], "between 0 and 8"),
            (["convert", EXAMPLE], "required"),
            (["explode"], "invalid choice"),
        ],
    )
    def test_misuse_exits_2(self, args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
        """Unknown formats, options and bad arguments exit 2 with one clear message."""
        assert 2 == main(args)
        assert message in capsys.readouterr().err

    def test_bad_input_exits_1_naming_file_and_line(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A wrong date exits 1 with one line naming the file, line and field; nothing is written."""
        bad = tmp_path / "bad.toml"
        bad.write_text('[[events]]\ntitle = "A"\nwhen = "2021-13"\n', encoding="utf-8")
        out = tmp_path / "out.json"

        assert 1 == main(["convert", str(bad), str(out)])
        err = capsys.readouterr().err
        assert f"timeline: {bad}, line 3, events[0].when: 'when' must be an EDTF date" in err
        assert 1 == len(err.splitlines())
        assert not out.exists()

    def test_missing_input_exits_1(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """An input file that does not exist exits 1 naming it."""
        assert 1 == main(["convert", str(tmp_path / "none.toml"), str(tmp_path / "o.json")])
        assert "none.toml: cannot read" in capsys.readouterr().err

    def test_unwritable_output_exits_1(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """An output in a missing directory exits 1 naming it."""
        assert 1 == main(["convert", EXAMPLE, str(tmp_path / "no" / "o.json")])
        assert "cannot write" in capsys.readouterr().err

    def test_warnings_go_to_stderr_and_do_not_fail(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A misspelt-looking field warns on stderr; the conversion still succeeds and keeps it."""
        source = tmp_path / "w.toml"
        source.write_text('[[events]]\ntitle = "A"\nwhen = "2021"\ntgas = ["x"]\n', encoding="utf-8")

        assert 0 == main(["convert", str(source), "-", "--to", "json"])
        out, err = capsys.readouterr()
        assert f"timeline: warning: {source}, line 4, events[0].tgas:" in err
        assert '"tgas"' in out


class TestOtherVerbs:
    def test_validate(self, capsys: pytest.CaptureFixture[str]) -> None:
        """validate says the file is fine and how many events it holds."""
        assert 0 == main(["validate", EXAMPLE])
        assert f"{EXAMPLE}: ok, 9 events\n" == capsys.readouterr().out

    def test_formats(self, capsys: pytest.CaptureFixture[str]) -> None:
        """formats lists every format with its suffixes and modes."""
        assert 0 == main(["formats"])
        out = capsys.readouterr().out
        assert "json" in out
        assert "toml" in out

    def test_schema_prints_the_shipped_schema(self, capsys: pytest.CaptureFixture[str]) -> None:
        """schema prints the JSON Schema the package ships, as valid draft 2020-12 JSON."""
        import json

        import jsonschema

        from timeline.formats.json import schema

        assert 0 == main(["schema"])
        printed = json.loads(capsys.readouterr().out)

        assert schema() == printed
        jsonschema.Draft202012Validator.check_schema(printed)

    def test_module_entry_point(self) -> None:
        """python -m timeline runs the same command line with its exit codes."""
        done = subprocess.run(
            [sys.executable, "-m", "timeline", "convert", "-", "-", "--from", "json", "--to", "json"],
            input=b'{"events": [{"title": "A", "when": "2021-13"}]}',
            capture_output=True,
            check=False,
        )

        assert 1 == done.returncode
        assert b"<stdin>" in done.stderr
        assert b"Traceback" not in done.stderr


class TestResolve:
    def test_prints_the_edtf(self, capsys: pytest.CaptureFixture[str]) -> None:
        """resolve prints the phrase's EDTF, one line, exit 0."""
        assert 0 == main(["resolve", "early next week", "--reference", "2021-06-02"])
        assert "2021-06-07~/2021-06-09~\n" == capsys.readouterr().out

    def test_prefer(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--prefer past and future pick the occurrence either side of the reference."""
        assert 0 == main(["resolve", "Tuesday", "--reference", "2021-06-02", "--prefer", "future"])
        assert 0 == main(["resolve", "Tuesday", "--reference", "2021-06-02", "--prefer", "past"])
        assert "2021-06-08\n2021-06-01\n" == capsys.readouterr().out

    def test_numeric(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--numeric says how to read 6/7/2021."""
        assert 0 == main(["resolve", "6/7/2021", "--reference", "2021-06-02", "--numeric", "dmy"])
        assert "2021-07-06\n" == capsys.readouterr().out

    def test_not_a_date_exits_1(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A phrase that is no date exits 1 with one line quoting it."""
        assert 1 == main(["resolve", "banana", "--reference", "2021-06-02"])
        assert "timeline: 'banana' is not a date phrase\n" == capsys.readouterr().err

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["resolve", "today", "--reference", "2021-13-01"], "YYYY-MM-DD, got '2021-13-01'"),
            (["resolve", "today", "--reference", "2021-06-02", "--prefer", "soon"], "invalid choice"),
            (["find", "x.txt", "--reference", "June"], "YYYY-MM-DD, got 'June'"),
        ],
    )
    def test_misuse_exits_2(self, args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
        """A malformed reference date, or an unknown preference, exits 2."""
        assert 2 == main(args)
        assert message in capsys.readouterr().err


class TestFind:
    def test_one_line_per_mention(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """find prints start, end, text and EDTF, tab-separated; a line break inside a phrase prints as a space."""
        story = tmp_path / "story.txt"
        story.write_text("Harris will meet them on June\n6. She was named in March.\n", encoding="utf-8")

        assert 0 == main(["find", str(story), "--reference", "2021-06-02"])
        assert "25\t31\tJune 6\t2021-06-06\n50\t55\tMarch\t2021-03\n" == capsys.readouterr().out

    def test_stdin(self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
        """'-' reads standard input."""
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"It rained last week.")))

        assert 0 == main(["find", "-", "--reference", "2021-06-02"])
        assert "10\t19\tlast week\t2021-W21\n" == capsys.readouterr().out

    def test_unreadable_file_exits_1(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A missing file or one that is not UTF-8 exits 1 naming it."""
        bad = tmp_path / "bad.txt"
        bad.write_bytes(b"June \xff6")

        assert 1 == main(["find", str(tmp_path / "missing.txt"), "--reference", "2021-06-02"])
        assert 1 == main(["find", str(bad), "--reference", "2021-06-02"])
        err = capsys.readouterr().err.splitlines()
        assert 2 == len(err)
        assert "missing.txt: cannot read" in err[0]
        assert "bad.txt, line 1: not UTF-8 text" in err[1]


class TestShow:
    def test_prints_the_chronology(self, capsys: pytest.CaptureFixture[str]) -> None:
        """show prints the title, the years and one line per event, without colour when not a terminal."""
        assert 0 == main(["show", EXAMPLE])
        out = capsys.readouterr().out

        assert out.startswith("Harris's first trip abroad as vice president\n")
        assert "\n2019\n" in out
        assert "  June 6, 2021              Harris meets the presidents of Guatemala and Mexico (tentative)\n" in out
        assert "\x1b" not in out

    @pytest.mark.parametrize(
        ("args", "titles"),
        [
            (["--tag", "press"], ["Aides brief reporters on the trip"]),
            (["--tag", "press", "--tag", "aid"], ["Harris pledges", "Aides brief"]),
            (["--group", "Trip", "--between", "2021-06-06", ".."], ["Harris meets the presidents", "Harris checks in"]),
            (["--between", "..", "2020"], ["Alejandro Giammattei"]),
            (
                ["--between", "2021-05-25", "2021-05-31"],
                ["Harris pledges", "Harris meets the Congressional", "Harris speaks", "Twelve companies"],
            ),
        ],
    )
    def test_filters(self, args: list[str], titles: list[str], capsys: pytest.CaptureFixture[str]) -> None:
        """--tag, --group and --between filter with the Timeline queries; '..' leaves a side open."""
        assert 0 == main(["show", EXAMPLE, *args])
        events = [line for line in capsys.readouterr().out.splitlines() if line.startswith("  ") and line[2] != " "]

        assert len(titles) == len(events)
        assert all(title in line for title, line in zip(titles, events, strict=True))

    def test_colour_on_a_terminal(self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
        """On a terminal show uses colour, unless NO_COLOR is set and not empty."""
        monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
        monkeypatch.delenv("NO_COLOR", raising=False)
        main(["show", EXAMPLE])
        coloured = capsys.readouterr().out
        monkeypatch.setenv("NO_COLOR", "1")
        main(["show", EXAMPLE])
        plain = capsys.readouterr().out
        monkeypatch.setenv("NO_COLOR", "")
        main(["show", EXAMPLE])
        empty_no_color = capsys.readouterr().out

        assert (True, False, True) == ("\x1b[" in coloured, "\x1b[" in plain, "\x1b[" in empty_no_color)

    def test_colour_always_and_never(self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
        """--color always colours a pipe; --color never keeps a terminal plain."""
        main(["show", EXAMPLE, "--color", "always"])
        always = capsys.readouterr().out
        monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
        main(["show", EXAMPLE, "--color", "never"])
        never = capsys.readouterr().out

        assert (True, False) == ("\x1b[" in always, "\x1b[" in never)

    def test_day_first(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--style dmy writes the dates day first."""
        main(["show", EXAMPLE, "--style", "dmy"])

        assert "  6 June 2021" in capsys.readouterr().out

    def test_bad_between_exits_2(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A --between bound that is not EDTF is misuse: exit 2, quoting it."""
        assert 2 == main(["show", EXAMPLE, "--between", "2021-13", ".."])
        assert "'2021-13'" in capsys.readouterr().err

    def test_bad_file_exits_1(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """An invalid file is bad input: exit 1 with the file named."""
        bad = tmp_path / "bad.toml"
        bad.write_text('title = "x"\n[[events]]\ntitle = "A"\nwhen = "2021-13"\n', encoding="utf-8")

        assert 1 == main(["show", str(bad)])
        assert "bad.toml" in capsys.readouterr().err
