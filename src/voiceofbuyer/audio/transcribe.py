"""The transcription stage: recordings → JSON transcripts (``voiceofbuyer.transcript/1``) and WebVTT files.

Per recording: hash its bytes and look the transcript up in the store (by the hash, the recogniser's model
and settings, and the speaker count asked for), so unchanged audio is never transcribed twice; else decode it
window by window (``decoding``), recognise the words (``asr``) and tell the speakers apart (``diarize``), and
cache the result only once it is complete. A ``.tracks`` folder (one recording per participant) is decoded as
one recording with a channel per track, each speaker from their own track. Then the interviewer is chosen (the
speaker whose voice matches ``interviewer_voice``, else who asks most questions), the others are buyers, and the
JSON transcript and a ``.vtt`` (``transcript_files``) are written atomically under ``<out>/transcripts/``; the
parse stage reads the JSON like any transcript. Problems are one line per file; the other recordings go on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from tqdm import tqdm

from ..config import TranscribeConfig
from ..engine import Engine, LocalEngine
from ..errors import InputError, MissingComponent, StoreError
from ..files import TRANSCRIPTS_DIR, write_atomic
from ..ingest import Problem
from ..ingest.recordings import RECORDING_SUFFIXES, participant_name
from ..records import clock
from ..store import Store, text_hash
from . import decoding, resegment
from .asr import Recognizer, SpokenWord, WhisperRecognizer, gpu_note
from .channels import ChannelLevels
from .diarize import Piece, Speakers, VoiceEmbedder, by_voice, pieces_of
from .interviewer_voice import choose_interviewer
from .speaker_models import voice_embedder
from .transcript_files import readable_json, speaker_names, transcript_document, webvtt

TRANSCRIBE_VERSION = "3"
LOW_CONFIDENCE = 0.8
"""Below this, the run summary says the speakers were told apart with low confidence."""
UNSURE_WORD = 0.5
"""A word the recogniser gave less probability than this is an unsure one."""
MOST_UNSURE = 0.7
"""More unsure words than this share (words of a failed decoding count as unsure, ``asr.FAILED_COMPRESSION``), and a
recording's words are no one's to quote: German speech through the English-only tiny.en came out as English-sounding
invention ("Feeling, that's me, this is my name"), 79% and 100% of the words of two German recordings unsure; of
English recordings 5-57% (the real ones of ``tests/fixtures/real_speech``: a phone call 9%, AMI meeting excerpts of
30 s 5-33% and one with a repetition loop 57%; synthetic interviews 9-14%). The language is not detected: the
bundled model knows English only, and other German readings came out with half their words unsure, under this, so
a share over ``MANY_UNSURE`` is said."""
MANY_UNSURE = 0.4
"""More unsure words than this share, and the run says to check the transcript."""


@dataclass(frozen=True)
class Job:
    """One recording to transcribe."""

    path: Path
    source: str
    """How messages and the transcript's ``source`` name the recording (relative to the batch folder)."""
    id: str
    """Name of the outputs: ``transcripts/<id>.json`` and ``.vtt``."""

    def tracks(self) -> list[tuple[Path, str]]:
        """(path, source) of each participant's recording, by name, when ``path`` is a ``.tracks`` folder; else
        empty. ``InputError`` for a folder with no recording in it."""
        if not self.path.is_dir():
            return []
        found = [
            (path, f"{self.source}/{path.name}")
            for path in sorted(self.path.iterdir())
            if path.suffix.lower() in RECORDING_SUFFIXES and path.is_file() and not path.name.startswith(".")
        ]
        if not found:
            raise InputError(self.source, "folder of tracks with no recording in it",
                             fix="put one recording per participant in it, named after them")  # fmt: skip
        return found

    def content_hash(self) -> str:
        """SHA-256 of the recording's bytes; of a folder of tracks, of each track's name and bytes."""
        tracks = self.tracks()
        if not tracks:
            return decoding.content_hash(self.path, self.source)
        return text_hash(*(f"{path.name}:{decoding.content_hash(path, source)}" for path, source in tracks))

    def probe(self) -> decoding.AudioInfo:
        """The recording's audio as its container declares it; of a folder of tracks, the longest, one channel
        per track."""
        tracks = self.tracks()
        if not tracks:
            return decoding.probe(self.path, self.source)
        try:
            infos = [decoding.probe(path, source) for path, source in tracks]
        except InputError as err:  # the interview is its tracks together: say which folder to take the file out of
            raise InputError(err.path, f"{err.message}; so {self.source} was not transcribed",
                             fix=f"convert it to .wav, .mp3 or .m4a, or move it out of {self.source} (each file "
                             "there is one participant's audio)") from err  # fmt: skip
        durations = [info.duration for info in infos]
        longest = None if None in durations else max(d for d in durations if d is not None)
        return decoding.AudioInfo(longest, len(infos), "tracks")


