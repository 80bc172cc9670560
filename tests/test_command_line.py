"""``python -m pipeline run``, the quick start's command, run as a user runs it: in a process of its own, pointed
by the environment at a copy of raw/ and a temporary warehouse, with no Dagster home (an ephemeral instance)."""

import os
import re
import subprocess
import sys
from pathlib import Path

MARTS_BUILT_FROM_FIGURES = [
    "marts.coverage",
    "marts.findings",
    "marts.plan_progress",
    "marts.target_attainment",
    "marts.targets",
]
KEPT_MART = re.compile(r"^  (\S+) +\d+ rows  \(kept: built from the same figures and code\)$", re.MULTILINE)


def run_command(raw_dir: Path, warehouse_file: Path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "COVERAGE_RAW_DIR": str(raw_dir),
        "COVERAGE_WAREHOUSE": str(warehouse_file),
        "COVERAGE_EXTRACTION_CACHE": str(warehouse_file.parent / "extraction_cache.duckdb"),
    }
    env.pop("DAGSTER_HOME", None)
    command = [sys.executable, "-m", "pipeline", "run"]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)


def test_run_builds_the_warehouse_and_a_second_run_says_what_it_kept(raw_dir, warehouse_file):
    first = run_command(raw_dir, warehouse_file)
    assert first.returncode == 0, first.stderr[-3000:]
    lines = first.stdout.splitlines()
    assert re.fullmatch(r"run [0-9a-f-]{36}: succeeded", lines[0])
    assert lines[1] == f"warehouse: {warehouse_file}"
    tables = re.findall(r"^  (\S+) +\d+ rows$", first.stdout, re.MULTILINE)
    assert set(MARTS_BUILT_FROM_FIGURES) < set(tables)
    assert not KEPT_MART.findall(first.stdout)
    page = warehouse_file.parent / "report" / "index.html"
    assert lines[-1] == f"report: {page}" and page.is_file()

    second = run_command(raw_dir, warehouse_file)
    assert second.returncode == 0, second.stderr[-3000:]
    assert KEPT_MART.findall(second.stdout) == MARTS_BUILT_FROM_FIGURES
    assert second.stdout.splitlines()[-1] == f"report: {page}  (kept: drawn from the same marts and code)"
