"""Themes whose counts a reader can trust: a statement far from its theme's centre leaves the theme, near-duplicate
themes of one role and category become one, and every theme carries its coherence.

The clusterer groups statements in a few PCA dimensions, where a broad group can hold unrelated points; here the
groups are checked in the embedding's own space (unit sentence vectors, cosine):

- **pruning**: a statement whose similarity to the centre of the group's *other* members is under
  ``[themes] min_similarity`` leaves it and stands alone (a point mentioned once), until every member is close to
  the rest. The centre is taken without the statement judged (a leave-one-out centre, as a scale's item is checked
  against the total of the other items) because in a small group a statement is a large part of its own centre: in
  a group of three unrelated statements each was 0.66-0.68 alike to the centre that held it and 0.22-0.24 to the
  other two (a real batch of 9 interviews), so the group stood as a pattern of three buyers. In a large group the
  two centres are the same;
- **regrouping**: the statements no theme holds (the clusterer's noise and those pruned), when there are at most
  ``cluster.SMALL_POOL`` of them, are grouped by ``cluster.alike_groups`` at ``[clustering] small_pool_similarity``:
  two buyers' "our auditors flagged missing receipts" (cosine 0.72) were left in two themes of unrelated
  statements by the clusterer, and stood alone once those were pruned;
- **merging**: two groups whose centres are at least ``[themes] merge_similarity`` alike and whose statements share
  a keyphrase are one point said twice ("per-invoice pricing" split over two themes): the stronger takes the
  other in;
- **coherence**: the mean similarity of a theme's statements to its centre; under ``WEAK_COHERENCE`` the documents
  show the theme as weak.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from .cluster import SMALL_POOL, alike_groups, groups_from_labels
from .records import Statement

WEAK_COHERENCE = 0.5
"""On the sample, a quarter of the themes of three or more statements were under 0.63 and the loosest catch-all
groups (58 statements on five topics) under 0.45."""


def centre(group: list[Statement], vectors: Mapping[str, np.ndarray]) -> np.ndarray:
    """The normalised mean of the group's statement vectors."""
    mean = np.mean([vectors[s.text] for s in group], axis=0)
    return mean / max(float(np.linalg.norm(mean)), 1e-12)


def coherence(group: list[Statement], vectors: Mapping[str, np.ndarray]) -> float:
    """Mean cosine of the group's statements to its centre, rounded to 3 places (1.0 for one statement)."""
    middle = centre(group, vectors)
    return round(float(np.mean([float(vectors[s.text] @ middle) for s in group])), 3)


def refine(
    groups: list[list[Statement]],
    vectors: Mapping[str, np.ndarray],
    min_similarity: float,
    merge_similarity: float,
    alike_similarity: float,
) -> list[list[Statement]]:
    """The groups of one role and category pruned, regrouped and merged (see the module); deterministic: groups
    sorted by their statement ids, as the clusterer gives them."""
    kept: list[list[Statement]] = []
    for group in groups:
        if len(group) < 2:
            kept.append(group)
            continue
        near = _close_to_the_rest(np.stack([vectors[s.text] for s in group]), min_similarity)
        kept.extend([s] for s, close in zip(group, near, strict=True) if not close)
        if near.any():
            kept.append([s for s, close in zip(group, near, strict=True) if close])
    alone = sorted((g[0] for g in kept if len(g) == 1), key=lambda s: s.id)
    regrouped = _alike(alone, vectors, alike_similarity) if len(alone) <= SMALL_POOL else [[s] for s in alone]
    merged = _merge([g for g in kept if len(g) > 1] + [g for g in regrouped if len(g) > 1], vectors, merge_similarity)
    return sorted(merged + [g for g in regrouped if len(g) == 1], key=lambda g: sorted(s.id for s in g))


def _alike(statements: list[Statement], vectors: Mapping[str, np.ndarray], similarity: float) -> list[list[Statement]]:
    """``cluster.alike_groups`` of the statements, each point alone a group of one (``cluster.groups_from_labels``)."""
    if len(statements) < 2:
        return [[s] for s in statements]
    labels = alike_groups(np.stack([vectors[s.text] for s in statements]), similarity)
    by_id = {s.id: s for s in statements}
    return [[by_id[i] for i in ids] for ids in groups_from_labels(list(by_id), labels)]


def _close_to_the_rest(rows: np.ndarray, min_similarity: float) -> np.ndarray:
    """Which rows (n × d, L2-normalised) are each at least ``min_similarity`` alike to the normalised sum of the
    other rows kept, pruned until every row kept is: a boolean mask, all False when fewer than two remain."""
    rows = rows.astype(np.float64)
    squares = np.einsum("ij,ij->i", rows, rows)
    keep = np.ones(len(rows), dtype=bool)
    while keep.sum() > 1:
        total = rows[keep].sum(axis=0)
        dot = rows @ total
        # v·(total - v) / |total - v|, with |total - v|² = |total|² - 2 v·total + |v|²
        rest = np.sqrt(np.clip(total @ total - 2 * dot + squares, 1e-12, None))
        far = keep & ((dot - squares) / rest < min_similarity)
        if not far.any():
            return keep
        keep &= ~far
    return np.zeros(len(rows), dtype=bool)


def _merge(
    groups: list[list[Statement]], vectors: Mapping[str, np.ndarray], similarity: float
) -> list[list[Statement]]:
    """Strongest group first (most interviews, then statements), each takes in every later group that is alike
    and shares a keyphrase with it; a group taken in takes no other."""
    order = sorted(groups, key=lambda g: (-len({s.interview_id for s in g}), -len(g), sorted(s.id for s in g)))
    centres = [centre(g, vectors) for g in order]
    phrases = [{p for s in g for p in s.keyphrases} for g in order]
    taken = [False] * len(order)
    result = []
    for i, group in enumerate(order):
        if taken[i]:
            continue
        merged = list(group)
        for j in range(i + 1, len(order)):
            if not taken[j] and float(centres[i] @ centres[j]) >= similarity and phrases[i] & phrases[j]:
                taken[j] = True
                merged.extend(order[j])
        result.append(sorted(merged, key=lambda s: s.id))
    return result
