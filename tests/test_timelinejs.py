"""TimelineJS3 JSON and the TimelineJS page: date objects, escaping, reading back, errors that name the slide."""

from __future__ import annotations

import contextlib
import html
import json
import re
import warnings
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import timelines

import timeline
from timeline import (
    Era,
    Event,
    FormatError,
    Media,
    OutOfRangeError,
    ParseError,
    PartialDate,
    Source,
    Timeline,
    TimelineWarning,
    When,
)
from timeline.formats import format_for_path
from timeline.formats._slides import html_to_text

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "harris-trip.toml"
TRAPS = ROOT / "tests" / "fixtures" / "traps.json"
TEXT_TRAPS = [
    "<script>alert(1)</script>",
    "</script><!--",
    "Tom & Jerry &amp; co",
    "\"double\" and 'single'",
    "🎉👩‍🚀 emoji",
    "مرحبا right-to-left",
    '=HYPERLINK("http://evil.example","x")',
    "<img src=x onerror=alert(1)>",
    "line one\nline two\r\nthree",
    "-minus +plus @at",
]
_PLAIN = re.compile(r"-?[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-[0-9]{2})?)?")


def dump_all(tl: Timeline) -> str:
    """TimelineJS JSON of every event, placeable or not (the round trip's form); no warning for an empty one."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "the timeline has no events", TimelineWarning)
        return timeline.dumps(tl, "timelinejs", unplaceable="keep")


def slides(tl: Timeline) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(dump_all(tl))
    return data


def one(when: str, tz: str | None = None, **fields: Any) -> dict[str, Any]:
    """The slide of a timeline holding one event on ``when``."""
    event: dict[str, Any] = slides(Timeline(events=[Event(title="T", when=when, tz=tz, **fields)]))["events"][0]
    return event


def _days(point: PartialDate) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    first, last = point._fields[PartialDate._LODAY], point._fields[PartialDate._HIDAY]
    assert isinstance(first, tuple)
    assert isinstance(last, tuple)
    return first, last


def _wall(point: PartialDate, zone: str | None) -> datetime:
    """The wall-clock time of a timed value in ``zone`` (as written when floating), to the millisecond."""
    moment = point.earliest()
    assert isinstance(moment, datetime)
    if moment.tzinfo is not None and zone is not None:
        moment = moment.astimezone(ZoneInfo(zone))
    return moment.replace(tzinfo=None, microsecond=moment.microsecond // 1000 * 1000)


def expected_span(when: When) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """What the TimelineJS date objects of ``when`` must say: its first and last day (untimed values).

    An unknown or open end is not carried: the known end's span stands for the value.
    """
    start, end = when.start, when.end
    first = start if start is not None else end
    last = end if end is not None else start
    if first is None:  # a set open at both ends: its first member's end stands for it
        first = last = when.members()[0].end
    assert first is not None
    assert last is not None
    return _days(first)[0], _days(last)[1]


class TestDateObjects:
    @pytest.mark.parametrize(
        ("when", "start", "end", "display"),
        [
            ("2019", {"year": 2019}, None, None),
            ("2021-03", {"year": 2021, "month": 3}, None, None),
            ("2021-06-06", {"year": 2021, "month": 6, "day": 6}, None, None),
            ("-0043-03-15", {"year": -43, "month": 3, "day": 15}, None, None),
            ("2021-06-07/2021-06-08", {"year": 2021, "month": 6, "day": 7}, {"year": 2021, "month": 6, "day": 8}, None),
            ("2021-03/2021-06", {"year": 2021, "month": 3}, {"year": 2021, "month": 6}, None),
            ("2021-21", {"year": 2021, "month": 3}, {"year": 2021, "month": 5}, "spring 2021"),
            ("2021-24", {"year": 2021, "month": 12}, {"year": 2022, "month": 2}, "winter 2021–2022"),
            (
                "2021-W22",
                {"year": 2021, "month": 5, "day": 31},
                {"year": 2021, "month": 6, "day": 6},
                "the week of May 31, 2021",
            ),
            ("2019~", {"year": 2019}, None, "around 2019"),
            ("2018?", {"year": 2018}, None, "possibly 2018"),
            ("196X", {"year": 1960}, {"year": 1969}, "the 1960s"),
            ("2021-06/..", {"year": 2021, "month": 6}, None, "since June 2021"),
            ("/2019", {"year": 2019}, None, "until 2019"),
            ("Y170000002", {"year": 170000002}, None, None),
        ],
    )
    def test_objects_hold_only_what_is_known(
        self, when: str, start: dict[str, int], end: dict[str, int] | None, display: str | None
    ) -> None:
        """A date object holds only the known parts; values it cannot say exactly get a display date."""
        slide = one(when)

        assert (start, end, display) == (
            slide["start_date"],
            slide.get("end_date"),
            html.unescape(html.unescape(slide.get("display_date", ""))) or None,
        )

    def test_times_are_on_the_events_wall_clock(self) -> None:
        """A time with an offset is given on the event's zone's wall clock; a floating time as written."""
        assert {"year": 2021, "month": 6, "day": 7, "hour": 4, "minute": 0} == one(
            "2021-06-07T10:00Z", tz="America/Guatemala"
        )["start_date"]
        assert {"year": 2021, "month": 6, "day": 7, "hour": 10, "minute": 30} == one(
            "2021-06-07T10:30", tz="America/Guatemala"
        )["start_date"]
        assert {"year": 2021, "month": 6, "day": 7, "hour": 10, "minute": 30, "second": 5, "millisecond": 250} == one(
            "2021-06-07T10:30:05.25"
        )["start_date"]

    def test_huge_years_switch_to_the_cosmological_scale(self) -> None:
        """Years beyond a JavaScript Date's range make the timeline 'cosmological', as TimelineJS needs."""
        assert "cosmological" == slides(Timeline(events=[Event(title="Big Bang", when="Y-13800000000")]))["scale"]
        assert "scale" not in slides(Timeline(events=[Event(title="A", when="2021")]))


