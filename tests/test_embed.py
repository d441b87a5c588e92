"""Both embedding backends load the bundled model offline and agree."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from voiceofbuyer.embed import BUNDLED, ONNX_VERSION, OnnxEmbedder, TorchEmbedder, resolve_model

REAL_STATEMENTS = Path(__file__).resolve().parents[1] / "src/voiceofbuyer/data/labelled/realworld_ai.jsonl"

TEXTS = [
    "Approvals sit in people's inboxes for a week.",
    "I'd worry about our invoice data leaving the EU.",
    "It has to connect to NetSuite natively.",
    "We want to close the books in five days.",
    "The auditors flagged our approval trail last spring.",
    "I've been in finance for about twelve years.",
]


def test_onnx_int8_agrees_with_pytorch_and_is_cached(model_cache):
    model = resolve_model(BUNDLED)
    onnx = OnnxEmbedder(model)
    reference = TorchEmbedder(model)
    fast, exact = onnx.encode(TEXTS), reference.encode(TEXTS)
    assert fast.shape == exact.shape == (len(TEXTS), 384)
    assert np.allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-4)
    cosine = (fast * exact).sum(axis=1)
    assert cosine.mean() >= 0.99 and cosine.min() >= 0.97
    assert list(model_cache.rglob(f"model.{ONNX_VERSION}.onnx")), "the export is cached on disk"
    # A text's vector does not depend on the texts encoded with it: reproducible whatever the cache holds.
    assert np.array_equal(onnx.encode(TEXTS[::-1])[::-1], fast)
    assert np.array_equal(onnx.encode([TEXTS[2]])[0], fast[2])
    assert np.array_equal(onnx.encode([TEXTS[2], "A much longer text " * 20])[0], fast[2])


def test_a_real_statements_vector_is_the_same_alone_and_inside_any_batch():
    """400 real typed statements, batched (texts of one token length share an inference): each vector is identical,
    bit for bit, to the text's vector alone and to its vector in another order; and within 0.99 mean cosine of
    PyTorch's."""
    lines = REAL_STATEMENTS.read_text("utf-8").splitlines()[:400]
    texts = sorted({json.loads(line)["text"] for line in lines})
    model = resolve_model(BUNDLED)
    onnx = OnnxEmbedder(model)
    batched = onnx.encode(texts)
    lengths = [len(e.ids) for e in onnx._tokenizer.encode_batch(texts)]
    assert max(lengths.count(n) for n in set(lengths)) >= 10, "some inferences really hold several texts"
    alone = np.stack([onnx.encode([text])[0] for text in texts])
    assert np.array_equal(alone, batched)
    assert np.array_equal(onnx.encode(texts[::-1])[::-1], batched)
    cosine = (batched * TorchEmbedder(model).encode(texts)).sum(axis=1)
    assert cosine.mean() >= 0.99


def test_embeddings_separate_meanings():
    vectors = OnnxEmbedder(resolve_model(BUNDLED)).encode(
        ["Approvals take forever.", "Getting sign-off on invoices is slow.", "The price is too high."]
    )
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


class CountingEmbedder:
    """Vectors from a text's length; counts the texts it was asked for."""

    dimensions = 2

    def __init__(self) -> None:
        self.asked: list[str] = []

    def encode(self, texts: list[str]) -> np.ndarray:
        self.asked.extend(texts)
        rows = np.array([[len(t), 1.0] for t in texts])
        return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def test_vectors_live_in_the_store_computed_once_and_each_table_holds_only_what_was_asked(tmp_path):
    """A run reads back only the vectors it is using (a chunk, a pool), so its memory does not grow with the
    batch's vectors: nothing is held between calls, a text is computed once, and stored rounded to float16, so a
    vector read back equals one computed."""
    from voiceofbuyer.store import Store
    from voiceofbuyer.vectors import Vectors

    embedder = CountingEmbedder()
    store = Store(tmp_path / "store.sqlite")
    try:
        vectors = Vectors(store, "toy", lambda: embedder)
        vectors.compute(["a pain", "a goal", "a pain"])
        assert embedder.asked == ["a goal", "a pain"] and vectors.name == "toy/float16"
        first = vectors.get(["a pain"])
        again = vectors.get(["a goal", "a pain", "a new trigger"])
        assert list(first) == ["a pain"] and sorted(again) == ["a goal", "a new trigger", "a pain"]
        assert embedder.asked == ["a goal", "a pain", "a new trigger"], "computed once each"
        assert again is not first and "a goal" not in first, "each call's table is its own"
        exact = CountingEmbedder().encode(["a new trigger"])[0]
        assert again["a new trigger"].dtype == np.float32
        assert np.array_equal(again["a new trigger"], exact.astype(np.float16).astype(np.float32))
        assert np.array_equal(first["a pain"], again["a pain"])
        stored = Vectors(store, "toy", lambda: embedder).get(["a new trigger", "a pain"])
        texts = ["a new trigger", "a pain"]
        assert np.array_equal(np.stack([stored[t] for t in texts]), np.stack([again[t] for t in texts]))
        assert embedder.asked == ["a goal", "a pain", "a new trigger"], "the second object read them from the store"
        assert len(vectors.get([])) == 0
    finally:
        store.close()


