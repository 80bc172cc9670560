"""The coverage report asset: the marts rendered by ``pipeline.report`` as one static HTML page.

It runs after the warehouse is published and reads the published file (read-only), so the page always describes
what BI users see. The page is written beside it, as ``report/index.html``, through a temporary file renamed
onto it, so a viewer never sees half a page. The asset's metadata carries the path and the attainment chart.
"""

import base64
import os
import tempfile
from pathlib import Path

import duckdb
from dagster import AssetExecutionContext, AssetKey, AssetSpec, MaterializeResult, MetadataValue, multi_asset

from pipeline import report
from pipeline.defs.marts import COVERAGE, FINDINGS, MART_FIGURES, TARGET_ATTAINMENT, TARGETS
from pipeline.defs.publish import PUBLISHED
from pipeline.defs.resources import Warehouse
from pipeline.defs.tables import MART_FRESHNESS, table_name
from pipeline.warehouse import read_table

# The marts the report reads, by the name of render_report's argument.
MARTS = {
    "coverage": COVERAGE,
    "targets": TARGETS,
    "target_attainment": TARGET_ATTAINMENT,
    "findings": FINDINGS,
    "figures": MART_FIGURES,
}

COVERAGE_REPORT = AssetSpec(
    key=AssetKey(["marts", "coverage_report"]),
    description="A static HTML page (report/index.html beside the published warehouse) that needs no network to "
    "view: coverage rates over time per geography and scheme, every target against its required path and "
    "projection, and the findings; every plotted number is listed with its article and quote.",
    group_name="marts",
    deps=[PUBLISHED.key, *(spec.key for spec in MARTS.values())],
    kinds={"html"},
    owners=["team:data-engineering"],
    freshness_policy=MART_FRESHNESS,
)


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file in ``path``'s folder, then rename it onto ``path`` (readable by all)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _chart_markdown(svg: bytes) -> str:
    return f"![Target attainment](data:image/svg+xml;base64,{base64.b64encode(svg).decode('ascii')})"


@multi_asset(specs=[COVERAGE_REPORT], name="coverage_report")
def coverage_report(context: AssetExecutionContext, warehouse: Warehouse):
    """Read the published marts, render the report and write it beside the warehouse."""
    with duckdb.connect(str(warehouse.published), read_only=True) as conn:
        marts = {name: read_table(conn, table_name(spec.key)) for name, spec in MARTS.items()}
    path = warehouse.published.parent / "report" / "index.html"
    write_atomically(path, report.render_report(**marts))
    context.log.info(f"wrote {path}")
    metadata = {"path": MetadataValue.path(str(path)), "bytes": path.stat().st_size}
    if not marts["targets"].empty:
        svg = report.attainment_svg(marts["targets"], marts["target_attainment"], marts["figures"])
        metadata["target_attainment"] = MetadataValue.md(_chart_markdown(svg))
    yield MaterializeResult(asset_key=COVERAGE_REPORT.key, metadata=metadata)
