"""Marts layer: the tables in schema ``marts`` that BI tools query.

Each mart is one asset with a blocking schema check; one op builds them all, so the figures are read once. The
transformations live in ``pipeline.marts``; this module only reads their inputs from the warehouse and writes
their outputs back.
"""

from collections.abc import Iterator

import numpy as np
import pandas as pd
import pandera.pandas as pa
from dagster import AssetExecutionContext, AssetSpec, MaterializeResult, multi_asset
from dagster_duckdb import DuckDBResource

from pipeline import marts
from pipeline.defs.raw import ARTICLES
from pipeline.defs.staging import FIGURE_ORDER, FIGURES
from pipeline.defs.tables import described, publish, table_checks, table_name, table_spec
from pipeline.schemas import (
    CoverageModel,
    FigureModel,
    FindingModel,
    MartFigureModel,
    PlanProgressModel,
    TargetAttainmentModel,
    TargetModel,
)
from pipeline.versions import pipeline_version
from pipeline.warehouse import built_from, read_frame, read_table, record_built, sql_literal

MART_FIGURES = table_spec("marts/figures", MartFigureModel, "marts", deps=[FIGURES.key, ARTICLES.key])
COVERAGE = table_spec("marts/coverage", CoverageModel, "marts", deps=[MART_FIGURES.key])
TARGETS = table_spec("marts/targets", TargetModel, "marts", deps=[MART_FIGURES.key])
TARGET_ATTAINMENT = table_spec(
    "marts/target_attainment", TargetAttainmentModel, "marts", deps=[TARGETS.key, MART_FIGURES.key]
)
PLAN_PROGRESS = table_spec("marts/plan_progress", PlanProgressModel, "marts", deps=[MART_FIGURES.key])
FINDINGS = table_spec("marts/findings", FindingModel, "marts", deps=[MART_FIGURES.key, COVERAGE.key])


def _mart_figures_sql() -> str:
    return f"""
        SELECT f.*, a.title, a.outlet, a.url, a.published_date
        FROM {table_name(FIGURES.key)} f JOIN {table_name(ARTICLES.key)} a USING (article_id)
    """


def _listed_values(model: type[pa.DataFrameModel]) -> dict[str, list[str]]:
    """The text columns the model restricts to a list of values (kind, measure, scheme, ...), with the list."""
    return {
        name: check.statistics["allowed_values"]
        for name, column in model.to_schema().columns.items()
        for check in column.checks
        if check.name == "isin"
    }


def read_figures(conn) -> pd.DataFrame:
    """marts.figures as the marts read them: without the columns no mart is computed from (the article's title, outlet
    and url, the number as written, the span's end, the curation), and with the quote, most of the table's text, only
    for the targets and plan attainments whose marts show it. Each column of listed values (kind, measure, scheme,
    ...; validated against the list) is read as an ENUM of the list, which pandas receives as codes, and made text
    here with one string per value: converting a string per row of those seven columns was half the read."""
    listed = _listed_values(MartFigureModel)
    enums = "".join(f", {name}::ENUM({', '.join(map(sql_literal, items))}) AS {name}" for name, items in listed.items())
    figures = read_frame(
        conn,
        f"""SELECT * EXCLUDE (title, outlet, url, number_text, char_end, curated, curation_note)
                REPLACE (CASE WHEN kind = 'target' OR measure = 'plan_attainment' THEN quote END AS quote{enums})
            FROM {table_name(MART_FIGURES.key)}""",
    )
    for name in listed:
        strings = np.append(figures[name].cat.categories.to_numpy(dtype=object), None)  # a code of -1 is null
        figures[name] = strings[figures[name].cat.codes.to_numpy()]
    return figures


MARTS: list[tuple[AssetSpec, type[pa.DataFrameModel]]] = [
    (MART_FIGURES, MartFigureModel),
    (COVERAGE, CoverageModel),
    (TARGETS, TargetModel),
    (TARGET_ATTAINMENT, TargetAttainmentModel),
    (PLAN_PROGRESS, PlanProgressModel),
    (FINDINGS, FindingModel),
]


def computed_marts(conn) -> Iterator[MaterializeResult]:
    """Compute every mart but marts.figures from it, and write them."""
    figures = read_figures(conn)
    # The reconciled and the derived actuals feed several marts: computed once.
    stated, derived = marts.reconcile(figures), marts.derived_participants(figures)
    yield publish(conn, COVERAGE, marts.coverage(figures, stated, derived), CoverageModel, computed_now=True)
    yield publish(conn, TARGETS, marts.targets(figures), TargetModel, computed_now=True)
    # Marts built on other marts take them as written (typed by their models), as a BI tool would read them.
    targets = read_table(conn, table_name(TARGETS.key))
    attainment = marts.target_attainment(targets, stated)
    yield publish(conn, TARGET_ATTAINMENT, attainment, TargetAttainmentModel, computed_now=True)
    yield publish(conn, PLAN_PROGRESS, marts.plan_progress(figures), PlanProgressModel, computed_now=True)
    coverage = read_table(conn, table_name(COVERAGE.key))
    yield publish(conn, FINDINGS, marts.findings(figures, stated, derived, coverage), FindingModel, computed_now=True)


@multi_asset(specs=[spec for spec, _ in MARTS], name="build_marts")
def build_marts(context: AssetExecutionContext, warehouse: DuckDBResource):
    """Build every mart from the accepted figures, which are read once for all of them (each mart reading them
    again cost more than computing it). When marts.figures and the pipeline's code are those the marts were last
    built from, and the marts are as built then, they are kept as they are (``computed_now`` false)."""
    with warehouse.get_connection() as conn:
        figures = publish(conn, MART_FIGURES, _mart_figures_sql(), MartFigureModel, order_by=FIGURE_ORDER)
        yield figures
        inputs = f"{pipeline_version()} {figures.metadata['content_hash']}"
        specs = {table_name(spec.key): spec for spec, _ in MARTS if spec is not MART_FIGURES}
        kept = built_from(conn, list(specs), inputs)
        if kept is not None:
            context.log.info("marts.figures and the pipeline's code are those the marts were built from: kept")
            for table, spec in specs.items():
                yield described(conn, spec, kept[table], computed_now=False)
            return
        built = {}
        for result in computed_marts(conn):
            built[table_name(result.asset_key)] = result.metadata["content_hash"]
            yield result
        record_built(conn, built, inputs)


# marts.figures is staging.figures joined with each figure's article: a figure that passed staging.figures' check
# needs only its article's columns checked.
mart_checks = table_checks(
    "marts_match_schema",
    {spec.key: model for spec, model in MARTS},
    extends={MART_FIGURES.key: (FIGURES.key, FigureModel)},
)
