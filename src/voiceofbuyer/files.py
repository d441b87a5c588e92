"""Files written whole or not at all.

``write_atomic`` writes each file to a temporary file beside it, then renames it over the old one: a crash never
leaves a half-written file. The temporary file is created with mode 0666 and the process's umask applied by the
operating system, so outputs get ordinary permissions without touching the process-wide umask.
``DocumentSet`` publishes a run's documents as one set, so a killed or failed run never leaves a mix of old and
new ones. ``cached_training`` keeps trained model weights in the shared model cache (``cache_dir``), so every
output folder on a machine reuses them.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import secrets
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from .errors import ConfigError, StoreError
from .interrupts import InterruptHold

TEMPORARY_SUFFIX = ".tmp"
LOCK = ".voiceofbuyer.lock"
"""Under the output folder: held by the one ``run`` or ``render`` writing there."""


def cache_dir() -> Path:
    """Where derived model files live: ``$VOICEOFBUYER_CACHE``, else ``$XDG_CACHE_HOME/voiceofbuyer``."""
    if os.environ.get("VOICEOFBUYER_CACHE"):
        return Path(os.environ["VOICEOFBUYER_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "voiceofbuyer"


def cache_folder(kind: str) -> Path:
    """``cache_dir() / kind`` (``kind`` may hold a ``/``), made when missing; ``ConfigError`` naming the folder and
    ``VOICEOFBUYER_CACHE`` when it cannot be made (a file in the way, no permission, a read-only disk)."""
    folder = cache_dir() / kind
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ConfigError(
            f"{folder}: the model cache cannot be written there ({error.strerror or error}) (fix: set "
            "VOICEOFBUYER_CACHE to a folder you can write to)"
        ) from error
    return folder


def write_atomic(folder: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` (path relative to ``folder`` → bytes), each via a temporary file and a rename."""
    for relative, content in sorted(files.items()):
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}{TEMPORARY_SUFFIX}")
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, target)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise


@contextmanager
def sole_writer(out_dir: Path) -> Iterator[None]:
    """Hold the output folder's lock while a run or a render writes there: a second one at the same time is refused
    (``StoreError``: exit 2) instead of removing the first one's unfinished set as a leftover. The lock (``flock``)
    goes with the process, so a killed run never leaves the folder locked."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        handle = os.open(out_dir / LOCK, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as error:
        raise StoreError(
            f"{out_dir}: cannot be used as the output folder ({error.strerror}) (fix: give a folder you can write "
            "to with --out)"
        ) from error
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as error:
        os.close(handle)
        raise StoreError(
            f"{out_dir}: another voiceofbuyer run or render is writing there now (fix: wait for it to finish, or "
            "give another --out)"
        ) from error
    try:
        yield
    finally:
        os.close(handle)  # closing releases the lock


def cached_training(kind: str, key: str, train: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """Trained weights for ``key`` from the shared model cache, trained (by ``train``) and stored on a miss.

    Training is deterministic, so a lost cache only costs the time to train again.
    """
    path = cache_dir() / kind / f"{key}.json"
    if path.is_file():
        try:
            return json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            pass  # a damaged cache file: train again and replace it
    trained = train()
    with suppress(ConfigError, OSError):  # a cache that cannot be written only costs training again next time
        write_atomic(cache_folder(kind), {path.name: json.dumps(trained).encode("utf-8")})
    return trained


DOCUMENTS = ".documents"
"""Under the output folder: one folder per published set of documents, and ``current``, a link to the live one."""
DECISIONS = "decisions.jsonl"
"""The review decisions' plain copy (``store.DECISIONS_FILE``), written by the desk."""
TRANSCRIPTS_DIR = "transcripts"
"""Under the output folder: each interview's page, and the JSON and WebVTT transcripts of recordings."""
WORK = ".work"
"""Under the output folder: what a run makes before it publishes (transcripts of recordings)."""


