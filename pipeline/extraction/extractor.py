"""Deciding which numbers in an article are coverage figures, and filling in every field of each one.

The extractor walks the body sentence by sentence. Within a sentence each number gets a measure from the
phrases around it (``vocabulary.toml``); the scheme, place and period come from the nearest cue, and what a
sentence does not say is carried from the sentences before it ("By the end of June 2021, ... Of which, ...").
Figures that qualify the one before them ("243,852 people (reaching 98.39% of the plan ...)") take its
scheme, place, period and kind and point to it through parent_figure_id. Every number, figure or not, is
also returned as a mention with the reason it was or was not taken, so nothing is dropped silently.
"""

import datetime as dt
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from pipeline.articles import position_message
from pipeline.extraction import context
from pipeline.extraction.numbers import MALFORMED, NumberMention, find_numbers
from pipeline.extraction.prefilter import with_first_characters
from pipeline.extraction.text import Sentence, sentences
from pipeline.extraction.vocabulary import MeasureRule, Vocabulary, vocabulary
from pipeline.geography import NATIONAL, levels

ANCHOR_MEASURES = ("participants", "revenue")
RESPECTIVELY = with_first_characters(re.compile(r"\brespectively\b", re.IGNORECASE))
LIST_JOIN = re.compile(r"^\s*(?:,\s*and|,|and)\s*$", re.IGNORECASE)
CHANGE_MEASURES = ("change_abs", "change_pct")
GOVERNED_GAP = 80  # characters between a count and the scheme it is "participating in"
GOVERNING = re.compile(r"\b(?:in|by|of)\s+(?:the\s+)?(?:national\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class ArticleContext:
    """What the extractor needs to know about an article besides its text."""

    article_id: str
    body: str
    published_date: dt.date
    geo_code: str | None = None
    source: str | None = None  # the file, for messages


@dataclass
class Extraction:
    figures: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)


NOT_STATED = object()


class Carried:
    """What earlier sentences established and later ones assume: the place, period and comparison that the last
    sentence (not a heading) stating one stated. Most sentences hold no number, so their cues are read back only
    when a later figure needs them, and only as far back as the nearest sentence that states one."""

    def __init__(self, default_geo: str, vocab: Vocabulary):
        self.default_geo, self.vocab = default_geo, vocab
        self.readers: list[SentenceReader] = []
        self._after: dict[str, dict[int, object]] = {"geo": {}, "period": {}, "compared_to": {}}

    def add(self, reader: "SentenceReader") -> None:
        if not reader.sentence.is_heading:
            self.readers.append(reader)

    def _state(self, name: str, stated, default, end: int | None = None):
        """The ``name`` state after the first ``end`` sentences (all by default): what the last of them that
        states one (``stated(index)`` is not NOT_STATED) stated. Answers are kept per position, so reading back
        is done once per sentence however many figures ask."""
        end = len(self.readers) if end is None else end
        known, index, value = self._after[name], end, default
        while index > 0:
            if index in known:
                value = known[index]
                break
            found = stated(index - 1)
            if found is not NOT_STATED:
                value = found
                break
            index -= 1
        known.update(dict.fromkeys(range(index, end + 1), value))
        return value

    def _geo(self, index: int):
        places = self.readers[index].places
        return places[0].value if places else NOT_STATED

    def _period(self, index: int):
        periods = self.readers[index].periods
        return periods[-1] if periods else NOT_STATED

    def _compared(self, index: int):
        """A comparison's reference period; a period stated without one ends the comparison (None)."""
        reader = self.readers[index]
        period = self._state("period", self._period, None, index)
        cues = context.compared_to(reader.text, self.vocab, period.date if period else None)
        if cues:
            return cues[-1].value or None
        return None if reader.periods else NOT_STATED

    @property
    def geo(self) -> str:
        return self._state("geo", self._geo, self.default_geo)

    @property
    def period(self) -> context.Period | None:
        return self._state("period", self._period, None)

    @property
    def compared_to(self) -> str | None:
        return self._state("compared_to", self._compared, None)


class NotAFigure(Exception):
    """The number is not a coverage figure; the message says why."""


def figure_id(article_id: str, start: int, end: int) -> str:
    return hashlib.sha256(f"{article_id}:{start}:{end}".encode()).hexdigest()[:16]


def default_geography(article: ArticleContext, vocab: Vocabulary) -> str:
    """The header's geo; else the province the text names most often; else the whole country."""
    if article.geo_code:
        return article.geo_code
    named = Counter(context.named_places(article.body, vocab))
    return named.most_common(1)[0][0] if named else NATIONAL


