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
REL: Final = rf"(?:{caps('this past', 'this coming')}|{caps('last', 'this', 'next')})"
NUMBER: Final = rf"(?:[1-9][0-9]?|{caps(*NUMBERS)})"
TIME_OF_DAY: Final = r"(?:\s+(?:morning|afternoon|evening|night))"
SEASON: Final = caps("spring", "summer", "fall", "autumn", "winter")


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


REL_WORDS: Final = {"last": "last", "this past": "last", "this coming": "next", "this": "this", "next": "next"}

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


def weekday_on_or_after(month: int, day: int, weekday: int) -> Callable[[int], date]:
    """The first ``weekday`` (0 Monday) on or after ``month``/``day``."""
    return lambda year: date(year, month, day) + timedelta(days=(weekday - date(year, month, day).weekday()) % 7)


# US federal holidays (5 U.S.C. 6103), UK bank holidays, the Christian feasts and
# the days news stories date by. One row a day: a pattern of its names and the
# function giving its date in a year.
HOLIDAYS: Final[tuple[tuple[str, Callable[[int], date]], ...]] = (
    ("New Year['’]s Day|New Year['’]s", fixed(1, 1)),
    ("New Year['’]s Eve|Hogmanay", fixed(12, 31)),
    ("Martin Luther King(?: Jr\\.?)? Day|MLK Day", nth_weekday(1, relativedelta(weekday=MO(+3)))),
    ("Presidents['’]? Day|Washington['’]s Birthday", nth_weekday(2, relativedelta(weekday=MO(+3)))),
    ("Memorial Day", nth_weekday(5, relativedelta(weekday=MO(-1)), 31)),
    ("Juneteenth", fixed(6, 19)),
    ("Independence Day|the Fourth of July|July Fourth", fixed(7, 4)),
    ("Labor Day", nth_weekday(9, relativedelta(weekday=MO(+1)))),
    ("Columbus Day|Indigenous Peoples['’]? Day", nth_weekday(10, relativedelta(weekday=MO(+2)))),
    ("Veterans['’]? Day|Armistice Day|Remembrance Day", fixed(11, 11)),
    ("Election Day", nth_weekday(11, relativedelta(weekday=TU(+1)), 2)),
    ("Thanksgiving(?: Day)?", nth_weekday(11, relativedelta(weekday=TH(+4)))),
    ("Christmas Eve", fixed(12, 24)),
    ("Christmas(?: Day)?|Xmas", fixed(12, 25)),
    ("Boxing Day|St\\.? Stephen['’]s Day", fixed(12, 26)),
    ("Black Friday", after(nth_weekday(11, relativedelta(weekday=TH(+4))), 1)),
    ("Cyber Monday", after(nth_weekday(11, relativedelta(weekday=TH(+4))), 4)),
    ("Valentine['’]s Day", fixed(2, 14)),
    ("St\\.? Patrick['’]s Day", fixed(3, 17)),
    ("St\\.? George['’]s Day", fixed(4, 23)),
    ("May Day", fixed(5, 1)),
    ("Halloween", fixed(10, 31)),
    ("All Saints['’]? Day", fixed(11, 1)),
    ("Guy Fawkes Night|Bonfire Night", fixed(11, 5)),
    ("Epiphany", fixed(1, 6)),
    ("Mother['’]s Day", nth_weekday(5, relativedelta(weekday=6, days=7))),  # US: the second Sunday of May
    ("Mothering Sunday", after(easter, -21)),  # UK: the fourth Sunday of Lent
    ("Father['’]s Day", weekday_on_or_after(6, 15, 6)),  # the third Sunday of June
    ("Remembrance Sunday", weekday_on_or_after(11, 8, 6)),  # the second Sunday of November
    ("Early May [Bb]ank [Hh]oliday", nth_weekday(5, relativedelta(weekday=MO(+1)))),
    ("Spring [Bb]ank [Hh]oliday", nth_weekday(5, relativedelta(weekday=MO(-1)), 31)),
    ("(?:Summer|August) [Bb]ank [Hh]oliday", nth_weekday(8, relativedelta(weekday=MO(-1)), 31)),
    ("Mardi Gras|Fat Tuesday|Shrove Tuesday|Pancake Day", after(easter, -47)),
    ("Ash Wednesday", after(easter, -46)),
    ("Palm Sunday", after(easter, -7)),
    ("Maundy Thursday|Holy Thursday", after(easter, -3)),
    ("Good Friday", after(easter, -2)),
    ("Holy Saturday", after(easter, -1)),
    ("Easter Monday", after(easter, 1)),
    ("Easter(?: Sunday)?", easter),
    ("Ascension Day", after(easter, 39)),
    ("Pentecost|Whit Sunday|Whitsun", after(easter, 49)),
)
# A holiday's weekend: the days off around it, as (days before, days after).
# A Monday holiday's weekend runs from the Saturday before; Thanksgiving's
# from the Thursday to the Sunday; Easter's from Good Friday to Easter Monday;
# any other day's is the Saturday and Sunday nearest it (before it on a tie).
HOLIDAY_WEEKENDS: Final = {"Thanksgiving": (0, 3), "Easter": (2, 1)}
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
    "about circa last this next that into due both"
)
JOINS: Final = frozenset({"and", "or", "to", "nor"})
# A count, not a year: "about 2000 people", "the 1500 troops".
NOT_COUNTED: Final = word_set("was has is as this its his us thus always unless perhaps")

