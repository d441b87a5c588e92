"""Speaker labels and time stamps at the start of a transcript line.

Recognised heads (the turn's text starts after them):

    Dana Whitfield: text       Interviewee1 : text        **Sam Rivera:** text     Dr. Jane O'Neil: text
    [00:01:02] Name: text      (01:02) Name: text         00:01:02 Name: text      Name (CFO): text
    Name (00:01:02): text      Name [00:01:02]: text      Name: (01:02) text
    Name (00:01:02)   Name  0:03   Name - 0:03   Name:   alone on a line: the text follows below
    [00:01:02] text            a bracketed time without a name: same speaker, new time
    00:01:02                   a time alone on a line (Google Meet puts these between turns)

A name is at most five words and 40 characters, with no sentence punctuation; its words are
capitalised (name particles such as "van" or "de" aside), or it is a role word such as ``interviewer``,
``interviewee 2`` or ``Q``. This keeps "so the thing is: ..." inside a turn from reading as a label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from voiceofbuyer.ingest.timestamps import TEXT_TIME, parse_time

MAX_NAME_WORDS = 5
MAX_NAME_CHARS = 40

_WORD = r"(?:[^\W\d_]{1,4}\.|[^\W\d_][\w'’\-]*)"  # "Dr.", "J.", "O'Neil", "Mary-Kate", "Interviewee1"
_NAME = rf"{_WORD}(?:[ \t]+(?:{_WORD}|\d{{1,3}}(?!\d|:\d)))*"  # "Speaker 2", but not the "00" of "00:01:02"
_SPEAKER_HEAD = re.compile(
    rf"""\s*
    (?:[\[(]?(?P<lead>{TEXT_TIME})[\])]?[ \t]*)?
    (?:\*\*)?
    (?P<name>{_NAME})
    (?:\s*\([^()\d]{{1,30}}\))?
    (?:\s*[-–|]?\s*[\[(]?(?P<trail>{TEXT_TIME})[\])]?)?
    \s*(?:\*\*)?\s*(?P<colon>:)?(?:\*\*)?
    (?:[ \t]*[\[(](?P<after>{TEXT_TIME})[\])])?
    """,
    re.VERBOSE,
)
# A bare time is taken only alone on its line: "10:30 is when we meet" is speech, not a stamp.
_TIME_HEAD = re.compile(rf"\s*(?:\[(?P<square>{TEXT_TIME})\]|\((?P<round>{TEXT_TIME})\)|(?P<bare>{TEXT_TIME})\s*$)")
_ROLE = re.compile(
    r"(?:interviewer|interviewee|moderator|participant|respondent|speaker|customer|host|guest|q|a)\s*\d*",
    re.IGNORECASE,
)
_PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "del", "della", "da", "di", "du", "la", "le", "al", "bin", "ten", "ter", "y"}
)


@dataclass(frozen=True)
class Head:
    """What starts a line: a speaker and/or a time; the line's text starts at ``body``."""

    speaker: str | None
    time: float | None
    body: int


def read_head(line: str) -> Head | None:
    """The label or time stamp at the start of ``line``, if any."""
    match = _SPEAKER_HEAD.match(line)
    if match and _is_name(match["name"]):
        stamp = match["lead"] or match["trail"] or match["after"]
        alone = not line[match.end() :].strip()
        if match["colon"] or (alone and stamp):
            return Head(" ".join(match["name"].split()), parse_time(stamp) if stamp else None, match.end())
    match = _TIME_HEAD.match(line)
    if match:
        return Head(None, parse_time(match["square"] or match["round"] or match["bare"]), match.end())
    return None


def _is_name(name: str) -> bool:
    words = name.split()
    if len(words) > MAX_NAME_WORDS or len(name) > MAX_NAME_CHARS:
        return False
    if _ROLE.fullmatch(name):
        return True
    return words[0][0].isupper() and all(word[0].isupper() or word[0].isdigit() or word in _PARTICLES for word in words)
