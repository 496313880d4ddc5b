# Ciberparadiplomacia: the commands a developer (and CI, through .ci/run) uses.
# `make run` and `make test` work on a fresh Debian 12 machine with Python 3.11; `make help` lists the rest.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
# Development commands run with DEBUG on: no SECRET_KEY needed, a per-checkout key is kept in var/.
MANAGE := DEBUG=1 $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# `make test PYTEST_ARGS="-k browser -x"` passes options through; `PYTEST_ARGS=` runs in one process.
PYTEST_ARGS ?= -n auto

# Debian packages. WeasyPrint (PDF documents) needs Pango and a font; the test suite also needs Chromium
# (browser tests), pdftotext (PDF content), docker-compose (compose file check) and gettext (makemessages).
APT_RUN := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-noto-color-emoji
APT_DEV := $(APT_RUN) chromium poppler-utils docker-compose gettext hunspell hunspell-es hunspell-en-us

# Installs the missing packages when run as root; otherwise prints the one command to run, and goes on.
define apt_ensure
	@missing=$$(for p in $(1); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo -n "$$p "; done); \
	missing="$${missing% }"; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "Installing Debian packages: $$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	else \
		echo "Some Debian packages are missing. Please run:"; \
		echo "    sudo apt-get install -y $$missing"; \
		echo "(continuing without them)"; \
	fi
endef

.PHONY: help run test check lint-imports typecheck precommit coverage messages migrate demo worker beat deps \
	deps-dev clean

help: ## List the targets
	@echo "Ciberparadiplomacia. Usage: make <target>"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-13s %s\n", $$1, $$2}'

# --- Virtual environment: created once, reinstalled only when a requirements file changes ----------
$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --upgrade pip

$(VENV)/.installed-run: requirements.txt | $(PY)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	@touch $@ $(VENV)/.installed-run

deps: $(VENV)/.installed-run ## Create .venv and install requirements.txt (and the Debian libraries)
	$(call apt_ensure,$(APT_RUN))

deps-dev: $(VENV)/.installed-dev ## Same, with requirements-dev.txt and the test tools
	$(call apt_ensure,$(APT_DEV))

# --- Running the portal ----------------------------------------------------------------------------
migrate: deps ## Apply database migrations
	$(MANAGE) migrate --noinput

demo: migrate ## Load the catalogues and the demo accounts if the database has none, print the logins
	@if ! $(MANAGE) shell -v 0 -c "from municipalities.models import Municipality as M; raise SystemExit(0 if M.objects.exists() else 1)"; then \
		echo "Loading the catalogues (first run only)…"; $(MANAGE) load_catalogs; fi
	@if ! $(MANAGE) shell -v 0 -c "from accounts.models import User; raise SystemExit(0 if User.objects.filter(is_demo=True).exists() else 1)"; then \
		echo "Creating the demo accounts (first run only)…"; $(MANAGE) load_demo; fi
	@$(MANAGE) shell -v 0 -c "from pathlib import Path; from django.conf import settings; p = Path(settings.DEMO_CREDENTIALS_FILE); \
		print('\nDemo logins (from %s):\n%s' % (p, p.read_text()) if p.exists() else '\nNo demo logins on file; run: DEBUG=1 .venv/bin/python manage.py load_demo --print-credentials')"

run: demo ## Set up everything and serve http://127.0.0.1:8000 (DEBUG on)
	@echo "Serving http://$(HOST):$(PORT)/ (Ctrl+C stops)"
	$(MANAGE) runserver $(HOST):$(PORT)

# Without REDIS_URL tasks run inline (eager) and there is nothing for a worker to do.
worker: deps ## Celery worker (needs REDIS_URL, also for `make run`)
	@test -n "$$REDIS_URL" || { echo "Set REDIS_URL (e.g. redis://127.0.0.1:6379/0), here and for make run."; exit 2; }
	DEBUG=1 $(VENV)/bin/celery -A ciberparadiplomacia worker --loglevel INFO

