"""Transcripts in the project's JSON schema (``voiceofbuyer.transcript/1``), e.g. from speech-to-text, and the JSON of
transcription services (converted by json_formats.py).

The decoded text is the turns' texts joined with ``\\n``, so turn ``i`` starts on line ``i + 1`` when no
text holds a newline; turn lines count in that text, not in the JSON file. Timed words are aligned to
their turn's text in order, case-insensitively, ignoring surrounding punctuation; a word that cannot be
found within a few words of the previous one is dropped rather than guessed.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

from voiceofbuyer.errors import InputError
from voiceofbuyer.ingest.decode import decode, normalise_newlines, require_content
from voiceofbuyer.ingest.json_formats import ShapeError, to_transcript
from voiceofbuyer.ingest.metadata import meta_from_mapping
from voiceofbuyer.ingest.timestamps import MAX_SECONDS
from voiceofbuyer.ingest.tool_lines import is_tool_line
from voiceofbuyer.ingest.turns import LineIndex, Parsed, turn_at
from voiceofbuyer.ingest.unlabelled import Segment, guessed, one_voice_read_by_questions
from voiceofbuyer.ingest.voice_memo import read_by_questions
from voiceofbuyer.records import Turn, Word

SCHEMA = "voiceofbuyer.transcript/1"
MAX_SKIPPED_TOKENS = 3
MAX_NUMBER_DIGITS = 30
"""No number in a transcript (a time, a speaker number, a confidence) needs more digits than this."""
_SERVICES = (
    "; or the JSON as Amazon Transcribe (and its Call Analytics), AssemblyAI, Azure (batch or fast transcription), "
    "Deepgram, ElevenLabs Scribe, Fathom, Fireflies, Gladia, Gong, Google Meet's API, Google Speech-to-Text, Happy "
    "Scribe, IBM Watson, Recall.ai, Rev.ai, Sonix, Speechmatics, tl;dv or WhisperX return it; "
    "any other service's transcript as .txt, .vtt or .csv with speaker names"
)
_FIX = (
    f'follow the schema: {{"schema": "{SCHEMA}", "turns": [{{"speaker": "Sam Rivera", "start": 0.0, '
    f'"end": 4.2, "text": "..."}}]}}'
)
_EDGE_PUNCTUATION = re.compile(r"^\W+|\W+$")
_TOKEN = re.compile(r"\w+")


def read_json(data: bytes, source: str) -> Parsed:
    """Our schema, or the JSON of a transcription service (see json_formats.py), as an Interview's text and turns."""
    try:
        text = require_content(decode(data, source), source)
        try:
            document = json.loads(text, parse_constant=_no_constant, parse_int=_integer)
        except json.JSONDecodeError as err:
            if err.msg != "Extra data":
                raise
            # JSON Lines: one result per line, as SDKs' results are often saved (a first line that reads whole)
            document = [json.loads(line, parse_constant=_no_constant, parse_int=_integer)
                        for line in text.splitlines() if line.strip()]  # fmt: skip
    except json.JSONDecodeError as err:
        raise InputError(
            source,
            f"invalid JSON: {err.msg} (column {err.colno})",
            fix="correct the JSON syntax at that line",
            line=err.lineno,
        ) from err
    except ValueError as err:
        raise InputError(source, str(err), fix="write times as numbers of seconds") from err
    except RecursionError as err:
        raise InputError(source, "JSON nested too deeply to be a transcript", fix=_FIX) from err
    if not isinstance(document, dict) or document.get("schema") != SCHEMA:
        try:
            converted = to_transcript(document)
        except ShapeError as err:
            raise InputError(source, f"not a transcript: {err}", fix=_FIX + _SERVICES) from err
        if converted is None and _whisper_segments(document):
            return _read_unlabelled(document, source)
        if converted is None:
            if isinstance(document, dict) and "schema" in document:
                raise _bad(source, "schema", f"must be {SCHEMA!r}")
            raise InputError(source, "not a transcript: a JSON shape no reader knows", fix=_FIX + _SERVICES)
        document = _timed_words_only(converted, source)
    media = _expect(document.get("source", ""), str, source, "source", "a string")
    metadata = _expect(document.get("metadata") or {}, dict, source, "metadata", "an object")
    items = [
        _expect(item, dict, source, f"turns[{i}]", "an object")
        for i, item in enumerate(_expect(document.get("turns"), list, source, "turns", "a list"))
    ]
    texts = [
        normalise_newlines(_expect(item.get("text"), str, source, f"turns[{i}].text", "a string"))
        for i, item in enumerate(items)
    ]
    text = require_content("\n".join(texts), source)
    index = LineIndex(text)
    turns: list[Turn] = []
    offset = 0
    for i, (item, spoken) in enumerate(zip(items, texts, strict=True)):
        turn = _read_turn(text, offset, offset + len(spoken), item, index, source, f"turns[{i}]")
        # "Recording stopped.": the meeting app's notice, heard and diarized as a segment of whoever was nearest
        if turn and not is_tool_line(spoken, stamps=False):
            turns.append(turn)
        offset += len(spoken) + 1
    declared = _declared_language(document)
    speakers = _expect(document.get("speakers") or {}, dict, source, "speakers", "an object")
    confidence = speakers.get("confidence")
    if confidence is not None and (isinstance(confidence, bool) or not isinstance(confidence, int | float)
                                   or not 0 <= confidence <= 1):  # fmt: skip
        raise _bad(source, "speakers.confidence", "must be a number from 0 to 1")
    meta = meta_from_mapping(metadata, source)
    one_voice = one_voice_read_by_questions(text, turns)  # WhisperX's SPEAKER_00 on every segment
    if one_voice:
        return guessed(text, one_voice, meta=meta, media=media.strip(), language=declared)
    return Parsed(text, tuple(turns), meta, media.strip(), declared, confidence)


