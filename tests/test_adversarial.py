"""Adversarial inputs and faults, through the real materialisation.

One run over a temporary copy of raw/ holding the five shipped articles, a good control article and every bad
input in ``BAD_INPUTS``. Then, for each bad input: the run finished for the good articles, the bad item is reported
(article quarantine, figure quarantine, curation log or findings) by a message naming its file and its problem,
and the counts reconcile (files = loaded + quarantined; figures found = accepted + quarantined + rejected by
curation).

Faults: a run killed with SIGKILL part-way, a warehouse folder that cannot be written and a full disk leave the
published warehouse byte-identical and readable, say what went wrong, and the next run succeeds.
"""

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import CURATION_HEADER, PROJECT_RAW, article, materialize_all, query, record_metric, sha256

PROJECT_ROOT = PROJECT_RAW.parent
SEED_IDS = sorted(path.stem for path in (PROJECT_RAW / "articles").glob("*.txt"))
HUGE_BYTES = 5 * 1024 * 1024
# The shipped articles alone materialise in about 3 s; a 5 MB article may cost more, but not this much.
RUN_BUDGET_SECONDS = 30
SQL_TITLE = "'); DROP TABLE marts.coverage; --"

HI = "By the end of 2019, the whole province had {} of the population participating in health insurance."
SI = "By the end of 2019, the whole province had {} people participating in social insurance."


