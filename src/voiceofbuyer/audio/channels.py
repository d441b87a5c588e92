"""Who said each word when each speaker has a channel of their own (stereo call recordings, a track per
participant): the channel where the word is loudest (see ``diarize``)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .asr import SpokenWord
from .diarize import FRAME, MIN_SPEAKER_SHARE, Speakers, first_appearance

CLEAR_CHANNEL_DB = 6.0
SEPARATE_CHANNEL_DB = 10.0
SEPARATE_CHANNEL_SHARE = 0.7


class ChannelLevels:
    """Per-channel energy in 10 ms frames, window by window: a few megabytes for an hour of stereo."""

    def __init__(self) -> None:
        self._levels: list[np.ndarray] = []
        self._left_over = np.zeros((0, 0), dtype=np.float32)

    def add(self, samples: np.ndarray) -> None:
        """Add a window of ``samples`` (channels × samples); a last part shorter than a frame waits for the next one."""
        if self._left_over.size:
            samples = np.concatenate([self._left_over, samples], axis=1)
        frames = samples.shape[1] // FRAME
        power = (samples[:, : frames * FRAME].reshape(samples.shape[0], frames, FRAME) ** 2).mean(axis=2)
        self._levels.append(power.astype(np.float32))
        self._left_over = samples[:, frames * FRAME :]

    def separated(self) -> bool:
        """One speaker per channel: in speech, one channel is clearly louder, and each channel leads sometimes."""
        if not self._levels or self._levels[0].shape[0] != 2:
            return False
        power = np.concatenate(self._levels, axis=1)
        loudest = power.max(axis=0)
        if not loudest.any():
            return False
        voiced = loudest > np.percentile(loudest, 95) * 1e-4
        difference = _decibels(power[0, voiced]) - _decibels(power[1, voiced])
        if not difference.size:
            return False
        clear = np.abs(difference) >= SEPARATE_CHANNEL_DB
        left, right = (clear & (difference > 0)).mean(), (clear & (difference < 0)).mean()
        return bool(clear.mean() >= SEPARATE_CHANNEL_SHARE and min(left, right) >= MIN_SPEAKER_SHARE)

    def speakers(self, words: Sequence[SpokenWord], names: Sequence[str] = ()) -> Speakers:
        """Each word's speaker as the channel loudest over its span (seconds), with the share of words where one channel
        is at least ``CLEAR_CHANNEL_DB`` louder than any other as confidence. ``names``: one per channel (a track per
        participant): the speakers keep them, and the method is ``tracks``. Another track's speech that a
        microphone picks up (crosstalk, echo) is quieter there than on its own track, so it goes to its speaker."""
        power = np.concatenate(self._levels, axis=1)
        channels = power.shape[0]
        channel_of, clear = [], 0
        for word in words:
            first = int(word.start * 100)
            span = power[:, first : max(first + 1, int(np.ceil(word.end * 100)))]
            level = _decibels(span.sum(axis=1)) if span.size else np.zeros(channels)
            channel_of.append(int(np.argmax(level)))
            top = np.sort(level)
            clear += channels < 2 or float(top[-1] - top[-2]) >= CLEAR_CHANNEL_DB
        order = first_appearance(channel_of)
        labels = tuple(order.index(channel) for channel in channel_of)
        confidence = round(clear / len(words), 3) if words else 0.0
        if names:
            return Speakers(labels, len(order), "tracks", confidence, names=tuple(names[c] for c in order))
        return Speakers(labels, len(order), "channels", confidence)


def _decibels(power: np.ndarray) -> np.ndarray:
    return 10 * np.log10(np.maximum(power, 1e-12))
