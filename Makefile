# Two commands: `make run` and `make test`. Each sets everything up on a machine that has
# only Python 3.11: a local copy of uv, then the locked environment in .venv.
SHELL := /bin/bash
PYTHON ?= python3.11
UV_VERSION := 0.13.9
UV := $(or $(shell command -v uv 2>/dev/null),.tools/bin/uv)
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := .venv
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test bench lint setup serve migrate seed clean browser-repeat

.tools/bin/uv:
	$(PYTHON) -m venv .tools || python3 -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

.venv/.synced: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen --python $(PYTHON) 2>/dev/null || $(UV) sync --frozen
	touch $@

setup: .venv/.synced

migrate: setup
	.venv/bin/python -m app migrate

seed: migrate
	.venv/bin/python -m app seed

run: seed
	@echo "Serving on http://$(HOST):$(PORT)  (Ctrl+C to stop)"
	.venv/bin/uvicorn app.main:app --host $(HOST) --port $(PORT) --proxy-headers \
	  --timeout-graceful-shutdown 30 --timeout-keep-alive 75

test: setup
	.venv/bin/pytest $(PYTEST_ARGS)

# The browser tests N times in a row (default 10), stopping at the first red run: a test that
# passes only sometimes is a failing test.
N ?= 10
browser-repeat: setup
	@for i in $$(seq 1 $(N)); do \
	  echo "== browser run $$i of $(N)"; \
	  .venv/bin/pytest -q -p no:cacheprovider tests/browser $(PYTEST_ARGS) || exit 1; \
	done; echo "browser tests: $(N) of $(N) runs green"

bench: setup
	.venv/bin/python -m bench

lint: setup
	.venv/bin/ruff check app tests migrations $(wildcard bench)
	.venv/bin/mypy app $(wildcard bench)
	.venv/bin/hadolint Dockerfile

clean:
	rm -rf .venv .tools var .pytest_cache .mypy_cache .ruff_cache
