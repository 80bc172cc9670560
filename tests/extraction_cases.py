"""Hand-written extraction cases and how they are judged: shared by the unseen-article tests
(``test_extraction_unseen.py``) and the held-out measurement (``measure_holdout.py``).

An expected figure locates its number by a unique ``anchor`` snippet of the body and is matched to the extracted
figure whose span covers the number's first character. Judging lists every miss, extra figure, trap that came
out as a figure, wrong field and wrong parent.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from pipeline.extraction import ArticleContext, extract
from pipeline.schemas import figure_fields

FIELDS = figure_fields()

SI = "social_insurance"
CSI = "compulsory_social_insurance"
VSI = "voluntary_social_insurance"
HI = "health_insurance"
UI = "unemployment_insurance"
ALL = "all_schemes"
WALF = "working_age_labour_force"


def F(anchor: str, number: str, measure: str, scheme: str, geo: str, period: str, value: float, **rest) -> dict:
    """One expected figure. Unstated fields take the plain reading: an exact, reported actual with no range,
    no denominator and no comparison base. ``parent`` names the number of the figure this one qualifies."""
    kind = rest.pop("kind", "actual")
    expected = {
        "kind": kind,
        "measure": measure,
        "scheme": scheme,
        "geo_code": geo,
        "period_end": period,
        "value": value,
        "value_high": rest.pop("value_high", None),
        "qualifier": rest.pop("qualifier", "exact"),
        "denominator": rest.pop("denominator", None),
        "compared_to": rest.pop("compared_to", None),
        "observation_status": rest.pop("status", "plan" if kind == "target" else "reported"),
    }
    parent = rest.pop("parent", None)
    assert not rest, f"unknown expectation fields {sorted(rest)}"
    return {"anchor": anchor, "number": number, "expected": expected, "parent": parent}


def T(anchor: str, number: str, measure: str, scheme: str, geo: str, period: str, value: float, **rest) -> dict:
    """One expected target."""
    return F(anchor, number, measure, scheme, geo, period, value, kind="target", **rest)


@dataclass(frozen=True)
class Case:
    id: str
    published: str
    geo: str | None
    body: str
    figures: list = field(default_factory=list)
    not_figures: list = field(default_factory=list)  # (anchor, number) pairs that must not come out as figures


def extract_case(case: Case) -> list[dict]:
    published = dt.date.fromisoformat(case.published)
    return extract(
        ArticleContext(article_id=case.id, body=case.body, published_date=published, geo_code=case.geo)
    ).figures


def _norm(name: str, value) -> object:
    if value is None:
        return None
    if name in ("value", "value_high"):
        return round(float(value), 6)
    if name in ("period_end", "compared_to"):
        return value.isoformat() if isinstance(value, dt.date) else str(value)[:10]
    return str(value)


def _start(case: Case, anchor: str, number: str) -> int:
    assert case.body.count(anchor) == 1, f"[{case.id}] anchor is not unique in the body: {anchor!r}"
    assert number in anchor, f"[{case.id}] number {number!r} is not in anchor {anchor!r}"
    return case.body.index(anchor) + anchor.index(number)


def _sentence(body: str, position: int) -> str:
    """The sentence around a position, for failure messages (a plain split on full stops and newlines)."""
    starts = [0] + [m.end() for m in re.finditer(r"(?<=[.;])\s+(?=[A-Z])|\n", body)]
    begin = max(s for s in starts if s <= position)
    following = [s for s in starts if s > position]
    return body[begin : following[0] if following else len(body)].strip()


def judge(case: Case, figures: list[dict]) -> dict:
    """Counts for precision and recall, and every problem as a readable line."""
    matched: dict[str, dict] = {}  # anchor -> extracted figure
    by_number: dict[str, dict] = {}  # number -> extracted figure, for parents
    problems: list[str] = []
    fields_total = fields_right = 0
    for exp in case.figures:
        start = _start(case, exp["anchor"], exp["number"])
        got = next((f for f in figures if f["char_start"] <= start < f["char_end"]), None)
        sentence = _sentence(case.body, start)
        if got is None:
            problems.append(f"[{case.id}] MISSING {exp['number']!r} in: {sentence!r}")
            continue
        matched[exp["anchor"]] = got
        by_number.setdefault(exp["number"], got)
        for name in FIELDS:
            want, have = _norm(name, exp["expected"][name]), _norm(name, got[name])
            fields_total += 1
            if want == have:
                fields_right += 1
            else:
                problems.append(
                    f"[{case.id}] {exp['number']!r} {name}: expected {want!r}, got {have!r} -- in: {sentence!r}"
                )
    for exp in case.figures:
        if exp["parent"] and exp["anchor"] in matched:
            parent = by_number.get(exp["parent"])
            want = parent["figure_id"] if parent else f"<figure for {exp['parent']!r}>"
            if matched[exp["anchor"]]["parent_figure_id"] != want:
                problems.append(
                    f"[{case.id}] {exp['number']!r} parent_figure_id: expected the figure for {exp['parent']!r}, "
                    f"got {matched[exp['anchor']]['parent_figure_id']!r}"
                )
    matched_ids = {id(f) for f in matched.values()}
    trap_starts = {_start(case, anchor, number): number for anchor, number in case.not_figures}
    for figure in (f for f in figures if id(f) not in matched_ids):
        trap = next((n for s, n in trap_starts.items() if figure["char_start"] <= s < figure["char_end"]), None)
        label = f"NOT-A-FIGURE TRAP {trap!r}" if trap else f"EXTRA {figure['number_text']!r}"
        problems.append(
            f"[{case.id}] {label} came out as {figure['kind']}/{figure['measure']}/{figure['scheme']} "
            f"-- in: {figure['quote']!r}"
        )
    return {
        "expected": len(case.figures),
        "found": len(matched),
        "extracted": len(figures),
        "fields_total": fields_total,
        "fields_right": fields_right,
        "problems": problems,
    }


def totals(judged: list[dict], *counts: str) -> list[int]:
    """Each of ``counts`` (as ``judge`` names them) summed over judged cases."""
    return [sum(j[count] for j in judged) for count in counts]


def summary(judged: list[dict]) -> str:
    """Precision, recall, fields right and cases fully right over judged cases."""
    found, extracted, expected = totals(judged, "found", "extracted", "expected")
    fields_total, fields_right = totals(judged, "fields_total", "fields_right")
    clean = sum(not j["problems"] for j in judged)
    precision = found / extracted if extracted else 0.0
    return (
        f"precision {precision:.3f} ({found}/{extracted}), recall {found / expected:.3f} ({found}/{expected}), "
        f"fields {fields_right}/{fields_total} correct on found figures, {clean}/{len(judged)} cases fully right"
    )
