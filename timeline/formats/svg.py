"""A static SVG picture of a timeline, each date drawn as wide as what is known.

One self-contained file: no script, no external resource, real text. A
horizontal axis whose ticks adapt to the span (millennia down to hours),
eras as labelled bands behind the events, and one row of marks per lane
(group, first tag, or none). Each event is drawn as what the model knows
about its date:

- a day or a time: a point;
- an interval: a bar from its latest possible start to its earliest
  possible end, with each end that is known only to the month (or year ...)
  drawn as a hatched band over that whole period;
- a week, month, season, year or decade: a hatched band over the period,
  so that "March 2021" reads as "sometime in March";
- approximate (``~``): the mark's edges fade softly;
- uncertain (``?``): a hollow, dashed mark and a "?" beside it;
- an open or unknown end: the bar fades out (to the edge for an open end);
- a set: each member, joined by a dotted line ("one of") or a thin one ("all of").

Labels are packed greedily into rows so that no label overlaps another
label or a mark; text widths come from a small table of font metrics.
Events the axis cannot hold (an unknown year, a year outside 1-9999) are
listed under the picture with a :class:`~timeline.errors.TimelineWarning`.

>>> from timeline import Timeline, dumps
>>> svg = dumps(Timeline(title="Trip", events=[{"id": "v", "title": "Visit", "when": "2021-06"}]), "svg")
>>> svg.count('<g class="event'), 'data-id="v"' in svg, "<script" in svg
(1, True, False)
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Final, Literal, TextIO

import attrs

from timeline._describe import Style, describe
from timeline._event import Event
from timeline._event import zone as event_zone
from timeline._timeline import Timeline
from timeline._warn import warn
from timeline._when import PartialDate, Precision, When
from timeline.errors import FormatError, OutOfRangeError, ParseError
from timeline.formats._links import safe_url
from timeline.formats._options import choice as _choice
from timeline.formats._options import flag as _flag

__all__ = ["OPTIONS", "Box", "Layout", "data_id", "layout", "options_from_text", "text_width", "write"]

Theme = Literal["auto", "light", "dark"]
Lanes = Literal["group", "tag", "none"]
Font = Literal["sans", "serif", "mono"]

_THEMES: Final = ("auto", "light", "dark")
_LANES: Final = ("group", "tag", "none")
_FONTS: Final = ("sans", "serif", "mono")
_MIN_WIDTH, _MAX_WIDTH = 320, 10_000


def _width(text: str) -> int:
    if not text.strip().isdigit() or not _MIN_WIDTH <= int(text) <= _MAX_WIDTH:
        raise ValueError(f"width must be a whole number of pixels from {_MIN_WIDTH} to {_MAX_WIDTH}, got {text!r}")
    return int(text)


OPTIONS: Mapping[str, Callable[[str], object]] = {
    "between": When,
    "font": _choice("font", _FONTS),
    "lanes": _choice("lanes", _LANES),
    "newest_first": _flag,
    "style": _choice("style", ("mdy", "dmy")),
    "theme": _choice("theme", _THEMES),
    "width": _width,
}


def options_from_text(text: str) -> dict[str, object]:
    """Writer options from ``"width=720 theme=dark"`` (spaces or commas between), as embedders take them.

    The Sphinx directive's and the MkDocs plugin's ``picture`` options use this.

    >>> options_from_text("width=720, theme=dark newest-first=yes")
    {'width': 720, 'theme': 'dark', 'newest_first': True}

    Raises:
        ValueError: an item is not ``NAME=VALUE`` with a known name, or its value is bad.
    """
    options: dict[str, object] = {}
    for item in text.replace(",", " ").split():
        name, equals, value = item.partition("=")
        name = name.replace("-", "_")
        if not equals or name not in OPTIONS:
            raise ValueError(f"expected NAME=VALUE with NAME one of {', '.join(sorted(OPTIONS))}, got {item!r}")
        options[name] = OPTIONS[name](value)
    return options


# Text widths --------------------------------------------------------------

# Advance widths of printable ASCII (32-126) in thousandths of an em, from the
# DejaVu fonts (tools/svg/metrics.py prints them). DejaVu Sans is as wide as
# any common sans (Verdana's metrics, wider than Arial or Helvetica), so a
# label measured here fits whichever font of the stack draws it.
_SANS: Final = (
    318, 401, 460, 838, 637, 951, 780, 275, 391, 391, 500, 838, 318, 361, 318, 337, 637, 637, 637, 637,
    637, 637, 637, 637, 637, 637, 337, 337, 838, 838, 838, 531, 1000, 685, 687, 699, 771, 632, 576, 775,
    752, 295, 295, 656, 558, 863, 749, 788, 604, 788, 695, 635, 611, 732, 685, 989, 686, 611, 686, 391,
    337, 391, 838, 500, 500, 613, 635, 550, 635, 616, 353, 635, 634, 278, 278, 580, 278, 975, 634, 612,
    635, 635, 412, 521, 393, 634, 592, 818, 592, 592, 525, 637, 337, 637, 838,
)  # fmt: skip
_SANS_BOLD: Final = (
    349, 457, 521, 838, 696, 1002, 873, 307, 458, 458, 523, 838, 380, 416, 380, 366, 696, 696, 696, 696,
    696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 581, 1000, 774, 763, 734, 831, 684, 684, 821,
    837, 373, 373, 775, 638, 996, 837, 851, 733, 851, 771, 721, 683, 813, 774, 1104, 771, 725, 726, 458,
    366, 458, 838, 500, 500, 675, 716, 593, 716, 679, 436, 716, 712, 343, 343, 666, 343, 1042, 712, 688,
    716, 716, 494, 596, 479, 712, 652, 924, 646, 652, 583, 712, 366, 712, 838,
)  # fmt: skip
_SERIF: Final = (
    318, 402, 460, 838, 637, 951, 891, 275, 391, 391, 500, 838, 318, 338, 318, 337, 637, 637, 637, 637,
    637, 637, 637, 637, 637, 637, 337, 337, 838, 838, 838, 537, 1000, 723, 735, 766, 802, 730, 694, 799,
    873, 396, 401, 748, 665, 1024, 875, 820, 673, 820, 753, 686, 667, 843, 723, 1028, 712, 661, 695, 391,
    337, 391, 838, 500, 500, 597, 641, 561, 641, 592, 371, 641, 645, 320, 311, 606, 320, 949, 645, 603,
    641, 641, 479, 514, 402, 645, 565, 856, 564, 565, 527, 637, 337, 637, 838,
)  # fmt: skip
_SERIF_BOLD: Final = (
    349, 439, 521, 838, 696, 951, 903, 307, 474, 474, 523, 838, 349, 416, 349, 366, 696, 696, 696, 696,
    696, 696, 696, 696, 696, 696, 370, 370, 838, 838, 838, 586, 1000, 776, 846, 796, 868, 763, 710, 855,
    945, 468, 474, 870, 704, 1107, 915, 872, 752, 872, 832, 723, 745, 873, 776, 1124, 776, 714, 730, 474,
    366, 474, 838, 500, 500, 648, 700, 609, 700, 637, 431, 700, 728, 380, 362, 693, 380, 1059, 728, 667,
    700, 700, 527, 563, 462, 728, 582, 861, 597, 582, 568, 644, 364, 644, 838,
)  # fmt: skip
_MONO: Final = (603,) * 95
_METRICS: Final = {
    ("sans", False): _SANS,
    ("sans", True): _SANS_BOLD,
    ("serif", False): _SERIF,
    ("serif", True): _SERIF_BOLD,
    ("mono", False): _MONO,
    ("mono", True): _MONO,
}
_FAMILIES: Final = {
    "sans": "'DejaVu Sans', Verdana, 'Bitstream Vera Sans', Arial, Helvetica, sans-serif",
    "serif": "'DejaVu Serif', 'Bitstream Vera Serif', Georgia, 'Times New Roman', serif",
    "mono": "'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace",
}


def _char_width(char: str, table: tuple[int, ...]) -> int:
    code = ord(char)
    if 32 <= code <= 126:
        return table[code - 32]
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    if code >= 0x1F000:  # emoji and other pictographs, drawn wide by a fallback font
        return 1300
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1000
    # Latin, Greek and Cyrillic letters of other alphabets are about as wide as
    # a capital; a generous figure keeps fallback glyphs inside their box.
    return 800


def text_width(text: str, size: float, font: Font = "sans", *, bold: bool = False) -> float:
    """The width in pixels of ``text`` drawn at ``size`` pixels in ``font``, as the layout measures it.

    >>> round(text_width("2021", 12), 2)
    30.58
    """
    table = _METRICS[font, bold]
    return sum(_char_width(char, table) for char in text) * size / 1000


_ELLIPSIS: Final = "\u2026"


def _fit(text: str, room: float, size: float, font: Font, *, bold: bool = False) -> str:
    """``text``, cut at a word or character with an ellipsis so that it is at most ``room`` pixels wide."""
    if text_width(text, size, font, bold=bold) <= room:
        return text
    table = _METRICS[font, bold]
    budget = room * 1000 / size - _char_width(_ELLIPSIS, table)
    used = 0
    cut = 0
    for index, char in enumerate(text):
        used += _char_width(char, table)
        if used > budget:
            break
        cut = index + 1
    kept = text[:cut].rstrip()
    return kept + _ELLIPSIS if kept else _ELLIPSIS


# Escaping -----------------------------------------------------------------

# Characters XML 1.0 forbids (C0 controls but tab and line breaks, lone
# surrogates, U+FFFE and U+FFFF), and the controls of 1.0's "discouraged"
# C1 range, which renderers show as boxes.
_NOT_XML_RE: Final = re.compile("[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SPACE_RE: Final = re.compile(r"\s+")


def clean(text: str) -> str:
    """``text`` on one line, without the characters XML cannot hold.

    >>> clean("a\\x00b\\n c\\ufffe")
    'ab c'
    """
    return _SPACE_RE.sub(" ", _NOT_XML_RE.sub("", text)).strip()


def _xml(text: str) -> str:
    """Escape text for XML element content and double-quoted attributes, dropping what XML cannot hold."""
    return (
        _NOT_XML_RE.sub("", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _attr(text: str) -> str:
    """Text for a double-quoted attribute, kept whole (line breaks and tabs as references) but for what XML forbids."""
    text = _xml(text)
    return text.replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;")


def data_id(event_id: str) -> str:
    r"""An event's id as its ``data-id`` holds it, whole and apart from every other id.

    A backslash is doubled and a character XML cannot hold is written ``\uXXXX``.

    >>> data_id("june-6"), data_id("a\\b\x08")
    ('june-6', 'a\\\\b\\u0008')
    """
    if "\\" not in event_id and not _NOT_XML_RE.search(event_id):
        return event_id
    doubled = event_id.replace("\\", "\\\\")
    return _NOT_XML_RE.sub(lambda match: f"\\u{ord(match.group()):04x}", doubled)


def _line(cls: str, x1: float, y1: float, x2: float, y2: float) -> str:
    return f'<line class="{cls}" x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}"/>'


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


# Layout -------------------------------------------------------------------

_DAY_US: Final = 86_400_000_000
_MARGIN: Final = 16.0
_LABEL_SIZE: Final = 12.0
_SMALL_SIZE: Final = 11.0
_TITLE_SIZE: Final = 18.0
_ROW: Final = 24.0
_GAP: Final = 10.0  # between two items in a row
_PAD: Final = 6.0  # between a mark and its label
_SOFT: Final = 10.0  # how far an approximate edge fades
_TAIL: Final = 48.0  # how far an unknown end fades
_MAX_LABEL: Final = 300.0
_MIN_SIDE: Final = 160.0  # a label cut shorter than this goes under its mark instead
_ASCENT, _DESCENT = 0.76, 0.24  # of the font size, above and below the baseline (DejaVu: 0.76, 0.24)
_FIRST_ORDINAL: Final = date.min.toordinal()
_END_ORDINAL: Final = date.max.toordinal() + 1


@attrs.frozen
class Box:
    """A rectangle of the picture in pixels, for tests and checks: what it belongs to and where."""

    owner: str
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box) -> bool:
        """True when the two share any area (touching edges do not count)."""
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1


@attrs.frozen
class _Piece:
    """One shape of an event's mark, in pixels: a bar, band, point, halo, fade or link."""

    kind: str
    x0: float
    x1: float
    unsure: bool = False
    flip: bool = False  # a fade that runs from right (opaque) to left (clear)


