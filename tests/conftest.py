"""Shared fixtures: a temporary copy of raw/ and a temporary warehouse, and a real materialisation over them."""

import shutil
from pathlib import Path

import duckdb
import pytest
from dagster import materialize

from pipeline.definitions import ASSETS, CHECKS
from pipeline.defs.resources import ExtractionCache, RawDirectory, Warehouse

PROJECT_RAW = Path(__file__).resolve().parent.parent / "raw"
METRICS: dict[str, str] = {}


def record_metric(name: str, value: str) -> None:
    """A figure worth reading in the test output (precision, recall); printed at the end of the run."""
    METRICS[name] = value


def pytest_terminal_summary(terminalreporter):
    if METRICS:
        terminalreporter.section("measured")
        for name, value in METRICS.items():
            terminalreporter.write_line(f"{name}: {value}")


@pytest.fixture
def raw_dir(tmp_path: Path) -> Path:
    """A copy of the shipped raw/ folder that a test may add bad files to."""
    target = tmp_path / "raw"
    shutil.copytree(PROJECT_RAW, target)
    return target


@pytest.fixture
def warehouse_file(tmp_path: Path) -> Path:
    return tmp_path / "warehouse" / "coverage.duckdb"


def resources_for(raw_dir: Path, warehouse_file: Path, workers: int = 1) -> dict:
    """The pipeline's resources pointed at a temporary raw/ and warehouse (the cache sits beside it)."""
    return {
        "raw": RawDirectory(path=str(raw_dir), workers=workers),
        "warehouse": Warehouse(database=str(warehouse_file)),
        "extraction_cache": ExtractionCache(
            path=str(warehouse_file.parent / "extraction_cache.duckdb"), workers=workers
        ),
    }


def materialize_all(
    raw_dir: Path, warehouse_file: Path, raise_on_error: bool = True, extra_checks=(), workers: int = 1
):
    """Materialise every asset and check, exactly as the job does, against the given raw/ and warehouse."""
    return materialize(
        [*ASSETS, *CHECKS, *extra_checks],
        resources=resources_for(raw_dir, warehouse_file, workers),
        raise_on_error=raise_on_error,
        run_config={"loggers": {"console": {"config": {"log_level": "WARNING"}}}},
    )


@pytest.fixture(scope="session")
def seed_warehouse(tmp_path_factory) -> Path:
    """A warehouse materialised once from the shipped articles, for tests that only read it."""
    root = tmp_path_factory.mktemp("seed")
    shutil.copytree(PROJECT_RAW, root / "raw")
    warehouse = root / "warehouse" / "coverage.duckdb"
    assert materialize_all(root / "raw", warehouse).success
    return warehouse


@pytest.fixture
def built_warehouse(seed_warehouse: Path):
    """A read-only connection to the seed warehouse."""
    with duckdb.connect(str(seed_warehouse), read_only=True) as conn:
        yield conn
