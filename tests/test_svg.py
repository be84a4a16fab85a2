"""The SVG writer: structure, the shape of each kind of date, labels, axis, options, escaping, layout."""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given
from strategies import crowded_timelines, timelines

import timeline
from timeline import FormatError, Timeline, TimelineWarning, describe
from timeline.formats import svg

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden" / "harris-trip.svg"
NS = {"s": "http://www.w3.org/2000/svg"}
S = "{http://www.w3.org/2000/svg}"


def trip() -> Timeline:
    return timeline.load(EXAMPLES / "harris-trip.toml")


def render(t: Timeline, **options: object) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TimelineWarning)
        return timeline.dumps(t, "svg", **options)


def parse(text: str) -> ET.Element:
    return ET.fromstring(text.encode("utf-8"))  # noqa: S314 - our own output


def events_of(root: ET.Element) -> dict[str, ET.Element]:
    return {g.get("data-id", ""): g for g in root.iter(f"{S}g") if "event" in (g.get("class") or "").split()}


def one(when: str, **fields: object) -> ET.Element:
    """The g.event of a one-event timeline."""
    root = parse(render(Timeline(title="T", events=[{"id": "e", "title": "E", "when": when, **fields}])))
    return events_of(root)["e"]


def classes(g: ET.Element) -> list[str]:
    """The classes of every mark in ``g``, in order."""
    return [" ".join((el.get("class") or "").split()[1:]) for el in g if "mark" in (el.get("class") or "").split()]


def label_text(g: ET.Element) -> str:
    label = g.find(".//s:text[@class='label']", NS)
    assert label is not None
    return "".join(label.itertext())


class TestStructure:
    def test_worked_example(self) -> None:
        """One self-contained picture: role img, a title and a desc, one g.event with one label per event."""
        text = render(trip())
        root = parse(text)
        assert root.tag == f"{S}svg"
        assert root.get("role") == "img"
        assert root.find("s:title", NS) is not None
        assert root.find("s:title", NS).text == trip().title  # type: ignore[union-attr]
        desc = root.find("s:desc", NS)
        assert desc is not None
        assert "9 events" in (desc.text or "")
        assert "from 2019 to June 7–8, 2021" in (desc.text or "")
        found = events_of(root)
        assert [e.id for e in trip()] == list(found)
        for g in found.values():
            assert len(g.findall(".//s:text[@class='label']", NS)) == 1
            assert len(g.findall(".//s:text", NS)) == 1
            assert g.find("s:title", NS) is not None

    def test_nothing_external(self) -> None:
        """No script, no foreign object, no image, no link to a stylesheet or font."""
        text = render(timeline.load(FIXTURES / "svg-precisions.toml"))
        for needle in ("<script", "<foreignObject", "<image", "@import", "url(http", "xlink:href", "<iframe"):
            assert needle not in text
        # Every url() points into the picture itself.
        assert all(ref.startswith("#") for ref in re.findall(r"url\(([^)]*)\)", text))

    def test_deterministic(self) -> None:
        """The same timeline gives the same bytes."""
        assert render(trip()) == render(trip())

    def test_golden(self) -> None:
        """The worked example is drawn as reviewed (tests/golden/harris-trip.svg; see docs/svg.md)."""
        expected = GOLDEN.read_text(encoding="utf-8")
        assert expected == render(trip()), "regenerate with: timeline convert examples/harris-trip.toml " + str(GOLDEN)

    def test_dump_by_suffix(self, tmp_path: Path) -> None:
        """``.svg`` picks the format; ``timeline convert`` writes it."""
        out = tmp_path / "trip.svg"
        timeline.dump(trip(), out)
        assert parse(out.read_text(encoding="utf-8")).tag == f"{S}svg"
        cli = tmp_path / "cli.svg"
        subprocess.run(  # noqa: S603 - our own command
            [
                sys.executable,
                "-m",
                "timeline",
                "convert",
                str(EXAMPLES / "harris-trip.toml"),
                str(cli),
                "-o",
                "theme=dark",
            ],
            check=True,
            env={**os.environ, "PYTHONWARNINGS": "error"},
        )
        assert "prefers-color-scheme" not in cli.read_text(encoding="utf-8")

    def test_empty(self) -> None:
        """A timeline without events is still a picture, with no legend."""
        root = parse(render(Timeline(title="Nothing")))
        assert events_of(root) == {}
        assert root.find(".//s:g[@class='key']", NS) is None


