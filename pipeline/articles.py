"""The raw article format, and reading it without letting one bad file stop the corpus.

An article file is UTF-8 text: ``key: value`` header lines, a line ``---``, then the body exactly as published.
Header keys: ``title``, ``outlet``, ``url`` (may be empty) and ``published`` (``YYYY-MM-DD``, or ``YYYY-MM`` when
only the month is known) are required; ``geo`` (an ISO 3166-2 code) is optional. The file name, less ``.txt``,
is the article id.
"""

import datetime as dt
import hashlib
import os
import re
from collections.abc import Iterable
from contextlib import nullcontext, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, Protocol, TypeVar

from pipeline.geography import geo_codes

SEPARATOR = "---"
SEPARATOR_LINE = re.compile(rf"^{re.escape(SEPARATOR)}\r*$", re.MULTILINE)
REQUIRED_KEYS = ("title", "outlet", "url", "published")
OPTIONAL_KEYS = ("geo",)
MAY_BE_EMPTY = {"url"}
# Real articles are tens of kilobytes; a file this large is a scraper gluing pages together, or not an article.
MAX_ARTICLE_BYTES = 1_000_000
# Left by scrapers: the article loads (the extractor reads past them) but is listed in raw.article_warnings.
MARKUP = re.compile(r"<\s*/?\s*[A-Za-z][^<>]{0,300}>|&(?:[a-zA-Z]{2,8}|#\d{1,6});")
INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
ARTICLE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
PUBLISHED = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


class ArticleFormatError(ValueError):
    """The file is not a valid article; the message says where and why."""


@dataclass(frozen=True)
class Article:
    article_id: str
    file_name: str
    title: str
    outlet: str
    url: str
    published: str
    published_date: dt.date
    published_precision: str
    geo_code: str | None
    body: str
    body_sha256: str
    body_chars: int


@dataclass(frozen=True)
class ArticleProblem:
    file_name: str
    article_id: str | None
    problem: str

    @property
    def message(self) -> str:
        return f"{self.file_name}: {self.problem}"


def position_message(file_name: str, char_start: int, text: str, problem: str) -> str:
    """A problem at a place in an article's body, in the one form every report uses."""
    return f"{file_name}: character {char_start} ('{text}'): {problem}"


def parse_published(value: str, today: dt.date) -> tuple[dt.date, str]:
    """``2021-12-24`` -> (that day, 'day'); ``2021-07`` -> (2021-07-01, 'month')."""
    match = PUBLISHED.match(value)
    if not match:
        raise ArticleFormatError(f"published '{value}' is not a date (expected YYYY-MM-DD or YYYY-MM)")
    year, month, day = match.groups()
    try:
        date = dt.date(int(year), int(month), int(day or 1))
    except ValueError:
        raise ArticleFormatError(f"published '{value}' is not a date") from None
    if date > today:
        raise ArticleFormatError(f"published '{value}' is in the future")
    return date, "day" if day else "month"


def parse_header(lines: list[str]) -> dict[str, tuple[int, str]]:
    """Header lines to {key: (line number, value)}; rejects unknown, repeated and malformed lines."""
    allowed = REQUIRED_KEYS + OPTIONAL_KEYS
    fields: dict[str, tuple[int, str]] = {}
    for number, line in enumerate(lines, start=1):
        key, colon, value = line.partition(":")
        key = key.strip()
        if not colon or not key:
            raise ArticleFormatError(f"header line {number}: '{line[:60]}' is not a 'key: value' line")
        if key not in allowed:
            raise ArticleFormatError(
                f"header line {number}: unknown key '{key[:40]}' (expected one of: {', '.join(allowed)})"
            )
        if key in fields:
            raise ArticleFormatError(f"header line {number}: '{key}' is given twice")
        fields[key] = (number, value.strip())
    for key in REQUIRED_KEYS:
        if key not in fields:
            raise ArticleFormatError(f"header: required key '{key}' is missing")
    for key, (number, value) in fields.items():
        if not value and key not in MAY_BE_EMPTY:
            raise ArticleFormatError(f"header line {number}: '{key}' is empty")
    return fields


