"""Audio and video recordings. Speech-to-text is not built yet: this is where it will plug in.

Until then a recording is skipped with a clear message, unless a transcript with the same name sits
next to it, in which case the transcript is read and the recording becomes its ``media``.
"""

from __future__ import annotations

from voiceofbuyer.errors import InputError

RECORDING_SUFFIXES: tuple[str, ...] = (".wav", ".mp3", ".m4a", ".mp4", ".mov", ".webm", ".ogg", ".flac")


def untranscribed(source: str) -> InputError:
    """The error every recording gets for now; transcription will replace it."""
    return InputError(
        source,
        "recordings are not transcribed yet; only transcripts are read",
        fix="export the transcript from Zoom, Teams or Meet (.vtt, .txt or .docx) and put it next to the "
        "recording under the same name",
    )
