"""The built-in classifier: offline, shipped, deterministic.

A multinomial logistic regression over the statement's sentence embedding, the embedding of the interviewer's
question before it, a few lexical cues, and TF-IDF word n-grams of both, with class weights that balance the
rare categories. It trains at first use (seconds) on the shipped labelled sets (``labelled.SHIPPED_SOURCES``) and
a store's reviewer corrections; the weights are cached in the shared model cache, so prediction is a matrix
product. ``voiceofbuyer eval`` scores it by cross-validation grouped by interview, per source.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from scipy import sparse

from ..config import ClassifyConfig
from ..files import cached_training
from ..store import text_hash
from . import Classifier
from .labelled import LabelledStatement, shipped

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from ..vectors import Vectors

VERSION = "4"
OWN_WEIGHT = 4.0
"""An example of the material being classified counts as this many of the others: a reviewer's correction in a
run (this store's own interviews), the scored source's other folds in ``voiceofbuyer eval``. Categories shift
between kinds of interview, so a kind's own labels teach most (measured: see README, "Classifier")."""

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
_C = 2.0
_CUE_WEIGHT = 0.35
_NGRAM_WEIGHT = 1.0
PREDICT_CHUNK = 2048
"""Statements whose features are built at a time when predicting (bounded memory)."""


@dataclass(frozen=True)
class NgramSpace:
    """TF-IDF over word unigrams and bigrams with a fixed vocabulary (sublinear tf, L2-normalised rows)."""

    terms: tuple[str, ...]
    idf: np.ndarray

    @classmethod
    def fit(cls, texts: list[str]) -> NgramSpace:
        """The space of the unigrams and bigrams found in at least two of ``texts``; empty when none is."""
        vectorizer = _vectorizer()
        try:
            vectorizer.fit(texts)
        except ValueError:  # no term occurs twice (e.g. no questions at all): an empty space
            return cls((), np.zeros(0))
        return cls(tuple(str(t) for t in vectorizer.get_feature_names_out()), np.asarray(vectorizer.idf_))

    def transform(self, texts: list[str]) -> sparse.csr_matrix:
        """TF-IDF rows (n × len(terms), sparse) of ``texts`` over this vocabulary."""
        if not self.terms:
            return sparse.csr_matrix((len(texts), 0))
        vectorizer = _vectorizer({term: index for index, term in enumerate(self.terms)})
        vectorizer.idf_ = self.idf
        row_of = {text: row for row, text in enumerate(dict.fromkeys(texts))}  # a question answered many times: once
        return vectorizer.transform(list(row_of))[[row_of[text] for text in texts]]


def _vectorizer(vocabulary: dict[str, int] | None = None) -> TfidfVectorizer:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, vocabulary=vocabulary)


@dataclass(frozen=True)
class LinearModel:
    """``softmax(features @ weights.T + bias)`` over ``labels``."""

    labels: tuple[str, ...]
    weights: np.ndarray
    bias: np.ndarray
    text_ngrams: NgramSpace
    question_ngrams: NgramSpace

    def to_json(self) -> dict[str, object]:
        """Labels, weights, bias and both n-gram spaces as JSON-ready lists (``from_json`` reads them back)."""
        return {
            "labels": list(self.labels),
            "weights": self.weights.tolist(),
            "bias": self.bias.tolist(),
            "ngrams": [[list(space.terms), space.idf.tolist()] for space in (self.text_ngrams, self.question_ngrams)],
        }

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> LinearModel:
        """The model ``to_json`` wrote."""
        text_ngrams, question_ngrams = (NgramSpace(tuple(terms), np.asarray(idf)) for terms, idf in value["ngrams"])
        return cls(
            tuple(value["labels"]),
            np.asarray(value["weights"], dtype=np.float64),
            np.asarray(value["bias"], dtype=np.float64),
            text_ngrams,
            question_ngrams,
        )

    def probabilities(self, texts: list[str], questions: list[str], vectors: Mapping[str, np.ndarray]) -> np.ndarray:
        """Per statement, a probability for each of ``labels`` (n × len(labels), rows sum to 1); ``vectors``: embedding
        by text, for every text and non-empty question. In chunks of ``PREDICT_CHUNK`` statements: the feature
        matrix of a whole batch (dense part in float64, then sparse) took about 29 KB a statement at once; each row
        is computed alone, so the chunks change no figure."""
        parts = [np.zeros((0, len(self.labels)))]
        for begin in range(0, len(texts), PREDICT_CHUNK):
            end = begin + PREDICT_CHUNK
            matrix = feature_matrix(texts[begin:end], questions[begin:end], vectors, self.text_ngrams,
                                    self.question_ngrams)  # fmt: skip
            logits = np.asarray(matrix @ self.weights.T) + self.bias
            logits -= logits.max(axis=1, keepdims=True)
            exp = np.exp(logits)
            parts.append(exp / exp.sum(axis=1, keepdims=True))
        return np.vstack(parts)


