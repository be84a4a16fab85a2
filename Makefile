# Two commands matter: `make demo` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: dist-check demo test lint typecheck pytest bench bench-phrases bench-ics check-ics check-ics-corpus check-timelinejs check-markdown check-changelog docs fuzz fuzz-atheris interop interop-selftest clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# pip 25.1 is the first to read PEP 735 dependency groups (--group), where the pinned test tools live.
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check

$(STAMP): pyproject.toml | $(BIN)/python
	$(PIP) 'pip>=25.1'
	$(PIP) -e '.[docs,yaml,sphinx,mkdocs]' --group test
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

# find_dates and resolve scored on TempEval-3's training data (TimeBank + AQUAINT), read in place,
# beside dateparser (installed into .venv by this target through the `eval` dependency group; not a dependency).
# DATA is the TBAQ-cleaned folder of github:qiangning/StructTempRel-EMNLP17 (its Evaluation set is held out).
DATA ?= /work/corpora/data/TempEval3/Training/TBAQ-cleaned
.PHONY: eval-phrases
eval-phrases: $(STAMP)
	@test -d "$(DATA)" || { echo "eval-phrases: no folder $(DATA); give DATA=.../data/TempEval3/Training/TBAQ-cleaned (github:qiangning/StructTempRel-EMNLP17)"; exit 2; }
	$(PIP) --group eval
	$(BIN)/python benchmarks/eval_phrases.py "$(DATA)" --dateparser

# The .ics writer against icalendar, ics-py and vobject, and its memory when streaming.
bench-ics: $(STAMP)
	$(PIP) --group bench
	$(BIN)/python benchmarks/ics.py

# Five real iCalendar parsers (three in Python, ical.js and node-ical in Node) read our .ics and jCal.
check-ics: $(STAMP)
	$(PIP) --group bench
	cd tools/ics-clients && npm ci --no-audit --no-fund --silent
	$(BIN)/python tools/ics-clients/check.py

# The .ics reader on the shared corpus of 564 real and broken files, read in place (not in CI).
ICS_CORPUS ?= ../shared/corpus/ics
check-ics-corpus: $(STAMP)
	$(BIN)/python benchmarks/corpus.py $(ICS_CORPUS)
	$(BIN)/pytest -q -m corpus tests

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

# The svg writer's pictures in Debian's chromium: no console error, one g.event
# per event, text boxes (getBBox) apart from each other and from the marks,
# screenshots of both themes into build/svg (tools/svg/); then every file of
# the .ics corpus that imports, drawn and checked, the three largest in chromium.
.PHONY: check-svg
SVG := tools/svg
$(SVG)/node_modules/.installed: $(SVG)/package.json $(SVG)/package-lock.json
	cd $(SVG) && npm ci --no-audit --no-fund
	touch $@

check-svg: $(STAMP) $(SVG)/node_modules/.installed
	rm -rf build/svg build/svg-corpus
	$(BIN)/python $(SVG)/pages.py build/svg
	node $(SVG)/check.mjs build/svg
	if [ -d $(ICS_CORPUS) ]; then \
		$(BIN)/python $(SVG)/corpus.py $(ICS_CORPUS) build/svg-corpus && node $(SVG)/check.mjs build/svg-corpus; \
	else echo "check-svg: no .ics corpus at $(ICS_CORPUS) (a clean clone has none): corpus part skipped"; fi

# The documentation site (Sphinx + MyST), warnings as errors, into out/docs.
# The published artefacts as a user gets them: build the sdist and the wheel, check their
# metadata, install the wheel alone into a fresh venv and run the README's console examples
# with its `timeline` command. CI runs it after `make test`.
DIST := build/dist
dist-check: $(STAMP)
	$(PIP) --group release
	rm -rf $(DIST) build/wheel-venv
	$(BIN)/python -m build --outdir $(DIST) . >/dev/null
	$(BIN)/twine check --strict $(DIST)/*
	$(BIN)/python tools/check_metadata.py $(DIST)/*.whl
	$(PYTHON) -m venv build/wheel-venv
	build/wheel-venv/bin/python -m pip install --quiet --disable-pip-version-check $(DIST)/*.whl
	cd build && wheel-venv/bin/python -c "import timeline, sys; assert 'site-packages' in timeline.__file__, timeline.__file__"
	build/wheel-venv/bin/python tests/transcripts.py --bin build/wheel-venv/bin README.md

docs: $(STAMP)
	$(BIN)/sphinx-build -E -W --keep-going -q -b html docs out/docs
	$(BIN)/python tests/site_check.py out/docs

# The Markdown writer's output through markdownlint, pandoc and mermaid 11 in
# Debian's chromium; needs node, pandoc and /usr/bin/chromium (tools/markdown/).
check-markdown: $(STAMP)
	tools/markdown/check.sh

# Coverage-guided fuzzing with atheris (libFuzzer), kept out of `make test`:
# every reader, When, resolve and find_dates, FUZZ_SECONDS each (default 180).
# Corpora and any crash (a file libFuzzer names) go to build/fuzz/.
FUZZ_SECONDS ?= 180
FUZZ_TARGETS ?= read-json read-toml read-yaml read-ics read-jcal read-csv read-timelinejs when resolve find-dates
fuzz-atheris: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check atheris
	mkdir -p build/fuzz/crashes
	set -e; for target in $(FUZZ_TARGETS); do \
		echo "== $$target ($(FUZZ_SECONDS) s)"; \
		$(BIN)/python fuzz/targets.py $$target -max_total_time=$(FUZZ_SECONDS) -timeout=20 -rss_limit_mb=3072 \
			-artifact_prefix=build/fuzz/crashes/$$target- -print_final_stats=1 build/fuzz/$$target 2>&1 \
			| grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|==[0-9]+== ERROR|.*Traceback|.*Error)' || true; \
		test -z "$$(ls build/fuzz/crashes/$$target-* 2>/dev/null)" || { echo "crash in $$target: see build/fuzz/crashes"; exit 1; }; \
	done

# The real-client suite (CI runs it after `make test` and `make docs`): five
# calendar parsers, TimelineJS and ajv, markdownlint, pandoc and mermaid, the
# SVG pictures in Debian's chromium, all on 127.0.0.1; then the suite tested
# on itself.
interop: check-ics check-timelinejs check-markdown check-svg interop-selftest

# Each check of `make interop` must fail on a deliberately broken file.
interop-selftest: $(STAMP) $(TLJS)/node_modules/.installed $(SVG)/node_modules/.installed
	cd tools/ics-clients && npm ci --no-audit --no-fund --silent
	cd tools/markdown && npm ci --no-audit --no-fund --silent
	$(BIN)/python tools/interop/selftest.py
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

# The command line on 300,000 generated events: peak RSS and time of each conversion (issue 18),
# and a 100 MB .ics read whole and half (issue 19); fails if a memory target is missed.
.PHONY: bench-cli
bench-cli: $(STAMP)
	$(BIN)/python benchmarks/cli.py
