"""Pandera models: the one definition of every warehouse table's columns.

Each model's docstring becomes the table comment, each field's description the column comment and the Dagster
column description, and ``metadata={"sql_type": ...}`` the DuckDB type where pandas' dtype is not precise
enough (dates). Nothing else in the code lists a table's columns.
"""

import pandera.pandas as pa
from pandera.typing.pandas import Series

from pipeline.geography import geo_codes


def _field(description: str, sql_type: str | None = None, **checks) -> pa.Field:
    return pa.Field(description=description, metadata={"sql_type": sql_type} if sql_type else None, **checks)


class ArticleModel(pa.DataFrameModel):
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

    class Config:
        strict = True
        coerce = True


class ArticleQuarantineModel(pa.DataFrameModel):
    """Article files that could not be loaded, with the reason; fix the file and the next run loads it."""

    file_name: Series[str] = _field("Path of the file, relative to the project.")
    article_id: Series[str] = _field(
        "Article id the file would have had; null when the name is not an id.", nullable=True
    )
    problem: Series[str] = _field("What is wrong, and where in the file.")
    message: Series[str] = _field("file_name and problem in one line, as shown in logs.")

    class Config:
        strict = True
        coerce = True
