"""Which of a recording's speakers is the interviewer: the voice that matches a sample of the interviewer
(``[transcribe] interviewer_voice``) when there is one, else the speaker who asks the most questions."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..config import TranscribeConfig
from ..errors import ConfigError, InputError
from ..ingest.askers import asks_most_questions
from . import decoding
from .diarize import VoiceEmbedder

if TYPE_CHECKING:
    from .transcribe import Recording


def choose_interviewer(
    recording: Recording, config: TranscribeConfig, embedder: VoiceEmbedder
) -> tuple[int | None, str]:
    """The interviewer's speaker number (None for a lone speaker) and how it was chosen."""
    speakers = recording.speakers
    if speakers.count < 2:
        return None, "single speaker"
    if config.interviewer_voice and speakers.voices:
        try:
            reference = reference_voice(config.interviewer_voice, config.max_minutes, embedder)
        except InputError as err:
            raise ConfigError(
                f"[transcribe] interviewer_voice {config.interviewer_voice!r}: {err.message} (fix: point it at a short "
                "recording of the interviewer alone, .wav, .mp3 or .m4a, relative to the working directory)"
            ) from err
        similarity = np.array(speakers.voices) @ reference
        if similarity.max() >= embedder.calibration.same_voice:
            return int(similarity.argmax()), "voice"
    return asks_most_questions(zip(speakers.labels, (w.text for w in recording.words), strict=True)), "questions"


@lru_cache(maxsize=4)
def reference_voice(path: str, max_minutes: float, embedder: VoiceEmbedder) -> np.ndarray:
    """The voice embedding by ``embedder`` of the recording at ``path`` (at most ``max_minutes`` read);
    ``InputError`` when it cannot be decoded, ``MissingComponent`` without resemblyzer's weights."""
    source = Path(path)
    if source.is_dir():
        raise InputError(path, "a folder, not a recording", fix="point it at one audio file")
    info = decoding.probe(source, path)
    samples = np.concatenate(list(decoding.decode(source, path, info, max_minutes * 60)), axis=1)
    return embedder.embed_recording(decoding.mono(samples))