class TestText:
    @pytest.mark.parametrize("trap", TEXT_TRAPS)
    def test_user_text_is_inert_and_comes_back(self, trap: str) -> None:
        """Markup, quotes, emoji, RTL text and formulas in any text field are escaped and read back unchanged."""
        tl = Timeline(
            title=trap,
            description=trap,
            events=[
                Event(
                    id="x",
                    title=trap,
                    when="2021",
                    description=trap,
                    location=trap,
                    group=trap,
                    media={"url": "a.jpg", "caption": trap, "credit": trap, "alt": trap},
                    sources=[{"title": trap, "url": "https://example.org/?a=1&b=2", "publisher": trap}],
                )
            ],
            eras=[Era(title=trap, when="2021", description=trap)],
        )
        data = slides(tl)
        slide = data["events"][0]

        for markup in (data["title"]["text"]["headline"], slide["text"]["headline"], slide["media"]["caption"]):
            assert "<" not in markup.replace("<br>", "")
        assert {"p", "ul", "li", "a", "span", "br"} >= tags(slide["text"]["text"])
        # TimelineJS turns group and display_date into text, then sets that as HTML: it must be escaped HTML.
        assert html.escape(trap, quote=False) == html.unescape(slide["group"])
        back = timeline.loads(dump_all(tl), "timelinejs")
        event = back.events[0]
        assert (trap, trap) == (back.title, back.description)
        assert [trap] * 4 == [event.title, event.description, event.location, event.group]
        assert Media(url="a.jpg", caption=trap, credit=trap, alt=trap) == event.media
        assert Source(title=trap, url="https://example.org/?a=1&b=2", publisher=trap) == event.sources[0]
        assert (trap, trap) == (back.eras[0].title, back.eras[0].description)

    def test_sources_become_links(self) -> None:
        """A source with a URL is a link; its publisher and date follow; the date keeps its EDTF."""
        slide = one("2021", sources=[{"title": "CBS", "url": "https://cbsnews.com/", "date": "2021-06-02?"}])

        assert (
            '<ul class="timeline-sources"><li class="timeline-source">'
            '<a class="timeline-title" href="https://cbsnews.com/">CBS</a>, '
            '<span class="timeline-date" data-edtf="2021-06-02?">possibly June 2, 2021</span></li></ul>'
        ) == slide["text"]["text"]

    def test_script_urls_never_become_links_or_media(self) -> None:
        """javascript: URLs stay text in sources and keep media out, with a warning."""
        with pytest.warns(TimelineWarning, match="javascript:alert"):
            slide = one("2021", sources=[{"title": "Evil", "url": "javascript:alert(1)"}], media="javascript:alert(2)")

        assert "href" not in slide["text"]["text"]
        assert "media" not in slide

    def test_foreign_html_becomes_text(self) -> None:
        """HTML written by hand in TimelineJS data reads as its text: tags dropped, paragraphs kept apart."""
        assert "Hello world\n\nSecond & last" == html_to_text("<p>Hello <b>world</b></p><p>Second &amp; last</p>")


