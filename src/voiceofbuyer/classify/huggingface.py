"""A local Hugging Face model directory as the classifier (``[classify] backend = "huggingface"``, ``model = DIR``).

Two kinds of model work, told apart by their labels (``config.json`` ``id2label``):

- a sequence classifier whose labels are the six categories (fine-tuned on your own labelled statements): its
  softmax is the probabilities;
- an NLI model (labels ``entailment``, ``neutral``, ``contradiction``), used zero-shot: each category's codebook
  definition is a hypothesis, and the entailment scores, normalised over the categories, are the probabilities.

The model is read from the directory only (``local_files_only``): nothing is downloaded.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..config import ClassifyConfig
from ..errors import ConfigError
from ..records import CATEGORIES
from . import Classifier
from .labelled import LabelledStatement

if TYPE_CHECKING:
    from ..vectors import Vectors

HYPOTHESES = {
    "pain": "The speaker describes a problem, cost, risk or frustration in how things are done now.",
    "trigger": "The speaker describes an event that made them start looking for or adopting a solution.",
    "objection": "The speaker expresses a doubt, concern or barrier against buying or adopting a solution.",
    "goal": "The speaker describes an outcome or future state they want.",
    "criterion": "The speaker says what a solution must have or how they will choose one.",
    "other": "The speaker gives background or neutral information.",
}
"""The codebook's definitions (docs/labelling.md) as NLI hypotheses."""
_BATCH = 16


class HuggingFaceClassifier(Classifier):
    """A local Hugging Face sequence classifier or NLI model; ``ConfigError`` when the directory has no ``config.json``
    or its labels are neither the categories nor an NLI model's."""

    def __init__(self, config: ClassifyConfig, vectors: Vectors, reviewed: list[LabelledStatement]) -> None:
        super().__init__(config)
        directory = Path(config.model)
        if not config.model or not (directory / "config.json").is_file():
            raise ConfigError(
                f"[classify] model {config.model!r}: not a Hugging Face model directory with a config.json "
                "(fix: point [classify] model at a local model folder, or use backend = 'builtin')"
            )
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        self.tokenizer = AutoTokenizer.from_pretrained(str(directory), local_files_only=True)
        self.model = AutoModelForSequenceClassification.from_pretrained(str(directory), local_files_only=True).eval()
        labels = {int(i): str(label).lower() for i, label in self.model.config.id2label.items()}
        self.zero_shot = "entailment" in labels.values()
        self.label_index = labels
        if not self.zero_shot and not set(labels.values()) <= set(CATEGORIES):
            raise ConfigError(
                f"[classify] model {config.model!r}: its labels {sorted(labels.values())} are neither the six "
                "categories nor an NLI model's (fix: fine-tune on the categories, or use an NLI model)"
            )
        digest = hashlib.sha256((directory / "config.json").read_bytes())
        for weights in sorted(directory.glob("*.safetensors")) + sorted(directory.glob("*.bin")):
            digest.update(str(weights.stat().st_size).encode())
        self.name = f"huggingface:{'nli' if self.zero_shot else 'seq'}:{digest.hexdigest()[:16]}"

    def probabilities(self, texts: list[str], questions: list[str]) -> tuple[tuple[str, ...], np.ndarray]:
        """The model's labels and softmax per statement, in batches of 16; an NLI model gives ``CATEGORIES``, entailment
        normalised over them. Questions are not used."""
        if self.zero_shot:
            return CATEGORIES, self._zero_shot(texts)
        labels = tuple(self.label_index[i] for i in sorted(self.label_index))
        rows = []
        for begin in range(0, len(texts), _BATCH):
            rows.append(self._softmax(self._logits(texts[begin : begin + _BATCH], None)))
        return labels, np.vstack(rows)

    def _zero_shot(self, texts: list[str]) -> np.ndarray:
        entail = next(i for i, label in self.label_index.items() if label == "entailment")
        scores = np.zeros((len(texts), len(CATEGORIES)))
        for column, category in enumerate(CATEGORIES):
            for begin in range(0, len(texts), _BATCH):
                chunk = texts[begin : begin + _BATCH]
                logits = self._logits(chunk, [HYPOTHESES[category]] * len(chunk))
                scores[begin : begin + len(chunk), column] = logits[:, entail]
        return self._softmax(scores)

    def _logits(self, texts: list[str], pairs: list[str] | None) -> np.ndarray:
        import torch

        encoded: Any = self.tokenizer(texts, pairs, padding=True, truncation=True, max_length=256, return_tensors="pt")
        with torch.no_grad():
            return self.model(**encoded).logits.numpy().astype(np.float64)

    @staticmethod
    def _softmax(logits: np.ndarray) -> np.ndarray:
        shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
        return shifted / shifted.sum(axis=1, keepdims=True)
