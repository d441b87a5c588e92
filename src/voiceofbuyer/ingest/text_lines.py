"""Lines of a plain-text transcript: the line record the text readers share, and the shapes a line can have that
are no one's speech (a heading, a rule, a label with its value, an aside in italics)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from voiceofbuyer.ingest.labels import Head

HEADING = re.compile(r"[ \t]*(?:#{1,6}[ \t]+|\*\*(?=.*\*\*[ \t]*$))(?P<text>.*?)(?:\*\*)?[ \t]*$")
"""A Markdown heading ("## Dialog 12") or a line in bold only."""
RULE = re.compile(r"\s*(?:([-*_=])(?:\s*\1){2,}|--)\s*$")
"""A rule between sections ("---", "* * *"), or "--" alone, a divider or a signature's delimiter: no one's words."""
LABEL_LINE = re.compile(r"[ \t]*(?:\*\*)?(?P<label>[^:*\n]{1,40}?)(?:\*\*)?[ \t]*:(?:\*\*)?[ \t]*(?P<value>.*)$")
"""A label and its value ("Date: 3 March", "**Transcript ID:** x"); whether the label is a speaker is the vote's."""
# A line in italics only ("*Interviewer note: she sighed here.*", "_Follow-up: send the one-pager._"): an aside.
ASIDE = re.compile(r"[ \t]*(?:\*(?!\*)[^*\n]+\*|_[^_\n]+_)[ \t]*")


@dataclass(frozen=True)
class TextLine:
    """A non-blank line of the text: its 1-based number, its span in the text, and the speaker label it opens with."""

    number: int
    start: int
    end: int
    text: str
    head: Head | None


def indent(line: str) -> int:
    """How many spaces and tabs ``line`` opens with."""
    return len(line) - len(line.lstrip(" \t"))