def blank_as_none(media: Media | None) -> Media | None:
    """Media as TimelineJS carries it: an empty caption, credit or alt is no caption, credit or alt."""
    if media is None:
        return None
    return Media(
        url=media.url,
        caption=media.caption or None,
        credit=media.credit or None,
        thumbnail=media.thumbnail,
        alt=media.alt or None,
    )


def tags(markup: str) -> set[str]:
    found: set[str] = set()

    class Collect(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.add(tag)
            assert {name for name, _ in attrs} <= {"class", "href", "data-edtf"}

    Collect().feed(markup)
    return found


class TestRoundTrip:
    @given(timelines())
    def test_what_timelinejs_carries_comes_back(self, tl: Timeline) -> None:
        """Title, description, eras and each event's id, title, text, location, group, media and sources come back;
        the date comes back as exactly the span its date objects say (the first and last day, or the wall-clock
        time to the millisecond), and exactly as written for plain years, months, days and their intervals.
        """
        back = timeline.loads(dump_all(tl), "timelinejs")

        assert (tl.title, tl.description or None) == (back.title, back.description)
        assert sorted((e.title, e.description or "") for e in tl.eras) == sorted(
            (e.title, e.description or "") for e in back.eras
        )
        assert {e.id for e in tl} == {e.id for e in back}
        for event in tl:
            got = back.get(event.id)
            assert got is not None
            assert (event.title, event.description or None, event.location or None, event.group or None) == (
                got.title,
                got.description,
                got.location,
                got.group,
            )
            assert blank_as_none(event.media) == got.media
            assert [
                Source(title=s.title, url=s.url, publisher=s.publisher or None, date=s.date) for s in event.sources
            ] == list(got.sources)
            self.check_when(event.when, got.when, event.tz or tl.tz)

    @staticmethod
    def check_when(written: When, read: When, zone: str | None) -> None:
        text = str(written)
        parts = text.split("/")
        if all(_PLAIN.fullmatch(part) for part in parts):
            assert parts[0] if parts == [parts[0]] * len(parts) else text == str(read)  # A/A is just A
        elif written.is_set and written.timed:
            # A set with times goes through its bounds: the point of its first bound starts the slide.
            first_point = written.start or written.end or written.members()[0].end
            assert first_point is not None
            assert read.start is not None
            if first_point.timed:
                with contextlib.suppress(OutOfRangeError):
                    assert _wall(first_point, zone) == _wall(read.start, None)
            elif abs(_days(first_point)[0][0]) <= 9999:
                assert _days(first_point)[0] == _days(read.start)[0]
        elif not written.timed:
            first, last = expected_span(written)
            got_first, got_last = expected_span(read)
            if max(abs(first[0]), abs(last[0])) <= 9999:
                assert (first, last) == (got_first, got_last)
            else:  # EDTF has no months beyond four-digit years: whole years that cover the span
                assert got_first <= first
                assert last <= got_last
        elif not written.is_interval:
            assert written.start is not None
            assert read.start is not None
            assert _wall(written.start, zone) == _wall(read.start, None)

    @given(timelines())
    def test_read_write_is_stable(self, tl: Timeline) -> None:
        """What was read writes the same bytes again: after one pass the form is canonical."""
        once = dump_all(timeline.loads(dump_all(tl), "timelinejs"))

        assert once == dump_all(timeline.loads(once, "timelinejs"))

    @pytest.mark.parametrize("path", [EXAMPLE, TRAPS])
    def test_worked_example_and_traps_read_back(self, path: Path) -> None:
        """The worked example and the trap fixture read back with every event, title and text."""
        tl = timeline.load(path)
        back = timeline.loads(dump_all(tl), "timelinejs")

        assert [(e.id, e.title, e.description) for e in sorted(tl, key=lambda e: e.id)] == [
            (e.id, e.title, e.description) for e in sorted(back, key=lambda e: e.id)
        ]

    @pytest.mark.filterwarnings("ignore::timeline.TimelineWarning")
    @given(st.text())
    def test_any_text_parses_or_raises_parse_error(self, text: str) -> None:
        """Any text gives a Timeline or a ParseError, never another exception."""
        with contextlib.suppress(ParseError):
            assert isinstance(timeline.loads(text, "timelinejs"), Timeline)

    @given(
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=5) | st.floats(allow_nan=False),
            lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
            max_leaves=12,
        )
    )
    def test_any_json_parses_or_raises_parse_error(self, value: object) -> None:
        """Any JSON in any slide field gives a Timeline or a ParseError."""
        documents = [
            value,
            {"events": [value]},
            {"events": [{"start_date": value}]},
            {"events": [{"start_date": {"year": 2021, "month": value}, "text": value}]},
            {"events": [{"start_date": {"year": 2021}, "media": value, "group": value, "unique_id": value}]},
            {"title": value, "events": [], "eras": [value]},
        ]
        for document in documents:
            with contextlib.suppress(ParseError):
                timeline.loads(json.dumps(document), "timelinejs")


