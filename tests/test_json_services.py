"""Transcription services' JSON read as turns: the shapes whose details the end-to-end fixture cases (705-710) do
not vary (milliseconds, hesitation marks, a file without the participants' names, channels)."""

from __future__ import annotations

import json
from pathlib import Path

from voiceofbuyer.ingest.sides import identify_sides
from voiceofbuyer.ingest.speaker_names import is_placeholder

from .test_ingest import read


def turns_of(folder: Path, document: object) -> list[tuple[str, str, float | None, float | None]]:
    interview = read(folder, "call.json", json.dumps(document))
    return [(t.speaker, t.text, t.start, t.end) for t in interview.turns]


def test_tldv_api_data_in_seconds_and_in_milliseconds(tmp_path):
    seconds = {"id": "m1", "meetingId": "m0", "data": [
        {"speaker": "Alex Kim", "text": "What's your role?", "startTime": 0, "endTime": 4},
        {"speaker": "Ana Folau", "text": "I'm the general manager.", "startTime": 5, "endTime": 12},
    ]}  # fmt: skip
    assert turns_of(tmp_path, seconds)[1] == ("Ana Folau", "I'm the general manager.", 5.0, 12.0)
    millis = {"data": [
        {"speaker": "Alex Kim", "text": "What's your role?", "startTime": 400, "endTime": 4000},
        {"speaker": "Ana Folau", "text": "I'm the general manager.", "startTime": 5200, "endTime": 12000},
    ]}  # fmt: skip
    assert turns_of(tmp_path, millis)[1] == ("Ana Folau", "I'm the general manager.", 5.2, 12.0)


def test_ibm_watson_words_take_the_speaker_of_their_start_and_hesitations_are_no_words(tmp_path):
    document = {"results": [
        {"final": True, "alternatives": [{"transcript": "what's your role ", "timestamps": [
            ["what's", 0.4, 0.9], ["your", 0.9, 1.2], ["role", 1.2, 1.6]]}]},
        {"final": True, "alternatives": [{"transcript": "%HESITATION I run quality ", "timestamps": [
            ["%HESITATION", 2.0, 2.4], ["I", 2.4, 2.5], ["run", 2.5, 2.8], ["quality", 2.8, 3.3]]}]},
    ], "speaker_labels": [
        {"from": 0.4, "to": 0.9, "speaker": 0}, {"from": 0.9, "to": 1.2, "speaker": 0},
        {"from": 1.2, "to": 1.6, "speaker": 0}, {"from": 2.0, "to": 2.4, "speaker": 1},
        {"from": 2.4, "to": 2.5, "speaker": 1}, {"from": 2.5, "to": 2.8, "speaker": 1},
        {"from": 2.8, "to": 3.3, "speaker": 1},
    ]}  # fmt: skip
    assert turns_of(tmp_path, document) == [
        ("Speaker 0", "what's your role", 0.4, 1.6),
        ("Speaker 1", "I run quality", 2.4, 3.3),
    ]


def test_google_meet_entries_without_the_participants_are_placeholders_timed_from_the_first_entry(tmp_path):
    document = {"transcriptEntries": [
        {"participant": "conferenceRecords/a/participants/11", "text": "What do you do?",
         "startTime": "2025-03-12T15:00:00.400Z", "endTime": "2025-03-12T15:00:03Z"},
        {"participant": "conferenceRecords/a/participants/22", "text": "I run revenue operations.",
         "startTime": "2025-03-12T15:00:04.460Z", "endTime": "2025-03-12T15:00:11.780Z"},
    ]}  # fmt: skip
    turns = turns_of(tmp_path, document)
    assert turns == [
        ("Participant 11", "What do you do?", 0.0, 2.6),
        ("Participant 22", "I run revenue operations.", 4.06, 11.38),
    ]
    assert all(is_placeholder(speaker) for speaker, *_ in turns)  # never shown as a person's name


def test_call_analytics_agent_is_the_interviewing_side(tmp_path):
    document = {"JobStatus": "COMPLETED", "Transcript": [
        {"ParticipantRole": "AGENT", "Content": "Thanks for joining. What's your role?",
         "BeginOffsetMillis": 400, "EndOffsetMillis": 4120},
        {"ParticipantRole": "CUSTOMER", "Content": "I'm the claims operations manager at Northbay Mutual.",
         "BeginOffsetMillis": 4820, "EndOffsetMillis": 12500},
    ]}  # fmt: skip
    interview = read(tmp_path, "call.json", json.dumps(document))
    assert [(t.speaker, t.start) for t in interview.turns] == [("Agent", 0.4), ("Customer", 4.82)]
    sides = identify_sides(interview)
    assert sides.interviewers == ("Agent",) and sides.buyers == ("Customer",)


