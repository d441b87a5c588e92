"""Captions and CART transcripts where ``>>`` marks each change of speaker, naming the speaker at times or never.

Live captioners (CART) and broadcast captions open each change of speaker with ``>>`` (``>>>`` a change of topic),
and give a name only where they know it, often at a speaker's first turn alone (``>> MARCUS LEE: Angela, thanks
for ...`` and later ``>> Can you tell us what you do?``). A line without chevrons goes on with the turn before it.
Every other label-less reading of such a file is wrong: a ``>>`` turn is never the previous speaker going on.

Two voices whose turns alternate fill two classes, the even and the odd turns. Where the named turns agree with
that (each class named once, or not at all) the turns take their class's name; an unnamed class is the
``Interviewer`` when it holds most of the questions, else the ``Interviewee``, and the reading declares itself a
guess (``unlabelled.guessed``). Where the names do not alternate (three voices), a turn without a name is
``Speaker ?``, never quoted; where nothing is named and the questions do not fall on one class, each turn is read
by its questions (``unlabelled.question_turns``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from voiceofbuyer.ingest.labels import is_role_label, read_head
from voiceofbuyer.ingest.speaker_names import UNIDENTIFIED
from voiceofbuyer.ingest.text_lines import HEADING, RULE
from voiceofbuyer.ingest.tool_lines import is_tool_line
from voiceofbuyer.ingest.turns import Parsed, turn_at
from voiceofbuyer.ingest.unlabelled import INTERVIEWEE, INTERVIEWER, Segment, guessed, is_prompt, question_turns
from voiceofbuyer.records import Turn

CHEVRON = re.compile(r"[ \t]*>>>?[ \t]*")
"""A change of speaker (``>>``) or of topic (``>>>``) at a line's start."""
FEWEST_CHEVRONS = 4
"""Fewest changes of speaker marked by chevrons before the file is read by them."""
CHEVRON_SHARE = 0.2
"""Fewest lines opening with chevrons, as a share of all: a labelled transcript with a few ">>" lines is read as one."""
ASKING_SHARE = 0.75
"""Share of the turns that ask which must fall on one class of turns for it to be the interviewer's."""
QUESTIONS = 3
"""Fewest asking turns that tell the interviewer's class."""

# A line of e-mail quoting ("> she wrote") or a Markdown block quote: ">>" there is a nested quote, not a speaker.
_QUOTED = re.compile(r"[ \t]*>(?!>)")
# A captioner's note wholly in brackets: "(Session concluded at 2:17 p.m. CT)", "[Recess]"; nobody says it.
_NOTE = re.compile(r"[ \t]*[\[(][^\])\n]*[\])][ \t]*")
_CHANGE_IN_LINE = re.compile(r"(?<=\S)[ \t]+(?=>>)")
_ASKS = re.compile(r"\?[\"'”’)\]]*(?:\s|$)")


@dataclass
class _Turn:
    """A change of speaker and the text that goes with it: the name after the chevrons, if any, and its pieces."""

    name: str | None
    pieces: list[Segment] = field(default_factory=list)


def chevron_turns(text: str, pieces: Sequence[Segment], joined: bool) -> Parsed | None:
    """Turns of a file whose ``pieces`` (lines, or the lines of cues, in order: spans of ``text``) mark each change of
    speaker with ``>>``; None where fewer than ``FEWEST_CHEVRONS`` (or ``CHEVRON_SHARE``) do, where ``>`` quotes mail,
    or where every chevron names its speaker (the labels say it all: the usual readers read them). ``joined``: a
    turn's pieces are one span (lines of a text file), else one turn each (cues keep their times)."""
    opening = sum(1 for piece in pieces if CHEVRON.match(text, piece.start, piece.end))
    if opening < max(FEWEST_CHEVRONS, CHEVRON_SHARE * len(pieces)):
        return None
    if any(_QUOTED.match(text, piece.start, piece.end) for piece in pieces):
        return None
    turns = _chevron_turns(text, pieces)
    if len(turns) < FEWEST_CHEVRONS or all(turn.name for turn in turns):
        return None
    classes = _class_names(turns)
    if classes is None:  # names that do not alternate: three voices or more
        names = [turn.name or UNIDENTIFIED for turn in turns]
        return Parsed(text, tuple(_spoken(text, turns, names, joined)))
    asking = [sum(1 for turn in turns[parity::2] if _asks(text, turn)) for parity in (0, 1)]
    interviewer = 0 if asking[0] >= asking[1] else 1
    if sum(asking) < QUESTIONS or asking[interviewer] < ASKING_SHARE * sum(asking):
        if any(classes):
            return None
        segments = [piece for turn in turns for piece in turn.pieces]
        read = question_turns(text, segments, recognised=False)
        return guessed(text, read) if read else None
    defaults = {interviewer: INTERVIEWER, 1 - interviewer: INTERVIEWEE}
    names = [classes[index % 2] or defaults[index % 2] for index in range(len(turns))]
    spoken = _spoken(text, turns, names, joined)
    return Parsed(text, tuple(spoken)) if all(classes) else guessed(text, spoken)


