"""`IngestOptions`: how inputs are read (limits, metadata overrides, corpus column mapping)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

__all__ = ["IngestOptions", "COLUMN_DEFAULTS"]

# Corpus columns tried in order when no --*-col option names one. The defaults recognise plain
# corpora (text, title, published, source, id, url), FA-KES (article_content, article_title,
# date, source, unit_id) and ACLED (notes, event_date, source, event_id_cnty).
COLUMN_DEFAULTS: dict[str, tuple[str, ...]] = {
    "text": ("text", "article_content", "notes", "content", "body"),
    "title": ("title", "article_title", "headline"),
    "date": ("published", "date", "event_date", "pubdate"),
    "source": ("source", "outlet", "sitename"),
    "id": ("id", "unit_id", "event_id_cnty", "doc_id"),
    "url": ("url", "link"),
}


@dataclass
class IngestOptions:
    """How `read_inputs` reads its inputs.

    published, source, url, title: metadata given by the user; they override what an input
        says (meant for a single file).
    text_col, title_col, date_col, source_col, id_col, url_col: corpus (CSV/JSONL) columns;
        None tries COLUMN_DEFAULTS.
    max_bytes (int): larger files (and larger corpus texts) are refused (config ingest.max_bytes).
    min_chars (int): texts with fewer non-space characters are refused as empty.
    timeout (float): seconds to wait for a URL.
    language (str): language code given to every document.
    allow_private_urls (bool): let URLs reach loopback, private and reserved addresses (an
        operator's command line; never for URLs sent by API clients).
    """

    published: date | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None
    text_col: str | None = None
    title_col: str | None = None
    date_col: str | None = None
    source_col: str | None = None
    id_col: str | None = None
    url_col: str | None = None
    max_bytes: int = 20_000_000
    min_chars: int = 20
    timeout: float = 20.0
    language: str = "en"
    allow_private_urls: bool = False

    @classmethod
    def from_config(
        cls, config: dict[str, dict[str, Any]] | None = None, **overrides: Any
    ) -> IngestOptions:
        """Build options from the [ingest] configuration section, then the non-None `overrides`."""
        if config is None:
            from sitrep.config import load_config

            config = load_config()
        section = config.get("ingest", {})
        values: dict[str, Any] = {
            "max_bytes": int(section.get("max_bytes", cls.max_bytes)),
            "min_chars": int(section.get("min_chars", cls.min_chars)),
            "timeout": float(section.get("timeout", cls.timeout)),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def column(self, kind: str, columns: list[str]) -> str | None:
        """Return the corpus column holding `kind` ("text", "title", ...), None if there is none.

        kind (str): a key of COLUMN_DEFAULTS.
        columns (list[str]): the corpus's column names.
        """
        chosen = getattr(self, f"{kind}_col")
        if chosen:
            return chosen if chosen in columns else None
        lowered = {c.strip().lower(): c for c in columns}
        for name in COLUMN_DEFAULTS[kind]:
            if name in lowered:
                return lowered[name]
        return None
