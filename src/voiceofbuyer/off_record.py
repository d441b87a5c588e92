"""What is said off the record: never quoted.

What the research team says once the buyer has left the call ("Okay, she's gone. Quick thoughts?") is theirs, never
the buyer's: ``after_the_call``.

A buyer who asks "Can I tell you something off the record?" trusts the interviewer to leave it out, and the
persona must too; the interviewer's consent script ("If you want anything off the record, just say so") asks
nothing, and a result left off a medical record is no aside. The aside runs from the turn that asks to go off the
record to the turn that says it is back on ("Okay, back on the record."), or, where nobody says so, to the next
question the other side asks once the buyer has spoken (the interview has moved on).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from .records import Turn

# Going off the record, said so: "Can I tell you something off the record?", "Off the record, the union.", "This is
# strictly off the record", "can we go off the record"; not the medical record a result is left off, nor "nothing
# is off the record".
_OFF = re.compile(
    r"(?:^|[.!?,;:—–-]\s*|\b(?:something|this(?:\s+is|['’]s)?|that(?:['’]s|\s+is)?|it(?:['’]s|\s+is)|go|going|speaking"
    r"|strictly|totally|completely|just|but|and|bit|comment|tell\s+you)\s+)off\s+(?:the\s+)?record\b"
    r"|\bnot\s+for\s+the\s+record\b|\bjust\s+between\s+(?:us|you\s+and\s+me|ourselves)\b|\bdon['’]?t\s+quote\s+me\b"
    # "Could you not write this next bit down?", "please don't write this down"
    r"|\b(?:not|don['’]?t|do\s+not)\s+(?:write|put|take|note)\s+(?:this|that)\s+(?:next\s+)?(?:bit\s+|part\s+)?down\b"
    r"|\b(?:please\s+)?(?:don['’]?t|do\s+not)\s+(?:put|write|include)\s+(?:this|that)\s+(?:in|into)\s+"
    r"(?:your|the)\s+(?:notes|report|write-?up|recording)\b",
    re.IGNORECASE,
)
_BACK_ON = re.compile(
    r"\b(?:back\s+on\s+(?:the\s+)?record|on\s+the\s+record\s+again|you\s+can\s+(?:write|take\s+notes|note\s+(?:this|that))"
    r"(?:\s+(?:again|now))?)\b",
    re.IGNORECASE,
)
# An offer or a rule about going off the record, not going there: "If you want anything off the record, just say
# so", "Nothing here is off the record"
_OFFERED = re.compile(
    r"\bif\s+(?:you|there['’]s|anything)\b|\b(?:feel\s+free|just\s+(?:say|tell|let)|you\s+can\s+(?:always\s+)?(?:ask|say"
    r"|tell))\b|\b(?:nothing|none\s+of\s+(?:this|it))\b[^.?!]{0,40}\boff\s+(?:the\s+)?record",
    re.IGNORECASE,
)


# Every way of going off the record above holds one of these words: a turn with none is searched no further (the
# expressions above have no fixed start, so each costs a scan of every position of every turn).
_KEYWORDS = ("record", "between", "quote", "down", "notes", "report", "write")


def _asks_off_the_record(text: str) -> bool:
    lowered = text.lower()
    if not any(word in lowered for word in _KEYWORDS):
        return False
    return bool(_OFF.search(text)) and not _BACK_ON.search(text) and not _OFFERED.search(text)


def off_the_record(turns: Sequence[Turn], buyers: Collection[str] | None = None) -> set[int]:
    """Indexes of ``turns`` said off the record: from a turn asking for it (by one of ``buyers``, where given; an
    interviewer's offer, "if you want anything off the record, just say", asks nothing) up to, not including, the
    turn that says it is back on the record, or the other side's next question after the asker has spoken again."""
    off: set[int] = set()
    asker: str | None = None
    answered = False
    for index, turn in enumerate(turns):
        if asker is None:
            if _asks_off_the_record(turn.text) and (buyers is None or turn.speaker in buyers):
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


# Said of the buyer once they have left: "Okay, she's gone.", "He's dropped off.", "Priya left the call."
_GONE = re.compile(
    r"\b(?:she|he|they|(?-i:[A-Z]\w+))(?:['’]s|\s+has|\s+have|['’]ve|\s+is|\s+are|['’]re)?\s+(?:just\s+)?"
    r"(?:gone|dropped(?:\s+off)?|left(?:\s+the\s+(?:call|meeting))?|hung\s+up|off\s+the\s+call)(?=[\s,.;!?]|$)",
    re.IGNORECASE,
)


_OPENING_CHARS = 60
"""How far into its turn the remark that someone left comes: the debrief's first words."""


def after_the_call(turns: Sequence[Turn]) -> int:
    """Index of the first turn said after someone left the call, said so by another ("Okay, she's gone. Quick
    thoughts?"): from there on, the research team's debrief; ``len(turns)`` when nobody is said to have left. The one
    who left spoke the turn just before it and is never heard after it, under that label or another of that name (not
    "Our old controller? He's gone." said of someone else, nor "looks like she dropped" before "Priya (2)" is back)."""
    for index, turn in enumerate(turns):
        # said as the debrief opens ("Okay, she's gone."), not within an answer ("... she knew all of it. But she's
        # left, she retired in June", a buyer's last turn, was dropped whole: tester 42)
        if index < 2 or not _GONE.search(turn.text, 0, _OPENING_CHARS):
            continue
        gone = turns[index - 1].speaker
        # back under another label ("Priya (2)" after "looks like she dropped"): a lost connection, not the end
        heard = {t.speaker for t in turns[index:]}
        names = {speaker.split()[0].casefold() for speaker in heard if speaker.split()}
        if gone not in heard and (gone.split() or [""])[0].casefold() not in names:
            return index
    return len(turns)
