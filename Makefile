# The two commands of the README: `make status` (the main job) and `make test` (the whole
# test suite). Each creates the virtual environment in .venv when it is missing.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: status validate test lint bench schema clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	$(BIN)/python -m compileall -q ivb
	touch $(STAMP)

status: $(STAMP)
	$(BIN)/ivb status

validate: $(STAMP)
	$(BIN)/ivb validate

test: $(STAMP)
	$(BIN)/ruff check ivb tests benchmarks
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

schema: $(STAMP)
	$(BIN)/ivb schema indicators -o schema/indicators.schema.json
	$(BIN)/ivb schema partners -o schema/partners.schema.json
	$(BIN)/ivb schema plan -o schema/plan.schema.json

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
