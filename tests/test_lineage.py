"""The lineage the Dagster UI shows, reviewed like code: every asset's key, group, description, deps, kinds,
owners and checks are compared with ``fixtures/lineage.json``. After an intended change, regenerate it with
``UPDATE_LINEAGE=1 make test`` and review the diff."""

import json
import os
from pathlib import Path

import pytest

from pipeline.definitions import defs

SNAPSHOT = Path(__file__).parent / "fixtures" / "lineage.json"


def current_lineage() -> dict:
    checks: dict[str, list[str]] = {}
    for check in defs.resolve_asset_graph().asset_check_keys:
        checks.setdefault(check.asset_key.to_user_string(), []).append(check.name)
    return {
        spec.key.to_user_string(): {
            "group": spec.group_name,
            "description": spec.description,
            "deps": sorted(dep.asset_key.to_user_string() for dep in spec.deps),
            "kinds": sorted(spec.kinds),
            "owners": sorted(spec.owners),
            "checks": sorted(checks.get(spec.key.to_user_string(), [])),
            "columns": [c.name for c in spec.metadata["dagster/column_schema"].columns]
            if "dagster/column_schema" in spec.metadata
            else None,
            "freshness_hours": spec.freshness_policy.fail_window.to_timedelta().total_seconds() / 3600
            if spec.freshness_policy
            else None,
        }
        for spec in sorted(defs.resolve_all_asset_specs(), key=lambda s: s.key.to_user_string())
    }


def test_lineage_matches_the_reviewed_snapshot():
    lineage = current_lineage()
    if os.environ.get("UPDATE_LINEAGE"):
        SNAPSHOT.write_text(json.dumps(lineage, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        pytest.skip(f"{SNAPSHOT.name} rewritten, not compared: review its diff")  # a rewrite proves nothing
    assert lineage == json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def test_every_asset_is_described_grouped_by_layer_and_owned():
    for key, asset in current_lineage().items():
        assert asset["group"] in {"raw", "staging", "marts"}, key
        assert key.split("/")[0] == asset["group"], key
        assert asset["description"] and asset["owners"], key
        assert asset["checks"] or key in {"marts/published_warehouse", "marts/coverage_report"}, key
