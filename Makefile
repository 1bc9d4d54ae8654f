# The two commands of the README: `make demo` and `make test`. Both install what they need first.
VENV ?= .venv
PYTHON ?= python3
STAMP := $(VENV)/.installed

.PHONY: demo test lint install browser postgres

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/pearl demo

# Headless Chromium (and a CJK font) for the end-to-end test of the Prefect UI. Installed with
# apt when possible; without it that one test is skipped, never failed.
browser:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei \
		>/dev/null; } || echo "chromium not installed: the UI end-to-end test will be skipped"

# Debian's PostgreSQL for the test of the Prefect server on PostgreSQL, which starts its own
# throwaway cluster on loopback (tests/postgres.py). Installed with apt when possible; without it
# that test is skipped, never failed.
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; } || \
		echo "postgresql not installed: the Prefect-server-on-PostgreSQL test will be skipped"

test: $(STAMP) browser postgres
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/pearl score
	$(VENV)/bin/pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
