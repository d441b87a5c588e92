"""Plain-text and Markdown transcripts (also the text of Word documents).

A turn starts at any line that begins with a speaker label (see labels.py) and runs over the following lines
until the next label, so continuation lines and blank lines stay in the turn: its span goes from its first to
its last non-space character and may contain newlines. A turn's line is the line of its label.

What is never speech, so no span includes it:
- lines before the first speaker label (titles, dates, attendee lists): header lines such as
  ``Attendees: ...``, ``**Interviewee:** Name, Title at Company`` or ``Adopter: ...`` become metadata;
- headings and rules (``# Dialog 12``, ``---``), metadata labels (``Date: ...``, ``**Transcript ID:** x``) and
  lines the recording tool wrote (tool_lines.py): each ends the current turn, and text after it belongs to no
  one until the next speaker label;
- a PDF page's number, header and footer (page_lines.py): the turn it falls in goes on after it, as a new turn of
  the same speaker;
- notes sections (a heading or label such as "Summary", "Action items", "Notes"): everything up to the next
  speaker label with a time stamp or a "Transcript" heading. Notes paraphrase the buyer; they are not quotes.

A time stamp alone on a line ends the current turn; text after it continues with the same speaker as a new turn, and
every turn under it without a time of its own starts at it (Google Meet stamps its transcript every five minutes).

Written interview notes in question-and-answer form (questions as headings or ``Q:`` lines, answers as
paragraphs or bullets under them, no other speaker labels) are read as turns too: each question is the
interviewer's, each answer paragraph or bullet the interviewee's (``written_notes``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from voiceofbuyer.ingest import mail
from voiceofbuyer.ingest.chevrons import chevron_turns, stamped_pieces
from voiceofbuyer.ingest.decode import decode, require_content
from voiceofbuyer.ingest.header_lines import header_entries_as_text, header_lines, person_line
from voiceofbuyer.ingest.headings import named_by_heading
from voiceofbuyer.ingest.inline_replies import inline_replies, marked_replies
from voiceofbuyer.ingest.labels import looks_like_name, read_head
from voiceofbuyer.ingest.legend import label_marks_metadata
from voiceofbuyer.ingest.metadata import (
    header_metadata,
    split_front_matter,
)
from voiceofbuyer.ingest.name_lines import name_lines
from voiceofbuyer.ingest.not_transcripts import refuse_agenda, refuse_chat_log
from voiceofbuyer.ingest.one_side import other_side_unlabelled
from voiceofbuyer.ingest.page_lines import page_furniture, without_line_numbers
from voiceofbuyer.ingest.quoted_words import declares_quoted_words, quoted_lines
from voiceofbuyer.ingest.run_together import split_run_together
from voiceofbuyer.ingest.speaker_names import is_placeholder
from voiceofbuyer.ingest.speaker_vote import SpeakerVote, metadata_label, section_kind
from voiceofbuyer.ingest.task_prompts import task_prompt_turns
from voiceofbuyer.ingest.text_lines import ASIDE, HEADING, LABEL_LINE, RULE, TextLine, indent
from voiceofbuyer.ingest.timestamps import TEXT_TIME, parse_time
from voiceofbuyer.ingest.tool_lines import is_tool_line
from voiceofbuyer.ingest.turns import Parsed, line_spans, require_turns, strip_span, turn_at
from voiceofbuyer.ingest.unlabelled import (
    INTERVIEWEE,
    guessed,
    line_segment,
    one_voice_read_by_questions,
    paragraph_segments,
    question_turns,
)
from voiceofbuyer.ingest.voice_memo import voice_memo
from voiceofbuyer.ingest.written_notes import question_and_answer_turns, questions_of, reads_bare_questions
from voiceofbuyer.records import InterviewMeta, Turn

_INLINE_TOOL = re.compile(r"[ \t]*[A-Z][A-Z ]{2,30}:.*?\s-\s(?:WATCH|VIEW|PLAY)\s*:\s*<?https?://\S+>?[ \t]*")
_SUMMARY_LINE = re.compile(r"\s*(?:meeting\s+summary|summary\s+of|ai\s+summary|notes\s+by)\b", re.I)
TYPED_LINES = 4
"""Most lines a paragraph of typed notes has on average (wrapped at 72 columns); a recogniser's .txt has no blank
lines, or one where two recordings were joined."""
EXPECTED = "lines like 'Name: text' or '[00:01:02] Name: text'"


def read_text(data: bytes, source: str) -> Parsed:
    """Text, turns and header metadata of a plain-text transcript; ``InputError`` when it holds no turn."""
    text = require_content(decode(data, source), source)
    return parse_turns(text, source)


def read_markdown(data: bytes, source: str) -> Parsed:
    """Markdown: optional YAML front matter (it wins over header lines), then turns as in plain text."""
    text = require_content(decode(data, source), source)
    front, body = split_front_matter(text, source)
    parsed = parse_turns(text, source, body, front)
    return replace(parsed, meta=parsed.meta.merged(front))


@dataclass
class _Draft:
    """A turn being read: its span grows line by line."""

    speaker: str
    line: int
    time: float | None
    start: int | None = None
    end: int = 0

    def add(self, text: str, start: int, end: int) -> None:
        """Grow the turn to the line ``[start, end)``, trimmed; a blank line changes nothing."""
        start, end = strip_span(text, start, end)
        if start < end:
            self.start = start if self.start is None else self.start
            self.end = end


def parse_turns(text: str, source: str, body: int = 0, front: InterviewMeta | None = None) -> Parsed:
    """Turns of ``text`` from offset ``body`` (a line start) on, and the metadata its header lines give; ``front``:
    the front matter's, which names the speakers of written notes (``interviewee: Kate Ng``). A transcript without
    a single label is read by its questions where it can be (``unlabelled``), its speakers declared a guess.

    Raises InputError when there is no turn at all.
    """
    lines = [
        TextLine(number, start, end, text[start:end], read_head(text[start:end]))
        for number, (start, end) in enumerate(line_spans(text), start=1)
        if start >= body and text[start:end].strip()
    ]
    refuse_chat_log([line.text for line in lines], source)
    lines = name_lines(without_line_numbers(split_run_together(lines)))
    # "Convention: Ben's own words are in "double quotes"; ...": the notes' declaration, no one's label (tester 39)
    lines = [replace(line, head=None) if line.head and declares_quoted_words(line.text) else line for line in lines]
    if (replies := inline_replies(text, lines) or marked_replies(text, lines)) is not None:  # answered in a mail
        return replies
    lines = mail.quoted_transcript(lines) or lines  # a transcript quoted whole in a mail reply
    opening = mail.mail_header(lines)  # notes sent by e-mail: their header (its subject a heading) and signature
    subject = mail.mail_subject(lines[:opening])
    closing = mail.letter_end(lines)
    signed = mail.signature(lines[closing:]) if opening else InterviewMeta()
    lines = lines[opening:closing]
    vote = SpeakerVote(line.head for line in lines if line.head and not _heading(line))
    lines = header_entries_as_text(lines, vote)
    header = [line.text for line in header_lines(lines, vote)]
    meta = header_metadata(header, source, lines[0].number if lines else 1)
    header = [subject, *header] if subject else header
    chevrons = chevron_turns(text, stamped_pieces(text, lines))
    if chevrons is not None:  # CART: ">>" opens each change of speaker, named or not
        return replace(chevrons, meta=named_by_heading(header, chevrons.turns, meta, front))
    speakers = {
        line.head.speaker
        for line in lines
        if line.head and line.head.speaker and vote.is_speaker(line.head) and not person_line(line, vote)
    }
    # An unmoderated test: task prompts, then stamped think-aloud; its header's "Test:" is no speaker (tester 39)
    if all(vote.counts[speaker] < 2 for speaker in speakers) and (tested := task_prompt_turns(text, source, body)):
        return replace(tested, meta=tested.meta.merged(front) if front else tested.meta)
    asking = questions_of(lines, speakers)
    if asking is not None:
        turns = question_and_answer_turns(text, lines, meta.merged(front) if front else meta, asking)
    else:  # where one side alone is labelled, the other's lines are theirs, not the labelled turn going on
        turns = other_side_unlabelled(text, _labelled_turns(text, lines, vote), lines, meta.merged(front or meta))
    one_voice = one_voice_read_by_questions(text, turns)  # Otter's "Speaker 1" on every turn
    by_questions = bool(one_voice) or (not turns and not speakers)
    if one_voice:
        turns = one_voice
    elif by_questions:  # Whisper's own .txt: a segment a line, and no speaker named
        said = [line for line in lines if not (line.head or HEADING.match(line.text) or is_tool_line(line.text))]
        spans = [(line.number, line.start, line.end) for line in said if not RULE.match(line.text)]
        by_questions = not declares_quoted_words(text[body:])
        if not by_questions:  # notes whose quoted words alone are the interviewee's, under a note's label too
            noted = [
                line for line in lines if line.head and not vote.is_speaker(line.head) and not HEADING.match(line.text)
            ]
            turns = quoted_lines(text, sorted([*spans, *((n.number, n.start, n.end) for n in noted)]), INTERVIEWEE)
        else:  # typed paragraphs between blank lines, or a recogniser's segment a line (Whisper's .txt)
            segments = paragraph_segments(spans)
            typed = len(segments) > 1 and len(segments) * TYPED_LINES >= len(spans)
            segments = segments if typed else [line_segment(text, start, end, n) for n, start, end in spans]
            turns = question_turns(text, segments, paragraphs=typed)
            if not turns and (memo := voice_memo(text, segments)) is not None:  # one voice, all the buyer's
                return memo
    refuse_agenda([line.text for line in lines], turns, source)
    meta = named_by_heading(header, turns, meta, front)
    marked = label_marks_metadata((line.head.speaker, line.head.qualifier) for line in lines
                                  if line.head and line.head.speaker and line.head.qualifier)  # fmt: skip
    meta = marked.merged(meta) if marked and not (meta.interviewee or meta.interviewer) else meta
    if by_questions and signed.interviewee and not meta.interviewee and mail.signs_as_answerer(signed, turns):
        meta = meta.merged(signed)  # a buyer's own answers, mailed and signed with their name and job
    turns = require_turns(turns, source, EXPECTED)
    bare = asking is not None and reads_bare_questions(asking)
    return guessed(text, turns, meta=meta) if by_questions or bare else Parsed(text, turns, meta)


def _heading(line: TextLine) -> re.Match[str] | None:
    """A Markdown heading (``## Transcript``, a line all in bold); not Gong's bold speaker line with its time
    (``**[00:02] Rita Okonkwo (Client):**``, the text below)."""
    timed_speaker = line.head is not None and line.head.speaker and line.head.time is not None
    return None if timed_speaker else HEADING.match(line.text)


def _labelled_turns(text: str, lines: list[TextLine], vote: SpeakerVote) -> list[Turn]:
    turns: list[Turn] = []
    draft: _Draft | None = None
    speaker: str | None = None
    time: float | None = None  # a stamp not yet used by a turn
    section: float | None = None  # the last time alone on its line: Google Meet's stamps open five-minute sections
    in_notes = notes_after_speech = False
    turn_indent = 0  # of the line that opened the turn being read
    list_reader: str | None = _UNREAD  # who reads out the file's numbered questions, once the first is met

    def close() -> None:
        """Add the turn being read, if it holds any text."""
        if draft and draft.start is not None:
            turn = turn_at(text, draft.start, draft.end, draft.speaker, draft.line, draft.time)
            if turn:
                turns.append(turn)

    # Notes before a "Transcript" heading (Gemini, Fireflies, Zoom's AI summary) are notes to the end, even where a
    # line names a speaker ("[Marcus Reid] Business case: Draft the business case ..." is an action item).
    transcript_at = max((i for i, line in enumerate(lines) if _section_of(line) == "transcript"), default=-1)
    furniture = page_furniture(lines) | mail.quoted_mail(lines)
    for index, line in enumerate(lines):
        head = line.head
        if _avatar_initials(lines, index, vote):  # "AK" above "Alex Kim   0:17": the avatar, no one's words
            continue
        if index in furniture:  # a PDF page's header or footer, a quoted mail: the speaker goes on after it
            if draft is not None and draft.start is not None:  # a label alone above the break keeps its time
                close()
                time, draft = draft.time, None  # the turn goes on after the break, from the same start
            continue
        inline = _INLINE_TOOL.match(line.text)
        if inline:  # Fathom: "ACTION ITEM: ... - WATCH: <link>" written into a turn, the speech going on after it
            close()
            same_turn_time = turns[-1].start if turns and turns[-1].speaker == speaker else None
            draft = _Draft(speaker, line.number, same_turn_time) if speaker else None
            if draft is not None:
                draft.add(text, line.start + inline.end(), line.end)
            continue
        heading = _heading(line)
        speaker_head = head is not None and not heading and vote.is_speaker(head) and not person_line(line, vote)
        aside = ASIDE.fullmatch(line.text) or _section_line(line.text) or _CALLOUT.match(line.text)
        # "Note: we never sign multi-year deals" inside a turn of a transcript whose speakers have lines of their own
        # (Rev, Teams, Otter) is the speaker's words; a label alone ("Action items:") still opens a section.
        spoken = speaker is not None and _label_alone(line.text) == ""
        spoken = spoken and (vote.lines_alone_only or _FIRST_PERSON_NOTE.match(line.text) is not None)
        # An e-mail pasted into an answer, indented ("    Subject: Invoice 4471"): no header, the turn goes on.
        spoken = spoken or (speaker is not None and not speaker_head and indent(line.text) > turn_indent)
        labelled = _metadata_line(line, speaker_head) and not spoken
        if _numbered(line) and not speaker_head:  # "Q5. Why ...?" on its own line, not the label "Q5:"
            # Every numbered question of a file is asked by one voice: who read out the first ("Maya: I'll just go
            # down the list." / "Q1. ..."), also after the other's answer; above respondents' answers, nobody.
            if list_reader == _UNREAD:
                list_reader = speaker if speaker is not None and not is_placeholder(speaker) else None
            if list_reader is None:
                close()
                draft, speaker = None, None
                continue
            if speaker != list_reader:
                close()
                draft, speaker = None, list_reader
        if heading or aside or RULE.match(line.text) or is_tool_line(line.text) or labelled:
            close()
            draft, speaker = None, None
            kind = _section_of(line)
            in_notes = kind == "notes" or (in_notes and kind != "transcript")
            notes_after_speech = in_notes and bool(turns)
            continue
        if in_notes and index == transcript_at:  # "📖 Transcript" after Gemini's notes: its first time is the next line
            in_notes = False
            continue
        # Notes end at a speaker's line: one marked as tools mark speakers that reads as a name (Otter's outline topic
        # "Current device repair process (0:20)" is a summary's, its summary below it), or one that recurs, unless
        # the notes came after the conversation: "Next steps" / "Marta: share a redacted overtime sheet" (tester 32).
        ends_notes = (
            speaker_head
            and head
            and (
                (head.marked and looks_like_name(head.speaker or ""))
                or (head.speaker in vote.recurring and not notes_after_speech)
            )
        )
        if in_notes and (index < transcript_at or not ends_notes):
            continue
        if head and (speaker_head or head.speaker is None):
            close()
            draft, in_notes = None, False
            time = head.time if head.time is not None else time
            trailing = _TRAILING_TIME.search(line.text) if speaker_head and head.time is None else None
            if trailing:  # "Ravi Menon: I'm head of procurement ... [00:00:07]": the time after the words
                time = parse_time(trailing[1])
            if speaker_head:
                speaker, turn_indent = head.speaker, indent(line.text)
            if not (speaker_head or line.text[head.body :].strip()):
                section = head.time if head.speaker is None and head.time is not None else section
                continue  # a time alone on its line
            start = line.start + head.body
        else:
            start = line.start
        if speaker is None:
            continue  # before the first label, or after notes, a heading or a tool line
        if draft is None:  # a turn after the first of a section starts within it, at its time or later
            draft, time = _Draft(speaker, line.number, section if time is None else time), None
        draft.add(text, start, line.end)
    close()
    return turns


_CALLOUT = re.compile(r"[ \t]*>[ \t]*\[![\w-]+\]")
"""An Obsidian callout's first line ("> [!note] Observation"): the writer's note, with the "> " lines under it."""
_TRAILING_TIME = re.compile(rf"\[({TEXT_TIME})\][ \t]*$")
"""A time in square brackets that ends a speaker's line, as some tools write it after the words."""


_NUMBERED_QUESTION = re.compile(
    r"[ \t]*(?:\*\*)?(?:q|question)[ \t]*\d{1,3}[ \t]*[:.)–—-](?:\*\*)?[ \t]*\S.*\?[*\s]*", re.I
)


_UNREAD = "\x00"
"""``list_reader`` before the first numbered question: no speaker label can be this."""


def _avatar_initials(lines: list[TextLine], index: int, vote: SpeakerVote) -> bool:
    """A line of a speaker's initials right above their speaker line ("AK" above "Alex Kim   0:17"), as a copy of
    Teams' or Stream's web transcript pane holds the avatar: "OK" above a speaker of other initials is speech."""
    text = lines[index].text.strip()
    head = lines[index + 1].head if index + 1 < len(lines) else None
    if not re.fullmatch(r"[A-Z]{2,3}", text) or head is None or not head.speaker or not vote.is_speaker(head):
        return False
    words = [word for word in head.speaker.replace(",", " ").split() if word[:1].isalpha()]
    initials = "".join(word[0] for word in words).upper()
    return text in (initials, initials[0] + initials[-1], initials[::-1])


def _numbered(line: TextLine) -> bool:
    """A numbered question on a line of its own ("Q5. Why did you start looking?"): a survey's or a guide's heading
    above the answers, nobody's words."""
    return _NUMBERED_QUESTION.fullmatch(line.text) is not None


def _section_of(line: TextLine) -> str | None:
    """``notes`` or ``transcript`` for a line that opens such a section (a heading, a label alone, a short line)."""
    heading = _heading(line)
    return section_kind(heading["text"] if heading else _label_alone(line.text)) or _section_line(line.text)


# "Note: we never got past the security questionnaire": the speaker's aside, where "Note: she sounded tired" is the
# transcriber's.
_FIRST_PERSON_NOTE = re.compile(r"\s*note\s*:\s*(?:i|i'm|i've|we|we're|we've|our|my|us)\b", re.I)


def _section_line(line: str) -> str | None:
    """``notes`` for a short line that opens a notes section without Markdown ("Quick recap", "Next steps",
    "Meeting summary for ...")."""
    words = line.split()
    if len(words) > 14 or line.rstrip().endswith((".", "?", "!", ",")):
        return None
    if _SUMMARY_LINE.match(line):
        return "notes"
    return "notes" if len(words) <= 6 and section_kind(line) == "notes" else None


def _label_alone(line: str) -> str:
    """The label of a line that holds nothing else ("Action items:"); a label with a value is a single line."""
    match = LABEL_LINE.match(line)
    if match is None:
        return line
    return "" if match["value"].strip() else match["label"]


def _metadata_line(line: TextLine, speaker_head: bool) -> bool:
    """``Date: ...``, ``**Transcript ID:** x``, ``Action items:``: a label heading metadata or notes."""
    if speaker_head:
        return False
    match = LABEL_LINE.match(line.text)
    return bool(match and metadata_label(match["label"]))
