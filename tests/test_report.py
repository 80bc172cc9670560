"""The coverage report: built by a real materialisation and opened in headless Chromium over the DevTools protocol.

The browser test checks what a reader sees: every chart drawn, one source row under each chart for each plotted
point, no console error and no request leaving the page. It saves a full-page screenshot for review, in the
test's tmp dir and as warehouse/report/screenshot.png.
"""

import base64
import json
import os
import shutil
import subprocess
import time
import urllib.request
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from websockets.sync.client import connect

from pipeline import drawing, report
from pipeline.defs.report import MARTS, ChartCache
from pipeline.defs.tables import table_name
from tests.conftest import materialize_all

CHROMIUM = Path("/usr/bin/chromium")
PROJECT_SCREENSHOT = Path(__file__).resolve().parent.parent / "warehouse" / "report" / "screenshot.png"
WIDTH = 1280
TIMEOUT = 30

# For each chart: its drawn data points, and the rows of the source table that follows it.
CHARTS_JS = """JSON.stringify([...document.querySelectorAll('figure')].map(figure => {
  const svg = figure.querySelector('svg');
  const drawn = [...svg.querySelectorAll('g.role-mark.mark-symbol > path')].filter(p => {
    const box = p.getBBox();
    return box.width > 0 && box.height > 0;
  });
  const table = figure.nextElementSibling;
  return {
    width: svg.getBoundingClientRect().width,
    points: drawn.length,
    rows: table.tBodies[0].rows.length,
    empty_quotes: [...table.querySelectorAll('td.quote')].filter(td => !td.textContent.trim()).length,
  };
}))"""


class Page:
    """One browser tab over the DevTools protocol: commands answered in order, events kept."""

    def __init__(self, socket):
        self.socket, self.last_id, self.events = socket, 0, []

    def _receive(self) -> dict:
        message = json.loads(self.socket.recv(timeout=TIMEOUT))
        if "method" in message:
            self.events.append(message)
        return message

    def call(self, method: str, **params) -> dict:
        self.last_id += 1
        self.socket.send(json.dumps({"id": self.last_id, "method": method, "params": params}))
        while (message := self._receive()).get("id") != self.last_id:
            pass
        assert "error" not in message, message
        return message["result"]

    def wait_for(self, method: str) -> None:
        while not any(event["method"] == method for event in self.events):
            self._receive()

    def evaluate(self, expression: str):
        answer = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        assert "exceptionDetails" not in answer, answer["exceptionDetails"]
        return answer["result"]["value"]

    def problems(self) -> list[str]:
        """Console errors, uncaught exceptions and failed loads reported so far."""
        found = []
        for event in self.events:
            params = event["params"]
            if event["method"] == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
                found.append(" ".join(str(arg.get("value", arg.get("description"))) for arg in params["args"]))
            elif event["method"] == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                found.append(details.get("exception", {}).get("description", details["text"]))
            elif event["method"] == "Log.entryAdded" and params["entry"]["level"] == "error":
                found.append(params["entry"]["text"])
        return found

    def requests(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events if e["method"] == "Network.requestWillBeSent"]


def _devtools_port(profile: Path, browser: subprocess.Popen) -> int:
    """Chromium writes the port it listens on to DevToolsActivePort in its profile."""
    deadline = time.monotonic() + TIMEOUT
    port_file = profile / "DevToolsActivePort"
    while not (port_file.exists() and port_file.read_text().strip()):
        assert browser.poll() is None, "chromium exited at start"
        assert time.monotonic() < deadline, "chromium did not open its DevTools port"
        time.sleep(0.1)
    return int(port_file.read_text().split()[0])


@contextmanager
def chromium_page(profile: Path):
    """A fresh headless Chromium with no network features, and its first tab."""
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        "--remote-debugging-port=0",
        "about:blank",
    ]
    with (profile.parent / "chromium.log").open("w") as log:
        browser = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    try:
        port = _devtools_port(profile, browser)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=TIMEOUT) as response:
            tab = next(t for t in json.load(response) if t["type"] == "page")
        with connect(tab["webSocketDebuggerUrl"], max_size=None, open_timeout=TIMEOUT) as socket:
            yield Page(socket)
    finally:
        browser.terminate()
        browser.wait(timeout=TIMEOUT)


def open_report(page: Page, path: Path) -> None:
    for domain in ("Runtime", "Log", "Network", "Page"):
        page.call(f"{domain}.enable")
    page.call("Emulation.setDeviceMetricsOverride", width=WIDTH, height=1000, deviceScaleFactor=1, mobile=False)
    page.call("Page.navigate", url=path.as_uri())
    page.wait_for("Page.loadEventFired")


