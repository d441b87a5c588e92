"""The files a transcription writes: the JSON transcript, laid out to be corrected by hand, and WebVTT captions."""

from __future__ import annotations

import json
import re
from typing import Any

_CUE_SECONDS = 7.0
_SENTENCE_END = re.compile(r"[.?!…][\"”')\]]*$")


def readable_json(value: Any, depth: int = 0) -> str:
    """JSON indented like ``indent=2``, except that an object or list holding no other is kept on one line,
    so each word of a transcript takes one line and the text is easy to correct by hand."""
    pad = "  " * depth
    if isinstance(value, dict) and any(isinstance(item, dict | list) for item in value.values()):
        members = [f"{pad}  {json.dumps(key)}: {readable_json(item, depth + 1)}" for key, item in value.items()]
        return "{\n" + ",\n".join(members) + f"\n{pad}}}"
    if isinstance(value, list) and any(isinstance(item, dict | list) for item in value):
        return "[\n" + ",\n".join(f"{pad}  {readable_json(item, depth + 1)}" for item in value) + f"\n{pad}]"
    return json.dumps(value, ensure_ascii=False)


def webvtt(document: dict[str, Any]) -> str:
    """WebVTT with a voice tag per cue; a cue ends at a sentence end or after about 7 seconds."""
    lines = ["WEBVTT", ""]
    for turn in document["turns"]:
        cue: list[dict[str, Any]] = []
        for word in turn["words"]:
            cue.append(word)
            if _SENTENCE_END.search(word["word"]) or word["end"] - cue[0]["start"] >= _CUE_SECONDS:
                lines += _cue(turn["speaker"], cue)
                cue = []
        if cue:
            lines += _cue(turn["speaker"], cue)
    return "\n".join(lines)


def _cue(speaker: str, words: list[dict[str, Any]]) -> list[str]:
    text = " ".join(word["word"] for word in words)
    return [f"{_vtt_time(words[0]['start'])} --> {_vtt_time(words[-1]['end'])}", f"<v {speaker}>{text}", ""]


def _vtt_time(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"
