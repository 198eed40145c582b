"""Reading the lexicon files of `sitrep/extract/lexicons/` (YAML data an analyst can edit)."""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

__all__ = ["read_lexicon"]


def read_lexicon(name: str) -> Any:
    """Parse one packaged lexicon file.

    name (str): the file name inside `sitrep/extract/lexicons/`, e.g. "weapons.yaml".
    RETURNS (Any): the parsed YAML (None for an empty file).
    """
    path = resources.files("sitrep.extract").joinpath("lexicons", name)
    return yaml.safe_load(path.read_text("utf-8"))
