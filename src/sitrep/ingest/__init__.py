"""Inputs: text, HTML, RSS/Atom, JSONL and CSV files, folders and URLs, read as Documents.

    >>> from sitrep.ingest import read_inputs, IngestOptions
    >>> for item in read_inputs(["articles/"], IngestOptions(source="Orient News")):
    ...     print(item)   # a Document, or an InputError naming the input that failed

Encodings are detected (charset-normalizer); HTML goes through trafilatura (title, date, outlet
from the page); corpora map their columns with IngestOptions (defaults recognise FA-KES and
ACLED); a dateline at the top of a text sets `published` when nothing else does.
"""

from __future__ import annotations

from sitrep.ingest.dates import find_dateline, parse_date
from sitrep.ingest.options import COLUMN_DEFAULTS, IngestOptions
from sitrep.ingest.reader import KINDS, read_inputs, text_document

__all__ = [
    "COLUMN_DEFAULTS",
    "IngestOptions",
    "KINDS",
    "find_dateline",
    "parse_date",
    "read_inputs",
    "text_document",
]
