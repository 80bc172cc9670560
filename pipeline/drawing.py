"""Drawing Vega-Lite charts as SVG with vl-convert, in worker processes when there are many.

Only the drawing belongs here, and the module imports nothing but vl-convert: a worker process imports it, and
importing the report's modules (Altair, pandas) would cost each worker about a second. vl-convert draws on one
converter per process, so threads would not draw two charts at once; processes do.
"""

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

import vl_convert

# Below this many charts to draw, worker processes cost more than they save: each starts a converter of its own
# (0.45 s, as this process does for its first chart), while a coverage chart takes about 0.05 s. Measured on two
# idle CPUs: 8 such charts take 0.9 s either way; 16 take 1.2 s here and 1.05 s in two workers.
PARALLEL_FROM = 12


def svg(spec: str) -> str:
    """A Vega-Lite spec (JSON) as an SVG document, rendered without any network access."""
    return vl_convert.vegalite_to_svg(spec, allowed_base_urls=[])


def svgs(specs: list[str]) -> list[str]:
    """Each spec's SVG, in the specs' order: in this process when there are few, else in one process per CPU."""
    workers = min(os.cpu_count() or 1, len(specs))
    if workers < 2 or len(specs) < PARALLEL_FROM:
        return [svg(spec) for spec in specs]
    # The longest specs first (the attainment chart takes as long as dozens of others), so that no long chart
    # is started last while the other workers sit idle.
    order = sorted(range(len(specs)), key=lambda i: -len(specs[i]))
    # "spawn": the run's process has threads (Dagster's), which a forked child must not inherit.
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        drawn = dict(zip(order, pool.map(svg, [specs[i] for i in order]), strict=True))
    return [drawn[i] for i in range(len(specs))]
