"""Statement (+ the interviewer's question before it) → category with a confidence.

A multinomial logistic regression over the statement's embedding, the question's embedding, a few
lexical cues, and TF-IDF word n-grams of both. It is trained on the shipped labelled sets:
``data/classifier_examples.jsonl`` (generic B2B interview statements from many domains), and
``data/classifier_examples_sample.jsonl`` and ``data/devset.jsonl`` (statements from the sample batch).
``voiceofbuyer eval`` scores it honestly by cross-validation grouped by interview: every development
statement is classified by a model trained without any statement of its interview. Training is
deterministic and its weights are cached, so prediction is a matrix product. Statements
below ``min_confidence`` become ``other``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from scipy import sparse

from .config import ClassifyConfig
from .records import CATEGORIES, Classification, Statement

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import TfidfVectorizer

CLASSIFIER_VERSION = "2"
EXAMPLES = "data/classifier_examples.jsonl"
SAMPLE_EXAMPLES = "data/classifier_examples_sample.jsonl"
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
_NGRAM_WEIGHT = 1.0


@dataclass(frozen=True)
class LabelledStatement:
    question: str
    text: str
    label: str
    interview: str = ""
    """Where it was said (cross-validation keeps an interview's statements in one fold)."""


@dataclass(frozen=True)
class NgramSpace:
    """TF-IDF over word unigrams and bigrams with a fixed vocabulary (sublinear tf, L2-normalised rows)."""

    terms: tuple[str, ...]
    idf: np.ndarray

    @classmethod
    def fit(cls, texts: list[str]) -> NgramSpace:
        vectorizer = _vectorizer()
        try:
            vectorizer.fit(texts)
        except ValueError:  # no term occurs twice (e.g. no questions at all): an empty space
            return cls((), np.zeros(0))
        return cls(tuple(str(t) for t in vectorizer.get_feature_names_out()), np.asarray(vectorizer.idf_))

    def transform(self, texts: list[str]) -> sparse.csr_matrix:
        if not self.terms:
            return sparse.csr_matrix((len(texts), 0))
        vectorizer = _vectorizer({term: index for index, term in enumerate(self.terms)})
        vectorizer.idf_ = self.idf
        return vectorizer.transform(texts)


def _vectorizer(vocabulary: dict[str, int] | None = None) -> TfidfVectorizer:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, vocabulary=vocabulary)


@dataclass(frozen=True)
class Classifier:
    """The trained model: ``softmax(features @ weights.T + bias)`` over ``labels``."""

    labels: tuple[str, ...]
    weights: np.ndarray
    bias: np.ndarray
    text_ngrams: NgramSpace
    question_ngrams: NgramSpace
    key: str
    """Identifies the training data, embedder and version (part of the verdict cache key)."""

    def to_json(self) -> dict[str, object]:
        return {
            "labels": list(self.labels),
            "weights": self.weights.tolist(),
            "bias": self.bias.tolist(),
            "ngrams": [[list(space.terms), space.idf.tolist()] for space in (self.text_ngrams, self.question_ngrams)],
        }

    @classmethod
    def from_json(cls, value: dict[str, Any], key: str) -> Classifier:
        text_ngrams, question_ngrams = (NgramSpace(tuple(terms), np.asarray(idf)) for terms, idf in value["ngrams"])
        return cls(
            tuple(value["labels"]),
            np.asarray(value["weights"], dtype=np.float64),
            np.asarray(value["bias"], dtype=np.float64),
            text_ngrams,
            question_ngrams,
            key,
        )

    def probabilities(self, texts: list[str], questions: list[str], vectors: dict[str, np.ndarray]) -> np.ndarray:
        matrix = feature_matrix(texts, questions, vectors, self.text_ngrams, self.question_ngrams)
        logits = np.asarray(matrix @ self.weights.T) + self.bias
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


def training_examples() -> list[LabelledStatement]:
    """The shipped training sets: generic B2B statements, and labelled sample-batch statements."""
    return read_labelled(None, EXAMPLES) + read_labelled(None, SAMPLE_EXAMPLES)


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


def feature_matrix(
    texts: list[str],
    questions: list[str],
    vectors: dict[str, np.ndarray],
    text_ngrams: NgramSpace,
    question_ngrams: NgramSpace,
) -> sparse.csr_matrix:
    """Dense features beside the word n-grams of the statement and of its question."""
    return sparse.hstack(
        [
            sparse.csr_matrix(features(texts, questions, vectors)),
            text_ngrams.transform(texts) * _NGRAM_WEIGHT,
            question_ngrams.transform(questions) * _NGRAM_WEIGHT * _QUESTION_WEIGHT,
        ]
    ).tocsr()


def train(examples: list[LabelledStatement], vectors: dict[str, np.ndarray], key: str) -> Classifier:
    from sklearn.linear_model import LogisticRegression

    texts, questions = [e.text for e in examples], [e.question for e in examples]
    text_ngrams, question_ngrams = NgramSpace.fit(texts), NgramSpace.fit(questions)
    x = feature_matrix(texts, questions, vectors, text_ngrams, question_ngrams)
    y = [e.label for e in examples]
    model = LogisticRegression(C=8.0, tol=1e-3, max_iter=3000, random_state=0)
    model.fit(x, y)
    weights, bias = model.coef_, model.intercept_
    if len(model.classes_) == 2:
        # Two classes come back as one logit z for the second; softmax([0, z]) is the same sigmoid.
        weights, bias = np.vstack([np.zeros_like(weights), weights]), np.concatenate([[0.0], bias])
    return Classifier(tuple(str(c) for c in model.classes_), weights, bias, text_ngrams, question_ngrams, key)


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
    for text, row in zip(texts, classifier.probabilities(texts, questions, vectors), strict=True):
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
    training: list[LabelledStatement],
    vectors: dict[str, np.ndarray],
    settings: ClassifyConfig,
    folds: int = 7,
) -> Evaluation:
    """Each development statement classified by a model that saw no statement of its interview.

    The model of a fold trains on ``training`` and the development set, less every statement from the
    fold's interviews.
    """
    interviews = sorted({d.interview or str(i) for i, d in enumerate(devset)})
    fold_of = {interview: index % folds for index, interview in enumerate(interviews)}
    predicted = [""] * len(devset)
    for fold in range(folds):
        held = [i for i, d in enumerate(devset) if fold_of[d.interview or str(i)] == fold]
        if not held:
            continue
        unseen = {devset[i].interview for i in held}
        kept = [d for i, d in enumerate(devset) if fold_of[d.interview or str(i)] != fold]
        allowed = [t for t in training if not t.interview or t.interview not in unseen]
        model = train(allowed + kept, vectors, key=f"fold{fold}")
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
