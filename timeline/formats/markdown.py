"""A Markdown chronology for GitHub, MkDocs or Sphinx (MyST), with an optional Mermaid diagram.

The page reads like an edited timeline: the title, the description, a
heading per year (and optionally per month), one entry per event with its
date in words (:func:`timeline.describe`), title, location, description
and tags, and the sources as footnotes. User text is escaped so that
nothing in it becomes markup, a link or live HTML; descriptions may opt in
to being Markdown with ``markdown_descriptions=True``.

Three renderers read Markdown differently, so the ``flavor`` option picks
one: ``gfm`` (GitHub and CommonMark, the default), ``mkdocs``
(Python-Markdown as MkDocs runs it: 4-space nesting, its narrower escapes,
its extensions' markup) and ``myst`` (MyST-Parser in Sphinx).

>>> from timeline import Timeline, dumps
>>> t = Timeline(title="Trip", events=[{"title": "Visit <b>*all*</b>", "when": "2021-06-07/2021-06-08"}])
>>> print(dumps(t, "markdown"))
# Trip
<BLANKLINE>
## 2021
<BLANKLINE>
- **June 7–8, 2021**: Visit \\<b\\>\\*all\\*\\</b\\>
<BLANKLINE>
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Final, TextIO

from timeline._describe import Style, capital, describe, year_heading, year_text
from timeline._event import Event, Source, Status
from timeline._timeline import Timeline
from timeline._when import Precision, When
from timeline.errors import FormatError, OutOfRangeError
from timeline.formats._links import safe_url
from timeline.formats._options import choice as _choice
from timeline.formats._options import flag as _flag

__all__ = ["OPTIONS", "escape", "mermaid_gantt", "mermaid_text", "mermaid_timeline", "write"]

_LAYOUTS: Final = ("list", "table")
_FLAVORS: Final = ("gfm", "mkdocs", "myst")


def _heading_level(text: str) -> int:
    if not text.strip().isdigit() or not 1 <= int(text) <= 4:
        raise ValueError(f"heading_level must be a whole number from 1 to 4, got {text!r}")
    return int(text)


OPTIONS: Mapping[str, Callable[[str], object]] = {
    "gantt": _flag,
    "group_sections": _flag,
    "heading_level": _heading_level,
    "layout": _choice("layout", _LAYOUTS),
    "markdown_descriptions": _flag,
    "mermaid": _flag,
    "months": _flag,
    "newest_first": _flag,
    "style": _choice("style", ("mdy", "dmy")),
    "flavor": _choice("flavor", _FLAVORS),
    "picture": str,
}

# Escaping -----------------------------------------------------------------

_LINE_BREAK_RE: Final = re.compile(r"\r\n?|\n")
# Characters that are markup anywhere in a line: emphasis, code, links,
# HTML, GFM strikethrough, inline footnotes (^[...] in some dialects), tables, autolinked e-mail addresses, ATX closers,
# entity references, and the colon of "https://" and the dot of "www." that
# GFM autolinks. An underscore between two letters or digits cannot open or
# close emphasis, so America/Mexico_City stays as it is.
_INLINE_RE: Final = re.compile(
    r"[\\`*\[\]<>~^|@#]|(?<![^\W_])_|_(?![^\W_])|&(?=#?[0-9A-Za-z]+;)|(?<=[A-Za-z])(?=://)|(?<=www)\."
    # A dot before two letters: linkify's fuzzy links (markdown-it, MyST) would make "notes.md" a link.
    r"|(?<=[^\W_])\.(?=[A-Za-z]{2})"
)
# Markup only at the start of a line: headings, quotes, list markers,
# setext underlines, ordered-list numbers; and for MyST (the Sphinx
# directive parses this output), comments (%), targets "(name)=", block
# breaks (+++), colon fences and definitions (:).
_LINE_START_RE: Final = re.compile(r"[-+=>%(:]|(?P<num>[0-9]{1,9})(?P<mark>[.)])")


def escape(text: str, flavor: str = "gfm") -> str:
    """``text`` as Markdown that renders it literally, on one line.

    Line breaks become spaces; characters that could start markup, a link,
    an autolink or HTML are escaped: with a backslash in CommonMark (``gfm``,
    ``myst``), which allows one before any ASCII punctuation; for
    Python-Markdown (``mkdocs``), which takes a backslash before only a few
    characters, the others become character references.

    >>> print(escape("<script>alert(1)</script> *bold* [x](y) `code`"))
    \\<script\\>alert(1)\\</script\\> \\*bold\\* \\[x\\](y) \\`code\\`
    >>> print(escape("# 1. not a heading"), escape("see https://example.org"))
    \\# 1. not a heading see https\\://example\\.org
    >>> print(escape("<b> ~~x~~ a==b -- :smile:", "mkdocs"))
    &lt;b&gt; &#126;&#126;x&#126;&#126; a&#61;&#61;b \\-\\- &#58;smile:
    """
    if "\n" not in text and "\r" not in text:  # one line already, as most text is
        return _line(text.strip(), flavor)
    one_line = " ".join(part.strip() for part in _LINE_BREAK_RE.split(text))
    return _line(one_line.strip(), flavor)


# Python-Markdown: the characters its backslash escapes, and the others that
# are markup in it or in the extensions MkDocs sites enable (pymdownx tilde,
# caret, mark, keys, critic, emoji, magiclink; smarty; def_list; abbr), given as
# character references, which every one of them leaves alone.
_MKDOCS_INLINE_RE: Final = re.compile(
    r"[\\`*\[\]{}>#+!<~^|@=$\"']|(?<![^\W_])_|_(?![^\W_])|&(?=#?[0-9A-Za-z]+;)|:(?=\S)"
    r"|(?<=-)-|-(?=-)|(?<=\.)\.|\.(?=\.)|(?<=www)\."
    # smartsymbols: (c) (r) (tm), fractions such as 1/4, c/o, and ordinals such as 20th.
    r"|\((?=(?:c|r|tm)\))|(?<=[0-9c])/(?=[0-9o])|(?<=[0-9])[snrt](?=[tdh]\b)",
    re.IGNORECASE,
)
_MKDOCS_REFERENCES: Final = {
    "<": "&lt;", ">": "&gt;", "&": "&amp;", "~": "&#126;", "^": "&#94;", "|": "&#124;", "@": "&#64;",
    "=": "&#61;", "$": "&#36;", '"': "&quot;", "'": "&#39;", ":": "&#58;",
    # Brackets as references: arithmatex reads a backslash before one as math.
    "[": "&#91;", "]": "&#93;",
}  # fmt: skip
_CONTROL_RE: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MKDOCS_LINE_START_RE: Final = re.compile(r"[-+*]|(?P<num>[0-9]{1,9})(?P<mark>[.)])")
# MyST adds roles and substitutions ({...}) and, where enabled, dollar math and
# markdown-it's typographer (smartquotes, replacements: "--", "...", "(c)", "+-",
# "!!!!"), which leaves escaped characters alone.
_MYST_EXTRA_RE: Final = re.compile(
    r"[{}$'\"]|(?<=-)-|-(?=-)|(?<=\.)\.|\.(?=\.)|[!?,](?=[!?,.])|\((?=(?:c|r|tm|p)\))|\+(?=-)", re.IGNORECASE
)


def _line(text: str, flavor: str = "gfm") -> str:
    """One line of user text, escaped, with its start made harmless."""
    text = text.replace("\t", " ")
    if flavor == "mkdocs":
        # Python-Markdown marks its placeholders with STX and ETX; control characters in user text would corrupt them.
        text = _CONTROL_RE.sub("\ufffd", text)
        text = _MKDOCS_INLINE_RE.sub(_mkdocs_match, text)
        match = _MKDOCS_LINE_START_RE.match(text)
        if match is None:
            return text
        if match.group("num") is not None:
            return f"{match.group('num')}\\{match.group('mark')}{text[match.end() :]}"
        return "\\" + text
    text = _INLINE_RE.sub(_escape_match, text)
    if flavor == "myst":
        text = _MYST_EXTRA_RE.sub(_escape_match, text)
    match = _LINE_START_RE.match(text)
    if match is None:
        return text
    if match.group("num") is not None:
        return f"{match.group('num')}\\{match.group('mark')}{text[match.end() :]}"
    return "\\" + text


def _mkdocs_match(match: re.Match[str]) -> str:
    found = match.group()
    if found.isalpha() or found in "(/":
        return f"&#{ord(found)};"
    return _MKDOCS_REFERENCES.get(found) or "\\" + found


def _escape_match(match: re.Match[str]) -> str:
    # The empty match before "://" puts the backslash in front of the colon.
    return "\\" + match.group()


def _paragraphs(text: str, flavor: str = "gfm") -> list[list[str]]:
    """User text as paragraphs of escaped lines; blank lines separate paragraphs."""
    paragraphs: list[list[str]] = [[]]
    for raw in _LINE_BREAK_RE.split(text):
        line = raw.strip()
        if not line:
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        paragraphs[-1].append(_line(line, flavor))
    return [p for p in paragraphs if p]


def _markdown_paragraphs(text: str) -> list[list[str]]:
    """Trusted Markdown, kept as written apart from line endings and surrounding blank lines."""
    lines = [line.rstrip() for line in _LINE_BREAK_RE.split(text.strip("\r\n"))]
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [p for p in paragraphs if p]


def _destination(url: str) -> str:
    """A link destination in angle brackets, with what cannot go there percent-encoded.

    ``|`` too, which would split a table row, and ``&`` becomes ``&amp;``
    so that no character reference in the URL is decoded.
    """
    encoded = re.sub(r"[\s<>\\|]", lambda m: f"%{ord(m.group()):02X}", url)
    return "<" + encoded.replace("&", "&amp;") + ">"


def _link(text: str, url: str, shown: str) -> str:
    """``text`` linked to ``url`` when the link rule lets it be live, else ``shown`` (the URL as text) after it."""
    if safe_url(url):
        return f"[{text}]({_destination(url)})"
    return f"{text} ({shown})" if text != shown else text


# Mermaid ------------------------------------------------------------------

# Mermaid reads "#code;" as the character with that code; these are the
# characters its grammars treat as syntax (":" splits periods from events,
# "#" starts an entity, ";" ends statements, "%%" comments) or that reach
# its HTML labels.
_MERMAID_CODES: Final = {ch: f"#{ord(ch)};" for ch in ':#;%<>&"`{}[]()\\'}
# Every line and paragraph separator, which would end a Mermaid statement.
_MERMAID_BREAK_RE: Final = re.compile("[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")
_MERMAID_RE: Final = re.compile("[" + re.escape("".join(_MERMAID_CODES)) + "]")


def mermaid_text(text: str) -> str:
    """User text for a Mermaid diagram: one line, syntax characters as entity codes.

    >>> mermaid_text("Talks: #1; 50% <b>")
    'Talks#58; #35;1#59; 50#37; #60;b#62;'
    """
    one_line = " ".join(part.strip() for part in _MERMAID_BREAK_RE.split(text)).strip()
    return _MERMAID_RE.sub(lambda m: _MERMAID_CODES[m.group()], one_line) or "#160;"


def mermaid_timeline(timeline: Timeline, *, style: Style = "mdy", newest_first: bool = False) -> str:
    """The ``timeline`` diagram of Mermaid: a section per year, a period per date.

    Events that share a date (as written in words) share a period.

    >>> from timeline import Timeline
    >>> t = Timeline(title="T", events=[{"title": "A: x", "when": "2021-05"}, {"title": "B", "when": "2021-05"}])
    >>> print(mermaid_timeline(t))
    timeline
        title T
        section 2021
            May 2021 : A#58; x : B
    """
    lines = ["timeline"]
    if timeline.title.strip():
        lines.append(f"    title {mermaid_text(timeline.title)}")
    for label, events in _sections(_ordered(timeline, newest_first), style):
        lines.append(f"    section {mermaid_text(label)}")
        period: str | None = None
        for event in events:
            when = mermaid_text(_date(event, timeline, style))
            if when == period:
                lines[-1] += f" : {mermaid_text(event.title)}"
            else:
                lines.append(f"        {when} : {mermaid_text(event.title)}")
                period = when
    return "\n".join(lines)


def mermaid_gantt(timeline: Timeline, *, style: Style = "mdy", newest_first: bool = False) -> str | None:
    """A Mermaid ``gantt`` chart of the events that span days: intervals and anything coarser than a day.

    Each bar runs over the calendar days the event may cover. Events with an
    unknown or open end, or outside the years 1-9999, have no bar. None when
    no event has one.

    >>> from timeline import Timeline
    >>> t = Timeline(title="T", events=[{"title": "Visit", "when": "2021-06-07/2021-06-08"}])
    >>> print(mermaid_gantt(t))
    gantt
        title T
        dateFormat YYYY-MM-DD
        section 2021
            June 7–8, 2021#58; Visit : 2021-06-07, 2021-06-09
    """
    lines = ["gantt"]
    if timeline.title.strip():
        lines.append(f"    title {mermaid_text(timeline.title)}")
    lines.append("    dateFormat YYYY-MM-DD")
    bars = 0
    for label, events in _sections(_ordered(timeline, newest_first), style):
        rows = []
        for event in events:
            span = _day_span(event.when)
            if span is None:
                continue
            # The date first: a task name must not start with a gantt keyword ("section", "click").
            name = mermaid_text(f"{_date(event, timeline, style)}: {event.title}")
            rows.append(f"        {name} : {span[0]}, {span[1]}")
        if rows:
            lines.append(f"    section {mermaid_text(label)}")
            lines.extend(rows)
            bars += len(rows)
    return "\n".join(lines) if bars else None


def _day_span(when: When) -> tuple[str, str] | None:
    if when.precision > Precision.DAY or (not when.is_interval and not when.is_set and when.precision is Precision.DAY):
        return None  # a single day or a time of day is a point, not a bar; a set's bar spans its bounds
    try:
        span = when.date_span()
    except OutOfRangeError:
        return None
    if span is None:
        return None
    return span[0].isoformat(), span[1].isoformat()


# The chronology -------------------------------------------------------------


def _ordered(timeline: Timeline, newest_first: bool) -> tuple[Event, ...]:
    return tuple(reversed(timeline.events)) if newest_first else timeline.events


def _date(event: Event, timeline: Timeline, style: Style) -> str:
    return describe(event.when, style=style, tz=event.tz or timeline.tz, recurrence=event.recurrence)


def _entry_date(event: Event, timeline: Timeline, style: Style) -> str:
    """The date that opens an entry, with a capital."""
    return capital(_date(event, timeline, style))


def _month_label(event: Event, style: Style) -> str | None:
    start = event.when.start
    if start is None or start.month is None or start.year is None or start.significant_digits is not None:
        return None
    return describe(f"{year_text(start)}-{start.month:02d}", style=style)


def _sections(events: Iterable[Event], style: Style) -> list[tuple[str, list[Event]]]:
    """Events under their year headings, headings in order of first appearance.

    Keying on the heading's words rather than on consecutive runs means no
    heading appears twice, even when a decade (``196X``) sorts between two
    events of 1960.
    """
    sections: dict[str, list[Event]] = {}
    for event in events:
        sections.setdefault(year_heading(event.when, style), []).append(event)
    return list(sections.items())


def _groups(events: Iterable[Event]) -> list[tuple[str | None, list[Event]]]:
    groups: dict[str | None, list[Event]] = {}
    for event in events:
        groups.setdefault(event.group, []).append(event)
    return list(groups.items())


class _Writer:
    """One write: the options, and the footnotes gathered on the way."""

    def __init__(
        self,
        timeline: Timeline,
        *,
        layout: str,
        heading_level: int,
        months: bool,
        group_sections: bool,
        markdown_descriptions: bool,
        style: Style,
        flavor: str = "gfm",
    ) -> None:
        self.timeline = timeline
        self.table = layout == "table"
        self.level = heading_level
        self.months = months
        self.group_sections = group_sections
        self.markdown = markdown_descriptions
        self.style: Style = style
        self.flavor = flavor
        # Python-Markdown nests a block in a list item only when indented by 4 spaces.
        self.indent = "    " if flavor == "mkdocs" else "  "
        self.notes: dict[Source, int] = {}
        self.blocks: _Blocks  # given by write: each block goes out as it is made

    def escape(self, text: str) -> str:
        return escape(text, self.flavor)

    def heading(self, depth: int, text: str) -> None:
        # A heading of nothing but spaces would be empty; a dash stands in for it.
        self.blocks.append(f"{'#' * (self.level + depth)} {self.escape(text) or '-'}")

    def note(self, source: Source) -> str:
        number = self.notes.setdefault(source, len(self.notes) + 1)
        return f"[^{number}]"

    def events(self, events: list[Event], depth: int) -> None:
        for label, in_year in _sections(events, self.style):
            self.heading(depth, label)
            if not self.months:
                self.entries(in_year)
                continue
            by_month: dict[str | None, list[Event]] = {}
            for event in in_year:
                by_month.setdefault(_month_label(event, self.style), []).append(event)
            if None in by_month:
                self.entries(by_month.pop(None))
            for month, in_month in by_month.items():
                assert month is not None
                self.heading(depth + 1, month)
                self.entries(in_month)

    def entries(self, events: list[Event]) -> None:
        if self.table:
            head = ["| Date | Event | Location | Details |", "| --- | --- | --- | --- |"]
            self.blocks.append_lines(itertools.chain(head, (self.row(event) for event in events)))
        else:
            # Line by line: a year of 30,000 entries is never one string, nor a list of them.
            self.blocks.append_lines(self.item(event) for event in events)

    def title(self, event: Event) -> str:
        title = self.escape(event.title)
        if event.url is not None:
            title = _link(title, event.url, self.escape(event.url))
        if event.status is Status.TENTATIVE:
            title += " (tentative)"
        elif event.status is Status.CANCELLED:
            # GFM strikes through with ~~. Python-Markdown needs an extension for that, and MyST's
            # strikethrough warns outside HTML; inline <del> is struck in HTML and dropped elsewhere,
            # where "(cancelled)" still says it.
            title = f"~~{title}~~ (cancelled)" if self.flavor == "gfm" else f"<del>{title}</del> (cancelled)"
        return title + "".join(self.note(source) for source in event.sources)

    def facts(self, event: Event) -> list[str]:
        facts = []
        if event.location is not None and event.location.strip():
            facts.append(f"Location: {self.escape(event.location)}")
        if event.group is not None and event.group.strip() and not self.group_sections:
            facts.append(f"Group: {self.escape(event.group)}")
        tags = [self.escape(tag) for tag in event.tags if tag.strip()]
        if tags:
            facts.append(f"Tags: {', '.join(tags)}")
        return facts

    def description(self, event: Event) -> list[list[str]]:
        if event.description is None:
            return []
        if self.markdown:
            return _markdown_paragraphs(event.description)
        return _paragraphs(event.description, self.flavor)

    def item(self, event: Event) -> str:
        date = self.escape(_entry_date(event, self.timeline, self.style))
        lines = [f"- **{date}**: {self.title(event)}"]
        facts = self.facts(event)
        if facts:
            lines += ["", self.indent + " · ".join(facts)]
        for paragraph in self.description(event):
            lines.append("")
            lines.extend(f"{self.indent}{line}" if line else "" for line in paragraph)
        # A loose item (one with paragraphs) stands apart from the next one.
        return "\n".join(lines) + ("\n" if len(lines) > 1 else "")

    def row(self, event: Event) -> str:
        date = self.escape(_entry_date(event, self.timeline, self.style))
        details = self.facts(event)
        for paragraph in self.description(event):
            text = " ".join(line.strip() for line in paragraph)
            # In a table cell even trusted Markdown stays on one line, pipes escaped.
            details.append(text.replace("|", "\\|") if self.markdown else text)
        location = self.escape(event.location or "")
        facts = [fact for fact in details if not fact.startswith("Location: ")]
        cells = [date, self.title(event), location, " · ".join(facts)]
        # One space either side of each cell, one alone in an empty one (markdownlint's compact style).
        return "|" + "|".join(f" {cell} " if cell else " " for cell in cells) + "|"

    def footnotes(self) -> None:
        if not self.notes:
            return
        lines = []
        for source, number in self.notes.items():
            lines.append(f"[^{number}]: {self.cite(source)}")
        self.blocks.append("\n".join(lines))

    def cite(self, source: Source) -> str:
        parts = []
        name = self.escape(source.title) if source.title else None
        if source.url is not None:
            shown = self.escape(source.url)
            parts.append(_link(name or shown, source.url, shown))
        elif name:
            parts.append(name)
        if source.publisher is not None and source.publisher.strip():
            parts.append(self.escape(source.publisher))
        if source.date is not None:
            parts.append(self.escape(describe(source.date, style=self.style)))
        return ", ".join(parts)


def write(
    timeline: Timeline,
    out: TextIO,
    *,
    layout: str = "list",
    heading_level: int = 1,
    months: bool = False,
    newest_first: bool = False,
    group_sections: bool = False,
    markdown_descriptions: bool = False,
    mermaid: bool = False,
    gantt: bool = False,
    style: Style = "mdy",
    flavor: str = "gfm",
    picture: str | None = None,
) -> None:
    """Write ``timeline`` as a Markdown chronology.

    Args:
        timeline: What to write.
        out: A text stream.
        layout: ``"list"`` (an entry per event, with its description in
            paragraphs) or ``"table"`` (a row per event under each heading).
        heading_level: The level of the title heading, 1 to 4; years go one
            level below it and months two, so that the chronology can sit
            inside a larger page.
        months: A heading per month inside each year.
        newest_first: The latest events first.
        group_sections: A heading per group (in order of first appearance),
            with the years below it.
        markdown_descriptions: Descriptions are Markdown and kept as written;
            by default they are plain text and escaped like every other field.
        mermaid: A Mermaid ``timeline`` diagram before the entries.
        gantt: A Mermaid ``gantt`` chart of the events that span days.
        style: ``"mdy"`` ("May 31, 2021") or ``"dmy"`` ("31 May 2021").
        flavor: The renderer the page is for: ``"gfm"`` (GitHub, CommonMark),
            ``"mkdocs"`` (Python-Markdown in MkDocs: continuation lines
            indented by 4, user text escaped with character references where
            a backslash does not work) or ``"myst"`` (MyST in Sphinx: roles,
            substitutions and dollar math escaped too). Cancelled events are
            struck with ``~~`` in GFM and with inline ``<del>`` in the others,
            which builders other than HTML leave out ("(cancelled)" remains).
        picture: The path or URL of the timeline's picture (the ``svg``
            format's file, say), shown as an image under the title; it
            must pass the shared link rule (http, https or relative).

    Raises:
        FormatError: an option has a value it cannot take.
    """
    _check(
        picture is None
        or (isinstance(picture, str) and bool(picture.strip()) and safe_url(picture) and _encodes(picture)),
        "picture",
        picture,
        "the path or URL of an image (relative, http or https)",
    )
    _check(layout in _LAYOUTS, "layout", layout, "'list' or 'table'")
    _check(type(heading_level) is int and 1 <= heading_level <= 4, "heading_level", heading_level, "1 to 4")
    for name, flag in (
        ("months", months),
        ("newest_first", newest_first),
        ("group_sections", group_sections),
        ("markdown_descriptions", markdown_descriptions),
        ("mermaid", mermaid),
        ("gantt", gantt),
    ):
        _check(type(flag) is bool, name, flag, "True or False")
    _check(style in ("mdy", "dmy"), "style", style, "'mdy' or 'dmy'")
    _check(flavor in _FLAVORS, "flavor", flavor, "'gfm', 'mkdocs' or 'myst'")
    writer = _Writer(
        timeline,
        layout=layout,
        heading_level=heading_level,
        months=months,
        group_sections=group_sections,
        markdown_descriptions=markdown_descriptions,
        style=style,
        flavor=flavor,
    )
    blocks = _Blocks(out)
    writer.blocks = blocks
    if timeline.title.strip():
        writer.heading(0, timeline.title)
    if timeline.description is not None and timeline.description.strip():
        for paragraph in _paragraphs(timeline.description, flavor):
            writer.blocks.append("\n".join(paragraph))
    if picture is not None:
        title = timeline.title.strip()
        alt = f"A picture of the timeline {title}" if title else "A picture of the timeline"
        writer.blocks.append(f"![{escape(alt, flavor)}]({_destination(picture.strip())})")
    events = list(_ordered(timeline, newest_first))
    if mermaid and events:
        writer.blocks.append(f"```mermaid\n{mermaid_timeline(timeline, style=style, newest_first=newest_first)}\n```")
    chart = mermaid_gantt(timeline, style=style, newest_first=newest_first) if gantt else None
    if chart is not None:
        writer.blocks.append(f"```mermaid\n{chart}\n```")
    if group_sections:
        for group, in_group in _groups(events):
            writer.heading(1, group if group is not None and group.strip() else "Other events")
            writer.events(in_group, 2)
    else:
        writer.events(events, 1)
    writer.footnotes()
    blocks.close()


class _Blocks:
    """The page's blocks, written to ``out`` as they are appended, a blank line between them."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.first = True

    def append(self, block: str) -> None:
        self.append_lines((block,))

    def append_lines(self, lines: Iterable[str]) -> None:
        """The block ``"\\n".join(lines)``, written a line at a time (the same bytes)."""
        write = self.out.write
        if not self.first:
            write("\n\n")
        self.first = False
        previous = None
        for line in lines:
            if previous is not None:
                write(previous)
                write("\n")
            previous = line
        if previous is not None:
            write(previous.rstrip("\n"))

    def close(self) -> None:
        self.out.write("\n")


def _encodes(text: str) -> bool:
    """False for text UTF-8 cannot hold (a lone surrogate)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _check(ok: bool, name: str, value: object, expected: str) -> None:
    if not ok:
        raise FormatError(f"the markdown option {name!r} must be {expected}, got {value!r}")
