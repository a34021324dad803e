# factcheck: `make run` serves the app, `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/pip --disable-pip-version-check -q
FLASK := $(BIN)/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test install install-test catalogs translations lint bench-extract clean

run: install catalogs  ## migrate, load the demo, serve on http://127.0.0.1:5000
	$(FLASK) db upgrade
	$(FLASK) demo
	$(FLASK) run --host $(HOST) --port $(PORT)

test: install-test catalogs  ## the whole suite (TEST_DATABASE_URL picks the database)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(PIP) install -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements-test.txt $(VENV)/.installed
	$(PIP) install -r requirements-test.txt
	touch $@

catalogs: install  ## compile the French and English message catalogues
	$(BIN)/pybabel compile --statistics -d factcheck/translations

translations: install  ## refresh catalogues from the code after changing strings
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location \
		-o factcheck/translations/messages.pot .
	$(BIN)/pybabel update -i factcheck/translations/messages.pot -d factcheck/translations \
		--no-fuzzy-matching --width 100
	$(BIN)/python scripts/i18n.py fill-en
	$(BIN)/python scripts/i18n.py check

lint: install-test
	$(BIN)/ruff check factcheck tests bench

bench-extract: install
	$(BIN)/python bench/extract.py

clean:
	rm -rf $(VENV) .pytest_cache
