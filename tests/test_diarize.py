"""Telling voices apart: the clustering of voice pieces (``audio/diarize.py``) on vectors made for the test."""

from __future__ import annotations

import numpy as np

from voiceofbuyer.audio.asr import SpokenWord
from voiceofbuyer.audio.diarize import GE2E_CALIBRATION, Piece, by_voice


def test_one_odd_piece_does_not_make_a_speaker_of_its_own():
    """Two similar voices (cosine 0.5) and one odd piece unlike either: average linkage's top split cuts off the
    odd piece, a "speaker" with under 5% of the speech; the clustering then starts from k-means instead, and the
    two voices are told apart (on a real phone call this was 56% of words right at confidence 0.97)."""
    rng = np.random.default_rng(0)
    a, b, odd = np.eye(8)[0], 0.5 * np.eye(8)[0] + np.sqrt(0.75) * np.eye(8)[1], np.eye(8)[7]
    pieces, words, truth = [], [], []
    for index in range(40):
        voice = a if (index // 5) % 2 == 0 else b  # turns of five pieces each
        vector = voice + rng.normal(scale=0.05, size=8)
        pieces.append(Piece(index * 2.0, index * 2.0 + 1.5, vector / np.linalg.norm(vector)))
        words.append(SpokenWord(f"w{index}", index * 2.0 + 0.5, index * 2.0 + 1.0))
        truth.append(int(voice is b))
    pieces.append(Piece(80.0, 81.0, odd))
    words.append(SpokenWord("odd", 80.2, 80.8))
    speakers = by_voice(words, pieces, 2, GE2E_CALIBRATION)
    labels = speakers.labels[:40]
    assert speakers.count == 2 and labels == tuple(truth), labels
