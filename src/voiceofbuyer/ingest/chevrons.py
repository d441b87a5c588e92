"""Captions and CART transcripts where ``>>`` marks each change of speaker, naming the speaker at times or never.

Live captioners (CART) and broadcast captions open each change of speaker with ``>>`` (``>>>`` a change of topic),
and give a name only where they know it, often at a speaker's first turn alone (``>> MARCUS LEE: Angela, thanks
for ...`` and later ``>> Can you tell us what you do?``). A line without chevrons goes on with the turn before it.
Every other label-less reading of such a file is wrong: a ``>>`` turn is never the previous speaker going on.

Two voices whose turns alternate fill two classes, the even and the odd turns. Where the named turns agree with
that (each class named once, or not at all) the turns take their class's name; an unnamed class is the
``Interviewer`` when it holds most of the questions, else the ``Interviewee``, and the reading declares itself a
guess (``unlabelled.guessed``). Where the names do not alternate (a third voice joins, named at its first turn), a
turn without a name is the voice before the last, as talk goes back and forth, also a declared guess; where nothing
is named and the questions do not fall on one class, each turn is read by its questions
(``unlabelled.question_turns``). Where every chevron names its speaker, the names are the turns' and no guess.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from voiceofbuyer.ingest.interviewer_talk import is_prompt
from voiceofbuyer.ingest.labels import Head, is_role_label, read_head
from voiceofbuyer.ingest.speaker_names import UNIDENTIFIED
from voiceofbuyer.ingest.text_lines import HEADING, RULE, TextLine
from voiceofbuyer.ingest.tool_lines import is_tool_line
from voiceofbuyer.ingest.turns import Parsed, turn_at
from voiceofbuyer.ingest.unlabelled import INTERVIEWEE, INTERVIEWER, Segment, guessed, line_segment, question_turns
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


def chevron_turns(text: str, pieces: Sequence[Segment]) -> Parsed | None:
    """Turns of a file whose ``pieces`` (lines, or the lines of cues, in order: spans of ``text``) mark each change of
    speaker with ``>>``; None where fewer than ``FEWEST_CHEVRONS`` (or ``CHEVRON_SHARE``) do, or where ``>`` quotes
    mail. A turn's pieces with only spaces and line breaks between them are one span (the lines of a text file's
    turn, or of one cue), else one turn each, with its cue's times."""
    opening = sum(1 for piece in pieces if CHEVRON.match(text, piece.start, piece.end))
    if opening < max(FEWEST_CHEVRONS, CHEVRON_SHARE * len(pieces)):
        return None
    if any(_QUOTED.match(text, piece.start, piece.end) for piece in pieces):
        return None
    turns = _chevron_turns(text, pieces)
    if len(turns) < FEWEST_CHEVRONS:
        return None
    if all(turn.name for turn in turns):  # a name at every change: the captioner says it all
        return Parsed(text, tuple(_spoken(text, turns, [turn.name or "" for turn in turns])))
    classes = _class_names(turns)
    if classes is None:  # names that do not alternate: three voices or more
        return guessed(text, _spoken(text, turns, _by_the_turn_before_last(turns)))
    unpunctuated = "?" not in text
    asking = [sum(1 for turn in turns[parity::2] if _asks(text, turn, unpunctuated)) for parity in (0, 1)]
    interviewer = 0 if asking[0] >= asking[1] else 1
    if sum(asking) < QUESTIONS or asking[interviewer] < ASKING_SHARE * sum(asking):
        if any(classes):
            return None
        segments = [piece for turn in turns for piece in turn.pieces]
        read = question_turns(text, segments, recognised=False)
        return guessed(text, read) if read else None
    defaults = {interviewer: INTERVIEWER, 1 - interviewer: INTERVIEWEE}
    names = [classes[index % 2] or defaults[index % 2] for index in range(len(turns))]
    spoken = _spoken(text, turns, names)
    return Parsed(text, tuple(spoken)) if all(classes) else guessed(text, spoken)


def stamped_pieces(text: str, lines: Sequence[TextLine]) -> list[Segment]:
    """The ``lines`` as pieces for ``chevron_turns``: where one captioner's stamp heads each entry (Zoom's saved
    captions under a CART provider: "[ACS Captioning (CART)] 09:41:02" above ">> GRACE LIU: ..."), the stamps are no
    one's words and give the lines under them their time; else each line, with the times it opens with."""
    stamps = {line.number: line.head for line in lines if line.head and line.head.alone and line.head.time is not None}
    if len({head.speaker for head in stamps.values()}) != 1:
        return [line_segment(text, line.start, line.end, line.number) for line in lines]
    pieces: list[Segment] = []
    time: float | None = None
    for line in lines:
        if (stamp := stamps.get(line.number)) is not None:
            time = stamp.time
        else:
            pieces.append(Segment(line.start, line.end, line.number, time, time))
    return pieces


