"""Incremental fusion on real articles: FA-KES tuning-split articles, extracted for real, fused
one document at a time in shuffled orders, give the groups of a full rebuild."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from sitrep.eval.fusion import extract_articles, load_fusion_set
from sitrep.fuse import fuse_store, update_fused
from sitrep.records import Extraction
from sitrep.store import EventQuery, open_store
from testdata import SHARED_DATA

SET = Path(__file__).resolve().parents[1] / "data" / "fusion" / "fakes_dev_incidents.tsv"
DEV = SHARED_DATA / "fakes" / "dev.csv"


def _groups(store) -> list[list[str]]:
    fused = store.query_events(EventQuery(layer="fused", limit=None))
    return sorted(sorted(e.doc_ids) for e in fused)


@pytest.mark.slow
@pytest.mark.skipif(not DEV.exists(), reason="shared FA-KES dev split not found")
def test_update_fused_on_fakes_articles_matches_full_rebuild(tmp_path):
    cases = [c for c in load_fusion_set(SET) if c.split == "tuning"]
    chosen = {c.unit_id for c in cases if c.incident} | {c.unit_id for c in cases[:12]}
    documents, events = extract_articles(DEV, refs=chosen)
    by_doc = {d.id: [e for e in events if d.id in e.doc_ids] for d in documents}
    full = open_store(f"sqlite:///{tmp_path / 'full.db'}")
    for document in documents:
        full.save_extraction(document, Extraction(doc_id=document.id, events=by_doc[document.id]))
    fuse_store(full)
    expected = _groups(full)
    full.close()
    assert any(len(g) > 1 for g in expected)
    for seed in range(2):
        order = documents[:]
        random.Random(seed).shuffle(order)
        store = open_store(f"sqlite:///{tmp_path / f'inc{seed}.db'}")
        for document in order:
            extraction = Extraction(doc_id=document.id, events=by_doc[document.id])
            store.save_extraction(document, extraction)
            update_fused(store, [document.id])
        assert _groups(store) == expected
        store.close()
