"""The documentation cannot drift: every CLI command, config key and record field is documented."""

from __future__ import annotations

import importlib.util
import re
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from sitrep import records

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")
RECORDS_DOC = (ROOT / "docs" / "records.md").read_text("utf-8")


def _cli_reference():
    path = ROOT / "tools" / "cli_reference.py"
    spec = importlib.util.spec_from_file_location("cli_reference", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docs_cli_reference_is_current() -> None:
    module = _cli_reference()
    current = (ROOT / "docs" / "cli.md").read_text("utf-8")
    assert module.render() == current, "run: python tools/cli_reference.py"


def test_docs_every_command_named_in_readme() -> None:
    for path, _ in _cli_reference().command_paths():
        top = " ".join(path.split()[:2])  # "sitrep eval" for "sitrep eval fakes"
        assert top in README, f"{top} is not in README.md"


def _config_keys() -> list[str]:
    text = resources.files("sitrep").joinpath("default_config.toml").read_text("utf-8")
    return [f"{s}.{k}" for s, values in tomllib.loads(text).items() for k in values]


@pytest.mark.parametrize("key", _config_keys())
def test_docs_config_key_in_readme(key: str) -> None:
    assert f"`{key}`" in README, f"config key {key} is not documented in README.md"


MODELS = [
    records.Document,
    records.Event,
    records.Claim,
    records.Evidence,
    records.Victims,
    records.Place,
    records.Extraction,
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_docs_record_fields_documented(model: type) -> None:
    section = re.search(rf"^## {model.__name__}\n(.*?)(?=^## |\Z)", RECORDS_DOC, re.S | re.M)
    assert section, f"docs/records.md has no section for {model.__name__}"
    for name in model.model_fields:  # type: ignore[attr-defined]
        assert f"| `{name}` |" in section.group(1), f"{model.__name__}.{name} is undocumented"
