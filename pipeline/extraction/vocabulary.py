"""Loading ``vocabulary.toml`` and compiling its phrases into regular expressions.

The file is the single place an analyst edits to teach the extractor a new phrase. The rules version hashes it
with the extractor's code and the provinces table: cached extractions made with other rules are never reused.
"""

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipeline.extraction.prefilter import Phrases, may_take
from pipeline.geography import NATIONAL, PROVINCES_CSV, spellings
from pipeline.versions import code_version

VOCABULARY_FILE = Path(__file__).with_name("vocabulary.toml")
# cache.py only stores and fetches results; editing it must not re-extract every article.
RULES_FILES = sorted(
    [VOCABULARY_FILE, PROVINCES_CSV, *(path for path in Path(__file__).parent.glob("*.py") if path.name != "cache.py")]
)
RULES_VERSION = code_version(RULES_FILES)
FLAGS = re.IGNORECASE
# The marks that end a clause. A [geography] ignore phrase never takes one, so the default province looks for
# ignored phrases only in the clauses that name a province, not in the whole body.
CLAUSE_ENDS = ".;"


def _phrase(pattern: str) -> str:
    """A space in a phrase matches any whitespace run, or none where scraped words ran together."""
    return pattern.replace(" ", r"\s*")


def _compile(pattern: str, flags: int = FLAGS) -> Phrases:
    return Phrases(re.compile(pattern, flags))


def _any(patterns: list[str], flags: int = FLAGS) -> Phrases:
    return _compile("|".join(f"(?:{_phrase(p)})" for p in patterns), flags)


def _within_clauses(phrases: Phrases, name: str) -> Phrases:
    if may_take(phrases.regex, CLAUSE_ENDS):
        marks = " or ".join(f"'{mark}'" for mark in CLAUSE_ENDS)
        raise ValueError(f"{VOCABULARY_FILE.name}: a {name} phrase may match {marks}; keep each within a clause")
    return phrases


@dataclass(frozen=True)
class MeasureRule:
    measure: str
    unit: str
    before: Phrases | None
    after: Phrases | None
    clause: Phrases | None
    attach: bool
    bare_after_count: bool


@dataclass(frozen=True)
class PeriodRule:
    resolve: str
    kind: str
    pattern: Phrases


@dataclass(frozen=True)
class Vocabulary:
    schemes: Phrases  # one named group per scheme
    scheme_exclusions: Phrases
    scheme_defaults: dict[str, str]
    denominators: list[tuple[str, Phrases]]
    denominator_defaults: dict[str, str]
    qualifiers: list[tuple[str, Phrases]]
    persons: Phrases
    persons_subject: Phrases
    scale: dict[str, float]
    money_scale: dict[str, float]
    money_before: Phrases
    money: Phrases
    measures: list[MeasureRule]
    not_participants: Phrases
    participation: Phrases
    target_cues: Phrases
    target_ends: Phrases
    future_deadline: Phrases
    estimate_cues: Phrases
    periods: list[PeriodRule]
    period_exclusions: Phrases
    compared_end_of_year: Phrases
    compared_same_period: Phrases
    place_cues: Phrases  # named groups: national, own_province
    place_names: Phrases  # any spelling in the provinces table
    place_codes: dict[str, str]  # spelling -> geo code
    unknown_place: Phrases  # group 1: a name before "province" that may not be in the table
    geo_ignore: Phrases
    identifiers: Phrases
    skip_lines: Phrases
    heading_max_words: int


def _places(geo: dict) -> tuple[Phrases, Phrases, dict[str, str], Phrases]:
    """Cue words (case-insensitive), province spellings (proper nouns: case-sensitive, one alternation that
    only starts at a capital letter, so scanning stays fast), and "<Name> province" for names not in the table."""
    cues = _compile(
        f"(?P<national>{_any(geo['national']).pattern})|(?P<own_province>{_any(geo['own_province']).pattern})", FLAGS
    )
    names = sorted(spellings(), key=len, reverse=True)
    known = _compile(r"\b(?=[A-Z])(?:" + "|".join(re.escape(name) for name in names) + r")\b", 0)
    unknown = _compile(geo["unknown_place"], 0)
    return cues, known, spellings(), unknown