class SentenceReader:
    """The cues of one sentence, and the decisions for each number in it."""

    def __init__(
        self,
        sentence: Sentence,
        article: ArticleContext,
        vocab: Vocabulary,
        own_province: str,
        numbers: list[NumberMention],
    ):
        self.sentence, self.article, self.vocab = sentence, article, vocab
        self.text = sentence.text
        self.own_province = own_province
        self.runs = respectively_runs(self.text, numbers)
        self.figures: list[dict] = []

    @cached_property
    def quote(self) -> str:
        """The sentence as published, one string for all its rows: they travel from the extraction workers
        pickled, and pickle writes a string once however many rows hold it (a sentence has 3-4 numbers)."""
        return self.article.body[self.sentence.start : self.sentence.end]

    # -- the sentence's cues, read only when a number (or the carried context) needs them ------------------
    @cached_property
    def period_exclusions(self) -> list[tuple[int, int]]:
        return context.period_exclusions(self.text, self.vocab)

    @cached_property
    def periods(self) -> list[context.Period]:
        return context.periods(self.text, self.vocab, self.article.published_date, self.period_exclusions)

    @cached_property
    def excluded(self) -> list[tuple[int, int]]:
        """Spans of years and dates that are not figures (document dates, comparisons, periods)."""
        return self.period_exclusions + [(p.start, p.end) for p in self.periods]

    @cached_property
    def schemes(self) -> list[context.Cue]:
        return context.schemes(self.text, self.vocab)

    @cached_property
    def places(self) -> list[context.Cue]:
        return context.places(self.text, self.vocab, self.own_province)

    @cached_property
    def target_marks(self) -> list[tuple[int, bool]]:
        return sorted(
            [(m.start(), True) for m in self.vocab.target_cues.finditer(self.text)]
            + [(m.start(), False) for m in self.vocab.target_ends.finditer(self.text)]
        )

    @cached_property
    def deadline(self) -> bool:
        year = self.article.published_date.year
        return any(int(m.group(1)) > year for m in self.vocab.future_deadline.finditer(self.text))

    @cached_property
    def estimate(self) -> bool:
        return bool(self.vocab.estimate_cues.search(self.text))

    @cached_property
    def participation(self) -> bool:
        return bool(self.vocab.participation.search(self.text))

    # -- what kind of quantity -----------------------------------------------------------------------------
    def unit(self, number: NumberMention, segment_start: int) -> str:
        if number.unit in ("percent", "money"):
            return number.unit
        after = self.text[number.end :]
        scheme = self.vocab.schemes.match(after.lstrip())
        if scheme:  # "1.66 million health insurance participants"
            after = after.lstrip()[scheme.end() :]
        if self.vocab.persons.match(after) or self.vocab.persons_subject.search(
            self.text[segment_start : number.start]
        ):
            return "persons"
        raise NotAFigure("a number that is not a count of people, a percentage or money")

    def measure(self, number: NumberMention, unit: str, lead: str, segment: str) -> MeasureRule:
        after = ("%" if unit == "percent" else "") + self.text[number.end :]
        previous = self.segment_figures(number)
        for rule in self.vocab.measures:
            if rule.unit not in (unit, "any"):
                continue
            if rule.before and not rule.before.search(lead):
                continue
            if rule.after and not rule.after.search(after):
                continue
            if rule.clause and not rule.clause.search(segment):
                continue
            if rule.bare_after_count and not (previous and previous[-1]["measure"] == "participants"):
                continue
            if rule.measure == "not_coverage":
                raise NotAFigure("a percentage compared with a target or plan, not a coverage figure")
            return rule
        raise NotAFigure(f"no coverage phrase around this {unit} figure")

    def clause(self, number: NumberMention) -> str:
        """The text between the commas (or clause breaks) around the number."""
        start, end = self.sentence.segment_bounds(number.start)
        left = max((self.text.rfind(mark, start, number.start) for mark in ",("), default=-1)
        right = [i for i in (self.text.find(mark, number.end, end) for mark in ",)") if i >= 0]
        return self.text[max(start, left + 1) : min(right, default=end)]

    # -- context ---------------------------------------------------------------------------------------------
    def segment_figures(self, number: NumberMention) -> list[dict]:
        start, end = self.sentence.segment_bounds(number.start)
        return [f for f in self.figures if start <= f["_pos"] < end]

    def anchor(self, number: NumberMention) -> dict | None:
        if number.start in self.runs:
            index, run = self.runs[number.start]
            candidates = [
                f
                for f in self.figures
                if f["_pos"] < run[0].start and f["measure"] in (*ANCHOR_MEASURES, "coverage_rate")
            ]
            return candidates[index - len(run)] if len(candidates) >= len(run) else None
        previous = self.segment_figures(number)
        return next((f for f in reversed(previous) if f["measure"] in ANCHOR_MEASURES), None) or next(
            (f for f in reversed(previous) if f["measure"] == "coverage_rate"), None
        )

    def scheme(self, number: NumberMention, rule: MeasureRule) -> str:
        start, end = self.sentence.segment_bounds(number.start)
        following = context.first_after(self.schemes, number.end)
        if following and following.end <= end and following.start - number.end <= GOVERNED_GAP:
            gap = self.text[number.end : following.start]
            if not gap.strip() or (not any(mark in gap for mark in ",;:()") and GOVERNING.search(gap)):
                return following.value
        preceding = context.last_before(self.schemes, number.start)
        if preceding and preceding.start >= start:
            return preceding.value
        if following and following.end <= end:
            return following.value
        if rule.measure in self.vocab.scheme_defaults:
            return self.vocab.scheme_defaults[rule.measure]
        raise NotAFigure("no insurance scheme named in its clause")

    def is_target(self, number: NumberMention) -> bool:
        marks = [is_cue for position, is_cue in self.target_marks if position < number.start]
        return (bool(marks) and marks[-1]) or self.deadline

    def period(self, number: NumberMention, kind: str, carried: Carried) -> dt.date:
        before = context.last_before(self.periods, number.start)
        after = context.first_after(self.periods, number.end)
        if kind == "target" and after and after.end <= self.sentence.segment_bounds(number.start)[1]:
            return after.date  # "... at least 1.7 million by the end of the year"
        if before:
            return before.date
        if kind == "target":
            if after:
                return after.date
            earlier = None if self.sentence.is_heading else carried.period
            if earlier and earlier.kind == "year":
                return earlier.date
            return dt.date(self.article.published_date.year, 12, 31)
        earlier = None if self.sentence.is_heading else carried.period
        if earlier:
            return earlier.date
        return after.date if after else self.article.published_date

    def earlier_period(self, number: NumberMention, anchor: dict) -> dt.date:
        """The date of an earlier value ("up from 91% in 2022"): the period stated after it, else a year before."""
        after = context.first_after(self.periods, number.end)
        if after and after.end <= self.sentence.segment_bounds(number.start)[1]:
            return after.date
        earlier = anchor["period_end"]
        return earlier.replace(year=earlier.year - 1, day=28 if earlier.month == 2 else earlier.day)

    def denominator(self, number: NumberMention, scheme: str, anchor: dict | None) -> str | None:
        window = self.text[number.end : number.end + 80].split(",")[0].split(";")[0].split("(")[0]
        previous = self.segment_figures(number)
        left_start = previous[-1]["_end"] if previous else self.sentence.segment_bounds(number.start)[0]
        left = self.text[left_start : number.start]
        for name, pattern in self.vocab.denominators:
            if pattern.search(window):
                return name
        if anchor and anchor["denominator"]:
            return anchor["denominator"]
        found = [(m.end(), name) for name, pattern in self.vocab.denominators for m in pattern.finditer(left)]
        if found:
            return max(found)[1]
        return self.vocab.denominator_defaults.get(scheme)

    def compared(self, number: NumberMention, period_end: dt.date, carried: Carried) -> str | None:
        cues = context.compared_to(self.text, self.vocab, period_end)
        _, end = self.sentence.segment_bounds(number.start)
        after = context.first_after(cues, number.end)
        if after and after.end <= end:
            return after.value
        before = context.last_before(cues, number.start)
        return before.value if before else carried.compared_to

    def qualifier(self, lead: str) -> str:
        return next((name for name, pattern in self.vocab.qualifiers if pattern.search(lead)), "exact")

    # -- one number --------------------------------------------------------------------------------------------
    def read(self, number: NumberMention, carried: Carried, default_geo: str) -> dict:
        if number.problem:
            raise NotAFigure(number.problem)
        if context._overlaps(number.start, number.end, self.excluded):
            raise NotAFigure("a date or period")
        if self.vocab.identifiers.search(self.text[max(0, number.start - 20) : number.start]):
            raise NotAFigure("an identifier (document or resolution number)")
        if number.end < len(self.text) and self.text[number.end].isalpha() and not number.scale_word:
            raise NotAFigure("part of a word or an ordinal")
        segment_start, segment_end = self.sentence.segment_bounds(number.start)
        segment = self.text[segment_start:segment_end]
        raw_lead = self.text[segment_start : number.start]
        qualifier = self.qualifier(raw_lead)
        lead = self.text[segment_start : self.runs[number.start][1][0].start] if number.start in self.runs else raw_lead
        if qualifier != "exact" or lead is not raw_lead:  # else no qualifier phrase is there to remove
            for _, pattern in self.vocab.qualifiers:
                lead = pattern.sub("", lead)
        lead = lead.rstrip() + " " if lead.strip() else ""
        unit = self.unit(number, segment_start)
        rule = self.measure(number, unit, lead, segment)
        if unit == "persons":
            if self.vocab.not_participants.search(self.clause(number)):
                raise NotAFigure("counts people receiving benefits or support, not participants")
            if not self.participation:
                raise NotAFigure("a count of people in a sentence that does not mention participation")
        anchor = self.anchor(number) if rule.attach else None
        if rule.measure in ("change_abs", "previous_value") and anchor is None:
            raise NotAFigure("qualifies a figure, but no figure before it in the sentence")
        measure = anchor["measure"] if rule.measure == "previous_value" else rule.measure
        scheme = anchor["scheme"] if anchor else self.scheme(number, rule)
        if rule.measure == "previous_value":
            kind = "actual"
            period_end = self.earlier_period(number, anchor)
        else:
            kind = anchor["kind"] if anchor else ("target" if self.is_target(number) else "actual")
            period_end = anchor["period_end"] if anchor else self.period(number, kind, carried)
        preceding_place = context.last_before(self.places, number.start)
        if anchor:
            geo = anchor["geo_code"]
        elif self.sentence.is_heading:
            geo = preceding_place.value if preceding_place else default_geo
        else:
            geo = preceding_place.value if preceding_place else carried.geo
        if kind == "target":
            status = "plan"
        elif self.estimate or period_end > self.article.published_date:
            status = "estimate"
        else:
            status = "reported"
        start, end = self.sentence.span(number.start, number.end)
        return {
            "figure_id": figure_id(self.article.article_id, start, end),
            "article_id": self.article.article_id,
            "kind": kind,
            "measure": measure,
            "scheme": scheme,
            "geo_code": geo,
            "period_end": period_end,
            "value": number.low,
            "value_high": number.high,
            "qualifier": qualifier,
            "denominator": self.denominator(number, scheme, anchor) if measure == "coverage_rate" else None,
            "compared_to": self.compared(number, period_end, carried) if measure in CHANGE_MEASURES else None,
            "observation_status": status,
            "quote": self.quote,
            "char_start": start,
            "char_end": end,
            "number_text": self.article.body[start:end],
            "parent_figure_id": anchor["figure_id"] if anchor else None,
            "_pos": number.start,
            "_end": number.end,
        }


