"""Cue files (WebVTT and SubRip): the Turns in their cues' text (the cues themselves: ``cue_blocks``).

A span never includes a timing line, so each cue's text gives its own Turns, with the cue's times;
consecutive cues of one speaker stay separate Turns with the same speaker, and a later stage merges
them. Nor does a span include markup: cue text is split at tags (``<v Name>``, ``<i>``, ``<c.x>``,
``<00:00:01.000>``, ``{\\an8}``) and each tag-free run with a letter or digit becomes its own Turn.
The speaker comes from a voice tag ``<v Name>`` / ``<v.loud Name>``, a ``Name:`` label at the start
of a cue line, or the cue identifier as Webex writes it (``12 "Sam Ortiz" (3409851904)``); a cue with none
continues the previous cue's speaker, and text before any speaker is dropped. Character references such as
``&amp;`` stay as written: the span is the source text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from voiceofbuyer.errors import InputError
from voiceofbuyer.ingest.chevrons import chevron_turns
from voiceofbuyer.ingest.cue_blocks import Cue
from voiceofbuyer.ingest.cue_labels import labels_every_cue, names_an_asker, names_on_own_line
from voiceofbuyer.ingest.interviewer_talk import asks_or_acknowledges
from voiceofbuyer.ingest.labels import Head, is_role_label, read_head
from voiceofbuyer.ingest.speaker_names import UNIDENTIFIED
from voiceofbuyer.ingest.speaker_vote import SpeakerVote
from voiceofbuyer.ingest.tool_lines import is_tool_line
from voiceofbuyer.ingest.turns import LineIndex, Parsed, require_turns, strip_span, turn_at
from voiceofbuyer.ingest.unlabelled import Segment, guessed, one_voice_read_by_questions, question_turns
from voiceofbuyer.ingest.voice_memo import read_by_questions
from voiceofbuyer.records import Turn

_DIALOGUE_DASH = re.compile(r"[ \t]*[-–—](?:[ \t]+(?=\S)|(?=\[))")  # "- Every day?", "-[PAUL] Every day?"
UNNAMED = "Unknown Speaker"
"""An unnamed voice answering among named ones (Zoom's cues without a name): a placeholder, quoted with a flag."""
# A tag opens with a letter or a slash (<v Name>, <c.x>, </i>) or is a time (<00:01.500>): "< 48 hours >" is text.
CUE_TAG = re.compile(r"<(?:/?[A-Za-z][^<>\n]*|\d{1,2}(?::\d{2}){1,2}[.,]\d{1,3})>|\{\\[^{}\n]*\}")
_VOICE = re.compile(r"<v(?:\.[^\s>.]*)*\s+(?P<name>[^>]*)>")


def parsed_cues(text: str, cues: list[Cue], source: str, expected: str) -> Parsed:
    """The turns of a cue file (see ``_parsed``), with a warning for each cue whose timing could not be read."""
    parsed = _parsed(text, cues, source, expected)
    return replace(parsed, warnings=tuple(cue.malformed for cue in cues if cue.malformed is not None))


def _parsed(text: str, cues: list[Cue], source: str, expected: str) -> Parsed:
    """The turns of a cue file (``cue_turns``); where no cue names a speaker and none holds markup (Whisper's own
    .srt and .vtt), the turns read by its questions, a guess it declares (``unlabelled``). ``InputError`` naming the
    ``expected`` form when neither gives a turn, or saying it is empty when no cue holds a word (a header alone, or
    cues without text: captions saved before anyone spoke). Captions whose ``>>`` marks each change of speaker are
    read by them (``chevrons``)."""
    if not any(char.isalnum() for cue in cues for char in text[cue.text_start : cue.text_end]):
        raise InputError(source, "captions without a single cue that holds a word: nothing said in them",
                         fix="export the captions again once the call has ended, or remove the file")  # fmt: skip
    index = LineIndex(text)
    shown = _without_repeats(text, cues)
    lines = [  # each line of words once (a roll-up caption's repeated row left out), with its cue's times
        Segment(start, end, index.line(start), shown[number].start, shown[number].end)
        for number, start, end, head in _runs(text, shown)
        if head is None or head.body >= 0
    ]
    chevrons = chevron_turns(text, lines)
    if chevrons is not None:
        return chevrons
    turns = cue_turns(text, cues)
    one_voice = one_voice_read_by_questions(text, turns)  # "SPEAKER_00" on every cue: one voice heard in a call
    if one_voice:
        return guessed(text, one_voice)
    if turns and all(turn.speaker == UNIDENTIFIED for turn in turns):
        # Subtitles whose dashes mark each change of speaker in a cue, and no name anywhere: each dash line a segment
        segments = [part for cue in cues for part in _dash_segments(text, cue, index)]
        dashed = question_turns(text, segments, recognised=False)
        if dashed:
            return guessed(text, dashed)
    if turns or any(CUE_TAG.search(text, cue.text_start, cue.text_end) for cue in cues):
        return Parsed(text, require_turns(turns, source, expected))
    segments = [Segment(cue.text_start, cue.text_end, index.line(cue.text_start), cue.start, cue.end) for cue in cues]
    return read_by_questions(text, segments, source, expected)


def _dash_segments(text: str, cue: Cue, index: LineIndex) -> list[Segment]:
    """A cue's text as segments: the whole of it, or from each dash that opens a line ("- How many engineers?" /
    "- Fourteen, on four shifts.") to the next, without the dash."""
    starts = [m.end() for m in re.finditer(r"(?m)^", text[cue.text_start : cue.text_end])]
    dashes = [d.end() for at in starts if (d := _DIALOGUE_DASH.match(text, cue.text_start + at, cue.text_end))]
    if not dashes:
        return [Segment(cue.text_start, cue.text_end, index.line(cue.text_start), cue.start, cue.end)]
    ends = [text.rfind("\n", cue.text_start, dash) for dash in dashes[1:]] + [cue.text_end]
    return [Segment(start, end, index.line(start), cue.start, cue.end) for start, end in zip(dashes, ends, strict=True)]


def cue_turns(text: str, cues: list[Cue]) -> list[Turn]:
    """Turns of every cue's text, in order; the speaker carries over from cue to cue. A cue that only says again
    what the cue before it said is left out (see ``_without_repeats``)."""
    cues = _without_repeats(text, cues)
    runs = list(_runs(text, cues))
    vote = SpeakerVote(head for _, _, _, head in runs if head is not None and head.body >= 0)
    # Who opens a cue: a label inside a cue's text names a speaker only if it opens a cue somewhere too; an
    # interviewer reading out another customer's words ("... word for word. Customer: "We export everything ..."",
    # twice) named no one (tester 28: "Customer" became the buyer, and the buyer's words were lost).
    firsts = {number: head for number, _, _, head in reversed(runs)}
    openers = {head.speaker for head in firsts.values() if head is not None and head.body >= 0}
    on_own_line = names_on_own_line(text, runs)
    index = LineIndex(text)
    turns: list[Turn] = []
    speaker: str | None = None
    draft: tuple[int, int, int] | None = None  # (cue number, start, end) of the turn being read

    def close() -> None:
        """Add the turn being read, if any, with the times of the cue it started in."""
        if draft is not None and speaker is not None:
            number, start, end = draft
            line = index.line(strip_span(text, start, end)[0])
            turn = turn_at(text, start, end, speaker, line, cues[number].start, cues[number].end)
            if turn:
                turns.append(turn)

    voiced = -1  # the cue a voice tag named the speaker of: "A: ask Mariam." in it is that speaker's words
    opened: set[int] = set()  # cues whose first line has been read
    dash_cues = _dash_cues(text, runs)
    voice_tags = any(head is not None and head.body < 0 and head.qualifier for _, _, _, head in runs)
    every_cue = labels_every_cue(text, runs, vote)
    unlabelled_is_unknown = every_cue is not None and not voice_tags and not dash_cues
    whisperx = every_cue == "whisperx"
    interviewer_named = every_cue == "names" and names_an_asker(text, runs, vote)
    for number, start, end, head in runs:
        if head is not None and head.body < 0:  # a tag: a span never includes markup; a voice tag names the speaker
            close()
            draft, speaker = None, head.qualifier or speaker
            voiced = number if head.qualifier else voiced
            continue
        first_line = number not in opened
        opened.add(number)
        inside = not first_line and head is not None and head.speaker not in openers
        if voiced == number or inside or (head is not None and not _labels_a_turn(head, vote, first_line, voice_tags)):
            head = None
        dash = _DIALOGUE_DASH.match(text, start, end) if number in dash_cues else None
        if dash:  # subtitle style: a dash starts another speaker's line within the cue
            close()
            start, draft = dash.end(), None
            head = read_head(text[start:end])
            if not (head is not None and head.speaker and vote.is_speaker(head)):
                speaker = _continued(turns, text[start:end]) or UNIDENTIFIED
        if head is not None and head.speaker and vote.is_speaker(head):
            close()
            draft, speaker, start = None, head.speaker, start + head.body
        elif start in on_own_line:
            close()
            draft, speaker = None, on_own_line[start]
            continue
        elif voiced != number and not (draft and draft[0] == number) and is_tool_line(text[start:end], stamps=False):
            # A date in a cue is said (captions carry no stamps); so is a voice-tagged cue's every line, and a line
            # that goes on a turn begun in its cue: a tool writes its events under no speaker's tag and in a cue of
            # their own ("<v Nadia Haddad>The call ended after ten minutes.", "... until" / "procurement joined the
            # call.").
            close()
            draft = None
            continue
        named_here = head is not None and head.speaker and vote.is_speaker(head)
        if first_line and unlabelled_is_unknown and not named_here and not dash:
            # A tool that labels every cue it could give a speaker: one without a label is a voice it could not
            # name (the interviewer's "And what would success look like?" was the buyer's), unless it goes on with
            # the sentence before it. Beside names (Zoom), an unnamed voice that asks or acknowledges is nobody's
            # quote, one that answers is quoted, flagged as unsure (a placeholder beside a named buyer).
            close()
            line = text[start:end]
            answers = interviewer_named and not asks_or_acknowledges(line)
            unnamed = UNNAMED if answers and not whisperx else UNIDENTIFIED
            goes_on = _continued(turns, line) or _goes_on_after_a_stop(turns, line)
            draft, speaker = None, goes_on or unnamed
        if draft is not None and draft[0] == number:
            draft = (number, draft[1], end)
        else:
            close()
            draft = (number, start, end)
    close()
    return turns


def _continued(turns: list[Turn], line: str) -> str:
    """The speaker whose sentence an unlabelled dash line goes on with: the last one named, when their words stopped
    mid-sentence (no closing mark) and the line goes on in lower case ("... at the end of the shift," / "- Right." /
    "- sometimes for the whole shift"); else ""."""
    named = next((turn for turn in reversed(turns) if turn.speaker != UNIDENTIFIED), None)
    first = next((char for char in line if char.isalpha()), "")
    if named is None or not first.islower() or named.text.rstrip().endswith((".", "?", "!", "…", '"', "”")):
        return ""
    return named.speaker


_ADDED_CLAUSE = re.compile(r"\W*(?:and|but|so|because|or|plus|which|where|when|then|though|although|especially)\b")


def _goes_on_after_a_stop(turns: list[Turn], line: str) -> str:
    """The speaker of the turn before an unlabelled cue (in a file that labels every cue it can) that adds a clause
    to it in small letters, a sentence the recogniser stopped early ("... that's months of my time." / "and honestly
    I don't have months.", "which meant ...": Whisper opens a sentence of its own with a capital, testers 46-47);
    never a question or an acknowledgement; else ""."""
    if not turns or turns[-1].speaker == UNIDENTIFIED or not _ADDED_CLAUSE.match(line) or asks_or_acknowledges(line):
        return ""
    return turns[-1].speaker


def _labels_a_turn(head: Head, vote: SpeakerVote, first_line: bool, voiced: bool) -> bool:
    """Whether a label in cue text opens a turn: on a wrapped line of a cue, or in a file whose voice tags name the
    speakers (``voiced``), only a speaker heard more than once ("Step 2: nobody tells us" is said); at a cue's start
    not a one-off "Q:" or "A:" among named speakers (the speaker quoting an FAQ: "A: Ask legal.")."""
    name = head.speaker or ""
    if name in vote.recurring:
        return True
    if voiced or not first_line:
        return False
    return not (is_role_label(name) and len(name) <= 2 and len(vote.recurring) >= 2)


def _dash_cues(text: str, runs: list[tuple[int, int, int, Head | None]]) -> set[int]:
    """Cues laid out as subtitle dialogue: their first line opens with a dash ("- Every day?" / "- Every night.");
    a dash opening a wrapped line of another cue ("paper" / "- and some airlines ...") is punctuation."""
    found: set[int] = set()
    seen: set[int] = set()
    for number, start, end, head in runs:
        if (head is not None and head.body < 0) or number in seen:
            continue
        seen.add(number)
        if _DIALOGUE_DASH.match(text, start, end):
            found.add(number)
    return found


def _shown(text: str, cue: Cue) -> tuple[str, str]:
    """A cue's words without markup or a speaker label (what a reader of the captions sees), and the speaker it
    names ("" when it names none)."""
    plain = CUE_TAG.sub("", text[cue.text_start : cue.text_end]).lstrip()
    head = read_head(plain)
    if head is None or not head.speaker:
        return " ".join(plain.split()), cue.speaker
    return " ".join(plain[head.body :].split()), cue.speaker or head.speaker


_SHOWN_AGAIN_WORDS = 3
"""A cue of this many words at least, the same as the one before and without markup, shows it again (a roll-up)."""


def _without_repeats(text: str, cues: list[Cue]) -> list[Cue]:
    """``cues`` without those that only show again the words of the cue before: WhisperX's ``--highlight_words``
    writes a segment once per word with that word underlined (``<u>Of</u> course.``, ``Of <u>course.</u>``) and once
    more between words; read each time, the segment's words would be quoted over and over. A cue with no label goes
    on with the speaker before it."""
    shown = [_shown(text, cue) for cue in cues]
    marked = [CUE_TAG.search(text, cue.text_start, cue.text_end) is not None for cue in cues]
    return [
        cue
        for index, (cue, (words, speaker)) in enumerate(zip(cues, shown, strict=True))
        if not (
            index
            and words
            and words == shown[index - 1][0]
            and len({speaker, shown[index - 1][1]} - {""}) <= 1
            # A word said twice, a cue a word ("very" / "very slow", "had" / "had"): said, not shown again (tester 16)
            and (marked[index] or marked[index - 1] or len(words.split()) >= _SHOWN_AGAIN_WORDS)
        )
    ]


def _runs(text: str, cues: list[Cue]) -> Iterator[tuple[int, int, int, Head | None]]:
    """(cue number, start, end, head) of each line of tag-free cue text; each tag as a ``Head`` with ``body`` -1,
    whose qualifier is the voice tag's name (``<v Name>``), empty for other tags."""
    cue_runs = [list(_cue_runs(text, cue, number)) for number, cue in enumerate(cues)]
    lines = [[run for run in runs if run[3] is None or run[3].body >= 0] for runs in cue_runs]
    said = [[" ".join(text[start:end].split()).casefold() for _, start, end, _ in cue] for cue in lines]
    # Roll-up captions (broadcast, CART, some live-caption exports) show each row twice: a cue's first line
    # repeats the last line of the cue before, and the new words come below it. Read once, not twice: a row of
    # three words or more wherever it repeats, and any row ("Ouch.", "suppliers.") where most cues roll up.
    repeats, last_line = [], ""  # the previous cue's last line of words, lower-cased, spaces collapsed
    for cue in said:
        repeats.append(len(cue) >= 2 and cue[0] == last_line)
        last_line = cue[-1] if cue else last_line
    rolled = sum(1 for repeat, cue in zip(repeats, said, strict=True) if repeat and len(cue[0].split()) >= 3)
    rolling = rolled >= 3 and rolled * 2 >= sum(1 for cue in said if len(cue) >= 2)
    for runs, cue_lines, cue_said, repeat in zip(cue_runs, lines, said, repeats, strict=True):
        if repeat and (rolling or len(cue_said[0].split()) >= 3):
            runs.remove(cue_lines[0])
        yield from runs


def _cue_runs(text: str, cue: Cue, number: int) -> Iterator[tuple[int, int, int, Head | None]]:
    run_start = cue.text_start
    if cue.speaker:  # named by its identifier: as a voice tag at the start of its text
        yield number, cue.text_start, cue.text_start, Head(None, None, -1, qualifier=cue.speaker)
    for tag in CUE_TAG.finditer(text, cue.text_start, cue.text_end):
        yield from _lines(text, run_start, tag.start(), number)
        voice = _VOICE.fullmatch(tag.group())
        name = " ".join(voice["name"].split()) if voice else ""
        yield number, tag.start(), tag.end(), Head(None, None, -1, qualifier=name)
        run_start = tag.end()
    yield from _lines(text, run_start, cue.text_end, number)


# Broadcast captions change speaker mid-line too: "WHAT WOULD YOU WANT INSTEAD? >> ROSA DELGADO: ENGINE CODES."
# Another speaker's label inside a cue's line: after broadcast chevrons (">> Dana: ..."), or after the end of a
# sentence ("... a team of twelve. Sam Ortiz: Twelve for two thousand?", "... circus". [SPEAKER_00]: Ha."), or a
# bracketed label anywhere: read as a label only where it names a speaker heard elsewhere in the file
# (``_labels_a_turn``), else the line goes on.
_SPEAKER_CHANGE = re.compile(
    r"[ \t]+(?=>>[ \t]*[^\W\d_][^:\n]{0,40}:)"
    # a recogniser's bracketed label wherever it falls, mid-sentence too ("... close out, [SPEAKER_01]: Oh no.
    # [SPEAKER_00]: because ...": tester 46)
    r"|[ \t]+(?=\[[^\]\n]{1,40}\]:[ \t])"
    # not after an honorific's dot: "Dr. Helen Ames: ..." is one label (tester 11)
    r"|(?<=[.?!\"”])(?<!\bDr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bMrs\.)(?<!\bProf\.)(?<!\bSt\.)"
    r"[ \t]+(?=(?:\[[^\]\n]{1,40}\]|[^\W\d_][\w.'’-]*(?:[ \t]+[^\W\d_][\w.'’-]*){0,3}):[ \t])"
)


def _lines(text: str, start: int, end: int, number: int) -> Iterator[tuple[int, int, int, Head | None]]:
    line_start = start
    while line_start <= end:
        line_end = text.find("\n", line_start, end)
        line_end = end if line_end < 0 else line_end
        piece_start = line_start
        for change in _SPEAKER_CHANGE.finditer(text, line_start, line_end):
            if text[piece_start : change.start()].strip():
                yield number, piece_start, change.start(), read_head(text[piece_start : change.start()])
            piece_start = change.end()
        if text[piece_start:line_end].strip():
            yield number, piece_start, line_end, read_head(text[piece_start:line_end])
        line_start = line_end + 1
