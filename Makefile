# The two commands a new machine needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEV_SETTINGS := DJANGO_SETTINGS_MODULE=duaal.settings.dev
TEST_SETTINGS := DJANGO_SETTINGS_MODULE=duaal.settings.test

.PHONY: demo system-packages test install install-dev messages lint fmt check-services chromium deploy-check audit load clean oidc oidc-provider axe

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.lock

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.lock

messages:
	cd duaal && ../$(BIN)/django-admin compilemessages --ignore=.venv -v 0

## demo: install, migrate, load demo data and serve on http://127.0.0.1:$(PORT) (SQLite, no
## services); `make demo PORT=8010` serves on another port, and mail links follow it.
PORT ?= 8000
DEMO_ENV := $(DEV_SETTINGS) PORT=$(PORT)

demo: install system-packages messages
	mkdir -p var
	$(DEMO_ENV) $(BIN)/python manage.py migrate --noinput -v 0
	$(DEMO_ENV) $(BIN)/python manage.py demo_data
	$(DEMO_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# WeasyPrint's libraries (Pango, HarfBuzz, fontconfig) and gettext: bin/systeempakketten.sh
# prints the install command when one is missing, and installs them itself only as root.
system-packages: install
	@bin/systeempakketten.sh $(BIN)/python

## test: install and run every test against PostgreSQL and Redis (DATABASE_URL / REDIS_URL)
test: install-dev messages chromium oidc axe check-services
	$(TEST_SETTINGS) $(BIN)/pytest

# The OpenID test provider (tests/oidc, Node.js package oidc-provider) for the government login's
# tests; reinstalled only when node_modules is missing or older than the lockfile.
OIDC_MODULES := tests/oidc/node_modules/.package-lock.json

oidc: $(OIDC_MODULES)

$(OIDC_MODULES): tests/oidc/package-lock.json
	npm ci --prefix tests/oidc --no-audit --no-fund
	touch $@

# axe-core for the accessibility gate of the e2e suite (tests/e2e/axe.py injects it into each
# page); pinned in tests/axe/package-lock.json, never loaded from a CDN.
AXE_MODULES := tests/axe/node_modules/.package-lock.json

axe: $(AXE_MODULES)

$(AXE_MODULES): tests/axe/package-lock.json
	npm ci --prefix tests/axe --no-audit --no-fund
	touch $@

## oidc-provider: a local government IdP on http://127.0.0.1:9000 with the demo accounts
## (tests/oidc/demo-accounts.json, the organisations of `make demo`); README "Lokale identiteitsprovider"
oidc-provider: install oidc
	$(DEV_SETTINGS) $(BIN)/python -m tests.oidc_demo

check-services:
	$(TEST_SETTINGS) $(BIN)/python -m tests.services

# End-to-end tests drive Debian's Chromium and look at PDF pages with poppler's pdftoppm;
# install them when missing (root on CI).
chromium:
	@command -v chromium >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	  apt-get install -y -qq chromium poppler-utils >/dev/null; }

deploy-check: install
	SECRET_KEY=deploy-check-$$(date +%s)-a-long-random-value-for-the-check-only \
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/duaal ALLOWED_HOSTS=portaal.example \
	TRUSTED_PROXY_COUNT=1 DJANGO_SETTINGS_MODULE=duaal.settings.production \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

## audit: known vulnerabilities in both lockfiles (pip-audit); exceptions, dated and explained,
## in .pip-audit-ignore. Fails when a dependency could not be checked.
audit: install-dev
	bin/audit.sh

## load: P2 load test, 50 Locust users for 60 s against a local gunicorn on a scratch
## database duaal_load (seeded once); fails when p95 > 300 ms or a request failed.
load: install-dev messages
	bin/load.sh

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(TEST_SETTINGS) $(BIN)/mypy

fmt: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) var tests/e2e/artifacts