def cue_features(texts: list[str]) -> np.ndarray:
    """Per text, each category cue's hit count capped at 3, over 3 (n × 5 float32, 0 to 1). Each distinct text is
    searched once: a question stands before each of the sentences that answer it."""
    rows: dict[str, list[float]] = {}
    for text in texts:
        if text not in rows:
            rows[text] = [min(len(pattern.findall(text)), 3) / 3 for pattern in _CUES.values()]
    return np.array([rows[text] for text in texts], dtype=np.float32).reshape(len(texts), len(_CUES))


def features(texts: list[str], questions: list[str], vectors: Mapping[str, np.ndarray]) -> np.ndarray:
    """Statement embedding, question embedding and cue counts, side by side (n × (2d + 10))."""
    dimensions = len(next(iter(vectors.values())))
    blank = np.zeros(dimensions, dtype=np.float32)
    text_part = np.stack([vectors[t] for t in texts])
    question_part = np.stack([vectors[q] if q else blank for q in questions]) * _QUESTION_WEIGHT
    cues = np.hstack([cue_features(texts), cue_features(questions) * 0.5]) * _CUE_WEIGHT
    return np.hstack([text_part, question_part, cues]).astype(np.float64)


def feature_matrix(
    texts: list[str],
    questions: list[str],
    vectors: Mapping[str, np.ndarray],
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


def train(examples: list[LabelledStatement], vectors: Mapping[str, np.ndarray], own: str = "reviewer") -> LinearModel:
    """Fit the model on ``examples``, those of source ``own`` weighing ``OWN_WEIGHT``; deterministic."""
    from sklearn.linear_model import LogisticRegression

    texts, questions = [e.text for e in examples], [e.question for e in examples]
    text_ngrams, question_ngrams = NgramSpace.fit(texts), NgramSpace.fit(questions)
    x = feature_matrix(texts, questions, vectors, text_ngrams, question_ngrams)
    y = [e.label for e in examples]
    weight = np.array([OWN_WEIGHT if e.source == own else 1.0 for e in examples])
    model = LogisticRegression(C=_C, class_weight="balanced", tol=1e-3, max_iter=3000, random_state=0)
    model.fit(x, y, sample_weight=weight)
    weights, bias = model.coef_, model.intercept_
    if len(model.classes_) == 2:
        # Two classes come back as one logit z for the second; softmax([0, z]) is the same sigmoid.
        weights, bias = np.vstack([np.zeros_like(weights), weights]), np.concatenate([[0.0], bias])
    return LinearModel(tuple(str(c) for c in model.classes_), weights, bias, text_ngrams, question_ngrams)


def training_vectors(examples: list[LabelledStatement], vectors: Vectors) -> Mapping[str, np.ndarray]:
    """Embeddings of the examples' texts and non-empty questions, by text."""
    return vectors.get([e.text for e in examples] + [e.question for e in examples if e.question])


class BuiltinClassifier(Classifier):
    """The shipped model, re-fitted with a store's reviewer corrections when there are any."""

    def __init__(self, config: ClassifyConfig, vectors: Vectors, reviewed: list[LabelledStatement]) -> None:
        super().__init__(config)
        self.vectors = vectors
        self.examples = shipped() + list(reviewed)
        self.name = text_hash(VERSION, vectors.name, *(f"{e.question}\t{e.text}\t{e.label}\t{e.source}"
                                                       for e in self.examples))  # fmt: skip
        self._model: LinearModel | None = None

    @property
    def model(self) -> LinearModel:
        """The fitted model: from the shared model cache, trained there at first use."""
        if self._model is None:

            def fit() -> dict[str, Any]:
                """The model trained on ``examples``, as JSON for the cache."""
                return train(self.examples, training_vectors(self.examples, self.vectors)).to_json()

            trained = cached_training("classifier", self.name, fit)
            self._model = LinearModel.from_json(trained)
        return self._model

    def probabilities(self, texts: list[str], questions: list[str]) -> tuple[tuple[str, ...], np.ndarray]:
        """The model's labels and probabilities, embedding texts and questions through ``vectors``."""
        vectors = self.vectors.get(texts + [q for q in questions if q])
        return self.model.labels, self.model.probabilities(texts, questions, vectors)
