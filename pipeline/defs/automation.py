"""What starts runs: the nightly schedule and the sensor that notices new or changed article files.

Both launch the ``all_assets`` job and are RUNNING by default, so ``dagster dev`` (or the daemon in production)
starts them without a click.
"""

import hashlib

from dagster import (
    AssetSelection,
    DefaultScheduleStatus,
    DefaultSensorStatus,
    RunRequest,
    ScheduleDefinition,
    SensorEvaluationContext,
    SkipReason,
    define_asset_job,
    in_process_executor,
    sensor,
)

from pipeline.defs.resources import RawDirectory

all_assets_job = define_asset_job(
    "all_assets",
    selection=AssetSelection.all(),
    description="Materialise every asset, from raw articles to the published warehouse.",
    executor_def=in_process_executor,
)

nightly_schedule = ScheduleDefinition(
    name="nightly_rebuild",
    job=all_assets_job,
    cron_schedule="0 2 * * *",
    execution_timezone="Asia/Ho_Chi_Minh",
    default_status=DefaultScheduleStatus.RUNNING,
    description="Rebuild the warehouse every night at 02:00 Vietnam time.",
)


def _fingerprint(raw: RawDirectory) -> tuple[str, list]:
    """A cheap fingerprint of the article folder (names, sizes, modification times) and its files."""
    files = sorted(p for p in (raw.root / "articles").glob("*") if p.is_file()) + [raw.root / "curation.csv"]
    stats = [(p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in files if p.exists()]
    return hashlib.sha256(repr(stats).encode()).hexdigest(), [p for p in files if p.exists()]


def content_hash(files: list) -> str:
    """Hash of the names and contents of the article files (and the curation file)."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@sensor(
    job=all_assets_job,
    minimum_interval_seconds=60,
    default_status=DefaultSensorStatus.RUNNING,
    description="Launches a run when an article file (or raw/curation.csv) is added or changed; the run key is "
    "the hash of their contents, so a touched but unchanged file launches nothing.",
)
def new_article_sensor(context: SensorEvaluationContext, raw: RawDirectory):
    fingerprint, files = _fingerprint(raw)
    if context.cursor and context.cursor.split(":")[0] == fingerprint:
        return SkipReason("no article file added or changed")
    contents = content_hash(files)
    previous = context.cursor.split(":")[1] if context.cursor else None
    context.update_cursor(f"{fingerprint}:{contents}")
    if contents == previous:
        return SkipReason("article files touched but their contents are unchanged")
    return RunRequest(run_key=contents, tags={"trigger": "new_article_sensor"})
