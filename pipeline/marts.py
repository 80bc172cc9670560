"""The marts BI users query, built from the accepted figures with pandas: coverage, targets, attainment,
plan progress and findings. Pure functions of their input frames, sorted on their keys, so the same figures
always give the same tables.

Reconciliation rule: for one geography, scheme, measure and date, a reported figure beats an estimate, then
the later publication wins (then the earlier position in the text, for determinism). Values implied by a
stated change are kept apart (is_derived) and never replace a stated one.
"""

import hashlib
import re

import numpy as np
import pandas as pd

KEY = ["geo_code", "scheme", "measure", "as_of"]
STATUS_RANK = {"reported": 0, "estimate": 1, "plan": 2}
# Two figures for one key disagree when they differ by more than rounding.
CONFLICT_TOLERANCE = 0.001
# A denominator implied by participants / rate that moves more than this between observations is a finding.
DENOMINATOR_DRIFT = 0.05
# A stated share of the national total that differs from the counts by more than this (percentage points).
SHARE_TOLERANCE_PP = 1.0
SET_BY = re.compile(
    r"(?:the )?(?:Resolution|Decision|Directive|Plan|Strategy|Program(?:me)?)\b(?: No\.)? ?[\w./-]*\d[\w./-]*"
    r"|the Resolution of the [^,.;:]+?(?= is\b|[,.;:]|$)",
    re.IGNORECASE,
)


def stable_id(*parts) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:16]


def decimal_year(dates: pd.Series) -> pd.Series:
    """End-of-month dates as years: 2023-12-31 is 2024.0, 2021-06-30 is 2021.5."""
    dates = pd.to_datetime(dates)
    return dates.dt.year + dates.dt.month / 12


def _ranked(actuals: pd.DataFrame) -> pd.DataFrame:
    ranked = actuals.assign(status_rank=actuals["observation_status"].map(STATUS_RANK))
    return ranked.sort_values(
        KEY + ["status_rank", "published_date", "article_id", "char_start"],
        ascending=[True] * len(KEY) + [True, False, True, True],
    )


def reconcile(figures: pd.DataFrame) -> pd.DataFrame:
    """One row per (geo, scheme, measure, as_of) of stated actuals: the winning figure, how many articles
    state the key, whether they disagree (beyond rounding), and every stated value for the findings."""
    actuals = figures[figures["kind"] == "actual"].rename(columns={"period_end": "as_of"})
    ranked = _ranked(actuals)
    ranked["stated"] = [
        f"{v:,.6g} ({q}, {s}, {a})"
        for v, q, s, a in zip(
            ranked["value"], ranked["qualifier"], ranked["observation_status"], ranked["article_id"], strict=True
        )
    ]
    groups = ranked.groupby(KEY, sort=True)
    winners = groups.head(1).set_index(KEY)
    low, high = groups["value"].min(), groups["value"].max()
    winners["n_sources"] = groups["article_id"].nunique()
    winners["has_conflict"] = (high - low) > CONFLICT_TOLERANCE * high.abs().clip(lower=1e-9)
    winners["all_values"] = groups["stated"].agg("; ".join)
    winners["article_ids"] = groups["article_id"].agg(lambda ids: ",".join(sorted(set(ids))))
    return winners.reset_index()


def derived_participants(figures: pd.DataFrame) -> pd.DataFrame:
    """Participant counts implied by a stated change: count minus change_abs, or count / (1 + change_pct)."""
    counts = figures[(figures["kind"] == "actual") & (figures["measure"] == "participants")]
    changes = figures[(figures["kind"] == "actual") & figures["measure"].isin(["change_abs", "change_pct"])]
    joined = changes.merge(counts, left_on="parent_figure_id", right_on="figure_id", suffixes=("_change", ""))
    if joined.empty:
        return pd.DataFrame(columns=[*KEY, "value", "qualifier", "article_id", "figure_id", "published_date"])
    earlier = joined["compared_to_change"].fillna(joined["period_end"] - pd.DateOffset(years=1))
    absolute = joined["measure_change"] == "change_abs"
    value = np.where(
        absolute, joined["value"] - joined["value_change"], joined["value"] / (1 + joined["value_change"] / 100)
    )
    exact = (joined["qualifier"] == "exact") & (joined["qualifier_change"] == "exact") & absolute
    return pd.DataFrame(
        {
            "geo_code": joined["geo_code"],
            "scheme": joined["scheme"],
            "measure": "participants",
            "as_of": earlier,
            "value": np.round(value, 0),
            "qualifier": np.where(exact, "exact", "about"),
            "article_id": joined["article_id"],
            "figure_id": joined["figure_id_change"],
            "published_date": joined["published_date"],
        }
    )


