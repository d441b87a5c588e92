"""File-name slugs for roles: readable, transliterated, short, and never shared by two roles of one run."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from slugify import slugify as _transliterated_slug

MAX_LENGTH = 60
"""Characters of a slug before its suffix: file names stay far below every file system's 255-byte limit."""


def slugify(text: str) -> str:
    """``"IT & Systems"`` → ``"it-systems"``; ``"陈静"`` → ``"chen-jing"`` (transliterated by python-slugify).

    A name with no letter or digit in any script slugs to ``"role-<hash>"``; a long name is cut at a word
    boundary and given a hash of the whole name, so two long names that share their start stay apart.
    """
    slug = _transliterated_slug(text)
    if not slug:
        return f"role-{_digest(text)}"
    if len(slug) > MAX_LENGTH:
        return f"{_transliterated_slug(text, max_length=MAX_LENGTH, word_boundary=True)}-{_digest(text)}"
    return slug


def unique_slugs(names: Iterable[str]) -> dict[str, str]:
    """Name → slug, every slug different: names that slug alike ("IT & Systems", "IT Systems") get ``-2``,
    ``-3``... in sorted order of the names, so the same names always get the same slugs."""
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted(set(names)):
        base = slugify(name)
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        slugs[name] = slug
        taken.add(slug)
    return slugs


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
