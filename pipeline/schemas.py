"""Pandera models: the one definition of every warehouse table's columns.

Each model's docstring becomes the table comment, each field's description the column comment and the Dagster
column description, and ``metadata={"sql_type": ...}`` the DuckDB type where pandas' dtype is not precise
enough (dates). Nothing else in the code lists a table's columns.

Every rule here except uniqueness must be decided by one row alone: the schema checks validate only rows they
have not seen pass before (``pipeline.validated_rows``) and check uniqueness over the whole table in SQL.
"""

import pandera.pandas as pa
from pandera.typing.pandas import Series

from pipeline.geography import geo_codes


def columns(model: type[pa.DataFrameModel]) -> list[str]:
    """The table's column names, in order."""
    return list(model.to_schema().columns)


def _field(description: str, sql_type: str | None = None, **checks) -> pa.Field:
    return pa.Field(description=description, metadata={"sql_type": sql_type} if sql_type else None, **checks)


class Table(pa.DataFrameModel):
    """Every table: exactly the model's columns, values coerced to the model's types."""

    class Config:
        strict = True
        coerce = True


class ArticleModel(Table):
    """One row per article file in raw/articles that parsed: its header fields and body as published."""

    article_id: Series[str] = _field("File name less .txt; unique.", unique=True, str_length={"min_value": 1})
    file_name: Series[str] = _field("Path of the article file, relative to the project (raw/articles/<id>.txt).")
    title: Series[str] = _field("Headline.", str_length={"min_value": 1})
    outlet: Series[str] = _field("Publishing outlet, e.g. Baonghean.vn.", str_length={"min_value": 1})
    url: Series[str] = _field("Address of the article; empty when unknown.")
    published: Series[str] = _field("Publication date as written in the header: YYYY-MM-DD or YYYY-MM.")
    published_date: Series[pa.DateTime] = _field(
        "Publication date; the first day of the month when only the month is known.", "DATE"
    )
    published_precision: Series[str] = _field(
        "'day' or 'month': how much of published_date is known.", isin=["day", "month"]
    )
    geo_code: Series[str] = _field(
        "ISO 3166-2 code from the header's geo line; null when absent.", nullable=True, isin=sorted(geo_codes())
    )
    body: Series[str] = _field("Article text exactly as published; character spans elsewhere index into it.")
    body_sha256: Series[str] = _field("SHA-256 of the UTF-8 body, hex.", str_matches=r"^[0-9a-f]{64}$")
    body_chars: Series[int] = _field("Length of the body in characters.", gt=0)


class ArticleWarningModel(Table):
    """Article files that loaded, but with something a person should look at (markup, invisible characters)."""

    file_name: Series[str] = _field("Path of the file, relative to the project.")
    article_id: Series[str] = _field("The article.")
    problem: Series[str] = _field("What is odd, and where in the body.")
    message: Series[str] = _field("file_name and problem in one line, as shown in logs.")


class ArticleQuarantineModel(Table):
    """Article files that could not be loaded, with the reason; fix the file and the next run loads it."""

    file_name: Series[str] = _field("Path of the file, relative to the project.")
    article_id: Series[str] = _field(
        "Article id the file would have had; null when the name is not an id.", nullable=True
    )
    problem: Series[str] = _field("What is wrong, and where in the file.")
    message: Series[str] = _field("file_name and problem in one line, as shown in logs.")


KINDS = ["actual", "target"]
MEASURES = [
    "participants",
    "coverage_rate",
    "change_abs",
    "change_pct",
    "plan_attainment",
    "share_of_national",
    "revenue",
]
SCHEMES = [
    "social_insurance",
    "compulsory_social_insurance",
    "voluntary_social_insurance",
    "health_insurance",
    "unemployment_insurance",
    "all_schemes",
]
QUALIFIERS = ["exact", "more_than", "about", "nearly", "at_least"]
DENOMINATORS = ["population", "working_age_labour_force", "labour_force"]
STATUSES = ["reported", "estimate", "plan"]
PERCENT_MEASURES = ["coverage_rate", "share_of_national"]
COUNT_MEASURES = ["participants"]