@dataclass
class Outcome:
    """What transcribing a batch's recordings did: transcripts written, problems, notes and times (seconds)."""

    transcripts: dict[str, Path] = field(default_factory=dict)
    """Recording source → its JSON transcript, for every recording that went through."""
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    from_cache: int = 0
    """Of ``transcripts``, those read from the store's cache (a cached silent recording is skipped, not counted)."""
    audio_seconds: float = 0.0
    """Audio transcribed in this run (cache hits not counted)."""
    transcribe_seconds: float = 0.0


@dataclass(frozen=True)
class Recording:
    """What transcription found in one recording: the part that is cached."""

    duration: float
    words: tuple[SpokenWord, ...]
    speakers: Speakers
    warning: str = ""
    """A problem that still left a usable transcript (truncated audio)."""

    def to_json(self) -> dict[str, Any]:
        """Duration, words as (text, start, end), speakers and warning as JSON-ready values (``from_json`` reads them
        back)."""
        return {
            "duration": self.duration,
            "words": [[w.text, w.start, w.end, w.probability] for w in self.words],
            "speakers": asdict(self.speakers),
            "warning": self.warning,
        }

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> Recording:
        """The recording ``to_json`` wrote."""
        speakers = value["speakers"]
        return cls(
            value["duration"],
            tuple(SpokenWord(*word) for word in value["words"]),
            Speakers(
                tuple(speakers["labels"]),
                speakers["count"],
                speakers["method"],
                speakers["confidence"],
                tuple(tuple(voice) for voice in speakers["voices"]),
                tuple(speakers.get("names", ())),
            ),
            value["warning"],
        )


def transcribe_all(
    jobs: Sequence[Job],
    out_dir: Path,
    config: TranscribeConfig,
    store: Store,
    bar: tqdm | None = None,
    recognizer: Recognizer | None = None,
    embedder: VoiceEmbedder | None = None,
    engine: Engine | None = None,
) -> Outcome:
    """Transcribe (or take from the cache) every job and write its files; ``bar`` counts audio minutes (of the
    recordings done here: a remote ``engine`` reports each recording as it is done)."""
    outcome = Outcome()
    if not jobs:
        return outcome
    if recognizer is None:
        recognizer = WhisperRecognizer(config)
        if note := gpu_note(config.device):
            outcome.notes.append(note)
    embedder = embedder or voice_embedder(config)
    keys: dict[str, str] = {}
    todo: list[tuple[Job, decoding.AudioInfo]] = []
    found: dict[str, Recording] = {}
    cached_sources: set[str] = set()
    queued: dict[str, str] = {}  # key → the first recording of that content to be transcribed
    twins: dict[str, str] = {}  # a recording → the one of the same content it takes its transcript from
    for job in jobs:
        try:
            keys[job.source] = text_hash(
                TRANSCRIBE_VERSION,
                job.content_hash(),
                recognizer.name,
                f"speakers={config.speakers}",
                embedder.name,
            )
            cached = store.cached("transcript", keys[job.source])
            if cached is not None:
                found[job.source] = Recording.from_json(cached)
                cached_sources.add(job.source)
                continue
            if keys[job.source] in queued:  # the same audio under two names in one batch: recognised once
                twins[job.source] = queued[keys[job.source]]
                cached_sources.add(job.source)
                continue
            queued[keys[job.source]] = job.source
            info = job.probe()
            if info.duration and info.duration > config.max_minutes * 60:
                raise decoding.too_long(job.source, info.duration, config.max_minutes * 60)
            todo.append((job, info))
        except InputError as err:
            outcome.problems.append(Problem(job.source, str(err), skipped=True))
    if bar is not None:
        bar.reset(total=round(sum(info.duration or 0.0 for _, info in todo) / 60, 2))
    started = time.perf_counter()
    progress = _Progress(bar, outcome, started)

    def here(job: Job, info: decoding.AudioInfo) -> Recording | str:
        """The job transcribed in this process, or why it could not be."""
        try:
            return attempt(job, lambda: transcribe_one(job, info, config, recognizer, embedder, progress))
        finally:
            progress.next_recording()

    for source, recording in (engine or LocalEngine()).transcribe(todo, config, here):
        if isinstance(recording, str):
            outcome.problems.append(Problem(source, recording, skipped=True))
            continue
        if engine is not None and engine.name != "local":  # done elsewhere: counted whole, when it comes back
            progress.at(progress.base + recording.duration)
            progress.next_recording()
        # Only a complete transcription is stored: a crash or a bad file leaves the cache as it was.
        store.put_cache("transcript", {keys[source]: recording.to_json()})
        found[source] = recording
    outcome.transcribe_seconds = time.perf_counter() - started
    found.update({twin: found[first] for twin, first in twins.items() if first in found})
    for job in jobs:
        if job.source in found:
            _write(job, found[job.source], out_dir, config, outcome, embedder)
    outcome.from_cache = len(cached_sources & outcome.transcripts.keys())
    return outcome


