"""Score find_dates and resolve on TempEval-3's training data (TimeBank and AQUAINT).

Run with ``make eval-phrases DATA=/path/to/TBAQ-cleaned`` or
``python benchmarks/eval_phrases.py /path/to/TBAQ-cleaned [--dateparser] [--errors N]``.

The corpus is read in place from the folder given (``data/TempEval3/Training/
TBAQ-cleaned`` of github:qiangning/StructTempRel-EMNLP17); nothing of it is
copied. Only TIMEX3 expressions of type DATE and TIME are scored; a mention
that overlaps a gold DURATION or SET expression is left out of the count
(neither right nor wrong), since those types are not scored. The measures are
TempEval-3's (UzZaman et al. 2013):

- strict extent: a system mention matches a gold one with the same offsets;
- relaxed extent: the spans overlap (each gold expression matched once);
- value accuracy: of the relaxed matches, the share whose value, mapped to
  TIMEX3 (see ``timex3_value`` and docs/phrases.md), equals the gold value;
- value F1: the harmonic mean of (right values / system mentions) and
  (right values / gold expressions).

``resolve`` is scored on the gold expressions themselves (their text as
phrase, the document's creation time as reference): the share it reads, and
the share it reads to the gold value. With ``--dateparser`` the same is done
for dateparser (``dateparser.search.search_dates`` over the text and
``dateparser.parse`` of each gold phrase, RELATIVE_BASE the creation time).

The held-out evaluation set (data/TempEval3/Evaluation) is never read.
"""

from __future__ import annotations

import argparse
import collections
import importlib
import re
import sys
import time
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from timeline import ParseError, When, find_dates, resolve

SCORED = frozenset({"DATE", "TIME"})


class Gold(NamedTuple):
    start: int
    end: int
    text: str
    kind: str
    value: str


class Doc(NamedTuple):
    name: str
    dct: date
    text: str
    gold: list[Gold]


class Guess(NamedTuple):
    start: int
    end: int
    text: str
    value: str


def read_doc(path: Path) -> Doc:
    """The plain text of a .tml file, its creation date and its TIMEX3 expressions with offsets."""
    root = ET.parse(path).getroot()  # noqa: S314 - a local corpus file the user points at
    dct_node = root.find("DCT/TIMEX3")
    if dct_node is None:
        raise SystemExit(f"{path}: no DCT")
    dct = date.fromisoformat(dct_node.get("value", "")[:10])
    body = root.find("TEXT")
    if body is None:
        raise SystemExit(f"{path}: no TEXT")
    pieces: list[str] = []
    gold: list[Gold] = []
    length = 0

    def walk(node: ET.Element) -> None:
        nonlocal length
        start = length
        if node.text:
            pieces.append(node.text)
            length += len(node.text)
        for child in node:
            walk(child)
            if child.tail:
                pieces.append(child.tail)
                length += len(child.tail)
        if node.tag == "TIMEX3":
            gold.append(Gold(start, length, "", node.get("type", ""), node.get("value", "")))

    walk(body)
    text = "".join(pieces)
    gold = [g._replace(text=text[g.start : g.end]) for g in gold]
    return Doc(path.name, dct, text, sorted(gold))


# --- TIMEX3 <-> EDTF ---------------------------------------------------------------

_SEASONS = {"21": "SP", "22": "SU", "23": "FA", "24": "WI"}
_GROUPS = {"33": "Q1", "34": "Q2", "35": "Q3", "36": "Q4", "40": "H1", "41": "H2", **_SEASONS}
_NAMED_ENDS = re.compile(r"(?i)(?:from|between)\s|[^\s]+\s*(?:-|–|—|to|through|and)\s*[^\s]+$")
_PRESENT = re.compile(r"(?i)^(?:now|right now|currently|current|nowadays|these days|at present|at the moment)$")
_PAST = re.compile(
    r"(?i)^(?:recently|recent|the past|previously|in the past|formerly|former|lately"
    r"|(?:in |over |during )?(?:recent|the (?:past|last) (?:few|several)) (?:days|weeks|months|quarters|years))$"
)
_FUTURE = re.compile(r"(?i)^(?:the future|future|soon|in the future|in the near future|the near future|someday)$")


