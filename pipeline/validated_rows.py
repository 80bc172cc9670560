"""Validating a warehouse table against its Pandera model, row by row only where a row is new.

A nightly run rewrites tables that are mostly last night's rows. Validating them all again with Pandera cost more
than building them, so a passing check records the hash of every row it has seen pass, under a fingerprint of
everything that decides whether a row passes (the models, the provinces table, this module, the pandas, Pandera
and DuckDB versions). The next check validates with Pandera only the rows whose hash is not recorded, and checks
the one kind of rule that spans rows, uniqueness, over the whole table in SQL. Every other rule in
``pipeline.schemas`` must therefore be decided by one row alone (``schemas`` says so where the rules are written).

The record is a table in the warehouse itself (schema ``pipeline_state``): it travels with the rows it describes,
is discarded with a failed build, and a new warehouse validates everything.
"""

import copy
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path

import duckdb
import pandas as pd
import pandera.pandas as pa

from pipeline import geography, schemas, validation
from pipeline.geography import PROVINCES_CSV
from pipeline.warehouse import column_mismatches, state_table, transaction

STATE = "pipeline_state.validated_rows"
HASH = "__row_hash"
# Recorded hashes of rows since replaced are kept until they outnumber the table's rows (plus this many).
PRUNE_SLACK = 10_000
# Rows validated at a time.
CHUNK_ROWS = 100_000


@dataclass(frozen=True)
class Validation:
    rows: int
    validated_now: int  # rows Pandera validated (the others had passed before)
    failures: int  # failing rows, rows sharing a unique key, and columns unlike the model's


@cache
def rules_fingerprint() -> str:
    """Changes whenever a row that passed could now fail (or the other way round)."""
    sources = (schemas.__file__, geography.__file__, PROVINCES_CSV, validation.__file__, __file__)
    parts = [Path(source).read_bytes() for source in sources]
    parts += [" ".join(version(package) for package in ("pandas", "pandera", "duckdb")).encode()]
    return hashlib.sha256(b"\0".join(parts)).hexdigest()[:16]


def row_rules(model: type[pa.DataFrameModel]) -> pa.DataFrameSchema:
    """The model's schema as a test of each row on its own: no uniqueness (checked over the whole table), no
    coercion, and no per-value type test of text columns (Pandera tests every value with isinstance, which was
    most of a check's time): the table's column types are compared with the model's in DuckDB's catalog."""
    schema = model.to_schema()
    schema = schema.update_columns(
        {
            name: {"unique": False, **({"dtype": None} if str(column.dtype) == "str" else {})}
            for name, column in schema.columns.items()
        }
    )
    schema = copy.copy(schema)
    schema.coerce = False
    schema.unique = None
    return schema


def unique_keys(model: type[pa.DataFrameModel]) -> list[list[str]]:
    """Every set of columns whose values the model says no two rows share."""
    schema = model.to_schema()
    keys = [[name] for name, column in schema.columns.items() if column.unique]
    if schema.unique:
        keys.append([schema.unique] if isinstance(schema.unique, str) else list(schema.unique))
    return keys


def _duplicated_rows(conn: duckdb.DuckDBPyConnection, table: str, key: list[str]) -> int:
    """Rows that share their key with another row (as Pandera counts them: every member of a duplicate group)."""
    columns = ", ".join(f'"{name}"' for name in key)
    (rows,) = conn.execute(
        f"SELECT coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM {table} GROUP BY {columns} HAVING n > 1)"
    ).fetchone()
    return int(rows)


def _record(conn: duckdb.DuckDBPyConnection, table: str, new_hashes: pd.Series) -> None:
    """Add the hashes of the rows that just passed. A recorded hash stays true for its fingerprint even after its
    row is gone, so old ones are only cleared (by recording the table afresh) once they outnumber the rows."""
    fingerprint = rules_fingerprint()
    with transaction(conn):
        [(recorded, rows)] = conn.execute(
            f"SELECT (SELECT count(*) FROM {STATE} WHERE table_name = $t), (SELECT count(*) FROM {table})",
            {"t": table},
        ).fetchall()
        if recorded + len(new_hashes) > 2 * rows + PRUNE_SLACK:
            conn.execute(f"DELETE FROM {STATE} WHERE table_name = ?", [table])
            conn.execute(f"INSERT INTO {STATE} SELECT DISTINCT ?, ?, hash(t) FROM {table} t", [table, fingerprint])
        else:
            conn.execute(f"DELETE FROM {STATE} WHERE table_name = ? AND rules_fingerprint <> ?", [table, fingerprint])
            conn.register("new_hashes", new_hashes.drop_duplicates().to_frame("row_hash"))
            conn.execute(f"INSERT INTO {STATE} SELECT ?, ?, row_hash FROM new_hashes", [table, fingerprint])
            conn.unregister("new_hashes")


