# Neurona. `make run` serves the app, `make test` lints and runs every test, browser tests included.
# Each target creates .venv and installs only what is missing: a stamp file in .stamps/ records
# each install and is redone when pyproject.toml changes or the venv is recreated.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
STAMPS := .stamps
CHROMIUM := /usr/bin/chromium

PORT ?= 8501
# Empty: Streamlit's default (every interface). ADDRESS=127.0.0.1 keeps the server local.
ADDRESS ?=
# TORCH=1: `make run` also installs the optional torch engine (CPU wheel).
TORCH ?=
PYTEST_ARGS ?=
# Two workers (pytest-xdist), one per core, each with its own server and browser, a test file
# each at a time: much of a browser test is waiting on a page. PYTEST_ARGS="-n 0": one process.
PYTEST_FLAGS := --durations=10 -n 2 --dist loadfile $(PYTEST_ARGS)

RUN_STAMP := $(STAMPS)/$(if $(filter 1,$(TORCH)),torch,app)
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: help run test lint format bench clean

help:
	@echo "make run      serve the app on port $(PORT) (PORT=..., ADDRESS=..., TORCH=1 for torch)"
	@echo "make test     ruff, then the whole pytest suite with browser tests"
	@echo "make lint     ruff check and ruff format --check"
	@echo "make format   ruff format and ruff check --fix"
	@echo "make bench    run every benchmarks/*.py (one JSON line each)"
	@echo "make clean    remove .venv, .stamps and caches"

run: $(RUN_STAMP)
	$(PY) -m streamlit run app.py --server.port $(PORT) $(if $(ADDRESS),--server.address $(ADDRESS))

# pytest exits 5 when it collected no test: a failure here, never a pass.
test: lint $(CHROMIUM)
	@echo "$(PY) -m pytest $(PYTEST_FLAGS)"
	@$(PY) -m pytest $(PYTEST_FLAGS) || { rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests" >&2; fi; exit $$rc; }

lint: $(STAMPS)/dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMPS)/dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: $(STAMPS)/torch
	@shopt -s nullglob; files=(benchmarks/*.py); \
	if [ $${#files[@]} -eq 0 ]; then echo "make bench: no benchmarks/*.py yet" >&2; fi; \
	for f in "$${files[@]}"; do $(PY) "$$f"; done

clean:
	rm -rf $(VENV) $(STAMPS) .pytest_cache .ruff_cache build dist *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

$(VENV)/pyvenv.cfg:
	$(PYTHON) -m venv $(VENV)

# Each stamp is a superset of the one before, so installing it also marks the smaller ones done.
$(STAMPS)/app: pyproject.toml $(VENV)/pyvenv.cfg
	$(PIP) install -e .
	mkdir -p $(STAMPS) && touch $@

$(STAMPS)/torch: pyproject.toml $(VENV)/pyvenv.cfg
	$(PIP) install -e '.[torch]'
	mkdir -p $(STAMPS) && touch $(STAMPS)/app $@

$(STAMPS)/dev: pyproject.toml $(VENV)/pyvenv.cfg
	$(PIP) install -e '.[torch,dev]'
	mkdir -p $(STAMPS) && touch $(STAMPS)/app $(STAMPS)/torch $@

# Debian's Chromium for the browser tests (Playwright's own browser download is not possible),
# and an emoji font so the page icons show in screenshots.
$(CHROMIUM):
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-noto-color-emoji
	test -x $@
