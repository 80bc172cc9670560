"""The Dagster code location: every asset, check, job, schedule, sensor and resource of the pipeline."""

from dagster import Definitions

from pipeline.defs.automation import all_assets_job, new_article_sensor, nightly_schedule
from pipeline.defs.marts import build_marts, mart_checks
from pipeline.defs.publish import published_warehouse
from pipeline.defs.raw import raw_articles, raw_checks
from pipeline.defs.report import coverage_report
from pipeline.defs.resources import default_resources
from pipeline.defs.staging import curate_figures, curated_checks, extract_figures, extracted_checks, figure_counts

ASSETS = [raw_articles, extract_figures, curate_figures, build_marts, published_warehouse, coverage_report]
CHECKS = [raw_checks, extracted_checks, curated_checks, figure_counts, mart_checks]

defs = Definitions(
    assets=ASSETS,
    asset_checks=CHECKS,
    jobs=[all_assets_job],
    schedules=[nightly_schedule],
    sensors=[new_article_sensor],
    resources=default_resources(),
)
