"""Extraction over a table of articles (raw.articles, or files given to the preview command)."""

import pandas as pd

from pipeline.extraction.extractor import ArticleContext, extract
from pipeline.schemas import ExtractedFigureModel, NumberMentionModel, columns


def extract_articles(articles: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(figures, number mentions) of every article, in article then text order."""
    figures: list[dict] = []
    mentions: list[dict] = []
    for article in articles.sort_values("article_id").itertuples():
        geo = article.geo_code if isinstance(article.geo_code, str) else None
        published = pd.Timestamp(article.published_date).date()
        source = getattr(article, "file_name", None)
        result = extract(ArticleContext(article.article_id, article.body, published, geo, source))
        figures += result.figures
        mentions += result.mentions
    figure_frame = pd.DataFrame(figures, columns=columns(ExtractedFigureModel))
    for name in ("period_end", "compared_to"):
        figure_frame[name] = pd.to_datetime(figure_frame[name])
    return figure_frame, pd.DataFrame(mentions, columns=columns(NumberMentionModel))
