"""Writing validated frames to the DuckDB warehouse, and describing them to Dagster, from their Pandera model.

Table layout, SQL types, table and column comments and the Dagster column schema are all derived from the model
here, so adding a column to a model is the only edit needed to carry it through. Large frames go in by batches
(``insert_rows``) and come back with shared strings (``read_frame``), so that pandas holds no more than it needs.
"""

import os
from contextlib import contextmanager, nullcontext, suppress
from itertools import zip_longest
from pathlib import Path
from typing import NamedTuple

import duckdb
import numpy as np
import pandas as pd
import pandera.pandas as pa
from dagster import TableColumn, TableColumnConstraints, TableSchema

SQL_TYPES = {
    "str": "VARCHAR",
    "int64": "BIGINT",
    "float64": "DOUBLE",
    "bool": "BOOLEAN",
    "datetime64[ns]": "TIMESTAMP",
}


def _columns(model: type[pa.DataFrameModel]) -> dict:
    return model.to_schema().columns


def sql_type(column) -> str:
    return (column.metadata or {}).get("sql_type") or SQL_TYPES[str(column.dtype)]


def column_schema(model: type[pa.DataFrameModel]) -> TableSchema:
    """The Dagster column schema of the table the model defines."""
    return TableSchema(
        columns=[
            TableColumn(
                name=name,
                type=sql_type(column),
                description=column.description,
                constraints=TableColumnConstraints(nullable=column.nullable, unique=column.unique),
            )
            for name, column in _columns(model).items()
        ]
    )


def column_definitions(model: type[pa.DataFrameModel]) -> str:
    """The model's columns as SQL: '"name" TYPE, ...'."""
    return ", ".join(f'"{name}" {sql_type(column)}' for name, column in _columns(model).items())


def typed_columns(model: type[pa.DataFrameModel]) -> str:
    """The model's columns cast to their SQL types, for a SELECT list: 'CAST("name" AS TYPE), ...'."""
    return ", ".join(f'CAST("{name}" AS {sql_type(column)}) AS "{name}"' for name, column in _columns(model).items())


def state_table(conn: duckdb.DuckDBPyConnection, table: str, columns: str, purpose: str) -> None:
    """Create, if missing, a bookkeeping table (schema ``pipeline_state``) that lets a run redo only what changed,
    commented as such for anyone browsing the warehouse."""
    conn.execute(f"CREATE SCHEMA IF NOT EXISTS {table.split('.')[0]}")
    conn.execute(f"CREATE TABLE IF NOT EXISTS {table} ({columns})")
    conn.execute(f"COMMENT ON TABLE {table} IS {sql_literal(f'Pipeline bookkeeping, not data: {purpose}')}")


@contextmanager
def transaction(conn: duckdb.DuckDBPyConnection):
    """Everything in the block commits together or not at all; an error is raised as it was."""
    conn.execute("BEGIN TRANSACTION")
    try:
        yield
        conn.execute("COMMIT")
    except Exception:
        with suppress(duckdb.Error):  # a failed COMMIT leaves no transaction; keep the original error
            conn.execute("ROLLBACK")
        raise