# Words that tell which way a sentence looks from the day it was written.
FUTURE_WORDS: Final = word_set(
    "will won't won’t shall would wouldn't wouldn’t going expected expects expect scheduled plans "
    "plan planned planning postponed delayed deferred adjourned rescheduled upcoming coming tomorrow next soon later "
    "due intends intend hopes hope hoping aims wants"
)
PAST_WORDS: Final = word_set(
    "said was wasn't wasn’t were weren't weren’t had did didn't didn’t ago last since earlier "
    "previously yesterday told announced began met spoke went came took gave made saw won lost held ran fell rose "
    "wrote sent led became brought bought thought felt kept paid sold stood struck sought chose drew flew grew "
    "knew threw broke"
)
# Future words that are also nouns: after one of DETERMINERS ("announced the plan Aug. 21",
# "their hopes") they name a thing and say nothing of tense.
NOUN_CUES: Final = word_set("plan plans hope hopes aims wants")
DETERMINERS: Final = word_set("the a an its his her their our my your this that these those no any new")
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

# --- Numbers and ordinals in words ----------------------------------------------------

UNITS: Final = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
TEENS: Final = (
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)  # fmt: skip
TENS: Final = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
ORDINAL_UNITS: Final = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
ORDINAL_TEENS: Final = (
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
    "eighteenth", "nineteenth",
)  # fmt: skip
ORDINAL_TENS: Final = ("twentieth", "thirtieth")
# Loose counts: "a few days ago" is about three days ago, "a couple of weeks" two.
FEW: Final = {"a few": 3, "a couple of": 2, "a couple": 2, "several": 3, "a number of": 3}


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


NUMBER_WORD: Final = (
    rf"(?:(?:{_alternation(TENS)})(?:[- ](?:{_alternation(UNITS)}))?"
    rf"|{_alternation(TEENS)}|{_alternation(UNITS)}|an?)"
)
# "Two weeks ago", "Twenty-one days": a count may open a sentence.
COUNT: Final = rf"(?:[1-9][0-9]{{0,2}}(?:,[0-9]{{3}})?|(?i:{NUMBER_WORD})|(?i:a\s+few|a\s+couple(?:\s+of)?|several))"
ORDINAL_WORD: Final = (
    rf"(?:(?:twenty|thirty)[- ](?:{_alternation(ORDINAL_UNITS)})"
    rf"|{_alternation(ORDINAL_TEENS + ORDINAL_TENS)}|{_alternation(ORDINAL_UNITS)})"
)
ORDINAL: Final = rf"(?:[1-9][0-9]?(?:st|nd|rd|th)|(?i:{ORDINAL_WORD}))"


# Years as they are spoken (transcripts of broadcast news): "nineteen ninety-six",
# "nineteen oh five", "eighteen hundred", "twenty twenty-one", "two thousand and two".
_CENTURY_WORD: Final = "(?:eighteen|nineteen|twenty)"
YEAR_WORDS: Final = (
    rf"(?i:{_CENTURY_WORD}[\s-]+(?:(?:{_alternation(TENS)})(?:[- ](?:{_alternation(UNITS)}))?"
    rf"|{_alternation(TEENS)}|hundred|oh?[\s-]+(?:{_alternation(UNITS)}))"
    rf"|two\s+thousand(?:\s+(?:and\s+)?(?:(?:{_alternation(TENS)})(?:[- ](?:{_alternation(UNITS)}))?"
    rf"|{_alternation(TEENS)}|{_alternation(UNITS)}))?)(?![A-Za-z-])"
)


def year_words_value(text: str) -> int:
    """The year a spoken year names: "nineteen ninety-six" is 1996, "two thousand and two" 2002."""
    words = text.lower().replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = [word for word in words[2:] if word != "and"]
        return 2000 + (number_value(" ".join(rest)) if rest else 0)
    century = (TEENS + TENS).index(words[0]) + 10
    rest = [word for word in words[1:] if word not in ("o", "oh")]
    if rest == ["hundred"]:
        return century * 100
    return century * 100 + number_value(" ".join(rest))


