"""Where the costly per-item work runs: in this process (``LocalEngine``), or spread over a Ray cluster
(``RayEngine``, ``voiceofbuyer run DIR --engine ray [--address ADDRESS]``).

What is spread out is independent per item: transcribing recordings (Whisper and the speaker model, on GPU actors
where the cluster has GPUs), splitting interviews into statements (spaCy) and sentence vectors (the embedder). The
driver (this process) still reads the batch, is the store's one writer, and does what needs the whole batch at once
(people, classifier, clustering, themes, documents). So the outputs are byte-identical either way: each interview is
split by the same ``Segmenter``, and a text's vector is the same in any batch (see ``embed.OnnxEmbedder``), whichever
worker computes it; recordings are transcribed by the same code on the same device type (``placement``): a
cluster's GPUs give a transcript of their own, cached under its own key.

Ray is an optional extra (``pip install 'voiceofbuyer[ray]'``); without it, ``--engine ray`` is one line saying so.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import os
import pickle
import tempfile
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

from .errors import ConfigError

if TYPE_CHECKING:
    from .audio.decoding import AudioInfo
    from .audio.transcribe import Job, Recording
    from .config import TranscribeConfig
    from .embed import Embedder
    from .records import Interview, SpeakerRoles, Statement
    from .segment import Segmenter

Item = TypeVar("Item")
Outcome = TypeVar("Outcome")
Work = tuple["Interview", "SpeakerRoles"]
Segmented = tuple[str, "list[Statement] | str"]
"""(interview id, its statements, or why it could not be split: ``TypeName: message``)."""
Recordings = list[tuple["Job", "AudioInfo"]]
TranscribeHere = Callable[["Job", "AudioInfo"], "Recording | str"]
"""Transcribes one recording in this process: its ``Recording``, or why it was skipped."""
Recorded = tuple[str, "Recording | str"]
"""(recording's source, its transcription, or the line that says why it was skipped)."""
TRANSCRIBE_GROUP = 16
"""Recordings sent to a cluster at a time: their bytes travel with them, so the driver never holds a whole batch."""


class Engine(ABC):
    """Runs the per-item stages; results come back in the order of the items."""

    name: str

    @abstractmethod
    def placement(self, config: TranscribeConfig) -> tuple[str, str]:
        """(device, compute type) that recognition runs with on this engine's workers (``ConfigError`` when the
        configured device is not there): part of the transcript cache key."""

    @abstractmethod
    def transcribe(self, work: Recordings, config: TranscribeConfig, here: TranscribeHere) -> Iterator[Recorded]:
        """Each recording's transcription, in ``work``'s order; ``here`` transcribes one in this process (with the
        driver's recogniser and progress bar); a remote engine's workers build their own, at ``placement``."""

    def read(self, read_one: Callable[[Item], Outcome], items: list[Item]) -> Iterator[Outcome]:
        """``read_one`` of each item, in ``items``' order, on this machine, where the batch's files are (``read_one``
        and the items must be picklable for a pool of processes). Here: in this process, one after another."""
        return map(read_one, items)

    @abstractmethod
    def segment(self, segmenter: Segmenter, work: Iterable[Work]) -> Iterator[Segmented]:
        """Each interview's statements, as ``segmenter.segment`` gives them, in ``work``'s order. ``work`` may be a
        generator that reads each interview's sides as it goes: it is drawn from in the calling thread."""

    @abstractmethod
    def embed(
        self, load: Callable[[], Embedder], texts: list[str], chunk: int, device: str = "cpu"
    ) -> Iterator[dict[str, np.ndarray]]:
        """Text → vector for ``texts``, ``chunk`` texts at a time (in order), by the embedder ``load`` builds (it
        must be picklable for a remote engine) on ``device`` (``cpu``, ``cuda``: what ``load`` was built for)."""

    @abstractmethod
    def close(self) -> None:
        """Let go of workers and connections."""


class LocalEngine(Engine):
    """This machine: files read and interviews split by a pool of ``workers`` processes (0: one per core) when there
    are enough of them to pay for the pool's start (each worker loads spaCy, about 2 s), else in this process;
    embedders loaded once per engine in this process (an embedder already uses every core). The pool, once started,
    serves reading and splitting, and stops when an engine's splitting is done (or at ``close``).

    The pool's processes are spawned, so, as with any ``multiprocessing`` pool, a script that runs a batch with
    more than one worker must guard its top level with ``if __name__ == "__main__":`` (the command line does);
    ``pipeline.run`` without an engine uses one worker, no pool."""

    name = "local"
    POOL_FROM = 24
    """Fewest files to read, or interviews to split, that start the pool of processes."""

    def __init__(self, workers: int = 1) -> None:
        self.workers = workers or os.cpu_count() or 1
        self._embedders: dict[Callable[[], Embedder], Embedder] = {}  # keyed by the loader itself, kept alive
        self._processes: ProcessPoolExecutor | None = None

    def _pool(self) -> ProcessPoolExecutor:
        if self._processes is None:
            # Spawned, not forked: a fork of a process holding ONNX Runtime's and PyTorch's threads can hang.
            self._processes = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"))
        return self._processes

    def placement(self, config: TranscribeConfig) -> tuple[str, str]:
        """This machine's: CUDA and float16 when it has a GPU, else CPU and int8 (unless configured)."""
        from .audio.asr import resolve_device

        return resolve_device(config.device, config.compute_type)

    def transcribe(self, work: Recordings, config: TranscribeConfig, here: TranscribeHere) -> Iterator[Recorded]:
        """One recording after another, in this process (Whisper already uses every core)."""
        for job, info in work:
            yield job.source, here(job, info)

    def read(self, read_one: Callable[[Item], Outcome], items: list[Item]) -> Iterator[Outcome]:
        """In this process, or on the pool (see the class)."""
        if self.workers < 2 or len(items) < self.POOL_FROM:
            return map(read_one, items)
        return self._in_order([self._pool().submit(read_one, item) for item in items])

    def segment(self, segmenter: Segmenter, work: Iterable[Work]) -> Iterator[Segmented]:
        """In this process, or on the pool (see the class). On the pool, each interview is sent as soon as ``work``
        gives it, so the workers split the first while the caller's generator still reads the next ones."""
        items = iter(work)
        first = list(itertools.islice(items, self.POOL_FROM))
        if self.workers < 2 or len(first) < self.POOL_FROM:
            self._stop_pool()  # started for reading, not needed for splitting
            for interview, sides in itertools.chain(first, items):
                yield interview.id, _segment_one(segmenter, interview, sides)
            return
        ids: list[str] = []
        jobs: list[Future[list[Statement] | str]] = []
        try:
            for interview, sides in itertools.chain(first, items):
                ids.append(interview.id)
                jobs.append(self._pool().submit(_segment_one, segmenter, interview, sides))
        except BaseException:
            self._cancel(jobs)
            raise
        yield from zip(ids, self._in_order(jobs), strict=True)
        self._stop_pool()  # the run's last use of it: its workers' spaCy pipelines need not outlive the stage

    def _stop_pool(self) -> None:
        if self._processes is not None:
            self._processes.shutdown(cancel_futures=True)
            self._processes = None

    @staticmethod
    def _in_order(jobs: list[Future[Outcome]]) -> Iterator[Outcome]:
        """Each job's result, in order; as ``Executor.map``, a run stopped (an error, Ctrl-C) waits for no job not
        yet begun."""
        try:
            for job in jobs:
                yield job.result()
        finally:
            LocalEngine._cancel(jobs)

    @staticmethod
    def _cancel(jobs: list[Future[Outcome]]) -> None:
        for job in jobs:
            job.cancel()

    def embed(
        self, load: Callable[[], Embedder], texts: list[str], chunk: int, device: str = "cpu"
    ) -> Iterator[dict[str, np.ndarray]]:
        """With this engine's embedder from ``load`` (loaded on the first text)."""
        if not texts:
            return  # no model loaded when every text is in the store
        if load not in self._embedders:
            self._embedders[load] = load()
        embedder = self._embedders[load]
        for begin in range(0, len(texts), chunk):
            part = texts[begin : begin + chunk]
            yield dict(zip(part, embedder.encode(part), strict=True))

    def close(self) -> None:
        """Drop the loaded embedders; stop the pool's processes."""
        self._embedders.clear()
        self._stop_pool()


class RayEngine(Engine):
    """Ray Data ``map_batches`` over actor pools, one CPU each: spaCy segmenters and embedders that load their
    models once. ``address``: a running cluster (``ray://host:10001`` or ``host:6379``); empty: a local one,
    started with this process's cores."""

    name = "ray"

    def __init__(self, address: str = "") -> None:
        # Ray's own C++ logs (connection retries, token warnings) would bury the run's lines: errors only.
        os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "error")
        try:
            import ray
        except ImportError as error:
            raise ConfigError(
                f"--engine ray needs Ray, which cannot be imported ({error}) (fix: pip install 'voiceofbuyer[ray]', "
                "or run without --engine ray)"
            ) from error
        self._ray = ray
        self._started = not ray.is_initialized()
        if self._started:  # errors only: start-up notices (token authentication and the like) are not the run's
            try:
                if address:
                    ray.init(address=address, log_to_driver=False, logging_level=logging.ERROR)
                else:  # a private one-node cluster of this process (Ray listens on the machine's own address)
                    ray.init(
                        num_cpus=os.cpu_count() or 1,
                        include_dashboard=False,
                        log_to_driver=False,
                        logging_level=logging.ERROR,
                    )
            except Exception as error:  # whatever Ray raises for a bad or unreachable address: one line
                raise ConfigError(
                    f"--address {address or '(local)'}: cannot connect to a Ray cluster: "
                    f"{str(error).splitlines()[0] if str(error) else type(error).__name__} "
                    "(fix: start it with `ray start --head`, or check the address)"
                ) from error
        data = ray.data.DataContext.get_current()
        data.execution_options.preserve_order = True  # results in the items' order: the driver writes in order
        data.enable_progress_bars = False
        # Ray Data's progress and plan lines would bury the run's own: its logger is set up by importing ray.data,
        # so only now can it be turned down to errors.
        logging.getLogger("ray.data").setLevel(logging.ERROR)
        self._workers = max(1, int(ray.cluster_resources().get("CPU", 1)))

    def _pool(self, most: int) -> Any:
        """An actor pool of 1 to ``most`` actors (at least 1)."""
        return self._ray.data.ActorPoolStrategy(min_size=1, max_size=max(1, most))

    def placement(self, config: TranscribeConfig) -> tuple[str, str]:
        """CUDA and float16 when the cluster has GPUs (and the device is ``auto`` or ``cuda``), else CPU and int8."""
        gpus = self._ray.cluster_resources().get("GPU", 0)
        if config.device == "cuda" and not gpus:
            raise ConfigError("[transcribe] device 'cuda': the Ray cluster has no GPU (fix: device = 'auto' or 'cpu')")
        device = "cuda" if gpus and config.device != "cpu" else "cpu"
        default = "float16" if device == "cuda" else "int8"
        return device, default if config.compute_type == "auto" else config.compute_type

    def transcribe(self, work: Recordings, config: TranscribeConfig, here: TranscribeHere) -> Iterator[Recorded]:
        """On ``_TranscribeWorker`` actors, one recording per task: one GPU each where the cluster has GPUs, else
        up to 4 CPUs each. A recording's bytes travel with it (no shared file system needed), ``TRANSCRIBE_GROUP``
        recordings at a time."""
        placement = self.placement(config)
        on_gpu = placement[0] == "cuda"
        slots = int(self._ray.cluster_resources().get("GPU", 0)) if on_gpu else max(1, self._workers // 4)
        for begin in range(0, len(work), TRANSCRIBE_GROUP):
            group = work[begin : begin + TRANSCRIBE_GROUP]
            rows = [{"work": pickle.dumps((job, info, _recording_bytes(job)))} for job, info in group]
            dataset = self._ray.data.from_items(rows).map_batches(
                _TranscribeWorker,
                fn_constructor_args=(config, placement),
                batch_size=1,
                compute=self._pool(min(slots, len(group))),
                num_gpus=1 if on_gpu else 0,
                num_cpus=1 if on_gpu else min(4, self._workers),
            )
            for row in dataset.iter_rows():
                yield pickle.loads(row["result"])

    def segment(self, segmenter: Segmenter, work: Iterable[Work]) -> Iterator[Segmented]:
        """On ``_SegmentWorker`` actors, one interview per task, once ``work`` is all read."""
        rows = [{"work": pickle.dumps(item)} for item in work]
        if not rows:
            return
        dataset = self._ray.data.from_items(rows).map_batches(
            _SegmentWorker,
            fn_constructor_args=(segmenter,),
            batch_size=1,
            compute=self._pool(min(self._workers, len(rows))),
            num_cpus=1,
        )
        for row in dataset.iter_rows():
            yield pickle.loads(row["result"])

    def embed(
        self, load: Callable[[], Embedder], texts: list[str], chunk: int, device: str = "cpu"
    ) -> Iterator[dict[str, np.ndarray]]:
        """On ``_EmbedWorker`` actors, ``chunk`` texts per task: one CPU each, or one GPU each on ``cuda``
        (``ConfigError`` when the cluster has none)."""
        if not texts:
            return
        gpus = int(self._ray.cluster_resources().get("GPU", 0))
        if device == "cuda" and not gpus:
            raise ConfigError(
                "[models] embedding_device: this machine has a CUDA GPU but the Ray cluster has none "
                "(fix: embedding_device = 'cpu', so that every machine computes the same vectors)"
            )
        slots = gpus if device == "cuda" else self._workers
        dataset = self._ray.data.from_items([{"text": text} for text in texts]).map_batches(
            _EmbedWorker,
            fn_constructor_args=(load,),
            batch_size=chunk,
            compute=self._pool(min(slots, -(-len(texts) // chunk))),
            num_cpus=1,
            num_gpus=1 if device == "cuda" else 0,
        )
        for batch in dataset.iter_batches(batch_size=chunk, batch_format="numpy"):
            yield dict(zip(batch["text"].tolist(), np.asarray(batch["vector"], dtype=np.float32), strict=True))

    def close(self) -> None:
        """Shut the cluster down when this engine started it."""
        if self._started:
            self._ray.shutdown()


class _TranscribeWorker:
    """A Ray actor: Whisper and the speaker model loaded once, at the engine's ``placement``, for many recordings."""

    def __init__(self, config: TranscribeConfig, placement: tuple[str, str]) -> None:
        from .audio.asr import WhisperRecognizer
        from .audio.speaker_models import voice_embedder

        self.config = config
        self.recognizer = WhisperRecognizer(config, placement)
        self.embedder = voice_embedder(config)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[bytes]]:
        from .audio.transcribe import Job, attempt, transcribe_one

        results = []
        for payload in batch["work"]:
            job, info, files = pickle.loads(payload)
            with tempfile.TemporaryDirectory() as scratch:
                for name, content in files.items():
                    (Path(scratch) / name).parent.mkdir(parents=True, exist_ok=True)
                    (Path(scratch) / name).write_bytes(content)
                here = Job(Path(scratch) / job.path.name, job.source, job.id)
                try:
                    result = attempt(
                        here, partial(transcribe_one, here, info, self.config, self.recognizer, self.embedder)
                    )
                except Exception as error:  # one recording's failure never stops the batch: the driver reports it
                    result = f"{job.source}: could not be transcribed ({type(error).__name__}: {str(error)[:200]})"
            results.append(pickle.dumps((job.source, result)))
        return {"result": results}


def _recording_bytes(job: Job) -> dict[str, bytes]:
    """The recording's file, or its folder of tracks' files, by path relative to the folder it is in."""
    if not job.path.is_dir():
        return {job.path.name: job.path.read_bytes()}
    return {f"{job.path.name}/{path.name}": path.read_bytes() for path in sorted(job.path.iterdir()) if path.is_file()}


class _SegmentWorker:
    """A Ray actor: one ``Segmenter`` (and its spaCy pipeline, loaded on first use) for many interviews."""

    def __init__(self, segmenter: Segmenter) -> None:
        self.segmenter = segmenter

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[bytes]]:
        results = []
        for payload in batch["work"]:
            interview, sides = pickle.loads(payload)
            results.append(pickle.dumps((interview.id, _segment_one(self.segmenter, interview, sides))))
        return {"result": results}


class _EmbedWorker:
    """A Ray actor: one embedder for many texts."""

    def __init__(self, load: Callable[[], Embedder]) -> None:
        self.embedder = load()

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        texts = [str(text) for text in batch["text"]]
        return {"text": texts, "vector": self.embedder.encode(texts)}


def _segment_one(segmenter: Segmenter, interview: Interview, sides: SpeakerRoles) -> list[Statement] | str:
    try:
        return segmenter.segment(interview, sides)
    except ConfigError:
        raise  # a setting (an unloadable spaCy pipeline) fails every interview alike: the run stops with one line
    except Exception as error:  # one interview's failure never stops the batch: the driver reports it
        return f"{type(error).__name__}: {str(error)[:200]}"


def make_engine(name: str, address: str = "") -> Engine:
    """``local`` or ``ray``; ``ConfigError`` for another name."""
    if name == "local":
        return LocalEngine(workers=0)  # every core: the command line's top level is import-safe
    if name == "ray":
        return RayEngine(address)
    raise ConfigError(f"--engine {name!r}: unknown (fix: local or ray)")
