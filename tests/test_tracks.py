"""One recording per participant (Zoom's separate audio files, a multitrack export): a ``<interview>.tracks``
folder is one interview, each speaker taken from their own track and named after it, crosstalk and echo included."""

from __future__ import annotations

import json
from itertools import groupby
from pathlib import Path

import numpy as np
import pytest

from voiceofbuyer.audio.decoding import SAMPLE_RATE
from voiceofbuyer.audio.transcribe import Job, Outcome, transcribe_all
from voiceofbuyer.ingest import read_batch, recordings_to_transcribe
from voiceofbuyer.ingest.recordings import participant_name
from voiceofbuyer.store import STORE_NAME, Store

from .conftest import SAMPLE_CONFIG
from .speech import ESPEAK, interview, word_error_rate, write_audio

pytestmark = [pytest.mark.slow, pytest.mark.skipif(ESPEAK is None, reason="needs espeak-ng")]

ECHO_SECONDS = 0.03
BLEED = 0.1
"""The other participant, heard on a track 20 dB down and 30 ms late: a microphone's crosstalk, a speaker's echo."""


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> tuple[Path, list]:
    """A batch folder holding ``acme-cfo.tracks/`` with the interviewer's and the buyer's own tracks."""
    samples, truth = interview()
    own = {speaker: np.zeros_like(samples) for speaker in ("Interviewer", "Buyer")}
    for turn in truth:
        span = slice(round(turn.start * SAMPLE_RATE), round(turn.end * SAMPLE_RATE))
        own[turn.speaker][span] = samples[span]
    delay = round(ECHO_SECONDS * SAMPLE_RATE)

    def heard(speaker: str, other: str) -> np.ndarray:
        late = np.concatenate([np.zeros(delay, dtype=np.float32), own[other][:-delay]])
        return own[speaker] + BLEED * late

    folder = tmp_path_factory.mktemp("tracks") / "batch"
    tracks = folder / "acme-cfo.tracks"
    tracks.mkdir(parents=True)
    write_audio(tracks / "audioMorganLee11234567.flac", heard("Interviewer", "Buyer"), "flac")
    # The buyer's track is shorter (they left first): padded with silence.
    write_audio(tracks / "Dana Whitfield.wav", heard("Buyer", "Interviewer")[:-SAMPLE_RATE], "pcm_s16le")
    return folder, truth


def transcribe_tracks(folder: Path, out: Path) -> Outcome:
    """The transcription stage on one ``.tracks`` folder, into ``out`` with a store of its own."""
    out.mkdir()
    store = Store(out / STORE_NAME)
    try:
        return transcribe_all([Job(folder, folder.name, folder.stem)], out, SAMPLE_CONFIG.transcribe, store)
    finally:
        store.close()


def test_participants_are_named_after_their_tracks():
    assert participant_name("audioDanaWhitfield11234567") == "Dana Whitfield"  # Zoom's own naming
    assert participant_name("Dana Whitfield") == "Dana Whitfield"
    assert participant_name("dana_whitfield") == "dana whitfield"