def huge_article() -> bytes:
    """A 5 MB article: a real article's prose (seed 003, figures and all) repeated, as a scraper gluing pages does."""
    seed = (PROJECT_RAW / "articles" / "003_aa200991d62b31d0.txt").read_text(encoding="utf-8")
    prose = seed.split("\n---\n", 1)[1] + "\n"
    head = article(HI.format("90.4%") + "\n", title="Everything on one page", geo="VN-22")
    return head + (prose * (HUGE_BYTES // len(prose) + 1)).encode("utf-8")[: HUGE_BYTES - len(head)]


@dataclass(frozen=True)
class BadInput:
    name: str
    files: tuple[str, ...]  # the message must name one of these (paths as the pipeline shows them)
    problem: str  # regular expression the same message must match: the problem, in words
    articles: dict[str, bytes] = field(default_factory=dict)  # written to raw/articles/


# raw/curation.csv as seeded: the header is line 1. Line 4 opens a quote it never closes; line 5 is a valid
# row after it, which must still be applied (every row of the file gets an outcome).
CURATION_ROWS = [
    "reject,000_52d8246c83b7eb43,this sentence is in no article,91%,,,,,,,,,,,,points at nothing",
    "reject,only,three",
    'correct,000_52d8246c83b7eb43,"exceeding the target of 80%,80%,,,,,2020-12-31,,,,,,,unclosed quote',
    "reject,001_87d30291da594ad4,reaching 48.3% compared to the plan,48.3%,,,,,,,,,,,,revenue plan share",
]
CURATION_VALID_LINE = 5

BAD_INPUTS = [
    BadInput(
        "non_utf8",
        ("raw/articles/non_utf8.txt",),
        r"not UTF-8",
        {"non_utf8.txt": article(HI.format("91.5%")).replace(b"whole", b"wh\xf6le")},
    ),
    BadInput("empty_file", ("raw/articles/empty_file.txt",), r"(?i)empty|no content|0 bytes", {"empty_file.txt": b""}),
    BadInput(
        "header_missing",
        ("raw/articles/header_missing.txt",),
        r"(?i)header",
        {"header_missing.txt": HI.format("91.5%").encode()},
    ),
    BadInput(
        "header_truncated",
        ("raw/articles/header_truncated.txt",),
        r"(?i)header",
        {"header_truncated.txt": b"title: Cut short\noutlet: Test Da"},
    ),
    BadInput(
        "header_unknown_key",
        ("raw/articles/header_unknown_key.txt",),
        r"unknown key 'author'",
        {"header_unknown_key.txt": article(HI.format("91.5%"), extra="author: Someone")},
    ),
    BadInput(
        "published_invalid",
        ("raw/articles/published_invalid.txt",),
        r"published '2021-02-30' is not a date",
        {"published_invalid.txt": article(HI.format("91.5%"), published="2021-02-30")},
    ),
    BadInput(
        "published_future",
        ("raw/articles/published_future.txt",),
        r"published '2999-01-01' is in the future",
        {"published_future.txt": article(HI.format("91.5%"), published="2999-01-01")},
    ),
    BadInput(
        "unknown_geo_code",
        ("raw/articles/unknown_geo_code.txt",),
        r"geo 'VN-99' is not",
        {"unknown_geo_code.txt": article(HI.format("91.5%"), geo="VN-99")},
    ),
    # Two files cannot have the same name on one filesystem; ids that differ only in case are the same id on
    # the case-insensitive filesystems of macOS and Windows (a checkout there keeps only one of them).
    BadInput(
        "same_article_id",
        ("raw/articles/Same_Id.txt", "raw/articles/same_id.txt"),
        r"(?i)same (article )?id|duplicate (article )?id|id .*already",
        {
            "Same_Id.txt": article(HI.format("90.1%"), geo="VN-44"),
            "same_id.txt": article(HI.format("90.2%"), geo="VN-44"),
        },
    ),
    BadInput(
        "same_body_two_ids",
        ("raw/articles/dup_body_a.txt", "raw/articles/dup_body_b.txt"),
        r"(?i)duplicate|same body",
        {
            "dup_body_a.txt": article(HI.format("88.8%"), title="First copy", geo="VN-31"),
            "dup_body_b.txt": article(HI.format("88.8%"), title="Second copy", geo="VN-31"),
        },
    ),
    BadInput(
        "huge_5mb",
        ("raw/articles/huge_5mb.txt",),
        r"(?i)too (large|big|long)|\bsize\b|\bMB\b|bytes",
        {"huge_5mb.txt": huge_article()},
    ),
    BadInput(
        "binary_junk",
        ("raw/articles/binary_junk.txt",),
        r"(?i)binary|not UTF-8",
        {"binary_junk.txt": b"\x89PNG\r\n\x1a\n" + random.Random(7).randbytes(64 * 1024)},
    ),
    BadInput(
        "utf16_text",
        ("raw/articles/utf16_text.txt",),
        r"(?i)UTF-16|NUL|binary|encod",
        {"utf16_text.txt": article(HI.format("91.5%")).decode().encode("utf-16-le")},
    ),
    BadInput(
        "number_1,2,3",
        ("raw/articles/number_commas.txt",),
        r"(?i)malformed",
        {"number_commas.txt": article(SI.format("1,2,3"))},
    ),
    BadInput(
        "number_1.2.3",
        ("raw/articles/number_points.txt",),
        r"(?i)malformed",
        {"number_points.txt": article(SI.format("1.2.3 million"))},
    ),
    BadInput(
        "number_cut",
        ("raw/articles/number_cut.txt",),
        r"(?i)malformed|cut|truncat|incomplete",
        {"number_cut.txt": article("By the end of 2019, the whole province had 1,23")},
    ),
    BadInput(
        "coverage_150",
        ("raw/articles/coverage_150.txt",),
        r"percentages are at most 100",
        {"coverage_150.txt": article(HI.format("150%"))},
    ),
    BadInput(
        "negative_count",
        ("raw/articles/negative_count.txt",),
        r"counts and money are not negative",
        {"negative_count.txt": article(SI.format("-5,000"))},
    ),
    BadInput(
        "unknown_province",
        ("raw/articles/unknown_province.txt",),
        r"Atlantis",
        {
            "unknown_province.txt": article(
                "By the end of 2019, Atlantis province had 93.1% of the population participating in health insurance.",
                geo="",
            )
        },
    ),
    BadInput(
        "html_remnants",
        ("raw/articles/html_remnants.txt",),
        r"(?i)html|markup|tag",
        {
            "html_remnants.txt": article(
                '<div class="content"><p>' + HI.format("<b>92.5%</b>") + "</p>&nbsp;<br/></div>"
            )
        },
    ),
    BadInput(
        "right_to_left",
        ("raw/articles/right_to_left.txt",),
        r"(?i)right-to-left|bidi|\bRTL\b|U\+202E",
        {"right_to_left.txt": article(HI.format("\u202e%5.29\u202c"))},
    ),
    BadInput(
        "zero_width",
        ("raw/articles/zero_width.txt",),
        r"(?i)zero[- ]width|invisible|U\+200B",
        {"zero_width.txt": article(HI.format("9\u200b2.5%").replace("health ", "health\u200b "))},
    ),
    BadInput(
        "not_a_txt_file",
        ("raw/articles/notes.md",),
        r"not an article file",
        {"notes.md": b"# notes\nremember to scrape baonghean\n"},
    ),
    BadInput(
        "bad_file_name",
        ("raw/articles/bad id!.txt",),
        r"not a valid article id",
        {"bad id!.txt": article(HI.format("91.5%"))},
    ),
    BadInput("curation_points_to_no_figure", ("raw/curation.csv",), r"line 2: no figure in 000_52d8246c83b7eb43"),
    BadInput("curation_malformed_row", ("raw/curation.csv",), r"line 3: has 3 fields, header has 16"),
    BadInput("curation_unclosed_quote", ("raw/curation.csv",), r"line 4: .*(?i:quote|fields)"),
]
GOOD_CONTROL = {"good_control.txt": article(HI.format("91.7%"), geo="VN-01")}
SQL_ARTICLE = {"sql_title.txt": article(HI.format("89.9%"), title=SQL_TITLE, geo="VN-02")}
# Counted with the bad inputs: the SQL title (it must load as text) makes the total.
BAD_INPUT_COUNT = len(BAD_INPUTS) + 1

REPORTS = {
    "raw.article_quarantine": "SELECT message FROM raw.article_quarantine",
    "raw.article_warnings": "SELECT message FROM raw.article_warnings",
    "staging.number_mentions": "SELECT message FROM staging.number_mentions WHERE outcome = 'unreadable'",
    "staging.figure_quarantine": "SELECT message FROM staging.figure_quarantine",
    "staging.curation_log": "SELECT message FROM staging.curation_log WHERE outcome <> 'applied'",
    "marts.findings": "SELECT detail FROM marts.findings",
}


@dataclass
class Run:
    raw: Path
    warehouse: Path
    result: object
    seconds: float


def failures(result) -> list[str]:
    """What each failed step said: a Failure's description, and the error with its traceback."""
    texts = []
    for event in result.all_events:
        if event.is_step_failure:
            data = event.step_failure_data
            if data.user_failure_data and data.user_failure_data.description:
                texts.append(data.user_failure_data.description)
            if data.error:
                texts.append(data.error.to_string())
    return texts


def headlines(result) -> list[str]:
    """What an operator reads first about each failed step: a Failure's description, else the message of the
    exception the step raised (not the exceptions it was raised from)."""
    found = []
    for event in result.all_events:
        if event.is_step_failure:
            data = event.step_failure_data
            if data.user_failure_data and data.user_failure_data.description:
                found.append(data.user_failure_data.description)
            elif data.error:
                error = data.error
                if error.cls_name == "DagsterExecutionStepExecutionError" and error.cause:
                    error = error.cause
                found.append(f"{error.cls_name}: {error.message.strip()}")
    return found


def article_files(raw: Path) -> list[str]:
    return sorted(p.relative_to(raw.parent).as_posix() for p in (raw / "articles").iterdir() if p.name[0] != ".")


@pytest.fixture(scope="module")
def adversarial_run(tmp_path_factory) -> Run:
    """Materialise once over the shipped articles, a good control article and every bad input together."""
    root = tmp_path_factory.mktemp("adversarial")
    raw = root / "raw"
    shutil.copytree(PROJECT_RAW, raw)
    for files in [*(case.articles for case in BAD_INPUTS), GOOD_CONTROL, SQL_ARTICLE]:
        for name, data in files.items():
            (raw / "articles" / name).write_bytes(data)
    (raw / "curation.csv").write_text(CURATION_HEADER + "\n".join(CURATION_ROWS) + "\n", encoding="utf-8")
    warehouse = root / "warehouse" / "coverage.duckdb"
    started = time.monotonic()
    result = materialize_all(raw, warehouse, raise_on_error=False)
    seconds = time.monotonic() - started
    record_metric("adversarial run: bad inputs", str(BAD_INPUT_COUNT))
    record_metric("adversarial run: seconds", f"{seconds:.1f}")
    return Run(raw, warehouse, result, seconds)


@pytest.fixture(scope="module")
def published(adversarial_run: Run) -> Path:
    """The published warehouse of the adversarial run; its absence means the run did not finish."""
    assert adversarial_run.result.success, "the run over the bad inputs failed:\n" + "\n".join(
        failures(adversarial_run.result)
    )
    assert adversarial_run.warehouse.exists()
    return adversarial_run.warehouse


def test_at_least_twenty_bad_inputs_are_tried():
    assert BAD_INPUT_COUNT >= 20
    assert len({case.name for case in BAD_INPUTS}) == len(BAD_INPUTS)


def test_the_run_finishes_and_publishes(adversarial_run):
    assert adversarial_run.result.success, "\n".join(failures(adversarial_run.result))
    assert adversarial_run.warehouse.exists()


def test_the_huge_article_does_not_make_the_run_slow(adversarial_run):
    assert adversarial_run.seconds < RUN_BUDGET_SECONDS, (
        f"materialising the shipped articles with the bad inputs took {adversarial_run.seconds:.0f} s "
        f"(budget {RUN_BUDGET_SECONDS} s); the 5 MB article is the only large input"
    )


@pytest.mark.parametrize("case", BAD_INPUTS, ids=[case.name for case in BAD_INPUTS])
def test_bad_input_is_reported_with_its_file_and_problem(published, case):
    messages = [(table, message) for table, sql in REPORTS.items() for (message,) in query(published, sql)]
    naming = [(table, message) for table, message in messages if any(name in message for name in case.files)]
    # the problem is looked for in the message less the file names (a file called empty.txt says nothing)
    matching = [
        (table, message)
        for table, message in naming
        if re.search(case.problem, re.sub("|".join(map(re.escape, case.files)), "<file>", message))
    ]
    ids = [Path(name).stem for name in case.files]
    loaded = query(published, "SELECT article_id FROM raw.articles WHERE list_contains(?, article_id)", ids)
    mentions = query(
        published,
        "SELECT article_id, number_text, outcome, reason FROM staging.number_mentions "
        "WHERE list_contains(?, article_id) ORDER BY article_id, char_start",
        ids,
    )
    assert matching, (
        f"no report names {' or '.join(case.files)} with a problem matching /{case.problem}/;\n"
        f"reports naming it: {[m[:300] for m in naming]};\nloaded as article: {loaded};\n"
        f"number mentions (first 10): {mentions[:10]}"
    )


def test_shipped_articles_give_the_same_figures_as_a_clean_run(published, seed_warehouse):
    columns = "figure_id, kind, measure, scheme, geo_code, period_end, value, value_high, qualifier, observation_status"
    clean = set(query(seed_warehouse, f"SELECT {columns} FROM staging.figures"))
    rejected = {
        figure
        for (figure,) in query(
            published, "SELECT figure_id FROM staging.curation_log WHERE action = 'reject' AND outcome = 'applied'"
        )
    }
    here = set(query(published, f"SELECT {columns} FROM staging.figures WHERE list_contains(?, article_id)", SEED_IDS))
    assert here == {row for row in clean if row[0] not in rejected}
    assert query(published, "SELECT count(*) FROM raw.articles WHERE list_contains(?, article_id)", SEED_IDS) == [
        (len(SEED_IDS),)
    ]


def test_the_good_control_article_reaches_the_marts(published):
    assert query(
        published,
        "SELECT coverage_rate_pct, source_article_id FROM marts.coverage WHERE geo_code = 'VN-01' "
        "AND scheme = 'health_insurance' AND as_of = DATE '2019-12-31'",
    ) == [(91.7, "good_control")]


def test_sql_in_a_title_loads_as_text(published):
    assert query(published, "SELECT title FROM raw.articles WHERE article_id = 'sql_title'") == [(SQL_TITLE,)]
    assert query(published, "SELECT title, value FROM marts.figures WHERE article_id = 'sql_title'") == [
        (SQL_TITLE, 89.9)
    ]
    assert query(published, "SELECT count(*) FROM marts.coverage WHERE geo_code = 'VN-02'") == [(1,)]
    assert not query(published, "SELECT file_name FROM raw.article_quarantine WHERE article_id = 'sql_title'")


def test_articles_reconcile_files_in_equals_loaded_plus_quarantined(adversarial_run, published):
    files = article_files(adversarial_run.raw)
    loaded = [name for (name,) in query(published, "SELECT file_name FROM raw.articles")]
    quarantined = [name for (name,) in query(published, "SELECT file_name FROM raw.article_quarantine")]
    assert len(files) == len(loaded) + len(quarantined)
    assert sorted(loaded + quarantined) == files  # each file exactly once, in one table or the other
    seen = adversarial_run.result.asset_materializations_for_node("raw_articles")[0].metadata["files_seen"].value
    assert seen == len(files)


def test_figures_reconcile_found_equals_accepted_plus_quarantined_plus_rejected(adversarial_run, published):
    counts = {
        name: value.value
        for name, value in adversarial_run.result.asset_materializations_for_node("curate_figures")[0].metadata.items()
        if name in ("extracted", "added_by_curation", "rejected_by_curation", "accepted", "quarantined")
    }
    tables = {
        "extracted": "SELECT count(*) FROM staging.extracted_figures",
        "added_by_curation": "SELECT count(*) FROM staging.curation_log WHERE action = 'add' AND outcome = 'applied'",
        "rejected_by_curation": "SELECT count(*) FROM staging.curation_log "
        "WHERE action = 'reject' AND outcome = 'applied'",
        "accepted": "SELECT count(*) FROM staging.figures",
        "quarantined": "SELECT count(*) FROM staging.figure_quarantine",
    }
    assert counts == {name: query(published, sql)[0][0] for name, sql in tables.items()}
    assert (
        counts["extracted"] + counts["added_by_curation"]
        == counts["accepted"] + counts["quarantined"] + counts["rejected_by_curation"]
    )
    assert query(published, "SELECT count(*) FROM marts.figures") == [(counts["accepted"],)]
    checks = {e.check_name: e for e in adversarial_run.result.get_asset_check_evaluations()}
    assert checks["figures_reconcile"].passed


def test_every_curation_row_has_an_outcome_and_a_bad_row_spoils_no_other(published):
    lines = [line for (line,) in query(published, "SELECT line FROM staging.curation_log ORDER BY line")]
    assert lines == list(range(2, 2 + len(CURATION_ROWS)))
    assert query(published, "SELECT outcome FROM staging.curation_log WHERE line = ?", CURATION_VALID_LINE) == [
        ("applied",)
    ]


@pytest.mark.parametrize("article_id", ["number_commas", "number_points", "number_cut"])
def test_malformed_numbers_are_listed_and_never_become_figures(published, article_id):
    assert query(
        published,
        "SELECT count(*) FROM staging.number_mentions WHERE article_id = ? AND outcome = 'unreadable'",
        article_id,
    ) == [(1,)]
    assert query(published, "SELECT count(*) FROM staging.extracted_figures WHERE article_id = ?", article_id) == [(0,)]


@pytest.mark.parametrize("article_id", ["coverage_150", "negative_count"])
def test_impossible_figures_are_held_back_from_the_marts(published, article_id):
    assert query(published, "SELECT count(*) FROM staging.figure_quarantine WHERE article_id = ?", article_id) == [(1,)]
    assert query(published, "SELECT count(*) FROM marts.figures WHERE article_id = ?", article_id) == [(0,)]


def test_the_same_body_under_two_ids_is_counted_once(published):
    counted = query(
        published,
        "SELECT DISTINCT article_id FROM staging.figures WHERE article_id IN ('dup_body_a', 'dup_body_b')",
    )
    assert len(counted) == 1, f"figures of both copies are counted: {counted}"
    assert query(
        published,
        "SELECT n_sources FROM marts.coverage WHERE geo_code = 'VN-31' AND as_of = DATE '2019-12-31'",
    ) == [(1,)]


def test_two_files_with_the_same_article_id_load_once(published):
    loaded = query(published, "SELECT article_id FROM raw.articles WHERE lower(article_id) = 'same_id'")
    assert len(loaded) == 1, f"both files loaded as separate articles: {loaded}"


def test_the_unknown_province_figure_is_not_given_to_another_geography(published):
    assert query(published, "SELECT geo_code, value FROM marts.figures WHERE article_id = 'unknown_province'") == [], (
        "the Atlantis figure was attributed to a real geography"
    )


# ------------------------------------------------------------------------------------------------------------
# Faults

RUN_SCRIPT = """
import sys
from pathlib import Path
from tests.conftest import materialize_all
print(materialize_all(Path(sys.argv[1]), Path(sys.argv[2]), raise_on_error=False).success)
"""
NEW_ARTICLE = article(HI.format("92.1%"), title="Thanh Hoa health insurance", geo="VN-21")
KILL_COPIES = 40


@pytest.fixture
def published_copy(raw_dir: Path, warehouse_file: Path, seed_warehouse: Path) -> tuple[Path, Path]:
    """A raw/ copy and a warehouse folder holding the seed run's published file (as a previous run left it)."""
    warehouse_file.parent.mkdir()
    shutil.copyfile(seed_warehouse, warehouse_file)
    return raw_dir, warehouse_file


def assert_published_intact(warehouse: Path, digest: str) -> None:
    assert sha256(warehouse) == digest
    assert not Path(f"{warehouse}.wal").exists()
    assert query(warehouse, "SELECT count(*) FROM marts.figures") == [(71,)]
    assert query(warehouse, "SELECT count(*) FROM raw.articles") == [(len(SEED_IDS),)]


@pytest.mark.parametrize("kill_when", ["build_file_appears", "build_file_written"])
def test_sigkill_part_way_leaves_the_published_warehouse_and_the_next_run_succeeds(tmp_path, published_copy, kill_when):
    raw, warehouse = published_copy
    seed = (raw / "articles" / "003_aa200991d62b31d0.txt").read_bytes()
    for number in range(KILL_COPIES):  # enough distinct articles that the run lasts seconds, not milliseconds
        (raw / "articles" / f"copy_{number:03d}.txt").write_bytes(seed + f"\nArchived copy {number}.".encode())
    digest, size = sha256(warehouse), warehouse.stat().st_size
    log = (tmp_path / "killed_run.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-c", RUN_SCRIPT, str(raw), str(warehouse)], cwd=PROJECT_ROOT, stdout=log, stderr=log
    )
    deadline = time.monotonic() + 120
    try:
        while True:
            assert process.poll() is None, "the run ended before it could be killed; give it more articles"
            assert time.monotonic() < deadline, "no build file appeared under warehouse/.build/"
            builds = sorted((warehouse.parent / ".build").glob("*.duckdb"))
            try:
                # build_file_written: the copy is complete and the run has written tables into it
                if builds and (kill_when == "build_file_appears" or builds[0].stat().st_size > size):
                    break
            except FileNotFoundError:
                pass
            time.sleep(0.002)
        os.kill(process.pid, signal.SIGKILL)
        assert process.wait(timeout=60) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
        log.close()
    assert_published_intact(warehouse, digest)
    result = materialize_all(raw, warehouse, raise_on_error=False)
    assert result.success, "\n".join(failures(result))
    assert query(warehouse, "SELECT count(*) FROM raw.articles") == [(len(SEED_IDS) + KILL_COPIES,)]


def test_a_day_old_build_of_a_crashed_run_is_cleared_with_the_directory_it_spilled_to(published_copy):
    raw, warehouse = published_copy
    crashed = warehouse.parent / ".build" / "coverage-crashed.duckdb"
    spilled = Path(f"{crashed}.tmp")  # where DuckDB spills past its memory limit
    spilled.mkdir(parents=True)
    (spilled / "duckdb_temp_storage_DEFAULT-0.tmp").write_bytes(b"spilled rows")
    crashed.write_bytes(b"half a build")
    day_old = time.time() - 25 * 3600
    for path in (spilled / "duckdb_temp_storage_DEFAULT-0.tmp", spilled, crashed):
        os.utime(path, (day_old, day_old))
    result = materialize_all(raw, warehouse, raise_on_error=False)
    assert result.success, "\n".join(failures(result))
    assert not crashed.exists() and not spilled.exists()


@contextmanager
def unwritable(folder: Path):
    """Make ``folder`` unwritable: no file can be created, renamed or removed in it.

    As a normal user, chmod a-w does it. Tests here may run as root, whom permission bits do not stop; then the
    immutable attribute (chattr +i: needs CAP_LINUX_IMMUTABLE and ext2/3/4, xfs or btrfs) does, for root too."""
    mode = folder.stat().st_mode
    folder.chmod(0o555)
    probe = folder / "probe"
    try:
        probe.touch()
    except PermissionError:
        try:
            yield "chmod 0555"
        finally:
            folder.chmod(mode)
        return
    probe.unlink()
    folder.chmod(mode)
    made = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"running as root and chattr +i is not possible here: {made.stderr.strip()}")
    try:
        yield "chattr +i"
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_an_unwritable_warehouse_folder_fails_clearly_and_leaves_the_published_warehouse(raw_dir, warehouse_file):
    raw, warehouse = raw_dir, warehouse_file
    assert materialize_all(raw, warehouse).success  # the folder as a previous run leaves it: .build/, the cache
    digest = sha256(warehouse)
    (raw / "articles" / "thanh_hoa.txt").write_bytes(NEW_ARTICLE)
    with unwritable(warehouse.parent) as how:
        result = materialize_all(raw, warehouse, raise_on_error=False)
        assert not result.success, f"the run succeeded with the warehouse folder made unwritable by {how}"
        said = headlines(result)
        assert any(
            str(warehouse.parent) in line and re.search(r"(?i)permission denied|not permitted|read-only", line)
            for line in said
        ), f"no failure names the warehouse folder and the reason: {said}\n" + "\n".join(failures(result))
        assert_published_intact(warehouse, digest)
    result = materialize_all(raw, warehouse, raise_on_error=False)
    assert result.success, "\n".join(failures(result))
    assert query(warehouse, "SELECT count(*) FROM raw.articles WHERE article_id = 'thanh_hoa'") == [(1,)]


