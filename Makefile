# Kaiserslautern–China platform. `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# cms/settings/dev.py builds the admin's and the feeds' links from these (mails, feeds, load_demo).
export PORT
export RUNSERVER_HOST := $(HOST)

.PHONY: help install run migrate demo test test-postgres lint format check messages clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-15s\033[0m %s\n", $$1, $$2}'

$(BIN)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11) and "Python 3.11 is required")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(BIN)/.installed ## Create the virtual environment and install the dependencies

migrate: install ## Apply the database migrations
	$(MANAGE) migrate --noinput

demo: migrate ## Load the demo content (idempotent)
	$(MANAGE) load_demo

run: demo ## Set up everything and serve the demo content on HOST:PORT (127.0.0.1:8000)
	@echo ""
	@echo "  Admin:    http://$(HOST):$(PORT)/admin/   (demo login: see README.md)"
	@echo "  API docs: http://$(HOST):$(PORT)/api/v1/docs"
	@echo "  API:      http://$(HOST):$(PORT)/api/v1/"
	@echo "  Site:     http://$(HOST):$(PORT)/de/  http://$(HOST):$(PORT)/zh-hans/"
	@echo ""
	$(MANAGE) runserver $(HOST):$(PORT)

test: install ## Run the whole test suite (SQLite, or the database in DATABASE_URL)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-postgres: install ## Run the test suite on the local PostgreSQL (127.0.0.1:5432)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/cms} $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install ## Check code style with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install ## Django system checks and the missing-migrations check
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

messages: install ## Update and compile the Chinese and English message files of the admin
	$(MANAGE) makemessages -l zh_Hans -l en --ignore=.venv --ignore=tests --ignore=scripts
	$(MANAGE) compilemessages --ignore=.venv

clean: ## Remove the virtual environment, the SQLite database and uploaded media
	rm -rf $(VENV) db.sqlite3 media