@attrs.define
class _Item:
    event: Event
    pieces: list[_Piece]
    label: str
    words: str
    question: bool
    label_x: float = 0.0
    label_w: float = 0.0
    label_left: bool = False
    stacked: bool = False
    row: int = 0
    placed: bool = True

    @property
    def mark_x0(self) -> float:
        return min(piece.x0 for piece in self.pieces)

    @property
    def mark_x1(self) -> float:
        return max(piece.x1 for piece in self.pieces)

    @property
    def x0(self) -> float:
        return min(self.mark_x0, self.label_x)

    @property
    def x1(self) -> float:
        return max(self.mark_x1, self.label_x + self.label_w)


@attrs.define
class _Lane:
    name: str | None
    items: list[_Item]
    top: float = 0.0
    rows: int = 0


@attrs.frozen
class _Tick:
    x: float
    label: str | None


@attrs.frozen
class _EraBand:
    title: str
    words: str
    description: str | None
    x0: float
    x1: float
    label: str | None
    row: int


@attrs.define
class _Parts:
    """What the writer draws, placed."""

    title: tuple[str, float] | None = None
    ticks: list[_Tick] = attrs.Factory(list)
    tick_y: float = 0.0
    axis_y: float = 0.0
    eras: list[_EraBand] = attrs.Factory(list)
    lanes: list[_Lane] = attrs.Factory(list)
    plot_bottom: float = 0.0
    legend: list[tuple[str, str, float, float]] = attrs.Factory(list)
    unplaced: list[tuple[Event, str, float]] = attrs.Factory(list)
    unplaced_heading: float = 0.0


@attrs.define
class Layout:
    """Where everything goes: computed once, then written; tests check its boxes.

    ``labels`` holds the box of every text a reader reads (event labels, lane
    names, era names, tick labels, the legend, the list of events not on the
    axis); ``marks`` the box of every event's marks.
    """

    width: int
    height: float = 0.0
    labels: list[Box] = attrs.Factory(list)
    marks: list[Box] = attrs.Factory(list)
    # What the writer needs, kept private to it.
    _parts: _Parts = attrs.Factory(_Parts)


_HOLE_ROWS: Final = 32


