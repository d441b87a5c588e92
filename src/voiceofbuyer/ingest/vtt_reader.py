"""WebVTT transcripts: Teams-style ``<v Name>`` voice tags or Zoom-style ``Name:`` prefixes (see cues.py).

The decoded text has character references decoded (``&amp;`` → &; see ``decode_entities``): offsets point into it.
"""

from __future__ import annotations

from voiceofbuyer.errors import InputError
from voiceofbuyer.ingest.cue_blocks import is_timing_line, parse_cues
from voiceofbuyer.ingest.cues import parsed_cues
from voiceofbuyer.ingest.decode import decode, decode_entities, require_content
from voiceofbuyer.ingest.turns import Parsed, line_spans

EXAMPLE_TIMING = "00:00:01.000 --> 00:00:04.000"
EXPECTED = "voice tags like '<v Sam Rivera>' or 'Sam Rivera: text' in the cues"


def read_vtt(data: bytes, source: str) -> Parsed:
    """Text and turns of a WebVTT file; ``InputError`` without the ``WEBVTT`` header, on a malformed cue, or when it
    holds no turn."""
    text = require_content(decode_entities(decode(data, source)), source)
    lines = line_spans(text)
    rows = [text[start:end] for start, end in lines]
    header = next(index for index, row in enumerate(rows) if row.strip())
    if not rows[header].lstrip().startswith("WEBVTT"):
        raise InputError(
            source,
            "missing 'WEBVTT' header",
            fix="make 'WEBVTT' the first line, or give the file the extension of its real format (.srt, .txt)",
            line=header + 1,
        )
    # The header block (e.g. "Kind: captions") runs to the first blank line or cue.
    first = header + 1
    while first < len(rows) and rows[first].strip() and not is_timing_line(rows[first]):
        first += 1
    cues = parse_cues(text, lines, first, source, EXAMPLE_TIMING)
    return parsed_cues(text, cues, source, EXPECTED)
