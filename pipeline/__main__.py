"""Command line: ``python -m pipeline run`` builds the warehouse; ``python -m pipeline extract FILE...`` previews.

``run`` executes the same job the schedule runs, in this process, and prints what was built (and which marts, and
whether the report, were kept as an earlier run built them) and where the report is. It records the run
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
    result = defs.resolve_job_def("all_assets").execute_in_process(
        instance=instance, run_config=QUIET_LOGS, raise_on_error=False
    )
    print(f"run {result.run_id}: {'succeeded' if result.success else 'FAILED'}")
    if not result.success:
        return 1
    # What each asset's materialisation says, by table name: whether a mart was computed now or kept as built.
    said = {
        ".".join(event.asset_key.path): {name: value.value for name, value in event.materialization.metadata.items()}
        for event in result.get_asset_materialization_events()
    }
    path = settings.warehouse_path()
    with duckdb.connect(str(path), read_only=True) as conn:
        print(f"warehouse: {path}")
        tables = conn.execute(
            "SELECT schema_name || '.' || table_name FROM duckdb_tables() WHERE schema_name <> 'pipeline_state' "
            "ORDER BY 1"
        ).fetchall()
        for (table,) in tables:
            rows = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            kept = said.get(table, {}).get("computed_now") is False
            print(f"  {table:<32} {rows:>7} rows{'  (kept: built from the same figures and code)' if kept else ''}")
        problems = conn.execute("""
            SELECT message FROM raw.article_quarantine
            UNION ALL SELECT message FROM staging.figure_quarantine
            UNION ALL SELECT message FROM staging.curation_log WHERE outcome <> 'applied'
        """).fetchall()
        for (message,) in problems:
            print(f"  held back: {message}")
    page = said["marts.coverage_report"]
    print(f"report: {page['path']}{'' if page['rendered_now'] else '  (kept: drawn from the same marts and code)'}")
    return 0


def extract(files: list[str]) -> int:
    """Write the figures of the given article files as CSV to stdout; problems go to stderr."""
    import datetime as dt
    from pathlib import Path

    import pandas as pd

    from pipeline.articles import ArticleFormatError, parse_article
    from pipeline.extraction.corpus import extract_articles

    articles, failed = [], 0
    for name in files:
        try:
            articles.append(vars(parse_article(Path(name).read_bytes(), name, dt.date.today())))
        except (ArticleFormatError, OSError) as error:
            print(f"{name}: {getattr(error, 'strerror', None) or error}", file=sys.stderr)
            failed += 1
    figures, _ = extract_articles(pd.DataFrame(articles, columns=["article_id", "body", "published_date", "geo_code"]))
    for name in ("period_end", "compared_to"):
        figures[name] = figures[name].dt.strftime("%Y-%m-%d")
    figures.to_csv(sys.stdout, index=False, lineterminator="\n")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="materialise every asset into the warehouse and print a summary")
    preview = commands.add_parser("extract", help="print the figures of article files as CSV (nothing is stored)")
    preview.add_argument("files", nargs="+", metavar="FILE", help="article files in the raw article format")
    args = parser.parse_args(argv)
    if args.command == "run":
        return run()
    return extract(args.files)


if __name__ == "__main__":
    sys.exit(main())
