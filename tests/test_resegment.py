"""Re-segmentation: words near a change of speaker decided again from short pieces, the rest left alone."""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from voiceofbuyer.audio.asr import SpokenWord
from voiceofbuyer.audio.diarize import Piece, Speakers
from voiceofbuyer.audio.resegment import HOP_SECONDS, PIECE_SECONDS, REACH_SECONDS, changes, resegment, spans_near

VOICES = ((1.0, 0.0), (0.0, 1.0))


def talk(start: float, end: float, step: float = 0.5) -> list[SpokenWord]:
    """Words of ``step`` seconds with no pause between them."""
    return [SpokenWord(f"w{t:.1f}", t, t + step) for t in np.arange(start, end, step).round(2)]


def speaker_at(seconds: float, change: float) -> int:
    return 0 if seconds < change else 1


def pieces_for(spans: list[tuple[float, float]], change: float) -> list[Piece]:
    """Short pieces whose vector is the voice speaking at their centre: what a good model gives."""
    return [Piece(s, e, np.array(VOICES[speaker_at((s + e) / 2, change)])) for s, e in spans]


def test_words_at_a_change_go_to_the_voice_of_the_short_piece_around_them():
    words = talk(0.0, 10.0)
    true_change, coarse_change = 5.0, 6.0  # a 1.5 s piece over the change gave two of the next words to the first voice
    coarse = Speakers(tuple(speaker_at(w.start, coarse_change) for w in words), 2, "voices", 0.9, VOICES)
    spans = spans_near(words, changes(words, coarse))
    assert changes(words, coarse) == [6.0]
    assert spans and all(abs((s + e) / 2 - 6.0) <= REACH_SECONDS and e - s == PIECE_SECONDS for s, e in spans)
    assert all(round((b[0] - a[0]) / HOP_SECONDS, 6) == 1 for a, b in pairwise(spans))
    fixed = resegment(words, coarse, pieces_for(spans, true_change))
    assert fixed.labels == tuple(speaker_at(w.start, true_change) for w in words)
    assert (fixed.count, fixed.method, fixed.confidence, fixed.voices) == (2, "voices", 0.9, VOICES)


def test_words_far_from_any_change_keep_their_speaker():
    words = talk(0.0, 20.0)
    coarse = Speakers(tuple(speaker_at(w.start, 15.0) for w in words), 2, "voices", 0.9, VOICES)
    # Pieces everywhere say voice 1: only the words near the change at 15 s may follow them.
    everywhere = [Piece(t, t + PIECE_SECONDS, np.array(VOICES[1])) for t in np.arange(0.0, 19.0, HOP_SECONDS)]
    fixed = resegment(words, coarse, everywhere)
    for word, before, after in zip(words, coarse.labels, fixed.labels, strict=True):
        if abs((word.start + word.end) / 2 - 15.0) > REACH_SECONDS - PIECE_SECONDS / 2:
            assert after == before, word
    assert fixed.labels != coarse.labels and fixed.count == 2


def test_a_voice_left_without_words_is_dropped_and_the_rest_renumbered():
    words = talk(0.0, 3.0)
    coarse = Speakers(tuple(speaker_at(w.start, 1.5) for w in words), 2, "voices", 0.7, VOICES)
    every = [Piece(t, t + PIECE_SECONDS, np.array(VOICES[1])) for t in np.arange(0.0, 2.5, HOP_SECONDS)]
    fixed = resegment(words, coarse, every)
    assert fixed.labels == (0,) * len(words) and fixed.count == 1 and fixed.voices == (VOICES[1],)


def test_short_pieces_stay_within_stretches_of_talk_near_a_change():
    words = talk(0.0, 4.0) + talk(4.5, 5.0) + talk(30.0, 40.0)  # a pause after 4 s and a long one before 30 s
    coarse = Speakers(tuple(0 if w.start < 4.5 else 1 for w in words), 2, "voices", 1.0, VOICES)
    spans = spans_near(words, changes(words, coarse))
    assert spans and all(e <= 4.0 or (s >= 4.5 - PIECE_SECONDS and e <= 5.25) for s, e in spans)
    assert not any(s >= 30.0 for s, _ in spans)  # nowhere near the change


def test_without_voices_or_short_pieces_nothing_changes():
    words = talk(0.0, 3.0)
    single = Speakers((0,) * len(words), 1, "single", 1.0)
    assert resegment(words, single, pieces_for([(0.0, 1.0)], 1.0)) is single
    two = Speakers(tuple(speaker_at(w.start, 1.5) for w in words), 2, "voices", 1.0, VOICES)
    assert resegment(words, two, []) is two
