"""Cheap tests run before each vocabulary regex, read from the parsed pattern itself.

Python's regex engine tries an alternation of phrases at every character of a sentence, and most sentences
contain none of the words the phrases need. ``required_words`` reads those words from the parsed pattern, and
``Phrases`` skips the regex when none of them is in the text. Where the regex does run, a lookahead of the
characters a match can start with (``first_characters``) lets the engine pass every other position without
trying each alternative (or lookbehind) there. Both come from the pattern, so an analyst who edits
``vocabulary.toml`` never maintains them, and the answer is always the regex's own.
"""

import re
import re._constants as sre
import re._parser as sre_parse
import sys
from functools import cache

# More alternatives than this, and looking for each costs about as much as the regex.
MAX_WORDS = 32
# Words in almost every sentence: a pre-test for them would almost always pass.
COMMON_WORDS = frozenset(
    ["a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "of", "on", "or", "the", "to", "with"]
)
REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
}


def _class_items(items) -> list[str] | None:
    """A character set's items as character-class text, or None for a negated set."""
    parts = []
    for op, argument in items:
        if op is sre.LITERAL:
            parts.append(re.escape(chr(argument)))
        elif op is sre.RANGE:
            parts.append(f"{re.escape(chr(argument[0]))}-{re.escape(chr(argument[1]))}")
        elif op is sre.CATEGORY and argument in CATEGORIES:
            parts.append(CATEGORIES[argument])
        else:
            return None
    return parts


def _starts(items) -> tuple[list[str], bool] | None:
    """(class items one of which starts every match, whether the sequence can match nothing), or None when
    the pattern has constructs this does not follow (a negated set, any character, a scoped flag)."""
    starts: list[str] = []
    for op, argument in items:
        if op in ZERO_WIDTH:
            continue  # anchors and lookarounds consume nothing: the next item starts the match
        if op is sre.LITERAL or op is sre.IN:
            found = _class_items([(op, argument)] if op is sre.LITERAL else argument)
            return (starts + found, False) if found is not None else None
        if op is sre.SUBPATTERN:
            if argument[1] or argument[2]:
                return None
            inner = _starts(argument[3])
        elif op is sre.ATOMIC_GROUP:
            inner = _starts(argument)
        elif op is sre.BRANCH:
            branches = [_starts(branch) for branch in argument[1]]
            if None in branches:
                return None
            inner = ([item for found, _ in branches for item in found], any(empty for _, empty in branches))
        elif op in REPEATS:
            inner = _starts(argument[2])
            if inner is not None and argument[0] == 0:
                inner = (inner[0], True)
        else:
            return None
        if inner is None:
            return None
        starts += inner[0]
        if not inner[1]:
            return starts, False
    return starts, True


def first_characters(pattern: re.Pattern) -> str | None:
    """A character class that every match's first character is in, or None when there is none worth adding:
    the pattern can match the empty string, starts with a literal (the engine already scans for it), or has
    constructs ``_starts`` does not follow."""
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    if not parsed.data or parsed.data[0][0] is sre.LITERAL:
        return None
    found = _starts(parsed.data)
    if found is None or found[1]:
        return None
    return "[" + "".join(dict.fromkeys(found[0])) + "]"


def with_first_characters(pattern: re.Pattern) -> re.Pattern:
    """The pattern behind a lookahead of its first characters: the same matches, found faster."""
    first = first_characters(pattern)
    if first is None:
        return pattern
    try:
        return re.compile(f"(?={first})(?:{pattern.pattern})", pattern.flags)
    except re.error:  # a global inline flag such as (?i) must stay at the start: scan the pattern as written
        return pattern


def _set_takes(items, character: str) -> bool:
    """Whether a character set's items take ``character``; items this does not follow count as taking it."""
    negated = bool(items) and items[0][0] is sre.NEGATE
    found = False
    for op, argument in items[negated:]:
        if op is sre.LITERAL:
            found |= chr(argument) == character
        elif op is sre.RANGE:
            found |= argument[0] <= ord(character) <= argument[1]
        elif op is sre.CATEGORY and argument in CATEGORIES:
            found |= re.fullmatch(CATEGORIES[argument], character) is not None
        else:
            return True
    return found != negated


