"""A cheap test run before each vocabulary regex: the literal words that any match must contain.

Python's regex engine tries an alternation of phrases at every character of a sentence, and most sentences
contain none of the words the phrases need. ``required_words`` reads those words from the parsed pattern, and
``Phrases`` skips the regex when none of them is in the text. The words come from the pattern itself, so an
analyst who edits ``vocabulary.toml`` never maintains them, and the answer is always the regex's own.
"""

import re
import re._constants as sre
import re._parser as sre_parse

# More alternatives than this, and looking for each costs about as much as the regex.
MAX_WORDS = 32
REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def _selectivity(words: set[str]) -> int:
    return min(map(len, words))


def _sequence(items) -> set[str] | None:
    """Words one of which every match of this sequence contains: the most selective set among its parts."""
    best: set[str] | None = None
    run: list[str] = []

    def consider(words: set[str] | None) -> None:
        nonlocal best
        if words and (best is None or _selectivity(words) > _selectivity(best)):
            best = words

    for op, argument in items:
        if op is sre.LITERAL:
            run.append(chr(argument))
            continue
        if run:
            consider({"".join(run)})
            run = []
        if op is sre.SUBPATTERN:
            consider(_sequence(argument[3]))
        elif op is sre.ATOMIC_GROUP:
            consider(_sequence(argument))
        elif op is sre.BRANCH:
            branches = [_sequence(branch) for branch in argument[1]]
            if all(branches):
                consider(set().union(*branches))
        elif op in REPEATS and argument[0] >= 1:
            consider(_sequence(argument[2]))
    if run:
        consider({"".join(run)})
    return best


def required_words(pattern: re.Pattern) -> frozenset[str] | None:
    """Lower-case ASCII words one of which every match contains, or None when the pattern has no such set
    (or only non-ASCII ones, whose case-insensitive matches Python does not reduce to lower-casing). Words are
    compared lower-cased even for case-sensitive patterns: a looser test, never a wrong one."""
    words = _sequence(sre_parse.parse(pattern.pattern, pattern.flags))
    if not words or len(words) > MAX_WORDS or not all(word.isascii() for word in words):
        return None
    return frozenset(word.lower() for word in words)


class Phrases:
    """A compiled vocabulary regex that answers "no match" without running when a required word is absent.

    Only ASCII text is pre-tested: there lower-casing is exactly Python's case-insensitive matching.
    """

    __slots__ = ("regex", "words")

    def __init__(self, regex: re.Pattern):
        self.regex = regex
        self.words = required_words(regex)

    @property
    def pattern(self) -> str:
        return self.regex.pattern

    def may_match(self, text: str) -> bool:
        if self.words is None or not text.isascii():
            return True
        lowered = text.lower()
        return any(word in lowered for word in self.words)

    def finditer(self, text: str):
        return self.regex.finditer(text) if self.may_match(text) else iter(())

    def search(self, text: str) -> re.Match | None:
        return self.regex.search(text) if self.may_match(text) else None

    def match(self, text: str) -> re.Match | None:
        return self.regex.match(text) if self.may_match(text) else None

    def sub(self, replacement: str, text: str) -> str:
        return self.regex.sub(replacement, text) if self.may_match(text) else text
