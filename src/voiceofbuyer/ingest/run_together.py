"""Transcripts whose line breaks were lost: every turn run together on one line.

A transcript copied out of a web page or a PDF, or passed through a tool that joins lines, can come as one line of
thousands of characters: "Interviewer 1: okay. I will start. ...  Interviewee: Yes, so ...". Read line by line, it is
one turn of whoever opens it, and the buyer never speaks. Where a long line holds speaker labels after a sentence's
end, again and again, each is read as the start of a turn of its own (offsets stay those of the file, so quotes
remain exact spans; every turn cites the one line it is on).
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from voiceofbuyer.ingest.labels import read_head
from voiceofbuyer.ingest.text_lines import TextLine

LONG_LINE = 2_000
"""Characters of a line that may be turns run together (a turn a person speaks in one breath is shorter)."""
MIN_REPEATS = 3
"""Times a label must open a sentence inside long lines to be read as a speaker there, unless it opens a line too."""
_LABEL_ROOM = 200
"""Characters after a sentence's end read for a label (a label and its time are far shorter)."""
# After a sentence's end, or after two spaces (where a blank line between turns was): a capital or a time may open
# a label ("Interviewee:", "Dana Whitfield (00:01:02):", "[00:01:02] Dana:").
_SENTENCE_BREAK = re.compile(r"(?:(?<=[.?!…\"”')\]])\s+|\s{2,})(?=[A-Z\[(0-9])")


def split_run_together(lines: list[TextLine]) -> list[TextLine]:
    """``lines`` with every long line cut before each speaker label it holds after a sentence's end, when the file
    names at least two speakers so and one of them at least ``MIN_REPEATS`` times inside lines; else ``lines``.

    A label inside a line counts when it also opens a line of the file, or opens ``MIN_REPEATS`` sentences inside
    long lines: a turn that quotes someone once ("... and he said. Frank: no.") stays whole."""
    long_lines = [line for line in lines if len(line.text) > LONG_LINE]
    if not long_lines:
        return lines
    opening = Counter(line.head.speaker for line in lines if line.head is not None and line.head.speaker)
    found: dict[int, list[tuple[int, str]]] = {}
    inside: Counter[str] = Counter()
    for line in long_lines:
        for match in _SENTENCE_BREAK.finditer(line.text):
            head = read_head(line.text[match.end() : match.end() + _LABEL_ROOM])
            if head is not None and head.speaker and not head.alone:
                found.setdefault(line.start, []).append((match.end(), head.speaker))
                inside[head.speaker] += 1
    speakers = {name for name, count in inside.items() if count >= MIN_REPEATS or opening[name]}
    if len(speakers | set(opening)) < 2 or max((inside[name] for name in speakers), default=0) < MIN_REPEATS:
        return lines
    split: list[TextLine] = []
    for line in lines:
        cuts = [at for at, name in found.get(line.start, ()) if name in speakers]
        if not cuts:
            split.append(line)
            continue
        for begin, end in pairwise([0, *cuts, len(line.text)]):
            piece = line.text[begin:end].rstrip()
            if piece.strip():
                start = line.start + begin
                split.append(TextLine(line.number, start, start + len(piece), piece, read_head(piece)))
    return split
