"""The pre-tests never change what a vocabulary regex finds: the required-word test only skips regexes that cannot
match, and the first-character lookahead only skips positions where no match can start."""

import dataclasses
import datetime as dt
import re
from functools import cache

import pytest

from pipeline.articles import parse_article
from pipeline.extraction.context import named_places
from pipeline.extraction.prefilter import Phrases, first_characters, may_take, required_words
from pipeline.extraction.text import sentences
from pipeline.extraction.vocabulary import _any, _within_clauses, vocabulary
from tests import holdout_cases, test_extraction_unseen
from tests.conftest import PROJECT_RAW


def every_phrases() -> dict[str, Phrases]:
    """Every compiled regex of the vocabulary, by field name."""
    found = {}
    for field in dataclasses.fields(vocabulary()):
        value = getattr(vocabulary(), field.name)
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            item = item[1] if isinstance(item, tuple) else getattr(item, "pattern", item)
            for part in ("before", "after", "clause"):
                if isinstance(getattr(items[index], part, None), Phrases):
                    found[f"{field.name}[{index}].{part}"] = getattr(items[index], part)
            if isinstance(item, Phrases):
                found[f"{field.name}[{index}]"] = item
    return found


@cache
def every_body() -> list[str]:
    """The bodies of the shipped articles and of both extraction test sets."""
    bodies = [
        parse_article(path.read_bytes(), path.name, dt.date.today()).body
        for path in sorted((PROJECT_RAW / "articles").glob("*.txt"))
    ]
    return bodies + [case.body for case in [*test_extraction_unseen.CASES, *holdout_cases.CASES]]