def sql_literal(text: str) -> str:
    """``text`` as a SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


# What write_table last wrote to each table: its key order and the fingerprints of its rows as written. A table
# whose rows still give those fingerprints is as write_table left it, so in that order: no sort needed to prove it.
WRITTEN = "pipeline_state.written_tables"


class Written(NamedTuple):
    """What ``write_table`` did: whether it only appended rows, and the table as written: its rows and its
    ``content_hash``."""

    appended: bool
    rows: int
    content_hash: str


def write_table(
    conn: duckdb.DuckDBPyConnection,
    table: str,
    source: pd.DataFrame | str,
    model: type[pa.DataFrameModel],
    order_by: tuple[str, ...] = (),
    scans: str | None = None,
    adopt: bool = False,
) -> Written:
    """Replace ``schema.table`` with ``source`` (a frame, or a SQL query DuckDB runs itself so that large tables
    never pass through pandas, and which may read the table it replaces), typed and commented from ``model``, in
    one transaction; rows in ``order_by`` order (columns whose values no two rows share) when it is given. A source
    that is a plain scan of a table (``scans``) gives its rows in that table's stored order: when that is
    ``order_by`` order (``stored_in_order``), a table written whole is not sorted again. With ``adopt``, ``scans``
    is a table of the same schema filled for this write, which is dropped: a table written whole from it is that
    table renamed, when its columns are the model's and its rows in order, rather than a copy of its rows (for the
    385 MB of 50k articles' bodies, 3.3 s written once against 5.1-5.7 s through a temporary table).

    With ``order_by``, when the table is as this function last wrote it in that order and holds exactly the
    source's rows up to its last key, only the rows after it are appended: a run that adds articles at the end
    rewrites nothing, and the table is the same as if it had been written whole. The content hash of an appended
    table is completed from the rows it held, hashed once for the proof and the hash, and the rows appended, not
    hashed again whole. Every write records the table's key order and row fingerprints (``WRITTEN``).
    """
    columns = _columns(model)
    schema_name, name = table.split(".")
    typed = f"SELECT {typed_columns(model)} FROM ({source if isinstance(source, str) else 'FROM incoming_frame'})"
    order = f" ORDER BY {', '.join(order_by)}" if order_by else ""
    building = f"{schema_name}.{name}__next"
    frame = registered(conn, "incoming_frame", source[list(columns)]) if not isinstance(source, str) else nullcontext()
    state_table(
        conn,
        WRITTEN,
        "table_name VARCHAR, key VARCHAR, rows BIGINT, positioned UBIGINT",
        "the key order and row fingerprints of each table as last written, which prove a table still in key order.",
    )
    with transaction(conn), frame:
        held = _appendable(conn, table, typed, model, order_by)
        if held is not None:
            # Only the new rows are sorted: a sort of the whole source was most of a nightly append. The first key
            # column's last value, as a constant, lets DuckDB skip the source's row groups that end before it (a
            # null sorts after it, as in the row comparison that decides).
            [(last,)] = conn.execute(f"SELECT max({order_by[0]}) FROM {table}").fetchall()
            after = f"({order_by[0]} >= ? OR {order_by[0]} IS NULL) AND {_after_last(table, order_by)}"
            conn.execute(f"INSERT INTO {table} SELECT * FROM ({typed}) WHERE {after}{order}", [last])
        else:
            conn.execute(f"CREATE SCHEMA IF NOT EXISTS {schema_name}")
            presorted = scans is not None and order_by and stored_in_order(conn, scans, order_by)
            if adopt and presorted and not column_mismatches(conn, scans, model):
                building = scans
            else:
                conn.execute(f"CREATE OR REPLACE TABLE {building} ({column_definitions(model)})")
                conn.execute(f"INSERT INTO {building} {typed}{'' if presorted else order}")
            conn.execute(f"DROP TABLE IF EXISTS {table}")
            conn.execute(f"ALTER TABLE {building} RENAME TO {name}")
        if adopt:
            conn.execute(f"DROP TABLE IF EXISTS {scans}")
        # Also when appending: the model's descriptions may have changed since the table was written.
        conn.execute(f"COMMENT ON TABLE {table} IS {sql_literal((model.__doc__ or '').strip())}")
        for column_name, column in columns.items():
            conn.execute(f'COMMENT ON COLUMN {table}."{column_name}" IS {sql_literal(column.description or "")}')
    # After the commit: within the transaction the catalog may still list the columns of the table replaced, and
    # the rows just inserted do not have their row ids yet.
    if held is None:
        whole = _row_fingerprints(conn, table)
    else:
        added = _row_fingerprints(conn, table, f"WHERE rowid >= {held.rows}")
        whole = RowFingerprints(held.rows + added.rows, held.total + added.total, held.positioned ^ added.positioned)
    # A run stopped before this leaves the previous record, which the table no longer matches: it is rewritten.
    with transaction(conn):
        conn.execute(f"DELETE FROM {WRITTEN} WHERE table_name = ?", [table])
        record = [table, _key(order_by), whole.rows, whole.positioned]
        conn.execute(f"INSERT INTO {WRITTEN} VALUES (?, ?, ?, ?)", record)
    return Written(held is not None, whole.rows, _content_hash(conn, table, whole))


def insert_rows(
    conn: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame, model: type[pa.DataFrameModel]
) -> None:
    """Append a validated frame's rows, typed as ``model``, to ``table`` (one batch of several)."""
    with registered(conn, "incoming_rows", frame):
        conn.execute(f"INSERT INTO {table} SELECT {typed_columns(model)} FROM incoming_rows")


