"""Clock times as transcripts write them: ``h:mm:ss``, ``mm:ss``, with optional ``.mmm`` or ``,mmm``."""

from __future__ import annotations

import re
from dataclasses import replace

from voiceofbuyer.records import Turn

TEXT_TIME = (
    r"(?:\d{1,2}(?::\d{2}){2};\d{2}(?!\d)|\d{1,2}(?:;\d{2}){3}(?!\d)"
    r"|(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3}|:\d{2}(?!\d))?(?:[ \t]?[AaPp]\.?[Mm]\.?(?!\w))?)"
)
"""A time stamp in running text: seconds always have two digits, to tell it from other numbers; a video timecode's
frames (``00:00:03:18``; drop-frame ``00:00:03;18``, and Premiere Pro's ``00;00;03;18``) are read and ignored; a
clock time may say AM or PM ("2:01 PM")."""

CUE_TIME = r"(?:\d+:)?\d{1,2}:\d{1,2}(?:[.,]\d{1,3})?"
"""A cue time in a timing line; lenient, as some exporters write ``0:0:5.32``."""


MAX_SECONDS = 1e7
"""Times beyond this (about 115 days) are not times in an interview: every reader refuses them."""


def parse_time(stamp: str) -> float:
    """Seconds from a stamp matched by ``TEXT_TIME`` or ``CUE_TIME``; ``inf`` for one too large to be a time (a
    cue's hours may have any number of digits), so callers compare with ``MAX_SECONDS`` and never overflow."""
    meridiem = re.search(r"\s*([AaPp])\.?[Mm]\.?$", stamp)
    if meridiem:  # "2:01 PM": hours and minutes of the day, not minutes and seconds
        clock = stamp[: meridiem.start()].replace(",", ".").partition(".")[0]
        hours, minutes, *seconds = (int(part) for part in clock.split(":"))
        afternoon = meridiem[1].lower() == "p"
        return (hours % 12 + 12 * afternoon) * 3600 + minutes * 60 + (seconds[0] if seconds else 0)
    clock, _, fraction = stamp.replace(",", ".").replace(";", ":").partition(".")
    parts = clock.split(":")
    if len(parts) == 4:  # hh:mm:ss:ff, a video timecode: the frames are dropped
        parts = parts[:3]
    if any(len(part) > 9 for part in parts):
        return float("inf")
    seconds = 0
    for part in parts:
        seconds = seconds * 60 + int(part)
    return seconds + (float(f"0.{fraction}") if fraction else 0.0)


DAY = 86400.0
"""Seconds in a day: clock times (Zoom's saved captions, "2:01 PM") start again at midnight."""


def across_midnight(turns: list[Turn]) -> list[Turn]:
    """``turns`` with a day added to every time after the clock went back by more than half a day (a call held over
    midnight, its captions stamped 23:59:51, then 00:00:01), so times keep running forward; else as they are."""
    days, last, fixed = 0.0, None, []
    for turn in turns:
        if turn.start is not None:
            if last is not None and turn.start + days < last - DAY / 2:
                days += DAY
            last = turn.start + days
        if days and turn.start is not None:
            end = turn.end + days if turn.end is not None else None
            words = tuple(replace(w, start=w.start + days, end=w.end + days) for w in turn.words)
            turn = replace(turn, start=turn.start + days, end=end, words=words)
        fixed.append(turn)
    return fixed