class TestReader:
    def test_accepts_what_timelinejs_accepts(self) -> None:
        """Years as numbers or digit strings, negative years, an hour alone, display_date, no end_date."""
        text = json.dumps(
            {
                "title": {"text": {"headline": "T", "text": "<p>About <i>this</i></p>"}},
                "events": [
                    {"start_date": {"year": "2021", "month": "6", "day": "6"}, "text": {"headline": "A"}},
                    {"start_date": {"year": -44, "month": 3, "day": 15}, "text": {"headline": "B"}},
                    {"start_date": {"year": 2021, "month": 6, "day": 7, "hour": "10"}, "text": {"headline": "C"}},
                    {"start_date": {"year": 2019}, "display_date": "around 2019", "text": {"headline": "D"}},
                    {"start_date": {"year": 2021, "month": 3}, "end_date": {"year": 2021, "month": 5}},
                    {"start_date": {"year": 2021, "month": ""}, "end_date": {}, "text": {"headline": "F"}},
                ],
            }
        )
        tl = timeline.loads(text, "timelinejs")

        assert ("T", "About this") == (tl.title, tl.description)
        assert ["-0044-03-15", "2019", "2021", "2021-03/2021-05", "2021-06-06", "2021-06-07T10:00"] == [
            str(e.when) for e in tl
        ]
        assert "around 2019" == tl.events[1].extra["display_date"]
        assert "March–May 2021" == tl.events[3].title  # no headline: the date in words stands in

    @pytest.mark.parametrize(
        ("slide", "field", "message"),
        [
            ({"text": {"headline": "A"}}, "events[1].start_date", "needs a 'start_date'"),
            ({"start_date": {"month": 3}}, "events[1].start_date", "needs a year"),
            ({"start_date": {"year": 2021, "month": 13}}, "events[1].start_date.month", "13"),
            ({"start_date": {"year": "twenty"}}, "events[1].start_date.year", "'twenty'"),
            ({"start_date": {"year": 2021, "day": 3}}, "events[1].start_date", "needs a month"),
            ({"start_date": {"year": 2021, "month": 2, "day": 30}}, "events[1].start_date", "day 30"),
            ({"start_date": {"year": 2021}, "end_date": {"year": 2020}}, "events[1]", "before the start"),
            ({"start_date": {"year": 2021}, "text": "A"}, "events[1].text", "must be a table"),
            ({"start_date": {"year": 2021}, "text": {"headline": 3}}, "events[1].text.headline", "3"),
            ({"start_date": {"year": 2021}, "unique_id": "a"}, "events[1]", "share the id"),
            ({"start_date": {"year": 12345, "month": 1}}, "events[1].start_date", "beyond 9999"),
            ("slide", "events[1]", "'slide'"),
        ],
    )
    def test_bad_slides_are_named(self, slide: object, field: str, message: str) -> None:
        """A slide TimelineJS could not draw raises ParseError naming the slide (and line)."""
        text = json.dumps({"events": [{"start_date": {"year": 2020}, "unique_id": "a"}, slide]}, indent=1)
        with pytest.raises(ParseError) as caught:
            timeline.loads(text, "timelinejs", source="t.json")

        assert ("t.json", field) == (caught.value.source, caught.value.field)
        assert caught.value.line is not None
        assert message in str(caught.value)

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("[]", "must be a table with 'events'"),
            ('{"events": {}}', "must be a list of slides"),
            ('{"events": [], "eras": {}}', "'eras' must be a list"),
            ('{"events": [], "eras": [{"text": {"headline": "E"}}]}', "needs a 'start_date'"),
            ('{"events": [],\n "events": []}', "appears twice"),
            ('{"events": [', "not valid JSON"),
        ],
    )
    def test_bad_documents(self, text: str, message: str) -> None:
        """Documents that are not TimelineJS data raise ParseError."""
        with pytest.raises(ParseError, match=re.escape(message)):
            timeline.loads(text, "timelinejs")

    def test_kept_slide_fields_go_back_out(self) -> None:
        """background, autolink and a display_date from TimelineJS data are kept and written back."""
        slide = {
            "start_date": {"year": 2021},
            "text": {"headline": "A"},
            "background": {"color": "#123456"},
            "autolink": False,
            "display_date": "early 2021",
            "unique_id": "a",
        }
        back = slides(timeline.loads(json.dumps({"events": [slide]}), "timelinejs"))["events"][0]

        assert slide == {**back, "text": {"headline": "A"}}


