"""Hostile input: every class of failure an outside campaign found, held at its root.

Each test is one class (a parser's own exception, a hang, a superlinear
path, a live link, a target that is not a file) with an input that used to
break it; the mutation tests in test_mutations.py cover the readers broadly.
"""

from __future__ import annotations

import io
import os
import stat
import threading
import time
import warnings
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from timing import best_of

import timeline
from timeline import Event, LimitError, ParseError, Timeline, limits
from timeline.errors import FormatError, TimelineWarning
from timeline.formats import dumps, list_formats, loads, parser_failure
from timeline.formats._links import safe_url

BIG = "1" * (limits.INT_DIGITS + 1)


class TestParserErrorsBecomeParseError:
    """Whatever a reader's parser raises on hostile text reaches the caller as ParseError with the line."""

    @pytest.mark.parametrize(
        ("text", "fmt", "line"),
        [
            # A repeated key, then a bad escape or a raw control character later on.
            ('{"a": {"x": 1, "x": 2},\n "b": "\\q"}', "json", 1),
            ('{"a": {"x": 1, "x": 2},\n "b": "\x01"}', "json", 2),
            ('{"events": [], "x": {"k": 1, "k": 2},\n"b": "\\q"}', "timelinejs", 1),
        ],
    )
    def test_repeated_key_then_bad_text(self, text: str, fmt: str, line: int) -> None:
        """A repeated key followed by a bad escape is a ParseError, not json's JSONDecodeError."""
        with pytest.raises(ParseError) as caught:
            loads(text, fmt, source="t")
        assert caught.value.source == "t"
        assert caught.value.line is not None

    @pytest.mark.parametrize(
        ("text", "fmt", "line"),
        [
            ('{"title": "a",\n "events": [],\n "extra": ' + BIG + "}", "json", 3),
            ('title = "a"\n\nx = ' + BIG + "\n", "toml", 3),
            ("title: a\nx: " + BIG + "\n", "yaml", 2),
            ("title: a\nevents:\n- title: a\n  when: " + BIG + "\n", "yaml", 4),
            ('{"events": [\n{"start_date": {"year": ' + BIG + '}, "text": {"headline": "a"}}]}', "timelinejs", 2),
        ],
    )
    def test_number_beyond_the_digit_limit(self, text: str, fmt: str, line: int) -> None:
        """A number of more than INT_DIGITS digits anywhere is a ParseError naming the limit and the line."""
        with pytest.raises(ParseError, match=f"more than {limits.INT_DIGITS} digits") as caught:
            loads(text, fmt, source="t")
        assert line == caught.value.line

    @pytest.mark.parametrize(
        ("text", "fmt"),
        [
            ("x = " + "[" * 1000 + "]" * 1000, "toml"),
            ("x = " + "{a = " * 1000 + "1" + "}" * 1000, "toml"),
            ('{"title": "a", "events": [], "x": ' + "[" * 5000 + "]" * 5000 + "}", "json"),
            ("x: " + "[" * 5000 + "]" * 5000, "yaml"),
            ('{"events": [], "x": ' + "[" * 5000 + "]" * 5000 + "}", "timelinejs"),
            ('["vcalendar", [], [' + "[" * 5000 + "]" * 5000 + "]]", "jcal"),
        ],
    )
    def test_nesting_beyond_what_python_recurses(self, text: str, fmt: str) -> None:
        """Arrays or tables nested thousands deep are a ParseError, not a RecursionError."""
        with pytest.raises(ParseError, match=r"nest|recursion"):
            loads(text, fmt)

    @pytest.mark.parametrize("fmt", ["json", "toml", "yaml"])
    def test_extra_nested_beyond_the_limit(self, fmt: str) -> None:
        """Extra data nested deeper than NESTING is refused by the model, in every format, naming the limit."""
        deep = "[" * (limits.NESTING + 1) + "]" * (limits.NESTING + 1)
        text = {
            "json": '{"title": "a", "events": [], "x": ' + deep + "}",
            "toml": 'title = "a"\nx = ' + deep + "\n",
            "yaml": "title: a\nx: " + deep + "\n",
        }[fmt]
        with pytest.raises(ParseError, match=f"more than {limits.NESTING} levels"):
            loads(text, fmt)
        shallow = "[" * limits.NESTING + "]" * limits.NESTING
        assert loads(text.replace(deep, shallow), fmt).title == "a"

    @pytest.mark.parametrize("lenient", [False, True])
    def test_ics_components_nested_deep(self, lenient: bool) -> None:
        """.ics components nested beyond NESTING are refused with the line, lenient or not."""
        depth = 400
        text = "BEGIN:VCALENDAR\r\n" + "BEGIN:X\r\n" * depth + "END:X\r\n" * depth + "END:VCALENDAR\r\n"
        with pytest.raises(ParseError, match=f"nested more than {limits.NESTING} deep") as caught:
            loads(text, "ics", lenient=lenient)
        assert limits.NESTING + 1 == caught.value.line

    @pytest.mark.parametrize("fmt", ["yaml", "json", "toml", "ics", "csv", "timelinejs", "jcal"])
    def test_lone_surrogate(self, fmt: str) -> None:
        """A lone surrogate in the text (only a str built in Python can hold one) is a ParseError."""
        text = {
            "yaml": "title: a\ud800\n",
            "json": '{"title": "a\ud800", "events": []}',
            "toml": 'title = "a\ud800"\n',
            "ics": "BEGIN:VCALENDAR\r\nX-WR-CALNAME:a\ud800\r\nEND:VCALENDAR\r\n",
            "csv": "Year,Headline\r\n2021,a\ud800\r\n",
            "timelinejs": '{"events": [{"start_date": {"year": 2021}, "text": {"headline": "a\ud800"}}]}',
            "jcal": '["vcalendar", [["x-wr-calname", {}, "text", "a\ud800"]], []]',
        }[fmt]
        with pytest.raises(ParseError):
            loads(text, fmt)


