"""A folder of interviews: every transcript in it, read in a fixed order, and what went wrong.

A file that cannot be read is skipped with a one-line problem naming it, its line and the fix; the
rest of the batch still goes through. Ignored without a word: hidden files and folders, Office lock
files (``~$...``), README files, the manifest ``interviews.csv`` and sidecar metadata files.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from voiceofbuyer.config import CONFIG_NAME
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


def read_batch(
    folder: Path, transcripts: Mapping[str, Path] | None = None, excluded: tuple[Path, ...] = ()
) -> Batch:
    """Every interview in ``folder``. ``transcripts``: recording → the JSON transcript made of it (see
    ``recordings_to_transcribe``). Without it, a recording with no transcript beside it is skipped as not
    transcribed; with it, one missing from it is left out silently (transcription said why)."""
    problems: list[Problem] = []
    files = _batch_files(folder, excluded, problems)
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
        except Exception as err:  # a reader's bug on one odd file never stops the batch
            unexpected = InputError(
                source, f"could not be read ({type(err).__name__}: {str(err)[:160]})",
                fix="check the file, or report it with this line",
            )  # fmt: skip
            problems.append(_problem(unexpected, skipped=True, path=source))
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


def _batch_files(folder: Path, excluded: tuple[Path, ...] = (), problems: list[Problem] | None = None) -> list[str]:
    """Paths of the files to consider, relative to ``folder``, sorted; what is left out and why goes to ``problems``.

    The rule: every file under the folder, in subfolders too, and what a link inside the folder points to when that
    is inside the folder as well. Never read: hidden files and folders, Office lock files, README files, the
    manifest, the tool's own files (``voiceofbuyer.toml``, a store, the output folder when it is inside the batch),
    and anything outside the folder (a link that points out, a link to nothing); each is reported.
    """
    root = folder.resolve()
    skip = {path.resolve() for path in excluded}
    found: list[str] = []

    def report(path: Path, message: str, fix: str) -> None:
        if problems is not None:
            relative = path.relative_to(folder).as_posix()
            problems.append(_problem(InputError(relative, message, fix=fix), skipped=True))

    def unreadable(error: OSError) -> None:
        if error.filename:
            report(Path(error.filename), f"folder cannot be read ({error.strerror})",
                   "make it readable, or move it out of the batch folder")  # fmt: skip

    for directory, subfolders, names in os.walk(folder, onerror=unreadable, followlinks=False):
        here = Path(directory)
        for name in sorted(subfolders):
            path = here / name
            if name.startswith(".") or path.resolve() in skip:
                subfolders.remove(name)
            elif path.is_symlink():
                subfolders.remove(name)
                target = path.resolve()
                if target.is_dir() and target.is_relative_to(root):
                    continue  # a link to a folder that is in the batch anyway: read once, where it is
                report(path, "link to a folder outside the batch folder: not read",
                       "copy the transcripts into the batch folder")  # fmt: skip
        for name in names:
            path = here / name
            relative = PurePosixPath(path.relative_to(folder).as_posix())
            if _ignored(relative) or path.resolve() in skip:
                continue
            if path.is_symlink():
                target = path.resolve()
                if not target.exists():
                    report(path, "link to a file that does not exist", "remove the link or restore its file")
                    continue
                if not target.is_relative_to(root):
                    report(path, "link to a file outside the batch folder: not read",
                           "copy the file into the batch folder")  # fmt: skip
                    continue
            if path.is_file():
                found.append(str(relative))
    return sorted(found)


def _ignored(relative: PurePosixPath) -> bool:
    return (
        any(part.startswith(".") for part in relative.parts)
        or relative.name.startswith("~$")
        or relative.stem.lower() == "readme"
        or str(relative) == MANIFEST
        or relative.name == CONFIG_NAME
        or relative.suffix.lower() in (".sqlite", ".sqlite-wal", ".sqlite-shm", ".log")
    )


def _read_manifest(folder: Path, problems: list[Problem]) -> Manifest:
    path = folder / MANIFEST
    if not path.is_file():
        return Manifest({}, {}, [])
    try:
        manifest = read_manifest(path, MANIFEST)
    except InputError as err:
        problems.append(_problem(err, skipped=True))
        return Manifest({}, {}, [])
    problems.extend(_problem(err, skipped=False) for err in manifest.errors)
    return manifest


def _problem(err: InputError, skipped: bool, path: str | None = None) -> Problem:
    return Problem(path or err.path, str(err), skipped)


def _suffix(source: str) -> str:
    return PurePosixPath(source).suffix.lower()


def _id(source: str) -> str:
    return str(PurePosixPath(source).with_suffix(""))