class TestPage:
    def test_page_loads_timelinejs_from_the_cdn_with_the_data_inline(self) -> None:
        """The page links the pinned release and carries the same data as the timelinejs format."""
        tl = timeline.load(EXAMPLE)
        page = timeline.dumps(tl, "timelinejs-html")
        data = re.search(r'<script type="application/json" id="timeline-data">(.*?)</script>', page, re.S)

        assert '<script src="https://cdn.jsdelivr.net/npm/@knight-lab/timelinejs@3.9.11/dist/js/timeline.js"' in page
        assert data is not None
        assert json.loads(timeline.dumps(tl, "timelinejs")) == json.loads(data.group(1))

    @pytest.mark.parametrize("trap", ["</script><script>alert(1)</script>", "<!-- <script>", "a\u2028b & c"])
    def test_text_cannot_end_or_break_the_script(self, trap: str) -> None:
        """A title holding </script> or <!-- stays inside the data: no '<' at all within the script element."""
        page = timeline.dumps(Timeline(title=trap, events=[Event(title=trap, when="2021")]), "timelinejs-html")
        body = page.split('id="timeline-data">', 1)[1].split("</script>", 1)[0]

        assert not {"<", ">", "&", "\u2028"} & set(body)
        assert trap == json.loads(body)["events"][0]["text"]["headline"].replace("&lt;", "<").replace(
            "&gt;", ">"
        ).replace("&amp;", "&")
        assert f"<title>{html.escape(trap, quote=False)}</title>" in page

    def test_cdn_option(self) -> None:
        """cdn= points the page at another copy of TimelineJS; anything but a URL or path is refused."""
        page = timeline.dumps(timeline.load(EXAMPLE), "timelinejs-html", cdn="/static/timeline3/")

        assert '<link rel="stylesheet" href="/static/timeline3/css/timeline.css">' in page
        with pytest.raises(FormatError, match="'cdn'"):
            timeline.dumps(Timeline(title="T"), "timelinejs-html", cdn='x" onload="alert(1)')


class TestRegistry:
    @pytest.mark.parametrize(
        ("path", "name"),
        [
            ("trip.timelinejs.json", "timelinejs"),
            ("trip.json", "json"),
            ("trip.html", "timelinejs-html"),
            ("trip.timelinejs.html", "timelinejs-html"),
        ],
    )
    def test_longest_suffix_wins(self, path: str, name: str) -> None:
        """.timelinejs.json is TimelineJS, .json the canonical form, .html the page."""
        assert name == format_for_path(path).name

    def test_page_cannot_be_read(self) -> None:
        """The page is an output only."""
        with pytest.raises(FormatError, match="not read"):
            timeline.loads("<html></html>", "timelinejs-html")


