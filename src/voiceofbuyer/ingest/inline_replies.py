"""Interviews done by e-mail, answered inline: the interviewer's questions quoted with ">" under "On 12/05/2025,
Hannah Cole wrote:", each answered in the reply's own lines below it; or, as Outlook replies, the original message
below a rule ("________________") and its header, each answer typed under its question and opened by the replier's
initials ("[SM] Excel, fed from an export of last year's sales.").

The quoted questions are the interviewer's, the reply's paragraphs after each question the interviewee's; what the
reply says above the quote ("Sorry for the slow reply, answers inline below.") and the quoted greeting and thanks
are no one's words in the interview. The reply's header names the interviewee ("From: Priya Nair <...>"), the
"wrote:" line the interviewer, and the reply's signature (under the last answer, or above the quote) the
interviewee's job and company.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from voiceofbuyer.ingest.interviewer_talk import is_prompt
from voiceofbuyer.ingest.mail import QUOTE_PREFIX, header_fields, letter_end, signature
from voiceofbuyer.ingest.speaker_names import given_name_first, same_person
from voiceofbuyer.ingest.text_lines import TextLine
from voiceofbuyer.ingest.turns import Parsed, turn_at
from voiceofbuyer.ingest.unlabelled import INTERVIEWEE, INTERVIEWER, LIST_NUMBER
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
    wrote, asker = _wrote_line(lines)
    if wrote is None:
        return None
    body = list(lines[wrote + 1 :])
    closing = letter_end(body)
    signed, body = signature(body[closing:]), body[:closing]  # the replier's own sign-off after the last answer
    if not signed.interviewee:  # or the sign-off above the quote, as Gmail and Outlook place it
        note = [line for line in lines[:wrote] if not _ON.match(line.text)]
        signed = signature(note[letter_end(note) :])
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
    # the reply's header, the last above the quote (a forward's header comes first)
    meta = InterviewMeta(interviewee=_sender(lines[wrote::-1]), interviewer=asker)
    if signed.interviewee and (not meta.interviewee or same_person(meta.interviewee, signed.interviewee)):
        meta = signed.merged(meta)  # the replier's signature gives their job and company
    return Parsed(text, tuple(turns), meta)


_WROTE_ALONE = re.compile(r"[ \t]*wrote:[ \t]*", re.I)
_ON = re.compile(r"[ \t]*on\b[ \t]*", re.I)
# what comes before the writer's name: a date and a time ("Tue, Mar 4, 2025 at 10:12 AM"), up to a comma or the time
_WHEN = re.compile(r".*(?:\d{1,2}:\d{2}(?:[ \t]*[ap]\.?m\.?\b)?|,)[ \t]*", re.I)


def _wrote_line(lines: Sequence[TextLine]) -> tuple[int | None, str]:
    """The index of the line that introduces the quoted message ("On 12/05/2025 16:02, Hannah Cole <...> wrote:",
    which Gmail may wrap before "wrote:") and the writer it names; (None, "") where there is none."""
    for index, line in enumerate(lines):
        said = line.text if _WROTE.fullmatch(line.text) else ""
        wrapped = index and _WROTE_ALONE.fullmatch(line.text) and _ON.match(lines[index - 1].text)
        if wrapped and lines[index - 1].number == line.number - 1:
            said = f"{lines[index - 1].text} {line.text}"
        if said:
            head = said.split("<")[0] if "<" in said else said.rsplit("wrote:", 1)[0]
            on = _ON.match(head)
            head = head[on.end() :] if on else head
            when = _WHEN.match(head)
            return index, (head[when.end() :] if when else head).strip(" \t\"',")
    return None, ""


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


def _question(text: str, run: list[TextLine], quote: re.Pattern[str] = QUOTE_PREFIX) -> Turn | None:
    """The interviewer's question a run of the original message ends with ("> 2. How do supplier invoices reach you
    today?", over one line or more), without the ``quote`` marks before its first line; None where the run asks
    nothing (a greeting, thanks)."""
    said = [line for line in run if line.text[_prefix(quote, line) :].strip()]
    if not said:
        return None
    first = len(said) - 1
    while first > 0 and said[first - 1].number == said[first].number - 1 and not _ends(said[first - 1].text):
        first -= 1
    opening = said[first]
    asked = " ".join(line.text[_prefix(quote, line) :].strip() for line in said[first:])
    # "3. How do you roll out patches? Please describe both.", "2. Tell us about the last time ...": asked too
    if not (_ASKS.search(said[-1].text) or "?" in asked or is_prompt(LIST_NUMBER.sub("", asked, count=1))):
        return None
    return turn_at(text, opening.start + _prefix(quote, opening), said[-1].end, INTERVIEWER, opening.number)


def _prefix(quote: re.Pattern[str], line: TextLine) -> int:
    mark = quote.match(line.text)
    return mark.end() if mark else 0


def _ends(line: str) -> bool:
    """Whether a quoted line ends a sentence or a paragraph of its own: the question starts after it."""
    return bool(re.search(r"[.!?:,][\"'”’)]*[ \t]*$", line))


_RULE = re.compile(r"[ \t]*(?:_{8,}|-{2,}[ \t]*original[ \t]+message[ \t]*-{2,})[ \t]*", re.I)
# What opens each typed answer: the replier's initials ("[SM]", "(SM)", "SM:") or an arrow ("->", "=>")
_ANSWER_MARK = re.compile(r"[ \t]*(?:[\[(](?P<initials>[A-Z]{2,3})[\])]|(?P<label>[A-Z]{2,3}):|-+>|=>)[ \t]*")
_UNQUOTED = re.compile(r"")


def _key(found: re.Match[str] | None) -> str:
    """The answer mark ``_ANSWER_MARK`` found ("SM" for "[SM]" and "SM:", "->"), or "" where it found none."""
    return (found["initials"] or found["label"] or "->") if found else ""


def _original(lines: Sequence[TextLine]) -> int | None:
    """Where the original message's header starts below the reply: after Outlook's rule ("________________",
    "-----Original Message-----"), or at the first header after the reply's own; None where there is none."""
    top = header_fields(lines, 0)
    for index in range(top, len(lines)):
        if _RULE.fullmatch(lines[index].text) and header_fields(lines, index + 1):
            return index + 1
        if index > top and header_fields(lines, index):
            return index
    return None