class ExtractedFigureModel(Table):
    """Every figure the extractor read from the articles, before curation and validation."""

    figure_id: Series[str] = _field("Stable id: a hash of article_id and the character span.", unique=True)
    article_id: Series[str] = _field("The article the figure was read from (raw.articles).")
    kind: Series[str] = _field("'actual' (a measured value) or 'target' (a goal).", isin=KINDS)
    measure: Series[str] = _field(
        "participants, coverage_rate, change_abs, change_pct, plan_attainment, share_of_national or revenue.",
        isin=MEASURES,
    )
    scheme: Series[str] = _field(
        "social_insurance, compulsory_/voluntary_social_insurance, health_insurance, unemployment_insurance, "
        "or all_schemes (SI, HI and UI together, or all funds' revenue).",
        isin=SCHEMES,
    )
    geo_code: Series[str] = _field("ISO 3166-2 code: VN nationwide, VN-22 Nghe An, ...")
    period_end: Series[pa.DateTime] = _field(
        "As-of date of an actual (end of the period it refers to); deadline of a target.",
        "DATE",
    )
    value: Series[float] = _field(
        "Normalised value: persons as counts, rates and changes in percent, money in VND billion."
    )
    value_high: Series[float] = _field("Upper end of a range ('26% - 27%'); null otherwise.", nullable=True)
    qualifier: Series[str] = _field("exact, more_than, about, nearly or at_least.", isin=QUALIFIERS)
    denominator: Series[str] = _field(
        "For coverage rates: population, working_age_labour_force or labour_force; null otherwise.",
        nullable=True,
        isin=DENOMINATORS,
    )
    compared_to: Series[pa.DateTime] = _field(
        "For changes: end of the reference period when stated ('compared to 2012' is 2012-12-31).",
        "DATE",
        nullable=True,
    )
    observation_status: Series[str] = _field(
        "reported; estimate ('it is estimated', or published before the period ended); plan (targets).",
        isin=STATUSES,
    )
    quote: Series[str] = _field("The sentence the figure was read from, exactly as in the body.")
    char_start: Series[int] = _field("Offset of the number's first character in the article body.", ge=0)
    char_end: Series[int] = _field("Offset just past the number's last character in the body.", ge=1)
    number_text: Series[str] = _field("The number as written, body[char_start:char_end].")
    parent_figure_id: Series[str] = _field(
        "The figure this one qualifies ('reaching 98.39% of the plan' qualifies the count before it).",
        nullable=True,
    )


def figure_fields() -> list[str]:
    """What a figure says (kind ... observation_status), as opposed to where it came from: the fields an analyst
    can correct in curation and the ones tests compare."""
    columns = list(ExtractedFigureModel.to_schema().columns)
    return columns[columns.index("kind") : columns.index("observation_status") + 1]


class FigureModel(ExtractedFigureModel):
    """One coverage figure stated in an article, with the sentence and character span it came from."""

    geo_code: Series[str] = _field("ISO 3166-2 code: VN nationwide, VN-22 Nghe An, ...", isin=sorted(geo_codes()))
    period_end: Series[pa.DateTime] = _field(
        "As-of date of an actual (end of the period it refers to); deadline of a target.",
        "DATE",
        ge="1990-01-01",
        le="2100-12-31",
    )
    curated: Series[bool] = _field("True when an analyst's row in raw/curation.csv corrected or added it.")
    curation_note: Series[str] = _field("The analyst's note for a curated figure.", nullable=True)

    @pa.dataframe_check(name="percentages are at most 100", ignore_na=False)
    def percent_at_most_100(cls, frame):
        return _unless_all_null(
            frame,
            ~frame["measure"].isin(PERCENT_MEASURES) | (frame["value"].le(100) & frame["value_high"].fillna(0).le(100)),
        )

    @pa.dataframe_check(name="counts and money are not negative", ignore_na=False)
    def counts_not_negative(cls, frame):
        return _unless_all_null(frame, ~frame["measure"].isin(COUNT_MEASURES + ["revenue"]) | frame["value"].ge(0))

    @pa.dataframe_check(name="ranges run low to high", ignore_na=False)
    def range_ordered(cls, frame):
        return _unless_all_null(frame, frame["value_high"].isna() | frame["value_high"].ge(frame["value"]))

    @pa.dataframe_check(name="span lies in order", ignore_na=False)
    def span_ordered(cls, frame):
        return _unless_all_null(frame, frame["char_end"].gt(frame["char_start"]))


def _unless_all_null(frame, passed):
    """A row check's result as Pandera's ``ignore_na`` makes it (a row of nulls only passes), looking for nulls only
    in the rows that fail: ``ignore_na`` looks at every value of every row, and was most of a validation's time."""
    failing = ~passed
    if not failing.any():
        return passed
    return passed | frame[failing].isna().all(axis="columns").reindex(frame.index, fill_value=False)


