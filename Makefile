# Two commands on a fresh clone: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck pytest chromium screenshots migrate messages bench clean

# Reinstall whenever the dependency files change, so a pull never leaves a stale setup.
# Node.js is optional: with it, npm installs the partial plotly.js bundle (a third of
# the size); without it, the full bundle inside the plotly Python package is served.
$(STAMP): pyproject.toml package.json package-lock.json
	@$(PYTHON) -c 'import sys; sys.exit("RoleFit needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --silent; \
	else \
		echo "Node.js not found: serving the full plotly.js bundle from the plotly package."; \
	fi
	touch $(STAMP)

migrate: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_question_bank

run: migrate
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

typecheck: $(STAMP)
	$(PY) -m mypy .

pytest: $(STAMP) chromium
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

# Screenshots of the landing page, a step and a result, at 1280 and 390 px, in both
# languages, written to docs/screenshots/.
screenshots: $(STAMP) chromium
	$(PY) -m pytest -p no:cacheprovider -m browser tests/browser/screenshots.py -q

test: lint typecheck pytest

# A benchmark, not a test: gunicorn with production settings under wrk, ratios against
# /healthz measured in the same run, written to docs/performance.md.
bench: $(STAMP)
	$(PY) bench/run.py

# Regenerate the translation catalogues after changing UI strings (needs GNU gettext).
messages: $(STAMP)
	$(PY) manage.py makemessages --locale es --ignore '.venv/*' --ignore 'staticfiles/*'
	$(PY) manage.py compilemessages --locale es --ignore '.venv/*'

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .mypy_cache .ruff_cache
