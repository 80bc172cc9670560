"""Reusing extractions of unchanged articles, so a nightly run that adds one article to thousands extracts one.

An article's cache key hashes everything its figures depend on: the rules version (vocabulary, extractor code
and provinces table), the article id, its body hash, publication date and header geography. The cache is a
DuckDB file of its own, never the published warehouse. It is attached to the warehouse connection, so the
staging tables are filled from it by DuckDB (``cached_rows``) and the whole corpus never passes through pandas.
Articles are extracted in batches, in worker processes when there are many, and the batches are committed to the
cache as they finish, ``COMMIT_ARTICLES`` articles a transaction: a run that is killed resumes from the last
commit.
Rows of articles no longer in ``raw/`` are dropped.
"""

from contextlib import contextmanager, suppress
from pathlib import Path

import duckdb
import pandas as pd

from pipeline.extraction.corpus import extract_batch
from pipeline.extraction.vocabulary import RULES_VERSION
from pipeline.parallel import ordered_map
from pipeline.schemas import ExtractedFigureModel, NumberMentionModel
from pipeline.warehouse import column_definitions, registered

CACHE = "extraction_cache"  # the name the cache is attached under
BATCH_ARTICLES = 250
# Below this many articles to extract, worker processes cost more than they save (spawning them, importing the
# extractor and pandas there, shutting them down). Extracting into a new cache, one process against two workers:
# 1,000 articles 2.95-2.99 s against 2.90-3.05 s, 1,500 4.41-4.42 s against 3.74-3.87 s, 2,000 5.76 against 4.44 s.
PARALLEL_FROM = 1_000
# Articles a transaction. Committing each batch wrote every row to the write-ahead log, then to the file again at
# each checkpoint: rows that fill whole row groups (122,880) DuckDB writes straight to the file. 5,000 articles'
# 150k mentions did, but not their 79k figures, which went through the log and a checkpoint at each commit. 10,000
# articles' 158k figures do. update_cache alone on 50k articles, alternated: commits 10.8-11.1 s to 2.1-2.3 s (7.6-7.8
# to 1.5 CPU-seconds), the main process's CPU 15.9-16.6 to 11.1-11.4 s, the extraction 81.1, 82.6 and 84.8 s to 78.8,
# 80.4 and 78.3 s. A killed run loses at most this many articles' extraction (about 15 s).
COMMIT_ARTICLES = 10_000
ROW_TABLES = {"figures": ExtractedFigureModel, "mentions": NumberMentionModel}
CACHED_TABLES = (*ROW_TABLES, "articles")
ARTICLE_COLUMNS = "article_id, body, published_date, geo_code, file_name"


def _cache_key(rules_version: str) -> str:
    """SQL for an article's cache key (dates as YYYY-MM-DD, a missing geography as '')."""
    return (
        f"sha256(concat_ws('|', '{rules_version}', article_id, body_sha256, "
        "strftime(published_date, '%Y-%m-%d'), coalesce(geo_code, '')))"
    )


def _reset_if_rules_changed(conn: duckdb.DuckDBPyConnection) -> None:
    conn.execute(f"CREATE TABLE IF NOT EXISTS {CACHE}.rules (version VARCHAR)")
    if conn.execute(f"SELECT version FROM {CACHE}.rules").fetchall() != [(RULES_VERSION,)]:
        conn.execute("BEGIN TRANSACTION")
        for table in (*CACHED_TABLES, "rules"):  # other rules: nothing can be reused
            conn.execute(f"DROP TABLE IF EXISTS {CACHE}.{table}")
        conn.execute(f"CREATE TABLE {CACHE}.rules AS SELECT ? AS version", [RULES_VERSION])
        conn.execute("COMMIT")
    conn.execute(f"CREATE TABLE IF NOT EXISTS {CACHE}.articles (cache_key VARCHAR PRIMARY KEY)")
    for table, model in ROW_TABLES.items():
        conn.execute(f"CREATE TABLE IF NOT EXISTS {CACHE}.{table} ({column_definitions(model)}, cache_key VARCHAR)")


