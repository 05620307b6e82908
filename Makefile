# Two commands for a newcomer: `make site` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test test-fast serve bench example clean chromium axe

$(BIN)/ita: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,properdocs,zensical]'
	touch $@

## Build the example unit into site/ (strict) and check it: the deploy gate.
site: $(BIN)/ita
	$(BIN)/ita build
	$(BIN)/ita check

## Run the whole test suite (builds real sites, starts loopback servers, drives Chromium), one worker per core.
test: $(BIN)/ita chromium axe
	$(BIN)/pytest -n auto --dist loadfile

## The in-process tier only (rules, loaders, renderer goldens, loopback audit): under a minute.
test-fast: $(BIN)/ita
	$(BIN)/pytest -m "not slow" -n auto --dist loadfile

## Debian's Chromium for the browser tests: installed when missing and we are root.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Chromium is missing and cannot be installed without root: browser tests will be skipped with that reason"; \
	  fi; }

## axe-core for the accessibility tests, pinned in tests/a11y/package-lock.json (npm; Node.js from apt when root).
axe: tests/a11y/node_modules/axe-core/axe.min.js

tests/a11y/node_modules/axe-core/axe.min.js: tests/a11y/package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null; \
	  fi; }
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --prefix tests/a11y --no-audit --no-fund --loglevel=error && touch $@ \
	    || echo "npm could not install axe-core (no registry?): the accessibility tests will be skipped with that reason"; \
	else \
	  echo "npm is missing and cannot be installed without root: the accessibility tests will be skipped with that reason"; \
	fi

## Preview while editing: missing elements are marked on the pages.
serve: $(BIN)/ita
	$(BIN)/mkdocs serve

## Speed figures against plain MkDocs (prints, never fails).
bench: $(BIN)/ita
	$(BIN)/python bench/build_bench.py

## Regenerate the example unit's content/ (developers only; needs fonts-thai-tlwg-ttf).
example: $(BIN)/ita
	$(BIN)/pip install --quiet -e '.[examples]'
	$(BIN)/python tools/make_example.py --force

clean:
	rm -rf site .site-staging .site-previous test-artifacts tests/a11y/node_modules
