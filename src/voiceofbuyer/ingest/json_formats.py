"""The JSON that transcription services return, read as it is: each shape converted to the project's transcript
schema (``voiceofbuyer.transcript/1``: turns of speaker, text, start, end and timed words).

Recognised shapes:

- Amazon Transcribe with speaker labels or channel identification (``results.items`` with ``speaker_labels.segments``,
  ``speaker_label`` or ``channel_label`` on the items, or ``results.audio_segments``): words as turns per speaker;
- AssemblyAI (``utterances``, times in milliseconds, speakers ``A``, ``B``); Rev.ai (``monologues`` of ``elements``);
- Deepgram (``results.utterances``, or words with ``speaker`` in ``results.channels[0].alternatives[0]``, or with
  ``multichannel`` and no diarization, one channel per speaker);
- Fireflies (``sentences`` with ``speaker_name``, also under ``data.transcript``);
- Gong's API (``callTranscripts`` of monologues by ``speakerId``, sentences timed in milliseconds);
- Speechmatics (``results`` of words with ``speaker`` "S1", "S2" on their alternatives);
- Gladia v2 (``result.transcription.utterances``), ElevenLabs Scribe (``words`` with ``speaker_id``), Google
  Speech-to-Text (``speakerTag`` on the last result's words) and Azure batch transcription (``recognizedPhrases``);
- WhisperX and similar (``segments`` with ``speaker``; split where its words' speakers change; Fathom's ``transcript``
  with a ``speaker`` object and a ``timestamp``), a plain list of ``{speaker, text, start, end}`` (times in seconds
  or as time codes), and turns whose text is only in their words (Sonix's ``transcript``, Happy Scribe's list of
  ``{speaker, words}``).

Speaker numbers and letters become "Speaker 0", "Speaker A" (placeholders: never shown as a name).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from typing import Any

from .timestamps import TEXT_TIME, parse_time

Turns = list[dict[str, Any]]


class ShapeError(ValueError):
    """A service's shape whose values are not what the service writes (a list where words go, a number for a turn)."""


def to_transcript(document: Any) -> dict[str, Any] | None:
    """The document in the project's schema (``turns``, ``source``, ``metadata``), or None for an unknown shape.

    Raises ``ShapeError`` when no shape fits and one was recognised but holds values of the wrong type.
    """
    failure: ShapeError | None = None
    for recognise in _SHAPES:
        try:
            turns = recognise(document)
        except (AttributeError, TypeError, KeyError, IndexError, ValueError) as error:
            failure = failure or ShapeError(
                f"{_SERVICE_NAMES[recognise]} JSON with values of the wrong type ({type(error).__name__}: "
                f"{str(error)[:100]})"
            )
            continue
        if turns:
            return {"turns": turns}
    if failure is not None:
        raise failure
    return None


def _speaker(value: Any, name: Any = None) -> str:
    if isinstance(value, dict):  # Fathom: {"display_name": "Ruth Adeyemi", "matched_calendar_invitee_email": ...}
        value = value.get("display_name") or value.get("name") or value
    if isinstance(name, str) and name.strip():
        return name.strip()
    if value is None:
        return "Unknown"
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise TypeError(f"a speaker must be a name or a number, not {type(value).__name__}")
    text = str(value).strip()
    if text == "UU":  # Speechmatics' label for a voice it could not identify: nobody (see ``sides``)
        return "Unknown"
    if isinstance(value, int) or (len(text) <= 2 and text.isalnum()):
        return f"Speaker {text}"
    return text


def _seconds(value: Any, scale: float = 1.0) -> Any:
    """Seconds from a service's time (a number, a number as text in units of ``scale`` seconds, or a time code
    "00:01:02.400"), rounded to the microsecond: 3699 ms is 3.699 s, not 3.6990000000000003; anything else is
    returned as it is, to be judged."""
    if isinstance(value, str):
        if re.fullmatch(TEXT_TIME, value.strip()):
            return round(parse_time(value.strip()), 6)
        if re.fullmatch(r"\s*\d+(?:\.\d+)?s\s*", value):  # Google's "1.400s"
            value = value.strip()[:-1]
        try:
            return round(float(value) * scale, 6)
        except ValueError:
            return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return round(value * scale, 6) if math.isfinite(value) else value
    return value


