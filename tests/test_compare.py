"""Roles side by side: a concern shared by roles only when their themes say the same thing, one theme per role,
counted per role; the page in the documents."""

from __future__ import annotations

import numpy as np

from voiceofbuyer.compare import compare_roles
from voiceofbuyer.records import Persona, RunResult, Statement, Theme

ROLES = ("Finance Leader", "AP Specialist", "IT Evaluator")


def unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float64)
    return vector / np.linalg.norm(vector)


def result(themes: list[tuple[str, str, str, tuple[str, ...], np.ndarray]]) -> tuple[RunResult, dict[str, np.ndarray]]:
    """(role, category, label, interviews, vector of its one statement) → a run result and its vectors."""
    statements, made, vectors = [], [], {}
    for index, (role, category, label, interviews, vector) in enumerate(themes):
        text = f"statement {index}"
        statements.append(Statement(f"s{index}", interviews[0], "B", 0, 0, len(text), (), text, ""))
        vectors[text] = vector
        made.append(Theme(f"t{index}", role, category, label, (), (f"s{index}",), (), interviews, ()))
    personas = tuple(
        Persona(role, role.lower().replace(" ", "-"), tuple(f"{role[:2]}{i}" for i in range(4)), (), (), (), (), (),
                (), (), None)
        for role in ROLES
    )  # fmt: skip
    return RunResult("batch", (), {}, {}, tuple(statements), {}, tuple(made), personas), vectors


def test_a_concern_is_shared_only_by_alike_themes_with_one_theme_per_role_and_no_chaining():
    run, vectors = result([
        ("Finance Leader", "pain", "Late fees", ("Fi0", "Fi1", "Fi2"), unit(1, 0, 0)),
        ("AP Specialist", "pain", "Vendors chasing payment", ("AP0", "AP1"), unit(0.8, 0.6, 0)),  # 0.80 alike
        ("AP Specialist", "pain", "Paying late", ("AP2", "AP3"), unit(0.75, -0.66, 0)),  # 0.75: alike, but less
        # Alike the AP theme (0.81) but not the finance one (0.30): linking any two alike themes would chain it in.
        ("IT Evaluator", "pain", "Chasing", ("IT0", "IT3"), unit(0.3, 0.95, 0)),
        ("IT Evaluator", "pain", "Integrations", ("IT1", "IT2"), unit(0, 0, 1)),
        ("Finance Leader", "trigger", "Audit finding", ("Fi0", "Fi1"), unit(0, 1, 0)),
        ("IT Evaluator", "trigger", "Audit", ("IT1",), unit(0, 1, 0)),  # raised once: never shared
    ])  # fmt: skip
    concerns = compare_roles(run, lambda texts: vectors, 0.65)
    pains = [c for c in concerns if c.category == "pain"]
    assert pains[0].title == "Late fees" and pains[0].shared
    assert [(s.role, s.interviewees, s.of, s.theme_id) for s in pains[0].shares] == [
        ("Finance Leader", 3, 4, "t0"), ("AP Specialist", 2, 4, "t1"),
    ]  # fmt: skip
    # Each of the others alone, each role's strongest first, roles in the personas' order.
    assert [(c.title, c.shared) for c in pains[1:]] == [("Paying late", False), ("Chasing", False),
                                                         ("Integrations", False)]  # fmt: skip
    assert [c.title for c in concerns if c.category == "trigger"] == ["Audit finding"]


def test_each_role_keeps_its_strongest_concerns_of_its_own():
    themes = [("Finance Leader", "goal", f"Goal {i}", tuple(f"Fi{j}" for j in range(i + 1)), unit(1, i, i * i))
              for i in range(5)]  # fmt: skip
    run, vectors = result(themes)
    goals = compare_roles(run, lambda texts: vectors, 0.999)
    assert [c.title for c in goals] == ["Goal 4", "Goal 3", "Goal 2"]  # the strongest three, strongest first
