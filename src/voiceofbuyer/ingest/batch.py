"""A folder of interviews: every transcript in it, read in a fixed order, and what went wrong.

A file that cannot be read is skipped with a one-line problem naming it, its line and the fix; the
rest of the batch still goes through. Ignored without a word: hidden files and folders, Office lock
files (``~$...``), README files, the manifest ``interviews.csv`` and sidecar metadata files.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from voiceofbuyer.config import CONFIG_NAME
from voiceofbuyer.errors import InputError, NotAnInterview
from voiceofbuyer.files import DOCUMENTS
from voiceofbuyer.ingest.metadata import SIDECAR_SUFFIXES, Manifest, read_manifest
from voiceofbuyer.ingest.reader import TRANSCRIPT_SUFFIXES, read_interview
from voiceofbuyer.ingest.recordings import RECORDING_SUFFIXES, TRACKS_SUFFIX, tracks_folder
from voiceofbuyer.records import Interview
from voiceofbuyer.store import DECISIONS_FILE, STORE_NAME

MANIFEST = "interviews.csv"
_CONTROL_SHOWN = {code: f"\\x{code:02x}" for code in range(32)} | {10: "\\n", 13: "\\r", 9: "\\t"}


@dataclass(frozen=True)
class Problem:
    """A file of the batch that was skipped or read with a warning, and why."""

    path: str
    """The file at fault, relative to the batch folder."""
    message: str
    """One line: file, line when known, what is wrong and the fix."""
    skipped: bool
    """True when the file was not read; False for warnings."""

    def __post_init__(self) -> None:
        # A file name may hold a line break or a tab: the message stays one line, the break shown as "\n".
        one_line = self.message.translate(_CONTROL_SHOWN)
        if one_line != self.message:
            object.__setattr__(self, "message", one_line)


@dataclass
class Batch:
    """The interviews read from a batch folder and the problems met on the way."""

    interviews: list[Interview]
    """Sorted by id."""
    problems: list[Problem]


def read_batch(folder: Path, transcripts: Mapping[str, Path] | None = None, excluded: tuple[Path, ...] = ()) -> Batch:
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
    copied: dict[tuple[str, str], str] = {}  # source by its bytes' hash and metadata
    recorded = (*RECORDING_SUFFIXES, TRACKS_SUFFIX)
    problems.extend(_empty_tracks_folders(folder, files, excluded))
    for source in _with_tracks_folders(files, problems):
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
        if suffix in recorded and interview_id in transcript_ids:
            continue  # its transcript is read instead, and names it as media
        if (suffix in TRANSCRIPT_SUFFIXES or suffix in recorded) and interview_id in claimed:
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
        transcript = None
        if suffix in recorded and transcripts is not None:
            if source not in transcripts:
                claimed[interview_id] = source
                continue
            transcript = transcripts[source]
        try:
            interview = read_interview(folder / source, folder, manifest.rows, transcript)
            # A copy (same bytes, same metadata) counted twice would be two voices in a persona.
            copy = (interview.sha256, repr(interview.meta))
            if copy in copied:
                raise InputError(source, f"a copy of {copied[copy]} (the same bytes and metadata): read once",
                                 fix="remove one of the copies")  # fmt: skip
            copied[copy] = source
            interviews.append(_media_inside(interview, folder, problems))
            claimed[interview_id] = source  # only once read: a broken acme.json leaves the name to acme.txt
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


def _media_inside(interview: Interview, folder: Path, problems: list[Problem]) -> Interview:
    """The interview, without the recording its transcript names when that is not inside the batch folder (documents
    link to it, the review desk plays it: nothing outside the folder the user gave is linked)."""
    if not interview.media:
        return interview
    target = _resolve(folder / interview.media)
    if target is not None and target.is_dir():
        return replace(interview, media="")  # a .tracks folder: no single recording to play or link
    if target is not None and target.is_relative_to(folder.resolve()):
        return interview
    problems.append(
        _problem(
            InputError(
                interview.source,
                f"the recording it names ({interview.media[:120]}) is outside the batch folder: not linked",
                fix="put the recording in the batch folder and give its path relative to it",
            ),
            skipped=False,
        )
    )
    return replace(interview, media="")


def recordings_to_transcribe(folder: Path) -> list[str]:
    """Recordings, and ``.tracks`` folders of one recording per participant, with no transcript of the same name
    beside them (the first of each name), sorted."""
    files = _batch_files(folder)
    transcript_ids = _transcript_ids(files)
    first: dict[str, str] = {}
    for source in _with_tracks_folders(files):
        if _suffix(source) in (*RECORDING_SUFFIXES, TRACKS_SUFFIX) and _id(source) not in transcript_ids:
            first.setdefault(_id(source), source)
    return sorted(first.values())


def _empty_tracks_folders(folder: Path, files: list[str], excluded: tuple[Path, ...]) -> list[Problem]:
    """A line for each ``.tracks`` folder of the batch that holds no recording (hidden and output folders aside)."""
    with_tracks = {tracks_folder(f) for f in files if _suffix(f) in RECORDING_SUFFIXES}
    skip = {resolved for path in excluded if (resolved := _resolve(path)) is not None}
    found = []
    for path in _named_folders(folder, TRACKS_SUFFIX):
        relative = path.relative_to(folder)
        hidden = any(part.startswith(".") for part in relative.parts)
        if hidden or any(p in skip for p in (path.resolve(), *path.resolve().parents)):
            continue
        if relative.as_posix() not in with_tracks:
            found.append(_problem(InputError(
                relative.as_posix(), "folder of tracks with no recording in it: no interview read",
                fix="put one recording per participant in it, named after them, or remove the folder",
            ), skipped=True))  # fmt: skip
    return found


def _named_folders(folder: Path, suffix: str) -> list[Path]:
    """The folders under ``folder`` whose names end in ``suffix``, in order; a folder that cannot be listed (a path
    longer than the system allows, no permission) is passed over, as the batch's file listing passes it over."""
    found = []
    for root, folders, _ in os.walk(folder, onerror=lambda error: None):
        found.extend(Path(root) / name for name in folders if name.endswith(suffix))
    return sorted(found)


