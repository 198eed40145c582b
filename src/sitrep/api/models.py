"""The API's response and request bodies (pydantic), published in the OpenAPI schema."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, model_validator

from sitrep.records import Document, Event

__all__ = [
    "EventPage",
    "EventDetail",
    "DocumentSummary",
    "DocumentPage",
    "DocumentDetail",
    "IngestRequest",
    "IngestResult",
    "Health",
    "summarise",
]


class EventPage(BaseModel):
    """One page of events, with the total matching the filters and the next page's URL."""

    total: int
    limit: int
    offset: int
    next: str | None = None
    events: list[Event]


class DocumentSummary(BaseModel):
    """A document without its text."""

    id: str
    ref: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    ingested_at: datetime
    chars: int


def summarise(document: Document) -> DocumentSummary:
    """Return the summary of a document (its fields but the text, and the text's length)."""
    data = document.model_dump(exclude={"text", "language"})
    return DocumentSummary(**data, chars=len(document.text))


class EventDetail(BaseModel):
    """One event, the documents it rests on (with their text) and the per-document reports."""

    event: Event
    layer: str
    documents: list[Document]
    reports: list[Event] = Field(
        default_factory=list,
        description="Report-layer events of the same documents and event type (for fused events) "
        "or the other events of the same document (for report events).",
    )


class DocumentPage(BaseModel):
    """One page of documents."""

    limit: int
    offset: int
    documents: list[DocumentSummary]


class DocumentDetail(BaseModel):
    """One document with its text and its events."""

    document: Document
    events: list[Event]


class IngestRequest(BaseModel):
    """A new article: its text, or a URL to fetch it from (exactly one)."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, min_length=20, max_length=2_000_000)
    url: HttpUrl | None = None
    title: str | None = Field(default=None, max_length=1000)
    published: date | None = None
    source: str | None = Field(default=None, max_length=200, description="The outlet.")

    @model_validator(mode="after")
    def _one_input(self) -> IngestRequest:
        if (self.text is None) == (self.url is None):
            raise ValueError("give exactly one of 'text' or 'url'")
        return self


class IngestResult(BaseModel):
    """The stored document and the events extracted from it."""

    document: DocumentSummary
    new: bool
    events: list[Event]


class ExtractRequest(BaseModel):
    """Extract stored documents (those `POST /api/ingest` or `sitrep ingest` stored)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    all: bool = Field(
        default=False,
        description="Re-extract every stored document (page with offset), not only those "
        "without an extraction.",
    )
    limit: int = Field(default=50, ge=1, le=1000, description="Documents in this call.")
    offset: int = Field(
        default=0, ge=0, le=10_000_000, description="With all=true: documents to pass over."
    )


class ExtractResult(BaseModel):
    """What one `POST /api/extract` did; call again while `remaining` is above 0."""

    extracted: int
    events: int
    failed: list[str]
    remaining: int


class Health(BaseModel):
    """The service's state."""

    status: str
    version: str
    read_only: bool
    database: str
    events: int
    fused_events: int