def test_azure_fast_transcription_phrases_by_channel_in_time_order(tmp_path):
    document = {"durationMilliseconds": 9000, "combinedPhrases": [{"text": "Hi. Hello, I run the lab."}], "phrases": [
        {"channel": 1, "offsetMilliseconds": 1500, "durationMilliseconds": 2000, "text": "Hello, I run the lab."},
        {"channel": 0, "offsetMilliseconds": 200, "durationMilliseconds": 800, "text": "Hi."},
    ]}  # fmt: skip
    assert turns_of(tmp_path, document) == [
        ("Speaker 0", "Hi.", 0.2, 1.0),
        ("Speaker 1", "Hello, I run the lab.", 1.5, 3.5),
    ]


def test_deepgram_multichannel_utterances_without_speakers_take_their_channel(tmp_path):
    """Tester B: ``multichannel=true&utterances=true`` without diarization gives each utterance a ``channel`` and no
    ``speaker``: every turn was "Unknown", and the file skipped as one in which no buyer speaks."""
    words = [{"word": "hi", "start": 0.2, "end": 0.5}]
    document = {"metadata": {"channels": 2}, "results": {
        "channels": [{"alternatives": [{"transcript": "Hi.", "words": words}]}] * 2,
        "utterances": [
            {"start": 0.2, "end": 1.0, "channel": 0, "transcript": "What do you do?", "words": []},
            {"start": 1.5, "end": 3.5, "channel": 1, "transcript": "I run dispatch.", "words": []},
        ]}}  # fmt: skip
    assert turns_of(tmp_path, document) == [
        ("Speaker 0", "What do you do?", 0.2, 1.0),
        ("Speaker 1", "I run dispatch.", 1.5, 3.5),
    ]


def test_sdk_and_client_library_shapes_testers_saved(tmp_path):
    """Tester 13: Google Speech-to-Text saved by the Python client's ``to_dict`` (snake case), the Azure Speech SDK's
    conversation transcription results (an array, or JSON Lines) and Fireflies' list of sentences were "a JSON shape
    no reader knows", "invalid JSON: Extra data" and "empty transcript"."""
    words = [{"start_time": f"{0.5 * i}s", "end_time": f"{0.5 * i + 0.4}s", "word": word, "speaker_tag": tag}
             for i, (word, tag) in enumerate([("What's", 2), ("your", 2), ("role?", 2), ("I", 1), ("manage", 1),
                                               ("the", 1), ("warehouse.", 1)])]  # fmt: skip
    google = {"results": [{"alternatives": [{"transcript": "...", "words": words}], "result_end_time": "3.5s"}]}
    assert turns_of(tmp_path, google) == [
        ("Speaker 2", "What's your role?", 0.0, 1.4), ("Speaker 1", "I manage the warehouse.", 1.5, 3.4),
    ]  # fmt: skip
    results = [
        {"SpeakerId": "Guest-2", "DisplayText": "I manage energy for forty stores.", "Offset": 50_000_000,
         "Duration": 30_000_000, "Type": "ConversationTranscription"},
        {"SpeakerId": "Guest-1", "DisplayText": "What does your work involve?", "Offset": 20_000_000,
         "Duration": 20_000_000, "Type": "ConversationTranscription"},
    ]  # fmt: skip
    expected = [("Guest-1", "What does your work involve?", 2.0, 4.0),
                ("Guest-2", "I manage energy for forty stores.", 5.0, 8.0)]  # fmt: skip
    assert turns_of(tmp_path, results) == expected
    lines = read(tmp_path, "results.json", "\n".join(json.dumps(result) for result in results) + "\n")
    assert [(t.speaker, t.text, t.start, t.end) for t in lines.turns] == expected
    sentences = [
        {"sentence": "What does your team look after?", "startTime": 2.0, "endTime": 7.3, "speaker_name": "Elena",
         "speaker_id": 0},
        {"sentence": "I'm head of claims operations.", "startTime": 8.0, "endTime": 14.1, "speaker_name": "Raj",
         "speaker_id": 1},
    ]  # fmt: skip
    assert turns_of(tmp_path, sentences)[1] == ("Raj", "I'm head of claims operations.", 8.0, 14.1)
