"""Staging figures through a real materialisation: validation quarantines bad figures, curation is applied
and logged, counts reconcile, and table/column descriptions come from the Pandera models."""

import subprocess
import sys

import duckdb
import pandas as pd
import pytest

from pipeline.defs import staging
from pipeline.defs.staging import FIGURES
from pipeline.schemas import FigureModel
from pipeline.validated_rows import validate_table
from pipeline.validation import split_valid
from tests.conftest import CURATION_HEADER, PROJECT_RAW, article, checked_rows, materialize_all, query, sha256


def write_article(raw_dir, article_id: str, body: str, title: str = "Test") -> None:
    (raw_dir / "articles" / f"{article_id}.txt").write_bytes(article(body, title=title))


def test_column_comments_and_dagster_schema_come_from_the_model(built_warehouse):
    described = {name: col.description for name, col in FigureModel.to_schema().columns.items()}
    comments = dict(
        built_warehouse.execute(
            "SELECT column_name, comment FROM duckdb_columns() WHERE schema_name = 'staging' AND table_name = 'figures'"
        ).fetchall()
    )
    assert comments == described
    schema = FIGURES.metadata["dagster/column_schema"]
    assert [(c.name, c.description) for c in schema.columns] == list(described.items())
    assert all(described.values())  # no column left undescribed
    assert built_warehouse.execute("SELECT count(*) FROM staging.figures").fetchone() == (71,)


def test_impossible_figures_are_quarantined_with_file_and_reason(raw_dir, warehouse_file):
    write_article(
        raw_dir,
        "thanh_hoa_bad",
        (
            "By the end of 2022, the whole province had 150% of the population participating in health insurance. "
            "By the end of 1985, the province had 20,000 people participating in social insurance."
        ),
    )
    result = materialize_all(raw_dir, warehouse_file)
    assert result.success
    rows = query(warehouse_file, "SELECT number_text, message FROM staging.figure_quarantine ORDER BY char_start")
    assert [r[0] for r in rows] == ["150%", "20,000"]
    assert rows[0][1].startswith("raw/articles/thanh_hoa_bad.txt: character ")
    assert "percentages are at most 100" in rows[0][1]
    assert "period_end" in rows[1][1] and "1985" in rows[1][1]
    assert query(warehouse_file, "SELECT count(*) FROM staging.figures") == [(71,)]
    check = {e.check_name: e for e in result.get_asset_check_evaluations()}
    assert check["figures_reconcile"].passed
    assert not check["no_quarantined_figures"].passed


def test_a_figure_lost_before_the_quarantine_fails_the_count_and_nothing_is_published(
    raw_dir, warehouse_file, monkeypatch
):
    """A figure that validation rejects but that never reaches the quarantine table (a bug simulated here) is
    caught by the blocking count check: the marts are not built and the published warehouse stays as it was."""
    assert materialize_all(raw_dir, warehouse_file).success
    published = sha256(warehouse_file)
    write_article(raw_dir, "thanh_hoa_bad", "By the end of 2022, 150% of the population had health insurance.")
    make_quarantine = staging.quarantine_frame
    monkeypatch.setattr(staging, "quarantine_frame", lambda *args: make_quarantine(*args).iloc[1:])
    result = materialize_all(raw_dir, warehouse_file, raise_on_error=False)
    assert not result.success
    check = {e.check_name: e for e in result.get_asset_check_evaluations()}["figures_reconcile"]
    counts = {name: value.value for name, value in check.metadata.items()}
    assert not check.passed and (counts["accepted"], counts["quarantined"]) == (71, 0)
    assert counts["extracted"] + counts["added"] == counts["accepted"] + counts["quarantined"] + counts["rejected"] + 1
    built = {event.asset_key.to_user_string() for event in result.get_asset_materialization_events()}
    assert "staging/figures" in built and not {"marts/figures", "marts/published_warehouse"} & built
    assert sha256(warehouse_file) == published


def test_periods_from_1990_to_2100_are_accepted_and_others_quarantined(built_warehouse):
    frame = built_warehouse.execute("SELECT * FROM staging.figures ORDER BY figure_id LIMIT 1").df()
    frame = frame.loc[[0, 0, 0, 0]].reset_index(drop=True)
    frame["figure_id"] = [f"f{i}" for i in range(4)]
    frame["period_end"] = pd.to_datetime(["1989-12-31", "1990-01-01", "2100-12-31", "2101-01-31"])
    accepted, reasons = split_valid(frame, FigureModel)
    assert accepted.index.tolist() == [1, 2] and reasons.index.tolist() == [0, 3]
    assert all(reason.startswith("period_end ") for reason in reasons)


