"""Shared fixtures: a small real batch (copied from the sample batch) and one pipeline run over it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from voiceofbuyer.config import load_config
from voiceofbuyer.pipeline import RunReport, run

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "transcripts"
REALWORLD = ROOT.parent / "shared" / "realworld"

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
    report = run(batch, out, load_config(None), show_progress=False)
    return out, report