def _join(words: list[tuple[str, bool]]) -> str:
    """Words and punctuation marks as one text: no space before punctuation."""
    text = ""
    for word, punctuation in words:
        text += word if punctuation or not text else " " + word
    return text


def _amazon(document: Any) -> Turns | None:
    results = document.get("results") if isinstance(document, dict) else None
    if not isinstance(results, dict) or not isinstance(results.get("items"), list):
        return None
    segments = results.get("audio_segments")
    if isinstance(segments, list) and segments and isinstance(segments[0], dict) and "speaker_label" in segments[0]:
        return [
            {"speaker": _speaker(s.get("speaker_label")), "text": s.get("transcript"),
             "start": _seconds(s.get("start_time")), "end": _seconds(s.get("end_time"))}
            for s in segments
        ]  # fmt: skip
    speaker_at: dict[str, str] = {}
    for segment in (results.get("speaker_labels") or {}).get("segments", []):
        for item in segment.get("items", []):
            speaker_at[str(item.get("start_time"))] = segment.get("speaker_label")

    def label(item: dict[str, Any]) -> Any:
        """The item's speaker label, its segment's, or its channel's."""
        found = item.get("speaker_label") or speaker_at.get(str(item.get("start_time")))
        return found or _channel(item.get("channel_label"))

    return _word_runs(
        (label(item), str((item.get("alternatives") or [{}])[0].get("content", "")),
         item.get("type") == "punctuation", item.get("start_time"), item.get("end_time"))
        for item in results["items"]
    )  # fmt: skip


def _channel(label: Any) -> int | None:
    """Amazon's channel identification, one channel per side of a call: "ch_1" → 1 (read as "Speaker 1")."""
    return int(label[3:]) if isinstance(label, str) and re.fullmatch(r"ch_\d+", label) else None


def _speechmatics(document: Any) -> Turns | None:
    """Speechmatics' JSON (``results``: words and punctuation, the speaker on each alternative: "S1", "S2")."""
    results = document.get("results") if isinstance(document, dict) else None
    if not isinstance(results, list) or not results or not all(isinstance(r, dict) for r in results):
        return None
    if not any("speaker" in (r.get("alternatives") or [{}])[0] for r in results):
        return None
    return _word_runs(
        ((r.get("alternatives") or [{}])[0].get("speaker"), str((r.get("alternatives") or [{}])[0].get("content", "")),
         r.get("type") == "punctuation", r.get("start_time"), r.get("end_time"))
        for r in results
    )  # fmt: skip


Token = tuple[Any, str, bool, Any, Any]
"""(speaker label or None, the word or mark as written, whether it is punctuation, start, end)."""


def _word_runs(tokens: Iterable[Token]) -> Turns | None:
    """Turns from a service's words in order: a new turn where a word's label changes; punctuation and unlabelled
    words stay with the turn they follow; words before the first label are left out."""
    runs: list[dict[str, Any]] = []
    for label, content, punctuation, start, end in tokens:
        if not punctuation and label is not None and (not runs or runs[-1]["label"] != label):
            runs.append({"label": label, "words": [], "timed": []})
        if not runs:
            continue
        runs[-1]["words"].append((content, punctuation))
        if not punctuation and start is not None and end is not None:  # an untimed word ("90") is text alone
            runs[-1]["timed"].append({"word": content, "start": _seconds(start), "end": _seconds(end)})
    return [
        {"speaker": _speaker(t["label"]), "text": _join(t["words"]),
         "start": t["timed"][0]["start"] if t["timed"] else None,
         "end": t["timed"][-1]["end"] if t["timed"] else None, "words": t["timed"]}
        for t in runs
    ] or None  # fmt: skip


