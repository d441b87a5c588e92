"""Scoring a classifier honestly: cross-validation grouped by interview, per source, beside the agreement of two
human coders.

Each statement of a source is classified by a model trained on every other source and on the other folds of its
own (``GroupKFold`` by interview): no fold trains on an interview it scores. ``check_folds`` proves it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..config import ClassifyConfig
from ..errors import ConfigError
from ..records import CATEGORIES
from . import filed_as
from .labelled import LabelledStatement, read_labelled, second_coder, shipped, spoken

if TYPE_CHECKING:
    from ..vectors import Vectors

Predict = Callable[[list[LabelledStatement], list[LabelledStatement]], list[str]]
"""(training examples, statements to score) → a category per statement."""


@dataclass(frozen=True)
class Evaluation:
    """A confusion matrix over ``labels`` and the scores drawn from it."""

    labels: tuple[str, ...]
    confusion: np.ndarray
    """Rows: true label; columns: predicted label."""
    predicted: list[str] = field(default_factory=list)
    """The predicted label of each scored statement, in order."""

    def scores(self) -> dict[str, tuple[float, float, float, int]]:
        """Precision, recall, F1 and support per label."""
        result = {}
        for index, label in enumerate(self.labels):
            true_positive = self.confusion[index, index]
            predicted = self.confusion[:, index].sum()
            actual = self.confusion[index, :].sum()
            precision = true_positive / predicted if predicted else 0.0
            recall = true_positive / actual if actual else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            result[label] = (float(precision), float(recall), float(f1), int(actual))
        return result

    @property
    def macro_f1(self) -> float:
        """Mean F1 over the labels, each weighing the same."""
        return float(np.mean([f1 for _, _, f1, _ in self.scores().values()]))

    @property
    def accuracy(self) -> float:
        """Share of statements whose predicted label is the true one (0 when there are none)."""
        return float(np.trace(self.confusion) / max(1, self.confusion.sum()))

    def report(self) -> str:
        """A printable table: precision, recall, F1 and support per label, macro F1, accuracy, and the confusion
        matrix."""
        lines = [f"{'category':<10} {'precision':>9} {'recall':>7} {'f1':>6} {'support':>8}"]
        for label, (precision, recall, f1, support) in self.scores().items():
            lines.append(f"{label:<10} {precision:9.3f} {recall:7.3f} {f1:6.3f} {support:8d}")
        lines.append(f"{'macro':<10} {'':9} {'':7} {self.macro_f1:6.3f} {int(self.confusion.sum()):8d}")
        lines.append(f"accuracy {self.accuracy:.3f}")
        lines.append("")
        lines.append("confusion (rows: true, columns: predicted)")
        lines.append(" " * 10 + "".join(f"{label[:9]:>10}" for label in self.labels))
        for label, row in zip(self.labels, self.confusion, strict=True):
            lines.append(f"{label:<10}" + "".join(f"{int(v):>10d}" for v in row))
        return "\n".join(lines)


def grouped_folds(items: list[LabelledStatement], folds: int = 5) -> list[tuple[list[int], list[int]]]:
    """(train indices, test indices) per fold, whole interviews in one fold (``GroupKFold``)."""
    from sklearn.model_selection import GroupKFold

    groups = [item.interview or f"#{index}" for index, item in enumerate(items)]
    splits = min(folds, len(set(groups)))
    if splits < 2:
        return []
    return [(list(a), list(b)) for a, b in GroupKFold(n_splits=splits).split(items, groups=groups)]


def check_folds(items: list[LabelledStatement], folds: list[tuple[list[int], list[int]]]) -> None:
    """Raise ``AssertionError`` when a fold trains on an interview it scores."""
    for trained, scored in folds:
        seen = {items[i].interview for i in trained if items[i].interview}
        overlap = seen & {items[i].interview for i in scored}
        assert not overlap, f"a fold trains on interviews it scores: {sorted(overlap)[:3]}"


def cross_validate(
    source: list[LabelledStatement], others: list[LabelledStatement], predict: Predict, folds: int = 5
) -> Evaluation:
    """Each statement of ``source`` classified by a model trained on ``others`` and the other folds of ``source``
    (grouped by interview)."""
    predicted = [""] * len(source)
    splits = grouped_folds(source, folds)
    check_folds(source, splits)
    for trained, scored in splits:
        unseen = {source[i].interview for i in scored}
        training = [o for o in others if not o.interview or o.interview not in unseen] + [source[i] for i in trained]
        for index, label in zip(scored, predict(training, [source[i] for i in scored]), strict=True):
            predicted[index] = label
    return evaluate([s.label for s in source], predicted)


def agreement(truth: list[str], other: list[str]) -> tuple[float, float, int]:
    """Cohen's kappa, accuracy and count of two label lists for the same statements."""
    from sklearn.metrics import cohen_kappa_score

    if not truth:
        return 0.0, 0.0, 0
    same = sum(a == b for a, b in zip(truth, other, strict=True))
    return float(cohen_kappa_score(truth, other)), same / len(truth), len(truth)


