"""Speed and memory of the pipeline, printed as figures (never asserted).

    python benchmarks/pipeline.py [--batch transcripts] [--realworld ../shared/realworld]

Reports, for the sample batch and the real transcripts when present: per-stage time of a cold run (empty
store; the ONNX export already cached), statements per second, peak memory, and the wall time of a warm
re-run through the CLI (a new process, as a user runs it). Then embedding throughput of both backends and
their agreement, and clustering time on 20,000 statements after PCA.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from voiceofbuyer.cluster import PcaHdbscan
from voiceofbuyer.config import find_config, load_config
from voiceofbuyer.embed import OnnxEmbedder, TorchEmbedder, resolve_model
from voiceofbuyer.pipeline import run

ROOT = Path(__file__).resolve().parents[1]


def peak_memory_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_batch(name: str, batch: Path) -> tuple[list[str], list[str]]:
    """Figures, and the statement texts the run found."""
    config = load_config(find_config(batch, None))
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "out"
        started = time.perf_counter()
        report = run(batch, out, config, show_progress=False)
        cold = time.perf_counter() - started
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "voiceofbuyer.cli", "run", str(batch), "--out", str(out), "--quiet"],
            check=False,
            capture_output=True,
        )
        warm = time.perf_counter() - started
        document = json.loads((out / "voiceofbuyer.json").read_text("utf-8"))
    stages = ", ".join(f"{stage} {seconds:.2f}s" for stage, seconds in report.stage_seconds.items())
    figures = [
        f"## {name}: {report.interviews} interviews, {report.statements} statements",
        f"cold run (models loaded, empty store): {cold:.1f}s = {report.statements / cold:.0f} statements/s",
        f"  per stage: {stages}",
        f"warm re-run via the CLI (new process, unchanged batch): {warm:.2f}s (target < 5 s)",
        f"peak memory so far: {peak_memory_mib():.0f} MiB",
    ]
    return figures, [statement["text"] for statement in document["statements"]]


def bench_embeddings(name: str, texts: list[str]) -> list[str]:
    model = resolve_model("bundled")
    words = sum(len(t.split()) for t in texts) / max(1, len(texts))
    lines = [f"## embeddings: {len(texts)} statements of the {name} ({words:.0f} words on average)"]
    vectors = {}
    for name, backend in (("onnx-int8", OnnxEmbedder), ("torch", TorchEmbedder)):
        embedder = backend(model)
        embedder.encode(texts[:64])  # warm-up
        started = time.perf_counter()
        vectors[name] = embedder.encode(texts)
        seconds = time.perf_counter() - started
        lines.append(f"{name}: {len(texts) / seconds:.0f} statements/s")
    cosine = (vectors["onnx-int8"] * vectors["torch"]).sum(axis=1)
    lines.append(f"onnx-int8 vs torch cosine: mean {cosine.mean():.4f}, min {cosine.min():.4f} (target mean >= 0.99)")
    return lines


def bench_clustering(base: np.ndarray, rows: int = 20000) -> list[str]:
    rng = np.random.default_rng(0)
    picks = base[rng.integers(0, len(base), rows)] + rng.normal(scale=0.02, size=(rows, base.shape[1]))
    picks /= np.linalg.norm(picks, axis=1, keepdims=True)
    started = time.perf_counter()
    labels = PcaHdbscan(load_config(None).clustering).fit_predict(picks.astype(np.float32))
    seconds = time.perf_counter() - started
    clusters = len(set(labels) - {-1})
    return [f"## clustering: {rows} x {base.shape[1]} → PCA → HDBSCAN: {seconds:.1f}s, {clusters} clusters"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--batch", type=Path, default=ROOT / "transcripts")
    parser.add_argument("--realworld", type=Path, default=ROOT.parent / "shared" / "realworld")
    args = parser.parse_args()
    lines, texts = bench_batch("sample batch", args.batch)
    real_texts: list[str] = []
    if args.realworld.is_dir():
        more, real_texts = bench_batch("real transcripts", args.realworld)
        lines += more
    texts = sorted(set(texts))[:3000]
    lines += bench_embeddings("sample batch", texts)
    if real_texts:
        lines += bench_embeddings("real transcripts", sorted(set(real_texts))[:3000])
    vectors = OnnxEmbedder(resolve_model("bundled")).encode(texts)
    lines += bench_clustering(vectors)
    lines.append(f"peak memory: {peak_memory_mib():.0f} MiB")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
