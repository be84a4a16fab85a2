"""Every reader, given a broken copy of a good file, returns a Timeline or raises ParseError: nothing else.

Good files are the worked example and generated timelines, written by each
writer (TOML from the example as the authors wrote it). Mutations are what
files suffer on the way: cut at a line, lines duplicated or swapped, bytes
flipped, another encoding, byte order marks, CR-only or NEL line ends, a
lone surrogate, a huge number, deep nesting.
"""

from __future__ import annotations

import warnings
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import timelines

from timeline import ParseError, Timeline, TimelineWarning
from timeline.formats import decode, dumps, load, loads

EXAMPLE = Path(__file__).parent.parent / "examples" / "harris-trip.toml"
READERS = ("json", "toml", "yaml", "ics", "jcal", "csv", "timelinejs")


@cache
def _good(fmt: str) -> str:
    """The worked example in ``fmt`` (as written by its writer; TOML as the authors wrote it)."""
    if fmt == "toml":
        return EXAMPLE.read_text(encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TimelineWarning)
        return dumps(load(EXAMPLE), fmt, **({"stamp": "2021-06-02T00:00:00Z"} if fmt in ("ics", "jcal") else {}))


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


@st.composite
def _mutated(draw: st.DrawFn, text: str) -> str | bytes:
    """``text`` with one or two mutations; bytes when the mutation works on the encoding."""
    lines = _lines(text) or [""]
    kind = draw(
        st.sampled_from(
            [
                "cut", "duplicate", "swap", "flip", "encoding", "bom", "cr", "nel",
                "surrogate", "number", "nesting", "delete", "insert",
            ]
        )
    )  # fmt: skip
    at = draw(st.integers(0, len(lines) - 1))
    if kind == "cut":
        return "".join(lines[:at]) + lines[at][: draw(st.integers(0, len(lines[at])))]
    if kind == "duplicate":
        return "".join(lines[: at + 1] + lines[at:])
    if kind == "swap":
        other = draw(st.integers(0, len(lines) - 1))
        lines[at], lines[other] = lines[other], lines[at]
        return "".join(lines)
    if kind == "delete":
        return "".join(lines[:at] + lines[at + 1 :])
    if kind == "insert":
        return "".join([*lines[:at], draw(st.text(max_size=20)) + "\n", *lines[at:]])
    if kind == "flip":
        data = bytearray(text.encode("utf-8"))
        for _ in range(draw(st.integers(1, 4))):
            if data:
                index = draw(st.integers(0, len(data) - 1))
                data[index] ^= 1 << draw(st.integers(0, 7))
        return bytes(data)
    if kind == "encoding":
        codec = draw(st.sampled_from(["utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252"]))
        return text.encode(codec, errors="replace")
    if kind == "bom":
        return draw(st.sampled_from(["\ufeff", "\ufeff\ufeff", "\ufffe"])) + text
    if kind == "cr":
        return text.replace("\r\n", "\n").replace("\n", "\r")
    if kind == "nel":
        return text.replace("\r\n", "\n").replace("\n", draw(st.sampled_from(["\x85", "\u2028", "\u2029", "\x0b"])))
    line = lines[at]
    cut = draw(st.integers(0, len(line)))
    if kind == "surrogate":
        piece = draw(st.sampled_from(["\ud800", "\udfff", "\\ud800", "\\udc00x"]))
    elif kind == "number":
        piece = draw(st.sampled_from(["9" * 5000, "-" + "1" * 4301, "1e999999", "0x" + "f" * 5000, "1" * 4300]))
    else:
        depth = draw(st.sampled_from([101, 500, 3000]))
        opener, closer = draw(st.sampled_from([("[", "]"), ("{a=", "}"), ('{"a":', "}"), ("- ", "")]))
        piece = opener * depth + "1" + closer * depth
    return "".join(lines[:at]) + line[:cut] + piece + line[cut:] + "".join(lines[at + 1 :])


def _read(data: str | bytes, fmt: str) -> None:
    """Read ``data`` as ``fmt`` the way load does: a Timeline or ParseError, anything else fails the test."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TimelineWarning)
        try:
            text = decode(data, "mutant") if isinstance(data, bytes) else data
            result = loads(text, fmt, source="mutant")
            assert isinstance(result, Timeline)
            if fmt == "ics":
                loads(text, fmt, source="mutant", lenient=True)
        except ParseError as exc:
            assert exc.source == "mutant"


class TestMutations:
    """Broken copies of good files: a Timeline or ParseError, never another exception, never a hang."""

    @pytest.mark.parametrize("fmt", READERS)
    @given(data=st.data())
    def test_example_mutated(self, fmt: str, data: st.DataObject) -> None:
        """The worked example, mutated, in every readable format."""
        _read(data.draw(_mutated(_good(fmt))), fmt)

    @pytest.mark.parametrize("fmt", [f for f in READERS if f != "toml"])
    @given(timeline=timelines(), data=st.data())
    def test_generated_mutated(self, fmt: str, timeline: Timeline, data: st.DataObject) -> None:
        """Generated timelines, written then mutated, in every format that writes and reads."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", TimelineWarning)
            options = {"stamp": "2021-06-02T00:00:00Z"} if fmt in ("ics", "jcal") else {}
            text = dumps(timeline, fmt, **options)
        _read(data.draw(_mutated(text)), fmt)

    @pytest.mark.parametrize("fmt", READERS)
    @given(text=st.text(max_size=300))
    def test_any_text(self, fmt: str, text: str) -> None:
        """Any text at all."""
        _read(text, fmt)

    @pytest.mark.parametrize("fmt", READERS)
    def test_every_cut(self, fmt: str) -> None:
        """The example cut at every line (and in the middle of each) reads or fails cleanly."""
        lines = _lines(_good(fmt))
        for at in range(len(lines)):
            _read("".join(lines[:at]), fmt)
            _read("".join(lines[:at]) + lines[at][: len(lines[at]) // 2], fmt)
