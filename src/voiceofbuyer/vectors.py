"""Sentence vectors for any text, from the store or computed once: the embedder loads only when a text is new.

Vectors are stored per (embedder name, text hash), so vectors of different models or backends never mix, and an
unchanged batch re-runs without loading a model.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from tqdm import tqdm

from .embed import Embedder
from .store import Store

CHUNK = 256
"""Texts encoded (and stored) at a time, so a crash keeps what was done."""


class Vectors:
    """Texts → L2-normalised float32 vectors of ``Embedder.dimensions``, cached in the store.

    ``name`` is the embedder's cache key, known without loading it; ``load`` builds the embedder on first need.
    """

    def __init__(self, store: Store, name: str, load: Callable[[], Embedder]) -> None:
        self.store = store
        self.name = name
        self._load = load
        self._embedder: Embedder | None = None

    def get(self, texts: list[str], bar: tqdm | None = None) -> dict[str, np.ndarray]:
        """Text → vector for every text (duplicates once)."""
        wanted = sorted(set(texts))
        found = self.store.embeddings(self.name, wanted)
        missing = [t for t in wanted if t not in found]
        if bar is not None:
            bar.update(len(found))
        if missing:
            if self._embedder is None:
                self._embedder = self._load()
            for begin in range(0, len(missing), CHUNK):
                chunk = missing[begin : begin + CHUNK]
                computed = dict(zip(chunk, self._embedder.encode(chunk), strict=True))
                self.store.put_embeddings(self.name, computed)
                found.update(computed)
                if bar is not None:
                    bar.update(len(chunk))
        return found