class TestShapes:
    def test_day_is_a_point(self) -> None:
        """A day, or a time, is a point."""
        assert classes(one("2021-06-06")) == ["point"]
        assert classes(one("2021-06-06T10:30Z")) == ["point"]

    def test_coarse_dates_are_bands(self) -> None:
        """A week, month, season, year or decade is a hatched band over the whole period."""
        for text in ("2021-W21", "2021-03", "2021-21", "2019", "201X"):
            assert classes(one(text)) == ["band"], text

    def test_band_spans_the_period(self) -> None:
        """A month's band is as wide as the month: March (31 days) wider than February (28)."""
        t = Timeline(
            events=[{"id": "feb", "title": "F", "when": "2021-02"}, {"id": "mar", "title": "M", "when": "2021-03"}]
        )
        found = events_of(parse(render(t)))
        widths = {key: float(g.find("s:rect", NS).get("width", "")) for key, g in found.items()}  # type: ignore[union-attr]
        assert widths["mar"] / widths["feb"] == pytest.approx(31 / 28, rel=0.02)

    def test_interval_of_days_is_a_bar(self) -> None:
        """Two known days make a bar; coarse ends add a band at each end."""
        assert classes(one("2021-06-07/2021-06-08")) == ["bar"]
        assert classes(one("2021-03/2021-06")) == ["band", "band", "bar"]
        assert classes(one("2021-03/2021-06-15")) == ["band", "bar"]

    def test_approximate_fades(self) -> None:
        """An approximate value has soft edges: fades beside a band or bar, a halo around a point."""
        assert classes(one("2019~")) == ["band", "fade", "fade"]
        assert classes(one("2021-06-06~")) == ["halo", "point"]
        assert classes(one("2016~/2017-05-01")) == ["band", "bar", "fade"]

    def test_uncertain_is_marked(self) -> None:
        """An uncertain value is hollow and dashed, with a "?" in its label next to the mark."""
        g = one("2021-06-06?")
        assert classes(g) == ["point unsure"]
        assert label_text(g).startswith("? E")
        assert g.find(".//s:tspan[@class='q']", NS) is not None

    def test_open_and_unknown_ends_fade(self) -> None:
        """An open or unknown end fades out; an open one reaches the edge of the axis."""
        assert classes(one("2021-06-06/..")) == ["bar", "fade"]
        assert classes(one("/2021-06-06")) == ["bar", "fade"]
        t = Timeline(
            events=[
                {"id": "open", "title": "O", "when": "2021-06-06/.."},
                {"id": "end", "title": "E", "when": "2022-06-06"},
            ]
        )
        g = events_of(parse(render(t, width=800)))["open"]
        fade = next(el for el in g if "fade" in (el.get("class") or ""))
        assert float(fade.get("x", "")) + float(fade.get("width", "")) >= 800 - 16

    def test_sets_are_their_members(self) -> None:
        """A set is drawn as its members, joined by a dotted line (one of) or a thin one (all of)."""
        assert classes(one("[2019,2021]")) == ["link-one", "band", "band"]
        assert classes(one("{2019-05-01,2020-01-15}")) == ["link-all", "point", "point"]

    def test_cancelled(self) -> None:
        """A cancelled event keeps its place, struck through."""
        assert "cancelled" in (one("2021-06-06", status="cancelled").get("class") or "")

    def test_legend_names_what_is_used(self) -> None:
        """The legend explains the marks the picture uses, naming the coarse precisions present."""
        text = render(trip())
        assert "a day or a time" in text
        assert "known only to the week, month or year" in text
        assert "approximate" not in text.split('<g class="key">')[1]


