"""Files written whole or not at all.

``write_atomic`` writes each file to a temporary file beside it, then renames it over the old one: a crash never
leaves a half-written file. The temporary file is created with mode 0666 and the process's umask applied by the
operating system, so outputs get ordinary permissions without touching the process-wide umask.
``cached_training`` keeps trained model weights in the shared model cache (``cache_dir``), so every output folder
on a machine reuses them.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

TEMPORARY_SUFFIX = ".tmp"


def cache_dir() -> Path:
    """Where derived model files live: ``$VOICEOFBUYER_CACHE``, else ``$XDG_CACHE_HOME/voiceofbuyer``."""
    if os.environ.get("VOICEOFBUYER_CACHE"):
        return Path(os.environ["VOICEOFBUYER_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "voiceofbuyer"


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
    write_atomic(path.parent, {path.name: json.dumps(trained).encode("utf-8")})
    return trained
