"""Services whose JSON holds turns (utterances, monologues, phrases, segments), each read as turns of the project's
transcript schema (see ``json_formats``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .json_words import Turns, seconds, speaker_label, time_scale, word_runs


def assemblyai(document: Any) -> Turns | None:
    utterances = document.get("utterances") if isinstance(document, dict) else None
    if not isinstance(utterances, list) or not utterances or "results" in document:
        return None
    scale = time_scale(utterances, "start")
    return [
        {"speaker": speaker_label(u.get("speaker")), "text": u.get("text"), "start": seconds(u.get("start"), scale),
         "end": seconds(u.get("end"), scale),
         "words": [{"word": str(w.get("text") or w.get("word") or "").strip(), "start": seconds(w.get("start"), scale),
                    "end": seconds(w.get("end"), scale)} for w in u.get("words") or [] if isinstance(w, dict)]}
        for u in utterances if isinstance(u, dict)
    ]  # fmt: skip


def gladia(document: Any) -> Turns | None:
    """Gladia v2: AssemblyAI's shape of ``utterances`` (seconds, speakers 0, 1), under ``result.transcription``."""
    result = document.get("result") if isinstance(document, dict) else None
    transcription = result.get("transcription") if isinstance(result, dict) else None
    return assemblyai(transcription) if isinstance(transcription, dict) else None


def azure(document: Any) -> Turns | None:
    """Azure batch transcription: ``recognizedPhrases`` with ``speaker``, times in ticks of 100 ns."""
    phrases = document.get("recognizedPhrases") if isinstance(document, dict) else None
    if not isinstance(phrases, list):
        return None
    phrases = sorted((p for p in phrases if isinstance(p, dict) and p.get("nBest")),
                     key=lambda p: (p.get("offsetInTicks") or 0, p.get("channel") or 0))  # fmt: skip
    return [
        {"speaker": speaker_label(p.get("speaker", p.get("channel"))), "text": p["nBest"][0].get("display"),
         "start": seconds(p.get("offsetInTicks"), 1e-7),
         "end": seconds((p.get("offsetInTicks") or 0) + (p.get("durationInTicks") or 0), 1e-7)}
        for p in phrases
    ] or None  # fmt: skip


def azure_sdk(document: Any) -> Turns | None:
    """The Azure Speech SDK's conversation transcription results saved one after another (a JSON array, or JSON
    Lines): ``SpeakerId`` ("Guest-1"), ``DisplayText``, ``Offset`` and ``Duration`` in ticks of 100 ns (tester 13)."""
    if not isinstance(document, list) or not document:
        return None
    results = [r for r in document if isinstance(r, dict) and "DisplayText" in r and "SpeakerId" in r]
    if len(results) < len(document):
        return None
    return [
        {"speaker": speaker_label(r["SpeakerId"]), "text": r["DisplayText"], "start": seconds(r.get("Offset"), 1e-7),
         "end": seconds((r.get("Offset") or 0) + (r.get("Duration") or 0), 1e-7)}
        for r in sorted(results, key=lambda r: r.get("Offset") or 0)
    ] or None  # fmt: skip


def azure_fast(document: Any) -> Turns | None:
    """Azure fast transcription (``transcriptions:transcribe``): ``phrases`` with a ``speaker`` (with diarization) or
    a ``channel``, times in milliseconds; ``combinedPhrases`` repeats the text as one block and is not read."""
    phrases = document.get("phrases") if isinstance(document, dict) else None
    if not isinstance(phrases, list) or not any(isinstance(p, dict) and "offsetMilliseconds" in p for p in phrases):
        return None
    phrases = sorted((p for p in phrases if isinstance(p, dict) and p.get("text")),
                     key=lambda p: (p.get("offsetMilliseconds") or 0, p.get("channel") or 0))  # fmt: skip
    return [
        {"speaker": speaker_label(p.get("speaker", p.get("channel"))), "text": p["text"],
         "start": seconds(p.get("offsetMilliseconds"), 0.001),
         "end": seconds((p.get("offsetMilliseconds") or 0) + (p.get("durationMilliseconds") or 0), 0.001),
         "words": [{"word": str(w.get("text", "")).strip(), "start": seconds(w.get("offsetMilliseconds"), 0.001),
                    "end": seconds((w.get("offsetMilliseconds") or 0) + (w.get("durationMilliseconds") or 0), 0.001)}
                   for w in p.get("words") or [] if isinstance(w, dict) and "offsetMilliseconds" in w]}
        for p in phrases
    ] or None  # fmt: skip


def call_analytics(document: Any) -> Turns | None:
    """Amazon Transcribe Call Analytics (and Contact Lens): ``Transcript`` of utterances by ``ParticipantRole``,
    ``AGENT`` (the caller's side: the interviewer) or ``CUSTOMER``, times in milliseconds."""
    items = document.get("Transcript") if isinstance(document, dict) else None
    if not isinstance(items, list) or not any(isinstance(i, dict) and "ParticipantRole" in i for i in items):
        return None
    return [
        {"speaker": str(i.get("ParticipantRole") or "Unknown").strip().capitalize(), "text": i.get("Content"),
         "start": seconds(i.get("BeginOffsetMillis"), 0.001), "end": seconds(i.get("EndOffsetMillis"), 0.001)}
        for i in items if isinstance(i, dict) and i.get("Content")
    ] or None  # fmt: skip


