"""Written interview notes in question-and-answer form: the interviewer's questions as headings or ``Q:`` lines, or,
in a file without a single label, as paragraphs of their own that end in "?"; the answers as paragraphs or bullets
under them. Each question is the interviewer's turn, each answer paragraph or bullet the interviewee's (named from
the metadata or an attendee line), or, in a group's notes, the one each answer names ("- **Kim:** ..."); a writer's
note among them ("Notes: ...", "*aside*") is no one's."""

from __future__ import annotations

import re
from collections.abc import Callable

from voiceofbuyer.ingest.interviewer_talk import asks_or_acknowledges, interviewer_remark, is_prompt
from voiceofbuyer.ingest.labels import read_head
from voiceofbuyer.ingest.speaker_vote import metadata_label
from voiceofbuyer.ingest.text_lines import ASIDE, HEADING, LABEL_LINE, RULE, TextLine, indent
from voiceofbuyer.ingest.tool_lines import is_tool_line
from voiceofbuyer.ingest.turns import turn_at
from voiceofbuyer.records import InterviewMeta, Turn

# A live log's time of day before a line ("10:05  Q: How do you build the staff schedule?")
_LOG_TIME = r"(?:\[?\d{1,2}:\d{2}(?::\d{2})?\]?[ \t]+)"
_QUESTION_LINE = re.compile(
    _LOG_TIME + r"?[ \t]*(?:\*\*)?(?:q|question)(?:[ \t]*\d{1,3})?[ \t]*[:.](?:\*\*)?[ \t]*(?=\S)", re.I
)
_QUOTED = re.compile(r"^[ \t]*(?:>[ \t]*)+")
# An answer's bullet or number, and the quote marks of answers written as Markdown quotes ("> Four of us in Bergen.")
_BULLET = re.compile(r"[ \t]*(?:>[ \t]*)*(?:(?:[-*•+]|\d{1,3}[.)])[ \t]+)?")
# In a log where most lines open with the time, an answer's time is no word of it (elsewhere "9:30 every morning" is)
_TIMED_BULLET = re.compile(r"[ \t]*" + _LOG_TIME + "?" + _BULLET.pattern)
_TIMED_LINE = re.compile(r"[ \t]*" + _LOG_TIME)
_ASIDE_OPEN = re.compile(r"[ \t]*<aside\b", re.I)
_ASIDE_CLOSE = re.compile(r"</aside>", re.I)
# "[She shared her screen here and showed me the overtime" / "tracker. It's a spreadsheet with forty tabs.]": the
# writer's aside in brackets over a paragraph's lines
_BRACKET_OPEN = re.compile(r"[ \t]*\[[^\]]*$")
_BRACKET_CLOSE = re.compile(r"\][ \t]*$")
INTERVIEWER = "Interviewer"
INTERVIEWEE = "Interviewee"


def questions_of(lines: list[TextLine], speakers: set[str]) -> Callable[[TextLine], int | None] | None:
    """How an interviewer's questions are written in notes without other speaker labels: as headings or ``Q:`` lines
    (``_question``), or, in a file with no label at all, as paragraphs of their own that end in "?" alternating with
    the answers (``_bare_question``: at least three, a third of the lines or more); None: no such notes.
    ``speakers``: the speaker labels the lines open with."""
    # "[Okay.]": a transcriber's way of writing the interviewer's words, in square brackets, no label
    bracketed = [line for line in lines if _BRACKETED.fullmatch(line.text)]
    in_brackets = {line.head.speaker for line in bracketed if line.head}
    asked = sum(1 for line in bracketed if line.text.rstrip().endswith("?]"))
    if len(bracketed) >= 3 and asked >= 2 and not speakers - in_brackets and len(bracketed) < len(lines):
        return _bracketed
    others = {s for s in speakers if not re.fullmatch(r"q|question|a|answer", s, re.I)}
    if others or any(re.fullmatch(r"a|answer", s, re.I) for s in speakers):
        return None
    if sum(1 for line in lines if _question(line) is not None) >= 2:
        # Questions in bold on lines of their own: a bold sentence between them asks too ("**The budget side of
        # things.**"), where a bold title without a full stop stays a heading ("**Key takeaways**")
        bold = [line for line in lines if _BOLD_LINE.fullmatch(line.text)]
        asked = sum(1 for line in bold if line.text.rstrip().rstrip("*").rstrip().endswith("?"))
        return _question_or_bold_prompt if asked >= 2 and asked * 2 >= len(bold) else _question
    bare = sum(1 for line in lines if _bare_question(line) is not None)
    # a writer's italic notes and the headings of a guide's sections ask nothing and answer nothing
    said = [line for line in lines if not ASIDE.fullmatch(line.text) and not HEADING.match(line.text)]
    return _bare_interviewer_line if not speakers and bare >= 3 and bare * 3 >= len(said) else None


