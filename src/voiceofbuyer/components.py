"""The factory: config → the pipeline's components, each behind a small interface and owning its cache key.

| component | interface | built-in backends (config value) |
|---|---|---|
| segmenter | ``segment.Segmenter``: (interview, sides) → statements | ``spacy`` |
| embedder | ``embed.Embedder``: texts → normalised vectors | ``onnx``, ``torch`` (``[models] embedding_backend``) |
| classifier | ``classify.Classifier``: statements → categories | ``builtin``, ``huggingface``, ``server`` |
| clusterer | ``cluster.Clusterer``: vectors → labels (``fit_predict``) | ``pca-hdbscan`` |
| recognizer | ``audio.asr.Recognizer``: audio → timed words | faster-whisper (``[transcribe] model``) |

A backend of your own is one file and a config value: ``backend = "mypackage.module:MyClusterer"`` (a class taking
the component's config section, like the built-in ones). Nothing else changes: ``pipeline`` only asks this module.
"""

from __future__ import annotations

import importlib
import inspect
from functools import partial
from pathlib import Path
from typing import Any

from .classify import Classifier
from .cluster import Clusterer
from .config import Config
from .embed import (
    TorchEmbedder,
    check_embedding_model,
    embedder_name,
    embedding_device,
    make_embedder,
    resolve_model,
)
from .engine import Engine
from .errors import ConfigError
from .files import cache_dir, cache_folder
from .segment import Segmenter, check_spacy
from .store import Store
from .vectors import Vectors

CLUSTERERS = {"pca-hdbscan": "voiceofbuyer.cluster:PcaHdbscan"}
CLASSIFIERS = {
    "builtin": "voiceofbuyer.classify.builtin:BuiltinClassifier",
    "huggingface": "voiceofbuyer.classify.huggingface:HuggingFaceClassifier",
    "server": "voiceofbuyer.classify.server:ServerClassifier",
}


def load_backend(kind: str, name: str, builtins: dict[str, str], base: type) -> type:
    """The class a config value names: a built-in short name, or ``module:Class``, a concrete subclass of ``base``;
    ``ConfigError`` naming the setting otherwise."""
    target = builtins.get(name, name)
    module_name, _, class_name = target.partition(":")
    if not class_name:
        known = ", ".join(sorted(builtins))
        raise ConfigError(f"[{kind}] backend {name!r}: unknown (fix: one of {known}, or 'package.module:Class')")
    try:
        found = getattr(importlib.import_module(module_name), class_name)
    except (ImportError, AttributeError) as error:
        raise ConfigError(
            f"[{kind}] backend {name!r} cannot be loaded: {error} (fix: check the module and class)"
        ) from error
    if not (isinstance(found, type) and issubclass(found, base) and not inspect.isabstract(found)):
        raise ConfigError(
            f"[{kind}] backend {name!r} is no {base.__name__} (fix: name a class that implements "
            f"{base.__module__}.{base.__name__}, or one of {', '.join(sorted(builtins))})"
        )
    return found


def check(config: Config) -> None:
    """Load the configured backends' classes and find the classifier's encoder before any work, so a mistake in the
    config stops the run before it reads a file or opens a store; ``ConfigError`` naming the config file."""
    try:
        load_backend("classify", config.classify.backend, CLASSIFIERS, Classifier)
        load_backend("clustering", config.clustering.backend, CLUSTERERS, Clusterer)
        _encoder_path(config)
        check_embedding_model(config.models.embedding_backend, resolve_model(config.models.embedding))
        embedding_device(config.models.embedding_device)  # "cuda" with no GPU that PyTorch can use
        check_spacy(config.models.spacy)
        for language, pipeline in sorted(config.models.languages.items()):
            check_spacy(pipeline, f"[models.languages] {language}")
    except ConfigError as error:
        raise ConfigError(f"{config.source}: {error}") from error
    cache_folder("")  # the model cache (not the config's doing): a file in its way stops the run here too


def embedder_key(config: Config) -> str:
    """The cache key of the configured embedder's vectors on this machine, known without loading it."""
    device = _embedding_device(config)
    return embedder_name(config.models.embedding_backend, resolve_model(config.models.embedding), device)


def _embedding_device(config: Config) -> str:
    """``embed.embedding_device`` of the config's setting; its ``ConfigError`` names the config file."""
    try:
        return embedding_device(config.models.embedding_device)
    except ConfigError as error:
        raise ConfigError(f"{config.source}: {error}") from error


def vectors(config: Config, store: Store, engine: Engine | None = None) -> Vectors:
    """Cached sentence vectors; the embedder loads only for a text the store has not seen (in this process, or in
    ``engine``'s workers), on the device ``[models] embedding_device`` gives on this machine."""
    device = _embedding_device(config)
    return Vectors(store, embedder_key(config), partial(make_embedder, config.models, device), engine, device)


MPNET = "mpnet"
"""``[classify] encoder = "mpnet"``: all-mpnet-base-v2 where ``make mpnet`` puts it (``scripts/install_mpnet.sh``)."""


def classifier_vectors(config: Config, store: Store, embedding: Vectors) -> Vectors:
    """The vectors the built-in classifier reads: ``embedding`` (those clustering uses) unless ``[classify]
    encoder`` names a stronger sentence encoder; ``ConfigError`` when it is not installed."""
    path = _encoder_path(config)
    if path is None:
        return embedding
    model, device = str(path), embedding.device
    name = embedder_name("torch", model, device)
    return Vectors(store, name, lambda: TorchEmbedder(model, "[classify] encoder", device), device=device)


def _encoder_path(config: Config) -> Path | None:
    """The folder of ``[classify] encoder``, None when unset; ``ConfigError`` when no model is there."""
    encoder = config.classify.encoder
    if not encoder:
        return None
    path = cache_dir() / "models" / "all-mpnet-base-v2" if encoder == MPNET else Path(encoder)
    if not (path / "config.json").is_file():
        fix = "run `make mpnet`" if encoder == MPNET else "give a local sentence-transformers directory"
        raise ConfigError(f"[classify] encoder {encoder!r}: no model at {path} (fix: {fix}, or remove the key)")
    return path


def clusterer(config: Config) -> Clusterer:
    """The configured clusterer (``[clustering] backend``); ``ConfigError`` when it cannot be loaded."""
    return load_backend("clustering", config.clustering.backend, CLUSTERERS, Clusterer)(config.clustering)


def classifier(config: Config, embed: Vectors, reviewed: list[Any] | None = None) -> Classifier:
    """The configured classifier; ``reviewed``: reviewers' category decisions as extra labelled examples."""
    cls = load_backend("classify", config.classify.backend, CLASSIFIERS, Classifier)
    try:
        return cls(config.classify, embed, reviewed or [])
    except OSError as error:  # a model folder without its weights, a server's file missing: the setting's fault
        raise ConfigError(f"{config.source}: [classify] backend {config.classify.backend!r} cannot be used: "
                          f"{str(error)[:200]} (fix: check [classify] model)") from error  # fmt: skip


def segmenter(config: Config) -> Segmenter:
    """The statement segmenter with the ``[segment]`` settings and the ``[models]`` spaCy pipelines."""
    return Segmenter(config.segment, config.models)
