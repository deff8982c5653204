# The two commands of the README, and the tools behind them.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PYTHON := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
PYTEST_WORKERS ?= auto
# Development targets run with DEBUG on: with DEBUG off the settings refuse to start without a
# real SECRET_KEY (production). An explicit DEBUG=false in the environment still wins.
DEV := DEBUG=$${DEBUG:-true}

.PHONY: run test venv system system-run system-test lock migrate demo serve lint format typecheck messages help-screenshots docs-check bench bench-deadline bench-growth check-deploy worker beat clean

# Debian packages the portal needs on the machine: pango for WeasyPrint, a CJK font so Chinese
# renders in PDFs, gettext for the catalog; the tests also need Chromium and poppler's pdftotext.
SYSTEM_RUN_PKGS := fonts-noto-cjk fontconfig gettext libpango-1.0-0 libpangoft2-1.0-0 \
	libpangocairo-1.0-0 libharfbuzz0b libharfbuzz-subset0
SYSTEM_TEST_PKGS := $(SYSTEM_RUN_PKGS) chromium poppler-utils $(SYSTEM_EXTRA_PKGS)

$(BIN)/activate: requirements.lock
	@command -v $(PY) >/dev/null 2>&1 || { echo "Python 3.11 is required ($(PY) not found)"; exit 1; }
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	touch $(BIN)/activate

venv: $(BIN)/activate

## make system-run / system-test: install (as root or with sudo) or check the Debian packages
# Installs what is missing when run as root or with password-less sudo; otherwise stops with the
# one command to run. On a machine without dpkg it says what to install and goes on.
define ensure_packages
	@if ! command -v dpkg-query >/dev/null 2>&1; then \
	  echo "Not a Debian/Ubuntu machine: make sure these (or your system's equivalents) are installed: $(1)"; \
	else \
	  missing=""; \
	  for p in $(1); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	  done; \
	  if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = 0 ]; then SUDO=""; \
	    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo"; \
	    else echo "Missing system packages:$$missing"; \
	         echo "Install them with:  sudo apt-get install -y --no-install-recommends$$missing"; exit 1; fi; \
	    echo "Installing system packages:$$missing"; \
	    $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  fi; \
	fi
endef

system-run:
	$(call ensure_packages,$(SYSTEM_RUN_PKGS))

system-test:
	$(call ensure_packages,$(SYSTEM_TEST_PKGS))

system: system-test

## make lock: pin requirements.txt's ranges to exact versions with hashes (requirements.lock)
lock: venv
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links \
		--output-file requirements.lock requirements.txt

migrate: venv system-run
	$(DEV) $(PYTHON) manage.py migrate --noinput

demo: migrate
	$(DEV) $(PYTHON) manage.py seed_demo

## make run: the embedded default (SQLite in var/, eager Celery, console e-mail) on http://127.0.0.1:8000
run: demo
	@echo "Serving on http://$(HOST):$(PORT)/  (Ctrl-C stops)"
	DEBUG=true $(PYTHON) manage.py runserver $(HOST):$(PORT)

## make test: the whole suite; set DATABASE_URL and REDIS_URL to run it on PostgreSQL and Redis
# In parallel (pytest-xdist, one worker per core); PYTEST_ARGS="-n 0" or "-p no:xdist" runs it serially.
# Bytecode caches are written even where PYTHONDONTWRITEBYTECODE is set: without them every worker
# and every subprocess a test starts compiles the project again, and pytest rewrites the asserts of
# every test module again (about 6 s of CPU per process).
test: venv system-test
	PYTHONDONTWRITEBYTECODE= DJANGO_SETTINGS_MODULE=portal.settings.test $(PYTHON) manage.py makemigrations --check --dry-run >/dev/null
	PYTHONDONTWRITEBYTECODE= $(BIN)/pytest $(if $(findstring no:xdist,$(PYTEST_ARGS)),,-n $(PYTEST_WORKERS) --dist loadgroup) $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## make typecheck: mypy with the Django and DRF plugins on the scope set in pyproject.toml
typecheck: venv
	$(BIN)/mypy

## make messages: collect translatable strings and compile the zh-hans catalog
messages: venv
	$(DEV) $(PYTHON) manage.py makemessages -l zh_Hans --ignore=.venv --ignore=var --ignore=tests --ignore=bench --no-obsolete
	$(DEV) $(PYTHON) manage.py compilemessages -l zh_Hans --ignore=.venv

## make help-screenshots: the user manuals' pictures (static/help/), written by their browser test
# tests/e2e/test_help_screenshots.py (part of `make test`) takes them over the seeded demo;
# HELP_SCREENSHOTS_WRITE=1 makes it write them and remove the pictures no SHOT names.
help-screenshots: venv system-test
	HELP_SCREENSHOTS_WRITE=1 $(BIN)/pytest -p no:xdist -q tests/e2e/test_help_screenshots.py

## make docs-check: every generated xlsx/docx opened by LibreOffice, as PDF and page images
# From a throw-away demo site into var/docs-check/ (files/, pdf/, png/); needs soffice and
# pdftoppm, says so and skips without them. For looking at the documents: not part of `make test`.
docs-check: venv
	$(PYTHON) tools/docs_check.py

## make bench: performance goals as ratios against a floor measured in the same run
bench: venv
	$(PYTHON) -m bench $(BENCH)

## make bench-deadline: deadline day, a mixed bounded load on gunicorn + Celery (docs/load.md)
bench-deadline: venv
	$(PYTHON) -m bench.deadline

## make bench-growth: the dashboard, the intent list, 附件3, package and import at 1×, 3×, 10×
# PostgreSQL only (DATABASE_URL=postgres://…/NAME; each scale in NAME_x1, NAME_x3, NAME_x10,
# kept between runs). BENCH_SCALES=1,3 for fewer scales. See docs/load.md "How cost grows".
bench-growth: venv
	$(PYTHON) -m bench.growth

check-deploy: venv
	DEBUG=false SECRET_KEY=check-deploy-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFG \
		ALLOWED_HOSTS=portal.example.cn $(PYTHON) manage.py check --deploy --fail-level WARNING

worker: venv
	$(DEV) $(BIN)/celery -A portal worker -l info

beat: venv
	$(DEV) $(BIN)/celery -A portal beat -l info

clean:
	rm -rf var/portal.sqlite3 var/media staticfiles
