"""The classifier: deterministic training, the confidence and length floors, and scoring."""

from __future__ import annotations

import numpy as np

from voiceofbuyer.classify import LabelledStatement, evaluate, predict, read_labelled, train, training_examples
from voiceofbuyer.config import ClassifyConfig

LABELS = ("pain", "goal")


def toy_vectors() -> tuple[list[LabelledStatement], dict[str, np.ndarray]]:
    rng = np.random.default_rng(0)
    centres = {"pain": rng.normal(size=16), "goal": rng.normal(size=16)}
    examples, vectors = [], {}
    for label in LABELS:
        for n in range(20):
            text = f"{label} statement number {n} with enough words"
            vectors[text] = centres[label] + rng.normal(scale=0.3, size=16)
            examples.append(LabelledStatement("", text, label))
    return examples, vectors


def test_training_is_deterministic_and_separates_the_classes():
    examples, vectors = toy_vectors()
    first, second = train(examples, vectors, "k"), train(examples, vectors, "k")
    assert np.array_equal(first.weights, second.weights)
    verdicts = predict(
        [e.text for e in examples],
        ["" for _ in examples],
        first,
        vectors,
        ClassifyConfig(min_confidence=0.0, min_words=1),
    )
    assert [label for label, _ in verdicts] == [e.label for e in examples]


def test_unsure_or_short_statements_are_other():
    examples, vectors = toy_vectors()
    model = train(examples, vectors, "k")
    text = examples[0].text
    assert predict([text], [""], model, vectors, ClassifyConfig(min_confidence=1.0, min_words=1))[0][0] == "other"
    assert predict([text], [""], model, vectors, ClassifyConfig(min_confidence=0.0, min_words=50))[0][0] == "other"


def test_scores_per_class_and_macro():
    evaluation = evaluate(["pain", "pain", "goal", "other"], ["pain", "goal", "goal", "other"])
    scores = evaluation.scores()
    assert scores["pain"] == (1.0, 0.5, 2 / 3, 2)
    assert scores["goal"][:2] == (0.5, 1.0)
    assert abs(evaluation.macro_f1 - np.mean([2 / 3, 2 / 3, 1.0])) < 1e-9
    assert "confusion" in evaluation.report()


def test_shipped_sets_are_labelled_and_balanced():
    examples = training_examples()
    devset = read_labelled(None, "data/devset.jsonl")
    assert len(read_labelled()) >= 600 and len(devset) >= 300
    assert {e.label for e in examples} == {e.label for e in devset} == {
        "goal", "pain", "trigger", "objection", "criterion", "other"
    }  # fmt: skip
    assert all(d.interview for d in devset)
    assert not {e.text for e in examples} & {d.text for d in devset}, "no development statement is trained on"
