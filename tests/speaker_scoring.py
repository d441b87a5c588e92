"""Scoring who-spoke-when against reference labels, for the real-speech tests and ``benchmarks/speakers.py``.

References are RTTM files (``SPEAKER <uri> 1 <start> <duration> <NA> <NA> <speaker> <NA> <NA>``); hypotheses are
the project's JSON transcripts (turns with a speaker, a start and an end, in seconds). Scored on 10 ms frames:

- **diarization error rate** (missed speech + false alarm + speaker confusion) / reference speech, after the best
  one-to-one mapping of hypothesis to reference speakers (Hungarian), with the usual 0.25 s collar around every
  reference boundary left unscored, and overlapped reference speech left out (the project gives one speaker
  per word, as the NIST single-speaker scoring does);
- **right-speaker share**: reference speech time whose hypothesis speaker is the mapped one;
- **speaker count**: hypothesis speakers against reference speakers, and against the reference speakers who say
  enough to be counted (``COUNTABLE_SECONDS`` of speech: someone who says "yeah" once in 30 s leaves no voice to
  count).

And per word (``words_to_right_speaker``): the share of transcribed words, among those whose middle falls in one
reference speaker's speech (not in silence, not in overlap), given to that speaker after the best one-to-one
mapping of labels: the measure a reader of the transcript sees, free of how turns are timed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

FRAME_SECONDS = 0.01
COLLAR_SECONDS = 0.25
COUNTABLE_SECONDS = 3.0


@dataclass(frozen=True)
class Segment:
    speaker: str
    start: float
    end: float


@dataclass(frozen=True)
class SpeakerScore:
    der: float
    missed: float
    false_alarm: float
    confusion: float
    right_speaker: float
    """Share of scored reference speech time given to the right speaker."""
    reference_speakers: int
    hypothesis_speakers: int
    countable_speakers: int
    """Reference speakers with at least ``COUNTABLE_SECONDS`` of speech."""


def read_rttm(path: Path) -> list[Segment]:
    """The SPEAKER lines of an RTTM file as segments."""
    segments = []
    for line in path.read_text("utf-8").splitlines():
        fields = line.split()
        if fields and fields[0] == "SPEAKER":
            start, duration = float(fields[3]), float(fields[4])
            segments.append(Segment(fields[7], start, start + duration))
    return segments


def transcript_segments(transcript: dict) -> list[Segment]:
    """The turns of a project JSON transcript as segments."""
    return [Segment(turn["speaker"], float(turn["start"]), float(turn["end"])) for turn in transcript["turns"]]


def words_to_right_speaker(reference: Sequence[Segment], transcript: dict) -> tuple[float, int]:
    """(share of scored words given to the right speaker, words scored) of a project JSON transcript."""
    pairs = []
    for turn in transcript["turns"]:
        for word in turn["words"]:
            middle = (word["start"] + word["end"]) / 2
            speaking = {segment.speaker for segment in reference if segment.start <= middle <= segment.end}
            if len(speaking) == 1:
                pairs.append((turn["speaker"], speaking.pop()))
    if not pairs:
        return 0.0, 0
    hypothesis, truth = sorted({h for h, _ in pairs}), sorted({r for _, r in pairs})
    counts = np.zeros((len(hypothesis), len(truth)))
    for h, r in pairs:
        counts[hypothesis.index(h), truth.index(r)] += 1
    rows, cols = linear_sum_assignment(-counts)
    return round(float(counts[rows, cols].sum()) / len(pairs), 3), len(pairs)


def _frames(segments: Iterable[Segment], speakers: Sequence[str], count: int) -> np.ndarray:
    """(speakers, frames) booleans: who speaks in each frame."""
    grid = np.zeros((len(speakers), count), dtype=bool)
    for segment in segments:
        first, last = round(segment.start / FRAME_SECONDS), round(segment.end / FRAME_SECONDS)
        grid[speakers.index(segment.speaker), first:last] = True
    return grid


def score(reference: Sequence[Segment], hypothesis: Sequence[Segment], duration: float) -> SpeakerScore:
    """The scores of ``hypothesis`` against ``reference`` over ``duration`` seconds (see the module)."""
    count = int(np.ceil(duration / FRAME_SECONDS)) + 1
    ref_speakers = sorted({s.speaker for s in reference})
    hyp_speakers = sorted({s.speaker for s in hypothesis})
    ref, hyp = _frames(reference, ref_speakers, count), _frames(hypothesis, hyp_speakers, count)
    scored = ref.sum(axis=0) <= 1
    collar = round(COLLAR_SECONDS / FRAME_SECONDS)
    for segment in reference:
        for boundary in (segment.start, segment.end):
            frame = round(boundary / FRAME_SECONDS)
            scored[max(0, frame - collar) : frame + collar] = False
    ref, hyp = ref[:, scored], hyp[:, scored]
    # A frame of the hypothesis belongs to one speaker: the first of any that overlap (turns rarely do).
    hyp_label = np.where(hyp.any(axis=0), hyp.argmax(axis=0), -1)
    ref_label = np.where(ref.any(axis=0), ref.argmax(axis=0), -1)
    overlap = np.zeros((len(ref_speakers), max(len(hyp_speakers), 1)))
    for r, h in zip(ref_label, hyp_label, strict=True):
        if r >= 0 and h >= 0:
            overlap[r, h] += 1
    rows, cols = linear_sum_assignment(-overlap)
    mapped = dict(zip(cols.tolist(), rows.tolist(), strict=True))
    speech = int((ref_label >= 0).sum()) or 1
    missed = int(((ref_label >= 0) & (hyp_label < 0)).sum())
    false_alarm = int(((ref_label < 0) & (hyp_label >= 0)).sum())
    right = sum(int(overlap[r, h]) for h, r in mapped.items())
    confusion = int(((ref_label >= 0) & (hyp_label >= 0)).sum()) - right
    return SpeakerScore(
        der=round((missed + false_alarm + confusion) / speech, 3),
        missed=round(missed / speech, 3),
        false_alarm=round(false_alarm / speech, 3),
        confusion=round(confusion / speech, 3),
        right_speaker=round(right / speech, 3),
        reference_speakers=len(ref_speakers),
        hypothesis_speakers=len(hyp_speakers),
        countable_speakers=sum(
            sum(s.end - s.start for s in reference if s.speaker == speaker) >= COUNTABLE_SECONDS
            for speaker in ref_speakers
        ),
    )