def test_the_schema_check_knows_the_figures_curation_accepted_and_catches_those_it_quarantined(raw_dir, warehouse_file):
    write_article(raw_dir, "thanh_hoa_bad", "By the end of 2022, 150% of the population had health insurance.")
    result = materialize_all(raw_dir, warehouse_file)
    # The curation file names no article: every figure came from SQL, validated and recorded by curate_figures.
    assert checked_rows(result)["staging/figures"] == 0
    with duckdb.connect(str(warehouse_file)) as conn:
        conn.execute("""
            INSERT INTO staging.figures BY NAME
            SELECT *, false AS curated, NULL AS curation_note FROM staging.extracted_figures
            WHERE figure_id IN (SELECT figure_id FROM staging.figure_quarantine)
        """)
        checked = validate_table(conn, "staging.figures", FigureModel)
    assert (checked.validated_now, checked.failures) == (1, 1)


def test_curation_rejects_corrects_adds_and_logs_bad_rows(raw_dir, warehouse_file):
    (raw_dir / "curation.csv").write_text(
        CURATION_HEADER
        + "\n".join(
            [
                "reject,001_87d30291da594ad4,reaching 48.3% compared to the plan,48.3%,,,,,,,,,,,,revenue plan share",
                "correct,000_52d8246c83b7eb43,exceeding the target of 80%,80%,,,,,2020-12-31,,,at_least,,,,"
                "Resolution 21",
                "add,001_87d30291da594ad4,Vietnam Social Security assigned 45%,45%,target,plan_attainment,all_schemes,"
                "VN-22,2021-06-30,45,,,,,plan,H1 revenue target",
                "add,001_87d30291da594ad4,is always over 99.6%,99.6%,actual,coverage_rate,health_insurance,VN-99,"
                "2021-06-30,99.6,,,population,,reported,unknown province",
                "reject,001_87d30291da594ad4,no such sentence,1%,,,,,,,,,,,,",
                "correct,000_52d8246c83b7eb43,exceeding the target of 80%,80%,,,,,not-a-date,,,,,,,",
                "rename,000_52d8246c83b7eb43,x,1,,,,,,,,,,,,",
                "reject,only,three",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    result = materialize_all(raw_dir, warehouse_file)
    assert result.success
    log = query(warehouse_file, "SELECT line, outcome FROM staging.curation_log ORDER BY line")
    assert log[:3] == [(2, "applied"), (3, "applied"), (4, "applied")]
    assert log[4][1].startswith("no figure in 001_87d30291da594ad4 has number '1%'")
    assert log[5][1] == "period_end 'not-a-date' is not a date"
    assert log[6][1].startswith("action 'rename' is not one of")
    assert log[7][1].startswith("has 3 fields, header has 16")
    assert query(warehouse_file, "SELECT count(*) FROM staging.figures WHERE number_text = '48.3%'") == [(0,)]
    corrected = query(
        warehouse_file,
        "SELECT qualifier, period_end::VARCHAR, curated, curation_note FROM staging.figures WHERE number_text = '80%'",
    )
    assert corrected == [("at_least", "2020-12-31", True, "Resolution 21")]
    added = query(warehouse_file, "SELECT measure, value, curated FROM staging.figures WHERE number_text = '45%'")
    assert added == [("plan_attainment", 45.0, True)]
    quarantined = query(warehouse_file, "SELECT number_text, problem FROM staging.figure_quarantine")
    assert quarantined[0][0] == "99.6%" and "geo_code" in quarantined[0][1]
    counts = result.asset_materializations_for_node("curate_figures")[0].metadata
    assert (
        counts["extracted"].value,
        counts["added_by_curation"].value,
        counts["rejected_by_curation"].value,
        counts["accepted"].value,
        counts["quarantined"].value,
    ) == (71, 2, 1, 71, 1)


def test_preview_command_prints_figures_as_csv():
    article = PROJECT_RAW / "articles" / "003_aa200991d62b31d0.txt"
    run = subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", str(article)], capture_output=True, text=True, check=True
    )
    lines = run.stdout.splitlines()
    assert lines[0].startswith("figure_id,article_id,kind,measure,scheme,geo_code,period_end,value,value_high,")
    assert len(lines) == 1 + 7
    assert ",target,coverage_rate,social_insurance,VN-22,2025-12-31,26.0,27.0,exact,labour_force," in run.stdout


@pytest.mark.parametrize("content", [b"\xff\xfe not utf-8", b"title: only\n---\nbody"])
def test_preview_command_names_a_bad_file_and_fails(tmp_path, content):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    run = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(bad)], capture_output=True, text=True)
    assert run.returncode == 1
    assert run.stderr.startswith(f"{bad}: ")
