"""The Dagster code location: every asset, check, job and resource of the pipeline."""

from dagster import AssetSelection, Definitions, define_asset_job, in_process_executor

from pipeline.defs.marts import MART_ASSETS, MART_CHECKS
from pipeline.defs.raw import raw_articles, raw_checks
from pipeline.defs.resources import default_resources
from pipeline.defs.staging import curate_figures, curated_checks, extract_figures, extracted_checks, figure_counts

ASSETS = [raw_articles, extract_figures, curate_figures, *MART_ASSETS]
CHECKS = [raw_checks, extracted_checks, curated_checks, figure_counts, *MART_CHECKS]

all_assets_job = define_asset_job(
    "all_assets",
    selection=AssetSelection.all(),
    description="Materialise every asset: raw articles, extracted figures and the marts.",
    executor_def=in_process_executor,
)

defs = Definitions(
    assets=ASSETS,
    asset_checks=CHECKS,
    jobs=[all_assets_job],
    resources=default_resources(),
)