class FigureQuarantineModel(Table):
    """Figures the extractor found that break the figures model: held back from the marts, with the reason."""

    figure_id: Series[str] = _field("Stable id of the figure.")
    article_id: Series[str] = _field("The article it was read from.")
    file_name: Series[str] = _field("The article file, relative to the project.")
    number_text: Series[str] = _field("The number as written.")
    char_start: Series[int] = _field("Offset of the number in the body.")
    quote: Series[str] = _field("The sentence it came from.")
    problem: Series[str] = _field("Which rule of the figures model it breaks, and the offending value.")
    message: Series[str] = _field("file, position and problem in one line.")


class NumberMentionModel(Table):
    """Every number in every article, and whether the extractor took it as a coverage figure and why not."""

    article_id: Series[str] = _field("The article.")
    char_start: Series[int] = _field("Offset of the number in the body.", ge=0)
    char_end: Series[int] = _field("Offset just past the number.", ge=1)
    number_text: Series[str] = _field("The number as written.")
    outcome: Series[str] = _field(
        "'figure'; 'not_a_figure' (read, but not a coverage figure); 'unreadable' (a malformed or cut-off number).",
        isin=["figure", "not_a_figure", "unreadable"],
    )
    reason: Series[str] = _field("The measure of a figure, or why the number is not one.")
    figure_id: Series[str] = _field("The figure it became; null when it is not a figure.", nullable=True)
    quote: Series[str] = _field("The sentence holding the number.")
    message: Series[str] = _field("For unreadable numbers: file, position and problem in one line.", nullable=True)


class CurationLogModel(Table):
    """What became of each row of raw/curation.csv: applied to which figure, or why it could not be."""

    line: Series[int] = _field("Line number in raw/curation.csv (the header is line 1).")
    article_id: Series[str] = _field("The article the row names.", nullable=True)
    action: Series[str] = _field("reject, correct or add, as written.", nullable=True)
    figure_id: Series[str] = _field("The figure rejected, corrected or added; null when none matched.", nullable=True)
    outcome: Series[str] = _field("applied, or the problem with the row.")
    message: Series[str] = _field("raw/curation.csv, line and outcome in one line.")


# ---------------------------------------------------------------------------------------------------------
# Marts: the tables BI users query. Names and columns are a contract.

TARGET_STATUSES = [
    "achieved",
    "missed",
    "on_track",
    "acceleration_needed",
    "limited_progress",
    "deterioration",
    "insufficient_data",
    "no_data",
]
FINDING_KINDS = [
    "conflicting_values",
    "share_contradicts_counts",
    "implied_denominator_drift",
    "change_disagrees_with_values",
]
GEO = {"isin": sorted(geo_codes())}


class MartFigureModel(FigureModel):
    """Every accepted coverage figure with its provenance: article, quote, character span and publication."""

    title: Series[str] = _field("Headline of the article.")
    outlet: Series[str] = _field("Publishing outlet.")
    url: Series[str] = _field("Address of the article; empty when unknown.")
    published_date: Series[pa.DateTime] = _field(
        "Publication date (first of the month when only the month is known).", "DATE"
    )


class CoverageModel(Table):
    """One row per geography, scheme and date: participants and coverage rate, reconciled across articles."""

    geo_code: Series[str] = _field("ISO 3166-2 code.", **GEO)
    scheme: Series[str] = _field("Insurance scheme.", isin=SCHEMES)
    as_of: Series[pa.DateTime] = _field("Date the values refer to.", "DATE")
    participants: Series[float] = _field("Number of participants; null when only a rate is known.", nullable=True, ge=0)
    participants_qualifier: Series[str] = _field(
        "exact, more_than, about, nearly or at_least.", nullable=True, isin=QUALIFIERS
    )
    coverage_rate_pct: Series[float] = _field(
        "Coverage rate in percent; null when only a count is known.", nullable=True, ge=0, le=100
    )
    denominator: Series[str] = _field("What the rate is a share of.", nullable=True, isin=DENOMINATORS)
    implied_denominator: Series[float] = _field("participants / rate, when both are known.", nullable=True)
    source_article_id: Series[str] = _field(
        "Article of the figure kept: reported beats estimate, then the later publication."
    )
    n_sources: Series[int] = _field("Number of articles stating a value for this row.", ge=1)
    has_conflict: Series[bool] = _field("True when articles disagree; see marts.findings.")
    is_derived: Series[bool] = _field(
        "True when implied by a stated change rather than stated; never overrides a stated value."
    )

    class Config:
        unique = ["geo_code", "scheme", "as_of"]


