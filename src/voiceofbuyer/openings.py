"""Where a statement's quote starts: after the discourse markers it opens with ("And, so we chase ..." → "We chase
...") and after a start the speaker gave up before a comma and said again ("It's, it's easy to ..." → "It's easy to
...")."""

from __future__ import annotations

import re

from .stutters import Removal
from .wording import RESTARTED, UNFINISHED, frames_a_clause

# At most four words ending on one a clause does not end on (``UNFINISHED``), a comma, then a new clause: a start
# given up ("It's, it's easy", "We were quite, maybe we"). Not "These latencies are, can be caused" (no new subject)
# nor "Some projects were like, you know, proof of concept" (a filler, not a new start).
_BROKEN_OPENING = re.compile(r"(?:[\w'’]+ ){0,3}" + RESTARTED, re.I)
# Discourse markers a statement may open with; the quote starts after them ("And, so we chase..." → "We chase...").
# Without a comma, only before the start of a clause: "So far", "Well over half", "And then" mean what they say.
# "Oh", "I mean", "you know", "like", "right", "now" and "look" only with a comma: "Oh no", "I mean it", "You know
# the answer", "Like I told Sam", "Right now we", "Look at the backlog" are said, not filled.
_LEADING_MARKERS = re.compile(
    # "Well in excess of", "well before the deadline": "well" says how much
    r"(?!well\s+(?:in\s+excess|before|after|beyond|above|below)\b)"
    r"(?:(?:and|so|but|well|yeah|yes|okay|ok|anyway)\b(?:[,.]|(?=\s+(?:i|i'm|i've|i'd|i'll|we|we're|we've|we'd|you"
    r"|you're|they|they're|he|she|it|it's|there|there's|this|that|that's|these|those|the|our|my|a|an|what|when|if"
    r"|basically|honestly|obviously|in|at|for|on|after|before|because|most|some|all|every|one|nobody|everyone)\b))"
    r"|(?:oh|i mean|you know|like|right|now|look)[,.])(?=\s)",
    re.I,
)


def skip_leading_markers(source: str, start: int, end: int, removed: list[Removal], restarts: bool = True) -> int:
    """Where the statement starts once opening discourse markers (and fillers between them) are left out, and a
    clause broken off before a comma and said again ("It's, it's easy to ...", "We were quite, maybe we ...")."""
    position, before_restart = start, None
    while True:
        position = _skip_removed_and_space(source, position, end, removed)
        match = _LEADING_MARKERS.match(source, position, end)
        if match is None and restarts and before_restart is None:
            restart = _BROKEN_OPENING.match(source, position, end)
            # Never a start that denies or doubts what follows: "I'm not sure the, we can trust it" is no "We can".
            if restart is not None and _gives_up(restart, source, end):
                match, before_restart = restart, position
        if match is None:
            break
        position = match.end()
    position = _skip_removed_and_space(source, position, end, removed)
    # Keep what was skipped when too little would be left ("So what?", "So it was, like, bad.").
    if len(source[position:end].split()) >= 3:
        return position
    return start if before_restart is None else skip_leading_markers(source, start, end, removed, restarts=False)


def _gives_up(restart: re.Match[str], source: str, end: int) -> bool:
    """Whether an opening before a comma was broken off: it ends on a word no clause ends on, and leaving it out does
    not drop a doubt or denial ("I'm not sure the, we can trust it" is no "We can trust it"), nor a whole clause
    joined by "and", "but" or "so" ("Every roaster needs that, and most ERP tools ...", "I was all in, but the CFO
    wants a second quote", "We brought it in, and ...": "in" and "on" end a clause as particles)."""
    word = restart.group(1).lower()
    if word not in UNFINISHED or frames_a_clause(restart[0]):
        return False
    # "all in, but", "brought it in, and"; but "it depends on, so the ..." was given up
    joiners = r"and|but" if word in ("in", "on") else r"and|but|so"
    joined = re.match(rf"(?:{joiners})\b", source[restart.end() : end], re.I) is not None
    return not (word in ("that", "this", "in", "on") and joined)


def _skip_removed_and_space(source: str, position: int, end: int, removed: list[Removal]) -> int:
    moved = True
    while moved and position < end:
        moved = False
        while position < end and source[position].isspace():
            position, moved = position + 1, True
        for cut_start, cut_end, _ in removed:
            if cut_start <= position < cut_end:
                position, moved = cut_end, True
    return position