class TestLabels:
    def test_long_titles_are_cut(self) -> None:
        """A long title ends in an ellipsis; the whole title is in the tooltip."""
        long = "A title that goes on " * 20
        g = one("2021-06-06", title=long)
        assert "…" in label_text(g)
        assert long.strip() in (g.find("s:title", NS).text or "")  # type: ignore[union-attr]

    def test_label_has_the_date_in_words(self) -> None:
        """A label gives the date in words, as describe writes it."""
        assert label_text(one("2021-03")) == "E · March 2021"
        assert label_text(one("2021-W21")) == f"E · {describe('2021-W21')}"

    def test_safe_links_only(self) -> None:
        """A safe URL makes the label a link; any other scheme stays text."""
        g = one("2021-06-06", url="https://example.org/?a=1&b=2")
        link = g.find("s:a", NS)
        assert link is not None
        assert link.get("href") == "https://example.org/?a=1&b=2"
        for bad in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "vbscript:x"):
            assert one("2021-06-06", url=bad).find("s:a", NS) is None, bad

    def test_hostile_text_stays_text(self) -> None:
        """Markup, entities, control characters and quotes in user text come out as text."""
        data = timeline.load(FIXTURES / "svg-hostile.toml")
        text = render(data, width=640)
        root = parse(text)
        assert "<script" not in text
        assert root.find("s:title", NS).text == data.title  # type: ignore[union-attr]
        found = events_of(root)
        assert set(found) == {event.id for event in data}
        assert 'x" onload="alert(1)' in found
        hostile = found['x" onload="alert(1)']
        assert label_text(hostile).startswith('<a href="javascript:alert(1)">click')
        assert (hostile.findtext("s:title", "", NS)).startswith('<a href="javascript:alert(1)">click</a> &amp; ]]>')
        assert found['x" onload="alert(1)'].find("s:a", NS) is None
        assert found["data-link"].find("s:a", NS) is None
        assert found["safe-link"].find("s:a", NS) is not None
        assert label_text(found["controls"]).startswith("Bell and escape [31m red")

    @pytest.mark.parametrize("char", ["\x00", "\x08", "\x0b", "\x1f", "\ufffe", "\uffff", "\x85"])
    def test_characters_xml_forbids_are_dropped(self, char: str) -> None:
        """Characters XML 1.0 cannot hold never reach the file, wherever they come from."""
        t = Timeline(
            title=f"T{char}", events=[{"id": f"i{char}d", "title": f"a{char}b", "when": "2021", "group": f"g{char}"}]
        )
        text = render(t)
        assert char not in text
        parse(text)

    def test_fit_stays_within_room(self) -> None:
        """_fit never returns text wider than the room it was given."""
        for room in (5, 20, 50, 100, 333):
            for text in ("Harris meets the presidents", "東京で会議", "🎉" * 10, "W" * 50):
                cut = svg._fit(text, room, 12, "sans")
                assert svg.text_width(cut, 12) <= max(room, svg.text_width("…", 12))

    def test_text_width_uses_the_font(self) -> None:
        """Serif and mono are measured with their own metrics; bold is wider."""
        assert svg.text_width("iiii", 12, "mono") > svg.text_width("iiii", 12, "sans")
        assert svg.text_width("Harris", 12, bold=True) > svg.text_width("Harris", 12)
        assert svg.text_width("e\u0301", 12) == svg.text_width("e", 12)


class TestAxis:
    def tick_labels(self, t: Timeline, **options: object) -> list[str]:
        root = parse(render(t, **options))
        return [el.text or "" for el in root.iter(f"{S}text") if el.get("class") == "tick"]

    def test_ticks_adapt_to_the_span(self) -> None:
        """Days for a week, months for a year, years for a decade, centuries and millennia beyond."""

        def span(a: str, b: str) -> Timeline:
            return Timeline(events=[{"title": "A", "when": a}, {"title": "B", "when": b}])

        assert self.tick_labels(span("2021-06-01", "2021-06-08"))[:2] == ["Jun 1, 2021", "Jun 2"]
        assert "Jan 2021" in self.tick_labels(span("2020-11-01", "2021-09-30"))
        assert self.tick_labels(span("2011", "2019"))[:3] == ["2011", "2012", "2013"]
        assert "1500" in self.tick_labels(span("1066", "1945"))
        assert "2000" in self.tick_labels(span("0800", "4000"))
        assert self.tick_labels(span("2021-06-01", "2021-06-08"), style="dmy")[0] == "1 Jun 2021"

    def test_hours_for_one_day(self) -> None:
        """Within a day the ticks are hours."""
        t = Timeline(events=[{"title": "A", "when": "2021-06-07T09:00"}, {"title": "B", "when": "2021-06-07T17:00"}])
        assert "12:00" in self.tick_labels(t)

    def test_between_sets_the_axis(self) -> None:
        """``between`` picks the dates shown: the axis spans it and events outside are left out."""
        root = parse(render(trip(), between="2021-05/2021-06"))
        assert set(events_of(root)) == {
            "aid-pledge", "americas-conference", "chc-meeting", "call-to-action", "press-call",
            "june-6-meetings", "organizer-visits",
        }  # fmt: skip
        ticks = [el.text or "" for el in root.iter(f"{S}text") if el.get("class") == "tick"]
        assert ticks[0].startswith("May")
        assert ticks[0].endswith(", 2021")
        assert ticks[-1].startswith("Jun")

    def test_newest_first_runs_right_to_left(self) -> None:
        """With newest_first the latest event is drawn left of the earliest."""

        def x_of(text: str, key: str) -> float:
            g = events_of(parse(text))[key]
            return float(next(el for el in g if "mark" in (el.get("class") or "")).get("x") or 0)

        plain, flipped = render(trip()), render(trip(), newest_first=True)
        assert x_of(plain, "giammattei-elected") < x_of(plain, "harris-assigned")
        assert x_of(flipped, "giammattei-elected") > x_of(flipped, "harris-assigned")

    def test_unplaceable_events_are_listed(self) -> None:
        """An unknown year, or one beyond 1-9999, is listed under the picture with a warning."""
        t = Timeline(
            events=[
                {"id": "ok", "title": "Fine", "when": "2021"},
                {"id": "xxxx", "title": "Nobody knows", "when": "XXXX"},
                {"id": "far", "title": "Far", "when": "Y12000"},
            ]
        )
        with pytest.warns(TimelineWarning, match="cannot go on the axis") as caught:
            text = timeline.dumps(t, "svg")
        assert len(caught) == 2
        found = events_of(parse(text))
        assert set(found) == {"ok", "xxxx", "far"}
        assert "unplaced" in (found["xxxx"].get("class") or "")
        assert label_text(found["xxxx"]) == "Nobody knows · an unknown year"
        assert "Not on the axis:" in text
        assert "2 not on the axis" in text

    def test_eras_are_bands(self) -> None:
        """Eras are labelled bands behind the events; one the axis cannot hold warns."""
        t = Timeline(events=[{"title": "A", "when": "2021"}], eras=[{"title": "Term <1>", "when": "2021-01-20/.."}])
        root = parse(render(t))
        era = root.find(".//s:g[@class='era']", NS)
        assert era is not None
        assert era.find("s:text", NS).text == "Term <1>"  # type: ignore[union-attr]
        bad = Timeline(events=[{"title": "A", "when": "2021"}], eras=[{"title": "?", "when": "XXXX"}])
        with pytest.warns(TimelineWarning, match="era"):
            timeline.dumps(bad, "svg")


