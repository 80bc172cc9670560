"""The raw layer: every shipped article loads with its header; a bad file is quarantined and the rest still load."""

import datetime as dt
import hashlib
import logging

import duckdb
import pytest
from dagster import DagsterInstance, materialize

from pipeline.articles import Article, ArticleFormatError, ArticleProblem, article_files, load_files, parse_article
from pipeline.defs.publish import published_warehouse
from pipeline.defs.raw import raw_articles
from pipeline.warehouse import stored_in_order
from tests.conftest import materialize_all, metadata, resources_for

TODAY = dt.date(2026, 11, 24)


def test_seed_articles_load_with_their_published_dates(built_warehouse):
    rows = built_warehouse.execute(
        "SELECT article_id, published_date, published_precision, geo_code FROM raw.articles ORDER BY article_id"
    ).fetchall()
    assert rows == [
        ("000_52d8246c83b7eb43", dt.date(2021, 12, 24), "day", "VN-22"),
        ("001_87d30291da594ad4", dt.date(2021, 7, 1), "month", "VN-22"),
        ("002_7f1991140e6facab", dt.date(2021, 1, 29), "day", "VN-22"),
        ("003_aa200991d62b31d0", dt.date(2023, 12, 1), "month", "VN-22"),
        ("004_a02182255bf7edcf", dt.date(2022, 1, 10), "day", None),
    ]
    assert built_warehouse.execute("SELECT count(*) FROM raw.article_quarantine").fetchone() == (0,)


def test_body_is_kept_exactly_as_published(built_warehouse, raw_dir):
    body, sha = built_warehouse.execute(
        "SELECT body, body_sha256 FROM raw.articles WHERE article_id = '002_7f1991140e6facab'"
    ).fetchone()
    text = (raw_dir / "articles" / "002_7f1991140e6facab.txt").read_text(encoding="utf-8")
    assert text.endswith("\n---\n" + body)
    assert "onSocial insurance, health insurancebe promoted" in body
    assert sha == hashlib.sha256(body.encode()).hexdigest()


def test_malformed_file_is_quarantined_and_the_others_load(raw_dir, warehouse_file):
    (raw_dir / "articles" / "bad_date.txt").write_text(
        "title: A\noutlet: B\npublished: 2021-13-01\nurl:\n---\nHealth insurance covers 91% of people.\n",
        encoding="utf-8",
    )
    result = materialize_all(raw_dir, warehouse_file)
    assert result.success
    with duckdb.connect(str(warehouse_file), read_only=True) as conn:
        assert conn.execute("SELECT count(*) FROM raw.articles").fetchone() == (5,)
        assert conn.execute("SELECT file_name, message FROM raw.article_quarantine").fetchall() == [
            (
                "raw/articles/bad_date.txt",
                "raw/articles/bad_date.txt: header line 3: published '2021-13-01' is not a date",
            ),
        ]
    materialization = result.asset_materializations_for_node("raw_articles")[0]
    assert materialization.metadata["files_seen"].value == 6


def test_a_file_gone_before_it_is_read_is_reported_and_the_others_load(raw_dir):
    """Files are listed, then read in batches (each batch's files asked of the disk first): one deleted meanwhile
    is a problem of its own, not the batch's."""
    files, _ = article_files(raw_dir)
    gone = files[0]
    (raw_dir / gone.file_name.split("/", 1)[1]).unlink()
    loaded = [entry.article for entry in load_files(files, dt.date(2026, 12, 5))]
    assert isinstance(loaded[0], ArticleProblem) and "cannot be read" in loaded[0].problem
    assert all(isinstance(article, Article) for article in loaded[1:])


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"title: A\noutlet: B\nurl:\npublished: 2021-01\n", "no '---' line ends the header"),
        (b"title: A\nurl:\npublished: 2021-01\n---\nx", "header: required key 'outlet' is missing"),
        (
            b"title: A\noutlet: B\nurl:\npublished: 2021-01\nauthor: C\n---\nx",
            "header line 5: unknown key 'author' (expected one of: title, outlet, url, published, geo)",
        ),
        (
            b"title: A\noutlet: B\nurl:\npublished: 2021-01\ngeo: VN-99\n---\nx",
            "header line 5: geo 'VN-99' is not an ISO 3166-2 code of Vietnam",
        ),
        (
            b"title: A\noutlet: B\nurl:\npublished: 2027-01-01\n---\nx",
            "header line 4: published '2027-01-01' is in the future",
        ),
        (
            b"title: A\noutlet: B\nurl:\npublished: 21 Jan 2021\n---\nx",
            "header line 4: published '21 Jan 2021' is not a date (expected YYYY-MM-DD or YYYY-MM)",
        ),
        (b"title: \xff\xfe\n---\nx", "not UTF-8 text (invalid byte at offset 7)"),
        (b"title: A\noutlet: B\nurl:\npublished: 2021-01\n---\n  \n", "body is empty"),
        (b"title: A\ntitle: B\n---\nx", "header line 2: 'title' is given twice"),
    ],
)
def test_header_problems_name_the_line_and_the_fault(content, problem):
    with pytest.raises(ArticleFormatError) as error:
        parse_article(content, "raw/articles/x.txt", TODAY)
    assert str(error.value) == problem