class TestKeptFields:
    def test_title_slide_media_and_background_round_trip(self) -> None:
        """A title slide's media and background are kept in the timeline's extra and written back."""
        data = {
            "title": {
                "text": {"headline": "T"},
                "media": {"url": "https://example.org/a.jpg", "caption": "A & B"},
                "background": {"url": "https://example.org/bg.jpg"},
            },
            "events": [],
            "scale": "human",
        }
        tl = timeline.loads(json.dumps(data), "timelinejs")

        assert {"url": "https://example.org/a.jpg", "caption": "A & B"} == tl.extra["media"]
        out = slides(tl)
        assert ("human", "A &amp; B") == (out["scale"], out["title"]["media"]["caption"])
        assert {"url": "https://example.org/bg.jpg"} == out["title"]["background"]

    @pytest.mark.parametrize(
        ("extra", "kept"),
        [
            ({"background": "red"}, None),
            ({"background": {"color": "red; x: y"}}, None),
            ({"background": {"color": "#fff", "url": "javascript:x"}}, {"color": "#fff"}),
        ],
    )
    def test_unusable_backgrounds_warn(self, extra: dict[str, object], kept: dict[str, str] | None) -> None:
        """A kept background TimelineJS cannot use safely is left out (or trimmed), with a warning."""
        with pytest.warns(TimelineWarning, match="background"):
            slide = one("2021", extra=extra)

        assert kept == slide.get("background")

    def test_unusable_media_parts_warn(self) -> None:
        """A script thumbnail is left out of the slide; title media without a url is left out; both warn."""
        with pytest.warns(TimelineWarning, match="thumbnail"):
            slide = one("2021", media={"url": "a.jpg", "thumbnail": "javascript:x"})
        assert {"url": "a.jpg"} == slide["media"]
        with pytest.warns(TimelineWarning, match="title slide's media"):
            data = slides(Timeline(title="T", extra={"media": {"caption": "no url"}}))
        assert "media" not in data["title"]

    def test_identical_slides_without_ids_get_numbered_ids(self) -> None:
        """Two identical slides without unique_id both read, the second with a numbered id."""
        slide = {"start_date": {"year": 2021}, "text": {"headline": "Same"}}
        tl = timeline.loads(json.dumps({"events": [slide, slide]}), "timelinejs")

        assert [tl.events[0].id, tl.events[0].id + "-2"] == [e.id for e in tl]

    def test_sources_with_urls_only(self) -> None:
        """A source with only a URL is a link (or text, for a script URL) and comes back."""
        sources = [Source(url="https://example.org/x"), Source(url="ftp://example.org/y")]
        tl = Timeline(events=[Event(id="a", title="A", when="2021", sources=sources)])

        assert sources == list(timeline.loads(dump_all(tl), "timelinejs").events[0].sources)

    @pytest.mark.parametrize(("key", "value"), [("start_date", 2021), ("end_date", [2021])])
    def test_dates_must_be_tables(self, key: str, value: object) -> None:
        """start_date and end_date must be tables."""
        slide = {"start_date": {"year": 2021}, key: value}
        with pytest.raises(ParseError, match=f"'{key}' must be a table"):
            timeline.loads(json.dumps({"events": [slide]}), "timelinejs")


class TestCommandLine:
    def test_options_from_the_command_line(self, capsys: pytest.CaptureFixture[str]) -> None:
        """-o indent=0 and -o cdn=... reach the writers; a bad value is a misuse (exit 2)."""
        from timeline.cli import main

        assert 0 == main(["convert", str(EXAMPLE), "-", "--to", "timelinejs", "-o", "indent=0"])
        assert 1 == capsys.readouterr().out.count("\n")
        assert 0 == main(["convert", str(EXAMPLE), "-", "--to", "timelinejs-html", "-o", "cdn=/static/tl"])
        assert '<script src="/static/tl/js/timeline.js">' in capsys.readouterr().out
        assert 2 == main(["convert", str(EXAMPLE), "-", "--to", "timelinejs-html", "-o", "cdn=javascript:x"])
        assert 2 == main(["convert", str(EXAMPLE), "-", "--to", "timelinejs", "-o", "indent=9"])
        with pytest.raises(FormatError, match="indent"):
            timeline.dumps(Timeline(), "timelinejs", indent=9)


class TestSets:
    @pytest.mark.parametrize(
        ("when", "start", "end", "display"),
        [
            ("[1667,1668,1670..1672]", {"year": 1667}, {"year": 1672}, "1667, 1668 or sometime in 1670–1672"),
            ("{1960,1961-12}", {"year": 1960}, {"year": 1961, "month": 12}, "1960 and December 1961"),
            ("[1760-12..]", {"year": 1760, "month": 12}, None, "December 1760 or later"),
            ("[..1900,1950..]", {"year": 1900}, None, "1900 or earlier or 1950 or later"),
        ],
    )
    def test_a_set_goes_by_its_bounds_and_description(
        self, when: str, start: dict[str, int], end: dict[str, int] | None, display: str
    ) -> None:
        """A set's slide runs over its bounds and says its members in the display date."""
        slide = one(when)

        assert (start, end, display) == (
            slide["start_date"],
            slide.get("end_date"),
            html.unescape(html.unescape(slide["display_date"])),
        )


