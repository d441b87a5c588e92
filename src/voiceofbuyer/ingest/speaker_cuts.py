"""A sentence that a speaker-diarisation error cut in two: its end put under the next speaker's label.

WhisperX and other recognisers assign speakers by time, and a change of speaker misplaced by a second moves the
last words of a sentence to the other voice:

    SPEAKER_01  21.0-31.5  Bank transfer mostly, but ... so every morning my team has to
    SPEAKER_00  31.5-36.2  match forty or fifty payments by hand against open invoices.

A segment that goes on, in small letters and without a pause, from one left unfinished is the end of that
sentence, so it is given back to its speaker (tester 15); a question, or a pause, is a turn of its own.
"""

from __future__ import annotations

import re
from dataclasses import replace

from voiceofbuyer.ingest.speaker_names import is_placeholder
from voiceofbuyer.records import Turn

MAX_PAUSE = 0.3
"""Seconds between the unfinished segment's end and the next one's start, at most, for one sentence across both."""
_UNFINISHED = re.compile(r"(?:\w|,)$")
# Small letters, and not a word that opens a turn of one's own ("okay, and then what", "yeah, exactly", "sorry")
_GOES_ON = re.compile(
    r"(?!(?:okay|ok|yeah|yes|yep|no|right|mm\w*|uh\w*|um\w*|hmm\w*|oh|ah|sorry|wait|well|so|and|but|sure|great"
    r"|cool|thanks|exactly|true|i)\b)[a-z]"
)
_SENTENCE_END = re.compile(r"[.!?…](?=\s|$)")
_SENTENCE_START = re.compile(r"(?<=[.!?…])\s+")
_ASKS = re.compile(
    r"\W*(?:(?:and|so|but|okay|ok|right)[,]?\s+)?(?:what|how|why|when|where|who|which|could|would|can|do|does|did|is|are"
    r"|have|has|will)\b",
    re.I,
)


def continued_sentences(turns: list[Turn]) -> list[Turn]:
    """``turns`` with each sentence end put under the next speaker's label given back to the speaker who began it:
    up to its first sentence end, when the two are timed, less than ``MAX_PAUSE`` apart, the first unfinished and the
    second going on in small letters (not with a word that opens a turn: "okay", "yeah", "so", "and"), and the end a
    full stop, not a question. The rest of the turn stays where it was."""
    fixed: list[Turn] = []
    for turn in turns:
        before = fixed[-1] if fixed else None
        end = None
        # Only between labels a recogniser gave ("SPEAKER_01", "Speaker 2"): a name Teams or Zoom writes is the
        # microphone's, and "let me guess, a spreadsheet." after the buyer's "The system we use is called" is the
        # interviewer's, said over them (tester 34).
        diarized = before is not None and is_placeholder(before.speaker) and is_placeholder(turn.speaker)
        if diarized and before.speaker != turn.speaker and before.end is not None and turn.start is not None:
            end = continuation_end(before.text, before.end, turn.text, turn.start)
        if before is None or end is None:
            fixed.append(turn)
            continue
        cut = turn.start_char + end
        moved = _part(turn, turn.start_char, cut, before.speaker)
        fixed.append(moved)
        rest = turn.text[end:]
        if rest.strip():
            fixed.append(_part(turn, cut + len(rest) - len(rest.lstrip()), turn.end_char, turn.speaker))
    return fixed


def continuation_end(before: str, before_end: float, text: str, start: float) -> int | None:
    """Where, in ``text`` (a turn starting at ``start`` seconds), the sentence ``before`` (the other speaker's turn
    just before, ending at ``before_end``) left unfinished ends; None when ``text`` does not go on with it."""
    if start - before_end > MAX_PAUSE or not _UNFINISHED.search(before) or not _GOES_ON.match(text):
        return None
    # Never the answer given to the asker: after a question whose mark the recogniser left out ("What would make you
    # switch to a new tool" / "would have to connect ..."), or after the answer's first word put under the asker
    # ("... a new tool for net? It" / "would have to connect ...": ``answer_opening``).
    if _ASKS.match(_SENTENCE_START.split(before)[-1]) or answer_opening(before, text):
        return None
    # Only where sentences are punctuated: captions without a full stop anywhere say nothing of where one ends.
    found = _SENTENCE_END.search(text)
    return found.end() if found and found[0] != "?" else None


def answer_opening(before: str, text: str) -> int:
    """How many characters at the end of ``before`` are the first words of the answer ``text`` goes on with: one or
    two words after a sentence end ("What would make you switch to a new tool for net? It" / "would have to connect
    to our accounting system ..."); 0 when none."""
    sentences = _SENTENCE_START.split(before)
    tail = sentences[-1]
    opening = len(sentences) > 1 and len(tail.split()) <= 2 and _UNFINISHED.search(tail) and _GOES_ON.match(text)
    return len(tail) if opening else 0


def _part(turn: Turn, start_char: int, end_char: int, speaker: str) -> Turn:
    """The part ``[start_char, end_char)`` of ``turn`` (offsets in the interview's text), under ``speaker``: its
    words, and its times from them, or shared out by characters where the turn has no words."""
    offset = start_char - turn.start_char
    text = turn.text[offset : offset + end_char - start_char]
    words = tuple(w for w in turn.words if start_char <= w.start_char < end_char)
    if words:
        start, end = words[0].start, words[-1].end
    elif turn.start is not None and turn.end is not None:
        share = (turn.end - turn.start) / max(len(turn.text), 1)
        start, end = turn.start + share * offset, turn.start + share * (offset + len(text))
    else:
        start, end = turn.start, turn.end
    return replace(turn, speaker=speaker, text=text, start_char=start_char, end_char=end_char, start=start, end=end,
                   words=words)  # fmt: skip
