"""sitrep's settings: `default_config.toml`, overridden by SITREP_* environment variables.

`load_config()` returns a plain nested dict; CLI flags override its values where they are given.
"""

from __future__ import annotations

import os
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from sitrep.errors import ConfigError

__all__ = ["load_config", "default_db_url"]


def _coerce(value: str, like: Any) -> Any:
    if isinstance(like, bool):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(like, int):
        try:
            return int(value.replace("_", ""))
        except ValueError as exc:
            raise ConfigError(f"Expected a whole number, got {value!r}", code="E201") from exc
    if isinstance(like, float):
        return float(value)
    return value


def load_config(environ: dict[str, str] | None = None) -> dict[str, dict[str, Any]]:
    """Return the configuration: the packaged defaults with SITREP_* variables applied.

    environ (dict | None): the environment to read; os.environ when None.
    RETURNS (dict): {section: {key: value}}.
    """
    env = os.environ if environ is None else environ
    text = resources.files("sitrep").joinpath("default_config.toml").read_text("utf-8")
    config: dict[str, dict[str, Any]] = tomllib.loads(text)
    for section, values in config.items():
        for key, default in values.items():
            name = f"SITREP_{section}_{key}".upper()
            if name in env:
                values[key] = _coerce(env[name], default)
    if env.get("SITREP_DB"):
        config["store"]["url"] = env["SITREP_DB"]
    return config


def default_db_url(config: dict[str, dict[str, Any]] | None = None) -> str:
    """Return the database URL to use when none is given on the command line.

    RETURNS (str): SITREP_DB / store.url if set, else a SQLite file in the user's data directory.
    """
    cfg = config or load_config()
    url = str(cfg["store"].get("url") or "")
    if url:
        return url
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("sitrep"))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'sitrep.db'}"
