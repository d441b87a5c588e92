"""What is said off the record: never quoted.

A buyer who asks "Can I tell you something off the record?" trusts the interviewer to leave it out, and the
persona must too. The aside runs from the turn that asks to go off the record to the turn that says it is back
on ("Okay, back on the record."), or, where nobody says so, to the next question the other side asks once the
buyer has spoken (the interview has moved on).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .records import Turn

_OFF = re.compile(
    r"\boff\s+(?:the\s+)?record\b|\bnot\s+for\s+the\s+record\b"
    r"|\b(?:please\s+)?(?:don['’]?t|do\s+not)\s+(?:put|write|include)\s+(?:this|that)\s+(?:in|into)\s+"
    r"(?:your|the)\s+(?:notes|report|write-?up|recording)\b",
    re.IGNORECASE,
)
_BACK_ON = re.compile(r"\b(?:back\s+on\s+(?:the\s+)?record|on\s+the\s+record\s+again)\b", re.IGNORECASE)


def off_the_record(turns: Sequence[Turn]) -> set[int]:
    """Indexes of ``turns`` said off the record: from a turn asking for it up to, not including, the turn that
    says it is back on the record, or the other side's next question after the asker has spoken again."""
    off: set[int] = set()
    asker: str | None = None
    answered = False
    for index, turn in enumerate(turns):
        if asker is None:
            if _OFF.search(turn.text) and not _BACK_ON.search(turn.text):
                # "Off the record, the union." says it at once; "Can I tell you something off the record?" waits
                asker, answered = turn.speaker, "?" not in turn.text
                off.add(index)
            continue
        if _BACK_ON.search(turn.text) or (answered and turn.speaker != asker and "?" in turn.text):
            asker = None
            continue
        answered = answered or turn.speaker == asker
        off.add(index)
    return off
