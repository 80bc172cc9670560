"""The extractor against a hand-made list of every coverage figure in the five seed articles.

``fixtures/seed_figures.csv`` was written by reading the articles, not by running the extractor: each row
locates its number by a unique ``anchor`` snippet of the body and gives every field by hand. The test reports
precision and recall (printed at the end of the run) and fails on any missing, extra or wrong figure.
"""

import csv
import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from pipeline.articles import read_articles
from pipeline.extraction.corpus import extract_articles
from pipeline.schemas import figure_fields
from tests.conftest import PROJECT_RAW, record_metric

GOLD = Path(__file__).parent / "fixtures" / "seed_figures.csv"
FIELDS = figure_fields()


def _normalise(name: str, value) -> object:
    if value is None or value == "" or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return None
    if name in ("value", "value_high"):
        return round(float(value), 6)
    if name in ("period_end", "compared_to"):
        return pd.Timestamp(value).date().isoformat()
    return str(value)


@pytest.fixture(scope="module")
def seed_articles() -> pd.DataFrame:
    articles, problems = read_articles(PROJECT_RAW, dt.date.today())
    assert not problems
    return pd.DataFrame([vars(a) for a in articles])


@pytest.fixture(scope="module")
def gold(seed_articles) -> dict[tuple[str, int], dict]:
    bodies = dict(zip(seed_articles["article_id"], seed_articles["body"], strict=True))
    expected = {}
    for row in csv.DictReader(GOLD.open(encoding="utf-8")):
        body, anchor = bodies[row["article_id"]], row["anchor"].replace("\\n", "\n")
        assert body.count(anchor) == 1, f"gold anchor is not unique: {anchor!r}"
        start = body.index(anchor) + anchor.index(row["number"])
        expected[(row["article_id"], start)] = row
    return expected


@pytest.fixture(scope="module")
def extracted(seed_articles) -> dict[tuple[str, int], dict]:
    figures, _ = extract_articles(seed_articles)
    return {(f["article_id"], f["char_start"]): f for f in figures.to_dict("records")}


def test_precision_and_recall_on_the_seed_articles(gold, extracted):
    found = gold.keys() & extracted.keys()
    precision = len(found) / len(extracted) if extracted else 0.0
    recall = len(found) / len(gold)
    record_metric(
        "seed extraction",
        f"precision {precision:.3f} ({len(found)}/{len(extracted)}), recall {recall:.3f} ({len(found)}/{len(gold)})",
    )
    missing = sorted(gold.keys() - extracted.keys())
    extra = sorted(extracted.keys() - gold.keys())
    assert not missing, [gold[key]["anchor"] for key in missing]
    assert not extra, [(extracted[key]["number_text"], extracted[key]["quote"][:80]) for key in extra]


def test_every_field_of_every_found_figure(gold, extracted):
    wrong = []
    for key in sorted(gold.keys() & extracted.keys()):
        for name in FIELDS:
            want, got = _normalise(name, gold[key][name]), _normalise(name, extracted[key][name])
            if want != got:
                wrong.append(f"{gold[key]['anchor']!r} {name}: expected {want}, got {got}")
    total = len(gold.keys() & extracted.keys()) * len(FIELDS)
    record_metric("seed extraction fields", f"{total - len(wrong)}/{total} correct")
    assert not wrong, "\n".join(wrong)


def test_quotes_and_spans_trace_back_to_the_body(seed_articles, extracted):
    bodies = dict(zip(seed_articles["article_id"], seed_articles["body"], strict=True))
    assert extracted
    for (article_id, start), figure in extracted.items():
        body = bodies[article_id]
        assert body[start : figure["char_end"]] == figure["number_text"]
        assert figure["quote"] in body
        quote_at = body.index(figure["quote"])
        assert quote_at <= start and figure["char_end"] <= quote_at + len(figure["quote"])


def test_figure_ids_are_stable_and_unique(seed_articles, extracted):
    again, _ = extract_articles(seed_articles)
    assert sorted(again["figure_id"]) == sorted(f["figure_id"] for f in extracted.values())
    assert again["figure_id"].is_unique


def test_parenthesised_figures_point_to_the_count_they_qualify(extracted):
    by_text = {f["number_text"]: f for f in extracted.values() if f["article_id"].startswith("001")}
    assert by_text["98.39%"]["parent_figure_id"] == by_text["243,852"]["figure_id"]
    assert by_text["12,550"]["parent_figure_id"] == by_text["89,896"]["figure_id"]