def _whisper_segments(document: Any) -> bool:
    """Whether ``document`` is Whisper's own JSON (``--output_format json``, ``model.transcribe``): ``segments`` of
    ``start``, ``end`` and ``text``, and no speaker anywhere."""
    items = document.get("segments") if isinstance(document, dict) else None
    return (
        isinstance(items, list) and bool(items)
        and all(isinstance(i, dict) and isinstance(i.get("text"), str) and "start" in i for i in items)
        and not any("speaker" in i for i in items)
    )  # fmt: skip


def _read_unlabelled(document: dict[str, Any], source: str) -> Parsed:
    """Whisper's JSON: a line of text per segment, read by its questions (``unlabelled``), a guess it declares."""
    items = document["segments"]
    texts = [" ".join(normalise_newlines(item["text"]).split()) for item in items]
    text = require_content("\n".join(texts), source)
    segments, offset = [], 0
    for number, (item, spoken) in enumerate(zip(items, texts, strict=True), start=1):
        start, end = (_optional_seconds(item.get(edge), source, f"segments[{number - 1}].{edge}")
                      for edge in ("start", "end"))  # fmt: skip
        segments.append(Segment(offset, offset + len(spoken), number, start, end))
        offset += len(spoken) + 1
    expected = "a speaker per segment, or questions to tell sides"
    return read_by_questions(text, segments, source, expected, language=_declared_language(document))


def _declared_language(document: dict[str, Any]) -> str:
    """The ISO 639-1 code of a transcript's ``language`` ("en", "en-GB" → "en"); "" when it declares none."""
    language = document.get("language")
    return language.strip().lower()[:2] if isinstance(language, str) and language.strip() else ""


def _read_turn(
    text: str, start: int, end: int, item: dict[str, Any], index: LineIndex, source: str, field: str
) -> Turn | None:
    speaker = _expect(item.get("speaker"), str, source, f"{field}.speaker", "a speaker name").strip()
    if not speaker:
        raise _bad(source, f"{field}.speaker", "is empty")
    times = [_optional_seconds(item.get(key), source, f"{field}.{key}") for key in ("start", "end")]
    turn = turn_at(text, start, end, speaker, index.line(start), *times)
    words = _expect(item.get("words") or [], list, source, f"{field}.words", "a list")
    if turn and words:
        timed = [_word(word, source, f"{field}.words[{i}]") for i, word in enumerate(words)]
        turn = replace(turn, words=align_words(text, turn.start_char, turn.end_char, timed))
    return turn


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a time")