def test_month_precision_date():
    article = parse_article(b"title: A\noutlet: B\nurl:\npublished: 2023-12\n---\nbody", "raw/articles/a.txt", TODAY)
    assert (article.published_date, article.published_precision) == (dt.date(2023, 12, 1), "month")
    assert article.article_id == "a"


def test_same_body_under_two_ids_loads_once_and_is_reported(raw_dir, warehouse_file):
    original = (raw_dir / "articles" / "003_aa200991d62b31d0.txt").read_text(encoding="utf-8")
    (raw_dir / "articles" / "zz_copy.txt").write_text(
        original.replace("url: \n", "url: https://example.org/x\n"), encoding="utf-8"
    )
    (raw_dir / "articles" / "002_7F1991140E6FACAB.txt").write_text(
        "title: A\noutlet: B\nurl:\npublished: 2021-01\n---\nAnother body.", encoding="utf-8"
    )
    assert materialize_all(raw_dir, warehouse_file).success
    with duckdb.connect(str(warehouse_file), read_only=True) as conn:
        assert conn.execute("SELECT count(*) FROM raw.articles").fetchone() == (5,)
        assert conn.execute("SELECT message FROM raw.article_quarantine ORDER BY message").fetchall() == [
            # file names sort upper case first, so the new upper-case file is the one kept
            (
                "raw/articles/002_7f1991140e6facab.txt: article id '002_7f1991140e6facab' is already used by "
                "raw/articles/002_7F1991140E6FACAB.txt",
            ),
            (
                "raw/articles/zz_copy.txt: same body as raw/articles/003_aa200991d62b31d0.txt "
                "(a duplicate, loaded once)",
            ),
        ]


def raw_tables(raw_dir, warehouse_file, read_batch: int, monkeypatch) -> dict[str, dict]:
    """Materialise raw_articles alone (and publish it), reading ``read_batch`` files at a time: each table's content
    hash and row count, and the files read."""
    monkeypatch.setattr("pipeline.defs.raw.READ_BATCH", read_batch)
    result = materialize([raw_articles, published_warehouse], resources=resources_for(raw_dir, warehouse_file))
    kept = {name: metadata(result, name) for name in ("content_hash", "dagster/row_count", "files_read_now")}
    # Every table has a content hash (the published warehouse has none); only raw.articles says what it read.
    return {table: {name: kept[name][table] for name in kept if table in kept[name]} for table in kept["content_hash"]}


