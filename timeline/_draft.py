"""A draft timeline from an article: one tentative event per sentence that holds a date.

Used by ``timeline draft``. Built on the public phrase API
(:func:`timeline.find_dates`); the draft is meant to be edited by hand
(written as TOML by default), then published with ``timeline convert``.
"""

from __future__ import annotations

import re
from datetime import date

from timeline._timeline import Timeline

__all__ = ["draft", "headline"]

_TITLE_LENGTH = 80
_BYLINE = re.compile(r"(?i)^(?:by\s|updated\b|published\b|posted\b|photo\b|image\b|\W*$)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def shorten(text: str, limit: int = _TITLE_LENGTH) -> str:
    """``text`` on one line, cut at a word boundary with an ellipsis if longer than ``limit``."""
    words = " ".join(text.split())
    if len(words) <= limit:
        return words
    cut = words[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:-–—")
    return cut + "…"


def headline(text: str) -> str:
    """The article's headline: its first line that reads as one, else the start of its first sentence.

    A headline is a line of at most 120 characters that is not a byline or a
    date line and does not end as a sentence does; Markdown's ``#`` marks are
    dropped.

    >>> headline("# Harris heads to Guatemala\\nBy A. Writer\\n\\nThe vice president left on Sunday.")
    'Harris heads to Guatemala'
    >>> headline("The vice president left on Sunday. She flew to Guatemala.")
    'The vice president left on Sunday'
    """
    for raw in text.splitlines():
        line = " ".join(raw.strip().lstrip("#").split())
        if not line or _BYLINE.match(line):
            continue
        if len(line) <= 120 and not line.endswith((".", "!", "?", ":")):
            return line
        first = _SENTENCE_END.split(line, maxsplit=1)[0].rstrip(".!?")
        return shorten(first)
    return "Untitled article"


def draft(text: str, reference: date, *, title: str | None = None, numeric: str | None = None) -> Timeline:
    """One tentative event per sentence with a date phrase, dated by its first phrase.

    Each event is tagged ``draft``; its title is the sentence (cut to 80
    characters at a word, the whole sentence then in the description), its
    ``when`` the sentence's first date phrase, the others listed in the
    description, and its source the article (``title``, default its
    :func:`headline`) on ``reference``, the day it was written.
    """
    from timeline import find_dates  # noqa: PLC0415 - the phrase rules load only when needed

    name = title or headline(text)
    by_sentence: dict[tuple[int, int], list[object]] = {}
    mentions = find_dates(text, reference=reference, numeric=numeric)  # type: ignore[arg-type]
    for mention in mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    events = []
    for (start, end), found in by_sentence.items():
        sentence = " ".join(text[start:end].split())
        short = shorten(sentence)
        notes = [] if short == sentence else [sentence]
        others = [f"{' '.join(m.text.split())!r} = {m.when}" for m in found[1:]]  # type: ignore[attr-defined]
        if others:
            notes.append("Also dated: " + "; ".join(others))
        events.append(
            {
                "title": short,
                "when": str(found[0].when),  # type: ignore[attr-defined]
                "description": "\n\n".join(notes) or None,
                "status": "tentative",
                "tags": ["draft"],
                "sources": [{"title": name, "date": reference.isoformat()}],
            }
        )
    return Timeline(title=f"Draft: {name}", events=events)