def _point(text: str) -> str:
    """One end of an EDTF value as TIMEX3: qualifiers dropped, groups as letters, decades and centuries short."""
    text = text.rstrip("~?%")
    if re.fullmatch(r"[0-9]{3}X", text):
        return text[:3]  # the decade 199X: TIMEX3 writes 199
    if re.fullmatch(r"[0-9]{2}XX", text):
        return text[:2]  # the century 19XX: TIMEX3 writes 19
    if re.fullmatch(r"-?[0-9]{4}-[0-9]{2}", text) and text[-2:] in _GROUPS:
        return f"{text[:-3]}-{_GROUPS[text[-2:]]}"
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T.*", text):
        return re.sub(r"(?:Z|[+-][0-9]{2}:[0-9]{2})$", "", text)  # TIMEX3 values here carry no zone
    if text.startswith("-"):
        return "BC" + f"{1 - int(text[:5]):04d}" + text[5:]
    return text


def _common(first: str, last: str) -> str:
    """The TIMEX3 value of the smallest calendar unit holding both ends of an interval."""
    if first[:7] == last[:7] and len(first) >= 7 and first[5:7].isdigit() and int(first[5:7]) <= 12:
        return first[:7]
    if first[:4] == last[:4]:
        return first[:4]
    if first[:3] == last[:3]:
        return first[:3]  # the decade
    if first[:2] == last[:2]:
        return first[:2]  # the century
    return first


_LEAD = re.compile(
    r"(?i)(?:since|until|till|through|by|before|after|prior to|no later than|not before|up until|up to|as of"
    r"|from|between|starting|beginning|effective)\s+"
)
_SECOND = re.compile(r"\s+(?:to|until|till|through|and)\s+|\s*[-–—]\s*")
_PART = re.compile(r"(?i)\b(?:early|mid|late|end|beginning|start|middle)\b")


def _up(value: str) -> str:
    """The unit holding a month (its year) or a year (its decade)."""
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}", value):
        return value[:4]
    return value


def _weekend(first: str, last: str) -> str | None:
    """A Saturday-Sunday interval as TIMEX3's week-end value, 1990-W32-WE."""
    try:
        saturday, sunday = date.fromisoformat(first), date.fromisoformat(last)
    except ValueError:
        return None
    if saturday.weekday() != 5 or (sunday - saturday).days != 1:
        return None
    year, week, _ = saturday.isocalendar()
    return f"{year:04d}-W{week:02d}-WE"


def timex3_value(when: When, text: str, reference: date) -> str:
    """The TIMEX3 value of what ``find_dates``/``resolve`` read ``text`` as.

    EDTF and TIMEX3 write most dates alike (2021-06-06, 2021-06, 2021, 2021-W05,
    2021-06-06T17:00). The differences: EDTF's season, quarter and half codes
    (21-24, 33-36, 40-41) are TIMEX3's SP/SU/FA/WI, Q1-Q4, H1-H2; a decade 199X
    is TIMEX3's 199 and a century 19XX its 19; EDTF years before 1 are
    astronomical (-0299) where TIMEX3 writes BC0300; EDTF's ~ and ? have no
    place in a TIMEX3 value (TIMEX3 puts them in mod). An interval has no TIMEX3
    value: approximate at both ends ("early 2021", 2021-01~/2021-04~), it maps to
    the smallest calendar unit holding both (TIMEX3 writes 2021 with mod START);
    a Saturday-Sunday pair maps to TIMEX3's week-end (2021-W22-WE); an open or
    closed interval reaching the reference date or open at one end ("since 1990",
    "until Thursday", "before 1500") maps to the date the phrase names, as TIMEX3
    marks only that; any other interval to its first end (TIMEX3 marks "from 1991
    to 1997" as two expressions). EDTF holds no part of a day, so "tonight" is
    the day (TIMEX3 sometimes writes TNI). The vague words TIMEX3 writes as
    PRESENT_REF, PAST_REF and FUTURE_REF ("now", "recently", "the future") map
    to those.
    """
    return _timex3_value(when, text, reference)


