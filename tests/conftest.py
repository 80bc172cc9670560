"""Shared fixtures: a temporary copy of raw/ and a temporary warehouse, and a real materialisation over them."""

import shutil
from pathlib import Path

import duckdb
import pytest
from dagster import materialize

from pipeline.definitions import ASSETS, CHECKS
from pipeline.defs.resources import RawDirectory, Warehouse

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


def materialize_all(raw_dir: Path, warehouse_file: Path, raise_on_error: bool = True):
    """Materialise every asset and check, exactly as the job does, against the given raw/ and warehouse."""
    return materialize(
        [*ASSETS, *CHECKS],
        resources={"raw": RawDirectory(path=str(raw_dir)), "warehouse": Warehouse(database=str(warehouse_file))},
        raise_on_error=raise_on_error,
    )


@pytest.fixture
def built_warehouse(raw_dir: Path, warehouse_file: Path):
    """A read-only connection to a warehouse materialised from the shipped articles."""
    result = materialize_all(raw_dir, warehouse_file)
    assert result.success
    with duckdb.connect(str(warehouse_file), read_only=True) as conn:
        yield conn