def _with_tracks_folders(files: list[str], problems: list[Problem] | None = None) -> list[str]:
    """``files`` with the recordings inside a ``.tracks`` folder replaced by the folder, once, where the first was;
    any other file in such a folder is left out (and reported to ``problems``)."""
    listed: list[str] = []
    seen: set[str] = set()
    for source in files:
        folder = tracks_folder(source)
        if folder is None:
            listed.append(source)
        elif _suffix(source) not in RECORDING_SUFFIXES:
            if problems is not None:
                problems.append(_problem(InputError(
                    source, f"not an audio track of {folder} (one recording per participant): not read",
                    fix=f"move it out of {folder}, or convert it to {', '.join(RECORDING_SUFFIXES)}",
                ), skipped=False))  # fmt: skip
        elif folder not in seen:
            seen.add(folder)
            listed.append(folder)
    return listed


def _transcript_ids(files: list[str]) -> set[str]:
    return {_id(source) for source in files if _suffix(source) in TRANSCRIPT_SUFFIXES}


def _batch_files(folder: Path, excluded: tuple[Path, ...] = (), problems: list[Problem] | None = None) -> list[str]:
    """Paths of the files to consider, relative to ``folder``, sorted; what is left out and why goes to ``problems``.

    The rule: every regular file under the folder, in subfolders too, and what a link inside the folder points to
    when that is inside the folder as well and not read anyway (a link to a file or folder that is read where it is
    adds nothing: each interview is read once). Never read: hidden files and folders, Office lock files, README
    files, the manifest, the tool's own files (``voiceofbuyer.toml``, a store and its backups, an output folder of
    this or an earlier run), anything outside the folder (a link that points out, a link to nothing, a link that
    loops) and what is not a regular file (a pipe, a socket, a device); each is reported, except the files the
    README says are ignored and this run's own output folder.
    """
    root = folder.resolve()
    skip = {resolved for path in excluded if (resolved := _resolve(path)) is not None}
    found: list[str] = []
    links: list[tuple[Path, Path]] = []  # (link, the file it points to inside the folder)
    real: dict[Path, str] = {}  # resolved path of each regular file read where it is → its relative path

    def report(path: Path, message: str, fix: str, skipped: bool = True) -> None:
        """Add a problem about ``path`` (given relative to ``folder``) when problems are collected."""
        if problems is not None:
            relative = path.relative_to(folder).as_posix()
            problems.append(_problem(InputError(relative, message, fix=fix), skipped=skipped))

    def unreadable(error: OSError) -> None:
        """Report a folder ``os.walk`` could not list."""
        if error.filename:
            report(Path(error.filename), f"folder cannot be read ({error.strerror})",
                   "make it readable, or move it out of the batch folder")  # fmt: skip

    def enter(path: Path) -> bool:
        """Whether to walk into the subfolder ``path``."""
        target = _resolve(path)
        if path.name.startswith(".") or target in skip:
            return False
        if path.is_symlink():
            if target is None:
                report(path, "link that loops back on itself: not read", "remove the link")
            elif not target.is_relative_to(root):
                report(path, "link to a folder outside the batch folder: not read",
                       "copy the transcripts into the batch folder")  # fmt: skip
            return False  # a link to a folder in the batch: read once, where it is
        if _is_output_folder(path):
            report(path, "output folder of a voiceofbuyer run: not read as interviews",
                   "move it out of the batch folder, or leave it: it is never read", skipped=False)  # fmt: skip
            return False
        return True

    def consider(path: Path) -> None:
        """Keep ``path`` as a file to read, note a link to a file inside the folder for later, or report why it is left
        out."""
        relative = PurePosixPath(path.relative_to(folder).as_posix())
        if _ignored(relative):
            return
        unusable = _unusable_name(relative)
        if unusable:
            if problems is not None:
                shown = str(relative).encode("utf-8", "backslashreplace").decode("utf-8")
                problems.append(_problem(InputError(shown, unusable, fix="rename the file"), skipped=True))
            return
        target = _resolve(path)
        if target is not None and any(target.is_relative_to(excluded_folder) for excluded_folder in skip):
            return  # this run's own output folder, also through a link
        if path.is_symlink():
            if target is None:
                report(path, "link that loops back on itself: not read", "remove the link")
            elif not target.exists():
                report(path, "link to a file that does not exist", "remove the link or restore its file")
            elif not target.is_relative_to(root):
                report(path, "link to a file outside the batch folder: not read",
                       "copy the file into the batch folder")  # fmt: skip
            elif target.is_dir():
                pass  # a link to a folder in the batch, left where it is
            elif _is_regular(target):
                links.append((path, target))
            else:
                report(path, "link to something that is not a regular file (a pipe, socket or device): not read",
                       "link to a transcript file, or remove the link")  # fmt: skip
        elif _is_regular(path):
            found.append(str(relative))
            if target is not None:
                real[target] = str(relative)
        else:
            report(path, "not a regular file (a pipe, socket or device): not read",
                   "put transcripts in the batch folder as ordinary files")  # fmt: skip

    for directory, subfolders, names in os.walk(folder, onerror=unreadable, followlinks=False):
        here = Path(directory)
        for name in sorted(subfolders):
            try:
                walk = enter(here / name)
            except OSError as error:  # what is inside cannot be examined (permissions)
                report(here / name, f"folder cannot be read ({error.strerror})",
                       "make it readable, or move it out of the batch folder")  # fmt: skip
                walk = False
            if not walk:
                subfolders.remove(name)
        for name in names:
            try:
                consider(here / name)
            except OSError as error:
                report(here / name, f"cannot be examined ({error.strerror})",
                       "make it readable, or move it out of the batch folder")  # fmt: skip
    for path, target in links:
        if target in real:
            report(path, f"link to {real[target]}, which is read where it is: read once, as {real[target]}",
                   "remove the link, it is not needed", skipped=False)  # fmt: skip
        else:
            found.append(path.relative_to(folder).as_posix())
            real[target] = found[-1]
    return sorted(found)


