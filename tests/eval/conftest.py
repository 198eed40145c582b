"""Fixtures of the eval tests: hand-made gold files and a builder of predicted events."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from sitrep.records import Event
from testdata import SHARED_DATA

DATA = Path(__file__).parent / "data"
SEED = SHARED_DATA / "seed"
_ids = itertools.count(1)


def make_event(**fields: Any) -> Event:
    """Build a predicted Event; event_type defaults from the sub-event type's family."""
    fields.setdefault("event_id", f"ev{next(_ids)}")
    fields.setdefault("event_type", "Battles")
    fields.setdefault("sub_event_type", "Armed clash")
    return Event(**fields)


@pytest.fixture
def new_event():
    """The `make_event` builder."""
    return make_event


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def seed_dir() -> Path:
    if not (SEED / "aleppo-siege-broken.expected.yaml").exists():
        pytest.skip(f"shared seed data not found at {SEED} (set SITREP_SHARED)")
    return SEED