def coverage(figures: pd.DataFrame) -> pd.DataFrame:
    """One row per (geo_code, scheme, as_of): participants and coverage rate, stated or derived."""
    stated = reconcile(figures[figures["measure"].isin(["participants", "coverage_rate"])])
    counts = stated[stated["measure"] == "participants"].set_index(["geo_code", "scheme", "as_of"])
    rates = stated[stated["measure"] == "coverage_rate"].set_index(["geo_code", "scheme", "as_of"])
    table = pd.DataFrame(index=counts.index.union(rates.index))
    table["participants"] = counts["value"]
    table["participants_qualifier"] = counts["qualifier"]
    table["coverage_rate_pct"] = rates["value"]
    table["denominator"] = rates["denominator"]
    table["source_article_id"] = counts["article_id"].combine_first(rates["article_id"])
    sources = (
        pd.concat([counts["article_ids"], rates["article_ids"]])
        .groupby(level=[0, 1, 2])
        .agg(lambda ids: len(set(",".join(ids).split(","))))
    )
    table["n_sources"] = sources
    table["has_conflict"] = counts["has_conflict"].reindex(table.index, fill_value=False) | rates[
        "has_conflict"
    ].reindex(table.index, fill_value=False)
    table["is_derived"] = False
    derived = derived_participants(figures).rename(
        columns={"value": "participants", "qualifier": "participants_qualifier", "article_id": "source_article_id"}
    )
    derived = derived.sort_values(
        ["geo_code", "scheme", "as_of", "published_date", "figure_id"], ascending=[True, True, True, False, True]
    )
    derived = derived.drop_duplicates(["geo_code", "scheme", "as_of"]).set_index(["geo_code", "scheme", "as_of"])
    derived = derived[~derived.index.isin(table.index)]
    derived = derived.assign(
        n_sources=1, has_conflict=False, is_derived=True, coverage_rate_pct=np.nan, denominator=None
    )
    table = pd.concat([table, derived[table.columns]]).sort_index().reset_index()
    table["implied_denominator"] = (table["participants"] / (table["coverage_rate_pct"] / 100)).round(0)
    return table


