"""Raw layer: every article file in ``raw/articles`` as one row, and the files that could not be loaded.

Nothing is interpreted here beyond the article format; the body is kept exactly as published so character
spans computed downstream point into it. A file whose size and modification time are those it had when this
loader last read it keeps its rows without being read again (``pipeline_state.loaded_article_files``), so a
nightly run reads only new and changed files; the tables come out as a full read would make them.
"""

import dataclasses
import datetime as dt
import time
from collections.abc import Iterator
from functools import partial
from typing import NamedTuple

import pandas as pd
from dagster import AssetExecutionContext, multi_asset
from dagster_duckdb import DuckDBResource

from pipeline import articles, geography, schemas, validation
from pipeline.articles import (
    Article,
    ArticleFile,
    ArticleProblem,
    FirstSeen,
    Loaded,
    article_files,
    load_files,
    set_aside_duplicates,
)
from pipeline.defs.resources import RawDirectory
from pipeline.defs.tables import publish, table_checks, table_name, table_spec
from pipeline.geography import PROVINCES_CSV
from pipeline.parallel import ordered_map
from pipeline.schemas import ArticleModel, ArticleQuarantineModel, ArticleWarningModel, columns
from pipeline.validation import split_valid
from pipeline.versions import code_version
from pipeline.warehouse import column_definitions, insert_rows, state_table, transaction

ARTICLES = table_spec("raw/articles", ArticleModel, "raw", kinds=("duckdb", "python"))
ARTICLE_QUARANTINE = table_spec("raw/article_quarantine", ArticleQuarantineModel, "raw")
ARTICLE_WARNINGS = table_spec("raw/article_warnings", ArticleWarningModel, "raw")


# What decides how a file loads (the code, the rules it is validated by): when it changes, every file is read again.
LOADER_SOURCES = (articles.__file__, schemas.__file__, geography.__file__, validation.__file__)
LOADER_VERSION = code_version((*LOADER_SOURCES, PROVINCES_CSV, __file__), ("pandas", "pandera"))
LOADED_FILES = "pipeline_state.loaded_article_files"
# A file modified this close to the listing may change again within the file system's timestamp resolution
# without its modification time moving: it is not recorded as loaded, so the next run reads it again.
RECENT_NS = 2_000_000_000
# Files read at a time. Reading all 50k of a first run at once held every body in Python (385 MB of text, 2.4 GB
# of RSS with the frame and its validation); a batch is read, validated and set down in DuckDB, then dropped.
READ_BATCH = 2_000
# Files to read from which the batches are read in worker processes (``RawDirectory.workers``), while this one
# validates and stores the batches read before. Reading, parsing and scanning 50k files for markup took 3.7-5.7 s in
# one process and 3.0-3.2 s in two workers, their start (about 0.7 s) included: with fewer files the start costs
# more than the workers save.
PARALLEL_FROM = 10_000


class LoadedBefore(NamedTuple):
    """An article of raw.articles whose file is unchanged since it was loaded: reused without reading it."""

    article_id: str
    file_name: str
    body_sha256: str


def problem_frame(problems: list[ArticleProblem], model) -> pd.DataFrame:
    return pd.DataFrame([{**dataclasses.asdict(p), "message": p.message} for p in problems], columns=columns(model))


def loaded_before(conn, files: list[ArticleFile]) -> list[LoadedBefore]:
    """The articles whose file has the size and modification time it had when this loader version loaded it."""
    conn.execute("CREATE SCHEMA IF NOT EXISTS raw")
    for table, model in ((ARTICLES, ArticleModel), (ARTICLE_WARNINGS, ArticleWarningModel)):
        conn.execute(f"CREATE TABLE IF NOT EXISTS {table_name(table.key)} ({column_definitions(model)})")
    state_table(
        conn,
        LOADED_FILES,
        "file_name VARCHAR, size BIGINT, modified_ns BIGINT, loader_version VARCHAR",
        "the size and modification time of each file raw.articles holds, so unchanged files are not read again.",
    )
    conn.register("listing", _listing(files))
    found = conn.execute(
        f"""SELECT a.article_id, a.file_name, a.body_sha256 FROM {table_name(ARTICLES.key)} a
            JOIN {LOADED_FILES} s USING (file_name) JOIN listing l USING (file_name)
            WHERE s.size = l.size AND s.modified_ns = l.modified_ns AND s.loader_version = ?""",
        [LOADER_VERSION],
    ).fetchall()
    return [LoadedBefore(*row) for row in found]


