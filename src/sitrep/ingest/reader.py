"""`read_inputs`: files, folders, URLs and stdin to Documents; a bad input never stops the rest."""

from __future__ import annotations

import gzip
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from sitrep.errors import InputError
from sitrep.ingest.corpus import csv_documents, jsonl_documents
from sitrep.ingest.dates import find_dateline
from sitrep.ingest.decode import check_text, decode_bytes
from sitrep.ingest.options import IngestOptions
from sitrep.ingest.web import feed_documents, fetch_url, html_document, looks_like_feed
from sitrep.records import Document

__all__ = ["read_inputs", "text_document", "KINDS"]

# File suffix -> kind of input. In folders only these are read; a file named on the command line
# with another suffix is read as text (or HTML/feed if its content starts like one).
KINDS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
}

Result = Document | InputError


def _title(text: str) -> str | None:
    first = text.lstrip().split("\n", 1)[0].strip()
    if 0 < len(first) <= 200 and "\n" in text.strip() and not first.endswith((".", ":", ";")):
        return first
    return None


def text_document(text: str, name: str, options: IngestOptions) -> Document:
    """Make a document of plain text (first line as title when it looks like a headline).

    text (str): the decoded text.
    name (str): the file name, the document's ref.
    options (IngestOptions): limits and metadata overrides.
    RETURNS (Document): with the dateline's date as `published` when none is given.
    """
    text = check_text(text, name, options.min_chars, options.max_bytes)
    return Document.from_text(
        text,
        ref=name,
        title=options.title or _title(text),
        outlet=options.source,
        url=options.url,
        published=options.published or find_dateline(text),
        language=options.language,
    )


def _kind(name: str) -> str | None:
    lowered = name.lower()
    if lowered.endswith(".gz"):
        lowered = lowered[:-3]
    return KINDS.get(Path(lowered).suffix)


def _read_bytes(
    data: bytes, name: str, kind: str | None, options: IngestOptions
) -> Iterator[Result]:
    if name.lower().endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise InputError(f"{name}: not a readable gzip file ({exc}).", code="E102") from None
    if kind is None:
        head = data[:512].lstrip().lower()
        if looks_like_feed(data):
            kind = "feed"
        elif head.startswith((b"<!doctype html", b"<html")):
            kind = "html"
        else:
            kind = "text"
    if kind == "html":
        yield html_document(data, name, options)
    elif kind == "feed":
        if not looks_like_feed(data) and data[:512].lstrip().lower().startswith(
            (b"<!doctype", b"<html")
        ):
            yield html_document(data, name, options)
        else:
            yield from feed_documents(data, name, options)
    elif kind == "csv":
        yield from csv_documents(data, name, options)
    elif kind == "jsonl":
        yield from jsonl_documents(data, name, options)
    else:
        yield text_document(decode_bytes(data, name), name, options)


def _read_file(path: Path, name: str, options: IngestOptions) -> Iterator[Result]:
    kind = _kind(path.name)
    corpus = kind in ("csv", "jsonl")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror}).", code="E100") from None
    if not corpus and size > options.max_bytes:
        raise InputError(
            f"{name}: the file is {size:,} bytes, over the limit of {options.max_bytes:,} "
            "(ingest.max_bytes; raise it with --max-bytes).",
            code="E103",
        )
    if size == 0:
        raise InputError(f"{name}: the file is empty.", code="E101")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror}).", code="E100") from None
    yield from _read_bytes(data, name, kind, options)


def _read_url(url: str, options: IngestOptions) -> Iterator[Result]:
    body, content_type = fetch_url(url, options)
    if looks_like_feed(body) or content_type in (
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
    ):
        yield from feed_documents(body, url, options)
    elif content_type == "text/plain":
        yield text_document(decode_bytes(body, url), url, options)
    else:
        yield html_document(body, url, options, url=url)


def _folder_files(folder: Path) -> list[Path]:
    found = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).parts
        if any(part.startswith(".") for part in relative) or not path.is_file():
            continue
        if _kind(path.name) is not None:
            found.append(path)
    return found


def _guard(source: Iterator[Result], name: str) -> Iterator[Result]:
    """Yield from one input's reader, turning its InputError into an item, never a crash."""
    try:
        yield from source
    except InputError as exc:
        yield exc
    except (UnicodeError, ValueError) as exc:
        yield InputError(f"{name}: cannot be read ({exc}).", code="E100")


def read_inputs(
    paths: Iterable[str | Path], options: IngestOptions | None = None
) -> Iterator[Result]:
    """Read inputs as documents; a bad input is yielded as an InputError and the rest go on.

    paths (Iterable[str | Path]): files, folders (read recursively), http(s) URLs, or "-" for
        text on stdin.
    options (IngestOptions | None): limits, metadata overrides and corpus columns.
    RETURNS (Iterator[Document | InputError]): each document once (the same text twice in one
        run is yielded once), and an InputError naming each input (or row) that cannot be read.
    """
    options = options or IngestOptions()
    seen: set[str] = set()
    for item in paths:
        name = str(item)
        if name.startswith(("http://", "https://")):
            results: Iterator[Result] = _guard(_read_url(name, options), name)
        elif name == "-":
            results = _guard(_read_bytes(sys.stdin.buffer.read(), "<stdin>", "text", options), name)
        else:
            path = Path(name).expanduser()
            if path.is_dir():
                files = _folder_files(path)
                if not files:
                    yield InputError(f"{name}: no readable files in this folder.", code="E109")
                results = (
                    r
                    for file in files
                    for r in _guard(_read_file(file, str(file), options), str(file))
                )
            elif path.exists():
                results = _guard(_read_file(path, name, options), name)
            else:
                yield InputError(f"{name}: no such file, folder or URL.", code="E100")
                continue
        for result in results:
            if isinstance(result, Document):
                if result.id in seen:
                    continue
                seen.add(result.id)
            yield result
