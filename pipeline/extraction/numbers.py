"""Finding numbers in text and normalising them: "16.547 million" is 16547000, "VND 4,590,781 million" is
4590.781 (VND billion), "26% - 27%" is the range 26 to 27 percent.

A number is read in English notation: commas group thousands, a point marks decimals. Anything else that
looks like a number ("1.2.3", "1,2,3") is reported as malformed rather than guessed at.
"""

import re
from typing import NamedTuple

from pipeline.extraction.prefilter import with_first_characters
from pipeline.extraction.vocabulary import Vocabulary

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
NUMBER = with_first_characters(
    re.compile(
        rf"(?<![\w.,])(?P<sign>-(?=\d))?(?P<low>{_NUMBER})(?P<low_pct>\s*(?:%|per ?cent\b))?"
        rf"(?:\s*(?:-|–|to)\s*(?P<high>{_NUMBER}))?"
        r"(?:\s*(?P<scale>thousand|million|billion|trillion)\b)?(?P<pct>\s*(?:%|per ?cent\b))?",
        re.IGNORECASE,
    )
)
# Every number has a digit. Most sentences have none, and looking for one is twice as fast as a search for NUMBER,
# whose lookbehind and lookahead the engine tries at every character.
DIGIT = re.compile(r"\d")
MALFORMED_TAIL = re.compile(r"^[.,]\d")
MALFORMED = "malformed or cut-off number (neither 1,234,567 nor 1.5 notation)"
TIME_TAIL = re.compile(r"^:\d\d")


class NumberMention(NamedTuple):
    """One number as written. A named tuple: an article has dozens, and a tuple is built fastest."""

    start: int  # offsets within the text searched
    end: int
    text: str
    low: float
    high: float | None
    unit: str  # percent, money, count
    scale_word: str | None
    problem: str | None  # malformed, time


def _value(text: str) -> float:
    return float(text.replace(",", ""))


def find_numbers(text: str, vocabulary: Vocabulary) -> list[NumberMention]:
    """Every number in ``text``, in order, with its unit read from the words around it."""
    mentions = []
    if not DIGIT.search(text):
        return mentions
    for match in NUMBER.finditer(text):
        start, end = match.span()
        sign, low, low_pct, high, scale, pct = match.group("sign", "low", "low_pct", "high", "scale", "pct")
        tail = text[end : end + 3]
        problem = MALFORMED if MALFORMED_TAIL.match(tail) else "time of day" if TIME_TAIL.match(tail) else None
        scale_word = scale.lower() if scale else None
        if pct or low_pct:
            unit, factor = "percent", 1.0
        elif vocabulary.money_before.search(text[max(0, start - 6) : start]) or vocabulary.money.match(
            text[end : end + 6].strip()
        ):
            unit, factor = "money", vocabulary.money_scale.get(scale_word, 1e-9)
        else:
            unit, factor = "count", vocabulary.scale.get(scale_word, 1.0)
        value = _value(low) * factor
        high_value = round(_value(high) * factor, 6) if high else None
        mentions.append(
            NumberMention(
                start, end, match.group(0), round(-value if sign else value, 6), high_value, unit, scale_word, problem
            )
        )
    return mentions