@cache
def every_text() -> list[str]:
    """Sentences of the shipped articles and of both extraction test sets, plus their tails and heads (the
    extractor also matches slices of sentences)."""
    texts = [s.text for body in every_body() for s in sentences(body, vocabulary())]
    return texts + [t[len(t) // 2 :] for t in texts] + [t[: len(t) // 3] for t in texts]


def test_the_vocabulary_is_read_through_the_pre_test():
    phrases = every_phrases()
    assert len(phrases) > 30
    assert sum(p.words is not None for p in phrases.values()) > 20  # most patterns get a pre-test
    assert sum(p.scan is not p.regex for p in phrases.values()) > 20  # and a first-character lookahead


@pytest.mark.parametrize("name", sorted(every_phrases()))
def test_pre_tested_matches_equal_the_regex_matches(name):
    phrases = every_phrases()[name]
    for text in every_text():
        assert [m.span() for m in phrases.finditer(text)] == [m.span() for m in phrases.regex.finditer(text)], text
        assert phrases.sub("", text) == phrases.regex.sub("", text)


@pytest.mark.parametrize(
    ("pattern", "flags", "words"),
    [
        (r"\bhealth\s*insurance\b", re.IGNORECASE, {"insurance"}),  # the longer of two required words
        (r"(?:nationwide|the\s*whole\s*country)", re.IGNORECASE, {"nationwide", "country"}),
        (r"by\s+(?:the\s+)?end", re.IGNORECASE, {"end"}),  # an optional word is not required
        (r"(?:19|20)\d\d", 0, {"19", "20"}),
        (r"Social (?:Insurance|Security)", 0, {"insurance", "security"}),  # compared lower-cased: looser, not wrong
        (r"(?:per\s*cent|%)", 0, {"%", "cent"}),
        (r"\d+(?:\.\d+)?", 0, None),  # no literal at all
        (r"(?:a|)x?", 0, None),  # an empty alternative requires nothing
        (r"vnđ|dong", re.IGNORECASE, {"vnđ", "dong"}),  # đ matches no ASCII letter: never in ASCII text
        ("\u212aelvin|kelvin", re.IGNORECASE, None),  # the Kelvin sign matches k: no pre-test
    ],
)
def test_required_words(pattern, flags, words):
    found = required_words(re.compile(pattern, flags))
    assert (set(found) if found is not None else None) == words


@pytest.mark.parametrize(
    ("pattern", "flags", "first"),
    [
        (r"(?<!\bNo)[.!?]+(?=\s)", 0, r"[\.!\?]"),  # lookbehinds consume nothing
        (r"\b(?:the\s*)?whole\s*province|provincial", re.IGNORECASE, "[twp]"),  # an optional word adds its successor
        (r"(?:a|b)?\d+", 0, r"[ab\d]"),
        (r"[A-Z][a-z]+", 0, "[A-Z]"),
        (r"people", 0, None),  # a literal start: the engine already scans for it
        (r"x?", 0, None),  # can match the empty string
        (r"[^a]b", 0, None),  # a negated set
        (r".b", 0, None),  # any character
        (r"(?i:a)b", 0, None),  # a scoped flag changes what the first character may be
    ],
)
def test_first_characters(pattern, flags, first):
    assert first_characters(re.compile(pattern, flags)) == first


def test_the_lookahead_keeps_case_insensitive_matches():
    for pattern, text in [(r"\bk", "\u212a"), (r"\bstra(?:ss|ß)e", "STRASSE"), (r"\bả", "Ảnh")]:
        phrases = Phrases(re.compile(pattern, re.IGNORECASE))
        assert phrases.scan is not phrases.regex
        assert [m.span() for m in phrases.finditer(text)] == [m.span() for m in phrases.regex.finditer(text)] != []


def test_non_ascii_text_is_always_searched():
    phrases = Phrases(re.compile("straße", re.IGNORECASE))
    assert phrases.words == {"straße"}
    assert phrases.search("STRASSE") is None and phrases.search("Straße") is not None
    assert phrases.search("STRAẞE") is not None  # capital sharp s: no lower-casing decides this
    kelvin = Phrases(re.compile("k", re.IGNORECASE))  # the Kelvin sign matches k case-insensitively
    assert kelvin.search("\u212a") is not None


@pytest.mark.parametrize(
    ("pattern", "taken"),
    [
        (r"bright\s*spot[^.;]*?(?:nationwide|the\s*country)", False),
        (r"(?:highest|top)[^.;]*?nationwide(?: after [^,.;]+)?", False),
        (r"\w+\s*\d", False),
        (r"a.b", True),  # any character
        (r"No\.", True),
        (r"[^;]+", True),  # a negated set that lets '.' through
        (r"[.!?]", True),
        (r"\W", True),
        (r"x(?=\.)", True),  # a lookahead that looks at a '.'
        (r"(?<!;)x", True),
        (r"(?:a|b;)+", True),
        (r"(a)\1", True),  # a group reference is not followed: "may"
    ],
)
def test_may_take(pattern, taken):
    assert may_take(re.compile(pattern, re.IGNORECASE), ".;") is taken


def test_an_ignored_place_phrase_that_crosses_a_clause_is_refused():
    assert _within_clauses(_any(["bright spot[^.;]*nationwide"]), "[geography] ignore")
    for crossing in ["bright spot.*nationwide", "bright spot[^;]*nationwide"]:  # '.' let through
        with pytest.raises(ValueError, match=r"vocabulary.toml: a \[geography\] ignore phrase may match '\.' or ';'"):
            _within_clauses(_any([crossing]), "[geography] ignore")


def whole_text_named_places(text: str) -> list[str]:
    """named_places as it was before it looked only at the clauses naming a province."""
    v = vocabulary()
    ignored = [m.span() for m in v.geo_ignore.regex.finditer(text)]
    return [
        v.place_codes[m.group(0)]
        for m in v.place_names.finditer(text)
        if v.place_codes[m.group(0)] != "VN" and not any(m.start() < e and s < m.end() for s, e in ignored)
    ]


def test_places_named_outside_ignored_phrases_are_found_clause_by_clause():
    bodies = [*every_body(), "Nghe An; a bright spot of Ha Tinh nationwide. Ha Tinh", "Nghe An is a bright spot"]
    v = vocabulary()
    provinces = [[m for m in v.place_names.finditer(body) if v.place_codes[m.group(0)] != "VN"] for body in bodies]
    assert sum(len(whole_text_named_places(b)) for b in bodies) < sum(map(len, provinces))  # some names are ignored
    for body in bodies:
        assert named_places(body, vocabulary()) == whole_text_named_places(body), body