def _measure(rule: dict, denominator: str) -> MeasureRule:
    def optional(key: str, anchor: str) -> Phrases | None:
        if key not in rule:
            return None
        patterns = [p.replace("{denominator}", f"(?:{denominator})") for p in rule[key]]
        body = "|".join(f"(?:{_phrase(p)})" for p in patterns)
        return _compile(f"(?:{body})$" if anchor == "end" else f"^(?:{body})", FLAGS)

    return MeasureRule(
        measure=rule["measure"],
        unit=rule["unit"],
        before=optional("before", "end"),
        after=optional("after", "start"),
        clause=_any(rule["clause"]) if "clause" in rule else None,
        attach=rule.get("attach", False),
        bare_after_count=rule.get("bare_after_count", False),
    )


@cache
def vocabulary() -> Vocabulary:
    raw = tomllib.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))
    scheme_groups = "|".join(
        f"(?P<{scheme}>{'|'.join(_phrase(p) for p in phrases)})" for scheme, phrases in raw["schemes"].items()
    )
    denominators = [(name, _any(patterns)) for name, patterns in raw["denominators"].items()]
    all_denominators = "|".join(_phrase(p) for patterns in raw["denominators"].values() for p in patterns)
    place_cues, place_names, place_codes, unknown_place = _places(raw["geography"])
    assert NATIONAL in set(place_codes.values())
    return Vocabulary(
        schemes=_compile(scheme_groups, FLAGS),
        scheme_exclusions=_any(raw["scheme_exclusions"]["case_sensitive"], 0),
        scheme_defaults=raw["scheme_defaults"],
        denominators=denominators,
        denominator_defaults=raw["denominator_defaults"],
        qualifiers=[
            (name, _compile(f"(?:{_any(p).pattern})\\s*(?:VND\\s*)?$", FLAGS)) for name, p in raw["qualifiers"].items()
        ],
        persons=_compile(rf"^\s*(?:{_any(raw['units']['persons']).pattern})\b", FLAGS),
        persons_subject=_any(raw["units"]["persons_subject"]),
        scale=raw["units"]["scale"],
        money_scale=raw["units"]["money_scale"],
        money_before=_any(raw["units"]["money_before"]),
        money=_any(raw["units"]["money"]),
        measures=[_measure(rule, all_denominators) for rule in raw["measures"]],
        not_participants=_any(raw["not_participants"]["clause"]),
        participation=_any(raw["not_participants"]["participation"]),
        target_cues=_any(raw["targets"]["cues"]),
        target_ends=_any(raw["targets"]["ends"]),
        future_deadline=_compile(raw["targets"]["future_deadline"], FLAGS),
        estimate_cues=_any(raw["estimates"]["cues"]),
        periods=[
            PeriodRule(rule["resolve"], rule["kind"], _compile(_phrase(pattern), FLAGS))
            for rule in raw["periods"]
            for pattern in rule["patterns"]
        ],
        period_exclusions=_any(raw["period_exclusions"]["patterns"]),
        compared_end_of_year=_any(raw["compared_to"]["end_of_year"]),
        compared_same_period=_any(raw["compared_to"]["same_period"]),
        place_cues=place_cues,
        place_names=place_names,
        place_codes=place_codes,
        unknown_place=unknown_place,
        geo_ignore=_within_clauses(_any(raw["geography"]["ignore"]), "[geography] ignore"),
        identifiers=_compile("|".join(f"(?:{p})" for p in raw["identifiers"]["before"]), FLAGS),
        skip_lines=_any(raw["layout"]["skip_lines"]),
        heading_max_words=raw["layout"]["heading_max_words"],
    )
