"""Transcripts that name no speaker at all, as Whisper's own command line writes them (``.txt`` with one segment per
line, ``.srt`` and ``.vtt`` with one per cue, sentences running from one segment into the next).

Nothing in such a file says who spoke, so the sides are read from what is said: a sentence that asks ("...?"), prompts
("Walk me through what happened.", "I'd love to hear how you handle parts.") or thanks and closes ("Thanks for making
time for this.", "That's everything from me.") is the interviewer's, and so are the acknowledgements and lead-ins just
before a question ("Right, that makes sense.", "You mentioned before we started that ...", the answer's own words said
back: "Eleven hundred."; ``interviewer_talk``); what comes before the first question (a title, "Okay, so it's
recording.") is no one's to quote; every other sentence is the interviewee's. A question at the end of an answer is the
buyer asking back, and the next segment the interviewer's reply; elsewhere a buyer who asks back loses that sentence to
the interviewer, never the other way round; an interviewer's remark of another kind is read as the interviewee's. Where
most questions go on in their own segment, one voice asks and answers itself (a voice memo), and nothing is read. The
reading is a guess, so the reader declares ``GUESSED_CONFIDENCE``: the run says so and flags every quote of the file for
review.

It is only tried where segments are short, as a recogniser cuts them (``SEGMENT_WORDS``), and questions come often
(``WORDS_PER_QUESTION``): a typed page of long paragraphs, or a monologue, still has no speakers and is refused.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median
from typing import Any

from voiceofbuyer.ingest.interviewer_talk import (
    ACKNOWLEDGEMENT,
    ADDRESSES,
    QUESTION_MARK,
    asks_or_prompts,
    interviewer_remark,
    says_back,
)
from voiceofbuyer.ingest.speaker_names import is_placeholder
from voiceofbuyer.ingest.timestamps import CUE_TIME, parse_time
from voiceofbuyer.ingest.turns import Parsed, turn_at
from voiceofbuyer.records import Turn

GUESSED_CONFIDENCE = 0.5
"""The speaker confidence such a transcript declares: below ``sides.CONFIDENT``, so its quotes are flagged."""
SEGMENT_WORDS = 40
"""Most words a recogniser's segment has at the median (Whisper cuts at 30 s or less; typed paragraphs run longer)."""
WORDS_PER_QUESTION = 300
"""Most words said per question: an interview asks at least this often, a monologue or an article does not."""
QUESTIONS = 3
"""Fewest questions that make an interview."""
INTERVIEWER = "Interviewer"
INTERVIEWEE = "Interviewee"

# A sentence ends at ".", "!", "?" or "…", after any closing quotes or brackets, before a space or the segment's end.
# Not after a courtesy title: "Thank you very much for joining today, Mr. Tanaka." (tester 52: "Tanaka." was the
# buyer's)
_SENTENCE_END = re.compile(r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bMx)(?<!\bSt)[.!?…]+[\"'”’)\]]*(?=\s|$)")
LIST_NUMBER = re.compile(r"[ \t]*(?:Q[ \t]?)?\d{1,2}[.):][ \t]+(?=\S)", re.I)
"""A typed list's number before a question ("2. How do customers pay?", "Q3: ..."): no one's words."""
_ENDS = re.compile(r"[.!?…]+[\"'”’)\]]*\s*$")
# The interviewer saying back what they heard ("Right. So visibility is a big part of it.", "So it sounds like the
# references are the bottleneck.") and the interviewee confirming it ("Yes, that's exactly it.", "Exactly.").
_RESTATES = re.compile(
    r"(?:(?:ok(?:ay)?|right|got\s+it|i\s+see|mm-?hmm)[,.!]?\s+)*(?:so\b|(?:it\s+)?sounds\s+like)", re.I
)
_CONFIRMS = re.compile(
    r"(?:(?:yes|yeah|yep|right|absolutely|oh)[,.!]?\s+)?(?:that['’]s\s+(?:exactly\s+)?(?:it|right|correct)|exactly"
    r"|correct|spot\s+on)(?=[,.!]|\s*$)",
    re.I,
)
_YOU = re.compile(r"\byou(?:r|rs|rself|['’](?:re|ve|d|ll))?\b", re.I)
FIRST_PERSON = re.compile(r"\b(?:I(?:['’](?:m|ve|d|ll))?|my|me|mine)\b")
"""The first person singular: an answer speaking for its speaker."""
_QUESTION_OPENING = re.compile(
    r"(?:(?:and|so|roughly|just|ok(?:ay)?|right)[,]?\s+)*(?:how|what|why|when|where|who|which|do|does|did|is|are|was"
    r"|were|can|could|would|will|have|has)\s+\w+",
    re.I,
)
_ASIDE = re.compile(r"\s*(?:\[[^\[\]]*\]|\([^()]*\))\s*")
"""A typed paragraph wholly in brackets: a note-taker's aside, no one's words."""
PERSONAL_SHARE = 0.25
"""Of typed paragraphs read by their questions, the fewest that ask "you" or answer "I": interviews typed by testers
scored 0.30-0.61, a newsletter 0.09 and a research memo 0.18."""
_AGREES = re.compile(r"(?:yes|yeah|yep|yup|exactly|correct|that['’]s\s+right)\b", re.I)
"""How a segment opens that confirms the answer said back to the buyer ("Yes, seventeen.")."""
RESTATEMENT_WORDS = 15
"""Most words of a restatement the interviewer makes without asking, on a segment of its own."""


