"""Article credibility against the fused record."""

from __future__ import annotations

from sitrep.fuse import score_documents
from sitrep.records import Document

RUSSIA = "Military Forces of Russia (2000-)"


def test_credibility_corroborated_article_beats_lone_one(make_report):
    a, da = make_report("Orient News", "a", actor1=RUSSIA, fatalities=5)
    b, db = make_report("Enab Baladi", "b", actor1=RUSSIA, fatalities=5)
    lone, dl = make_report(
        "Aleppo Today", "c", location="Daret Ezza", latitude=36.28, longitude=36.85
    )
    docs = {d.id: d for d in (da, db, dl)}
    scores = {s.doc_id: s for s in score_documents([a, b, lone], documents=docs)}
    assert scores[da.id].corroboration == 1.0 and scores[da.id].agreement == 1.0
    assert scores[dl.id].corroboration == 0.0 and scores[dl.id].agreement is None
    assert scores[da.id].score > scores[dl.id].score
    assert all(0.0 <= s.score <= 1.0 for s in scores.values())
    assert any("Enab Baladi" in r for r in scores[da.id].reasons)


def test_credibility_disagreeing_article_scores_lower(make_report):
    a, da = make_report("Orient News", "a", actor1=RUSSIA, fatalities=5)
    b, db = make_report("Enab Baladi", "b", actor1=RUSSIA, fatalities=5)
    c, dc = make_report("Aleppo Today", "c", actor1="Syrian rebels", fatalities=40)
    docs = {d.id: d for d in (da, db, dc)}
    scores = {s.doc_id: s for s in score_documents([a, b, c], documents=docs)}
    assert scores[dc.id].agreement is not None and scores[dc.id].agreement < 1.0
    assert scores[dc.id].score < scores[db.id].score
    assert any(r.startswith("actor1:") for r in scores[dc.id].reasons)


def test_credibility_same_outlet_twice_is_not_corroboration(make_report):
    a, da = make_report("SANA", "a", actor1=RUSSIA)
    b, db = make_report("SANA", "b", actor1=RUSSIA)
    scores = score_documents([a, b], documents={da.id: da, db.id: db})
    assert [s.n_corroborated for s in scores] == [0, 0]


def test_credibility_article_without_events_scores_its_prior():
    doc = Document.from_text("Nothing happened today in the city of Aleppo.", outlet="Reuters")
    [score] = score_documents([], documents={doc.id: doc})
    assert score.n_events == 0 and score.score == score.prior == 0.75
