"""Audio and video recordings in a batch.

A recording with a transcript of the same name beside it is that transcript's ``media``: the transcript is
read (so a hand-corrected transcript wins over the recording). Any other recording is transcribed by the
transcription stage (``voiceofbuyer.audio.transcribe``) and read from the JSON transcript it writes; read without
that stage, it is skipped with the message below.
"""

from __future__ import annotations

from voiceofbuyer.errors import InputError

RECORDING_SUFFIXES: tuple[str, ...] = (".wav", ".mp3", ".m4a", ".mp4", ".mov", ".webm", ".ogg", ".flac")


def untranscribed(source: str) -> InputError:
    """A recording read without the transcription stage."""
    return InputError(
        source,
        "recording not transcribed (read without the transcription stage)",
        fix="run `voiceofbuyer run` on the folder, or `voiceofbuyer transcribe` on the file",
    )
