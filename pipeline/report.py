"""The coverage report: the marts drawn as one static HTML page that needs no network to view.

Only presentation belongs here: pure functions that take the mart DataFrames (``marts.coverage``, ``targets``,
``target_attainment``, ``findings`` and ``figures``) and return Vega-Lite specs, SVG, or HTML text. Of the two
large marts, figures and findings, a caller may pass only the rows the page shows, with a ``Corpus`` of the whole.
Nothing here reads the warehouse or computes a figure the marts do not hold. Charts are rendered to inline SVG
with vl-convert, so the page loads no script, style sheet or font; every plotted number is listed in a table
under its chart with its article and quote, and every text that comes from an article is escaped.
Drawing is most of the cost (0.05-0.07 s a chart), so ``render_report`` takes the function that turns a spec into
SVG (``drawing.svg`` by default), and calls it for the coverage charts before building the rest of the page: the
asset passes one that reuses the SVG of charts whose spec did not change since the last page, and stands a
placeholder in for each of the others, which start being drawn at once, in worker processes when there are many.
"""

import html
import itertools
import json
from collections.abc import Callable
from functools import cache
from typing import NamedTuple

import altair as alt
import pandas as pd

from pipeline import drawing
from pipeline.geography import NATIONAL, provinces
from pipeline.marts import FIGURE_KEY, KEY, reconcile
from pipeline.schemas import SCHEMES, TARGET_STATUSES

STATUS_COLOURS = {
    "achieved": "#1a9850",
    "on_track": "#66bd63",
    "acceleration_needed": "#f0a030",
    "limited_progress": "#f46d43",
    "deterioration": "#d73027",
    "missed": "#a50026",
    "insufficient_data": "#878787",
    "no_data": "#c7c7c7",
}
# A series' own values (baseline, latest, projected), which have no status: only its targets do.
ACTUAL_COLOUR = "#333333"
SCHEME_COLOURS = ["#4c78a8", "#f58518", "#e45756", "#54a24b", "#b279a2", "#9d755d"]
PERCENT_MEASURES = {"coverage_rate", "change_pct", "plan_attainment", "share_of_national"}
VALUE_SHAPES = {"baseline": "square", "latest": "circle", "target": "diamond", "projected": "triangle-up"}
PATH_DASHES = {"observed": [1, 0], "required": [6, 4], "projected": [2, 3]}
PROVENANCE_COLUMNS = ["article_id", "quote"]
# The columns figure_sources reads: the key, those reconcile ranks a key's figures by and states them with, and the
# provenance. A figure's other strings would be most of the memory the report takes.
SOURCE_COLUMNS = [
    *FIGURE_KEY,
    "kind",
    "observation_status",
    "published_date",
    "char_start",
    "value",
    "qualifier",
    *PROVENANCE_COLUMNS,
]
COMPARATORS = {">=": "≥", ">": ">"}
# Values labelled below their point rather than above, so that two values at one date do not overprint.
LABELLED_BELOW = ["baseline", "projected"]


def _label(code: str) -> str:
    """social_insurance as 'social insurance'."""
    return code.replace("_", " ")


@cache
def _geo_name(code: str) -> str:
    """'Nghe An (VN-22)'."""
    names = dict(zip(provinces()["geo_code"], provinces()["name"], strict=True))
    return f"{names.get(code, code)} ({code})"


def _geo_order(code: str) -> str:
    """Sort key: the nation first, then provinces by name."""
    return f"{code != NATIONAL:d} {_geo_name(code)}"


def _value(value: float, measure: str) -> str:
    """A value as written in the report: '93%', '2,936,308', 'VND 1,234 bn'."""
    if pd.isna(value):
        return "–"
    if measure in PERCENT_MEASURES:
        return f"{value:.4g}%"
    if measure == "revenue":
        return f"VND {value:,.6g} bn"
    return f"{value:,.0f}"


def _dates(values: pd.Series) -> pd.Series:
    """Dates as written in the report, '2023-12-31' ('–' for none), formatted a column at a time."""
    return pd.to_datetime(values).dt.strftime("%Y-%m-%d").fillna("–")