beat: deps ## Celery beat, the scheduler of periodic tasks (needs REDIS_URL)
	@test -n "$$REDIS_URL" || { echo "Set REDIS_URL (e.g. redis://127.0.0.1:6379/0), here and for make run."; exit 2; }
	DEBUG=1 $(VENV)/bin/celery -A ciberparadiplomacia beat --loglevel INFO --schedule var/celerybeat-schedule

# --- Quality -----------------------------------------------------------------------------------------
test: deps-dev ## Run the whole test suite (in parallel)
	$(VENV)/bin/pytest $(PYTEST_ARGS)

coverage: deps-dev ## The suite under coverage (pyproject.toml): a table, and a failure under fail_under
	$(VENV)/bin/pytest $(PYTEST_ARGS) --cov --cov-report=term:skip-covered

check: deps-dev ## Lint, format, imports, types, Django checks, migrations, translations, compose, deploy
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) compile_translations --check
	$(MANAGE) check_messages
	$(MANAGE) check_spelling
	$(MANAGE) spectacular --validate --fail-on-warn --file /dev/null
	docker-compose config -q
	@echo "Deployment checklist with production-like settings (DEBUG off, HTTPS on, random key):"
	DEBUG=0 HTTPS=1 ALLOWED_HOSTS=ciberparadiplomacia.example.org \
		SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))')" \
		$(PY) manage.py check --deploy --fail-level WARNING

lint-imports: deps-dev ## Import contracts between the apps (pyproject.toml, [tool.importlinter])
	$(VENV)/bin/lint-imports

typecheck: deps-dev ## mypy on every services.py and selectors.py (mypy.ini)
	$(VENV)/bin/mypy

# The hooks run the tools of .venv; pre-commit itself finds `git` and the tools' helpers on PATH.
precommit: deps-dev ## Every pre-commit hook on every tracked file (.pre-commit-config.yaml)
	PATH=$(VENV)/bin:$$PATH $(VENV)/bin/pre-commit run --all-files --show-diff-on-failure

messages: deps-dev ## Extract the Spanish strings into locale/en (makemessages), then compile the .mo
	$(MANAGE) makemessages -l en -e py,html,txt --no-location --no-obsolete --no-wrap \
		-i '.venv/*' -i 'node_modules/*' -i 'staticfiles/*' -i 'test-results/*' -i 'media/*'
	$(MANAGE) compile_translations

clean: ## Remove caches and collected files (keeps .venv, the database and var/)
	rm -rf staticfiles test-results .pytest_cache .ruff_cache .mypy_cache .grimp_cache .coverage .coverage.* htmlcov
	find . -path ./.venv -prune -o -name __pycache__ -type d -exec rm -rf {} +

# --- Benchmark (issue 3) ---------------------------------------------------------------------------------
.PHONY: bench
BENCH_SUGGESTIONS_DB ?= postgres://postgres@127.0.0.1:5432/cpd_bench_suggestions

bench: deps-dev ## Benchmarks: registry (100,000 synthetic rows, gunicorn, wrk), documents, partner suggestions
	$(call apt_ensure,wrk postgresql-client)
	$(PY) bench/run.py
	@# Generated documents: time per DOCX and PDF, and 200 documents through 2 worker processes.
	$(PY) bench/documents.py
	@# Partner suggestions on the demo data: cold and warm catalogue (target: under 300 ms each); then the
	@# wizard's autosave (time per save through the whole request stack) on the same demo data.
	@# A PostgreSQL database of its own, with the catalogues and the known relationships (idempotent loads).
	createdb -h 127.0.0.1 -U postgres cpd_bench_suggestions 2>/dev/null || true
	DATABASE_URL=$(BENCH_SUGGESTIONS_DB) DEMO_CREDENTIALS_FILE=/tmp/cpd-bench-credentials.txt sh -c '\
		$(MANAGE) migrate -v 0 && $(MANAGE) load_catalogs >/dev/null && \
		$(MANAGE) load_demo >/dev/null && $(PY) bench/suggestions.py && $(PY) bench/autosave.py'
