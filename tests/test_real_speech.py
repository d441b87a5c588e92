"""Who spoke when on real recorded conversations (``fixtures/real_speech``, see its README for sources and
licences), scored against their reference labels by ``speaker_scoring``; the same transcript every time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from voiceofbuyer.audio.decoding import probe
from voiceofbuyer.audio.transcribe import Job, transcribe_all
from voiceofbuyer.config import load_config
from voiceofbuyer.store import STORE_NAME, Store

from .speaker_scoring import read_rttm, score, transcript_segments, words_to_right_speaker
from .speech import word_error_rate

REAL = Path(__file__).parent / "fixtures" / "real_speech"
CONFIG = load_config(None).transcribe

pytestmark = pytest.mark.slow


def transcribe(recording: Path, out: Path, config=CONFIG) -> tuple[dict, bytes, list[str]]:
    """The JSON transcript (parsed and as bytes) of one recording on an empty cache, and the run's notes."""
    out.mkdir(parents=True)
    store = Store(out / STORE_NAME)
    try:
        outcome = transcribe_all([Job(recording, recording.name, recording.stem)], out, config, store)
    finally:
        store.close()
    assert outcome.problems == []
    path = outcome.transcripts[recording.name]
    return json.loads(path.read_text("utf-8")), path.read_bytes() + path.with_suffix(".vtt").read_bytes(), outcome.notes


@pytest.fixture(scope="module")
def phone_call(tmp_path_factory) -> tuple[dict, bytes, list[str]]:
    return transcribe(REAL / "phone-call.flac", tmp_path_factory.mktemp("phone") / "out")


def test_a_real_two_person_call_gets_two_speakers_and_most_speech_right(phone_call):
    transcript, _, notes = phone_call
    recording = REAL / "phone-call.flac"
    result = score(read_rttm(recording.with_suffix(".rttm")), transcript_segments(transcript),
                   probe(recording, recording.name).duration)  # fmt: skip
    assert result.hypothesis_speakers == result.reference_speakers == 2
    # Measured with CAM++: 96.3% of the reference speech to the right speaker, DER 0.041 (GE2E: 93.1%, 0.072).
    assert result.right_speaker >= 0.95 and result.der <= 0.06, result
    reference = " ".join(" ".join(line.split()[5:]) for line in recording.with_suffix(".stm").read_text().splitlines())
    assert word_error_rate(reference, " ".join(turn["text"] for turn in transcript["turns"])) <= 0.2
    # Two similar voices on a phone line: honest about it (below 0.8 the run says so, with the fixes).
    assert transcript["speakers"]["confidence"] < 1.0
    assert any("--speakers N" in note and "one audio file per participant" in note for note in notes) == (
        transcript["speakers"]["confidence"] < 0.8
    )


def test_a_real_excerpt_is_transcribed_byte_for_byte_the_same_twice(phone_call, tmp_path):
    _, first, _ = phone_call
    _, second, _ = transcribe(REAL / "phone-call.flac", tmp_path / "again")
    assert first == second


def test_batched_recognition_of_a_real_call_keeps_the_words_and_the_speakers(phone_call, tmp_path):
    """faster-whisper's batched inference (the GPU default; here 4 speech chunks at a time on CPU): words as good as
    one window after another, the same speakers, the same transcript twice, under a cache key of its own."""
    from voiceofbuyer.audio.asr import WhisperRecognizer

    batched = CONFIG.model_copy(update={"batch_size": 4})
    assert WhisperRecognizer(batched).name.endswith(":vad1:batch4:cpu:int8")
    assert ":batch" not in WhisperRecognizer(CONFIG).name, "one window after another keeps the cache key it had"
    transcript, first, _ = transcribe(REAL / "phone-call.flac", tmp_path / "batched", batched)
    recording = REAL / "phone-call.flac"
    result = score(read_rttm(recording.with_suffix(".rttm")), transcript_segments(transcript),
                   probe(recording, recording.name).duration)  # fmt: skip
    assert result.hypothesis_speakers == 2 and result.right_speaker >= 0.9, result
    reference = " ".join(" ".join(line.split()[5:]) for line in recording.with_suffix(".stm").read_text().splitlines())
    sequential = " ".join(turn["text"] for turn in phone_call[0]["turns"])
    assert word_error_rate(reference, " ".join(turn["text"] for turn in transcript["turns"])) <= max(
        0.2, word_error_rate(reference, sequential) + 0.05
    )
    assert transcribe(REAL / "phone-call.flac", tmp_path / "again", batched)[1] == first


def test_four_real_speakers_one_after_another_are_counted_and_kept_apart(tmp_path):
    recording = REAL / "four-speakers.flac"
    transcript, _, _ = transcribe(recording, tmp_path / "out")
    result = score(read_rttm(recording.with_suffix(".rttm")), transcript_segments(transcript),
                   probe(recording, recording.name).duration)  # fmt: skip
    assert abs(result.hypothesis_speakers - 4) <= 1  # measured: 4
    assert result.right_speaker >= 0.9, result  # measured: 96.3%


def test_real_two_person_recordings_get_two_speakers_and_their_words(phone_call, tmp_path):
    """The phone call and the AMI excerpts where two people talk (30 s each, real meeting speech): the count right on
    every one, and the words to the right speaker over all of them near the issue's bar of 95% (measured with CAM++
    and re-segmentation: 2 of 2 on each, 95.4% of words on an AMD EPYC with AVX2, 94.7% on an Intel Xeon with
    AVX-512 VNNI, where Whisper's int8 kernels and the speaker model's float kernels round differently and move a
    few words near changes of speaker; CAM++ without re-segmentation 93.1%; GE2E 91.2%, counting 3 on two of
    them). The test's floor, 94%, sits between the two CPUs' figures and those of the weaker methods."""
    transcripts = {"phone-call": phone_call[0]}
    for name in ("ami-dev00", "ami-dev01", "ami-trn03"):
        transcripts[name] = transcribe(REAL / f"{name}.flac", tmp_path / name)[0]
    right = scored = 0.0
    for name, transcript in transcripts.items():
        assert transcript["speakers"]["count"] == 2, name
        share, words = words_to_right_speaker(read_rttm(REAL / f"{name}.rttm"), transcript)
        right, scored = right + share * words, scored + words
    assert right / scored >= 0.94, right / scored


def test_more_speakers_asked_for_than_a_short_excerpt_has_voices_to_tell_is_no_crash(tmp_path):
    """Four speakers in 30 s, most of them saying a word or two: ``--speakers 4`` clusters into no more voices than
    there are pieces to compare, instead of failing."""
    transcript, _, _ = transcribe(REAL / "ami-tst01.flac", tmp_path / "out", CONFIG.model_copy(update={"speakers": 4}))
    assert 1 <= transcript["speakers"]["count"] <= 4


def test_a_real_excerpt_with_too_little_of_each_voice_is_flagged_not_confident(tmp_path):
    """Four people in 30 s of a meeting, four reliable pieces of voice in all: two voices are found, and they look
    tight only because each holds two pieces. Such a recording is never reported as sure (it was 1.00): the run
    names it with the fixes."""
    transcript, _, notes = transcribe(REAL / "ami-trn07.flac", tmp_path / "out")
    assert transcript["speakers"]["confidence"] < 0.8
    assert any("low confidence" in note and "--speakers N" in note for note in notes), notes
