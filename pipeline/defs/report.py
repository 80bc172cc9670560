"""The coverage report asset: the marts rendered by ``pipeline.report`` as one static HTML page.

It runs after the warehouse is published and reads the published file (read-only), so the page always describes
what BI users see. Of marts.figures and marts.findings, most of the warehouse, it reads only the rows the page
shows, and what the page says of the whole of them as a ``report.Corpus``. The page is written beside the
warehouse, as ``report/index.html``, through a temporary file renamed onto it, so a viewer never sees half a page.
The asset's metadata carries the path and the attainment chart.

A run whose marts (as the warehouse records them written) and code are those the last page was drawn from keeps
that page, as ``report/.page.json`` records. Otherwise the page is drawn again, but drawing a chart costs 0.05-0.1
s, so each chart's SVG is kept in ``report/.charts/``, named by the hash of its Vega-Lite spec and the vl-convert
version: the next page draws only the charts whose spec changed, and the files it does not use are deleted. The
page is built once, with a placeholder for each chart to draw; each such chart is handed to ``pipeline.drawing``
as soon as its spec is known, which draws it in worker processes while the page is built when there are many, and
its SVG is put in place of its placeholder at the end.
"""

import base64
import hashlib
import json
import os
import re
import tempfile
from pathlib import Path

import duckdb
import vl_convert
from dagster import AssetExecutionContext, AssetKey, AssetSpec, MaterializeResult, MetadataValue, multi_asset

from pipeline import drawing, report
from pipeline.defs.marts import COVERAGE, FINDINGS, MART_FIGURES, TARGET_ATTAINMENT, TARGETS
from pipeline.defs.publish import PUBLISHED
from pipeline.defs.resources import Warehouse
from pipeline.defs.tables import MART_FRESHNESS, table_name
from pipeline.versions import pipeline_version
from pipeline.warehouse import as_written, read_table

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


# The actual figures of every value the page plots (each coverage rate, each target's baseline and latest value):
# report.figure_sources picks the one the marts kept from all of a key's figures. In the table's order, as
# reconcile keeps the first of figures that rank equal.
PLOTTED_FIGURES = f"""
    WITH plotted AS (
        SELECT geo_code, scheme, 'coverage_rate' AS measure, as_of AS period_end
        FROM {table_name(COVERAGE.key)} WHERE coverage_rate_pct IS NOT NULL
        UNION SELECT geo_code, scheme, measure, baseline_as_of FROM {table_name(TARGET_ATTAINMENT.key)}
        UNION SELECT geo_code, scheme, measure, latest_as_of FROM {table_name(TARGET_ATTAINMENT.key)}
    )
    SELECT {", ".join(report.SOURCE_COLUMNS)}
    FROM {table_name(MART_FIGURES.key)} f SEMI JOIN plotted USING (geo_code, scheme, measure, period_end)
    WHERE f.kind = 'actual'
    ORDER BY f.rowid
"""


def read_marts(conn: duckdb.DuckDBPyConnection) -> dict:
    """render_report's arguments: the small marts whole; of figures and findings the rows the page shows, and
    the corpus of the whole of them."""
    figures, findings = table_name(MART_FIGURES.key), table_name(FINDINGS.key)
    corpus = report.Corpus(
        articles=conn.execute(f"SELECT DISTINCT {', '.join(report.ARTICLE_COLUMNS)} FROM {figures}").df(),
        figures=conn.execute(f"SELECT count(*) FROM {figures}").fetchone()[0],
        findings=conn.execute(f"SELECT count(*) FROM {findings}").fetchone()[0],
    )
    return {
        "coverage": read_table(conn, table_name(COVERAGE.key)),
        "targets": read_table(conn, table_name(TARGETS.key)),
        "target_attainment": read_table(conn, table_name(TARGET_ATTAINMENT.key)),
        "findings": conn.execute(f"SELECT * FROM {findings} ORDER BY rowid LIMIT {report.MAX_FINDINGS}").df(),
        "figures": conn.execute(PLOTTED_FIGURES).df(),
        "corpus": corpus,
    }


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


# Stands in the page for a chart still to draw, by its key: a tag that neither escaped text nor an SVG contains.
PLACEHOLDER = "<chart-to-draw {}>"


