"""Statement (with the interviewer's question before it) → one of ``records.CATEGORIES``, with a confidence.

One interface, ``Classifier``, and three backends chosen by ``[classify] backend`` (see ``components``):

- ``builtin`` (``builtin.py``): offline and shipped; a logistic regression over sentence embeddings and word
  n-grams, trained on labelled real and sample statements (and a store's reviewer corrections);
- ``huggingface`` (``huggingface.py``): a local Hugging Face model directory, a sequence classifier with the six
  categories as labels or an NLI model used zero-shot with the codebook's definitions as hypotheses;
- ``server`` (``server.py``): an OpenAI-compatible server the user runs (llama.cpp server, Ollama, vLLM).

Whatever the backend, a statement below ``min_confidence``, shorter than ``min_words``, small talk about the
conversation itself (``remarks.is_small_talk``), a denial of what was asked about (``remarks.denies_having``: "I
have no concerns."), praise alone filed as a pain or an objection (``remarks.only_praises``), or a forecast filed as
a goal (``remarks.forecasts``), who approves the purchase filed as a criterion or an objection
(``remarks.only_describes_approval``), or the speaker's job and nothing more (``remarks.only_states_a_job``:
"I'm not myself a data scientist."; ``remarks.only_lists_duties``: "I own our SOC 2 and our vendor risk program.")
is ``other``: it never leads a theme. A doubt the model calls a criterion is an
objection (``remarks.voices_a_doubt``), by the codebook's tie-break.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

import numpy as np

from ..config import ClassifyConfig
from ..records import CATEGORIES, Classification, Statement
from ..remarks import (
    denies_having,
    forecasts,
    is_small_talk,
    only_describes_approval,
    only_lists_duties,
    only_praises,
    only_states_a_job,
    tells_a_career_move,
    voices_a_doubt,
)
from .labelled import LabelledStatement

__all__ = ["CATEGORIES", "FILING_RULES", "Classifier", "LabelledStatement", "filed_as"]

FILING_RULES = "15"
"""The version of ``filed_as``'s rules (small talk, denials): part of the verdict cache key, so a changed rule
re-files every statement."""


def filed_as(label: str, confidence: float, text: str, config: ClassifyConfig) -> str:
    """The category a statement is filed under: the model's ``label``, or ``other`` when the model is unsure
    (``confidence`` below ``min_confidence``), the statement is shorter than ``min_words``, it is small talk or it
    denies having what was asked about ("I can't think of a time I got frustrated."), or it is filed as a pain or
    an objection but only praises ("I was particularly satisfied that it found the bug."), or filed as a goal but only
    forecasts ("I believe AI will become more capable."), or filed as a criterion or an objection but only tells who
    approves the purchase ("... and then the CFO signs."), or it only states the speaker's job or tells where they
    worked before ("After that I worked two years in a company called Company 2."). A criterion that only voices a
    doubt, with no must-have ("I don't know if our dispatchers will be able to use it."), is an objection."""
    unsure = confidence < config.min_confidence or len(text.split()) < config.min_words
    praise = label in ("pain", "objection") and only_praises(text)
    forecast = label == "goal" and forecasts(text)
    approval = label in ("criterion", "objection") and only_describes_approval(text)
    background = (
        is_small_talk(text)
        or denies_having(text)
        or only_states_a_job(text)
        or only_lists_duties(text)
        or tells_a_career_move(text)
    )
    if unsure or praise or forecast or approval or background:
        return "other"
    return "objection" if label == "criterion" and voices_a_doubt(text) else label


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
        """(category, confidence) per statement; unsure, too short or small-talk statements are ``other``."""
        if not texts:
            return []
        labels, probabilities = self.probabilities(texts, questions)
        verdicts = []
        for text, row in zip(texts, probabilities, strict=True):
            best = int(np.argmax(row))
            label, confidence = labels[best], float(row[best])
            verdicts.append((filed_as(label, confidence, text, self.config), round(confidence, 4)))
        return verdicts

    def classify(self, statements: Sequence[Statement]) -> list[Classification]:
        """A ``Classification`` per statement, in order, from ``predict`` on its text and question."""
        verdicts = self.predict([s.text for s in statements], [s.question for s in statements])
        return [Classification(s.id, *verdict) for s, verdict in zip(statements, verdicts, strict=True)]
