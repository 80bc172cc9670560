"""Raw layer: every article file in ``raw/articles`` as one row, and the files that could not be loaded.

Nothing is interpreted here beyond the article format; the body is kept exactly as published so character
spans computed downstream point into it.
"""

import dataclasses
import datetime as dt

import pandas as pd
from dagster import AssetExecutionContext, multi_asset
from dagster_duckdb import DuckDBResource

from pipeline.articles import ArticleProblem, content_warnings, read_articles
from pipeline.defs.resources import RawDirectory
from pipeline.defs.tables import publish, table_checks, table_spec
from pipeline.schemas import ArticleModel, ArticleQuarantineModel, ArticleWarningModel, columns
from pipeline.validation import split_valid

ARTICLES = table_spec("raw/articles", ArticleModel, "raw", kinds=("duckdb", "python"))
ARTICLE_QUARANTINE = table_spec("raw/article_quarantine", ArticleQuarantineModel, "raw")
ARTICLE_WARNINGS = table_spec("raw/article_warnings", ArticleWarningModel, "raw")


def problem_frame(problems: list[ArticleProblem], model) -> pd.DataFrame:
    return pd.DataFrame([{**dataclasses.asdict(p), "message": p.message} for p in problems], columns=columns(model))


@multi_asset(specs=[ARTICLES, ARTICLE_QUARANTINE, ARTICLE_WARNINGS], name="raw_articles")
def raw_articles(context: AssetExecutionContext, raw: RawDirectory, warehouse: DuckDBResource):
    """Read and validate every article file; the ones that fail go to the quarantine table, the rest load."""
    articles, problems = read_articles(raw.root, dt.date.today())
    # vars(), not dataclasses.asdict(): asdict deep-copies every field, which took 3 s for 50k articles.
    frame = pd.DataFrame([vars(a) for a in articles], columns=columns(ArticleModel))
    frame["published_date"] = pd.to_datetime(frame["published_date"])
    accepted, reasons = split_valid(frame, ArticleModel)
    problems += [
        ArticleProblem(frame.at[i, "file_name"], frame.at[i, "article_id"], f"invalid article: {reason}")
        for i, reason in reasons.items()
    ]
    loaded = set(accepted["article_id"])
    warnings = [w for a in articles if a.article_id in loaded for w in content_warnings(a)]
    for problem in problems + warnings:
        context.log.warning(problem.message)
    files_seen = len(articles) + len(problems) - len(reasons)
    with warehouse.get_connection() as conn:
        yield publish(conn, ARTICLES, accepted, ArticleModel, files_seen=files_seen)
        yield publish(conn, ARTICLE_QUARANTINE, problem_frame(problems, ArticleQuarantineModel), ArticleQuarantineModel)
        yield publish(conn, ARTICLE_WARNINGS, problem_frame(warnings, ArticleWarningModel), ArticleWarningModel)


raw_checks = table_checks(
    "raw_tables_match_schema",
    {
        ARTICLES.key: ArticleModel,
        ARTICLE_QUARANTINE.key: ArticleQuarantineModel,
        ARTICLE_WARNINGS.key: ArticleWarningModel,
    },
)