# A label that names a side, not a voice: "Interviewer" throughout is that side alone
_A_SIDE = re.compile(
    r"(?:interview(?:er|ee)|moderator|researcher|facilitator|host|participant|respondent|customer|buyer|client|guest"
    r"|q|a|question|answer)(?:\s*\d+)?",
    re.I,
)


def guessed(text: str, turns: Sequence[Turn], **fields: Any) -> Parsed:
    """A reader's result whose sides were read by the questions: it declares ``GUESSED_CONFIDENCE`` and
    ``unlabelled``, so the run flags every quote and says why. ``fields``: the rest of ``Parsed`` (meta, language)."""
    return Parsed(text, tuple(turns), speaker_confidence=GUESSED_CONFIDENCE, unlabelled=True, **fields)


@dataclass(frozen=True)
class Segment:
    """One segment of a recogniser's output: its span of the text (character offsets), its 1-based line, and its
    times in seconds where the file gives them."""

    start: int
    end: int
    line: int
    start_time: float | None = None
    end_time: float | None = None


# whisper.cpp's console lines: "[00:00:04.900 --> 00:00:08.600]   Could you just introduce yourself?"
_TIME_RANGE = re.compile(rf"[ \t]*\[(?P<start>{CUE_TIME})[ \t]*-->[ \t]*(?P<end>{CUE_TIME})\][ \t]*")


def line_segment(text: str, start: int, end: int, line: int) -> Segment:
    """A line of text as a segment: after a time range it opens with (whisper.cpp's), with its times."""
    timed = _TIME_RANGE.match(text, start, end)
    if timed is None:
        return Segment(start, end, line)
    return Segment(timed.end(), end, line, parse_time(timed["start"]), parse_time(timed["end"]))


def paragraph_segments(lines: Sequence[tuple[int, int, int]]) -> list[Segment]:
    """Lines (1-based number, start and end offsets; blank lines left out) as segments, one per paragraph: lines
    whose numbers follow each other are one, as typed notes wrap a sentence over lines."""
    segments: list[Segment] = []
    last = -1
    for number, start, end in lines:
        if segments and number == last + 1:
            segments[-1] = Segment(segments[-1].start, end, segments[-1].line)
        else:
            segments.append(Segment(start, end, number))
        last = number
    return segments


@dataclass(frozen=True)
class _Sentence:
    pieces: tuple[tuple[int, int, int], ...]
    """(segment index, start, end) of each part: a sentence runs on over a segment's end."""
    text: str


