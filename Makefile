# Genesis Coach. `make run` serves on the embedded defaults; `make test` runs every test.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint format bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

run: install
	$(BIN)/genesis serve --host $(HOST) --port $(PORT)

# The coverage floor sits just under the measured figure (96 % of src/genesis on
# 2026-12-03, with PostgreSQL and Redis): a change that drops tests fails here.
COVERAGE_FLOOR ?= 95
# Two test workers (pytest-xdist); TEST_JOBS=0 runs the suite in one process.
TEST_JOBS ?= 2

test: install
	$(BIN)/pytest -n $(TEST_JOBS) --cov=genesis --cov-report=term:skip-covered --cov-fail-under=$(COVERAGE_FLOOR)

lint: install
	$(BIN)/ruff format --check src tests migrations bench scripts
	$(BIN)/ruff check src tests migrations bench scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format src tests migrations bench scripts
	$(BIN)/ruff check --fix src tests migrations bench scripts

bench: install
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .import_linter_cache .grimp_cache .coverage
