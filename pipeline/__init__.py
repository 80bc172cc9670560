"""Vietnam insurance coverage figures, from news articles to a DuckDB warehouse.

The package is laid out by responsibility: ``articles`` reads the raw article format, ``schemas`` holds the
Pandera models that define every table, ``warehouse`` writes validated tables to DuckDB, and ``defs`` holds the
Dagster assets, checks and resources that wire them together.
"""
