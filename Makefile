# factcheck: `make run` serves the app, `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/pip --disable-pip-version-check -q
FLASK := $(BIN)/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run serve test chromium install install-test catalogs translations lint bench-extract bench-queue bench-badge bench-match bench-export bench-load bench-ingest clean

run: install catalogs  ## migrate, load the demo, serve on http://127.0.0.1:5000
	$(FLASK) db upgrade
	$(FLASK) demo
	PRELOAD_MODELS=1 $(FLASK) run --host $(HOST) --port $(PORT)

serve: install catalogs  ## production-like: migrate, gunicorn + RQ workers (see README, Deployment)
	HOST=$(HOST) PORT=$(PORT) exec $(BIN)/python scripts/serve.py

test: install-test catalogs chromium  ## the whole suite (TEST_DATABASE_URL picks the database)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

chromium:  ## Debian's Chromium for the browser tests (apt, when missing and allowed)
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; elif sudo -n true 2>/dev/null; then SUDO=sudo; \
	  else echo "make: Chromium is missing and apt needs root: browser tests will be skipped"; \
	  exit 0; fi; \
	  echo "make: installing Chromium with apt for the browser tests"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    chromium chromium-driver fonts-dejavu-core >/dev/null; }

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
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k lazy_pgettext:1c,2 --no-location \
		-o factcheck/translations/messages.pot .
	$(BIN)/pybabel update -i factcheck/translations/messages.pot -d factcheck/translations \
		--no-fuzzy-matching --width 100
	$(BIN)/python scripts/i18n.py fill-en
	$(BIN)/python scripts/i18n.py check

lint: install-test
	$(BIN)/ruff check factcheck tests bench scripts

bench-extract: install
	$(BIN)/python bench/extract.py

bench-badge: install
	$(BIN)/python bench/badge.py

bench-queue: install  ## queue, dashboard and /checks pages at 10,000 and 100,000 claims (DATABASE=postgresql://..., CLAIMS=N)
	$(BIN)/python bench/review_queue.py $(if $(DATABASE),--database $(DATABASE)) $(if $(CLAIMS),--claims $(CLAIMS))

bench-match: install  ## claim matching against 100,000 claims (DATABASE=postgresql://... for PostgreSQL)
	$(BIN)/python bench/match.py $(if $(DATABASE),--database $(DATABASE))

bench-export: install  ## dataset exports at 10,000 and 100,000 claims (DATABASE=postgresql://..., CLAIMS=N)
	$(BIN)/python bench/export.py $(if $(DATABASE),--database $(DATABASE)) $(if $(CLAIMS),--claims $(CLAIMS))

bench-ingest: install  ## flask ingest of 500 generated files against bare spaCy (DATABASE=postgresql://..., WORKERS=N)
	$(BIN)/python bench/ingest.py $(if $(DATABASE),--database $(DATABASE)) $(if $(WORKERS),--workers $(WORKERS))

bench-load: install catalogs  ## 50 reviewers for 60 s against make serve's setup on a PostgreSQL scratch database, then a check of every acknowledged write (DATABASE=postgresql://..., USERS=N, DURATION=S)
	$(BIN)/python bench/load.py $(if $(DATABASE),--database $(DATABASE)) $(if $(USERS),--users $(USERS)) $(if $(DURATION),--seconds $(DURATION))

clean:
	rm -rf $(VENV) .pytest_cache
