"""Statements of one (role, category) → groups of statements that say the same thing.

The clusterer is a component (see ``components``): anything with a ``name`` and ``fit_predict(vectors)``.
The built-in one never clusters in the embedding's 384 dimensions: PCA (exact SVD, deterministic) first brings the
vectors down to a few dimensions, then HDBSCAN groups them. A handful of statements is the exception: PCA of a few
points keeps little but their differences, and HDBSCAN never takes a whole pool as one cluster, so three buyers
saying the same thing in a pool of five stayed five points "mentioned once". When HDBSCAN finds no cluster in a pool
of at most ``SMALL_POOL`` statements, they are grouped by average-linkage clustering on cosine in the embedding's own
space instead (``alike_groups``). A point no cluster takes is kept as a group of its own, shown as "mentioned once",
never dropped. Groups are cached by the clusterer's name and the pool's statements.

A group that holds more than ``BROAD_SHARE`` of its role's interviews is clustered again on its own statements
(``split_broad``): in a large pool the clusterer's least cluster size is a share of the pool, and on real typed
interviews (all about AI at work) one "AI" objection held 287 statements of 91 of 97 educators, its points (AI
cannot replace the human side of teaching; not worth the time; my job is not at risk; grading needs to know the
student) apart only within it. Refitted on the group alone, PCA finds the directions that tell those apart.
"""

from __future__ import annotations

import json
import warnings
from abc import ABC, abstractmethod
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping

import numpy as np

from .config import ClusteringConfig
from .records import BuyerProfile, Classification, Statement
from .store import Store, text_hash

VERSION = "3"
SMALL_POOL = 200
"""The most statements grouped by ``alike_groups`` when HDBSCAN finds no cluster (its distance matrix is n²)."""
BROAD_SHARE = 0.5
"""A group that more than this share of its role's interviews speak to is clustered again (``split_broad``)..."""
BROAD_ROLE = 8
"""... in a role of at least this many interviews (in a small one, half is a few people)."""
Pools = dict[tuple[str, str], list[list[Statement]]]
"""(role, category) → groups of statements, each noise point a group of one."""


class Clusterer(ABC):
    """Vectors (n × d, L2-normalised) → one integer label per row; ``-1`` marks a point in no cluster."""

    name: str
    """Every setting that changes the result (part of the cluster cache key)."""

    def __init__(self, config: ClusteringConfig) -> None:
        self.config = config
        self.name = f"{type(self).__name__}:" + json.dumps(config.model_dump(), sort_keys=True)

    @abstractmethod
    def fit_predict(self, vectors: np.ndarray) -> list[int]:
        """One label per row of ``vectors`` (n × d): a cluster number, or ``-1`` for a point in no cluster."""


class PcaHdbscan(Clusterer):
    """PCA to ``dimensions``, then HDBSCAN with ``min_cluster_size`` (at least ``min_cluster_share`` of the pool).

    A pool of more than ``max_fit`` rows is fitted on ``max_fit`` rows spread evenly over it (every k-th row: the
    pool is in statement-id order, so the sample mixes interviews and is the same every run); every row is then
    labelled with ``hdbscan.approximate_predict``, HDBSCAN's own assignment of new points to the clusters of a fitted
    model. Fit time and memory are those of ``max_fit`` rows; the assignment is linear in the pool.
    """

    def fit_predict(self, vectors: np.ndarray) -> list[int]:
        """HDBSCAN labels of the PCA-reduced, re-normalised rows; where it finds no cluster in at most
        ``SMALL_POOL`` rows (or there are fewer rows than it can cluster), ``alike_groups`` of the rows."""
        rows = len(vectors)
        if rows < max(3, self.config.min_cluster_size):
            return alike_groups(vectors, self.config.small_pool_similarity)
        labels = self._hdbscan(vectors)
        if max(labels) < 0 and rows <= SMALL_POOL:
            return alike_groups(vectors, self.config.small_pool_similarity)
        return labels

    def _hdbscan(self, vectors: np.ndarray) -> list[int]:
        rows = len(vectors)
        import hdbscan
        from sklearn.decomposition import PCA

        sampled = rows > self.config.max_fit
        fitted = vectors[np.linspace(0, rows - 1, self.config.max_fit).round().astype(int)] if sampled else vectors
        dimensions = min(self.config.dimensions, len(fitted) - 1, vectors.shape[1])
        with warnings.catch_warnings():
            # Identical statements (a transcript given twice) have no variance: scikit-learn warns while dividing
            # by it for a ratio nobody reads; the projection itself is fine.
            warnings.simplefilter("ignore", RuntimeWarning)
            pca = PCA(n_components=dimensions, svd_solver="full")
            reduced = _unit_rows(pca.fit_transform(fitted.astype(np.float64)))
        model = hdbscan.HDBSCAN(
            min_cluster_size=max(self.config.min_cluster_size, round(len(fitted) * self.config.min_cluster_share)),
            min_samples=self.config.min_samples,
            cluster_selection_method=self.config.selection,
            cluster_selection_epsilon=self.config.epsilon,
            prediction_data=sampled,
        )
        labels = model.fit_predict(reduced)
        if sampled:
            chunks = (vectors[start : start + self.config.max_fit] for start in range(0, rows, self.config.max_fit))
            labels = np.concatenate(
                [hdbscan.approximate_predict(model, _unit_rows(pca.transform(c.astype(np.float64))))[0] for c in chunks]
            )
        return [int(label) for label in labels]