def meet_entries(document: Any) -> Turns | None:
    """Google Meet's REST API: ``transcriptEntries`` (``conferenceRecords.transcripts.entries.list``), each naming a
    participant resource; the names from ``participants`` (``conferenceRecords.participants.list``) where the file
    holds them too ("Participant 2245" where it does not); times of day in RFC 3339, counted from the earliest
    time in the file (a participant joining, or the first entry)."""
    entries = document.get("transcriptEntries") if isinstance(document, dict) else None
    if not isinstance(entries, list) or not any(isinstance(e, dict) and "participant" in e for e in entries):
        return None
    names: dict[str, str] = {}
    times = [_instant(e.get("startTime")) for e in entries if isinstance(e, dict)]
    for participant in document.get("participants") or []:
        user = next((participant[k] for k in ("signedinUser", "anonymousUser", "phoneUser") if k in participant), {})
        if user.get("displayName"):
            names[participant["name"]] = str(user["displayName"])
        times.append(_instant(participant.get("earliestStartTime")))
    origin = min((t for t in times if t is not None), default=None)

    def offset(value: Any) -> Any:
        """Seconds from the origin, or the value as it is (judged by the reader) when it is not a time of day."""
        instant = _instant(value)
        return round((instant - origin).total_seconds(), 6) if instant and origin else value

    return [
        {"speaker": names.get(e["participant"]) or f"Participant {str(e['participant']).rsplit('/', 1)[-1]}",
         "text": e.get("text"), "start": offset(e.get("startTime")), "end": offset(e.get("endTime"))}
        for e in entries if isinstance(e, dict) and e.get("text")
    ] or None  # fmt: skip


def _instant(value: Any) -> datetime | None:
    """A time of day in RFC 3339 ("2025-03-12T15:00:00.400Z"), or None."""
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")) if isinstance(value, str) else None
    except ValueError:
        return None


def fireflies(document: Any) -> Turns | None:
    """Fireflies: ``sentences`` (also under ``data.transcript``), or the list of sentences itself, each with
    ``speaker_name`` and its words in ``text``, ``raw_text`` or ``sentence`` (tester 13)."""
    if isinstance(document, dict) and isinstance(document.get("data"), dict):
        document = document["data"].get("transcript") or document["data"]
    sentences = document.get("sentences") if isinstance(document, dict) else None
    if isinstance(document, list) and document and all(isinstance(s, dict) and "sentence" in s for s in document):
        sentences = document
    if not isinstance(sentences, list) or not sentences:
        return None
    return [
        {"speaker": speaker_label(s.get("speaker_id"), s.get("speaker_name")),
         "text": s.get("text") or s.get("raw_text") or s.get("sentence"),
         "start": seconds(s.get("start_time", s.get("startTime"))), "end": seconds(s.get("end_time", s.get("endTime")))}
        for s in sentences if isinstance(s, dict)
    ]  # fmt: skip


def gong(document: Any) -> Turns | None:
    """Gong's API (``/v2/calls/transcript``): ``callTranscripts[0].transcript`` of monologues by ``speakerId``, each
    of ``sentences`` timed in milliseconds; a monologue's ``topic`` is Gong's section name, not speech. A speaker is
    named by the call's ``parties`` where the file holds them (see ``gong_metadata``), else "Speaker <id>"."""
    calls = document.get("callTranscripts") if isinstance(document, dict) else None
    if not isinstance(calls, list) or not calls:
        return None
    if len(calls) > 1:
        raise ValueError(f"{len(calls)} calls in one file; save one call per file")
    parties = _gong_parties(document)
    turns: Turns = []
    for monologue in calls[0].get("transcript") or []:
        sentences = [s for s in monologue.get("sentences") or [] if isinstance(s, dict) and s.get("text")]
        if sentences:
            speaker = str(monologue.get("speakerId", "")).strip()
            named = _party_name(parties.get(speaker, {}))
            turns.append({
                "speaker": named or (f"Speaker {speaker}" if speaker.isdigit() else speaker_label(speaker or None)),
                "text": " ".join(str(s["text"]).strip() for s in sentences),
                "start": seconds(sentences[0].get("start"), 0.001), "end": seconds(sentences[-1].get("end"), 0.001),
            })  # fmt: skip
    return turns or None