def gold_value(value: str) -> str:
    """A gold TIMEX3 value in one spelling: unspecified trailing parts dropped, weeks and hours in full.

    TimeBank writes the same value several ways: a year as 1968 or 1968-XX
    (some month of 1968: the year, at no finer precision) or 1994-XX-XX, a
    decade as 196 or 196X, a century as 19 or 19XX, a
    week as 2000-W7 or 2000-W07, five o'clock as T17 or T17:00, midnight at
    the end of a day as T24 (the next day's T00:00). Each is
    written here as the first; nothing else of a gold value is changed. A part
    of a day (1990-08-10TNI, "Friday night") is compared as its day: EDTF has
    no parts of a day, and TimeBank itself writes "Friday night" as the day
    about as often as with TNI or TEV.
    """
    value = re.sub(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})T(?:MO|AF|EV|NI|DT)$", r"\1", value)
    value = re.sub(r"^([0-9]{4})(?:-XX){1,2}$", r"\1", value)
    value = re.sub(r"^([0-9]{3})X$|^([0-9]{2})XX$", r"\1\2", value)
    value = re.sub(r"-W([0-9])(?![0-9])", r"-W0\1", value)
    midnight = re.fullmatch(r"([0-9]{4}-[0-9]{2}-[0-9]{2})T24(?::00)?", value)
    if midnight is not None:  # the end of a day is the start of the next (ISO 8601)
        return f"{date.fromisoformat(midnight[1]) + timedelta(days=1)}T00:00"
    return re.sub(r"(T[0-9]{2})$", r"\1:00", value)


_SEASON_WORD = re.compile(r"(?i)\b(spring|summer|autumn|fall|winter)\b")
_SEASON_MONTHS = {
    "spring": ("SP", (3, 4, 5)),
    "summer": ("SU", (6, 7, 8)),
    "autumn": ("FA", (9, 10, 11)),
    "fall": ("FA", (9, 10, 11)),
    "winter": ("WI", (12, 1, 2)),
}


def _timex3_value(when: When, text: str, reference: date) -> str:
    stripped = text.strip()
    if _PRESENT.match(stripped):
        return "PRESENT_REF"
    if _PAST.match(stripped):
        return "PAST_REF"
    if _FUTURE.match(stripped):
        return "FUTURE_REF"
    lead = _LEAD.match(stripped)
    if lead is not None:
        # TIMEX3 marks the date inside "by", "since", "until", "from ... to": read that alone,
        # in the year the whole phrase was read in ("by August" after "will" is the coming August).
        inner = _SECOND.split(stripped[lead.end() :])[0]
        named = [end for end in str(when).split("/") if end not in ("..", reference.isoformat())]
        years = {end[:4] for end in named}
        readings = []
        for prefer in (None, "past", "future"):
            try:
                readings.append(resolve(inner, reference=reference, prefer=prefer))
            except ParseError:
                break
        if readings:
            inside = next(
                (r for r in readings if str(r) in named),
                next((r for r in readings if str(r)[:4] in years), readings[0]),
            )
            return _timex3_value(inside, inner, reference)
    ends = str(when).split("/")
    if len(ends) == 1:
        season = _SEASON_WORD.search(stripped)
        month = re.fullmatch(r"([0-9]{4})-([0-9]{2})~?", ends[0])
        if season is not None and month is not None:
            code, months = _SEASON_MONTHS[season[1].lower()]
            if int(month[2]) in months:
                return f"{month[1]}-{code}"  # "the early summer", 1989-06~: the season (TIMEX3: mod="START")
        if ends[0].endswith("~") and _PART.search(stripped):
            return _up(_point(ends[0]))  # "the end of 1990", 1990-12~: TIMEX3 writes 1990 with mod END
        return _point(ends[0])
    first, last = ends
    if first.endswith("~") and last.endswith("~"):
        start, stop = _point(first), _point(last)
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", start) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", stop):
            year, week, _ = date.fromisoformat(start).isocalendar()
            if (year, week) == date.fromisoformat(stop).isocalendar()[:2]:
                return f"{year:04d}-W{week:02d}"  # "early this week": the week (TIMEX3: mod="START")
        season = _SEASON_WORD.search(stripped)
        if season is not None and start[:4] == stop[:4] and re.fullmatch(r"[0-9]{4}-[0-9]{2}", start):
            letters, months = _SEASON_MONTHS[season[1].lower()]
            if int(start[5:7]) in months and int(stop[5:7]) in months:
                return f"{start[:4]}-{letters}"  # "the early summer": the season (TIMEX3: mod="START")
        return _common(start, stop)  # "early 2021": the unit it is part of
    if last in (f"{reference.year:04d}", f"{reference.year:04d}-{reference.month:02d}"):
        return _point(first)  # "the past year": the span back from the day of writing
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", first) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", last):
        lo, hi = date.fromisoformat(first), date.fromisoformat(last)
        if lo.isocalendar()[:2] == hi.isocalendar()[:2] and (hi - lo).days >= 1 and not _NAMED_ENDS.match(stripped):
            year, week, _ = lo.isocalendar()
            if lo.weekday() != 5:
                return f"{year:04d}-W{week:02d}"  # "earlier this week": the week it is part of
    weekend = _weekend(first, last)
    if weekend is not None:
        return weekend
    if first == "..":
        return _point(last)  # "before 1500", "by June 6": the date named
    if last in ("..", reference.isoformat()):
        return _point(first)  # "after 1900", "since 1990"
    if first == reference.isoformat():
        return _point(last)  # "until Thursday"
    if not _NAMED_ENDS.match(stripped) and reference.isoformat() not in (first, last):
        return _common(_point(first), _point(last))  # "later this month": the unit it is part of
    return _point(first)  # "from 1991 to 1997", "between 1994 and 1997": TIMEX3 marks each date apart


