"""Staging layer: coverage figures read from the article text, curated by analysts and validated.

``extract_figures`` runs the extractor over every loaded article and keeps every number it saw, figure or
not. ``curate_figures`` applies ``raw/curation.csv`` and validates against the figures model: rows that break
it go to the quarantine table, never downstream. The counts always reconcile:
extracted + added by curation = accepted + quarantined + rejected by curation.
"""

from itertools import chain
from pathlib import Path

import duckdb
import pandas as pd
from dagster import (
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetExecutionContext,
    Failure,
    multi_asset,
    multi_asset_check,
)
from dagster_duckdb import DuckDBResource

from pipeline.articles import position_message
from pipeline.curation import CURATION_FILE, curate, curated_articles
from pipeline.defs.raw import ARTICLES
from pipeline.defs.resources import ExtractionCache, RawDirectory
from pipeline.defs.tables import publish, table_checks, table_name, table_spec
from pipeline.extraction import RULES_VERSION
from pipeline.extraction.cache import cached_count, cached_rows, cached_table, detach, update_cache
from pipeline.schemas import (
    CurationLogModel,
    ExtractedFigureModel,
    FigureModel,
    FigureQuarantineModel,
    NumberMentionModel,
    columns,
)
from pipeline.validated_rows import accepted_unseen, record_passed, row_hash, seen, typed_rules, unseen
from pipeline.validation import split_valid
from pipeline.warehouse import column_definitions, insert_rows, typed_columns

# Rows of the extracted tables, article by article in text order (no two numbers start at one character).
TEXT_ORDER = ("article_id", "char_start")
# Figures in the same order; an analyst's added figure may start where an extracted one does.
FIGURE_ORDER = (*TEXT_ORDER, "figure_id")
EXTRACTED = table_spec(
    "staging/extracted_figures", ExtractedFigureModel, "staging", deps=[ARTICLES.key], kinds=("duckdb", "python")
)
MENTIONS = table_spec("staging/number_mentions", NumberMentionModel, "staging", deps=[ARTICLES.key])
FIGURES = table_spec(
    "staging/figures", FigureModel, "staging", deps=[EXTRACTED.key, ARTICLES.key], kinds=("duckdb", "pandera")
)
FIGURE_QUARANTINE = table_spec("staging/figure_quarantine", FigureQuarantineModel, "staging", deps=[EXTRACTED.key])
CURATION_LOG = table_spec("staging/curation_log", CurationLogModel, "staging", deps=[EXTRACTED.key])


@multi_asset(specs=[EXTRACTED, MENTIONS], name="extract_figures")
def extract_figures(context: AssetExecutionContext, warehouse: DuckDBResource, extraction_cache: ExtractionCache):
    """Read every coverage figure, with its quote and span, from every loaded article (unchanged articles come
    from the extraction cache)."""
    articles = table_name(ARTICLES.key)
    with warehouse.get_connection() as conn:
        try:
            try:
                extracted_now = update_cache(conn, Path(extraction_cache.path), articles, extraction_cache.workers)
            except (duckdb.Error, OSError) as error:
                raise Failure(
                    description=f"cannot use the extraction cache {extraction_cache.path}: {error}; "
                    "the published warehouse is unchanged"
                ) from error
            (loaded,) = conn.execute(f"SELECT count(*) FROM {articles}").fetchone()
            yield publish(
                conn,
                EXTRACTED,
                cached_rows("figures"),
                ExtractedFigureModel,
                order_by=TEXT_ORDER,
                scans=cached_table("figures"),
                rules_version=RULES_VERSION,
                articles=loaded,
                articles_extracted_now=extracted_now,
                articles_from_cache=loaded - extracted_now,
            )
            (taken,) = conn.execute(cached_count("mentions", "outcome = 'figure'")).fetchone()
            yield publish(
                conn,
                MENTIONS,
                cached_rows("mentions"),
                NumberMentionModel,
                order_by=TEXT_ORDER,
                scans=cached_table("mentions"),
                numbers_taken_as_figures=taken,
            )
        finally:
            detach(conn)  # a failure's traceback keeps this connection alive: it must not keep the cache attached


