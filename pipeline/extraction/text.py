"""Splitting an article body into sentences with their character offsets.

Image stubs and photo captions are dropped (they repeat names and places out of context); short lines with
no closing punctuation are marked as headings. Offsets always index the untouched body.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.extraction.vocabulary import Vocabulary

# A sentence ends at . ! or ? followed by space and a capital, a quote or a bracket, except after
# abbreviations that take a full stop ("No. 21", "Mr. Minh").
SENTENCE_END = re.compile(r"(?<!\bNo)(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bvs)[.!?]+(?=\s+[A-Z\"“(])")
SEGMENT_BREAK = re.compile(r";|(?<!\d):(?!\d)|\bof which\b", re.IGNORECASE)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    is_heading: bool

    def segment_bounds(self, position: int) -> tuple[int, int]:
        """Start and end (sentence-relative) of the clause segment holding ``position``: split at ; : "of which"."""
        start, end = 0, len(self.text)
        for match in SEGMENT_BREAK.finditer(self.text):
            if match.end() <= position:
                start = match.end()
            elif match.start() >= position:
                end = match.start()
                break
        return start, end


def sentences(body: str, vocabulary: Vocabulary) -> Iterator[Sentence]:
    offset = 0
    for line in body.split("\n"):
        line_start, offset = offset, offset + len(line) + 1
        stripped = line.strip()
        if not stripped or vocabulary.skip_lines.search(stripped):
            continue
        lead = line_start + len(line) - len(line.lstrip())
        is_heading = stripped[-1] not in '.!?;:…)"”' and len(stripped.split()) <= vocabulary.heading_max_words
        start = 0
        for match in [*SENTENCE_END.finditer(stripped), None]:
            end = match.end() if match else len(stripped)
            text = stripped[start:end]
            if text.strip():
                skipped = len(text) - len(text.lstrip())
                yield Sentence(lead + start + skipped, lead + end, text.strip(), is_heading)
            start = end
