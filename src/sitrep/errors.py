"""Errors sitrep raises.

The library raises these; only the CLI turns one into a single red line and an exit code.

    SitrepError
    ├── InputError            an input cannot be read (empty, binary, too large, malformed)
    │   └── MalformedRowError  one row of a CSV/JSONL corpus is unusable
    ├── ConfigError           a setting or option has a value sitrep cannot use
    ├── StoreError            the database cannot be opened, migrated or written
    ├── GazetteerError        the gazetteer is missing or a gazetteer file cannot be imported
    └── ModelError            the spaCy model is missing or its files do not match their hashes

Each error carries a stable code ("[E101] ...") so users can search for it.
"""

from __future__ import annotations

__all__ = [
    "SitrepError",
    "InputError",
    "MalformedRowError",
    "ConfigError",
    "StoreError",
    "GazetteerError",
    "ModelError",
]


class SitrepError(Exception):
    """Base class of every error sitrep raises on purpose.

    code (str): a stable code such as "E101", printed in front of the message.
    """

    code = "E000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        if code is not None:
            self.code = code
        super().__init__(message)

    def __str__(self) -> str:
        return f"[{self.code}] {super().__str__()}"


class InputError(SitrepError):
    """An input (file, URL, row) cannot be read as a news document."""

    code = "E100"


class MalformedRowError(InputError):
    """One row of a CSV or JSONL corpus is unusable; the rest of the corpus goes on."""

    code = "E110"


class ConfigError(SitrepError):
    """A configuration value or command-line option cannot be used."""

    code = "E200"


class StoreError(SitrepError):
    """The event store cannot be opened, migrated or written."""

    code = "E300"


class GazetteerError(SitrepError):
    """The gazetteer is missing, or a file given to `sitrep gazetteer import` is unusable."""

    code = "E400"


class ModelError(SitrepError):
    """The spaCy model is missing or damaged."""

    code = "E500"