# A real full disk without touching the machine's mounts: a private user and mount namespace
# (`unshare --user --map-root-user --mount`, no privileges needed where user namespaces are enabled) mounts a small
# tmpfs on the warehouse folder, visible only to that process. The script copies the published warehouse in,
# fills the tmpfs until the kernel answers ENOSPC, frees `headroom` bytes, runs the pipeline, checks the published
# file, frees the disk and runs again. The mount disappears with the process, so every check happens inside it.
FULL_DISK_SCRIPT = """
import errno, hashlib, json, os, shutil, sys
from pathlib import Path
import duckdb
from tests.conftest import materialize_all
from tests.test_adversarial import failures, headlines
raw, folder, seed, headroom = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
warehouse = folder / "coverage.duckdb"
shutil.copyfile(seed, warehouse)
digest = lambda: hashlib.sha256(warehouse.read_bytes()).hexdigest()
out = {"before": digest()}
filler = folder / "filler"
with open(filler, "wb", buffering=0) as handle:
    try:
        while True:
            handle.write(b"\\0" * 65536)
    except OSError as error:
        out["fill_error"] = errno.errorcode[error.errno]
os.truncate(filler, max(0, filler.stat().st_size - headroom))
(raw / "articles" / "thanh_hoa.txt").write_bytes(sys.stdin.buffer.read())
result = materialize_all(raw, warehouse, raise_on_error=False)
out["success"] = result.success
out["headlines"], out["failures"] = headlines(result), failures(result)
out["after"] = digest()
out["wal"] = os.path.exists(f"{warehouse}.wal")
with duckdb.connect(str(warehouse), read_only=True) as conn:
    out["figures"] = conn.execute("SELECT count(*) FROM marts.figures").fetchone()[0]
filler.unlink()
result = materialize_all(raw, warehouse, raise_on_error=False)
out["next_success"] = result.success
out["next_failures"] = failures(result)
with duckdb.connect(str(warehouse), read_only=True) as conn:
    out["next_articles"] = conn.execute("SELECT count(*) FROM raw.articles").fetchone()[0]
print("RESULT " + json.dumps(out))
"""


