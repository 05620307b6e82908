# Two commands for a newcomer: `make site` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test test-fast lint serve bench example clean system test-system axe

$(BIN)/ita: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,properdocs,zensical]'
	touch $@

## Build the example unit into site/ (strict) and check it: the deploy gate.
site: $(BIN)/ita system
	$(BIN)/ita build
	$(BIN)/ita check

## Run the whole test suite (builds real sites, starts loopback servers, drives Chromium), one worker per core.
test: $(BIN)/ita test-system axe
	$(BIN)/pytest -n auto --dist loadfile

## The in-process tier only (rules, loaders, renderer goldens, loopback audit): under a minute.
test-fast: $(BIN)/ita
	$(BIN)/pytest -m "not slow" -n auto --dist loadfile

## Lint and types: ruff's rule set and mypy over the packages (both configured in pyproject.toml); CI runs it.
lint: $(BIN)/ita
	$(BIN)/ruff check .
	$(BIN)/mypy

## Debian packages, installed when missing and we are root (else said, and what needs them says why it
## cannot): Tesseract with its Thai model, which ita audit reads scanned PDFs with; for the tests also
## Chromium (browser tests) and the TLWG Thai fonts (scanned test documents).
system:
	@$(call apt_install,tesseract-ocr tesseract-ocr-tha)
test-system: system
	@$(call apt_install,chromium fonts-thai-tlwg-ttf)

define apt_install
missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
if [ -n "$$missing" ]; then \
  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
  else \
    echo "Missing Debian packages:$$missing (install them as root)"; \
  fi; \
fi
endef

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
