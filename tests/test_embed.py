"""Both embedding backends load the bundled model offline and agree."""

from __future__ import annotations

import numpy as np

from voiceofbuyer.embed import BUNDLED, OnnxEmbedder, TorchEmbedder, resolve_model

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
    assert list(model_cache.rglob("model.int8v2.onnx")), "the export is cached on disk"
    # A text's vector does not depend on the texts encoded with it: reproducible whatever the cache holds.
    assert np.array_equal(onnx.encode(TEXTS[::-1])[::-1], fast)
    assert np.array_equal(onnx.encode([TEXTS[2]])[0], fast[2])
    assert np.array_equal(onnx.encode([TEXTS[2], "A much longer text " * 20])[0], fast[2])


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


def test_vectors_handed_out_again_are_the_same_arrays_not_a_second_copy(tmp_path, monkeypatch):
    """The classifier asks for the vectors the run has just embedded: it gets the same arrays (no second copy of a
    batch's vectors in memory) without reading the store again; a new text is embedded once and stored."""
    from voiceofbuyer.store import Store
    from voiceofbuyer.vectors import Vectors

    embedder = CountingEmbedder()
    store = Store(tmp_path / "store.sqlite")
    try:
        vectors = Vectors(store, "toy", lambda: embedder)
        first = vectors.get(["a pain", "a goal"])
        read = []
        embeddings = store.embeddings
        monkeypatch.setattr(store, "embeddings", lambda name, texts: read.extend(texts) or embeddings(name, texts))
        again = vectors.get(["a goal", "a pain", "a new trigger"])
        assert again["a pain"] is first["a pain"] and again["a goal"] is first["a goal"]
        assert read == ["a new trigger"] and embedder.asked == ["a goal", "a pain", "a new trigger"]
        assert set(store.embeddings("toy", ["a new trigger"])) == {"a new trigger"}
    finally:
        store.close()
