"""Resources: where raw articles are read from, the extraction cache, and the DuckDB warehouse.

The warehouse resource gives every run its own build copy of the warehouse; only the ``published_warehouse``
asset, which runs after every blocking check has passed, swaps it onto the path BI tools open. A reader
therefore never sees a half-written file and never holds a lock the pipeline waits for.
All paths default to ``pipeline.settings`` (overridable by environment variables).
"""

import shutil
import time
from contextlib import contextmanager
from pathlib import Path

from dagster import ConfigurableResource, Failure, InitResourceContext
from dagster_duckdb import DuckDBResource
from pydantic import PrivateAttr

from pipeline import settings
from pipeline.warehouse import swap_into_place

STALE_BUILD_SECONDS = 24 * 3600
# DuckDB's default limit, 80% of RAM, let a 50k run keep 1-1.5 GB of tables, temporary tables and sort buffers in
# memory on top of pandas. Past this DuckDB evicts and spills, to the build file's ``.tmp`` directory. A
# memory_limit in the resource's connection_config overrides it.
MEMORY_LIMIT = "768MB"


class RawDirectory(ConfigurableResource):
    """The ``raw/`` folder: ``articles/`` and curation files, and how many processes read the article files when a
    run reads many."""

    path: str
    workers: int = 1

    @property
    def root(self) -> Path:
        return Path(self.path)


class ExtractionCache(ConfigurableResource):
    """A DuckDB file of extracted figures keyed by article content and rules version, and how many processes
    extract the articles it lacks."""

    path: str
    workers: int = 1


class Warehouse(DuckDBResource):
    """dagster-duckdb's resource for the published file at ``database``; each run writes a private build copy."""

    _run_id: str | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: InitResourceContext) -> None:
        self._run_id = context.run_id

    @property
    def published(self) -> Path:
        return Path(self.database)

    @property
    def build_file(self) -> Path:
        return self.published.parent / ".build" / f"{self.published.stem}-{self._run_id or 'adhoc'}.duckdb"

    def _start_build(self) -> None:
        """Copy the published warehouse (so a partial run keeps the other tables) and clear stale builds."""
        try:
            self.build_file.parent.mkdir(parents=True, exist_ok=True)
            for old in self.build_file.parent.glob("*.duckdb*"):
                if time.time() - old.stat().st_mtime <= STALE_BUILD_SECONDS:
                    continue
                if old.is_dir():  # the .tmp directory DuckDB spills to, left by a run that crashed
                    shutil.rmtree(old)
                else:
                    old.unlink(missing_ok=True)
            if self.published.exists():
                shutil.copyfile(self.published, self.build_file)
        except OSError as error:
            raise Failure(
                description=f"cannot build the warehouse next to {self.published}: {error.strerror or error}; "
                "the published warehouse is unchanged"
            ) from error

    @contextmanager
    def get_connection(self):
        if not self.build_file.exists():
            self._start_build()
        config = {"memory_limit": MEMORY_LIMIT, **self.connection_config}
        with DuckDBResource(database=str(self.build_file), connection_config=config).get_connection() as conn:
            # Article bodies and quotes are most of the data. DuckDB's automatic choice of compression spends
            # seconds per run trying methods on them at each checkpoint; zstd is fast and compresses them best.
            conn.execute("SET force_compression = 'zstd'")
            yield conn

    def publish(self) -> Path:
        """Make this run's build the published warehouse, atomically."""
        with self.get_connection() as conn:
            conn.execute("CHECKPOINT")
        try:
            swap_into_place(self.build_file, self.published)
        except OSError as error:
            raise Failure(
                description=f"cannot publish {self.published}: {error.strerror or error}; "
                "the previous warehouse is unchanged"
            ) from error
        return self.published


def default_resources() -> dict:
    return {
        "raw": RawDirectory(path=str(settings.raw_dir()), workers=settings.workers()),
        "warehouse": Warehouse(database=str(settings.warehouse_path())),
        "extraction_cache": ExtractionCache(path=str(settings.cache_path()), workers=settings.workers()),
    }