def reads_bare_questions(question_at: Callable[[TextLine], int | None]) -> bool:
    """Whether ``questions_of`` found questions on lines of their own in a file with no label at all: who asks is
    read from the words, a guess, as in a recogniser's text that names no one (tester 52: a Whisper ``.txt`` whose
    lines pair up as question and answer was read as certain)."""
    return question_at is _bare_interviewer_line


def _note(line: str) -> bool:
    """A writer's note among written answers: an aside in italics, or a line (quoted with ">" too) under a notes
    or metadata label ("Notes: ...", "> Interviewer aside: ...")."""
    label = LABEL_LINE.match(_unquoted(line))
    aside = ASIDE.fullmatch(line[_BULLET.match(line).end() :])  # also quoted or a list's item: "- *Both laughed.*"
    return bool(aside or (label and metadata_label(label["label"])))


def _unquoted(line: str) -> str:
    return _QUOTED.sub("", line, count=1)


# "- **How do you qualify a new supplier today?**": a question in bold as a list's item (Notion's toggles), the
# answer indented under it; "_Asked how invoices arrive._": the writer's prompt, paraphrased in italics.
_BOLD_ITEM_QUESTION = re.compile(r"[ \t]*(?:[-*•+][ \t]+)?\*\*(?=[^*\n]+\?[ \t]*\*\*[ \t]*$)")
# (not a guide's "*Probe: Price, integration?*", the moderator's note beside a question of its own)
_ITALIC_PROMPT = re.compile(r"[ \t]*[_*](?=(?:(?:i|we)\s+)?(?:asked|prompted)\b[^_*\n]*[_*][ \t]*$)", re.I)


def _question(line: TextLine) -> int | None:
    """Where the question's text starts, when ``line`` is an interviewer's question in written notes."""
    heading = HEADING.match(line.text)
    if heading and heading["text"].rstrip("*").rstrip().endswith("?"):
        return heading.start("text")
    match = _QUESTION_LINE.match(line.text) or _BOLD_ITEM_QUESTION.match(line.text) or _ITALIC_PROMPT.match(line.text)
    return match.end() if match else None


_BOLD_LINE = re.compile(r"[ \t]*\*\*[^*\n]+\*\*[ \t]*")
_BOLD_PROMPT = re.compile(r"[ \t]*\*\*(?=[^*\n]*[.?]\*\*[ \t]*$)")


def _question_or_bold_prompt(line: TextLine) -> int | None:
    """``_question``, or a sentence in bold on its line, among questions so written."""
    asked = _question(line)
    prompt = _BOLD_PROMPT.match(line.text) if asked is None else None
    return prompt.end() if prompt else asked


_BRACKETED = re.compile(r"[ \t]*\[[^\[\]\n]+\][ \t]*")


def _bracketed(line: TextLine) -> int | None:
    """Where the interviewer's words start on a line wholly in square brackets."""
    return indent(line.text) + 1 if _BRACKETED.fullmatch(line.text) else None


_BARE_QUESTION_WORDS = 40
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _bare_question(line: TextLine) -> int | None:
    """Where the question starts when ``line`` is a question or a prompt on a paragraph of its own, as a researcher
    types an interview without labels ("Thanks for doing this, Karen. Can you start by telling me what you look
    after?", "Walk me through what happened."); else None."""
    words, said = line.text.split(), line.text.strip()
    # The prompt may follow a word of thanks: "Thanks for doing this, Ruth. Tell me about the last audit."
    prompt = is_prompt(_SENTENCE_END.split(said)[-1])
    asks = (said.endswith("?") or prompt) and len(words) <= _BARE_QUESTION_WORDS
    asks = asks and said[:1].isupper()
    return indent(line.text) if asks and not HEADING.match(line.text) else None


def _bare_interviewer_line(line: TextLine) -> int | None:
    """Where the interviewer's words start, when ``line`` is a question or a prompt on a paragraph of its own
    (``_bare_question``), or a remark of theirs without a question: "That's a big number.", "You mentioned before we
    started that the technicians complain about the app." (``interviewer_talk.interviewer_remark``), or what the
    research is for and what the participant gets after ("We're interviewing controllers at around fifteen
    manufacturers ...", "I'll send over the summary and the gift voucher ...": tester 52); else None."""
    asked = _bare_question(line)
    remark = interviewer_remark(line.text) or asks_or_acknowledges(line.text)
    if asked is None and remark and not HEADING.match(line.text):
        return indent(line.text)
    return asked


_ASKING_BACK_WORDS = 12
"""Words of a question between two questions that make it an answer asking back."""
_STATEMENT_WORDS = 6
"""Words said, in sentences that ask nothing, before the question of an answer that asks back."""


