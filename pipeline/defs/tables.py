"""The link between an asset and its warehouse table: one Pandera model per table, named by asset key.

An asset ``raw/articles`` is the table ``raw.articles``. ``table_spec`` builds the asset's spec from the model
(description, column schema) and ``table_check`` the blocking check that re-validates the written table.
"""

from datetime import timedelta

import pandas as pd
import pandera.pandas as pa
from dagster import (
    AssetCheckExecutionContext,
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetKey,
    AssetSpec,
    FreshnessPolicy,
    MaterializeResult,
    MetadataValue,
    multi_asset_check,
)
from dagster_duckdb import DuckDBResource

from pipeline.validated_rows import added_columns, validate_table
from pipeline.warehouse import Written, column_schema, write_table


def table_name(key: AssetKey) -> str:
    return ".".join(key.path)


# BI users are promised marts no older than a day and a bit: the nightly run plus two hours of slack.
MART_FRESHNESS = FreshnessPolicy.time_window(fail_window=timedelta(hours=26))


def table_spec(key: str, model: type[pa.DataFrameModel], group: str, deps=(), kinds=("duckdb",)) -> AssetSpec:
    return AssetSpec(
        freshness_policy=MART_FRESHNESS if group == "marts" else None,
        key=AssetKey(key.split("/")),
        description=(model.__doc__ or "").strip(),
        group_name=group,
        deps=list(deps),
        kinds=set(kinds),
        owners=["team:data-engineering"],
        metadata={"dagster/column_schema": column_schema(model), "dagster/table_name": key.replace("/", ".")},
    )


PREVIEW_ROWS = 10
PREVIEW_CELL = 60


def markdown_preview(frame: pd.DataFrame) -> str:
    """A table's first rows as a markdown table, cells cut short, for the Dagster UI."""

    def cell(value) -> str:
        text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
        text = text.replace("|", "\\|").replace("\n", " ")
        return text if len(text) <= PREVIEW_CELL else text[: PREVIEW_CELL - 1] + "…"

    lines = ["| " + " | ".join(frame.columns) + " |", "|" + "---|" * len(frame.columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join(lines)


def publish(
    conn,
    spec: AssetSpec,
    source: pd.DataFrame | str,
    model: type[pa.DataFrameModel],
    order_by: tuple[str, ...] = (),
    scans: str | None = None,
    adopt: bool = False,
    **metadata,
) -> MaterializeResult:
    """Write the frame (or the result of a SQL query; a plain scan of the table ``scans``, which with ``adopt`` may
    become the table) as the spec's table, in ``order_by`` order (see ``write_table``), and describe the table as
    written (``described``); with ``order_by``, whether new rows were only appended."""
    written = write_table(conn, table_name(spec.key), source, model, order_by, scans, adopt)
    if order_by:
        metadata["appended"] = written.appended
    return described(conn, spec, written, **metadata)


def described(conn, spec: AssetSpec, written: Written, **metadata) -> MaterializeResult:
    """The materialisation of the spec's table as ``written``: its row count, content hash, a preview for marts,
    and any extra metadata."""
    table = table_name(spec.key)
    preview = conn.execute(f"SELECT * FROM {table} LIMIT {PREVIEW_ROWS}").df() if spec.group_name == "marts" else None
    return MaterializeResult(
        asset_key=spec.key,
        metadata={
            "dagster/row_count": written.rows,
            "content_hash": written.content_hash,
            **({"preview": MetadataValue.md(markdown_preview(preview))} if preview is not None else {}),
            **metadata,
        },
    )


def table_checks(
    name: str,
    tables: dict[AssetKey, type[pa.DataFrameModel]],
    extends: dict[AssetKey, tuple[AssetKey, type[pa.DataFrameModel]]] | None = None,
):
    """One blocking check per table: the table in the warehouse still satisfies its model. A table in ``extends``
    holds the rows of the (table, model) given, checked by an earlier check, with more columns (``added_columns``
    says which models qualify, and is asked here, so that a wrong declaration fails when the checks are defined)."""
    parents = {key: (table_name(parent), model) for key, (parent, model) in (extends or {}).items()}
    for key, (_, parent_model) in parents.items():
        added_columns(tables[key], parent_model)

    def description(key: AssetKey, model: type[pa.DataFrameModel]) -> str:
        known = "rows that passed before are known by their hash and not validated again"
        if key in parents:
            known += f", and of rows that passed {parents[key][0]}'s check only the added columns are"
        return (
            f"Every row of {table_name(key)} satisfies {model.__name__} ({known}; uniqueness is checked over the "
            "whole table)."
        )

    specs = [
        AssetCheckSpec(name="matches_schema", asset=key, blocking=True, description=description(key, model))
        for key, model in tables.items()
    ]

    @multi_asset_check(specs=specs, name=name)
    def _checks(context: AssetCheckExecutionContext, warehouse: DuckDBResource):
        with warehouse.get_connection() as conn:
            for key, model in tables.items():
                result = validate_table(conn, table_name(key), model, parents.get(key))
                yield AssetCheckResult(
                    asset_key=key,
                    check_name="matches_schema",
                    passed=result.failures == 0,
                    severity=AssetCheckSeverity.ERROR,
                    metadata={
                        "rows": result.rows,
                        "rows_validated_now": result.validated_now,
                        **({"rows_known_from_parent_check": result.inherited} if key in parents else {}),
                        "failures": result.failures,
                    },
                )

    return _checks
