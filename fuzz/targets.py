"""Atheris (libFuzzer) targets: every reader, When, resolve and find_dates; run by `make fuzz-atheris`.

Usage: ``python fuzz/targets.py TARGET [libFuzzer options] [CORPUS_DIR ...]``,
TARGET one of the names in ``TARGETS``. Each target takes the fuzzer's bytes
as a user would give them and fails (a crash libFuzzer saves to a file) on
anything but the documented outcome: a Timeline or ParseError from a reader,
a When or ParseError from ``When``/``resolve``, mentions that quote their
text from ``find_dates``. A run longer than libFuzzer's ``-timeout`` is a
hang and fails too. Seeds come from the worked example in every format.
"""

from __future__ import annotations

import contextlib
import sys
import warnings
from collections.abc import Callable
from datetime import date
from pathlib import Path

import atheris

with atheris.instrument_imports():
    import timeline
    from timeline import ParseError, Timeline, When
    from timeline.formats import decode, dumps, load, loads

READERS = ("json", "toml", "yaml", "ics", "jcal", "csv", "timelinejs")
EXAMPLE = Path(__file__).parent.parent / "examples" / "harris-trip.toml"
warnings.simplefilter("ignore")  # TimelineWarning is a legitimate outcome for broken input


def _reader(fmt: str) -> Callable[[bytes], None]:
    def target(data: bytes) -> None:
        try:
            text = decode(data, "fuzz")
            assert isinstance(loads(text, fmt, source="fuzz"), Timeline)
        except ParseError as exc:
            if exc.source != "fuzz":
                raise AssertionError(f"a ParseError that names no source: {exc}") from exc
        if fmt == "ics":
            with contextlib.suppress(ParseError):
                assert isinstance(loads(decode(data, "fuzz"), fmt, source="fuzz", lenient=True), Timeline)

    return target


_FIRST_DAY, _LAST_DAY = date(100, 1, 1).toordinal(), date(9899, 12, 31).toordinal()


def _when(data: bytes) -> None:
    text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(len(data))
    try:
        when = When(text)
    except ParseError:
        return
    assert When(str(when)) == when, (text, str(when))


def _resolve(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    reference = date.fromordinal(
        provider.ConsumeIntInRange(date(100, 1, 1).toordinal(), date(9899, 12, 31).toordinal())
    )
    numeric = provider.PickValueInList([None, "mdy", "dmy"])
    phrase = provider.ConsumeUnicodeNoSurrogates(provider.remaining_bytes())
    with contextlib.suppress(ParseError):
        assert isinstance(timeline.resolve(phrase, reference=reference, numeric=numeric), When)


def _find_dates(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    reference = date.fromordinal(
        provider.ConsumeIntInRange(date(100, 1, 1).toordinal(), date(9899, 12, 31).toordinal())
    )
    text = provider.ConsumeUnicodeNoSurrogates(provider.remaining_bytes())
    last = 0
    for mention in timeline.find_dates(text, reference=reference):
        assert text[mention.start : mention.end] == mention.text
        assert mention.start >= last
        last = mention.end


TARGETS: dict[str, Callable[[bytes], None]] = {
    **{f"read-{fmt}": _reader(fmt) for fmt in READERS},
    "when": _when,
    "resolve": _resolve,
    "find-dates": _find_dates,
}


def seed(name: str, corpus: Path) -> None:
    """Put the worked example (in the target's format) and a few phrases into ``corpus``."""
    corpus.mkdir(parents=True, exist_ok=True)
    if name.startswith("read-"):
        fmt = name.removeprefix("read-")
        example = load(EXAMPLE)
        text = EXAMPLE.read_text(encoding="utf-8") if fmt == "toml" else dumps(example, fmt)
        (corpus / f"example.{fmt}").write_text(text, encoding="utf-8", newline="")
    else:
        for index, piece in enumerate(["2021-06-06", "2019~/2021-03", "June 6", "early next week", "1990s"]):
            (corpus / f"seed-{index}").write_text(piece, encoding="utf-8")
        article = Path(__file__).parent.parent.parent / "shared" / "seed-article.txt"
        if name == "find-dates" and article.exists():
            (corpus / "article").write_text(article.read_text(encoding="utf-8")[:4000], encoding="utf-8")


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: {sys.argv[0]} TARGET [libFuzzer options] [CORPUS ...]; targets: {', '.join(TARGETS)}")
    name = sys.argv.pop(1)
    corpora = [Path(arg) for arg in sys.argv[1:] if not arg.startswith("-")]
    for corpus in corpora[:1]:
        seed(name, corpus)
    atheris.Setup(sys.argv, TARGETS[name])
    atheris.Fuzz()


if __name__ == "__main__":
    main()
