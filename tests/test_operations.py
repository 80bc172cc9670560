"""Nightly operations: atomic publish under a BI reader, failed checks, incremental extraction, determinism,
and the sensor and schedule that start runs."""

import os
import shutil
import subprocess
import sys
import time

import duckdb
from dagster import (
    AssetCheckResult,
    AssetCheckSeverity,
    DefaultScheduleStatus,
    DefaultSensorStatus,
    asset_check,
    build_sensor_context,
)

from pipeline.defs.automation import new_article_sensor, nightly_schedule
from pipeline.defs.marts import COVERAGE
from pipeline.defs.resources import RawDirectory
from pipeline.extraction import cache
from pipeline.parallel import ordered_map
from tests.conftest import CURATION_HEADER, checked_rows, materialize_all, metadata, query, sha256

NEW_ARTICLE = (
    "title: Thanh Hoa health insurance\noutlet: Test Daily\nurl:\npublished: 2024-02-01\n---\n"
    "By the end of 2023, Thanh Hoa province had 3.4 million people participating in health insurance, "
    "reaching 92.1% of the population."
)


def test_reader_holding_the_published_file_neither_blocks_nor_sees_a_half_built_warehouse(raw_dir, warehouse_file):
    assert materialize_all(raw_dir, warehouse_file).success
    reader = duckdb.connect(str(warehouse_file), read_only=True)
    try:
        before = reader.execute("SELECT count(*) FROM marts.figures").fetchone()[0]
        (raw_dir / "articles" / "thanh_hoa.txt").write_text(NEW_ARTICLE, encoding="utf-8")
        assert materialize_all(raw_dir, warehouse_file).success  # no lock error, no waiting
        assert reader.execute("SELECT count(*) FROM marts.figures").fetchone()[0] == before
    finally:
        reader.close()
    with duckdb.connect(str(warehouse_file), read_only=True) as fresh:
        assert fresh.execute("SELECT count(*) FROM marts.figures").fetchone()[0] == before + 2
        assert fresh.execute("SELECT coverage_rate_pct FROM marts.coverage WHERE geo_code = 'VN-21'").fetchone() == (
            92.1,
        )


