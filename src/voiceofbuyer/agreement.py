"""How often the classifier agrees with the reviewers: on the statements they reviewed, its verdicts against
their categories (accuracy and Cohen's kappa), shown in the review desk."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .decision_rows import MOVE, Decision
from .records import RunResult
from .review import Review


@dataclass(frozen=True)
class Agreement:
    """How often the classifier agrees with the reviewers, on the statements they reviewed."""

    reviewed: int
    """Statements whose category a reviewer confirmed (an approved theme or quote) or set (a move)."""
    accuracy: float
    """Share of them the classifier had filed in the reviewer's category (0-1)."""
    kappa: float | None
    """Cohen's kappa of classifier against reviewers; None when it is undefined (one category only)."""


def agreement(base: RunResult, review: Review, decisions: Iterable[Decision]) -> Agreement:
    """The classifier's verdicts (``base``) against the reviewers' categories (``review``) on reviewed statements."""
    final = review.result.classifications
    reviewed: set[str] = set()
    for theme in review.result.themes:
        if review.theme_status.get(theme.id) == "approved":
            reviewed.update(theme.statement_ids)
    reviewed.update(sid for sid, status in review.quote_status.items() if status == "approved")
    for decision in decisions:
        if decision.action == MOVE and not review.outcomes[decision.id].gone:
            reviewed.update(decision.statement_ids)
    pairs = [
        (base.classifications[sid].category, final[sid].category)
        for sid in sorted(reviewed)
        if sid in final and sid in base.classifications
    ]
    if not pairs:
        return Agreement(0, 0.0, None)
    model, reviewers = zip(*pairs, strict=True)
    accuracy = sum(m == r for m, r in pairs) / len(pairs)
    kappa = None
    if len(set(model) | set(reviewers)) > 1:
        from sklearn.metrics import cohen_kappa_score

        kappa = float(cohen_kappa_score(model, reviewers))
    return Agreement(len(pairs), round(accuracy, 3), None if kappa is None else round(kappa, 3))
