"""How fast the model is: parsing EDTF, building events, sorting a timeline.

Run with ``make bench`` or ``python benchmarks/model.py [N]``. Prints the
median CPU time of this process (``time.process_time``, so other jobs on
a shared machine count for nobody) over several rounds per item, and the
peak memory of one round. Beside each figure it prints a ratio to a
baseline run in the same process, so a noisy shared machine moves the
ratio less than the figure:

- parsing against ``datetime.date.fromisoformat`` (C, no partial dates);
- building against a bare frozen attrs class with the same fields, built
  from the same dicts without any conversion or validation;
- sorting against ``sorted()`` of the same events by a precomputed key:
  each round builds its Timeline from events built afresh for it (outside
  the timed part), which have never been in a Timeline; each event works
  its key on UTC's clock out as it is built, which "build Event" counts.
  A second line times building a Timeline again from events that have
  been in one;
- reading canonical JSON against ``json.loads`` of the same text, and the
  Markdown and TimelineJS writers against the JSON writer.

Targets on a 2-core machine: a plain date parses in under 5 us, an event
builds in under 10 us, and 100,000 events sort in under 0.5 s. All runs
include the garbage collector's work, as real programs do.
"""

from __future__ import annotations

import gc
import random
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import date

import attrs

from timeline import Event, Timeline, When

ROUNDS = 5


def edtf_texts(n: int, rng: random.Random) -> list[str]:
    """``n`` EDTF strings of mixed precision, in the proportions real timelines have."""
    texts = []
    for _ in range(n):
        year = rng.randint(1800, 2030)
        month = rng.randint(1, 12)
        day = rng.randint(1, 28)
        roll = rng.random()
        if roll < 0.40:
            text = f"{year:04d}-{month:02d}-{day:02d}"
        elif roll < 0.60:
            text = f"{year:04d}-{month:02d}"
        elif roll < 0.75:
            text = f"{year:04d}"
        elif roll < 0.80:
            text = f"{year:04d}-{rng.randint(21, 24)}"
        elif roll < 0.85:
            text = f"{year:04d}-{month:02d}-{day:02d}/{year + 1:04d}-{month:02d}"
        elif roll < 0.90:
            text = f"{year:04d}-{month:02d}-{day:02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
        elif roll < 0.95:
            text = f"{year:04d}-{month:02d}{rng.choice('~?%')}"
        else:
            text = f"{year // 10:03d}X"
        texts.append(text)
    return texts


def event_dicts(texts: list[str], rng: random.Random) -> list[dict[str, object]]:
    """Plain event data as a reader hands it over: some sparse, some rich."""
    dicts: list[dict[str, object]] = []
    for index, text in enumerate(texts):
        data: dict[str, object] = {"title": f"Event number {index}", "when": text}
        if rng.random() < 0.5:
            data["tags"] = ["politics", "trip"][: rng.randint(1, 2)]
            data["location"] = "Guatemala City"
        if rng.random() < 0.3:
            data["description"] = "A longer description of what happened, as a newsroom writes it."
        if rng.random() < 0.2:
            data["sources"] = [{"title": "CBS News", "url": "https://www.cbsnews.com/"}]
        dicts.append(data)
    return dicts


@attrs.frozen(kw_only=True)
class BareEvent:
    """The baseline: Event's fields, no conversion, no validation, no derived id."""

    title: object
    when: object
    id: object = None
    tz: object = None
    description: object = None
    location: object = None
    geo: object = None
    url: object = None
    tags: object = ()
    sources: object = ()
    group: object = None
    media: object = None
    status: object = None
    recurrence: object = None
    extra: object = None


def timed(action: Callable[[], object]) -> tuple[float, object]:
    """Median seconds over ROUNDS runs of ``action``, and its last result."""
    results: list[float] = []
    value: object = None
    for _ in range(ROUNDS):
        value = None  # each round starts with the last one's objects gone, as a fresh program would
        gc.collect()
        start = time.process_time()
        value = action()
        results.append(time.process_time() - start)
    return statistics.median(results), value


def cold(action: Callable[[], object]) -> Callable[[], object]:
    """``action`` with describe's memory of the dates it worded emptied first.

    Writers word the same dates again and again, and ``describe`` keeps what
    it said per EDTF text; each round starts without it, as a program
    writing a timeline once would, so that the figure is not the
    second write's.
    """
    from timeline import _describe  # noqa: PLC0415 - only here

    def run() -> object:
        _describe._DESCRIBED.clear()
        _describe._YEAR_HEADINGS.clear()
        return action()

    return run


