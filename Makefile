# Two commands for a newcomer: `make site` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve bench example clean

$(BIN)/ita: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

## Build the example unit into site/ (strict) and check it: the deploy gate.
site: $(BIN)/ita
	$(BIN)/ita build
	$(BIN)/ita check

## Run the whole test suite (builds real sites, starts loopback servers).
test: $(BIN)/ita
	$(BIN)/pytest

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
	rm -rf site .site-staging .site-previous test-artifacts