@contextmanager
def registered(conn: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame):
    """``frame`` queryable as ``name`` on the connection for the block, and no longer after it."""
    conn.register(name, frame)
    try:
        yield
    finally:
        conn.unregister(name)


def _key(order_by: tuple[str, ...]) -> str:
    return f"row({', '.join(order_by)})"


def _after_last(table: str, order_by: tuple[str, ...], after: bool = True) -> str:
    """SQL condition: the row's key comes after (or, not ``after``, up to) the last key in ``table``."""
    return f"{_key(order_by)} {'>' if after else '<='} (SELECT max({_key(order_by)}) FROM {table})"


def stored_in_order(conn: duckdb.DuckDBPyConnection, table: str, order_by: tuple[str, ...]) -> bool:
    """Whether the table's rows, as stored, come in ``order_by`` order with no key twice: then a plain scan of it
    gives them in that order, as DuckDB keeps the order of a scan (``preserve_insertion_order``). Comparing each
    key with the one before by row id reads only the key columns: 0.2-0.4 s for the 2.3M rows of a 50k cache,
    where sorting them took 1-1.5 s."""
    [(unordered,)] = conn.execute(
        f"SELECT count(*) FROM (SELECT {_key(order_by)} AS k, lag({_key(order_by)}) OVER (ORDER BY rowid) AS p "
        f"FROM {table}) WHERE p >= k"
    ).fetchall()
    return unordered == 0


def column_mismatches(conn: duckdb.DuckDBPyConnection, table: str, model: type[pa.DataFrameModel]) -> int:
    """Columns of the stored table that differ from the model's in name, position or SQL type."""
    schema_name, name = table.split(".")
    stored = conn.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = ? AND table_name = ? "
        "ORDER BY ordinal_position",
        [schema_name, name],
    ).fetchall()
    expected = [(column, sql_type(spec)) for column, spec in _columns(model).items()]
    return sum(a != b for a, b in zip_longest(stored, expected))


class RowFingerprints(NamedTuple):
    """Of a set of a table's rows: how many, the sum of their hashes (whatever their order), and the xor of the
    hashes of each with its position (what ``content_hash`` is made of). Each row's hash is xor-ed with its
    position's hash, then hashed again: ``hash(position, row_hash)`` combines its two hashes by an xor, which the
    xor over the rows cancels, giving the same rows in any order one fingerprint."""

    rows: int
    total: int
    positioned: int


def _fingerprints_sql(rows: str) -> str:
    """SQL: the ``RowFingerprints`` of ``rows`` (a query giving ``position`` and ``row_hash``) as one struct."""
    return (
        "SELECT (count(*), coalesce(sum(row_hash::HUGEINT), 0), "
        f"coalesce(bit_xor(hash(xor(row_hash, hash(position)))), 0)) FROM ({rows})"
    )


def _hashed_rows(table: str, where: str = "") -> str:
    """SQL: each row of ``table`` (``where`` it holds) as its position and its hash."""
    return f"SELECT rowid AS position, hash(t) AS row_hash FROM {table} t {where}"


def _row_fingerprints(conn: duckdb.DuckDBPyConnection, table: str, where: str = "") -> RowFingerprints:
    [(fingerprints,)] = conn.execute(_fingerprints_sql(_hashed_rows(table, where))).fetchall()
    return RowFingerprints(*fingerprints)


