"""CSV and JSONL corpora: one document per row, columns mapped by IngestOptions.

Rows whose texts are identical (ACLED rows sharing one notes text) become one document whose
`ref` lists every row id, separated by ";".
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from sitrep.errors import InputError, MalformedRowError
from sitrep.ingest.dates import find_dateline, parse_date
from sitrep.ingest.decode import check_text, decode_bytes
from sitrep.ingest.options import IngestOptions
from sitrep.records import Document

__all__ = ["csv_documents", "jsonl_documents"]

Row = dict[str, Any]


def _columns(columns: list[str], name: str, options: IngestOptions) -> dict[str, str | None]:
    mapping = {
        kind: options.column(kind, columns)
        for kind in ("text", "title", "date", "source", "id", "url")
    }
    if mapping["text"] is None:
        wanted = options.text_col or "text (or article_content, notes, content, body)"
        raise InputError(
            f"{name}: no text column {wanted!r} among {', '.join(columns) or 'no columns'}; "
            "name it with --text-col.",
            code="E107",
        )
    return mapping


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _documents(
    rows: Iterator[tuple[int, Row | MalformedRowError]],
    columns: list[str],
    name: str,
    label: str,
    options: IngestOptions,
) -> Iterator[Document | InputError]:
    """Turn rows into documents, merging rows with the same text (their refs joined by ";")."""
    mapping = _columns(columns, name, options)
    merged: dict[str, Document] = {}
    refs: dict[str, list[str]] = {}
    for number, row in rows:
        if isinstance(row, MalformedRowError):
            yield row
            continue
        where = f"{name} {label} {number}"
        try:
            text = check_text(
                _text(row.get(mapping["text"] or "")), where, options.min_chars, options.max_bytes
            )
        except InputError as exc:
            yield MalformedRowError(str(exc).split("] ", 1)[-1], code=exc.code)
            continue
        ref = _text(row.get(mapping["id"])) if mapping["id"] else ""
        ref = ref or f"{name}:{number}"
        raw_date = _text(row.get(mapping["date"])) if mapping["date"] else ""
        published = options.published or parse_date(raw_date) or find_dateline(text)
        doc = Document.from_text(
            text,
            ref=ref,
            title=options.title
            or (_text(row.get(mapping["title"])) if mapping["title"] else None)
            or None,
            outlet=options.source
            or (_text(row.get(mapping["source"])) if mapping["source"] else None)
            or None,
            url=options.url or (_text(row.get(mapping["url"])) if mapping["url"] else None) or None,
            published=published,
            language=options.language,
        )
        if doc.id in merged:
            refs[doc.id].append(ref)
        else:
            merged[doc.id] = doc
            refs[doc.id] = [ref]
    for doc_id, doc in merged.items():
        ids = list(dict.fromkeys(refs[doc_id]))
        yield doc if len(ids) == 1 else doc.model_copy(update={"ref": ";".join(ids)})


def csv_documents(
    data: bytes, name: str, options: IngestOptions
) -> Iterator[Document | InputError]:
    """Read a CSV (or TSV) corpus, one document per row.

    data (bytes): the file's content.
    name (str): the file name, for messages and row refs.
    options (IngestOptions): column mapping, limits, overrides.
    RETURNS (Iterator): Documents, and a MalformedRowError per unusable row.
    """
    text = decode_bytes(data, name)
    delimiter = "\t" if name.lower().endswith((".tsv", ".tsv.gz")) else ","
    csv.field_size_limit(max(options.max_bytes * 4, 131072))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise InputError(f"{name}: the file is empty.", code="E101") from None
    except csv.Error as exc:
        raise InputError(f"{name}: not a readable CSV ({exc}).", code="E108") from None

    def rows() -> Iterator[tuple[int, Row | MalformedRowError]]:
        while True:
            line = reader.line_num + 1
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield line, MalformedRowError(f"{name} line {line}: unreadable CSV ({exc}).")
                return
            if not any(v.strip() for v in values):
                continue
            number = line - 1
            if len(values) != len(header):
                yield (
                    number,
                    MalformedRowError(
                        f"{name} row {number} (line {line}): {len(values)} fields, the header has "
                        f"{len(header)}; row skipped."
                    ),
                )
                continue
            yield number, dict(zip(header, values, strict=True))

    yield from _documents(rows(), header, name, "row", options)


def jsonl_documents(
    data: bytes, name: str, options: IngestOptions
) -> Iterator[Document | InputError]:
    """Read a JSONL corpus: one JSON object per line, `text` and optional id, title, published,
    source, url.

    data (bytes): the file's content.
    name (str): the file name, for messages.
    options (IngestOptions): column mapping, limits, overrides.
    RETURNS (Iterator): Documents, and a MalformedRowError per unusable line.
    """
    lines = decode_bytes(data, name).split("\n")
    parsed: list[tuple[int, Row | MalformedRowError]] = []
    columns: dict[str, None] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            parsed.append(
                (number, MalformedRowError(f"{name} line {number}: not valid JSON ({exc.msg})."))
            )
            continue
        if not isinstance(value, dict):
            parsed.append((number, MalformedRowError(f"{name} line {number}: not a JSON object.")))
            continue
        columns.update(dict.fromkeys(value))
        parsed.append((number, value))
    yield from _documents(iter(parsed), list(columns), name, "line", options)
