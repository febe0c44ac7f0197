# Uitweg — two commands: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install assets keys migrate demo lint format messages docs-config \
        bench bench-cases bench-chat bench-signals bench-registration bench-outreach bench-estimate \
        bench-linkage bench-monitoring bench-public serve clean

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required"'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,estimation]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

src/uitweg/static/vendor/.built: node_modules/.installed scripts/build-assets.mjs
	npm run --silent build
	touch $@

install: $(VENV)/.installed
assets: src/uitweg/static/vendor/.built

var/local.env:
	$(PYTHON) scripts/make_keys.py

keys: var/local.env

# Development keys are written for every target that starts Django, except in production
# (UITWEG_MODE=production in the environment), where the keys must come from the environment.
DEV_KEYS := $(if $(filter production,$(UITWEG_MODE)),,keys)

migrate: install $(DEV_KEYS)
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

## make run: set everything up and serve with demo data on http://127.0.0.1:8000
run: install assets demo
	@echo ""
	@echo "Serving Uitweg on http://$(HOST):$(PORT)/ (staff: http://$(HOST):$(PORT)/staff/) — Ctrl+C stops."
	$(PY) -m uitweg.core.serve --host $(HOST) --port $(PORT) --with-tasks

## make serve: production-like, several ASGI workers (needs DATABASE_URL and REDIS_URL).
## uitweg.core.serve runs uvicorn trusting X-Forwarded-For only from TRUSTED_PROXIES.
serve: install assets migrate
	$(PY) manage.py collectstatic --noinput
	$(PY) -m uitweg.core.serve --host $(HOST) --port $(PORT) --workers $${WORKERS:-4}

## make test: the whole suite (unit, integration, browser tests in headless Chromium), in one
## process per core (TEST_WORKERS=0 runs it in this process); each process has its own test
## database and Redis database. A test module stays in one process (its fixtures start once).
TEST_WORKERS ?= auto
test: install assets keys
	$(PY) -m ruff check src tests
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder $(PYTEST_ARGS)

lint:
	$(PY) -m ruff check src tests

format:
	$(PY) -m ruff format src tests

## make messages: refresh the .po files (the shells in src/uitweg/locale, each app in its own
## locale/), then compile them. Apps are Dutch (staff); their public-facing sources are also in
## pl, ro, bg and uk (scripts/messages_public.py lists them).
APPS_WITH_LOCALE := cases signals chat outreach monitoring programme week prevention
messages: install $(DEV_KEYS)
	cd src/uitweg && ../../$(PY) ../../manage.py makemessages -l nl -l en --no-obsolete \
	  $(foreach app,$(APPS_WITH_LOCALE) estimation testing,--ignore '$(app)/*') --ignore '*/tests/*'
	cd src/uitweg && ../../$(PY) ../../manage.py makemessages -l pl -l ro -l bg -l uk -l ar -l es --no-obsolete \
	  $(foreach dir,$(APPS_WITH_LOCALE) estimation testing accounts audit crypto core/management \
	    templates/allauth templates/django,--ignore '$(dir)/*') --ignore '*/tests/*' \
	  --ignore core/templates/core/dashboard.html --ignore conf.py --ignore core/plausibility.py \
	  --ignore core/vocabulary.py --ignore core/templates/core/my_tasks.html \
	  --ignore core/templates/core/task_section.html --ignore core/territories.py --ignore core/dates.py \
	  --ignore core/apps.py
	for app in $(APPS_WITH_LOCALE); do \
	  (cd src/uitweg/$$app && ../../../$(PY) ../../../manage.py makemessages -l nl --no-obsolete); \
	done
	$(PY) scripts/messages_public.py
	cd src/uitweg && ../../$(PY) ../../manage.py compilemessages

docs-config: install $(DEV_KEYS)
	$(PY) manage.py settings_doc

## make bench: every bench-* target in turn, then one table (also written to docs/benchmarks.md)
bench: install assets $(DEV_KEYS)
	$(PY) scripts/bench_all.py

## Each benchmark prints its summary as its last line: `name: key value, key value …`.
## bench-cases: sequential pages, then 32 clients against `make serve` with 1 and 2 workers on
## port 8811 (BENCH_WORKERS, BENCH_SECONDS, BENCH_CLIENTS); skipped without PostgreSQL.
bench-cases: install assets $(DEV_KEYS)
	$(PY) -m uitweg.cases.bench

bench-chat: install assets $(DEV_KEYS)
	$(PY) -m uitweg.chat.bench

bench-signals: install assets $(DEV_KEYS)
	$(PY) -m uitweg.signals.bench

## bench-linkage: link 100,000 synthetic registrations from 6 sources with 30 % overlap (exact and
## near matches on keyed Bloom-filter encodings); prints precision, recall and time (< 60 s).
bench-linkage: install assets $(DEV_KEYS)
	$(PY) -m uitweg.monitoring.bench_linkage

## bench-registration: 500 concurrent registrations for 100 places, then 50 cancellations, on
## PostgreSQL (its own database uitweg_bench_week; BENCH_DATABASE_URL, BENCH_THREADS).
bench-registration: install assets $(DEV_KEYS)
	$(PY) -m uitweg.week.bench

## bench-public: 200 clients read the information pages and the Week programme for 60 s against
## `make serve` on PostgreSQL (its own database uitweg_bench_public), then a static file the same
## way; page weight with CSS (BENCH_CLIENTS, BENCH_SECONDS, BENCH_WORKERS, BENCH_DATABASE_URL).
bench-public: install assets $(DEV_KEYS)
	$(PY) -m uitweg.prevention.bench

## bench-outreach: 100,000 contacts and 1,000,000 access-log entries on PostgreSQL (BENCH_CONTACTS,
## BENCH_LOG_ENTRIES, BENCH_REQUESTS); worklists and the "known before?" look-up.
bench-outreach: install assets $(DEV_KEYS)
	$(PY) -m uitweg.outreach.bench

## bench-monitoring: the figures page with 1,000,000 registrations on PostgreSQL (BENCH_SCALE,
## BENCH_REQUESTS, BENCH_COLD_REQUESTS); cold (cache cleared) and warm p50/p95.
bench-monitoring: install assets $(DEV_KEYS)
	$(PY) -m uitweg.monitoring.bench

bench-estimate: install
	$(PY) -m uitweg.estimation.bench

clean:
	rm -rf $(VENV) node_modules src/uitweg/static/vendor staticfiles var/uitweg.sqlite3*
