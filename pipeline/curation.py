"""Analyst curation of extracted figures: reject one, correct fields of one, or add one the extractor missed.

Curation lives in ``raw/curation.csv``, one row per decision, keyed by article and quote so it survives
re-extraction: ``quote`` is any part of the figure's sentence and ``number`` the number as written there.

    action,article_id,quote,number,kind,measure,...,observation_status,note
    reject,001_87d30291da594ad4,reaching 48.3% compared to the plan,48.3%,,,...,,a revenue share
    correct,000_52d8246c83b7eb43,exceeding the target of 80%,80%,,,...,,Resolution 21 ran to 2020

For ``correct`` the non-empty figure fields replace the extracted ones; for ``add`` they make the new
figure. A row that matches no figure, or more than one, or cannot be read, is logged with the reason and
changes nothing.
"""

import csv
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipeline.extraction.extractor import figure_id
from pipeline.schemas import figure_fields

ACTIONS = ("reject", "correct", "add")
KEY_COLUMNS = ["action", "article_id", "quote", "number"]
FIELD_COLUMNS = figure_fields()
COLUMNS = KEY_COLUMNS + FIELD_COLUMNS + ["note"]
NUMERIC = {"value", "value_high"}
DATES = {"period_end", "compared_to"}
REQUIRED_FOR_ADD = ["kind", "measure", "scheme", "geo_code", "period_end", "value", "observation_status"]
CURATION_FILE = "curation.csv"


class CurationError(ValueError):
    """A curation row that cannot be applied; the message says why."""


@dataclass
class CurationResult:
    figures: pd.DataFrame
    rejected: list[str] = field(default_factory=list)  # figure ids removed by an analyst
    added: list[str] = field(default_factory=list)
    log: list[dict] = field(default_factory=list)


def _fields(row: dict) -> dict:
    """The non-empty figure fields of a row, typed."""
    values = {}
    for name in FIELD_COLUMNS:
        text = (row.get(name) or "").strip()
        if not text:
            continue
        try:
            if name in NUMERIC:
                values[name] = float(text.replace(",", ""))
            elif name in DATES:
                values[name] = pd.Timestamp(dt.date.fromisoformat(text))
            else:
                values[name] = text
        except ValueError:
            raise CurationError(f"{name} '{text}' is not a {'number' if name in NUMERIC else 'date'}") from None
    return values


def _matches(figures: pd.DataFrame, row: dict) -> pd.DataFrame:
    quote, number = row["quote"].strip(), row["number"].strip()
    if not quote or not number:
        raise CurationError("quote and number are both required")
    hits = figures[
        (figures["article_id"] == row["article_id"])
        & figures["quote"].str.contains(quote, regex=False)
        & figures["number_text"].str.startswith(number)
    ]
    if hits.empty:
        raise CurationError(f"no figure in {row['article_id']} has number '{number}' in a sentence with that quote")
    if len(hits) > 1:
        raise CurationError(f"{len(hits)} figures match; quote more of the sentence")
    return hits


def _added(row: dict, body_of: Callable[[str], str | None]) -> dict:
    body = body_of(row["article_id"])
    if body is None:
        raise CurationError(f"article '{row['article_id']}' is not loaded")
    quote, number = row["quote"].strip(), row["number"].strip()
    at = body.find(quote) if quote else -1
    if at < 0 or number not in quote:
        raise CurationError("quote is not in the article body, or number is not in the quote")
    values = _fields(row)
    missing = [name for name in REQUIRED_FOR_ADD if name not in values]
    if missing:
        raise CurationError(f"an added figure needs {', '.join(missing)}")
    start = at + quote.index(number)
    end = start + len(number)
    sentence_start = body.rfind("\n", 0, start) + 1
    sentence_end = body.find("\n", end)
    return {
        "figure_id": figure_id(row["article_id"], start, end),
        "article_id": row["article_id"],
        "value_high": None,
        "qualifier": "exact",
        "denominator": None,
        "compared_to": None,
        **values,
        "quote": body[sentence_start : sentence_end if sentence_end >= 0 else len(body)],
        "char_start": start,
        "char_end": end,
        "number_text": number,
        "parent_figure_id": None,
    }


def read_rows(path: Path) -> list[tuple[int, dict | None, str | None]]:
    """(line, row, problem) for every data row of the curation file; none when the file is absent.

    Each line is read on its own (a curation row never spans lines), so a stray quote spoils only its line.
    """
    if not path.exists():
        return []
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (UnicodeDecodeError, OSError) as error:
        return [(1, None, f"cannot be read ({error})")]
    header = next(csv.reader(lines[:1]), [])
    missing = [name for name in KEY_COLUMNS if name not in header]
    if missing:
        return [(1, None, f"header lacks column(s) {', '.join(missing)}")]
    rows = []
    for line, text in enumerate(lines[1:], start=2):
        if not text.strip():
            continue
        try:
            values = next(csv.reader([text], strict=True))
        except csv.Error as error:
            hint = " (a quote opened and never closed)" if "end of data" in str(error) else ""
            rows.append((line, None, f"cannot be read as CSV: {error}{hint}"))
            continue
        row = dict(zip(header, values, strict=False))
        if len(values) != len(header):
            rows.append((line, row, f"has {len(values)} fields, header has {len(header)}"))
        elif row["action"].strip() not in ACTIONS:
            rows.append((line, row, f"action '{row['action']}' is not one of {', '.join(ACTIONS)}"))
        else:
            rows.append((line, row, None))
    return rows


def curated_articles(path: Path) -> list[str]:
    """The articles the curation file names: every row acts on one article's figures, so only theirs can change."""
    return sorted({row["article_id"] for _, row, _ in read_rows(path) if row and row.get("article_id")})


def curate(
    extracted: pd.DataFrame, path: Path, body_of: Callable[[str], str | None], display_name: str
) -> CurationResult:
    """Apply every row of the curation file to the extracted figures, in file order; ``body_of`` gives a loaded
    article's body (None if it is not loaded), asked only for the articles that rows add figures to."""
    figures = extracted.assign(curated=False, curation_note=None).set_index("figure_id", drop=False)
    result = CurationResult(figures=figures)
    for line, row, problem in read_rows(path):
        touched = None
        try:
            if problem:
                raise CurationError(problem)
            action = row["action"].strip()
            note = (row.get("note") or "").strip() or None
            if action == "add":
                added = _added(row, body_of)
                touched = added["figure_id"]
                if touched in result.figures.index:
                    raise CurationError("the extractor already has this figure; use correct")
                addition = pd.DataFrame([{**added, "curated": True, "curation_note": note}]).set_index(
                    "figure_id", drop=False
                )
                result.figures = pd.concat([result.figures.astype(object), addition.astype(object)])
                result.added.append(touched)
            else:
                touched = _matches(result.figures, row).index[0]
                if action == "reject":
                    result.figures = result.figures.drop(index=touched)
                    result.rejected.append(touched)
                else:
                    values = _fields(row)
                    if not values:
                        raise CurationError("a correction needs at least one field to change")
                    for name, value in values.items():
                        result.figures.at[touched, name] = value
                    result.figures.at[touched, "curated"] = True
                    result.figures.at[touched, "curation_note"] = note
            outcome = "applied"
        except CurationError as error:
            outcome = str(error)
        result.log.append(
            {
                "line": line,
                "article_id": (row or {}).get("article_id"),
                "action": (row or {}).get("action"),
                "figure_id": touched if outcome == "applied" else None,
                "outcome": outcome,
                "message": f"{display_name}: line {line}: {outcome}",
            }
        )
    result.figures = result.figures.reset_index(drop=True)
    return result
