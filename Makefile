# The two commands of the README: `make status` (the main job) and `make test` (the whole
# test suite). Each creates the virtual environment in .venv when it is missing.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: status validate test lint bench schema docs messages clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	$(BIN)/python -m compileall -q ivb
	touch $(STAMP)

status: $(STAMP)
	$(BIN)/ivb status

validate: $(STAMP)
	$(BIN)/ivb validate

# The whole test suite: lint, format, the import contracts (the layers), the types, then
# the tests.
test: lint
	$(BIN)/python -m pytest -n auto

lint: $(STAMP)
	$(BIN)/ruff check ivb tests benchmarks tools
	$(BIN)/ruff format --check ivb tests benchmarks tools
	$(BIN)/lint-imports
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

schema: $(STAMP)
	$(BIN)/ivb schema indicators -o schema/indicators.schema.json
	$(BIN)/ivb schema partners -o schema/partners.schema.json
	$(BIN)/ivb schema plan -o schema/plan.schema.json

# docs/rules.md, from the rules' own docstrings and codes (a test fails when it is stale).
docs: $(STAMP)
	$(BIN)/python -m ivb.data.rules > docs/rules.md.tmp && mv docs/rules.md.tmp docs/rules.md

# The Dutch catalogue: gather the texts of the code into ivb/locale/nl/LC_MESSAGES/ivb.po
# (new ones untranslated, translations kept) and compile it (a test fails when a text has
# no translation or the compiled catalogue is stale).
messages: $(STAMP)
	$(BIN)/python tools/messages.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .import_linter_cache .ruff_cache
