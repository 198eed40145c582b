"""The records sitrep passes between its stages.

Every stage takes and returns these pydantic models; none passes a dict with magic keys.
Field names follow ACLED's columns where ACLED has one (`event_date`, `actor1`, `admin1`,
`geo_precision`, ...). An unresolved value is ``None``: never a guess.

`sitrep schema` (and tools/make_schema.py) writes their JSON Schema into ``docs/schema/``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import UTC, date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "Document",
    "Event",
    "Claim",
    "Evidence",
    "Victims",
    "Place",
    "Extraction",
    "EVENT_TYPES",
    "SUB_EVENT_TYPES",
    "document_id",
    "normalise_text",
]

# ACLED's 6 event types and their 25 sub-event types (ACLED Codebook, 2023).
SUB_EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Chemical weapon",
        "Suicide bomb",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": (
        "Attack",
        "Abduction/forced disappearance",
        "Sexual violence",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Arrests",
        "Agreement",
        "Looting/property destruction",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Non-violent transfer of territory",
        "Change to group/activity",
        "Other",
    ),
}
EVENT_TYPES: tuple[str, ...] = tuple(SUB_EVENT_TYPES)

SourceType = Literal[
    "monitor",
    "activist",
    "local media",
    "state media",
    "partisan media",
    "international wire",
    "international media",
    "belligerent spokesperson",
    "witness",
    "official",
    "ngo",
    "unknown",
]
Stance = Literal["supports", "contradicts", "neutral"]


def normalise_text(text: str) -> str:
    """Return `text` in the form its document id is computed from.

    text (str): article text.
    RETURNS (str): NFC-normalised text with runs of white space folded to one space, stripped.
    """
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"\s+", " ", text).strip()


def document_id(text: str) -> str:
    """Return the stable id of a document: the first 16 hex digits of SHA-256 of its text.

    The same article ingested twice (even with different white space) gets the same id, so it is
    stored once.
    """
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:16]


class Document(BaseModel):
    """One news article (or report, or coder's note) as ingested.

    id: hash of the normalised text (see `document_id`).
    ref: the input's own id (a corpus row's `id` column), else its path (and row number), or URL.
    """

    model_config = ConfigDict(extra="forbid")

    id: str
    ref: str | None = None
    title: str | None = None
    text: str
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    language: str | None = "en"
    ingested_at: datetime = Field(default_factory=lambda: datetime.now(UTC))

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        ref: str | None = None,
        title: str | None = None,
        outlet: str | None = None,
        url: str | None = None,
        published: date | None = None,
        language: str | None = "en",
    ) -> Document:
        """Build a Document, computing its id from `text`."""
        return cls(
            id=document_id(text),
            ref=ref,
            title=title,
            text=text,
            outlet=outlet,
            url=url,
            published=published,
            language=language,
        )


class Evidence(BaseModel):
    """The sentence a field's value came from.

    field: the Event field this supports ("event_type", "actor1", "location", "fatalities", ...).
    text: the sentence (or span) of the article, exactly the document's text[start:end].
    start, end: character offsets of `text` in the document's text.
    note: what a step said of the span, when it says more than the span itself (the sub-event
        classifier: "classifier: Attack 0.82; rules: Armed clash"); None otherwise.
    """

    model_config = ConfigDict(extra="forbid")

    field: str
    text: str
    doc_id: str
    start: int
    end: int
    note: str | None = None


class Claim(BaseModel):
    """Who says what about an event.

    by: the speaker as the text names it ("Syrian Observatory for Human Rights", "activists").
    by_type: the kind of source (monitor, activist, state media, ...).
    says: what they say, as a short quote or paraphrase from the sentence.
    stance: whether the claim supports or contradicts the event as coded.
    """

    model_config = ConfigDict(extra="forbid")

    by: str
    by_type: SourceType = "unknown"
    says: str
    stance: Stance = "supports"
    alignment: str | None = None
    doc_id: str | None = None
    start: int | None = None
    end: int | None = None


class Victims(BaseModel):
    """Killed, by victim category; None where the text gives no number for that category."""

    model_config = ConfigDict(extra="forbid")

    civilians: int | None = None
    children: int | None = None
    women: int | None = None
    combatants: int | None = None


class Place(BaseModel):
    """A resolved place, as the geocoder returns it.

    geo_precision: ACLED's code: 1 = the exact town/neighbourhood, 2 = near it or a part of a
    region, 3 = only a larger region (governorate, district) is known.
    score: the geocoder's confidence in [0, 1]; reason: why this reading won.
    pcode: OCHA's p-code of a Syrian community (C1234) or neighbourhood (N0123), to join on.
    """

    model_config = ConfigDict(extra="forbid")

    name: str
    mention: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    pcode: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    placetype: str | None = None
    gazetteer_id: str | None = None
    score: float = 0.0
    reason: str = ""
    start: int | None = None
    end: int | None = None


class Event(BaseModel):
    """One event in ACLED's conventions, with the claims and evidence behind it.

    Columns named as ACLED names them; `fatalities` is ACLED's conservative count (the lowest
    credible figure; 0 when the text says nobody was killed; None when unknown), with the reported
    range in `fatalities_min`/`fatalities_max`.
    """

    model_config = ConfigDict(extra="forbid")

    event_id: str
    doc_ids: list[str] = Field(default_factory=list)
    doc_refs: list[str] = Field(default_factory=list)
    event_date: date | None = None
    time_precision: int | None = None
    event_type: str
    sub_event_type: str
    actor1: str | None = None
    assoc_actor_1: str | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter1: int | None = None
    inter2: int | None = None
    interaction: int | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    fatalities: int | None = None
    fatalities_min: int | None = None
    fatalities_max: int | None = None
    injuries: int | None = None
    victims: Victims = Field(default_factory=Victims)
    weapons: list[str] = Field(default_factory=list)
    source: str | None = None
    source_scale: str | None = None
    notes: str | None = None
    claims: list[Claim] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    grade: str | None = None
    contested: bool = False
    # Fused layer: where the reports of this event disagree, one line each
    # ("actor1: Military Forces of Russia (2000-) (Orient News) vs Rebels (SANA)").
    contradictions: list[str] = Field(default_factory=list)


class Extraction(BaseModel):
    """What extraction returns for one document: its events and every claim found in it."""

    model_config = ConfigDict(extra="forbid")

    doc_id: str
    events: list[Event] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
