"""Statement (+ the interviewer's question before it) → category with a confidence.

A multinomial logistic regression over the statement's embedding, the question's embedding and a few
lexical cues. It is trained on two shipped labelled sets: ``data/classifier_examples.jsonl`` (generic B2B
interview statements from many domains) and ``data/devset.jsonl`` (statements from the sample batch).
``voiceofbuyer eval`` scores it honestly by cross-validation grouped by interview: every development
statement is classified by a model trained without any statement of its interview. Training is
deterministic and its weights are cached in the store, so prediction is a matrix product. Statements
below ``min_confidence`` become ``other``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from .config import ClassifyConfig
from .records import CATEGORIES, Classification, Statement

CLASSIFIER_VERSION = "1"
EXAMPLES = "data/classifier_examples.jsonl"
DEVSET = "data/devset.jsonl"

# Words that signal a category in the statement or in the question that prompted it.
_CUES: dict[str, re.Pattern[str]] = {
    "pain": re.compile(
        r"\b(pain|frustrat\w*|wast\w*|manual(ly)?|by hand|chas\w+|nightmare|struggl\w*|headache|problem\w*"
        r"|hard to|difficult|slow|late|mistake\w*|error\w*|overtime|tedious|drown\w*|mess|broken|stuck"
        r"|annoy\w*|painful|takes? (us |me )?(ages|forever|days|hours))\b",
        re.I,
    ),
    "trigger": re.compile(
        r"\b(that's when|when we|after (the|our|we)|start(ed)? looking|kicked off|the moment|audit(or)?s?"
        r"|acqui\w+|merger|new (cfo|ceo|erp|manager|boss)|left|quit|resign\w*|grew|growth|doubled"
        r"|last straw|forced|wake-?up|deadline|mandate\w*|renewal|migrat\w*|switch(ed|ing)?)\b",
        re.I,
    ),
    "objection": re.compile(
        r"\b(worr\w+|concern\w*|hesitat\w*|afraid|risk\w*|expensive|pric\w+|cost\w*|skeptic\w*|doubt\w*"
        r"|wouldn't|won't|can't justify|not convinced|not sure|push ?back|reluctan\w*|too (long|much)"
        r"|lock-?in|scar\w+|trust|security review|resist\w*)\b",
        re.I,
    ),
    "goal": re.compile(
        r"\b(want(ed)? to|would love|love to|goal\w*|aim\w*|hope\w*|ideally|so that|target\w*|achieve\w*"
        r"|get to|dream|vision|objective\w*|success|in a year|by next year|wish)\b",
        re.I,
    ),
    "criterion": re.compile(
        r"\b(must|has to|have to have|needs? to (have|support|integrate|connect|work)|non-negotiable"
        r"|deal-?breaker|look(ing)? for|important|compar\w+|evaluat\w+|checklist|requirement\w*|criteria"
        r"|criterion|shortlist\w*|references?|demo|pilot|proof|native|support for|decid\w+|pick\w*|choos\w+)\b",
        re.I,
    ),
}
_QUESTION_WEIGHT = 0.5
_CUE_WEIGHT = 0.35


@dataclass(frozen=True)
class LabelledStatement:
    question: str
    text: str
    label: str
    interview: str = ""
    """Where it was said (cross-validation keeps an interview's statements in one fold)."""


@dataclass(frozen=True)
class Classifier:
    """Weights of the trained model: ``softmax(features @ weights.T + bias)`` over ``labels``."""

    labels: tuple[str, ...]
    weights: np.ndarray
    bias: np.ndarray
    key: str
    """Identifies the training data, embedder and version (part of the verdict cache key)."""

    def to_json(self) -> dict[str, object]:
        return {"labels": list(self.labels), "weights": self.weights.tolist(), "bias": self.bias.tolist()}

    @classmethod
    def from_json(cls, value: dict[str, object], key: str) -> Classifier:
        return cls(
            tuple(value["labels"]),  # type: ignore[arg-type]
            np.asarray(value["weights"], dtype=np.float64),
            np.asarray(value["bias"], dtype=np.float64),
            key,
        )

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        logits = features @ self.weights.T + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)


def read_labelled(path: Path | None = None, default: str = EXAMPLES) -> list[LabelledStatement]:
    """Labelled statements from a JSONL file (``question``, ``text``, ``label``); the shipped set by default."""
    if path is None:
        text = resources.files("voiceofbuyer").joinpath(default).read_text("utf-8")
        name = default
    else:
        text, name = path.read_text("utf-8"), str(path)
    items = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        if row["label"] not in CATEGORIES:
            raise ValueError(f"{name}:{number}: unknown label {row['label']!r}; use one of {', '.join(CATEGORIES)}")
        items.append(LabelledStatement(row.get("question", ""), row["text"], row["label"], row.get("interview", "")))
    return items


