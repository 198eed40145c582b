"""`python -m sitrep` runs the command line (the `sitrep` script's entry point)."""

import subprocess
import sys


def test_python_dash_m_sitrep_prints_the_commands() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sitrep", "--help"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "extract" in done.stdout and "eval" in done.stdout
