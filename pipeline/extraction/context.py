"""Reading the cues in a sentence that give a number its meaning: schemes, periods, comparisons, places,
target and estimate words. Each cue keeps its position, so the extractor can pick the one nearest a number.
"""

import calendar
import datetime as dt
import re
from typing import NamedTuple

from pipeline.extraction.vocabulary import CLAUSE_ENDS, PeriodRule, Vocabulary
from pipeline.geography import NATIONAL

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
WORD_NUMBERS = {
    word: number
    for number, word in enumerate(
        ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven"]
    )
    if word
}
WORD_NUMBERS["half"] = 6
QUARTERS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
    "q1": 1,
    "q2": 2,
    "q3": 3,
    "q4": 4,
}
# Every period phrase and period exclusion has a digit or the word "year" ("by the end of this year"): other
# sentences skip the rules.
MAY_HOLD_PERIOD = re.compile(r"\d|year", re.IGNORECASE)
LIST_SEPARATOR = re.compile(r"^[\s,()&/]*(?:and)?[\s,()&/]*$", re.IGNORECASE)


class Cue(NamedTuple):  # named tuples: built faster than frozen dataclasses, and an article has hundreds
    start: int
    end: int
    value: str


class Period(NamedTuple):
    start: int
    end: int
    date: dt.date
    kind: str  # as_of or year


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _resolve(rule: PeriodRule, groups: tuple[str, ...], published: dt.date) -> dt.date:
    if rule.resolve == "date":
        return dt.date(int(groups[2]), MONTHS[groups[0].lower()], int(groups[1]))
    if rule.resolve == "end_of_month":
        return month_end(int(groups[1]), MONTHS[groups[0].lower()])
    if rule.resolve == "first_months":
        count = WORD_NUMBERS.get(groups[0].lower()) or int(groups[0])
        return month_end(int(groups[1]), min(count, 12))
    if rule.resolve == "quarter_end":
        return month_end(int(groups[1]), 3 * QUARTERS[groups[0].lower()])
    if rule.resolve == "publication_year":
        return dt.date(published.year, 12, 31)
    if rule.resolve == "span_end":
        return dt.date(int(groups[1]), 12, 31)
    return dt.date(int(groups[0]), 12, 31)  # end_of_year


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in spans)


def period_exclusions(text: str, vocabulary: Vocabulary) -> list[tuple[int, int]]:
    """Spans of phrases with a year that is not a figure's period ("compared to 2012", "Decision No. 12/2021")."""
    if not MAY_HOLD_PERIOD.search(text):
        return []
    return [match.span() for match in vocabulary.period_exclusions.finditer(text)]


def periods(text: str, vocabulary: Vocabulary, published: dt.date, excluded: list[tuple[int, int]]) -> list[Period]:
    """Period phrases in order; earlier rules win where phrases overlap, and ``excluded`` spans (the period
    exclusions) yield none."""
    if not MAY_HOLD_PERIOD.search(text):
        return []
    taken = list(excluded)
    found: list[Period] = []
    for rule in vocabulary.periods:
        for match in rule.pattern.finditer(text):
            if _overlaps(*match.span(), taken):
                continue
            try:
                date = _resolve(rule, match.groups(), published)
            except ValueError:
                continue
            taken.append(match.span())
            found.append(Period(match.start(), match.end(), date, rule.kind))
    return sorted(found, key=lambda period: period.start)


def compared_to(text: str, vocabulary: Vocabulary, period_end: dt.date | None) -> list[Cue]:
    """Reference periods of changes, as ISO dates: "compared to 2012" is 2012-12-31."""
    cues = [
        Cue(m.start(), m.end(), next(g for g in m.groups() if g) + "-12-31")
        for m in vocabulary.compared_end_of_year.finditer(text)
    ]
    for match in vocabulary.compared_same_period.finditer(text):
        if period_end is None:
            cues.append(Cue(match.start(), match.end(), ""))
            continue
        year = int(next((g for g in match.groups() if g), period_end.year - 1))
        day = min(period_end.day, calendar.monthrange(year, period_end.month)[1])
        cues.append(Cue(match.start(), match.end(), dt.date(year, period_end.month, day).isoformat()))
    return sorted(cues, key=lambda cue: cue.start)