def _integer(digits: str) -> int:
    """An integer of the JSON text; one too long to be a time is refused before Python converts it (CPython refuses
    more than 4,300 digits with advice meant for programmers, and floats overflow long before)."""
    if len(digits.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise ValueError(f"a number of {len(digits.lstrip('-')):,} digits is not a time")
    return int(digits)


def _timed_words_only(document: dict[str, Any], source: str) -> dict[str, Any]:
    """A service's words without numeric times (punctuation, or words it could not align) are left out; a turn
    without times keeps none, one with a time that is no time (negative, infinite, not a number) is refused."""
    for index, turn in enumerate(document["turns"]):
        turn["words"] = [
            w for w in turn.get("words") or []
            if isinstance(w, dict) and isinstance(w.get("word"), str)
            and all(_is_seconds(w.get(k)) for k in ("start", "end"))
        ]  # fmt: skip
        for key in ("start", "end"):
            turn[key] = _service_seconds(turn.get(key), source, f"turn {index + 1} {key}")
    return document


def _service_seconds(value: object, source: str, where: str) -> float | None:
    """A service's time in seconds, as its adapter (``json_formats``) read it; None when it gives none."""
    if value is None:
        return None
    if not _is_seconds(value):
        raise InputError(source, f"{where} is {value!r}, no time between 0 and {MAX_SECONDS:.0f} seconds",
                         fix="export the transcript from the service again: its times are damaged")  # fmt: skip
    return float(value)  # type: ignore[arg-type]


def _is_seconds(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value < MAX_SECONDS


def align_words(text: str, start: int, end: int, words: list[tuple[str, float, float]]) -> tuple[Word, ...]:
    """Locate each timed word in ``text[start:end]``, in order."""
    aligned: list[Word] = []
    cursor = start
    for spelled, word_start, word_end in words:
        key = _EDGE_PUNCTUATION.sub("", spelled)
        if not key:
            continue
        match = re.compile(rf"(?<!\w){re.escape(key)}(?!\w)", re.IGNORECASE).search(text, cursor, end)
        if match and len(_TOKEN.findall(text, cursor, match.start())) <= MAX_SKIPPED_TOKENS:
            aligned.append(Word(match.start(), match.end(), word_start, word_end))
            cursor = match.end()
    return tuple(aligned)


def _word(item: object, source: str, field: str) -> tuple[str, float, float]:
    word = _expect(item, dict, source, field, "an object")
    spelled = _expect(word.get("word"), str, source, f"{field}.word", "a string")
    start = _seconds(word.get("start"), source, f"{field}.start")
    return spelled, start, _seconds(word.get("end"), source, f"{field}.end")


def _optional_seconds(value: object, source: str, field: str) -> float | None:
    return None if value is None else _seconds(value, source, field)


def _seconds(value: object, source: str, field: str) -> float:
    if isinstance(value, bool):  # JSON true/false would pass as the ints 1 and 0
        raise _bad(source, field, "must be a number of seconds")
    seconds = float(_expect(value, (int, float), source, field, "a number of seconds"))
    if not 0 <= seconds < MAX_SECONDS:
        raise _bad(source, field, f"must be between 0 and {MAX_SECONDS:.0f} seconds")
    return seconds


def _expect(value: Any, kind: type | tuple[type, ...], source: str, field: str, what: str) -> Any:
    if not isinstance(value, kind):
        raise _bad(source, field, f"must be {what}" if value is not None else f"is missing (must be {what})")
    return value


def _bad(source: str, field: str, problem: str) -> InputError:
    return InputError(source, f"field '{field}' {problem}", fix=_FIX)
