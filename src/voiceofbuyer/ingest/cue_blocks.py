"""Cue files' blocks (WebVTT, SubRip, SubViewer): timing lines and the cue text under each, as ``Cue``s; a cue
whose timing line cannot be read keeps its words, at the time of the cue before, and says why (``Cue.malformed``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from voiceofbuyer.errors import InputError
from voiceofbuyer.ingest.timestamps import CUE_TIME, MAX_SECONDS, parse_time

# WebVTT and SubRip: "00:00:01.000 --> 00:00:04.000"; YouTube's SubViewer (.sbv): "0:00:01.200,0:00:04.000".
_TIMING = re.compile(rf"\s*(?P<start>{CUE_TIME})\s*(?:-->|,)\s*(?P<end>{CUE_TIME})(?:\s.*)?")
_TIMING_LIKE = re.compile(r"\s*\d+:\d+:\d+[.,]\d|.*-->")  # meant as a timing line, well-formed or not
_COMMENT_BLOCK = re.compile(r"(?:NOTE|STYLE|REGION)(?:\s|$)")
_NAMED_IDENTIFIER = re.compile(r'\s*\d+\s+"(?P<name>[^"\n]{1,80})"(?:\s+\(\d+\))?\s*')
"""A cue identifier that names the speaker, as Webex writes it: a number, the name in quotes, a participant id."""


@dataclass(frozen=True)
class Cue:
    """A subtitle cue: its time (``start``, ``end``: seconds) and its text's span in the decoded text (character
    offsets)."""

    start: float
    end: float
    text_start: int
    text_end: int
    speaker: str = ""
    """The speaker its identifier names (Webex), else empty."""
    malformed: InputError | None = None
    """Why its timing line could not be read (``start`` and ``end`` are then the cue before's end), else None."""


def is_timing_line(line: str) -> bool:
    """Whether ``line`` is meant as a cue timing line (``-->`` or a leading time), well-formed or not."""
    return bool(_TIMING_LIKE.match(line))


def parse_cues(text: str, lines: list[tuple[int, int]], first: int, source: str, example: str) -> list[Cue]:
    """Cues from line index ``first`` on; ``example`` shows a good timing line in messages."""
    cues: list[Cue] = []
    index = first
    while index < len(lines):
        line = _line(text, lines, index)
        if not line.strip():
            index += 1
        elif _COMMENT_BLOCK.match(line):
            while index < len(lines) and _line(text, lines, index).strip():
                index += 1
        elif is_timing_line(line) or _is_identifier(text, lines, index, line):
            timing = index if is_timing_line(line) else index + 1
            named = None if timing == index else _NAMED_IDENTIFIER.fullmatch(line)
            index = _cue_end(text, lines, timing + 1)
            cue = _cue(text, lines, timing, index, source, example)
            if cue.malformed is not None:
                # One slip in a timing line loses no words: the cue keeps its place, at the time of the one before.
                before = cues[-1].end if cues else 0.0
                cue = replace(cue, start=before, end=before)
            cues.append(replace(cue, speaker=" ".join(named["name"].split())) if named else cue)
        elif cues:
            # Cue text went on after a blank line: keep it with its cue.
            cues[-1] = replace(cues[-1], text_end=lines[index][1])
            index += 1
        else:
            raise InputError(
                source,
                f"expected a cue timing line like '{example}'",
                fix="start each cue with its timing line",
                line=index + 1,
            )
    malformed = [cue.malformed for cue in cues if cue.malformed is not None]
    if malformed and len(malformed) * 2 > len(cues):
        first = malformed[0]  # mostly unreadable timings: no captions this reader knows
        raise InputError(first.path, first.message.removesuffix(_READ_ANYWAY), first.fix, first.line)
    return cues


def _line(text: str, lines: list[tuple[int, int]], index: int) -> str:
    start, end = lines[index]
    return text[start:end]


def _is_identifier(text: str, lines: list[tuple[int, int]], index: int, line: str) -> bool:
    """A cue identifier: the non-blank line right before a timing line."""
    return bool(line.strip()) and index + 1 < len(lines) and is_timing_line(_line(text, lines, index + 1))


def _cue_end(text: str, lines: list[tuple[int, int]], index: int) -> int:
    """Index just past the cue text starting at ``index``: up to a blank line or the next cue."""
    while index < len(lines):
        line = _line(text, lines, index)
        # A numeric identifier right before a timing line starts the next cue even without a blank line.
        if (
            not line.strip()
            or is_timing_line(line)
            or (line.strip().isdigit() and _is_identifier(text, lines, index, line))
        ):
            break
        index += 1
    return index


def _cue(text: str, lines: list[tuple[int, int]], timing: int, end: int, source: str, example: str) -> Cue:
    """The cue whose timing line is ``timing`` and whose text runs to line ``end``; one whose timing cannot be
    read says why in ``malformed`` (its times 0)."""
    line = _line(text, lines, timing)
    text_start = lines[timing + 1][0] if end > timing + 1 else lines[timing][1]
    text_end = lines[end - 1][1] if end > timing + 1 else text_start
    match = _TIMING.fullmatch(line)
    shown = repr(line.strip()[:80])
    if not match:
        found, fix = f"malformed cue timing {shown}", f"write it like '{example}'"
    elif max(parse_time(match["start"]), parse_time(match["end"])) >= MAX_SECONDS:
        found, fix = f"cue time out of range in {shown}: longer than any interview", f"write it like '{example}'"
    elif not (_on_a_clock(match["start"]) and _on_a_clock(match["end"])):
        found = f"cue timing {shown} is no time (minutes or seconds over 59)"
        fix = f"write it like '{example}', or export the captions again"
    else:
        # An end before its start (a tool's rounding, or a slip) says nothing of how long the cue lasts: it ends as
        # it starts, and the cue's words keep their place and start.
        start, end_time = parse_time(match["start"]), parse_time(match["end"])
        return Cue(start, max(start, end_time), text_start, text_end)
    return Cue(0.0, 0.0, text_start, text_end, malformed=InputError(source, f"{found}{_READ_ANYWAY}", fix, timing + 1))


_READ_ANYWAY = "; its words are read, at the time of the cue before"


def _on_a_clock(stamp: str) -> bool:
    """Minutes and seconds under 60 ("00:61:00" is no time); hours may be any number."""
    clock = stamp.replace(",", ".").partition(".")[0].split(":")
    return all(int(part) < 60 for part in clock[1:3])
