"""The one link-safety rule every writer uses: which URLs may become live links.

http, https and mailto URLs and relative references pass; anything else
(``javascript:``, ``vbscript:``, ``data:``, ``file:``, unknown schemes) is
written as text by the caller. Browsers ignore ASCII tabs and line breaks
inside a URL and strip leading control characters and spaces, so those are
removed before the scheme is read: ``"java\\tscript:"`` is still refused.
"""

from __future__ import annotations

import html
import re

__all__ = ["safe_url"]

_SAFE_SCHEME = re.compile(r"(?i)(?:https?|mailto):")
_ANY_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
# What the WHATWG URL parser removes before it looks for a scheme.
_IGNORED = re.compile(r"[\t\n\r]")
_LEADING = re.compile(r"^[\x00-\x20]+")
_BACKSLASHED = re.compile(r"\\([!-/:-@\[-`{-~])")


def safe_url(url: str) -> bool:
    """True for URLs that may go into a link: http(s), mailto or relative.

    >>> safe_url("https://example.org/a?b=1"), safe_url("../page.html"), safe_url("mailto:a@b.org")
    (True, True, True)
    >>> safe_url("javascript:alert(1)"), safe_url(" JaVa\\tScRiPt:x"), safe_url("data:text/html,x")
    (False, False, False)
    >>> safe_url("javascript&#58;alert(1)"), safe_url("javascript\\\\:alert(1)"), safe_url("?a=1&amp;b=2")
    (False, False, True)
    """
    if not isinstance(url, str):
        return False
    # Markdown and HTML decode character references in a destination and
    # Markdown drops backslashes before punctuation, so "javascript&#58;x"
    # and "javascript\\:x" become live: each reading must pass.
    readings = {url, html.unescape(url), _BACKSLASHED.sub(r"\1", url)}
    return all(_passes(reading) for reading in readings)


def _passes(url: str) -> bool:
    text = _LEADING.sub("", _IGNORED.sub("", url))
    if _SAFE_SCHEME.match(text):
        return True
    # A backslash or "<" at the start may be read as a path or markup by some renderers.
    return not _ANY_SCHEME.match(text) and not text.startswith(("<", "\\")) and text == url.strip()
