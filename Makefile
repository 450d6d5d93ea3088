# ZoneGraph — `make demo` to see it work, `make test` to check it (CI runs `make test`).
VENV   ?= .venv
PY     := $(VENV)/bin/python
ZG     := $(VENV)/bin/zonegraph
PYTHON ?= python3

.PHONY: setup browser demo test bench gallery clean

setup: $(VENV)/.installed

# Re-installs when the project's dependencies change; otherwise a no-op.
$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

demo: setup
	$(ZG) build data/samples --out out/zonegraph.trig
	$(ZG) view --out out/zonegraph-view.html
	@echo "graph store: zonegraph-data/   graph file: out/zonegraph.trig   view: out/zonegraph-view.html"

# Headless Chromium and CJK fonts for the browser tests and the gallery (Debian; idempotent).
browser:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk)

test: setup browser
	$(PY) -m pytest

# The performance benchmark (bench/README.md): prints one table, writes bench-results.json
# (BENCH_OUT=… to write elsewhere). About 15-20 minutes on 2 cores; not part of `make test`.
bench: setup browser
	$(PY) bench/run.py

# viz/: views of the sample corpus and their screenshots, linked from viz/README.md.
gallery: setup browser
	$(PY) scripts/make_gallery.py

clean:
	rm -rf zonegraph-data out .pytest_cache
