"""Precision and recall of extracted figures against the generator's expected figures.

An expected figure is found when an extracted figure of the same article covers its number's first character
(``char_start <= offset < char_end``), as in ``tests/test_extraction_unseen.py``; it is correct when, in addition,
kind, measure, scheme, geo_code, period_end and value all agree. Precision divides by every extracted figure,
recall by every expected one.
"""

from __future__ import annotations

import bisect
import csv
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

FIELDS = ("kind", "measure", "scheme", "geo_code", "period_end", "value")


@dataclass
class Score:
    expected: int = 0
    extracted: int = 0
    found: int = 0  # expected figures covered by an extracted figure
    correct: int = 0  # ... with every field right
    wrong_fields: Counter = field(default_factory=Counter)
    missed_by_measure: Counter = field(default_factory=Counter)
    extra_by_measure: Counter = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.extracted if self.extracted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 0.0

    @property
    def span_precision(self) -> float:
        return self.found / self.extracted if self.extracted else 0.0

    @property
    def span_recall(self) -> float:
        return self.found / self.expected if self.expected else 0.0

    def summary(self) -> str:
        return (
            f"precision {self.precision:.3f} ({self.correct}/{self.extracted}), recall {self.recall:.3f} "
            f"({self.correct}/{self.expected}); spans only: precision {self.span_precision:.3f}, "
            f"recall {self.span_recall:.3f}"
        )


def read_expected(path: Path, articles: set[str] | None = None) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [row for row in rows if articles is None or row["article_id"] in articles]


def _same(name: str, want: str, have) -> bool:
    if name == "value":
        return have is not None and math.isclose(float(want), float(have), rel_tol=1e-9, abs_tol=1e-6)
    if name == "period_end":
        return str(have)[:10] == want
    return str(have) == want


def score(expected: list[dict], extracted: list[dict], max_examples: int = 20) -> Score:
    """``extracted``: dicts with article_id, char_start, char_end, number_text and the FIELDS."""
    result = Score(expected=len(expected), extracted=len(extracted))
    by_article: dict[str, list[dict]] = defaultdict(list)
    for figure in extracted:
        by_article[figure["article_id"]].append(figure)
    starts: dict[str, list[int]] = {}
    for article_id, figures in by_article.items():
        figures.sort(key=lambda f: int(f["char_start"]))
        starts[article_id] = [int(f["char_start"]) for f in figures]
    matched: set[int] = set()
    for row in expected:
        figures = by_article.get(row["article_id"], [])
        offset = int(row["char_start"])
        index = bisect.bisect_right(starts.get(row["article_id"], []), offset) - 1
        figure = figures[index] if index >= 0 and offset < int(figures[index]["char_end"]) else None
        if figure is None:
            result.missed_by_measure[row["measure"]] += 1
            if len(result.examples) < max_examples:
                result.examples.append(f"MISSED {row['article_id']}@{offset} {row['number_text']!r} {row['measure']}")
            continue
        result.found += 1
        matched.add(id(figure))
        wrong = [name for name in FIELDS if not _same(name, row[name], figure[name])]
        if not wrong:
            result.correct += 1
            continue
        result.wrong_fields.update(wrong)
        if len(result.examples) < max_examples:
            detail = ", ".join(f"{name} {row[name]} != {str(figure[name])[:10]}" for name in wrong)
            result.examples.append(f"WRONG {row['article_id']}@{offset} {row['number_text']!r}: {detail}")
    for figures in by_article.values():
        for figure in figures:
            if id(figure) not in matched:
                result.extra_by_measure[figure["measure"]] += 1
                if len(result.examples) < max_examples:
                    result.examples.append(
                        f"EXTRA {figure['article_id']}@{figure['char_start']} {figure['number_text']!r} "
                        f"{figure['measure']}"
                    )
    return result
