"""Large frames in and out of the warehouse without holding more memory than they need: ``read_frame`` gives what
``.df()`` gives, with one string per distinct value, and a batch validated and written with ``insert_rows`` is freed
as soon as it is let go."""

import gc
import weakref

import duckdb
import pandas as pd
import pytest

from pipeline.schemas import ArticleWarningModel
from pipeline.validation import split_valid
from pipeline.warehouse import column_definitions, insert_rows, read_frame

ROWS = 5_000  # read one 2,048-row vector at a time: three chunks, the last one partial


@pytest.fixture
def conn():
    with duckdb.connect() as connection:
        connection.execute(f"""
            CREATE TABLE t AS SELECT
                i,
                'kind_' || (i % 3) AS kind,
                'id_' || i AS id,
                CASE WHEN i % 7 <> 0 THEN 'geo_' || (i % 5) END AS geo,
                CASE WHEN i < 4500 THEN i END AS null_in_the_last_chunk,
                CASE WHEN i < 4500 THEN i % 2 = 0 END AS flag,
                DATE '2020-01-01' + i::INTEGER AS day,
                i / 3 AS ratio
            FROM range({ROWS}) r(i)""")
        yield connection


def test_read_frame_gives_what_df_gives_with_one_string_per_value(conn):
    query = "SELECT * FROM t ORDER BY i"
    frame = read_frame(conn, query, vectors=1)
    pd.testing.assert_frame_equal(frame, conn.execute(query).df())
    assert len({id(kind) for kind in frame["kind"]}) == 3
    assert len({id(geo) for geo in frame["geo"]}) == 6  # five provinces and None
    assert all(geo is None for geo in frame.loc[frame["i"] % 7 == 0, "geo"])
    empty = "SELECT * FROM t WHERE i < 0"
    pd.testing.assert_frame_equal(read_frame(conn, empty), conn.execute(empty).df())


def test_a_batch_validated_and_written_is_freed_when_let_go(conn):
    conn.execute(f"CREATE TABLE warnings ({column_definitions(ArticleWarningModel)})")
    batch = pd.DataFrame({"file_name": ["a.txt"], "article_id": ["a"], "problem": ["p"], "message": ["a.txt: p"]})
    accepted, _ = split_valid(batch, ArticleWarningModel)
    insert_rows(conn, "warnings", accepted, ArticleWarningModel)
    assert conn.execute("SELECT * FROM warnings").fetchall() == [("a.txt", "a", "p", "a.txt: p")]
    freed = weakref.ref(accepted)
    gc.disable()  # freed by its reference count, not left for the cycle collector
    try:
        del accepted
        assert freed() is None
    finally:
        gc.enable()
