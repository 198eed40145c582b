"""Evidence highlighting: the article is cut at evidence offsets, never turned into markup."""

from __future__ import annotations

from sitrep.records import Evidence
from sitrep.web.highlight import segments

TEXT = "Shelling hit Aleppo. <b>Four</b> were killed, a monitor said."


def _ev(field: str, start: int, end: int, doc_id: str = "d") -> Evidence:
    return Evidence(field=field, text=TEXT[start:end], doc_id=doc_id, start=start, end=end)


def test_highlight_segments_cover_text_and_mark_overlaps() -> None:
    parts = segments(TEXT, [_ev("event_type", 0, 20), _ev("location", 13, 19)], "d")
    assert "".join(p.text for p in parts) == TEXT
    marked = [(p.text, p.fields) for p in parts if p.fields]
    assert marked == [
        ("Shelling hit ", ["event_type"]),
        ("Aleppo", ["event_type", "location"]),
        (".", ["event_type"]),
    ]


def test_highlight_ignores_other_documents_and_bad_offsets() -> None:
    parts = segments(TEXT, [_ev("x", 0, 5, "other"), _ev("y", 50, 500), _ev("z", 9, 9)], "d")
    assert [p.text for p in parts] == [TEXT] and parts[0].fields == []


def test_highlight_keeps_markup_as_plain_text() -> None:
    parts = segments(TEXT, [_ev("fatalities", 21, 45)], "d")
    assert parts[1].text == "<b>Four</b> were killed,"
