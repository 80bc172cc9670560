"""The marts' pure functions on small frames built here, for the rules the seed articles do not all reach:
reconcile's ranking and ties, derived values, and every target status. Expected values are worked out by hand."""

import numpy as np
import pandas as pd
import pytest

from pipeline import marts

KEY = {"geo_code": "VN-22", "scheme": "health_insurance", "measure": "participants"}


def figures(*rows: dict) -> pd.DataFrame:
    """Figures as the marts read them: every column, with defaults for the ones a row does not give."""
    defaults = {
        "figure_id": None,
        "article_id": "a1",
        "kind": "actual",
        **KEY,
        "period_end": "2023-12-31",
        "value": 1_000.0,
        "value_high": np.nan,
        "qualifier": "exact",
        "denominator": None,
        "compared_to": None,
        "observation_status": "reported",
        "quote": None,
        "char_start": 0,
        "parent_figure_id": None,
        "published_date": "2024-01-15",
    }
    frame = pd.DataFrame([{**defaults, "figure_id": f"f{i}", **row} for i, row in enumerate(rows)])
    for column in ["period_end", "compared_to", "published_date"]:
        frame[column] = pd.to_datetime(frame[column])
    return frame


def test_reconcile_prefers_reported_then_later_publication_then_earlier_position():
    stated = marts.reconcile(
        figures(
            {"article_id": "a3", "value": 1_400, "observation_status": "estimate", "published_date": "2024-03-01"},
            {"article_id": "a1", "value": 1_100, "published_date": "2024-01-01", "char_start": 50},
            {"article_id": "a2", "value": 1_200, "published_date": "2024-02-01", "char_start": 10},
            {"article_id": "a2", "value": 1_300, "published_date": "2024-02-01", "char_start": 5},
        )
    )
    assert len(stated) == 1
    row = stated.iloc[0]
    assert (row["value"], row["article_id"], row["as_of"]) == (1_300, "a2", pd.Timestamp("2023-12-31"))
    assert row["has_conflict"] and row["article_ids"] == "a1,a2,a3"
    assert row["all_values"] == (
        "1,300 (exact, reported, a2); 1,200 (exact, reported, a2); 1,100 (exact, reported, a1); "
        "1,400 (exact, estimate, a3)"
    )


def test_reconcile_keeps_the_first_of_figures_that_rank_equal():
    stated = marts.reconcile(figures({"value": 7.0, "char_start": 3}, {"value": 8.0, "char_start": 3}))
    assert stated["value"].tolist() == [7.0]


def test_reconcile_tolerates_rounding_and_drops_incomplete_keys_and_targets():
    stated = marts.reconcile(
        figures(
            {"value": 100_000, "article_id": "a2"},
            {"value": 100_050, "article_id": "a1"},  # 0.05% apart: rounding, not a conflict; a1 ranks first
            {"value": 5.0, "measure": "coverage_rate", "period_end": "2022-12-31"},
            {"value": 6.0, "measure": "coverage_rate", "period_end": "2022-12-31", "article_id": "a2"},
            {"value": 1.0, "geo_code": None},
            {"value": 2.0, "kind": "target"},
        )
    )
    assert stated[["measure", "as_of", "value", "has_conflict", "article_ids"]].values.tolist() == [
        ["coverage_rate", pd.Timestamp("2022-12-31"), 5.0, True, "a1,a2"],
        ["participants", pd.Timestamp("2023-12-31"), 100_050, False, "a1,a2"],
    ]
    assert stated["all_values"].tolist() == ["5 (exact, reported, a1); 6 (exact, reported, a2)", None]


def test_changes_imply_earlier_counts():
    derived = marts.derived_participants(
        figures(
            {"figure_id": "count", "value": 2_000, "period_end": "2024-02-29"},
            # "up 200 on the end of 2022"
            {"measure": "change_abs", "value": 200, "parent_figure_id": "count", "compared_to": "2022-12-31"},
            # "up 4%", against a year earlier; the count is exact, the change makes it "about"
            {"measure": "change_pct", "value": 4, "parent_figure_id": "count"},
            {"figure_id": "rate", "measure": "coverage_rate", "value": 90},
            {"measure": "change_abs", "value": 1, "parent_figure_id": "rate"},  # not a count: nothing derived
        )
    )
    assert derived[["as_of", "value", "qualifier", "figure_id"]].values.tolist() == [
        [pd.Timestamp("2022-12-31"), 1_800, "exact", "f1"],
        [pd.Timestamp("2023-02-28"), round(2_000 / 1.04), "about", "f2"],
    ]


def test_no_change_derives_an_empty_frame_with_the_columns():
    derived = marts.derived_participants(figures({"value": 1.0}))
    some = marts.derived_participants(
        figures({"figure_id": "count", "value": 2}, {"measure": "change_abs", "value": 1, "parent_figure_id": "count"})
    )
    assert derived.empty and len(some) == 1
    # The marts select and merge on these columns whether or not a change was stated.
    assert list(derived.columns) == list(some.columns)