def one_voice_read_by_questions(text: str, turns: list[Turn] | tuple[Turn, ...]) -> list[Turn]:
    """Where every turn is under one placeholder label (Otter's "Speaker 1" throughout: the recogniser heard one
    voice in a call of two), the turns read by their questions as segments (``question_turns``, whatever their
    length); ``[]`` where they are not (a real monologue, named turns, too few questions)."""
    labels = {turn.speaker for turn in turns}
    # "Speaker 1", "SPEAKER_00": a voice, not a side ("Interviewer" throughout is that side alone)
    if len(labels) != 1 or not is_placeholder(next(iter(labels))) or _A_SIDE.fullmatch(next(iter(labels)).strip()):
        return []
    segments = [Segment(turn.start_char, turn.end_char, turn.line, turn.start, turn.end) for turn in turns]
    return question_turns(text, segments, recognised=False)


def question_turns(text: str, segments: list[Segment], recognised: bool = True, paragraphs: bool = False) -> list[Turn]:
    """The turns of a transcript without speaker labels, read by its questions (see the module docstring): one Turn
    per segment and side, with the segment's times; ``[]`` when the segments are too long for a recogniser's (where
    ``recognised`` asks it) or too few questions are asked to tell the sides apart (the caller refuses the file).
    ``paragraphs``: the segments are typed paragraphs, so a sentence never goes on from one into the next (a
    greeting, "Hi all,", or a signature, "Hannah", ends where its paragraph does)."""
    recognised = recognised and not paragraphs
    if paragraphs:  # "[She shared her screen here and showed me the tracker.]": the note-taker's aside
        segments = [segment for segment in segments if not _ASIDE.fullmatch(text, segment.start, segment.end)]
    sentences = _sentences(text, segments, paragraphs)
    asks = [asks_or_prompts(sentence.text) or (paragraphs and _typed_question(sentence.text)) for sentence in sentences]
    words = sum(len(sentence.text.split()) for sentence in sentences)
    lengths = [len(text[segment.start : segment.end].split()) for segment in segments]
    ends = sum(1 for segment in segments if _ENDS.search(text[segment.start : segment.end]))
    # Captions wrapped to a width (Vimeo's, YouTube's) end mid-sentence, a question and its answer in one cue
    if not lengths or (recognised and (median(lengths) > SEGMENT_WORDS or ends * 2 < len(segments))):
        return []
    if sum(asks) < QUESTIONS or sum(asks) * WORDS_PER_QUESTION < words:
        return []
    if paragraphs and not _put_to_someone(text, segments, sentences, asks):
        return []
    # One voice asking and answering itself (a voice memo: "Why a shared inbox? Because ..."): where most questions
    # go on in their own segment, nothing tells two voices apart; unless they are typed notes where each question
    # opens its paragraph and its answer follows ("What's your role? I'm the AP lead, ...")
    going_on = [i for i, asked in enumerate(asks) if asked and i + 1 < len(sentences)
                and sentences[i + 1].pieces[0][0] == sentences[i].pieces[-1][0]]  # fmt: skip
    if len(going_on) * 2 > sum(asks) and not (paragraphs and _answered_inline(sentences, asks, len(segments))):
        return []
    interviewer = list(asks)
    for index in _asked_back(sentences, asks):
        # "... a week late. Is that normal for a business our size?": the buyer asks back, after words of her own in
        # the segment; the next segment is the interviewer's answer
        interviewer[index] = False
        after = sentences[index].pieces[-1][0] + 1
        for later in range(index + 1, len(sentences)):
            if sentences[later].pieces[0][0] == after:
                interviewer[later] = True
            elif sentences[later].pieces[0][0] > after:
                break
    for index in (i for i, asked in enumerate(asks) if asked and interviewer[i]):
        # What leads up to a question, in its segment or the one before: "That's really clear. Anything else?",
        # "Right, that makes sense." / "So what would ...?"; never an answer's end ("... every evening. Got it. What
        # goes wrong?": the evening is the buyer's)
        before = index - 1
        while (
            before >= 0
            and len(sentences[before].pieces) == 1
            and (interviewer_remark(sentences[before].text) or _says_back(sentences, asks, before))
        ):
            interviewer[before] = True
            before -= 1
    acknowledging = {n for n, segment in enumerate(segments)
                     if ACKNOWLEDGEMENT.fullmatch(" ".join(text[segment.start : segment.end].split()))}  # fmt: skip
    for index, sentence in enumerate(sentences):
        # A segment that only acknowledges, or opens by what the other said, is the interviewer's wherever it falls
        # ("That's a big number." / "It is, and ..."; "Thanks, Gareth. That's great."; "You mentioned ...")
        opens = index == 0 or sentences[index - 1].pieces[-1][0] != sentence.pieces[0][0]
        if all(n in acknowledging for n, _, _ in sentence.pieces) or (opens and ADDRESSES.match(sentence.text)):
            interviewer[index] = True
    for index in range(len(sentences) - 1):
        # The answer said back on a segment of its own, which the next segment confirms: "Seventeen laptops." / "Yes,
        # seventeen." (tester 51)
        if _says_back(sentences, asks, index) and sentences[index + 1].pieces[0][0] != sentences[index].pieces[-1][0]:
            interviewer[index] = interviewer[index] or _AGREES.match(sentences[index + 1].text) is not None
    for number in _restatements(text, segments):
        for index, sentence in enumerate(sentences):
            if sentence.pieces[0][0] == number:
                interviewer[index] = True
    first = next(i for i, asked in enumerate(asks) if asked)
    turns: list[Turn] = []
    last_segment = -1
    for index, (sentence, asked) in enumerate(zip(sentences, interviewer, strict=True)):
        if index < first:
            continue  # before the first question: a title, "Okay, so it's recording.": no one's to quote
        for number, start, end in sentence.pieces:
            segment, speaker = segments[number], INTERVIEWER if asked else INTERVIEWEE
            if number == last_segment and turns[-1].speaker == speaker:  # the same side goes on in the segment
                start = turns.pop().start_char
            turn = turn_at(text, start, end, speaker, segment.line, segment.start_time, segment.end_time)
            if turn is not None:
                turns.append(turn)
                last_segment = number
    return turns


