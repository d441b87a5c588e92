"""Counts to trust: a statement far from its theme leaves it, near-duplicate themes sharing a keyphrase merge,
and a loose theme is shown as weak."""

from __future__ import annotations

import numpy as np

from voiceofbuyer.coherence import coherence, refine
from voiceofbuyer.records import Persona, Statement, Theme
from voiceofbuyer.render import strength


def unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float64)
    return vector / np.linalg.norm(vector)


def statement(sid: str, interview: str, phrases: tuple[str, ...] = ()) -> Statement:
    return Statement(sid, interview, "B", 0, 0, 1, (), f"text {sid}", "", keyphrases=phrases)


def test_a_statement_far_from_its_theme_leaves_it_and_stands_alone():
    group = [statement("a", "i1"), statement("b", "i2"), statement("c", "i3"), statement("x", "i4")]
    vectors = {"text a": unit(1, 0.1, 0), "text b": unit(1, 0, 0.1), "text c": unit(1, 0.05, 0.05),
               "text x": unit(0, 0, 1)}  # fmt: skip
    refined = refine([group], vectors, min_similarity=0.4, merge_similarity=0.8, alike_similarity=0.6)
    assert [[s.id for s in g] for g in refined] == [["a", "b", "c"], ["x"]]
    assert coherence(refined[0], vectors) > 0.99 > coherence(group, vectors)


def test_three_unrelated_statements_are_no_theme_though_each_is_near_a_centre_that_holds_it():
    """Each of three orthogonal statements is 0.58 alike to the mean of all three (above 0.4), but 0 to the other
    two: measured against the rest, none belongs, and the three stand alone."""
    group = [statement("a", "i1"), statement("b", "i2"), statement("c", "i3")]
    vectors = {"text a": unit(1, 0, 0), "text b": unit(0, 1, 0), "text c": unit(0, 0, 1)}
    assert all(float(vectors[s.text] @ unit(1, 1, 1)) > 0.4 for s in group)
    refined = refine([group], vectors, min_similarity=0.4, merge_similarity=0.8, alike_similarity=0.6)
    assert [[s.id for s in g] for g in refined] == [["a"], ["b"], ["c"]]


def test_statements_no_theme_holds_are_regrouped_when_alike():
    """Two buyers' alike statements, each left in a theme of unrelated ones by the clusterer, become one theme once
    those are pruned; an unlike one stays alone."""
    first = [statement("a1", "i1"), statement("n1", "i2"), statement("n2", "i3")]
    second = [statement("a2", "i4"), statement("n3", "i5")]
    vectors = {"text a1": unit(1, 0.2, 0, 0, 0), "text a2": unit(1, 0, 0.2, 0, 0), "text n1": unit(0, 1, 0, 0, 0),
               "text n2": unit(0, 0, 0, 1, 0), "text n3": unit(0, 0, 0, 0, 1)}  # fmt: skip
    refined = refine([first, second], vectors, min_similarity=0.4, merge_similarity=0.8, alike_similarity=0.6)
    assert sorted(sorted(s.id for s in g) for g in refined) == [["a1", "a2"], ["n1"], ["n2"], ["n3"]]
    apart = refine([first, second], vectors, min_similarity=0.4, merge_similarity=0.8, alike_similarity=0.99)
    assert sorted(len(g) for g in apart) == [1, 1, 1, 1, 1]


def test_pruning_never_compares_whole_statements(monkeypatch):
    """Which side of the threshold a statement falls on is read from one product, not found by comparing records:
    a membership test per statement made pruning quadratic (a theme of 8,000 statements took over a second)."""
    group = [statement(f"s{i}", f"i{i % 7}") for i in range(400)]
    vectors = {s.text: unit(0, 0, 1) if i % 4 == 0 else unit(1, 0.1, 0) for i, s in enumerate(group)}

    def no_comparison(self: Statement, other: object) -> bool:
        raise AssertionError("statements compared by value")

    monkeypatch.setattr(Statement, "__eq__", no_comparison)
    refined = refine([group], vectors, min_similarity=0.4, merge_similarity=0.8, alike_similarity=0.6)
    assert sorted(len(g) for g in refined) == [100, 300]  # the 100 far ones, all alike, are a theme of their own


def test_near_duplicate_themes_merge_only_when_they_share_a_keyphrase():
    pricing = [statement("p1", "i1", ("per-invoice pricing",)), statement("p2", "i2", ("pricing",))]
    invoices = [statement("q1", "i3", ("per-invoice pricing", "volume")), statement("q2", "i4")]
    other = [statement("r1", "i5", ("onboarding",)), statement("r2", "i6")]
    vectors = {f"text {s.id}": unit(1, 0.1 * i, 0) for i, s in enumerate(pricing + invoices)}
    vectors |= {"text r1": unit(1, 0.3, 0), "text r2": unit(1, 0.3, 0.05)}  # alike too, but no shared phrase
    refined = refine(
        [pricing, invoices, other], vectors, min_similarity=0.4, merge_similarity=0.8, alike_similarity=0.6
    )
    assert sorted(sorted(s.id for s in g) for g in refined) == [["p1", "p2", "q1", "q2"], ["r1", "r2"]]


def test_a_loose_theme_is_shown_as_weak():
    persona = Persona("Finance Leader", "finance-leader", ("i1", "i2", "i3"), (), (), (), (), (), (), (), None)
    loose = Theme("t", "Finance Leader", "pain", "Close", (), ("a", "b"), (), ("i1", "i2"), (), coherence=0.42)
    tight = Theme("u", "Finance Leader", "pain", "Close", (), ("a", "b"), (), ("i1", "i2"), (), coherence=0.8)
    assert strength(loose, persona) == "2 of 3 interviewees · weak theme: statements loosely alike (coherence 0.42)"
    assert strength(tight, persona) == "2 of 3 interviewees"
