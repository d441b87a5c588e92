"""A title from an e-mail signature pasted above a transcript.

Researchers paste the buyer's reply that set up the call above the transcript ("Best regards, / Ingrid Solberg /
Senior Manager, Strategic Sourcing / Fjordline Seafood AS / M: +47 ..."). The line after the buyer's name in such a
block is the title they sign with: written by the buyer, as official as a display name's title. Read only above the
first turn and only under the buyer's own name, so a researcher's own signature in the same thread names nobody's
job but theirs.
"""

from __future__ import annotations

import re

from .records import Interview

_SIGN_OFF = re.compile(
    r"^[ \t]*(?:best(?:\s+regards)?|kind\s+regards|regards|thanks|thank\s+you|cheers|sincerely|all\s+the\s+best"
    r"|warm(?:est)?\s+regards|many\s+thanks|--)[ \t]*[,!.]?[ \t]*$",
    re.I | re.M,
)
_TITLE_LINE_WORDS = 10


def signature_title(interview: Interview, names: list[str]) -> str:
    """The title under one of ``names`` (the buyer's label and name) in a signature above the first turn: a sign-off
    line ("Best regards,"), the name alone on the next line, the title alone on the line after; "" when there is
    none. Whether the line names a job is the caller's to judge."""
    if not interview.turns:
        return ""
    header = interview.text[: interview.turns[0].start_char]
    for sign_off in _SIGN_OFF.finditer(header):
        lines = [line.strip() for line in header[sign_off.end() :].splitlines() if line.strip()][:2]
        if len(lines) == 2 and any(lines[0].casefold() == name.strip().casefold() for name in names if name):
            title = lines[1]
            if len(title.split()) <= _TITLE_LINE_WORDS and not re.search(r"[@:|]|\d{3}|[.!?]$", title):
                return title
    return ""