def quarantine_frame(figures: pd.DataFrame, reasons: pd.Series, files: dict[str, str]) -> pd.DataFrame:
    rows = figures.loc[reasons.index].assign(problem=reasons)
    rows["file_name"] = rows["article_id"].map(files)
    rows["message"] = [
        position_message(*fields)
        for fields in zip(rows["file_name"], rows["char_start"], rows["number_text"], rows["problem"], strict=True)
    ]
    return rows[columns(FigureQuarantineModel)]


@multi_asset(specs=[FIGURES, FIGURE_QUARANTINE, CURATION_LOG], name="curate_figures")
def curate_figures(context: AssetExecutionContext, raw: RawDirectory, warehouse: DuckDBResource):
    """Apply raw/curation.csv to the extracted figures, then validate: failures go to the quarantine table.

    Only the figures of articles the curation file names are read into pandas and curated. Of the others, a row
    that staging.figures' schema check has already seen pass is accepted as it stands, in SQL (``validated_rows``),
    so a nightly run validates only new figures; those are validated in chunks read from DuckDB, where the accepted
    ones are then taken as they are.
    """
    extracted, articles = table_name(EXTRACTED.key), table_name(ARTICLES.key)
    curation_file = raw.root / CURATION_FILE
    with warehouse.get_connection() as conn:
        conn.execute("CREATE OR REPLACE TEMP TABLE curated_articles (article_id VARCHAR)")
        if named_articles := curated_articles(curation_file):
            conn.executemany("INSERT INTO curated_articles VALUES (?)", [[a] for a in named_articles])
        named = "article_id IN (SELECT article_id FROM curated_articles)"

        def body_of(article_id: str) -> str | None:
            found = conn.execute(f"SELECT body FROM {articles} WHERE article_id = ?", [article_id]).fetchall()
            return found[0][0] if found else None

        display = curation_file.relative_to(raw.root.parent).as_posix()
        result = curate(conn.execute(f"SELECT * FROM {extracted} WHERE {named}").df(), curation_file, body_of, display)
        as_figures = f"SELECT {typed_columns(FigureModel)} FROM (SELECT *, false AS curated, NULL AS curation_note "
        as_figures += f"FROM {extracted} WHERE NOT {named})"
        to_validate = unseen(conn, as_figures, table_name(FIGURES.key), row_hash(FigureModel))
        # figure_id is unique in the extracted figures (their blocking check says so).
        passed_before = seen(as_figures, unique="figure_id")
        files = dict(conn.execute(f"SELECT article_id, file_name FROM {articles}").fetchall())
        conn.execute(f"CREATE OR REPLACE TEMP TABLE curated_figures ({column_definitions(FigureModel)})")
        quarantined, rejected, validated, rules = [], [], 0, typed_rules(FigureModel)
        # One chunk at a time: each is let go before the next is read. The curated figures were made in pandas and
        # are validated with the whole model; the others come from SQL with the model's types (``typed_rules``),
        # and those accepted are recorded as passed, so that the schema check does not validate them again.
        for candidates, hashes in chain([(result.figures, None)], to_validate):
            accepted, reasons = split_valid(candidates, FigureModel if hashes is None else rules)
            quarantined.append(quarantine_frame(candidates, reasons, files))
            validated += len(candidates)
            if hashes is None:
                insert_rows(conn, "curated_figures", accepted, FigureModel)
            else:
                rejected += candidates.loc[reasons.index, "figure_id"].tolist()
                record_passed(conn, table_name(FIGURES.key), FigureModel, candidates, hashes[accepted.index])
            del candidates, accepted, reasons, hashes
        # The figures: those that passed before, those accepted now (the validated rows but the rejected ones, taken
        # in SQL as they were read) and the curated ones.
        conn.register("rejected_figures", pd.DataFrame({"figure_id": pd.Series(rejected, dtype=object)}))
        accepted_now = accepted_unseen("figure_id", "SELECT figure_id FROM rejected_figures")
        accepted_figures = f"{passed_before} UNION ALL {accepted_now} UNION ALL SELECT * FROM curated_figures"
        quarantine = pd.concat([frame for frame in quarantined if len(frame)] or quarantined[:1], ignore_index=True)
        for message in [*quarantine["message"], *(e["message"] for e in result.log if e["outcome"] != "applied")]:
            context.log.warning(message)
        [(extracted_rows, accepted_rows)] = conn.execute(
            f"SELECT (SELECT count(*) FROM {extracted}), (SELECT count(*) FROM ({accepted_figures}))"
        ).fetchall()
        counts = {
            "extracted": extracted_rows,
            "added_by_curation": len(result.added),
            "rejected_by_curation": len(result.rejected),
            "accepted": accepted_rows,
            "quarantined": len(quarantine),
            "validated_now": validated,
        }
        yield publish(conn, FIGURES, accepted_figures, FigureModel, order_by=FIGURE_ORDER, **counts)
        yield publish(conn, FIGURE_QUARANTINE, quarantine, FigureQuarantineModel, order_by=FIGURE_ORDER)
        yield publish(conn, CURATION_LOG, pd.DataFrame(result.log, columns=columns(CurationLogModel)), CurationLogModel)


