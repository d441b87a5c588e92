"""Each interview as a page of the output folder (``transcripts/<id>.html``), so every quote links to the very
place it was said, and the folder can be zipped and sent without the batch.

A turn's text is shown exactly as in the source; each buyer statement in it is marked, with the anchor
``#s-<offset>`` (the statement id's offset) and its category, so ``transcripts/acme-cfo.html#s-1234`` opens at the
quote.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate

from markupsafe import Markup, escape

from .files import TRANSCRIPTS_DIR
from .records import SECTION_TITLES, Classification, Interview, Statement, Turn


def anchor(statement_id: str) -> str:
    """``acme-cfo@1234`` → ``s-1234``: the statement's place on its transcript page."""
    return f"s-{statement_id.rsplit('@', 1)[1]}"


def page_path(interview_id: str) -> str:
    """The page of an interview, relative to the output folder."""
    return f"{TRANSCRIPTS_DIR}/{interview_id}.html"


def turns_html(
    interview: Interview, statements: Iterable[Statement], classifications: dict[str, Classification]
) -> list[tuple[Turn, Markup]]:
    """Each turn with its text as HTML: escaped, with the buyer's statements in it marked and anchored."""
    ordered = sorted(statements, key=lambda s: s.start_char)
    # The furthest end so far, at each place in start order: every statement before the first place where it
    # passes a turn's start ends before the turn, so a turn looks only at its own statements (a 40,000-turn
    # transcript compared every turn with every statement, minutes for a 2.7 MB file).
    reach = list(accumulate((s.end_char for s in ordered), max))
    text = interview.text
    shown = []
    for turn in interview.turns:
        pieces: list[Markup] = []
        position = turn.start_char
        for index in range(bisect_right(reach, turn.start_char), len(ordered)):
            statement = ordered[index]
            if statement.start_char >= turn.end_char:
                break
            start, end = max(statement.start_char, position), min(statement.end_char, turn.end_char)
            if start >= end:
                continue
            category = classifications[statement.id].category
            pieces.append(escape(text[position:start]))
            title = SECTION_TITLES.get(category, "Other")
            pieces.append(
                Markup('<mark id="{}" class="{}" title="{}">').format(anchor(statement.id), category, title)
                + escape(text[start:end])
                + Markup("</mark>")
            )
            position = end
        pieces.append(escape(text[position : turn.end_char]))
        shown.append((turn, Markup("").join(pieces)))
    return shown