class TargetModel(Table):
    """One row per distinct coverage target stated in the articles."""

    target_id: Series[str] = _field("figure_id of the first mention of the target.", unique=True)
    geo_code: Series[str] = _field("ISO 3166-2 code.", **GEO)
    scheme: Series[str] = _field("Insurance scheme.", isin=SCHEMES)
    measure: Series[str] = _field("Measure targeted (mostly coverage_rate or participants).", isin=MEASURES)
    target_low: Series[float] = _field("Target value; the lower end of a range.")
    target_high: Series[float] = _field("Upper end of a range target; null otherwise.", nullable=True)
    comparator: Series[str] = _field("'>' for 'over N', else '>='.", isin=[">=", ">"])
    deadline: Series[pa.DateTime] = _field("Date by which the target is to be met.", "DATE")
    denominator: Series[str] = _field(
        "For rate targets: what the rate is a share of.", nullable=True, isin=DENOMINATORS
    )
    set_by: Series[str] = _field("Resolution or plan the sentence names, when it names one.", nullable=True)
    source_article_id: Series[str] = _field("Article of the first mention.")
    quote: Series[str] = _field("Sentence of the first mention.")


class TargetAttainmentModel(Table):
    """Each target against the latest actual: attainment, growth-ratio assessment (Eurostat / Open SDG) and status."""

    target_id: Series[str] = _field("The target (marts.targets).", unique=True)
    geo_code: Series[str] = _field("ISO 3166-2 code.", **GEO)
    scheme: Series[str] = _field("Insurance scheme.", isin=SCHEMES)
    measure: Series[str] = _field("Measure targeted.", isin=MEASURES)
    target_low: Series[float] = _field("Target value (lower end of a range).")
    target_high: Series[float] = _field("Upper end of a range target.", nullable=True)
    deadline: Series[pa.DateTime] = _field("Target deadline.", "DATE")
    latest_value: Series[float] = _field("Latest actual of the same geography, scheme and measure.", nullable=True)
    latest_as_of: Series[pa.DateTime] = _field("Date of the latest actual.", "DATE", nullable=True)
    latest_article_id: Series[str] = _field("Article of the latest actual.", nullable=True)
    baseline_value: Series[float] = _field("Earliest actual (the baseline).", nullable=True)
    baseline_as_of: Series[pa.DateTime] = _field("Date of the baseline.", "DATE", nullable=True)
    attainment_ratio: Series[float] = _field("latest_value / target_low.", nullable=True)
    gap: Series[float] = _field("target_low - latest_value.", nullable=True)
    observed_cagr: Series[float] = _field("(latest / baseline)^(1 / years between) - 1.", nullable=True)
    required_cagr: Series[float] = _field(
        "(target / baseline)^(1 / years from baseline to deadline) - 1.", nullable=True
    )
    growth_ratio: Series[float] = _field("observed_cagr / required_cagr.", nullable=True)
    projected_at_deadline: Series[float] = _field(
        "Latest value grown at the observed rate to the deadline.", nullable=True
    )
    denominator_mismatch: Series[bool] = _field("True when the actuals' denominator differs from the target's.")
    status: Series[str] = _field(
        "achieved, missed, on_track (ratio >= 0.95), acceleration_needed (0.6-0.95), limited_progress (0-0.6), "
        "deterioration (< 0), insufficient_data (one actual) or no_data.",
        isin=TARGET_STATUSES,
    )


class PlanProgressModel(Table):
    """Stated plan attainment ("reaching 98.39% of the plan") with the figure it qualifies."""

    geo_code: Series[str] = _field("ISO 3166-2 code.", **GEO)
    scheme: Series[str] = _field("Insurance scheme.", isin=SCHEMES)
    as_of: Series[pa.DateTime] = _field("Date of the figure.", "DATE")
    measure: Series[str] = _field("Measure of the qualified figure (participants, revenue).", nullable=True)
    actual_value: Series[float] = _field("The qualified figure's value.", nullable=True)
    attainment_pct: Series[float] = _field("Stated share of the plan reached, in percent.", ge=0)
    implied_plan_value: Series[float] = _field("actual_value / attainment_pct * 100: the plan itself.", nullable=True)
    source_article_id: Series[str] = _field("The article.")
    quote: Series[str] = _field("The sentence.")


class FindingModel(Table):
    """Consistency problems across and within articles, for an analyst to review."""

    finding_id: Series[str] = _field("Stable id of the finding.", unique=True)
    kind: Series[str] = _field(
        "conflicting_values, share_contradicts_counts, implied_denominator_drift or change_disagrees_with_values.",
        isin=FINDING_KINDS,
    )
    geo_code: Series[str] = _field("ISO 3166-2 code.", **GEO)
    scheme: Series[str] = _field("Insurance scheme.", isin=SCHEMES)
    as_of: Series[pa.DateTime] = _field("Date concerned.", "DATE")
    detail: Series[str] = _field("What disagrees with what, with the values.")
    article_ids: Series[str] = _field("Comma-separated ids of the articles involved.")
