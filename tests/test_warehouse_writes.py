"""Writing a table in key order appends only when that gives exactly the table a whole write gives."""

import duckdb
import pandas as pd
import pytest

from pipeline.schemas import ArticleWarningModel
from pipeline.warehouse import WRITTEN, column_definitions, content_hash, stored_in_order, write_table

ORDER = ("file_name", "problem")
TABLE = "raw.article_warnings"


def warnings(*names: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "file_name": list(names),
            "article_id": [name.upper() for name in names],
            "problem": ["contains HTML markup"] * len(names),
            "message": [f"{name}: contains HTML markup" for name in names],
        }
    )


@pytest.fixture
def conn(tmp_path):
    """A warehouse file, as the pipeline writes: rows committed to a file have the row ids the hashes count."""
    with duckdb.connect(str(tmp_path / "warehouse.duckdb")) as connection:
        yield connection


def written_whole(frame: pd.DataFrame) -> str:
    with duckdb.connect() as other:
        write_table(other, TABLE, frame, ArticleWarningModel, ORDER)
        return content_hash(other, TABLE)


def names(conn) -> list[str]:
    return [name for (name,) in conn.execute(f"SELECT file_name FROM {TABLE}").fetchall()]


def test_rows_after_the_last_key_are_appended_and_the_table_is_as_if_written_whole(conn):
    assert not write_table(conn, TABLE, warnings("b", "a"), ArticleWarningModel, ORDER).appended  # a new table
    written = write_table(conn, TABLE, warnings("b", "a", "d", "c"), ArticleWarningModel, ORDER)
    assert written.appended and written.rows == 4
    assert names(conn) == ["a", "b", "c", "d"]
    # The hash completed from the rows held and those appended is the hash of the table read whole.
    assert written.content_hash == content_hash(conn, TABLE) == written_whole(warnings("a", "b", "c", "d"))


def test_a_row_that_shares_the_last_rows_first_key_column_is_appended(conn):
    write_table(conn, TABLE, warnings("a", "b"), ArticleWarningModel, ORDER)
    later = warnings("b").assign(problem="has no title", message="b: has no title")  # after ("b", "contains ...")
    written = write_table(conn, TABLE, pd.concat([warnings("a", "b"), later]), ArticleWarningModel, ORDER)
    assert written.appended and written.rows == 3
    assert conn.execute(f"SELECT file_name, problem FROM {TABLE}").fetchall()[-1] == ("b", "has no title")


@pytest.mark.parametrize(
    "change",
    [
        lambda frame: pd.concat([frame, warnings("a0")]),  # a row before the last key
        lambda frame: frame.iloc[1:],  # a row gone
        lambda frame: frame.assign(message=frame["message"].where(frame["file_name"] != "a", "edited")),
    ],
    ids=["inserted", "removed", "edited"],
)
def test_any_other_change_rewrites_the_table(conn, change):
    write_table(conn, TABLE, warnings("a", "b"), ArticleWarningModel, ORDER)
    changed = change(pd.concat([warnings("a", "b"), warnings("c")]))
    written = write_table(conn, TABLE, changed, ArticleWarningModel, ORDER)
    assert not written.appended
    assert written.content_hash == content_hash(conn, TABLE) == written_whole(changed)


def test_a_table_not_in_key_order_is_rewritten_in_order(conn):
    write_table(conn, TABLE, warnings("b", "a"), ArticleWarningModel)  # no order: as given
    assert not write_table(conn, TABLE, warnings("a", "b", "c"), ArticleWarningModel, ORDER).appended
    assert names(conn) == ["a", "b", "c"]


def test_the_content_hash_tells_the_order_of_the_rows(conn):
    write_table(conn, TABLE, warnings("a", "b", "c"), ArticleWarningModel)
    in_order = content_hash(conn, TABLE)
    conn.execute(f"CREATE OR REPLACE TABLE {TABLE} AS SELECT * FROM {TABLE} ORDER BY file_name DESC")
    assert names(conn) == ["c", "b", "a"]
    assert content_hash(conn, TABLE) != in_order


@pytest.mark.parametrize(
    "change",
    [
        f"CREATE OR REPLACE TABLE {TABLE} AS SELECT * FROM {TABLE} ORDER BY file_name DESC",  # same rows, reordered
        f"DELETE FROM {WRITTEN}",  # no record of how it was written
        f"UPDATE {WRITTEN} SET key = 'row(file_name)'",  # written in another order
    ],
    ids=["reordered", "unrecorded", "other-order"],
)
def test_a_table_not_as_last_written_in_key_order_is_rewritten(conn, change):
    write_table(conn, TABLE, warnings("a", "b"), ArticleWarningModel, ORDER)
    conn.execute(change)
    written = write_table(conn, TABLE, warnings("a", "b", "c"), ArticleWarningModel, ORDER)
    assert not written.appended
    assert names(conn) == ["a", "b", "c"]
    assert written.content_hash == written_whole(warnings("a", "b", "c"))