def test_a_damaged_model_file_in_the_cache_is_made_again(tmp_path, monkeypatch):
    from voiceofbuyer.embed import OnnxEmbedder, resolve_model

    cache = tmp_path / "cache"
    monkeypatch.setenv("VOICEOFBUYER_CACHE", str(cache))
    first = OnnxEmbedder(resolve_model("bundled")).encode(["We pay the same invoice twice."])
    exported = next(cache.glob("onnx/*/*.onnx"))
    exported.write_bytes(exported.read_bytes()[:1000])  # cut short, as a full disk leaves it
    again = OnnxEmbedder(resolve_model("bundled")).encode(["We pay the same invoice twice."])
    assert np.array_equal(first, again) and exported.stat().st_size > 1000


def test_the_embedding_device_is_the_cpu_without_a_gpu_and_a_cuda_setting_says_what_to_fix(tmp_path, monkeypatch):
    """``auto`` asks PyTorch only where an NVIDIA driver is loaded; a GPU PyTorch cannot use is no GPU; an explicit
    ``cuda`` without one is a config error naming the fix. Vectors of a GPU are cached apart from the CPU's."""
    import torch

    from voiceofbuyer import embed
    from voiceofbuyer.errors import ConfigError

    monkeypatch.setattr(embed, "NVIDIA_DRIVER", tmp_path / "no-driver")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: pytest.fail("PyTorch asked with no driver loaded"))
    embed.embedding_device.cache_clear()
    assert embed.embedding_device("auto") == embed.embedding_device("cpu") == "cpu"
    driver = tmp_path / "nvidia"
    driver.mkdir()
    monkeypatch.setattr(embed, "NVIDIA_DRIVER", driver)
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)  # a driver, but a CPU build of PyTorch
    embed.embedding_device.cache_clear()
    assert embed.embedding_device("auto") == "cpu"
    with pytest.raises(ConfigError, match=r"embedding_device 'cuda'.*sees no CUDA GPU.*fix: embedding_device"):
        embed.embedding_device("cuda")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    embed.embedding_device.cache_clear()
    assert embed.embedding_device("auto") == embed.embedding_device("cuda") == "cuda"
    embed.embedding_device.cache_clear()
    model = resolve_model(BUNDLED)
    names = {embed.embedder_name(backend, model, device) for backend in ("onnx", "torch") for device in ("cpu", "cuda")}
    assert len(names) == 3 and embed.embedder_name("onnx", model, "cuda") == embed.embedder_name("torch", model, "cuda")
    assert embed.embedder_name("onnx", model, "cuda").startswith("torch-cuda-fp16:")


def test_the_configured_device_reaches_the_embedder_and_the_cache_key(tmp_path, monkeypatch):
    """``[models] embedding_device`` decides the embedder ``components.vectors`` builds and the key its vectors are
    stored under (here both on the CPU, as CI has no GPU)."""
    from voiceofbuyer import components, embed
    from voiceofbuyer.config import load_config
    from voiceofbuyer.errors import ConfigError

    (tmp_path / "voiceofbuyer.toml").write_text("[models]\nembedding_device = 'cpu'\n", "utf-8")
    config = load_config(tmp_path / "voiceofbuyer.toml")
    assert config.models.embedding_device == "cpu"
    chosen = []
    monkeypatch.setattr(components, "embedding_device", lambda setting: chosen.append(setting) or "cpu")
    assert components.embedder_key(config).startswith(f"onnx-{ONNX_VERSION}:") and chosen == ["cpu"]
    # "cuda" where PyTorch sees no GPU stops the run at the config check, before any file is read
    (tmp_path / "voiceofbuyer.toml").write_text("[models]\nembedding_device = 'cuda'\n", "utf-8")
    monkeypatch.setattr(components, "embedding_device", embed.embedding_device)
    with pytest.raises(ConfigError, match=r"voiceofbuyer.toml: \[models\] embedding_device 'cuda'"):
        components.check(load_config(tmp_path / "voiceofbuyer.toml"))


def test_the_gpu_recipe_gives_a_text_the_same_vector_alone_and_in_any_batch(monkeypatch):
    """The recipe a GPU runs (texts of one token length together, every inference of a length the same number of
    rows), run here on the CPU with 4 rows an inference (a GPU's 4,096 tokens' worth fill the CPU with copies): 200
    real statements, each vector identical alone, in order and reversed, and the same as sentence-transformers' own
    (cosine 0.9999). On an H200 it held for 50 of 50 texts (benchmarks)."""
    from voiceofbuyer import embed

    monkeypatch.setattr(embed, "_gpu_rows", lambda length: 4)
    lines = REAL_STATEMENTS.read_text("utf-8").splitlines()[:200]
    texts = sorted({json.loads(line)["text"] for line in lines})
    embedder = TorchEmbedder(resolve_model(BUNDLED))
    batched = embedder._encode_same_shape(texts)
    lengths = [len(ids) for ids in embedder._model.tokenizer(texts)["input_ids"]]
    assert max(lengths.count(n) for n in set(lengths)) >= 5, "some inferences really hold several texts"
    assert np.array_equal(embedder._encode_same_shape(texts[::-1])[::-1], batched)
    assert np.array_equal(np.stack([embedder._encode_same_shape([text])[0] for text in texts[:20]]), batched[:20])
    assert ((batched * embedder.encode(texts)).sum(axis=1)).min() >= 0.9999
    assert embedder._encode_same_shape([]).shape == (0, 384)