class _Progress:
    """Moves the bar in audio minutes and shows the speed as a multiple of real time."""

    def __init__(self, bar: tqdm | None, outcome: Outcome, started: float) -> None:
        self.bar, self.outcome, self.started = bar, outcome, started
        self.base = 0.0

    def at(self, seconds: float) -> None:
        """Audio of the current recording is done up to ``seconds``."""
        done = self.base + seconds
        if done > self.outcome.audio_seconds:
            self.outcome.audio_seconds = done
            if self.bar is not None:
                self.bar.n = round(done / 60, 2)
                speed = done / max(time.perf_counter() - self.started, 1e-6)
                self.bar.set_postfix_str(f"{speed:.1f}× real time", refresh=False)
                self.bar.refresh()

    def next_recording(self) -> None:
        """Start the next recording where the audio done so far ends."""
        self.base = self.outcome.audio_seconds


def attempt(job: Job, transcribe: Callable[[], Recording]) -> Recording | str:
    """``transcribe()`` (``transcribe_one`` of ``job``), or the one line that says why the recording was skipped
    (naming it, with the fix)."""
    try:
        return transcribe()
    except InputError as err:
        return str(err)
    except MissingComponent as err:
        return f"{job.source}: {err}"


def transcribe_one(
    job: Job,
    info: decoding.AudioInfo,
    config: TranscribeConfig,
    recognizer: Recognizer,
    embedder: VoiceEmbedder,
    progress: _Progress | None = None,
) -> Recording:
    """Decode, recognise and diarize one recording, a window at a time; ``progress`` is told how far it is."""
    progress = progress or _Progress(None, Outcome(), time.perf_counter())
    words: list[SpokenWord] = []
    pieces: list[Piece] = []
    levels = ChannelLevels()
    by_channel: bool | None = None
    duration = 0.0
    truncated: list[decoding.Truncated] = []
    tracks = job.tracks()
    if tracks:
        probed = [(p, s, decoding.probe(p, s)) for p, s in tracks]
        decoded = decoding.decode_tracks(probed, config.max_minutes * 60, truncated)
    else:
        decoded = decoding.decode(job.path, job.source, info, config.max_minutes * 60)
    blocks = _good_blocks(decoded, truncated)
    for offset, samples in decoding.windows(blocks):
        speech = decoding.mono(samples)
        found = recognizer.words(speech, offset, lambda seconds, base=offset: progress.at(base + seconds))
        words.extend(found)
        levels.add(samples)
        if by_channel is None:  # decided on the first window: recordings keep their channel layout
            by_channel = bool(tracks) or (levels.separated() and config.speakers in (0, 2))
        if not by_channel:
            pieces.extend(embedder.embed(speech, offset, pieces_of(found)))
        duration = offset + samples.shape[1] / decoding.SAMPLE_RATE
        progress.at(duration)
    if by_channel:
        speakers = levels.speakers(words, [participant_name(path.stem) for path, _ in tracks])
    else:
        ordered = sorted(pieces, key=lambda piece: (piece.start, piece.end))
        speakers = by_voice(words, ordered, config.speakers, embedder.calibration)
        spans = resegment.spans_near(words, resegment.changes(words, speakers)) if speakers.voices else []
        if spans:  # a second pass over the audio (decoding is cheap beside recognition): only memory stays flat
            again = decoding.decode(job.path, job.source, info, config.max_minutes * 60)
            short: list[Piece] = []
            for offset, samples in decoding.windows(_good_blocks(again, [])):
                short.extend(embedder.embed(decoding.mono(samples), offset, _within(spans, offset, samples)))
            speakers = resegment.resegment(words, speakers, short)
    return Recording(round(duration, 2), tuple(words), speakers, str(truncated[0]) if truncated else "")


