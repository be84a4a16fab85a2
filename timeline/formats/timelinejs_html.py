"""A standalone HTML page that draws the timeline with TimelineJS, the data inline."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Mapping
from typing import TextIO

from timeline._timeline import Timeline
from timeline.errors import FormatError
from timeline.formats._links import safe_url
from timeline.formats._slides import slides_of

__all__ = ["CDN", "OPTIONS", "write"]

CDN = "https://cdn.knightlab.com/libs/timeline3/latest"
"""Where the page loads TimelineJS from, unless told otherwise: Knight Lab's CDN."""

_BASE_RE = re.compile(r"(?:https?://[^\s\"'<>\\]+|/[^\s\"'<>\\]*|\.{1,2}(?:/[^\s\"'<>\\]*)?)")
# In a <script> element, these would end the element or start a comment; as
# JSON escapes they mean the same characters to JSON.parse.
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _cdn(text: str) -> str:
    if not _BASE_RE.fullmatch(text) or not safe_url(text):
        raise ValueError(f"cdn must be an http(s) URL or a path, got {text!r}")
    return text


OPTIONS: Mapping[str, Callable[[str], object]] = {"cdn": _cdn}


def script_json(data: object) -> str:
    """``data`` as JSON that is safe inside an HTML ``<script>`` element.

    >>> script_json({"title": "</script><!--"})
    '{"title": "\\\\u003c/script\\\\u003e\\\\u003c!--"}'
    """
    text = json.dumps(data, ensure_ascii=False, allow_nan=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_UNSAFE[m.group()], text)


def write(timeline: Timeline, out: TextIO, *, cdn: str = CDN) -> None:
    """Write one HTML page that loads TimelineJS and draws ``timeline``.

    Args:
        timeline: What to draw.
        out: A text stream.
        cdn: The base URL of TimelineJS's ``js/timeline.js`` and
            ``css/timeline.css``; Knight Lab's CDN unless given (a copy
            you host yourself, say).

    Raises:
        FormatError: ``cdn`` is not an http(s) URL or a path.
    """
    if not isinstance(cdn, str) or not _BASE_RE.fullmatch(cdn) or not safe_url(cdn):
        raise FormatError(f"the timelinejs-html option 'cdn' must be an http(s) URL or a path, got {cdn!r}")
    base = html.escape(cdn.rstrip("/"), quote=True)
    title = html.escape(timeline.title or "Timeline", quote=False)
    out.write(
        "<!DOCTYPE html>\n"
        '<html lang="en">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n"
        f'<link rel="stylesheet" href="{base}/css/timeline.css">\n'
        f'<script src="{base}/js/timeline.js"></script>\n'
        "<style>html, body { height: 100%; margin: 0; } #timeline-embed { width: 100%; height: 100%; }</style>\n"
        "</head>\n"
        "<body>\n"
        '<div id="timeline-embed"></div>\n'
        '<script type="application/json" id="timeline-data">'
        f"{script_json(slides_of(timeline))}"
        "</script>\n"
        "<script>\n"
        'var data = JSON.parse(document.getElementById("timeline-data").textContent);\n'
        'window.timeline = new TL.Timeline("timeline-embed", data);\n'
        "</script>\n"
        "</body>\n"
        "</html>\n"
    )
