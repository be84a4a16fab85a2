"""The engine: :func:`resolve` reads one phrase, :func:`find_dates` finds every
phrase of a text in one pass per rule, splits sentences, and takes each
phrase's direction (past or future) from the tense cues around it.
"""

from __future__ import annotations

import bisect
import functools
import importlib
import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any, Final, cast

import attrs

from timeline import limits
from timeline._when import When
from timeline.errors import ParseError
from timeline.phrases.base import (
    Mention,
    Numeric,
    Prefer,
    Rule,
    _Context,
    _match,
)
from timeline.phrases.rules import (
    _LEADING_RE,
    _WORD_BEFORE_RE,
    RULES,
    TRIGGER_WORDS,
    is_anchored,
)
from timeline.phrases.words import (
    ABBREVIATIONS,
    DETERMINERS,
    FUTURE_WORDS,
    NOT_DATES_RE,
    NOT_PAST,
    NOUN_CUES,
    PAST_WORDS,
)

# --- Public functions ------------------------------------------------------------------


def _context(reference: object, prefer: object, numeric: object, fiscal_year_start: object = 1) -> _Context:
    if isinstance(reference, datetime):
        reference = reference.date()
    if not isinstance(reference, date):
        raise TypeError(f"'reference' must be a date or datetime, got {reference!r}")
    if prefer not in ("past", "future", None):
        raise ValueError(f"'prefer' must be 'past', 'future' or None, got {prefer!r}")
    if numeric not in ("mdy", "dmy", None):
        raise ValueError(f"'numeric' must be 'mdy', 'dmy' or None, got {numeric!r}")
    if (
        not isinstance(fiscal_year_start, int)
        or isinstance(fiscal_year_start, bool)
        or not 1 <= fiscal_year_start <= 12
    ):
        raise ValueError(f"'fiscal_year_start' must be a month number 1-12, got {fiscal_year_start!r}")
    return _Context(reference, prefer, numeric, fiscal_year_start)


def resolve(
    phrase: str,
    *,
    reference: date,
    prefer: Prefer | None = None,
    numeric: Numeric | None = None,
    fiscal_year_start: int = 1,
) -> When:
    """What a date phrase means, written on the day ``reference``.

    The result keeps the phrase's precision: a month stays a month, "last
    week" is an ISO week, "early next week" an approximate span of days.

    Args:
        phrase: Such as ``"in March"``, ``"June 6"``, ``"early next week"``.
            Case of the first letter and runs of spaces do not matter; a
            leading "in", "on", "at", "during" or "of" and a closing
            punctuation mark are read past.
        reference: The day the text was written (a ``datetime`` counts as its date).
        prefer: For phrases that could point either way ("Tuesday",
            "December", "June 6"): ``"past"`` takes the latest occurrence
            that begins on or before the reference day, ``"future"`` the
            earliest that ends on or after it, None the nearest (the one
            holding the reference day, else the closest, the earlier on a
            tie). "last" and "next" in the phrase override it.
        numeric: How to read ``6/7/2021``: ``"mdy"`` or ``"dmy"``. Without it
            such a date is refused as ambiguous; ``25/11/2019`` (no 25th
            month) is read either way, and a dotted date (``5.11.2019``) is
            read day first.
        fiscal_year_start: The month a fiscal year begins (1, January, by
            default: fiscal years are calendar years). A fiscal year is named
            for the calendar year it ends in: with 10, "FY2019" is October
            2018 to September 2019 and "Q1 FY2019" October to December 2018.

    Returns:
        The date, as a :class:`When`.

    Raises:
        ParseError: ``phrase`` is not a date this library reads, names a
            day that does not exist (the message quotes it and says why), or
            is longer than ``timeline.limits.PHRASE_LENGTH`` (1,000) characters.

    >>> from datetime import date
    >>> wednesday = date(2021, 6, 2)
    >>> resolve("in March", reference=wednesday)
    When('2021-03')
    >>> resolve("early next week", reference=wednesday)
    When('2021-06-07~/2021-06-09~')
    >>> resolve("Tuesday night", reference=wednesday, prefer="past")
    When('2021-06-01')
    >>> resolve("Monday and Tuesday", reference=wednesday, prefer="future")
    When('2021-06-07/2021-06-08')
    >>> resolve("the end of the year", reference=wednesday)
    When('2021-12~')
    >>> resolve("banana", reference=wednesday)
    Traceback (most recent call last):
    ...
    timeline.errors.ParseError: 'banana' is not a date phrase
    """
    ctx = _context(reference, prefer, numeric, fiscal_year_start)
    if not isinstance(phrase, str):
        raise ParseError(f"a date phrase must be text, got {phrase!r}")
    if len(phrase) > limits.PHRASE_LENGTH:
        raise ParseError(
            f"a date phrase has at most {limits.PHRASE_LENGTH:,} characters, got {len(phrase):,}"
            f" starting {phrase[:40]!r}; find_dates reads phrases in longer text"
        )
    text = " ".join(phrase.split())
    # As written; then without a closing mark ("June 6,"); then past a leading "in" or "on".
    unclosed = text.rstrip(".,;:!?")
    for candidate in (text, unclosed):
        when = _match(candidate, RULES, ctx)
        if when is None and (leading := _LEADING_RE.match(candidate)) is not None:
            when = _match(candidate[leading.end() :], RULES, ctx)
        if when is not None:
            return when
    raise ParseError(f"{phrase!r} is not a date phrase")