def _year_ends(field: str) -> alt.X:
    """A time axis with a grid line at each year's end, labelled with that year: figures are mostly as at 31 Dec."""
    axis = alt.Axis(tickCount="year", labelExpr="'' + (year(datum.value) - 1)", title="end of year")
    return alt.X(f"{field}:T", axis=axis, scale=alt.Scale(padding=24))


def _configured(chart):
    """The report's type sizes, close to the page's. Marks are hidden from screen readers (``aria-hidden``): the
    table under each chart lists every plotted value with its source, where an ARIA label per mark gave field names
    and values, 40% of a coverage chart's SVG and 15% of its drawing time."""
    return (
        chart.configure_axis(labelFontSize=11, titleFontSize=12, titleFontWeight="normal")
        .configure_legend(labelFontSize=12, titleFontSize=12)
        .configure_header(labelFontSize=12)
        .configure_mark(aria=False)
    )


# --- provenance -------------------------------------------------------------------------------------------


def figure_sources(figures: pd.DataFrame) -> pd.DataFrame:
    """For each (geo, scheme, measure, as_of) of an actual, the figure the marts kept, by the marts' own rule."""
    actuals = figures.loc[figures["kind"] == "actual", SOURCE_COLUMNS]
    if actuals.empty:
        return actuals.rename(columns={"period_end": "as_of"})[[*KEY, *PROVENANCE_COLUMNS]]
    return reconcile(actuals)[[*KEY, *PROVENANCE_COLUMNS]]


ARTICLE_COLUMNS = ["article_id", "title", "outlet", "published_date"]


class Corpus(NamedTuple):
    """What the page says of marts.figures and marts.findings as a whole: each article with a figure (its
    ``ARTICLE_COLUMNS``, one row each) and how many figures and findings there are. Given it, ``render_report``
    needs only the rows it shows of those two marts, a small part of them (at 50k articles, 800k figures with
    their quotes are 1.2 GB as a frame)."""

    articles: pd.DataFrame
    figures: int
    findings: int

    @classmethod
    def of(cls, figures: pd.DataFrame, findings: pd.DataFrame) -> "Corpus":
        """The corpus of whole marts.figures and marts.findings frames."""
        return cls(figures.drop_duplicates("article_id")[ARTICLE_COLUMNS], len(figures), len(findings))


def _articles(articles: pd.DataFrame) -> pd.Series:
    """Each article's 'Article' cell by id: title, then outlet, publication date and id. A Series, not a dict:
    pandas would turn a dict into one again for each table that maps its article ids through it."""
    cells = (
        articles["title"].astype(str)
        + "\n"
        + articles["outlet"].astype(str)
        + ", "
        + _dates(articles["published_date"])
        + " · "
        + articles["article_id"]
    )
    return pd.Series(cells.to_numpy(), index=articles["article_id"].to_numpy(), dtype=object)


# --- HTML -------------------------------------------------------------------------------------------------


def html_table(frame: pd.DataFrame) -> str:
    """A table of the frame, every header and cell escaped; each cell's class is its column name."""
    classes = [html.escape(str(column).lower().replace(" ", "-")) for column in frame.columns]
    head = "".join(f"<th>{html.escape(str(column))}</th>" for column in frame.columns)
    # Built a column at a time: the cells of a column share their class, and iterating columns is cheaper.
    cells = [
        [f'<td class="{css}">{html.escape(str(cell))}</td>' for cell in frame.iloc[:, i]]
        for i, css in enumerate(classes)
    ]
    rows = "".join(f"<tr>{''.join(row)}</tr>" for row in zip(*cells, strict=True))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _figure(chart_svg: str, caption: str, key: str = "") -> str:
    """A chart with its caption, and after it the chart's colour ``key`` (HTML) if it has one."""
    return f"<figure>{chart_svg}<figcaption>{html.escape(caption)}{key}</figcaption></figure>"


# --- coverage over time -----------------------------------------------------------------------------------


