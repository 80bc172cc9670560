# The quick start: `make run` builds the warehouse from raw/, `make test` runs the test suite.
# Only Python 3.11 and pip are assumed; uv is installed with pip when missing.

UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
export UV_PYTHON_DOWNLOADS := never
export UV_COMPILE_BYTECODE := 1
export DAGSTER_HOME := $(CURDIR)/.dagster
PORT ?= 3000

.PHONY: run test ui lint env browser bench

env:
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	@$(UV) sync --locked --quiet
	@mkdir -p $(DAGSTER_HOME)
	@test -f $(DAGSTER_HOME)/dagster.yaml || printf 'telemetry:\n  enabled: false\n' > $(DAGSTER_HOME)/dagster.yaml

run: env
	$(UV) run --locked python -m pipeline run

test: env browser
	$(UV) run --locked pytest

# The report test renders the HTML report in Debian's headless Chromium. Installing it needs root (as on CI);
# elsewhere, without it, that one test is skipped, and under CI=true it fails instead.
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get update -qq \
		&& DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
		|| echo "note: chromium is not installed; the report test will be skipped"

bench: env
	$(UV) run --locked python -m bench

lint: env
	$(UV) run --locked ruff check .
	$(UV) run --locked ruff format --check .

ui: env
	$(UV) run --locked dagster dev -w workspace.yaml -h 127.0.0.1 -p $(PORT)
