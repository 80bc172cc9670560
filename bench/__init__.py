"""National-scale benchmark of the coverage pipeline on a seeded synthetic corpus (issue 7).

``python -m bench.generate`` writes a corpus in the raw article format with the figures it is expected to yield;
``python -m bench`` measures extraction throughput, precision and recall, and full and nightly pipeline runs.
"""
