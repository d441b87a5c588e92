"""A folder of interviews: every transcript in it, read in a fixed order, and what went wrong.

A file that cannot be read is skipped with a one-line problem naming it, its line and the fix; the
rest of the batch still goes through. Ignored without a word: hidden files and folders, Office lock
files (``~$...``), README files, the manifest ``interviews.csv`` and sidecar metadata files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from voiceofbuyer.errors import InputError, NotAnInterview
from voiceofbuyer.ingest.metadata import SIDECAR_SUFFIXES, Manifest, read_manifest
from voiceofbuyer.ingest.reader import TRANSCRIPT_SUFFIXES, read_interview
from voiceofbuyer.ingest.recordings import RECORDING_SUFFIXES
from voiceofbuyer.records import Interview

MANIFEST = "interviews.csv"


@dataclass(frozen=True)
class Problem:
    path: str
    """The file at fault, relative to the batch folder."""
    message: str
    """One line: file, line when known, what is wrong and the fix."""
    skipped: bool
    """True when the file was not read; False for warnings."""


@dataclass
class Batch:
    interviews: list[Interview]
    """Sorted by id."""
    problems: list[Problem]


def read_batch(folder: Path, transcripts: Mapping[str, Path] | None = None) -> Batch:
    """Every interview in ``folder``. ``transcripts``: recording → the JSON transcript made of it (see
    ``recordings_to_transcribe``). Without it, a recording with no transcript beside it is skipped as not
    transcribed; with it, one missing from it is left out silently (transcription said why)."""
    files = _batch_files(folder)
    problems: list[Problem] = []
    manifest = _read_manifest(folder, problems)
    transcript_ids = _transcript_ids(files)
    readable_ids = transcript_ids | {_id(source) for source in files if _suffix(source) in RECORDING_SUFFIXES}
    interviews: list[Interview] = []
    claimed: dict[str, str] = {}
    for source in files:
        suffix, interview_id = _suffix(source), _id(source)
        if suffix in SIDECAR_SUFFIXES:
            if interview_id not in readable_ids:
                problems.append(
                    _problem(
                        InputError(
                            source,
                            "metadata file with no transcript of the same name next to it",
                            fix=f"name it after its transcript, e.g. {interview_id}.txt and {interview_id}{suffix}",
                        ),
                        skipped=False,
                    )
                )
            continue
        if suffix in RECORDING_SUFFIXES and interview_id in transcript_ids:
            continue  # its transcript is read instead, and names it as media
        if suffix in TRANSCRIPT_SUFFIXES or suffix in RECORDING_SUFFIXES:
            if interview_id in claimed:
                problems.append(
                    _problem(
                        InputError(
                            source,
                            f"same name as {claimed[interview_id]}: both would be interview '{interview_id}'",
                            fix="rename or remove one of them",
                        ),
                        skipped=True,
                    )
                )
                continue
            claimed[interview_id] = source
        transcript = None
        if suffix in RECORDING_SUFFIXES and transcripts is not None:
            if source not in transcripts:
                continue
            transcript = transcripts[source]
        try:
            interviews.append(read_interview(folder / source, folder, manifest.rows, transcript))
        except NotAnInterview as err:
            problems.append(_problem(err, skipped=False, path=source))
        except InputError as err:
            problems.append(_problem(err, skipped=True, path=source))
    problems.extend(
        _problem(
            InputError(
                MANIFEST,
                f"row for '{name}' matches no file in the batch",
                fix="give the path relative to the batch folder, with its extension",
                line=manifest.lines[name],
            ),
            skipped=False,
        )
        for name in manifest.rows
        if name not in files
    )
    return Batch(sorted(interviews, key=lambda interview: interview.id), problems)


def recordings_to_transcribe(folder: Path) -> list[str]:
    """Recordings with no transcript of the same name beside them (the first of each name), sorted."""
    files = _batch_files(folder)
    transcript_ids = _transcript_ids(files)
    first: dict[str, str] = {}
    for source in files:
        if _suffix(source) in RECORDING_SUFFIXES and _id(source) not in transcript_ids:
            first.setdefault(_id(source), source)
    return sorted(first.values())


def _transcript_ids(files: list[str]) -> set[str]:
    return {_id(source) for source in files if _suffix(source) in TRANSCRIPT_SUFFIXES}


def _batch_files(folder: Path) -> list[str]:
    """Paths of the files to consider, relative to ``folder``, sorted."""
    found = []
    for path in folder.rglob("*"):
        relative = PurePosixPath(path.relative_to(folder).as_posix())
        ignored = (
            any(part.startswith(".") for part in relative.parts)
            or relative.name.startswith("~$")
            or relative.stem.lower() == "readme"
            or str(relative) == MANIFEST
        )
        if not ignored and path.is_file():
            found.append(str(relative))
    return sorted(found)


def _read_manifest(folder: Path, problems: list[Problem]) -> Manifest:
    path = folder / MANIFEST
    if not path.is_file():
        return Manifest({}, {})
    try:
        return read_manifest(path, MANIFEST)
    except InputError as err:
        problems.append(_problem(err, skipped=True))
        return Manifest({}, {})


def _problem(err: InputError, skipped: bool, path: str | None = None) -> Problem:
    return Problem(path or err.path, str(err), skipped)


def _suffix(source: str) -> str:
    return PurePosixPath(source).suffix.lower()


def _id(source: str) -> str:
    return str(PurePosixPath(source).with_suffix(""))
