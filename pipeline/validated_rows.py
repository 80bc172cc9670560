"""Validating a warehouse table against its Pandera model, row by row only where a row is new.

A nightly run rewrites tables that are mostly last night's rows. Validating them all again with Pandera cost more
than building them, so a passing check records, for every row it has seen pass, the hash of what decided that
(``row_hash``: the columns the rules read, not quotes and bodies), under a fingerprint of
everything that decides whether a row passes (the models, the provinces table, this module, the pandas, Pandera
and DuckDB versions). The next check validates with Pandera only the rows whose hash is not recorded, and checks
the one kind of rule that spans rows, uniqueness, over the whole table in SQL. Every other rule in
``pipeline.schemas`` must therefore be decided by one row alone (``schemas`` says so where the rules are written).
A step that validates a table's rows as the check would read them, before writing them, records those it accepted
(``record_passed``), so that a first run does not validate them twice. A table whose model only adds columns to
another table's model (marts.figures: staging.figures' rows with their article's title, outlet, url and date) takes
that table's verdicts: a row whose inherited part passed there needs only its own columns checked (``inherit``).

The record is a table in the warehouse itself (schema ``pipeline_state``): it travels with the rows it describes,
is discarded with a failed build, and a new warehouse validates everything.
"""

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import duckdb
import pandas as pd
import pandera.pandas as pa
from pandera.engines.pandas_engine import Engine

from pipeline import geography, schemas, validation
from pipeline.geography import PROVINCES_CSV
from pipeline.versions import code_version
from pipeline.warehouse import column_mismatches, registered, state_table, transaction

STATE = "pipeline_state.validated_rows"
HASH = "__row_hash"
NULLS = "__null_text"  # whether the row has a null in a text column decided in SQL (see ``_decided_in_sql``)
# Recorded hashes of rows since replaced are kept until they outnumber the table's rows (plus this many).
PRUNE_SLACK = 10_000
# Rows validated at a time.
CHUNK_ROWS = 100_000


@dataclass(frozen=True)
class Validation:
    rows: int
    validated_now: int  # rows Pandera validated (the others had passed before)
    failures: int  # failing rows, rows sharing a unique key, and columns unlike the model's
    inherited: int = 0  # rows passed now by their parent table's verdict and their own columns (``inherit``)


@cache
def rules_fingerprint() -> str:
    """Changes whenever a row that passed could now fail (or the other way round)."""
    sources = (schemas.__file__, geography.__file__, PROVINCES_CSV, validation.__file__, __file__)
    return code_version(sources, ("pandas", "pandera", "duckdb"))


def typed_rules(model: type[pa.DataFrameModel]) -> pa.DataFrameSchema:
    """The model's schema for rows read from a table whose columns have the model's SQL types: no per-value type
    test of text columns (Pandera tests every value with isinstance, which was most of a validation's time), as a
    VARCHAR column reads back as strings and nulls only; its nulls are still tested."""
    schema = model.to_schema()
    return schema.update_columns({name: {"dtype": None} for name, c in schema.columns.items() if str(c.dtype) == "str"})


def row_rules(model: type[pa.DataFrameModel]) -> pa.DataFrameSchema:
    """The model's typed rules as a test of each row on its own: no uniqueness (checked over the whole table) and no
    coercion; the table's column types are compared with the model's in DuckDB's catalog."""
    schema = typed_rules(model)
    schema = schema.update_columns({name: {"unique": False} for name in schema.columns})
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


def _record(conn: duckdb.DuckDBPyConnection, table: str, model: type[pa.DataFrameModel], new_hashes: pd.Series) -> None:
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
            conn.execute(
                f"INSERT INTO {STATE} SELECT DISTINCT ?, ?, {row_hash(model)} FROM {table} s", [table, fingerprint]
            )
        else:
            conn.execute(f"DELETE FROM {STATE} WHERE table_name = ? AND rules_fingerprint <> ?", [table, fingerprint])
            _insert_hashes(conn, table, new_hashes)


def _insert_hashes(conn: duckdb.DuckDBPyConnection, table: str, hashes: pd.Series) -> None:
    """Record ``hashes`` as rows of ``table`` that pass under the current fingerprint."""
    with registered(conn, "passed_hashes", hashes.drop_duplicates().to_frame("row_hash")):
        conn.execute(f"INSERT INTO {STATE} SELECT ?, ?, row_hash FROM passed_hashes", [table, rules_fingerprint()])


