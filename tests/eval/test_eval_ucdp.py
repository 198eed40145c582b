from datetime import date

import pytest

from sitrep.errors import ConfigError
from sitrep.eval.splits import choose_split
from sitrep.eval.ucdp import read_ucdp, score_ucdp


@pytest.fixture
def ged(data_dir):
    return data_dir / "ucdp_4.csv"


def test_ucdp_groups_syria_rows_by_headline(ged):
    inputs = read_ucdp(ged)
    assert [len(i.golds) for i in inputs] == [2, 1]  # the Mexico row is left out
    assert inputs[0].text == "Regime warplanes strike Khan Shaykhun"  # duplicates dropped
    assert inputs[0].golds[0].low == 10 and inputs[0].golds[0].high == 15


def test_ucdp_published_is_the_first_source_date_not_the_event_date(ged):
    first = read_ucdp(ged)[0]
    assert first.published == date(2017, 4, 6)
    assert first.golds[0].date_start == date(2017, 4, 5)


def test_ucdp_split_by_year(ged, tmp_path):
    path = tmp_path / "ged.csv"  # a name the splits know
    path.write_bytes(ged.read_bytes())
    tune = read_ucdp(path, choose_split("ucdp", path, "tune"))
    held = read_ucdp(path, choose_split("ucdp", path, "held-out"))
    assert [g.event_id for i in tune for g in i.golds] == ["U1", "U2"]
    assert [g.event_id for i in held for g in i.golds] == ["U3"]


def test_ucdp_unknown_file_has_no_tuning_split(ged):
    with pytest.raises(ConfigError, match="E241"):
        choose_split("ucdp", ged, "tune")
    assert choose_split("ucdp", ged, None).name == "all"


def test_ucdp_scores_by_hand(ged, new_event):
    inputs = read_ucdp(ged)
    strike = new_event(
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        latitude=35.45,
        longitude=36.64,
        fatalities=12,
    )
    shooting = new_event(
        event_type="Violence against civilians",
        sub_event_type="Attack",
        latitude=33.5,
        longitude=36.3,  # Damascus: over 25 km from Daraa
        fatalities=5,
    )
    s = score_ucdp(inputs, [[strike], [shooting]])
    assert (s["gold_events"], s["predicted_events"]) == (3, 2)
    assert s["inputs_with_event"] == 1.0
    assert s["paired"] == pytest.approx(2 / 3)  # Maarrat al Numan is missed
    assert s["family_approx"] == pytest.approx(2 / 3)
    assert s["fatalities_best"] == pytest.approx(1 / 3)
    assert s["fatalities_low_high"] == pytest.approx(1 / 3)
    assert s["within_25km"] == pytest.approx(1 / 3)
    assert s["within_25km_of_located"] == pytest.approx(1 / 2)
