# Two commands for a fresh machine with Python 3.11+ and make:
#   make run   - virtualenv, requirements, SQLite database, demo data, http://127.0.0.1:8000
#   make test  - test requirements and the whole suite (PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
# The quick start's environment; RUN_HOST makes links in emails and ALLOWED_HOSTS follow HOST.
RUN_ENV = DEBUG=1 RUN_HOST=$(HOST)

.PHONY: run test screenshots install install-test lint messages bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# Reminders and alerts need Celery's beat and a worker; without Redis, run_scheduler runs the
# beat schedule's tasks in a second small process, stopped with the server (Ctrl-C).
run: install
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py seed_demo
	$(RUN_ENV) $(BIN)/python manage.py run_scheduler & scheduler=$$!; \
	trap 'kill $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(RUN_ENV) $(BIN)/python manage.py runserver $(HOST)

test: install-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Every main page as each role, phone and desktop, English and Dutch: test-artifacts/screenshots/.
screenshots: install-test
	SCREENSHOTS=1 $(BIN)/python -m pytest tests/browser/test_screenshots.py $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Rebuild the Dutch catalogues after changing UI text (needs GNU gettext).
APPS := accounts clients assessments diary goals safety reminders dashboard audit records
messages: install
	for app in $(APPS); do (cd $$app && ../$(BIN)/django-admin makemessages -l nl) || exit 1; done
	$(BIN)/django-admin makemessages -l nl $(foreach app,$(APPS),-i '$(app)/*') -i '.venv/*' -i 'tests/*' -i 'staticfiles/*' -i 'bench/*'
	$(BIN)/django-admin compilemessages -i .venv
