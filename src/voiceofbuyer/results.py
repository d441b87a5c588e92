"""A run's result in the store's results tables and back as records: documents re-render and the review desk
works without the batch folder, a model or any recomputation.

Each row holds a record as ``schema`` writes it (the store's own form, not the published ``voiceofbuyer.json``),
beside the columns the store queries (role, category, text for full-text search).
"""

from __future__ import annotations

import json
from pathlib import Path

from .errors import StoreError
from .records import BuyerProfile, Classification, Interview, Persona, RunResult, SpeakerRoles, Statement, Theme
from .schema import SchemaError, from_json, to_json
from .store import ResultRows, Store, dump_json


def result_rows(result: RunResult) -> ResultRows:
    """The results tables' rows of ``result`` (see ``Store.finish_run``), each table's made as it is read."""
    theme_of = result.theme_of()
    return {
        "interviews": (
            {"id": i.id, "source": i.source, "format": i.format, "sha256": i.sha256,
             "role": result.profiles[i.id].role, "speakers": dump_json(to_json(result.speakers[i.id])),
             "profile": dump_json(to_json(result.profiles[i.id])), "data": dump_json(to_json(i))}
            for i in result.interviews
        ),
        "statements": (
            {"id": s.id, "interview_id": s.interview_id, "category": result.classifications[s.id].category,
             "confidence": result.classifications[s.id].confidence, "theme_id": theme_of.get(s.id), "text": s.text,
             "data": dump_json(to_json(s))}
            for s in result.statements
        ),
        "themes": (
            {"id": t.id, "role": t.role, "category": t.category, "rank": rank, "data": dump_json(to_json(t))}
            for rank, t in enumerate(result.themes)
        ),
        "personas": [{"role": p.role, "slug": p.slug, "data": dump_json(to_json(p))} for p in result.personas],
    }  # fmt: skip


def load_result(store: Store) -> RunResult:
    """The last finished run's result; ``StoreError`` when there is none to load, or the rows do not read back."""
    run = store.last_run()
    if run is None:
        raise StoreError(f"{store.path}: no finished run (fix: run `voiceofbuyer run DIR --out {store.path.parent}`)")
    if store.results_of_run() != run["id"]:
        raise StoreError(
            f"{store.path}: its results were written by an older version (fix: run `voiceofbuyer run` again; it "
            "reuses the cache, takes seconds, and keeps every review decision)"
        )
    try:
        return _read(store, Path(run["batch"]).name)
    except (SchemaError, ValueError, KeyError) as error:
        raise StoreError(
            f"{store.path}: the last run's results do not read back ({error}) (fix: run `voiceofbuyer run` again; "
            "review decisions are kept)"
        ) from error


def _read(store: Store, batch: str) -> RunResult:
    interview_rows = store.result_rows("interviews", "id, speakers, profile, data", "id")
    statement_rows = store.result_rows("statements", "id, category, confidence, data", "rowid")
    return RunResult(
        batch=batch,
        interviews=tuple(from_json(Interview, json.loads(data)) for _, _, _, data in interview_rows),
        speakers={i: from_json(SpeakerRoles, json.loads(speakers)) for i, speakers, _, _ in interview_rows},
        profiles={i: from_json(BuyerProfile, json.loads(profile)) for i, _, profile, _ in interview_rows},
        statements=tuple(from_json(Statement, json.loads(data)) for *_, data in statement_rows),
        classifications={i: Classification(i, category, confidence) for i, category, confidence, _ in statement_rows},
        themes=tuple(from_json(Theme, json.loads(row[0])) for row in store.result_rows("themes", "data", "rank")),
        personas=tuple(from_json(Persona, json.loads(row[0])) for row in store.result_rows("personas", "data", "role")),
    )
