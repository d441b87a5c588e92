"""The classify stage of a run: a verdict per statement, from the store's cache where it has one, by the classifier
re-fitted on the reviewers' moves, each moved statement's own verdict from a model that did not learn from it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from . import components
from .classify import FILING_RULES, Classifier, LabelledStatement
from .config import Config
from .ingest.language import other_language
from .records import Classification, Statement
from .store import Store, text_hash
from .vectors import Vectors

_CLASSIFY_CHUNK = 8192
"""Statements classified at a time."""
HELD_OUT_FOLDS = 5
"""Folds of the reviewers' moves (by interview) whose statements are classified by a model trained on the others."""


def classify_statements(
    statements: list[Statement],
    config: Config,
    vectors: Vectors,
    store: Store,
    reviewed: list[LabelledStatement],
    languages: Mapping[str, str] | None = None,
) -> dict[str, Classification]:
    """A verdict per statement id, by the classifier re-fitted on the reviewers' moves (``reviewed``); a moved
    statement's own verdict comes from a model that did not learn from it, so the desk's agreement with the
    reviewers (``agreement``) is not the classifier grading itself (the documents show the reviewer's category).
    A sentence said in another language than its interview's (``languages``: interview id → ISO 639-1 code,
    English where not given) is filed as ``other`` (``ingest.language.other_language``)."""
    embed = components.classifier_vectors(config, store, vectors)
    verdicts = _verdicts(components.classifier(config, embed, reviewed), statements, config, store)
    # Folds by interview, as the cross-validation of ``eval`` keeps them: a statement said near a moved one in the
    # same interview would teach its neighbour's category.
    interviews = sorted({example.interview for example in reviewed})
    folds = min(HELD_OUT_FOLDS, len(interviews))
    for fold in range(folds):
        held = set(interviews[fold::folds])
        taught = [example for example in reviewed if example.interview not in held]
        ids = {example.id for example in reviewed if example.interview in held}
        held_out = [s for s in statements if s.id in ids]
        verdicts.update(_verdicts(components.classifier(config, embed, taught), held_out, config, store))
    return _in_their_language(verdicts, statements, languages or {})


def _in_their_language(
    verdicts: dict[str, Classification], statements: list[Statement], languages: Mapping[str, str]
) -> dict[str, Classification]:
    """``verdicts`` with every statement said in another language than its interview's filed as ``other``.

    "Hallo Herr Brenner, ja, alles gut." in an English call is a greeting, or words the buyer says again in the
    interview's language; the model, which reads one language, filed such sentences as pains and criteria (tester 51:
    "Es regnet natürlich, wie immer in Hamburg." among a persona's decision criteria)."""
    for statement in statements:
        verdict = verdicts[statement.id]
        if verdict.category != "other" and other_language(statement.text, languages.get(statement.interview_id, "en")):
            verdicts[statement.id] = replace(verdict, category="other")
    return verdicts


def refit_moves(
    statements: list[Statement],
    verdicts: dict[str, Classification],
    config: Config,
    vectors: Vectors,
    store: Store,
    reviewed: list[LabelledStatement],
    languages: Mapping[str, str] | None = None,
) -> list[str]:
    """A note on the statements no reviewer moved that the classifier, re-fitted on the reviewers' moves, files in
    another category than the shipped one does: a move in one persona may change a battlecard of another, and the
    reviewer is told so (tester 27: a Sales objection became a criterion after moves in Procurement and Legal)."""
    if not reviewed:
        return []
    shipped = _in_their_language(
        _verdicts(components.classifier(config, components.classifier_vectors(config, store, vectors)), statements,
                  config, store), statements, languages or {},
    )  # fmt: skip
    moved = {example.id for example in reviewed}
    changed = [s for s in statements
               if s.id not in moved and shipped[s.id].category != verdicts[s.id].category]  # fmt: skip
    if not changed:
        return []
    first = changed[0]
    return [
        f"the classifier, re-fitted on {len(moved)} statement{'s' if len(moved) > 1 else ''} reviewers moved, files "
        f"{len(changed)} other statement{'s' if len(changed) > 1 else ''} in another category than without those "
        f"moves, e.g. {first.id} “{first.text[:80]}” as {verdicts[first.id].category}, not "
        f"{shipped[first.id].category} (move it back in the desk if it is wrong)"
    ]


def _verdicts(
    classifier: Classifier, statements: list[Statement], config: Config, store: Store
) -> dict[str, Classification]:
    """``classifier``'s verdict per statement id, from the store's cache where it has them."""
    settings = config.fingerprint("classify")
    keys = {s.id: text_hash(classifier.name, FILING_RULES, settings, s.question, s.text) for s in statements}
    cached = store.cached_many("verdict", keys.values())
    verdicts = {s.id: Classification(s.id, *cached[keys[s.id]]) for s in statements if keys[s.id] in cached}
    missing = [s for s in statements if s.id not in verdicts]
    # A chunk at a time: the classifier reads the chunk's vectors (and a crash keeps the verdicts already stored).
    for begin in range(0, len(missing), _CLASSIFY_CHUNK):
        fresh = classifier.classify(missing[begin : begin + _CLASSIFY_CHUNK])
        store.put_cache("verdict", {keys[v.statement_id]: [v.category, v.confidence] for v in fresh})
        verdicts.update((v.statement_id, v) for v in fresh)
    return verdicts
