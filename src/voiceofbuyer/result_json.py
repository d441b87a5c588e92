"""``voiceofbuyer.json``, the whole result as documented in the README: records → JSON-ready values.

Separate from the store's own serialisation (``schema.py``), so the published document can change without
touching stored data, and the other way round.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from typing import Any

from .records import Mention, Quote, RunResult, Theme

SCHEMA_VERSION = 1
STREAMED = "\0streamed\0"
"""Stands in ``result_document`` for the statements, which ``json_chunks`` writes as it makes them."""


def json_bytes(value: Any) -> bytes:
    """``value`` as indented UTF-8 JSON with a final newline."""
    return b"".join(json_chunks(value))


def json_chunks(value: Any, size: int = 1 << 20, streamed: Iterable[Any] = ()) -> Iterator[bytes]:
    """``json_bytes(value)`` in pieces of about ``size`` bytes, so a large result is never held as one string;
    ``streamed``: the items of the list given as ``STREAMED`` in ``value`` (a value of its top-level object), encoded
    one at a time as they are written, so they need never be held at once."""
    marker = json.dumps(STREAMED, ensure_ascii=False)
    pending: list[str] = []
    length = 0
    for piece in json.JSONEncoder(indent=2, ensure_ascii=False).iterencode(value):
        for part in _list_pieces(streamed) if piece == marker else (piece,):
            pending.append(part)
            length += len(part)
            if length >= size:
                yield "".join(pending).encode("utf-8")
                pending, length = [], 0
    pending.append("\n")
    yield "".join(pending).encode("utf-8")


def _list_pieces(items: Iterable[Any]) -> Iterator[str]:
    """A list, a value of a top-level object, as ``json.JSONEncoder(indent=2)`` writes it, an item at a time."""
    separator = "["
    for item in items:
        yield separator + "\n    " + json.dumps(item, indent=2, ensure_ascii=False).replace("\n", "\n    ")
        separator = ","
    yield "[]" if separator == "[" else "\n  ]"


def result_chunks(result: RunResult) -> Iterator[bytes]:
    """``json_chunks(result_document(result))``, the statements made and encoded one at a time (a thousand
    interviews hold 300,000)."""
    return json_chunks(result_document(result, statements=False), streamed=statement_documents(result))


def result_document(result: RunResult, statements: bool = True) -> dict[str, Any]:
    """The whole result as the documented ``voiceofbuyer.json`` (see README, "voiceofbuyer.json"); without
    ``statements``, its ``statements`` is ``STREAMED`` (see ``result_chunks``)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "batch": result.batch,
        "interviews": [
            {
                "id": interview.id,
                "source": interview.source,
                "format": interview.format,
                "sha256": interview.sha256,
                "media": interview.media,
                "language": interview.language,
                "metadata": asdict(interview.meta),
                "speakers": asdict(result.speakers[interview.id]),
                "buyer": {
                    key: value for key, value in asdict(result.profiles[interview.id]).items() if key != "interview_id"
                },
                "turns": len(interview.turns),
            }
            for interview in result.interviews
        ],
        "statements": list(statement_documents(result)) if statements else STREAMED,
        "themes": [theme_document(theme) for theme in result.themes],
        "personas": [
            {
                "role": p.role,
                "slug": p.slug,
                "interviews": list(p.interviews),
                "interviewees": list(p.interviewees),
                "interviewee_count": p.interviewee_count,
                "companies": list(p.companies),
                "titles": dict(p.titles),
                "industries": dict(p.industries),
                "company_sizes": dict(p.company_sizes),
                "regions": dict(p.regions),
                "sections": {category: [t.id for t in themes] for category, themes in p.sections},
                "in_their_words": quote_document(p.in_their_words) if p.in_their_words else None,
                "name": p.name,
                "summary": p.summary,
                "approved_by": p.approved_by,
                "approved_on": p.approved_on,
                "changed_since_approval": p.changed_since_approval,
                "themes_reviewed": p.themes_reviewed,
                "themes_total": p.themes_total,
                "committee": [mention_document(m) for m in p.committee],
                "channels": [mention_document(m) for m in p.channels],
            }
            for p in result.personas
        ],
    }


def statement_documents(result: RunResult) -> Iterator[dict[str, Any]]:
    """Each statement as published in ``voiceofbuyer.json``: where it is in its source, its words, its category."""
    theme_of = result.theme_of()
    sources = {i.id: i.source for i in result.interviews}
    for s in result.statements:
        yield {
            "id": s.id,
            "interview_id": s.interview_id,
            "source": sources[s.interview_id],
            "speaker": s.speaker,
            "start_char": s.start_char,
            "end_char": s.end_char,
            "removed": [list(r) for r in s.removed],
            "text": s.text,
            "question": s.question,
            "start": s.start,
            "end": s.end,
            "speaker_uncertain": s.speaker_uncertain,
            "standalone": s.standalone,
            "category": result.classifications[s.id].category,
            "confidence": result.classifications[s.id].confidence,
            "theme_id": theme_of.get(s.id),
        }


def mention_document(mention: Mention) -> dict[str, Any]:
    """A buying-committee part or a channel as published in ``voiceofbuyer.json``."""
    quotes = [quote_document(q) for q in mention.quotes]
    return {"name": mention.name, "interviewees": mention.interviewees, "quotes": quotes}


def quote_document(quote: Quote) -> dict[str, Any]:
    """A quote as published in ``voiceofbuyer.json``: statement id, text, citation (with its ``mm:ss`` timestamp)."""
    citation = asdict(quote.citation)
    citation["timestamp"] = quote.citation.timestamp
    return {"statement_id": quote.statement_id, "text": quote.text, "citation": citation}


def theme_document(theme: Theme) -> dict[str, Any]:
    """A theme as published in ``voiceofbuyer.json`` (see README, "voiceofbuyer.json")."""
    return {
        "id": theme.id,
        "role": theme.role,
        "category": theme.category,
        "label": theme.label,
        "keywords": list(theme.keywords),
        "mentioned_once": theme.mentioned_once,
        "interviewees": theme.interviewee_count,
        "interviews": list(theme.interviews),
        "companies": list(theme.companies),
        "statement_ids": list(theme.statement_ids),
        "quotes": [quote_document(q) for q in theme.quotes],
        "response": theme.response,
        "coherence": theme.coherence,
        "lead_confidence": theme.lead_confidence,
    }
