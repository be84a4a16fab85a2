"""The words date phrases are made of: months, weekdays, numbers and ordinals,
seasons, holidays, zone abbreviations, era words, and the cue words that tell
a date from a name or a count.

Only lists and regular-expression fragments live here; the rules that use
them are in :mod:`timeline.phrases.rules`. docs/phrases.md shows them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Final

from dateutil.easter import easter
from dateutil.relativedelta import MO, TH, TU, relativedelta

# --- Words -------------------------------------------------------------------


def caps(*words: str) -> str:
    """An alternation of ``words``, each also capitalized: it may open a sentence."""
    spelled = []
    for word in words:
        spelled += [word, word[0].upper() + word[1:]]
    return "(?:" + "|".join(spelled) + ")"


MONTHS: Final = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS: Final = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
NUMBERS: Final = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
ORDINALS: Final = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}
# Northern-hemisphere seasons, as EDTF's codes 21-24.
SEASONS: Final = {"spring": 21, "summer": 22, "fall": 23, "autumn": 23, "winter": 24}

MONTH_FULL: Final = "(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# Abbreviations only next to a day or a year (AP style): "Jan" alone is a name.
MONTH_ANY: Final = rf"(?:{MONTH_FULL}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
WEEKDAY: Final = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DAY: Final = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?"
YEAR: Final = r"(?:1[0-9]{3}|20[0-9]{2})"
DASH: Final = r"\s*(?:-|–|—)\s*"
# "this past weekend" is last weekend, written so as not to be read as the coming one.
REL: Final = rf"(?:{caps('this past')}|{caps('last', 'this', 'next')})"
NUMBER: Final = rf"(?:[1-9][0-9]?|{caps(*NUMBERS)})"
TIME_OF_DAY: Final = r"(?:\s+(?:morning|afternoon|evening|night))"
SEASON: Final = caps("spring", "summer", "fall", "autumn", "winter")


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


REL_WORDS: Final = {"last": "last", "this past": "last", "this": "this", "next": "next"}

DAY_WORDS: Final = {
    "yesterday": -1,
    "today": 0,
    "tonight": 0,
    "tomorrow": 1,
    "last night": -1,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}


def nth_weekday(month: int, weekday: relativedelta, day: int = 1) -> Callable[[int], date]:
    return lambda year: date(year, month, day) + weekday


def fixed(month: int, day: int) -> Callable[[int], date]:
    return lambda year: date(year, month, day)


def after(day: Callable[[int], date], days: int) -> Callable[[int], date]:
    return lambda year: day(year) + timedelta(days=days)


# US federal holidays (5 U.S.C. 6103) and the feasts news stories date by.
HOLIDAYS: Final[tuple[tuple[str, Callable[[int], date]], ...]] = (
    ("New Year['’]s Day", fixed(1, 1)),
    ("New Year['’]s Eve", fixed(12, 31)),
    ("Martin Luther King(?: Jr\\.?)? Day|MLK Day", nth_weekday(1, relativedelta(weekday=MO(+3)))),
    ("Presidents['’]? Day|Washington['’]s Birthday", nth_weekday(2, relativedelta(weekday=MO(+3)))),
    ("Memorial Day", nth_weekday(5, relativedelta(weekday=MO(-1)), 31)),
    ("Juneteenth", fixed(6, 19)),
    ("Independence Day|the Fourth of July|July Fourth", fixed(7, 4)),
    ("Labor Day", nth_weekday(9, relativedelta(weekday=MO(+1)))),
    ("Columbus Day|Indigenous Peoples['’]? Day", nth_weekday(10, relativedelta(weekday=MO(+2)))),
    ("Veterans['’]? Day", fixed(11, 11)),
    ("Election Day", nth_weekday(11, relativedelta(weekday=TU(+1)), 2)),
    ("Thanksgiving(?: Day)?", nth_weekday(11, relativedelta(weekday=TH(+4)))),
    ("Christmas Eve", fixed(12, 24)),
    ("Christmas(?: Day)?", fixed(12, 25)),
    ("Black Friday", after(nth_weekday(11, relativedelta(weekday=TH(+4))), 1)),
    ("Cyber Monday", after(nth_weekday(11, relativedelta(weekday=TH(+4))), 4)),
    ("Mardi Gras|Fat Tuesday", after(easter, -47)),
    ("Ash Wednesday", after(easter, -46)),
    ("Palm Sunday", after(easter, -7)),
    ("Maundy Thursday|Holy Thursday", after(easter, -3)),
    ("Good Friday", after(easter, -2)),
    ("Easter Monday", after(easter, 1)),
    ("Easter(?: Sunday)?", easter),
)
HOLIDAY_RES: Final = tuple((re.compile(name), make) for name, make in HOLIDAYS)

PARTS: Final = {
    "early": {"week": (1, 3), "month": (1, 10), "year": (1, 4), "decade": (0, 3), "season": (1, 1)},
    "mid": {"week": (2, 4), "month": (11, 20), "year": (5, 8), "decade": (4, 6), "season": (2, 2)},
    "late": {"week": (4, 7), "month": (21, -1), "year": (9, 12), "decade": (7, 9), "season": (3, 3)},
    "start": {"week": (1, 1), "month": (1, 7), "year": (1, 1), "decade": (0, 1), "season": (1, 1)},
    "end": {"week": (5, 7), "month": (-7, -1), "year": (12, 12), "decade": (8, 9), "season": (3, 3)},
}
PART_WORDS: Final = {
    "early": "early",
    "mid": "mid",
    "mid-": "mid",
    "late": "late",
    "the start of": "start",
    "the beginning of": "start",
    "the middle of": "mid",
    "the end of": "end",
}


# Words after which a bare month, season or year is a date: "in May", "by 2020".
CUES: Final = word_set(
    "in on since by until till through throughout from during before after of for early late mid around "
    "about circa last this next that"
)
JOINS: Final = frozenset({"and", "or", "to", "nor"})
# A count, not a year: "about 2000 people", "the 1500 troops".
NOT_COUNTED: Final = word_set("was has is as this its his us thus always unless perhaps")

# Words that tell which way a sentence looks from the day it was written.
FUTURE_WORDS: Final = word_set(
    "will won't won’t shall would wouldn't wouldn’t going expected expects expect scheduled plans "
    "plan planned upcoming coming tomorrow next soon later due intends intend hopes hope hoping aims wants"
)
PAST_WORDS: Final = word_set(
    "said was wasn't wasn’t were weren't weren’t had did didn't didn’t ago last since earlier "
    "previously yesterday told announced began met spoke went came took gave made saw won lost held ran fell rose "
    "wrote sent led became brought bought thought felt kept paid sold stood struck sought chose drew flew grew "
    "knew threw broke"
)
# Words ending in -ed that are no past tense.
NOT_PAST: Final = word_set(
    "hundred kindred indeed need needs seed speed feed breed proceed succeed exceed sacred naked wicked red bed shed"
)
ABBREVIATIONS: Final = word_set(
    "mr mrs ms dr st jr sr sen rep gov gen lt col capt prof no vs jan feb mar apr jun jul aug sep sept oct nov dec ca c"
)

NOT_DATES_RE: Final = re.compile(
    r"Ruby Tuesday|(?:Man|Girl) Friday|Saturday Night Live|USA Today|(?:the )?Today show"
    # Days named for one year's event, or whose date varies by state.
    r"|Black Monday|Bloody Sunday|Super Tuesday|Giving Tuesday"
    r"|(?:Sunday|Saturday) (?:Times|Telegraph|Post|Express|Mirror|Herald|school)|Good Morning America"
)
