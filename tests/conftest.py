"""Shared fixtures and helpers: a temporary copy of raw/ and a temporary warehouse, a real materialisation over
them, article and curation files as a test writes them, and reading the results."""

import hashlib
import shutil
from pathlib import Path

import duckdb
import pytest
from dagster import materialize

from pipeline.definitions import ASSETS, CHECKS
from pipeline.defs.resources import ExtractionCache, RawDirectory, Warehouse

PROJECT_RAW = Path(__file__).resolve().parent.parent / "raw"
METRICS: dict[str, str] = {}
CURATION_HEADER = (
    "action,article_id,quote,number,kind,measure,scheme,geo_code,period_end,value,value_high,qualifier,"
    "denominator,compared_to,observation_status,note\n"
)


def article(
    body: str, title: str = "Test", published: str = "2023-02-01", geo: str = "VN-21", extra: str = ""
) -> bytes:
    """An article file's bytes: a valid header (unless a field is made bad) and the body."""
    lines = [f"title: {title}", "outlet: Test Daily", "url:", f"published: {published}"]
    lines += [f"geo: {geo}"] if geo else []
    lines += [extra] if extra else []
    return ("\n".join(lines) + "\n---\n" + body).encode("utf-8")


def query(path: Path, sql: str, *params) -> list[tuple]:
    """A query's rows from the warehouse file, opened read-only as an analyst opens it."""
    with duckdb.connect(str(path), read_only=True) as conn:
        return conn.execute(sql, list(params)).fetchall()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


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


def metadata(result, key: str) -> dict:
    """One metadata entry of every asset materialised in a run, by asset key."""
    found = {}
    for event in result.get_asset_materialization_events():
        materialization = event.step_materialization_data.materialization
        if key in materialization.metadata:
            found["/".join(materialization.asset_key.path)] = materialization.metadata[key].value
    return found


def checked_rows(result) -> dict:
    """Rows each schema check validated in a run (the others it knew by their hash), by asset key."""
    return {
        evaluation.asset_key.to_user_string(): evaluation.metadata["rows_validated_now"].value
        for evaluation in result.get_asset_check_evaluations()
        if evaluation.check_name == "matches_schema"
    }


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
