"""A title corrected right after it is said ("I'm the assistant controller at Brennan. Well, sorry, acting
controller since March"; "..., but really I do procurement"): ``introductions`` reads the stated title with
``title_phrases``, then asks here whether the speaker took it back for another.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .job_words import names_a_field, title_cased
from .title_phrases import FILLER_WORD, GENERIC, only_seniority, title_after

# "I'm the assistant controller at Brennan. Well, sorry, acting controller since March": the speaker corrects the
# title they just gave.
_CORRECTION = re.compile(
    # a filler between two titles is a restart too: "the controller, uh, assistant controller"
    rf"[,.;]\s*(?:(?:(?:well|actually),?\s+)?(?:sorry|i\s+mean|or\s+rather|{FILLER_WORD}|no\s+wait|scratch\s+that"
    r"|correction|(?:or\s+)?i\s+should\s+say)[,\s]+|well,?\s+(?:actually,?\s+)?)"
    r"(?:(?:a|an|the)\s+)?",
    re.I,
)
# "I'm the treasurer, actually assistant treasurer": "actually" corrects only in the sentence of the title, close after
# it ("I'm the AP manager. Actually, the AP specialists do the coding" is about someone else).
# "..., actually I'm the acting CFO", "..., actually, no, I'm accounting manager now", "... - actually purchasing
# coordinator"
_ACTUALLY = re.compile(
    r"^[^.!?;]{0,60}?(?:,|\s[-–—])\s*actually,?\s+(?:no,?\s+)?(?:i'?m\s+|i\s+am\s+)?(?:(?:a|an|the)\s+)?", re.I
)


_CLAUSE_END = re.compile(r"[,.;:!?]")
_SENTENCE_ENDS = re.compile(r"[.!?]\s")
_TAKEN_BACK = re.compile(r"not\s+(?:(?:a|an|the)\s+)?[\w&/ -]{1,30}?,\s*(?:(?:a|an|the)\s+)?", re.I)
_RANK_NOW = re.compile(r"(?:(?:a|an|the)\s+)?[\w ]{1,30}?\s+now", re.I)
"""A rank said with "now" after a title: the title's rank changed ("..., well, director now")."""


def _with_rank(title: str, rank: str) -> str:
    """``title`` with its rank word replaced by ``rank`` ("IT Manager", "Director" → "IT Director"); ``rank`` alone
    when the title has none."""
    words = title.split()
    at = next((i for i in range(len(words) - 1, -1, -1) if words[i].lower() in GENERIC), None)
    return " ".join([*words[:at], rank, *words[at + 1 :]]) if at is not None and len(words) > 1 else rank


_AFTER_A_TITLE = frozenset({
    "at", "for", "in", "with", "on", "since", "here", "now", "too", "really", "officially", "technically", "of",
    "until", "over", "across", "within", "there", "these", "this", "currently",
})  # fmt: skip
"""Words that may follow a corrected title in its clause: where, for whom, since when ("acting controller since
March"); any other starts what someone does ("the CEO also weighs in")."""
# "officially I'm a business analyst, but really I do procurement": the job done, not the one on paper.
_REALLY = re.compile(
    r"^[^.?!]{0,60}?,?\s+but\s+(?:really|actually|in\s+practice|in\s+reality|day\s+to\s+day)[,\s]+"
    r"i\s+(?:do|run|handle|am|'m)\s+(?:the\s+|an?\s+|all\s+(?:the\s+)?)?(?P<field>[a-z][\w&/ -]{1,40}?)"
    r"(?=[,.;!?]|\s+(?:and|at|for|so|but|here)\b|$)",
    re.I,
)


_SCOPE_WORDS = frozenset({"whole", "entire", "side", "part", "bit", "lot", "show", "thing", "things", "rest"})


def corrected(rest: str, is_job_field: Callable[[str], bool]) -> str:
    """The title a correction right after a stated title gives ("..., sorry, acting controller"; "..., but really I
    do procurement" → "Procurement"), or ``""``."""
    really = _REALLY.search(rest)
    if really:
        words = really["field"].split()
        # "..., but really I run the whole inbound side": a scope of work, which names no other job; "..., but really
        # I run shrink for all 85 stores": work, not a job field ("shrink" is no job function's word).
        if title_after(really["field"]) or (
            names_a_field(words) and not _SCOPE_WORDS & {w.lower() for w in words} and is_job_field(really["field"])
        ):
            return title_after(really["field"]) or title_cased(" ".join(words))
    correction = _CORRECTION.search(rest) or _ACTUALLY.search(rest)
    if not correction or _SENTENCE_ENDS.search(rest, 0, correction.start()):
        return ""  # "I'm the shop manager for Coastline. So I have, um, nine technicians": a new sentence
    after = correction.end()
    taken_back = _TAKEN_BACK.match(rest, after)  # "Sorry, not head, payroll manager": the word taken back first
    after = taken_back.end() if taken_back else after
    clause = _CLAUSE_END.split(rest[after : after + 80], maxsplit=1)[0]
    title = title_after(clause)
    if title and only_seniority(title) and _RANK_NOW.fullmatch(clause.strip()):
        return _with_rank(title_after(rest[:80]), title)  # "the IT manager, well, director now" → IT Director
    # "..., sorry, acting controller since March": the clause is the title, where and since when. "I'm the CFO. Well,
    # the CEO also weighs in.", "..., I mean, the CTO signs the contracts": someone else's job, and what they do.
    last = title.split()[-1].lower() if title else ""
    words = [word.lower() for word in clause.split()]
    tail = words[max((i for i, w in enumerate(words) if w == last), default=len(words)) + 1 :]
    return title if title and not only_seniority(title) and (not tail or tail[0] in _AFTER_A_TITLE) else ""
