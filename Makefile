# Two commands on a fresh clone: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck pytest chromium pdf-libs screenshots migrate messages bench vendor clean

# Reinstall whenever the dependency files change, so a pull never leaves a stale setup.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("RoleFit needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

migrate: $(STAMP) pdf-libs
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_question_bank

run: migrate
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

typecheck: $(STAMP)
	$(PY) -m mypy .

pytest: $(STAMP) chromium pdf-libs
	$(PY) -m pytest

# The browser tests drive Debian's Chromium; no tool may download a browser of its own.
# As root with apt-get, install it; otherwise say what is missing and stop.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "Installing Debian's Chromium for the browser tests..."; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "The browser tests need Chromium at /usr/bin/chromium: run 'sudo apt-get install chromium'."; \
			exit 1; \
		fi; \
	fi

# PDF reports are drawn by WeasyPrint, which needs Debian's Pango, HarfBuzz and a font;
# poppler-utils turns report pages into pictures for `make screenshots`.
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core poppler-utils
pdf-libs:
	@missing=""; for package in $(PDF_PACKAGES); do \
		dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "Installing$$missing for the PDF reports..."; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "The PDF reports need:$$missing. Run 'sudo apt-get install$$missing'."; \
			exit 1; \
		fi; \
	fi

# Screenshots of the landing page, a step and a result, at 1280 and 390 px, in both
# languages, written to docs/screenshots/.
screenshots: $(STAMP) chromium
	$(PY) -m pytest -p no:cacheprovider -m browser tests/browser/screenshots.py -q

test: lint typecheck pytest

# A benchmark, not a test: gunicorn with production settings under wrk, ratios against
# /healthz measured in the same run, written to docs/performance.md.
bench: $(STAMP)
	$(PY) bench/run.py

# The partial plotly.js build (bar, scatter and pie: all RoleFit draws), committed as
# built, unmodified and pinned by package-lock.json, so a server needs no Node.js. This
# rebuilds it from the npm registry; bump the version in package.json to upgrade.
VENDOR := rolefit/static/vendor
vendor:
	npm ci --no-audit --no-fund --silent
	cp node_modules/plotly.js-basic-dist-min/plotly-basic.min.js $(VENDOR)/plotly.min.js
	cp node_modules/plotly.js-basic-dist-min/LICENSE $(VENDOR)/plotly.js-LICENSE

# Regenerate the translation catalogues after changing UI strings (needs GNU gettext).
messages: $(STAMP)
	$(PY) manage.py makemessages --locale es --ignore '.venv/*' --ignore 'staticfiles/*'
	$(PY) manage.py compilemessages --locale es --ignore '.venv/*'

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .mypy_cache .ruff_cache
