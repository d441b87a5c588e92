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
