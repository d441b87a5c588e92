"""Clustering one large (role, category) pool: time, peak memory and agreement, fitted whole or on a sample.

    python benchmarks/clustering.py [--rows 20000 50000 100000 200000] [--whole-up-to 100000]

Statement vectors come from the real typed dialogs in ``../shared/realworld-ai`` (participants' sentences, embedded
with the bundled MiniLM); a pool of N rows draws from them with a little noise, so every row is distinct. Each N
runs in a fresh process (so peak memory is that run's own) with the default ``[clustering]`` settings: once as
configured (fitted on ``max_fit`` rows, the rest assigned), and, up to ``--whole-up-to`` rows, fitted whole; the
adjusted Rand index says how far the two agree.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DIALOGS = ROOT.parent / "shared" / "realworld-ai"
VECTORS = Path("/tmp/voiceofbuyer-clustering-bench.npy")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def participant_sentences(folder: Path) -> list[str]:
    """Sentences of five words or more from the participants' ("User:") turns, each once, in a stable order."""
    sentences: set[str] = set()
    for path in sorted(folder.glob("*.md")):
        for line in path.read_text("utf-8").splitlines():
            if line.startswith("User:"):
                sentences.update(s for s in _SENTENCE.split(line[5:].strip()) if len(s.split()) >= 5)
    return sorted(sentences)


def base_vectors() -> np.ndarray:
    if not VECTORS.exists():
        from voiceofbuyer.embed import OnnxEmbedder, resolve_model

        np.save(VECTORS, OnnxEmbedder(resolve_model("bundled")).encode(participant_sentences(DIALOGS)))
    return np.load(VECTORS)


def pool(rows: int) -> np.ndarray:
    """``rows`` × 384 float32 unit vectors, built 10,000 rows at a time so that building them costs no extra peak."""
    base = base_vectors()
    rng = np.random.default_rng(0)
    vectors = np.empty((rows, base.shape[1]), dtype=np.float32)
    for start in range(0, rows, 10000):
        size = min(10000, rows - start)
        picks = base[rng.integers(0, len(base), size)] + rng.normal(scale=0.02, size=(size, base.shape[1]))
        vectors[start : start + size] = picks / np.linalg.norm(picks, axis=1, keepdims=True)
    return vectors


def measure(rows: int, whole: bool) -> dict[str, float]:
    """One clustering in this process: seconds, clusters, noise share, peak resident memory (MiB), labels file."""
    from voiceofbuyer.cluster import PcaHdbscan
    from voiceofbuyer.config import load_config

    vectors = pool(rows)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    config = load_config(None).clustering
    if whole:
        config = config.model_copy(update={"max_fit": rows})
    started = time.perf_counter()
    labels = np.array(PcaHdbscan(config).fit_predict(vectors))
    seconds = time.perf_counter() - started
    out = Path(f"/tmp/voiceofbuyer-clustering-{rows}-{int(whole)}.npy")
    np.save(out, labels)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "clusters": len(set(labels.tolist()) - {-1}), "noise": float((labels < 0).mean()),
            "peak_mib": peak, "added_mib": peak - before, "labels": str(out)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, nargs="+", default=[20000, 50000, 100000, 200000])
    parser.add_argument("--whole-up-to", type=int, default=100000)
    parser.add_argument("--one", nargs=2, metavar=("ROWS", "WHOLE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(int(args.one[0]), args.one[1] == "1")))
        return
    from sklearn.metrics import adjusted_rand_score

    print(f"base: {len(base_vectors())} real participant sentences")
    print(
        "| rows | fit | seconds | clusters | noise | peak memory | of it, clustering | agreement with whole fit (ARI) |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    for rows in args.rows:
        runs = {}
        for whole in (False, True) if rows <= args.whole_up_to else (False,):
            command = [sys.executable, __file__, "--one", str(rows), str(int(whole))]
            runs[whole] = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
        for whole, run in runs.items():
            agreement = "—"
            if not whole and True in runs:
                sampled, full = np.load(run["labels"]), np.load(runs[True]["labels"])
                agreement = f"{adjusted_rand_score(full, sampled):.3f}"
            fit = "whole" if whole else "as configured"
            print(f"| {rows:,} | {fit} | {run['seconds']:.1f} | {run['clusters']} | {run['noise']:.2f} | "
                  f"{run['peak_mib']:,.0f} MiB | {run['added_mib']:,.0f} MiB | {agreement} |")  # fmt: skip


if __name__ == "__main__":
    main()
