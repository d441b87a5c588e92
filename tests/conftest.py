"""Shared fixtures: a small real batch (copied from the sample batch) and one pipeline run over it."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx
import pytest

from voiceofbuyer.config import load_config
from voiceofbuyer.pipeline import RunReport, run

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "transcripts"
REALWORLD = ROOT.parent / "shared" / "realworld"
SAMPLE_CONFIG = load_config(SAMPLE / "voiceofbuyer.toml")
"""The sample batch's own role taxonomy (Finance Leader, Accounts Payable Manager, ...)."""

# Five finance leaders, three IT evaluators, one AP manager; every input format and metadata source.
FIXTURE_FILES = (
    "northwind-cfo.txt",
    "northwind-ap-manager.vtt",
    "northwind-it.srt",
    "brightwell-vp-finance.docx",
    "brightwell-vp-finance.yaml",
    "brightwell-security.json",
    "kestrel-finance-director.md",
    "orbit-erp-manager.txt",
    "meridian-cfo.txt",
    "summit-vp-finance.srt",
)


@pytest.fixture(scope="session", autouse=True)
def model_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Derived model files (the ONNX export) go to a fresh folder: the suite proves a cold start works."""
    folder = tmp_path_factory.mktemp("model-cache")
    patcher = pytest.MonkeyPatch()
    patcher.setenv("VOICEOFBUYER_CACHE", str(folder))
    yield folder
    patcher.undo()


def make_batch(target: Path, files: tuple[str, ...] = FIXTURE_FILES) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in files:
        shutil.copy(SAMPLE / name, target / name)
    manifest = (SAMPLE / "interviews.csv").read_text("utf-8").splitlines()
    rows = [manifest[0]] + [row for row in manifest[1:] if row.split(",", 1)[0] in files]
    (target / "interviews.csv").write_text("\n".join(rows) + "\n", "utf-8")
    return target


@pytest.fixture(scope="session")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_batch(tmp_path_factory.mktemp("batch") / "interviews")


@pytest.fixture(scope="session")
def first_run(batch: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, RunReport]:
    out = tmp_path_factory.mktemp("outputs")
    report = run(batch, out, SAMPLE_CONFIG, show_progress=False)
    return out, report


# -- the review desk's batch: the fixture batch, a recording, and a transcript written to attack the pages --------
HOSTILE_TRANSCRIPT = {
    "schema": "voiceofbuyer.transcript/1",
    "source": "../outside.wav",  # names a recording outside the batch folder: never to be served
    "metadata": {"interviewee": "Pat Mallory", "title": "CFO", "company": "Evil <b>Corp</b>", "interviewer": "Sam"},
    "turns": [
        {"speaker": "Sam", "start": 1.0, "end": 4.0, "text": "What made you look at a new invoice tool?"},
        {"speaker": "Pat Mallory", "start": 4.0, "end": 12.0,
         "text": "Our old vendor <script>window.__pwned = 1</script> kept losing invoices every month."},
        {"speaker": "Sam", "start": 12.0, "end": 15.0, "text": "What would worry you about switching?"},
        {"speaker": "Pat Mallory", "start": 15.0, "end": 25.0,
         "text": 'I worry the new system <img src=x onerror="window.__pwned = 2"> will break our approval flow.'},
    ],
}  # fmt: skip
RECORDING_SECONDS = 240


def write_tone(path: Path, seconds: float, rate: int = 8000) -> None:
    """A quiet 440 Hz tone as 8-bit mono WAV, made with the standard library."""
    import math
    import wave

    period = [int(128 + 40 * math.sin(2 * math.pi * 440 * n / rate)) for n in range(rate)]
    with wave.open(str(path), "wb") as audio:
        audio.setnchannels(1)
        audio.setsampwidth(1)
        audio.setframerate(rate)
        audio.writeframes(bytes(period) * int(seconds))


@pytest.fixture(scope="session")
def desk_run(first_run: tuple[Path, RunReport], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(batch, outputs) for the review desk: the fixture batch plus a recording of northwind-ap-manager and a
    hostile transcript, run into a copy of the first run's outputs (so only the new interview is computed)."""
    import json

    root = tmp_path_factory.mktemp("desk")
    batch = make_batch(root / "interviews")
    write_tone(batch / "northwind-ap-manager.wav", RECORDING_SECONDS)
    write_tone(root / "outside.wav", 1)
    (batch / "hostile-cfo.json").write_text(json.dumps(HOSTILE_TRANSCRIPT), "utf-8")
    out = root / "outputs"
    shutil.copytree(first_run[0], out)
    run(batch, out, SAMPLE_CONFIG, show_progress=False)
    return batch, out


def make_docx(paragraphs: list[str]) -> bytes:
    """A Word file (bytes) with one paragraph per string."""
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
