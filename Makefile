# Two commands on a fresh machine:
#   make run    installs everything and serves on embedded defaults (SQLite, local blobs, in-process worker)
#   make test   installs everything and runs the whole test suite (lint included)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test install lint format bench vendor messages

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
	bash scripts/ensure-browser.sh
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format . && $(BIN)/ruff check --fix .

bench: $(STAMP)
	bash scripts/ensure-services.sh
	$(BIN)/python -m bench.pipeline

# Front-end libraries: npm packages pinned in package.json/package-lock.json, copied or bundled
# into api/static/vendor/ with their versions, licences and sha256 (VENDORED.md). Needs the npm
# registry; the result is committed, so serving and CI need no network.
vendor:
	npm ci --ignore-scripts --no-audit --no-fund
	node scripts/vendor.mjs

# Page strings: extract them, then merge into the French catalogue (translate the new entries
# in api/locale/fr/LC_MESSAGES/messages.po; the pages compile it at start-up).
messages: $(STAMP)
	$(BIN)/pybabel -q extract -F api/locale/babel.cfg -k N_ --no-location --sort-output \
	  --project "cdc-portfolio pages" -o api/locale/messages.pot .
	$(BIN)/pybabel -q update -i api/locale/messages.pot -d api/locale -l fr --no-fuzzy-matching \
	  --ignore-obsolete -w 100