class ChartCache:
    """SVGs of drawn charts in ``folder``, one file per Vega-Lite spec (and vl-convert version, which draws it)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.used: set[str] = set()

    def render_report(self, **marts) -> report.Report:
        """``report.render_report`` of the marts, with each chart's SVG read from its file or, for a spec no earlier
        page drew, drawn (while the page is built) and saved."""
        undrawn: list[str] = []  # keys, in the order their specs were given to the drawing
        with drawing.Drawing() as pending:

            def svg(spec: str) -> str:
                key = hashlib.sha256(f"{vl_convert.__version__}\n{spec}".encode()).hexdigest()
                self.used.add(f"{key}.svg")
                try:
                    return (self.folder / f"{key}.svg").read_text(encoding="utf-8")
                except FileNotFoundError:
                    if key not in undrawn:
                        undrawn.append(key)
                        pending.add(spec)
                    return PLACEHOLDER.format(key)

            page = report.render_report(**marts, render=svg)
            drawn = dict(zip(undrawn, pending.svgs(), strict=True))
        for key, chart in drawn.items():
            write_atomically(self.folder / f"{key}.svg", chart)

        placeholders = re.compile(PLACEHOLDER.format("([0-9a-f]{64})"))

        def fill(text: str) -> str:
            return placeholders.sub(lambda placeholder: drawn[placeholder[1]], text)

        return report.Report(fill(page.html), page.attainment_svg and fill(page.attainment_svg))

    def prune(self) -> None:
        """Delete the SVGs of charts this page did not draw, so the folder holds one page's charts."""
        for path in self.folder.glob("*.svg"):
            if path.name not in self.used:
                path.unlink(missing_ok=True)


def _chart_markdown(svg: bytes) -> str:
    return f"![Target attainment](data:image/svg+xml;base64,{base64.b64encode(svg).decode('ascii')})"


# Beside the page: what it was drawn from, its SHA-256 and its attainment chart. A run whose marts and code are
# those the page was drawn from, and that finds the page as written, keeps it (``rendered_now`` false).
PAGE_RECORD = ".page.json"


def page_inputs(conn: duckdb.DuckDBPyConnection) -> str | None:
    """What decides the page: the pipeline's version and the content of every mart the report reads, as the
    published warehouse records it (``as_written``); None when it has no such record."""
    written = as_written(conn, [table_name(spec.key) for spec in MARTS.values()])
    return None if written is None else json.dumps([pipeline_version(), written])


def kept_page(path: Path, inputs: str | None) -> dict | None:
    """The record of the page at ``path`` when it was drawn from ``inputs`` and is still as written; else None."""
    if inputs is None:
        return None
    try:
        recorded = json.loads(path.with_name(PAGE_RECORD).read_text(encoding="utf-8"))
        page = path.read_bytes()
        same = recorded["inputs"] == inputs and hashlib.sha256(page).hexdigest() == recorded["sha256"]
        same = same and "attainment_svg" in recorded
    except (OSError, ValueError, LookupError, TypeError):  # missing, unreadable or not a record this code wrote
        return None
    return recorded if same else None


@multi_asset(specs=[COVERAGE_REPORT], name="coverage_report")
def coverage_report(context: AssetExecutionContext, warehouse: Warehouse):
    """Read the published marts, render the report and write it beside the warehouse; or keep the page when the
    marts and the code are those it was drawn from."""
    path = warehouse.published.parent / "report" / "index.html"
    with duckdb.connect(str(warehouse.published), read_only=True) as conn:
        inputs = page_inputs(conn)
        page = kept_page(path, inputs)
        rendered_now = page is None
        marts = read_marts(conn) if rendered_now else None
    if rendered_now:
        charts = ChartCache(path.parent / ".charts")
        drawn = charts.render_report(**marts)
        write_atomically(path, drawn.html)
        charts.prune()
        page = {
            "inputs": inputs,
            "sha256": hashlib.sha256(drawn.html.encode("utf-8")).hexdigest(),
            "attainment_svg": drawn.attainment_svg,
        }
        write_atomically(path.with_name(PAGE_RECORD), json.dumps(page))
        context.log.info(f"wrote {path}")
    metadata = {"path": MetadataValue.path(str(path)), "bytes": path.stat().st_size, "rendered_now": rendered_now}
    if page["attainment_svg"] is not None:
        metadata["target_attainment"] = MetadataValue.md(_chart_markdown(page["attainment_svg"].encode("utf-8")))
    yield MaterializeResult(asset_key=COVERAGE_REPORT.key, metadata=metadata)