def screenshot(page: Page, target: Path) -> None:
    height = page.evaluate("document.documentElement.scrollHeight")
    clip = {"x": 0, "y": 0, "width": WIDTH, "height": height, "scale": 1}
    shot = page.call("Page.captureScreenshot", format="png", captureBeyondViewport=True, clip=clip)
    target.write_bytes(base64.b64decode(shot["data"]))


def geographies_with_rates(warehouse_file: Path) -> int:
    with duckdb.connect(str(warehouse_file), read_only=True) as conn:
        query = "SELECT count(DISTINCT geo_code) FROM marts.coverage WHERE coverage_rate_pct IS NOT NULL"
        return conn.execute(query).fetchone()[0]


# On CI (CI=true) `make test` installs Chromium, so a missing browser is a failure there, not a skip.
@pytest.mark.skipif(
    not CHROMIUM.exists() and not os.environ.get("CI"),
    reason="needs Debian's chromium at /usr/bin/chromium (`make test` installs it when run as root)",
)
def test_report_renders_every_chart_with_its_sources_and_no_error(raw_dir, warehouse_file, tmp_path):
    result = materialize_all(raw_dir, warehouse_file)
    assert result.success
    path = warehouse_file.parent / "report" / "index.html"
    metadata = result.asset_materializations_for_node("coverage_report")[0].metadata
    assert metadata["path"].value == str(path)
    assert metadata["target_attainment"].value.startswith("![Target attainment](data:image/svg+xml;base64,")
    (tmp_path / "profile").mkdir()
    with chromium_page(tmp_path / "profile") as page:
        open_report(page, path)
        charts = json.loads(page.evaluate(CHARTS_JS))
        screenshot(page, tmp_path / "report.png")
        assert page.problems() == []
        assert page.requests() == [path.as_uri()]
    PROJECT_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(tmp_path / "report.png", PROJECT_SCREENSHOT)
    assert len(charts) == geographies_with_rates(warehouse_file) + 1  # one per geography, then the targets
    for chart in charts:
        assert chart["width"] > 300
        assert chart["points"] == chart["rows"] > 0  # one source row per plotted point
        assert chart["empty_quotes"] == 0


def read_marts(conn, limit: str = "") -> dict:
    """The marts the report reads, by render_report's argument names."""
    return {name: conn.execute(f"SELECT * FROM {table_name(spec.key)} {limit}").df() for name, spec in MARTS.items()}


def test_article_text_is_escaped(built_warehouse):
    marts = read_marts(built_warehouse)
    marts["figures"]["title"] = "<script>alert('title')</script>"
    marts["figures"]["quote"] = marts["figures"]["quote"] + " <img src=x onerror=alert(1)>"
    marts["targets"]["quote"] = "<b>target</b> & more"
    page = report.render_report(**marts).html
    assert "<script>" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in page
    assert "&lt;b&gt;target&lt;/b&gt; &amp; more" in page


def test_a_warehouse_without_figures_gives_a_report_that_says_so(built_warehouse):
    page = report.render_report(**read_marts(built_warehouse, "LIMIT 0"))
    assert "No coverage rate in the warehouse yet." in page.html and "No target in the warehouse yet." in page.html
    assert "<svg" not in page.html and page.attainment_svg is None


def cached_render(marts: dict, folder: Path) -> tuple[str, dict[str, tuple[int, int]]]:
    """The page rendered through a chart cache in ``folder`` as the asset does, and each cached SVG's inode and
    mtime: a file rendered again is a new file."""
    charts = ChartCache(folder)
    page = charts.render_report(**marts).html
    charts.prune()
    return page, {path.name: (path.stat().st_ino, path.stat().st_mtime_ns) for path in folder.glob("*.svg")}


def test_the_chart_cache_renders_only_changed_charts_and_drops_stale_ones(built_warehouse, tmp_path):
    marts = read_marts(built_warehouse)
    folder = tmp_path / ".charts"
    _, first = cached_render(marts, folder)
    geographies = marts["coverage"].dropna(subset=["coverage_rate_pct"])["geo_code"].nunique()
    assert len(first) == geographies + 1  # one SVG per chart
    stale = folder / f"{'0' * 64}.svg"
    stale.write_text("<svg>a chart no page draws any more</svg>")

    coverage = marts["coverage"]
    changed = coverage["coverage_rate_pct"].first_valid_index()  # one rate in one geography's chart
    coverage.loc[changed, "coverage_rate_pct"] = coverage.loc[changed, "coverage_rate_pct"] / 2
    page, second = cached_render(marts, folder)

    kept = first.keys() & second.keys()
    assert len(kept) == len(first) - 1  # the changed chart's old SVG is gone ...
    assert len(second) == len(first) and not stale.exists()  # ... its new one is there, and the stale file is gone
    assert all(second[name] == first[name] for name in kept)  # the other charts were not rendered again
    assert page == report.render_report(**marts).html  # SVGs read from the cache draw the same page