def parse_article(data: bytes, file_name: str, today: dt.date) -> Article:
    """Parse one article file's bytes; raises ArticleFormatError with a message a person can act on."""
    article_id = Path(file_name).stem
    if not ARTICLE_ID.match(article_id):
        raise ArticleFormatError(f"file name '{article_id}' is not a valid article id (letters, digits, _ . -)")
    if not data.strip():
        raise ArticleFormatError("file is empty")
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleFormatError(
            f"file is {len(data):,} bytes; articles over {MAX_ARTICLE_BYTES:,} bytes are not loaded (split it, or "
            "raise MAX_ARTICLE_BYTES in pipeline/articles.py if it really is one article)"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleFormatError(f"not UTF-8 text (invalid byte at offset {error.start})") from None
    if "\x00" in text:
        raise ArticleFormatError("binary content (NUL bytes), not an article")
    # The first line that is the separator (less any trailing \r), found without splitting the body into lines.
    separator = SEPARATOR_LINE.search(text)
    if not separator:
        raise ArticleFormatError(f"no '{SEPARATOR}' line ends the header")
    header = text[: separator.start() - 1].split("\n") if separator.start() else []
    fields = parse_header([line.rstrip("\r") for line in header])
    body = text[separator.end() + 1 :]
    if not body.strip():
        raise ArticleFormatError("body is empty")
    line_of_published, published = fields["published"]
    try:
        published_date, precision = parse_published(published, today)
    except ArticleFormatError as error:
        raise ArticleFormatError(f"header line {line_of_published}: {error}") from None
    geo = fields.get("geo", (0, ""))
    if geo[1] and geo[1] not in geo_codes():
        raise ArticleFormatError(f"header line {geo[0]}: geo '{geo[1]}' is not an ISO 3166-2 code of Vietnam")
    return Article(
        article_id=article_id,
        file_name=file_name,
        title=fields["title"][1],
        outlet=fields["outlet"][1],
        url=fields["url"][1],
        published=published,
        published_date=published_date,
        published_precision=precision,
        geo_code=geo[1] or None,
        body=body,
        body_sha256=hashlib.sha256(body.encode("utf-8")).hexdigest(),
        body_chars=len(body),
    )


def content_warnings(article: Article) -> list[ArticleProblem]:
    """Problems in an article that loads anyway: markup and invisible or direction-control characters."""
    found = []
    if "<" not in article.body and "&" not in article.body and article.body.isascii():
        return []  # neither markup nor any invisible character can be there: no need to scan
    if markup := MARKUP.search(article.body):
        found.append(f"contains HTML markup (first: '{markup.group(0)[:40]}' at character {markup.start()})")
    if invisible := INVISIBLE.search(article.body):
        found.append(
            f"contains invisible or direction-control characters (first: U+{ord(invisible.group(0)):04X} "
            f"at character {invisible.start()})"
        )
    return [ArticleProblem(article.file_name, article.article_id, problem) for problem in found]


class Identity(Protocol):
    """What telling duplicates apart needs: a loaded article, or a row of one loaded before."""

    article_id: str
    file_name: str
    body_sha256: str


T = TypeVar("T", bound=Identity)


@dataclass
class FirstSeen:
    """The file that first used each id (lower-cased) and each body (by hash). Passed from one batch to the next,
    it lets a corpus read in batches, in file name order, set aside the same duplicates as when read whole."""

    ids: dict[str, str] = field(default_factory=dict)
    bodies: dict[str, str] = field(default_factory=dict)


def set_aside_duplicates(articles: list[T], seen: FirstSeen | None = None) -> tuple[list[T], list[ArticleProblem]]:
    """Keep the first article (by file name) of each id, compared without case, and of each body; report the rest.
    ``seen`` holds the ids and bodies of earlier batches, all of whose file names come before these.

    A body published under two ids is one article: counting it twice would double its figures.
    """
    kept: list[T] = []
    problems: list[ArticleProblem] = []
    seen = FirstSeen() if seen is None else seen
    ids, bodies = seen.ids, seen.bodies
    for article in sorted(articles, key=lambda a: a.file_name):
        if article.article_id.lower() in ids:
            problem = f"article id '{article.article_id}' is already used by {ids[article.article_id.lower()]}"
        elif article.body_sha256 in bodies:
            problem = f"same body as {bodies[article.body_sha256]} (a duplicate, loaded once)"
        else:
            ids[article.article_id.lower()] = article.file_name
            bodies[article.body_sha256] = article.file_name
            kept.append(article)
            continue
        problems.append(ArticleProblem(article.file_name, article.article_id, problem))
    return kept, problems


@dataclass(frozen=True)
class ArticleFile:
    """A file in raw/articles, and what tells whether it changed since it was last loaded."""

    path: str  # a string, not a Path: making 50k Paths took half a second
    file_name: str  # relative to the project: raw/articles/<id>.txt
    size: int
    modified_ns: int


def article_files(raw_dir: Path) -> tuple[list[ArticleFile], list[ArticleProblem]]:
    """Every article file in ``raw_dir/articles`` sorted by name, and a problem for each other entry there."""
    files: list[ArticleFile] = []
    problems: list[ArticleProblem] = []
    folder = raw_dir / "articles"
    # os.scandir, not Path.iterdir and Path.stat: a nightly run lists every file, 50k of them in 0.2 s, not 2.7 s.
    with os.scandir(folder) if folder.is_dir() else nullcontext([]) as listing:
        entries = sorted((entry for entry in listing if not entry.name.startswith(".")), key=lambda e: e.name)
    for entry in entries:
        file_name = f"{raw_dir.name}/articles/{entry.name}"
        if not entry.name.endswith(".txt") or not entry.is_file():
            problems.append(ArticleProblem(file_name, None, "not an article file (expected <article_id>.txt)"))
            continue
        stat = entry.stat()
        files.append(ArticleFile(entry.path, file_name, stat.st_size, stat.st_mtime_ns))
    return files, problems


def load_article(file: ArticleFile, today: dt.date) -> Article | ArticleProblem:
    """The file's article, or the problem that keeps it out."""
    try:
        with open(file.path, "rb") as handle:
            data = handle.read()
        return parse_article(data, file.file_name, today)
    except ArticleFormatError as error:
        return ArticleProblem(file.file_name, Path(file.path).stem, str(error))
    except OSError as error:
        return ArticleProblem(file.file_name, Path(file.path).stem, f"cannot be read ({error.strerror})")


class Loaded(NamedTuple):
    """A file as loaded: its article (or the problem that keeps it out), and the article's content warnings."""

    article: Article | ArticleProblem
    warnings: list[ArticleProblem]


def prefetch(paths: Iterable[str]) -> None:
    """Ask the kernel to start reading these files now (``POSIX_FADV_WILLNEED``), all at once: read one after the
    other, a file not in the page cache waits for the disk each time. 50k files not in the page cache took 5.7-6.3 s
    to read in turn, 2.0 s with this asked first. Where the call is missing or refused, files are read as before."""
    if not hasattr(os, "posix_fadvise"):
        return
    for path in paths:
        with suppress(OSError):  # a file that cannot be opened is reported when it is read
            descriptor = os.open(path, os.O_RDONLY)
            try:
                os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_WILLNEED)
            finally:
                os.close(descriptor)


def load_files(files: list[ArticleFile], today: dt.date) -> list[Loaded]:
    """Each file loaded, with its warnings: the part of loading that needs no database, run in worker processes
    when a run reads many files."""
    prefetch(file.path for file in files)
    loaded = [load_article(file, today) for file in files]
    return [Loaded(a, content_warnings(a) if isinstance(a, Article) else []) for a in loaded]


def read_articles(raw_dir: Path, today: dt.date) -> tuple[list[Article], list[ArticleProblem]]:
    """Every file in ``raw_dir/articles``, sorted by name: the articles that parse, and a problem for each other."""
    files, problems = article_files(raw_dir)
    loaded = [load_article(file, today) for file in files]
    articles, duplicates = set_aside_duplicates([a for a in loaded if isinstance(a, Article)])
    problems += [p for p in loaded if isinstance(p, ArticleProblem)] + duplicates
    return articles, sorted(problems, key=lambda p: p.file_name)