def test_reading_in_batches_gives_the_tables_a_whole_read_gives(raw_dir, tmp_path, monkeypatch):
    folder = raw_dir / "articles"
    (folder / "zz_copy.txt").write_bytes((folder / "003_aa200991d62b31d0.txt").read_bytes())
    (folder / "002_7F1991140E6FACAB.txt").write_text(
        "title: A\noutlet: B\nurl:\npublished: 2021-01\n---\nAnother body.", encoding="utf-8"
    )
    (folder / "bad_date.txt").write_text("title: A\noutlet: B\npublished: 2021-13-01\nurl:\n---\nx", encoding="utf-8")
    (folder / "b_markup.txt").write_text(
        "title: A\noutlet: B\nurl:\npublished: 2021-01\n---\n<b>Markup</b> left by a scraper.", encoding="utf-8"
    )
    whole = raw_tables(raw_dir, tmp_path / "whole" / "coverage.duckdb", 10_000, monkeypatch)
    quarantined, warned = (
        whole[f"raw/{table}"]["dagster/row_count"] for table in ("article_quarantine", "article_warnings")
    )
    assert (quarantined, warned) == (3, 1)  # both duplicates and the bad date; the markup
    # Each duplicate falls in another batch than the article it repeats.
    for read_batch in (1, 3):
        assert raw_tables(raw_dir, tmp_path / f"by_{read_batch}" / "coverage.duckdb", read_batch, monkeypatch) == whole

    # A copy that sorts first makes an unchanged article, whose rows are kept as loaded before, the duplicate.
    (folder / "0000_copy.txt").write_bytes((folder / "001_87d30291da594ad4.txt").read_bytes())
    again = raw_tables(raw_dir, tmp_path / "by_1" / "coverage.duckdb", 1, monkeypatch)
    fresh = raw_tables(raw_dir, tmp_path / "fresh" / "coverage.duckdb", 10_000, monkeypatch)
    assert again["raw/articles"].pop("files_read_now") < fresh["raw/articles"].pop("files_read_now")
    assert again == fresh


def test_a_first_run_stores_the_articles_in_file_order_and_writes_them_without_a_sort(raw_dir, tmp_path, monkeypatch):
    """The articles read wait in file order (batches in name order, duplicates and bad files set aside), which
    ``stored_in_order`` proves, so raw.articles is written from them as they are; the table is the same."""
    folder = raw_dir / "articles"
    (folder / "zz_copy.txt").write_bytes((folder / "003_aa200991d62b31d0.txt").read_bytes())
    (folder / "bad_date.txt").write_text("title: A\noutlet: B\npublished: 2021-13-01\nurl:\n---\nx", encoding="utf-8")
    proofs = []

    def spy(conn, table, order_by):
        proofs.append((table, order_by, stored_in_order(conn, table, order_by)))
        return proofs[-1][-1]

    monkeypatch.setattr("pipeline.warehouse.stored_in_order", spy)
    tables = raw_tables(raw_dir, tmp_path / "first" / "coverage.duckdb", 1, monkeypatch)
    # Proven of the table the articles were stored in as read, which then becomes raw.articles.
    assert proofs == [("raw.articles__read", ("file_name",), True)]
    # Written from a sort, the same table.
    monkeypatch.setattr("pipeline.warehouse.stored_in_order", lambda *_: False)
    assert raw_tables(raw_dir, tmp_path / "sorted" / "coverage.duckdb", 1, monkeypatch) == tables


def new_files_not_last(raw_dir, warehouse_file) -> tuple[int, list[str]]:
    """How many new files a run found sorting before loaded ones, and the warnings it logged about them."""
    instance = DagsterInstance.ephemeral()
    resources = resources_for(raw_dir, warehouse_file)
    result = materialize([raw_articles, published_warehouse], resources=resources, instance=instance)
    warnings = [
        entry.user_message
        for entry in instance.all_logs(result.run_id)
        if entry.level == logging.WARNING and "sort before files loaded earlier" in entry.user_message
    ]
    return metadata(result, "new_files_not_last")["raw/articles"], warnings


def test_new_files_that_sort_before_loaded_ones_are_counted(raw_dir, warehouse_file):
    """Appending needs new files to sort last: a run says how many did not (the big tables are then rewritten)."""
    folder, header = raw_dir / "articles", "title: A\noutlet: B\nurl:\npublished: 2021-01\n---\n"
    assert new_files_not_last(raw_dir, warehouse_file) == (0, [])
    (folder / "zz_last.txt").write_text(header + "Last.", encoding="utf-8")
    assert new_files_not_last(raw_dir, warehouse_file) == (0, [])
    (folder / "000a_early.txt").write_text(header + "Early.", encoding="utf-8")
    (folder / "001a_early.txt").write_text(header + "Early too.", encoding="utf-8")
    count, [warning] = new_files_not_last(raw_dir, warehouse_file)
    assert count == 2 and warning.startswith("2 new article files sort before files loaded earlier (the first: ")
    assert "000a_early.txt" in warning and "rewritten instead of appended" in warning
    assert new_files_not_last(raw_dir, warehouse_file) == (0, [])  # loaded now
