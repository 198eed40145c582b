"""Data shipped with sitrep: the example article for `sitrep extract --example`, its coding."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources
from importlib.abc import Traversable

from sitrep.records import Document

__all__ = ["EXAMPLES", "example_document", "example_expected"]

EXAMPLES: tuple[str, ...] = ("aleppo-siege-broken",)


def _folder() -> Traversable:
    return resources.files("sitrep.data").joinpath("examples")


def example_document(name: str = "aleppo-siege-broken") -> Document:
    """Return a bundled example article as a Document, with its outlet and publication date.

    name (str): one of EXAMPLES.
    RETURNS (Document): the article (Orient News, 2016-08-07 for the default).
    """
    folder = _folder()
    text = folder.joinpath(f"{name}.txt").read_text("utf-8")
    meta = json.loads(folder.joinpath(f"{name}.meta.json").read_text("utf-8"))
    from sitrep.ingest.decode import clean_text

    text = clean_text(text)  # the same text `sitrep extract <file>` would read
    return Document.from_text(
        text,
        ref=meta["ref"],
        title=text.split("\n", 1)[0].strip(),
        outlet=meta["outlet"],
        published=date.fromisoformat(meta["published"]),
    )


def example_expected(name: str = "aleppo-siege-broken") -> Traversable:
    """Return the bundled expected coding (YAML) of an example article.

    RETURNS (Traversable): `<name>.expected.yaml` in the package, readable with read_text().
    """
    return _folder().joinpath(f"{name}.expected.yaml")
