"""One real materialisation of every asset and check, run in a process of its own so that its peak RSS is its own.

The benchmark starts this module once per measured run (the full build, then the nightly run on the same warehouse
and extraction cache). It materialises ``pipeline.definitions.ASSETS`` and ``CHECKS`` with ``dagster.materialize``
as ``tests/conftest.py`` does, with the resources pointed at the given raw folder, warehouse and cache, and the run
recorded in the instance of ``$DAGSTER_HOME`` (SQLite event log and run storage, shared by the full and the nightly
run), as ``make run`` and the daemon record it: an in-memory instance left out the cost of writing every event of
the run (about 1-2 s a run on this machine). It writes a JSON report: success, the time spent in ``materialize``,
each step's duration from the run's STEP_SUCCESS events, the metadata of the extraction step (articles extracted now
and taken from the cache), row counts, this process's peak RSS, and the highest RSS of this process plus its
descendants (the extraction workers) sampled every 50 ms from /proc while each step ran and over the whole run, so
memory can be attributed to steps as time is and worker processes are counted.

Both leave out memory that is not the run's. The peak RSS is VmHWM, the high-water mark of this program's own
address space: ``getrusage`` and ``wait4`` report a maximum that survives ``exec`` and so includes the memory of
the process that started this one (the benchmark, holding a corpus), at the moment it forked. And a worker is
counted once it runs its own program: between fork and exec a child still shows its parent's pages, and summing
both would count them twice.

    python -m bench.run_pipeline RAW_DIR WAREHOUSE_FILE CACHE_FILE REPORT.json [--profile FILE.prof]
"""

import argparse
import cProfile
import json
import os
import resource
import threading
import time
from pathlib import Path

STARTED = time.perf_counter()
QUIET = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found += [int(child) for child in task.read_text().split()]
        except OSError:
            continue
    return found


def _command(pid: int) -> bytes | None:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None


def tree_rss(page: int) -> int:
    """Resident set size of this process plus every descendant (extraction workers) that has started its own
    program (its command line is no longer its parent's), in bytes."""
    total, pending = 0, [(os.getpid(), None)]
    while pending:
        pid, parent_command = pending.pop()
        command = _command(pid)
        if command is None or command == parent_command:
            continue  # gone, or forked and not yet exec'd: its pages are its parent's
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * page
        except (OSError, IndexError, ValueError):
            continue
        pending += [(child, command) for child in _children(pid)]
    return total


def peak_rss_kb() -> int:
    """This program's own peak resident set size (VmHWM), in kB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # no /proc: an upper bound


class RssSampler(threading.Thread):
    """Samples the resident set size of this process and its descendants, with wall-clock timestamps."""

    def __init__(self, interval: float = 0.05):
        super().__init__(daemon=True)
        self.interval = interval
        self.samples: list[tuple[float, int]] = []
        self.done = threading.Event()
        self.page = os.sysconf("SC_PAGE_SIZE")

    def run(self) -> None:
        while not self.done.is_set():
            self.samples.append((time.time(), tree_rss(self.page)))
            self.done.wait(self.interval)

    def peak(self, start: float, end: float) -> int:
        return max((rss for when, rss in self.samples if start <= when <= end), default=0)


def step_timeline(instance, run_id: str, sampler: RssSampler) -> tuple[dict[str, float], dict[str, float]]:
    """(seconds from STEP_START to its success or failure, highest RSS in MB sampled meanwhile) of every step;
    unlike STEP_SUCCESS's duration this also times the steps that failed."""
    starts: dict[str, float] = {}
    seconds: dict[str, float] = {}
    peaks: dict[str, float] = {}
    for entry in instance.all_logs(run_id):
        event = entry.dagster_event
        if event is None or not entry.step_key:
            continue
        if event.event_type_value == "STEP_START":
            starts[entry.step_key] = entry.timestamp
        elif event.event_type_value in ("STEP_SUCCESS", "STEP_FAILURE") and entry.step_key in starts:
            seconds[entry.step_key] = entry.timestamp - starts[entry.step_key]
            peaks[entry.step_key] = sampler.peak(starts[entry.step_key], entry.timestamp) / 2**20
    return seconds, peaks


def _plain(value):
    value = getattr(value, "value", value)
    return value if isinstance(value, int | float | str | bool) or value is None else str(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("raw", type=Path)
    parser.add_argument("warehouse", type=Path)
    parser.add_argument("cache", type=Path)
    parser.add_argument("report", type=Path)
    parser.add_argument("--profile", type=Path, help="write a cProfile of the materialisation here")
    args = parser.parse_args()

    from dagster import DagsterInstance, materialize

    from pipeline.definitions import ASSETS, CHECKS
    from pipeline.defs.resources import ExtractionCache, RawDirectory, Warehouse
    from pipeline.settings import workers

    imported = time.perf_counter()
    resources = {
        "raw": RawDirectory(path=str(args.raw), workers=workers()),
        "warehouse": Warehouse(database=str(args.warehouse)),
        "extraction_cache": ExtractionCache(path=str(args.cache), workers=workers()),
    }
    profiler = cProfile.Profile() if args.profile else None
    instance = DagsterInstance.get()  # $DAGSTER_HOME, set by the benchmark
    sampler = RssSampler()
    sampler.start()
    start = time.perf_counter()
    if profiler:
        profiler.enable()
    result = materialize(
        [*ASSETS, *CHECKS], resources=resources, raise_on_error=False, run_config=QUIET, instance=instance
    )
    if profiler:
        profiler.disable()
        profiler.dump_stats(str(args.profile))
    materialize_seconds = time.perf_counter() - start
    sampler.done.set()
    sampler.join()

    steps: dict[str, float] = {}
    failures: list[str] = []
    for event in result.all_events:
        if event.event_type_value == "STEP_SUCCESS":
            steps[event.step_key] = event.event_specific_data.duration_ms / 1000
        elif event.event_type_value == "STEP_FAILURE":
            error = event.event_specific_data.error
            failures.append(f"{event.step_key}: {error.message.strip() if error else event.message}"[:2000])
    tables: dict[str, dict] = {}
    for event in result.get_asset_materialization_events():
        materialization = event.event_specific_data.materialization
        key = "/".join(materialization.asset_key.path)
        tables[key] = {name: _plain(value) for name, value in materialization.metadata.items() if name != "preview"}
    timeline, peaks = step_timeline(instance, result.run_id, sampler)
    for step, duration in timeline.items():
        steps.setdefault(step, duration)  # failed steps have no STEP_SUCCESS duration
    checks_failed = [
        f"{e.asset_check_evaluation_data.asset_key.to_user_string()}:{e.asset_check_evaluation_data.check_name}"
        for e in result.all_events
        if e.event_type_value == "ASSET_CHECK_EVALUATION" and not e.asset_check_evaluation_data.passed
    ]
    report = {
        "success": result.success,
        "import_seconds": imported - STARTED,
        "materialize_seconds": materialize_seconds,
        "steps": steps,
        "failures": failures,
        "checks_failed": checks_failed,
        "tables": tables,
        "peak_rss_kb": peak_rss_kb(),
        "step_peak_rss_mb": peaks,
        "peak_tree_rss_mb": max((rss for _, rss in sampler.samples), default=0) / 2**20,
        "rss_before_run_mb": sampler.samples[0][1] / 2**20 if sampler.samples else None,
    }
    args.report.write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
