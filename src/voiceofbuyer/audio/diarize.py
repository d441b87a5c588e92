"""Who said each word: by channel when each speaker has their own, else by voice.

- **Channels** (``channels.ChannelLevels``). Call recorders often put each side of a call on its own stereo
  channel. When, in the first window of a stereo recording, most speech is clearly louder on one channel than the
  other (and each channel leads some of the time), a word belongs to the channel where it is loudest.
- **Voices.** Otherwise the speech is cut into pieces of about 1.5 s within stretches of talk without a
  pause; each piece gets a speaker embedding (a ``VoiceEmbedder``: CAM++ by default, see ``speaker_models``, or
  ``resemblyzer``'s GE2E encoder here); the pieces are clustered into the given number of speakers, or an
  estimated one (2 when unsure), with thresholds calibrated per model (``VoiceCalibration``); and a word
  belongs to the speaker of the piece centred nearest to it, so a turn splits where the voice changes.

Either way the result says how sure it is: the share of words (channels) or speech (voices) whose speaker
stands out clearly from the others. Two clearly different voices give about 1.0; two similar voices much
less, which the run summary reports.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from .asr import SpokenWord
from .decoding import SAMPLE_RATE

FRAME = SAMPLE_RATE // 100
"""10 ms frames, for channel levels and the encoder's mel spectrogram alike."""
PAUSE_SECONDS = 0.3
"""A gap between words at least this long ends a stretch of talk: no piece spans it."""
PIECE_SECONDS = 1.5
PIECE_HOP_SECONDS = 0.75
MIN_PIECE_SECONDS = 0.5
RELIABLE_PIECE_SECONDS = 1.0
"""Shorter pieces ("Yes.") carry too little voice to shape the clusters; they are only assigned."""
MAX_SPEAKERS = 6
MIN_VOICE_PIECES = 3
"""A voice heard in fewer reliable pieces than this is never clearly attributed: too little of it to tell whether
it is one voice (on a 30 s meeting excerpt, four people in four pieces clustered as two tight voices)."""
MAX_FITTED_PIECES = 1500
"""Clusters are fitted on at most this many pieces (evenly spaced), so an hour stays cheap; all are assigned."""
MIN_SPEAKER_SHARE = 0.05
"""An estimated speaker must hold at least this share of the speech."""
_LENGTH_STEP = 25
"""Piece lengths are rounded to this many frames, so the encoder sees few distinct shapes."""


@dataclass(frozen=True)
class VoiceCalibration:
    """How one speaker-embedding model's cosines read: each model spreads a voice's pieces differently."""

    one_voice_tightness: float
    """The weighted mean cosine of one voice's pieces to their centre is at least this; a cluster below it likely
    holds two voices: the count rises while the split does not lower the silhouette, and its speech is never
    counted as clearly attributed."""
    silhouette_gain: float
    """An estimated count starts at 2 (most interviews are two people) and rises by one while the silhouette (cosine)
    rises by at least this much."""
    clear_margin: float
    """A piece is clearly one speaker's when it is this much more similar (cosine) to them than to anyone else."""
    same_voice: float
    """A voice sample (a whole recording of one speaker) is this speaker's when at least this similar (cosine) to
    their mean voice."""


GE2E_CALIBRATION = VoiceCalibration(one_voice_tightness=0.85, silhouette_gain=0.08, clear_margin=0.1, same_voice=0.75)
"""resemblyzer's GE2E vectors: one voice's pieces sit at 0.87-0.98 of their centre on real recordings; on a real
two-person phone call the silhouette rose by 0.05 per extra (wrong) speaker, on a four-person one by 0.16 from 2
to 3."""


@dataclass(frozen=True)
class Speakers:
    """Each word's speaker (0, 1, ... in order of first appearance) and how they were told apart."""

    labels: tuple[int, ...]
    count: int
    method: str
    """``channels``, ``tracks`` (a recording per participant), ``voices`` or ``single`` (one speaker asked for, or
    too little speech to compare)."""
    confidence: float
    """Share of words (channels) or speech (voices) whose speaker stands out clearly, 0-1."""
    voices: tuple[tuple[float, ...], ...] = ()
    """Mean voice embedding of each speaker (voices only), to match a known interviewer's voice."""
    names: tuple[str, ...] = ()
    """Each speaker's name (tracks only: the participant each track is named after)."""


@dataclass(frozen=True)
class Piece:
    """A short span of talk, probably by one speaker, and its voice embedding."""

    start: float
    end: float
    vector: np.ndarray


