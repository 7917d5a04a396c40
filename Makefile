# National Hub Portal: `make run` to serve it, `make test` to test it. Python 3.11+, Node 20, make.
SHELL := /bin/bash
# The newest Python 3.11+ that actually runs (pyenv shims may exist for versions not installed).
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && { command -v $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Tests run in parallel, one worker per core of a 2-core machine; PYTEST_WORKERS=0 runs them in one process.
PYTEST_WORKERS ?= 2
SGDS := node_modules/@scottish-government/design-system/dist
VENDOR := portal/static/vendor/sgds
BUILD := portal/static/build
# What the script and stylesheet are built from: when one of these changes, `make install` builds them again.
ASSET_SOURCES := scripts/build-assets.mjs $(shell find . -mindepth 1 \( -name node_modules -o -name '.*' \
	-o -name var -o -name media -o -name static_collected -o -name tests -o -name migrations -o -name scripts \
	-o -path ./portal/static/vendor -o -path ./$(BUILD) \) \
	-prune -o \( -path '*/templates/*.html' -o -name '*.py' -o -name '*.js' -o -name '*.css' \) -print)
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install assets run test serve check-deploy bench lighthouse throughput loadtest lint format clean help

help:
	@echo "make run    set up and serve the portal on http://127.0.0.1:$(PORT) (SQLite, demo content)"
	@echo "make test   set up, lint and run the tests"
	@echo "make serve  production-like: gunicorn + whitenoise + the task worker, DEBUG off, on 127.0.0.1:$(PORT)"
	@echo "make check-deploy  Django's deployment checks under production settings"
	@echo "make lighthouse  Lighthouse (mobile) scores, LCP and weight of the public pages, production-like"
	@echo "make throughput  requests a second per kind of page, page cache off and on (wrk), production-like"
	@echo "make loadtest  the load and fault harness: ARGS=\"--users 16 --duration 60s [--fault redis|postgres|search]\""

install: $(BIN)/.installed node_modules/.installed $(VENDOR)/.installed $(BUILD)/.installed

$(BIN)/.installed: requirements.txt
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is needed: install it, or set PYTHON=/path/to/python3.11"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The design system's document icons are copied in, never committed.
$(VENDOR)/.installed: node_modules/.installed
	rm -rf $(VENDOR)
	mkdir -p $(VENDOR)/images
	cp -r $(SGDS)/images/documents $(VENDOR)/images/
	touch $@

# The one script (portal/scripts/portal.js with the design system components it imports), the one stylesheet (the
# design system's rules that the templates and that script use, then portal/styles/portal.css) and the icon sprite
# (the icons the templates name), built into $(BUILD), never committed. `make assets` after editing a template.
$(BUILD)/.installed: node_modules/.installed $(ASSET_SOURCES)
	node scripts/build-assets.mjs $(BUILD)
	touch $@

assets: $(BUILD)/.installed

var:
	mkdir -p var

run: install var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_initial_data --admin
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install var
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=portal.settings.test
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# Production settings with values that are safe on this machine only: a throwaway secret,
# no HTTPS redirect (there is no TLS on 127.0.0.1). Never use these values on a server.
# scripts/serve collects static files, migrates, loads the site's own pages (--pages-only) and runs
# gunicorn with the task worker; Ctrl-C stops both.
serve: install var
	export DJANGO_SETTINGS_MODULE=portal.settings.production \
		SECRET_KEY="$${SECRET_KEY:-$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')}" \
		ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" \
		SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false SECURE_HSTS_SECONDS=0 \
		WAGTAILADMIN_BASE_URL="http://127.0.0.1:$(PORT)"; \
	PORT=$(PORT) scripts/serve

# Django's deployment checklist under production settings, with a random secret and a real-looking host.
check-deploy: install
	DJANGO_SETTINGS_MODULE=portal.settings.production ALLOWED_HOSTS=example.org \
		SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

# Benchmarks print figures; they are never part of `make test`. Use DATABASE_URL for PostgreSQL.
bench: install var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py bench_directory $(BENCH_ARGS)

# Lighthouse (mobile) on one page of each kind, served as production serves it, with the demo content. Never part
# of `make test`; installs Lighthouse on first use into var/lighthouse/. LIGHTHOUSE_ARGS="/ /directory/" for some.
lighthouse: install var
	scripts/lighthouse $(LIGHTHOUSE_ARGS)
# Requests a second of one page of each kind, page cache off then on, with wrk; never part of `make test`. With
# DATABASE_URL and REDIS_URL set, on those (as a deployment); otherwise a demo site on SQLite in var/throughput/.
throughput: install var
	scripts/throughput

# The load and fault harness (loadtest/): Locust's personas against the portal served as `make serve` serves it, on
# the harness's own Redis and a proxy in front of PostgreSQL; never part of `make test`. Locust is installed into
# the venv on first use, from its own requirements file. ARGS="--users 64 --duration 10m --fault redis".
loadtest: install var $(BIN)/.loadtest-installed
	$(BIN)/python -u -m loadtest.run $(ARGS)

$(BIN)/.loadtest-installed: requirements-loadtest.txt $(BIN)/.installed
	$(BIN)/python -m pip install --quiet -r requirements-loadtest.txt
	touch $@

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) node_modules $(VENDOR) $(BUILD) var/static
