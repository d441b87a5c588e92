"""The last run's result read back from the store as records: documents re-render and the review desk works
without the batch folder, a model or any recomputation.

The store keeps the documented JSON form of a result (``render.result_document``) plus each interview's
decoded text and turns; this module is the inverse of that form.
"""

from __future__ import annotations

from bisect import bisect_right
from pathlib import Path
from typing import Any

from .errors import StoreError
from .personas import ordered_tally
from .records import (
    SECTION_TITLES,
    BuyerProfile,
    Citation,
    Classification,
    Interview,
    InterviewMeta,
    Persona,
    Quote,
    RunResult,
    SpeakerRoles,
    Statement,
    Theme,
    Turn,
)
from .store import Store


def transcript_document(interview: Interview) -> dict[str, Any]:
    """What the store keeps of an interview beyond the JSON result: its decoded text and its turns."""
    return {
        "interview_id": interview.id,
        "text": interview.text,
        "turns": [
            {"speaker": t.speaker, "start_char": t.start_char, "end_char": t.end_char, "line": t.line,
             "start": t.start, "end": t.end}
            for t in interview.turns
        ],
    }  # fmt: skip


def load_result(store: Store) -> RunResult:
    """The last finished run's result; ``StoreError`` when there is none to load."""
    run = store.last_run()
    if run is None:
        raise StoreError(f"{store.path}: no finished run (fix: run `voiceofbuyer run DIR --out {store.path.parent}`)")
    transcripts = store.transcripts()
    documents = store.interviews()
    if any(d["id"] not in transcripts for d in documents):
        raise StoreError(
            f"{store.path}: written by an older version without transcripts "
            f"(fix: run `voiceofbuyer run` again; it reuses the cache and takes seconds)"
        )
    interviews = tuple(_interview(d, transcripts[d["id"]]) for d in documents)
    by_id = {i.id: i for i in interviews}
    statement_documents = store.statements()
    themes = tuple(_theme(t) for t in store.themes())
    themes_by_id = {t.id: t for t in themes}
    return RunResult(
        batch=Path(run["batch"]).name,
        interviews=interviews,
        speakers={d["id"]: _speakers(d["speakers"]) for d in documents},
        profiles={d["id"]: BuyerProfile(interview_id=d["id"], **d["buyer"]) for d in documents},
        statements=tuple(_statement(s, by_id[s["interview_id"]]) for s in statement_documents),
        classifications={s["id"]: Classification(s["id"], s["category"], s["confidence"]) for s in statement_documents},
        themes=themes,
        personas=tuple(_persona(p, themes_by_id) for p in store.personas()),
    )  # fmt: skip


def _speakers(document: dict[str, Any]) -> SpeakerRoles:
    return SpeakerRoles(
        tuple(document["interviewers"]),
        tuple(document["buyers"]),
        document["how"],
        document.get("confidence", 1.0),
        tuple(document.get("uncertain", ())),
    )


def _interview(document: dict[str, Any], transcript: dict[str, Any]) -> Interview:
    text = transcript["text"]
    turns = tuple(
        Turn(speaker=t["speaker"], text=text[t["start_char"] : t["end_char"]], start_char=t["start_char"],
             end_char=t["end_char"], line=t["line"], start=t["start"], end=t["end"])
        for t in transcript["turns"]
    )  # fmt: skip
    return Interview(
        id=document["id"],
        source=document["source"],
        format=document["format"],
        sha256=document["sha256"],
        text=text,
        turns=turns,
        meta=InterviewMeta(**document["metadata"]),
        media=document["media"],
        language=document.get("language", "en"),
    )


def _statement(document: dict[str, Any], interview: Interview) -> Statement:
    starts = [turn.start_char for turn in interview.turns]
    return Statement(
        id=document["id"],
        interview_id=document["interview_id"],
        speaker=document["speaker"],
        turn_index=max(0, bisect_right(starts, document["start_char"]) - 1),
        start_char=document["start_char"],
        end_char=document["end_char"],
        removed=tuple((start, end, reason) for start, end, reason in document["removed"]),
        text=document["text"],
        question=document["question"],
        start=document["start"],
        end=document["end"],
        speaker_uncertain=document.get("speaker_uncertain", False),
    )


def _quote(document: dict[str, Any]) -> Quote:
    citation = {key: value for key, value in document["citation"].items() if key != "timestamp"}
    return Quote(document["statement_id"], document["text"], Citation(**citation))


def _theme(document: dict[str, Any]) -> Theme:
    return Theme(
        id=document["id"],
        role=document["role"],
        category=document["category"],
        label=document["label"],
        keywords=tuple(document["keywords"]),
        statement_ids=tuple(document["statement_ids"]),
        quotes=tuple(_quote(q) for q in document["quotes"]),
        interviews=tuple(document["interviews"]),
        companies=tuple(document["companies"]),
    )


def _persona(document: dict[str, Any], themes: dict[str, Theme]) -> Persona:
    lead = document["in_their_words"]
    return Persona(
        role=document["role"],
        slug=document["slug"],
        interviews=tuple(document["interviews"]),
        interviewees=tuple(document["interviewees"]),
        companies=tuple(document["companies"]),
        titles=ordered_tally(document["titles"]),
        industries=ordered_tally(document["industries"]),
        company_sizes=ordered_tally(document["company_sizes"]),
        regions=ordered_tally(document["regions"]),
        sections=tuple(
            (category, tuple(themes[i] for i in document["sections"][category])) for category in SECTION_TITLES
        ),
        in_their_words=_quote(lead) if lead else None,
        name=document.get("name", ""),
        summary=document.get("summary", ""),
        approved_by=document.get("approved_by", ""),
        approved_on=document.get("approved_on", ""),
    )