def gong_metadata(document: Any) -> dict[str, str]:
    """Who is on which side of a Gong call, from its ``parties`` (``/v2/calls/extensive``, beside the transcript
    at the top or under ``calls[0]``): each speaking party's ``affiliation``, "Internal" (the seller's company:
    ``interviewer``) or "External" (``interviewee``; not where a speaker's affiliation is "Unknown", whose side the
    transcript then tells), and the title of the one external speaker. Empty where the file holds no parties (the
    transcript alone)."""
    parties = _gong_parties(document)
    calls = document.get("callTranscripts") if isinstance(document, dict) else None
    spoken = {str(m.get("speakerId", "")).strip() for call in calls or [] if isinstance(call, dict)
              for m in call.get("transcript") or [] if isinstance(m, dict)}  # fmt: skip
    speaking = [party for speaker, party in parties.items() if speaker in spoken and _party_name(party)]
    sides = {
        side: [party for party in speaking if str(party.get("affiliation", "")).casefold() == affiliation]
        for side, affiliation in (("interviewee", "external"), ("interviewer", "internal"))
    }
    metadata = {side: ", ".join(_party_name(p) for p in found) for side, found in sides.items() if found}
    if len(sides["interviewee"]) + len(sides["interviewer"]) < len(speaking):
        # a speaker of "Unknown" affiliation (a dial-in: "I'm on Hannah's team") is on neither side by the parties:
        # the transcript decides, beside the seller's people (named as the buyers, it was put on the seller's side)
        metadata.pop("interviewee", None)
    title = str(sides["interviewee"][0].get("title") or "").strip() if len(sides["interviewee"]) == 1 else ""
    return metadata | ({"title": title} if title else {})


def _gong_parties(document: Any) -> dict[str, dict[str, Any]]:
    """speakerId → party, from ``parties`` at the top of the file or in its first call's data."""
    parties = document.get("parties") if isinstance(document, dict) else None
    calls = document.get("calls") if isinstance(document, dict) else None
    if parties is None and isinstance(calls, list) and calls and isinstance(calls[0], dict):
        parties = calls[0].get("parties")
    return {
        str(party["speakerId"]).strip(): party
        for party in parties if isinstance(party, dict) and party.get("speakerId") is not None
    } if isinstance(parties, list) else {}  # fmt: skip


def _party_name(party: dict[str, Any]) -> str:
    name = party.get("name")
    return " ".join(name.split()) if isinstance(name, str) else ""


def rev(document: Any) -> Turns | None:
    monologues = document.get("monologues") if isinstance(document, dict) else None
    if not isinstance(monologues, list):
        return None
    turns: Turns = []
    for monologue in monologues:
        elements = [e for e in monologue.get("elements") or [] if isinstance(e, dict)]
        timed = [
            {"word": e.get("value"), "start": seconds(e.get("ts")), "end": seconds(e.get("end_ts"))}
            for e in elements if e.get("type") == "text"
        ]  # fmt: skip
        # Rev.ai writes what it could not transcribe as an "unknown" element, "<inaudible>": a transcriber's note.
        text = "".join(
            f"[{str(e.get('value', '')).strip('<>')}]" if e.get("type") == "unknown" else str(e.get("value", ""))
            for e in elements
        ).strip()
        if text:
            speaker = speaker_label(monologue.get("speaker"), monologue.get("speaker_name"))
            turn = {"speaker": speaker, "text": text, "words": timed}
            if timed:
                turn |= {"start": timed[0]["start"], "end": timed[-1]["end"]}
            turns.append(turn)
    return turns or None


def segments(document: Any) -> Turns | None:
    """WhisperX ``segments`` with speakers, a list of turns, or ``turns``/``utterances`` without our schema tag (tl;dv's
    API: ``data`` of ``{speaker, text, startTime, endTime}``)."""
    items = document
    if isinstance(document, dict):
        keys = ("segments", "turns", "utterances", "transcript", "data")
        items = next((document[k] for k in keys if k in document), None)
    if not isinstance(items, list) or not items or not all(isinstance(i, dict) for i in items):
        return None
    if not any("speaker" in i or "speaker_name" in i for i in items):
        return None
    scale = time_scale(items, "startTime")
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
            "speaker": speaker_label(item.get("speaker"), item.get("speaker_name")),
            "text": (item.get("text") or "").strip() or _spoken(item.get("words")),
            "start": seconds(item.get("start", item.get("start_time", timed[0]["start"] if timed else stamp)))
            if "startTime" not in item else seconds(item["startTime"], scale),
            "end": seconds(item.get("end", item.get("end_time", timed[-1]["end"] if timed else None)))
            if "endTime" not in item else seconds(item["endTime"], scale),
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
            timed.append({"word": str(word["text"]).strip(), "start": seconds(start), "end": seconds(end)})
    return timed


def _by_word_speaker(segment: dict[str, Any], words: list[dict[str, Any]]) -> Turns:
    """A WhisperX segment whose words carry different speakers, as one turn per run of a speaker's words. Whisper
    runs a question and its answer into one segment at times, and WhisperX gives the segment its majority's speaker:
    the question would be the buyer's. Empty when the words name one speaker or none. A word WhisperX could not
    align ("90", with no time nor speaker) stays in the text of the run it is in."""
    if len({w["speaker"] for w in words if "speaker" in w}) < 2 or not all("word" in w for w in words):
        return []
    # A word without a speaker stays with the words before it; the first takes the segment's.
    return word_runs(
        (w.get("speaker", segment.get("speaker") if index == 0 else None), str(w["word"]).strip(), False,
         w.get("start"), w.get("end"))
        for index, w in enumerate(words)
    ) or []  # fmt: skip
