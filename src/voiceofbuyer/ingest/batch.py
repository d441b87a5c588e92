"""A folder of interviews: every transcript in it, read in a fixed order, and what went wrong.

A file that cannot be read is skipped with a one-line problem naming it, its line and the fix; the
rest of the batch still goes through. Ignored without a word: hidden files and folders, Office lock
files (``~$...``), README files, the manifest ``interviews.csv`` and sidecar metadata files.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from voiceofbuyer.errors import InputError, NotAnInterview
from voiceofbuyer.ingest.batch_files import MANIFEST, Problem, batch_files, problem, resolve
from voiceofbuyer.ingest.decode import damage
from voiceofbuyer.ingest.metadata import SIDECAR_SUFFIXES, Manifest, read_manifest
from voiceofbuyer.ingest.reader import TRANSCRIPT_SUFFIXES, read_interview
from voiceofbuyer.ingest.recordings import RECORDING_SUFFIXES, TRACKS_SUFFIX, tracks_folder
from voiceofbuyer.records import Interview, InterviewMeta


@dataclass
class Batch:
    """The interviews read from a batch folder and the problems met on the way."""

    interviews: list[Interview]
    """Sorted by id."""
    problems: list[Problem]


ReadJob = tuple[Path, Path, dict[str, InterviewMeta], Path | None]
"""(file, batch folder, its manifest row by source, the transcript of a recording): ``read_one``'s arguments."""
Read = tuple[Interview | InputError, list[InputError]]
"""(the interview, or why it cannot be read; what it was read past)."""