class TestTraps:
    def test_empty_timeline_warns_and_the_page_says_so(self) -> None:
        """No events: a TimelineWarning, and a page that says so instead of TimelineJS's own error."""
        with pytest.warns(TimelineWarning, match="no events"):
            page = timeline.dumps(Timeline(title="Nothing yet"), "timelinejs-html")

        assert "There are no events in this timeline." in page
        assert "TL.Timeline" not in page
        with pytest.warns(TimelineWarning, match="no events"):
            timeline.dumps(Timeline(title="Nothing yet"), "timelinejs")

    @pytest.mark.parametrize(
        ("when", "reason"),
        [
            ("XXXX", "not known to within 100 years"),
            ("XXXX-06-06", "not known to within 100 years"),
            ("1XXX", "not known to within 100 years"),
            ("2021-06/..", "end is open or unknown"),
            ("2021-06/", "end is open or unknown"),
            ("/2021-06", "start is open or unknown"),
            ("[..1760-12-03]", "start is open or unknown"),
            ("Y-170000000000000000", "beyond what TimelineJS can place"),
        ],
    )
    def test_unplaceable_dates_are_left_out_naming_the_event(self, when: str, reason: str) -> None:
        """A date an axis cannot place is left out by default, with a warning naming the event and why."""
        tl = Timeline(events=[Event(id="odd", title="Odd one", when=when), Event(id="ok", title="Fine", when="2021")])

        with pytest.warns(TimelineWarning, match=rf"'odd' \('Odd one'.*{reason}"):
            data = json.loads(timeline.dumps(tl, "timelinejs"))

        assert ["ok"] == [slide["unique_id"] for slide in data["events"]]

    def test_keep_draws_them_anyway(self) -> None:
        """unplaceable='keep' writes every event, as before."""
        tl = Timeline(events=[Event(id="odd", title="Odd", when="XXXX"), Event(id="ok", title="Fine", when="2021")])

        data = json.loads(timeline.dumps(tl, "timelinejs", unplaceable="keep"))

        assert ["odd", "ok"] == sorted(slide["unique_id"] for slide in data["events"])

    def test_placeable_partial_dates_stay(self) -> None:
        """Decades, seasons, weeks and approximate years place fine: no warning, all drawn."""
        whens = ["196X", "2021-21", "2021-W21", "2019~", "1985-04-XX?", "2021-06-07/2021-06-08", "-0043"]
        tl = Timeline(events=[Event(title=w, when=w) for w in whens])

        assert len(whens) == len(json.loads(timeline.dumps(tl, "timelinejs"))["events"])

    def test_status_shows_and_reads_back(self) -> None:
        """Tentative says so; cancelled is struck and says so; the reader takes both back as the status."""
        tl = Timeline(
            events=[
                Event(id="t", title="Maybe <b>", when="2021-06-01", status="tentative"),
                Event(id="c", title="Off & on", when="2021-06-02", status="cancelled"),
                Event(id="k", title="Sure", when="2021-06-03"),
            ]
        )
        data = json.loads(timeline.dumps(tl, "timelinejs"))
        headlines = {slide["unique_id"]: slide["text"]["headline"] for slide in data["events"]}
        back = timeline.loads(json.dumps(data), "timelinejs")

        assert 'Maybe &lt;b&gt; <span class="timeline-status">(tentative)</span>' == headlines["t"]
        assert '<s>Off &amp; on</s> <span class="timeline-status">(cancelled)</span>' == headlines["c"]
        assert "Sure" == headlines["k"]
        assert [(e.id, e.title, e.status.value) for e in tl] == [(e.id, e.title, e.status.value) for e in back]

    def test_cancelled_can_be_left_out(self) -> None:
        """cancelled='omit' leaves cancelled events out of the data and the page."""
        tl = Timeline(
            events=[Event(id="c", title="Off", when="2021", status="cancelled"), Event(title="On", when="2021")]
        )

        data = json.loads(timeline.dumps(tl, "timelinejs", cancelled="omit"))
        page = timeline.dumps(tl, "timelinejs-html", cancelled="omit")

        assert ["On"] == [slide["text"]["headline"] for slide in data["events"]]
        assert "Off" not in page

    def test_page_options_reach_timelinejs(self) -> None:
        """language, hash_bookmark, start_at_end, initial_zoom, timenav_position, scale_factor, font, height.

        script_path points at the pinned release, so fonts and language files come from it too.
        """
        from timeline.formats.timelinejs_html import CDN

        page = timeline.dumps(
            timeline.load(EXAMPLE),
            "timelinejs-html",
            language="fr",
            hash_bookmark=True,
            start_at_end=True,
            initial_zoom=3,
            timenav_position="top",
            scale_factor=1.5,
            font="georgia-helvetica",
            height=600,
        )
        found = re.search(r'<script type="application/json" id="timeline-options">(.*?)</script>', page)

        assert found is not None
        assert {
            "script_path": f"{CDN}/js/",
            "language": "fr",
            "hash_bookmark": True,
            "start_at_end": True,
            "initial_zoom": 3,
            "timenav_position": "top",
            "scale_factor": 1.5,
            "font": "georgia-helvetica",
        } == json.loads(found.group(1))
        assert '<html lang="fr">' in page
        assert "height: 600px;" in page

    @pytest.mark.parametrize(
        ("name", "value"),
        [
            ("language", "en; x"),
            ("hash_bookmark", "yes"),
            ("initial_zoom", 99),
            ("timenav_position", "left"),
            ("scale_factor", 0),
            ("font", "javascript:x"),
            ("height", 10),
            ("cdn", "http://cdn.example.org/tl"),
            ("cdn", "javascript:alert(1)"),
            ("unplaceable", "drop"),
            ("cancelled", "hide"),
        ],
    )
    def test_bad_page_options_are_format_errors(self, name: str, value: object) -> None:
        """Each page option refuses values it cannot take, naming the option; cdn takes only https or paths."""
        with pytest.raises(timeline.FormatError, match=name):
            timeline.dumps(timeline.load(EXAMPLE), "timelinejs-html", **{name: value})

    def test_pinned_release_with_integrity(self) -> None:
        """By default the page loads the pinned TimelineJS release with Subresource Integrity hashes."""
        from timeline.formats.timelinejs_html import CDN, INTEGRITY, TIMELINEJS_VERSION

        page = timeline.dumps(timeline.load(EXAMPLE), "timelinejs-html")

        assert f"@knight-lab/timelinejs@{TIMELINEJS_VERSION}/dist" in CDN
        assert "latest" not in page
        for path, digest in INTEGRITY.items():
            assert f'{CDN}/{path}" integrity="{digest}" crossorigin="anonymous"' in page

    def test_own_copy_loads_without_integrity(self) -> None:
        """A local copy is loaded as it is: its files are not known in advance."""
        page = timeline.dumps(timeline.load(EXAMPLE), "timelinejs-html", cdn="./vendor/timeline3")

        assert '<script src="./vendor/timeline3/js/timeline.js"></script>' in page
        assert "integrity" not in page

    def test_noscript_holds_the_chronology(self) -> None:
        """Readers without JavaScript get the chronology as plain HTML: dates in words, titles, status, links."""
        tl = timeline.load(EXAMPLE)
        page = timeline.dumps(tl, "timelinejs-html")
        plain = page[page.index("<noscript>") : page.index("</noscript>")]

        for event in tl:
            assert html.escape(event.title) in plain
        assert "<strong>June 7–8, 2021</strong>" in plain
        assert "(tentative)" in plain
        assert "<script" not in plain

    def test_noscript_links_only_safe_urls(self) -> None:
        """An event URL becomes a link in the plain chronology only when it is safe."""
        tl = Timeline(
            events=[
                Event(title="Good", when="2021", url="https://example.org/a"),
                Event(title="Bad", when="2022", url="javascript:alert(1)"),
            ]
        )
        page = timeline.dumps(tl, "timelinejs-html")

        assert '<a href="https://example.org/a">Good</a>' in page
        assert "javascript:" not in page.split("<noscript>")[1]

    def test_command_line_page_options(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Page options from the command line: -o key=value."""
        from timeline.cli import main

        code = main(["convert", str(EXAMPLE), "-", "--to", "timelinejs-html", "-o", "timenav_position=top",
                     "-o", "scale_factor=1.5", "-o", "hash_bookmark=yes"])  # fmt: skip

        assert 0 == code
        assert '"timenav_position": "top"' in capsys.readouterr().out


class TestRecurrence:
    def test_a_repeating_event_says_its_rule(self) -> None:
        """TimelineJS draws a weekly event once; its display date says the rule."""
        tl = Timeline(events=[Event(title="Standup", when="2024-10-01", recurrence="FREQ=WEEKLY;BYDAY=TU;COUNT=10")])

        [slide] = json.loads(timeline.dumps(tl, "timelinejs"))["events"]

        assert "every Tuesday from October 1, 2024, 10 times" == html.unescape(html.unescape(slide["display_date"]))
