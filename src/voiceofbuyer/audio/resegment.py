"""Re-segmentation: the words around each change of speaker decided again from pieces centred closer to them.

Clustering uses a piece every 0.75 s (``diarize.PIECE_HOP_SECONDS``), and a word takes the voice of the piece
centred nearest to it: near a change of speaker inside a stretch of talk, that piece may be centred up to 0.4 s
away and lie mostly over the other voice, so the last words of one turn or the first of the next go to the wrong
person. Once the voices are known, near each change, spans of ``PIECE_SECONDS`` every ``HOP_SECONDS`` are embedded
in a second pass over the audio (each in at least the embedder's own minimum window centred on it: 1.5 s for the
filterbank models) and compared with the voices found, and each word within ``WORD_REACH_SECONDS`` of the change
takes the voice of the piece centred nearest to it.

On the 15 real recordings of ``tests/fixtures/real_speech`` (CAM++), this raised the words given to the right
speaker on the two-person ones from 93.1% to 95.4%, and over all of them from 95.9% to 96.5%. Only the stretches
near changes are embedded again, so it costs a fraction of the first pass.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

import numpy as np

from .asr import SpokenWord
from .diarize import Piece, Speakers, pieces_of

PIECE_SECONDS = 1.0
HOP_SECONDS = 0.25
REACH_SECONDS = 2.5
"""Short pieces are embedded whose centre lies this close to a change of speaker."""
WORD_REACH_SECONDS = REACH_SECONDS - PIECE_SECONDS / 2
"""Words whose middle lies this close to a change are decided again (farther ones keep their speaker)."""


def changes(words: Sequence[SpokenWord], speakers: Speakers) -> list[float]:
    """Times (seconds) between consecutive words of different speakers, in order."""
    labels = speakers.labels
    return [(words[i - 1].end + words[i].start) / 2 for i in range(1, len(words)) if labels[i] != labels[i - 1]]


def spans_near(words: Sequence[SpokenWord], at: Sequence[float]) -> list[tuple[float, float]]:
    """(start, end) spans (seconds) of the short pieces to embed: ``diarize.pieces_of`` with ``PIECE_SECONDS`` every
    ``HOP_SECONDS``, those centred within ``REACH_SECONDS`` of a time in ``at`` (sorted)."""
    spans = pieces_of(words, PIECE_SECONDS, HOP_SECONDS)
    return [span for span in spans if _near(at, (span[0] + span[1]) / 2, REACH_SECONDS)]


def resegment(words: Sequence[SpokenWord], speakers: Speakers, pieces: Sequence[Piece]) -> Speakers:
    """``speakers`` with each word near a change given the voice (of ``speakers.voices``) most like the short piece
    centred nearest to it; labels renumbered in order of first appearance. Unchanged without voices or pieces."""
    if len(speakers.voices) < 2 or not pieces:
        return speakers
    at = changes(words, speakers)
    pieces = sorted(pieces, key=lambda piece: (piece.start, piece.end))
    starts = [piece.start for piece in pieces]
    voices = np.array(speakers.voices)
    nearest = (np.stack([piece.vector for piece in pieces]) @ voices.T).argmax(axis=1)
    labels = list(speakers.labels)
    for index, word in enumerate(words):
        middle = (word.start + word.end) / 2
        if _near(at, middle, WORD_REACH_SECONDS):
            near = range(bisect_left(starts, middle - PIECE_SECONDS), bisect_right(starts, middle))
            if near:
                closest = min(near, key=lambda i: abs((pieces[i].start + pieces[i].end) / 2 - middle))
                labels[index] = int(nearest[closest])
    order = list(dict.fromkeys(labels))
    return Speakers(
        tuple(order.index(label) for label in labels),
        len(order),
        speakers.method,
        speakers.confidence,
        tuple(speakers.voices[old] for old in order),
    )


def _near(at: Sequence[float], time: float, reach: float) -> bool:
    """Whether some time in ``at`` (sorted) lies within ``reach`` of ``time``."""
    return bisect_right(at, time + reach) > bisect_left(at, time - reach)