@pytest.mark.parametrize("headroom", ["none", "room_for_the_build_copy"])
def test_a_full_disk_fails_clearly_and_leaves_the_published_warehouse(tmp_path, raw_dir, seed_warehouse, headroom):
    if not shutil.which("unshare"):
        pytest.skip("unshare (util-linux) is needed to mount a private tmpfs")
    raw = raw_dir
    folder = tmp_path / "warehouse"
    folder.mkdir()
    free = 0 if headroom == "none" else seed_warehouse.stat().st_size + 512 * 1024
    command = [
        "unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
        'mount -t tmpfs -o size=32m tmpfs "$2" && exec "$0" -c "$1" "$3" "$2" "$4" "$5"',
        sys.executable, FULL_DISK_SCRIPT, str(folder), str(raw), str(seed_warehouse), str(free),
    ]  # fmt: skip
    run = subprocess.run(command, cwd=PROJECT_ROOT, input=NEW_ARTICLE, capture_output=True, timeout=300)
    stdout, stderr = run.stdout.decode(errors="replace"), run.stderr.decode(errors="replace")
    if run.returncode != 0 and "mount" in stderr and "RESULT " not in stdout:
        pytest.skip(f"cannot mount a private tmpfs here: {stderr.strip()[-300:]}")
    assert run.returncode == 0 and "RESULT " in stdout, stderr[-3000:]
    out = json.loads(stdout.split("RESULT ", 1)[1])
    assert out["fill_error"] == "ENOSPC"
    assert not out["success"], "the run succeeded on a full disk"
    assert any(str(folder) in line and re.search(r"(?i)no space left on device", line) for line in out["headlines"]), (
        f"no failure names the warehouse folder and the full disk: {out['headlines']}\n" + "\n".join(out["failures"])
    )
    assert (out["after"], out["wal"], out["figures"]) == (out["before"], False, 71)
    assert out["next_success"], "\n".join(out["next_failures"])
    assert out["next_articles"] == len(SEED_IDS) + 1
