"""Recordings → 16 kHz float samples, streamed: a long file is never held in memory whole.

PyAV (FFmpeg's libraries, installed with faster-whisper) decodes every format the batch accepts without a
system ffmpeg; only the audio track of a video is demuxed. A stereo recording keeps its two channels (call
recorders often put one speaker on each); anything with more channels is mixed down to one. Every problem
is an ``InputError`` naming the file and the fix.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np

from ..errors import InputError
from ..records import clock

SAMPLE_RATE = 16000
WINDOW_SECONDS = 120.0
"""Audio is recognised in windows of about this length, each cut where it is quietest: memory stays flat
however long the recording (Whisper computes a window's features at once), and the text context Whisper
carries from one 30-second chunk to the next is kept within a window."""
CUT_SEARCH_SECONDS = 20.0
_CUT_FRAME = SAMPLE_RATE // 10
_TRUNCATION_TOLERANCE = (2.0, 0.02)
"""Decoded audio may fall this short of the declared length (seconds, share) before it counts as truncated."""
_FIX_CONVERT = "convert it to .wav, .mp3 or .m4a (e.g. ffmpeg -i FILE out.wav), or move it out of the batch folder"


@dataclass(frozen=True)
class AudioInfo:
    """The audio track as ``probe`` reads it from the container."""

    duration: float | None
    """Length declared by the container, in seconds; None when it does not say."""
    channels: int
    """Channels as decoded: 2 for stereo, else 1."""
    codec: str


class Truncated(InputError):
    """The audio stops early (a cut-off download, a damaged file): what came before it is still usable."""

    def __init__(self, source: str, decoded: float, declared: float | None) -> None:
        of = f" of a declared {clock(declared)}" if declared else ""
        super().__init__(
            source,
            f"audio ends at {clock(decoded)}{of} (truncated or damaged); transcribed up to there",
            fix="re-export or re-download the recording",
        )
        self.decoded = decoded


def content_hash(path: Path, source: str) -> str:
    """SHA-256 of the file's bytes, read in blocks."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as stream:
            while block := stream.read(1 << 20):
                digest.update(block)
    except OSError as err:
        raise _unreadable(source, err) from err
    return digest.hexdigest()


def probe(path: Path, source: str) -> AudioInfo:
    """What the container says about its audio track; raises InputError when it cannot be decoded."""
    try:
        size = path.stat().st_size
    except OSError as err:
        raise _unreadable(source, err) from err
    if size == 0:
        raise InputError(source, "empty file (0 bytes)", fix="copy the recording again")
    with _open(path, source) as container:
        stream = _audio_stream(container, source)
        if stream.codec_context is None:  # PyAV has no decoder for it
            raise InputError(source, "unsupported audio codec", fix=_FIX_CONVERT)
        if stream.duration is not None and stream.time_base is not None:
            duration: float | None = float(stream.duration * stream.time_base)
        elif container.duration is not None:
            duration = container.duration / av.time_base
        else:
            duration = None
        context = stream.codec_context
        return AudioInfo(duration, 2 if context.channels == 2 else 1, context.name)


def decode(path: Path, source: str, info: AudioInfo, max_seconds: float) -> Iterator[np.ndarray]:
    """Float32 blocks shaped (channels, samples) at ``SAMPLE_RATE``, in order.

    Raises ``Truncated`` after the last good block when the audio stops early, and InputError when it runs
    past ``max_seconds`` (for containers that do not declare their length).
    """
    decoded = 0
    limit = int(max_seconds * SAMPLE_RATE)
    resampler = av.AudioResampler(format="fltp", layout="stereo" if info.channels == 2 else "mono", rate=SAMPLE_RATE)
    with _open(path, source) as container:
        stream = _audio_stream(container, source)
        try:
            for packet in container.demux(stream):
                for frame in packet.decode():
                    for block in resampler.resample(frame):
                        samples = block.to_ndarray()
                        decoded += samples.shape[1]
                        yield samples
                if decoded > limit:
                    raise too_long(source, None, max_seconds)
            for block in resampler.resample(None):
                decoded += block.samples
                yield block.to_ndarray()
        except av.FFmpegError as err:
            if decoded == 0:
                raise InputError(source, f"cannot decode the audio ({err.strerror})", fix=_FIX_CONVERT) from err
            raise Truncated(source, decoded / SAMPLE_RATE, info.duration) from err
    seconds = decoded / SAMPLE_RATE
    if info.duration and info.duration - seconds > max(_TRUNCATION_TOLERANCE[0], _TRUNCATION_TOLERANCE[1] * seconds):
        raise Truncated(source, seconds, info.duration)


def decode_tracks(
    tracks: Sequence[tuple[Path, str, AudioInfo]],
    max_seconds: float,
    truncated: list[Truncated],
    block_seconds: float = 1.0,
) -> Iterator[np.ndarray]:
    """Several recordings of one conversation (one per participant, each ``(path, source, info)``) decoded in
    step: float32 blocks shaped (tracks, samples), each track mixed to mono, the shorter ones padded with silence
    at the end. A track that stops early ends there alone (its ``Truncated`` goes to ``truncated``); other errors
    as ``decode``'s, naming the track's source."""
    size = int(block_seconds * SAMPLE_RATE)
    streams = [decode(path, source, info, max_seconds) for path, source, info in tracks]
    buffers = [np.zeros(0, dtype=np.float32) for _ in tracks]
    finished = [False] * len(tracks)
    while not all(finished) or any(len(buffer) for buffer in buffers):
        for index, stream in enumerate(streams):
            while not finished[index] and len(buffers[index]) < size:
                try:
                    block = next(stream, None)
                except Truncated as cut:
                    truncated.append(cut)
                    block = None
                if block is None:
                    finished[index] = True
                else:
                    buffers[index] = np.concatenate([buffers[index], mono(block)])
        length = min(size, max(len(buffer) for buffer in buffers))
        if length == 0:
            return
        block = np.zeros((len(tracks), length), dtype=np.float32)
        for index, buffer in enumerate(buffers):
            taken = buffer[:length]
            block[index, : len(taken)] = taken
            buffers[index] = buffer[length:]
        yield block


def too_long(source: str, seconds: float | None, max_seconds: float) -> InputError:
    """``seconds``: the declared length, when known."""
    length = f"is {seconds / 60:.0f} minutes long" if seconds else "runs on"
    return InputError(
        source,
        f"recording {length}, over the {max_seconds / 60:g}-minute limit",
        fix="split it, or raise [transcribe] max_minutes in voiceofbuyer.toml",
    )


def windows(blocks: Iterable[np.ndarray], seconds: float = WINDOW_SECONDS) -> Iterator[tuple[float, np.ndarray]]:
    """(start time, samples) windows of about ``seconds``, each cut at the quietest tenth of a second of its
    last ``CUT_SEARCH_SECONDS``, so no word is cut in two; at most one window plus one block is in memory."""
    size = int(seconds * SAMPLE_RATE)
    pending: list[np.ndarray] = []
    held = 0
    start = 0
    for block in blocks:
        pending.append(block)
        held += block.shape[1]
        if held >= size:
            buffer = np.concatenate(pending, axis=1)
            cut = _quietest_point(buffer[:, :size])
            yield start / SAMPLE_RATE, buffer[:, :cut]
            start += cut
            pending, held = [buffer[:, cut:]], buffer.shape[1] - cut
    if held:
        yield start / SAMPLE_RATE, np.concatenate(pending, axis=1)


def _quietest_point(samples: np.ndarray) -> int:
    search = min(samples.shape[1] // 2, int(CUT_SEARCH_SECONDS * SAMPLE_RATE)) // _CUT_FRAME * _CUT_FRAME
    tail = samples[:, samples.shape[1] - search :].mean(axis=0)
    energy = (tail.reshape(-1, _CUT_FRAME) ** 2).mean(axis=1)
    quietest = int(np.argmin(energy[::-1]))  # the latest of equally quiet frames: longer windows
    return samples.shape[1] - quietest * _CUT_FRAME - _CUT_FRAME // 2


def mono(samples: np.ndarray) -> np.ndarray:
    """One channel: the mean of the channels."""
    return samples[0] if samples.shape[0] == 1 else samples.mean(axis=0)


def _unreadable(source: str, err: OSError) -> InputError:
    return InputError(source, f"cannot read the file: {err.strerror}", fix="check that it exists and is readable")


def _open(path: Path, source: str) -> av.container.InputContainer:
    try:
        return av.open(str(path), mode="r")
    except av.FFmpegError as err:
        raise InputError(
            source,
            "not a readable audio or video file (corrupt, truncated, or another kind of file with this extension)",
            fix=_FIX_CONVERT,
        ) from err


def _audio_stream(container: av.container.InputContainer, source: str) -> av.audio.stream.AudioStream:
    stream = next(iter(container.streams.audio), None)
    if stream is None:
        raise InputError(source, "no audio track", fix="export the recording with its sound")
    return stream