# --- Scoring -------------------------------------------------------------------------

_WEEKDAY = re.compile(r"(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b")
_REF = re.compile(r"^(?:PRESENT|PAST|FUTURE)_REF$")


def error_kind(text: str, gold: str, got: str) -> str:
    """A wrong value's kind, for the error summary: what the phrase is and how the values differ."""
    if _REF.match(gold) or _REF.match(got):
        return "vague (PRESENT/PAST/FUTURE_REF)"
    if gold.startswith("P"):
        return "gold is a duration"
    if "X" in gold:
        return "gold leaves part unspecified (WXX, QX, XX)"
    if gold[:10] == got[:10] and gold != got:
        return "same day, other part of day or time"
    if _WEEKDAY.search(text):
        return "weekday: another week"
    if re.search(r"(?i)\bquarter|\bperiod\b|year.ago|year.earlier", text) or "-Q" in gold:
        return "quarter"
    if re.search(r"(?i)\bweek", text):
        return "week"
    if gold[:4] != got[:4] and len(gold) >= 4 and len(got) >= 4:
        return "another year (tense, or the year a month or day falls in)"
    if len(gold) != len(got):
        return "other precision"
    return "other"


class Score:
    """Counts for one system over the corpus."""

    def __init__(self) -> None:
        self.gold = 0
        self.system = 0
        self.strict = 0
        self.relaxed = 0
        self.right_value = 0
        self.misses: collections.Counter[str] = collections.Counter()
        self.false: collections.Counter[str] = collections.Counter()
        self.wrong: collections.Counter[str] = collections.Counter()
        self.kinds: collections.Counter[str] = collections.Counter()
        # One row per gold expression and per unmatched mention, for --dump and --compare.
        self.rows: list[tuple[str, ...]] = []

    def add(self, doc: Doc, guesses: Iterable[Guess]) -> None:
        gold = [g for g in doc.gold if g.kind in SCORED]
        other = [g for g in doc.gold if g.kind not in SCORED]
        self.gold += len(gold)
        matched: dict[int, Guess] = {}
        for guess in guesses:
            if any(o.start < guess.end and guess.start < o.end for o in other):
                continue  # a DURATION or SET: not scored either way
            self.system += 1
            hit = next(
                (i for i, g in enumerate(gold) if i not in matched and g.start < guess.end and guess.start < g.end),
                None,
            )
            if hit is None:
                self.false[guess.text.lower()] += 1
                self.rows.append((doc.name, str(guess.start), str(guess.end), "", "", guess.text, guess.value, "false"))
                continue
            matched[hit] = guess
            g = gold[hit]
            self.relaxed += 1
            self.strict += (g.start, g.end) == (guess.start, guess.end)
            if guess.value == gold_value(g.value):
                self.right_value += 1
            else:
                self.wrong[f"{g.text!r} gold {g.value} got {guess.value} ({guess.text!r}, dct {doc.dct})"] += 1
                self.kinds[error_kind(g.text, gold_value(g.value), guess.value)] += 1
        for i, g in enumerate(gold):
            found = matched.get(i)
            if found is None:
                self.misses[f"{g.text.lower()} [{g.value}]"] += 1
                row = (doc.name, str(g.start), str(g.end), g.text, gold_value(g.value), "", "", "missed")
            else:
                right = "right" if found.value == gold_value(g.value) else "wrong"
                exact = "strict" if (g.start, g.end) == (found.start, found.end) else "relaxed"
                row = (
                    doc.name, str(g.start), str(g.end), g.text, gold_value(g.value),
                    found.text, found.value, f"{exact} {right}",
                )  # fmt: skip
            self.rows.append(row)

    def report(self, name: str) -> list[str]:
        def prf(right: int) -> str:
            p = right / self.system if self.system else 0.0
            r = right / self.gold if self.gold else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}"

        accuracy = self.right_value / self.relaxed if self.relaxed else 0.0
        return [
            f"{name}: {self.gold} gold DATE/TIME expressions, {self.system} mentions scored",
            f"  strict extent   {prf(self.strict)}",
            f"  relaxed extent  {prf(self.relaxed)}",
            f"  value accuracy  {accuracy:.3f} ({self.right_value} of {self.relaxed} relaxed matches)",
            f"  value           {prf(self.right_value)}",
        ]


