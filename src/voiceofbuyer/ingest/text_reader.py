"""Plain-text and Markdown transcripts (also the text of Word documents).

A turn starts at any line that begins with a speaker label (see labels.py) and runs over the
following lines until the next label, so continuation lines and blank lines stay in the turn: its
span goes from its first to its last non-space character and may contain newlines. A turn's line is
the line of its label. Lines before the first label (titles, dates) are not part of any turn.

Some lines end the current turn without starting one: a time stamp alone on a line, a Markdown
heading or rule, and header or note lines such as ``Date: ...`` or ``Note: ...``. Text after them
continues with the same speaker as a new turn, so no span ever includes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from voiceofbuyer.ingest.decode import decode, require_content
from voiceofbuyer.ingest.labels import read_head
from voiceofbuyer.ingest.metadata import split_front_matter
from voiceofbuyer.ingest.turns import Parsed, line_spans, require_turns, strip_span, turn_at
from voiceofbuyer.records import Turn

_BREAK = re.compile(r"\s*(?:#{1,6}(?:\s|$)|([-*_=])(?:\s*\1){2,}\s*$)")
# Labels that head notes and transcript headers, never a person speaking.
_NOT_SPEAKERS = frozenset(
    {
        "agenda",
        "attendees",
        "company",
        "date",
        "duration",
        "employees",
        "industry",
        "location",
        "meeting",
        "note",
        "notes",
        "participants",
        "recorded",
        "recording",
        "region",
        "revenue",
        "role",
        "subject",
        "summary",
        "time",
        "title",
        "topic",
        "transcript",
    }
)
EXPECTED = "lines like 'Name: text' or '[00:01:02] Name: text'"


def read_text(data: bytes, source: str) -> Parsed:
    text = require_content(decode(data, source), source)
    return Parsed(text, parse_turns(text, source))


def read_markdown(data: bytes, source: str) -> Parsed:
    """Markdown: optional YAML front matter, then turns as in plain text (headings are skipped)."""
    text = require_content(decode(data, source), source)
    meta, body = split_front_matter(text, source)
    return Parsed(text, parse_turns(text, source, body), meta)


@dataclass
class _Draft:
    """A turn being read: its span grows line by line."""

    speaker: str
    line: int
    time: float | None
    start: int | None = None
    end: int = 0

    def add(self, text: str, start: int, end: int) -> None:
        start, end = strip_span(text, start, end)
        if start < end:
            self.start = start if self.start is None else self.start
            self.end = end


def parse_turns(text: str, source: str, body: int = 0) -> tuple[Turn, ...]:
    """Turns of ``text`` from offset ``body`` (a line start) on; raises InputError if there are none."""
    turns: list[Turn] = []
    draft: _Draft | None = None
    speaker: str | None = None
    time: float | None = None  # a stamp not yet used by a turn

    def close() -> None:
        if draft and draft.start is not None:
            turn = turn_at(text, draft.start, draft.end, draft.speaker, draft.line, draft.time)
            if turn:
                turns.append(turn)

    for number, (start, end) in enumerate(line_spans(text), start=1):
        line = text[start:end]
        if start < body or not line.strip():
            continue
        head = read_head(line)
        if _BREAK.match(line) or (head and head.speaker and head.speaker.casefold() in _NOT_SPEAKERS):
            close()
            draft = None
            continue
        if head:
            close()
            draft = None
            time = head.time if head.time is not None else time
            speaker = head.speaker or speaker
            if not (head.speaker or line[head.body :].strip()):
                continue  # a time alone on its line
            start += head.body
        if speaker is None:
            continue  # before the first label
        if draft is None:
            draft, time = _Draft(speaker, number, time), None
        draft.add(text, start, end)
    close()
    return require_turns(turns, source, EXPECTED)