def test_a_failing_blocking_check_leaves_the_published_file_byte_identical(raw_dir, warehouse_file):
    assert materialize_all(raw_dir, warehouse_file).success
    published = sha256(warehouse_file)

    @asset_check(asset=COVERAGE.key, blocking=True, name="always_fails")
    def always_fails():
        return AssetCheckResult(passed=False, severity=AssetCheckSeverity.ERROR)

    (raw_dir / "articles" / "thanh_hoa.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    result = materialize_all(raw_dir, warehouse_file, raise_on_error=False, extra_checks=[always_fails])
    assert not result.success
    assert sha256(warehouse_file) == published
    assert not os.path.exists(f"{warehouse_file}.wal")


def test_two_runs_over_the_same_raw_give_identical_tables(raw_dir, warehouse_file, tmp_path):
    first = metadata(materialize_all(raw_dir, warehouse_file), "content_hash")
    second = metadata(materialize_all(raw_dir, tmp_path / "other" / "coverage.duckdb"), "content_hash")
    assert {key for key in first if key.startswith("marts/")} == {
        "marts/figures",
        "marts/coverage",
        "marts/targets",
        "marts/target_attainment",
        "marts/plan_progress",
        "marts/findings",
    }
    assert first == second


def test_unchanged_articles_come_from_the_cache_and_new_rules_re_extract_everything(
    raw_dir, warehouse_file, monkeypatch
):
    counts = ("articles_extracted_now", "articles_from_cache")
    first = materialize_all(raw_dir, warehouse_file)
    assert [metadata(first, key)["staging/extracted_figures"] for key in counts] == [5, 0]
    (raw_dir / "articles" / "thanh_hoa.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    second = materialize_all(raw_dir, warehouse_file)
    assert [metadata(second, key)["staging/extracted_figures"] for key in counts] == [1, 5]
    validated = checked_rows(second)
    assert validated["raw/articles"] == 1
    figures = metadata(second, "validated_now")["staging/figures"]
    assert 0 < figures < metadata(second, "dagster/row_count")["staging/figures"]
    assert validated["staging/figures"] == 0  # curate_figures validated the new figures and recorded them as passed
    assert validated["marts/figures"] == 0  # and they passed as staging.figures' rows: only their articles' columns
    monkeypatch.setattr("pipeline.extraction.cache.RULES_VERSION", "changed rules")
    third = materialize_all(raw_dir, warehouse_file)
    assert [metadata(third, key)["staging/extracted_figures"] for key in counts] == [6, 0]
    assert metadata(third, "content_hash")["marts/figures"] == metadata(second, "content_hash")["marts/figures"]
    assert set(checked_rows(third).values()) == {0}  # the same rows again: every check knew them all
    runs = (first, second, third)
    assert [set(metadata(run, "computed_now").values()) for run in runs] == [{True}, {True}, {False}]
    assert [metadata(run, "rendered_now")["marts/coverage_report"] for run in runs] == [True, True, False]


def test_a_date_edit_re_extracts_its_article_a_title_edit_does_not_and_a_new_loader_reads_every_file(
    raw_dir, warehouse_file, monkeypatch
):
    """Extraction reads the header's publication date and geography, not its title or url: an article whose
    date changed is extracted again, one whose title changed is not, and its figures carry the new title."""
    first = materialize_all(raw_dir, warehouse_file)
    for name, line, edited_line in [
        ("001_87d30291da594ad4", "published: 2021-07", "published: 2021-08"),
        ("002_7f1991140e6facab", "title: ", "title: Updated: "),
    ]:
        path = raw_dir / "articles" / f"{name}.txt"
        header, body = path.read_text(encoding="utf-8").split("\n---\n", 1)
        path.write_text(header.replace(line, edited_line, 1) + "\n---\n" + body, encoding="utf-8")
    second = materialize_all(raw_dir, warehouse_file)
    assert metadata(second, "files_read_now")["raw/articles"] == 2
    extracted = metadata(second, "articles_extracted_now")["staging/extracted_figures"]
    assert (extracted, metadata(second, "articles_from_cache")["staging/extracted_figures"]) == (1, 4)
    titles = query(warehouse_file, "SELECT DISTINCT title FROM marts.figures WHERE article_id LIKE '002%'")
    assert titles == [("Updated: Promote propaganda of social insurance and health insurance policies and laws",)]
    assert metadata(second, "content_hash")["marts/figures"] != metadata(first, "content_hash")["marts/figures"]
    monkeypatch.setattr("pipeline.defs.raw.LOADER_VERSION", "changed loader")
    third = materialize_all(raw_dir, warehouse_file)
    assert metadata(third, "files_read_now")["raw/articles"] == 5
    assert metadata(third, "articles_extracted_now")["staging/extracted_figures"] == 0  # the same articles
    assert metadata(third, "content_hash") == metadata(second, "content_hash")


def test_marts_and_the_report_are_kept_while_their_inputs_their_code_and_their_content_are_as_built(
    raw_dir, warehouse_file, monkeypatch
):
    first = materialize_all(raw_dir, warehouse_file)
    page = warehouse_file.parent / "report" / "index.html"
    drawn = page.read_bytes()

    def assert_built_again_as_at_first(run) -> None:
        assert set(metadata(run, "computed_now").values()) == {True}
        assert metadata(run, "content_hash") == metadata(first, "content_hash")
        assert metadata(run, "rendered_now") == {"marts/coverage_report": True}
        assert page.read_bytes() == drawn

    again = materialize_all(raw_dir, warehouse_file)
    assert set(metadata(again, "computed_now").values()) == {False}
    assert metadata(again, "rendered_now") == {"marts/coverage_report": False}
    assert metadata(again, "content_hash") == metadata(first, "content_hash")
    with duckdb.connect(str(warehouse_file)) as conn:  # a mart changed by hand in the published file
        conn.execute("UPDATE marts.coverage SET coverage_rate_pct = 50 WHERE rowid = 0")
    page.write_bytes(drawn.replace(b"Coverage", b"Cover age"))  # and the page
    assert_built_again_as_at_first(materialize_all(raw_dir, warehouse_file))
    with duckdb.connect(str(warehouse_file)) as conn:  # a mart dropped by hand
        conn.execute("DROP TABLE marts.plan_progress")
    page.with_name(".page.json").write_text("[]", encoding="utf-8")  # and the page's record made something else
    assert_built_again_as_at_first(materialize_all(raw_dir, warehouse_file))
    for module in ("marts", "report"):
        monkeypatch.setattr(f"pipeline.defs.{module}.pipeline_version", lambda: "changed code")
    assert_built_again_as_at_first(materialize_all(raw_dir, warehouse_file))


def fresh_build_agrees(raw_dir, nightly, tmp_path) -> bool:
    fresh = materialize_all(raw_dir, tmp_path / f"fresh-{nightly.run_id}" / "coverage.duckdb")
    return metadata(nightly, "content_hash") == metadata(fresh, "content_hash")


def settled(path):
    """Date a file written by the test an hour back, like one that has been in raw/ for a while (a file modified
    just before a run is read again by the next run, in case it changed again unseen)."""
    when = time.time() - 3600
    os.utime(path, (when, when))


def test_a_nightly_run_gives_the_tables_a_fresh_build_gives(raw_dir, warehouse_file, tmp_path):
    folder = raw_dir / "articles"
    header = NEW_ARTICLE.split("---")[0] + "---\n"
    (folder / "a_bad_figure.txt").write_text(
        header + "By the end of 2022, 150% of the population had health insurance.", encoding="utf-8"
    )
    (folder / "b_markup.txt").write_text(NEW_ARTICLE.replace("By the end", "<b>By</b> the end"), encoding="utf-8")
    (raw_dir / "curation.csv").write_text(
        CURATION_HEADER + "correct,000_52d8246c83b7eb43,exceeding the target of 80%,80%,,,,,2020-12-31,,,,,,,fix\n",
        encoding="utf-8",
    )
    for path in (folder / "a_bad_figure.txt", folder / "b_markup.txt", raw_dir / "curation.csv"):
        settled(path)
    first = materialize_all(raw_dir, warehouse_file)
    rows = metadata(first, "dagster/row_count")
    assert [rows[f"staging/{table}"] for table in ("figure_quarantine", "curation_log")] == [1, 1]
    assert rows["raw/article_warnings"] == 1
    articles = sorted(folder.glob("0*.txt"))
    (folder / "thanh_hoa.txt").write_text(NEW_ARTICLE, encoding="utf-8")  # sorts last
    settled(folder / "thanh_hoa.txt")
    added = materialize_all(raw_dir, warehouse_file)
    assert metadata(added, "files_read_now")["raw/articles"] == 1
    # The new article's rows appended to every table kept in key order; nothing rewritten.
    assert metadata(added, "appended") == dict.fromkeys(
        [
            "raw/articles",
            "raw/article_warnings",
            "staging/extracted_figures",
            "staging/number_mentions",
            "staging/figures",
            "staging/figure_quarantine",
            "marts/figures",
        ],
        True,
    )
    assert fresh_build_agrees(raw_dir, added, tmp_path)

    # the copy sorts first, so its original becomes the duplicate
    (folder / "0000_copy.txt").write_bytes(articles[1].read_bytes())
    articles[2].write_text(articles[2].read_text(encoding="utf-8") + "\nA sentence added.\n", encoding="utf-8")
    articles[3].unlink()
    for path in (folder / "0000_copy.txt", articles[2]):
        settled(path)
    changed = materialize_all(raw_dir, warehouse_file)
    assert metadata(changed, "files_read_now")["raw/articles"] == 2  # the copy and the edited file
    assert metadata(changed, "dagster/row_count")["raw/article_quarantine"] == 1  # the copy's original
    assert 0 < metadata(changed, "validated_now")["staging/figures"] < 40  # only their figures (and curated ones)
    assert not metadata(changed, "appended")["staging/figures"]
    assert fresh_build_agrees(raw_dir, changed, tmp_path)


def test_a_file_changed_just_before_a_run_is_read_again_by_the_next(raw_dir, warehouse_file):
    (raw_dir / "articles" / "thanh_hoa.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    assert metadata(materialize_all(raw_dir, warehouse_file), "files_read_now")["raw/articles"] == 6
    assert metadata(materialize_all(raw_dir, warehouse_file), "files_read_now")["raw/articles"] == 1


def workers_spy(monkeypatch, module: str) -> list[int]:
    """The ``workers`` of each ``ordered_map`` call ``module`` makes from now on, which still runs as it did."""
    workers_used = []

    def spy(function, items, workers):
        workers_used.append(workers)
        return ordered_map(function, items, workers)

    monkeypatch.setattr(f"{module}.ordered_map", spy)
    return workers_used


def test_extraction_in_worker_processes_gives_the_same_tables(raw_dir, warehouse_file, tmp_path, monkeypatch):
    serial = metadata(materialize_all(raw_dir, warehouse_file), "content_hash")
    monkeypatch.setattr("pipeline.extraction.cache.BATCH_ARTICLES", 2)  # 3 batches of the 5 articles
    monkeypatch.setattr("pipeline.extraction.cache.PARALLEL_FROM", 2)
    workers_used = workers_spy(monkeypatch, "pipeline.extraction.cache")
    parallel = materialize_all(raw_dir, tmp_path / "parallel" / "coverage.duckdb", workers=2)
    assert workers_used == [2]
    assert metadata(parallel, "articles_extracted_now")["staging/extracted_figures"] == 5
    assert metadata(parallel, "content_hash") == serial


def test_an_extraction_worker_imports_neither_duckdb_nor_dagster():
    """A spawned worker imports the module of its task: with DuckDB, Dagster and the warehouse code, 1.4 s of CPU
    each, against 0.6 s."""
    module = cache.extract_batch.__module__
    code = f"import sys, {module}; print([name for name in ('duckdb', 'dagster') if name in sys.modules])"
    imported = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert imported.strip() == "[]"


def test_extraction_in_worker_processes_gives_duckdb_its_threads_back(raw_dir, warehouse_file, tmp_path, monkeypatch):
    """While workers extract, DuckDB works on one thread (the workers need the CPUs), and has its threads after."""
    assert materialize_all(raw_dir, warehouse_file).success
    monkeypatch.setattr(cache, "PARALLEL_FROM", 2)
    workers_used = workers_spy(monkeypatch, "pipeline.extraction.cache")
    threads_while_storing = []
    store = cache._store_batch

    def spy(conn, *rows):
        [(threads,)] = conn.execute("SELECT current_setting('threads')").fetchall()
        threads_while_storing.append(threads)
        return store(conn, *rows)

    monkeypatch.setattr(cache, "_store_batch", spy)
    with duckdb.connect(str(warehouse_file)) as conn:
        conn.execute("SET threads = 3")
        assert cache.update_cache(conn, tmp_path / "new_cache.duckdb", "raw.articles", workers=2) == 5
        assert conn.execute("SELECT current_setting('threads')").fetchone() == (3,)
        cache.detach(conn)
    assert workers_used == [2] and threads_while_storing and set(threads_while_storing) == {1}


def test_reading_files_in_worker_processes_gives_the_same_tables(raw_dir, warehouse_file, tmp_path, monkeypatch):
    folder = raw_dir / "articles"
    text = sorted(folder.glob("*.txt"))[0].read_text(encoding="utf-8")
    (folder / "zz_markup.txt").write_text(text.replace("\n---\n", "\n---\n<p>Lead&nbsp;in.</p>\n", 1), "utf-8")
    (folder / "zz_empty.txt").write_text("", encoding="utf-8")
    (folder / "zz_copy.txt").write_text(text, encoding="utf-8")
    serial = materialize_all(raw_dir, warehouse_file)
    workers_used = workers_spy(monkeypatch, "pipeline.defs.raw")
    monkeypatch.setattr("pipeline.defs.raw.READ_BATCH", 2)  # 5 batches of the 9 files
    monkeypatch.setattr("pipeline.defs.raw.PARALLEL_FROM", 2)
    parallel = materialize_all(raw_dir, tmp_path / "parallel" / "coverage.duckdb", workers=2)
    assert workers_used == [2]
    rows = metadata(parallel, "dagster/row_count")
    assert (rows["raw/articles"], rows["raw/article_quarantine"], rows["raw/article_warnings"]) == (6, 2, 1)
    assert metadata(parallel, "content_hash") == metadata(serial, "content_hash")


def test_a_run_that_fails_mid_extraction_keeps_the_batches_it_finished(raw_dir, warehouse_file, monkeypatch):
    monkeypatch.setattr(cache, "BATCH_ARTICLES", 2)  # batches: 000+001, 002+003, 004
    monkeypatch.setattr(cache, "COMMIT_ARTICLES", 2)  # each committed as it finishes
    real = cache.extract_batch

    def crashes_on_the_last_batch(batch):
        if "004_a02182255bf7edcf" in set(batch["article_id"]):
            raise RuntimeError("extraction crashed")
        return real(batch)

    monkeypatch.setattr(cache, "extract_batch", crashes_on_the_last_batch)
    assert not materialize_all(raw_dir, warehouse_file, raise_on_error=False).success
    assert not warehouse_file.exists()  # nothing was published
    monkeypatch.setattr(cache, "extract_batch", real)
    resumed = materialize_all(raw_dir, warehouse_file)
    counts = ("articles_extracted_now", "articles_from_cache")
    assert [metadata(resumed, key)["staging/extracted_figures"] for key in counts] == [1, 4]


def test_sensor_requests_a_run_for_a_new_file_and_not_for_an_unchanged_one(raw_dir):
    resources = {"raw": RawDirectory(path=str(raw_dir))}
    context = build_sensor_context(resources=resources)
    first = new_article_sensor.evaluate_tick(context)
    assert first.run_requests and first.run_requests[0].run_key
    context = build_sensor_context(cursor=first.cursor, resources=resources)
    assert not new_article_sensor.evaluate_tick(context).run_requests

    existing = raw_dir / "articles" / "002_7f1991140e6facab.txt"
    os.utime(existing, ns=(existing.stat().st_atime_ns, existing.stat().st_mtime_ns + 10**9))
    touched = new_article_sensor.evaluate_tick(build_sensor_context(cursor=first.cursor, resources=resources))
    assert not touched.run_requests  # a touched file with the same content launches nothing

    (raw_dir / "articles" / "thanh_hoa.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    added = new_article_sensor.evaluate_tick(build_sensor_context(cursor=touched.cursor, resources=resources))
    assert added.run_requests and added.run_requests[0].run_key != first.run_requests[0].run_key

    cursor, keys = added.cursor, [first.run_requests[0].run_key, added.run_requests[0].run_key]
    for change in (
        lambda: existing.write_text(existing.read_text(encoding="utf-8") + " Edited.", encoding="utf-8"),
        lambda: (raw_dir / "curation.csv").write_text(CURATION_HEADER + "reject,000_52d8246c83b7eb43\n", "utf-8"),
    ):
        change()
        changed = new_article_sensor.evaluate_tick(build_sensor_context(cursor=cursor, resources=resources))
        assert changed.run_requests and changed.run_requests[0].run_key not in keys
        cursor, keys = changed.cursor, [*keys, changed.run_requests[0].run_key]


def test_the_sensors_run_key_is_the_files_contents_not_their_times(raw_dir, tmp_path):
    """The same files copied elsewhere, with other modification times, give the same run key: a run the daemon
    has launched for these contents is not launched again."""
    copy = tmp_path / "copy"
    shutil.copytree(raw_dir, copy, copy_function=shutil.copy)  # copy: new modification times
    keys = [
        new_article_sensor.evaluate_tick(build_sensor_context(resources={"raw": RawDirectory(path=str(folder))}))
        .run_requests[0]
        .run_key
        for folder in (raw_dir, copy)
    ]
    assert keys[0] == keys[1]
    assert (copy / "articles" / "002_7f1991140e6facab.txt").stat().st_mtime_ns != (
        raw_dir / "articles" / "002_7f1991140e6facab.txt"
    ).stat().st_mtime_ns


def test_nightly_schedule_and_sensor_run_by_default():
    assert nightly_schedule.cron_schedule == "0 2 * * *"
    assert nightly_schedule.execution_timezone == "Asia/Ho_Chi_Minh"
    assert nightly_schedule.default_status == DefaultScheduleStatus.RUNNING
    assert new_article_sensor.default_status == DefaultSensorStatus.RUNNING
    assert nightly_schedule.job_name == new_article_sensor.job_name == "all_assets"
    assert new_article_sensor.minimum_interval_seconds == 60  # "checks ... every minute"
