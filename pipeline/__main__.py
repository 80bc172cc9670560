"""Command line: ``python -m pipeline run`` builds the warehouse; ``python -m pipeline extract FILE...`` previews.

``run`` executes the same job the schedule runs, in this process, and prints what was built. It records the run
in ``$DAGSTER_HOME`` when that is set, so it shows in the UI's run history.
"""

import argparse
import os
import sys

import duckdb
from dagster import DagsterInstance

QUIET_LOGS = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}


def run() -> int:
    from pipeline import settings
    from pipeline.definitions import defs

    instance = DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else DagsterInstance.ephemeral()
    result = defs.get_job_def("all_assets").execute_in_process(
        instance=instance, run_config=QUIET_LOGS, raise_on_error=False
    )
    print(f"run {result.run_id}: {'succeeded' if result.success else 'FAILED'}")
    if not result.success:
        return 1
    path = settings.warehouse_path()
    with duckdb.connect(str(path), read_only=True) as conn:
        print(f"warehouse: {path}")
        tables = conn.execute(
            "SELECT schema_name || '.' || table_name, estimated_size FROM duckdb_tables() ORDER BY 1"
        ).fetchall()
        for table, _ in tables:
            rows = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            print(f"  {table:<32} {rows:>7} rows")
        for (message,) in conn.execute("SELECT message FROM raw.article_quarantine ORDER BY file_name").fetchall():
            print(f"  quarantined: {message}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="materialise every asset into the warehouse and print a summary")
    args = parser.parse_args(argv)
    if args.command == "run":
        return run()
    return 2


if __name__ == "__main__":
    sys.exit(main())