class _Rows:
    """Rows of spans for greedy packing.

    The first rows are searched for a hole between the spans already there
    (a look at two neighbours in a sorted list). Searching every row would
    cost O(rows) per item, O(n^2) for a tall lane, so past the first
    ``_HOLE_ROWS`` only a row's right end counts, and a tree of the rows'
    least right ends finds the first row that ends early enough in O(log rows).
    """

    def __init__(self) -> None:
        self.spans: list[list[tuple[float, float]]] = []
        self.ends: list[float] = []
        self.size = 64
        self.tree = [-math.inf] * (2 * self.size)  # unused rows end at minus infinity: free

    def _update(self, row: int) -> None:
        node = row + self.size
        self.tree[node] = self.ends[row]
        node //= 2
        while node:
            self.tree[node] = min(self.tree[2 * node], self.tree[2 * node + 1])
            node //= 2

    def _first(self, start: int, limit: float) -> int:
        """The first row from ``start`` whose right end is at most ``limit``."""
        node, lo, hi = 1, 0, self.size
        stack = [(node, lo, hi)]
        while stack:
            node, lo, hi = stack.pop()
            if hi <= start or self.tree[node] > limit:
                continue
            if hi - lo == 1:
                return lo
            middle = (lo + hi) // 2
            stack.append((2 * node + 1, middle, hi))
            stack.append((2 * node, lo, middle))
        return self.size  # every row is full: a new one, past the tree

    def _hole(self, row: int, x0: float, x1: float) -> bool:
        if row >= len(self.spans):
            return True
        spans = self.spans[row]
        at = bisect.bisect_left(spans, (x0, x1))
        if at > 0 and spans[at - 1][1] + _GAP > x0:
            return False
        return at == len(spans) or x1 + _GAP <= spans[at][0]

    def place(self, x0: float, x1: float, need: int) -> int:
        """Put the span in the first ``need`` consecutive rows with room; return the first of them."""
        row = next(
            (r for r in range(_HOLE_ROWS) if all(self._hole(r + k, x0, x1) for k in range(need))),
            _HOLE_ROWS,
        )
        while row >= _HOLE_ROWS:
            row = min(self._first(row, x0 - _GAP), len(self.ends))
            if need == 1 or row + 1 >= len(self.ends) or self.ends[row + 1] + _GAP <= x0:
                break
            row += 1
        while len(self.spans) < row + need:
            self.spans.append([])
            self.ends.append(-math.inf)
        if len(self.spans) + 2 > self.size:
            self.size *= 2
            self.tree = [-math.inf] * (2 * self.size)
            for index in range(len(self.ends)):
                self.tree[index + self.size] = self.ends[index]
            for node in range(self.size - 1, 0, -1):
                self.tree[node] = min(self.tree[2 * node], self.tree[2 * node + 1])
        for r in range(row, row + need):
            bisect.insort(self.spans[r], (x0, x1))
            self.ends[r] = max(self.ends[r], x1)
            self._update(r)
        return row


class _Axis:
    """Days (key / one day, as floats) to x and back; optionally newest on the left."""

    def __init__(self, lo: float, hi: float, left: float, right: float, *, flip: bool) -> None:
        self.lo, self.hi, self.left, self.right, self.flip = lo, hi, left, right, flip

    def x(self, day: float) -> float:
        if day == -math.inf:
            return self.right if self.flip else self.left
        if day == math.inf:
            return self.left if self.flip else self.right
        share = (day - self.lo) / (self.hi - self.lo)
        share = min(max(share, -0.01), 1.01)
        return (
            self.right - share * (self.right - self.left) if self.flip else self.left + share * (self.right - self.left)
        )


def _days(key: float) -> float:
    return key / _DAY_US if math.isfinite(key) else key


class _Keys:
    """Bounds of values as days on the timeline's wall clock, as Timeline orders them."""

    def __init__(self, timeline: Timeline) -> None:
        self.view = timeline.tz
        self.view_zone = None if self.view is None else event_zone(self.view)

    def span(self, when: When, event: Event | None = None) -> tuple[float, float]:
        own = self.view_zone if event is None else event.zoneinfo(self.view)
        lo, hi, _ = when.key(own, view=self.view_zone)
        # The last microsecond of a day ends it: one more makes a day exactly one long.
        return _days(lo), _days(hi + 1 if math.isfinite(hi) else hi)


def _placeable(when: When) -> str | None:
    """Why ``when`` cannot go on the axis, or None when it can."""
    try:
        for member in when.members():
            member.earliest()
            member.latest()
    except OutOfRangeError:
        return "its year is unknown or lies outside the years 1-9999 the axis can show"
    return None


def _point(point: PartialDate) -> When:
    return When(point.text)


def _coarse(point: PartialDate) -> bool:
    """True when the value spans a period (week, month ... decade) rather than naming a day or a time."""
    return point.precision < Precision.DAY or point.unspecified


def _member_pieces(member: When, event: Event, keys: _Keys, axis: _Axis, kinds: set[str]) -> list[_Piece]:
    """The shapes for one value (not a set): a point, a band, or a bar with its ends."""
    lo, hi = keys.span(member, event)
    unsure = member.uncertain
    if not member.is_interval:
        point = member.start
        assert point is not None
        if not _coarse(point):
            x = axis.x((lo + hi) / 2)
            kinds.add("point")
            dot = [_Piece("point", x - 5, x + 5, unsure)]
            if point.approximate:
                kinds.add("approximate")
                dot.insert(0, _Piece("halo", x - 5 - _SOFT, x + 5 + _SOFT))
            return dot
        kinds.add("band")
        return _soft(_span_piece("band", axis, lo, hi, unsure), point.approximate, point.approximate, kinds)
    start, end = member.start, member.end
    pieces: list[_Piece] = []
    inner_lo = lo if start is None else keys.span(_point(start), event)[1]
    inner_hi = hi if end is None else keys.span(_point(end), event)[0]
    if start is not None and _coarse(start):
        kinds.add("band")
        pieces.append(_span_piece("band", axis, lo, inner_lo, unsure))
    if end is not None and _coarse(end):
        kinds.add("band")
        pieces.append(_span_piece("band", axis, inner_hi, hi, unsure))
    # Day or time ends belong to the bar whole; coarse ends give it their inner edge.
    first = lo if start is not None and not _coarse(start) else inner_lo
    last = hi if end is not None and not _coarse(end) else inner_hi
    if start is None:
        first = last if end is not None and _coarse(end) else inner_hi
    if end is None:
        last = first if start is not None and _coarse(start) else inner_lo
    if last > first or not pieces:
        kinds.add("bar")
        pieces.append(_span_piece("bar", axis, min(first, last), max(first, last), unsure, minimum=2))
    known = [piece for piece in pieces if piece.kind in ("bar", "band")]
    left = min(piece.x0 for piece in known)
    right = max(piece.x1 for piece in known)
    for side_open, side_unknown, soft, early in (
        (member.start_open, member.start_unknown, start is not None and start.approximate, True),
        (member.end_open, member.end_unknown, end is not None and end.approximate, False),
    ):
        towards_left = early != axis.flip
        if side_open or side_unknown:
            kinds.add("open")
            if side_open:
                x0, x1 = (axis.left, left) if towards_left else (right, axis.right)
            else:
                x0, x1 = (left - _TAIL, left) if towards_left else (right, right + _TAIL)
            x0, x1 = max(x0, axis.left - _SOFT), min(x1, axis.right + _SOFT)
            if x1 > x0:
                # What follows a known end is known to have happened: a bar, fading where it is not known to stop.
                pieces.append(_Piece("fade-bar", x0, x1, flip=towards_left))
        elif soft:
            kinds.add("approximate")
            edge = left if towards_left else right
            piece_colour = _edge_colour(pieces, edge)
            x0, x1 = (edge - _SOFT, edge) if towards_left else (edge, edge + _SOFT)
            pieces.append(_Piece(f"fade-{piece_colour}", x0, x1, flip=towards_left))
    return pieces


def _edge_colour(pieces: list[_Piece], edge: float) -> str:
    for piece in pieces:
        if piece.kind in ("band", "bar") and edge in (piece.x0, piece.x1):
            return piece.kind
    return "bar"


def _span_piece(kind: str, axis: _Axis, lo: float, hi: float, unsure: bool, minimum: float = 4) -> _Piece:
    a, b = sorted((axis.x(lo), axis.x(hi)))
    if b - a < minimum:
        middle = (a + b) / 2
        a, b = middle - minimum / 2, middle + minimum / 2
    return _Piece(kind, a, b, unsure)


def _soft(piece: _Piece, early: bool, late: bool, kinds: set[str]) -> list[_Piece]:
    """``piece`` with fading edges where its value is approximate."""
    pieces = [piece]
    colour = piece.kind
    if early or late:
        kinds.add("approximate")
        pieces.append(_Piece(f"fade-{colour}", piece.x0 - _SOFT, piece.x0, flip=True))
        pieces.append(_Piece(f"fade-{colour}", piece.x1, piece.x1 + _SOFT))
    return pieces


