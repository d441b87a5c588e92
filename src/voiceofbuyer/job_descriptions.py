"""Which job function a buyer's own account of their work points to, when they state no title.

"I grade essays and plan lessons for my year 9s" says Education without the word "teacher". A logistic regression
over the sentence embedding of the buyer's first answers, their TF-IDF word n-grams and how often each function's
title patterns occur in them ("my students", "patients"; ``roles.function_mentions``), trained on the
participants of the AnthropicInterviewer dataset (MIT licence) whose job family was labelled by hand
(``data/labelled/realworld_ai_job_families.jsonl``), gives a function only when it is at least
``MIN_PROBABILITY`` sure; otherwise the buyer stays unassigned. Training takes a few seconds at first use and its
weights are cached with the statement classifier's (see ``pipeline``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np
from scipy import sparse

from .classify.builtin import NgramSpace
from .roles import DESCRIPTION_CHARS, function_mentions, job_functions

LABELS = "data/labelled/realworld_ai_job_families.jsonl"
VERSION = "5"
ACTIVITY_WEIGHT = 3.0
"""A taxonomy's activity counts as this many labelled participants: one short sentence against a participant's
several answers. Of 120 descriptions of B2B work that name no title (``tests/fixtures/job_descriptions.jsonl``,
written apart from the activities), the model placed 30 right without activities, 51 with them at 1×, 61 at 3×;
the roles eval on ``../shared/realworld-ai`` stays at 68.9%."""
MIN_PROBABILITY = 0.2
"""Below this the description is too vague to name a function (measured: see README, "Roles")."""


@dataclass(frozen=True)
class Described:
    """A buyer's first answers about their work and the job function they point to."""

    text: str
    function: str
    weight: float = 1.0
    """How much the example counts in training."""


@dataclass(frozen=True)
class LabelledParticipant:
    """A participant of the labelled set: their first answers and the job function a coder gave them."""

    participant: str
    family: str
    """A function of the built-in taxonomy, ``Other`` (a job that fits none) or ``none`` (says nothing of it)."""
    said: str


def labelled_participants() -> list[LabelledParticipant]:
    """Every shipped labelled participant, ``none`` included."""
    text = resources.files("voiceofbuyer").joinpath(LABELS).read_text("utf-8")
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    return [LabelledParticipant(r["id"], r["family"], r["said"][:DESCRIPTION_CHARS]) for r in rows]


def training_descriptions(participants: list[LabelledParticipant]) -> list[Described]:
    """The model's training examples: ``participants`` with a job family (``none`` left out), as (first answers,
    family), then each built-in function's ``activities`` (the labelled participants, all asked about AI at work,
    hold few of the buyers of business software: 13 in accounting, 11 in IT, 0 in procurement)."""
    functions, _ = job_functions()
    labelled = [Described(p.said, p.family) for p in participants if p.family != "none"]
    return labelled + [Described(text, f.name, ACTIVITY_WEIGHT) for f in functions for text in f.activities]


@dataclass(frozen=True)
class JobDescriptionModel:
    """``softmax([embedding, tf-idf] @ weights.T + bias)`` over ``labels``."""

    labels: tuple[str, ...]
    weights: np.ndarray
    bias: np.ndarray
    ngrams: NgramSpace

    @classmethod
    def fit(cls, examples: list[Described], vectors: Mapping[str, np.ndarray]) -> JobDescriptionModel:
        """A logistic regression on the examples' embeddings and word n-grams; ``vectors``: embedding by text."""
        from sklearn.linear_model import LogisticRegression

        texts = [e.text for e in examples]
        ngrams = NgramSpace.fit(texts)
        model = LogisticRegression(C=4.0, max_iter=3000, random_state=0)
        model.fit(_features(texts, vectors, ngrams), [e.function for e in examples], [e.weight for e in examples])
        return cls(tuple(str(c) for c in model.classes_), model.coef_, model.intercept_, ngrams)

    def predict(self, texts: list[str], vectors: Mapping[str, np.ndarray]) -> list[tuple[str, float]]:
        """(function, probability) per text; function "" when the probability is below ``MIN_PROBABILITY``."""
        if not texts:
            return []
        logits = np.asarray(_features(texts, vectors, self.ngrams) @ self.weights.T) + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        probabilities = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
        best = probabilities.argmax(axis=1)
        return [
            (self.labels[b] if p[b] >= MIN_PROBABILITY else "", round(float(p[b]), 4))
            for b, p in zip(best, probabilities, strict=True)
        ]

    def to_json(self) -> dict[str, Any]:
        """Labels, weights, bias and the n-gram space as JSON-ready lists (``from_json`` reads them back)."""
        return {
            "labels": list(self.labels),
            "weights": self.weights.tolist(),
            "bias": self.bias.tolist(),
            "ngrams": [list(self.ngrams.terms), self.ngrams.idf.tolist()],
        }

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> JobDescriptionModel:
        """The model ``to_json`` wrote."""
        terms, idf = value["ngrams"]
        return cls(
            tuple(value["labels"]),
            np.asarray(value["weights"]),
            np.asarray(value["bias"]),
            NgramSpace(tuple(terms), np.asarray(idf)),
        )


def _features(texts: list[str], vectors: Mapping[str, np.ndarray], ngrams: NgramSpace) -> sparse.csr_matrix:
    dense = sparse.csr_matrix(np.stack([vectors[t] for t in texts]).astype(np.float64))
    mentions = sparse.csr_matrix(function_mentions(texts))
    return sparse.hstack([dense, ngrams.transform(texts), mentions]).tocsr()
