"""Themes whose counts a reader can trust: a statement far from its theme's centre leaves the theme, near-duplicate
themes of one role and category become one, and every theme carries its coherence.

The clusterer groups statements in a few PCA dimensions, where a broad group can hold unrelated points; here the
groups are checked in the embedding's own space (unit sentence vectors, cosine):

- **pruning**: a statement whose similarity to its group's centre (the normalised mean of the members) is under
  ``[themes] min_similarity`` leaves it and stands alone (a point mentioned once); the centre is then taken
  again;
- **merging**: two groups whose centres are at least ``[themes] merge_similarity`` alike and whose statements share
  a keyphrase are one point said twice ("per-invoice pricing" split over two themes): the stronger takes the
  other in;
- **coherence**: the mean similarity of a theme's statements to its centre; under ``WEAK_COHERENCE`` the documents
  show the theme as weak.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

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
    groups: list[list[Statement]], vectors: Mapping[str, np.ndarray], min_similarity: float, merge_similarity: float
) -> list[list[Statement]]:
    """The groups of one role and category pruned and merged (see the module); deterministic: groups sorted by
    their statement ids, as the clusterer gives them."""
    kept: list[list[Statement]] = []
    for group in groups:
        if len(group) < 2:
            kept.append(group)
            continue
        middle = centre(group, vectors)
        similar = np.stack([vectors[s.text] for s in group]) @ middle >= min_similarity
        close = [s for s, near in zip(group, similar, strict=True) if near]
        kept.extend([s] for s, near in zip(group, similar, strict=True) if not near)
        if close:
            kept.append(close)
    merged = _merge([g for g in kept if len(g) > 1], vectors, merge_similarity)
    return sorted(merged + [g for g in kept if len(g) == 1], key=lambda g: sorted(s.id for s in g))


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