def read_batch(
    folder: Path,
    transcripts: Mapping[str, Path] | None = None,
    excluded: tuple[Path, ...] = (),
    read_all: Callable[[Callable[[ReadJob], Read], list[ReadJob]], Iterable[Read]] = map,
) -> Batch:
    """Every interview in ``folder``. ``transcripts``: recording → the JSON transcript made of it (see
    ``recordings_to_transcribe``). Without it, a recording with no transcript beside it is skipped as not
    transcribed; with it, one missing from it is left out silently (transcription said why). ``read_all``: runs
    ``read_one`` over the files, in order (``map``, or ``Engine.read``: a pool of processes); what depends on the
    other files (names, copies) is settled here after, one file at a time."""
    problems: list[Problem] = []
    files = batch_files(folder, excluded, problems)
    manifest = _read_manifest(folder, problems)
    transcript_ids = _transcript_ids(folder, files)
    readable_ids = transcript_ids | {_id(source) for source in files if _suffix(source) in RECORDING_SUFFIXES}
    interviews: list[Interview] = []
    claimed: dict[str, str] = {}
    read: dict[str, Interview] = {}
    copied: dict[tuple[str, str], str] = {}  # source by its bytes' hash and metadata
    recorded = (*RECORDING_SUFFIXES, TRACKS_SUFFIX)
    problems.extend(_empty_tracks_folders(folder, files, excluded))
    sources = _with_tracks_folders(files, problems)
    # Every file that may be read, read at once: the few the loop then passes over cost only their reading.
    jobs = {s: job for s in sources if (job := _read_job(folder, s, manifest, transcripts, transcript_ids))}
    outcomes = dict(zip(jobs, read_all(read_one, list(jobs.values())), strict=True))
    for source in sources:
        suffix, interview_id = _suffix(source), _id(source)
        if suffix in SIDECAR_SUFFIXES:
            if interview_id not in readable_ids:
                problems.append(
                    problem(
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
        namesake = ""
        if (suffix in TRANSCRIPT_SUFFIXES or suffix in recorded) and interview_id in claimed:
            # Whisper writes one call as .json, .srt, .vtt, .tsv and .txt: the same words are a note, not a skip
            same = suffix not in recorded and _same_words(read.get(interview_id), outcomes[source][0])
            if same or suffix in recorded:  # a recording of one name is transcribed once (recordings_to_transcribe)
                problems.append(problem(InputError(
                    source, f"same name as {claimed[interview_id]}: both would be interview '{interview_id}', so it "
                    f"is read once, as {claimed[interview_id]}" + (" (the same call's words in another format)"
                                                                   if same else ""),
                    fix="rename it if it is another interview, or remove it",
                ), skipped=not same))  # fmt: skip
                continue
            # another interview given the same name (call.vtt beside call.txt): read under its file's whole name
            namesake, interview_id = claimed[interview_id], source
        # only captions without a cue beside a recording are left out of the ids (``_transcript_ids``)
        if _id(source) not in transcript_ids and suffix in CAPTION_SUFFIXES:
            recording = next(f for f in files if _id(f) == _id(source) and _suffix(f) in RECORDING_SUFFIXES)
            problems.append(problem(InputError(
                source, f"captions without a single cue (a header alone): {recording}, the recording of the same "
                "name, is transcribed instead", fix="remove the empty captions file",
            ), skipped=False))  # fmt: skip
            continue
        if suffix in recorded and transcripts is not None and source not in transcripts:
            claimed[interview_id] = source
            continue
        try:
            outcome, read_past = outcomes[source]
            if isinstance(outcome, InputError):
                raise outcome
            interview = outcome
            if namesake:
                interview = replace(interview, id=interview_id)
                problems.append(problem(InputError(
                    source, f"same name as {namesake} but other words: read as another interview, '{interview_id}'",
                    fix="give each interview a name of its own",
                ), skipped=False))  # fmt: skip
            # A copy (same bytes, same metadata) counted twice would be two voices in a persona.
            copy = (interview.sha256, repr(interview.meta))
            if copy in copied:
                raise InputError(source, f"a copy of {copied[copy]} (the same bytes and metadata): read once",
                                 fix="remove one of the copies")  # fmt: skip
            copied[copy] = source
            if jobs[source][3] is None:  # a recording's bytes are no text to decode (its transcript is read)
                problems.extend(_damage(folder / source, source))
            problems.extend(problem(warning, skipped=False, path=source) for warning in read_past)
            interviews.append(_media_inside(interview, folder, problems))
            claimed[interview_id] = source  # only once read: a broken acme.json leaves the name to acme.txt
            read[interview_id] = interview
        except NotAnInterview as err:
            problems.append(problem(err, skipped=False, path=source))
        except InputError as err:
            problems.append(problem(err, skipped=True, path=source))
        except Exception as err:  # a bug on one odd file never stops the batch
            problems.append(problem(_unexpected(source, err), skipped=True, path=source))
    problems.extend(
        problem(
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


def _read_job(
    folder: Path, source: str, manifest: Manifest, transcripts: Mapping[str, Path] | None, transcript_ids: set[str]
) -> ReadJob | None:
    """What ``read_one`` needs to read ``source``; None for a file ``read_batch`` reads no interview from (metadata,
    a recording with a transcript beside it or none made of it)."""
    suffix = _suffix(source)
    if suffix in SIDECAR_SUFFIXES:
        return None
    transcript = None
    if suffix in (*RECORDING_SUFFIXES, TRACKS_SUFFIX):
        if _id(source) in transcript_ids or (transcripts is not None and source not in transcripts):
            return None
        transcript = transcripts[source] if transcripts is not None else None
    row = {source: manifest.rows[source]} if source in manifest.rows else {}
    return folder / source, folder, row, transcript


def read_one(job: ReadJob) -> Read:
    """One file read (``read_interview``); an error, a reader's bug included, given back as its ``InputError``."""
    path, folder, manifest, transcript = job
    read_past: list[InputError] = []
    try:
        return read_interview(path, folder, manifest, transcript, read_past), read_past
    except InputError as err:
        return err, read_past
    except Exception as err:  # a reader's bug on one odd file never stops the batch
        return _unexpected(path.relative_to(folder).as_posix(), err), read_past


def _unexpected(source: str, err: Exception) -> InputError:
    return InputError(
        source, f"could not be read ({type(err).__name__}: {str(err)[:160]})",
        fix="check the file, or report it with this line",
    )  # fmt: skip


SAME_WORDS = 0.8
"""Least share of the words of the shorter of two files of one name (their turns' words) that the other must hold
for both to be one call's exports (a part of the call saved on its own too)."""
_WORD = re.compile(r"[^\W_]+")


def _same_words(first: Interview | None, other: Interview | InputError) -> bool:
    """Whether ``other`` holds the same call's words as ``first``, the file of its name already read (Whisper's
    .srt beside its .json); False where it cannot be read or says other words (another interview given one name)."""
    if first is None or isinstance(other, InputError):
        return False
    words = [{w.casefold() for turn in i.turns for w in _WORD.findall(turn.text)} for i in (first, other)]
    fewer = min(len(words[0]), len(words[1]))
    return fewer > 0 and len(words[0] & words[1]) >= SAME_WORDS * fewer


def _damage(path: Path, source: str) -> list[Problem]:
    """The warning for a text file read past some damage (``decode.damage``): nothing is lost silently."""
    found = damage(path.read_bytes()) if path.is_file() else ""
    fix = "save the file as UTF-8 again, or correct those bytes" if "UTF-8" in found else "export the file again"
    return [problem(InputError(source, found, fix=fix), skipped=False)] if found else []


def _media_inside(interview: Interview, folder: Path, problems: list[Problem]) -> Interview:
    """The interview, without the recording its transcript names when that is not inside the batch folder (documents
    link to it, the review desk plays it: nothing outside the folder the user gave is linked)."""
    if not interview.media:
        return interview
    target = resolve(folder / interview.media)
    if target is not None and target.is_dir():
        return replace(interview, media="")  # a .tracks folder: no single recording to play or link
    if target is not None and target.is_relative_to(folder.resolve()):
        return interview
    problems.append(
        problem(
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
    files = batch_files(folder)
    transcript_ids = _transcript_ids(folder, files)
    first: dict[str, str] = {}
    for source in _with_tracks_folders(files):
        if _suffix(source) in (*RECORDING_SUFFIXES, TRACKS_SUFFIX) and _id(source) not in transcript_ids:
            first.setdefault(_id(source), source)
    return sorted(first.values())


def _empty_tracks_folders(folder: Path, files: list[str], excluded: tuple[Path, ...]) -> list[Problem]:
    """A line for each ``.tracks`` folder of the batch that holds no recording (hidden and output folders aside)."""
    with_tracks = {tracks_folder(f) for f in files if _suffix(f) in RECORDING_SUFFIXES}
    skip = {resolved for path in excluded if (resolved := resolve(path)) is not None}
    found = []
    for path in _named_folders(folder, TRACKS_SUFFIX):
        relative = path.relative_to(folder)
        hidden = any(part.startswith(".") for part in relative.parts)
        if hidden or any(p in skip for p in (path.resolve(), *path.resolve().parents)):
            continue
        if relative.as_posix() not in with_tracks:
            found.append(problem(InputError(
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
                problems.append(problem(InputError(
                    source, f"not an audio track of {folder} (one recording per participant): not read",
                    fix=f"move it out of {folder}, or convert it to {', '.join(RECORDING_SUFFIXES)}",
                ), skipped=False))  # fmt: skip
        elif folder not in seen:
            seen.add(folder)
            listed.append(folder)
    return listed


def _transcript_ids(folder: Path, files: list[str]) -> set[str]:
    """The interviews ``files`` hold a transcript of, less a recording's whose captions beside it hold no cue at all
    (saved before anyone spoke, or a header alone): that recording is transcribed instead."""
    recorded = {_id(source) for source in files if _suffix(source) in RECORDING_SUFFIXES}
    return {
        _id(source)
        for source in files
        if _suffix(source) in TRANSCRIPT_SUFFIXES and not (_id(source) in recorded and _without_cues(folder / source))
    }


CAPTION_SUFFIXES = (".vtt", ".srt", ".sbv")
_CUE_TIMING = re.compile(rb"-->|\d:\d\d:\d\d\.\d+,\d")  # WebVTT's and SubRip's arrow, SubViewer's comma


def _without_cues(path: Path) -> bool:
    """Whether ``path`` is a captions file (.vtt, .srt, .sbv) with no cue timing in it (UTF-16 too)."""
    if path.suffix.lower() not in CAPTION_SUFFIXES:
        return False
    try:
        return _CUE_TIMING.search(path.read_bytes().replace(b"\x00", b"")) is None
    except OSError:
        return False  # it is read, and its problem said, as a transcript


def _read_manifest(folder: Path, problems: list[Problem]) -> Manifest:
    path = folder / MANIFEST
    if not path.is_file():
        return Manifest({}, {}, [])
    try:
        manifest = read_manifest(path, MANIFEST)
    except InputError as err:
        problems.append(problem(err, skipped=True))
        return Manifest({}, {}, [])
    problems.extend(problem(err, skipped=False) for err in manifest.errors)
    return manifest


def _suffix(source: str) -> str:
    return PurePosixPath(source).suffix.lower()


def _id(source: str) -> str:
    return str(PurePosixPath(source).with_suffix(""))
