"""Scale out: a 20-interview batch through a Ray cluster started inside the test (one node: this machine; Ray
binds it to the machine's own address, not the loopback, on Linux) gives the same documents, byte for byte, as
this process alone; a Ray worker's failure on one interview skips only it."""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path

import pytest

from voiceofbuyer.engine import LocalEngine, RayEngine, make_engine
from voiceofbuyer.errors import ConfigError
from voiceofbuyer.pipeline import run

from .conftest import SAMPLE, SAMPLE_CONFIG
from .test_pipeline import outputs_of

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def twenty(tmp_path_factory) -> Path:
    """20 interviews of the sample batch (each with its metadata file, when it has one)."""
    folder = tmp_path_factory.mktemp("scale") / "batch"
    folder.mkdir()
    ids = sorted({p.stem for p in SAMPLE.iterdir() if p.stem not in ("interviews", "voiceofbuyer", "README")})[:20]
    for path in SAMPLE.iterdir():
        if path.stem in ids:
            shutil.copy(path, folder / path.name)
    assert len({p.stem for p in folder.iterdir()}) == 20
    return folder


@pytest.fixture(scope="module")
def ray_engine():
    engine = RayEngine("")  # a one-node cluster of this process
    yield engine
    engine.close()


def test_a_ray_cluster_gives_the_same_documents_as_one_process(twenty, ray_engine):
    import ray

    assert ray.is_initialized() and len(ray.nodes()) == 1 and ray.cluster_resources()["CPU"] >= 1
    local = run(twenty, twenty.parent / "local", SAMPLE_CONFIG, show_progress=False, engine=LocalEngine())
    spread = run(twenty, twenty.parent / "ray", SAMPLE_CONFIG, show_progress=False, engine=ray_engine)
    assert spread.interviews == local.interviews == 20
    documents = outputs_of(twenty.parent / "ray")
    assert documents == outputs_of(twenty.parent / "local")
    assert "compare.html" in documents and any(name.startswith("personas/") for name in documents)


def test_an_interview_a_ray_worker_cannot_split_is_skipped_alone(twenty, ray_engine, tmp_path, monkeypatch):
    """The worker's error comes back as that interview's problem line; the others go through."""
    from voiceofbuyer import segment

    class Failing(segment.Segmenter):
        def segment(self, interview, sides):
            if interview.id == sorted(p.stem for p in twenty.iterdir())[0]:
                raise ValueError("the tagger broke")
            return super().segment(interview, sides)

    monkeypatch.setattr("voiceofbuyer.components.Segmenter", Failing)
    report = run(twenty, tmp_path / "out", SAMPLE_CONFIG, show_progress=False, engine=ray_engine)
    [problem] = [p for p in report.problems if "could not be split" in p.message]
    assert "ValueError: the tagger broke" in problem.message and problem.skipped
    assert report.interviews == 19


def test_an_unknown_engine_is_one_line():
    with pytest.raises(ConfigError, match="--engine 'spark': unknown"):
        make_engine("spark")


def test_a_pool_of_processes_splits_interviews_into_the_same_statements_while_the_next_are_read(twenty):
    from voiceofbuyer import components
    from voiceofbuyer.ingest import read_batch
    from voiceofbuyer.people import identify_people
    from voiceofbuyer.store import Store

    interviews = read_batch(twenty).interviews[:6]
    store = Store(twenty.parent / "pool.sqlite")
    try:
        people = identify_people(interviews, SAMPLE_CONFIG, components.vectors(SAMPLE_CONFIG, store))
    finally:
        store.close()
    work = [(i, people.speakers[i.id]) for i in interviews]
    segmenter = components.segmenter(SAMPLE_CONFIG)
    pooled = LocalEngine(workers=2)
    pooled.POOL_FROM = 2  # a pool even for six interviews
    workers_at = []

    def read_as_it_goes():  # as the run's sides are read: each interview handed over once read
        for item in work:
            workers_at.append(len(multiprocessing.active_children()))
            yield item

    try:
        split = list(pooled.segment(segmenter, read_as_it_goes()))
    finally:
        pooled.close()
    assert split == list(LocalEngine(workers=1).segment(segmenter, work))
    # The first interviews went to the workers before the last was read: the pool was there to split them.
    assert workers_at[:2] == [0, 0] and workers_at[-1] >= 1


def test_an_address_without_the_ray_engine_is_one_line(twenty, tmp_path, capsys):
    from voiceofbuyer.cli import main

    assert main(["run", str(twenty), "--out", str(tmp_path / "out"), "--address", "10.0.0.1:6379"]) == 2
    assert capsys.readouterr().err == "error: --address 10.0.0.1:6379: only with --engine ray (fix: add --engine ray)\n"
    assert not (tmp_path / "out").exists()


def test_recordings_transcribed_on_ray_actors_match_this_process_and_a_bad_one_is_skipped_alone(ray_engine, tmp_path):
    """Two real recordings (a phone call, a meeting excerpt) and one that is not audio, through transcription actors
    (CPU: the test cluster has no GPU): the same transcripts, byte for byte, as in this process; the bad file is one
    problem line naming it; the cache keys agree (a re-run here finds the cluster's transcripts)."""
    from voiceofbuyer.audio.transcribe import Job, transcribe_all
    from voiceofbuyer.config import load_config
    from voiceofbuyer.store import STORE_NAME, Store

    real = Path(__file__).parent / "fixtures" / "real_speech"
    batch = tmp_path / "batch"
    batch.mkdir()
    for name in ("phone-call.flac", "ami-dev00.flac"):
        shutil.copy(real / name, batch / name)
    (batch / "broken.mp3").write_bytes(b"not audio at all" * 100)
    jobs = [Job(batch / name, name, Path(name).stem) for name in ("ami-dev00.flac", "broken.mp3", "phone-call.flac")]
    config = load_config(None).transcribe
    assert ray_engine.placement(config) == LocalEngine().placement(config) == ("cpu", "int8")
    written = {}
    for engine in (LocalEngine(), ray_engine):
        out = tmp_path / engine.name
        out.mkdir()
        store = Store(out / STORE_NAME)
        try:
            outcome = transcribe_all(jobs, out, config, store, engine=engine)
        finally:
            store.close()
        assert [p.path for p in outcome.problems] == ["broken.mp3"] and "broken.mp3" in outcome.problems[0].message
        assert outcome.audio_seconds > 55
        written[engine.name] = {p.name: p.read_bytes() for p in sorted((out / "transcripts").iterdir())}
    assert sorted(written["ray"]) == ["ami-dev00.json", "ami-dev00.vtt", "phone-call.json", "phone-call.vtt"]
    assert written["ray"] == written["local"]
    store = Store(tmp_path / "ray" / STORE_NAME)
    try:
        again = transcribe_all(jobs[::2], tmp_path / "ray", config, store)
    finally:
        store.close()
    assert again.from_cache == 2