def alike_groups(vectors: np.ndarray, similarity: float) -> list[int]:
    """Labels of ``vectors`` (n × d, L2-normalised) grouped by average-linkage agglomerative clustering on cosine
    (scikit-learn): groups whose statements are on average at least ``similarity`` alike; a point alone is ``-1``.
    Deterministic; labels numbered by first appearance."""
    if len(vectors) < 2:
        return [-1] * len(vectors)
    from sklearn.cluster import AgglomerativeClustering

    found = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=1.0 - similarity
    ).fit_predict(vectors.astype(np.float64))
    sizes = np.bincount(found)
    numbers: dict[int, int] = {}
    return [numbers.setdefault(int(g), len(numbers)) if sizes[g] > 1 else -1 for g in found]


def _unit_rows(reduced: np.ndarray) -> np.ndarray:
    """``reduced`` (n × k) with each row scaled to unit length, in place."""
    reduced /= np.clip(np.linalg.norm(reduced, axis=1, keepdims=True), 1e-12, None)
    return reduced


def groups_from_labels(statement_ids: list[str], labels: list[int]) -> list[list[str]]:
    """Clusters as lists of statement ids; each noise point is a group of one. Deterministic order."""
    clusters: dict[int, list[str]] = {}
    singles: list[list[str]] = []
    for statement_id, label in zip(statement_ids, labels, strict=True):
        if label < 0:
            singles.append([statement_id])
        else:
            clusters.setdefault(label, []).append(statement_id)
    return sorted([sorted(ids) for ids in clusters.values()] + singles)


def split_broad(
    groups: list[list[str]],
    interview_of: Mapping[str, str],
    rows: Mapping[str, np.ndarray],
    clusterer: Clusterer,
    role_interviews: int,
) -> list[list[str]]:
    """``groups`` (statement ids) with each that holds more than ``BROAD_SHARE`` of the role's ``role_interviews``
    clustered again by ``clusterer`` on its own rows (id → unit vector); a group where it finds fewer than two
    clusters is kept whole. Deterministic order, as ``groups_from_labels``."""
    kept: list[list[str]] = []
    for ids in groups:
        broad = len({interview_of[i] for i in ids}) > BROAD_SHARE * role_interviews and role_interviews >= BROAD_ROLE
        labels = clusterer.fit_predict(np.stack([rows[i] for i in ids])) if broad else []
        kept.extend(groups_from_labels(ids, labels) if len(set(labels) - {-1}) >= 2 else [ids])
    return sorted(kept)


def cluster_pools(
    statements: list[Statement],
    verdicts: dict[str, Classification],
    profiles: dict[str, BuyerProfile],
    read: Callable[[list[str]], Mapping[str, np.ndarray]],
    clusterer: Clusterer,
    embedder: str,
    store: Store,
    progress: Callable[[int], None] = lambda _: None,
) -> Pools:
    """Groups per (role, category) of the statements that are not ``other``, broad ones split (``split_broad``),
    cached in the store; ``read``: texts → their unit vectors, called once per pool not in the cache (only one pool's
    vectors are held at a time)."""
    role_interviews = Counter(profile.role for profile in profiles.values())
    pools: dict[tuple[str, str], list[Statement]] = defaultdict(list)
    for statement in statements:
        category = verdicts[statement.id].category
        if category != "other":
            pools[(profiles[statement.interview_id].role, category)].append(statement)
    groups: Pools = {}
    for (role, category), pool in sorted(pools.items()):
        pool.sort(key=lambda s: s.id)
        key = text_hash(VERSION, embedder, clusterer.name, role, category, str(role_interviews[role]),
                        *(f"{s.id}\t{s.text}" for s in pool))  # fmt: skip
        id_groups = store.cached("clusters", key)
        if id_groups is None:
            vectors = read([s.text for s in pool])
            labels = clusterer.fit_predict(np.stack([vectors[s.text] for s in pool]))
            rows = {s.id: vectors[s.text] for s in pool}
            interview_of = {s.id: s.interview_id for s in pool}
            id_groups = split_broad(
                groups_from_labels([s.id for s in pool], labels), interview_of, rows, clusterer, role_interviews[role]
            )
            store.put_cache("clusters", {key: id_groups})
        by_id = {s.id: s for s in pool}
        groups[(role, category)] = [[by_id[i] for i in ids] for ids in id_groups]
        progress(len(pool))
    return groups