def _assemblyai(document: Any) -> Turns | None:
    utterances = document.get("utterances") if isinstance(document, dict) else None
    if not isinstance(utterances, list) or not utterances or "results" in document:
        return None
    scale = 0.001 if any(isinstance(u.get("start"), int) and u.get("start") > 1000 for u in utterances[:5]) else 1.0
    return [
        {"speaker": _speaker(u.get("speaker")), "text": u.get("text"), "start": _seconds(u.get("start"), scale),
         "end": _seconds(u.get("end"), scale),
         "words": [{"word": str(w.get("text") or w.get("word") or "").strip(), "start": _seconds(w.get("start"), scale),
                    "end": _seconds(w.get("end"), scale)} for w in u.get("words") or [] if isinstance(w, dict)]}
        for u in utterances if isinstance(u, dict)
    ]  # fmt: skip


def _gladia(document: Any) -> Turns | None:
    """Gladia v2: AssemblyAI's shape of ``utterances`` (seconds, speakers 0, 1), under ``result.transcription``."""
    result = document.get("result") if isinstance(document, dict) else None
    transcription = result.get("transcription") if isinstance(result, dict) else None
    return _assemblyai(transcription) if isinstance(transcription, dict) else None


def _elevenlabs(document: Any) -> Turns | None:
    """ElevenLabs Scribe: ``words`` of type word, spacing or audio event, each with a ``speaker_id``."""
    words = document.get("words") if isinstance(document, dict) else None
    if not isinstance(words, list) or not any(isinstance(w, dict) and "speaker_id" in w for w in words):
        return None
    return _word_runs(
        (w.get("speaker_id"), str(w.get("text", "")).strip(), False, w.get("start"), w.get("end"))
        for w in words if isinstance(w, dict) and w.get("type", "word") == "word"
    )  # fmt: skip


def _google(document: Any) -> Turns | None:
    """Google Cloud Speech-to-Text with diarization: the last result holds every word with its ``speakerTag``; as
    ``recognize`` returns it, or inside the ``response`` of a long-running operation (``operations.get``)."""
    if isinstance(document, dict) and isinstance(document.get("response"), dict) and "done" in document:
        document = document["response"]
    results = document.get("results") if isinstance(document, dict) else None
    if not isinstance(results, list):
        return None
    words = (results[-1].get("alternatives") or [{}])[0].get("words") or [] if results else []
    if not any(isinstance(w, dict) and "speakerTag" in w for w in words):
        return None
    return _word_runs(
        (w.get("speakerTag"), str(w.get("word", "")), False, w.get("startTime"), w.get("endTime"))
        for w in words if isinstance(w, dict)
    )  # fmt: skip


def _azure(document: Any) -> Turns | None:
    """Azure batch transcription: ``recognizedPhrases`` with ``speaker``, times in ticks of 100 ns."""
    phrases = document.get("recognizedPhrases") if isinstance(document, dict) else None
    if not isinstance(phrases, list):
        return None
    phrases = sorted((p for p in phrases if isinstance(p, dict) and p.get("nBest")),
                     key=lambda p: (p.get("offsetInTicks") or 0, p.get("channel") or 0))  # fmt: skip
    return [
        {"speaker": _speaker(p.get("speaker", p.get("channel"))), "text": p["nBest"][0].get("display"),
         "start": _seconds(p.get("offsetInTicks"), 1e-7),
         "end": _seconds((p.get("offsetInTicks") or 0) + (p.get("durationInTicks") or 0), 1e-7)}
        for p in phrases
    ] or None  # fmt: skip


