"""Where a statement's quote starts: after the discourse markers it opens with ("And, so we chase ..." → "We chase
...") and after a start the speaker gave up before a comma and said again ("It's, it's easy to ..." → "It's easy to
...")."""

from __future__ import annotations

import re

from .stutters import Removal
from .wording import NEW_CLAUSE, RESTARTED, UNFINISHED, frames_a_clause

# At most four words ending on one a clause does not end on (``UNFINISHED``), a comma, then a new clause: a start
# given up ("It's, it's easy", "We were quite, maybe we"). Not "These latencies are, can be caused" (no new subject)
# nor "Some projects were like, you know, proof of concept" (a filler, not a new start).
_BROKEN_OPENING = re.compile(r"(?:[\w'’]+ ){0,3}" + RESTARTED, re.I)
# Discourse markers a statement may open with; the quote starts after them ("And, so we chase..." → "We chase...").
# Without a comma, only before the start of a clause: "So far", "Well over half", "And then" mean what they say.
# "Oh", "I mean", "you know", "like", "right", "now" and "look" only with a comma: "Oh no", "I mean it", "You know
# the answer", "Like I told Sam", "Right now we", "Look at the backlog" are said, not filled.
_LEADING_MARKERS = re.compile(
    # "Well in excess of", "Well in advance of a workover", "well before the deadline": "well" says how much;
    # "Well one and well two share a separator": a well, numbered
    r"(?!well\s+(?:in\s+(?:excess|advance)|ahead|before|after|beyond|above|below|under|within|into|past|short"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|number|\d)\b)"
    # "But for that audit, we would never have found them": before what would (not) have been, "but for" is
    # "without", not a marker ("But for now I find ..." is one)
    r"(?!but\s+for\b[^.;?!]{0,80}?\b(?:would|could|wouldn['’]t|couldn['’]t|\w+['’]d)\b)"
    # "So that the night shift has the right slots, we print": "so that" says what for ("So that was it" goes)
    r"(?!so\s+that\s+(?:the|a|an|our|my|your|their|his|her|its|this|these|those|every|each|all|no|we|i|you|they|he"
    r"|she|it|everyone|everybody|nobody|people)\b)"
    r"(?:(?:and|so|but|well|yeah|yes|okay|ok|anyway)\b(?:[,.]|(?=\s+(?:i|i'm|i've|i'd|i'll|we|we're|we've|we'd|you"
    r"|you're|they|they're|he|she|it|it's|there|there's|this|that|that's|these|those|the|our|my|a|an|what|when|if"
    r"|basically|honestly|obviously|in|at|for|on|after|before|because|most|some|all|every|one|nobody|everyone)\b))"
    r"|(?:oh|i mean|you know|like|right|now|look)[,.]"
    # "Yeah predictability is a big one for me": a recogniser writes no comma after a "yeah" that answers (tester 43)
    r"|(?:yeah|yep|yup)\b(?=\s+[\w'’]))(?=\s)",
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
            if restart is not None and _gives_up(restart, source, end, removed):
                match, before_restart = restart, position
        if match is None:
            break
        position = match.end()
    position = _skip_removed_and_space(source, position, end, removed)
    # Keep what was skipped when too little would be left ("So what?", "So it was, like, bad.").
    if len(source[position:end].split()) >= 3:
        return position
    return start if before_restart is None else skip_leading_markers(source, start, end, removed, restarts=False)


def _gives_up(restart: re.Match[str], source: str, end: int, removed: list[Removal]) -> bool:
    """Whether an opening before a comma was broken off: it ends on a word no clause ends on, and leaving it out does
    not drop a doubt or denial ("I'm not sure the, we can trust it" is no "We can trust it"), nor a whole clause
    joined by "and", "but" or "so" ("Every roaster needs that, and most ERP tools ...", "I was all in, but the CFO
    wants a second quote", "We brought it in, and ...": "in" and "on" end a clause as particles, "It caught some,
    but ...": "some", "any", "more", "most" and "less" as pronouns)."""
    word = restart.group(1).lower()
    if word not in UNFINISHED or frames_a_clause(restart[0]):
        return False
    opening = restart[0].rstrip(", ").lower().replace("’", "'").split()
    if (
        _fronted(opening)
        or _NAMES_A_CLAUSE.fullmatch(" ".join(opening))
        or (opening[-2:] == ["and", "i"] and _WE_SAID_FIRST.match(source, restart.end(), end))
        or _aside_then_goes_on(source, restart, end, removed)
    ):
        return False
    # "We've tried that, it doesn't scale", "Other than that, it's all spreadsheets", "Some, they're the national
    # ones", "It caught some, but ...": a pronoun or a quantity ends its clause
    if word in _ENDS_AS_PRONOUN:
        return False
    # "Everyone's all in, it's just the budget", "brought Deloitte in, and"; but "it depends on, so the ..." and "we
    # were on, we ..." were given up
    if word in ("in", "on"):
        return len(opening) < 2 or opening[-2] in _WANTS_ITS_OBJECT
    # "That's how it was, we had no audit trail", "That's where we are, we're stuck": a clause a wh-word opens
    return not (word in ("is", "are", "was", "were", "be") and any(w in _WH_WORDS for w in opening[:-1]))


