# Kom i gang: `make serve` viser kurset, `make test` kører alle test.
# Begge opretter selv .venv (og node_modules til testene) ud fra de låste versioner.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

serve: $(STAMP)
	$(PY) -m mkdocs serve --livereload

build: $(STAMP)
	$(PY) -m mkdocs build --strict

# Offline-udgaven til lokaler uden netværk: dist/samskabt-styring-offline.zip (se README).
.PHONY: offline
offline: $(STAMP) $(NODE_STAMP)
	$(PY) -m scripts.offline

# Til læringsplatforme: SCORM 1.2 (pr. modul og hele kurset), SCORM 2004 og Common Cartridge
# i dist/lms/ (se docs/underviser/lms.md).
.PHONY: lms
lms: $(STAMP) $(NODE_STAMP)
	$(PY) -m scripts.lms

test: $(STAMP) $(NODE_STAMP)
	$(PY) -m pytest -n auto --dist worksteal

# Vores site mod et standard-Material-build: byggetid, genopbygning, sidevægt, Lighthouse
# (se bench/README.md). `make bench BENCH_ARGS=--quick` springer Lighthouse over.
.PHONY: bench
bench: $(STAMP) $(NODE_STAMP)
	$(PY) -m bench.run $(BENCH_ARGS)

clean:
	rm -rf site .pytest_cache