PUBLISHED = (
    "index.html", "compare.html", "objections.csv", "objections.json", "voiceofbuyer.json", "personas",
    TRANSCRIPTS_DIR,
)  # fmt: skip
"""What a run publishes at the top of the output folder: links into ``DOCUMENTS``."""


_OUR_SET_ENTRY = re.compile(r"[0-9a-f]+-[0-9a-f]{6}|copied-[0-9a-f]{6}|current|\.current\.[0-9a-f]{8}\.tmp")
"""What ``DocumentSet`` makes in ``DOCUMENTS``: sets, copied sets, the live link, a link being replaced."""
_OUR_TEMPORARY = re.compile(r"\..+\.[0-9a-f]{8}\.tmp")
"""A file ``write_atomic`` or ``DocumentSet`` is writing (``.<name>.<8 hex digits>.tmp``)."""


def inside_documents(path: Path) -> bool:
    """Whether ``path`` lies in an output folder's published documents (``DOCUMENTS``), which its next run
    replaces."""
    return DOCUMENTS in path.resolve().parts


def foreign_entries(out_dir: Path, store_name: str) -> list[str]:
    """Entries of ``out_dir`` this tool did not make where it writes: a ``DOCUMENTS`` folder holding anything else,
    and, where there is no store ``store_name`` (an older version wrote its documents in place there), anything
    named as a published document (a user's own ``transcripts/`` or ``index.html``), which publishing would
    replace."""
    if not out_dir.is_dir():
        return []
    documents = out_dir / DOCUMENTS
    if documents.is_symlink() or (documents.exists() and not documents.is_dir()):
        return [DOCUMENTS]
    if documents.is_dir() and any(not _OUR_SET_ENTRY.fullmatch(entry.name) for entry in documents.iterdir()):
        return [DOCUMENTS]
    if (out_dir / store_name).exists():
        return []
    found = []
    for name in PUBLISHED:
        entry = out_dir / name
        ours = entry.is_symlink() and os.readlink(entry).startswith(DOCUMENTS)
        if (entry.exists() or entry.is_symlink()) and not ours:
            found.append(name)
    return found


Document = tuple[str, bytes | Iterable[bytes]]
"""A document to publish: its path relative to the output folder, and its bytes (whole, or in pieces)."""


