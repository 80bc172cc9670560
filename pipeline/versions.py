"""Versions of the code and packages that decide what a step produces.

A step that reuses earlier work (articles read, figures extracted, rows validated, marts built, the report drawn)
keeps it only under the version it was made with: when one of the files or packages changes, the work is done
again. Costly work is versioned by the files it depends on (``code_version``); work cheap enough to redo after any
change is versioned by the whole package (``pipeline_version``), which no new import can leave out of date.
"""

import hashlib
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path

# The packages whose versions can change what the pipeline writes.
PACKAGES = ("pandas", "numpy", "pandera", "duckdb", "altair", "vl-convert-python")


def code_version(files: Iterable[str | Path], packages: Iterable[str] = ()) -> str:
    """A short hash of the files' bytes and the installed versions of the packages."""
    parts = b"".join(Path(path).read_bytes() for path in files)
    return hashlib.sha256(parts + " ".join(version(package) for package in packages).encode()).hexdigest()[:12]


def pipeline_version() -> str:
    """``code_version`` of every file of the pipeline package (its code, vocabulary and reference tables) and of
    ``PACKAGES``."""
    files = Path(__file__).parent.rglob("*")
    return code_version(sorted(path for path in files if path.is_file() and "__pycache__" not in path.parts), PACKAGES)
