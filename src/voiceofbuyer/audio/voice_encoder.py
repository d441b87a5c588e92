"""resemblyzer's voice encoder, run from the weights its wheel ships, without importing resemblyzer.

The model is the GE2E speaker encoder (Wan et al., "Generalized end-to-end loss for speaker verification", 2018)
as trained and published by Resemble AI in ``resemblyzer`` 0.1.4 (Apache-2.0): three LSTM layers of 256 over 40
mel channels of 25 ms windows every 10 ms, a linear projection to 256 and a ReLU; vectors are L2-normalised.

Why not ``from resemblyzer import VoiceEncoder``: resemblyzer's package imports its audio module, which imports
``webrtcvad``, whose module imports ``pkg_resources``, which setuptools 81 and later no longer ship; so on a
current install the import fails before any of it runs. The network, its mel front end and its volume
normalisation are therefore written here exactly as resemblyzer 0.1.4 has them (the same vectors), and the
weights are read from the installed distribution (``resemblyzer/pretrained.pt``), found without importing it.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

import numpy as np
import torch
from torch import nn

from ..errors import MissingComponent
from .decoding import SAMPLE_RATE

MEL_CHANNELS = 40
WINDOW_SAMPLES = SAMPLE_RATE * 25 // 1000
HOP_SAMPLES = SAMPLE_RATE * 10 // 1000
"""One mel frame per 10 ms."""
EMBEDDING_SIZE = 256
TARGET_DBFS = -30.0
"""The level the encoder was trained at."""
PARTIAL_FRAMES = 160
"""A whole recording is embedded as the mean of 1.6 s partials (resemblyzer's ``embed_utterance``)."""
PARTIALS_PER_SECOND = 1.3
MIN_LAST_PARTIAL_COVERAGE = 0.75
_INT16_MAX = 2**15 - 1
SILENCE_WINDOW = SAMPLE_RATE * 30 // 1000
SPEECH_BELOW_PEAK_DB = 35.0
"""A 30 ms window is speech when its level is within this of the recording's loud windows (95th percentile)."""
KEPT_SILENCE_WINDOWS = 6
"""Pauses are cut to at most this many silent windows (180 ms), as resemblyzer's ``trim_long_silences``."""


class GE2EEncoder(nn.Module):
    """Mel frames → voice vectors: ``forward((batch, frames, 40) float32) → (batch, 256)``, L2-normalised and
    non-negative, so the cosine of two vectors lies in [0, 1]."""

    def __init__(self) -> None:
        super().__init__()
        self.lstm = nn.LSTM(MEL_CHANNELS, 256, 3, batch_first=True)
        self.linear = nn.Linear(256, EMBEDDING_SIZE)
        self.relu = nn.ReLU()

    def forward(self, mels: torch.Tensor) -> torch.Tensor:
        """``(batch, frames, 40)`` → ``(batch, 256)`` unit vectors (the last layer's final hidden state)."""
        _, (hidden, _) = self.lstm(mels)
        raw = self.relu(self.linear(hidden[-1]))
        return raw / torch.norm(raw, dim=1, keepdim=True)


def weights_path() -> Path:
    """``resemblyzer/pretrained.pt`` of the installed distribution; ``MissingComponent`` when it is not there."""
    try:
        spec = importlib.util.find_spec("resemblyzer")
    except (ImportError, ValueError):
        spec = None
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    for folder in folders:
        path = Path(folder) / "pretrained.pt"
        if path.is_file():
            return path
    raise MissingComponent(
        "telling voices apart in a one-channel recording needs the voice encoder's weights from resemblyzer, "
        "which is not installed",
        "pip install resemblyzer==0.1.4 (a dependency of voiceofbuyer: reinstall it), or give the recording a "
        "transcript or one channel per speaker",
    )


@lru_cache(maxsize=1)
def load_encoder() -> GE2EEncoder:
    """The encoder on the CPU with resemblyzer's weights, in evaluation mode, loaded once per process."""
    encoder = GE2EEncoder()
    checkpoint = torch.load(weights_path(), map_location="cpu", weights_only=True)
    encoder.load_state_dict(checkpoint["model_state"], strict=False)  # the checkpoint also holds training state
    return encoder.eval()


def normalize_volume(samples: np.ndarray, target_dbfs: float = TARGET_DBFS) -> np.ndarray:
    """Mono float samples scaled to an RMS level of ``target_dbfs`` (dB below a 16-bit full scale)."""
    rms = np.sqrt(np.mean((samples * _INT16_MAX) ** 2))
    return samples * (10 ** ((target_dbfs - 20 * np.log10(rms / _INT16_MAX)) / 20))


def mel_spectrogram(samples: np.ndarray) -> np.ndarray:
    """Mono float samples at 16 kHz → ``(frames, 40)`` float32 mel power (not log), one frame per 10 ms."""
    import librosa

    frames = librosa.feature.melspectrogram(
        y=samples, sr=SAMPLE_RATE, n_fft=WINDOW_SAMPLES, hop_length=HOP_SAMPLES, n_mels=MEL_CHANNELS
    )
    return frames.astype(np.float32).T


def trim_long_silences(samples: np.ndarray) -> np.ndarray:
    """The samples with every pause shortened to about 180 ms, by level (resemblyzer uses webrtcvad here)."""
    from scipy.ndimage import binary_dilation

    count = len(samples) // SILENCE_WINDOW
    if count == 0:
        return samples
    windows = samples[: count * SILENCE_WINDOW].reshape(count, SILENCE_WINDOW)
    level = 10 * np.log10(np.mean(windows.astype(np.float64) ** 2, axis=1) + 1e-12)
    speech = level >= np.percentile(level, 95) - SPEECH_BELOW_PEAK_DB
    speech = binary_dilation(speech, np.ones(KEPT_SILENCE_WINDOWS + 1))
    return windows[speech].reshape(-1) if speech.any() else samples


def embed_utterance(samples: np.ndarray) -> np.ndarray:
    """One ``(256,)`` unit vector for a recording of one speaker (mono, 16 kHz): the volume normalised, long
    pauses cut, the mean of the vectors of 1.6 s partials, as resemblyzer's ``embed_utterance``."""
    samples = trim_long_silences(normalize_volume(samples))
    frames = int(np.ceil((len(samples) + 1) / HOP_SAMPLES))
    step = int(np.round(SAMPLE_RATE / PARTIALS_PER_SECOND / HOP_SAMPLES))
    starts = list(range(0, max(1, frames - PARTIAL_FRAMES + step + 1), step))
    coverage = (len(samples) - starts[-1] * HOP_SAMPLES) / (PARTIAL_FRAMES * HOP_SAMPLES)
    if coverage < MIN_LAST_PARTIAL_COVERAGE and len(starts) > 1:
        starts.pop()
    needed = (starts[-1] + PARTIAL_FRAMES) * HOP_SAMPLES
    samples = np.pad(samples, (0, max(0, needed - len(samples))))
    mel = mel_spectrogram(samples)
    partials = np.stack([mel[start : start + PARTIAL_FRAMES] for start in starts])
    with torch.inference_mode():
        vectors = load_encoder()(torch.from_numpy(partials)).numpy()
    mean = vectors.mean(axis=0)
    return mean / np.linalg.norm(mean)
