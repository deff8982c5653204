# The two commands of the README, and the tools behind them.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PYTHON := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# Development targets run with DEBUG on: with DEBUG off the settings refuse to start without a
# real SECRET_KEY (production). An explicit DEBUG=false in the environment still wins.
DEV := DEBUG=$${DEBUG:-true}

.PHONY: run test venv migrate demo serve lint format messages bench check-deploy worker beat clean

$(BIN)/activate: requirements.txt
	@command -v $(PY) >/dev/null 2>&1 || { echo "Python 3.11 is required ($(PY) not found)"; exit 1; }
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(BIN)/activate

venv: $(BIN)/activate

migrate: venv
	$(DEV) $(PYTHON) manage.py migrate --noinput

demo: migrate
	$(DEV) $(PYTHON) manage.py seed_demo

## make run: the embedded default (SQLite in var/, eager Celery, console e-mail) on http://127.0.0.1:8000
run: demo
	@echo "Serving on http://$(HOST):$(PORT)/  (Ctrl-C stops)"
	DEBUG=true $(PYTHON) manage.py runserver $(HOST):$(PORT)

## make test: the whole suite; set DATABASE_URL and REDIS_URL to run it on PostgreSQL and Redis
test: venv
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PYTHON) manage.py makemigrations --check --dry-run >/dev/null
	$(BIN)/pytest $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## make messages: collect translatable strings and compile the zh-hans catalog
messages: venv
	$(DEV) $(PYTHON) manage.py makemessages -l zh_Hans --ignore=.venv --ignore=var --ignore=tests --ignore=bench --no-obsolete
	$(DEV) $(PYTHON) manage.py compilemessages -l zh_Hans --ignore=.venv

## make bench: performance goals as ratios against a floor measured in the same run
bench: venv
	$(PYTHON) -m bench $(BENCH)

check-deploy: venv
	DEBUG=false SECRET_KEY=check-deploy-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFG \
		ALLOWED_HOSTS=portal.example.cn $(PYTHON) manage.py check --deploy --fail-level WARNING

worker: venv
	$(DEV) $(BIN)/celery -A portal worker -l info

beat: venv
	$(DEV) $(BIN)/celery -A portal beat -l info

clean:
	rm -rf var/portal.sqlite3 var/media staticfiles
