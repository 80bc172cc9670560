"""Schema checks validate with Pandera only the rows they have not seen pass (known by the values that decide a
row's verdict, or by the verdict on the rows of the table they extend), and still catch every broken table: a changed
row, a duplicated key, a column of another name or type, a null tested in SQL, new rules."""

import shutil

import duckdb
import pandas as pd
import pandera.pandas as pa
import pytest

from pipeline import validated_rows, validation
from pipeline.schemas import (
    CoverageModel,
    ExtractedFigureModel,
    FigureModel,
    MartFigureModel,
    NumberMentionModel,
    TargetModel,
)
from pipeline.validated_rows import validate_table


@pytest.fixture
def conn(seed_warehouse, tmp_path):
    """A writable copy of the seed warehouse, whose checks have recorded every row they passed."""
    copy = tmp_path / "coverage.duckdb"
    shutil.copyfile(seed_warehouse, copy)
    with duckdb.connect(str(copy)) as connection:
        yield connection


def count(conn, table: str) -> int:
    [(rows,)] = conn.execute(f"SELECT count(*) FROM {table}").fetchall()  # fetchone leaves the result open
    return rows


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


def test_a_null_in_a_text_column_tested_in_sql_fails_and_a_row_counts_once(conn):
    table = "staging.number_mentions"
    conn.execute(f"UPDATE {table} SET quote = NULL WHERE rowid IN (0, 1)")
    conn.execute(f"UPDATE {table} SET outcome = 'x' WHERE rowid = 1")  # and a rule tested in pandas
    conn.execute(
        f"UPDATE {table} SET figure_id = NULL WHERE rowid = (SELECT max(rowid) FROM {table} WHERE figure_id NOT NULL)"
    )
    result = validate_table(conn, table, NumberMentionModel)
    # figure_id may be null: that row's verdict did not change, so it is not validated again
    assert (result.validated_now, result.failures) == (2, 2)


def test_a_row_is_known_by_what_decides_its_verdict_not_by_its_quote(conn):
    edited = "figure_id = (SELECT min(figure_id) FROM staging.figures)"
    conn.execute(f"UPDATE staging.figures SET quote = quote || ' (edited)' WHERE {edited}")
    assert (validate_table(conn, "staging.figures", FigureModel).validated_now) == 0  # no rule reads the wording
    conn.execute(f"UPDATE staging.figures SET quote = NULL WHERE {edited}")
    result = validate_table(conn, "staging.figures", FigureModel)
    assert (result.validated_now, result.failures) == (1, 1)  # but a quote must be there


def test_a_chunk_not_typed_as_the_model_is_not_recorded(conn):
    conn.execute(f"DELETE FROM {validated_rows.STATE}")
    frame = conn.execute("SELECT * FROM staging.figures LIMIT 3").df()
    hashes = pd.Series([1, 2, 3], dtype="uint64")
    validated_rows.record_passed(conn, "staging.figures", FigureModel, frame.astype({"char_start": float}), hashes)
    assert count(conn, validated_rows.STATE) == 0
    validated_rows.record_passed(conn, "staging.figures", FigureModel, frame, hashes)
    assert count(conn, validated_rows.STATE) == 3


def test_row_checks_pass_a_row_of_nulls_only_as_pandera_ignore_na_does():
    frame = pd.DataFrame(
        {
            "measure": ["coverage_rate", "coverage_rate", None, "participants"],
            "value": [50.0, 250.0, None, 10.0],
            "value_high": [float("nan")] * 4,
            "char_start": [1.0, 1.0, None, 1.0],
            "char_end": [2.0, 2.0, None, None],
        }
    )
    with pytest.raises(pa.errors.SchemaErrors) as raised:
        validation.validate(pa.DataFrameSchema(checks=FigureModel.to_schema().checks), frame)
    failed = raised.value.failure_cases[["index", "check"]].drop_duplicates().values.tolist()
    assert failed == [[1, "percentages are at most 100"], [3, "span lies in order"]]  # row 2 is nulls only


def test_rows_of_a_wider_table_take_the_verdict_on_the_rows_they_extend(conn, monkeypatch):
    forget = f"DELETE FROM {validated_rows.STATE} WHERE table_name = 'marts.figures'"
    conn.execute(forget)
    parent = ("staging.figures", FigureModel)
    result = validate_table(conn, "marts.figures", MartFigureModel, parent)
    assert (result.inherited, result.validated_now, result.failures) == (count(conn, "marts.figures"), 0, 0)
    # A null title is checked in the added columns; a figure changed since staging.figures' check is validated. The
    # last row among them, and one row a chunk: the rows left to validate are all read, wherever they were.
    conn.execute(forget)
    conn.execute("UPDATE marts.figures SET title = NULL WHERE rowid = (SELECT max(rowid) FROM marts.figures)")
    conn.execute("""
        UPDATE marts.figures SET value = 250
        WHERE figure_id = (SELECT min(figure_id) FROM marts.figures WHERE measure = 'coverage_rate')
    """)
    monkeypatch.setattr(validated_rows, "CHUNK_ROWS", 1)
    result = validate_table(conn, "marts.figures", MartFigureModel, parent)
    assert (result.inherited, result.validated_now, result.failures) == (count(conn, "marts.figures") - 2, 2, 2)


class Tagged(FigureModel):
    tag: pa.typing.Series[str] = pa.Field(isin=["a"])


@pytest.mark.parametrize(("model", "parent"), [(FigureModel, ExtractedFigureModel), (Tagged, FigureModel)])
def test_a_model_with_rules_of_its_own_does_not_take_its_parents_verdict(model, parent):
    with pytest.raises(ValueError, match="does not only add columns"):
        validated_rows.added_columns(model, parent)  # whole-row rules; a rule on an added column
