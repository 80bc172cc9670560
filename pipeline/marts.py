"""The marts BI users query, built from the accepted figures with pandas: coverage, targets, attainment,
plan progress and findings. Pure functions of their input frames, sorted on their keys, so the same figures
always give the same tables.

Reconciliation rule: for one geography, scheme, measure and date, a reported figure beats an estimate, then
the later publication wins (then the earlier position in the text, for determinism). Values implied by a
stated change are kept apart (is_derived) and never replace a stated one.

Written for 50,000 articles (800k figures): per-key work runs over sorted runs of plain arrays, ordering is one
``np.lexsort`` of integer codes, key lookups are merges, index lookups or dicts, targets are assessed as arrays, and
wide frames of strings are copied as little as possible. reconcile and derived_participants feed several marts, so
they take them as arguments: the caller computes them once. Groupby with Python callables, per-row ``.loc`` and a
DataFrame per group or target made the marts take tens of seconds at that scale.
"""

import bisect
import hashlib
import itertools
import re

import numpy as np
import pandas as pd

KEY = ["geo_code", "scheme", "measure", "as_of"]
# The same key as the figures spell it, before the date becomes as_of.
FIGURE_KEY = ["geo_code", "scheme", "measure", "period_end"]
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


def _sort_codes(values: np.ndarray, descending: bool = False) -> np.ndarray:
    """Integers that order ``values`` as ``sort_values`` does, ascending or descending with missing values last:
    keys for ``np.lexsort``, which sorts integers far faster than pandas sorts columns of strings and dates."""
    codes, uniques = pd.factorize(values, sort=True)
    return len(uniques) - 1 - codes if descending else np.where(codes < 0, len(uniques), codes)