class TestWriterOptions:
    """Every writer option with a bad value is a FormatError naming it, checked before anything is written."""

    TIMELINE = Timeline(title="T", events=[Event(title="A", when="2021-06-06T10:00")])

    @pytest.mark.parametrize(
        ("fmt", "options", "named"),
        [
            ("ics", {"tz": "bogus"}, "tz"),
            ("jcal", {"tz": "Not/AZone"}, "tz"),
            ("ics", {"zones": ["Europe/Paris"], "years": (0, 99999)}, "years"),
            ("ics", {"zones": ["Europe/Paris"], "years": (2022, 2021)}, "years"),
            ("ics", {"zones": ["Europe/Paris"], "years": "2021"}, "years"),
            ("ics", {"zones": ["Mars/Olympus"], "years": (2021, 2021)}, "zones"),
            ("ics", {"zones": "Europe/Paris", "years": (2021, 2021)}, "zones"),
            ("ics", {"title": 3}, "title"),
            ("jcal", {"title": "a\ud800"}, "title"),
            ("ics", {"prodid": object()}, "prodid"),
            ("jcal", {"prodid": ""}, "prodid"),
            ("jcal", {"domain": "a\ud800"}, "domain"),
            ("ics", {"description": ["x"]}, "description"),
            ("ics", {"coarse": "nope"}, "coarse"),
            ("ics", {"unbounded": "nope"}, "unbounded"),
            ("ics", {"domain": "a b"}, "domain"),
            ("ics", {"stamp": "yesterday"}, "stamp"),
            ("json", {"indent": 9}, "indent"),
            ("timelinejs", {"indent": -1}, "indent"),
            ("timelinejs-html", {"cdn": "javascript:alert(1)"}, "cdn"),
            ("markdown", {"layout": "grid"}, "layout"),
        ],
    )
    def test_bad_option(self, fmt: str, options: dict[str, object], named: str) -> None:
        """The writer refuses the value with FormatError naming the option, for a Timeline and a stream."""
        for source in (self.TIMELINE, iter(self.TIMELINE.events)):
            with pytest.raises(FormatError, match=named):
                dumps(source, fmt, **options)
        out = io.StringIO()
        with pytest.raises(FormatError):
            timeline.dump(iter(self.TIMELINE.events), out, fmt, **options)
        assert out.getvalue() == ""  # nothing written to a stream before the options are checked