class VoiceEmbedder(Protocol):
    """Spans of audio → voice embeddings."""

    name: str
    """Names the model (its vectors are comparable only with its own): part of the transcript's cache key."""
    calibration: VoiceCalibration

    def embed(self, samples: np.ndarray, offset: float, spans: list[tuple[float, float]]) -> list[Piece]:
        """Embeddings of ``(start, end)`` spans (seconds) of mono ``samples`` that start at ``offset`` seconds."""
        ...

    def embed_recording(self, samples: np.ndarray) -> np.ndarray:
        """One unit vector for a whole recording of one speaker (mono, 16 kHz): a voice sample."""
        ...


class ResemblyzerEmbedder:
    """resemblyzer's GE2E speaker encoder (``voice_encoder``) over the mel spectrogram of each span."""

    name = "ge2e"
    calibration = GE2E_CALIBRATION

    def embed_recording(self, samples: np.ndarray) -> np.ndarray:
        """resemblyzer's ``embed_utterance`` of a voice sample (mono, 16 kHz)."""
        from .voice_encoder import embed_utterance

        return embed_utterance(samples)

    def embed(self, samples: np.ndarray, offset: float, spans: list[tuple[float, float]]) -> list[Piece]:
        """A ``Piece`` per span, each embedded from a window of mel frames centred on it (its length rounded to
        ``_LENGTH_STEP`` frames), ordered by time; ``MissingComponent`` when resemblyzer's weights are not installed."""
        import torch

        from .voice_encoder import load_encoder, mel_spectrogram, normalize_volume

        if not spans or not samples.any():
            return []
        mel = mel_spectrogram(normalize_volume(samples))
        encoder = load_encoder()

        def encode(frames: np.ndarray) -> np.ndarray:
            with torch.inference_mode():
                return encoder(torch.from_numpy(frames)).numpy()

        threads = torch.get_num_threads()
        # One thread: on a busy machine, PyTorch's spinning OpenMP threads can make this small LSTM ten
        # times slower, and one thread costs less than that risk.
        torch.set_num_threads(1)
        try:
            return embed_spans(mel, offset, spans, _ge2e_length, encode, batch=64)
        finally:
            torch.set_num_threads(threads)


def _ge2e_length(seconds: float) -> int:
    """A span's window in mel frames: its length rounded to ``_LENGTH_STEP`` frames, at least one step."""
    return max(_LENGTH_STEP, round(seconds * 100 / _LENGTH_STEP) * _LENGTH_STEP)


