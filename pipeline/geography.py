"""The reference table of Vietnam's provinces and cities (ISO 3166-2), and look-ups over it.

The table itself is data in ``reference/provinces.csv``; an analyst adds a spelling there, not here.
"""

import csv
from functools import cache
from pathlib import Path

import pandas as pd

PROVINCES_CSV = Path(__file__).parent / "reference" / "provinces.csv"
NATIONAL = "VN"


@cache
def provinces() -> pd.DataFrame:
    """One row per geography: geo_code, name, level, aliases (``|``-separated spellings)."""
    with PROVINCES_CSV.open(encoding="utf-8", newline="") as handle:
        return pd.DataFrame(list(csv.DictReader(handle)))


@cache
def geo_codes() -> frozenset[str]:
    return frozenset(provinces()["geo_code"])


@cache
def spellings() -> dict[str, str]:
    """Every name and alias, mapped to its geo code."""
    names: dict[str, str] = {}
    for row in provinces().itertuples():
        for spelling in [row.name, *filter(None, row.aliases.split("|"))]:
            names[spelling] = row.geo_code
    return names


@cache
def levels() -> dict[str, str]:
    """geo_code -> country, municipality or province."""
    return dict(zip(provinces()["geo_code"], provinces()["level"], strict=True))
