"""Files that belong to a transcript: same folder, same name, another extension."""

from __future__ import annotations

from pathlib import Path


def sibling(path: Path, suffixes: tuple[str, ...]) -> Path | None:
    """The file named like ``path`` with the first of ``suffixes`` found, matched in any case (``.MP4``)."""
    found = {
        other.suffix.lower(): other
        for other in sorted(path.parent.iterdir(), reverse=True)  # on a tie, the first name in order wins
        if other.stem == path.stem and other != path and other.is_file()
    }
    return next((found[suffix] for suffix in suffixes if suffix in found), None)
