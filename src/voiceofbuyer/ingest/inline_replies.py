"""Interviews done by e-mail, answered inline: the interviewer's questions quoted with ">" under "On 12/05/2025,
Hannah Cole wrote:", each answered in the reply's own lines below it.

The quoted questions are the interviewer's, the reply's paragraphs after each question the interviewee's; what the
reply says above the quote ("Sorry for the slow reply, answers inline below.") and the quoted greeting and thanks
are no one's words in the interview. The reply's header names the interviewee ("From: Priya Nair <...>"), the
"wrote:" line the interviewer, and the reply's signature the interviewee's job and company.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from voiceofbuyer.ingest.mail import QUOTE_PREFIX, letter_end, signature
from voiceofbuyer.ingest.speaker_names import same_person
from voiceofbuyer.ingest.text_lines import TextLine
from voiceofbuyer.ingest.turns import Parsed, turn_at
from voiceofbuyer.ingest.unlabelled import INTERVIEWEE, INTERVIEWER
from voiceofbuyer.records import InterviewMeta, Turn

FEWEST_ANSWERED = 3
"""Fewest quoted questions answered inline before a reply is read as an interview."""

_WROTE = re.compile(r"[ \t]*(?:on\b.*?,[ \t]*)?(?P<name>[^,<>\n]+?)[ \t]*(?:<[^<>\n]*>)?[ \t]*wrote:[ \t]*", re.I)
_FROM = re.compile(r"[ \t]*from[ \t]*:[ \t]*(?P<name>[^<>\n]+?)[ \t]*(?:<[^<>\n]*>)?[ \t]*", re.I)
_ASKS = re.compile(r"\?[\"'”’)]*[ \t]*$")


def inline_replies(text: str, lines: Sequence[TextLine]) -> Parsed | None:
    """The turns of a reply answering quoted questions inline (``lines``: the file's non-blank lines, in order); None
    where fewer than ``FEWEST_ANSWERED`` quoted questions under a "wrote:" line are each followed by the reply's own
    words."""
    wrote = next((i for i, line in enumerate(lines) if _WROTE.fullmatch(line.text)), None)
    if wrote is None:
        return None
    body = list(lines[wrote + 1 :])
    closing = letter_end(body)
    signed, body = signature(body[closing:]), body[:closing]  # the replier's own sign-off after the last answer
    turns: list[Turn] = []
    answered = 0
    asked: Turn | None = None
    for quoted, run in _runs(body):
        if quoted:
            asked = _question(text, run)
            if asked is not None:
                turns.append(asked)
        elif asked is not None and (said := turn_at(text, run[0].start, run[-1].end, INTERVIEWEE, run[0].number)):
            turns.append(said)
            answered += 1
    if answered < FEWEST_ANSWERED:
        return None
    interviewer = _WROTE.fullmatch(lines[wrote].text)
    # the reply's header, the last above the quote (a forward's header comes first)
    replier = next((found for line in reversed(lines[:wrote]) if (found := _FROM.fullmatch(line.text))), None)
    meta = InterviewMeta(
        interviewee=replier["name"].strip(" \"'") if replier else "",
        interviewer=interviewer["name"].strip(" \"'") if interviewer else "",
    )
    if signed.interviewee and (not meta.interviewee or same_person(meta.interviewee, signed.interviewee)):
        meta = signed.merged(meta)  # the replier's signature gives their job and company
    return Parsed(text, tuple(turns), meta)


def _runs(lines: Sequence[TextLine]) -> list[tuple[bool, list[TextLine]]]:
    """The lines in runs of quoted lines and of the reply's own, each run of the reply's own cut at blank lines
    into paragraphs."""
    runs: list[tuple[bool, list[TextLine]]] = []
    for line in lines:
        quoted = QUOTE_PREFIX.match(line.text) is not None
        previous = runs[-1] if runs else None
        if previous and previous[0] == quoted and (quoted or line.number == previous[1][-1].number + 1):
            previous[1].append(line)
        else:
            runs.append((quoted, [line]))
    return runs


def _question(text: str, run: list[TextLine]) -> Turn | None:
    """The interviewer's question a quoted run ends with ("> 2. How do supplier invoices reach you today?", over
    one line or more), without the quote marks before its first line; None where the run asks nothing (a greeting,
    thanks)."""
    said = [line for line in run if line.text[QUOTE_PREFIX.match(line.text).end() :].strip()]  # type: ignore[union-attr]
    if not said or not _ASKS.search(said[-1].text):
        return None
    first = len(said) - 1
    while first > 0 and said[first - 1].number == said[first].number - 1 and not _ends(said[first - 1].text):
        first -= 1
    opening = said[first]
    start = opening.start + QUOTE_PREFIX.match(opening.text).end()  # type: ignore[union-attr]
    return turn_at(text, start, said[-1].end, INTERVIEWER, opening.number)


def _ends(line: str) -> bool:
    """Whether a quoted line ends a sentence or a paragraph of its own: the question starts after it."""
    return bool(re.search(r"[.!?:,][\"'”’)]*[ \t]*$", line))