def test_a_change_that_contradicts_the_stated_count_is_a_finding():
    """a2: 2,000 at the end of February 2024, "up 200 on the end of 2022": 1,800 then. a1 states 1,500 for the end
    of 2022 in health insurance (off by 20%), and 1,805 in social insurance (within the 1% an exact count allows)."""
    rows = []
    for scheme, stated_then in [("health_insurance", 1_500), ("social_insurance", 1_805)]:
        rows += [
            {"figure_id": f"count {scheme}", "article_id": "a2", "scheme": scheme, "value": 2_000},
            {
                "article_id": "a2",
                "scheme": scheme,
                "measure": "change_abs",
                "value": 200,
                "parent_figure_id": f"count {scheme}",
                "compared_to": "2022-12-31",
            },
            {"scheme": scheme, "value": stated_then, "period_end": "2022-12-31"},
        ]
    table = figures(*rows)
    table["period_end"] = table["period_end"].where(table["article_id"] == "a1", pd.Timestamp("2024-02-29"))
    stated, derived = marts.reconcile(table), marts.derived_participants(table)
    found = marts.findings(table, stated, derived, marts.coverage(table, stated, derived))
    assert found[["kind", "scheme", "as_of", "detail", "article_ids"]].values.tolist() == [
        [
            "change_disagrees_with_values",
            "health_insurance",
            pd.Timestamp("2022-12-31"),
            "a stated change implies 1,800 participants, but 1,500 (exact) is stated",
            "a1,a2",
        ]
    ]


def target(target_id: str, low: float, deadline: str, **fields) -> dict:
    return {
        "target_id": target_id,
        **KEY,
        "target_low": low,
        "target_high": np.nan,
        "comparator": ">=",
        "deadline": pd.Timestamp(deadline),
        "denominator": None,
        **fields,
    }


def test_every_target_status():
    # Participants 100 at the end of 2020 and 121 at the end of 2022: 10% a year. As decimal years the baseline is
    # 2021.0, the latest 2023.0 and a 2025-12-31 deadline 2026.0, so a target x needs (x / 100) ** (1 / 5) - 1 a
    # year. Social insurance fell from 100 to 90; one coverage rate, of the labour force; no unemployment insurance.
    stated = marts.reconcile(
        figures(
            {"value": 100, "period_end": "2020-12-31"},
            {"value": 121, "period_end": "2022-12-31"},
            {"scheme": "social_insurance", "value": 100, "period_end": "2020-12-31"},
            {"scheme": "social_insurance", "value": 90, "period_end": "2022-12-31"},
            {"measure": "coverage_rate", "value": 40, "denominator": "labour_force"},
            {"scheme": "voluntary_social_insurance", "value": 100, "period_end": "2020-12-31"},
            {"scheme": "voluntary_social_insurance", "value": 100, "period_end": "2022-12-31"},
        )
    )

    def needing(ratio: float) -> float:
        """The 2025 target that 10% a year reaches at ``ratio`` of the growth it needs."""
        return 100 * (1 + 0.1 / ratio) ** 5

    targets = pd.DataFrame(
        [
            target("achieved", 121, "2025-12-31"),
            target("not_over", 121, "2025-12-31", comparator=">"),  # 121 is not over 121: assessed by growth
            target("missed", 130, "2022-12-31"),
            target("no_data", 1, "2025-12-31", scheme="unemployment_insurance"),
            target("insufficient", 50, "2030-12-31", measure="coverage_rate", denominator="population"),
            target("on_track", 100 * 1.1**5, "2025-12-31"),  # needs 10% a year: ratio 1
            target("acceleration", needing(0.7), "2025-12-31"),
            target("limited", 100 * 1.5**5, "2025-12-31"),  # needs 50% a year: ratio 0.2
            target("deterioration", 150, "2025-12-31", scheme="social_insurance"),
            # Either side of each threshold; a series that did not move has a ratio of 0, still limited progress.
            *(target(f"ratio {r}", needing(r), "2025-12-31") for r in (0.951, 0.949, 0.601, 0.599)),
            target("stalled", 150, "2025-12-31", scheme="voluntary_social_insurance"),
        ]
    )
    attainment = marts.target_attainment(targets, stated).set_index("target_id")
    assert attainment["status"].to_dict() == {
        "achieved": "achieved",
        "not_over": "on_track",
        "missed": "missed",
        "no_data": "no_data",
        "insufficient": "insufficient_data",
        "on_track": "on_track",
        "acceleration": "acceleration_needed",
        "limited": "limited_progress",
        "deterioration": "deterioration",
        "ratio 0.951": "on_track",
        "ratio 0.949": "acceleration_needed",
        "ratio 0.601": "acceleration_needed",
        "ratio 0.599": "limited_progress",
        "stalled": "limited_progress",
    }
    assert attainment.loc["stalled", "growth_ratio"] == 0
    on_track = attainment.loc["on_track"]
    assert (on_track["baseline_value"], on_track["latest_value"]) == (100, 121)
    assert (on_track["baseline_as_of"], on_track["latest_as_of"]) == (
        pd.Timestamp("2020-12-31"),
        pd.Timestamp("2022-12-31"),
    )
    assert on_track[["observed_cagr", "required_cagr", "growth_ratio"]].tolist() == pytest.approx([0.1, 0.1, 1])
    assert on_track["projected_at_deadline"] == pytest.approx(121 * 1.1**3)
    assert on_track["attainment_ratio"] == pytest.approx(121 / (100 * 1.1**5))
    assert attainment.loc["acceleration", "growth_ratio"] == pytest.approx(0.7)
    assert attainment.loc["insufficient", "denominator_mismatch"]
    assert not attainment.loc["on_track", "denominator_mismatch"]
    no_data = attainment.loc["no_data"]
    assert np.isnan(no_data["latest_value"]) and pd.isna(no_data["latest_as_of"])
    assert no_data["latest_article_id"] is None and not no_data["denominator_mismatch"]
