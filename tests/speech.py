"""Synthetic interviews for the audio tests and benchmark: a script read aloud by two espeak-ng voices.

Real speech, not mocks: each turn is synthesised by ``espeak-ng`` (Debian package ``espeak-ng``), decoded
and resampled to 16 kHz with the project's own decoder, trimmed of the synthesiser's silence, and joined
with a pause between turns, so the script's turn boundaries are known exactly. ``write_audio`` encodes the
result in any format PyAV can write; ``word_error_rate`` scores a transcript against the script.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from voiceofbuyer.audio.decoding import SAMPLE_RATE, decode, probe

ESPEAK = shutil.which("espeak-ng")
VOICES = {"Interviewer": "en-us+f3", "Buyer": "en-gb+m3"}
"""A female and a male variant: clearly different voices."""
PAUSE_SECONDS = 0.7

SCRIPT: tuple[tuple[str, str], ...] = (
    ("Interviewer", "Thanks for making the time today. Could you start by telling me what your role is and what "
                    "your team looks after?"),
    ("Buyer", "Sure. I am the finance director at a logistics company, and my team looks after supplier payments "
              "and the monthly close."),
    ("Interviewer", "What is the hardest part of paying suppliers right now?"),
    ("Buyer", "Honestly, the approvals. Invoices sit in the inbox of a manager for days, and then we pay late fees "
              "because nobody chased them."),
    ("Interviewer", "What would make you switch to a new tool for that?"),
    ("Buyer", "It would have to connect to our accounting system on day one. If my team has to type anything twice, "
              "we will not use it."),
    ("Interviewer", "And what worries you about buying something like this?"),
    ("Buyer", "Mostly the rollout. The last vendor promised three weeks and it took six months, so I want references "
              "from companies of our size."),
)  # fmt: skip
"""About 50 seconds read aloud; words only (no digits), so scoring needs no number normalising."""

_FILLERS = frozenset({"um", "uh", "er", "erm", "hmm", "mm", "mhm"})
_ANNOTATION = re.compile(r"\[[^\]]*\]")


@dataclass(frozen=True)
class SpokenTurn:
    speaker: str
    text: str
    start: float
    end: float


def speak(text: str, voice: str, folder: Path) -> np.ndarray:
    """``text`` read by an espeak-ng voice: mono float32 at 16 kHz, the silence around it trimmed."""
    path = folder / "turn.wav"
    subprocess.run([ESPEAK or "espeak-ng", "-v", voice, "-w", str(path), text], check=True, capture_output=True)
    samples = np.concatenate(list(decode(path, path.name, probe(path, path.name), 600)), axis=1)[0]
    loud = np.flatnonzero(np.abs(samples) > 0.02 * np.abs(samples).max())
    return samples[loud[0] : loud[-1] + 1]


def interview(script: tuple[tuple[str, str], ...] = SCRIPT) -> tuple[np.ndarray, list[SpokenTurn]]:
    """The script read turn by turn, with a pause after each turn; and each turn's exact times."""
    pause = np.zeros(int(PAUSE_SECONDS * SAMPLE_RATE), dtype=np.float32)
    pieces: list[np.ndarray] = []
    turns: list[SpokenTurn] = []
    position = 0
    with tempfile.TemporaryDirectory() as scratch:
        for speaker, text in script:
            samples = speak(text, VOICES[speaker], Path(scratch))
            turns.append(SpokenTurn(speaker, text, position / SAMPLE_RATE, (position + len(samples)) / SAMPLE_RATE))
            pieces += [samples, pause]
            position += len(samples) + len(pause)
    return np.concatenate(pieces), turns


def script_of(transcript: Path, minimum_seconds: float) -> tuple[tuple[str, str], ...]:
    """Turns of a ``Name: text`` transcript (the sample batch), as many as take about ``minimum_seconds``
    to read; the first speaker is the interviewer; annotations such as ``[laughs]`` are left out."""
    turns: list[tuple[str, str]] = []
    first = ""
    words = 0
    for line in transcript.read_text("utf-8").splitlines():
        name, _, text = line.partition(": ")
        text = " ".join(_ANNOTATION.sub("", text).split())
        if not text:
            continue
        first = first or name
        turns.append(("Interviewer" if name == first else "Buyer", text))
        words += len(text.split())
        if words / 3.0 >= minimum_seconds:  # espeak-ng reads about 3 words a second, pauses included
            break
    return tuple(turns)


def write_audio(
    path: Path, samples: np.ndarray, codec: str = "pcm_s16le", rate: int = SAMPLE_RATE, repeat: int = 1
) -> Path:
    """Encode (channels, n) or (n,) float samples at ``rate`` with ``codec`` (pcm_s16le, libmp3lame, flac...),
    ``repeat`` times over (a long file, never held in memory)."""
    planes = np.ascontiguousarray(samples.reshape(1, -1) if samples.ndim == 1 else samples, dtype=np.float32)
    layout = "stereo" if planes.shape[0] == 2 else "mono"
    with av.open(str(path), mode="w") as container:
        stream = container.add_stream(codec, rate=rate, layout=layout)
        resampler = av.AudioResampler(format=stream.codec_context.codec.audio_formats[0].name, layout=layout, rate=rate)
        step = 1152 if codec in ("libmp3lame", "mp3") else 4096
        position = 0
        for _ in range(repeat):
            for begin in range(0, planes.shape[1], step):
                frame = av.AudioFrame.from_ndarray(planes[:, begin : begin + step].copy(), format="fltp", layout=layout)
                frame.sample_rate, frame.pts, frame.time_base = rate, position, Fraction(1, rate)
                position += frame.samples
                for converted in resampler.resample(frame):
                    container.mux(stream.encode(converted))
        container.mux(stream.encode(None))
    return path


def normalise(text: str) -> list[str]:
    """Lower-case words without punctuation or fillers; ``company's`` and ``companies`` stay different."""
    words = re.findall(r"[a-z0-9']+", text.lower().replace("-", " "))
    return [word.strip("'") for word in words if word.strip("'") and word not in _FILLERS]


def word_error_rate(reference: str, hypothesis: str) -> float:
    """(substitutions + deletions + insertions) / reference words, on normalised text."""
    ref, hyp = normalise(reference), normalise(hypothesis)
    previous = list(range(len(hyp) + 1))
    for i, ref_word in enumerate(ref, 1):
        current = [i] + [0] * len(hyp)
        for j, hyp_word in enumerate(hyp, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ref_word != hyp_word))
        previous = current
    return previous[-1] / max(len(ref), 1)
