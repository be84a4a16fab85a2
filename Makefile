# Two commands matter: `make demo` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest bench bench-phrases bench-ics check-ics fuzz clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

demo: $(STAMP)
	$(BIN)/python examples/demo.py out

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy --strict

pytest: $(STAMP)
	$(BIN)/coverage run -m pytest
	$(BIN)/coverage report

test: lint typecheck pytest

# Long runs, kept out of `make test`.
bench: $(STAMP)
	$(BIN)/python benchmarks/model.py

bench-phrases: $(STAMP)
	$(BIN)/python benchmarks/phrases.py

# The .ics writer against icalendar, ics-py and vobject, and its memory when streaming.
bench-ics: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,bench]'
	$(BIN)/python benchmarks/ics.py

# Five real iCalendar parsers (three in Python, ical.js and node-ical in Node) read our .ics and jCal.
check-ics: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,bench]'
	cd tools/ics-clients && npm ci --no-audit --no-fund --silent
	$(BIN)/python tools/ics-clients/check.py

fuzz: $(STAMP)
	TIMELINE_HYPOTHESIS_PROFILE=thorough $(BIN)/python -m pytest tests -q

clean:
	rm -rf $(VENV) out .coverage .hypothesis .mypy_cache .ruff_cache