def _store(conn: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    with registered(conn, "incoming", frame):
        conn.execute(f"INSERT INTO {CACHE}.{table} BY NAME SELECT * FROM incoming")


def _store_batch(conn: duckdb.DuckDBPyConnection, keys: pd.DataFrame, figures: pd.DataFrame, mentions: pd.DataFrame):
    """One batch's figures, mentions and keys, in the open transaction: a key is never cached without its rows."""
    key_of = dict(zip(keys["article_id"], keys["cache_key"], strict=True))
    _store(conn, "figures", figures.assign(cache_key=figures["article_id"].map(key_of)))
    _store(conn, "mentions", mentions.assign(cache_key=mentions["article_id"].map(key_of)))
    _store(conn, "articles", keys[["cache_key"]])


def _batches(conn: duckdb.DuckDBPyConnection, articles_table: str, missing: list[str]):
    """The missing articles, ``BATCH_ARTICLES`` at a time in the table's order, streamed by one query (a query a
    batch scanned the table each time) on a cursor of its own, as the batches are committed on ``conn``."""
    reader = conn.cursor()
    try:
        result = reader.execute(
            f"SELECT {ARTICLE_COLUMNS} FROM {articles_table} WHERE article_id IN (SELECT unnest(?))", [missing]
        )
        while rows := result.fetchmany(BATCH_ARTICLES):
            yield pd.DataFrame(rows, columns=ARTICLE_COLUMNS.split(", "))
    finally:
        reader.close()


@contextmanager
def _one_thread(conn: duckdb.DuckDBPyConnection, when: bool):
    """DuckDB on one thread for the block, when ``when``: while worker processes keep every CPU busy, a second
    DuckDB thread storing their rows only contends with them (50k articles: the main process's system time 3.3-4.0
    to 2.1-2.3 s, the extraction 81-84 to 78-83 s)."""
    if not when:
        yield
        return
    [(threads,)] = conn.execute("SELECT current_setting('threads')").fetchall()
    conn.execute("SET threads = 1")
    try:
        yield
    finally:
        with suppress(duckdb.Error):  # a failed transaction refuses it: keep the error that failed it
            conn.execute(f"SET threads = {int(threads)}")


def _extract_all(conn, articles_table: str, missing: pd.DataFrame, workers: int) -> None:
    batches = _batches(conn, articles_table, list(missing["article_id"]))
    keys = missing.set_index("article_id")["cache_key"]
    uncommitted = 0
    workers = workers if len(missing) >= PARALLEL_FROM else 1
    with _one_thread(conn, workers > 1):
        conn.execute("BEGIN TRANSACTION")
        for batch_ids, (figures, mentions) in ordered_map(extract_batch, batches, workers):
            _store_batch(conn, keys.loc[batch_ids].reset_index(), figures, mentions)
            uncommitted += len(batch_ids)
            if uncommitted >= COMMIT_ARTICLES:
                conn.execute("COMMIT")
                conn.execute("BEGIN TRANSACTION")
                uncommitted = 0
        conn.execute("COMMIT")


def update_cache(conn: duckdb.DuckDBPyConnection, cache_path: Path, articles_table: str, workers: int = 1) -> int:
    """Attach the cache to ``conn`` as ``extraction_cache``, extract the articles of ``articles_table`` it lacks,
    drop rows of articles no longer there (so that the cache then holds the current articles' rows only), and
    return how many articles were extracted now."""
    cache_path.parent.mkdir(parents=True, exist_ok=True)
    quoted = str(cache_path).replace("'", "''")
    conn.execute(f"ATTACH '{quoted}' AS {CACHE}")
    _reset_if_rules_changed(conn)
    conn.execute(
        f"CREATE OR REPLACE TEMP TABLE current_articles AS "
        f"SELECT article_id, {_cache_key(RULES_VERSION)} AS cache_key FROM {articles_table}"
    )
    missing = conn.execute(
        f"SELECT article_id, cache_key FROM current_articles "
        f"WHERE cache_key NOT IN (SELECT cache_key FROM {CACHE}.articles)"
    ).df()
    _extract_all(conn, articles_table, missing, workers)
    conn.execute("BEGIN TRANSACTION")
    for table in CACHED_TABLES:
        conn.execute(f"DELETE FROM {CACHE}.{table} WHERE cache_key NOT IN (SELECT cache_key FROM current_articles)")
    conn.execute("COMMIT")
    return len(missing)


def cached_table(table: str) -> str:
    """The attached cache's ``figures`` or ``mentions``: after ``update_cache``, the current articles' rows only."""
    return f"{CACHE}.{table}"


def cached_rows(table: str) -> str:
    """SQL for the cached ``figures`` or ``mentions`` of the current articles: a plain scan, which keeps the order
    the rows are stored in (selecting them by their cache keys gave them back in blocks). Articles extracted in
    one go, or new ones after the others, are stored in key order; an article extracted again comes last."""
    return f"SELECT * EXCLUDE (cache_key) FROM {cached_table(table)}"


def cached_count(table: str, condition: str) -> str:
    """SQL counting the current articles' cached rows that meet ``condition``."""
    return f"SELECT count(*) FROM {cached_table(table)} WHERE {condition}"


def detach(conn: duckdb.DuckDBPyConnection) -> None:
    """Release the cache file, so the next run (in this process too) can attach it."""
    with suppress(duckdb.Error):  # no transaction left open by a failure
        conn.execute("ROLLBACK")
    with suppress(duckdb.Error):  # a broken connection has nothing attached to release
        conn.execute(f"DETACH DATABASE IF EXISTS {CACHE}")
