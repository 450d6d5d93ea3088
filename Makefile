# ZoneGraph — `make demo` to see it work, `make test` to check it (CI runs `make test`).
VENV   ?= .venv
PY     := $(VENV)/bin/python
ZG     := $(VENV)/bin/zonegraph
PYTHON ?= python3

.PHONY: setup demo test bench clean

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

test: setup
	$(PY) -m pytest

bench: setup
	@echo "bench: not yet (see the performance issue)"

clean:
	rm -rf zonegraph-data out .pytest_cache