def marked_replies(text: str, lines: Sequence[TextLine]) -> Parsed | None:
    """The turns of a reply typed into the original message (``lines``: the file's non-blank lines, in order): below
    the original's header (after Outlook's rule, or without one), each paragraph opened by the same mark, the
    replier's initials ("[SM]", "SM:") or an arrow ("->"), answers the question above it; None where fewer than
    ``FEWEST_ANSWERED`` questions are answered so. The reply's header names the interviewee (a directory's "Okafor,
    Kenji" as "Kenji Okafor"), its note's signature their title and company, the original's header the interviewer;
    the reply's note and the original's greeting and thanks are no one's words."""
    original = _original(lines)
    if original is None:
        return None
    header = lines[original : original + header_fields(lines, original)]
    body = lines[original + len(header) :]
    marks = Counter(mark for line in body if (mark := _key(_ANSWER_MARK.match(line.text))))
    ranked = marks.most_common(2)
    # two marks said twice or more: a transcript labelled with initials ("SM:", "JT:") forwarded, not answers typed in
    if not ranked or ranked[0][1] < FEWEST_ANSWERED or (len(ranked) > 1 and ranked[1][1] > 1):
        return None
    initials = ranked[0][0]
    turns: list[Turn] = []
    unmarked: list[TextLine] = []
    asked: Turn | None = None
    answered = index = 0
    while index < len(body):
        mark = _ANSWER_MARK.match(body[index].text)
        if _key(mark) != initials:
            unmarked.append(body[index])
            index += 1
            continue
        end = index  # the answer's paragraph: the marked line and the lines right under it
        while end + 1 < len(body) and body[end + 1].number == body[end].number + 1:
            end += 1
        if (question := _question(text, unmarked, _UNQUOTED)) is not None:
            asked = question
            turns.append(question)
        said = turn_at(text, body[index].start + mark.end(), body[end].end, INTERVIEWEE, body[index].number)
        if asked is not None and said is not None:
            turns.append(said)
            answered += 1
        unmarked, index = [], end + 1
    if answered < FEWEST_ANSWERED:
        return None
    reply = header_fields(lines, 0)
    meta = InterviewMeta(interviewee=_sender(lines[:reply]), interviewer=_sender(header))
    signed = signature(lines[reply:original])  # "Marcus Bell | Director of Revenue Cycle | ..." above the original
    if signed.interviewee and same_person(meta.interviewee, signed.interviewee):
        meta = signed.merged(meta)
    return Parsed(text, tuple(turns), meta)


_MAILTO = re.compile(r"[ \t]*\[mailto:[^\]]*\]")


def _sender(header: Sequence[TextLine]) -> str:
    """The name a mail header's "From:" gives, first name first ("Okafor, Kenji" → "Kenji Okafor"); "" where none."""
    found = next((found for line in header if (found := _FROM.fullmatch(_MAILTO.sub("", line.text)))), None)
    return given_name_first(found["name"].strip(" \"'")) if found else ""
