"""Dagster definitions: assets by layer (raw, staging, marts), their checks, and the resources they use."""
