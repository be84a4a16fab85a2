"""Draft a timeline from a news story: one event per sentence that holds a date.

Run with ``python examples/draft_from_article.py [ARTICLE [REFERENCE [OUT]]]``.
By default it reads ``examples/sample-article.txt`` (a short story written
for this project) against its publication day, 2024-02-29, and prints the
draft as canonical JSON; with OUT it writes the file instead. Every event is
tagged ``draft`` and tentative: the sentence is the title, to be edited, and
its first date phrase the date; other phrases in the sentence are listed in
the description.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import timeline

HERE = Path(__file__).parent
ARTICLE = HERE / "sample-article.txt"
REFERENCE = date(2024, 2, 29)


def draft(text: str, reference: date, title: str) -> timeline.Timeline:
    """One tentative event per sentence with a date phrase, dated by its first phrase."""
    by_sentence: dict[tuple[int, int], list[timeline.Mention]] = {}
    for mention in timeline.find_dates(text, reference=reference):
        by_sentence.setdefault(mention.sentence, []).append(mention)
    events = []
    for (start, end), mentions in by_sentence.items():
        sentence = " ".join(text[start:end].split())
        others = [f"{' '.join(m.text.split())!r} = {m.when}" for m in mentions[1:]]
        events.append(
            {
                "title": sentence,
                "when": str(mentions[0].when),
                "description": ("Also dated: " + "; ".join(others)) if others else None,
                "status": "tentative",
                "tags": ["draft"],
                "sources": [{"title": title, "date": reference.isoformat()}],
            }
        )
    return timeline.Timeline(title=f"Draft: {title}", events=events)


def main(argv: list[str]) -> int:
    """Read the article, draft the timeline, print or write it as JSON."""
    path = Path(argv[0]) if argv else ARTICLE
    reference = date.fromisoformat(argv[1]) if len(argv) > 1 else REFERENCE
    text = path.read_text(encoding="utf-8")
    title = text.strip().splitlines()[0].strip()
    chronology = draft(text, reference, title)
    if len(argv) > 2:
        timeline.dump(chronology, argv[2], "json")
        print(f"{len(chronology)} events -> {argv[2]}")
    else:
        print(timeline.dumps(chronology, "json"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
