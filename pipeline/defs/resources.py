"""Resources: where raw articles are read from and the DuckDB warehouse they are written to.

Both default to the paths in ``pipeline.settings`` (overridable by environment variables), so tests and
deployments swap them without code changes.
"""

from contextlib import contextmanager
from pathlib import Path

from dagster import ConfigurableResource
from dagster_duckdb import DuckDBResource

from pipeline import settings


class RawDirectory(ConfigurableResource):
    """The ``raw/`` folder: ``articles/`` and curation files."""

    path: str

    @property
    def root(self) -> Path:
        return Path(self.path)


class Warehouse(DuckDBResource):
    """dagster-duckdb's resource, creating the warehouse folder on first use."""

    @contextmanager
    def get_connection(self):
        Path(self.database).parent.mkdir(parents=True, exist_ok=True)
        with super().get_connection() as conn:
            yield conn


def default_resources() -> dict:
    return {
        "raw": RawDirectory(path=str(settings.raw_dir())),
        "warehouse": Warehouse(database=str(settings.warehouse_path())),
    }
