"""SubRip transcripts: numbered cues with ``Name: text``; YouTube's SubViewer (``.sbv``) is read the same way, its
cues unnumbered with a timing line such as ``0:00:01.200,0:00:04.000`` (see cues.py for spans and speakers)."""

from __future__ import annotations

from voiceofbuyer.ingest.cue_blocks import parse_cues
from voiceofbuyer.ingest.cues import parsed_cues
from voiceofbuyer.ingest.decode import decode, require_content
from voiceofbuyer.ingest.turns import Parsed, line_spans

EXAMPLE_TIMING = "00:00:01,000 --> 00:00:04,000"
SBV_EXAMPLE_TIMING = "0:00:01.000,0:00:04.000"
EXPECTED = "cue text starting with the speaker, like 'Sam Rivera: text'"


def read_srt(data: bytes, source: str) -> Parsed:
    """Text and turns of a SubRip file; ``InputError`` on a malformed cue or when it holds no turn."""
    return _read_cues(data, source, EXAMPLE_TIMING)


def read_sbv(data: bytes, source: str) -> Parsed:
    """Text and turns of a SubViewer file (YouTube Studio's caption export); errors as ``read_srt``."""
    return _read_cues(data, source, SBV_EXAMPLE_TIMING)


def _read_cues(data: bytes, source: str, example: str) -> Parsed:
    text = require_content(decode(data, source), source)
    cues = parse_cues(text, line_spans(text), 0, source, example)
    return parsed_cues(text, cues, source, EXPECTED)
