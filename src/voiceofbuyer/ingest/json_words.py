"""What every service's JSON reader shares: speaker labels, times in seconds, and turns from a service's timed words
(see ``json_formats``)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

from .timestamps import TEXT_TIME, parse_time

Turns = list[dict[str, Any]]


def speaker_label(value: Any, name: Any = None) -> str:
    if isinstance(value, dict):  # Fathom: {"display_name": "Ruth Adeyemi", "matched_calendar_invitee_email": ...}
        value = value.get("display_name") or value.get("name") or value
    if isinstance(name, str) and name.strip():
        return name.strip()
    if value is None:
        return "Unknown"
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise TypeError(f"a speaker must be a name or a number, not {type(value).__name__}")
    text = str(value).strip()
    if text == "UU":  # Speechmatics' label for a voice it could not identify: nobody (see ``sides``)
        return "Unknown"
    if isinstance(value, int) or (len(text) <= 2 and text.isalnum()):
        return f"Speaker {text}"
    return text


def seconds(value: Any, scale: float = 1.0) -> Any:
    """Seconds from a service's time (a number, a number as text in units of ``scale`` seconds, or a time code
    "00:01:02.400"), rounded to the microsecond: 3699 ms is 3.699 s, not 3.6990000000000003; anything else is
    returned as it is, to be judged."""
    if isinstance(value, str):
        if re.fullmatch(TEXT_TIME, value.strip()):
            return round(parse_time(value.strip()), 6)
        if re.fullmatch(r"\s*\d+(?:\.\d+)?s\s*", value):  # Google's "1.400s"
            value = value.strip()[:-1]
        try:
            return round(float(value) * scale, 6)
        except ValueError:
            return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return round(value * scale, 6) if math.isfinite(value) else value
    return value


def time_scale(items: list[Any], key: str) -> float:
    """Seconds per unit of the times under ``key``: 0.001 where one of the first five is a whole number over 1,000
    (milliseconds: no interview's fifth turn starts 17 minutes in), else 1."""
    early = [item.get(key) for item in items[:5] if isinstance(item, dict)]
    return 0.001 if any(isinstance(t, int) and not isinstance(t, bool) and t > 1000 for t in early) else 1.0


def join_words(words: list[tuple[str, bool]]) -> str:
    """Words and punctuation marks as one text: no space before punctuation."""
    text = ""
    for word, punctuation in words:
        text += word if punctuation or not text else " " + word
    return text


Token = tuple[Any, str, bool, Any, Any]


def word_runs(tokens: Iterable[Token]) -> Turns | None:
    """Turns from a service's words in order: a new turn where a word's label changes; punctuation and unlabelled
    words stay with the turn they follow; words before the first label are left out."""
    runs: list[dict[str, Any]] = []
    for label, content, punctuation, start, end in tokens:
        if not punctuation and label is not None and (not runs or runs[-1]["label"] != label):
            runs.append({"label": label, "words": [], "timed": []})
        if not runs:
            continue
        runs[-1]["words"].append((content, punctuation))
        if not punctuation and start is not None and end is not None:  # an untimed word ("90") is text alone
            runs[-1]["timed"].append({"word": content, "start": seconds(start), "end": seconds(end)})
    return [
        {"speaker": speaker_label(t["label"]), "text": join_words(t["words"]),
         "start": t["timed"][0]["start"] if t["timed"] else None,
         "end": t["timed"][-1]["end"] if t["timed"] else None, "words": t["timed"]}
        for t in runs
    ] or None  # fmt: skip
