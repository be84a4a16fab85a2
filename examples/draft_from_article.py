"""Draft a timeline from a news story, as `timeline draft` does, from Python.

Run with ``python examples/draft_from_article.py [ARTICLE [REFERENCE [OUT]]]``.
By default it reads ``examples/sample-article.txt`` (a short story written
for this project) against its publication day, 2024-02-29, and prints the
draft as canonical JSON; with OUT it writes the file instead (its format
from its suffix). The drafting itself is the packaged ``timeline draft``
verb: one tentative event per sentence that holds a date phrase, tagged
``draft``, titled by the sentence and dated by its first phrase, in a
timeline titled by the story's headline.
"""

from __future__ import annotations

import sys
from pathlib import Path

from timeline.cli import main as timeline_main

HERE = Path(__file__).parent
ARTICLE = HERE / "sample-article.txt"
REFERENCE = "2024-02-29"


def main(argv: list[str]) -> int:
    """Draft the article's timeline with `timeline draft`; print it as JSON or write OUT."""
    article = argv[0] if argv else str(ARTICLE)
    reference = argv[1] if len(argv) > 1 else REFERENCE
    target = ["--output", argv[2]] if len(argv) > 2 else ["--to", "json"]
    return timeline_main(["draft", article, "--reference", reference, *target])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
