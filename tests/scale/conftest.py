"""Scale test fixtures: `own_reports`, three short war reports written for these tests."""

from __future__ import annotations

import pytest

OWN_REPORTS = (
    "Syrian government warplanes struck the town of Saraqib in Idlib on Monday, killing four "
    "civilians, including two children, the Syrian Observatory for Human Rights said.",
    "Clashes between rebels and government forces in the Hama countryside on Sunday killed "
    "seven fighters, according to a local activist.",
    "A car bomb exploded near a checkpoint in Azaz on Tuesday, killing 12 people and wounding "
    "dozens, civil defence workers said.",
)


@pytest.fixture(scope="session")
def own_reports() -> tuple[str, ...]:
    """Three short reports (an air strike, clashes, a car bomb), each giving at least one event."""
    return OWN_REPORTS
