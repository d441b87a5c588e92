"""A sentence a diarisation error cut in two across speaker labels is given back to its speaker (tester 15)."""

from __future__ import annotations

import json

import pytest

from voiceofbuyer.ingest.reader import read_interview
from voiceofbuyer.ingest.speaker_cuts import continued_sentences
from voiceofbuyer.records import Turn

SEGMENTS = [
    ("SPEAKER_00", 15.8, 20.4, "How do customers usually pay you?"),
    ("SPEAKER_01", 21.0, 31.5, "Bank transfer mostly, so every morning my team has to"),
    ("SPEAKER_00", 31.5, 36.2, "match forty payments by hand against open invoices. How long does that take?"),
    ("SPEAKER_01", 36.3, 44.0, "Two people until about eleven."),
]


def test_a_whisperx_sentence_end_under_the_interviewers_label_is_the_buyers(tmp_path):
    """The end goes back to the buyer, timed by its words; the question after it stays the interviewer's."""
    segments = [{"speaker": speaker, "start": start, "end": end, "text": f" {text}"}
                for speaker, start, end, text in SEGMENTS]  # fmt: skip
    (tmp_path / "call.json").write_text(json.dumps({"segments": segments}), "utf-8")
    interview = read_interview(tmp_path / "call.json", tmp_path)
    said = [(turn.speaker, turn.text) for turn in interview.turns]
    assert said[2:4] == [
        ("SPEAKER_01", "match forty payments by hand against open invoices."),
        ("SPEAKER_00", "How long does that take?"),
    ]
    assert all(interview.text[t.start_char : t.end_char] == t.text for t in interview.turns)
    moved, rest = interview.turns[2:4]
    assert 31.5 <= moved.start < moved.end <= rest.start < rest.end <= 36.2


def turns(second: str, gap: float = 0.0, first: str = "so every morning my team has to") -> list[Turn]:
    text = f"{first}\n{second}"
    return [Turn("A", first, 0, len(first), 1, 20.0, 31.5),
            Turn("B", second, len(first) + 1, len(text), 2, 31.5 + gap, 36.0)]  # fmt: skip


@pytest.mark.parametrize(
    "kept",
    [
        turns("match forty payments by hand?"),  # a question is the other side's
        turns("okay, and then what happens."),  # a turn of one's own
        turns("match forty payments by hand.", gap=1.2),  # a pause
        turns("match forty payments by hand.", first="So every morning my team matches them."),  # finished
        turns("match forty payments by hand"),  # no full stop anywhere: captions without punctuation
    ],
)
def test_what_is_no_sentence_cut_in_two_stays_as_it_was(kept):
    assert continued_sentences(kept) == kept
