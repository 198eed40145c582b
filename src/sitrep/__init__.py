"""sitrep: turn war reporting into verified, mapped, ACLED-style event data, offline.

    >>> import sitrep
    >>> doc = sitrep.Document.from_text(text, outlet="Orient News", published=date(2016, 8, 7))
    >>> extraction = sitrep.extract_document(doc)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sitrep.records import Claim, Document, Event, Evidence, Extraction, Place, Victims

if TYPE_CHECKING:
    from sitrep.extract import extract_document

__version__ = "0.1.0"

__all__ = [
    "Claim",
    "Document",
    "Event",
    "Evidence",
    "Extraction",
    "Place",
    "Victims",
    "extract_document",
    "__version__",
]


def __getattr__(name: str) -> Any:
    # Lazy, so `import sitrep` stays cheap and loads no spaCy model.
    if name == "extract_document":
        from sitrep.extract import extract_document

        return extract_document
    raise AttributeError(name)