def _deepgram(document: Any) -> Turns | None:
    results = document.get("results") if isinstance(document, dict) else None
    if not isinstance(results, dict):
        return None
    if isinstance(results.get("utterances"), list):
        return [
            {"speaker": _speaker(u.get("speaker")), "text": u.get("transcript"), "start": u.get("start"),
             "end": u.get("end"),
             "words": [{"word": w.get("punctuated_word") or w.get("word"), "start": w.get("start"), "end": w.get("end")}
                       for w in u.get("words") or []]}
            for u in results["utterances"]
        ]  # fmt: skip
    try:
        channels = [channel["alternatives"][0]["words"] for channel in results["channels"]]
    except (KeyError, IndexError, TypeError):
        return None
    # multichannel=true without diarization: one channel per side of a call, each channel its speaker.
    if len(channels) > 1 and not any("speaker" in w for words in channels for w in words):
        labelled = sorted(((w, index) for index, words in enumerate(channels) for w in words),
                          key=lambda pair: (_seconds(pair[0].get("start")), pair[1]))  # fmt: skip
    else:
        labelled = [(w, w.get("speaker")) for w in channels[0]]
    return _word_runs(
        (_speaker(speaker), str(word.get("punctuated_word") or word.get("word")), False, word.get("start"),
         word.get("end"))
        for word, speaker in labelled
    )  # fmt: skip


def _fireflies(document: Any) -> Turns | None:
    if isinstance(document, dict) and isinstance(document.get("data"), dict):
        document = document["data"].get("transcript") or document["data"]
    sentences = document.get("sentences") if isinstance(document, dict) else None
    if not isinstance(sentences, list) or not sentences:
        return None
    return [
        {"speaker": _speaker(s.get("speaker_id"), s.get("speaker_name")), "text": s.get("text") or s.get("raw_text"),
         "start": _seconds(s.get("start_time")), "end": _seconds(s.get("end_time"))}
        for s in sentences if isinstance(s, dict)
    ]  # fmt: skip


def _gong(document: Any) -> Turns | None:
    """Gong's API (``/v2/calls/transcript``): ``callTranscripts[0].transcript`` of monologues by ``speakerId`` (a
    number: the names are in Gong's call data, not here), each of ``sentences`` timed in milliseconds; a monologue's
    ``topic`` is Gong's section name, not speech."""
    calls = document.get("callTranscripts") if isinstance(document, dict) else None
    if not isinstance(calls, list) or not calls:
        return None
    if len(calls) > 1:
        raise ValueError(f"{len(calls)} calls in one file; save one call per file")
    turns: Turns = []
    for monologue in calls[0].get("transcript") or []:
        sentences = [s for s in monologue.get("sentences") or [] if isinstance(s, dict) and s.get("text")]
        if sentences:
            speaker = str(monologue.get("speakerId", "")).strip()
            turns.append({
                "speaker": f"Speaker {speaker}" if speaker.isdigit() else _speaker(speaker or None),
                "text": " ".join(str(s["text"]).strip() for s in sentences),
                "start": _seconds(sentences[0].get("start"), 0.001), "end": _seconds(sentences[-1].get("end"), 0.001),
            })  # fmt: skip
    return turns or None


def _rev(document: Any) -> Turns | None:
    monologues = document.get("monologues") if isinstance(document, dict) else None
    if not isinstance(monologues, list):
        return None
    turns: Turns = []
    for monologue in monologues:
        elements = [e for e in monologue.get("elements") or [] if isinstance(e, dict)]
        timed = [
            {"word": e.get("value"), "start": _seconds(e.get("ts")), "end": _seconds(e.get("end_ts"))}
            for e in elements if e.get("type") == "text"
        ]  # fmt: skip
        # Rev.ai writes what it could not transcribe as an "unknown" element, "<inaudible>": a transcriber's note.
        text = "".join(
            f"[{str(e.get('value', '')).strip('<>')}]" if e.get("type") == "unknown" else str(e.get("value", ""))
            for e in elements
        ).strip()
        if text:
            speaker = _speaker(monologue.get("speaker"), monologue.get("speaker_name"))
            turn = {"speaker": speaker, "text": text, "words": timed}
            if timed:
                turn |= {"start": timed[0]["start"], "end": timed[-1]["end"]}
            turns.append(turn)
    return turns or None


