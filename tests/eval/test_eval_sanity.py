"""The toll sanity report (sum of predicted vs gold fatalities, largest tolls)."""

from sitrep.eval.sanity import sanity_tables, toll_sanity
from sitrep.records import Event, Evidence


def _event(fatalities: int | None, sentence: str) -> Event:
    return Event(
        event_id=sentence[:8],
        event_type="Battles",
        sub_event_type="Armed clash",
        fatalities=fatalities,
        evidence=[Evidence(field="fatalities", text=sentence, doc_id="d", start=0, end=1)],
    )


def test_sanity_sums_and_largest_tolls():
    report = toll_sanity(
        [
            ("a", [_event(19, "19 killed"), _event(170000, "170000 killed in the war")], 19),
            ("b", [_event(None, "no toll")], 5),
            ("c", [_event(3, "three killed")], None),
        ],
        k=2,
    )
    assert report["predicted_sum"] == 170022
    assert report["gold_sum"] == 24
    assert report["largest_gold"] == 19
    assert report["over_largest_gold"] == 1
    assert [r["fatalities"] for r in report["largest"]] == [170000, 19]
    assert report["largest"][0]["evidence"] == "170000 killed in the war"
    assert report["largest"][0]["doc_ref"] == "a"


def test_sanity_ratio_none_without_gold():
    assert toll_sanity([("a", [_event(2, "x")], None)])["ratio"] is None


def test_sanity_tables_render():
    tables = sanity_tables(toll_sanity([("a", [_event(4, "four [killed]")], 4)]))
    assert len(tables) == 2 and tables[1].row_count == 1
