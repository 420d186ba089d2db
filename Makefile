# The assistant's front door. `make help` lists the verbs.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV     := .venv
PY       := $(VENV)/bin/python
RASA     := $(VENV)/bin/rasa
MODEL    := models/cce-assistant.tar.gz
TRAINING := config.yml domain.yml $(wildcard nlu/*.yml) $(wildcard stories/*.yml) bot/turn_reader.py

export PYTHONPATH := $(CURDIR)
export TF_CPP_MIN_LOG_LEVEL ?= 3
export RASA_TELEMETRY_ENABLED := false
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONWARNINGS ?= ignore
export ACTIONS_PORT ?= 5055
export RASA_PORT ?= 5005

.PHONY: help install validate validate-training validate-knowledge lint-language check train test test-stories test-e2e run serve run-actions telegram clean report bench-search bench-safety bench-loso bench-blind purge bench-load bench-latency

help:  ## list the verbs
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt
	@scripts/make_venv.sh $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip check
	@touch $@

install: $(VENV)/.installed  ## create .venv with Python 3.10 and the pinned requirements

validate: install  ## check training data, knowledge entries, flows and safety rules (the two run side by side)
	@$(MAKE) --no-print-directory -j2 validate-training validate-knowledge

validate-training: install
	@set -o pipefail; $(RASA) data validate --fail-on-warnings --data nlu stories --quiet 2>&1 \
	  | { grep -v -e "is not used in any story or rule" -e "^.\[0m$$" -e "pkg_resources" \
	      -e "declare_namespace" -e "Implementing implicit namespace" || true; }

validate-knowledge: install
	$(PY) -m knowledge.validate

lint-language: install  ## check every reply and entry for victim-blaming language
	$(PY) -m knowledge.lint

$(MODEL): $(TRAINING) | install
	@mkdir -p .data && echo "Training the assistant (a few minutes; log in .data/train.log)..."
	@$(RASA) train --data nlu stories --fixed-model-name cce-assistant --out models --quiet \
	  >.data/train.log 2>&1 || { tail -n 40 .data/train.log; exit 1; }

train: $(MODEL)  ## train the model (only when training data or config changed)

run: $(MODEL)  ## chat with the assistant in this terminal
	@scripts/run_stack.sh console

serve: $(MODEL)  ## action server on ACTIONS_PORT, Rasa (REST channel) on RASA_PORT, and the Telegram bot when TELEGRAM_BOT_TOKEN is set
	@scripts/run_stack.sh serve

run-actions: install  ## only the action server, on ACTIONS_PORT
	$(RASA) run actions --actions actions --port $(ACTIONS_PORT)

telegram: install  ## only the Telegram bot (TELEGRAM_BOT_TOKEN, SENDER_HASH_KEY), for a Rasa server at RASA_URL
	RASA_URL=$${RASA_URL:-http://localhost:$(RASA_PORT)} $(PY) -m bot.telegram

check: install  ## the fast layer: validation beside the tests that need no model or server (the content lint among them)
	@$(MAKE) --no-print-directory validate & validation=$$!; \
	  $(PY) -m pytest -n 2 tests/unit; tests=$$?; \
	  wait $$validation && exit $$tests

test: $(MODEL)  ## set up, train if needed, and run every test (validation and the fast layer beside dialogue and end to end)
	@scripts/ensure_browser.sh
	@$(MAKE) --no-print-directory validate & validation=$$!; \
	  $(PY) -m pytest -n 2 --dist loadgroup tests; tests=$$?; \
	  wait $$validation && exit $$tests

test-stories: $(MODEL)  ## only the test stories, with Rasa's own command
	$(RASA) test core --model $(MODEL) --stories tests/stories --fail-on-prediction-errors --out .data/results --quiet

test-e2e: $(MODEL)  ## only the end-to-end tests (real servers, PostgreSQL, Redis, Chromium, Telegram)
	@scripts/ensure_browser.sh
	$(PY) -m pytest tests/e2e

report: install  ## print answer feedback and the daily count of unanswered questions
	$(PY) -m actions.report

bench-search: install  ## search accuracy (tuning, held-out, all) and time on the dev question set
	$(PY) -m bench.search

bench-safety: install  ## danger, disclosure and refusal decisions on the labelled sets (no model)
	$(PY) -m bench.safety tests/data/guard_dev_set.yml $(wildcard tests/data/blind/danger_*.yml)
	$(PY) -m bench.safety tests/data/guard_holdout_set.yml

bench-loso: install  ## the first reply's answer on each blind set as if unseen (its questions taken out of the examples; no model)
	$(PY) -m bench.loso

bench-blind: $(MODEL)  ## the whole assistant over REST on the blind sets (SETS=...), by kind of user
	@scripts/run_stack.sh bench $${SETS:-$(wildcard tests/data/blind/*.yml)}

purge: install  ## delete conversations idle for more than RETENTION_DAYS (default 30); prints counts only
	$(PY) -m bot.retention

bench-load: $(MODEL)  ## N users (USERS, default 50) on 2 Rasa servers sharing PostgreSQL + Redis
	$(PY) -m bench.load --users $${USERS:-50}

bench-latency: $(MODEL)  ## p50/p95 per turn (1 and 10 users) beside Rasa's starter bot; turn 1 vs 100
	$(PY) -m bench.latency

clean:  ## remove the venv, models and local data
	rm -rf $(VENV) models .data
