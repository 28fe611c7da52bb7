# Two commands on a fresh clone: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck pytest migrate messages clean

# Reinstall whenever pyproject.toml changes, so a pull never leaves a stale environment.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("RoleFit needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
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

pytest: $(STAMP)
	$(PY) -m pytest

test: lint typecheck pytest

# Regenerate the translation catalogues after changing UI strings (needs GNU gettext).
messages: $(STAMP)
	$(PY) manage.py makemessages --locale es --ignore '.venv/*' --ignore 'staticfiles/*'
	$(PY) manage.py compilemessages --locale es --ignore '.venv/*'

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .mypy_cache .ruff_cache
