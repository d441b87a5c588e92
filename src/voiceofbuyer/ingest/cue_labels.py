"""How a cue file labels its speakers: on every cue it knows the speaker of, or on a turn's first cue only; whether
a named voice is the one asking; names written on a line of their own above the words. Where every cue is labelled, a
cue without a label is a voice the tool could not name, not the turn before going on (``cues.cue_turns``)."""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict

from voiceofbuyer.ingest.labels import Head, looks_like_name
from voiceofbuyer.ingest.speaker_vote import SpeakerVote

Run = tuple[int, int, int, Head | None]
"""A cue's run of text: its cue number, its span (character offsets) and the label that opens it, if any."""


def labels_every_cue(text: str, runs: list[Run], vote: SpeakerVote) -> str | None:
    """Whether the tool labels every cue it knows the speaker of, not only a turn's first: WhisperX ("[SPEAKER_01]:
    ..." on three in four cues or more), or Zoom, whose cues repeat the speaker's name from cue to cue ("Priya Raman:
    Sure. ..." / "Priya Raman: We have entities ...", or on both sides of unnamed cues; twice or more), or whose named
    voice's questions are answered by cues without a name (three times or more, two in three of its questions);
    names on three cues in ten or more. Five cues or more.
    Then a cue without a label is no turn going on, as it is in files that label only a turn's first cue, but a
    voice the tool could not name. "whisperx", "names" or None."""
    first: dict[int, Head | None] = {}
    asking: dict[int, bool] = {}  # by cue: its words end in a question
    ended: dict[int, bool] = {}  # by cue: its words end a sentence
    for number, start, end, head in runs:
        first.setdefault(number, head)
        asking[number] = text[start:end].rstrip().endswith("?")
        ended[number] = text[start:end].rstrip().endswith((".", "?", "!", "…", '"', "”"))
    labels = [head.speaker if head is not None and head.speaker and vote.is_speaker(head) else None
              for head in first.values()]  # fmt: skip
    named = [label for label in labels if label]
    whisperx = all(re.fullmatch(r"SPEAKER_\d+", speaker) for speaker in named) and len(named) >= 0.75 * len(first)
    pairs = list(itertools.pairwise(zip(labels, asking.values(), strict=True)))
    repeated = sum(1 for (one, _), (other, _) in pairs if one and one == other)
    # A name on both sides of cues without one ("Daniel Osei: ..." / "Sorry, can I just ask ...?" / "Daniel Osei:
    # ..."): where only a turn's first cue is named, the same name would not open a turn again after its own words
    # ..., where a name also repeats cue to cue: a tool naming each paragraph (Descript) names a voice again after
    # its own unnamed cues, never twice in a row
    repeated += _named_around_unnamed(labels, list(ended.values())) if repeated else 0
    # A named voice's questions answered, again and again, by cues without a name: someone the tool did not name
    questions = [after for (label, asked), (after, _) in pairs if label and asked]
    answered = sum(1 for after in questions if after is None)
    if len(first) < 5:
        return None
    if whisperx:
        return "whisperx"
    every_cue = repeated >= 2 or (answered >= 3 and answered * 3 >= len(questions) * 2)
    return "names" if every_cue and len(named) >= 0.3 * len(first) else None


def _named_around_unnamed(labels: list[str | None], ended: list[bool]) -> int:
    """How many runs of cues without a name have the same name on both sides, the cue before them ending its
    sentence (where it does not, "wrong by" / "Tuesday.", the unnamed cue goes on with it)."""
    found, last, between = 0, None, False
    for index, label in enumerate(labels):
        if label is None:
            between = between or (index > 0 and ended[index - 1] and labels[index - 1] is not None)
            continue
        found += between and label == last
        last, between = label, False
    return found


def names_an_asker(text: str, runs: list[Run], vote: SpeakerVote) -> bool:
    """Whether a named speaker asks the questions (two cues or more, a third of theirs or more, end asking): then
    the unnamed voice that answers is the one interviewed; where the names only answer, it is the interviewer."""
    asked: Counter[str] = Counter()
    cues: Counter[str] = Counter()
    for _, start, end, head in runs:
        if head is not None and head.speaker and vote.is_speaker(head) and head.body >= 0:
            cues[head.speaker] += 1
            asked[head.speaker] += text[start:end].rstrip().endswith("?")
    return any(asked[name] >= 2 and asked[name] * 3 >= count for name, count in cues.items())


def names_on_own_line(text: str, runs: list[Run]) -> dict[int, str]:
    """Speakers written alone on the first line of their cues, the words below (``Aisha Okafor`` / ``I'm head of
    ...``), by the line's start: a name-shaped line without a label's colon that opens two cues or more."""
    lines_of: dict[int, list[tuple[int, int, Head | None]]] = defaultdict(list)  # cue number → its lines, not tags
    for number, start, end, head in runs:
        if head is None or head.body >= 0:
            lines_of[number].append((start, end, head))
    firsts: dict[int, str] = {}
    for (start, end, head), *below in lines_of.values():
        line = " ".join(text[start:end].split())
        unlabelled = head is None or not head.speaker
        before_tag = text.startswith("<", end)  # "a<00:00:17.624><c> team</c>": a word timed, not a name's line
        if (
            below
            and unlabelled
            and not before_tag
            and looks_like_name(line)
            and not line.endswith((".", "?", "!", ","))
        ):
            firsts[start] = line
    counts = Counter(firsts.values())
    return {start: line for start, line in firsts.items() if counts[line] >= 2}
