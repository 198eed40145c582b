"""The seed article and a second, state-media account of one of its strikes, extracted and fused
(real spaCy model, real gazetteer, real SQLite store)."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.records import Document
from testdata import SHARED_DATA

SEED = SHARED_DATA / "seed" / "aleppo-siege-broken.txt"
# Written for this test: how a state outlet might report the al-Mashhad deaths.
STATE_MEDIA = (
    "Terrorist groups fired rocket shells on al-Mashhad neighborhood in Aleppo city on Sunday, "
    "killing 3 civilians and injuring 10 others, a source at Aleppo Police Command told SANA."
)


@pytest.mark.slow
@pytest.mark.skipif(not SEED.exists(), reason="shared seed article not found")
def test_seed_fusion_mashhad_contested_and_siege_contested(tmp_path):
    from sitrep.extract import extract_document
    from sitrep.fuse.fusion import fuse_store
    from sitrep.store import EventQuery, open_store

    published = date(2016, 8, 7)
    orient = Document.from_text(SEED.read_text("utf-8"), outlet="Orient News", published=published)
    sana = Document.from_text(STATE_MEDIA, outlet="SANA", published=published)
    store = open_store(f"sqlite:///{tmp_path / 'seed.db'}")
    try:
        for document in (orient, sana):
            store.save_extraction(document, extract_document(document))
        summary = fuse_store(store)
        fused = store.query_events(EventQuery(layer="fused"))
    finally:
        store.close()
    assert summary.multi_report >= 1
    [both] = [e for e in fused if set(e.doc_ids) == {orient.id, sana.id}]
    assert both.contested and both.grade == "contested"  # air strike vs ground shelling
    assert both.fatalities == 3
    overtakes = [e for e in fused if e.sub_event_type == "Non-state actor overtakes territory"]
    assert overtakes and all(e.grade == "contested" for e in overtakes)  # pro-regime denial


@pytest.mark.slow
@pytest.mark.skipif(not SEED.exists(), reason="shared seed article not found")
def test_seed_fusion_ramousah_contested_with_al_mayadeen_admission():
    from sitrep.extract import extract_document
    from sitrep.fuse import fuse_events, grade_event
    from sitrep.fuse.grade import GradeRules
    from sitrep.fuse.tables import load_outlets

    orient = Document.from_text(
        SEED.read_text("utf-8"), outlet="Orient News", published=date(2016, 8, 7)
    )
    fused = fuse_events(extract_document(orient).events, documents={orient.id: orient})
    [ramousah] = [
        e
        for e in fused
        if e.sub_event_type == "Non-state actor overtakes territory"
        and (e.location or "").startswith("Ramous")
    ]
    grading = grade_event(ramousah, GradeRules.default(), load_outlets())
    assert ramousah.contested and grading.grade == "contested"
    [mayadeen] = [s for s in grading.sources if "Mayadeen" in s.by]
    assert mayadeen.side == "government" and mayadeen.credible  # an admission against interest