def _takes(items, characters: str) -> bool:
    """Whether the parsed sequence, or a lookaround in it, may take one of ``characters``."""
    for op, argument in items:
        if op is sre.LITERAL:
            taken = chr(argument) in characters
        elif op is sre.NOT_LITERAL:
            taken = any(character != chr(argument) for character in characters)
        elif op is sre.IN:
            taken = any(_set_takes(argument, character) for character in characters)
        elif op is sre.AT:
            taken = False
        elif op is sre.ASSERT or op is sre.ASSERT_NOT:
            taken = _takes(argument[1], characters)
        elif op is sre.SUBPATTERN:
            taken = _takes(argument[3], characters)
        elif op is sre.ATOMIC_GROUP:
            taken = _takes(argument, characters)
        elif op is sre.BRANCH:
            taken = any(_takes(branch, characters) for branch in argument[1])
        elif op in REPEATS:
            taken = _takes(argument[2], characters)
        else:  # any character, group references, conditionals
            taken = True
        if taken:
            return True
    return False


def may_take(pattern: re.Pattern, characters: str) -> bool:
    """Whether a match of ``pattern`` may contain, or one of its lookarounds look at, one of ``characters``
    (which must have no other case, as punctuation has none). Constructs it does not follow count as "may"."""
    return _takes(sre_parse.parse(pattern.pattern, pattern.flags).data, characters)


def _selectivity(words: set[str]) -> int:
    """How rarely the text holds one of ``words``: longer words are rarer, and the commonest ones count as none
    ("the end of" is looked for by "end")."""
    return min(0 if word.lower() in COMMON_WORDS else len(word) for word in words)


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


@cache
def _matches_ascii(character: str) -> bool:
    """Whether a case-insensitive regex may match ``character`` to an ASCII one (the Kelvin sign matches k)."""
    return any(re.fullmatch(re.escape(character), chr(code), re.IGNORECASE) for code in range(128))


def required_words(pattern: re.Pattern) -> frozenset[str] | None:
    """Lower-case words one of which every match contains, or None when the pattern has no such set. Words are
    compared lower-cased even for case-sensitive patterns: a looser test, never a wrong one. Only ASCII text is
    pre-tested, where a word with a non-ASCII letter ("ảnh") is never found; so such a word is kept only if none of
    its letters can match an ASCII one."""
    words = _sequence(sre_parse.parse(pattern.pattern, pattern.flags))
    if not words or len(words) > MAX_WORDS or any(_matches_ascii(c) for w in words for c in w if not c.isascii()):
        return None
    return frozenset(word.lower() for word in words)


# The last text pre-tested, lower-cased (None if not ASCII). Every pattern of a sentence tests the same text in
# turn, so the last answer is kept (as one tuple, replaced whole, so threads never see a text with another's lower
# case).
_last: tuple[str, str | None] = ("", "")


class Phrases:
    """A compiled vocabulary regex that answers "no match" without running when a required word is absent.

    Only ASCII text is pre-tested: there lower-casing is exactly Python's case-insensitive matching.
    """

    __slots__ = ("regex", "scan", "words")

    def __init__(self, regex: re.Pattern):
        self.regex = regex  # as written (``pattern`` composes it into larger ones)
        self.scan = with_first_characters(regex)
        self.words = required_words(regex)

    @property
    def pattern(self) -> str:
        return self.regex.pattern

    def may_match(self, text: str) -> bool:
        global _last
        if self.words is None:
            return True
        last = _last  # read inline: a function call for it was a tenth of the pre-test's time
        if last[0] is not text:
            last = _last = (text, text.lower() if text.isascii() else None)
        lowered = last[1]
        if lowered is None:
            return True
        return any(map(lowered.__contains__, self.words))  # no Python frame per word

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize):
        return self.scan.finditer(text, pos, endpos) if self.may_match(text) else iter(())

    def search(self, text: str) -> re.Match | None:
        return self.scan.search(text) if self.may_match(text) else None

    def match(self, text: str) -> re.Match | None:
        return self.scan.match(text) if self.may_match(text) else None

    def sub(self, replacement: str, text: str) -> str:
        return self.scan.sub(replacement, text) if self.may_match(text) else text