def _appendable(conn, table: str, typed: str, model, order_by: tuple[str, ...]) -> RowFingerprints | None:
    """The fingerprints of the table's rows when the table, typed like ``model`` and as ``write_table`` last wrote it
    in ``order_by`` order, holds exactly the rows of ``typed`` up to its last key (compared by count and sum of row
    hashes), so the rest can be appended; else None. The order is proven by the table's rows, with their positions,
    giving the fingerprints ``write_table`` recorded when it wrote them in that order (``WRITTEN``): sorting the
    keys to compare each with the one before took as long as hashing every row twice. A table with no rows recorded
    in that order (a new warehouse, a first run) has nothing to append to, and neither it nor the source is hashed:
    the source's scan alone, its filter never satisfied, took 1.4 s for the 385 MB of 50k articles' bodies."""
    if not order_by or column_mismatches(conn, table, model):
        return None
    recorded = conn.execute(
        f"SELECT rows, positioned FROM {WRITTEN} WHERE table_name = ? AND key = ?", [table, _key(order_by)]
    ).fetchone()
    if recorded is None or recorded[0] == 0:
        return None
    [(held, wanted)] = conn.execute(
        f"""SELECT ({_fingerprints_sql(_hashed_rows(table))}),
                   (SELECT (count(*), coalesce(sum(hash(s)::HUGEINT), 0)) FROM ({typed}) s
                    WHERE {_after_last(table, order_by, after=False)})"""
    ).fetchall()
    held = RowFingerprints(*held)
    in_order = tuple(recorded) == (held.rows, held.positioned)
    appendable = (held.rows, held.total) == tuple(wanted) and in_order
    return held if appendable else None


# Which inputs each derived table (a mart) was last built from, and its content hash then. Building is
# deterministic, so a table that still has that content is what building it from the same inputs gives again.
BUILT = "pipeline_state.built_tables"


def _built_state(conn: duckdb.DuckDBPyConnection) -> None:
    state_table(
        conn, BUILT, "table_name VARCHAR, inputs VARCHAR, content_hash VARCHAR", "what each mart was built from"
    )


def built_from(conn: duckdb.DuckDBPyConnection, tables: list[str], inputs: str) -> dict[str, Written] | None:
    """Each of ``tables`` as it stands, when every one of them was last built from ``inputs`` (see ``record_built``)
    and still has the content it had then; else None. Hashing the stored tables catches one changed by hand."""
    _built_state(conn)
    recorded = dict(
        conn.execute(
            f"SELECT table_name, content_hash FROM {BUILT} WHERE inputs = ? AND list_contains(?, table_name)",
            [inputs, tables],
        ).fetchall()
    )
    if set(recorded) != set(tables):
        return None
    kept = {}
    for table in tables:
        try:
            whole = _row_fingerprints(conn, table)
        except duckdb.CatalogException:  # dropped by hand
            return None
        kept[table] = Written(False, whole.rows, _content_hash(conn, table, whole))
        if kept[table].content_hash != recorded[table]:
            return None
    return kept


def record_built(conn: duckdb.DuckDBPyConnection, built: dict[str, str], inputs: str) -> None:
    """Record that each table, with the content hash given, was just built from ``inputs``."""
    _built_state(conn)
    with transaction(conn):
        conn.execute(f"DELETE FROM {BUILT} WHERE list_contains(?, table_name)", [list(built)])
        conn.executemany(f"INSERT INTO {BUILT} VALUES (?, ?, ?)", [[t, inputs, h] for t, h in built.items()])


def as_written(conn: duckdb.DuckDBPyConnection, tables: list[str]) -> list[tuple[str, int, int]] | None:
    """Each of ``tables`` as ``write_table`` last wrote it: its name, rows and row fingerprint (``WRITTEN``), or None
    when one has no record. In a warehouse a run has published this is each table's content, with no table hashed:
    the run rewrote every table or found it still as written. Reads only, so it serves a read-only connection."""
    try:
        records = conn.execute(
            f"SELECT table_name, rows, positioned FROM {WRITTEN} WHERE list_contains(?, table_name) ORDER BY 1",
            [tables],
        ).fetchall()
    except duckdb.CatalogException:  # a warehouse with no table written yet
        return None
    return records if len(records) == len(tables) else None


