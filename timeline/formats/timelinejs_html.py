"""A standalone HTML page that draws the timeline with TimelineJS, the data inline and a plain chronology beside it."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Mapping
from typing import Any, Final, TextIO

from timeline._describe import capital, describe
from timeline._event import Status
from timeline._timeline import Timeline
from timeline.errors import FormatError
from timeline.formats._links import safe_url
from timeline.formats._options import choice as _choice
from timeline.formats._options import flag as _flag
from timeline.formats._slides import CANCELLED, UNPLACEABLE, drawable, slides_of

__all__ = ["CDN", "INTEGRITY", "OPTIONS", "TIMELINEJS_VERSION", "write"]

TIMELINEJS_VERSION: Final = "3.9.11"
"""The TimelineJS release the page loads by default; the npm package of that version holds the same files."""
CDN: Final = f"https://cdn.jsdelivr.net/npm/@knight-lab/timelinejs@{TIMELINEJS_VERSION}/dist"
"""Where the page loads TimelineJS from, unless told otherwise: that release's files from npm, via jsDelivr."""
INTEGRITY: Final = {
    "js/timeline.js": "sha384-ebXaDxSzM81wf7NgGfgSQEGKiNdtpvKrnRBVNY2x7ezzLKnvkjGI6QHF2VmLwsG3",
    "css/timeline.css": "sha384-boDF6Nd/No9fGBo1BlF2eLCnex+ILqI/6O7gE0MoOioYo7gWdq9LbFxD94ebGlBB",
}
"""Subresource Integrity hashes of the release's files (make check-timelinejs recomputes them from npm)."""

# https only (a page served over https cannot load http), or a path: /x, ./x, ../x, or a bare relative name.
_BASE_RE = re.compile(
    r"https://[^\s\"'<>\\]+|/[^\s\"'<>\\/][^\s\"'<>\\]*|/|\.{1,2}(?:/[^\s\"'<>\\]*)?|[A-Za-z0-9_][^\s\"'<>\\:]*"
)
# In a <script> element, these would end the element or start a comment; as
# JSON escapes they mean the same characters to JSON.parse.
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_LANGUAGE_RE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
_FONT_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}|https://[^\s\"'<>\\]+\.css")
_POSITIONS = ("bottom", "top")


def _cdn(text: str) -> str:
    if not _BASE_RE.fullmatch(text) or not safe_url(text):
        raise ValueError(f"cdn must be an https URL or a local path, got {text!r}")
    return text