class TestLanes:
    def lane_names(self, text: str) -> list[str]:
        return [el.text or "" for el in parse(text).iter(f"{S}text") if el.get("class") == "lane-label"]

    def test_by_group(self) -> None:
        """One lane per group, in order of first appearance."""
        assert self.lane_names(render(trip())) == ["Background", "Trip"]

    def test_by_tag(self) -> None:
        """By first tag, events without one in a lane at the end."""
        names = self.lane_names(render(trip(), lanes="tag"))
        assert names[:3] == ["guatemala", "diplomacy", "aid"]
        assert names[-1] == "press"

    def test_none(self) -> None:
        """No lanes, no lane names."""
        assert self.lane_names(render(trip(), lanes="none")) == []

    def test_ungrouped_lane(self) -> None:
        """Events without a group share a lane named so, after the named ones."""
        t = Timeline(events=[{"title": "A", "when": "2021"}, {"title": "B", "when": "2022", "group": "G"}])
        assert self.lane_names(render(t)) == ["G", "No group"]


class TestOptions:
    def test_themes(self) -> None:
        """auto follows prefers-color-scheme; light and dark are fixed."""
        auto, light, dark = (render(trip(), theme=theme) for theme in ("auto", "light", "dark"))
        assert "prefers-color-scheme: dark" in auto
        assert "prefers-color-scheme" not in light
        assert "prefers-color-scheme" not in dark
        assert ".bg{fill:#ffffff}" in light
        assert ".bg{fill:#15171c}" in dark

    def test_width(self) -> None:
        """The picture is as wide as asked; every label stays inside it."""
        for width in (320, 640, 2000):
            root = parse(render(trip(), width=width))
            assert root.get("width") == str(width)
            boxes = svg.layout(trip(), width=width).labels
            assert all(0 <= box.x0 and box.x1 <= width for box in boxes)

    def test_fonts(self) -> None:
        """The font option sets the family the picture asks for."""
        assert "DejaVu Serif" in render(trip(), font="serif")
        assert "monospace" in render(trip(), font="mono")

    @pytest.mark.parametrize(
        ("name", "value"),
        [
            ("width", 100),
            ("width", "960"),
            ("theme", "blue"),
            ("lanes", "status"),
            ("font", "comic"),
            ("newest_first", "yes"),
            ("style", "ymd"),
            ("between", "2021-13"),
            ("between", "[2019,2021]"),
            ("between", "Y20000"),
        ],
    )
    def test_bad_options(self, name: str, value: object) -> None:
        """A bad option value is the library's FormatError, naming the option."""
        with pytest.raises(FormatError, match=name):
            timeline.dumps(trip(), "svg", **{name: value})

    def test_command_line_options(self) -> None:
        """Each option parses from text as the command line gives it."""
        options = timeline.get_format("svg").options()
        assert options["width"]("640") == 640
        assert options["newest_first"]("yes") is True
        assert str(options["between"]("2021-03/2021-06")) == "2021-03/2021-06"
        with pytest.raises(ValueError, match="width"):
            options["width"]("wide")
        with pytest.raises(ValueError, match="theme"):
            options["theme"]("blue")
        with pytest.raises(ValueError, match="true or false"):
            options["newest_first"]("maybe")