def read_table(conn: duckdb.DuckDBPyConnection, table: str, exclude: tuple[str, ...] = ()) -> pd.DataFrame:
    """A table as a frame, without the ``exclude`` columns."""
    columns = f"* EXCLUDE ({', '.join(exclude)})" if exclude else "*"
    return conn.execute(f"SELECT {columns} FROM {table}").df()


# Rows read_frame converts to pandas at a time, in DuckDB vectors of 2,048 rows.
READ_VECTORS = 50


def read_frame(conn: duckdb.DuckDBPyConnection, query: str, vectors: int = READ_VECTORS) -> pd.DataFrame:
    """A query's result as ``.df()`` gives it, but with one Python string per distinct value of a text column
    instead of one per row, converted ``vectors`` × 2,048 rows at a time so that only those rows' strings are ever
    made one per row. The 790k figures' few kinds, measures, schemes and provinces, and 50k article ids, were
    400 MB of strings, and Python keeps the memory of small objects once it has had it. Nulls stay None; a column
    of mostly distinct values is left as it is read."""
    result = conn.execute(query)
    seen = {name: {} for name, type_code, *_ in result.description if type_code == "VARCHAR"}
    parts = []
    while len(part := result.fetch_df_chunk(vectors)):
        columns = {name: part[name] for name in part.columns}
        for name in [name for name in columns if name in seen]:
            shared = _shared(part[name].to_numpy(), seen[name])
            if shared is None:  # mostly distinct (ids, quotes): later chunks are not factorized either
                del seen[name]
                shared = part[name].to_numpy().copy()
            columns[name] = shared
        parts.append(pd.DataFrame(columns))
    return pd.concat(parts, ignore_index=True) if parts else part


def _shared(values: np.ndarray, seen: dict[str, str]) -> np.ndarray | None:
    """The values (strings and None) with each string replaced by the first equal one ``seen``, in a new array
    that refers to nothing of the frame they came from; None when most values are distinct."""
    codes, uniques = pd.factorize(values)
    if 2 * len(uniques) > len(values):
        return None
    return np.array([*(seen.setdefault(value, value) for value in uniques.tolist()), None], dtype=object)[codes]


def content_hash(conn: duckdb.DuckDBPyConnection, table: str) -> str:
    """A fingerprint of a table as written: its column names and types, and every row with its position, hashed by
    DuckDB. Equal fingerprints mean identical tables (same rows, same order), short of a 64-bit hash collision."""
    return _content_hash(conn, table, _row_fingerprints(conn, table))


def _content_hash(conn: duckdb.DuckDBPyConnection, table: str, whole: RowFingerprints) -> str:
    """``content_hash`` of the table from the ``RowFingerprints`` of all its rows."""
    schema_name, name = table.split(".")
    [(fingerprint,)] = conn.execute(
        """
        SELECT hash(
            (SELECT string_agg(column_name || ' ' || data_type, ', ' ORDER BY ordinal_position)
             FROM information_schema.columns WHERE table_schema = $schema AND table_name = $name),
            $positioned::UBIGINT,
            $rows::BIGINT)
        """,
        {"schema": schema_name, "name": name, "positioned": whole.positioned, "rows": whole.rows},
    ).fetchall()  # not fetchone(): it leaves the result open, and register() on the connection then fails
    return f"{fingerprint:016x}"


def swap_into_place(build: Path, published: Path) -> None:
    """Replace ``published`` with ``build`` in one rename. Readers of the old file keep reading it; a stale
    write-ahead log beside the published path would not match the new file, so it goes first."""
    for wal in (Path(f"{build}.wal"), Path(f"{published}.wal")):
        wal.unlink(missing_ok=True)
    os.replace(build, published)
