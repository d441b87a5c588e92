"""Clock times as transcripts write them: ``h:mm:ss``, ``mm:ss``, with optional ``.mmm`` or ``,mmm``."""

from __future__ import annotations

import re

TEXT_TIME = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3}|:\d{2}(?!\d))?(?:[ \t]?[AaPp]\.?[Mm]\.?(?!\w))?"
"""A time stamp in running text: seconds always have two digits, to tell it from other numbers; a video timecode's
frames (``00:00:03:18``) are read and ignored; a clock time may say AM or PM ("2:01 PM")."""

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
    clock, _, fraction = stamp.replace(",", ".").partition(".")
    parts = clock.split(":")
    if len(parts) == 4:  # hh:mm:ss:ff, a video timecode: the frames are dropped
        parts = parts[:3]
    if any(len(part) > 9 for part in parts):
        return float("inf")
    seconds = 0
    for part in parts:
        seconds = seconds * 60 + int(part)
    return seconds + (float(f"0.{fraction}") if fraction else 0.0)