def _says_before_asking(text: str) -> bool:
    """Whether ``text`` says something before it asks: ``_STATEMENT_WORDS`` words or more, in sentences that are no
    questions, ahead of the last ("Opex." is a reply on the way to the next question)."""
    said = [s for s in _SENTENCE_END.split(text.strip())[:-1] if not s.rstrip().endswith("?")]
    return sum(len(s.split()) for s in said) >= _STATEMENT_WORDS


_OPENING_QUESTION_WORDS = 15
"""Words at most of a question typed at the head of its answer's paragraph."""


def _asked_then_answered(paragraph: str) -> int:
    """Where the answer starts when a paragraph opens with a short question and goes on to answer it ("What goes
    wrong with that? Mis-picks, mostly."); 0 when it does not."""
    question = re.match(r"\s*[^.!?]+\?\s+(?=\S)", paragraph)
    if (
        question is None
        or len(question.group().split()) > _OPENING_QUESTION_WORDS
        or not asks_or_acknowledges(question.group())
    ):
        return 0
    return question.end()


def question_and_answer_turns(
    text: str, lines: list[TextLine], meta: InterviewMeta, question_at: Callable[[TextLine], int | None]
) -> list[Turn]:
    interviewer = meta.interviewer or INTERVIEWER
    interviewee = meta.interviewee or INTERVIEWEE
    turns: list[Turn] = []
    asked = False
    after_question = False  # the line before was a question (an aside or a note in between is an answer's place)
    asks = [question_at(line) for line in lines]
    timed = sum(1 for line in lines if _TIMED_LINE.match(line.text)) * 2 >= len(lines)
    bullet = _TIMED_BULLET if timed else _BULLET
    in_aside = in_brackets = False
    for index, line in enumerate(lines):
        question = asks[index]
        # "Mostly email, and it's a nightmare. Who wants to chase people?" right after a question, in notes without
        # labels: the answer, asking back; a researcher's next question follows an answer ("Opex. Who signs off?").
        # A long question between two others ("Have you tried making receipts mandatory?" / "Have you ever tried
        # getting a regional sales manager to photograph a receipt from a client dinner three weeks ago?" / "What
        # happens then?") is the answer too; a short one is the interviewer's next ("And who checks them?").
        asked_next = (
            index + 1 < len(lines) and asks[index + 1] is not None and len(line.text.split()) >= _ASKING_BACK_WORDS
        )
        if (
            question is not None
            and question_at is _bare_interviewer_line
            and after_question
            and _bare_question(line) is not None  # a remark ("We're interviewing controllers at ...") asks nothing
            and (asked_next or _says_before_asking(line.text))
        ):
            question = None
        answered_before = not after_question  # the line before was an answer (or nothing yet)
        after_question = question is not None
        if _ASIDE_OPEN.match(line.text) or in_aside:  # Notion's <aside> block: the writer's note, to </aside>
            in_aside = not _ASIDE_CLOSE.search(line.text)
            continue
        in_brackets = in_brackets and line.number == lines[index - 1].number + 1  # closed by the paragraph's end
        if _BRACKET_OPEN.match(line.text) or in_brackets:
            in_brackets = not _BRACKET_CLOSE.search(line.text)
            continue
        if question is not None:
            start, end = line.start + question, line.end
            kept = line.text.rstrip().rstrip("]" if question_at is _bracketed else "*_")
            turn = turn_at(text, start, end - len(line.text) + len(kept), interviewer,
                           line.number)  # fmt: skip
            asked = True
        elif not asked or HEADING.match(line.text) or RULE.match(line.text) or is_tool_line(line.text):
            asked = asked and not HEADING.match(line.text)
            continue
        elif _note(line.text):
            # The writer's own note ("Notes: I think Sam is a champion", "> Interviewer aside: ...", "*aside*"):
            # never the interviewee's answer; a label alone ("Notes:") heads notes up to the next question.
            label = LABEL_LINE.match(_unquoted(line.text))
            asked = asked and not (label and not label["value"].strip())
            continue
        else:
            at = line.start + bullet.match(line.text).end()
            # "- **Kim:** I'm the accounts receivable manager.": in a group's notes, each answer under its name
            head = read_head(text[at : line.end]) if text.startswith("**", at) else None
            named = head is not None and head.speaker is not None and not metadata_label(head.speaker)
            speaker, at = (head.speaker, at + head.body) if named else (interviewee, at)  # type: ignore[union-attr]
            opening = _asked_then_answered(text[at : line.end]) if question_at is _bare_interviewer_line else 0
            if opening and answered_before and not named:
                # "What goes wrong with that? Mis-picks, mostly. ...": after an answer, the next question and its
                # answer typed as one paragraph (tester 54: Apple's transcript of a visit)
                asking = turn_at(text, at, at + opening, interviewer, line.number)
                if asking:
                    turns.append(asking)
                at += opening
            turn = turn_at(text, at, line.end, speaker, line.number)
        if turn:
            turns.append(turn)
    return turns
