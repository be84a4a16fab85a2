"""Date phrases in English text, read against a reference date.

"In March", "June 6", "early next week", "Tuesday night": news stories,
minutes and reports date their events relative to the day they were
written. :func:`resolve` turns one such phrase into a :class:`~timeline.When`
that keeps the precision the phrase has (a month stays a month, a week an
ISO week); :func:`find_dates` finds every phrase in a text and reports
where it is.

The package keeps three things apart so the table can grow and stay readable:

- :mod:`timeline.phrases.words`: the word lists (months, weekdays, numbers,
  ordinals, seasons, holidays, zones, eras, cue words);
- :mod:`timeline.phrases.rules`: the rule table, one row per kind of phrase;
- :mod:`timeline.phrases.engine`: matching, resolving, sentence and tense cues;

with :mod:`timeline.phrases.base` holding what they share (the Rule and
Mention records and calendar arithmetic).
"""

from timeline.phrases.base import Mention, Rule
from timeline.phrases.engine import find_dates, resolve
from timeline.phrases.rules import RULES

__all__ = ["RULES", "Mention", "Rule", "find_dates", "resolve"]
