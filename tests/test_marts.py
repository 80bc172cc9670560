"""The marts on the five seed articles, checked by value. Every expected number is computed here by hand from
the article text (quoted next to it), not copied from the pipeline's output."""

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest

from pipeline.defs.marts import read_figures

NGHE_AN, VIETNAM = "VN-22", "VN"


def one(conn, sql: str, *params):
    rows = conn.execute(sql, list(params)).fetchall()
    assert len(rows) == 1, rows
    return rows[0]


def test_every_mart_has_comments_on_every_column(built_warehouse):
    missing = built_warehouse.execute(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE schema_name = 'marts' AND "
        "(comment IS NULL OR comment = '')"
    ).fetchall()
    assert missing == []
    tables = {
        t
        for (t,) in built_warehouse.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'marts'"
        ).fetchall()
    }
    assert tables == {"figures", "coverage", "targets", "target_attainment", "plan_progress", "findings"}


def test_mart_figures_carry_article_provenance(built_warehouse):
    title, outlet, url, published, quote = one(
        built_warehouse,
        "SELECT title, outlet, url, published_date, quote FROM marts.figures WHERE number_text = '93%'",
    )
    assert title == "Nghe An sustainably develops social insurance and health insurance participants"
    assert outlet == "Baonghean.vn" and url == "" and published == dt.date(2023, 12, 1)
    assert "reaching a health insurance coverage rate of 93% compared to the population" in quote


def test_the_marts_read_columns_of_listed_values_as_text_with_one_string_per_value(built_warehouse):
    listed = ["kind", "measure", "scheme", "geo_code", "qualifier", "denominator", "observation_status"]
    figures = read_figures(built_warehouse)
    stored = built_warehouse.execute(f"SELECT {', '.join(listed)} FROM marts.figures").df()
    assert stored["denominator"].isna().any()  # nulls too
    pd.testing.assert_frame_equal(figures[listed], stored)
    assert len({id(kind) for kind in figures["kind"]}) == figures["kind"].nunique()


def test_nghe_an_health_insurance_93_percent_at_end_of_2023(built_warehouse):
    # 003: "2,936,308 people, reaching a health insurance coverage rate of 93% compared to the population"
    participants, rate, denominator, implied = one(
        built_warehouse,
        "SELECT participants, coverage_rate_pct, denominator, implied_denominator FROM marts.coverage "
        "WHERE geo_code = ? AND scheme = 'health_insurance' AND as_of = DATE '2023-12-31'",
        NGHE_AN,
    )
    assert (participants, rate, denominator) == (2_936_308, 93.0, "population")
    assert implied == round(2_936_308 / 0.93)


def test_two_end_2021_social_insurance_figures_reconcile_to_the_later_article(built_warehouse):
    # 000 (24 Dec 2021, before the year ended: an estimate): 354,499 at 19.06%.
    # 004 (10 Jan 2022, reported): nearly 359,000 at 19.29%. The later, reported one wins.
    row = one(
        built_warehouse,
        "SELECT participants, participants_qualifier, coverage_rate_pct, source_article_id, n_sources, "
        "has_conflict, is_derived FROM marts.coverage WHERE geo_code = ? AND scheme = 'social_insurance' "
        "AND as_of = DATE '2021-12-31'",
        NGHE_AN,
    )
    assert row == (359_000, "nearly", 19.29, "004_a02182255bf7edcf", 2, True, False)
    details = [
        d
        for (d,) in built_warehouse.execute(
            "SELECT detail FROM marts.findings WHERE kind = 'conflicting_values' AND geo_code = ? AND "
            "scheme = 'social_insurance' AND as_of = DATE '2021-12-31' ORDER BY detail",
            [NGHE_AN],
        ).fetchall()
    ]
    assert len(details) == 2
    assert "354,499" in details[1] and "359,000" in details[1]
    assert "19.06" in details[0] and "19.29" in details[0]
    # The losing figure is still visible in marts.figures.
    assert one(built_warehouse, "SELECT count(*) FROM marts.figures WHERE number_text = '354,499'") == (1,)


def test_changes_imply_derived_values_that_never_override_stated_ones(built_warehouse):
    # 001: compulsory SI 243,852 at end of June 2021, "an increase of 7,624 people compared to the end of 2020".
    row = one(
        built_warehouse,
        "SELECT participants, is_derived FROM marts.coverage WHERE geo_code = ? AND "
        "scheme = 'compulsory_social_insurance' AND as_of = DATE '2020-12-31'",
        NGHE_AN,
    )
    assert row == (243_852 - 7_624, True)
    # 004: national SI 16.547 million "(up 2.2%)" against the end of 2020; 000 states "more than 16 million" for
    # the end of 2020, so that stated value stays and no derived row replaces it.
    row = one(
        built_warehouse,
        "SELECT participants, participants_qualifier, is_derived FROM marts.coverage WHERE geo_code = ? AND "
        "scheme = 'social_insurance' AND as_of = DATE '2020-12-31'",
        VIETNAM,
    )
    assert row == (16_000_000, "more_than", False)
    # The implied 16,547,000 / 1.022 = 16.19 million agrees with "more than 16 million": no finding.
    assert built_warehouse.execute(
        "SELECT count(*) FROM marts.findings WHERE kind = 'change_disagrees_with_values'"
    ).fetchone() == (0,)