def _event_pieces(event: Event, keys: _Keys, axis: _Axis, kinds: set[str]) -> list[_Piece]:
    members = event.when.members()
    pieces: list[_Piece] = []
    spans: list[tuple[float, float]] = []
    for member in members:
        own = _member_pieces(member, event, keys, axis, kinds)
        pieces.extend(own)
        solid = [p for p in own if p.kind in ("bar", "band", "point")]
        spans.append((min(p.x0 for p in solid), max(p.x1 for p in solid)))
    if len(members) > 1:
        kinds.add("one-of" if not event.when.all_of else "all-of")
        spans.sort()
        kind = "link-all" if event.when.all_of else "link-one"
        pieces[:0] = [_Piece(kind, a[1], b[0]) for a, b in itertools.pairwise(spans) if b[0] > a[1]]
    return pieces


def _lane_names(events: Iterable[Event], lanes: Lanes) -> dict[str, list[Event]]:
    """Events by lane, lanes in order of first appearance and the unnamed lane last."""
    found: dict[str | None, list[Event]] = {}
    for event in events:
        if lanes == "group":
            name = event.group if event.group is not None and event.group.strip() else None
        elif lanes == "tag":
            tags = [tag for tag in event.tags if tag.strip()]
            name = tags[0] if tags else None
        else:
            name = None
        found.setdefault(name, []).append(event)
    ordered: dict[str, list[Event]] = {}
    for name, members in found.items():
        if name is not None:
            ordered[name] = members
    if None in found:
        ordered[""] = found[None]
    return ordered


_UNITS: Final = (
    ("hour", 1), ("hour", 3), ("hour", 6), ("hour", 12),
    ("day", 1), ("day", 2), ("day", 7), ("day", 14),
    ("month", 1), ("month", 2), ("month", 3), ("month", 6),
    ("year", 1), ("year", 2), ("year", 5), ("year", 10), ("year", 20), ("year", 25), ("year", 50),
    ("year", 100), ("year", 200), ("year", 250), ("year", 500), ("year", 1000), ("year", 2000),
)  # fmt: skip
_UNIT_DAYS: Final = {"hour": 1 / 24, "day": 1.0, "month": 30.44, "year": 365.2425}


def _month_name(year: int, month: int) -> str:
    """The month's name as :func:`describe` writes it ("March" of "March 2021")."""
    return describe(f"{year:04d}-{month:02d}").rsplit(" ", 1)[0]