def _segments(document: Any) -> Turns | None:
    """WhisperX ``segments`` with speakers, a list of turns, or ``turns``/``utterances`` without our schema tag."""
    items = document
    if isinstance(document, dict):
        items = next((document[k] for k in ("segments", "turns", "utterances", "transcript") if k in document), None)
    if not isinstance(items, list) or not items or not all(isinstance(i, dict) for i in items):
        return None
    if not any("speaker" in i or "speaker_name" in i for i in items):
        return None
    turns: Turns = []
    for item in items:
        spoken = [w for w in item.get("words") or [] if isinstance(w, dict)]
        words = [w for w in spoken if "start" in w and "end" in w]
        split = _by_word_speaker(item, spoken)
        if split:
            turns.extend(split)
            continue
        timed = words or _timed_words(item.get("words"))
        stamp = item.get("timestamp") if isinstance(item.get("timestamp"), str) else None  # Fathom's "00:00:04"
        turns.append({
            "speaker": _speaker(item.get("speaker"), item.get("speaker_name")),
            "text": (item.get("text") or "").strip() or _spoken(item.get("words")),
            "start": _seconds(item.get("start", item.get("start_time", timed[0]["start"] if timed else stamp))),
            "end": _seconds(item.get("end", item.get("end_time", timed[-1]["end"] if timed else None))),
            "words": timed,
        })  # fmt: skip
    return turns


def _spoken(words: Any) -> str:
    """A turn's text from its words where the turn has none (Sonix: "Thanks ", Happy Scribe: "Hi", " " spacing)."""
    tokens = [str(w.get("text", w.get("word", ""))) for w in words or [] if isinstance(w, dict)]
    spaced = any(token != token.strip() for token in tokens)
    return ("".join(tokens) if spaced else " ".join(tokens)).strip()


def _timed_words(words: Any) -> list[dict[str, Any]]:
    """Words timed as ``start_time``/``end_time`` (Sonix) or ``data_start``/``data_end`` (Happy Scribe), in the
    schema's form; spacing left out."""
    timed = []
    for word in words or []:
        if not isinstance(word, dict) or not str(word.get("text", "")).strip():
            continue
        start, end = word.get("start_time", word.get("data_start")), word.get("end_time", word.get("data_end"))
        if start is not None and end is not None:
            timed.append({"word": str(word["text"]).strip(), "start": _seconds(start), "end": _seconds(end)})
    return timed


def _by_word_speaker(segment: dict[str, Any], words: list[dict[str, Any]]) -> Turns:
    """A WhisperX segment whose words carry different speakers, as one turn per run of a speaker's words. Whisper
    runs a question and its answer into one segment at times, and WhisperX gives the segment its majority's speaker:
    the question would be the buyer's. Empty when the words name one speaker or none. A word WhisperX could not
    align ("90", with no time nor speaker) stays in the text of the run it is in."""
    if len({w["speaker"] for w in words if "speaker" in w}) < 2 or not all("word" in w for w in words):
        return []
    # A word without a speaker stays with the words before it; the first takes the segment's.
    return _word_runs(
        (w.get("speaker", segment.get("speaker") if index == 0 else None), str(w["word"]).strip(), False,
         w.get("start"), w.get("end"))
        for index, w in enumerate(words)
    ) or []  # fmt: skip


_SHAPES: tuple[Callable[[Any], Turns | None], ...] = (
    _amazon, _deepgram, _assemblyai, _gladia, _fireflies, _gong, _rev, _speechmatics, _google, _azure, _elevenlabs,
    _segments,
)  # fmt: skip
_SERVICE_NAMES: dict[Callable[[Any], Turns | None], str] = {
    _amazon: "Amazon Transcribe", _deepgram: "Deepgram", _assemblyai: "AssemblyAI", _fireflies: "Fireflies",
    _rev: "Rev.ai", _speechmatics: "Speechmatics", _segments: "WhisperX-style segment", _gladia: "Gladia",
    _google: "Google Speech-to-Text", _azure: "Azure Speech", _elevenlabs: "ElevenLabs", _gong: "Gong",
}  # fmt: skip
