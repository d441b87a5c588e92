"""SubRip transcripts: numbered cues with ``Name: text`` (see cues.py for spans and speakers)."""

from __future__ import annotations

from voiceofbuyer.ingest.cues import cue_turns, parse_cues
from voiceofbuyer.ingest.decode import decode, require_content
from voiceofbuyer.ingest.turns import Parsed, line_spans, require_turns

EXAMPLE_TIMING = "00:00:01,000 --> 00:00:04,000"
EXPECTED = "cue text starting with the speaker, like 'Sam Rivera: text'"


def read_srt(data: bytes, source: str) -> Parsed:
    """Text and turns of a SubRip file; ``InputError`` on a malformed cue or when it holds no turn."""
    text = require_content(decode(data, source), source)
    cues = parse_cues(text, line_spans(text), 0, source, EXAMPLE_TIMING)
    return Parsed(text, require_turns(cue_turns(text, cues), source, EXPECTED))
