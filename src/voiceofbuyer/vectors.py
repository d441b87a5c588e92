"""Sentence vectors for any text, from the store or computed once: the embedder loads only when a text is new.

Vectors are stored per (embedder name, text hash), so vectors of different models or backends never mix, and an
unchanged batch re-runs without loading a model.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from tqdm import tqdm

from .embed import Embedder
from .engine import Engine, LocalEngine
from .store import Store

CHUNK = 256
"""Texts encoded (and stored) at a time, so a crash keeps what was done."""


class Vectors:
    """Texts → L2-normalised float32 vectors of ``Embedder.dimensions``, cached in the store.

    ``name`` is the embedder's cache key, known without loading it; ``load`` builds the embedder on first need
    (in this process, or in the workers of a remote ``engine``: then it must be picklable).
    """

    def __init__(self, store: Store, name: str, load: Callable[[], Embedder], engine: Engine | None = None) -> None:
        self.store = store
        self.name = name
        self._load = load
        self.engine = engine or LocalEngine()
        self._held: dict[str, np.ndarray] = {}

    def get(self, texts: list[str], bar: tqdm | None = None) -> dict[str, np.ndarray]:
        """Text → vector for every text (duplicates once).

        A vector this object has handed out before is handed out again, the same array: the classifier asking for
        the statements the run has just embedded costs no second copy of them (a run lives as long as its vectors).
        """
        wanted = sorted(set(texts))
        found = {t: self._held[t] for t in wanted if t in self._held}
        found.update(self.store.embeddings(self.name, [t for t in wanted if t not in found]))
        missing = [t for t in wanted if t not in found]
        if bar is not None:
            bar.update(len(found))
        for computed in self.engine.embed(self._load, missing, CHUNK):
            self.store.put_embeddings(self.name, computed)  # chunk by chunk: a crash keeps what was done
            found.update(computed)
            if bar is not None:
                bar.update(len(computed))
        self._held.update(found)
        return found