def _answered_inline(sentences: list[_Sentence], asks: list[bool], paragraphs: int) -> bool:
    """Whether typed paragraphs each open with one question that the rest of the paragraph answers: every question
    is its paragraph's first sentence, and three in four paragraphs from the first question on open so (quick notes
    typed "Q? A."; a mail's greeting above them, "Hi Ben, sorry I couldn't make the call.", is no question's)."""
    opening = {sentence.pieces[0][0]: index for index, sentence in reversed(list(enumerate(sentences)))}
    first = set(opening.values())
    questions = [index for index, asked in enumerate(asks) if asked]
    if not questions:
        return False
    asked_from = paragraphs - sentences[questions[0]].pieces[0][0]
    return all(index in first for index in questions) and len(questions) * 4 >= asked_from * 3


def _typed_question(paragraph: str) -> bool:
    """A typed paragraph that asks without its question mark: no closing mark at all, and it opens as questions do
    ("Roughly how many agency drivers on top of that", "And do you use the portal for all of them")."""
    return not _ENDS.search(paragraph) and bool(_QUESTION_OPENING.match(paragraph))


def _put_to_someone(text: str, segments: list[Segment], sentences: list[_Sentence], asks: list[bool]) -> bool:
    """Whether typed paragraphs read as an interview: ``PERSONAL_SHARE`` of them or more (acknowledgements left out)
    either ask the other ("What does that cost you?") or answer in the first person ("I lose most of every
    Tuesday"); a newsletter's or a memo's questions ask no one ("Sound familiar?", "Who feels it most?"), their
    answers speak of others ("Most teams we speak to ...")."""
    asking = {sentence.pieces[0][0] for sentence, asked in zip(sentences, asks, strict=True) if asked}
    said = [" ".join(text[segment.start : segment.end].split()) for segment in segments]
    remarks = sum(1 for number, words in enumerate(said) if number not in asking and interviewer_remark(words))
    personal = sum(
        1
        for number, words in enumerate(said)
        if (_YOU.search(words) if number in asking else FIRST_PERSON.search(words))
    )
    return personal >= PERSONAL_SHARE * (len(said) - remarks)


