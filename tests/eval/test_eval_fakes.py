from dataclasses import replace
from datetime import date

import pytest

from sitrep.eval.fakes import read_fakes, result_for, score_fakes, to_document, worst
from sitrep.eval.mapping import load_fakes_mapping
from sitrep.eval.runner import Outcome
from sitrep.records import Evidence, Extraction, Victims

AIR = "Explosions/Remote violence"


@pytest.fixture
def results(data_dir, new_event):
    """The 3 hand-made FA-KES rows with hand-made predictions (see the expected scores below)."""
    golds = read_fakes(data_dir / "fakes_3.csv")
    ev = Evidence(
        field="event_type",
        text="Government warplanes struck a market.",
        doc_id="d",
        start=0,
        end=37,
    )
    predictions = [
        [  # article 1: all correct; the protest (not violent) and the later shelling are not main
            new_event(event_type="Protests", sub_event_type="Peaceful protest", admin1="Hama"),
            new_event(
                event_type=AIR,
                sub_event_type="Air/drone strike",
                actor1="Military Forces of Syria (2000-)",
                admin1="Idleb",
                event_date=date(2016, 5, 3),
                victims=Victims(civilians=10, children=4),
                evidence=[ev],
            ),
            new_event(
                event_type=AIR,
                sub_event_type="Shelling/artillery/missile attack",
                fatalities=1,
                admin1="Hama",
            ),
        ],
        [  # article 2: 6 civilians for 5 (within 20%), women unknown for 1, date one day off
            new_event(
                event_type=AIR,
                sub_event_type="Remote explosive/landmine/IED",
                admin1="Aleppo",
                event_date=date(2016, 6, 2),
                victims=Victims(civilians=6),
            ),
        ],
        [  # article 3: actor wrong (the army, not IS), no date
            new_event(
                actor1="Military Forces of Syria (2000-)",
                actor2="Islamic State (Syria)",
                admin1="Deir ez Zor",
                victims=Victims(combatants=12),
                # a battle is "shooting" only when its evidence tells combat (fakes_mapping.yaml)
                evidence=[
                    Evidence(
                        field="event_type",
                        text="Islamic State fighters clashed with the army near Deir ez-Zor.",
                        doc_id="d",
                        start=0,
                        end=62,
                    )
                ],
            ),
        ],
    ]
    mapping = load_fakes_mapping()
    return [
        result_for(g, Outcome(to_document(g), Extraction(doc_id="d", events=events)), mapping)
        for g, events in zip(golds, predictions, strict=True)
    ]


def test_fakes_read_rows(data_dir):
    golds = read_fakes(data_dir / "fakes_3.csv")
    assert [g.location for g in golds] == ["idlib", "aleppo", "deir ezzor"]
    assert golds[0].event_date == date(2016, 5, 3)
    assert golds[0].counts == {
        "nb_civilians": 10,
        "nb_children": 4,
        "nb_women": 0,
        "nb_noncivilians": 0,
    }
    assert read_fakes(data_dir / "fakes_3.csv", limit=1)[0].unit_id == "1"


def test_fakes_document_never_gets_the_gold_date(data_dir):
    gold = read_fakes(data_dir / "fakes_3.csv")[0]
    doc = to_document(gold)
    assert doc.published is None  # the text has no dateline; the gold date is not used
    assert doc.text.startswith("Government warplanes") and doc.title == gold.title


def test_fakes_document_published_from_dateline(data_dir):
    pytest.importorskip("sitrep.ingest.dates")
    gold = read_fakes(data_dir / "fakes_3.csv")[0]
    dated = replace(gold, text="21 August 2016 Ten civilians injured in Daraa.")
    assert to_document(dated).published == date(2016, 8, 21)


def test_fakes_scores_by_hand(results):
    s = score_fakes(results)
    assert s["n"] == 3 and s["no_event"] == 0
    assert s["categorical"]["location"]["accuracy"] == 1.0
    assert s["categorical"]["cause_of_death"]["accuracy"] == 1.0
    actor = s["categorical"]["actor"]
    assert actor["accuracy"] == pytest.approx(2 / 3)
    assert actor["macro_f1"] == pytest.approx(5 / 9)  # (2/3 + 1 + 0) / 3
    assert s["counts"]["nb_civilians"]["exact"] == pytest.approx(2 / 3)
    assert s["counts"]["nb_civilians"]["within_20pct"] == 1.0
    assert s["counts"]["nb_women"]["exact"] == pytest.approx(2 / 3)
    assert s["counts"]["nb_noncivilians"]["exact"] == 1.0
    assert s["date"] == {
        "n": 3,
        "predicted": pytest.approx(2 / 3),
        "exact": pytest.approx(1 / 3),
        "within_1_day": pytest.approx(2 / 3),
    }
    cm = s["confusion"]["actor"]
    gov = cm["labels"].index("syrian government or russian troops")
    assert cm["matrix"][gov][gov] == 1


def test_fakes_worst_misses_ranked(results):
    ranked = worst(results, 5)
    assert [r.gold.unit_id for r in ranked] == ["3", "2"]  # tie on 2 misses: more victims first
    assert ranked[0].misses() == ["actor", "event_date"]
    assert ranked[1].misses() == ["nb_civilians", "nb_women"]
    assert results[0].evidence == ["Government warplanes struck a market."]


def test_fakes_no_event_is_unknown(data_dir):
    gold = read_fakes(data_dir / "fakes_3.csv")[1]
    r = result_for(gold, Outcome(to_document(gold), None, "ValueError: boom"), load_fakes_mapping())
    assert r.predicted["actor"] == "unknown" and r.predicted["location"] == "unknown"
    assert r.error == "ValueError: boom"