class TestEveryWriterOption:
    """Every option of every writer, given a value of the wrong kind, is refused with FormatError."""

    @pytest.mark.parametrize(
        ("fmt", "option"),
        [(fmt.name, option) for fmt in list_formats() if fmt.writable for option in fmt.options()],
    )
    @pytest.mark.parametrize("bad", [object(), "\ud800", 10**400])
    def test_wrong_kind(self, fmt: str, option: str, bad: object) -> None:
        """No option lets a wrong value through to a TypeError, a UnicodeEncodeError or a silent write."""
        t = Timeline(title="T", tz="Europe/Paris", events=[Event(title="A", when="2021-06-06T10:00")])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", TimelineWarning)
            try:
                text = dumps(t, fmt, **{option: bad})
            except FormatError:
                return
        # A free-text option may take any text: it must then be written so that it reads back or encodes.
        assert isinstance(bad, str)
        text.encode("utf-8")


class TestRecurrence:
    """Rules that cannot be expanded are refused when the event is built; expansion is priced first."""

    @pytest.mark.parametrize(
        "rule",
        [
            "FREQ=DAILY;INTERVAL=0",
            "FREQ=DAILY;INTERVAL=-5",
            "FREQ=YEARLY;INTERVAL=0;BYYEARDAY=366",
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
            "FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31",
            "FREQ=YEARLY;BYMONTH=13",
            "FREQ=YEARLY;BYWEEKNO=54",
            "FREQ=MONTHLY;BYMONTHDAY=0",
            "FREQ=DAILY;COUNT=0",
            "FREQ=HOURLY;INTERVAL=24;BYHOUR=1",
            "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6",
            "FREQ=MINUTELY;BYSECOND=60",
            "FREQ=HOURLY;BYSETPOS=4,347,-340",
            "FREQ=WEEKLY;BYDAY=MO,TU;BYSETPOS=3",
            "FREQ=DAILY;BYHOUR=9,17;BYMINUTE=0,30;BYSETPOS=5,-5",
        ],
    )
    def test_refused_when_built(self, rule: str) -> None:
        """The Event refuses the rule, quoting it, in well under a second.

        A BYSETPOS past the candidates a weekly or finer period can hold
        never matches: dateutil would step through every period to year
        9999 (seventy million for an hourly rule) looking for one.
        """
        started = time.perf_counter()
        with pytest.raises(ParseError, match=r"cannot be expanded|empty set"):
            Event(title="a", when="2021-01-01T00:00", recurrence=rule)
        assert time.perf_counter() - started < 5  # generous: the check is a few milliseconds

    @pytest.mark.parametrize("when", ["2021-06-07T09:30Z", "2021-06-07T09:30+02:00", "2021-06-07T09:30"])
    @pytest.mark.parametrize("rule", ["FREQ=SECONDLY;COUNT=3", "FREQ=DAILY;BYSECOND=0,1"])
    def test_seconds_need_a_start_with_seconds(self, when: str, rule: str) -> None:
        """A start given to the minute cannot recur by the second (its occurrences would share ids)."""
        with pytest.raises(ParseError, match="give the start seconds"):
            Event(title="a", when=when, recurrence=rule)
        assert Event(title="a", when=when.replace(":30", ":30:00", 1), recurrence=rule).recurrence == rule

    @pytest.mark.parametrize("rule", ["FREQ=HOURLY", "FREQ=SECONDLY;COUNT=3", "FREQ=DAILY;BYHOUR=9"])
    def test_finer_than_a_day_needs_a_time(self, rule: str) -> None:
        """A start that is a whole day cannot recur hourly (its occurrences would share one day and id)."""
        with pytest.raises(ParseError, match="give the start a time"):
            Event(title="a", when="2021-01-31", recurrence=rule)

    @pytest.mark.parametrize(
        "rule",
        [
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
            "FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO",
            "FREQ=MONTHLY;BYDAY=-1FR",
            "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=-1",
            "FREQ=HOURLY;INTERVAL=5;BYHOUR=10",
            "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=-1",
            "FREQ=WEEKLY;BYDAY=1MO",
            "FREQ=YEARLY;BYYEARDAY=-366",
            "FREQ=DAILY;UNTIL=20211231T000000Z",
        ],
    )
    def test_rare_but_possible_rules_pass(self, rule: str) -> None:
        """Rules that match rarely (leap days, week 53) are kept, and expand."""
        event = Event(title="a", when="2021-01-01T00:00", recurrence=rule)
        assert event.recurrence == rule
        assert len(Timeline(events=[event]).occurrences("2021", "2032-12-31T23:59")) >= 1

    def test_count_and_by_parts_with_open_window(self) -> None:
        """A filtered rule that ends by COUNT expands with no window."""
        t = Timeline(events=[Event(title="a", when="2021-01-01", recurrence="FREQ=DAILY;COUNT=3;BYDAY=MO")])
        assert ["2021-01-04", "2021-01-11", "2021-01-18"] == [str(e.when) for e in t.occurrences()]

    def test_refused_from_json(self) -> None:
        """INTERVAL=0 in a JSON file is a ParseError of that file, with the line, not a hang in occurrences."""
        text = (
            '{"title": "t", "events": [{"title": "a", "when": "2021-01-01",\n"recurrence": "FREQ=DAILY;INTERVAL=0"}]}'
        )
        with pytest.raises(ParseError, match="INTERVAL") as caught:
            loads(text, "json", source="f")
        assert caught.value.line == 2

    @pytest.mark.parametrize(
        ("fmt", "text"),
        [
            (
                "ics",
                (
                    "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20210101\r\n"
                    "RRULE:FREQ=DAILY;INTERVAL=0\r\nSUMMARY:a\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
                ),
            ),
            (
                "jcal",
                (
                    '["vcalendar", [], [["vevent", [["uid", {}, "text", "a"], ["dtstart", {}, "date", "2021-01-01"],'
                    ' ["rrule", {}, "recur", {"freq": "DAILY", "interval": 0}], ["summary", {}, "text", "a"]], []]]]'
                ),
            ),
        ],
    )
    def test_calendar_keeps_it_as_text(self, fmt: str, text: str) -> None:
        """A calendar's INTERVAL=0 rule is kept as iCalendar text (with a warning), never expanded."""
        with pytest.warns(TimelineWarning, match="INTERVAL"):
            event = loads(text, fmt).events[0]
        assert event.recurrence is None
        assert len(Timeline(events=[event]).occurrences("2021", "2022")) == 1

    @pytest.mark.parametrize("rule", ["FREQ=HOURLY", "FREQ=MINUTELY", "FREQ=SECONDLY", "FREQ=SECONDLY;BYMONTH=2"])
    def test_work_limit_over_a_thousand_years(self, rule: str) -> None:
        """A fine rule over 1,000 years fails at once with LimitError naming 'steps'."""
        t = Timeline(events=[Event(title="a", when="2021-01-01T00:00:00Z", recurrence=rule)])
        started = time.perf_counter()
        with pytest.raises(LimitError, match="steps") as caught:
            t.occurrences("2000", "2999")
        assert time.perf_counter() - started < 1
        assert caught.value.limit == "steps"
        assert limits.RULE_STEPS == caught.value.value

    def test_occurrence_limit(self) -> None:
        """More occurrences than ``limit`` is a LimitError naming 'limit'; within it, all come back."""
        t = Timeline(events=[Event(title="a", when="2021-01-01", recurrence="FREQ=DAILY")])
        with pytest.raises(LimitError, match="limit") as caught:
            t.occurrences("2021", "2021", limit=100)
        assert caught.value.limit == "limit"
        assert len(t.occurrences("2021", "2021", limit=365)) == 365

    def test_steps_can_be_raised(self) -> None:
        """The work limit is a keyword, not a wall: raising it lets a longer window through."""
        t = Timeline(events=[Event(title="a", when="2021-01-01T00:00:00Z", recurrence="FREQ=HOURLY;BYHOUR=9")])
        with pytest.raises(LimitError):
            t.occurrences("2021", "2200", steps=10_000)
        assert len(t.occurrences("2021-01", "2021-01", steps=10_000)) == 31

    def test_count_with_open_window(self) -> None:
        """A rule that ends by COUNT expands with no window at all."""
        t = Timeline(events=[Event(title="a", when="2021-01-01T00:00:00Z", recurrence="FREQ=SECONDLY;COUNT=10")])
        assert len(t.occurrences()) == 10