def cue_features(texts: list[str]) -> np.ndarray:
    return np.array(
        [[min(len(pattern.findall(text)), 3) / 3 for pattern in _CUES.values()] for text in texts], dtype=np.float32
    )


def features(texts: list[str], questions: list[str], vectors: dict[str, np.ndarray]) -> np.ndarray:
    """Statement embedding, question embedding and cue counts, side by side."""
    dimensions = len(next(iter(vectors.values())))
    blank = np.zeros(dimensions, dtype=np.float32)
    text_part = np.stack([vectors[t] for t in texts])
    question_part = np.stack([vectors[q] if q else blank for q in questions]) * _QUESTION_WEIGHT
    cues = np.hstack([cue_features(texts), cue_features(questions) * 0.5]) * _CUE_WEIGHT
    return np.hstack([text_part, question_part, cues]).astype(np.float64)


def train(examples: list[LabelledStatement], vectors: dict[str, np.ndarray], key: str) -> Classifier:
    from sklearn.linear_model import LogisticRegression

    x = features([e.text for e in examples], [e.question for e in examples], vectors)
    y = [e.label for e in examples]
    model = LogisticRegression(C=4.0, max_iter=2000, random_state=0)
    model.fit(x, y)
    weights, bias = model.coef_, model.intercept_
    if len(model.classes_) == 2:
        # Two classes come back as one logit z for the second; softmax([0, z]) is the same sigmoid.
        weights, bias = np.vstack([np.zeros_like(weights), weights]), np.concatenate([[0.0], bias])
    return Classifier(tuple(str(c) for c in model.classes_), weights, bias, key)


def predict(
    texts: list[str],
    questions: list[str],
    classifier: Classifier,
    vectors: dict[str, np.ndarray],
    settings: ClassifyConfig,
) -> list[tuple[str, float]]:
    """(category, confidence) per statement; unsure or too short statements are ``other``."""
    if not texts:
        return []
    verdicts = []
    for text, row in zip(texts, classifier.probabilities(features(texts, questions, vectors)), strict=True):
        best = int(np.argmax(row))
        label, confidence = classifier.labels[best], float(row[best])
        if confidence < settings.min_confidence or len(text.split()) < settings.min_words:
            label = "other"
        verdicts.append((label, round(confidence, 4)))
    return verdicts


def classify(
    statements: list[Statement], classifier: Classifier, vectors: dict[str, np.ndarray], settings: ClassifyConfig
) -> list[Classification]:
    verdicts = predict([s.text for s in statements], [s.question for s in statements], classifier, vectors, settings)
    return [
        Classification(s.id, label, confidence) for s, (label, confidence) in zip(statements, verdicts, strict=True)
    ]


@dataclass(frozen=True)
class Evaluation:
    labels: tuple[str, ...]
    confusion: np.ndarray
    """Rows: true label; columns: predicted label."""

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
        return float(np.mean([f1 for _, _, f1, _ in self.scores().values()]))

    @property
    def accuracy(self) -> float:
        return float(np.trace(self.confusion) / max(1, self.confusion.sum()))

    def report(self) -> str:
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


def cross_validate(
    devset: list[LabelledStatement],
    extra: list[LabelledStatement],
    vectors: dict[str, np.ndarray],
    settings: ClassifyConfig,
    folds: int = 7,
) -> Evaluation:
    """Each development statement classified by a model trained on ``extra`` and the other interviews' folds."""
    interviews = sorted({d.interview or str(i) for i, d in enumerate(devset)})
    fold_of = {interview: index % folds for index, interview in enumerate(interviews)}
    predicted = [""] * len(devset)
    for fold in range(folds):
        held = [i for i, d in enumerate(devset) if fold_of[d.interview or str(i)] == fold]
        if not held:
            continue
        kept = [d for i, d in enumerate(devset) if fold_of[d.interview or str(i)] != fold]
        model = train(extra + kept, vectors, key=f"fold{fold}")
        verdicts = predict([devset[i].text for i in held], [devset[i].question for i in held], model, vectors, settings)
        for index, (label, _) in zip(held, verdicts, strict=True):
            predicted[index] = label
    return evaluate([d.label for d in devset], predicted)


def evaluate(truth: list[str], predicted: list[str]) -> Evaluation:
    labels = tuple(c for c in CATEGORIES if c in set(truth) | set(predicted))
    index = {label: i for i, label in enumerate(labels)}
    confusion = np.zeros((len(labels), len(labels)), dtype=np.int64)
    for true_label, predicted_label in zip(truth, predicted, strict=True):
        confusion[index[true_label], index[predicted_label]] += 1
    return Evaluation(labels, confusion)