def _ensure_state(conn: duckdb.DuckDBPyConnection) -> None:
    state_table(
        conn,
        STATE,
        "table_name VARCHAR, rules_fingerprint VARCHAR, row_hash UBIGINT",
        "hashes of the rows each table's schema check has passed, so the next check validates only new rows.",
    )


def _recorded(table: str) -> str:
    """SQL: the hashes of the rows ``table``'s check has seen pass under the current rules."""
    return f"SELECT row_hash FROM {STATE} WHERE table_name = '{table}' AND rules_fingerprint = '{rules_fingerprint()}'"


@cache
def _decisive(model: type[pa.DataFrameModel]) -> tuple[tuple[str, str], ...]:
    """What decides whether a row of a table with ``model``'s columns passes ``row_rules(model)``, as (SQL
    expression, name) pairs: the columns Pandera reads, and whether a text column tested in SQL holds a null.
    Cached: a check asks for it twice (what to read, what to hash), and ``row_rules`` rebuilds the schema."""
    rules = row_rules(model)
    in_sql = _decided_in_sql(rules)
    nulls = " OR ".join(f'"{name}" IS NULL' for name in in_sql if not rules.columns[name].nullable) or "false"
    return (*((f'"{name}"', name) for name in rules.columns if name not in in_sql), (f"({nulls})", NULLS))


def row_hash(model: type[pa.DataFrameModel], nulls: str | None = None) -> str:
    """SQL: the hash a row ``s`` of a table with ``model``'s columns is known by, of the values that decide whether
    it passes (``_decisive``), not of the whole row: a row whose other columns changed (a quote's wording) passes as
    it did. Hashing whole rows, quotes and bodies included, was most of a nightly check's time: for the five big
    tables of a 50k warehouse, finding the unseen rows took 2.3 s against 0.5 s. ``nulls``, when given, is the SQL
    that stands for the null test of the text columns decided in SQL (the last decisive value)."""
    *values, (null_test, _) = _decisive(model)
    return f"hash(row({', '.join([*(expression for expression, _ in values), nulls or null_test])}))"


def unseen(
    conn: duckdb.DuckDBPyConnection, source: str, table: str, known_by: str, columns: str = "s.*"
) -> Iterator[tuple[pd.DataFrame, pd.Series]]:
    """The rows of ``source`` (a query giving ``table``'s columns and types) that ``table``'s check has not seen
    pass, known by the hash ``known_by`` (SQL over a row ``s``; ``row_hash`` of the table's model, unless the table
    does not have its columns), to validate, as frames of at most ``CHUNK_ROWS`` rows (of the ``columns`` given, a
    SELECT list over the rows ``s``), each with the hashes of its rows: at least one frame, empty when every row was
    seen (its columns can still be checked). The rules allow validating in chunks (one row at a time), and a whole
    table as one frame is gigabytes. The unseen rows wait in a temporary table, so the connection is free between
    frames, with only the ``columns`` read: a check reads few of a table's columns, and copying whole rows (quotes,
    bodies) made the first checks of a 50k warehouse's four big tables take 6.8 s against 5.3 s. Each row is
    hashed before the lookup, so only hashes are joined: joined on a hash expression, DuckDB built its hash table
    from the whole rows (385 MB of article bodies at 50k; 0.62 s against 0.25 s)."""
    _ensure_state(conn)
    conn.execute(
        f"CREATE OR REPLACE TEMP TABLE unseen_rows AS SELECT * FROM "
        f"(SELECT {known_by} AS {HASH}, {columns} FROM ({source}) s) WHERE {HASH} NOT IN ({_recorded(table)})"
    )
    return _chunks(conn)


def seen(source: str, unique: str) -> str:
    """SQL: the rows of ``source`` that the last ``unseen`` on the connection found seen pass, as those whose
    ``unique`` column (no two rows of ``source`` share it) is not an unseen row's: no row is hashed again."""
    return f'SELECT s.* FROM ({source}) s ANTI JOIN (SELECT "{unique}" FROM unseen_rows) USING ("{unique}")'


def accepted_unseen(unique: str, rejected: str) -> str:
    """SQL: the rows the last ``unseen`` on the connection gave to validate, but those whose ``unique`` column is one
    the ``rejected`` query gives: the rows a caller accepted, as they were read, so that they need not be converted
    from pandas back into DuckDB (for the 800k figures of a first run, 2.8 s)."""
    return f'SELECT * EXCLUDE ({HASH}) FROM unseen_rows ANTI JOIN ({rejected}) USING ("{unique}")'