def _chevron_turns(text: str, pieces: Sequence[Segment]) -> list[_Turn]:
    """The turns the chevrons open, each with the pieces that go on with it; what precedes the first chevron (a
    title, the captioning company), a note in brackets, and what follows a rule, a heading or a tool's line (a
    disclaimer) until the next chevron belong to none."""
    turns: list[_Turn] = []
    current: _Turn | None = None
    for piece in _split_at_chevrons(text, pieces):
        chevron = CHEVRON.match(text, piece.start, piece.end)
        line = text[piece.start : piece.end]
        if chevron:
            start = chevron.end()
            head = read_head(text[start : piece.end])
            name = head.speaker if head is not None and head.speaker and _names(head.speaker, text, pieces) else None
            start += head.body if name and head is not None else 0
            current = _Turn(name)
            turns.append(current)
            piece = Segment(start, piece.end, piece.line, piece.start_time, piece.end_time)
        elif RULE.match(line) or HEADING.match(line) or is_tool_line(line, stamps=False):
            current = None
            continue
        if current is not None and not _NOTE.fullmatch(text, piece.start, piece.end):
            current.pieces.append(piece)
    return [turn for turn in turns if turn.pieces]


def _split_at_chevrons(text: str, pieces: Sequence[Segment]) -> list[Segment]:
    """The pieces, each cut where chevrons go on within its line ("WHAT WOULD YOU WANT? >> ENGINE CODES.")."""
    cut: list[Segment] = []
    for piece in pieces:
        start = piece.start
        for change in _CHANGE_IN_LINE.finditer(text, piece.start, piece.end):
            cut.append(Segment(start, change.start(), piece.line, piece.start_time, piece.end_time))
            start = change.end()
        cut.append(Segment(start, piece.end, piece.line, piece.start_time, piece.end_time))
    return cut


def _names(label: str, text: str, pieces: Sequence[Segment]) -> bool:
    """Whether the label after chevrons names a speaker: a role ("INTERVIEWER"), a name of two words or more in
    capitals ("MARCUS LEE", "Angela Price"), or one met after chevrons again; "Bids: anything over fifty" is said."""
    words = label.split()
    if is_role_label(label) or (len(words) >= 2 and all(word[:1].isupper() for word in words)):
        return True
    pattern = re.compile(rf"[ \t]*>>>?[ \t]*{re.escape(label)}[ \t]*:")
    return sum(1 for piece in pieces if pattern.match(text, piece.start, piece.end)) >= 2


def _class_names(turns: list[_Turn]) -> tuple[str | None, str | None] | None:
    """The name of the even turns and of the odd ones, None where none of them is named; None for both where the
    names do not alternate (a class named twice over, or both by one name)."""
    classes: list[str | None] = []
    for parity in (0, 1):
        names = {turn.name for turn in turns[parity::2] if turn.name}
        if len(names) > 1:
            return None
        classes.append(names.pop() if names else None)
    if classes[0] is not None and classes[0] == classes[1]:
        return None
    return classes[0], classes[1]


def _asks(text: str, turn: _Turn) -> bool:
    """Whether a turn asks: a sentence in it ends with "?", or it opens with a prompt ("Walk me through ...")."""
    said = " ".join(text[piece.start : piece.end] for piece in turn.pieces)
    return bool(_ASKS.search(said)) or is_prompt(said)


def _spoken(text: str, turns: list[_Turn], names: list[str], joined: bool) -> list[Turn]:
    """The turns, each under its name: one span from its first piece to its last (``joined``), or one per piece."""
    spoken: list[Turn] = []
    for turn, name in zip(turns, names, strict=True):
        first, last = turn.pieces[0], turn.pieces[-1]
        spans = [(first, last)] if joined else [(piece, piece) for piece in turn.pieces]
        for begin, end in spans:
            made = turn_at(text, begin.start, end.end, name, begin.line, begin.start_time, end.end_time)
            if made:
                spoken.append(made)
    return spoken
