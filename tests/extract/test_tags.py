"""Web pages' keyword lists ("Tags ...") are not prose (sitrep.extract.tags)."""

from __future__ import annotations

from datetime import date

from sitrep.extract import extract_document
from sitrep.extract.tags import mask_tags, share_spans, tag_spans
from sitrep.records import Document

TEXT = (
    "Date of publication 14 October 2016 Twenty people died at a checkpoint in Azaz. "
    "Tags Syria Aleppo Azaz Rebels Car Bomb Islamic State At least 20 people were killed in a "
    "car bomb blast at a checkpoint in Azaz in Aleppo province on Thursday local sources said."
)


def test_tag_run_ends_where_prose_begins() -> None:
    ((start, end),) = tag_spans(TEXT)
    assert TEXT[start:end].strip() == "Tags Syria Aleppo Azaz Rebels Car Bomb Islamic State"
    assert TEXT[end:].startswith("At least 20 people")


def test_tag_run_without_prose_ends_with_its_sentence() -> None:
    text = "Ten were killed. Tags Daesh Syria Raqqa Community standards Comment via Sputnik News"
    ((start, end),) = tag_spans(text)
    assert text[start:end].startswith("Tags Daesh") and end == len(text)


def test_masking_keeps_offsets() -> None:
    masked = mask_tags(TEXT)
    assert len(masked) == len(TEXT)
    assert "Rebels" not in masked and "At least 20 people" in masked
    assert mask_tags("No tags here.") == "No tags here."


def test_tagged_actor_is_no_perpetrator() -> None:
    events = extract_document(Document.from_text(TEXT, published=date(2016, 10, 14))).events
    assert all(e.actor1 != "Opposition Rebels (Syria)" for e in events)
    assert all(e.actor1 != "Islamic State (Syria)" for e in events)


def test_share_widget_counters_are_blanked() -> None:
    text = "20.07.2016Get short URL 0 55 US Secretary of Defense Ashton Carter said on Wednesday."
    assert [text[a:b] for a, b in share_spans(text)] == ["Get short URL 0 55"]
    masked = mask_tags(text)
    assert len(masked) == len(text) and "55" not in masked and masked.endswith("Wednesday.")
    topic = "13.04.2017) Get short URL Topic Liberate Raqqa From Daesh (61) 1120 The SDF advanced"
    assert mask_tags(topic).split() == ["13.04.2017)", "The", "SDF", "advanced"]


def test_share_counter_is_no_death_toll() -> None:
    text = (
        "20.07.2016Get short URL 0 55 Gunmen killed key commanders of the group in Deir ez-Zor "
        "on Tuesday, activists said."
    )
    events = extract_document(Document.from_text(text, published=date(2016, 7, 20))).events
    assert all(e.fatalities != 55 for e in events)
