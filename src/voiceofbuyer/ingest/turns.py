"""Turns from spans of the decoded text: the one place where the offset invariant is kept.

Every Turn is made here, so ``turn.text == text[turn.start_char:turn.end_char]`` always holds and
surrounding whitespace is trimmed by moving the offsets, never by editing the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from voiceofbuyer.errors import InputError
from voiceofbuyer.records import InterviewMeta, Turn

_NEWLINE = re.compile("\n")


@dataclass(frozen=True)
class Parsed:
    """What a reader gets out of one file, before batch metadata is merged in."""

    text: str
    turns: tuple[Turn, ...]
    meta: InterviewMeta = field(default_factory=InterviewMeta)
    media: str = ""
    language: str = ""
    """Declared by the file (a JSON transcript's ``language``); empty when it is to be detected."""
    speaker_confidence: float | None = None
    """Declared by the file (a JSON transcript's ``speakers.confidence``, 0-1); None when it does not say."""
    unlabelled: bool = False
    """The file names no speaker: its sides were read from its questions (``unlabelled``)."""
    warnings: tuple[InputError, ...] = ()
    """What was read past in the file (a cue's unreadable timing): each a warning, the file still read."""


def line_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of every line, without its newline."""
    starts = [0] + [match.end() for match in _NEWLINE.finditer(text)]
    ends = [start - 1 for start in starts[1:]] + [len(text)]
    return list(zip(starts, ends, strict=True))


class LineIndex:
    """1-based line number of any offset."""

    def __init__(self, text: str) -> None:
        self._starts = [start for start, _ in line_spans(text)]

    def line(self, offset: int) -> int:
        """The line number of ``offset``."""
        return bisect_right(self._starts, offset)


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow ``[start, end)`` to exclude surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def turn_at(
    text: str,
    start: int,
    end: int,
    speaker: str,
    line: int,
    start_time: float | None = None,
    end_time: float | None = None,
) -> Turn | None:
    """The Turn for a span, trimmed; None when it holds no letter or digit (nothing was said)."""
    start, end = strip_span(text, start, end)
    spoken = text[start:end]
    if not any(char.isalnum() for char in spoken):
        return None
    return Turn(speaker=speaker, text=spoken, start_char=start, end_char=end, line=line, start=start_time, end=end_time)


def require_turns(turns: list[Turn], source: str, expected: str) -> tuple[Turn, ...]:
    """``turns`` as a tuple; ``InputError`` naming the ``expected`` form when there are none."""
    if not turns:
        raise InputError(
            source,
            f"no speaker labels found; expected {expected}",
            fix="label each turn with who is speaking, e.g. 'Dana Whitfield: So I run finance at Northwind'",
        )
    return tuple(turns)