def timeline_guesses(doc: Doc) -> list[Guess]:
    return [
        Guess(m.start, m.end, m.text, timex3_value(m.when, m.text, doc.dct))
        for m in find_dates(doc.text, reference=doc.dct)
    ]


def resolve_score(docs: list[Doc], read: Callable[[Gold, date], str | None]) -> tuple[int, int, int]:
    """How many gold phrases ``read`` reads at all, and to the gold value."""
    total = read_any = right = 0
    for doc in docs:
        for g in doc.gold:
            if g.kind not in SCORED:
                continue
            total += 1
            value = read(g, doc.dct)
            if value is not None:
                read_any += 1
                right += value == gold_value(g.value)
    return total, read_any, right


def timeline_resolve(g: Gold, dct: date) -> str | None:
    try:
        return timex3_value(resolve(g.text, reference=dct), g.text, dct)
    except ParseError:
        return None


# --- dateparser, side by side ---------------------------------------------------------


def dateparser_guesses(doc: Doc) -> list[Guess]:
    search_dates = importlib.import_module("dateparser.search").search_dates  # an optional peer, untyped

    base = datetime(doc.dct.year, doc.dct.month, doc.dct.day)
    found = search_dates(doc.text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
    guesses = []
    pos = 0
    for text, moment in found:
        start = doc.text.find(text, pos)
        if start < 0:
            continue
        pos = start + len(text)
        guesses.append(Guess(start, start + len(text), text, _dateparser_value(moment, text)))
    return guesses


def _dateparser_value(moment: datetime, text: str) -> str:
    """dateparser gives a datetime: its day, or the day and time when the phrase holds a clock time."""
    if re.search(r"[0-9]:[0-9]{2}|\b[0-9]{1,2}\s*(?:a\.?m\.?|p\.?m\.?)", text, re.IGNORECASE):
        return moment.strftime("%Y-%m-%dT%H:%M")
    if re.fullmatch(r"(?:in\s+)?[0-9]{4}", text.strip()):
        return f"{moment.year:04d}"
    return moment.strftime("%Y-%m-%d")


def dateparser_resolve(g: Gold, dct: date) -> str | None:
    dateparser = importlib.import_module("dateparser")  # an optional peer, untyped
    base = datetime(dct.year, dct.month, dct.day)
    moment = dateparser.parse(g.text, languages=["en"], settings={"RELATIVE_BASE": base})
    return None if moment is None else _dateparser_value(moment, g.text)


# --- Per-expression results, before and after ------------------------------------------

# How good a reading of one gold expression is: missed, found with a wrong value, right (relaxed), right (strict).
_RANK = {"missed": 0, "relaxed wrong": 1, "strict wrong": 1, "relaxed right": 2, "strict right": 3}


def _clean(cell: str) -> str:
    return " ".join(cell.split())


def read_rows(path: Path) -> list[tuple[str, ...]]:
    """The rows of a --dump file."""
    return [tuple(line.split("\t")) for line in path.read_text().splitlines() if line]


def compare(before: list[tuple[str, ...]], after: list[tuple[str, ...]]) -> list[str]:
    """The gold expressions read worse and better than in ``before``, and the change in mentions not in gold.

    Worse: missed now but found before, a wrong value where it was right, or
    (same value) a relaxed match where it was strict.
    """
    old = {row[:3]: row for row in before if row[7] != "false"}
    worse: list[str] = []
    better: list[str] = []
    for row in after:
        if row[7] == "false" or row[:3] not in old:
            continue
        was, now = old[row[:3]], row
        change = _RANK[now[7]] - _RANK[was[7]]
        line = f"  {row[0]} {row[3]!r} gold {row[4]}: {was[7]} {was[6] or '-'} -> {now[7]} {now[6] or '-'}"
        if change < 0:
            worse.append(line)
        elif change > 0:
            better.append(line)
    false_before = sum(row[7] == "false" for row in before)
    false_after = sum(row[7] == "false" for row in after)
    return [
        (
            f"\ncompared with the earlier run: {len(worse)} gold expressions read worse, {len(better)} better;"
            f" mentions not in gold {false_before} -> {false_after}"
        ),
        *(["worse:", *worse] if worse else []),
        *(["better:", *better] if better else []),
    ]


# --- Main ---------------------------------------------------------------------------------


def load(folder: Path) -> list[Doc]:
    if "Evaluation" in folder.parts:
        raise SystemExit("eval_phrases: the TempEval-3 evaluation set is held out; point DATA at TBAQ-cleaned")
    files = sorted(folder.glob("*/*.tml")) or sorted(folder.glob("*.tml"))
    if not files:
        raise SystemExit(
            f"eval_phrases: no .tml files under {folder}: give DATA=.../data/TempEval3/Training/TBAQ-cleaned "
            "(github:qiangning/StructTempRel-EMNLP17)"
        )
    return [read_doc(path) for path in files]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the TBAQ-cleaned folder")
    parser.add_argument("--dateparser", action="store_true", help="score dateparser beside find_dates")
    parser.add_argument("--errors", type=int, default=0, help="print the N commonest misses and wrong values")
    parser.add_argument(
        "--dump", type=Path, help="write find_dates' result for every gold expression and every other mention (TSV)"
    )
    parser.add_argument(
        "--compare", type=Path, help="a --dump of an earlier run: list the gold expressions read worse or better now"
    )
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        raise SystemExit(f"eval_phrases: {args.data} is not a folder (DATA=.../TBAQ-cleaned)")
    docs = load(args.data)
    print(f"TempEval-3 training data (TimeBank + AQUAINT): {len(docs)} documents from {args.data}")
    started = time.perf_counter()
    ours = Score()
    for doc in docs:
        ours.add(doc, timeline_guesses(doc))
    seconds = time.perf_counter() - started
    lines = ours.report(f"timeline.find_dates ({seconds:.2f} s)")
    total, read_any, right = resolve_score(docs, timeline_resolve)
    lines.append(
        f"timeline.resolve on the gold phrases: reads {read_any / total:.3f}, right value {right / total:.3f}"
        f" ({right} of {total})"
    )
    if args.dateparser:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            started = time.perf_counter()
            theirs = Score()
            for doc in docs:
                theirs.add(doc, dateparser_guesses(doc))
            seconds = time.perf_counter() - started
            lines += theirs.report(f"dateparser.search.search_dates ({seconds:.2f} s)")
            total, read_any, right = resolve_score(docs, dateparser_resolve)
            lines.append(
                f"dateparser.parse on the gold phrases: reads {read_any / total:.3f}, right value {right / total:.3f}"
                f" ({right} of {total})"
            )
    print("\n".join(lines))
    if args.dump:
        args.dump.write_text("".join("\t".join(_clean(cell) for cell in row) + "\n" for row in ours.rows))
        print(f"per-expression results written to {args.dump} ({len(ours.rows)} rows)")
    if args.compare:
        print("\n".join(compare(read_rows(args.compare), ours.rows)))
    if args.errors:
        print(f"\nwrong values by kind ({sum(ours.kinds.values())}):")
        for kind, count in ours.kinds.most_common():
            print(f"  {count:3d}  {kind}")
        for title, counter in (("missed", ours.misses), ("not in gold", ours.false), ("wrong value", ours.wrong)):
            print(f"\n{title} ({sum(counter.values())}):")
            for text, count in counter.most_common(args.errors):
                print(f"  {count:3d}  {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
