"""Splitting an article body into sentences with their character offsets.

Image stubs and photo captions are dropped (they repeat names and places out of context); short lines with
no closing punctuation are marked as headings. Markup left by a scraper (HTML tags and entities) reads as a
space and invisible or direction-control characters are dropped, so "<b>92.5%</b>" and "9\u200b2.5%" read as
numbers; every sentence keeps a map from its cleaned text back to the untouched body, so spans still index it.
"""

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from pipeline.articles import INVISIBLE, MARKUP
from pipeline.extraction.prefilter import first_characters, with_first_characters
from pipeline.extraction.vocabulary import Vocabulary

# A sentence ends at . ! or ? followed by space and a capital, a quote or a bracket, except after
# abbreviations that take a full stop ("No. 21", "Mr. Minh"). The pattern starts with the mark itself, so the
# engine scans for the three characters in C; the abbreviation is then looked for behind it.
SENTENCE_END = re.compile(
    r"[.!?](?<!\bNo.)(?<!\bMr.)(?<!\bMrs.)(?<!\bMs.)(?<!\bDr.)(?<!\bSt.)(?<!\bvs.)[.!?]*(?=\s+[A-Z\"“(])"
)
# Tags and entities become one space; invisible and bidirectional control characters vanish.
NOISE = re.compile(f"{MARKUP.pattern}|{INVISIBLE.pattern}")
# The characters NOISE can start with, as a pattern the engine scans for in C: a line without one is clean.
NOISE_START = re.compile(first_characters(NOISE))
SEGMENT_BREAK = with_first_characters(re.compile(r";|(?<!\d):(?!\d)|\bof which\b", re.IGNORECASE))


@dataclass  # not frozen: a frozen dataclass sets each field through object.__setattr__, for 50 sentences an article
class Sentence:
    start: int  # body offsets of the sentence as published
    end: int
    text: str  # cleaned text the rules read
    is_heading: bool
    offsets: Sequence[int]  # body offset of each character of ``text``, and of its end

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Body offsets of text[start:end]."""
        return self.offsets[start], self.offsets[end - 1] + 1

    @cached_property
    def _breaks(self) -> list[tuple[int, int]]:
        return [match.span() for match in SEGMENT_BREAK.finditer(self.text)]

    def segment_bounds(self, position: int) -> tuple[int, int]:
        """Start and end (sentence-relative) of the clause segment holding ``position``: split at ; : "of which"."""
        start, end = 0, len(self.text)
        for break_start, break_end in self._breaks:
            if break_end <= position:
                start = break_end
            elif break_start >= position:
                end = break_start
                break
        return start, end


def clean(line: str, at: int) -> tuple[str, Sequence[int]]:
    """The line without markup or invisible characters, and the body offset of each character kept."""
    if not NOISE_START.search(line):
        return line, range(at, at + len(line))
    text, offsets, position = [], [], 0
    for match in NOISE.finditer(line):
        text.append(line[position : match.start()])
        offsets += range(at + position, at + match.start())
        if MARKUP.fullmatch(match.group(0)):
            text.append(" ")
            offsets.append(at + match.start())
        position = match.end()
    text.append(line[position:])
    offsets += range(at + position, at + len(line))
    return "".join(text), offsets


def sentences(body: str, vocabulary: Vocabulary) -> Iterator[Sentence]:
    offset = 0
    for raw_line in body.split("\n"):
        line_start, offset = offset, offset + len(raw_line) + 1
        line, offsets = clean(raw_line, line_start)
        stripped = line.strip()
        if not stripped or vocabulary.skip_lines.search(stripped):
            continue
        lead = len(line) - len(line.lstrip())
        is_heading = stripped[-1] not in '.!?;:…)"”' and len(stripped.split()) <= vocabulary.heading_max_words
        start = 0
        for match in [*SENTENCE_END.finditer(stripped), None]:
            end = match.end() if match else len(stripped)
            text = stripped[start:end]
            if text.strip():
                first = lead + start + len(text) - len(text.lstrip())
                text = text.strip()
                kept = offsets[first : first + len(text)]
                end_offset = kept[-1] + 1
                kept = range(kept[0], end_offset + 1) if isinstance(kept, range) else (*kept, end_offset)
                yield Sentence(kept[0], end_offset, text, is_heading, kept)
            start = end
