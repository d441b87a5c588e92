"""Sentence vectors for any text, from the store or computed once: the embedder loads only when a text is new.

Vectors are stored per (embedder name, text hash), so vectors of different models or backends never mix, and an
unchanged batch re-runs without loading a model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping

import numpy as np
from tqdm import tqdm

from .embed import Embedder
from .engine import Engine, LocalEngine
from .store import Store

CHUNK = 1024
"""Texts encoded (and stored) at a time, so a crash keeps what was done."""
PRECISION = "float16"
"""How vectors are stored and held: half of float32's memory; clustering and the classifier see no difference
(the rounding moves a cosine by about 1e-4), and fresh and stored vectors are rounded alike, so a run from the
cache gives the same output as a cold one."""
_BLOCK = 4096


class VectorTable(Mapping[str, np.ndarray]):
    """Text → unit vector, held as float16 rows of blocks of one matrix: no array object per text, half the bytes of
    float32. A lookup returns a float32 copy of the row."""

    def __init__(self) -> None:
        self._row: dict[str, int] = {}
        self._blocks: list[np.ndarray] = []

    def add(self, vectors: Mapping[str, np.ndarray]) -> None:
        """Hold ``vectors`` (text → vector); a text already held keeps its row."""
        for text, vector in vectors.items():
            if text in self._row:
                continue
            index = len(self._row)
            if index % _BLOCK == 0:
                self._blocks.append(np.zeros((_BLOCK, len(vector)), dtype=np.float16))
            self._blocks[-1][index % _BLOCK] = vector
            self._row[text] = index

    def __getitem__(self, text: str) -> np.ndarray:
        index = self._row[text]
        return self._blocks[index // _BLOCK][index % _BLOCK].astype(np.float32)

    def __contains__(self, text: object) -> bool:
        return text in self._row

    def __iter__(self) -> Iterator[str]:
        return iter(self._row)

    def __len__(self) -> int:
        return len(self._row)


class Vectors:
    """Texts → L2-normalised vectors of ``Embedder.dimensions``, rounded to float16, kept in the store.

    ``name`` is the cache key of the embedder's vectors at this precision, known without loading the embedder;
    ``load`` builds the embedder on first need (in this process, or in the workers of a remote ``engine``: then it
    must be picklable), for ``device`` (``cpu``, ``cuda``). Nothing is held between calls: the store is where vectors
    live, and a caller reads back those it is using (a chunk of statements, a pool of a role and category), so a
    run's memory does not grow with the vectors of the whole batch.
    """

    def __init__(
        self, store: Store, name: str, load: Callable[[], Embedder], engine: Engine | None = None, device: str = "cpu"
    ) -> None:
        self.store = store
        self.name = f"{name}/{PRECISION}"
        self._load = load
        self.device = device
        self.engine = engine or LocalEngine()

    def compute(self, texts: Iterable[str], bar: tqdm | None = None) -> None:
        """Compute and store the vectors of those of ``texts`` the store has none for, a chunk at a time (a crash keeps
        what was done); ``bar`` advances once per distinct text."""
        wanted = sorted(set(texts))
        known = self.store.embedded_texts(self.name, wanted)
        if bar is not None:
            bar.update(len(known))
        missing = [t for t in wanted if t not in known]
        for computed in self.engine.embed(self._load, missing, CHUNK, self.device):
            self.store.put_embeddings(self.name, {text: vector.astype(np.float16) for text, vector in computed.items()})
            if bar is not None:
                bar.update(len(computed))

    def get(self, texts: Iterable[str], bar: tqdm | None = None) -> VectorTable:
        """A table of the vectors of ``texts`` (computed first where the store has none), the caller's to keep or drop.

        A vector is the one stored (float16), whether computed now or by an earlier run, so a run from the cache gives
        the same output as a cold one."""
        wanted = sorted(set(texts))
        self.compute(wanted, bar)
        table = VectorTable()
        stored = self.store.embeddings(self.name, wanted)
        table.add({text: stored[text] for text in wanted})
        return table