def _ensure_state(conn: duckdb.DuckDBPyConnection) -> None:
    state_table(
        conn,
        STATE,
        "table_name VARCHAR, rules_fingerprint VARCHAR, row_hash UBIGINT",
        "hashes of the rows each table's schema check has passed, so the next check validates only new rows.",
    )


def _recorded(table: str) -> str:
    """SQL to join rows ``s`` with the hashes of the rows ``table``'s check has seen pass under the current rules."""
    recorded = (
        f"SELECT row_hash FROM {STATE} WHERE table_name = '{table}' AND rules_fingerprint = '{rules_fingerprint()}'"
    )
    return f"({recorded}) seen ON hash(s) = seen.row_hash"


def _unseen(source: str, table: str) -> str:
    """SQL: the rows of ``source`` that ``table``'s check has not seen pass, with their hash in column ``HASH``."""
    return f"SELECT hash(s) AS {HASH}, s.* FROM ({source}) s ANTI JOIN {_recorded(table)}"


def split_seen(conn: duckdb.DuckDBPyConnection, source: str, table: str) -> tuple[str, Iterator[pd.DataFrame]]:
    """The rows of ``source`` (a query giving ``table``'s columns and types) that ``table``'s check has seen pass,
    as SQL (they need no validation), and the others, to validate, as frames of at most ``CHUNK_ROWS`` rows with
    their hash in column ``HASH``: at least one frame, empty when every row was seen (its columns can still be
    checked). The rules allow validating in chunks (one row at a time), and a whole table as one frame is
    gigabytes. The unseen rows wait in a temporary table, so the connection is free between frames."""
    _ensure_state(conn)
    seen = f"SELECT s.* FROM ({source}) s SEMI JOIN {_recorded(table)}"
    conn.execute(f"CREATE OR REPLACE TEMP TABLE unseen_rows AS {_unseen(source, table)}")
    return seen, _chunks(conn)


def _chunks(conn: duckdb.DuckDBPyConnection) -> Iterator[pd.DataFrame]:
    [(rows,)] = conn.execute("SELECT count(*) FROM unseen_rows").fetchall()
    for start in range(0, max(rows, 1), CHUNK_ROWS):
        yield conn.execute(f"SELECT * FROM unseen_rows WHERE rowid >= {start} AND rowid < {start + CHUNK_ROWS}").df()


def _failing_rows(frame: pd.DataFrame, schema: pa.DataFrameSchema) -> int:
    """Rows of the frame that break the schema, plus problems of no one row (a missing column)."""
    try:
        validation.validate(schema, frame)
        return 0
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
        return cases["index"].nunique() + int(cases["index"].isna().sum())


def validate_table(conn: duckdb.DuckDBPyConnection, table: str, model: type[pa.DataFrameModel]) -> Validation:
    """Check every row of ``table`` against ``model``: unrecorded rows with Pandera, uniqueness in SQL."""
    schema, failures, hashes = row_rules(model), 0, []
    _, unseen = split_seen(conn, f"SELECT * FROM {table}", table)
    for chunk in unseen:
        failures += _failing_rows(chunk.drop(columns=HASH), schema)
        hashes.append(chunk[HASH])
        del chunk  # before the next one is read
    failures += column_mismatches(conn, table, model)
    failures += sum(_duplicated_rows(conn, table, key) for key in unique_keys(model))
    (rows,) = conn.execute(f"SELECT count(*) FROM {table}").fetchone()
    new_hashes = pd.concat(hashes, ignore_index=True)
    if failures == 0:
        _record(conn, table, new_hashes)
    return Validation(rows=rows, validated_now=len(new_hashes), failures=failures)