# --- Finding phrases in text --------------------------------------------------------

_CLAUSE_BREAK_RE: Final = re.compile(r",(?![0-9])|[;:()\"“”—]|``|''|\s–\s|\s(?:and|but)\s")
# Plain-text quotation marks also come as two backquotes or two apostrophes.
_QUOTES_RE: Final = re.compile(r"[\"“”]|``|''")
# One pass over the words of the text finds them all (a word here is a run of letters and
# apostrophes): a word is a cue as a whole, in either spelling of its first letter, or
# (for -ed) in lower case; "she'll" looks forward, and so do "is to", "are to", "set to".
_CUE_WORD_RE: Final = re.compile(r"(?<![A-Za-z'’])[A-Za-z][A-Za-z'’]*")
_FUTURE_CUES: Final = frozenset(spelling for word in FUTURE_WORDS for spelling in (word, word[0].upper() + word[1:]))
_PAST_CUES: Final = frozenset(spelling for word in PAST_WORDS for spelling in (word, word[0].upper() + word[1:]))
_TO_CUE_RE: Final = re.compile(r"\s+to(?=\s+[a-z])")
# Each cue word as written: "future", "past", or "to" (a future cue only before "to" and a verb).
_CUE_OF: Final = {**dict.fromkeys(_PAST_CUES, "past"), **dict.fromkeys(("set", "is", "are"), "to")} | dict.fromkeys(
    _FUTURE_CUES, "future"
)
_BY_RE: Final = re.compile(r"\s+by\s")
_WORD_END_RE: Final = re.compile(r"([A-Za-z]+)\s+$")


def _determined(text: str, at: int) -> bool:
    """Whether the word before offset ``at`` is a determiner ("the plan", "its hopes")."""
    before = _WORD_END_RE.search(text, max(0, at - 12), at)
    return before is not None and before[1].lower() in DETERMINERS


