"""Splitting a body into sentences: where a sentence ends, and how each keeps its offsets into the body."""

import pytest

from pipeline.extraction.text import sentences
from pipeline.extraction.vocabulary import vocabulary


def texts(body: str) -> list[str]:
    return [s.text for s in sentences(body, vocabulary())]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Coverage rose. It reached 92%.", ["Coverage rose.", "It reached 92%."]),
        ("Did it? Yes! It did.", ["Did it?", "Yes!", "It did."]),
        ("It rose... Then it fell.", ["It rose...", "Then it fell."]),
        ('He said so. "It rose," he added.', ["He said so.", '"It rose," he added.']),
        # Abbreviations that take a full stop end no sentence, with or without more marks after them.
        (
            "Under Resolution No. 21 it rose. Mr. Minh said so.",
            ["Under Resolution No. 21 it rose.", "Mr. Minh said so."],
        ),
        ("Ask Dr. Lan. Mrs. Hoa and Ms. Mai agree.", ["Ask Dr. Lan.", "Mrs. Hoa and Ms. Mai agree."]),
        ("Ha Noi vs. Hue. St. Paul is far.", ["Ha Noi vs. Hue.", "St. Paul is far."]),
        # Only the abbreviation as a whole word counts: "Tomr." and "Sno." end sentences.
        ("It was Tomr. Then Sno. After that.", ["It was Tomr.", "Then Sno.", "After that."]),
        # No capital, quote or bracket after the mark: the sentence goes on.
        ("It rose 2.5 percent. and more. (Then) it fell.", ["It rose 2.5 percent. and more.", "(Then) it fell."]),
    ],
)
def test_sentence_ends(body, expected):
    assert texts(body) == expected


def test_spans_index_the_body_through_markup():
    body = "Intro line.\n<b>Coverage</b> reached 92.5% in 2023. Next one."
    found = list(sentences(body, vocabulary()))
    # A tag reads as one space.
    assert [s.text for s in found] == ["Intro line.", "Coverage  reached 92.5% in 2023.", "Next one."]
    coverage = found[1]
    start = coverage.text.index("92.5%")
    assert body[slice(*coverage.span(start, start + len("92.5%")))] == "92.5%"
    assert body[coverage.start : coverage.end].endswith("in 2023.")
