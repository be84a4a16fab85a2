# Two commands matter: `make demo` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest bench bench-phrases bench-ics check-ics check-ics-corpus check-timelinejs check-markdown check-changelog docs fuzz clean

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

# The .ics reader on the shared corpus of 564 real and broken files, read in place (not in CI).
ICS_CORPUS ?= ../shared/corpus/ics
check-ics-corpus: $(STAMP)
	$(BIN)/python benchmarks/corpus.py $(ICS_CORPUS)

fuzz: $(STAMP)
	TIMELINE_HYPOTHESIS_PROFILE=thorough $(BIN)/python -m pytest tests -q

# Node and a browser, kept out of `make test`: the schema in ajv's strict mode,
# and the TimelineJS pages rendered by TimelineJS (npm) in Debian's chromium.
TLJS := tools/timelinejs
$(TLJS)/node_modules/.installed: $(TLJS)/package.json $(TLJS)/package-lock.json
	cd $(TLJS) && npm ci --no-audit --no-fund
	touch $@

check-timelinejs: $(STAMP) $(TLJS)/node_modules/.installed
	rm -rf build/timelinejs
	$(BIN)/python $(TLJS)/pages.py build/timelinejs
	$(BIN)/timeline schema > build/timelinejs/timeline.schema.json
	$(TLJS)/node_modules/.bin/ajv compile --spec=draft2020 --strict=true -s build/timelinejs/timeline.schema.json
	$(TLJS)/node_modules/.bin/ajv validate --spec=draft2020 --strict=true -s build/timelinejs/timeline.schema.json \
		-d build/timelinejs/harris-trip.json -d build/timelinejs/traps.json
	node $(TLJS)/check.mjs build/timelinejs docs/timelinejs-harris-trip.png

# The documentation site (Sphinx + MyST), warnings as errors, into out/docs.
docs: $(STAMP)
	$(BIN)/sphinx-build -E -W --keep-going -q -b html docs out/docs

# The Markdown writer's output through markdownlint, pandoc and mermaid 11 in
# Debian's chromium; needs node, pandoc and /usr/bin/chromium (tools/markdown/).
check-markdown: $(STAMP)
	tools/markdown/check.sh

# The changelog reader and git tags on public projects' files, read in place from
# git mirrors (bare repositories); MIRRORS is where they are (not in CI).
MIRRORS ?= /work/.mirror
check-changelog: $(STAMP)
	$(BIN)/python tools/changelog/check.py \
		$(MIRRORS)/olivierlacan+keep-a-changelog/repo:CHANGELOG.md \
		$(MIRRORS)/hynek+structlog/repo:CHANGELOG.md \
		--tags $(MIRRORS)/hynek+structlog/repo .

clean:
	rm -rf $(VENV) out build .coverage .hypothesis .mypy_cache .ruff_cache