def test_nghe_an_2021_social_insurance_target_is_achieved(built_warehouse):
    # 002: "The rate of the working-age labor force participating in social insurance reaches 18.50%" in 2021.
    # Latest actual: 24.9% at the end of 2023 (003), above 18.5.
    row = one(
        built_warehouse,
        "SELECT target_low, deadline, latest_value, latest_as_of, status FROM marts.target_attainment "
        "WHERE geo_code = ? AND scheme = 'social_insurance' AND target_low = 18.5",
        NGHE_AN,
    )
    assert row == (18.5, dt.date(2021, 12, 31), 24.9, dt.date(2023, 12, 31), "achieved")


def test_nghe_an_health_insurance_95_percent_by_2025(built_warehouse):
    # 003: "By 2025, the rate of people participating in health insurance will reach 95%".
    # Actuals for Nghe An HI coverage: 91% (000, end of 2020), 91% (004, end of 2021), 93% (003, end of 2023).
    baseline, latest, target = 91.0, 93.0, 95.0
    b, t, deadline = 2021.0, 2024.0, 2026.0  # end-of-year dates as decimal years (2020-12-31 is 2021.0)
    observed = (latest / baseline) ** (1 / (t - b)) - 1
    required = (target / baseline) ** (1 / (deadline - b)) - 1
    ratio = observed / required
    assert 0.6 <= ratio < 0.95  # so the status must be acceleration_needed
    row = one(
        built_warehouse,
        "SELECT baseline_value, baseline_as_of, latest_value, latest_as_of, attainment_ratio, gap, "
        "observed_cagr, required_cagr, growth_ratio, projected_at_deadline, status "
        "FROM marts.target_attainment WHERE geo_code = ? AND scheme = 'health_insurance' AND target_low = 95",
        NGHE_AN,
    )
    assert row[:4] == (baseline, dt.date(2020, 12, 31), latest, dt.date(2023, 12, 31))
    assert row[4] == pytest.approx(latest / target)
    assert row[5] == pytest.approx(target - latest)
    assert row[6:9] == pytest.approx((observed, required, ratio))
    assert row[9] == pytest.approx(latest * (1 + observed) ** (deadline - t))
    assert row[10] == "acceleration_needed"


def test_range_target_with_another_denominator_is_flagged(built_warehouse):
    # 003: "the rate of the labor force participating in social insurance will reach 26% - 27%" by 2025, while
    # the actuals are shares of the working-age labour force.
    row = one(
        built_warehouse,
        "SELECT t.target_high, t.comparator, t.set_by, a.denominator_mismatch FROM marts.targets t "
        "JOIN marts.target_attainment a USING (target_id) WHERE t.geo_code = ? AND t.target_low = 26",
        NGHE_AN,
    )
    assert row == (27.0, ">=", "the Resolution of the 19th Nghe An Provincial Party Congress", True)


def test_plan_progress_implies_the_plan(built_warehouse):
    # 001: "243,852 people (reaching 98.39% of the plan ...)": the plan was 243,852 / 0.9839.
    row = one(
        built_warehouse,
        "SELECT measure, actual_value, attainment_pct, implied_plan_value FROM marts.plan_progress "
        "WHERE scheme = 'compulsory_social_insurance'",
    )
    assert row[:3] == ("participants", 243_852, 98.39)
    assert row[3] == pytest.approx(243_852 / 0.9839, abs=0.01)


def test_stated_share_of_national_total_is_checked_against_the_counts(built_warehouse):
    # 004: Nghe An "more than 103,000 participants, equal to 9% of the total number of voluntary social insurance
    # participants nationwide", but nationwide voluntary SI was 1.45 million: 103,000 / 1,450,000 = 7.10%.
    (detail,) = one(
        built_warehouse,
        "SELECT detail FROM marts.findings WHERE kind = 'share_contradicts_counts' AND geo_code = ?",
        NGHE_AN,
    )
    assert f"{103_000 / 1_450_000 * 100:.2f}%" in detail and "stated 9%" in detail


def test_implied_denominator_drift_is_a_finding(built_warehouse):
    # Nghe An SI: 359,000 / 19.29% = 1,861,068 (end 2021); 385,931 / 24.9% = 1,549,924 (end 2023): -16.7%.
    (detail,) = one(
        built_warehouse,
        "SELECT detail FROM marts.findings WHERE kind = 'implied_denominator_drift' AND geo_code = ?",
        NGHE_AN,
    )
    assert f"{round(359_000 / 0.1929):,}" in detail and f"{round(385_931 / 0.249):,}" in detail
    assert f"{(385_931 / 0.249) / (359_000 / 0.1929) - 1:+.1%}" in detail


def test_readme_example_queries_run_and_return_rows(built_warehouse):
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    queries = re.findall(r"```sql\n(.*?)```", readme, flags=re.DOTALL)
    assert len(queries) == 3
    for query in queries:
        assert built_warehouse.execute(query).fetchall(), query
