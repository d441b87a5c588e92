"""A buyer's voice memo, transcribed without speaker labels: one voice, answering questions sent ahead ("Hi Maya,
it's Daniel Brooks, I'm the director of facilities at Pinewood Medical Group. You asked me to just talk through
...").

Read by its questions, such a file is one voice asking itself ("Why a shared inbox? Honestly, because ...") and is
refused; yet every word is the buyer's. It is read as the interviewee's alone where it opens by greeting someone by
name and its speaker says who they are and what they do within its first lines, speaking in the first person
throughout (an essay or a newsletter greets no one by name, nor introduces its writer's job). The reading is
declared a guess, so each quote is flagged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from voiceofbuyer.ingest.turns import Parsed, require_turns, turn_at
from voiceofbuyer.ingest.unlabelled import INTERVIEWEE, Segment, guessed, question_turns
from voiceofbuyer.introductions import stated_title
from voiceofbuyer.records import InterviewMeta

OPENING_SEGMENTS = 3
"""Segments at the start in which the memo greets its listener and the speaker says who they are."""
OPENING_WORDS = 60
"""Or as many segments as hold this many words: captions cut a sentence over short cues ("Hey Sam, it's Priya from
Halden Clinics. So you sent me" / "a few questions and ..." / ... / "Quick context, I'm the revenue cycle manager")."""
FIRST_PERSON_SHARE = 0.3
"""Fewest segments, as a share, that speak in the first person ("I", "we", "my", "our")."""

_GREETING = re.compile(
    r"\s*(?:hi|hey|hello|(?:good\s+)?(?:morning|afternoon|evening))\s*,?\s+(?-i:[A-Z][\w'’-]+)\b", re.I
)
_OWN_NAME = re.compile(
    r"\b(?:it['’]s|this\s+is|my\s+name\s+is|i['’]m)\s+(?P<name>(?-i:[A-Z][\w'’-]+\s+[A-Z][\w'’-]+))\b"
    r"|,\s+(?P<here>(?-i:[A-Z][\w'’-]+\s+[A-Z][\w'’-]+))\s+here\b",  # "Hi Callum, Rosalind Achebe here." (tester 50)
    re.I,
)
_NAME_THEN_JOB = re.compile(
    r"\b(?:it['’]s|this\s+is|my\s+name\s+is)\s+(?-i:[A-Z][\w'’-]+\s+[A-Z][\w'’-]+),\s+(?!i\b|i['’])", re.I
)
_FIRST_PERSON = re.compile(r"\b(?:I|I['’](?:m|ve|d|ll)|we|we['’](?:re|ve|d|ll)|my|our|me|us)\b", re.I)


def read_by_questions(text: str, segments: Sequence[Segment], source: str, expected: str, **fields: Any) -> Parsed:
    """A recogniser's segments that name no speaker (Whisper's JSON and TSV, captions without names), read by their
    questions (``unlabelled.question_turns``), else as a buyer's voice memo (a Loom recorded to answer questions sent
    ahead); ``fields``: the rest of ``Parsed`` (language). Raises ``InputError`` naming ``expected`` where neither
    reads."""
    turns = question_turns(text, segments)
    if not turns and (memo := voice_memo(text, segments, **fields)) is not None:
        return memo
    return guessed(text, require_turns(turns, source, expected), **fields)


def voice_memo(text: str, segments: Sequence[Segment], **fields: Any) -> Parsed | None:
    """The memo as the interviewee's turns, one per segment (declared a guess, with the name the speaker gives as
    their own and the job they state), or None where ``segments`` (lines or paragraphs of a file without labels)
    read as no voice memo; ``fields``: the rest of ``Parsed`` (language)."""
    opening = []
    for segment in segments:
        if len(opening) >= OPENING_SEGMENTS and sum(len(words.split()) for words in opening) >= OPENING_WORDS:
            break
        opening.append(" ".join(text[segment.start : segment.end].split()))
    # "it's Nadia Kerr, procurement lead at Brightwater": the job in apposition to the name, as "I'm" would say it
    introduced = [_NAME_THEN_JOB.sub("I'm ", words) for words in opening]
    title = stated_title(introduced) if opening and _GREETING.match(opening[0]) else ""
    if not title:
        return None
    said = [text[s.start : s.end] for s in segments]
    if sum(1 for words in said if _FIRST_PERSON.search(words)) < FIRST_PERSON_SHARE * len(said):
        return None
    turns = [turn for s in segments if (turn := turn_at(text, s.start, s.end, INTERVIEWEE, s.line, s.start_time))]
    return guessed(text, turns, meta=InterviewMeta(interviewee=own_name(" ".join(opening)), title=title), **fields)


def own_name(said: str) -> str:
    """The full name a speaker gives as theirs in ``said`` ("it's Daniel Brooks", "my name is Carla Mendes", "Hi
    Callum, Rosalind Achebe here"), the first; "" where they give none."""
    named = _OWN_NAME.search(said)
    return (named["name"] or named["here"]) if named else ""
