"""Scale: run the pure extraction function over many documents, on one core, a process pool,
or a Dask cluster.

    from sitrep.scale import run_extraction
    for document, result in run_extraction(documents, workers=2, engine="process"):
        ...  # result is an Extraction, or that document's SitrepError

How the engines work and what they cost: docs/scale.md.
"""

from __future__ import annotations

from sitrep.scale.engines import (
    ENGINES,
    Engine,
    ExtractionError,
    Extractor,
    extract_one,
    resolve_engine,
    run_extraction,
)

__all__ = [
    "ENGINES",
    "Engine",
    "ExtractionError",
    "Extractor",
    "extract_one",
    "resolve_engine",
    "run_extraction",
]