def _no_overlaps(layout: svg.Layout) -> None:
    labels = layout.labels
    for a, b in itertools.combinations(labels, 2):
        assert not a.overlaps(b), (a, b)
    for label in labels:
        for mark in layout.marks:
            assert not label.overlaps(mark), (label, mark)
        assert label.x0 >= 0, label
        assert label.x1 <= layout.width, label
        assert label.y0 >= 0, label
        assert label.y1 <= layout.height, label


class TestProperties:
    @given(timelines())
    def test_any_timeline(self, t: Timeline) -> None:
        """Any timeline gives well-formed SVG with one g.event (and one label) per event."""
        text = render(t)
        root = parse(text)
        groups = [g for g in root.iter(f"{S}g") if "event" in (g.get("class") or "").split()]
        assert sorted(g.get("data-id", "") for g in groups) == sorted(svg.data_id(event.id) for event in t)
        for g in groups:
            assert len(g.findall(".//s:text[@class='label']", NS)) == 1

    @given(crowded_timelines())
    def test_labels_never_overlap(self, t: Timeline) -> None:
        """In a crowded timeline no label overlaps another label or a mark, and all stay inside the picture."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", TimelineWarning)
            for width, lanes in ((960, "group"), (360, "tag")):
                placed = svg.layout(t, width=width, lanes=lanes)  # type: ignore[arg-type]
                _no_overlaps(placed)
                assert len(placed.labels) >= len(t)
        root = parse(render(t, width=360))
        assert len(events_of(root)) == len(t)

    def test_worked_example_layout(self) -> None:
        """The worked example's layout has no overlap, in every lane mode and width."""
        for lanes in ("group", "tag", "none"):
            for width in (320, 720, 960):
                _no_overlaps(svg.layout(trip(), width=width, lanes=lanes))


def test_doc_example_is_current(tmp_path: Path) -> None:
    """``make demo`` writes the picture along with the other formats."""
    subprocess.run([sys.executable, str(EXAMPLES / "demo.py"), str(tmp_path)], check=True, capture_output=True)  # noqa: S603
    assert parse((tmp_path / "harris-trip.svg").read_text(encoding="utf-8")).tag == f"{S}svg"


class TestPacking:
    def test_rows_never_share_space(self) -> None:
        """Spans placed in one row keep a gap between them; a two-row item takes both rows."""
        rows = svg._Rows()
        placed = [(rows.place(x0, x0 + 50, 1), x0) for x0 in (0, 30, 70, 100, 5)]
        assert [row for row, _ in placed] == [0, 1, 0, 1, 2]
        assert rows.place(0, 200, 2) == 3
        assert rows.spans[3] == rows.spans[4] == [(0, 200)]

    def test_tall_lanes_pack_in_linear_work(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Doubling a lane of mutually overlapping items about doubles the rows looked at: never n squared."""
        looked = [0]
        hole = svg._Rows._hole

        def counting(self: svg._Rows, row: int, x0: float, x1: float) -> bool:
            looked[0] += 1
            return hole(self, row, x0, x1)

        monkeypatch.setattr(svg._Rows, "_hole", counting)

        def work(n: int) -> int:
            looked[0] = 0
            rows = svg._Rows()
            for index in range(n):
                rows.place(index * 0.01, 300 + index * 0.01, 1)
            assert len(rows.spans) == n
            return looked[0]

        assert work(4000) / work(2000) < 2.5


class TestOptionsFromText:
    def test_parses_like_the_command_line(self) -> None:
        """Embedders' ``picture`` options: NAME=VALUE items, dashes or underscores, commas or spaces."""
        assert svg.options_from_text("") == {}
        assert svg.options_from_text("lanes=tag,between=2021") == {"lanes": "tag", "between": timeline.When("2021")}

    @pytest.mark.parametrize("text", ["width", "colour=red", "width=wide", "theme=blue"])
    def test_refuses_what_the_writer_would(self, text: str) -> None:
        """A bare word, an unknown name or a bad value is a ValueError naming it."""
        with pytest.raises(ValueError, match=text.split("=", maxsplit=1)[0]):
            svg.options_from_text(text)
