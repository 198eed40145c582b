"""Optional parts of sitrep and the extra that installs each (`pip install 'sitrep[serve]'`).

The core (`sitrep extract`, ingest, the store on SQLite, CSV/GeoJSON/JSONL export) needs none of
them. Each optional import is lazy and goes through `require`, so a missing package gives one
line naming the extra instead of a traceback.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from sitrep.errors import ConfigError

__all__ = ["EXTRAS", "MissingExtraError", "require"]

# extra -> what it brings (pyproject.toml [project.optional-dependencies] lists the packages).
EXTRAS = {
    "serve": "the API and map page (sitrep serve): fastapi, uvicorn, httpx",
    "scale": "the Dask engine (sitrep extract --engine dask): dask[distributed]",
    "postgres": "a PostgreSQL store (postgresql:// URLs): psycopg",
    "parquet": "Parquet export (sitrep export --format parquet): pyarrow",
    "eval": "sitrep eval (optimal pairing of events): scipy",
}


class MissingExtraError(ConfigError):
    """An optional part was used without the package its extra installs."""

    code = "E250"


def require(module: str, extra: str, feature: str) -> ModuleType:
    """Import an optional module, or raise one clear line naming the extra to install.

    module (str): the module to import ("fastapi").
    extra (str): the extra that installs it ("serve").
    feature (str): what needs it, for the message ("sitrep serve").
    RETURNS (ModuleType): the module.
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        package = module.split(".")[0]
        raise MissingExtraError(
            f"{feature} needs {package}, which is not installed: pip install 'sitrep[{extra}]'"
        ) from exc
