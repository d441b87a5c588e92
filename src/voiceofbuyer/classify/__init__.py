"""Statement (with the interviewer's question before it) → one of ``records.CATEGORIES``, with a confidence.

One interface, ``Classifier``, and three backends chosen by ``[classify] backend`` (see ``components``):

- ``builtin`` (``builtin.py``): offline and shipped; a logistic regression over sentence embeddings and word
  n-grams, trained on labelled real and sample statements (and a store's reviewer corrections);
- ``huggingface`` (``huggingface.py``): a local Hugging Face model directory, a sequence classifier with the six
  categories as labels or an NLI model used zero-shot with the codebook's definitions as hypotheses;
- ``server`` (``server.py``): an OpenAI-compatible server the user runs (llama.cpp server, Ollama, vLLM).

Whatever the backend, a statement below ``min_confidence`` or shorter than ``min_words`` is ``other``: it never
leads a theme.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

import numpy as np

from ..config import ClassifyConfig
from ..records import CATEGORIES, Classification, Statement
from .labelled import LabelledStatement

__all__ = ["CATEGORIES", "Classifier", "LabelledStatement"]


class Classifier(ABC):
    """A backend: ``probabilities(texts, questions)`` → (labels, n × len(labels) probabilities)."""

    name: str
    """What the verdicts depend on (model, training data, settings): part of the verdict cache key."""

    def __init__(self, config: ClassifyConfig) -> None:
        self.config = config

    @abstractmethod
    def probabilities(self, texts: list[str], questions: list[str]) -> tuple[tuple[str, ...], np.ndarray]:
        """Labels (a subset of ``CATEGORIES``) and, per statement, a probability for each (rows sum to 1)."""

    def predict(self, texts: list[str], questions: list[str]) -> list[tuple[str, float]]:
        """(category, confidence) per statement; unsure or too short statements are ``other``."""
        if not texts:
            return []
        labels, probabilities = self.probabilities(texts, questions)
        verdicts = []
        for text, row in zip(texts, probabilities, strict=True):
            best = int(np.argmax(row))
            label, confidence = labels[best], float(row[best])
            if confidence < self.config.min_confidence or len(text.split()) < self.config.min_words:
                label = "other"
            verdicts.append((label, round(confidence, 4)))
        return verdicts

    def classify(self, statements: Sequence[Statement]) -> list[Classification]:
        """A ``Classification`` per statement, in order, from ``predict`` on its text and question."""
        verdicts = self.predict([s.text for s in statements], [s.question for s in statements])
        return [Classification(s.id, *verdict) for s, verdict in zip(statements, verdicts, strict=True)]