def targets(figures: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct target; repeated mentions of one target keep the first (earliest published)."""
    stated = figures[figures["kind"] == "target"].sort_values(["published_date", "article_id", "char_start"])
    stated = stated.drop_duplicates(["geo_code", "scheme", "measure", "value", "value_high", "period_end"])
    return (
        pd.DataFrame(
            {
                "target_id": stated["figure_id"],
                "geo_code": stated["geo_code"],
                "scheme": stated["scheme"],
                "measure": stated["measure"],
                "target_low": stated["value"],
                "target_high": stated["value_high"],
                "comparator": np.where(stated["qualifier"] == "more_than", ">", ">="),
                "deadline": stated["period_end"],
                "denominator": stated["denominator"],
                "set_by": stated["quote"].map(lambda q: (SET_BY.search(q) or [None])[0]),
                "source_article_id": stated["article_id"],
                "quote": stated["quote"],
            }
        )
        .sort_values(["geo_code", "scheme", "measure", "deadline", "target_low", "target_id"])
        .reset_index(drop=True)
    )


def _status(target, series: pd.DataFrame) -> dict:
    """Eurostat / Open SDG growth-ratio assessment of one target against its actual series."""
    result = {
        "latest_value": np.nan,
        "latest_as_of": pd.NaT,
        "latest_article_id": None,
        "baseline_value": np.nan,
        "baseline_as_of": pd.NaT,
        "attainment_ratio": np.nan,
        "gap": np.nan,
        "observed_cagr": np.nan,
        "required_cagr": np.nan,
        "growth_ratio": np.nan,
        "projected_at_deadline": np.nan,
        "denominator_mismatch": False,
        "status": "no_data",
    }
    if series.empty:
        return result
    series = series.sort_values("as_of")
    latest, baseline = series.iloc[-1], series.iloc[0]
    x = target.target_low
    result.update(
        latest_value=latest["value"],
        latest_as_of=latest["as_of"],
        latest_article_id=latest["article_id"],
        baseline_value=baseline["value"],
        baseline_as_of=baseline["as_of"],
        attainment_ratio=latest["value"] / x if x else np.nan,
        gap=x - latest["value"],
        denominator_mismatch=bool(
            target.measure == "coverage_rate" and (series["denominator"].fillna("") != (target.denominator or "")).any()
        ),
    )
    meets = latest["value"] > x if target.comparator == ">" else latest["value"] >= x
    if meets:
        result["status"] = "achieved"
        return result
    if (series["as_of"] >= target.deadline).any():
        result["status"] = "missed"
        return result
    if len(series) < 2 or latest["as_of"] == baseline["as_of"]:
        result["status"] = "insufficient_data"
        return result
    b, t, deadline = decimal_year(pd.Series([baseline["as_of"], latest["as_of"], target.deadline]))
    observed = (latest["value"] / baseline["value"]) ** (1 / (t - b)) - 1
    required = (x / baseline["value"]) ** (1 / (deadline - b)) - 1
    ratio = observed / required if required > 0 else np.nan
    result.update(
        observed_cagr=observed,
        required_cagr=required,
        growth_ratio=ratio,
        projected_at_deadline=latest["value"] * (1 + observed) ** (deadline - t),
    )
    if required <= 0 or ratio < 0:
        result["status"] = "deterioration"
    elif ratio >= 0.95:
        result["status"] = "on_track"
    elif ratio >= 0.6:
        result["status"] = "acceleration_needed"
    else:
        result["status"] = "limited_progress"
    return result


def target_attainment(target_table: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """Each target against the reconciled actuals of its geography, scheme and measure."""
    series_by_key = dict(list(reconcile(figures).groupby(["geo_code", "scheme", "measure"])))
    empty = pd.DataFrame(columns=["as_of", "value", "article_id", "denominator"])
    rows = []
    for target in target_table.itertuples():
        series = series_by_key.get((target.geo_code, target.scheme, target.measure), empty)
        rows.append(
            {
                "target_id": target.target_id,
                "geo_code": target.geo_code,
                "scheme": target.scheme,
                "measure": target.measure,
                "target_low": target.target_low,
                "target_high": target.target_high,
                "deadline": target.deadline,
                **_status(target, series),
            }
        )
    return pd.DataFrame(rows)


def plan_progress(figures: pd.DataFrame) -> pd.DataFrame:
    """Stated plan attainment ("reaching 98.39% of the plan") with the figure it qualifies."""
    stated = figures[(figures["measure"] == "plan_attainment") & (figures["kind"] == "actual")]
    parents = figures.set_index("figure_id")
    parent = parents.reindex(stated["parent_figure_id"])
    actual = parent["value"].to_numpy()
    return (
        pd.DataFrame(
            {
                "geo_code": stated["geo_code"].to_numpy(),
                "scheme": stated["scheme"].to_numpy(),
                "as_of": stated["period_end"].to_numpy(),
                "measure": parent["measure"].to_numpy(),
                "actual_value": actual,
                "attainment_pct": stated["value"].to_numpy(),
                "implied_plan_value": np.round(actual / (stated["value"].to_numpy() / 100), 2),
                "source_article_id": stated["article_id"].to_numpy(),
                "quote": stated["quote"].to_numpy(),
            }
        )
        .sort_values(["geo_code", "scheme", "as_of", "measure", "attainment_pct"])
        .reset_index(drop=True)
    )


def _finding(kind: str, geo: str, scheme: str, as_of, detail: str, article_ids) -> dict:
    ids = ",".join(sorted(set(",".join(article_ids).split(","))))
    return {
        "finding_id": stable_id(kind, geo, scheme, as_of, detail),
        "kind": kind,
        "geo_code": geo,
        "scheme": scheme,
        "as_of": as_of,
        "detail": detail,
        "article_ids": ids,
    }


def _consistent(implied: float, stated: float, qualifier: str) -> bool:
    """Whether a value implied by a change agrees with a stated value, allowing for its qualifier."""
    if qualifier == "more_than":
        return implied >= stated * 0.995
    if qualifier == "nearly":
        return implied <= stated * 1.005
    if qualifier == "exact":
        return abs(implied - stated) <= 0.01 * stated
    return abs(implied - stated) <= 0.05 * stated


def findings(figures: pd.DataFrame, coverage_table: pd.DataFrame) -> pd.DataFrame:
    """Consistency problems across and within articles."""
    rows = []
    stated = reconcile(figures)
    for r in stated[stated["has_conflict"]].itertuples():
        rows.append(
            _finding(
                "conflicting_values",
                r.geo_code,
                r.scheme,
                r.as_of,
                f"{r.measure}: {r.all_values}; kept {r.value:,.6g} from {r.article_id}",
                [r.article_ids],
            )
        )
    counts = stated[stated["measure"] == "participants"].set_index(["geo_code", "scheme", "as_of"])
    shares = figures[(figures["measure"] == "share_of_national") & (figures["kind"] == "actual")]
    for s in shares.itertuples():
        local, national = (s.geo_code, s.scheme, s.period_end), ("VN", s.scheme, s.period_end)
        if local in counts.index and national in counts.index:
            implied = counts.loc[local, "value"] / counts.loc[national, "value"] * 100
            if abs(implied - s.value) > SHARE_TOLERANCE_PP:
                rows.append(
                    _finding(
                        "share_contradicts_counts",
                        s.geo_code,
                        s.scheme,
                        s.period_end,
                        f"stated {s.value:g}% of the national total; the counts give "
                        f"{counts.loc[local, 'value']:,.0f} / {counts.loc[national, 'value']:,.0f} = {implied:.2f}%",
                        [s.article_id, counts.loc[local, "article_ids"], counts.loc[national, "article_ids"]],
                    )
                )
    with_denominator = coverage_table.dropna(subset=["implied_denominator"]).sort_values("as_of")
    for (geo, scheme, denominator), series in with_denominator.groupby(["geo_code", "scheme", "denominator"]):
        for before, after in zip(series.iloc[:-1].itertuples(), series.iloc[1:].itertuples(), strict=True):
            drift = after.implied_denominator / before.implied_denominator - 1
            if abs(drift) > DENOMINATOR_DRIFT:
                rows.append(
                    _finding(
                        "implied_denominator_drift",
                        geo,
                        scheme,
                        after.as_of,
                        f"{denominator} implied by participants / rate moves {drift:+.1%}: "
                        f"{before.implied_denominator:,.0f} at {before.as_of:%Y-%m-%d} to "
                        f"{after.implied_denominator:,.0f} at {after.as_of:%Y-%m-%d}",
                        [before.source_article_id, after.source_article_id],
                    )
                )
    for d in derived_participants(figures).itertuples():
        key = (d.geo_code, d.scheme, d.as_of)
        if key in counts.index and not _consistent(d.value, counts.loc[key, "value"], counts.loc[key, "qualifier"]):
            rows.append(
                _finding(
                    "change_disagrees_with_values",
                    d.geo_code,
                    d.scheme,
                    d.as_of,
                    f"a stated change implies {d.value:,.0f} participants, but {counts.loc[key, 'value']:,.0f} "
                    f"({counts.loc[key, 'qualifier']}) is stated",
                    [d.article_id, counts.loc[key, "article_ids"]],
                )
            )
    frame = pd.DataFrame(rows, columns=["finding_id", "kind", "geo_code", "scheme", "as_of", "detail", "article_ids"])
    return frame.drop_duplicates("finding_id").sort_values(["kind", "geo_code", "scheme", "as_of", "finding_id"])
