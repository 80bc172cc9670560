"""Where the pipeline reads and writes, configurable from the environment.

Only paths belong here. Each setting has a default that works from a clone of the repository, so nothing needs
to be exported to run the quick start.
"""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

RAW_DIR_ENV = "COVERAGE_RAW_DIR"
WAREHOUSE_ENV = "COVERAGE_WAREHOUSE"


def raw_dir() -> Path:
    """The folder holding ``articles/`` (and, later, curation files)."""
    return Path(os.environ.get(RAW_DIR_ENV, PROJECT_ROOT / "raw"))


def warehouse_path() -> Path:
    """The DuckDB file BI users open."""
    return Path(os.environ.get(WAREHOUSE_ENV, PROJECT_ROOT / "warehouse" / "coverage.duckdb"))


CACHE_ENV = "COVERAGE_EXTRACTION_CACHE"


def cache_path() -> Path:
    """Extractions of unchanged articles, reused by the next run; never opened by BI tools."""
    return Path(os.environ.get(CACHE_ENV, PROJECT_ROOT / "warehouse" / "extraction_cache.duckdb"))


WORKERS_ENV = "COVERAGE_WORKERS"


def workers() -> int:
    """Processes that read and extract new articles in parallel; by default one per CPU."""
    return int(os.environ.get(WORKERS_ENV, os.cpu_count() or 1))
