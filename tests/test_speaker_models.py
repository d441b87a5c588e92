"""A speaker model the user has (``[transcribe] speaker_model``): Kaldi filterbank frames, an ONNX model run on
them, one clear line for a file that is not such a model, and the transcription stage using it."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch

from voiceofbuyer.audio.speaker_models import MEL_BINS, OnnxSpeakerEmbedder, _mel_filters, fbank, voice_embedder
from voiceofbuyer.audio.transcribe import Job, transcribe_all
from voiceofbuyer.config import load_config
from voiceofbuyer.errors import ConfigError
from voiceofbuyer.store import STORE_NAME, Store

REAL = Path(__file__).parent / "fixtures" / "real_speech"
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # torch's TorchScript ONNX exporter
CONFIG = load_config(None).transcribe


class Silent(torch.nn.Module):
    """A broken export: the right shapes, every embedding zero."""

    def forward(self, feats: torch.Tensor) -> torch.Tensor:
        return feats[:, 0, :8] * 0


class StatsPooling(torch.nn.Module):
    """A stand-in for a WeSpeaker export: (batch, frames, features) → a projection of mean and deviation."""

    def __init__(self, features: int) -> None:
        super().__init__()
        torch.manual_seed(0)
        self.project = torch.nn.Linear(2 * features, 8)

    def forward(self, feats: torch.Tensor) -> torch.Tensor:
        return self.project(torch.cat([feats.mean(dim=1), feats.std(dim=1)], dim=1))


def export(path: Path, features: int = MEL_BINS, model: torch.nn.Module | None = None) -> Path:
    axes = {"feats": {0: "batch", 1: "frames"}}
    model = model or StatsPooling(features)
    torch.onnx.export(model.eval(), (torch.zeros(1, 150, features),), str(path),
                      input_names=["feats"], output_names=["embs"], dynamic_axes=axes, dynamo=False)  # fmt: skip
    return path


def test_filterbank_frames_are_kaldis_shape_and_a_tone_lands_in_its_band():
    seconds = np.arange(16000) / 16000
    frames = fbank(0.5 * np.sin(2 * np.pi * 1000 * seconds))
    assert frames.shape == (1 + (16000 - 400) // 160, MEL_BINS) and np.isfinite(frames).all()
    peak = _mel_filters()[:, round(1000 * 512 / 16000)].argmax()  # the band whose triangle peaks at 1 kHz
    assert abs(int(frames.mean(axis=0).argmax()) - int(peak)) <= 1
    assert fbank(np.zeros(100)).shape == (0, MEL_BINS)


def test_an_onnx_speaker_model_gives_the_same_vector_to_a_span_alone_or_among_others(tmp_path):
    embedder = OnnxSpeakerEmbedder(str(export(tmp_path / "speaker.onnx")))
    rng = np.random.default_rng(0)
    samples = rng.normal(scale=0.1, size=16000 * 6).astype(np.float32)
    spans = [(0.5, 2.0), (2.0, 3.5), (3.0, 5.8)]
    pieces = embedder.embed(samples, 0.0, spans)
    assert [(p.start, p.end) for p in pieces] == spans
    assert all(p.vector.shape == (8,) and abs(float(np.linalg.norm(p.vector)) - 1) < 1e-5 for p in pieces)
    alone = embedder.embed(samples, 0.0, [spans[1]])[0]
    assert np.allclose(alone.vector, pieces[1].vector, atol=1e-6)
    assert embedder.name.startswith("onnx:") and voice_embedder(CONFIG).name == "campplus-onnx"
    assert embedder.embed_recording(samples).shape == (8,)


def test_a_model_giving_empty_embeddings_stops_with_one_line_not_a_crash(tmp_path):
    embedder = OnnxSpeakerEmbedder(str(export(tmp_path / "zero.onnx", model=Silent())))
    samples = np.random.default_rng(0).normal(scale=0.1, size=16000 * 3).astype(np.float32)
    with pytest.raises(ConfigError, match=r"speaker_model \(onnx:\w+\): gives empty or non-finite embeddings"):
        embedder.embed(samples, 0.0, [(0.0, 1.5), (1.5, 3.0)])


def test_a_file_that_is_not_a_speaker_model_is_one_line(tmp_path):
    with pytest.raises(ConfigError, match=r"speaker_model .*missing\.onnx': no such file \(/.*missing\.onnx\) \(fix:"):
        OnnxSpeakerEmbedder(str(tmp_path / "missing.onnx"))
    (tmp_path / "notes.onnx").write_text("not a model")
    with pytest.raises(ConfigError, match=r"not a model onnxruntime can read .*\(fix: export the model"):
        OnnxSpeakerEmbedder(str(tmp_path / "notes.onnx"))
    with pytest.raises(ConfigError, match=r"not one input of \(batch, frames, 80\)"):
        OnnxSpeakerEmbedder(str(export(tmp_path / "forty.onnx", features=40)))
    with pytest.raises(ConfigError, match=r"'.*folder\.onnx': a folder, not an ONNX file"):
        OnnxSpeakerEmbedder(str((tmp_path / "folder.onnx").mkdir() or tmp_path / "folder.onnx"))
    frames = tmp_path / "frames.onnx"  # frames in, frames out: no embedding
    torch.onnx.export(torch.nn.Identity(), (torch.zeros(1, 150, MEL_BINS),), str(frames), input_names=["feats"],
                      dynamic_axes={"feats": {0: "batch", 1: "frames"}}, dynamo=False)  # fmt: skip
    with pytest.raises(ConfigError, match=r"not one embedding per input, \(batch, dimensions\)"):
        OnnxSpeakerEmbedder(str(frames))


@pytest.mark.slow
def test_transcription_uses_the_configured_speaker_model(tmp_path, monkeypatch):
    """A real call transcribed with the user's model: its vectors are the ones clustered, and the transcript is
    cached under that model (the bundled encoder's transcript is not taken for it)."""
    model = export(tmp_path / "speaker.onnx")
    calls: list[int] = []
    embed = OnnxSpeakerEmbedder.embed

    def counting(self, samples, offset, spans):
        calls.append(len(spans))
        return embed(self, samples, offset, spans)

    monkeypatch.setattr(OnnxSpeakerEmbedder, "embed", counting)
    recording = REAL / "phone-call.flac"
    store = Store(tmp_path / STORE_NAME)
    try:
        configured = CONFIG.model_copy(update={"speaker_model": str(model)})
        outcome = transcribe_all([Job(recording, recording.name, recording.stem)], tmp_path, configured, store)
    finally:
        store.close()
    assert outcome.problems == [] and sum(calls) > 5
    transcript = json.loads(outcome.transcripts[recording.name].read_text("utf-8"))
    assert transcript["turns"] and transcript["speakers"]["method"] == "voices"


def test_campplus_runs_from_its_onnx_export_with_pytorchs_vectors():
    """The default speaker model is CAM++ exported to ONNX once (cached) and run with onnxruntime: its vectors are
    the PyTorch network's, a span's vector is the same alone or among others, and a second load reuses the file."""
    from voiceofbuyer.audio.speaker_models import (
        CamPlusPlusEmbedder,
        _campplus_export,
        _campplus_files,
        _campplus_network,
    )

    samples = np.random.default_rng(1).normal(scale=0.1, size=16000 * 5).astype(np.float32)
    spans = [(0.0, 1.5), (1.5, 3.0), (2.5, 4.5)]
    embedder = CamPlusPlusEmbedder()
    pieces = embedder.embed(samples, 0.0, spans)
    alone = embedder.embed(samples, 0.0, spans[1:2])[0]
    assert np.allclose(alone.vector, pieces[1].vector, atol=1e-5)
    frames = fbank(samples)
    window = frames[150:300]  # the span 1.5-3.0 s: 150 frames centred on 2.25 s
    with torch.inference_mode():
        reference = _campplus_network(*_campplus_files())(torch.from_numpy(window - window.mean(axis=0))[None])[0]
    reference = reference.numpy() / np.linalg.norm(reference.numpy())
    assert float(pieces[1].vector @ reference) > 0.9999
    export = _campplus_export()
    modified = export.stat().st_mtime_ns
    assert _campplus_export() == export and export.stat().st_mtime_ns == modified