def test_a_tracks_folder_is_one_interview_with_each_speaker_from_their_own_track(batch, tmp_path):
    folder, truth = batch
    assert recordings_to_transcribe(folder) == ["acme-cfo.tracks"]
    outcome = transcribe_tracks(folder / "acme-cfo.tracks", tmp_path / "out")
    assert outcome.problems == []
    transcript = json.loads(outcome.transcripts["acme-cfo.tracks"].read_text("utf-8"))
    assert transcript["speakers"]["method"] == "tracks" and transcript["speakers"]["count"] == 2
    assert transcript["speakers"]["confidence"] >= 0.95  # each word clearly loudest on one track
    turns = transcript["turns"]
    # The interviewer is found by their questions; the buyer keeps the name of their track.
    expected = ["Interviewer" if t.speaker == "Interviewer" else "Dana Whitfield" for t in truth]
    # The order of voices is the test; a word or two heard louder on the other track (where depends on the CPU's
    # int8 arithmetic) is left to the word-level count below.
    spoken = [turn["speaker"] for turn in turns if len(turn["text"].split()) > 2]
    assert [k for k, _ in groupby(spoken)] == [k for k, _ in groupby(expected)]
    words = [(turn["speaker"], (w["start"] + w["end"]) / 2) for turn in turns for w in turn["words"]]
    right = sum(
        speaker == ("Interviewer" if min(truth, key=lambda t: 0 if t.start <= m <= t.end else abs(m - t.start)).speaker
                    == "Interviewer" else "Dana Whitfield")
        for speaker, m in words
    )  # fmt: skip
    assert right / len(words) >= 0.97  # channel-path accuracy (measured 140 of 142 and 139 of 143 on two CPUs)
    assert word_error_rate(" ".join(t.text for t in truth), " ".join(t["text"] for t in turns)) <= 0.15

    interviews = read_batch(folder, {"acme-cfo.tracks": outcome.transcripts["acme-cfo.tracks"]}).interviews
    [read] = interviews
    assert read.id == "acme-cfo" and read.source == "acme-cfo.tracks" and read.media == ""
    assert {turn.speaker for turn in read.turns} == {"Interviewer", "Dana Whitfield"}
    # The interviewer's own track names them: kept as the interview's interviewer.
    assert transcript["metadata"] == {"interviewer": "Morgan Lee"} and read.meta.interviewer == "Morgan Lee"


def test_a_tracks_folder_read_without_transcription_is_one_skipped_interview(batch):
    folder, _ = batch
    result = read_batch(folder)
    assert result.interviews == []
    assert [problem.message.split(":")[0] for problem in result.problems] == ["acme-cfo.tracks"]


def test_a_track_that_stops_early_ends_alone_and_a_stray_file_is_named(batch, tmp_path):
    """A participant's file cut short (a broken download) ends there, the others go on; a file in the folder that
    is not audio is one line naming the folder, never an interview of its own."""
    import shutil

    folder, truth = batch
    copy = tmp_path / "batch"
    shutil.copytree(folder, copy)
    import soundfile

    wav = copy / "acme-cfo.tracks" / "Dana Whitfield.wav"
    cut = wav.with_suffix(".flac")
    soundfile.write(cut, soundfile.read(wav)[0], SAMPLE_RATE)
    wav.unlink()
    data = cut.read_bytes()
    cut.write_bytes(data[: len(data) // 2])  # its header still declares the whole length
    (copy / "acme-cfo.tracks" / "notes.txt").write_text("Interviewer: a stray note?\n", "utf-8")
    outcome = transcribe_tracks(copy / "acme-cfo.tracks", tmp_path / "out")
    transcript = json.loads(outcome.transcripts["acme-cfo.tracks"].read_text("utf-8"))
    assert transcript["duration"] >= truth[-1].end - 1  # the interviewer's whole track, not the cut one
    [warning] = outcome.problems
    assert not warning.skipped and "Dana Whitfield.flac" in warning.message
    problems = read_batch(copy, {"acme-cfo.tracks": outcome.transcripts["acme-cfo.tracks"]}).problems
    assert [p.message.split(": ", 1)[0] for p in problems] == ["acme-cfo.tracks/notes.txt"]
    assert "not an audio track of acme-cfo.tracks" in problems[0].message


def test_a_track_that_is_not_audio_names_the_tracks_folder_to_take_it_out_of(batch, tmp_path):
    import shutil

    folder, _ = batch
    copy = tmp_path / "batch"
    shutil.copytree(folder, copy)
    (copy / "acme-cfo.tracks" / "Bob.wav").write_text("not audio at all\n", "utf-8")
    outcome = transcribe_tracks(copy / "acme-cfo.tracks", tmp_path / "out")
    assert outcome.transcripts == {}
    [problem] = outcome.problems
    assert problem.skipped and problem.message.startswith("acme-cfo.tracks/Bob.wav: ")
    assert "so acme-cfo.tracks was not transcribed" in problem.message
    assert "move it out of acme-cfo.tracks (each file there is one participant's audio)" in problem.message


def test_an_empty_tracks_folder_is_one_line_naming_it(tmp_path):
    (tmp_path / "acme.tracks").mkdir()
    [problem] = read_batch(tmp_path).problems
    assert problem.skipped and problem.message.startswith("acme.tracks: folder of tracks with no recording in it")
