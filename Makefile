# ecosim: `make demo` runs the siloed vs collective-impact comparison, `make test` runs
# the tests. Each target installs what it needs into .venv first.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo test app lint format bench clean

$(STAMP): pyproject.toml
	@PYTHON=$$(sh tools/find-python) || exit 1; \
	  if [ ! -x $(PY) ]; then echo "Creating $(VENV) with $$PYTHON"; "$$PYTHON" -m venv $(VENV) || exit 1; fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)
	@rm -rf results/demo  # the demo is reproducible from its seed: replace the last one
	$(VENV)/bin/ecosim compare scenarios/siloed.yaml scenarios/collective_impact.yaml \
		--replicates 20 --seed 2026 --out results/demo
	@echo ""
	@echo "Open results/demo/report.html in a browser (it works offline)."

test: $(STAMP)
	$(PY) -m pytest

app: $(STAMP)  # the classroom web app on http://127.0.0.1:8765/ (Ctrl-C stops it)
	$(VENV)/bin/ecosim app

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks tools
	$(VENV)/bin/ruff format --check src tests benchmarks tools

format: $(STAMP)
	$(VENV)/bin/ruff format src tests benchmarks tools
	$(VENV)/bin/ruff check --fix src tests benchmarks tools

bench: $(STAMP)
	$(PY) benchmarks/bench_run.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
