"""Reusing extractions of unchanged articles, so a nightly run that adds one article to thousands extracts one.

An article's cache key hashes everything its figures depend on: the rules version (vocabulary, extractor code
and provinces table), the article id, its body hash, publication date and header geography. The cache is a
DuckDB file of its own, never the published warehouse; rows of articles no longer in ``raw/`` are dropped.
"""

import hashlib
from pathlib import Path

import duckdb
import pandas as pd

from pipeline.extraction.corpus import extract_articles
from pipeline.extraction.vocabulary import RULES_VERSION


def cache_key(article) -> str:
    parts = [
        RULES_VERSION,
        article.article_id,
        article.body_sha256,
        str(pd.Timestamp(article.published_date).date()),
        article.geo_code if isinstance(article.geo_code, str) else "",
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def _store(conn: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    conn.register("incoming", frame)
    if conn.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [table]).fetchone()[0]:
        conn.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming")
    else:
        conn.execute(f"CREATE TABLE {table} AS SELECT * FROM incoming")
    conn.unregister("incoming")


def cached_extract(articles: pd.DataFrame, path: Path) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """(figures, mentions, articles extracted now) for ``articles``, extracting only those not in the cache."""
    keyed = articles.assign(cache_key=[cache_key(a) for a in articles.itertuples()])
    path.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(path)) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS rules (version VARCHAR)")
        if conn.execute("SELECT version FROM rules").fetchall() != [(RULES_VERSION,)]:
            for table in ("figures", "mentions", "articles", "rules"):  # other rules: nothing can be reused
                conn.execute(f"DROP TABLE IF EXISTS {table}")
            conn.execute("CREATE TABLE rules AS SELECT ? AS version", [RULES_VERSION])
        conn.execute("CREATE TABLE IF NOT EXISTS articles (cache_key VARCHAR PRIMARY KEY)")
        known = {key for (key,) in conn.execute("SELECT cache_key FROM articles").fetchall()}
        missing = keyed[~keyed["cache_key"].isin(known)]
        figures, mentions = extract_articles(missing)
        keys = dict(zip(missing["article_id"], missing["cache_key"], strict=True))
        conn.execute("BEGIN TRANSACTION")
        _store(conn, "figures", figures.assign(cache_key=figures["article_id"].map(keys)))
        _store(conn, "mentions", mentions.assign(cache_key=mentions["article_id"].map(keys)))
        _store(conn, "articles", missing[["cache_key"]])
        conn.register("current", keyed[["cache_key"]])
        for table in ("figures", "mentions", "articles"):
            conn.execute(f"DELETE FROM {table} WHERE cache_key NOT IN (SELECT cache_key FROM current)")
        conn.execute("COMMIT")
        columns = {table: [c for c in frame.columns] for table, frame in (("figures", figures), ("mentions", mentions))}
        figures = conn.execute(
            f"SELECT {', '.join(columns['figures'])} FROM figures ORDER BY article_id, char_start"
        ).df()
        mentions = conn.execute(
            f"SELECT {', '.join(columns['mentions'])} FROM mentions ORDER BY article_id, char_start"
        ).df()
    return figures, mentions, len(missing)