def _by_the_turn_before_last(turns: list[_Turn]) -> list[str]:
    """Names where three voices or more speak: a turn without one is the voice before the last ("A", "B", "C", ?:
    B), as talk goes back and forth; the captioner names a voice the first time it speaks. ``Speaker ?`` where no
    such voice is known."""
    names: list[str] = []
    for index, turn in enumerate(turns):
        before_last = names[index - 2] if index >= 2 and names[index - 2] != names[index - 1] else UNIDENTIFIED
        names.append(turn.name or before_last)
    return names


def _chevron_turns(text: str, pieces: Sequence[Segment]) -> list[_Turn]:
    """The turns the chevrons open, each with the pieces that go on with it; what precedes the first chevron (a
    title, the captioning company), a note in brackets, and what follows a rule, a heading or a tool's line (a
    disclaimer) until the next chevron belong to none."""
    cut = _split_at_chevrons(text, pieces)
    heads: dict[int, Head] = {}  # by piece: the label after its chevrons
    for number, piece in enumerate(cut):
        chevron = CHEVRON.match(text, piece.start, piece.end)
        head = read_head(text[chevron.end() : piece.end]) if chevron else None
        if chevron and head is not None and head.speaker:
            heads[number] = replace(head, body=chevron.end() - piece.start + head.body)
    recurring = Counter(head.speaker for head in heads.values())
    turns: list[_Turn] = []
    current: _Turn | None = None
    for number, piece in enumerate(cut):
        chevron = CHEVRON.match(text, piece.start, piece.end)
        line = text[piece.start : piece.end]
        if chevron:
            head = heads.get(number)
            named = head is not None and _names(head.speaker or "", line[head.body :], recurring)
            current = _Turn(head.speaker if named and head is not None else None)
            turns.append(current)
            start = piece.start + (head.body if named and head is not None else chevron.end() - piece.start)
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


def _names(label: str, said: str, recurring: Counter[str | None]) -> bool:
    """Whether the ``label`` after chevrons, before the words ``said``, names a speaker: a role ("INTERVIEWER"), a
    name of two words or more in capitals ("MARCUS LEE", "Angela Price"), one word in capitals over words that are
    not ("DEREK: No problem."), or a label met after chevrons again; "Bids: anything over fifty" is said."""
    words = label.split()
    if is_role_label(label) or (len(words) >= 2 and all(word[:1].isupper() for word in words)):
        return True
    if label.isupper() and any(char.islower() for char in said):
        return True
    return recurring[label] >= 2


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


# A question as automatic captions write it, without its mark: "so what do you do at harlow freight", "and what made
# you start looking", "what would stop you from buying" (YouTube's, tester 46)
_OPENS_A_QUESTION = re.compile(
    r"\W*(?:(?:so|and|okay|ok|right|and\s+so)\s+)?(?:(?:what|how|why|when|where|which|who)(?:\s+\w+){0,3}\s+you"
    r"|(?:do|did|are|were|have|could|can|would|will)\s+you)\b",
    re.I,
)
"""... put to the other: a question's word and "you" within a few words ("what we do now is export ...", "how it works
in practice is ...", a buyer's statements, ask nothing: tester 47)."""


def _asks(text: str, turn: _Turn, unpunctuated: bool) -> bool:
    """Whether a turn asks: a sentence in it ends with "?", or it opens with a prompt ("Walk me through ...") or, in
    captions without a question mark anywhere (``unpunctuated``), with a question's words."""
    said = " ".join(text[piece.start : piece.end] for piece in turn.pieces)
    return bool(_ASKS.search(said)) or is_prompt(said) or (unpunctuated and bool(_OPENS_A_QUESTION.match(said)))


def _spoken(text: str, turns: list[_Turn], names: list[str]) -> list[Turn]:
    """The turns, each under its name: its pieces with only spaces and line breaks between them one span, with the
    times of the first and the last."""
    spoken: list[Turn] = []
    for turn, name in zip(turns, names, strict=True):
        spans: list[tuple[Segment, Segment]] = []
        for piece in turn.pieces:
            if spans and not text[spans[-1][1].end : piece.start].strip():
                spans[-1] = (spans[-1][0], piece)
            else:
                spans.append((piece, piece))
        for begin, end in spans:
            made = turn_at(text, begin.start, end.end, name, begin.line, begin.start_time, end.end_time)
            if made:
                spoken.append(made)
    return spoken
