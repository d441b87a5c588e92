"""Audio and video recordings in a batch.

A recording with a transcript of the same name beside it is that transcript's ``media``: the transcript is
read (so a hand-corrected transcript wins over the recording). Any other recording is transcribed by the
transcription stage (``voiceofbuyer.audio.transcribe``) and read from the JSON transcript it writes; read without
that stage, it is skipped with the message below.

**One file per participant.** A folder named ``<interview>.tracks`` holding one recording per participant (Zoom's
"separate audio file for each participant", a Teams or Riverside export, a multitrack recorder) is one interview:
each speaker is taken from their own track, and named by the file (``Dana Whitfield.m4a``; Zoom's
``audioDanaWhitfield11234567.m4a`` reads as "Dana Whitfield").
"""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath

from voiceofbuyer.errors import InputError

RECORDING_SUFFIXES: tuple[str, ...] = (".wav", ".mp3", ".m4a", ".mp4", ".mov", ".webm", ".ogg", ".flac")
TRACKS_SUFFIX = ".tracks"
"""A folder of one recording per participant of one interview."""
_ZOOM_TRACK = re.compile(r"^audio(?P<name>.*?)\d*$")


def tracks_folder(source: str) -> str | None:
    """The ``.tracks`` folder (relative path) a file of the batch lies directly in, or None."""
    path = PurePosixPath(source)
    return path.parent.as_posix() if path.parent.suffix.lower() == TRACKS_SUFFIX else None


def recordings_in(folder: Path) -> list[Path]:
    """The recordings under an ordinary folder (given to ``voiceofbuyer transcribe``), in path order: each recording
    file, and each ``.tracks`` folder whole; hidden files and folders are left out."""
    found = []
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        found += [Path(root, name) for name in folders if name.lower().endswith(TRACKS_SUFFIX)]
        folders[:] = [name for name in folders if not name.lower().endswith(TRACKS_SUFFIX)]
        found += [Path(root, name) for name in files
                  if not name.startswith(".") and Path(name).suffix.lower() in RECORDING_SUFFIXES]  # fmt: skip
    return sorted(found)


def participant_name(stem: str) -> str:
    """The participant a track is named after: ``Dana Whitfield`` from ``Dana Whitfield``, ``dana_whitfield``
    or Zoom's ``audioDanaWhitfield11234567``."""
    zoom = _ZOOM_TRACK.match(stem)
    if zoom and zoom["name"] and zoom["name"][0].isupper():
        stem = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", zoom["name"])
    return " ".join(stem.replace("_", " ").split()) or stem


def untranscribed(source: str) -> InputError:
    """A recording read without the transcription stage."""
    return InputError(
        source,
        "recording not transcribed (read without the transcription stage)",
        fix="run `voiceofbuyer run` on the folder, or `voiceofbuyer transcribe` on the file",
    )
