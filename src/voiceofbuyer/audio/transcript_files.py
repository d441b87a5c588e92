"""The files a transcription writes: the JSON transcript, laid out to be corrected by hand, and WebVTT captions."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..ingest.json_reader import SCHEMA
from ..ingest.speaker_cuts import answer_opening, continuation_end

if TYPE_CHECKING:
    from .transcribe import Recording

INTERVIEWER = "Interviewer"
BUYER = "Buyer"

_CUE_SECONDS = 7.0
_SENTENCE_END = re.compile(r"[.?!…][\"”')\]]*$")


def readable_json(value: Any, depth: int = 0) -> str:
    """JSON indented like ``indent=2``, except that an object or list holding no other is kept on one line,
    so each word of a transcript takes one line and the text is easy to correct by hand."""
    pad = "  " * depth
    if isinstance(value, dict) and any(isinstance(item, dict | list) for item in value.values()):
        members = [f"{pad}  {json.dumps(key)}: {readable_json(item, depth + 1)}" for key, item in value.items()]
        return "{\n" + ",\n".join(members) + f"\n{pad}}}"
    if isinstance(value, list) and any(isinstance(item, dict | list) for item in value):
        return "[\n" + ",\n".join(f"{pad}  {readable_json(item, depth + 1)}" for item in value) + f"\n{pad}]"
    return json.dumps(value, ensure_ascii=False)


def webvtt(document: dict[str, Any]) -> str:
    """WebVTT with a voice tag per cue; a cue ends at a sentence end or after about 7 seconds."""
    lines = ["WEBVTT", ""]
    for turn in document["turns"]:
        cue: list[dict[str, Any]] = []
        for word in turn["words"]:
            cue.append(word)
            if _SENTENCE_END.search(word["word"]) or word["end"] - cue[0]["start"] >= _CUE_SECONDS:
                lines += _cue(turn["speaker"], cue)
                cue = []
        if cue:
            lines += _cue(turn["speaker"], cue)
    return "\n".join(lines)


def _cue(speaker: str, words: list[dict[str, Any]]) -> list[str]:
    text = " ".join(word["word"] for word in words)
    return [f"{_vtt_time(words[0]['start'])} --> {_vtt_time(words[-1]['end'])}", f"<v {speaker}>{text}", ""]


def _vtt_time(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def speaker_names(count: int, interviewer: int | None, participants: Sequence[str] = ()) -> list[str]:
    """``Interviewer`` and ``Buyer`` (``Buyer 1``, ``Buyer 2``... when several), by speaker number; buyers keep
    their ``participants`` name (one per speaker, from their tracks) when there are names."""
    buyers = [number for number in range(count) if number != interviewer]
    names = {number: BUYER if len(buyers) == 1 else f"{BUYER} {rank}" for rank, number in enumerate(buyers, 1)}
    if participants:
        names = {number: participants[number] for number in buyers}
    if interviewer is not None:
        names[interviewer] = INTERVIEWER
    return [names[number] for number in range(count)]


def _sentences_kept_whole(recording: Recording) -> list[int]:
    """The speaker label of each word, a sentence cut in two by a misplaced change of speaker given back whole: its
    end put under the next voice ("... so every morning my team has to" / "match forty payments by hand.") goes back
    to who began it (``continuation_end``), and an answer's first word put under the asker ("... a new tool for
    net? It" / "would have to connect ...") goes to who answers (``answer_opening``)."""
    words, labels = recording.words, list(recording.speakers.labels)
    runs = [0] + [i for i in range(1, len(labels)) if labels[i] != labels[i - 1]] + [len(labels)]
    for before, start, end in zip(runs, runs[1:], runs[2:], strict=False):
        text = "".join(word.text for word in words[start:end]).lstrip()
        said = "".join(word.text for word in words[before:start]).strip()
        opening = answer_opening(said, text)
        for index in range(start - 1, before - 1, -1):  # the answer's first words, from the last one back
            if opening <= 0:
                break
            opening -= len(words[index].text.strip()) + 1
            labels[index] = labels[start]
        cut = continuation_end(said, words[start - 1].end, text, words[start].start)
        taken = 0
        for index in range(start, end):
            if cut is None or taken >= cut:
                break
            taken += len(words[index].text.lstrip() if index == start else words[index].text)
            labels[index] = labels[start - 1]
    return labels


def transcript_document(
    source: str, language: str, recording: Recording, names: list[str], interviewer_by: str
) -> dict[str, Any]:
    """The JSON transcript: one turn per change of speaker, every word with its times. A sentence end the speaker
    labels put under the next voice goes back to its speaker, as the reader would read it (``continuation_end``), so
    the file reads back as written."""
    turns: list[dict[str, Any]] = []
    speaker = None
    for word, label in zip(recording.words, _sentences_kept_whole(recording), strict=True):
        if label != speaker:
            speaker = label
            turns.append({"speaker": names[label], "start": word.start, "end": word.end, "text": "", "words": []})
        turn = turns[-1]
        turn["text"] += word.text
        turn["end"] = word.end
        turn["words"].append({"word": word.text.strip(), "start": word.start, "end": word.end})
    for turn in turns:
        turn["text"] = turn["text"].strip()
    speakers = recording.speakers
    return {
        "schema": SCHEMA,
        "source": source,
        "language": language,
        "duration": recording.duration,
        "speakers": {
            "count": speakers.count,
            "method": speakers.method,
            "confidence": speakers.confidence,
            "interviewer": INTERVIEWER if INTERVIEWER in names else "",
            "interviewer_by": interviewer_by,
        },
        "turns": turns,
    }
