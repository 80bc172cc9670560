"""Applying a function to a stream of work items in worker processes, with the results in the items' order.

Reading article files and extracting figures are pure Python and keep one CPU busy each; this spreads them over
the machine's CPUs. Items are handed out as the results are taken, so a slow consumer never has more than a few
results (each a batch of article bodies or extracted rows) waiting in memory.
"""

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
# Items queued per worker: enough that a worker never waits for the consumer to hand out the next one.
QUEUED_PER_WORKER = 2


def ordered_map(function: Callable[[Item], Result], items: Iterable[Item], workers: int) -> Iterator[Result]:
    """``function(item)`` for each item, in order: in this process when ``workers`` is 1, else in that many worker
    processes. ``function`` must be importable by name (a module-level function), as workers are spawned."""
    if workers < 2:
        yield from map(function, items)
        return
    # "spawn": the run's process has threads (Dagster's), which a forked child must not inherit.
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        pending = deque()
        for item in items:
            pending.append(pool.submit(function, item))
            if len(pending) > QUEUED_PER_WORKER * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
