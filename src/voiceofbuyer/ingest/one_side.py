"""Transcripts that label one side only, as people type them: the interviewer's lines labelled
(``INTERVIEWER: Can you tell me about your role?``) and the answers in paragraphs of their own below; or the buyer's
(``Margaret Oyelaran: Of course. I'm the indirect tax manager.``) with the interviewer's questions on lines of their
own between them.

Read as labelled text, the unlabelled lines would go on with the labelled speaker's turn: the answers would be the
interviewer's, or the questions the buyer's. So where one label is all there is:
- an interviewing label (``Interviewer``, ``Moderator``, ``Q``, ...), or a name whose lines ask (two in three end
  with "?"): a paragraph after a blank line is the interviewee's answer; a line right below the label's line goes
  on with the question;
- a person's name: from an unlabelled line that asks ("...?") or is an interviewer's remark ("Right, that makes
  sense.") to the next label, the lines are the interviewer's; the lines before it go on with the labelled turn.
The second needs the pattern twice or more, so a buyer's one rhetorical question leaves her turn whole.
"""

from __future__ import annotations

import itertools
import re

from voiceofbuyer.ingest.interviewer_talk import interviewer_remark
from voiceofbuyer.ingest.text_lines import TextLine
from voiceofbuyer.ingest.turns import turn_at
from voiceofbuyer.records import InterviewMeta, Turn

_INTERVIEWING = re.compile(r"interviewer|moderator|researcher|facilitator|int|iv|q|question", re.I)
_CUTS = 2
"""Fewest questions between a named speaker's lines that show the other side is unlabelled."""


def other_side_unlabelled(text: str, turns: list[Turn], lines: list[TextLine], meta: InterviewMeta) -> list[Turn]:
    """``turns`` with the unlabelled side's lines made its own turns, where one label is all the file has (see the
    module docstring); else ``turns`` unchanged."""
    labels = {turn.speaker for turn in turns}
    if len(labels) != 1:
        return turns
    (label,) = labels
    interviewing = _INTERVIEWING.fullmatch(label.strip()) is not None or _asks(turns, lines)
    # A Word document has a paragraph a line and no blank lines: there every paragraph break is one
    blanks = any(line.number > previous.number + 1 for previous, line in itertools.pairwise(lines))
    split = [_split(text, turn, _lines_of(turn, lines), interviewing, meta, blanks) for turn in turns]
    cuts = sum(len(parts) - 1 for parts in split)
    if cuts == 0 or (not interviewing and cuts < _CUTS):
        return turns
    return [part for parts in split for part in parts]


def _asks(turns: list[Turn], lines: list[TextLine]) -> bool:
    """Whether the one labelled voice is the interviewer's by what it says: its label's line ends asking in two
    turns of three or more, three times or more ("Sam Ortiz: How do invoices arrive?" above the answers)."""
    first_lines = [next(iter(_lines_of(turn, lines)), None) for turn in turns]
    asked = sum(1 for line in first_lines if line is not None and line.text.rstrip().endswith("?"))
    return asked >= 3 and asked * 3 >= len(turns) * 2


def _lines_of(turn: Turn, lines: list[TextLine]) -> list[TextLine]:
    return [line for line in lines if line.end > turn.start_char and line.start < turn.end_char]


def _split(
    text: str, turn: Turn, lines: list[TextLine], interviewing: bool, meta: InterviewMeta, blanks: bool
) -> list[Turn]:
    """The parts of one turn: the labelled speaker's, then the other side's from the line where it starts (where
    the file has no blank lines, ``blanks`` False, the first line below the question that does not ask)."""
    other = (meta.interviewee or "Interviewee") if interviewing else (meta.interviewer or "Interviewer")
    for previous, line in itertools.pairwise(lines):
        after_blank = line.number > previous.number + 1 if blanks else not line.text.rstrip().endswith("?")
        starts = after_blank if interviewing else (line.text.rstrip().endswith("?") or interviewer_remark(line.text))
        if starts:
            own = turn_at(text, turn.start_char, previous.end, turn.speaker, turn.line, turn.start, turn.end)
            theirs = turn_at(text, line.start, turn.end_char, other, line.number)
            return [part for part in (own, theirs) if part is not None]
    return [turn]
