"""An unmoderated test's transcript (UserTesting, Maze, Lyssna, Userlytics): numbered task headings ("Task 1 of 4",
"Task 2:", "## Question 3", Maze's "## Mission 2 — ..."), each followed by the task's written prompt, then the
participant's think-aloud in paragraphs that open with a time stamp and name no speaker.

Read by its labels, such a file's header ("Test: Vendor onboarding prototype v3", "Contributor: 4417302") gave the
two speakers, and every word the participant said was lost (tester 39). Here each task's prompt is the interviewing
side's (the test asks) and each stamped paragraph the participant's: the only voice in the recording, so no guess.
"""

from __future__ import annotations

import re

from voiceofbuyer.ingest.metadata import header_metadata
from voiceofbuyer.ingest.timestamps import TEXT_TIME, parse_time
from voiceofbuyer.ingest.turns import Parsed, line_spans, turn_at
from voiceofbuyer.ingest.unlabelled import INTERVIEWEE, INTERVIEWER
from voiceofbuyer.ingest.voice_memo import own_name
from voiceofbuyer.records import InterviewMeta, Turn

_TASK = re.compile(
    r"[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*)?(?:task|question|prompt|step|mission|scenario)[ \t]+\d{1,2}"
    r"(?:[ \t]*(?:of|/)[ \t]*\d{1,2})?"
    r"(?:\*\*)?(?:[ \t]*[:.–—-][^\n]{0,80})?[ \t]*",
    re.I,
)
_STAMP = re.compile(rf"[ \t]*[\[(]?(?P<time>{TEXT_TIME})[\])]?(?:[ \t]+(?P<said>\S[^\n]*))?[ \t]*")
_LABEL = re.compile(r"[^\W\d][\w .'’-]{0,30}:\s")
"""A speaker's label after a stamp ("00:00:04 Dana Whitlock: ..."): a moderated transcript, read by its labels."""
_OPENING_CHARS = 600
"""How far into the participant's words they say their name ("Hi, my name is Carla Mendes, ...")."""
MIN_TASKS = 2
"""Fewest task headings, and stamped paragraphs, that make a file an unmoderated test."""


def task_prompt_turns(text: str, source: str, body: int = 0) -> Parsed | None:
    """The test's turns from offset ``body`` on (a line start): each task's prompt as the interviewer's, each stamped
    paragraph, with its time, as the interviewee's, named as they name themselves ("Hi, my name is Carla Mendes");
    the header lines above the first task as metadata. None where ``text`` is no such test: fewer than
    ``MIN_TASKS`` task headings or stamped lines, or a stamp followed by a speaker's label."""
    lines = [(number, start, end) for number, (start, end) in enumerate(line_spans(text), 1) if start >= body]
    tasks = [number for number, start, end in lines if _TASK.fullmatch(text, start, end)]
    stamps = [_STAMP.fullmatch(text, start, end) for _, start, end in lines]
    if len(tasks) < MIN_TASKS or sum(1 for stamp in stamps if stamp) < MIN_TASKS:
        return None
    if any(stamp and stamp["said"] and _LABEL.match(stamp["said"]) for stamp in stamps):
        return None
    header = [text[start:end] for number, start, end in lines if number < tasks[0] and text[start:end].strip()]
    turns: list[Turn] = []
    speaker, time, span, first_line = "", None, None, 0

    def close() -> None:
        if span is not None and (turn := turn_at(text, *span, speaker, first_line, time)) is not None:
            turns.append(turn)

    for (number, start, end), stamp in zip(lines, stamps, strict=True):
        blank = not text[start:end].strip()
        if number < tasks[0] or (blank and speaker == INTERVIEWEE):
            continue  # the header; a blank line between paragraphs of the same voice
        if number in tasks or stamp:
            close()
            speaker, span, first_line = (INTERVIEWEE, None, number) if stamp else (INTERVIEWER, None, number + 1)
            time = parse_time(stamp["time"]) if stamp else None
            if stamp and stamp["said"]:
                span = (stamp.start("said"), end)
        elif not blank:
            span = (start, end) if span is None else (span[0], end)
    close()
    said = " ".join(turn.text for turn in turns if turn.speaker == INTERVIEWEE)
    meta = InterviewMeta(interviewee=own_name(said[:_OPENING_CHARS])).merged(
        header_metadata(header, source, lines[0][0])
    )
    return Parsed(text, tuple(turns), meta)