def peak_mib(action: Callable[[], object]) -> float:
    """Peak memory that one run of ``action`` allocates, in MiB."""
    gc.collect()
    tracemalloc.start()
    action()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main(n: int = 100_000) -> int:
    """Run the three measurements on ``n`` items and print the figures."""
    rng = random.Random(2021)
    texts = edtf_texts(n, rng)
    plain = [t for t in texts if len(t) == 10 and t[4] == "-" and t[7] == "-"]
    dicts = event_dicts(texts, rng)

    parse_all = timed(lambda: [When(t) for t in texts])[0]
    parse_plain = timed(lambda: [When(t) for t in plain])[0]
    iso_plain = timed(lambda: [date.fromisoformat(t) for t in plain])[0]
    build, events = timed(lambda: [Event.from_dict(d) for d in dicts])
    bare = timed(lambda: [BareEvent(**d) for d in dicts])[0]
    assert isinstance(events, list)
    order = list(range(n))
    rng.shuffle(order)
    shuffled = [dicts[index] for index in order]
    sorts: list[float] = []
    for _ in range(ROUNDS):  # each round from events never in a Timeline, built outside the timed part
        fresh = [Event.from_dict(d) for d in shuffled]
        gc.collect()
        started = time.process_time()
        Timeline(title="bench", events=fresh)
        sorts.append(time.process_time() - started)
    sort = statistics.median(sorts)
    events = fresh
    again, timeline = timed(lambda: Timeline(title="bench", events=events))
    assert isinstance(timeline, Timeline)
    assert len(timeline) == n
    sort_key = timeline.sort_key
    keyed = [(sort_key(e), e) for e in events]
    bare_sort = timed(lambda: sorted(keyed, key=lambda pair: pair[0]))[0]

    def line(label: str, figure: str, ratio: float, against: str, target: str) -> None:
        print(f"  {label:<30}{figure:>16}   {ratio:5.2f}x {against:<28}{target}")

    print(f"model benchmark, {n:,} items, median of {ROUNDS} rounds, Python {sys.version.split()[0]}")
    line(
        "parse EDTF, mixed precision",
        f"{parse_all / n * 1e6:.2f} us/item",
        parse_all / n / (iso_plain / len(plain)),
        "date.fromisoformat",
        "",
    )
    line(
        "parse EDTF, plain dates",
        f"{parse_plain / len(plain) * 1e6:.2f} us/item",
        parse_plain / iso_plain,
        "date.fromisoformat",
        "target < 5 us",
    )
    line(
        "build Event from a dict", f"{build / n * 1e6:.2f} us/item", build / bare, "bare attrs class", "target < 10 us"
    )
    line("sort into a Timeline", f"{sort:.3f} s", sort / bare_sort, "sorted() by ready keys", "target < 0.5 s")
    line("  again, the same events", f"{again:.3f} s", again / bare_sort, "sorted() by ready keys", "")
    # The formats' per-event cost against their floor: JSON reading against json.loads of
    # the same text, the Markdown and TimelineJS writers against the JSON writer.
    import json  # noqa: PLC0415 - only here

    import timeline as api  # noqa: PLC0415 - only here

    sample = Timeline(title="bench", events=events[: min(n, 10_000)])
    as_json = api.dumps(sample, "json")
    read_json = timed(lambda: api.loads(as_json, "json"))[0]
    bare_json = timed(lambda: json.loads(as_json))[0]
    write_json = timed(lambda: api.dumps(sample, "json"))[0]
    write_markdown = timed(cold(lambda: api.dumps(sample, "markdown")))[0]
    write_tljs = timed(cold(lambda: api.dumps(sample, "timelinejs")))[0]
    line(
        "read JSON", f"{read_json / len(sample) * 1e6:.2f} us/event", read_json / bare_json, "json.loads", "target < 4x"
    )
    line(
        "write Markdown",
        f"{write_markdown / len(sample) * 1e6:.2f} us/event",
        write_markdown / write_json,
        "the JSON writer",
        "target < 2x",
    )
    line(
        "write TimelineJS",
        f"{write_tljs / len(sample) * 1e6:.2f} us/event",
        write_tljs / write_json,
        "the JSON writer",
        "target < 2x",
    )
    parse_mib = peak_mib(lambda: [When(t) for t in texts])
    build_mib = peak_mib(lambda: [Event.from_dict(d) for d in dicts])
    sort_mib = peak_mib(lambda: Timeline(events=events))
    print(f"  peak memory: parse {parse_mib:.1f} MiB, build {build_mib:.1f} MiB, sort {sort_mib:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000))