_PART_VALUES = {
    "INTERVAL": st.integers(-2, 30),
    "COUNT": st.integers(-1, 50),
    "BYSECOND": st.integers(-1, 61),
    "BYMINUTE": st.integers(-1, 60),
    "BYHOUR": st.integers(-1, 24),
    "BYMONTHDAY": st.integers(-32, 32),
    "BYYEARDAY": st.integers(-367, 367),
    "BYWEEKNO": st.integers(-54, 54),
    "BYMONTH": st.integers(0, 13),
    "BYSETPOS": st.integers(-367, 367),
    "BYDAY": st.tuples(st.integers(-6, 6), st.sampled_from(["MO", "TU", "WE", "TH", "FR", "SA", "SU"])).map(
        lambda pair: f"{pair[0] or ''}{pair[1]}"
    ),
}


@st.composite
def _rules(draw: st.DrawFn) -> str:
    freq = draw(st.sampled_from(["SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"]))
    names = draw(st.lists(st.sampled_from(sorted(_PART_VALUES)), unique=True, max_size=4))
    parts = [f"FREQ={freq}"]
    for name in names:
        values = draw(st.lists(_PART_VALUES[name], min_size=1, max_size=3))
        parts.append(f"{name}={','.join(map(str, values))}")
    return ";".join(parts)