# One check op per asset op: a blocking check must run after its assets and before their consumers.
extracted_checks = table_checks(
    "extracted_tables_match_schema", {EXTRACTED.key: ExtractedFigureModel, MENTIONS.key: NumberMentionModel}
)
curated_checks = table_checks(
    "curated_tables_match_schema",
    {FIGURES.key: FigureModel, FIGURE_QUARANTINE.key: FigureQuarantineModel, CURATION_LOG.key: CurationLogModel},
)


@multi_asset_check(
    specs=[
        AssetCheckSpec(
            "figures_reconcile",
            asset=FIGURES.key,
            blocking=True,
            description="extracted + added by curation = accepted + quarantined + rejected by curation.",
        ),
        AssetCheckSpec(
            "no_quarantined_figures",
            asset=FIGURE_QUARANTINE.key,
            blocking=True,
            description="Warns when figures were held back; the table says which and why.",
        ),
    ],
    name="figure_counts",
)
def figure_counts(warehouse: DuckDBResource):
    with warehouse.get_connection() as conn:
        (extracted, accepted, quarantined, added, rejected) = conn.execute(f"""
            SELECT (SELECT count(*) FROM {table_name(EXTRACTED.key)}),
                   (SELECT count(*) FROM {table_name(FIGURES.key)}),
                   (SELECT count(*) FROM {table_name(FIGURE_QUARANTINE.key)}),
                   (SELECT count(*) FROM {table_name(CURATION_LOG.key)} WHERE action = 'add' AND outcome = 'applied'),
                   (SELECT count(*) FROM {table_name(CURATION_LOG.key)} WHERE action = 'reject' AND outcome = 'applied')
        """).fetchone()
        problems = [m for (m,) in conn.execute(f"SELECT message FROM {table_name(FIGURE_QUARANTINE.key)}").fetchall()]
    yield AssetCheckResult(
        asset_key=FIGURES.key,
        check_name="figures_reconcile",
        passed=extracted + added == accepted + quarantined + rejected,
        metadata={
            "extracted": extracted,
            "added": added,
            "accepted": accepted,
            "quarantined": quarantined,
            "rejected": rejected,
        },
    )
    yield AssetCheckResult(
        asset_key=FIGURE_QUARANTINE.key,
        check_name="no_quarantined_figures",
        passed=not problems,
        severity=AssetCheckSeverity.WARN,
        metadata={"quarantined": len(problems), "first": "\n".join(problems[:20])},
    )
