"""The JSON that transcription services return, read as it is: each shape converted to the project's transcript
schema (``voiceofbuyer.transcript/1``: turns of speaker, text, start, end and timed words).

Recognised shapes:

- Amazon Transcribe with speaker labels or channel identification (``results.items`` with ``speaker_labels.segments``,
  ``speaker_label`` or ``channel_label`` on the items, or ``results.audio_segments``): words as turns per speaker;
- AssemblyAI (``utterances``, times in milliseconds, speakers ``A``, ``B``); Rev.ai (``monologues`` of ``elements``);
- Deepgram (``results.utterances``, or words with ``speaker`` in ``results.channels[0].alternatives[0]``, or with
  ``multichannel`` and no diarization, one channel per speaker);
- Fireflies (``sentences`` with ``speaker_name``, also under ``data.transcript``);
- Gong's API (``callTranscripts`` of monologues by ``speakerId``, sentences timed in milliseconds; the call's
  ``parties`` name the speakers and their sides);
- Speechmatics (``results`` of words with ``speaker`` "S1", "S2" on their alternatives);
- Gladia v2 (``result.transcription.utterances``), ElevenLabs Scribe (``words`` with ``speaker_id``), Google
  Speech-to-Text (v1: ``speakerTag`` on the last result's words, or ``speaker_tag`` as the Python client saves it; v2:
  ``speakerLabel`` on each result's), Soniox
  (``tokens``: pieces of words with ``speaker`` and ``start_ms``), IBM Watson (``speaker_labels`` beside the words'
  ``timestamps``), Recall.ai (a list of ``participant`` and ``words``);
- turns read whole (``json_utterances``): Azure batch transcription (``recognizedPhrases``), fast transcription
  (``phrases``) and the Speech SDK's conversation transcription results (``SpeakerId``, ``DisplayText``; an array or
  JSON Lines), Amazon Transcribe Call Analytics (``Transcript`` by ``ParticipantRole``), Google Meet's REST API
  (``transcriptEntries``, names from ``participants``), tl;dv's API (``data``);
- WhisperX and similar (``segments`` with ``speaker``; split where its words' speakers change; Fathom's ``transcript``
  with a ``speaker`` object and a ``timestamp``), a plain list of ``{speaker, text, start, end}`` (times in seconds
  or as time codes), and turns whose text is only in their words (Sonix's ``transcript``, Happy Scribe's list of
  ``{speaker, words}``).

Speaker numbers and letters become "Speaker 0", "Speaker A" (placeholders: never shown as a name).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from . import json_utterances as turns_of
from .json_words import Turns, seconds, speaker_label, word_runs


class ShapeError(ValueError):
    """A service's shape whose values are not what the service writes (a list where words go, a number for a turn)."""


def to_transcript(document: Any) -> dict[str, Any] | None:
    """The document in the project's schema (``turns``, ``source``, ``metadata``), or None for an unknown shape.

    Raises ``ShapeError`` when no shape fits and one was recognised but holds values of the wrong type.
    """
    failure: ShapeError | None = None
    for service, recognise in _READERS:
        try:
            turns = recognise(document)
        except (AttributeError, TypeError, KeyError, IndexError, ValueError) as error:
            failure = failure or ShapeError(
                f"{service} JSON with values of the wrong type ({type(error).__name__}: {str(error)[:100]})"
            )
            continue
        if turns:
            metadata = _METADATA.get(service, lambda _: {})(document)
            return {"turns": turns} | ({"metadata": metadata} if metadata else {})
    if failure is not None:
        raise failure
    return None


