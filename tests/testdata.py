"""Where the tests find what lives outside the repository, in one place.

- The shared data: `$SITREP_SHARED/data` if SITREP_SHARED is set, else `../shared/data` beside
  the repository. Never an absolute path of one machine.
- Debian's chromium for the browser tests: `$SITREP_CHROMIUM`, else /usr/bin/chromium.

Under `CI=true` a test that would be skipped fails instead (tests/conftest.py), so a missing
dataset, browser, PostgreSQL URL or optional package cannot leave the suite green by accident.
Imported as a plain module (tests/ is on sys.path, as for fuse/fuse_helpers.py).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

__all__ = ["CI", "SHARED", "SHARED_DATA", "CHROMIUM", "shared_file"]

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SITREP_SHARED") or REPO.parent / "shared")
SHARED_DATA = SHARED / "data"
CHROMIUM = Path(os.environ.get("SITREP_CHROMIUM") or "/usr/bin/chromium")
CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def shared_file(relative: str) -> Path:
    """Return a file of the shared data, or skip the test (fail it under CI=true) naming it.

    relative (str): its path under the data folder ("seed/aleppo-siege-broken.txt").
    RETURNS (Path): the file, which exists.
    """
    path = SHARED_DATA / relative
    if not path.exists():
        pytest.skip(f"shared data {relative} not found at {path} (set SITREP_SHARED)")
    return path
