"""Drawing Vega-Lite charts as SVG with vl-convert, in worker processes when there are many.

Only the drawing belongs here, and the module imports nothing but vl-convert: a worker process imports it, and
importing the report's modules (Altair, pandas) would cost each worker about a second. vl-convert draws on one
converter per process and holds the GIL while it draws, so a thread would neither draw two charts at once nor let
the page be built meanwhile; processes do both.
"""

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor

import vl_convert

# From this many charts to draw, they are drawn in worker processes, which start while the page is still being
# built. A worker costs about 0.6 s of CPU before its first chart (Python, vl-convert and a converter of its own;
# this process pays 0.45 s for its converter), a coverage chart 0.05-0.07 s. So workers cost CPU, and save time
# where a CPU is free. The report of a 50k nightly run (58 charts) took 3.9 s with them and 5.0 s without on an
# idle machine, for 6.8 and 5.9 s of CPU (medians of 3); 6.3 and 6.9 s with its other CPU mostly busy (medians of 5).
PARALLEL_FROM = 12


def svg(spec: str) -> str:
    """A Vega-Lite spec (JSON) as an SVG document, rendered without any network access."""
    return vl_convert.vegalite_to_svg(spec, allowed_base_urls=[])


class Drawing:
    """The SVGs of the specs added, drawn while the caller goes on: once ``PARALLEL_FROM`` specs wait, in one worker
    process per CPU; fewer are drawn in this process when ``svgs`` is called. Used as a context manager, it stops
    its workers on the way out."""

    def __init__(self):
        self.specs: list[str] = []
        self.drawn: list[Future] = []
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> "Drawing":
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def add(self, spec: str) -> None:
        self.specs.append(spec)
        workers = os.cpu_count() or 1
        if self.pool is None and len(self.specs) >= PARALLEL_FROM and workers > 1:
            # "spawn": the run's process has threads (Dagster's), which a forked child must not inherit.
            self.pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
        if self.pool is not None:
            self.drawn += [self.pool.submit(svg, waiting) for waiting in self.specs[len(self.drawn) :]]

    def svgs(self) -> list[str]:
        """The SVG of each spec added, in the order added."""
        if self.pool is None:
            return [svg(spec) for spec in self.specs]
        return [future.result() for future in self.drawn]