def _ticks(lo: float, hi: float, room: float, style: Style) -> list[tuple[float, str]]:
    """Tick positions (days) and labels for the span ``lo``..``hi`` drawn over ``room`` pixels."""
    most = max(2, int(room // 70))
    span = hi - lo
    unit, step = next(
        ((unit, step) for unit, step in _UNITS if span / (_UNIT_DAYS[unit] * step) <= most), ("year", 5000)
    )
    if unit == "year" and step >= 5000:
        step = 10 ** max(3, math.ceil(math.log10(span / 365.2425 / most)))
    ticks: list[tuple[float, str]] = []
    first = date.fromordinal(max(_FIRST_ORDINAL, min(int(lo), _END_ORDINAL - 1)))
    if unit == "year":
        year = max(1, (first.year // step) * step)
        while True:
            day = float(date(year, 1, 1).toordinal()) if year <= 9999 else math.inf
            if day > hi:
                break
            if day >= lo:
                ticks.append((day, describe(f"{year:04d}")))
            year += step
            if year > 9999:
                break
    elif unit == "month":
        year, month = first.year, ((first.month - 1) // step) * step + 1
        while year <= 9999:
            day = float(date(year, month, 1).toordinal())
            if day > hi:
                break
            if day >= lo:
                name = _month_name(year, month)[:3]
                shown = not ticks or month == 1
                ticks.append((day, f"{name} {year}" if shown else name))
            month += step
            if month > 12:
                year, month = year + 1, month - 12
    else:
        days = _UNIT_DAYS[unit] * step
        start = math.floor(lo / days) * days
        if unit == "day" and step == 7:
            start = math.floor((lo - 1) / 7) * 7 + 1  # Mondays: ordinal 1 is Monday, January 1 of year 1
        at = start
        while at <= hi:
            if at >= lo and _FIRST_ORDINAL <= at < _END_ORDINAL:
                moment = date.fromordinal(int(at))
                fraction = at - int(at)
                if unit == "hour" and fraction > 1e-9:
                    minutes = round(fraction * 24 * 60)
                    ticks.append((at, f"{minutes // 60:02d}:{minutes % 60:02d}"))
                else:
                    name = _month_name(moment.year, moment.month)[:3]
                    dm = f"{moment.day} {name}" if style == "dmy" else f"{name} {moment.day}"
                    shown = not ticks or (moment.month == 1 and moment.day <= step)
                    year_text = f" {moment.year}" if style == "dmy" else f", {moment.year}"
                    ticks.append((at, dm + year_text if shown else dm))
            at += days
    return ticks


@attrs.frozen
class _Options:
    width: int
    theme: Theme
    lanes: Lanes
    between: When | None
    newest_first: bool
    font: Font
    style: Style


_LEGEND_TEXT: Final = {
    "point": "a day or a time",
    "bar": "from one day to another",
    "band": "known only to the {coarse}: sometime in that period",
    "approximate": "approximate (around)",
    "uncertain": "uncertain",
    "open": "open or unknown end",
    "one-of": "one of these dates",
    "all-of": "all of these dates",
}
_LEGEND_ORDER: Final = ("point", "bar", "band", "approximate", "uncertain", "open", "one-of", "all-of")


def _coarse_words(precisions: set[str]) -> str:
    order = ("week", "month", "season", "year", "decade")
    words = [word for word in order if word in precisions]
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " or " + words[-1]


def _coarse_kind(point: PartialDate) -> str:
    if point.unspecified:
        return "decade" if point.precision is Precision.YEAR else "month"
    return str(point.precision)


def layout(
    timeline: Timeline,
    *,
    width: int = 960,
    theme: Theme = "auto",
    lanes: Lanes = "group",
    between: When | str | None = None,
    newest_first: bool = False,
    font: Font = "sans",
    style: Style = "mdy",
) -> Layout:
    """Place everything :func:`write` draws; the same options. Warns for events it cannot place.

    Raises:
        FormatError: an option has a value it cannot take.
    """
    options = _check_options(width, theme, lanes, between, newest_first, font, style)
    return _Layouter(timeline, options).run()


def _check_options(
    width: object, theme: object, lanes: object, between: object, newest_first: object, font: object, style: object
) -> _Options:
    def check(ok: bool, name: str, value: object, expected: str) -> None:
        if not ok:
            raise FormatError(f"the svg option {name!r} must be {expected}, got {value!r}")

    check(type(width) is int and _MIN_WIDTH <= width <= _MAX_WIDTH, "width", width, f"{_MIN_WIDTH} to {_MAX_WIDTH}")
    check(theme in _THEMES, "theme", theme, "'auto', 'light' or 'dark'")
    check(lanes in _LANES, "lanes", lanes, "'group', 'tag' or 'none'")
    check(type(newest_first) is bool, "newest_first", newest_first, "True or False")
    check(font in _FONTS, "font", font, "'sans', 'serif' or 'mono'")
    check(style in ("mdy", "dmy"), "style", style, "'mdy' or 'dmy'")
    window: When | None = None
    if between is not None:
        try:
            window = between if isinstance(between, When) else When(str(between))
        except ParseError as exc:
            raise FormatError(f"the svg option 'between' must be an EDTF date or interval: {exc}") from None
        check(not window.is_set, "between", str(between), "a date or an interval, not a set")
        check(_placeable(window) is None, "between", str(between), "within the years 1-9999")
    return _Options(width, theme, lanes, window, newest_first, font, style)  # type: ignore[arg-type]


class _Layouter:
    def __init__(self, timeline: Timeline, options: _Options) -> None:
        self.timeline = timeline
        self.options = options
        self.keys = _Keys(timeline)
        self.font: Font = options.font
        self.result = Layout(width=options.width)

    def measure(self, text: str, size: float = _LABEL_SIZE, *, bold: bool = False) -> float:
        return text_width(text, size, self.font, bold=bold) + 2  # a pixel each side for rounding and hinting

    def text_box(self, owner: str, x: float, baseline: float, text_w: float, size: float) -> Box:
        return Box(owner, x, baseline - _ASCENT * size - 1, x + text_w, baseline + _DESCENT * size + 1)

    def run(self) -> Layout:
        timeline, options = self.timeline, self.options
        width = options.width
        events = list(timeline.events)
        window = options.between
        if window is not None:
            start, end = window.start, window.end
            events = list(
                timeline.between(None if start is None else start.text, None if end is None else end.text).events
            )
        placed: list[Event] = []
        unplaced: list[tuple[Event, str]] = []
        for event in events:
            why = _placeable(event.when)
            if why is None:
                placed.append(event)
            else:
                unplaced.append((event, why))
                warn(
                    f"event {event.id!r} ({event.title!r}): {str(event.when)!r} cannot go on the axis: {why};"
                    " listed under the picture"
                )
        lo, hi = self.domain(placed, window)
        left, right = _MARGIN, width - _MARGIN
        axis = _Axis(lo, hi, left, right, flip=options.newest_first)
        parts = self.result._parts
        y = _MARGIN
        title = clean(timeline.title)
        if title:
            shown = _fit(title, width - 2 * _MARGIN, _TITLE_SIZE, self.font, bold=True)
            y += _TITLE_SIZE
            parts.title = (shown, y)
            self.result.labels.append(
                self.text_box("title", _MARGIN, y, self.measure(shown, _TITLE_SIZE, bold=True), _TITLE_SIZE)
            )
            y += 10
        # The axis: tick labels, then the line.
        y += _SMALL_SIZE + 2
        ticks: list[_Tick] = []
        last_end = -math.inf
        raw = _ticks(lo, hi, right - left, options.style) if placed or window else []
        # Left to right on the page, whichever way time runs; a label that would touch the last one shown is left out.
        for day, label in sorted(raw, key=lambda tick: axis.x(tick[0])):
            x = axis.x(day)
            w = self.measure(label, _SMALL_SIZE)
            x0 = min(max(x - w / 2, 0), width - w)
            if x0 >= last_end + 8:
                ticks.append(_Tick(x, label))
                self.result.labels.append(self.text_box(f"tick {label}", x0, y, w, _SMALL_SIZE))
                last_end = x0 + w
            else:
                ticks.append(_Tick(x, None))
        parts.ticks, parts.tick_y = ticks, y
        y += 6
        parts.axis_y = y
        y += 6
        # Era names, packed in rows of their own under the axis.
        eras = self.eras(axis, y)
        if eras:
            rows = max(era.row for era in eras) + 1
            y += rows * (_SMALL_SIZE + 6) + 2
        kinds: set[str] = set()
        coarse: set[str] = set()
        lanes_out: list[_Lane] = []
        lane_groups = _lane_names(placed, options.lanes)
        headed = len(lane_groups) > 1 or (options.lanes != "none" and "" not in lane_groups)
        for name, members in lane_groups.items():
            items = [self.item(event, axis, kinds, coarse) for event in members]
            lane = _Lane(name if headed else None, items)
            y += 4
            if headed:
                y += _LABEL_SIZE + 4
                heading = name or ("No group" if options.lanes == "group" else "No tag")
                lane.name = heading
                w = self.measure(_fit(heading, width - 2 * _MARGIN, _LABEL_SIZE, self.font, bold=True), bold=True)
                self.result.labels.append(self.text_box(f"lane {heading}", _MARGIN, y, w, _LABEL_SIZE))
            lane.top = y + 2
            lane.rows = self.pack(items)
            for item in items:
                self.boxes(item, lane.top)
            y = lane.top + lane.rows * _ROW
            lanes_out.append(lane)
        plot_bottom = y + 4
        parts.lanes = lanes_out
        parts.plot_bottom = plot_bottom
        parts.eras = eras
        y = plot_bottom + 14
        y = self.legend(kinds, coarse, y)
        parts.unplaced, y = self.unplaced(unplaced, y)
        self.result.height = math.ceil(y + _MARGIN - 8)
        return self.result

    def domain(self, placed: list[Event], window: When | None) -> tuple[float, float]:
        """The days the axis covers: the window if given, else the events' bounds with a margin."""
        finite: list[float] = []
        before = after = False  # some end runs off the axis: leave room to see it fade
        for event in placed:
            for member in event.when.members():
                first, last = self.keys.span(member, event)
                finite.extend(day for day in (first, last) if math.isfinite(day))
                # The known end of a half-open interval, whole: "since June 6" shows June 6.
                for point in (member.start, member.end) if member.is_interval else ():
                    if point is not None:
                        finite.extend(self.keys.span(_point(point), event))
                before = before or not math.isfinite(first)
                after = after or not math.isfinite(last)
        lo = min(finite, default=math.nan)
        hi = max(finite, default=math.nan)
        if window is not None:
            w_lo, w_hi = self.keys.span(window)
            lo = w_lo if math.isfinite(w_lo) else lo
            hi = w_hi if math.isfinite(w_hi) else hi
        if math.isnan(lo) or math.isnan(hi):
            today = float(date(2000, 1, 1).toordinal())
            lo, hi = (today, today + 366) if math.isnan(lo) and math.isnan(hi) else (min(lo, hi), max(lo, hi))
            if math.isnan(lo):
                lo = hi - 366
            if math.isnan(hi):
                hi = lo + 366
        if hi - lo < 1:
            middle = (lo + hi) / 2
            lo, hi = middle - 0.5, middle + 0.5
        if window is None:
            margin = (hi - lo) * 0.04
            lo, hi = lo - margin - (hi - lo) * 0.1 * before, hi + margin + (hi - lo) * 0.1 * after
        return max(lo, float(_FIRST_ORDINAL)), min(hi, float(_END_ORDINAL))

    def eras(self, axis: _Axis, top: float) -> list[_EraBand]:
        bands: list[_EraBand] = []
        rows_end: list[float] = []
        for era in self.timeline.eras:
            if _placeable(era.when) is not None:
                warn(f"era {era.title!r}: {str(era.when)!r} cannot go on the axis; left out")
                continue
            lo, hi = self.keys.span(era.when)
            x0, x1 = sorted((axis.x(lo), axis.x(hi)))
            x0, x1 = max(x0, axis.left), min(x1, axis.right)
            if x1 - x0 < 1:
                continue
            title = clean(era.title)
            room = max(x1 - x0 - 8, 80.0)
            label = _fit(title, min(room, _MAX_LABEL), _SMALL_SIZE, self.font, bold=True)
            w = self.measure(label, _SMALL_SIZE, bold=True)
            lx = min(x0 + 4, self.options.width - _MARGIN - w)
            row = next((r for r, end in enumerate(rows_end) if end + _GAP <= lx), len(rows_end))
            if row == len(rows_end):
                rows_end.append(lx + w)
            else:
                rows_end[row] = lx + w
            baseline = top + row * (_SMALL_SIZE + 6) + _SMALL_SIZE
            self.result.labels.append(self.text_box(f"era {title}", lx, baseline, w, _SMALL_SIZE))
            description = None if era.description is None else clean(era.description)
            bands.append(_EraBand(title, describe(era.when, style=self.options.style), description, x0, x1, label, row))
        return bands

    def item(self, event: Event, axis: _Axis, kinds: set[str], coarse: set[str]) -> _Item:
        pieces = _event_pieces(event, self.keys, axis, kinds)
        for member in event.when.members():
            for point in (member.start, member.end):
                if point is not None and _coarse(point):
                    coarse.add(_coarse_kind(point))
        question = event.when.uncertain
        if question:
            kinds.add("uncertain")
        words = describe(event.when, style=self.options.style, tz=event.tz or self.timeline.tz)
        title = clean(event.title) or event.id
        item = _Item(event, pieces, title, clean(words), question)
        width = self.options.width
        cap = min(max(_MAX_LABEL, width * 0.5), width - 2 * _MARGIN)
        space_right = width - _MARGIN / 2 - (item.mark_x1 + _PAD)
        space_left = item.mark_x0 - _PAD - _MARGIN / 2
        self.shape_label(item, title, words, cap)
        roomier = max(space_right, space_left)
        if item.label_w > roomier >= max(_MIN_SIDE, item.label_w * 0.7):
            # Too long for either side: cut it to the roomier one rather than stack it.
            self.shape_label(item, title, words, roomier - 2)
        if item.label_w <= space_right:
            item.label_x = item.mark_x1 + _PAD
        elif item.label_w <= space_left:
            item.label_x, item.label_left = item.mark_x0 - _PAD - item.label_w, True
        else:
            item.stacked = True
            item.label_x = min(max(item.mark_x0, _MARGIN / 2), width - _MARGIN / 2 - item.label_w)
        return item

    def shape_label(self, item: _Item, title: str, words: str, room: float) -> None:
        item.label, item.words = self.fit_label(title, clean(words), item.question, room)
        item.label_w = self.measure(self.label_text(item))

    def fit_label(self, title: str, words: str, question: bool, room: float) -> tuple[str, str]:
        """The title and date words cut to ``room``: the title first, down to a few letters, then the words."""
        extra = ("? " if question else "") + " \u00b7 "
        words_w = text_width(words + extra, _LABEL_SIZE, self.font)
        title_room = max(room - words_w - 2, min(room * 0.6, 120.0))
        shown = _fit(title, title_room, _LABEL_SIZE, self.font)
        rest = room - text_width(shown + extra, _LABEL_SIZE, self.font) - 2
        return shown, _fit(words, max(rest, 12.0), _LABEL_SIZE, self.font)

    @staticmethod
    def label_text(item: _Item) -> str:
        """The label as it reads, "?" on the side of the mark."""
        body = f"{item.label} \u00b7 {item.words}"
        if not item.question:
            return body
        return f"{body} ?" if item.label_left else f"? {body}"

    def pack(self, items: list[_Item]) -> int:
        """Greedy rows: each item, in the timeline's order (newest first if asked), into the first row with room."""
        rows = _Rows()
        for item in reversed(items) if self.options.newest_first else items:
            item.row = rows.place(item.x0, item.x1, 2 if item.stacked else 1)
        return len(rows.spans)

    def boxes(self, item: _Item, top: float) -> None:
        middle = top + item.row * _ROW + _ROW / 2
        self.result.marks.append(Box(item.event.id, item.mark_x0, middle - 7, item.mark_x1, middle + 7))
        label_middle = middle + (_ROW if item.stacked else 0)
        baseline = label_middle + 4
        self.result.labels.append(self.text_box(item.event.id, item.label_x, baseline, item.label_w, _LABEL_SIZE))

    def legend(self, kinds: set[str], coarse: set[str], y: float) -> float:
        entries = []
        for kind in _LEGEND_ORDER:
            if kind in kinds:
                text = _LEGEND_TEXT[kind].format(coarse=_coarse_words(coarse) if coarse else "month")
                entries.append((kind, text))
        placed: list[tuple[str, str, float, float]] = []
        x = _MARGIN
        line = y + _SMALL_SIZE
        room = self.options.width - 2 * _MARGIN - 34
        for kind, whole in entries:
            prefix = "? " if kind == "uncertain" else ""
            text = _fit(whole, room - text_width(prefix, _SMALL_SIZE, self.font), _SMALL_SIZE, self.font)
            w = 30 + self.measure(prefix + text, _SMALL_SIZE)
            if x + w > self.options.width - _MARGIN and x > _MARGIN:
                x = _MARGIN
                line += _SMALL_SIZE + 10
            placed.append((kind, text, x, line))
            self.result.labels.append(self.text_box(f"legend {kind}", x + 30, line, w - 30, _SMALL_SIZE))
            x += w + 16
        self.result._parts.legend = placed
        return line + 10 if placed else y

    def unplaced(self, unplaced: list[tuple[Event, str]], y: float) -> tuple[list[tuple[Event, str, float]], float]:
        if not unplaced:
            return [], y
        y += _LABEL_SIZE + 4
        self.result._parts.unplaced_heading = y
        heading = "Not on the axis:"
        self.result.labels.append(self.text_box("unplaced", _MARGIN, y, self.measure(heading, bold=True), _LABEL_SIZE))
        out = []
        for event, _why in unplaced:
            y += _LABEL_SIZE + 8
            words = describe(event.when, style=self.options.style, tz=event.tz or self.timeline.tz)
            text = _fit(
                f"{clean(event.title) or event.id} \u00b7 {clean(words)}",
                self.options.width - 3 * _MARGIN,
                _LABEL_SIZE,
                self.font,
            )
            out.append((event, text, y))
            self.result.labels.append(self.text_box(event.id, _MARGIN * 2, y, self.measure(text), _LABEL_SIZE))
        return out, y + 6


# Drawing ------------------------------------------------------------------

_LIGHT: Final = {
    "bg": "#ffffff", "text": "#1b1b1b", "muted": "#555555", "grid": "#dddddd", "axis": "#888888",
    "ink": "#1f4e79", "band": "#c9dcef", "hatch": "#1f4e79", "q": "#a63c06",
    "era0": "#f1ede3", "era1": "#e6edf2", "link": "#1b1b1b",
}  # fmt: skip
_DARK: Final = {
    "bg": "#15171c", "text": "#ececec", "muted": "#b0b0b0", "grid": "#33363d", "axis": "#8a8f98",
    "ink": "#9ccbff", "band": "#2a4563", "hatch": "#9ccbff", "q": "#ffb870",
    "era0": "#24262c", "era1": "#1c2733", "link": "#ececec",
}  # fmt: skip


def _rules(c: Mapping[str, str]) -> str:
    return (
        f".bg{{fill:{c['bg']}}}"
        f"text{{fill:{c['text']}}}"
        f".tick,.when,.legend,.note{{fill:{c['muted']}}}"
        f".grid{{stroke:{c['grid']}}}"
        f".axis{{stroke:{c['axis']}}}"
        f".bar,.point{{fill:{c['ink']};stroke:{c['ink']}}}"
        f".band{{fill:url(#ID-hatch);stroke:{c['ink']}}}"
        f".unsure{{fill:{c['bg']};stroke:{c['ink']}}}"
        f".hatch-bg{{fill:{c['band']}}}"
        f".hatch-line{{stroke:{c['hatch']}}}"
        f".s-bar{{stop-color:{c['ink']}}}"
        f".q{{fill:{c['q']}}}"
        f".era0{{fill:{c['era0']}}}"
        f".era1{{fill:{c['era1']}}}"
        f".link-one,.link-all{{stroke:{c['link']}}}"
    )


_FIXED_RULES: Final = (
    "text{font-size:12px}"
    ".title{font-size:18px;font-weight:bold}"
    ".tick,.era-label,.legend,.note{font-size:11px}"
    ".lane-label,.era-label,.heading{font-weight:bold}"
    ".grid{stroke-width:1}"
    ".axis{stroke-width:1}"
    ".band{stroke-width:1}"
    ".unsure{stroke-width:1.5;stroke-dasharray:3 2}"
    ".hatch-line{stroke-width:1.6}"
    ".q{font-weight:bold}"
    ".link-one{stroke-width:1.2;stroke-dasharray:1 3;stroke-linecap:round}"
    ".link-all{stroke-width:1}"
    ".cancelled .label{text-decoration:line-through}"
    ".cancelled .mark{opacity:.45}"
    "a .label{text-decoration:underline}"
)


_RULE_RE: Final = re.compile(r"([^{}]+)\{([^{}]*)\}")


class _Drawer:
    def __init__(self, timeline: Timeline, options: _Options, placed: Layout, ident: str) -> None:
        self.timeline, self.options, self.layout, self.id = timeline, options, placed, ident
        self.lines: list[str] = []

    def add(self, line: str) -> None:
        self.lines.append(line)

    def css(self) -> str:
        """The style sheet, every selector under the picture's id so that it holds inside a page too."""
        theme = self.options.theme

        def scoped(rules: str) -> str:
            return _RULE_RE.sub(
                lambda m: ",".join(f"#{self.id} {sel}" for sel in m.group(1).split(",")) + "{" + m.group(2) + "}",
                rules,
            ).replace("ID-", f"{self.id}-")

        if theme == "light":
            colours = scoped(_rules(_LIGHT))
        elif theme == "dark":
            colours = scoped(_rules(_DARK))
        else:
            colours = scoped(_rules(_LIGHT)) + "@media (prefers-color-scheme: dark){" + scoped(_rules(_DARK)) + "}"
        return scoped(_FIXED_RULES) + colours

    def run(self) -> str:
        timeline, options, placed = self.timeline, self.options, self.layout
        parts = placed._parts
        width, height = options.width, placed.height
        title = clean(timeline.title) or "Timeline"
        i = self.id
        self.add(
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{_num(height)}"'
            f' viewBox="0 0 {width} {_num(height)}" id="{i}" role="img" aria-labelledby="{i}-title {i}-desc"'
            f' font-family="{_xml(_FAMILIES[options.font])}" class="timeline theme-{options.theme}">'
        )
        self.add(f'<title id="{i}-title">{_xml(title)}</title>')
        self.add(f'<desc id="{i}-desc">{_xml(self.summary())}</desc>')
        self.add(f"<style>{self.css()}</style>")
        self.defs()
        self.add(f'<rect class="bg" x="0" y="0" width="{width}" height="{_num(height)}"/>')
        if parts.title is not None:
            shown, y = parts.title
            self.add(f'<text class="title" x="{_num(_MARGIN)}" y="{_num(y)}">{_xml(shown)}</text>')
        self.eras_and_grid()
        self.lanes()
        self.legend()
        self.unplaced()
        self.add("</svg>")
        return "\n".join(self.lines) + "\n"

    def summary(self) -> str:
        timeline = self.timeline
        events = timeline.events
        style = self.options.style
        count = f"{len(events)} event{'s' if len(events) != 1 else ''}"
        text = f"A timeline of {count}"
        if events:
            first = describe(events[0].when, style=style, tz=events[0].tz or timeline.tz)
            last = describe(events[-1].when, style=style, tz=events[-1].tz or timeline.tz)
            text += f", from {first} to {last}" if len(events) > 1 else f", {first}"
        lanes = self.layout._parts.lanes
        named = [lane.name for lane in lanes if lane.name]
        if len(named) > 1:
            text += f", in {len(named)} lanes: " + ", ".join(named)
        text += "."
        unplaced = self.layout._parts.unplaced
        if unplaced:
            text += f" {len(unplaced)} not on the axis, listed below it."
        text += (
            " A point is a day or a time, a bar a span of days,"
            " a hatched band a date known only to the week, month, season, year or decade."
        )
        if timeline.description:
            text += " " + timeline.description
        return clean(text)

    def defs(self) -> None:
        i = self.id
        self.add("<defs>")
        self.add(
            f'<pattern id="{i}-hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">'
            '<rect class="hatch-bg" width="6" height="6"/>'
            '<line class="hatch-line" x1="0" y1="0" x2="0" y2="6"/></pattern>'
        )
        for colour in ("bar",):
            self.add(
                f'<linearGradient id="{i}-fade-{colour}"><stop offset="0" class="s-{colour}"/>'
                f'<stop offset="1" class="s-{colour}" stop-opacity="0"/></linearGradient>'
            )
            self.add(
                f'<linearGradient id="{i}-fade-{colour}-r" x1="1" x2="0"><stop offset="0" class="s-{colour}"/>'
                f'<stop offset="1" class="s-{colour}" stop-opacity="0"/></linearGradient>'
            )
        for side, x1, x2 in (("", 0, 1), ("-r", 1, 0)):
            self.add(
                f'<linearGradient id="{i}-lum{side}" x1="{x1}" x2="{x2}"><stop offset="0" stop-color="#fff"/>'
                f'<stop offset="1" stop-color="#000"/></linearGradient>'
                f'<mask id="{i}-mask{side}" maskContentUnits="objectBoundingBox" x="0" y="0" width="1" height="1">'
                f'<rect width="1" height="1" fill="url(#{i}-lum{side})"/></mask>'
            )
        self.add(
            f'<radialGradient id="{i}-halo"><stop offset="0.3" class="s-bar" stop-opacity="0.7"/>'
            '<stop offset="1" class="s-bar" stop-opacity="0"/></radialGradient>'
        )
        self.add("</defs>")

    def eras_and_grid(self) -> None:
        parts = self.layout._parts
        bottom, ticks, tick_y, axis_y, eras = parts.plot_bottom, parts.ticks, parts.tick_y, parts.axis_y, parts.eras
        width = self.options.width
        self.add('<g class="eras">')
        for index, era in enumerate(eras):
            self.add(f'<g class="era" data-title="{_attr(era.title)}">')
            tip = f"{era.title} \u00b7 {era.words}" + (f" \u2014 {era.description}" if era.description else "")
            self.add(f"<title>{_xml(tip)}</title>")
            self.add(
                f'<rect class="era{index % 2}" x="{_num(era.x0)}" y="{_num(axis_y)}" width="{_num(era.x1 - era.x0)}"'
                f' height="{_num(bottom - axis_y)}"/>'
            )
            if era.label is not None:
                w = text_width(era.label, _SMALL_SIZE, self.options.font, bold=True) + 2
                lx = min(era.x0 + 4, width - _MARGIN - w)
                baseline = axis_y + 6 + era.row * (_SMALL_SIZE + 6) + _SMALL_SIZE
                self.add(f'<text class="era-label" x="{_num(lx)}" y="{_num(baseline)}">{_xml(era.label)}</text>')
            self.add("</g>")
        self.add("</g>")
        self.add('<g class="axis-ticks">')
        self.add(_line("axis", _MARGIN, axis_y, width - _MARGIN, axis_y))
        for tick in ticks:
            self.add(
                f'<line class="grid" x1="{_num(tick.x)}" y1="{_num(axis_y)}" x2="{_num(tick.x)}" y2="{_num(bottom)}"/>'
            )
            self.add(_line("axis", tick.x, axis_y - 4, tick.x, axis_y))
            if tick.label is not None:
                w = text_width(tick.label, _SMALL_SIZE, self.options.font) + 2
                x0 = min(max(tick.x - w / 2, 0), width - w)
                self.add(f'<text class="tick" x="{_num(x0 + 1)}" y="{_num(tick_y)}">{_xml(tick.label)}</text>')
        self.add("</g>")

    def lanes(self) -> None:
        lanes = self.layout._parts.lanes
        width = self.options.width
        self.add('<g class="lanes">')
        for lane in lanes:
            self.add(f'<g class="lane" data-lane="{_attr(lane.name or "")}">')
            if lane.name is not None:
                shown = _fit(lane.name, width - 2 * _MARGIN, _LABEL_SIZE, self.options.font, bold=True)
                self.add(
                    f'<text class="lane-label" x="{_num(_MARGIN + 1)}" y="{_num(lane.top - 6)}">{_xml(shown)}</text>'
                )
                self.add(
                    f'<line class="grid" x1="{_num(_MARGIN)}" y1="{_num(lane.top - 1)}"'
                    f' x2="{_num(width - _MARGIN)}" y2="{_num(lane.top - 1)}"/>'
                )
            for item in lane.items:
                self.event(item, lane.top)
            self.add("</g>")
        self.add("</g>")

    def event(self, item: _Item, top: float) -> None:
        event = item.event
        middle = top + item.row * _ROW + _ROW / 2
        classes = "event cancelled" if event.status == "cancelled" else "event"
        self.add(f'<g class="{classes}" data-id="{_attr(data_id(event.id))}">')
        self.add(f"<title>{_xml(self.tooltip(event))}</title>")
        for piece in item.pieces:
            self.add(self.piece(piece, middle))
        self.label(item, middle + (_ROW if item.stacked else 0) + 4)
        self.add("</g>")

    def tooltip(self, event: Event) -> str:
        words = describe(event.when, style=self.options.style, tz=event.tz or self.timeline.tz)
        text = f"{clean(event.title)} \u2014 {words}"
        if event.location:
            text += f" \u2014 {clean(event.location)}"
        if event.status != "confirmed":
            text += f" ({event.status})"
        return clean(text)

    def piece(self, piece: _Piece, middle: float) -> str:
        x0, x1, w = _num(piece.x0), _num(piece.x1), _num(max(piece.x1 - piece.x0, 0.5))
        kind = piece.kind
        if kind == "point":
            cls = "mark point unsure" if piece.unsure else "mark point"
            return f'<circle class="{cls}" cx="{_num((piece.x0 + piece.x1) / 2)}" cy="{_num(middle)}" r="5"/>'
        if kind == "halo":
            return (
                f'<ellipse class="mark halo" cx="{_num((piece.x0 + piece.x1) / 2)}" cy="{_num(middle)}"'
                f' rx="{_num((piece.x1 - piece.x0) / 2)}" ry="6" fill="url(#{self.id}-halo)"/>'
            )
        if kind in ("bar", "band"):
            half = 4 if kind == "bar" else 7
            cls = f"mark {kind} unsure" if piece.unsure else f"mark {kind}"
            corner = 1 if kind == "band" else 3
            y = _num(middle - half)
            return f'<rect class="{cls}" x="{x0}" y="{y}" width="{w}" height="{half * 2}" rx="{corner}"/>'
        if kind.startswith("fade-"):
            colour = kind[5:]
            half = 4 if colour == "bar" else 7
            side = "-r" if piece.flip else ""
            if colour == "band":
                # The hatching itself fades out, so that a soft edge still reads as "sometime in".
                paint = f'fill="url(#{self.id}-hatch)" mask="url(#{self.id}-mask{side})"'
            else:
                paint = f'fill="url(#{self.id}-{kind}{side})"'
            return (
                f'<rect class="mark fade" x="{x0}" y="{_num(middle - half)}" width="{w}" height="{half * 2}" {paint}/>'
            )
        return f'<line class="mark {kind}" x1="{x0}" y1="{_num(middle)}" x2="{x1}" y2="{_num(middle)}"/>'

    def label(self, item: _Item, baseline: float) -> None:
        event = item.event
        q = '<tspan class="q">?</tspan>'
        body = f'{_xml(item.label)}<tspan class="when"> \u00b7 {_xml(item.words)}</tspan>'
        if item.question:
            body = f"{body} {q}" if item.label_left else f"{q} {body}"
        text = f'<text class="label" x="{_num(item.label_x + 1)}" y="{_num(baseline)}">{body}</text>'
        if event.url is not None and safe_url(event.url):
            text = f'<a href="{_xml(clean(event.url))}">{text}</a>'
        self.add(text)

    def legend(self) -> None:
        placed = self.layout._parts.legend
        if not placed:
            return
        self.add('<g class="key">')
        for kind, text, x, line in placed:
            middle = line - 4
            samples = {
                "point": [_Piece("point", x + 8, x + 18)],
                "bar": [_Piece("bar", x, x + 24)],
                "band": [_Piece("band", x, x + 24)],
                "approximate": [
                    _Piece("band", x + 6, x + 18),
                    _Piece("fade-band", x, x + 6, flip=True),
                    _Piece("fade-band", x + 18, x + 24),
                ],
                "uncertain": [_Piece("bar", x, x + 16, unsure=True)],
                "open": [_Piece("bar", x, x + 8), _Piece("fade-bar", x + 8, x + 24)],
                "one-of": [
                    _Piece("point", x, x + 6),
                    _Piece("link-one", x + 6, x + 18),
                    _Piece("point", x + 18, x + 24),
                ],
                "all-of": [
                    _Piece("point", x, x + 6),
                    _Piece("link-all", x + 6, x + 18),
                    _Piece("point", x + 18, x + 24),
                ],
            }[kind]
            for sample in samples:
                if sample.kind == "point" and kind in ("one-of", "all-of"):
                    self.add(
                        f'<circle class="mark point" cx="{_num((sample.x0 + sample.x1) / 2)}"'
                        f' cy="{_num(middle)}" r="3"/>'
                    )
                else:
                    self.add(self.piece(sample, middle))
            if kind == "uncertain":
                self.add(
                    f'<text class="legend" x="{_num(x + 31)}" y="{_num(line)}">'
                    f'<tspan class="q">?</tspan> {_xml(text)}</text>'
                )
            else:
                self.add(f'<text class="legend" x="{_num(x + 31)}" y="{_num(line)}">{_xml(text)}</text>')
        self.add("</g>")

    def unplaced(self) -> None:
        rows = self.layout._parts.unplaced
        if not rows:
            return
        heading_y = self.layout._parts.unplaced_heading
        self.add('<g class="unplaced">')
        self.add(f'<text class="heading" x="{_num(_MARGIN + 1)}" y="{_num(heading_y)}">Not on the axis:</text>')
        for event, text, y in rows:
            self.add(f'<g class="event unplaced" data-id="{_attr(data_id(event.id))}">')
            self.add(f"<title>{_xml(self.tooltip(event))}</title>")
            self.add(f'<text class="label" x="{_num(_MARGIN * 2 + 1)}" y="{_num(y)}">{_xml(text)}</text>')
            self.add("</g>")
        self.add("</g>")


def _ident(timeline: Timeline) -> str:
    """A prefix for the picture's ids, from its content, so that two pictures inlined in one page do not clash."""
    digest = hashlib.sha256()
    digest.update(timeline.title.encode("utf-8", "surrogatepass"))
    for event in timeline.events:
        digest.update(b"\x00" + event.id.encode("utf-8", "surrogatepass"))
    return "tl" + digest.hexdigest()[:8]


def write(
    timeline: Timeline,
    out: TextIO,
    *,
    width: int = 960,
    theme: Theme = "auto",
    lanes: Lanes = "group",
    between: When | str | None = None,
    newest_first: bool = False,
    font: Font = "sans",
    style: Style = "mdy",
) -> None:
    """Write ``timeline`` as a static SVG picture.

    Args:
        timeline: What to draw.
        out: A text stream.
        width: The picture's width in pixels, 320 to 10000; the height follows from the rows.
        theme: ``"light"``, ``"dark"``, or ``"auto"`` (light, and dark when the
            reader's system prefers it, through ``prefers-color-scheme``).
        lanes: One lane per ``"group"`` (the default), per first ``"tag"``, or ``"none"``.
        between: The dates to show, as EDTF (``"2021"``, ``"2021-03/2021-06"``,
            ``"2021-05/.."``): the axis spans them and events outside are left out;
            by default the axis spans every event.
        newest_first: Time runs from right to left, the newest on the left.
        font: ``"sans"``, ``"serif"`` or ``"mono"``; text is measured with that family's metrics.
        style: Dates in words as ``"mdy"`` ("May 31, 2021") or ``"dmy"`` ("31 May 2021").

    Warns:
        TimelineWarning: an event (or era) the axis cannot hold: it is listed under the picture.

    Raises:
        FormatError: an option has a value it cannot take.
    """
    options = _check_options(width, theme, lanes, between, newest_first, font, style)
    placed = _Layouter(timeline, options).run()
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(_Drawer(timeline, options, placed, _ident(timeline)).run())
