"""Notes that mark the buyer's exact words with quotation marks and say so ("Lines in "double quotes" are her exact
words; the rest is my shorthand", "Convention: Jordan's own words are in quotation marks; everything else is my
paraphrase"): in such notes only the quoted words are the buyer's; the writer's paraphrase around them ("She runs the
whole building: 120 residents") is nobody's quote.

Only where the file declares the convention: elsewhere a buyer quoting someone in direct speech ("my CFO said "why
is this late?"") is still the buyer speaking. Notes that declare it and label no speaker at all (bullets under
headings, the interviewee named in the title) are the interviewee's quoted words and nothing else.
"""

from __future__ import annotations

import re

from voiceofbuyer.ingest.turns import LineIndex, turn_at
from voiceofbuyer.records import Turn

# The declaration names the marks, says what is inside them is verbatim, and what is outside is not.
_MARKS = re.compile(r"\bquot(?:es|ed|ation\s+marks?|e\s+marks)\b|\bdouble\s+quotes\b|[\"“][^\"”\n]{0,12}[\"”]", re.I)
_VERBATIM = re.compile(r"\b(?:verbatim|(?:exact|own|actual)\s+words|word\s+for\s+word|direct\s+quotes?)\b", re.I)
_NOT_VERBATIM = re.compile(r"\b(?:paraphras\w*|shorthand|summar\w*|my\s+(?:own\s+)?(?:words|notes))\b", re.I)
_QUOTED = re.compile(r"[\"“](?P<words>[^\"“”\n]+)[\"”]")
_QUOTE_WORDS = 3
"""Fewest words of a quoted passage: one or two are a term the writer quotes ("the "report factory""), no quote."""


def declares_quoted_words(header: str) -> bool:
    """Whether a line of ``header`` (the text above the first turn) says the buyer's exact words are the quoted ones
    and the rest is the writer's."""
    return any(
        _MARKS.search(line) and _VERBATIM.search(line) and _NOT_VERBATIM.search(line) for line in header.splitlines()
    )


def quoted_lines(text: str, lines: list[tuple[int, int, int]], speaker: str) -> list[Turn]:
    """Of notes that label no speaker, the ``lines`` (1-based number, start and end offsets) holding a quoted passage,
    as ``speaker``'s turns, the declaration itself left out; ``quoted_turns`` cuts them down to the quotes."""
    return [
        turn
        for number, start, end in lines
        if not declares_quoted_words(text[start:end])
        and any(len(quote["words"].split()) >= _QUOTE_WORDS for quote in _QUOTED.finditer(text, start, end))
        and (turn := turn_at(text, start, end, speaker, number)) is not None
    ]


# The notes say whose words a quotation is when it is not the interviewee's: said to them ("The regional ops director
# called him: "..."", "CFO told him: "...""), or marked after it ("(Ben quoting her.)", "(quoting the CFO)").
_SAID_TO_THEM = re.compile(
    r"(?:\b(?:told|called|asked|emailed|e-mailed|messaged|texted|pinged|wrote\s+to|said\s+to)\s+(?:him|her|them)\b"
    r"[^\"“\n]{0,40}"
    # "The COO's verdict on it (quoting him):", "Per her IT manager,", "According to their CFO," (tester 42)
    r"|\(quoting\s+[^()\n]{1,40}\)\s*:?\s*"
    r"|\b(?:per|according\s+to)\s+(?:his|her|their|the)\s+[^\"“\n,:]{1,40}[,:]?\s*)$",
    re.I,
)
_QUOTING = re.compile(r"[\s.,;]*\((?:[^()\n]{0,40}\s)?quoting\b", re.I)


def _someone_elses(text: str, start: int, end: int) -> bool:
    """Whether the quotation at ``start``-``end`` (its marks included) is a third person's words, by what its line
    says around it."""
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_SAID_TO_THEM.search(text, line_start, start)) or bool(_QUOTING.match(text, end))


def quoted_turns(text: str, turns: tuple[Turn, ...], buyers: tuple[str, ...]) -> tuple[Turn, ...]:
    """``turns`` with each of the ``buyers``' turns cut down to the passages inside its quotation marks (a Turn
    each, on the line it stands on, with the turn's times); a buyer's turn with none is the writer's and left out."""
    index = LineIndex(text)
    kept: list[Turn] = []
    for turn in turns:
        if turn.speaker not in buyers:
            kept.append(turn)
            continue
        for quote in _QUOTED.finditer(text, turn.start_char, turn.end_char):
            start, end = quote.span("words")
            if len(quote["words"].split()) < _QUOTE_WORDS or _someone_elses(text, *quote.span()):
                continue
            piece = turn_at(text, start, end, turn.speaker, index.line(start), turn.start, turn.end)
            if piece is not None:
                kept.append(piece)
    return tuple(kept)
