"""Sentence-vector throughput and agreement on one device, printed as figures (never asserted).

    python benchmarks/embeddings.py [--device cpu|cuda] [--model DIR] [--repeat 10] [--rows N]

Texts: the real typed statements of ``src/voiceofbuyer/data/labelled/realworld_ai.jsonl`` with their questions (MIT,
see that folder's README), each once, then ``--repeat`` times over for throughput. Encoded as the pipeline does (the
embedder of ``embed.make_embedder`` for the device, chunks of ``vectors.CHUNK`` texts), after a warm-up. Prints
statements per second, the mean and lowest cosine to PyTorch float32 on the CPU (the reference, on 1,000 texts),
whether a text's vector is the same alone as inside a batch, and peak GPU memory on CUDA.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from voiceofbuyer import embed
from voiceofbuyer.embed import BUNDLED, Embedder, OnnxEmbedder, TorchEmbedder, resolve_model

ROOT = Path(__file__).resolve().parents[1]
STATEMENTS = ROOT / "src/voiceofbuyer/data/labelled/realworld_ai.jsonl"
CHUNK = 1024
"""The pipeline's ``vectors.CHUNK``, not imported: ``vectors`` needs the store's libraries, and this script also runs
on a GPU machine that has only PyTorch's (and numpy, sentence-transformers)."""


def real_texts() -> list[str]:
    """Each distinct statement, question and previous statement of the labelled real typed interviews, sorted."""
    texts: set[str] = set()
    for line in STATEMENTS.read_text("utf-8").splitlines():
        row = json.loads(line)
        texts.update(text for text in (row["text"], row["question"], row["previous"]) if text)
    return sorted(texts)


def statements_per_second(embedder: Embedder, texts: list[str]) -> float:
    """Texts encoded per second, in the pipeline's chunks, after one warm-up chunk."""
    embedder.encode(texts[:CHUNK])
    started = time.perf_counter()
    for begin in range(0, len(texts), CHUNK):
        embedder.encode(texts[begin : begin + CHUNK])
    return len(texts) / (time.perf_counter() - started)


def batch_independence(embedder: Embedder, texts: list[str]) -> str:
    """How far 50 texts' vectors alone are from the same texts' vectors inside one chunk of ``CHUNK`` texts."""
    inside = embedder.encode(texts[:CHUNK])[:50]
    alone = np.stack([embedder.encode([text])[0] for text in texts[:50]])
    same = int((alone == inside).all(axis=1).sum())
    cosine = (alone * inside).sum(axis=1)
    most = np.abs(alone - inside).max()
    return f"{same} of 50 identical alone and in a batch; max |Δ| {most:.2e}, lowest cosine {cosine.min():.6f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--device", default="cpu", choices=("cpu", "cuda"))
    parser.add_argument(
        "--model", default=BUNDLED, help="a sentence-transformers directory (default: the bundled MiniLM)"
    )
    parser.add_argument("--repeat", type=int, default=10, help="times the texts are encoded for the throughput")
    parser.add_argument("--rows", type=int, help="on cuda: fixed rows an inference (default: 4,096 tokens' worth)")
    args = parser.parse_args()
    if args.rows:
        embed._gpu_rows = lambda length: args.rows
    model = resolve_model(args.model)
    texts = real_texts()
    rng = np.random.default_rng(0)
    sample = [texts[i] for i in sorted(rng.choice(len(texts), size=min(1000, len(texts)), replace=False))]
    reference = TorchEmbedder(model)
    exact = reference.encode(sample)
    embedders: list[tuple[str, Embedder]] = [
        ("PyTorch float32, CPU", reference),
        ("int8 ONNX, CPU", OnnxEmbedder(model)),
    ]
    if args.device == "cuda":
        import torch

        embedders = [("PyTorch float16, CUDA (the default on a GPU)", TorchEmbedder(model, device="cuda"))]
        torch.cuda.reset_peak_memory_stats()
    words = sum(len(text.split()) for text in texts) / len(texts)
    print(f"{len(texts)} distinct real texts ({words:.1f} words on average), encoded {args.repeat} times over")
    for label, embedder in embedders:
        speed = statements_per_second(embedder, texts * args.repeat)
        cosine = (embedder.encode(sample) * exact).sum(axis=1)
        print(f"## {label}: {embedder.name}")
        print(
            f"  {speed:,.0f} statements/s; cosine to the reference: mean {cosine.mean():.4f}, lowest {cosine.min():.4f}"
        )
        print(f"  {batch_independence(embedder, texts)}")
    if args.device == "cuda":
        print(
            f"  peak GPU memory {torch.cuda.max_memory_allocated() / 2**20:,.0f} MiB ({torch.cuda.get_device_name()})"
        )


if __name__ == "__main__":
    main()