def evaluate(truth: list[str], predicted: list[str]) -> Evaluation:
    """The ``Evaluation`` of ``predicted`` against ``truth`` (same order), over the categories either holds."""
    labels = tuple(c for c in CATEGORIES if c in set(truth) | set(predicted))
    index = {label: i for i, label in enumerate(labels)}
    confusion = np.zeros((len(labels), len(labels)), dtype=np.int64)
    for true_label, predicted_label in zip(truth, predicted, strict=True):
        confusion[index[true_label], index[predicted_label]] += 1
    return Evaluation(labels, confusion, list(predicted))


def evaluate_builtin(
    vectors: Vectors,
    realworld: Path,
    devset: Path | None = None,
    only: list[str] | None = None,
    settings: ClassifyConfig | None = None,
) -> str:
    """The built-in classifier scored on every labelled source (``only``: some of synthetic, typed, b2b, spoken, yours)
    by ``cross_validate``, each beside the agreement of two human coders where a second coder labelled a sample;
    a printable report."""
    from ..config import load_config
    from .builtin import train

    settings = settings or load_config(None).classify
    sources = {
        "synthetic: sample batch": shipped(("synthetic",)),
        "typed: real (AnthropicInterviewer)": shipped(("typed",)),
        "b2b: written B2B interviews (the test cases)": shipped(("b2b",)),
        f"spoken: real ({realworld})": spoken(realworld),
    }
    if devset is not None:
        yours = read_labelled(devset, source="yours")
        if len({item.interview or f"#{index}" for index, item in enumerate(yours)}) < 2:
            raise ConfigError(
                f"{devset}: {len(yours)} statements of one interview: too few to score by grouped cross-validation "
                "(fix: label statements of two interviews or more, each with its 'interview')"
            )
        sources[f"yours: {devset}"] = yours
    generic = shipped(("generic",))
    every = generic + [item for items in sources.values() for item in items]
    embedded = vectors.get([e.text for e in every] + [e.question for e in every if e.question])

    def predict(training: list[LabelledStatement], scored: list[LabelledStatement]) -> list[str]:
        """A category per scored statement from the built-in model trained on ``training``, filed as a run files
        it (``filed_as``); the scored source's own examples weigh ``OWN_WEIGHT``, as a store's reviewer
        corrections do in a run."""
        model = train(training, embedded, own=scored[0].source)
        rows = model.probabilities([s.text for s in scored], [s.question for s in scored], embedded)
        return [
            filed_as(model.labels[int(np.argmax(row))], float(row.max()), item.text, settings)
            for item, row in zip(scored, rows, strict=True)
        ]

    second = second_coder()
    lines = ["Each statement scored by a model that never saw its interview (5 folds grouped by interview, one",
             "per interview where a set has fewer),",
             "trained on every other source and the other folds of its own.", ""]  # fmt: skip
    for name, items in sources.items():
        if only and name.split(":")[0] not in only:
            continue
        if not items:
            lines += [f"== {name}: not available here", ""]
            continue
        interviews = len({item.interview or f"#{index}" for index, item in enumerate(items)})
        if interviews < 2:  # grouped folds need two interviews: one to train beside, one to score
            lines += [f"== {name}: {len(items)} statements of one interview: too few to score by grouped "
                      "cross-validation (fix: label statements of two interviews or more)", ""]  # fmt: skip
            continue
        others = generic + [o for other, rest in sources.items() if other != name for o in rest]
        evaluation = cross_validate(items, others, predict)
        lines += [f"== {name}: {len(items)} statements, {len({i.interview for i in items})} interviews"]
        lines += [evaluation.report()]
        coded = [(index, second[item.id]) for index, item in enumerate(items) if item.id in second]
        if coded:
            truth = [items[i].label for i, _ in coded]
            kappa, _, count = agreement(truth, [label for _, label in coded])
            model_kappa, _, _ = agreement(truth, [evaluation.predicted[i] for i, _ in coded])
            coders = evaluate(truth, [label for _, label in coded]).macro_f1
            lines += [f"two human coders on {count} of these: kappa {kappa:.2f}, macro-F1 {coders:.3f}; "
                      f"the model against the first coder on the same: kappa {model_kappa:.2f}"]  # fmt: skip
        lines.append("")
    return "\n".join(lines)