def _chunks(conn: duckdb.DuckDBPyConnection) -> Iterator[tuple[pd.DataFrame, pd.Series]]:
    [(rows,)] = conn.execute("SELECT count(*) FROM unseen_rows").fetchall()
    for start in range(0, max(rows, 1), CHUNK_ROWS):
        # No local name for the frame: a suspended generator would keep it alive while the next one is read.
        yield _without_hashes(
            conn.execute(f"SELECT * FROM unseen_rows WHERE rowid >= {start} AND rowid < {start + CHUNK_ROWS}").df()
        )


def _without_hashes(chunk: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    return chunk, chunk.pop(HASH)


def record_passed(
    conn: duckdb.DuckDBPyConnection, table: str, model: type[pa.DataFrameModel], frame: pd.DataFrame, hashes: pd.Series
) -> None:
    """Record as passed, for ``table``'s check, the rows of ``frame`` (a chunk from ``unseen``) that
    ``typed_rules(model)`` accepted, by their hashes: the check then skips them instead of validating them again.

    The record means what the check's own would, that the row passes ``row_rules(model)``: the chunk holds the
    rows as the check reads them (the same SQL types, the same conversion to pandas, the same hash), and the typed
    rules are the row rules plus uniqueness, but for coercing first. Coercion changes no value of a row it accepts
    when each column's dtype is one the model's dtype test accepts (numbers and booleans keep theirs; dates change
    only their unit, exactly), and those dtype tests are all the row rules add: so they are made here, and if one
    fails nothing is recorded. A row written with other values than it was read in the columns that decide its
    verdict has another hash: the check validates it."""
    rules = row_rules(model)
    typed = (c.dtype is None or c.dtype.check(Engine.dtype(frame[n].dtype)) for n, c in rules.columns.items())
    if all(typed):
        _insert_hashes(conn, table, hashes)


def _column_rules(column: pa.Column) -> tuple:
    """What a column's rules are, to compare two models' (a schema's Column objects also hold a validation's state)."""
    checks = [(check.name, repr(check.statistics)) for check in column.checks]
    return str(column.dtype), column.nullable, column.unique, column.required, checks


def added_columns(model: type[pa.DataFrameModel], parent: type[pa.DataFrameModel]) -> dict[str, pa.Column]:
    """The columns ``model`` adds to ``parent``, when a row passes ``model`` exactly when its ``parent`` columns pass
    ``parent`` and each added column holds no null it forbids: ``model`` subclasses ``parent`` and declares no rule
    of its own but its added columns' types, which the table's column types decide (an added column that may be
    null is text, as a number column with nulls reads back with another dtype). ``parent`` forbids a null somewhere,
    so no row it passed is all nulls, the one case where a whole-row rule could judge the wider row otherwise.
    Otherwise ValueError: the tables' checks are declared wrongly."""
    schema, base = model.to_schema(), parent.to_schema()
    added = {name: column for name, column in schema.columns.items() if name not in base.columns}
    own_rules = [name for name, value in vars(model).items() if hasattr(value, "__dataframe_check_config__")]
    extends = (
        issubclass(model, parent)
        and all(_column_rules(schema.columns[name]) == _column_rules(column) for name, column in base.columns.items())
        and len(schema.checks) == len(base.checks)
        and not own_rules
        and (schema.unique, schema.strict) == (base.unique, base.strict)
        and any(not column.nullable for column in base.columns.values())
        and all(not column.checks and (not column.nullable or str(column.dtype) == "str") for column in added.values())
    )
    if not extends:
        raise ValueError(f"{model.__name__} does not only add columns without rules to {parent.__name__}")
    return added


def inherit(
    conn: duckdb.DuckDBPyConnection,
    table: str,
    model: type[pa.DataFrameModel],
    parent_table: str,
    parent: type[pa.DataFrameModel],
) -> int:
    """Of the rows of ``table`` the last ``unseen`` on the connection gave to validate (read as ``validate_table``
    reads them: ``model``'s decisive values), record as passed and take out those whose ``parent`` columns
    ``parent_table``'s check has seen pass and whose added columns hold no null they forbid (``added_columns``);
    return how many rows that is. A row with no such null has no null in the parent's text columns tested in SQL
    either, so its parent hash is ``row_hash(parent)`` of its values with that flag false: only the unseen rows are
    hashed again, not the table. For the 800k rows of a first 50k run's marts.figures, the check takes 0.8 s,
    against 2.7 s validating them with Pandera; with every row recorded, 0.21-0.25 s against 0.20-0.23 s."""
    added = added_columns(model, parent)
    forbidden = [f'"{name}" IS NULL' for name, column in added.items() if str(column.dtype) != "str"]
    conn.execute(f"""
        CREATE OR REPLACE TEMP TABLE inherited_rows AS SELECT {HASH} FROM unseen_rows
        WHERE NOT ({" OR ".join([NULLS, *forbidden])})
          AND {row_hash(parent, nulls="false")} IN ({_recorded(parent_table)})
    """)
    with transaction(conn):
        conn.execute(
            f"INSERT INTO {STATE} SELECT DISTINCT ?, ?, {HASH} FROM inherited_rows", [table, rules_fingerprint()]
        )
    # A new table, not a DELETE: chunks are read by row id, which a DELETE would leave with gaps.
    conn.execute(f"""
        CREATE OR REPLACE TEMP TABLE unseen_rest AS
        SELECT * FROM unseen_rows WHERE {HASH} NOT IN (SELECT {HASH} FROM inherited_rows)
    """)
    conn.execute("DROP TABLE unseen_rows")
    conn.execute("ALTER TABLE unseen_rest RENAME TO unseen_rows")
    [(rows,)] = conn.execute("SELECT count(*) FROM inherited_rows").fetchall()
    conn.execute("DROP TABLE inherited_rows")
    return rows


def _decided_in_sql(rules: pa.DataFrameSchema) -> list[str]:
    """The text columns whose only rule is to hold no null, or none at all: their nulls are counted in SQL, where
    they are the same (a VARCHAR reads back as a string or a null), and their values are not read into pandas,
    which was most of a check's time. A rule of the whole row (``dataframe_check``) reading such a column fails."""
    return [name for name, column in rules.columns.items() if column.dtype is None and not column.checks]


def _failing_rows(frame: pd.DataFrame, schema: pa.DataFrameSchema) -> int:
    """Rows of the frame that break the schema or have a null in a text column decided in SQL (column ``NULLS``),
    plus problems of no one row (a missing column)."""
    failing, problems = frame.index[frame.pop(NULLS).to_numpy()], 0
    try:
        validation.validate(schema, frame)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
        failing = failing.union(pd.Index(cases["index"].dropna().unique()).astype(frame.index.dtype))
        problems = int(cases["index"].isna().sum())
    return len(failing) + problems


def validate_table(
    conn: duckdb.DuckDBPyConnection,
    table: str,
    model: type[pa.DataFrameModel],
    parent: tuple[str, type[pa.DataFrameModel]] | None = None,
) -> Validation:
    """Check every row of ``table`` against ``model``: unrecorded rows with Pandera, uniqueness in SQL. When the
    table's columns are the model's, text columns with no rule but being non-null are tested in SQL, and, given the
    ``parent`` (table, model) whose columns ``model`` extends, rows that passed there are checked in their added
    columns only (``inherit``)."""
    mismatches, rules, hashes, inherited = column_mismatches(conn, table, model), row_rules(model), [], 0
    source = f"SELECT * FROM {table}"
    if mismatches:  # the whole rows, as stored, for Pandera to name what differs
        in_sql, chunks = [], unseen(conn, source, table, "hash(s)", f"s.*, false AS {NULLS}")
    else:
        read = ", ".join(f'{expression} AS "{name}"' for expression, name in _decisive(model))
        in_sql, chunks = _decided_in_sql(rules), unseen(conn, source, table, row_hash(model), read)
        if parent is not None:  # before the chunks are read
            inherited = inherit(conn, table, model, *parent)
    schema, failures = rules.remove_columns(in_sql), mismatches
    for chunk, chunk_hashes in chunks:
        failures += _failing_rows(chunk, schema)
        hashes.append(chunk_hashes)
        del chunk  # before the next one is read
    failures += sum(_duplicated_rows(conn, table, key) for key in unique_keys(model))
    (rows,) = conn.execute(f"SELECT count(*) FROM {table}").fetchone()
    new_hashes = pd.concat(hashes, ignore_index=True)
    if failures == 0:
        _record(conn, table, model, new_hashes)
    return Validation(rows=rows, validated_now=len(new_hashes), failures=failures, inherited=inherited)