class TestAnyRule:
    """Any rule at all is refused when built, or expands within the limits: nothing else, never a hang."""

    @given(rule=_rules(), start=st.sampled_from(["2021-01-31", "2020-02-29T23:59:59", "2021-06-07T09:30Z"]))
    def test_refused_or_expanded(self, rule: str, start: str) -> None:
        """A ParseError when built, else occurrences over a year give events or a LimitError."""
        try:
            event = Event(title="a", when=start, recurrence=rule)
        except ParseError:
            return
        try:
            found = Timeline(events=[event]).occurrences("2021-01", "2021-12", steps=200_000, limit=5_000)
        except LimitError:
            return
        assert all(occurrence.recurrence is None for occurrence in found)


def _roughly_linear(make: Callable[[int], Callable[[], object]], size: int) -> float:
    """Time at 4x the size over time at 1x (best of three each): about 4 when linear, 16 when quadratic."""
    small, large = make(size), make(4 * size)
    return best_of(3, large) / max(best_of(3, small), 1e-4)


def _growth(make: Callable[[int], Callable[[], object]], size: int, factor: int = 8, runs: int = 5) -> float:
    """Time at ``factor`` times the size over time at 1x, each the best of ``runs`` taken in turn.

    Small and large runs alternate, so a burst of load on a shared machine
    falls on both rather than on one; with factor 8 a linear reader gives
    about 8 and a quadratic one 64, so a limit of 24 leaves a threefold
    margin either way.
    """
    small, large = make(size), make(factor * size)
    best_small = best_large = float("inf")
    for _ in range(runs):
        best_small = min(best_small, best_of(1, small))
        best_large = min(best_large, best_of(1, large))
    return best_large / max(best_small, 1e-4)