def _listing(files: list[ArticleFile]) -> pd.DataFrame:
    return pd.DataFrame(
        [(f.file_name, f.size, f.modified_ns) for f in files], columns=["file_name", "size", "modified_ns"]
    )


def record_loaded(conn, files: list[ArticleFile], listed_ns: int) -> None:
    """Remember the size and modification time of every file raw.articles now holds, but for those modified too
    close to when the folder was listed (``listed_ns``) to be sure of."""
    conn.register("listing", _listing([file for file in files if file.modified_ns < listed_ns - RECENT_NS]))
    with transaction(conn):
        conn.execute(f"DELETE FROM {LOADED_FILES}")
        conn.execute(
            f"""INSERT INTO {LOADED_FILES} SELECT file_name, size, modified_ns, ? FROM listing
                WHERE file_name IN (SELECT file_name FROM {table_name(ARTICLES.key)})""",
            [LOADER_VERSION],
        )


def kept(spec) -> str:
    """SQL: the rows of a table of this layer that belong to files reused as loaded before."""
    return f"SELECT * FROM {table_name(spec.key)} WHERE file_name IN (SELECT file_name FROM reused_files)"


class Batch(NamedTuple):
    """What loading a batch of files found; its accepted articles are in the table ``accepted``."""

    problems: list[ArticleProblem]
    warnings: list[ArticleProblem]  # of the accepted articles
    reused: list[str]  # files whose rows are kept as loaded before
    read: int  # files read now


def load_batch(
    conn,
    batch: list[ArticleFile],
    unchanged: dict[str, LoadedBefore],
    seen: FirstSeen,
    loaded_files: list[Loaded],
    accepted_table: str,
) -> Batch:
    """Take the batch's files that are not ``unchanged`` as ``loaded_files`` loaded them, set aside duplicates (of
    this batch's articles and, by ``seen``, of earlier batches') and invalid articles, and add the accepted articles
    to ``accepted_table``."""
    read_now = [file.article for file in loaded_files]
    warned = {file.article.article_id: file.warnings for file in loaded_files if file.warnings}
    reused_rows = [unchanged[file.file_name] for file in batch if file.file_name in unchanged]
    loaded, duplicates = set_aside_duplicates([a for a in read_now if isinstance(a, Article)] + reused_rows, seen)
    new = [a for a in loaded if isinstance(a, Article)]
    # vars(), not dataclasses.asdict(): asdict deep-copies every field, which took 3 s for 50k articles.
    frame = pd.DataFrame([vars(a) for a in new], columns=columns(ArticleModel))
    frame["published_date"] = pd.to_datetime(frame["published_date"])
    accepted, reasons = split_valid(frame, ArticleModel)
    problems = [p for p in read_now if isinstance(p, ArticleProblem)] + duplicates
    problems += [
        ArticleProblem(frame.at[i, "file_name"], frame.at[i, "article_id"], f"invalid article: {reason}")
        for i, reason in reasons.items()
    ]
    loaded_now = set(accepted["article_id"])
    warnings = [w for a in new if a.article_id in loaded_now for w in warned.get(a.article_id, [])]
    insert_rows(conn, accepted_table, accepted, ArticleModel)
    return Batch(problems, warnings, [a.file_name for a in loaded if isinstance(a, LoadedBefore)], len(read_now))


def loaded_out_of_order(conn, accepted_table: str) -> list[str]:
    """The files loaded now for the first time (in ``accepted_table``) whose names sort before the last file
    ``raw.articles`` held: the tables kept in file (or article) order cannot take their rows by appending, and are
    rewritten."""
    articles = table_name(ARTICLES.key)
    found = conn.execute(
        f"""SELECT file_name FROM {accepted_table}
            WHERE file_name < (SELECT max(file_name) FROM {articles})
              AND file_name NOT IN (SELECT file_name FROM {articles})
            ORDER BY file_name"""
    ).fetchall()
    return [name for (name,) in found]


