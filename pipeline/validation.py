"""Split a frame into the rows a Pandera model accepts and the rows it rejects, with the reason for each.

This is how the pipeline keeps its promise that nothing is dropped silently: every rejected row comes back with
a readable reason, and callers write it to a quarantine table.
"""

import pandas as pd
import pandera.pandas as pa


def validate(schema: pa.DataFrameSchema | type[pa.DataFrameModel], frame: pd.DataFrame) -> pd.DataFrame:
    """``schema.validate(frame, lazy=True)``, without the accessor Pandera caches on the frames it validates: the
    accessor refers back to its frame, and that cycle kept each validated chunk alive until Python's next full
    garbage collection, several chunks at once."""
    try:
        validated = schema.validate(frame, lazy=True)
    finally:
        vars(frame).pop("pandera", None)
    vars(validated).pop("pandera", None)
    return validated


def split_valid(
    frame: pd.DataFrame, model: pa.DataFrameSchema | type[pa.DataFrameModel]
) -> tuple[pd.DataFrame, pd.Series]:
    """(accepted rows, coerced to the model; reasons indexed like the rejected rows of ``frame``).

    Problems with the frame as a whole (a missing column, a wrong dtype that cannot be coerced) are bugs in the
    pipeline, not bad input, and raise.
    """
    try:
        return validate(model, frame), pd.Series(dtype=str)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
        row_cases = cases[cases["index"].notna()]
        if len(row_cases) < len(cases):
            raise
        reasons = row_cases.apply(_reason, axis=1).groupby(row_cases["index"]).agg(lambda r: "; ".join(sorted(set(r))))
        reasons.index = reasons.index.astype(frame.index.dtype)
        accepted = validate(model, frame.drop(index=reasons.index))
        return accepted, reasons


def _reason(case: pd.Series) -> str:
    """One failure in words: a row-wide rule by its name; a column rule with the column and the offending value."""
    if case["schema_context"] == "DataFrameSchema":
        return str(case["check"])
    check = str(case["check"])
    check = check if len(check) <= 40 else check.split("(")[0] + "(...)"
    return f"{case['column']} {check} (got {case['failure_case']})"