MAX_NAME_BYTES = 240
"""The longest file name (without its extension, in UTF-8 bytes) whose pages can be named: ``<name>.html``."""


def _unusable_name(relative: PurePosixPath) -> str:
    """Why a file's name cannot name an interview and its pages, or "": not UTF-8 (a zip made on another system), or
    too long for the page made from it."""
    try:
        stem = relative.stem.encode("utf-8")
    except UnicodeEncodeError:
        return "its name is not valid UTF-8 text (a zip made on another system?): not read"
    if len(stem) > MAX_NAME_BYTES:
        return f"its name is {len(stem)} bytes long, too long to name its page (at most {MAX_NAME_BYTES}): not read"
    return ""


def _resolve(path: Path) -> Path | None:
    """Where ``path`` really is; None for a link that loops (Python 3.11 raises RuntimeError, later ones OSError)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return None


def _is_regular(path: Path) -> bool:
    """A regular file (links followed); False for pipes, sockets, devices and what cannot be examined."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return True  # it is there but cannot be examined: reading it says why, naming it


def _is_output_folder(path: Path) -> bool:
    """A folder a voiceofbuyer run wrote (it holds a store or published documents)."""
    return (path / STORE_NAME).exists() or (path / DOCUMENTS).is_dir()


def _ignored(relative: PurePosixPath) -> bool:
    return (
        any(part.startswith(".") for part in relative.parts)
        or relative.name.startswith("~$")
        or relative.stem.lower() == "readme"
        or str(relative) == MANIFEST
        or relative.name in (CONFIG_NAME, DECISIONS_FILE)
        or relative.name.startswith(STORE_NAME)  # the store, its journal files and backups of a damaged one
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
