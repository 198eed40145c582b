"""Fixtures of the geocoder tests: the real packaged gazetteer, and an isolated user extension."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sitrep.geo import Gazetteer, load_gazetteer
from sitrep.geo.gazetteer import load_gazetteer as _loader
from testdata import SHARED_DATA

SEED = SHARED_DATA / "seed"


@pytest.fixture(autouse=True)
def isolated_user_gazetteer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the user extension at a fresh tmp file, so no test reads or writes the real one."""
    path = tmp_path / "user_gazetteer.tsv"
    monkeypatch.setenv("SITREP_GEO_USER_GAZETTEER", str(path))
    _loader.cache_clear()
    yield path
    _loader.cache_clear()


@pytest.fixture()
def gazetteer() -> Gazetteer:
    """The packaged gazetteer (no user extension)."""
    return load_gazetteer(user=False)


@pytest.fixture()
def seed_text() -> str:
    """The canonical seed article (skips when the shared data folder is absent)."""
    path = SEED / "aleppo-siege-broken.txt"
    if not path.is_file():
        pytest.skip(f"seed article not found at {path}")
    return path.read_text("utf-8")