def schemes(text: str, vocabulary: Vocabulary) -> list[Cue]:
    """Scheme mentions, with lists of two or more different schemes merged into one all_schemes cue."""
    excluded = [m.span() for m in vocabulary.scheme_exclusions.finditer(text)]
    mentions = [
        Cue(m.start(), m.end(), m.lastgroup)
        for m in vocabulary.schemes.finditer(text)
        if not _overlaps(*m.span(), excluded)
    ]
    merged: list[list[Cue]] = []
    for mention in mentions:
        if merged and LIST_SEPARATOR.match(text[merged[-1][-1].end : mention.start]):
            merged[-1].append(mention)
        else:
            merged.append([mention])
    return [
        Cue(group[0].start, group[-1].end, group[0].value if len({cue.value for cue in group}) == 1 else "all_schemes")
        for group in merged
    ]


UNKNOWN_PLACE = "unknown: "


def places(text: str, vocabulary: Vocabulary, own_province: str) -> list[Cue]:
    """Geography cues as ISO codes; cue words inside comparisons ("a bright spot nationwide") are skipped. A
    "<Name> province" whose name is not in the provinces table gives the code "unknown: <Name>", which
    validation then quarantines rather than filing the figure under a wrong place."""
    cues = [
        Cue(m.start(), m.end(), NATIONAL if m.lastgroup == "national" else own_province)
        for m in vocabulary.place_cues.finditer(text)
    ]
    cues += [Cue(m.start(), m.end(), vocabulary.place_codes[m.group(0)]) for m in vocabulary.place_names.finditer(text)]
    known = [(cue.start, cue.end) for cue in cues]
    cues += [
        Cue(m.start(1), m.end(1), UNKNOWN_PLACE + m.group(1).strip())
        for m in vocabulary.unknown_place.finditer(text)
        if not _overlaps(m.start(1), m.end(1), known)
    ]
    if not cues:
        return []
    ignored = [m.span() for m in vocabulary.geo_ignore.finditer(text)]
    return sorted((cue for cue in cues if not _overlaps(cue.start, cue.end, ignored)), key=lambda cue: cue.start)


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The span from the clause end before ``start`` (or the text's start) to just past the one after ``end``."""
    opening = max(text.rfind(mark, 0, start) for mark in CLAUSE_ENDS)
    closings = [found for mark in CLAUSE_ENDS if (found := text.find(mark, end)) >= 0]
    return max(opening, 0), min(closings, default=len(text) - 1) + 1


def named_places(text: str, vocabulary: Vocabulary) -> list[str]:
    """Codes of the provinces ``text`` names, skipping names inside ignored phrases: the named cues of
    ``places``, without scanning for the cue words whose values are not names."""
    named = [(m.start(), m.end(), vocabulary.place_codes[m.group(0)]) for m in vocabulary.place_names.finditer(text)]
    if not named:
        return []
    # An ignored phrase lies within one clause (the vocabulary is checked for that), and the scan of a clause
    # from the mark that opens it finds what the scan of the whole text finds there.
    clauses = dict.fromkeys(_clause(text, start, end) for start, end, _ in named)
    ignored = [m.span() for pos, endpos in clauses for m in vocabulary.geo_ignore.finditer(text, pos, endpos)]
    return [code for start, end, code in named if code != NATIONAL and not _overlaps(start, end, ignored)]


def last_before(cues, position: int):
    return next((cue for cue in reversed(cues) if cue.end <= position), None)


def first_after(cues, position: int):
    return next((cue for cue in cues if cue.start >= position), None)