@pytest.fixture
def pools(monkeypatch) -> list[int]:
    """The worker counts of the process pools drawing.Drawing starts, as if on a machine of two CPUs or more."""
    started = []

    class RecordedPool(ProcessPoolExecutor):
        def __init__(self, workers, **kwargs):
            started.append(workers)
            super().__init__(workers, **kwargs)

    monkeypatch.setattr(drawing, "ProcessPoolExecutor", RecordedPool)
    cpus = max(2, os.cpu_count() or 1)
    monkeypatch.setattr(os, "cpu_count", lambda: cpus)
    return started


def test_charts_drawn_in_worker_processes_give_the_page_drawn_in_one(built_warehouse, tmp_path, monkeypatch, pools):
    marts = read_marts(built_warehouse)
    marts["figures"]["quote"] += f" <chart-to-draw {'0' * 64}>"  # a quote that looks like a placeholder stays text
    drawn_here = report.render_report(**marts)  # drawing.svg, chart by chart
    assert pools == []
    monkeypatch.setattr(drawing, "PARALLEL_FROM", 2)
    charts = ChartCache(tmp_path / ".charts")
    in_workers = charts.render_report(**marts)
    assert len(pools) == 1
    assert in_workers == drawn_here  # the page and the attainment chart, byte for byte
    assert "<chart-to-draw" not in in_workers.html and "&lt;chart-to-draw" in in_workers.html
    assert len(list(charts.folder.glob("*.svg"))) == in_workers.html.count("<svg") > 2

    assert ChartCache(charts.folder).render_report(**marts) == drawn_here
    assert len(pools) == 1  # every chart came from its file: no process was started


def test_fewer_charts_than_parallel_from_are_drawn_in_this_process(built_warehouse, tmp_path, monkeypatch, pools):
    marts = read_marts(built_warehouse)
    charts = ChartCache(tmp_path / ".charts")
    monkeypatch.setattr(drawing, "PARALLEL_FROM", 1_000)
    assert charts.render_report(**marts) == report.render_report(**marts)
    assert pools == []


def test_points_are_labelled_with_their_values_only_where_labels_can_be_read(built_warehouse):
    marts = read_marts(built_warehouse)
    points = report.coverage_rates(marts["coverage"])
    few = points[points["geo_code"] == "VN-22"]
    assert 0 < len(few) <= report.MAX_LABELLED_POINTS
    many = pd.concat([few] * (report.MAX_LABELLED_POINTS // len(few) + 1), ignore_index=True)

    def marks(chart: str) -> list[str]:
        return [layer["mark"]["type"] for layer in json.loads(chart)["layer"]]

    assert marks(report.coverage_chart(few)) == ["line", "point", "text"]
    assert marks(report.coverage_chart(many)) == ["line", "point"]  # the table under the chart lists the values


def test_targets_of_one_series_share_a_panel_that_plots_its_values_once(built_warehouse):
    marts = read_marts(built_warehouse)
    targets = report.first_targets(marts["targets"])
    sources = report.figure_sources(marts["figures"])
    points, paths, order = report.target_values(targets, marts["target_attainment"], sources)
    assert len(order) == len(targets.groupby(["geo_code", "scheme", "measure"])) < len(targets)
    assert (points["series"] == "target").sum() == len(targets)
    actuals = points[points["series"].isin(["baseline", "latest", "projected"])]
    assert not actuals.duplicated(["label", "series", "date"]).any()  # a series' values once, however many targets
    assert set(points.loc[points["series"] != "target", "status"]) == {""}  # only targets have a status colour
    assert (paths.groupby(["label", "segment"]).size() == 2).all()  # each segment has its two ends


def test_coverage_charts_give_their_colours_as_text_under_the_chart(built_warehouse):
    marts = read_marts(built_warehouse)
    rates = report.coverage_rates(marts["coverage"])
    national = rates[rates["geo_code"] == "VN"]
    spec = json.loads(report.coverage_chart(national))
    assert [layer["encoding"]["color"]["legend"] for layer in spec["layer"]] == [None] * len(spec["layer"])
    assert len(spec["datasets"]["points"]) == len(national)
    page = report.render_report(**marts, render=lambda spec: "<svg></svg>").html
    for scheme in national["scheme"].unique():
        colour = report.SCHEME_COLOURS[report.SCHEMES.index(scheme)]
        assert f'<span style="color:{colour}">●</span> {scheme.replace("_", " ")}</span>' in page
