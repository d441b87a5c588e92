"""Disfluency clean-up that keeps the source span.

A quote is ``apply_cleanup(source, start, end, removed)``: the source span with the recorded ``removed``
ranges deleted. The rules, documented in the README ("Quotes and clean-up"):

1. each removed range is replaced by one space;
2. runs of whitespace become one space; spaces before ``, . ? ! ; :`` are dropped;
3. leading punctuation and spaces are dropped, and the first letter is upper-cased.

``find_disfluencies`` records what to remove: filler words ("um", "uh", ...), repeated words or short
phrases ("the, the, the" keeps the last "the"), cut-off false starts ("we- we tried"), time stamps left
inside the text ("[00:40:00]") and non-speech annotations ("[laughs]", "[inaudible]").
Nothing else is ever changed, so every quote stays an exact, checkable span of its source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

Range = tuple[int, int]

_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.?!;:])")
_WHITESPACE = re.compile(r"\s+")
_LEADING_JUNK = re.compile(r"^[\s,.;:!?\-–—]+")
# A word or a phrase of up to three words said again, separated by commas or spaces.
_REPEAT = re.compile(r"\b(\w+(?:\s+\w+){0,2})(?:,?\s+\1\b)+", re.IGNORECASE)
# "we- we": a word cut off with a hyphen or dash followed by a space (hyphenated words have no space).
_FALSE_START = re.compile(r"\b\w+(?:-|--|–|—)\s+(?=\w)")
# Time stamps a transcription service left inside the text: "[00:40:00]", "(12:31)".
_INLINE_TIME = re.compile(r"[\[(]\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?[\])]")
# Non-speech annotations: "[laughs]", "[inaudible]", "(crosstalk)".
_ANNOTATION = re.compile(
    r"[\[(](?:laughs?|laughter|inaudible|crosstalk|pause|silence|cough\w*|sighs?|music|noise"
    r"|unclear|indistinct)[^\])]{0,20}[\])]",
    re.IGNORECASE,
)


def filler_pattern(fillers: Iterable[str]) -> re.Pattern[str]:
    """Whole-word fillers with the comma or period that trails them ("um," / "uh.")."""
    words = sorted((re.escape(word) for word in fillers), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(words) + r")(?![\w-])[,.]?", re.IGNORECASE)


def find_disfluencies(text: str, base: int, fillers: re.Pattern[str]) -> list[Range]:
    """Ranges (absolute: offset by ``base``) of ``text`` that the clean-up removes."""
    ranges: list[Range] = [(m.start(), m.end()) for m in fillers.finditer(text)]
    for match in _REPEAT.finditer(text):
        # Keep the last repetition: remove from the first one up to where the last one starts.
        last = match.group(0).lower().rfind(match.group(1).lower())
        ranges.append((match.start(), match.start() + last))
    ranges.extend((m.start(), m.end()) for m in _FALSE_START.finditer(text))
    ranges.extend((m.start(), m.end()) for m in _INLINE_TIME.finditer(text))
    ranges.extend((m.start(), m.end()) for m in _ANNOTATION.finditer(text))
    return [(start + base, end + base) for start, end in merge_ranges(ranges)]


def merge_ranges(ranges: Iterable[Range]) -> list[Range]:
    """Sorted, non-overlapping, non-empty ranges."""
    merged: list[Range] = []
    for start, end in sorted(r for r in ranges if r[1] > r[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def clip_ranges(ranges: Iterable[Range], start: int, end: int) -> tuple[Range, ...]:
    """The parts of ``ranges`` that fall inside ``[start, end)``."""
    return tuple((max(s, start), min(e, end)) for s, e in ranges if s < end and e > start)


def apply_cleanup(source: str, start: int, end: int, removed: Iterable[Range]) -> str:
    """The quote for ``source[start:end]`` after deleting ``removed`` (see the module docstring)."""
    pieces: list[str] = []
    cursor = start
    for cut_start, cut_end in sorted(removed):
        pieces.append(source[cursor:cut_start])
        pieces.append(" ")
        cursor = cut_end
    pieces.append(source[cursor:end])
    text = _WHITESPACE.sub(" ", "".join(pieces))
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    text = _LEADING_JUNK.sub("", text).strip()
    return text[:1].upper() + text[1:]