def batches(files: list[ArticleFile], unchanged: dict[str, LoadedBefore]) -> Iterator[list[ArticleFile]]:
    """The files in runs of consecutive ones holding ``READ_BATCH`` files to read each (the last, fewer), and the
    unchanged files among them: a nightly run, which reads few, is one batch."""
    batch, to_read = [], 0
    for file in files:
        batch.append(file)
        to_read += file.file_name not in unchanged
        if to_read == READ_BATCH:
            yield batch
            batch, to_read = [], 0
    if batch:
        yield batch


@multi_asset(specs=[ARTICLES, ARTICLE_QUARANTINE, ARTICLE_WARNINGS], name="raw_articles")
def raw_articles(context: AssetExecutionContext, raw: RawDirectory, warehouse: DuckDBResource):
    """Read and validate every new or changed article file; the ones that fail go to the quarantine table, the
    rest load. A file with the size and modification time it had when last loaded keeps its rows as they are.
    Files are read ``READ_BATCH`` at a time, in name order (in worker processes when there are many), and the
    accepted articles wait in DuckDB."""
    listed_ns = time.time_ns()
    files, problems = article_files(raw.root)
    with warehouse.get_connection() as conn:
        unchanged = {row.file_name: row for row in loaded_before(conn, files)}
        # With no file to reuse, the articles read are written once, into the table raw.articles then becomes
        # (``adopt``); otherwise they wait in a temporary table, to be written with those kept.
        accepted = "accepted_now" if unchanged else f"{table_name(ARTICLES.key)}__read"
        conn.execute(
            f"CREATE OR REPLACE {'TEMP ' if unchanged else ''}TABLE {accepted} ({column_definitions(ArticleModel)})"
        )
        seen, warnings, reused, read_count = FirstSeen(), [], [], 0
        groups = list(batches(files, unchanged))
        to_read = [[file for file in group if file.file_name not in unchanged] for group in groups]
        workers = raw.workers if sum(map(len, to_read)) >= PARALLEL_FROM else 1
        loaded = ordered_map(partial(load_files, today=dt.date.today()), to_read, workers)
        for files_of_batch, loaded_files in zip(groups, loaded, strict=True):
            batch = load_batch(conn, files_of_batch, unchanged, seen, loaded_files, accepted)
            problems += batch.problems
            warnings += batch.warnings
            reused += batch.reused
            read_count += batch.read
        for problem in sorted(problems + warnings, key=lambda p: p.file_name):
            context.log.warning(problem.message)
        if out_of_order := loaded_out_of_order(conn, accepted):
            context.log.warning(
                f"{len(out_of_order)} new article files sort before files loaded earlier (the first: "
                f"{out_of_order[0]}): the tables kept in file order are rewritten instead of appended to; name new "
                "files so that they sort after the others, as a running number does"
            )
        conn.register("reused_files", pd.DataFrame({"file_name": pd.Series(reused, dtype=object)}))
        conn.register("warned_now", problem_frame(warnings, ArticleWarningModel))
        # With no file reused, the articles are those read now, stored in file order as the batches were read: a
        # scan of them needs no sort (for a first run, 1.2-2 s of sorting 385 MB of bodies at 50k).
        yield publish(
            conn,
            ARTICLES,
            f"{kept(ARTICLES)} UNION ALL SELECT * FROM {accepted}" if reused else f"SELECT * FROM {accepted}",
            ArticleModel,
            order_by=("file_name",),
            scans=None if reused else accepted,
            adopt=not unchanged,
            files_seen=len(files) + sum(p.article_id is None for p in problems),
            files_read_now=read_count,
            new_files_not_last=len(out_of_order),
        )
        yield publish(
            conn,
            ARTICLE_QUARANTINE,
            problem_frame(sorted(problems, key=lambda p: p.file_name), ArticleQuarantineModel),
            ArticleQuarantineModel,
        )
        yield publish(
            conn,
            ARTICLE_WARNINGS,
            f"{kept(ARTICLE_WARNINGS)} UNION ALL SELECT * FROM warned_now",
            ArticleWarningModel,
            order_by=("file_name", "problem"),
        )
        record_loaded(conn, files, listed_ns)


raw_checks = table_checks(
    "raw_tables_match_schema",
    {
        ARTICLES.key: ArticleModel,
        ARTICLE_QUARANTINE.key: ArticleQuarantineModel,
        ARTICLE_WARNINGS.key: ArticleWarningModel,
    },
)