class TestScaling:
    """Quadrupled input takes about four times as long, never sixteen (generous margins; best of three)."""

    def test_ics_one_property_folded_over_many_lines(self) -> None:
        """Unfolding is linear in the number of folded lines."""

        def make(n: int) -> Callable[[], object]:
            text = (
                "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20210101\r\nDESCRIPTION:x"
                + "\r\n y" * n
                + "\r\nSUMMARY:a\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
            )
            return lambda: loads(text, "ics")

        # Once 9.08 against a limit of 9 at 4x under load: now 8x, alternating runs, limit 24 (quadratic: 64).
        assert _growth(make, 10_000) < 24

    def test_ics_events_sharing_one_uid(self) -> None:
        """Giving repeated UIDs unique ids is linear in the number of repeats."""

        def make(n: int) -> Callable[[], object]:
            event = "BEGIN:VEVENT\r\nUID:same\r\nDTSTART;VALUE=DATE:20210101\r\nSUMMARY:a\r\nEND:VEVENT\r\n"
            text = "BEGIN:VCALENDAR\r\n" + event * n + "END:VCALENDAR\r\n"
            return lambda: loads(text, "ics")

        assert _roughly_linear(make, 500) < 9

    def test_find_dates_one_sentence_of_date_phrases(self) -> None:
        """A sentence made only of date phrases and cues is read in linear time."""
        pieces = ["June 6", "and", "last week", "will", "next Tuesday", "said", "in March", ",", "2019", "\u201c"]

        def make(n: int) -> Callable[[], object]:
            text = " ".join(pieces[i % len(pieces)] for i in range(n))
            return lambda: timeline.find_dates(text, reference=date(2021, 6, 2))

        assert _roughly_linear(make, 400) < 9

    def test_resolve_of_a_megabyte_fails_fast(self) -> None:
        """resolve refuses a phrase over PHRASE_LENGTH at once, with a short message."""
        started = time.perf_counter()
        with pytest.raises(ParseError, match="at most 1,000 characters") as caught:
            timeline.resolve("June 6 " * 150_000, reference=date(2021, 6, 2))
        assert time.perf_counter() - started < 1
        assert len(str(caught.value)) < 200


class TestLinks:
    """Only http, https, mailto and relative links become live, in every writer."""

    UNSAFE = ("javascript:alert(1)", "vbscript:msgbox", "data:text/html,<b>x</b>", "JaVaScRiPt:alert(1)")

    @pytest.mark.parametrize(
        "url",
        [*UNSAFE, " javascript:x", "java\tscript:x", "javascript&#58;x", "javascript&colon;x", "javascript\\:x"],
    )
    def test_safe_url_refuses(self, url: str) -> None:
        """Unsafe schemes are refused however they are spelled for a Markdown or HTML reader."""
        assert not safe_url(url)

    @pytest.mark.parametrize("url", ["https://e.org/a?b=1&c=2", "http://x", "mailto:a@b.org", "../a.html", "#top"])
    def test_safe_url_passes(self, url: str) -> None:
        """http(s), mailto and relative links pass."""
        assert safe_url(url)

    @pytest.mark.parametrize("layout", ["list", "table"])
    @pytest.mark.parametrize("url", UNSAFE)
    def test_markdown_writes_unsafe_links_as_text(self, layout: str, url: str) -> None:
        """An unsafe event url or source url is text in the Markdown, never a link destination."""
        t = Timeline(events=[Event(title="A", when="2021", url=url, sources=[{"title": "S", "url": url}])])
        text = dumps(t, "markdown", layout=layout)
        assert f"]({url}" not in text
        assert f"](<{url}" not in text
        assert "A (" in text

    def test_markdown_table_pipe_in_url(self) -> None:
        """A | in a URL does not split the table row."""
        t = Timeline(events=[Event(title="A", when="2021", url="https://e.org/a|b|c")])
        row = next(line for line in dumps(t, "markdown", layout="table").splitlines() if "e.org" in line)
        assert row.count("|") - row.count("\\|") == 5
        assert "a%7Cb%7Cc" in row

    @pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\v", "\f", "\r", "\n"])
    def test_mermaid_labels_on_one_line(self, separator: str) -> None:
        """Line and paragraph separators never reach a Mermaid block."""
        t = Timeline(title=f"T{separator}x", events=[Event(title=f"A{separator}B", when="2021")])
        text = dumps(t, "markdown", mermaid=True, gantt=True)
        block = text.split("```mermaid", 1)[1].split("```", 1)[0]
        assert not any(ch in block for ch in "\u2028\u2029\x85\v\f\r")
        assert "A B" in block

    @pytest.mark.parametrize("fmt", ["timelinejs", "timelinejs-html"])
    def test_timelinejs_drops_unsafe_media(self, fmt: str) -> None:
        """The TimelineJS data and page carry no unsafe link."""
        t = Timeline(
            events=[
                Event(title="A", when="2021", media={"url": "javascript:alert(1)"}, sources=[{"url": self.UNSAFE[2]}])
            ]
        )
        with pytest.warns(TimelineWarning, match="not an http"):
            text = dumps(t, fmt)
        assert "javascript:" not in text
        assert 'href=\\"javascript' not in text
        assert 'href=\\"data:' not in text