def number_value(text: str) -> int:
    """The value of a count in figures or words: "12", "1,000", "twenty-one", "a", "a few" (3)."""
    words = " ".join(text.lower().replace("-", " ").split())
    if words.replace(",", "").isdigit():
        return int(words.replace(",", ""))
    if words in FEW:
        return FEW[words]
    if words in {"a", "an"}:
        return 1
    total = 0
    for word in words.split():
        if word in UNITS:
            total += UNITS.index(word) + 1
        elif word in TEENS:
            total += TEENS.index(word) + 10
        else:
            total += (TENS.index(word) + 2) * 10
    return total


def ordinal_value(text: str) -> int:
    """The value of an ordinal in figures or words: "12th", "twelfth", "twenty-first"."""
    words = " ".join(text.lower().replace("-", " ").split())
    if words[:1].isdigit():
        return int(words.rstrip("stndrh"))
    total = 0
    for word in words.split():
        if word in ORDINAL_UNITS:
            total += ORDINAL_UNITS.index(word) + 1
        elif word in ORDINAL_TEENS:
            total += ORDINAL_TEENS.index(word) + 10
        elif word in ORDINAL_TENS:
            total += (ORDINAL_TENS.index(word) + 2) * 10
        else:
            total += (TENS.index(word) + 2) * 10
    return total


# --- Decades, centuries and eras ------------------------------------------------------

# "The seventies": the decade's digit.
DECADE_WORDS: Final = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8,
    "nineties": 9,
}  # fmt: skip
DECADE_WORD: Final = caps(*DECADE_WORDS)
# Eras: before Christ (or the Common Era) and anno Domini (or the Common Era).
BC: Final = r"(?:BCE|B\.C\.E\.|BC|B\.C\.)"
AD: Final = r"(?:AD|A\.D\.|CE|C\.E\.)"
# Words that make what follows approximate: "c. 1850", "around 1900".
APPROXIMATELY: Final = (
    rf"(?:{caps('circa', 'about', 'around', 'approximately', 'roughly', 'some time around', 'sometime around')}"
    r"|[Cc]\.|[Cc]a\.?)"
)

# --- Times of day and zones -----------------------------------------------------------

# Zone abbreviations news and minutes use. A fixed offset for the ones that name
# standard or daylight time; an IANA zone, whose offset on the day decides, for the
# ones that do not (ET is EST in winter, EDT in summer).
ZONES: Final[dict[str, str]] = {
    "UTC": "+00:00", "GMT": "+00:00", "Z": "+00:00", "WET": "+00:00",
    "BST": "+01:00", "CET": "+01:00", "WEST": "+01:00", "CEST": "+02:00", "EET": "+02:00", "EEST": "+03:00",
    "MSK": "+03:00", "IST": "+05:30", "HKT": "+08:00", "SGT": "+08:00", "JST": "+09:00", "KST": "+09:00",
    "AEST": "+10:00", "AEDT": "+11:00", "NZST": "+12:00", "NZDT": "+13:00",
    "EST": "-05:00", "EDT": "-04:00", "CST": "-06:00", "CDT": "-05:00",
    "MST": "-07:00", "MDT": "-06:00", "PST": "-08:00", "PDT": "-07:00",
    "AKST": "-09:00", "AKDT": "-08:00", "HST": "-10:00",
    "ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver", "PT": "America/Los_Angeles",
    "Eastern": "America/New_York", "Central": "America/Chicago", "Mountain": "America/Denver",
    "Pacific": "America/Los_Angeles", "UK": "Europe/London", "London": "Europe/London",
}  # fmt: skip
ZONE: Final = (
    r"(?:(?:Eastern|Central|Mountain|Pacific|UK|London)\s+(?:[Tt]ime|[Ss]tandard\s+[Tt]ime|[Dd]aylight\s+[Tt]ime)"
    rf"|{_alternation(tuple(name for name in ZONES if name.isupper()))})(?![A-Za-z])"
)
# Named times of day, as hour and minute.
NAMED_TIMES: Final = {"noon": (12, 0), "midday": (12, 0), "midnight": (0, 0)}

# --- Present, past and future --------------------------------------------------------

# Words for the time of writing and for spans reaching it. Read as a span of days
# ending (or starting) on the reference date; TIMEX3 calls them PRESENT_REF,
# PAST_REF and FUTURE_REF.
PRESENT_WORDS: Final = ("now", "right now", "currently", "at present", "at the moment", "nowadays", "these days")
PAST_SPAN_WORDS: Final = ("recently", "lately", "in the past", "the past")
FUTURE_SPAN_WORDS: Final = ("in the future", "the future", "soon", "in the near future", "the near future")
# How far back "recent days" and "the past few years" reach: three of the unit
# (or seven days), approximately.
RECENT_UNITS: Final = {
    "day": 7,
    "week": 3,
    "fortnight": 2,
    "month": 3,
    "quarter": 2,
    "year": 3,
    "decade": 2,
    "century": 2,
}

# --- Fiscal periods ---------------------------------------------------------------------

HALVES: Final = {"first": 1, "second": 2, "1": 1, "2": 2}
QUARTER_WORDS: Final = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4}
