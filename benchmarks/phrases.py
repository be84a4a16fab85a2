"""How fast find_dates reads an article of 1,000 words.

Run with ``make bench-phrases`` or ``python benchmarks/phrases.py [WORDS]``.
The article is the project's sample story (examples/sample-article.txt),
repeated until it holds WORDS words (1,000 by default), so it has the mix
of date phrases, traps and plain prose a news story has. Prints the median
of several rounds and, beside it, the ratio to a baseline run in the same
process, so a noisy shared machine moves the ratio less than the figure:
splitting the same text into words with one regular expression, the least
any reader of the text must do.

Target: well under 50 ms for 1,000 words on a 2-core machine.
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from timeline import find_dates

ROUNDS = 15
REFERENCE = date(2024, 2, 29)
SAMPLE = Path(__file__).parent.parent / "examples" / "sample-article.txt"
WORDS_RE = re.compile(r"\S+")


def article(words: int) -> str:
    """The sample story, repeated and cut to ``words`` words, paragraphs kept."""
    story = SAMPLE.read_text(encoding="utf-8")
    pieces: list[str] = []
    count = 0
    while count < words:
        for paragraph in story.split("\n\n"):
            taken = paragraph.split(" ")[: words - count]
            pieces.append(" ".join(taken))
            count += len(taken)
            if count >= words:
                break
    return "\n\n".join(pieces)


def median_seconds(action: Callable[[], object]) -> float:
    """The median wall-clock time of ``action`` over ROUNDS rounds."""
    results = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        action()
        results.append(time.perf_counter() - start)
    return statistics.median(results)


def main(words: int = 1000) -> int:
    """Measure find_dates on an article of ``words`` words and print the figures."""
    text = article(words)
    mentions = find_dates(text, reference=REFERENCE)  # also warms the compiled patterns
    seconds = median_seconds(lambda: find_dates(text, reference=REFERENCE))
    baseline = median_seconds(lambda: WORDS_RE.findall(text))
    print(f"phrases benchmark, median of {ROUNDS} rounds, Python {sys.version.split()[0]}")
    print(f"  article: {len(WORDS_RE.findall(text)):,} words, {len(text):,} characters, {len(mentions)} mentions")
    print(
        f"  find_dates: {seconds * 1000:8.2f} ms   {seconds / baseline:6.1f}x splitting into words"
        f"   (target: under 50 ms for 1,000 words)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(*(int(arg) for arg in sys.argv[1:2])))