def test_a_table_written_empty_is_written_whole_next(conn):
    """An empty table has no last key to append after: its next rows are a whole write, not an append of none."""
    write_table(conn, TABLE, warnings(), ArticleWarningModel, ORDER)
    written = write_table(conn, TABLE, warnings("b", "a"), ArticleWarningModel, ORDER)
    assert not written.appended
    assert names(conn) == ["a", "b"]
    assert written.content_hash == written_whole(warnings("a", "b"))


def test_appending_brings_the_comments_up_to_date(conn, monkeypatch):
    write_table(conn, TABLE, warnings("a"), ArticleWarningModel, ORDER)
    monkeypatch.setattr(ArticleWarningModel, "__doc__", "A new description.")
    assert write_table(conn, TABLE, warnings("a", "b"), ArticleWarningModel, ORDER).appended
    assert conn.execute("SELECT comment FROM duckdb_tables() WHERE table_name = 'article_warnings'").fetchall() == [
        ("A new description.",)
    ]


@pytest.mark.parametrize(
    ("stored", "in_order"),
    [(["a", "b", "c"], True), (["a", "c", "b"], False), (["a", "b", "b"], False)],
    ids=["in key order", "out of order", "a key twice"],
)
def test_a_scan_of_a_table_is_written_in_key_order_however_the_table_is_stored(conn, stored, in_order):
    conn.execute("CREATE SCHEMA source")
    conn.register("incoming", warnings(*stored))
    conn.execute("CREATE TABLE source.warnings AS SELECT * FROM incoming")
    assert stored_in_order(conn, "source.warnings", ORDER) is in_order
    write_table(conn, TABLE, "SELECT * FROM source.warnings", ArticleWarningModel, ORDER, scans="source.warnings")
    assert names(conn) == sorted(stored)
    assert content_hash(conn, TABLE) == written_whole(warnings(*sorted(stored)))


class Recording:
    """A connection that keeps the SQL it runs."""

    def __init__(self, conn):
        self.conn, self.sql = conn, []

    def execute(self, query, *args):
        self.sql.append(query)
        return self.conn.execute(query, *args)

    def __getattr__(self, name):
        return getattr(self.conn, name)


def staged(conn, *names: str) -> None:
    """A table of the model's columns filled with warnings for the write to adopt."""
    conn.execute("CREATE SCHEMA IF NOT EXISTS raw")
    conn.execute(f"CREATE OR REPLACE TABLE raw.staged ({column_definitions(ArticleWarningModel)})")
    conn.register("incoming", warnings(*names))
    conn.execute("INSERT INTO raw.staged SELECT * FROM incoming")


def adopt(conn) -> tuple[bool, bool]:
    """Write the staged table with ``adopt``; whether its rows were copied, and whether it is gone after."""
    recording = Recording(conn)
    write_table(recording, TABLE, "SELECT * FROM raw.staged", ArticleWarningModel, ORDER, "raw.staged", adopt=True)
    copied = any(query.startswith(f"INSERT INTO {TABLE}") for query in recording.sql)
    [(left,)] = conn.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'staged'").fetchall()
    return copied, left == 0


@pytest.mark.parametrize(
    ("stored", "copied"), [(["a", "b", "c"], False), (["a", "c", "b"], True)], ids=["in key order", "out of order"]
)
def test_a_table_filled_for_the_write_becomes_the_table_when_its_rows_are_in_key_order(conn, stored, copied):
    staged(conn, *stored)
    assert adopt(conn) == (copied, True)
    assert names(conn) == sorted(stored)
    assert content_hash(conn, TABLE) == written_whole(warnings(*sorted(stored)))


def test_a_table_filled_for_the_write_gives_its_new_rows_to_an_append(conn):
    write_table(conn, TABLE, warnings("a", "b"), ArticleWarningModel, ORDER)
    staged(conn, "a", "b", "c")
    assert adopt(conn) == (True, True)  # the new row copied, the staged table dropped
    assert names(conn) == ["a", "b", "c"]
    assert content_hash(conn, TABLE) == written_whole(warnings("a", "b", "c"))