_SENTENCE_END_RE: Final = re.compile(r"[.!?]+[\"”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])|\n")


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: ends at . ! ? before a capital or digit, or at a line break; not after "Mr." or "U.S."."""
    spans = []
    start = 0
    for end in _SENTENCE_END_RE.finditer(text):
        if end[0] != "\n":
            word = _WORD_BEFORE_RE.search(text, max(0, end.start() - 12), end.start() + 1)
            if word is not None and (word[1].lower() in ABBREVIATIONS or len(word[1]) == 1):
                continue
        spans.append((start, end.end()))
        start = end.end()
    spans.append((start, len(text)))
    trimmed = []
    for lo, hi in spans:
        piece = text[lo:hi]
        stripped = piece.strip()
        if stripped:
            lead = lo + len(piece) - len(piece.lstrip())
            trimmed.append((lead, lead + len(stripped)))
    return trimmed


# "It had been due to expire Friday": a plan seen from before it, now past.
_HAD_BEEN_RE: Final = re.compile(r"(?<![A-Za-z])had(?:\s+been)?\s+$")
_TO_RE: Final = re.compile(r"\s+to\s")
_PASSIVE_RE: Final = re.compile(r"(?<![A-Za-z])(?:be|being|is|are|am)\s+$")


_HEAD_RE: Final = re.compile(r"[a-z]+")
_AFTER_APOSTROPHE_RE: Final = re.compile(r"['’]([A-Za-z]+)")


def _scan(text: str) -> tuple[dict[str, list[int]], list[int], list[str]]:
    """One pass over the words of ``text``: the index of first and trigger words, and the tense cues.

    The index holds, for each word some rule may begin with or be triggered by
    (in lower case), where it begins as a whole run of letters with no letter or
    digit before it; the cues are positions and "past" or "future".
    """
    index: dict[str, list[int]] = {word: [] for word in _FIRST_WORD_SET}
    get = index.get
    positions: list[int] = []
    kinds: list[str] = []
    cue_of = _CUE_OF.get
    for word in _CUE_WORD_RE.finditer(text):
        spelled = word[0]
        start = word.start()
        lower = spelled.lower()
        found = get(lower)
        if found is None and not lower.isalpha():
            head = _HEAD_RE.match(lower)
            found = None if head is None else get(head[0])  # "today's": "today"
        if found is not None and not (start and text[start - 1].isdigit()):
            found.append(start)
        cue = cue_of(spelled)
        if cue is None and spelled[-2:] not in ("ed", "ll"):
            continue  # most words: no cue
        end = word.end()
        if cue == "future" or (cue is None and spelled[-3:] in ("'ll", "’ll") and spelled[:-3].isalpha()):
            if lower in NOUN_CUES and _determined(text, start):
                continue  # "announced the plan Aug. 21": a noun
            future = True
        elif cue == "to":
            to = _TO_CUE_RE.match(text, end)
            if to is None:
                continue
            future, end = True, to.end()
        elif cue == "past":
            future = False
        elif len(spelled) >= 5 and spelled.endswith("ed") and spelled.isalpha() and spelled.islower():
            if spelled in NOT_PAST or _PASSIVE_RE.search(text, max(0, start - 8), start):
                continue  # "will be named": a participle, its tense carried by the word before it
            if _BY_RE.match(text, end):
                continue  # "markets untouched by the crisis": a participle with its agent, no tense
            future = False
        else:
            continue
        if future and spelled in ("next", "Next") and _TO_RE.match(text, end) is not None:
            continue  # "next to the embassy": a place
        if future and _HAD_BEEN_RE.search(text, max(0, start - 10), start) and _TO_RE.match(text, end) is not None:
            future = False  # "it had been due to expire Friday": a plan seen from before it, now past
        positions.append(start)
        kinds.append("future" if future else "past")
    # A word just after an apostrophe ("'Last week,' she said", "o'clock") begins no cue but is indexed.
    for word in _AFTER_APOSTROPHE_RE.finditer(text):
        found = get(word[1].lower())
        if found is not None:
            found.append(word.start(1))
    return {word: starts for word, starts in index.items() if starts}, positions, kinds


@attrs.frozen
class _Marks:
    """Where the tense cues, clause breaks and quotation marks of a text are, found once.

    Each phrase then finds its clause and its nearest cues by bisection, so
    reading a text costs time linear in its length however many phrases and
    cues one sentence holds.
    """

    positions: list[int]
    kinds: list[str]
    break_starts: list[int]
    break_ends: list[int]
    quotes: list[int]

    @classmethod
    def of(cls, text: str, cues: tuple[list[int], list[str]]) -> _Marks:
        """The marks of ``text``, with its tense cues (positions and kinds) found by :func:`_scan`."""
        positions, kinds = cues
        breaks = [(m.start(), m.end()) for m in _CLAUSE_BREAK_RE.finditer(text)]
        return cls(
            positions,
            kinds,
            [lo for lo, _ in breaks],
            [hi for _, hi in breaks],
            [m.start() for m in _QUOTES_RE.finditer(text)],
        )

    def quoted(self, lo: int, hi: int) -> bool:
        """Whether a quotation mark lies in ``[lo, hi)``."""
        return bisect.bisect_left(self.quotes, lo) < bisect.bisect_left(self.quotes, hi)


def _clause(marks: _Marks, start: int, end: int, sentence: tuple[int, int]) -> tuple[int, int]:
    """The clause around a phrase: its sentence cut at commas, semicolons, dashes, quotes, "and", "but"."""
    lo, hi = sentence
    # The last break that ends by the phrase's start and begins within the sentence.
    index = bisect.bisect_right(marks.break_starts, start) - 1
    while index >= 0 and marks.break_ends[index] > start:
        index -= 1
    if index >= 0 and marks.break_starts[index] >= lo:
        lo = marks.break_ends[index]
    after = bisect.bisect_left(marks.break_starts, end)
    if after < len(marks.break_starts) and marks.break_ends[after] <= hi:
        hi = marks.break_starts[after]
    return lo, hi


def _preference(start: int, end: int, sentence: tuple[int, int], marks: _Marks) -> Prefer | None:
    """Which way a phrase looks, from the tense cues of its sentence.

    The verb that governs a time phrase usually comes before it in its
    clause ("she spoke in mid-August and plans a rally"): the nearest cue
    before the phrase in its clause wins, else the nearest after it in its
    clause, else the nearest in the sentence, where a cue on the other side
    of a quotation mark counts as far away ("'We'll be back Monday,' she
    told reporters").
    """
    positions, kinds = marks.positions, marks.kinds
    first = bisect.bisect_left(positions, sentence[0])
    last = bisect.bisect_left(positions, sentence[1])
    if first == last:
        return None
    lo, hi = _clause(marks, start, end, sentence)
    before = bisect.bisect_left(positions, start) - 1  # the nearest cue before the phrase
    after = bisect.bisect_left(positions, end)  # the nearest at or after its end
    if before >= first and positions[before] >= lo:
        return cast(Prefer, kinds[before])
    if after < last and positions[after] < hi:
        return cast(Prefer, kinds[after])
    # The nearest in the sentence; a quotation mark between pushes a cue far away,
    # and the nearest on each side has the fewest marks between.
    best: tuple[int, str] | None = None
    if before >= first:
        at = positions[before]
        best = (start - at + 10_000 * marks.quoted(at, start), kinds[before])
    if after < last:
        at = positions[after]
        distance = at - end + 10_000 * marks.quoted(end, at)
        if best is None or distance < best[0]:
            best = (distance, kinds[after])
    return None if best is None else cast(Prefer, best[1])


_TAKEN: Final = b"\x01" * 256  # marks a phrase's characters as taken
_POSSESSIVE_RE: Final = re.compile(r"['’]s\s+[a-z]")
_WEEKDAY_RE: Final = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day")


def _cue_in_clause(start: int, end: int, sentence: tuple[int, int], marks: _Marks) -> bool:
    """Whether a tense cue lies in the phrase's own clause."""
    lo, hi = _clause(marks, start, end, sentence)
    return bisect.bisect_left(marks.positions, lo) < bisect.bisect_left(marks.positions, hi)


_TRIGGERS: Final[dict[str, re.Pattern[str]]] = {}
# Where a phrase may begin: any mark that no letter or digit comes just before.
_STARTS_RE: Final = re.compile(r"(?<![A-Za-z0-9])\S")


# --- The first characters a rule's match may begin with ---------------------------------
# A rule is tried only where one of them stands at the start of a word: in news text
# that skips most of the words near a trigger. The set is read off the pattern by the
# regular-expression parser of the standard library (``re._parser``, Python 3.11+); if
# a later Python moves it, every start is tried, as before, and only speed changes.

try:
    _PARSER: Any = importlib.import_module("re._parser")
    _CONSTANTS: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - a Python without re._parser
    _PARSER = _CONSTANTS = None


def _first_of(items: Any, fold: bool) -> tuple[set[str] | None, bool]:
    """The characters a sequence of parsed items may begin with (None: any), and whether it may be empty."""
    found: set[str] = set()
    for op, value in items:
        chars, empty = _first_item(op, value, fold)
        if chars is None:
            return None, False
        found |= chars
        if not empty:
            return found, False
    return found, True


def _first_item(op: Any, value: Any, fold: bool) -> tuple[set[str] | None, bool]:
    c = _CONSTANTS
    chars: set[str] | None
    if op is c.LITERAL:
        chars = {chr(value)}
    elif op is c.IN:
        chars = set()
        for kind, item in value:
            if kind is c.LITERAL:
                chars.add(chr(item))
            elif kind is c.RANGE:
                chars |= {chr(code) for code in range(item[0], item[1] + 1)}
            elif kind is c.CATEGORY and item is c.CATEGORY_DIGIT:
                chars |= set("0123456789")
            else:
                return None, False  # a negated or other class: any character
    elif op is c.BRANCH:
        chars, empty = set(), False
        for alternative in value[1]:
            more, may_be_empty = _first_of(alternative, fold)
            if more is None:
                return None, False
            chars |= more
            empty = empty or may_be_empty
        return chars, empty
    elif op is c.SUBPATTERN:
        return _first_of(value[3], fold or bool(value[1] & c.SRE_FLAG_IGNORECASE))
    elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        chars, empty = _first_of(value[2], fold)
        return chars, chars is not None and (empty or value[0] == 0)
    elif op in (c.ASSERT, c.ASSERT_NOT, c.AT):
        return set(), True  # zero width: the next item begins the match
    else:
        return None, False
    if fold:
        chars |= {char.swapcase() for char in chars}
    return chars, False


@functools.cache
def _start_re(rule: Rule) -> re.Pattern[str]:
    """Where a match of ``rule`` may begin: no letter or digit before, one of its first characters."""
    if _PARSER is not None:
        chars, empty = _first_of(_PARSER.parse(rule.pattern.pattern, rule.pattern.flags), False)
        if chars and not empty and not any(char.isspace() for char in chars):
            klass = "".join(re.escape(char) for char in sorted(chars))
            return re.compile(f"(?<![A-Za-z0-9])[{klass}]")
    return _STARTS_RE  # pragma: no cover - a Python without re._parser


# Only the words some rule may begin with (Rule.first) and the trigger words are indexed.
_FIRST_WORDS: Final = sorted({word for rule in RULES if rule.first for word in rule.first}, key=len, reverse=True)
_FIRST_WORD_SET: Final = frozenset(_FIRST_WORDS) | {word for words in TRIGGER_WORDS.values() for word in words}


def _compile_trigger(trigger: str) -> re.Pattern[str]:
    """A trigger's pattern; one that opens with a look-behind gets its first characters said first.

    The regular-expression engine then skips at once to where one of them stands, instead
    of testing the look-behind at every character: half the time for the month names.
    """
    return _first_chars_first(trigger) if trigger.startswith("(?<") else re.compile(trigger)


def _trigger_starts(text: str, trigger: str, triggers: dict[str, list[int]], words: dict[str, list[int]]) -> list[int]:
    """Where ``trigger`` matches in ``text``, found once for all the rules that share it.

    A trigger of words (rules.TRIGGER_WORDS) is where one of its words begins,
    read off the index of words.
    """
    found = triggers.get(trigger)
    if found is None and trigger in TRIGGER_WORDS:
        found = triggers[trigger] = sorted(at for word in TRIGGER_WORDS[trigger] for at in words.get(word, ()))
    if found is None:
        compiled = _TRIGGERS.get(trigger)
        if compiled is None:
            compiled = _TRIGGERS[trigger] = _compile_trigger(trigger)
        found = triggers[trigger] = [t.start() for t in compiled.finditer(text)]
    return found


def _matches(
    text: str, rule: Rule, triggers: dict[str, list[int]], words: dict[str, list[int]]
) -> Iterator[re.Match[str]]:
    """Every match of ``rule`` in ``text``, one per start position, overlapping ones included."""
    pattern = rule.pattern
    if rule.first is not None:
        found = sorted(at for word in rule.first for at in words.get(word, ()))
        for at in found:
            m = pattern.match(text, at)
            if m is not None:
                yield m
        return
    if rule.trigger is None:
        pos = 0
        while (m := pattern.search(text, pos)) is not None:
            pos = m.start() + 1
            yield m
        return
    starts = _start_re(rule)
    match = pattern.match
    pos = 0
    for at in _trigger_starts(text, rule.trigger, triggers, words):
        # A match holds its trigger: it starts at most ``reach`` before it, and not after it.
        # Each start is tried once, however many triggers it is near.
        for start in starts.finditer(text, max(pos, at - rule.reach), at + 1):
            m = match(text, start.start())
            if m is not None:
                yield m
        pos = at + 1


def _first_chars_first(pattern: str) -> re.Pattern[str]:
    """``pattern`` with its first characters said first: the engine then skips at once to where one stands."""
    if _PARSER is not None:
        chars, empty = _first_of(_PARSER.parse(pattern), False)
        if chars and not empty:
            return re.compile(f"(?=[{''.join(re.escape(char) for char in sorted(chars))}])(?:{pattern})")
    return re.compile(pattern)  # pragma: no cover - a Python without re._parser


# The names that hold a date word ("Ruby Tuesday"), searched from their first letters.
_NOT_DATES_FAST: Final = _first_chars_first(NOT_DATES_RE.pattern)


def _candidates(text: str, words: dict[str, list[int]]) -> list[tuple[int, int, int, Rule, re.Match[str]]]:
    """Every match of every rule: (start, end, rule order, rule, match), the longest first.

    Whether a match stands as a phrase (:func:`_stands`) is asked later, and only
    of those no longer phrase has covered already.
    """
    triggers: dict[str, list[int]] = {}
    found = [
        (m.start(), m.end(), order, rule, m)
        for order, rule in enumerate(RULES)
        for m in _matches(text, rule, triggers, words)
    ]
    found.sort(key=lambda c: (c[0] - c[1], c[0], c[2]))
    return found


def _stands(text: str, start: int, end: int, rule: Rule, m: re.Match[str], blocked: list[tuple[int, int]]) -> bool:
    """Whether a match stands as a phrase: not inside a longer word or number, its guard agrees, not a name."""
    if start and (text[start - 1].isalnum() or text[start - 1] in "_$£€'’-/"):
        return False
    if end < len(text) and (text[end].isalnum() or text[end] in "_%"):
        return False
    if end + 1 < len(text) and text[end] in "-–/.,:" and text[end + 1].isdigit():
        return False
    if rule.guard is not None and not rule.guard(text, m):
        return False
    # Non-overlapping and in order: only the last one starting before the end can overlap.
    index = bisect.bisect_left(blocked, (end,)) - 1
    return index < 0 or blocked[index][1] <= start


def find_dates(
    text: str, *, reference: date, numeric: Numeric | None = None, fiscal_year_start: int = 1
) -> list[Mention]:
    """Every date phrase in ``text``, read against the day ``reference``.

    Where phrases overlap the longest wins ("June 6-8" over "June 6"). A
    phrase that could point either way takes its direction from the tense
    cue nearest to it in its sentence: "will", "would", "'ll", "expected",
    "next", "upcoming" and the like look forward; "said", "was", "had",
    "ago", "last", "since" and verbs ending in -ed look back. Without a cue
    the nearest occurrence wins, as in :func:`resolve` with ``prefer=None``.

    Words that are dates only in some company need it: a month alone
    ("May") or a season or a year alone is a date after "in", "since", "by",
    "until", "of" and similar words, or as the second of a pair ("in March
    and May"); "about 2000 people" is a count.

    Args:
        text: Any text.
        reference: The day the text was written.
        numeric: How to read ``6/7/2021`` (see :func:`resolve`).
        fiscal_year_start: The month fiscal years begin (see :func:`resolve`).

    Returns:
        The mentions, in the order of the text; they do not overlap.

    >>> from datetime import date
    >>> text = "Harris will meet both presidents on June 6. She was named in March."
    >>> for m in find_dates(text, reference=date(2021, 6, 2)):
    ...     print(m.start, m.end, repr(m.text), m.when)
    36 42 'June 6' 2021-06-06
    61 66 'March' 2021-03
    """
    ctx = _context(reference, None, numeric, fiscal_year_start)
    if not isinstance(text, str):
        raise ParseError(f"find_dates reads text, got {text!r}")
    sentences = _sentences(text)
    starts = [lo for lo, _ in sentences]
    words, positions, kinds = _scan(text)
    marks = _Marks.of(text, (positions, kinds))
    taken = bytearray(len(text))
    found: list[Mention] = []
    anchored: list[tuple[int, int, Rule, re.Match[str]]] = []
    seen: dict[tuple[int, str, tuple[str | Any, ...], str | None, When | None], When | ParseError] = {}

    def place(start: int, end: int, rule: Rule, m: re.Match[str], anchor: When | None) -> None:
        index = max(0, bisect.bisect_right(starts, start) - 1)
        sentence = sentences[index] if sentences else (0, len(text))
        # A full stop the splitter took for a sentence's end may fall inside a phrase.
        sentence = (min(sentence[0], start), max(sentence[1], end))
        lean = _preference(start, end, sentence, marks)
        if (
            _POSSESSIVE_RE.match(text, end)
            and _WEEKDAY_RE.fullmatch(m[0])
            and not _cue_in_clause(start, end, sentence, marks)
        ):
            lean = "past"  # "over Thursday's closing price": a day whose doings are reported
        # A rule reads only its match's groups and the context: a phrase met again in the
        # same light ("Tuesday" in past-tense sentences) is read once.
        key = (id(rule), m[0], m.groups(), lean, anchor)
        when = seen.get(key)
        if when is None:
            local = _Context(ctx.reference, lean, ctx.numeric, ctx.fiscal_start, anchor, True)
            try:
                when = When(rule.build(m, local))
            except (ParseError, ValueError) as exc:
                when = ParseError(str(exc))
            seen[key] = when
        if isinstance(when, ParseError):
            return
        taken[start:end] = _TAKEN[: end - start] if end - start <= len(_TAKEN) else b"\x01" * (end - start)
        found.append(Mention(start, end, m[0], when, sentence))

    blocked = [(m.start(), m.end()) for m in _NOT_DATES_FAST.finditer(text)]
    for start, end, _, rule, m in _candidates(text, words):
        if taken.find(1, start, end) >= 0 or not _stands(text, start, end, rule, m, blocked):
            continue
        if is_anchored(m):
            anchored.append((start, end, rule, m))  # read once the dates before it are known
            continue
        place(start, end, rule, m, None)
    # "Two days later" counts from the date before it in the text; with none, it is a length.
    found.sort(key=lambda mention: mention.start)
    placed = [mention.start for mention in found]
    for start, end, rule, m in sorted(anchored, key=lambda c: c[0]):
        before = bisect.bisect_left(placed, start) - 1
        if before < 0 or taken.find(1, start, end) >= 0 or found[before].end > start:
            continue
        anchor = found[before]
        if _YEAR_BACK_RE.fullmatch(m[0]) and _YEAR_BACK_RE.fullmatch(anchor.text):
            # "Down from C$2.3 million a year ago. Sales were C$307.2 million a year earlier":
            # side by side, two comparisons with the same time, not one a year before the other.
            taken[start:end] = b"\x01" * (end - start)
            found.append(Mention(start, end, m[0], anchor.when, _sentence_of(start, end, sentences, starts)))
            continue
        place(start, end, rule, m, anchor.when)
    found.sort(key=lambda mention: mention.start)
    return _quarters_a_year_back(found, text, sentences, ctx.reference)


# "Up from $85 million a year ago": in a story about a quarter, the year-back
# comparison is that quarter a year before.
_YEAR_BACK_RE: Final = re.compile(r"(?i)(?:a\s+year\s+(?:ago|earlier|before)|(?:the\s+)?year-(?:ago|earlier))")
_QUARTER_RE: Final = re.compile(r"(-?[0-9]{4})-(3[3-6])")
# A longer reporting period named after the quarter: a year-back comparison is then of it.
_LONGER_PERIOD_RE: Final = re.compile(
    r"(?i)(?<![A-Za-z])(?:(?:six|nine|6|9)[\s-]+months?|first\s+half|(?:the|its|fiscal)\s+year\s+(?:ended|to)"
    r"|year\s+to\s+date|for\s+the\s+(?:full\s+|fiscal\s+)?year)(?![A-Za-z])"
)
# How far back (in characters) a quarter mention still sets the story's subject.
_QUARTER_REACH: Final = 3000


def _quarters_a_year_back(
    found: list[Mention], text: str, sentences: list[tuple[int, int]], reference: date
) -> list[Mention]:
    """Read "a year ago", "a year earlier", "year-earlier" as the quarter a year before the one the story is about,
    and "the quarter", "the latest period" as that quarter.

    A quarterly report compares each figure with the same quarter a year
    before: after "third-quarter profit rose" (1989-Q3), "from $85 million a
    year ago" is 1988-Q3, not the year 1988, and "sales in the quarter" are
    those of 1989-Q3. The quarter is the last one mentioned before the
    phrase, at most a few paragraphs back, unless a longer period ("the
    nine months", "the first half", "the year ended") is named between
    them: a comparison is then of that period, a year. With no quarter
    before it, "the quarter" is no date (it may be a coin or a district).
    """
    anaphors: list[tuple[int, int]] = []
    if any(_QUARTER_RE.fullmatch(str(mention.when)) for mention in found):
        begins = [mention.start for mention in found]
        anaphors = [
            (m.start(), m.end())
            for m in _THE_QUARTER_RE.finditer(text)
            if not (m.start() and text[m.start() - 1].isalnum()) and not _overlaps(found, begins, m.start(), m.end())
        ]
    if anaphors:
        starts = [lo for lo, _ in sentences]
        found = found + [
            Mention(lo, hi, text[lo:hi], When("0001"), _sentence_of(lo, hi, sentences, starts)) for lo, hi in anaphors
        ]
        found.sort(key=lambda mention: mention.start)
    anaphoric = set(anaphors)
    longer: list[int] | None = None  # where a longer period is named: found once if needed, then bisected
    quarter: tuple[int, int, str] | None = None  # where it ends, year, code
    kept: list[Mention] = []
    for mention in found:
        is_anaphor = (mention.start, mention.end) in anaphoric
        near = quarter is not None and mention.start - quarter[0] <= _QUARTER_REACH
        if is_anaphor:
            if near and quarter is not None:
                kept.append(attrs.evolve(mention, when=When(f"{quarter[1]:04d}-{quarter[2]}")))
            continue
        kept.append(mention)
        value = _QUARTER_RE.fullmatch(str(mention.when))
        if value is not None:
            # "The year-ago quarter" is the comparison, not the subject; so is a quarter of an earlier year.
            year, code = int(value[1]), value[2]
            later = near and quarter is not None and quarter[1] > year
            # A quarter still to come is an outlook, not the quarter reported on.
            first = mention.when.earliest()
            coming = near and first is not None and first > reference
            if _YEAR_BACK_RE.search(mention.text) is None and not later and not coming:
                quarter = (mention.end, year, code)
            continue
        if quarter is None or not near:
            continue
        if _YEAR_BACK_RE.fullmatch(mention.text) is not None:
            if longer is None:
                longer = [m.start() for m in _LONGER_PERIOD_RE.finditer(text)]
            if bisect.bisect_left(longer, quarter[0]) < bisect.bisect_left(longer, mention.start):
                continue  # "for the nine months, ... a year earlier": the story has moved on from the quarter
            kept[-1] = attrs.evolve(mention, when=When(f"{quarter[1] - 1:04d}-{quarter[2]}"))
    return kept


# "The quarter": a quarter the story has named before ("sales in the quarter rose").
_THE_QUARTER_RE: Final = re.compile(r"[Tt]he\s+(?:quarter|latest\s+period)(?![\w-])(?!\s+of\b)")


def _overlaps(found: list[Mention], begins: list[int], start: int, end: int) -> bool:
    """Whether a mention of ``found`` (in order of the text; ``begins`` their starts) overlaps ``[start, end)``."""
    index = bisect.bisect_left(begins, end) - 1
    return index >= 0 and found[index].end > start


def _sentence_of(start: int, end: int, sentences: list[tuple[int, int]], starts: list[int]) -> tuple[int, int]:
    """The sentence that holds ``[start, end)``, widened to hold it whole."""
    index = max(0, bisect.bisect_right(starts, start) - 1)
    sentence = sentences[index] if sentences else (start, end)
    return (min(sentence[0], start), max(sentence[1], end))