def _within(spans: list[tuple[float, float]], offset: float, samples: np.ndarray) -> list[tuple[float, float]]:
    """The spans whose middle lies in the window of ``samples`` starting at ``offset`` seconds."""
    end = offset + samples.shape[1] / decoding.SAMPLE_RATE
    return [span for span in spans if offset <= (span[0] + span[1]) / 2 < end]


def _good_blocks(blocks: Iterator[np.ndarray], truncated: list[decoding.Truncated]) -> Iterator[np.ndarray]:
    """The blocks up to where the audio stops early (noted in ``truncated``), so what came before is used."""
    try:
        yield from blocks
    except decoding.Truncated as cut:
        truncated.append(cut)


def _write(
    job: Job, recording: Recording, out_dir: Path, config: TranscribeConfig, outcome: Outcome, embedder: VoiceEmbedder
) -> None:
    if not recording.words:
        outcome.problems.append(
            Problem(
                job.source,
                f"{job.source}: no speech found in {clock(recording.duration)} of audio (silent or only noise) "
                "(fix: check that the recording has sound and the right audio track)",
                skipped=True,
            )
        )
        return
    unsure = sum(word.probability < UNSURE_WORD for word in recording.words) / len(recording.words)
    if unsure > MOST_UNSURE:
        outcome.problems.append(
            Problem(
                job.source,
                f"{job.source}: {unsure:.0%} of its words were recognised with a probability under {UNSURE_WORD} (in "
                f"English recordings 5-57%): it is perhaps in another language than '{config.language}', or too "
                "noisy, and its words would be invented: left out (fix: for another language, a multilingual Whisper "
                "model in [transcribe] model and that language; else a clearer recording, or a corrected transcript "
                "next to it)",
                skipped=True,
            )
        )
        return
    if unsure > MANY_UNSURE:
        outcome.notes.append(
            f"{job.source}: {unsure:.0%} of its words were recognised with a probability under {UNSURE_WORD}: check "
            f"{TRANSCRIPTS_DIR}/{job.id}.vtt before quoting it (fix: a clearer recording, a transcript corrected next "
            f"to it, or, if it is not in '{config.language}', a multilingual Whisper model and its language)"
        )
    if recording.warning:
        outcome.problems.append(Problem(job.source, recording.warning, skipped=False))
    interviewer, how = choose_interviewer(recording, config, embedder)
    if config.interviewer_voice and how == "questions":
        compared = (f"matched none of the {recording.speakers.count} voices" if recording.speakers.voices
                    else f"was not compared (speakers told apart by {recording.speakers.method})")  # fmt: skip
        outcome.notes.append(
            f"{job.source}: [transcribe] interviewer_voice {compared}, so the interviewer is the speaker who asks "
            "the most questions (fix: a longer, clearer sample of the interviewer alone, or the interviewer's name in "
            "the metadata)"
        )
    names = speaker_names(recording.speakers.count, interviewer, recording.speakers.names)
    document = transcript_document(job.source, config.language, recording, names, how)
    if recording.speakers.names and interviewer is not None:  # their own track names them: keep the name
        document["metadata"] = {"interviewer": recording.speakers.names[interviewer]}
    files = {
        f"{TRANSCRIPTS_DIR}/{job.id}.json": (readable_json(document) + "\n").encode(),
        f"{TRANSCRIPTS_DIR}/{job.id}.vtt": webvtt(document).encode(),
    }
    try:
        write_atomic(out_dir, files)
    except OSError as error:  # a file where the folder goes, a folder where the file goes, no permission, a full disk
        raise StoreError(
            f"{out_dir / TRANSCRIPTS_DIR}: the transcript of {job.source} cannot be written there "
            f"({error.strerror or error}) (fix: give an --out you can write to, or move what is in the way)"
        ) from error
    outcome.transcripts[job.source] = out_dir / TRANSCRIPTS_DIR / f"{job.id}.json"
    speakers = recording.speakers
    if speakers.count > 1 and speakers.confidence < LOW_CONFIDENCE:
        if speakers.method == "tracks":
            what = "of the words clearly loudest on one track"
            fix = "check that each file is one participant's own microphone, or put a corrected transcript next to it"
        else:
            what = "of the speech clearly one voice's"
            fix = ("a voice sample of the interviewer in [transcribe] interviewer_voice, one audio file per "
                   "participant, --speakers N, or a corrected transcript next to the recording")  # fmt: skip
        outcome.notes.append(
            f"{job.source}: speakers told apart by {speakers.method} with low confidence ({speakers.confidence:.2f} "
            f"{what}); check {TRANSCRIPTS_DIR}/{job.id}.vtt (fix: {fix})"
        )