_ENDS_AS_PRONOUN = frozenset({"that", "this", "some", "any", "more", "most", "less"})
_WANTS_ITS_OBJECT = frozenset(
    {"is", "are", "was", "were", "be", "been", "depends", "depend", "based", "focused", "rely", "relies", "relied",
     "work", "works", "working", "worked", "spend", "spent", "spending"}
)  # fmt: skip
_WH_WORDS = frozenset({"how", "where", "what", "who", "when", "why", "which", "whatever", "wherever", "however"})


_SUBJECTS = frozenset({"i", "we", "you", "they", "he", "she"})
# Words that open a clause of their own, not a topic said first: "So we were on, we ..." and "If I look at, it's ..."
# were given up.
_CLAUSE_OPENERS = _SUBJECTS | {
    "and", "but", "so", "or", "then", "well", "yeah", "yes", "okay", "ok", "because", "if", "when", "since", "while",
    "although", "though", "unless", "once", "as", "before", "after", "until", "whether", "like", "now", "honestly",
    "basically", "actually", "also", "just", "maybe", "um", "uh", "it", "it's", "that's", "there's", "this", "that",
}  # fmt: skip
# The last word of a clause whose object was put first ("Dashboards I like,") or of a relative clause ("Everyone I
# work with,", "Who I answer to,"): the verb or the preposition whose object is the topic.
_STRANDED = frozenset({"like", "with", "on", "to", "for", "about", "of", "in"})
# A subject that the clause after the comma says what it is: "The problem is, we never know which version is
# current.", "The trigger was, we failed our audit", "Our KPI is, it's days to close" say what the problem, the
# trigger, the KPI is, and gave nothing up (whatever the noun: tester 9); not "The thing we were, we had no budget".
_NAMES_A_CLAUSE = re.compile(
    r"(?:the|my|our|their|his|her|your|its|one|another|a|an)(?:\s+(?!(?:i|we|you|they|he|she|it)\b)[\w'-]+){1,2}"
    r"\s+(?:is|was|are|were)"
)
# "The CFO and I, we sign off together", "Priya and I, we split the list": who "we" are, said first.
_WE_SAID_FIRST = re.compile(r"\s*we\b", re.I)
# An aside closed by a second comma, the sentence going on after it: "We're spending about, I'd say, forty grand",
# "The approvals are, we think, the slowest step", "Some, but not all, of our suppliers", "I'm responsible for, and
# this is the big one, the whole process". Only such asides: "It's always like, it's always a bit of a surprise, like,
# you ..." starts again after its comma.
_ASIDE = re.compile(
    r"(?:(?:i|we|you|they|he|she)(?:['’]d|['’]ll|\s+would|\s+will|\s+(?:don['’]t|do\s+not))?\s+(?:say|think|guess|believe"
    r"|suppose|reckon|imagine|expect|bet|suspect|feel|figure|hope|know|estimate|understand|gather|dunno)"
    r"|let['’]s\s+say|say|(?:and|but|or)(?:\s+[\w'’]+){1,5}|not\s+(?:all|always|many|much|every\w*)|at\s+(?:least|most|best)"
    r"|give\s+or\s+take|more\s+or\s+less|if\s+anything|of\s+course|roughly|honestly|frankly),",
    re.I,
)
_NEW_CLAUSE = re.compile(NEW_CLAUSE, re.I)


def _fronted(opening: list[str]) -> bool:
    """Whether the words before the comma are a topic said first and a clause about it ("Dashboards I like,", "Suppliers
    we rely on,"), not a start given up: a subject inside, after a first word that opens no clause, and a last word
    whose object is that topic."""
    return (
        len(opening) >= 3
        and opening[0] not in _CLAUSE_OPENERS
        and any(word in _SUBJECTS for word in opening[1:-1])
        and opening[-1] in _STRANDED
    )


def _aside_then_goes_on(source: str, restart: re.Match[str], end: int, removed: list[Removal]) -> bool:
    """Whether the comma opens an aside closed by a second comma (``_ASIDE``), after which the sentence goes on where
    it left off, not with a new clause ("about, I'd say, forty grand" was said whole; "It depends on, I think, we
    should ..." started again)."""
    aside = _ASIDE.match(source, restart.end(), end)
    if aside is None or aside[0].split()[-1].lower().rstrip(",") in UNFINISHED:
        return False  # "but the," is no aside
    after = _skip_removed_and_space(source, aside.end(), end, removed)  # past a filler: "I think, um, we ..."
    return after < end and not _NEW_CLAUSE.match(source, after, end)


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
