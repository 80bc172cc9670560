"""Schema checks validate with Pandera only the rows they have not seen pass, and still catch every broken table:
a changed row, a duplicated key, a column of another name or type, new rules."""

import shutil

import duckdb
import pytest

from pipeline import validated_rows
from pipeline.schemas import CoverageModel, FigureModel, TargetModel
from pipeline.validated_rows import validate_table


@pytest.fixture
def conn(seed_warehouse, tmp_path):
    """A writable copy of the seed warehouse, whose checks have recorded every row they passed."""
    copy = tmp_path / "coverage.duckdb"
    shutil.copyfile(seed_warehouse, copy)
    with duckdb.connect(str(copy)) as connection:
        yield connection


def count(conn, table: str) -> int:
    return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_rows_that_passed_before_are_not_validated_again(conn):
    result = validate_table(conn, "staging.figures", FigureModel)
    assert (result.rows, result.validated_now, result.failures) == (count(conn, "staging.figures"), 0, 0)


def test_a_changed_row_is_validated_and_a_broken_one_fails(conn):
    conn.execute("""
        UPDATE staging.figures SET value = 250
        WHERE figure_id = (SELECT min(figure_id) FROM staging.figures WHERE measure = 'coverage_rate')
    """)
    result = validate_table(conn, "staging.figures", FigureModel)
    assert (result.validated_now, result.failures) == (1, 1)  # "percentages are at most 100"


def test_a_valid_new_row_is_validated_once(conn):
    conn.execute("""
        UPDATE staging.figures SET value = value / 2
        WHERE figure_id = (SELECT min(figure_id) FROM staging.figures WHERE measure = 'coverage_rate')
    """)
    assert validate_table(conn, "staging.figures", FigureModel).validated_now == 1
    assert validate_table(conn, "staging.figures", FigureModel).validated_now == 0


@pytest.mark.parametrize(
    ("table", "model"), [("marts.targets", TargetModel), ("marts.coverage", CoverageModel)], ids=["column", "key"]
)
def test_a_duplicated_key_fails_although_every_row_passed_before(conn, table, model):
    conn.execute(f"INSERT INTO {table} SELECT * FROM {table} LIMIT 1")
    result = validate_table(conn, table, model)
    assert (result.validated_now, result.failures) == (0, 2)  # both rows that share the key


def test_a_column_of_another_name_or_type_fails(conn):
    conn.execute("ALTER TABLE marts.targets RENAME COLUMN comparator TO comparison")
    assert validate_table(conn, "marts.targets", TargetModel).failures > 0
    conn.execute("ALTER TABLE marts.targets RENAME COLUMN comparison TO comparator")
    conn.execute("ALTER TABLE marts.targets ALTER COLUMN target_id TYPE BLOB")
    assert validate_table(conn, "marts.targets", TargetModel).failures > 0


def test_new_rules_validate_every_row_again(conn, monkeypatch):
    monkeypatch.setattr(validated_rows, "rules_fingerprint", lambda: "changed rules")
    result = validate_table(conn, "marts.targets", TargetModel)
    assert (result.validated_now, result.failures) == (count(conn, "marts.targets"), 0)


def test_rows_are_validated_in_chunks_and_every_failure_counts(conn, monkeypatch):
    monkeypatch.setattr(validated_rows, "CHUNK_ROWS", 2000)
    conn.execute("""
        INSERT INTO staging.figures
        SELECT f.* REPLACE (figure_id || '-' || i AS figure_id, CASE WHEN i % 1000 = 7 THEN 250 ELSE 50 END AS value)
        FROM (SELECT * FROM staging.figures WHERE measure = 'coverage_rate' AND value_high IS NULL LIMIT 1) f,
             range(5000) numbers(i)
    """)
    result = validate_table(conn, "staging.figures", FigureModel)
    assert (result.validated_now, result.failures) == (5000, 5)
