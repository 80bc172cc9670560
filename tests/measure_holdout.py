"""Measure the extractor on the held-out cases in ``tests/holdout_cases.py``; a measurement, not a test.

Run ``uv run python -m tests.measure_holdout``. Prints the number of cases, precision, recall, fields correct on
found figures, cases fully right, and every failure (case id, number, field, expected, got, sentence). Matching is
the same as in ``tests/test_extraction_unseen.py``: an expected figure is matched to the extracted figure whose
span covers the first character of its number. Always exits 0.
"""

import datetime as dt
import re
import sys
import traceback

FIELDS = [
    "kind",
    "measure",
    "scheme",
    "geo_code",
    "period_end",
    "value",
    "value_high",
    "qualifier",
    "denominator",
    "compared_to",
    "observation_status",
]


def _norm(name: str, value) -> object:
    if value is None:
        return None
    if name in ("value", "value_high"):
        return round(float(value), 6)
    if name in ("period_end", "compared_to"):
        return value.isoformat() if isinstance(value, dt.date) else str(value)[:10]
    return str(value)


def _start(case, anchor: str, number: str) -> int:
    if case.body.count(anchor) != 1:
        raise ValueError(f"[{case.id}] anchor is not unique in the body: {anchor!r}")
    if number not in anchor:
        raise ValueError(f"[{case.id}] number {number!r} is not in anchor {anchor!r}")
    return case.body.index(anchor) + anchor.index(number)


def _sentence(body: str, position: int) -> str:
    """The sentence (or headline line) around a position: a plain split on full stops, semicolons and newlines."""
    starts = [0] + [m.end() for m in re.finditer(r"(?<=[.;])\s+(?=[A-Z])|\n", body)]
    begin = max(s for s in starts if s <= position)
    following = [s for s in starts if s > position]
    return body[begin : following[0] if following else len(body)].strip()


def _judge(case, figures: list[dict]) -> dict:
    """Match expected figures to extracted ones; list every miss, extra, trap hit and wrong field as tuples
    (case id, number, field, expected, got, sentence)."""
    matched: dict[str, dict] = {}  # anchor -> extracted figure
    by_number: dict[str, dict] = {}  # number -> extracted figure (for parents)
    failures: list[tuple] = []
    fields_total = fields_right = 0
    for exp in case.figures:
        start = _start(case, exp["anchor"], exp["number"])
        got = next((f for f in figures if f["char_start"] <= start < f["char_end"]), None)
        sentence = _sentence(case.body, start)
        if got is None:
            failures.append((case.id, exp["number"], "MISSING", "a figure", None, sentence))
            continue
        matched[exp["anchor"]] = got
        by_number.setdefault(exp["number"], got)
        for name in FIELDS:
            want, have = _norm(name, exp["expected"][name]), _norm(name, got.get(name))
            fields_total += 1
            if want == have:
                fields_right += 1
            else:
                failures.append((case.id, exp["number"], name, want, have, sentence))
    for exp in case.figures:
        if exp["parent"] and exp["anchor"] in matched:
            parent = by_number.get(exp["parent"])
            want = parent["figure_id"] if parent else f"<figure for {exp['parent']!r}>"
            have = matched[exp["anchor"]].get("parent_figure_id")
            if have != want:
                failures.append(
                    (
                        case.id,
                        exp["number"],
                        "parent_figure_id",
                        f"figure for {exp['parent']!r}",
                        have,
                        _sentence(case.body, matched[exp["anchor"]]["char_start"]),
                    )
                )
    matched_ids = {id(f) for f in matched.values()}
    extras = [f for f in figures if id(f) not in matched_ids]
    trap_starts = {_start(case, anchor, number): number for anchor, number in case.not_figures}
    for figure in extras:
        trap = next((n for s, n in trap_starts.items() if figure["char_start"] <= s < figure["char_end"]), None)
        label = "NOT-A-FIGURE TRAP" if trap else "EXTRA"
        failures.append(
            (
                case.id,
                figure["number_text"],
                label,
                "no figure",
                f"{figure['kind']}/{figure['measure']}/{figure['scheme']}/{figure['geo_code']}",
                _sentence(case.body, figure["char_start"]),
            )
        )
    return {
        "expected": len(case.figures),
        "found": len(matched),
        "extracted": len(figures),
        "fields_total": fields_total,
        "fields_right": fields_right,
        "failures": failures,
    }


def main() -> None:
    from pipeline.extraction import ArticleContext, extract
    from tests.holdout_cases import CASES

    judged = []
    for case in CASES:
        try:
            article = ArticleContext(
                article_id=case.id,
                body=case.body,
                published_date=dt.date.fromisoformat(case.published),
                geo_code=case.geo,
            )
            figures = extract(article).figures
        except Exception as error:  # a crash on one case is a result, not a reason to stop
            figures = []
            print(f"[{case.id}] extractor raised {type(error).__name__}: {error}")
        judged.append(_judge(case, figures))

    found = sum(j["found"] for j in judged)
    extracted = sum(j["extracted"] for j in judged)
    expected = sum(j["expected"] for j in judged)
    fields_total = sum(j["fields_total"] for j in judged)
    fields_right = sum(j["fields_right"] for j in judged)
    clean = sum(not j["failures"] for j in judged)
    precision = found / extracted if extracted else 0.0
    recall = found / expected if expected else 0.0

    print("Failures (case id | number | field | expected | got | sentence):")
    for j in judged:
        for case_id, number, name, want, have, sentence in j["failures"]:
            print(f"  {case_id} | {number!r} | {name} | expected {want!r} | got {have!r} | {sentence!r}")
    print()
    print(f"cases: {len(CASES)}")
    print(f"precision: {precision:.3f} ({found}/{extracted})")
    print(f"recall: {recall:.3f} ({found}/{expected})")
    print(
        f"fields correct on found figures: {fields_right}/{fields_total}"
        f" ({(fields_right / fields_total if fields_total else 0.0):.3f})"
    )
    print(f"cases fully right: {clean}/{len(CASES)}")


if __name__ == "__main__":
    try:
        main()
    except Exception:
        traceback.print_exc()
    sys.exit(0)