def _whole(name: str, low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        if not re.fullmatch(r"-?[0-9]{1,6}", text.strip()) or not low <= int(text) <= high:
            raise ValueError(f"{name} must be a whole number from {low} to {high}, got {text!r}")
        return int(text)

    return parse


def _scale_factor(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0.1 <= value <= 10:
        raise ValueError(f"scale_factor must be a number from 0.1 to 10, got {text!r}")
    return value


def _matching(name: str, pattern: re.Pattern[str], what: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if not pattern.fullmatch(text):
            raise ValueError(f"{name} must be {what}, got {text!r}")
        return text

    return parse


OPTIONS: Mapping[str, Callable[[str], object]] = {
    "cdn": _cdn,
    "unplaceable": _choice("unplaceable", UNPLACEABLE),
    "cancelled": _choice("cancelled", CANCELLED),
    "language": _matching("language", _LANGUAGE_RE, "a language code such as 'en' or 'pt-br'"),
    "hash_bookmark": _flag,
    "start_at_end": _flag,
    "initial_zoom": _whole("initial_zoom", 0, 20),
    "timenav_position": _choice("timenav_position", _POSITIONS),
    "scale_factor": _scale_factor,
    "font": _matching("font", _FONT_RE, "a TimelineJS font pair name or an https URL of a .css file"),
    "height": _whole("height", 200, 10000),
}


def script_json(data: object) -> str:
    """``data`` as JSON that is safe inside an HTML ``<script>`` element.

    >>> script_json({"title": "</script><!--"})
    '{"title": "\\\\u003c/script\\\\u003e\\\\u003c!--"}'
    """
    text = json.dumps(data, ensure_ascii=False, allow_nan=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_UNSAFE[m.group()], text)


def _check(ok: bool, name: str, value: object, expected: str) -> None:
    if not ok:
        raise FormatError(f"the timelinejs-html option {name!r} must be {expected}, got {value!r}")


def _checked(name: str, value: object, parse: Callable[[str], object], kind: type) -> None:
    _check(type(value) is kind or (kind is float and type(value) is int), name, value, f"a {kind.__name__}")
    try:
        parse(str(value).lower() if kind is bool else str(value))
    except ValueError as exc:
        raise FormatError(f"the timelinejs-html option {name!r}: {exc}") from exc


def noscript_html(timeline: Timeline, events: list[Any]) -> str:
    """The chronology as plain HTML: dates in words, titles (linked where safe), status, descriptions."""
    lines = ['<noscript><div class="timeline-plain">']
    if timeline.title.strip():
        lines.append(f"<h1>{html.escape(timeline.title)}</h1>")
    if timeline.description and timeline.description.strip():
        lines.append(f"<p>{html.escape(timeline.description)}</p>")
    lines.append("<ol>")
    for _, event in events:
        date = capital(describe(event.when, tz=event.tz or timeline.tz, recurrence=event.recurrence))
        title = html.escape(event.title)
        if event.url is not None and safe_url(event.url):
            title = f'<a href="{html.escape(event.url)}">{title}</a>'
        if event.status is Status.TENTATIVE:
            title += " (tentative)"
        elif event.status is Status.CANCELLED:
            title = f"<s>{title}</s> (cancelled)"
        item = f"<li><strong>{html.escape(date)}</strong>: {title}"
        if event.location and event.location.strip():
            item += f"<br>{html.escape(event.location)}"
        if event.description and event.description.strip():
            item += f"<p>{html.escape(event.description)}</p>"
        lines.append(item + "</li>")
    lines.append("</ol></div></noscript>")
    return "\n".join(lines)


def write(
    timeline: Timeline,
    out: TextIO,
    *,
    cdn: str = CDN,
    unplaceable: str = "omit",
    cancelled: str = "strike",
    language: str = "en",
    hash_bookmark: bool = False,
    start_at_end: bool = False,
    initial_zoom: int | None = None,
    timenav_position: str = "bottom",
    scale_factor: float = 2,
    font: str | None = None,
    height: int | None = None,
) -> None:
    """Write one HTML page that loads TimelineJS and draws ``timeline``.

    Args:
        timeline: What to draw.
        out: A text stream.
        cdn: The base URL of TimelineJS's ``js/timeline.js`` and
            ``css/timeline.css``: an https URL or a local path. By default
            the pinned release (:data:`TIMELINEJS_VERSION`) from jsDelivr's
            npm mirror, loaded with Subresource Integrity hashes; a base of
            your own is loaded without them.
        unplaceable: ``"omit"`` (default) leaves out, with a
            ``TimelineWarning`` naming the event, events whose date an axis
            cannot place (an unknown or open end, a year known to no better
            than a century, a year beyond 2**53); ``"keep"`` draws them where
            TimelineJS puts them.
        cancelled: ``"strike"`` (default) strikes cancelled headlines
            through and adds "(cancelled)"; ``"omit"`` leaves them out.
            Tentative headlines always say "(tentative)".
        language: TimelineJS's interface language (``"en"``, ``"fr"``, ``"pt-br"``...).
        hash_bookmark: Put the current slide in the address (``#event-ID``).
        start_at_end: Open on the last slide.
        initial_zoom: TimelineJS's zoom level to start at (0-20).
        timenav_position: ``"bottom"`` (default) or ``"top"``.
        scale_factor: How many screen widths the axis spans at first (0.1-10).
        font: A TimelineJS font pair (``"georgia-helvetica"``...) or an https URL of a .css file.
        height: The page's height in pixels (200-10000); the whole window by default.

    A timeline with no events to draw gives a ``TimelineWarning`` and a page
    that says so. Every page holds the chronology as plain HTML in a
    ``<noscript>`` element, for readers without JavaScript and search engines.

    Raises:
        FormatError: an option has a value it cannot take.
    """
    _check(
        isinstance(cdn, str) and bool(_BASE_RE.fullmatch(cdn)) and safe_url(cdn),
        "cdn",
        cdn,
        "an https URL or a local path",
    )
    _check(unplaceable in UNPLACEABLE, "unplaceable", unplaceable, "'omit' or 'keep'")
    _check(cancelled in CANCELLED, "cancelled", cancelled, "'strike' or 'omit'")
    _check(isinstance(language, str) and bool(_LANGUAGE_RE.fullmatch(language)), "language", language, "a code")
    for name, flag in (("hash_bookmark", hash_bookmark), ("start_at_end", start_at_end)):
        _check(type(flag) is bool, name, flag, "True or False")
    if initial_zoom is not None:
        _checked("initial_zoom", initial_zoom, OPTIONS["initial_zoom"], int)
    _check(timenav_position in _POSITIONS, "timenav_position", timenav_position, "'bottom' or 'top'")
    _checked("scale_factor", scale_factor, OPTIONS["scale_factor"], float)
    _check(font is None or (isinstance(font, str) and bool(_FONT_RE.fullmatch(font))), "font", font, "a font pair")
    if height is not None:
        _checked("height", height, OPTIONS["height"], int)
    events = drawable(timeline, unplaceable_dates=unplaceable, cancelled=cancelled)
    base = html.escape(cdn.rstrip("/"), quote=True)
    title = html.escape(timeline.title or "Timeline", quote=False)
    size = f"{height}px" if height is not None else "100%"
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{html.escape(language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
    ]
    body: list[str] = []
    if events:
        pinned = cdn.rstrip("/") == CDN
        css = f' integrity="{INTEGRITY["css/timeline.css"]}" crossorigin="anonymous"' if pinned else ""
        js = f' integrity="{INTEGRITY["js/timeline.js"]}" crossorigin="anonymous"' if pinned else ""
        head += [
            f'<link rel="stylesheet" href="{base}/css/timeline.css"{css}>',
            f'<script src="{base}/js/timeline.js"{js}></script>',
        ]
        settings: dict[str, object] = {
            # TimelineJS loads its fonts and language files relative to this; without it, from the
            # "latest" build on Knight Lab's CDN, whatever release the page pinned.
            "script_path": f"{cdn.rstrip('/')}/js/",
            "language": language,
            "hash_bookmark": hash_bookmark,
            "start_at_end": start_at_end,
            "timenav_position": timenav_position,
            "scale_factor": scale_factor,
        }
        if initial_zoom is not None:
            settings["initial_zoom"] = initial_zoom
        if font is not None:
            settings["font"] = font
        data = slides_of(timeline, status=True, events=events)
        body += [
            '<div id="timeline-embed"></div>',
            f'<script type="application/json" id="timeline-data">{script_json(data)}</script>',
            f'<script type="application/json" id="timeline-options">{script_json(settings)}</script>',
            "<script>",
            'var data = JSON.parse(document.getElementById("timeline-data").textContent);',
            'var options = JSON.parse(document.getElementById("timeline-options").textContent);',
            'window.timeline = new TL.Timeline("timeline-embed", data, options);',
            "</script>",
        ]
    else:
        body.append('<p class="timeline-empty">There are no events in this timeline.</p>')
    head.append(
        f"<style>html, body {{ height: 100%; margin: 0; }} #timeline-embed {{ width: 100%; height: {size}; }}</style>"
    )
    out.write("\n".join([*head, "</head>", "<body>", *body, noscript_html(timeline, events), "</body>", "</html>", ""]))
