"""Turning article text into coverage figures, each traced to its sentence and character span.

``vocabulary.toml`` holds the rules (scheme names, denominators, qualifiers, target cues, period phrases);
``vocabulary`` compiles it, ``text`` splits a body into sentences, ``numbers`` finds and normalises numbers,
``context`` reads the cues around them, and ``extractor`` decides which numbers are coverage figures.
"""

from pipeline.extraction.extractor import ArticleContext, Extraction, extract
from pipeline.extraction.vocabulary import RULES_VERSION

__all__ = ["ArticleContext", "Extraction", "RULES_VERSION", "extract"]