def _restatements(text: str, segments: list[Segment]) -> list[int]:
    """Segments that say back what was heard without asking ("Right. So visibility is a big part of it."): short,
    opening with "so" or "it sounds like", and confirmed by the next segment's opening ("Yes, that's exactly it.")."""
    said = [" ".join(text[segment.start : segment.end].split()) for segment in segments]
    return [
        number
        for number in range(len(said) - 1)
        if len(said[number].split()) <= RESTATEMENT_WORDS
        and _RESTATES.match(said[number])
        and not asks_or_prompts(said[number])
        and _CONFIRMS.match(said[number + 1])
    ]


def _says_back(sentences: list[_Sentence], asks: list[bool], index: int) -> bool:
    """Whether sentence ``index`` opens its segment by saying back the answer's words (``interviewer_talk.says_back``,
    the acknowledgements in it left out: "Nine times in a quarter, that's huge."), against what was said since the
    last question. A buyer saying her own words again ends her segment; she does not open the next one."""
    sentence = sentences[index]
    if index == 0 or asks[index] or sentences[index - 1].pieces[-1][0] == sentence.pieces[0][0]:
        return False
    parts = [part for part in sentence.text.split(",") if not ACKNOWLEDGEMENT.fullmatch(part.strip())]
    answer = []
    for earlier in range(index - 1, -1, -1):
        if asks[earlier]:
            break
        if not interviewer_remark(sentences[earlier].text):  # "You mentioned the technicians hate the app."
            answer.append(sentences[earlier].text)
    return says_back(",".join(parts), " ".join(reversed(answer)))


def _asked_back(sentences: list[_Sentence], asks: list[bool]) -> list[int]:
    """Questions ("...?") in a segment that answers the question before it, after a statement of its own (no
    acknowledgement or lead-in between): the interviewee asking back."""
    found: list[int] = []
    for index in (i for i, asked in enumerate(asks) if asked and i > 0 and QUESTION_MARK.search(sentences[i].text)):
        segment = sentences[index].pieces[0][0]
        opening = next(i for i in range(index + 1) if sentences[i].pieces[-1][0] >= segment)
        # the segment answers a question (the one before it asks), then asks: "About sixty thousand last year. Is
        # that normal?"; not "Hi Dominic, thanks for jumping on. Could you start ...?"; nor the interviewer's reply
        # to a buyer who asked back, which ends with the next question ("It's about the middle. Why do you ...?")
        answers = opening > 0 and asks[opening - 1] and sentences[opening].pieces[0][0] == segment
        replies = any(sentences[asked].pieces[-1][0] + 1 == segment for asked in found)
        before = sentences[index - 1]
        said = before.pieces[-1][0] == segment and not asks[index - 1] and not interviewer_remark(before.text)
        # any answer before it, a word will do ("Late. Does everyone say that?"); an acknowledgement ("Right. Is that
        # ...?") is the interviewer's lead-in
        if answers and not replies and said:
            found.append(index)
    return found


def _sentences(text: str, segments: list[Segment], paragraphs: bool = False) -> list[_Sentence]:
    """The sentences of the segments in order, each with its pieces (a sentence without its end goes on in the next
    segment, unless the segments are ``paragraphs``)."""
    sentences: list[_Sentence] = []
    open_pieces: list[tuple[int, int, int]] = []
    for number, segment in enumerate(segments):
        # a typed list's number ("2. How do customers pay? Mostly BACS.") is no sentence, and no one's words
        listed = LIST_NUMBER.match(text, segment.start, segment.end) if paragraphs else None
        at = listed.end() if listed else segment.start
        for end in _SENTENCE_END.finditer(text, at, segment.end):
            open_pieces.append((number, at, end.end()))
            sentences.append(_sentence(text, open_pieces))
            open_pieces, at = [], end.end()
        if text[at : segment.end].strip():
            open_pieces.append((number, at, segment.end))
        if paragraphs and open_pieces:
            sentences.append(_sentence(text, open_pieces))
            open_pieces = []
    if open_pieces:
        sentences.append(_sentence(text, open_pieces))
    return sentences


def _sentence(text: str, pieces: list[tuple[int, int, int]]) -> _Sentence:
    return _Sentence(tuple(pieces), " ".join(" ".join(text[start:end].split()) for _, start, end in pieces))
