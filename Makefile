# Two commands on a fresh machine:
#   make run    installs everything and serves on embedded defaults (SQLite, local blobs, in-process worker)
#   make test   installs everything and runs the whole test suite (lint and type check included)
# Tiers while working: make unit (no service, no file outside the repo, under a minute),
# make integration (real PostgreSQL, Redis, RabbitMQ, S3, the shared corpus), make e2e.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test unit integration e2e install lint typecheck format bench

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/portfolio serve

test: $(STAMP)
	bash scripts/ensure-services.sh
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest

unit: $(STAMP)
	$(BIN)/pytest tests/unit tests/contracts -m "not postgres and not s3 and not slow"

integration: $(STAMP)
	bash scripts/ensure-services.sh
	$(BIN)/pytest tests/integration tests/contracts

e2e: $(STAMP)
	bash scripts/ensure-services.sh
	$(BIN)/pytest tests/e2e

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format . && $(BIN)/ruff check --fix .

bench: $(STAMP)
	bash scripts/ensure-services.sh
	$(BIN)/python -m bench.pipeline
