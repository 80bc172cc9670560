"""Marts layer: the tables in schema ``marts`` that BI tools query.

Each mart is one asset with a blocking schema check. The transformations live in ``pipeline.marts``; this
module only reads their inputs from the warehouse and writes their outputs back.
"""

from collections.abc import Callable

import duckdb
import pandas as pd
import pandera.pandas as pa
from dagster import AssetExecutionContext, AssetSpec, multi_asset
from dagster_duckdb import DuckDBResource

from pipeline import marts
from pipeline.defs.raw import ARTICLES
from pipeline.defs.staging import FIGURES
from pipeline.defs.tables import publish, table_checks, table_name, table_spec
from pipeline.schemas import (
    CoverageModel,
    FindingModel,
    MartFigureModel,
    PlanProgressModel,
    TargetAttainmentModel,
    TargetModel,
)
from pipeline.warehouse import read_table

MART_FIGURES = table_spec("marts/figures", MartFigureModel, "marts", deps=[FIGURES.key, ARTICLES.key])
COVERAGE = table_spec("marts/coverage", CoverageModel, "marts", deps=[MART_FIGURES.key])
TARGETS = table_spec("marts/targets", TargetModel, "marts", deps=[MART_FIGURES.key])
TARGET_ATTAINMENT = table_spec(
    "marts/target_attainment", TargetAttainmentModel, "marts", deps=[TARGETS.key, MART_FIGURES.key]
)
PLAN_PROGRESS = table_spec("marts/plan_progress", PlanProgressModel, "marts", deps=[MART_FIGURES.key])
FINDINGS = table_spec("marts/findings", FindingModel, "marts", deps=[MART_FIGURES.key, COVERAGE.key])


def _figures(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return read_table(conn, table_name(MART_FIGURES.key))


def _mart_figures(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return conn.execute(f"""
        SELECT f.*, a.title, a.outlet, a.url, a.published_date
        FROM {table_name(FIGURES.key)} f JOIN {table_name(ARTICLES.key)} a USING (article_id)
        ORDER BY f.article_id, f.char_start
    """).df()


BUILDERS: list[tuple[AssetSpec, type[pa.DataFrameModel], Callable[[duckdb.DuckDBPyConnection], pd.DataFrame]]] = [
    (MART_FIGURES, MartFigureModel, _mart_figures),
    (COVERAGE, CoverageModel, lambda conn: marts.coverage(_figures(conn))),
    (TARGETS, TargetModel, lambda conn: marts.targets(_figures(conn))),
    (
        TARGET_ATTAINMENT,
        TargetAttainmentModel,
        lambda conn: marts.target_attainment(read_table(conn, table_name(TARGETS.key)), _figures(conn)),
    ),
    (PLAN_PROGRESS, PlanProgressModel, lambda conn: marts.plan_progress(_figures(conn))),
    (FINDINGS, FindingModel, lambda conn: marts.findings(_figures(conn), read_table(conn, table_name(COVERAGE.key)))),
]


def mart_asset(spec: AssetSpec, model: type[pa.DataFrameModel], build):
    name = "_".join(spec.key.path)

    @multi_asset(specs=[spec], name=name)
    def _mart(context: AssetExecutionContext, warehouse: DuckDBResource):
        with warehouse.get_connection() as conn:
            yield publish(conn, spec, build(conn), model)

    return _mart, table_checks(f"{name}_matches_schema", {spec.key: model})


MART_ASSETS, MART_CHECKS = zip(*(mart_asset(*builder) for builder in BUILDERS), strict=True)
