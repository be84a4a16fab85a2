# Two commands matter: `make demo` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest bench fuzz clean check-markdown docs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,docs]'
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

fuzz: $(STAMP)
	TIMELINE_HYPOTHESIS_PROFILE=thorough $(BIN)/python -m pytest tests -q

# The documentation site (Sphinx + MyST), warnings as errors, into out/docs.
docs: $(STAMP)
	$(BIN)/sphinx-build -E -W --keep-going -q -b html docs out/docs

# The Markdown writer's output through markdownlint, pandoc and mermaid 11 in
# Debian's chromium; needs node, pandoc and /usr/bin/chromium (tools/markdown/).
check-markdown: $(STAMP)
	tools/markdown/check.sh

clean:
	rm -rf $(VENV) out .coverage .hypothesis .mypy_cache .ruff_cache
