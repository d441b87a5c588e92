"""Speech-to-text speed, accuracy and memory, printed as figures (never asserted).

    python benchmarks/asr.py [--minutes 5.5] [--device auto] [--beam 5] [--batch 0] [--long-minutes 60]

Makes a two-voice recording of at least ``--minutes``: the first turns of the sample interview
``transcripts/northwind-cfo.txt`` read by a female (interviewer) and a male (buyer) espeak-ng voice. Then, in
this one process, with the model loaded and imports done:

- direct: faster-whisper on the same file, as its README calls it (``decode_audio`` then ``transcribe`` with the
  same model, beam size, VAD and word timestamps);
- project: voiceofbuyer's transcription stage on an empty cache (decoding in windows, recognition, speaker
  separation, JSON and WebVTT written);

each twice, alternately, keeping the faster run of each (the machine is shared and noisy). Printed: real-time
factor (processing seconds per audio second) and × real time, word error rate against the script (normalised
text), the share of words given to the right voice, the project's overhead over the direct call and where its
time goes, one-time start-up costs, and the peak memory of ``voiceofbuyer transcribe`` in a fresh process on
this file and, with ``--long-minutes``, on a recording that long (the same speech repeated): bounded memory
shows as about the same peak.

Then the same transcription stage on the real recordings of ``tests/fixtures/real_speech`` (a phone call, AMI
meeting excerpts, four speakers in turn), scored against their reference speakers by ``benchmarks/speakers.py``:
who spoke when, words to the right speaker, the speaker count and, where a reference transcript exists, the word
error rate (``--no-real`` skips it).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the synthetic-speech helpers live with the tests

from benchmarks.speakers import REAL_SPEECH, report  # noqa: E402
from tests.speech import interview, script_of, word_error_rate, write_audio  # noqa: E402
from voiceofbuyer.audio.asr import WhisperRecognizer, load_model  # noqa: E402
from voiceofbuyer.audio.speaker_models import voice_embedder  # noqa: E402
from voiceofbuyer.audio.transcribe import Job, transcribe_all  # noqa: E402
from voiceofbuyer.config import load_config  # noqa: E402
from voiceofbuyer.store import STORE_NAME, Store  # noqa: E402


class Timed:
    """Wraps a recogniser or embedder and adds up the seconds spent in it."""

    def __init__(self, inner: object, method: str) -> None:
        self.inner, self.method, self.seconds = inner, method, 0.0
        self.name = getattr(inner, "name", "")

    def __getattr__(self, name: str) -> object:
        if name != self.method:
            return getattr(self.inner, name)

        def timed(*args: object) -> object:
            started = time.perf_counter()
            try:
                return getattr(self.inner, name)(*args)
            finally:
                self.seconds += time.perf_counter() - started

        return timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=5.5, help="length of the test recording (at least)")
    parser.add_argument("--device", default="auto", choices=("auto", "cpu", "cuda"))
    parser.add_argument("--beam", type=int, default=5)
    parser.add_argument("--batch", type=int, default=0, help="[transcribe] batch_size (0: 16 on CUDA, 1 on CPU)")
    parser.add_argument("--long-minutes", type=float, default=0, help="also measure memory on a recording this long")
    parser.add_argument("--no-real", action="store_true", help="skip the real recordings of tests/fixtures/real_speech")
    args = parser.parse_args()
    settings = {"device": args.device, "beam_size": args.beam, "batch_size": args.batch}
    config = load_config(None).transcribe.model_copy(update=settings)

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        started = time.perf_counter()
        samples, truth = interview(script_of(ROOT / "transcripts" / "northwind-cfo.txt", args.minutes * 60))
        recording = write_audio(folder / "interview.mp3", samples, "libmp3lame")
        duration = len(samples) / 16000
        print(f"# {duration / 60:.1f}-minute two-voice espeak-ng interview, {len(truth)} turns, mp3 "
              f"(made in {time.perf_counter() - started:.0f} s)")  # fmt: skip
        script = " ".join(turn.text for turn in truth)
        # Memory first, while this process is small: a child's peak counts the parent's pages it was forked with.
        peaks = [(duration, _transcribe_peak(recording, folder / "memory", args.device))]
        if args.long_minutes:
            repeat = int(np.ceil(args.long_minutes * 60 / duration))
            long_recording = write_audio(folder / "long.mp3", samples, "libmp3lame", repeat=repeat)
            started = time.perf_counter()
            peaks.append((repeat * duration, _transcribe_peak(long_recording, folder / "memory-long", args.device)))
            print(f"{repeat * duration / 60:.0f}-minute recording: {time.perf_counter() - started:.0f} s in a new "
                  f"`voiceofbuyer transcribe` process, start-up included")  # fmt: skip

        recognizer = WhisperRecognizer(config)
        print(f"model: {recognizer.name}")
        started = time.perf_counter()
        model = load_model(recognizer.model_path, recognizer.device, recognizer.compute_type)
        loaded = time.perf_counter() - started
        started = time.perf_counter()
        embedder = voice_embedder(config)
        embedder.embed(np.random.default_rng(0).standard_normal(32000).astype(np.float32), 0, [(0, 1.5)])
        diarizer_start = time.perf_counter() - started
        print(f"start-up (once per process): Whisper model {loaded:.1f} s; speaker model ({embedder.name}) and its "
              f"imports {diarizer_start:.1f} s")  # fmt: skip

        def direct() -> tuple[float, str]:
            from faster_whisper import decode_audio

            started = time.perf_counter()
            segments, _ = model.transcribe(
                decode_audio(str(recording)),
                language=config.language,
                beam_size=config.beam_size,
                vad_filter=config.vad,
                word_timestamps=True,
            )
            text = " ".join(segment.text for segment in segments)
            return time.perf_counter() - started, text

        def project(run: int) -> tuple[float, dict, Timed, Timed]:
            out = folder / f"project-{run}"
            timed_recognizer, timed_embedder = Timed(recognizer, "words"), Timed(embedder, "embed")
            store = Store(out / STORE_NAME)
            started = time.perf_counter()
            try:
                outcome = transcribe_all(
                    [Job(recording, recording.name, "interview")], out, config, store, None, timed_recognizer,
                    timed_embedder,
                )  # fmt: skip
            finally:
                store.close()
            seconds = time.perf_counter() - started
            document = json.loads(outcome.transcripts[recording.name].read_text("utf-8"))
            return seconds, document, timed_recognizer, timed_embedder

        runs_direct, runs_project = [], []
        for run in range(2):
            runs_direct.append(direct())
            runs_project.append(project(run))
        direct_seconds, direct_text = min(runs_direct, key=lambda r: r[0])
        project_seconds, document, timed_recognizer, timed_embedder = min(runs_project, key=lambda r: r[0])
        project_text = " ".join(turn["text"] for turn in document["turns"])

        words = [(turn["speaker"], (w["start"] + w["end"]) / 2) for turn in document["turns"] for w in turn["words"]]
        right = sum(speaker == _truth_at(truth, middle).speaker for speaker, middle in words) / len(words)
        speakers = document["speakers"]
        print(f"{'':10} {'seconds':>8} {'RTF':>6} {'x real time':>11} {'WER':>6}")
        rows = (("direct", direct_seconds, direct_text), ("project", project_seconds, project_text))
        for name, seconds, text in rows:
            print(f"{name:10} {seconds:8.1f} {seconds / duration:6.3f} {duration / seconds:11.1f} "
                  f"{word_error_rate(script, text):6.1%}")  # fmt: skip
        print(f"each run (s): direct {[round(r[0], 1) for r in runs_direct]}, "
              f"project {[round(r[0], 1) for r in runs_project]}")  # fmt: skip
        other = project_seconds - timed_recognizer.seconds - timed_embedder.seconds
        print(f"project overhead over the direct call: {project_seconds / direct_seconds - 1:+.0%} "
              f"(recognition {timed_recognizer.seconds:.1f} s, speaker embeddings {timed_embedder.seconds:.1f} s, "
              f"decoding, clustering, files {other:.1f} s)")  # fmt: skip
        print(
            f"speakers: {speakers['count']} by {speakers['method']}, confidence {speakers['confidence']:.2f}; "
            f"words given to the right voice: {right:.1%}; turns {len(document['turns'])} (script {len(truth)})"
        )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory of this process (everything above): {peak:.0f} MiB")
        for seconds, child_peak in peaks:
            print(f"peak memory of `voiceofbuyer transcribe` alone (new process), {seconds / 60:.0f}-minute "
                  f"recording: {child_peak:.0f} MiB")  # fmt: skip
    if not args.no_real:
        print(f"\n# real recordings ({REAL_SPEECH.relative_to(ROOT)}), speakers scored against their references")
        report([REAL_SPEECH], config)


def _truth_at(truth: list, seconds: float) -> object:
    return min(truth, key=lambda turn: 0 if turn.start <= seconds <= turn.end else abs(seconds - turn.start))


def _transcribe_peak(recording: Path, out: Path, device: str) -> float:
    """Peak resident memory of a fresh ``voiceofbuyer transcribe`` process on ``recording`` (MiB)."""
    command = [sys.executable, "-m", "voiceofbuyer.cli", "transcribe", str(recording), "--out", str(out), "--quiet",
               "--device", device]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    return usage.ru_maxrss / 1024


if __name__ == "__main__":
    main()