def embed_spans(
    frames: np.ndarray,
    offset: float,
    spans: list[tuple[float, float]],
    length_of: Callable[[float], int],
    encode: Callable[[np.ndarray], np.ndarray],
    batch: int,
) -> list[Piece]:
    """A ``Piece`` per ``(start, end)`` span (seconds), ordered by time: ``encode`` (windows shaped
    ``(n, length, features)`` → ``(n, dimensions)``) over a window of ``frames`` (10 ms each, the first at
    ``offset`` seconds) centred on the span and ``length_of(seconds)`` frames long; windows of one length are
    encoded together, up to ``batch`` at a time."""
    by_length: dict[int, list[tuple[int, float, float]]] = {}
    for start, end in spans:
        length = length_of(end - start)
        centre = round(((start + end) / 2 - offset) * 100)
        first = min(max(0, centre - length // 2), max(0, len(frames) - length))
        by_length.setdefault(length, []).append((first, start, end))
    pieces: list[Piece] = []
    for length, items in sorted(by_length.items()):
        for begin in range(0, len(items), batch):
            chunk = items[begin : begin + batch]
            vectors = encode(np.stack([_frames(frames, first, length) for first, *_ in chunk]))
            pieces.extend(Piece(s, e, v) for (_, s, e), v in zip(chunk, vectors, strict=True))
    return sorted(pieces, key=lambda piece: (piece.start, piece.end))


def pieces_of(
    words: Sequence[SpokenWord], seconds: float = PIECE_SECONDS, hop: float = PIECE_HOP_SECONDS
) -> list[tuple[float, float]]:
    """(start, end) spans to embed: stretches of talk, cut into pieces ``seconds`` long every ``hop`` seconds when
    longer (a shorter stretch is one piece, at least ``MIN_PIECE_SECONDS``). Every word lies in a piece of its own
    stretch, and no piece reaches across a pause into another stretch."""
    spans: list[tuple[float, float]] = []
    for start, end in _runs(words):
        if end - start <= seconds:
            middle = (start + end) / 2
            half = max(end - start, MIN_PIECE_SECONDS) / 2
            spans.append((max(0.0, middle - half), middle + half))
            continue
        steps = int(np.ceil((end - start - seconds) / hop))
        for step in range(steps + 1):
            piece_start = min(start + step * hop, end - seconds)
            spans.append((piece_start, piece_start + seconds))
    return spans


def by_voice(
    words: Sequence[SpokenWord], pieces: Sequence[Piece], speakers: int, calibration: VoiceCalibration
) -> Speakers:
    """Cluster the pieces into ``speakers`` voices (0: estimate; at most one per piece) and give each word its nearest
    piece's; ``calibration``: how the pieces' embedding model spreads one voice."""
    if speakers == 1 or len(pieces) < 2:
        return Speakers((0,) * len(words), 1 if words else 0, "single", 1.0)
    vectors = np.stack([piece.vector for piece in pieces]).astype(np.float64)
    weights = np.array([piece.end - piece.start for piece in pieces])
    reliable = np.flatnonzero(weights >= RELIABLE_PIECE_SECONDS)
    fitted = reliable if len(reliable) >= 2 else np.arange(len(pieces))
    if len(fitted) > MAX_FITTED_PIECES:
        fitted = fitted[np.linspace(0, len(fitted) - 1, MAX_FITTED_PIECES).round().astype(int)]
    centroids = _fit(vectors[fitted], weights[fitted], min(speakers, len(fitted)), calibration)
    similarity = vectors @ centroids.T
    piece_labels = similarity.argmax(axis=1)
    ordered = np.sort(similarity, axis=1)
    margin = ordered[:, -1] - ordered[:, -2]
    # Clear: nearer one voice than any other by the margin, in a cluster tight enough to be one voice (a merged
    # pair of speakers is clearly apart from the rest yet not one person) and heard in enough reliable pieces to
    # tell (two pieces are always "tight").
    tight = _tightness(vectors, weights, piece_labels, centroids) >= calibration.one_voice_tightness
    heard = np.bincount(piece_labels[reliable], minlength=len(centroids)) >= MIN_VOICE_PIECES
    clear = (margin >= calibration.clear_margin) & tight[piece_labels] & heard[piece_labels]
    confidence = float(weights[clear].sum() / weights.sum())
    starts = [piece.start for piece in pieces]
    word_labels = [int(piece_labels[_piece_of(word, pieces, starts)]) for word in words]
    order = first_appearance(word_labels)
    labels = tuple(order.index(label) for label in word_labels)
    voices = tuple(tuple(round(float(x), 5) for x in centroids[old]) for old in order)
    return Speakers(labels, len(order), "voices", round(confidence, 3), voices)


@dataclass(frozen=True)
class _Clustering:
    centroids: np.ndarray
    """(count, 256) unit vectors."""
    silhouette: float
    """-1 when the clustering is not a valid estimate (one cluster left, or one under ``MIN_SPEAKER_SHARE``)."""
    loose: bool
    """Some cluster is less tight than one voice (``VoiceCalibration.one_voice_tightness``)."""


def _fit(vectors: np.ndarray, weights: np.ndarray, speakers: int, calibration: VoiceCalibration) -> np.ndarray:
    """Unit centroids of ``speakers`` voices, or of an estimated count (see ``VoiceCalibration``): average-linkage
    clustering (cosine), refined by a few spherical k-means steps."""
    from scipy.cluster.hierarchy import linkage

    tree = linkage(vectors, method="average", metric="cosine")
    if speakers:
        return _clustering(tree, vectors, weights, speakers, calibration).centroids
    best = _clustering(tree, vectors, weights, 2, calibration)
    for count in range(3, min(MAX_SPEAKERS, len(vectors) - 1) + 1):
        candidate = _clustering(tree, vectors, weights, count, calibration)
        gain = candidate.silhouette - best.silhouette
        if candidate.silhouette < 0 or (gain < calibration.silhouette_gain and not (best.loose and gain >= 0)):
            break
        best = candidate
    return best.centroids


def _clustering(
    tree: np.ndarray, vectors: np.ndarray, weights: np.ndarray, count: int, calibration: VoiceCalibration
) -> _Clustering:
    from scipy.cluster.hierarchy import fcluster
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score

    # Average linkage cut at ``count``; when that gives a cluster too small to be a speaker (its top split can cut
    # off one odd piece: on a real phone call, one piece against the rest), k-means instead (fixed seed, so the
    # same every run). Only then: where a small cluster is valid it is usually someone who says little, whom
    # k-means would trade for a split of the main speaker.
    centroids, labels, valid = _start(vectors, weights, fcluster(tree, t=count, criterion="maxclust") - 1, count)
    if not valid and count < len(vectors):
        start = KMeans(count, n_init=10, random_state=0).fit(vectors, sample_weight=weights).labels_
        other_centroids, other_labels, other_valid = _start(vectors, weights, start, count)
        if other_valid:
            centroids, labels, valid = other_centroids, other_labels, True
    silhouette = float(silhouette_score(vectors, labels, metric="cosine")) if valid else -1.0
    loose = bool((_tightness(vectors, weights, labels, centroids) < calibration.one_voice_tightness).any())
    return _Clustering(centroids, silhouette, loose)


def _start(
    vectors: np.ndarray, weights: np.ndarray, start: np.ndarray, count: int
) -> tuple[np.ndarray, np.ndarray, bool]:
    """Centroids refined from the ``start`` labels, each piece's nearest, and whether that is a valid clustering:
    at least two clusters, fewer than the pieces, each holding ``MIN_SPEAKER_SHARE`` of the speech."""
    centroids = _refine(vectors, weights, start, count)
    labels = (vectors @ centroids.T).argmax(axis=1)
    shares = np.bincount(labels, weights=weights, minlength=count) / weights.sum()
    valid = 2 <= len(set(labels.tolist())) < len(vectors) and shares.min() >= MIN_SPEAKER_SHARE
    return centroids, labels, bool(valid)


def _tightness(vectors: np.ndarray, weights: np.ndarray, labels: np.ndarray, centroids: np.ndarray) -> np.ndarray:
    """Per cluster, the weighted mean cosine of its pieces to its centre (1.0 for an empty cluster)."""
    similarity = (vectors * centroids[labels]).sum(axis=1)
    held = np.bincount(labels, weights=weights, minlength=len(centroids))
    total = np.bincount(labels, weights=weights * similarity, minlength=len(centroids))
    return np.where(held > 0, total / np.maximum(held, 1e-12), 1.0)


def _refine(vectors: np.ndarray, weights: np.ndarray, labels: np.ndarray, count: int) -> np.ndarray:
    centroids = np.zeros((count, vectors.shape[1]))
    for _ in range(10):
        for cluster in range(count):
            members = labels == cluster
            # A cluster that lost all its pieces keeps its old centre rather than becoming all zeros.
            if members.any():
                centre = (vectors[members] * weights[members, None]).sum(axis=0)
                centroids[cluster] = centre / np.linalg.norm(centre)
        updated = (vectors @ centroids.T).argmax(axis=1)
        if np.array_equal(updated, labels):
            break
        labels = updated
    return centroids


def _runs(words: Sequence[SpokenWord]) -> list[tuple[float, float]]:
    """(start, end) of each stretch of talk: words with no pause of ``PAUSE_SECONDS`` or more between them."""
    found: list[tuple[float, float]] = []
    for word in words:
        if found and word.start - found[-1][1] < PAUSE_SECONDS:
            found[-1] = (found[-1][0], max(found[-1][1], word.end))
        else:
            found.append((word.start, word.end))
    return found


def _piece_of(word: SpokenWord, pieces: Sequence[Piece], starts: list[float]) -> int:
    """The piece holding the word's middle whose centre is nearest to it (pieces are sorted by start)."""
    middle = (word.start + word.end) / 2
    near = range(bisect_left(starts, middle - 2 * PIECE_SECONDS), bisect_right(starts, middle + PIECE_SECONDS))
    candidates = list(near) or [min(bisect_left(starts, middle), len(pieces) - 1)]
    return min(candidates, key=lambda i: (not pieces[i].start <= middle <= pieces[i].end,
                                          abs((pieces[i].start + pieces[i].end) / 2 - middle)))  # fmt: skip


def _frames(mel: np.ndarray, first: int, length: int) -> np.ndarray:
    frames = mel[first : first + length]
    if len(frames) < length:  # a piece at the very end of a window: repeat the last frame
        frames = np.concatenate([frames, np.repeat(frames[-1:], length - len(frames), axis=0)])
    return frames


def first_appearance(labels: Sequence[int]) -> list[int]:
    return list(dict.fromkeys(labels))