def _ranked(figures: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The actuals' rows in ``figures``, keys in order and each key's figures best first, and where each key's rows
    start; rows missing part of the key are left out, as groupby leaves them out. Keys and ranking columns are
    numbered so that one ``np.lexsort`` of integers orders them; being stable, it keeps figures that rank equal in
    the figures' order."""
    rows = np.flatnonzero((figures["kind"] == "actual").to_numpy())
    key = np.zeros(len(rows), dtype=np.int64)
    complete = np.ones(len(rows), dtype=bool)
    for column in FIGURE_KEY:
        codes, uniques = pd.factorize(figures[column].to_numpy()[rows], sort=True)
        complete &= codes >= 0
        # Renumbered after each column, so that the combined numbers stay far below 2**63.
        key = pd.factorize(key * len(uniques) + codes, sort=True)[0]
    statuses, names = pd.factorize(figures["observation_status"].to_numpy()[rows])
    unranked = len(STATUS_RANK)  # an unknown or missing status ranks last, as NaN sorts last
    status_rank = np.array([*(STATUS_RANK.get(name, unranked) for name in names), unranked])[statuses]
    # Codes are at most len(rows): the five columns fit two keys below 5 * len(rows) ** 2, far from 2**63, and
    # sorting two keys takes a third of the time of five.
    width = len(rows) + 1
    rank = (key * (unranked + 1) + status_rank) * width + _sort_codes(
        figures["published_date"].to_numpy()[rows], descending=True
    )
    position = _sort_codes(figures["article_id"].to_numpy()[rows]) * width + _sort_codes(
        figures["char_start"].to_numpy()[rows]
    )
    order = np.lexsort((position, rank))
    order = order[complete[order]]
    return rows[order], _run_starts(key[order])


def _run_starts(labels: np.ndarray) -> np.ndarray:
    """Where each run of equal labels starts in a sorted array: its groups, found without pandas' per-group cost."""
    first = np.ones(len(labels), dtype=bool)
    first[1:] = labels[1:] != labels[:-1]
    return np.flatnonzero(first)


def reconcile(figures: pd.DataFrame) -> pd.DataFrame:
    """One row per (geo, scheme, measure, as_of) of stated actuals: the winning figure, whether the articles stating
    the key disagree (beyond rounding), their ids, and, where they disagree, every stated value for the findings
    (formatting every figure's value was most of reconcile's time)."""
    rows, starts = _ranked(figures)
    bounds = [*starts.tolist(), len(rows)]
    value = figures["value"].to_numpy()[rows]
    # fmin and fmax skip missing values, as groupby's min and max do.
    low, high = np.fmin.reduceat(value, starts), np.fmax.reduceat(value, starts)
    has_conflict = (high - low) > CONFLICT_TOLERANCE * np.abs(high).clip(min=1e-9)
    values, qualifiers, statuses, articles = (
        figures[c].to_numpy()[rows].tolist() for c in ["value", "qualifier", "observation_status", "article_id"]
    )
    all_values = np.full(len(starts), None, dtype=object)
    for k in np.flatnonzero(has_conflict).tolist():
        i, j = bounds[k], bounds[k + 1]
        stated = zip(values[i:j], qualifiers[i:j], statuses[i:j], articles[i:j], strict=True)
        all_values[k] = "; ".join(f"{v:,.6g} ({q}, {s}, {a})" for v, q, s, a in stated)
    # Each key's distinct articles: most keys have one figure, whose article needs no set.
    article_ids = np.array([articles[i] for i in starts.tolist()], dtype=object)
    for k in np.flatnonzero(np.diff(bounds) > 1).tolist():
        article_ids[k] = ",".join(sorted(set(articles[bounds[k] : bounds[k + 1]])))
    # Whole rows are copied once, for the winners only (key columns first), then renamed, indexed and extended in
    # place: rename, assign and reset_index would each copy this wide frame of strings again.
    columns = [*FIGURE_KEY, *figures.columns.drop(FIGURE_KEY)]
    winners = figures.take(rows[starts]).reindex(columns=columns)
    winners.columns = [*KEY, *columns[len(FIGURE_KEY) :]]
    winners.index = pd.RangeIndex(len(winners))
    winners["has_conflict"] = has_conflict
    winners["all_values"] = all_values
    winners["article_ids"] = article_ids
    return winners


def _rows(figures: pd.DataFrame, kind: str, *measures: str) -> np.ndarray:
    """Positions of the figures of one kind and any of the measures."""
    measure = figures["measure"].to_numpy()
    of_measure = np.logical_or.reduce([measure == m for m in measures])
    return np.flatnonzero(of_measure & (figures["kind"].to_numpy() == kind))


def derived_participants(figures: pd.DataFrame) -> pd.DataFrame:
    """Participant counts implied by a stated change: count minus change_abs, or count / (1 + change_pct). Each
    change's count is looked up by id (figure ids are unique) and only the columns used are taken: merging frames
    cost more than the arithmetic."""
    counts, changes = _rows(figures, "actual", "participants"), _rows(figures, "actual", "change_abs", "change_pct")
    found = pd.Index(figures["figure_id"].to_numpy()[counts]).get_indexer(
        figures["parent_figure_id"].to_numpy()[changes]
    )
    change, count = changes[found >= 0], counts[found[found >= 0]]
    if not len(change):
        return pd.DataFrame(columns=[*KEY, "value", "qualifier", "article_id", "figure_id", "published_date"])

    def taken(rows: np.ndarray, column: str) -> np.ndarray:
        return figures[column].to_numpy()[rows]

    earlier = pd.Series(taken(change, "compared_to")).fillna(
        pd.Series(taken(count, "period_end")) - pd.DateOffset(years=1)
    )
    stated, by = taken(count, "value"), taken(change, "value")
    absolute = taken(change, "measure") == "change_abs"
    exact = absolute & (taken(count, "qualifier") == "exact") & (taken(change, "qualifier") == "exact")
    return pd.DataFrame(
        {
            "geo_code": taken(count, "geo_code"),
            "scheme": taken(count, "scheme"),
            "measure": "participants",
            "as_of": earlier,
            "value": np.round(np.where(absolute, stated - by, stated / (1 + by / 100)), 0),
            "qualifier": np.where(exact, "exact", "about"),
            "article_id": taken(count, "article_id"),
            "figure_id": taken(change, "figure_id"),
            "published_date": taken(count, "published_date"),
        }
    )


def coverage(figures: pd.DataFrame, stated: pd.DataFrame, derived: pd.DataFrame) -> pd.DataFrame:
    """One row per (geo_code, scheme, as_of): participants and coverage rate, stated or derived. ``stated`` and
    ``derived`` are the figures' reconcile and derived_participants."""
    by_date = ["geo_code", "scheme", "as_of"]
    columns = [*by_date, "value", "qualifier", "denominator", "article_id", "has_conflict"]
    counts = stated.loc[stated["measure"] == "participants", columns].set_index(by_date)
    rates = stated.loc[stated["measure"] == "coverage_rate", columns].set_index(by_date)
    table = pd.DataFrame(index=counts.index.union(rates.index))
    table["participants"] = counts["value"]
    table["participants_qualifier"] = counts["qualifier"]
    table["coverage_rate_pct"] = rates["value"]
    table["denominator"] = rates["denominator"]
    table["source_article_id"] = counts["article_id"].combine_first(rates["article_id"])
    # The articles stating a count or a rate for the row (the union of the two keys' article_ids), counted in one
    # groupby rather than by joining and splitting those strings per row.
    is_stated = (figures["kind"] == "actual") & figures["measure"].isin(["participants", "coverage_rate"])
    actuals = figures.loc[is_stated, ["geo_code", "scheme", "period_end", "article_id"]]
    table["n_sources"] = actuals.groupby(["geo_code", "scheme", "period_end"])["article_id"].nunique()
    table["has_conflict"] = counts["has_conflict"].reindex(table.index, fill_value=False) | rates[
        "has_conflict"
    ].reindex(table.index, fill_value=False)
    table["is_derived"] = False
    derived = derived.rename(
        columns={"value": "participants", "qualifier": "participants_qualifier", "article_id": "source_article_id"}
    )
    # Only dates without a stated value take a derived one (dropped before sorting, which is then much smaller):
    # of several, the latest published, then the first figure_id.
    derived = derived.set_index(by_date)
    derived = derived[~derived.index.isin(table.index)].sort_values(
        [*by_date, "published_date", "figure_id"], ascending=[True, True, True, False, True]
    )
    derived = derived[~derived.index.duplicated()].assign(
        n_sources=1, has_conflict=False, is_derived=True, coverage_rate_pct=np.nan, denominator=None
    )
    table = pd.concat([table, derived[table.columns]]).sort_index().reset_index()
    table["implied_denominator"] = (table["participants"] / (table["coverage_rate_pct"] / 100)).round(0)
    return table


def targets(figures: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct target; repeated mentions of one target keep the first (earliest published)."""
    stated = figures[figures["kind"] == "target"].sort_values(["published_date", "article_id", "char_start"])
    stated = stated.drop_duplicates(["geo_code", "scheme", "measure", "value", "value_high", "period_end"])
    # One search per distinct sentence: one sentence often states several targets.
    set_by = {quote: (SET_BY.search(quote) or [None])[0] for quote in stated["quote"].unique()}
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
                "set_by": stated["quote"].map(set_by.get),
                "source_article_id": stated["article_id"],
                "quote": stated["quote"],
            }
        )
        .sort_values(["geo_code", "scheme", "measure", "deadline", "target_low", "target_id"])
        .reset_index(drop=True)
    )


def _series_bounds(stated: pd.DataFrame) -> tuple[pd.MultiIndex, np.ndarray, np.ndarray]:
    """Each (geo_code, scheme, measure) series of the reconciled actuals, with its first and last row: reconcile sorts
    on (geo, scheme, measure, as_of), so a series' rows are consecutive, one per date in date order."""
    columns = [stated[c].to_numpy() for c in ["geo_code", "scheme", "measure"]]
    starts = np.zeros(len(stated), dtype=bool)
    starts[:1] = True
    for column in columns:
        starts[1:] |= column[1:] != column[:-1]
    first = np.flatnonzero(starts)
    last = np.append(first[1:], len(stated)) - 1
    return pd.MultiIndex.from_arrays([column[first] for column in columns]), first, last


def target_attainment(target_table: pd.DataFrame, stated: pd.DataFrame) -> pd.DataFrame:
    """Each target against the reconciled actuals (``stated``, the figures' reconcile) of its geography, scheme and
    measure, by the Eurostat / Open SDG growth-ratio assessment. Computed as arrays over all targets, except the
    growth rates of the targets that need them: those stay powers of NumPy scalars, as array powers may round
    differently."""
    n = len(target_table)
    series, first, last = _series_bounds(stated)
    found = series.get_indexer(pd.MultiIndex.from_frame(target_table[["geo_code", "scheme", "measure"]]))
    assessed = np.flatnonzero(found >= 0)
    lo, hi = first[found[assessed]], last[found[assessed]]
    value, as_of = stated["value"].to_numpy(), stated["as_of"].to_numpy()
    x, deadline = target_table["target_low"].to_numpy(), target_table["deadline"].to_numpy()

    def at(rows: np.ndarray, values: np.ndarray, missing) -> np.ndarray:
        """``values`` at the given rows for the assessed targets, ``missing`` for the others."""
        column = np.full(n, missing, dtype=np.result_type(values.dtype, np.asarray(missing).dtype))
        column[assessed] = values[rows]
        return column

    latest, latest_as_of = at(hi, value, np.nan), at(hi, as_of, np.datetime64("NaT"))
    meets = np.where(target_table["comparator"].to_numpy() == ">", latest > x, latest >= x)
    one_date = np.zeros(n, dtype=bool)
    one_date[assessed] = lo == hi
    status = np.select(
        [found < 0, meets, latest_as_of >= deadline, one_date],
        ["no_data", "achieved", "missed", "insufficient_data"],
        "",  # assessed by growth below
    ).astype(object)
    growth = np.full((4, n), np.nan)
    year, deadline_year = decimal_year(stated["as_of"]).to_numpy(), decimal_year(target_table["deadline"]).to_numpy()
    for i, a, b in zip(assessed.tolist(), lo.tolist(), hi.tolist(), strict=True):
        if status[i]:
            continue
        observed = (value[b] / value[a]) ** (1 / (year[b] - year[a])) - 1
        required = (x[i] / value[a]) ** (1 / (deadline_year[i] - year[a])) - 1
        ratio = observed / required if required > 0 else np.nan
        growth[:, i] = observed, required, ratio, value[b] * (1 + observed) ** (deadline_year[i] - year[b])
        if required <= 0 or ratio < 0:
            status[i] = "deterioration"
        elif ratio >= 0.95:
            status[i] = "on_track"
        elif ratio >= 0.6:
            status[i] = "acceleration_needed"
        else:
            status[i] = "limited_progress"
    # A coverage rate target whose actuals state another denominator (none counts as '').
    mismatch = np.zeros(n, dtype=bool)
    denominator, wanted = stated["denominator"].fillna("").to_numpy(), target_table["denominator"].tolist()
    is_rate = target_table["measure"].to_numpy() == "coverage_rate"
    for i, a, b in zip(assessed.tolist(), lo.tolist(), hi.tolist(), strict=True):
        mismatch[i] = is_rate[i] and (denominator[a : b + 1] != (wanted[i] or "")).any()
    with np.errstate(divide="ignore", invalid="ignore"):
        attainment_ratio = np.where(x != 0, latest / x, np.nan)
    return pd.DataFrame(
        {
            **{c: target_table[c].to_numpy() for c in ["target_id", "geo_code", "scheme", "measure"]},
            "target_low": x,
            "target_high": target_table["target_high"].to_numpy(),
            "deadline": deadline,
            "latest_value": latest,
            "latest_as_of": latest_as_of,
            "latest_article_id": at(hi, stated["article_id"].to_numpy(), None),
            "baseline_value": at(lo, value, np.nan),
            "baseline_as_of": at(lo, as_of, np.datetime64("NaT")),
            "attainment_ratio": attainment_ratio,
            "gap": x - latest,
            "observed_cagr": growth[0],
            "required_cagr": growth[1],
            "growth_ratio": growth[2],
            "projected_at_deadline": growth[3],
            "denominator_mismatch": mismatch,
            "status": status,
        }
    )


def plan_progress(figures: pd.DataFrame) -> pd.DataFrame:
    """Stated plan attainment ("reaching 98.39% of the plan") with the figure it qualifies."""
    stated = figures[(figures["measure"] == "plan_attainment") & (figures["kind"] == "actual")]
    # Only the qualified figures are indexed: indexing every figure by id cost more than finding them.
    is_parent = figures["figure_id"].isin(stated["parent_figure_id"])
    parents = figures.loc[is_parent, ["figure_id", "measure", "value"]].set_index("figure_id")
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


# Long article id lists, split once for all findings: their ids and the offset in the text where each starts.
SplitIds = dict[str, tuple[list[str], list[int]]]


def _merged_ids(article_ids: list[str], split: SplitIds) -> str:
    """The distinct ids of comma-separated lists, sorted. Each list is sorted and distinct already (one id, or
    reconcile's article_ids, which for a national count name hundreds of articles and recur across findings): the
    longest is split once for all findings (into ``split``), and the ids the others add are spliced into its text
    where bisection places them, rather than splitting, sorting and joining hundreds of ids per finding."""
    *others, longest = sorted(article_ids, key=len)
    if not others:
        return longest
    if longest not in split:
        ids = longest.split(",")
        split[longest] = ids, [0, *itertools.accumulate(len(i) + 1 for i in ids)]
    ids, starts = split[longest]
    # With a comma after every id, each added one goes in with its comma before the id it precedes; the largest
    # first, so that the places of the smaller ones, which come earlier, do not move.
    merged = f"{longest},"
    for i in sorted({i for other in others for i in other.split(",")}, reverse=True):
        at = bisect.bisect_left(ids, i)
        if at == len(ids) or ids[at] != i:
            merged = f"{merged[: starts[at]]}{i},{merged[starts[at] :]}"
    return merged[:-1]


def _found(rows: pd.DataFrame, details: list[str], sources: list[list[str]]) -> pd.DataFrame:
    """Findings of one kind before they are named: the key of each (geo_code, scheme, as_of of ``rows``), what was
    found, and the article id lists it rests on."""
    return pd.DataFrame(
        {
            "geo_code": rows["geo_code"].to_numpy(),
            "scheme": rows["scheme"].to_numpy(),
            "as_of": rows["as_of"].to_numpy(),
            "detail": details,
            "sources": sources,
        }
    )


def _named(kind: str, found: pd.DataFrame, split: SplitIds) -> pd.DataFrame:
    """Findings of one kind as the mart's rows: named by a hash of kind, key and detail, with their distinct article
    ids (see _merged_ids for ``split``). Each date is written out once: formatting a Timestamp per finding cost more
    than hashing it."""
    codes, dates = pd.factorize(found["as_of"], use_na_sentinel=False)
    as_of_text = np.array([str(date) for date in dates], dtype=object)[codes].tolist()
    return pd.DataFrame(
        {
            "finding_id": [
                stable_id(kind, geo, scheme, as_of, detail)
                for geo, scheme, as_of, detail in zip(
                    found["geo_code"].tolist(),
                    found["scheme"].tolist(),
                    as_of_text,
                    found["detail"].tolist(),
                    strict=True,
                )
            ],
            "kind": kind,
            "geo_code": found["geo_code"],
            "scheme": found["scheme"],
            "as_of": found["as_of"],
            "detail": found["detail"],
            "article_ids": [_merged_ids(ids, split) for ids in found["sources"].tolist()],
        }
    )


def _consistent(implied: pd.Series, stated: pd.Series, qualifier: pd.Series) -> np.ndarray:
    """Whether values implied by a change agree with the stated values, allowing for their qualifiers."""
    return np.select(
        [qualifier == "more_than", qualifier == "nearly", qualifier == "exact"],
        [implied >= stated * 0.995, implied <= stated * 1.005, (implied - stated).abs() <= 0.01 * stated],
        (implied - stated).abs() <= 0.05 * stated,
    )


def _conflicts(stated: pd.DataFrame) -> pd.DataFrame:
    """Keys whose articles state values that disagree beyond rounding."""
    columns = ["measure", "all_values", "value", "article_id"]
    conflicting = stated[stated["has_conflict"]]
    details = [
        f"{measure}: {values}; kept {value:,.6g} from {article}"
        for measure, values, value, article in zip(*(conflicting[c].tolist() for c in columns), strict=True)
    ]
    return _found(conflicting, details, [[ids] for ids in conflicting["article_ids"].tolist()])


def _share_contradictions(figures: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """Stated shares of the national total that the participant counts do not bear out."""
    is_share = (figures["measure"] == "share_of_national") & (figures["kind"] == "actual")
    shares = figures.loc[is_share, ["geo_code", "scheme", "period_end", "value", "article_id"]].rename(
        columns={"period_end": "as_of", "value": "share", "article_id": "article"}
    )
    national = counts[counts["geo_code"] == "VN"].drop(columns="geo_code")
    # Inner merges keep the shares' order: those with both a local and a national count.
    both = shares.merge(counts, on=["geo_code", "scheme", "as_of"]).merge(
        national, on=["scheme", "as_of"], suffixes=("_local", "_national")
    )
    both["implied"] = both["value_local"] / both["value_national"] * 100
    contradicted = both[(both["implied"] - both["share"]).abs() > SHARE_TOLERANCE_PP]
    details = [
        f"stated {share:g}% of the national total; the counts give {local:,.0f} / {national:,.0f} = {implied:.2f}%"
        for share, implied, local, national in zip(
            *(contradicted[c].tolist() for c in ["share", "implied", "value_local", "value_national"]), strict=True
        )
    ]
    sources = contradicted[["article", "article_ids_local", "article_ids_national"]].to_numpy().tolist()
    return _found(contradicted, details, sources)


def _denominator_drifts(coverage_table: pd.DataFrame) -> pd.DataFrame:
    """Consecutive dates of one geography, scheme and denominator whose implied denominators move too much.
    Neighbouring rows sorted by series then date are compared as arrays, instead of a DataFrame per series."""
    columns = ["geo_code", "scheme", "denominator", "as_of", "implied_denominator", "source_article_id"]
    with_denominator = coverage_table.dropna(subset=["implied_denominator", "denominator"])
    rows = with_denominator.sort_values(columns[:4])[columns]
    series = rows[columns[:3]].to_numpy()
    implied = rows["implied_denominator"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):  # a zero implied denominator is a drift, not an error
        drift = implied[1:] / implied[:-1] - 1
    moved = np.flatnonzero((series[1:] == series[:-1]).all(axis=1) & (np.abs(drift) > DENOMINATOR_DRIFT))
    before, after = rows.iloc[moved], rows.iloc[moved + 1]
    details = [
        f"{denominator} implied by participants / rate moves {change:+.1%}: "
        f"{previous:,.0f} at {previous_as_of:%Y-%m-%d} to {value:,.0f} at {as_of:%Y-%m-%d}"
        for denominator, as_of, value, previous_as_of, previous, change in zip(
            *(after[c].tolist() for c in columns[2:5]),
            *(before[c].tolist() for c in columns[3:5]),
            drift[moved].tolist(),
            strict=True,
        )
    ]
    sources = [
        [previous_article, article]
        for previous_article, article in zip(
            before["source_article_id"].tolist(), after["source_article_id"].tolist(), strict=True
        )
    ]
    return _found(after, details, sources)


def _change_disagreements(derived: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """Values implied by a stated change that contradict the value stated for that date."""
    if derived.empty:  # its empty frame has no dates to merge on
        return _found(derived, [], [])
    # An inner merge keeps the derived values' order: those with a stated count for their date.
    joined = derived.merge(counts, on=["geo_code", "scheme", "as_of"], suffixes=("", "_stated"))
    disagreeing = joined[~_consistent(joined["value"], joined["value_stated"], joined["qualifier_stated"])]
    details = [
        f"a stated change implies {implied:,.0f} participants, but {value:,.0f} ({qualifier}) is stated"
        for implied, value, qualifier in zip(
            *(disagreeing[c].tolist() for c in ["value", "value_stated", "qualifier_stated"]), strict=True
        )
    ]
    sources = disagreeing[["article_id", "article_ids"]].to_numpy().tolist()
    return _found(disagreeing, details, sources)


def findings(
    figures: pd.DataFrame, stated: pd.DataFrame, derived: pd.DataFrame, coverage_table: pd.DataFrame
) -> pd.DataFrame:
    """Consistency problems across and within articles; ``stated`` and ``derived`` as for coverage."""
    is_count = stated["measure"] == "participants"
    counts = stated.loc[is_count, ["geo_code", "scheme", "as_of", "value", "qualifier", "article_ids"]]
    found = {
        "conflicting_values": _conflicts(stated),
        "share_contradicts_counts": _share_contradictions(figures, counts),
        "implied_denominator_drift": _denominator_drifts(coverage_table),
        "change_disagrees_with_values": _change_disagreements(derived, counts),
    }
    split: SplitIds = {}
    frame = pd.concat([_named(kind, rows, split) for kind, rows in found.items()], ignore_index=True)
    return frame.drop_duplicates("finding_id").sort_values(["kind", "geo_code", "scheme", "as_of", "finding_id"])
