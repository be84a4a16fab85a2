"""How fast find_dates reads an article of 1,000 words.

Run with ``make bench-phrases`` or ``python benchmarks/phrases.py [WORDS]``.
The article is the project's sample story (examples/sample-article.txt),
repeated until it holds WORDS words (1,000 by default), so it has the mix
of date phrases, traps and plain prose a news story has. Prints the median
of several rounds and, beside it, the ratio to a baseline run in the same
process, so a noisy shared machine moves the ratio less than the figure:
splitting the same text into words with one regular expression, the least
any reader of the text must do.

Then the worst cases, as a median of three runs with their spread: one sentence
of 20,000 characters made only of date phrases (today's hardest input for a
phrase reader that tries every rule at every word), 1 MB of the story, the
growth of time with size (each doubling should about double it), and
``resolve`` of a 1 MB string, which must fail at once with a short message.
If dateparser is installed (``make eval-phrases`` installs it), its
``search_dates`` is timed on the same 1,000 words, side by side.

Targets (issue 16): at most 30 ms for 1,000 words, linear growth, 1 MB in
under 2 s, on this 2-core machine.
"""

from __future__ import annotations

import importlib
import itertools
import re
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

from timeline import ParseError, find_dates, resolve

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


# The phrase families of issue 16, repeated into one sentence with no full stop.
DENSE = (
    "June 6 and last week, next Tuesday, in March, c. 1850, before 1500, after 1900, the 12th century, "
    "the seventies, 5 p.m. EDT Thursday, FY2019, Q2 2021, Memorial Day weekend, two weeks later, "
    "recent days, the week of June 14, between 1861 and 1865, from March to May, 2019-20, "
)


def dense(characters: int) -> str:
    """A single sentence of ``characters`` characters made only of date phrases."""
    return (DENSE * (characters // len(DENSE) + 1))[:characters]


def timings(action: Callable[[], object], rounds: int, clock: Callable[[], float] = time.perf_counter) -> list[float]:
    """The times of ``rounds`` runs of ``action`` in seconds, by ``clock`` (the wall clock by default)."""
    results = []
    for _ in range(rounds):
        start = clock()
        action()
        results.append(clock() - start)
    return results


def spread(runs: list[float], scale: int, unit: str) -> str:
    """The fastest and slowest of ``runs``, as text."""
    return f"{min(runs) * scale:.2f}-{max(runs) * scale:.2f} {unit}"


def best_seconds(action: Callable[[], object], rounds: int = 3) -> float:
    results = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        results.append(time.perf_counter() - start)
    return min(results)


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
        f"   (target: at most 30 ms for 1,000 words)"
    )
    try:
        search_dates = importlib.import_module("dateparser.search").search_dates
    except ImportError:
        print("  dateparser: not installed (make eval-phrases installs it); no side-by-side figure")
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            theirs = median_seconds(lambda: search_dates(text, languages=["en"]))
        print(f"  dateparser.search.search_dates: {theirs * 1000:8.2f} ms   {theirs / seconds:6.1f}x find_dates")

    sentence = dense(20_000)
    found = find_dates(sentence, reference=REFERENCE)
    runs = timings(lambda: find_dates(sentence, reference=REFERENCE), 3)
    print(
        f"  one sentence of 20,000 characters of date phrases: {statistics.median(runs) * 1000:8.1f} ms"
        f" (median of 3; {spread(runs, 1000, 'ms')}), {len(found)} mentions"
    )
    growth = [
        best_seconds(partial(find_dates, dense(size), reference=REFERENCE)) for size in (5_000, 10_000, 20_000, 40_000)
    ]
    ratios = ", ".join(f"{later / earlier:.2f}" for earlier, later in itertools.pairwise(growth))
    print(f"  growth, 5k -> 10k -> 20k -> 40k characters: time x {ratios} per doubling (linear: 2)")
    megabyte = article(180_000)[:1_000_000]
    found = find_dates(megabyte, reference=REFERENCE)
    runs = timings(lambda: find_dates(megabyte, reference=REFERENCE), 3)
    cpu = timings(lambda: find_dates(megabyte, reference=REFERENCE), 3, time.process_time)
    print(
        f"  1 MB of news text ({len(megabyte):,} characters): {statistics.median(runs):6.2f} s"
        f" (median of 3; {spread(runs, 1, 's')}), {len(found):,} mentions (target: < 2 s);"
        f" processor time {statistics.median(cpu):.2f} s (what a busy machine adds to the wall clock is the rest)"
    )
    started = time.perf_counter()
    try:
        resolve("June 6 " * 150_000, reference=REFERENCE)
    except ParseError as exc:
        message = str(exc)
    else:  # pragma: no cover - resolve refuses it
        message = "(read!)"
    elapsed = time.perf_counter() - started
    print(f"  resolve of a 1 MB string: refused in {elapsed * 1000:.2f} ms, message of {len(message)} characters")
    return 0


if __name__ == "__main__":
    sys.exit(main(*(int(arg) for arg in sys.argv[1:2])))
