"""What went wrong with a store, said in one line with its fix, and the copy of a damaged file kept before anyone
repairs it."""

from __future__ import annotations

import hashlib
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

from .files import DECISIONS


def store_problem(path: Path, error: BaseException) -> str:
    """One line naming why the store cannot be used, and a fix that never throws review decisions away."""
    text = str(error).lower()
    copy = path.parent / DECISIONS
    keep = f"your review decisions are also in {copy}" if copy.is_file() else "the store was left as it is"
    if path.is_file() and not os.access(path, os.R_OK):
        return f"{path}: the store cannot be read (fix: ask its owner for read access, or read a copy of the folder)"
    if "damaged" in text or "malformed" in text or "not a database" in text or "corrupt" in text:
        backup = back_up(path)
        copied = f"a copy is at {backup}" if backup != path else "no copy could be made beside it"
        return (
            f"{path}: the store is damaged ({error}); {copied} (fix: move the store aside and run again "
            f"to rebuild it, then `voiceofbuyer decisions import {path.parent / DECISIONS}`; {keep})"
        )
    # SQLite says "unable to open database file" when it cannot make its journal beside a store in a read-only folder
    unwritable = path.parent.is_dir() and not os.access(path.parent, os.W_OK)
    if (
        "readonly" in text
        or "read-only" in text
        or "permission" in text
        or isinstance(error, PermissionError)
        or ("unable to open" in text and unwritable)
    ):
        if path.is_file() and not os.access(path, os.W_OK):
            return f"{path}: the store file is read-only (fix: make it writable, e.g. chmod u+w, or use another folder)"
        return f"{path}: the output folder cannot be written (fix: make it writable, or use another folder)"
    if ("disk" in text and "full" in text) or "no space" in text:
        return f"{path}: the disk is full (fix: free some space and run again; {keep})"
    if "locked" in text or "busy" in text:
        return f"{path}: in use by another run (fix: wait for it to finish, then run again)"
    return f"{path}: the store cannot be used ({error}) (fix: check the folder; {keep})"


def back_up(path: Path) -> Path:
    """A copy of a damaged file (the store, a decisions file) beside it, ``<name>.damaged-<time>``, before anyone
    repairs or replaces it; an earlier copy of the same bytes is reused, so each command run against the damaged file
    does not add another. ``path`` itself when no copy can be made."""
    try:
        digest = _file_digest(path)
        for earlier in sorted(path.parent.glob(f"{path.name}.damaged-*"), reverse=True):
            if earlier.stat().st_size == path.stat().st_size and _file_digest(earlier) == digest:
                return earlier
        backup = path.with_name(f"{path.name}.damaged-{datetime.now(UTC).strftime('%Y%m%dT%H%M%S')}")
        shutil.copy2(path, backup)
    except OSError:
        return path
    return backup


def _file_digest(path: Path) -> str:
    with open(path, "rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()
