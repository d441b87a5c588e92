"""A speaker-embedding model the user already has, as an ONNX file (``[transcribe] speaker_model = PATH``).

WeSpeaker's models (ResNet34, ECAPA-TDNN; the ones pyannote 3.x uses) and most others of their family are
exported to ONNX with one input, Kaldi log-mel filterbank frames shaped ``(batch, frames, 80)``, and one output,
the embeddings ``(batch, dimensions)``. This module computes those frames (25 ms windows every 10 ms at 16 kHz,
a Povey window, pre-emphasis 0.97, 80 triangular filters on the mel scale from 20 Hz to 8 kHz, natural log of the
power, each frame's mean over the span subtracted: Kaldi's ``compute-fbank-feats`` with dither 0, as WeSpeaker
feeds its models) and runs the model with onnxruntime, on the same spans as the bundled GE2E encoder. Nothing
is downloaded; the default stays the bundled encoder (``diarize.ResemblyzerEmbedder``).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..config import TranscribeConfig
from ..errors import ConfigError
from .decoding import SAMPLE_RATE
from .diarize import Piece, ResemblyzerEmbedder, VoiceEmbedder, embed_spans

FRAME_LENGTH = 400
"""25 ms at 16 kHz."""
FRAME_SHIFT = 160
"""10 ms at 16 kHz."""
FFT_SIZE = 512
MEL_BINS = 80
PRE_EMPHASIS = 0.97
MIN_SPAN_FRAMES = 150
"""A span shorter than 1.5 s is widened around its centre: short windows give noisy speaker vectors."""
_BATCH = 32


@lru_cache(maxsize=1)
def _mel_filters() -> np.ndarray:
    """``(MEL_BINS, FFT_SIZE // 2 + 1)`` triangular filters equally spaced on Kaldi's mel scale, 20 Hz to 8 kHz."""

    def mel(hertz: np.ndarray | float) -> np.ndarray:
        return 1127.0 * np.log(1.0 + np.asarray(hertz) / 700.0)

    low, high = mel(20.0), mel(SAMPLE_RATE / 2)
    edges = low + (high - low) * np.arange(MEL_BINS + 2) / (MEL_BINS + 1)
    bins = mel(np.arange(FFT_SIZE // 2 + 1) * SAMPLE_RATE / FFT_SIZE)
    left, centre, right = edges[:-2, None], edges[1:-1, None], edges[2:, None]
    rising = (bins - left) / (centre - left)
    falling = (right - bins) / (right - centre)
    return np.maximum(0.0, np.minimum(rising, falling))


def fbank(samples: np.ndarray) -> np.ndarray:
    """Kaldi-style log-mel filterbank frames ``(frames, 80)`` of mono float samples in [-1, 1] at 16 kHz (scaled
    to 16-bit values first, as Kaldi reads audio); no frame for fewer than ``FRAME_LENGTH`` samples."""
    signal = np.asarray(samples, dtype=np.float64) * 32768.0
    count = 1 + (len(signal) - FRAME_LENGTH) // FRAME_SHIFT if len(signal) >= FRAME_LENGTH else 0
    if count == 0:
        return np.zeros((0, MEL_BINS), dtype=np.float32)
    index = np.arange(FRAME_LENGTH)[None, :] + FRAME_SHIFT * np.arange(count)[:, None]
    frames = signal[index]
    frames -= frames.mean(axis=1, keepdims=True)
    frames[:, 1:] -= PRE_EMPHASIS * frames[:, :-1]
    frames[:, 0] -= PRE_EMPHASIS * frames[:, 0]
    povey = (0.5 - 0.5 * np.cos(2 * np.pi * np.arange(FRAME_LENGTH) / (FRAME_LENGTH - 1))) ** 0.85
    power = np.abs(np.fft.rfft(frames * povey, n=FFT_SIZE)) ** 2
    energies = power @ _mel_filters().T
    return np.log(np.maximum(energies, np.finfo(np.float32).eps)).astype(np.float32)


class OnnxSpeakerEmbedder:
    """Voice embeddings from an ONNX speaker model over ``fbank`` frames; ``ConfigError`` when ``path`` is not a
    readable ONNX model with one input of 80 features per frame."""

    def __init__(self, path: str) -> None:
        model = Path(path).expanduser()
        if not model.is_file():
            what = "a folder, not an ONNX file" if model.is_dir() else f"no such file ({model.absolute()})"
            raise ConfigError(f"[transcribe] speaker_model {path!r}: {what} (fix: point it at an ONNX speaker "
                              "model such as WeSpeaker's, relative to the working directory, or leave it empty for "
                              "the bundled encoder)")  # fmt: skip
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1  # the same vectors whatever the machine's thread count
        try:
            self.session = onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        except Exception as err:  # onnxruntime raises its own exception types for unreadable models
            raise ConfigError(
                f"[transcribe] speaker_model {path!r}: not a model onnxruntime can read ({err}) (fix: export the "
                "model to ONNX, or leave it empty for the bundled encoder)"
            ) from err
        inputs, outputs = self.session.get_inputs(), self.session.get_outputs()
        if len(inputs) != 1 or len(inputs[0].shape) != 3 or inputs[0].shape[-1] != MEL_BINS:
            raise ConfigError(f"[transcribe] speaker_model {path!r}: expects {[i.shape for i in inputs]}, not one "
                              f"input of (batch, frames, {MEL_BINS}) filterbank frames (fix: use a WeSpeaker-style "
                              "export)")  # fmt: skip
        if len(outputs[0].shape) != 2:
            raise ConfigError(f"[transcribe] speaker_model {path!r}: gives {outputs[0].shape}, not one embedding per "
                              "input, (batch, dimensions) (fix: use a WeSpeaker-style export)")  # fmt: skip
        self.input = inputs[0].name
        self.name = f"onnx:{hashlib.sha256(model.read_bytes()).hexdigest()[:16]}"

    def embed(self, samples: np.ndarray, offset: float, spans: list[tuple[float, float]]) -> list[Piece]:
        """A ``Piece`` per span (seconds; ``samples`` mono, starting at ``offset``), ordered by time."""
        if not spans or not samples.any():
            return []
        frames = fbank(samples)

        def length_of(seconds: float) -> int:
            return min(len(frames), max(MIN_SPAN_FRAMES, round(seconds * 100)))

        return embed_spans(frames, offset, spans, length_of, self._vectors, batch=_BATCH)

    def embed_recording(self, samples: np.ndarray) -> np.ndarray:
        """One unit vector for a whole recording of one speaker (mono, 16 kHz): the model over all its frames."""
        frames = fbank(samples)
        if not len(frames):
            raise ConfigError("[transcribe] interviewer_voice: shorter than one 25 ms frame (fix: a longer sample)")
        return self._vectors(frames[None])[0]

    def _vectors(self, windows: np.ndarray) -> np.ndarray:
        """Unit vectors of ``(batch, frames, 80)`` windows, each with its mean frame subtracted."""
        centred = (windows - windows.mean(axis=1, keepdims=True)).astype(np.float32)
        vectors = np.asarray(self.session.run(None, {self.input: centred})[0], dtype=np.float32)
        vectors = vectors.reshape(len(windows), -1)
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


def voice_embedder(config: TranscribeConfig) -> VoiceEmbedder:
    """The configured speaker model: the user's ONNX file, else the bundled GE2E encoder."""
    return OnnxSpeakerEmbedder(config.speaker_model) if config.speaker_model else ResemblyzerEmbedder()
