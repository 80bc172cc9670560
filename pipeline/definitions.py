"""The Dagster code location: every asset, check, job and resource of the pipeline."""

from dagster import AssetSelection, Definitions, define_asset_job, in_process_executor

from pipeline.defs.raw import raw_articles, raw_checks
from pipeline.defs.resources import default_resources

ASSETS = [raw_articles]
CHECKS = [raw_checks]

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