def _amazon(document: Any) -> Turns | None:
    results = document.get("results") if isinstance(document, dict) else None
    if not isinstance(results, dict) or not isinstance(results.get("items"), list):
        return None
    segments = results.get("audio_segments")
    if isinstance(segments, list) and segments and isinstance(segments[0], dict) and "speaker_label" in segments[0]:
        return [
            {"speaker": speaker_label(s.get("speaker_label")), "text": s.get("transcript"),
             "start": seconds(s.get("start_time")), "end": seconds(s.get("end_time"))}
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

    return word_runs(
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
    return word_runs(
        ((r.get("alternatives") or [{}])[0].get("speaker"), str((r.get("alternatives") or [{}])[0].get("content", "")),
         r.get("type") == "punctuation", r.get("start_time"), r.get("end_time"))
        for r in results
    )  # fmt: skip


def _elevenlabs(document: Any) -> Turns | None:
    """ElevenLabs Scribe: ``words`` of type word, spacing or audio event, each with a ``speaker_id``."""
    words = document.get("words") if isinstance(document, dict) else None
    if not isinstance(words, list) or not any(isinstance(w, dict) and "speaker_id" in w for w in words):
        return None
    return word_runs(
        (w.get("speaker_id"), str(w.get("text", "")).strip(), False, w.get("start"), w.get("end"))
        for w in words if isinstance(w, dict) and w.get("type", "word") == "word"
    )  # fmt: skip


def _google(document: Any) -> Turns | None:
    """Google Cloud Speech-to-Text with diarization. v1 (``speakerTag``, ``startTime``): the last result holds every
    word with its speaker; v2 (``speakerLabel``, ``startOffset``): each result holds its own words. As ``recognize``
    returns it, or inside the ``response`` of a long-running operation (``operations.get``)."""
    if isinstance(document, dict) and isinstance(document.get("response"), dict) and "done" in document:
        document = document["response"]
    results = document.get("results") if isinstance(document, dict) else None
    if not isinstance(results, list) or not results:
        return None
    results = _camel_case(results)  # as the Python client's ``to_dict`` saves it: "speaker_tag", "start_time"
    labelled = [
        [w for w in (result.get("alternatives") or [{}])[0].get("words") or []
         if isinstance(w, dict) and ("speakerTag" in w or "speakerLabel" in w)]
        for result in results
    ]  # fmt: skip
    # v1's last result says every word again, from the first one on.
    first = next((words[:1] for words in labelled if words), [])
    words = labelled[-1] if labelled[-1][:1] == first else [w for ws in labelled for w in ws]
    if not words:
        return None
    return word_runs(
        (w.get("speakerTag", w.get("speakerLabel")), str(w.get("word", "")), False,
         w.get("startTime", w.get("startOffset")), w.get("endTime", w.get("endOffset")))
        for w in words
    )  # fmt: skip


def _camel_case(value: Any) -> Any:
    """``value`` with every key in snake case written in camel case ("speaker_tag" → "speakerTag")."""
    if isinstance(value, dict):
        return {re.sub(r"_([a-z])", lambda m: m[1].upper(), k) if isinstance(k, str) else k: _camel_case(v)
                for k, v in value.items()}  # fmt: skip
    return [_camel_case(v) for v in value] if isinstance(value, list) else value


def _soniox(document: Any) -> Turns | None:
    """Soniox's transcript: ``tokens`` that are pieces of words (a leading space starts a word), each with its
    ``speaker`` and ``start_ms``/``end_ms``."""
    tokens = document.get("tokens") if isinstance(document, dict) else None
    if not isinstance(tokens, list) or not any(isinstance(t, dict) and "start_ms" in t for t in tokens):
        return None
    words: list[list[Any]] = []  # [speaker, text, start, end]
    for token in tokens:
        if not isinstance(token, dict) or not str(token.get("text", "")):
            continue
        text, speaker = str(token["text"]), token.get("speaker")
        start, end = seconds(token.get("start_ms"), 0.001), seconds(token.get("end_ms"), 0.001)
        if words and not text[:1].isspace() and speaker == words[-1][0]:
            words[-1][1] += text
            words[-1][3] = end
        else:
            words.append([speaker, text.strip(), start, end])
    return word_runs((speaker, text, False, start, end) for speaker, text, start, end in words if text)


def _deepgram(document: Any) -> Turns | None:
    results = document.get("results") if isinstance(document, dict) else None
    if not isinstance(results, dict):
        return None
    if isinstance(results.get("utterances"), list):
        # multichannel=true without diarization: each utterance has its channel, one per side of a call, no speaker
        return [
            {"speaker": speaker_label(u.get("speaker", u.get("channel"))), "text": u.get("transcript"),
             "start": u.get("start"), "end": u.get("end"),
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
                          key=lambda pair: (seconds(pair[0].get("start")), pair[1]))  # fmt: skip
    else:
        labelled = [(w, w.get("speaker")) for w in channels[0]]
    return word_runs(
        (speaker_label(speaker), str(word.get("punctuated_word") or word.get("word")), False, word.get("start"),
         word.get("end"))
        for word, speaker in labelled
    )  # fmt: skip


def _watson(document: Any) -> Turns | None:
    """IBM Watson Speech to Text with ``speaker_labels``: each result's words as ``[word, from, to]`` in
    ``alternatives[0].timestamps``, the speaker of each word in ``speaker_labels`` by its ``from`` time; Watson's
    ``%HESITATION`` marks are no words."""
    labels = document.get("speaker_labels") if isinstance(document, dict) else None
    if not isinstance(labels, list) or not isinstance(document.get("results"), list):
        return None
    speaker_at = {round(float(label["from"]), 3): label.get("speaker") for label in labels}
    words = []
    for result in document["results"]:
        timestamps = (result.get("alternatives") or [{}])[0].get("timestamps") or []
        words.extend(word for word in timestamps if not str(word[0]).startswith("%"))
    return word_runs(
        (speaker_at.get(round(float(start), 3)), str(word), False, start, end) for word, start, end in words
    )


def _recall(document: Any) -> Turns | None:
    """Recall.ai: a list of ``{participant: {id, name, ...}, words: [{text, start_timestamp: {relative}, ...}]}``,
    one per stretch of a participant's speech, times in seconds from the recording's start."""
    if not isinstance(document, list) or not document:
        return None
    if not all(isinstance(item, dict) and isinstance(item.get("participant"), dict) for item in document):
        return None

    def relative(stamp: Any) -> Any:
        """Recall's time ({"relative": 1.4, "absolute": "..."}), or an older export's plain number."""
        return stamp.get("relative") if isinstance(stamp, dict) else stamp

    return word_runs(
        (speaker_label(item["participant"].get("id"), item["participant"].get("name")),
         str(word.get("text", "")).strip(), False, relative(word.get("start_timestamp")),
         relative(word.get("end_timestamp")))
        for item in document for word in item.get("words") or [] if isinstance(word, dict)
    )  # fmt: skip


_READERS: tuple[tuple[str, Callable[[Any], Turns | None]], ...] = (
    ("Amazon Transcribe", _amazon), ("Amazon Transcribe Call Analytics", turns_of.call_analytics),
    ("Deepgram", _deepgram), ("AssemblyAI", turns_of.assemblyai), ("Gladia", turns_of.gladia),
    ("Fireflies", turns_of.fireflies), ("Gong", turns_of.gong), ("Rev.ai", turns_of.rev),
    ("Speechmatics", _speechmatics), ("IBM Watson", _watson), ("Google Speech-to-Text", _google),
    ("Google Meet", turns_of.meet_entries), ("Azure Speech", turns_of.azure), ("Azure Speech SDK", turns_of.azure_sdk),
    ("Azure fast transcription", turns_of.azure_fast), ("ElevenLabs", _elevenlabs), ("Recall.ai", _recall),
    ("Soniox", _soniox),
    ("WhisperX-style segment", turns_of.segments),
)  # fmt: skip
_METADATA: dict[str, Callable[[Any], dict[str, str]]] = {"Gong": turns_of.gong_metadata}
"""Service → what its JSON says of the people beside their words (the project's ``metadata``)."""
