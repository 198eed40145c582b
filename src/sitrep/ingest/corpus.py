"""CSV and JSONL corpora: one document per row, columns mapped by IngestOptions.

Rows whose texts are identical (ACLED rows sharing one notes text) become one document whose
`ref` lists every row id, separated by ";".
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from itertools import islice
from typing import Any

from sitrep.errors import InputError, MalformedRowError
from sitrep.ingest.dates import find_dateline, parse_date
from sitrep.ingest.decode import check_text, decode_bytes
from sitrep.ingest.options import IngestOptions
from sitrep.records import Document

__all__ = ["csv_documents", "jsonl_documents"]

Row = dict[str, Any]
# A quoted CSV field may span lines (paragraphs); one still open after this many lines is taken
# as an unclosed quote, and reading starts again on the line after the record's first.
MAX_RECORD_LINES = 2000


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


def _physical_lines(text: str) -> list[str]:
    """Split on "\n" only (a quoted field may hold other line separators), keeping the ends."""
    lines = text.split("\n")
    ended = [line + "\n" for line in lines[:-1]]
    return ended + ([lines[-1]] if lines[-1] else [])


def _one_record(lines: list[str], start: int, delimiter: str) -> tuple[list[str], int]:
    """Parse the CSV record starting at physical line `start` (0-based).

    RETURNS (tuple): (fields, physical lines it spans); csv.Error if it is malformed, including
        a quoted field still open after MAX_RECORD_LINES lines or at the end of the file.
    """
    window = islice(lines, start, start + MAX_RECORD_LINES)
    reader = csv.reader(window, delimiter=delimiter, strict=True)
    try:
        values = next(reader)
    except StopIteration:
        return [], 1
    spanned = reader.line_num
    if spanned >= MAX_RECORD_LINES and start + spanned < len(lines):
        raise csv.Error(f"a quoted field runs over {MAX_RECORD_LINES:,} lines")
    return values, spanned


def _csv_rows(
    lines: list[str], header: list[str], name: str, delimiter: str
) -> Iterator[tuple[int, Row | MalformedRowError]]:
    """Rows after the header. A malformed record (an unclosed quote, a stray quote) is skipped
    alone: its first line is named and reading starts again at the next line, so an unclosed
    quote costs one row, not the rest of the file."""
    index = 1
    while index < len(lines):
        line = index + 1  # 1-based, as editors number lines
        try:
            values, spanned = _one_record(lines, index, delimiter)
        except csv.Error as exc:
            yield line, MalformedRowError(
                f"{name} line {line}: unreadable CSV ({exc}); line skipped, reading on at "
                f"line {line + 1}."
            )
            index += 1
            continue
        number = line - 1
        if values and len(values) != len(header):
            # A record spanning lines with the wrong field count is most likely a stray quote
            # that swallowed the next rows: skip its first line only and read on from there.
            index += 1 if spanned > 1 else spanned
            yield (
                number,
                MalformedRowError(
                    f"{name} row {number} (line {line}): {len(values)} fields, the header has "
                    f"{len(header)}; row skipped."
                ),
            )
            continue
        index += spanned
        if any(v.strip() for v in values):
            yield number, dict(zip(header, values, strict=True))


def csv_documents(
    data: bytes, name: str, options: IngestOptions
) -> Iterator[Document | InputError]:
    """Read a CSV (or TSV) corpus, one document per row.

    data (bytes): the file's content.
    name (str): the file name, for messages and row refs.
    options (IngestOptions): column mapping, limits, overrides.
    RETURNS (Iterator): Documents, and a MalformedRowError per unusable row (a malformed record
        is skipped alone and reading goes on at the next line).
    """
    text = decode_bytes(data, name)
    delimiter = "\t" if name.lower().endswith((".tsv", ".tsv.gz")) else ","
    csv.field_size_limit(max(options.max_bytes * 4, 131072))
    lines = _physical_lines(text)
    if not lines:
        raise InputError(f"{name}: the file is empty.", code="E101")
    try:
        fields, spanned = _one_record(lines, 0, delimiter)
    except csv.Error as exc:
        raise InputError(f"{name}: not a readable CSV ({exc}).", code="E108") from None
    if spanned != 1:
        raise InputError(f"{name}: not a readable CSV (the header spans lines).", code="E108")
    header = [h.strip() for h in fields]
    yield from _documents(_csv_rows(lines, header, name, delimiter), header, name, "row", options)


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