class DocumentSet:
    """A run's documents, published as a whole: readers see the old set or the new one, never a mix.

    The documents are written into a new folder ``.documents/<generation>/``; then the link ``.documents/current``
    is replaced in one rename (atomic on POSIX file systems). Each top-level document (``index.html``,
    ``personas/``, ...) is a link ``outputs/<name> → .documents/current/<name>``, made once, so the folder reads as
    ordinary files and folders. A run killed at any point leaves the previous set whole; the next one removes
    what the killed one left (``clean``).
    """

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.root = out_dir / DOCUMENTS
        self.current = self.root / "current"
        self.copied = False
        """The live set is a copy (an output folder copied with its links followed): its top-level files too."""
        self.kept: list[tuple[str, str]] = []
        """(name, name it was moved to) of each file or folder found where a document goes, not made by publishing
        (``transcribe``'s ``transcripts/``, perhaps corrected by hand there): moved aside, never deleted."""

    def clean(self) -> list[str]:
        """Remove unfinished generations and temporary files a killed run left; returns what was removed."""
        removed = []
        live = os.readlink(self.current) if self.current.is_symlink() else None
        if self.root.is_dir():
            for entry in sorted(self.root.iterdir()):
                if entry.name not in ("current", live) and _OUR_SET_ENTRY.fullmatch(entry.name):
                    _remove(entry)
                    removed.append(str(entry.relative_to(self.out_dir)))
        if self.out_dir.is_dir():
            for temporary in sorted(self.out_dir.glob(f".*{TEMPORARY_SUFFIX}")):
                if not _OUR_TEMPORARY.fullmatch(temporary.name) or temporary.name.startswith(f".{DECISIONS}."):
                    continue  # the review desk's, written while it runs beside us
                temporary.unlink(missing_ok=True)
                removed.append(temporary.name)
        return removed

    def publish(self, files: Iterable[Document], hold: InterruptHold | None = None) -> int:
        """Write ``files`` as the new live set, then remove the previous one; the number of files written.

        Each document is written as it comes, so a generator of documents is never held whole; if making one fails,
        the unfinished set is removed and the live one stays as it was. ``hold``: Ctrl+C is held off from the switch
        on, until the caller has recorded the run (``InterruptHold``).
        """
        self.root.mkdir(parents=True, exist_ok=True)
        if self.current.exists() and not self.current.is_symlink():
            # A copied output folder (links followed): its documents become a set like any other.
            os.replace(self.current, self.root / f"copied-{secrets.token_hex(3)}")
            self.copied = True
        previous = os.readlink(self.current) if self.current.is_symlink() else None
        generation = f"{int(time.time() * 1000):x}-{secrets.token_hex(3)}"
        folder = self.root / generation
        written: set[str] = set()
        try:
            for relative, content in files:  # a folder nobody reads yet: plain writes
                target = folder / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                with open(target, "wb") as stream:
                    for chunk in (content,) if isinstance(content, bytes) else content:
                        stream.write(chunk)
                written.add(relative)
        except BaseException:
            _remove(folder)
            raise
        names = sorted({relative.split("/", 1)[0] for relative in written})
        # A name the live set lacks (``transcripts/`` once a batch has a recording) is linked before the switch:
        # until then its link leads nowhere, which reads as the old set (no such file), and from the switch on it
        # reads as the new one. Linked after the switch, a kill in between would leave the new set without it.
        self._link_top_level(names, missing_only=True)
        link = self.root / f".current.{secrets.token_hex(4)}{TEMPORARY_SUFFIX}"
        os.symlink(generation, link)
        if hold is not None:
            hold.begin()
        os.replace(link, self.current)  # the switch: one rename
        _fsync_folder(self.root)
        self._link_top_level(names)
        for entry in sorted(self.out_dir.iterdir()):
            if entry.is_symlink() and str(os.readlink(entry)).startswith(DOCUMENTS) and not entry.exists():
                entry.unlink()  # a document the new set no longer has (a role that is gone): a link to nothing
        if previous and previous != generation:
            _remove(self.root / previous)
        return len(written)

    def _link_top_level(self, names: list[str], missing_only: bool = False) -> None:
        """Make each ``out_dir/<name>`` the link ``.documents/current/<name>`` (each link made aside, then renamed
        into place); ``missing_only``: only where nothing has that name yet."""
        for name in names:
            entry = self.out_dir / name
            target = Path(DOCUMENTS) / "current" / name
            if entry.is_symlink() and Path(os.readlink(entry)) == target:
                continue
            if missing_only and (entry.exists() or entry.is_symlink()):
                continue
            if entry.exists() and not entry.is_symlink() and self.copied:
                _remove(entry)  # a copy of the live set's own document (a rename cannot replace a folder)
            elif entry.exists() and not entry.is_symlink():
                # Not a link of ours: what `transcribe` wrote (a hand-corrected transcript, maybe), a user's file or
                # an older version's documents. Kept beside, never deleted.
                kept = f"{name}.kept-{int(time.time())}-{secrets.token_hex(2)}"
                os.replace(entry, entry.with_name(kept))
                self.kept.append((name, kept))
            temporary = self.out_dir / f".{name}.{secrets.token_hex(4)}{TEMPORARY_SUFFIX}"
            os.symlink(target, temporary)
            os.replace(temporary, entry)  # over a file or another link: one rename


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    elif path.is_dir():
        shutil.rmtree(path, ignore_errors=True)


def _fsync_folder(folder: Path) -> None:
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
