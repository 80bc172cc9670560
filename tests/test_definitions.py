"""The code location loads, as `dagster dev -w workspace.yaml` loads it."""

from dagster import AssetKey

from pipeline.definitions import defs


def test_definitions_load_and_resolve():
    defs.resolve_all_job_defs()
    keys = {spec.key for spec in defs.resolve_all_asset_specs()}
    assert {AssetKey(["raw", "articles"]), AssetKey(["raw", "article_quarantine"])} <= keys
    assert defs.resolve_job_def("all_assets") is not None