def respectively_runs(text: str, numbers: list[NumberMention]) -> dict[int, tuple[int, list[NumberMention]]]:
    """Numbers in lists closed by "respectively": {start of number: (its index, the whole list)}."""
    runs: dict[int, tuple[int, list[NumberMention]]] = {}
    if len(numbers) < 2:  # a list has two numbers or more
        return runs
    for match in RESPECTIVELY.finditer(text):
        before = [n for n in numbers if n.end <= match.start()]
        if not before or text[before[-1].end : match.start()].strip():
            continue
        run = [before[-1]]
        for number in reversed(before[:-1]):
            if not LIST_JOIN.match(text[number.end : run[0].start]):
                break
            run.insert(0, number)
        if len(run) > 1:
            runs.update({number.start: (index, run) for index, number in enumerate(run)})
    return runs


def _mention(reader: SentenceReader, number: NumberMention, outcome: str, reason: str, figure: str | None) -> dict:
    article = reader.article
    start, end = reader.sentence.span(number.start, number.end)
    return {
        "article_id": article.article_id,
        "char_start": start,
        "char_end": end,
        "number_text": article.body[start:end],
        "outcome": outcome,
        "reason": reason,
        "figure_id": figure,
        "quote": reader.quote,
        "message": position_message(article.source or article.article_id, start, article.body[start:end], reason)
        if outcome == "unreadable"
        else None,
    }


def extract(article: ArticleContext, vocab: Vocabulary | None = None) -> Extraction:
    """Every coverage figure in the article, and every number with the reason it was or was not one."""
    vocab = vocab or vocabulary()
    default_geo = default_geography(article, vocab)
    own_province = default_geo if levels().get(default_geo) != "country" else NATIONAL
    carried = Carried(default_geo, vocab)
    result = Extraction()
    for sentence in sentences(article.body, vocab):
        numbers = find_numbers(sentence.text, vocab)
        reader = SentenceReader(sentence, article, vocab, own_province, numbers)
        for number in numbers:
            try:
                figure = reader.read(number, carried, default_geo)
            except NotAFigure as reason:
                outcome = "unreadable" if number.problem == MALFORMED else "not_a_figure"
                result.mentions.append(_mention(reader, number, outcome, str(reason), None))
                continue
            reader.figures.append(figure)
            result.mentions.append(_mention(reader, number, "figure", figure["measure"], figure["figure_id"]))
        carried.add(reader)
        result.figures += [{k: v for k, v in f.items() if not k.startswith("_")} for f in reader.figures]
    return result
