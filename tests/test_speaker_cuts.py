"""A sentence a diarisation error cut in two across speaker labels is given back to its speaker (tester 15)."""

from __future__ import annotations

import json
from dataclasses import replace

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


def test_words_never_move_between_speakers_a_meeting_tool_names_or_after_a_question_left_unmarked():
    """Teams and Zoom name each microphone: "The tool we use for rotas right now is" / "probably a spreadsheet, I'm
    guessing." is the interviewer's guess, not the buyer's words (tester 34). And a question the recogniser left
    without its mark is no sentence the answer ends: "What would make you switch to a new tool" / "would have to
    connect to our accounting system on day one." stays the buyer's."""
    named = [Turn("Oluwaseun Adebayo", "The tool we use for rotas right now is", 0, 38, 1, 10.0, 13.0),
             Turn("Mei Lin", "probably a spreadsheet, I'm guessing.", 39, 76, 2, 13.1, 15.0)]  # fmt: skip
    assert continued_sentences(named) == named
    asked = turns("would have to connect to our accounting system on day one.", first="What would make you switch")
    assert continued_sentences([replace(t, speaker=f"SPEAKER_0{n}") for n, t in enumerate(asked)]) == [
        replace(t, speaker=f"SPEAKER_0{n}") for n, t in enumerate(asked)
    ]
    cut = [replace(t, speaker=f"SPEAKER_0{n}") for n, t in enumerate(turns("match forty payments by hand."))]
    assert [t.speaker for t in continued_sentences(cut)] == ["SPEAKER_00", "SPEAKER_00"]


def test_an_answers_first_word_under_the_askers_label_is_the_answers():
    """The recogniser put "It" under the interviewer ("What would make you switch to a new tool? It" / "would have to
    connect ..."): the writer gives it to the buyer, and the buyer's sentence is never moved to the asker."""
    from voiceofbuyer.ingest.speaker_cuts import answer_opening, continuation_end

    asked, answer = "What would make you switch to a new tool? It", "would have to connect to our ledger on day one."
    assert answer_opening(asked, answer) == len("It")
    assert continuation_end(asked, 28.6, answer, 28.6) is None
    assert answer_opening("Bank transfer mostly, so every morning my team has to", "match forty payments.") == 0
