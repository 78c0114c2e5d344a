# qualcode — two commands from a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: qc-experiment model probe gold-context agreement-table run test test-slow bench profile lint check-html clean help baseline

help:
	@echo "make run        create .venv, install, code the bundled corpus (out/sample/)"
	@echo "make test       create .venv, install, run the test suite"
	@echo "make test-slow  also run the slow checks"
	@echo "make bench      throughput and memory benchmark (writes bench/results.csv)"
	@echo "make profile    where the hybrid's time goes (pyinstrument: out/profile.html, .txt)"
	@echo "make lint       ruff and mypy"
	@echo "make model      train models/kennismigratie and write its figures into docs/hybrid.md"
	@echo "make gold-context  where the rule evidence for gold codings sits, into docs/hybrid.md"
	@echo "make probe         the coders on corpora/expat-statements, into docs/hybrid.md"
	@echo "make check-html render the sample HTML report in headless Chromium, check it, screenshot it"
	@echo "make baseline   rules-only scores on the dev and test splits into docs/evaluation.md"
	@echo "make agreement-table  real two-coder agreement figures into docs/agreement.md"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "qualcode needs Python 3.11 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/qualcode code corpora/sample --codebook codebooks/kennismigratie.yaml --out out/sample \
		--model models/kennismigratie \
		--report

test: $(STAMP)
	$(BIN)/python -m pytest

test-slow: $(STAMP)
	$(BIN)/python -m pytest -m "slow or not slow"

# Debian's chromium, installed if missing (needs root or sudo); the check fails on broken images
# or anything wider than a 1280-px window, and leaves a screenshot to look at.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
check-html: run
	@command -v chromium >/dev/null 2>&1 || ($(SUDO) apt-get update && $(SUDO) apt-get install -y chromium)
	$(BIN)/python scripts/check_html.py out/sample/report.html --screenshot out/sample/report-1280.png
	$(BIN)/python -m pytest -m browser

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts bench examples conftest.py
	$(BIN)/mypy

baseline: $(STAMP)
	$(BIN)/python scripts/baseline.py --out out/baseline

model: $(STAMP)
	$(BIN)/python scripts/train_default.py

gold-context: $(STAMP)
	$(BIN)/python scripts/gold_context.py

probe: $(STAMP)
	$(BIN)/python scripts/statements_probe.py

qc-experiment: $(STAMP)
	$(BIN)/python scripts/qc_experiment.py

bench: $(STAMP)
	$(BIN)/python bench/bench.py --readme

# PROFILE_CORPUS=bench/corpus/1M (kept by `python bench/bench.py --sizes 1 --keep`) for a bigger run
PROFILE_CORPUS ?= corpora/kennismigratie/transcripts
profile: $(STAMP)
	mkdir -p out
	$(BIN)/pyinstrument -r pyisession -o out/profile.pyisession bench/measure.py code \
		$(PROFILE_CORPUS) -c codebooks/kennismigratie.yaml -o out/profile --model models/kennismigratie
	$(BIN)/pyinstrument --load out/profile.pyisession -r html -o out/profile.html
	$(BIN)/pyinstrument --load out/profile.pyisession -r text -o out/profile.txt
	@echo "wrote out/profile.html and out/profile.txt"

agreement-table: $(STAMP)
	$(BIN)/python scripts/real_agreement.py

clean:
	rm -rf out build dist .pytest_cache .mypy_cache .ruff_cache
