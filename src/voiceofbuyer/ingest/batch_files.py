"""Which files of a batch folder are read, and the record of a file skipped or read with a warning.

Every regular file under the folder is read, in subfolders too; hidden files and folders, Office lock files,
README files, the manifest and the tool's own files are passed over without a word; links out of the folder, links
to nothing or looping, pipes, sockets and devices, names that cannot name a page, and folders that cannot be read
are each reported in one line.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from voiceofbuyer.config import CONFIG_NAME
from voiceofbuyer.errors import InputError
from voiceofbuyer.files import DOCUMENTS
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


def problem(err: InputError, skipped: bool, path: str | None = None) -> Problem:
    return Problem(path or err.path, str(err), skipped)


def batch_files(folder: Path, excluded: tuple[Path, ...] = (), problems: list[Problem] | None = None) -> list[str]:
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
    skip = {resolved for path in excluded if (resolved := resolve(path)) is not None}
    found: list[str] = []
    links: list[tuple[Path, Path]] = []  # (link, the file it points to inside the folder)
    real: dict[Path, str] = {}  # resolved path of each regular file read where it is → its relative path

    def report(path: Path, message: str, fix: str, skipped: bool = True) -> None:
        """Add a problem about ``path`` (given relative to ``folder``) when problems are collected."""
        if problems is not None:
            relative = path.relative_to(folder).as_posix()
            problems.append(problem(InputError(relative, message, fix=fix), skipped=skipped))

    def unreadable(error: OSError) -> None:
        """Report a folder ``os.walk`` could not list."""
        if error.filename:
            report(Path(error.filename), f"folder cannot be read ({error.strerror})",
                   "make it readable, or move it out of the batch folder")  # fmt: skip

    def enter(path: Path) -> bool:
        """Whether to walk into the subfolder ``path``."""
        target = resolve(path)
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
                problems.append(problem(InputError(shown, unusable, fix="rename the file"), skipped=True))
            return
        target = resolve(path)
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
    return sorted(found, key=_original_first)


# The names systems give a copy: a browser's second download "call (1).vtt", Windows' "call - Copy (2).docx", macOS's
# "call copy 2.docx", Google Drive's "Copy of call.docx" and "Copy (2) of call.docx".
_COPY_SUFFIX = re.compile(
    r"(?: \(\d{1,3}\)| - copy(?: \(\d{1,3}\))?| copy(?: \d{1,3})?| \(copy\))(?=\.[^./]+$|$)", re.I
)
_COPY_PREFIX = re.compile(r"(?<![^/])copy (?:\(\d{1,3}\) )?of ", re.I)


def _original_first(path: str) -> tuple[str, bool, str]:
    """Sort key: a copy by the name a system gives it ("call (1).vtt", "Copy of call.docx") right after the file it
    copies ("call.vtt", "call.docx"), so the original is read and the copy named as one."""
    base = _COPY_PREFIX.sub("", _COPY_SUFFIX.sub("", path), count=1)
    return base, base != path, path


MAX_NAME_BYTES = 240
"""The longest file name (without its extension, in UTF-8 bytes) whose pages can be named: ``<name>.html``."""


def _unusable_name(relative: PurePosixPath) -> str:
    """Why a file's name cannot name an interview and its pages, or "": not UTF-8 (a zip made on another system),
    too long for the page made from it, or holding a control character (a line break, a tab)."""
    try:
        stem = relative.stem.encode("utf-8")
    except UnicodeEncodeError:
        return "its name is not valid UTF-8 text (a zip made on another system?): not read"
    if len(stem) > MAX_NAME_BYTES:
        return f"its name is {len(stem)} bytes long, too long to name its page (at most {MAX_NAME_BYTES}): not read"
    if any(ord(char) < 32 or ord(char) == 127 for part in relative.parts for char in part):
        # its pages could not be linked to: the desk answered "no such page" for them (tester 40)
        return "its name holds a line break or another control character: not read"
    return ""


def resolve(path: Path) -> Path | None:
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


_SYSTEM_FILES = frozenset({"desktop.ini", "thumbs.db", "ehthumbs.db", "icon\r"})


def _ignored(relative: PurePosixPath) -> bool:
    return (
        any(part.startswith(".") for part in relative.parts)
        or relative.name.startswith("~$")
        or relative.name.lower() in _SYSTEM_FILES  # what Windows and macOS leave in a folder they show
        or relative.stem.lower() == "readme"
        or str(relative) == MANIFEST
        or relative.name in (CONFIG_NAME, DECISIONS_FILE)
        or relative.name.startswith(STORE_NAME)  # the store, its journal files and backups of a damaged one
        or relative.suffix.lower() in (".sqlite", ".sqlite-wal", ".sqlite-shm", ".log")
    )
