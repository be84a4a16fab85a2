"""The terminal chronology behind `timeline show`: layout, colour, and text made safe for a terminal."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from strategies import timelines

import timeline
from timeline import Timeline
from timeline._terminal import render, safe

EXAMPLE = Path(__file__).parent.parent / "examples" / "harris-trip.toml"
_SGR = re.compile(r"\x1b\[[0-9;]*m")


class TestRender:
    def test_worked_example(self) -> None:
        """Title, description, a heading per year, a line per event and a line of details."""
        lines = render(timeline.load(EXAMPLE)).splitlines()

        assert [
            "Harris's first trip abroad as vice president",
            "Guatemala, Mexico and migration diplomacy, as told by one news report.",
            "",
            "2019",
            "  2019                      Alejandro Giammattei elected president of Guatemala",
            "                            Guatemala · group: Background · tags: guatemala, elections",
            "",
            "2021",
        ] == lines[:8]
        assert "  June 7–8, 2021            Harris checks in with organizers on the ground (tentative)" == lines[-2]

    def test_day_first(self) -> None:
        """style="dmy" writes the dates day first."""
        assert "  7–8 June 2021" in render(timeline.load(EXAMPLE), style="dmy")

    def test_colour(self) -> None:
        """With colour: bold headings, cyan dates, yellow tentative, red struck-through cancelled, dim details."""
        t = Timeline(
            title="T",
            events=[
                {"title": "A", "when": "2021-06-06", "status": "tentative", "tags": ["x"]},
                {"title": "B", "when": "2021-06-07", "status": "cancelled"},
            ],
        )
        text = render(t, color=True)

        assert text.startswith("\x1b[1mT\x1b[0m\n")
        assert "\x1b[1m2021\x1b[0m" in text
        assert "\x1b[36mJune 6, 2021\x1b[0m  \x1b[33mA (tentative)\x1b[0m" in text
        assert "\x1b[31;9mB\x1b[0m\x1b[31m (cancelled)\x1b[0m" in text
        assert "\x1b[2mtags: x\x1b[0m" in text

    def test_no_colour_by_default(self) -> None:
        """Without colour there is no escape sequence at all."""
        assert "\x1b" not in render(timeline.load(EXAMPLE))

    def test_timed_events_show_their_zone(self) -> None:
        """A floating time shows the event's zone, else the timeline's."""
        t = Timeline(tz="America/Guatemala", events=[{"title": "A", "when": "2021-06-07T10:00"}])

        assert "June 7, 2021, 10:00 (America/Guatemala)  A" in render(t)

    def test_empty_timeline(self) -> None:
        """An empty, untitled timeline prints nothing."""
        assert "" == render(Timeline())


class TestSafe:
    def test_escape_sequences_are_shown_not_run(self) -> None:
        """ESC, BEL, DEL and C1 controls show as escapes."""
        assert "\\x1b]0;title\\x07 \\x7f \\x9b" == safe("\x1b]0;title\x07 \x7f \x9b")

    def test_bidi_overrides_are_shown(self) -> None:
        """Format characters that reorder a line (RLO) show as escapes."""
        assert "abc\\u202edef" == safe("abc\u202edef")

    def test_line_breaks_become_spaces(self) -> None:
        """A title stays on its line."""
        assert "a b c d" == safe("a\r\nb\rc\u2028d")

    def test_emoji_stay(self) -> None:
        """Joined emoji keep their zero-width joiner."""
        assert "👩‍🚀" == safe("👩‍🚀")

    @given(timelines(), st.booleans())
    def test_safe_lines_one_per_event(self, t: Timeline, color: bool) -> None:
        """No control or format character but line ends and our colour codes; one line per event, with its date."""
        text = _SGR.sub("", render(t, color=color))
        lines = text.splitlines()
        dates = [timeline.describe(e.when, tz=e.tz or t.tz, recurrence=e.recurrence) for e in t]
        starts = [line for line in lines if line.startswith("  ") and not line.startswith("   ")]

        assert [] == [ch for ch in text if ch != "\n" and unicodedata.category(ch) in ("Cc", "Cf") and ch != "\u200d"]
        assert len(t) == len(starts)
        assert all(line[2:].startswith(date) for line, date in zip(starts, dates, strict=True))


class TestSets:
    def test_a_set_is_described(self) -> None:
        """`timeline show` says a set's members, under its first bound's year."""
        lines = render(Timeline(events=[{"title": "Printed", "when": "{1960,1961-12}"}])).splitlines()

        assert "1960" in lines
        assert any(line.startswith("  1960 and December 1961") and line.endswith("Printed") for line in lines)
