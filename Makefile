# Azultel Web. `make run` serves the site; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT
PYTEST_ARGS ?=
# Test processes (pytest-xdist); TEST_WORKERS=0 runs everything in one process.
TEST_WORKERS ?= 2

.PHONY: run test lint bench clean-var help stack stack-stop stack-check

help:
	@echo "make run    - install, migrate, load demo data, serve on http://127.0.0.1:$(PORT)"
	@echo "make test   - the whole test suite (unit, HTTP, browser)"
	@echo "make lint   - ruff, mypy, import-linter"
	@echo "make bench  - benchmarks (not part of CI)"
	@echo "make stack  - the production shape here: PostgreSQL, Redis, 2 web nodes behind HAProxy, Celery"
	@echo "make stack-stop - stop what make stack started"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is required")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@ $(VENV)/.runtime-installed

node_modules/axe-core/axe.min.js: package.json
	npm install --no-audit --no-fund --loglevel=error
	@touch $@

run: $(VENV)/.runtime-installed
	@if [ "$${AZULTEL_ENV:-local}" != "production" ]; then $(BIN)/python manage.py local_keys; fi
	@$(BIN)/python manage.py migrate --noinput -v 0
	@if [ "$${AZULTEL_ENV:-local}" != "production" ]; then $(BIN)/python manage.py seed_demo; fi
	@$(BIN)/python manage.py collectstatic --noinput -v 0
	@echo ""
	@echo "Azultel Web is starting on http://127.0.0.1:$(PORT)/  (Ctrl-C stops it)"
	@echo "Local mailbox (emails the site sends): var/mail/  Staff admin: http://127.0.0.1:$(PORT)/staff/admin/"
	@echo ""
	@exec $(BIN)/gunicorn --config python:azultel.config.gunicorn

test: $(VENV)/.dev-installed node_modules/axe-core/axe.min.js
	@mkdir -p test-artifacts
	$(BIN)/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	AZULTEL_ENV=test $(BIN)/mypy azultel  # test settings need no keys under var/
	$(BIN)/lint-imports
	$(BIN)/python scripts/check_module_size.py
	$(BIN)/python scripts/count_any.py

bench: $(VENV)/.dev-installed
	$(BIN)/python -m bench $(BENCH_ARGS)

stack: $(VENV)/.runtime-installed
	@scripts/stack/start.sh

stack-stop:
	@scripts/stack/stop.sh

# Starts the stack, runs a 40 s load mix while a web node and the email worker are SIGKILLed,
# then checks: no 500s, every probe email delivered once, no order lost. Not in CI (minutes).
stack-check: $(VENV)/.dev-installed
	@scripts/stack/start.sh
	@$(BIN)/python scripts/stack/check.py

clean-var:
	rm -rf var
