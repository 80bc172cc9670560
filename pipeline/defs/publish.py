"""Publishing: the last step of a run makes its build of the warehouse the file BI tools open.

It depends on every table, so it runs only after all of them and all their blocking checks have succeeded; a
failed or killed run never reaches it and leaves the previously published warehouse as it was.
"""

from dagster import AssetExecutionContext, AssetKey, AssetSpec, MaterializeResult, MetadataValue, multi_asset

from pipeline.defs.marts import MARTS
from pipeline.defs.raw import ARTICLE_QUARANTINE, ARTICLE_WARNINGS, ARTICLES
from pipeline.defs.resources import Warehouse
from pipeline.defs.staging import CURATION_LOG, EXTRACTED, FIGURE_QUARANTINE, FIGURES, MENTIONS
from pipeline.defs.tables import MART_FRESHNESS

TABLES = [
    ARTICLES,
    ARTICLE_QUARANTINE,
    ARTICLE_WARNINGS,
    EXTRACTED,
    MENTIONS,
    FIGURES,
    FIGURE_QUARANTINE,
    CURATION_LOG,
    *(spec for spec, _ in MARTS),
]

PUBLISHED = AssetSpec(
    key=AssetKey(["marts", "published_warehouse"]),
    description="The DuckDB file BI tools open (warehouse/coverage.duckdb), swapped in atomically once every "
    "table of the run and every blocking check has succeeded.",
    group_name="marts",
    deps=[spec.key for spec in TABLES],
    kinds={"duckdb"},
    owners=["team:data-engineering"],
    freshness_policy=MART_FRESHNESS,
)


@multi_asset(specs=[PUBLISHED], name="published_warehouse")
def published_warehouse(context: AssetExecutionContext, warehouse: Warehouse):
    """Checkpoint this run's build and rename it onto the published path."""
    path = warehouse.publish()
    context.log.info(f"published {path}")
    yield MaterializeResult(
        asset_key=PUBLISHED.key,
        metadata={"path": MetadataValue.path(str(path)), "bytes": path.stat().st_size},
    )
