"""A title from an e-mail signature pasted above a transcript.

Researchers paste the buyer's reply that set up the call above the transcript ("Best regards, / Ingrid Solberg /
Senior Manager, Strategic Sourcing / Fjordline Seafood AS / M: +47 ..."). The line after the buyer's name in such a
block is the title they sign with: written by the buyer, as official as a display name's title. Read above the first
turn and after the last (a buyer's mailed answers, signed), and only under the buyer's own name, so a researcher's
own signature in the same thread names nobody's job but theirs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .job_words import names_a_job
from .records import Interview

_SIGN_OFF = re.compile(
    r"^[ \t]*(?:best(?:\s+regards)?|kind\s+regards|regards|thanks|thank\s+you|cheers|sincerely|all\s+the\s+best"
    r"|warm(?:est)?\s+regards|many\s+thanks|--)[ \t]*[,!.]?[ \t]*$",
    re.I | re.M,
)
_TITLE_LINE_WORDS = 10


def signature_title(interview: Interview, names: list[str]) -> str:
    """The title under one of ``names`` (the buyer's label and name) in a signature above the first turn or after
    the last (the buyer's mailed answers, signed): a sign-off line ("Best regards,"), the name alone on the next
    line, the title alone on the line after; "" when there is none. Whether the line names a job is the caller's to
    judge."""
    for lines in _signatures(interview, header=True):
        if len(lines) == 2 and any(lines[0].casefold() == name.strip().casefold() for name in names if name):
            title = lines[1]
            if len(title.split()) <= _TITLE_LINE_WORDS and not re.search(r"[@:|]|\d{3}|[.!?]$", title):
                return title
    return ""


def signed_name(interview: Interview) -> str:
    """The name signed under a sign-off after the last turn ("Kind regards, / Lindiwe Mokoena / Practice Operations
    Manager"): the writer of mailed answers whose turns a role labels ("A:", "Answer:"); "" when none. Never above
    the first turn, where the researcher's own mail may be pasted."""
    for lines in _signatures(interview, header=False):
        if lines and _SIGNED_NAME.fullmatch(lines[0]) and not names_a_job(lines[0]):
            return lines[0]
    return ""


_SIGNED_NAME = re.compile(r"(?:[A-Z][\w'’-]+\.?\s+){1,3}[A-Z][\w'’-]+")


def _signatures(interview: Interview, header: bool) -> Iterator[list[str]]:
    """The two lines after each sign-off above the first turn (where ``header``) and after the last turn."""
    if not interview.turns:
        return
    parts = [interview.text[interview.turns[-1].end_char :]]
    if header:
        parts.insert(0, interview.text[: interview.turns[0].start_char])
    for part in parts:
        for sign_off in _SIGN_OFF.finditer(part):
            yield [line.strip() for line in part[sign_off.end() :].splitlines() if line.strip()][:2]