class TestCsvAgreesWithItsReader:
    """The CSV writer writes only cells its own reader takes."""

    def test_largest_cell_round_trips(self) -> None:
        """A description that just fits reads back."""
        t = Timeline(events=[Event(title="A", when="2021", description="x" * (limits.CSV_FIELD - 100))])
        assert loads(dumps(t, "csv"), "csv").events[0].description == t.events[0].description

    def test_larger_cell_is_refused_by_the_writer(self) -> None:
        """One character more than the reader takes is the writer's LimitError, naming the column."""
        t = Timeline(events=[Event(title="A", when="2021", description="x" * limits.CSV_FIELD)])
        with pytest.raises(LimitError, match="'Text' cell"):
            dumps(t, "csv")


class TestTargetsThatAreNotFiles:
    """dump writes into a FIFO or device as it is and never replaces it with a regular file."""

    def test_fifo(self, tmp_path: Path) -> None:
        """A FIFO stays a FIFO, and its reader gets the whole text."""
        fifo = tmp_path / "out.json"
        os.mkfifo(fifo)
        got: list[str] = []
        reader = threading.Thread(target=lambda: got.append(fifo.read_text(encoding="utf-8")))
        reader.start()
        timeline.dump(Timeline(title="T"), fifo)
        reader.join(timeout=30)
        assert stat.S_ISFIFO(fifo.stat().st_mode)
        assert loads(got[0], "json").title == "T"

    def test_dev_null(self) -> None:
        """/dev/null stays a device."""
        timeline.dump(Timeline(title="T"), "/dev/null", "json")
        assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


class TestLocatingTheTrouble:
    """The root mapping points at the line that holds the trouble, or at none when it cannot tell."""

    def test_deepest_line(self) -> None:
        """Brackets and .ics BEGIN lines count as levels; shallow text has no such line."""
        assert limits.deepest_line("a\n" + "[" * (limits.NESTING + 1)) == 2
        assert limits.deepest_line("BEGIN:X\n" * (limits.NESTING + 1)) == limits.NESTING + 1
        assert limits.deepest_line("[[]]\nEND:X\n]") is None

    def test_long_number_line(self) -> None:
        """The first run of digits over the limit, not a shorter one before it."""
        assert limits.long_number_line("1" * limits.INT_DIGITS + "\n" + BIG) == 2
        assert limits.long_number_line("12 34") is None

    def test_other_parser_errors(self) -> None:
        """Any other ValueError of a parser keeps its message and the line it gives."""
        error = ValueError("odd")
        error.lineno = 7  # type: ignore[attr-defined]
        mapped = parser_failure(error, "text", "json", "f.json")
        assert ("f.json", 7, "not valid json: odd") == (mapped.source, mapped.line, mapped.message)
        assert parser_failure(OverflowError(), "", "toml", "f").message == "not valid toml: OverflowError"