def coverage_rates(coverage: pd.DataFrame) -> pd.DataFrame:
    """Every coverage rate of marts.coverage, in the order a chart plots them (scheme, date), with the scheme's name
    and the rate as written."""
    rates = coverage.dropna(subset=["coverage_rate_pct"]).sort_values(["scheme", "as_of"], ignore_index=True)
    return rates.assign(
        scheme_name=rates["scheme"].map(_label),
        text=rates["coverage_rate_pct"].map(lambda v: _value(v, "coverage_rate")),
    )


def coverage_points(rates: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The ``coverage_rates``, in their order, with the article and quote of the figure each was taken from
    (``sources`` is ``figure_sources(figures)``)."""
    sources = sources[sources["measure"] == "coverage_rate"].drop(columns="measure")
    return rates.merge(sources, on=["geo_code", "scheme", "as_of"], how="left", validate="one_to_one")


@cache
def _coverage_spec(labelled: bool) -> str:
    """The coverage chart's JSON without its data (named 'points', the last key), built and validated by Altair once:
    doing so for each of ~64 geographies cost seconds, and only the data differ. It has no legend: the page gives
    the colours as text under the chart (``_scheme_key``), and a legend was a third of a chart's drawing time."""
    base = alt.Chart().encode(
        x=_year_ends("as_of"),
        y=alt.Y("coverage_rate_pct:Q", title="coverage rate (%)", scale=alt.Scale(domain=[0, 100])),
        color=alt.Color(
            "scheme_name:N",
            scale=alt.Scale(domain=[_label(s) for s in SCHEMES], range=SCHEME_COLOURS),
            legend=None,
        ),
    )
    lines = base.mark_line(strokeWidth=2)
    dots = base.mark_point(filled=True, size=60, opacity=1)
    labels = base.mark_text(dy=-10, fontSize=11).encode(text="text:N")
    data = alt.NamedData(name="points")
    layers = (lines, dots, labels) if labelled else (lines, dots)
    spec = _configured(alt.layer(*layers, data=data).properties(width=800, height=240)).to_dict()
    return json.dumps({**spec, "datasets": {"points": []}})


# Beyond this many points a chart's value labels overprint one another (the table under it lists every value),
# and drawing them is most of the chart's rendering time.
MAX_LABELLED_POINTS = 40


def _chart_records(points: pd.DataFrame) -> list[str]:
    """Each point's fields a coverage chart plots, as a JSON object: pandas writes them in C, for the whole page at
    once (converted to Python dicts, they took a fifth of the page's Python time)."""
    fields = points[["as_of", "coverage_rate_pct", "scheme_name", "text"]]
    return fields.to_json(orient="records", lines=True, date_format="iso", date_unit="s").splitlines()


def coverage_chart(points: pd.DataFrame, records: list[str] | None = None) -> str:
    """Coverage rate over time in one geography, one line per scheme, as Vega-Lite JSON; colours are the same in
    every geography. Each point is labelled with its value unless there are too many to read. ``records`` are the
    points' ``_chart_records``, when the caller converted them with other charts'."""
    if records is None:
        records = _chart_records(points)
    head, tail = _coverage_spec(len(points) <= MAX_LABELLED_POINTS).rsplit("[]", 1)
    return f"{head}[{','.join(records)}]{tail}"


def _scheme_key(schemes: set[str]) -> str:
    """The colour of each scheme a coverage chart plots, as HTML for under the chart."""
    return "".join(
        f'<span class="key"><span style="color:{colour}">●</span> {html.escape(_label(scheme))}</span>'
        for scheme, colour in zip(SCHEMES, SCHEME_COLOURS, strict=True)
        if scheme in schemes
    )


def coverage_charts(rates: pd.DataFrame, render: Callable[[str], str]) -> dict[str, str]:
    """Each geography's coverage chart (of its ``coverage_rates``) as ``render`` draws it, by geography code, the
    nation first, then by name. The charts come first in the page's making: drawing them is most of its cost, and
    it starts as soon as a spec is known."""
    records = _chart_records(rates)
    rows = rates.groupby("geo_code").indices
    return {
        code: render(coverage_chart(rates.iloc[rows[code]], [records[i] for i in rows[code]]))
        for code in sorted(rows, key=_geo_order)
    }


def coverage_sources(points: pd.DataFrame, articles: pd.Series) -> pd.DataFrame:
    """The table under a coverage chart: each plotted rate with its article and quote."""
    conflict = points["has_conflict"].map({True: "; articles disagree (see findings)", False: ""})
    return pd.DataFrame(
        {
            "Scheme": points["scheme_name"],
            "Date": _dates(points["as_of"]),
            "Coverage rate": points["text"]
            + " of "
            + points["denominator"].fillna("an unstated base").map(_label)
            + conflict,
            "Article": points["article_id"].map(articles),
            "Quote": points["quote"],
        }
    )


def coverage_section(points: pd.DataFrame, charts: dict[str, str], articles: pd.Series) -> str:
    """One chart (``coverage_charts``) and source table (of the ``coverage_points``) per geography that has a
    coverage rate. Table rows are converted once for the page, then split by geography: done per geography, the
    fixed cost of each call was most of the section's time."""
    if points.empty:
        return "<p>No coverage rate in the warehouse yet.</p>"
    tables, rows = coverage_sources(points, articles), points.groupby("geo_code").indices
    schemes = points.groupby("geo_code")["scheme"].unique()
    links = (f'<a href="#{html.escape(code)}">{html.escape(_geo_name(code))}</a>' for code in charts)
    parts = [f"<nav>{' · '.join(links)}</nav>"]
    for code, chart in charts.items():
        parts.append(
            f'<section id="{html.escape(code)}"><h3>{html.escape(_geo_name(code))}</h3>'
            + _figure(chart, f"Coverage rate in {_geo_name(code)}, by scheme:", _scheme_key(set(schemes[code])))
            + html_table(tables.iloc[rows[code]])
            + "</section>"
        )
    return "".join(parts)


# --- targets ----------------------------------------------------------------------------------------------


def _goal(t) -> str:
    """A target's threshold as written in the report: '≥ 95%', '> 1,000–2,000'."""
    high = f"–{_value(t.target_high, t.measure)}" if pd.notna(t.target_high) else ""
    return f"{COMPARATORS[t.comparator]} {_value(t.target_low, t.measure)}{high}"


def _panel_label(targets: list) -> str:
    """Two header lines, split at '|': the series (where and what), then its target or how many it has."""
    t = targets[0]
    goal = f" {_goal(t)} by {t.deadline:%b %Y}" if len(targets) == 1 else f", {len(targets)} targets"
    return f"{_geo_name(t.geo_code)} · {_label(t.scheme)}|{_label(t.measure)}{goal}"


def _panel_points(targets: list, sources: pd.DataFrame) -> list[dict]:
    """The plotted values of one series' targets, given in deadline order (they share the series' baseline and
    latest value): the baseline and latest value, then at each deadline its targets and the latest value projected
    to it. Values at a deadline are labelled only if one target has it: several would overprint."""
    first, label = targets[0], _panel_label(targets)

    def point(series: str, date, value: float, text: str, source: tuple, status: str = "", labelled=True) -> dict:
        article_id, quote = source
        return {
            "label": label,
            "series": series,
            "status": status,
            "date": date,
            "value": value,
            "text": text,
            "labelled": labelled,
            "article_id": article_id,
            "quote": quote,
        }

    def actual(series: str, as_of, value: float) -> dict:
        found = sources.loc[(first.geo_code, first.scheme, first.measure, as_of)]
        return point(series, as_of, value, _value(value, first.measure), (found["article_id"], found["quote"]))

    points = []
    if pd.notna(first.latest_as_of):
        if first.baseline_as_of != first.latest_as_of:
            points.append(actual("baseline", first.baseline_as_of, first.baseline_value))
        points.append(actual("latest", first.latest_as_of, first.latest_value))
    for deadline, due in itertools.groupby(targets, key=lambda t: t.deadline):
        due = list(due)
        alone = len(due) == 1
        for t in due:
            points.append(
                point("target", deadline, t.target_low, _goal(t), (t.source_article_id, t.quote), t.status, alone)
            )
        # The same for every target due then that has one (one series, one growth); those achieved have none.
        projected = next((t for t in due if pd.notna(t.projected_at_deadline)), None)
        if projected is not None:
            value, rate = projected.projected_at_deadline, f"{projected.observed_cagr:+.2%}"
            quote = f"Computed: the latest value grown at the observed rate ({rate} a year) to the deadline."
            points.append(
                point("projected", deadline, value, _value(value, first.measure), ("", quote), labelled=alone)
            )
    return points


def _panel_paths(points: list[dict]) -> list[dict]:
    """A panel's segments, each as its two ends with the status of the target it leads to: observed (baseline to
    latest), required (the first actual value to each target) and projected (the latest value to each deadline)."""
    actual = {p["series"]: p for p in points if p["series"] in ("baseline", "latest")}
    first, latest = actual.get("baseline", actual.get("latest")), actual.get("latest")
    segments = [("observed", actual.get("baseline"), latest)]
    for p in points:
        if p["series"] == "target":
            segments.append(("required", first, p))
        elif p["series"] == "projected":
            segments.append(("projected", latest, p))
    return [
        {**end, "status": stop["status"], "path": path, "segment": i}
        for i, (path, start, stop) in enumerate(segments)
        if start and stop and stop["date"] > start["date"]
        for end in (start, stop)
    ]


def target_values(targets: pd.DataFrame, attainment: pd.DataFrame, sources: pd.DataFrame):
    """The plotted values (with provenance) and path segments of the targets, one panel per series (geography,
    scheme and measure) in geography order, and the panels' labels (``sources`` is ``figure_sources(figures)``)."""
    frame = attainment.merge(
        targets[["target_id", "comparator", "source_article_id", "quote"]], on="target_id", validate="one_to_one"
    )
    frame = frame.sort_values(
        ["geo_code", "scheme", "measure", "deadline", "target_low"],
        key=lambda c: c.map(_geo_order) if c.name == "geo_code" else c,
    )
    sources = sources.set_index(KEY)
    series = itertools.groupby(frame.itertuples(), key=lambda t: (t.geo_code, t.scheme, t.measure))
    panels = [_panel_points(list(due), sources) for _, due in series]
    points = pd.DataFrame([p for panel in panels for p in panel])
    paths = pd.DataFrame([s for panel in panels for s in _panel_paths(panel)], columns=[*points, "path", "segment"])
    return points, paths, [panel[0]["label"] for panel in panels]


def attainment_chart(points: pd.DataFrame, paths: pd.DataFrame, order: list[str]) -> alt.FacetChart:
    """One small panel per series (``target_values``): its actual values and their projection in black, and each
    target with the path required to reach it, coloured by the target's status."""
    data = pd.concat([points.assign(layer="point"), paths.assign(layer="path")], ignore_index=True)
    data = data[["label", "status", "series", "path", "segment", "date", "value", "text", "labelled", "layer"]]
    data["colour"] = data["status"].map(_label).replace("", "actual value")
    data["below"] = data["series"].isin(LABELLED_BELOW)
    present = [_label(s) for s in TARGET_STATUSES if s in set(data["status"])]
    x = _year_ends("date")
    y = alt.Y("value:Q", title=None, scale=alt.Scale(zero=False, padding=16))
    colour = alt.Color(
        "colour:N",
        scale=alt.Scale(
            domain=[*(_label(s) for s in TARGET_STATUSES), "actual value"],
            range=[*(STATUS_COLOURS[s] for s in TARGET_STATUSES), ACTUAL_COLOUR],
        ),
        legend=alt.Legend(values=present, title="target status", labelLimit=240),
    )
    lines = (
        alt.Chart()
        .mark_line(strokeWidth=2)
        .encode(x, y, colour, detail="segment:N", strokeDash=_legend_scale("path", PATH_DASHES, alt.StrokeDash))
        .transform_filter("datum.layer == 'path'")
    )
    marks = alt.Chart().encode(x, y).transform_filter("datum.layer == 'point'")
    dots = marks.mark_point(filled=True, size=80, opacity=1).encode(
        colour, shape=_legend_scale("series", VALUE_SHAPES, alt.Shape, title="value")
    )
    labels = [
        marks.mark_text(dy=dy, fontSize=11, color="#333")
        .encode(text="text:N")
        .transform_filter(f"datum.labelled && {test}")
        for dy, test in ((16, "datum.below"), (-11, "!datum.below"))
    ]
    header = alt.Header(title=None, labelExpr="split(datum.value, '|')", labelLimit=320)
    return _configured(
        alt.layer(lines, dots, *labels, data=data)
        .properties(width=290, height=160)
        .facet(facet=alt.Facet("label:N", sort=order, header=header), columns=3)
        .resolve_scale(x="independent", y="independent")
    )


def _legend_scale(field: str, mapping: dict, channel, title: str | None = None):
    return channel(
        f"{field}:N", title=title or field, scale=alt.Scale(domain=list(mapping), range=list(mapping.values()))
    )


def attainment_sources(points: pd.DataFrame, articles: pd.Series) -> pd.DataFrame:
    """The table under the attainment chart: every plotted value with its article and quote, grouped by series."""
    first = ~points["label"].duplicated()
    return pd.DataFrame(
        {
            "Series": points["label"].str.replace("|", ": ").where(first, ""),
            "Value": points["series"] + " " + points["text"],
            "Status": points["status"].map(_label),
            "Date": _dates(points["date"]),
            "Article": points["article_id"].map(articles).fillna("–"),
            "Quote": points["quote"],
        }
    )


def targets_section(chart_svg: str, points: pd.DataFrame, articles: pd.Series) -> str:
    """The attainment chart and, under it, the source of every value it plots."""
    caption = (
        "Each panel is one series (a geography, scheme and measure) with its targets. In black, its actual values: "
        "solid line, observed from the baseline to the latest; dotted, the latest value grown at the observed rate "
        "to a deadline. Coloured by status, each target (a diamond) and, dashed, the path required from the "
        "baseline to reach it. Values at a deadline several targets share are not labelled: the table lists them."
    )
    return _figure(chart_svg, caption) + html_table(attainment_sources(points, articles))


# --- findings ---------------------------------------------------------------------------------------------


def findings_section(findings: pd.DataFrame, articles: pd.Series) -> str:
    """marts.findings as a table, with the articles each finding involves."""
    if findings.empty:
        return "<p>No consistency problem found.</p>"
    cells = dict(zip(articles.index, articles, strict=True))  # ids looked up one at a time: a Series' get is slow
    table = pd.DataFrame(
        {
            "Kind": findings["kind"].map(_label),
            "Geography": findings["geo_code"].map(_geo_name),
            "Scheme": findings["scheme"].map(_label),
            "Date": _dates(findings["as_of"]),
            "Detail": findings["detail"],
            "Article": findings["article_ids"].map(lambda ids: "\n\n".join(cells.get(i, i) for i in ids.split(","))),
        }
    )
    return html_table(table)


# --- the page ---------------------------------------------------------------------------------------------

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", sans-serif; margin: 2rem auto;
       max-width: 1200px; padding: 0 1rem; color: #222; line-height: 1.4; }
h1 { margin-bottom: .2rem; } h2 { margin-top: 2.5rem; border-bottom: 2px solid #ddd; }
nav { margin: .5rem 0 1rem; } section { margin-bottom: 2rem; }
figure { margin: 1rem 0 .5rem; } figure svg { max-width: 100%; height: auto; }
figcaption { color: #555; font-size: .9rem; } .key { margin-left: .8rem; white-space: nowrap; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; margin-bottom: 1rem; }
th, td { border: 1px solid #ddd; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
td.article, td.detail { white-space: pre-line; } td.article { min-width: 14rem; } td.quote { color: #444; }
td.date { white-space: nowrap; }
"""


def _summary(coverage: pd.DataFrame, targets: pd.DataFrame, corpus: Corpus) -> str:
    published = corpus.articles["published_date"]
    first, last = _dates(pd.Series([published.min(), published.max()]))
    rates = coverage.dropna(subset=["coverage_rate_pct"])
    return html.escape(
        f"{len(corpus.articles)} articles published {first} to {last}; "
        f"{corpus.figures} figures; {len(rates)} coverage rates in {rates['geo_code'].nunique()} geographies; "
        f"{len(targets)} targets; {corpus.findings} findings."
    )


# A page stays readable (and each chart within Vega-Lite's row limit) when a national corpus has thousands of
# targets or findings: the page shows the first ones and says where the rest are.
MAX_TARGETS = 60
MAX_FINDINGS = 200


def first_targets(targets: pd.DataFrame) -> pd.DataFrame:
    """The targets a page shows: nationwide first, then by geography, latest deadline first."""
    order = targets.assign(national=targets["geo_code"] != "VN").sort_values(
        ["national", "geo_code", "deadline", "scheme", "target_id"], ascending=[True, True, False, True, True]
    )
    return order.head(MAX_TARGETS).drop(columns="national")


def _cut_note(shown: int, total: int, table: str) -> str:
    return "" if shown == total else f"<p><em>Showing {shown} of {total}; all are in <code>{table}</code>.</em></p>"


class Report(NamedTuple):
    """The page, and its attainment chart's SVG (None without targets) for Dagster metadata, so that the chart
    is drawn once; as SVG it is a third of the size of the PNG."""

    html: str
    attainment_svg: str | None


def render_report(
    coverage: pd.DataFrame,
    targets: pd.DataFrame,
    target_attainment: pd.DataFrame,
    findings: pd.DataFrame,
    figures: pd.DataFrame,
    render: Callable[[str], str] = drawing.svg,
    corpus: Corpus | None = None,
) -> Report:
    """The whole report as one self-contained HTML document, each chart drawn by ``render`` from its Vega-Lite
    JSON. Provenance is looked up once for the page: reconciling the figures is the costliest step after drawing.
    Given the ``corpus`` of the whole marts, ``figures`` need only be the actual figures of each value the page
    plots (every coverage rate, and each target's baseline and latest value) and ``findings`` the first
    ``MAX_FINDINGS``."""
    if corpus is None:
        corpus = Corpus.of(figures, findings)
    rates = coverage_rates(coverage)
    charts = coverage_charts(rates, render)
    sources, articles = figure_sources(figures), _articles(corpus.articles)
    shown_targets = first_targets(targets)
    shown_findings = findings.head(MAX_FINDINGS)
    attainment, targets_html = None, "<p>No target in the warehouse yet.</p>"
    if not shown_targets.empty:
        points, paths, order = target_values(shown_targets, target_attainment, sources)
        attainment = render(attainment_chart(points, paths, order).to_json())
        targets_html = targets_section(attainment, points, articles)
    page = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Vietnam insurance coverage</title><style>{STYLE}</style></head><body>"
        "<h1>Vietnam insurance coverage</h1>"
        f"<p>{_summary(coverage, targets, corpus)}</p>"
        "<h2>Coverage over time</h2>"
        "<p>Stated coverage rates, by geography and scheme. Schemes measure against different denominators "
        "(population, labour force): see each table.</p>"
        + coverage_section(coverage_points(rates, sources), charts, articles)
        + "<h2>Targets</h2>"
        + _cut_note(len(shown_targets), len(targets), "marts.target_attainment")
        + targets_html
        + "<h2>Findings</h2><p>Consistency problems across and within articles, for an analyst to review.</p>"
        + _cut_note(len(shown_findings), corpus.findings, "marts.findings")
        + findings_section(shown_findings, articles)
        + "</body></html>"
    )
    return Report(page, attainment)
