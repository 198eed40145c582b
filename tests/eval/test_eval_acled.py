import csv
from datetime import date
from pathlib import Path

import pytest

from sitrep.eval.acled import (
    evaluate_acled,
    match_note,
    read_acled,
    score_acled,
    states_date,
    strip_coder_remarks,
)

NIGERIA = "Military Forces of Nigeria (2015-)"
BOKO = "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"


@pytest.fixture
def notes(data_dir):
    return read_acled(data_dir / "acled_3.csv")


@pytest.fixture
def predictions(new_event):
    may9 = date(2020, 5, 9)
    konduga = new_event(
        actor1=NIGERIA,
        actor2=BOKO,
        admin1="Borno",
        location="Konduga",
        latitude=11.6533,
        longitude=13.4179,
        event_date=may9,
    )
    maiduguri = new_event(
        actor1=NIGERIA,
        actor2=BOKO,
        admin1="Borno",
        location="Maiduguri",
        latitude=11.9469,
        longitude=13.1571,
        fatalities=4,
        event_date=may9,
    )
    saraqab = new_event(
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        actor1="Military Forces of Syria (2000-)",
        actor2="Civilians (Syria)",
        admin1="Idlib",
        latitude=35.8623,
        longitude=36.8059,
        fatalities=2,
    )
    return [[konduga, maiduguri], [saraqab]]


def test_acled_rows_grouped_by_notes(notes):
    assert [len(n.golds) for n in notes] == [2, 1]
    assert notes[0].golds[1].location == "Konduga"
    assert notes[1].golds[0].event_date == date(2017, 1, 6)
    assert notes[1].golds[0].assoc_actor_1 is None  # "NA"


def test_acled_limit_first_or_spread(data_dir):
    assert read_acled(data_dir / "acled_3.csv", limit=1)[0].golds[0].event_id == "TST1"
    spread = read_acled(data_dir / "acled_3.csv", limit=1, spread=True)
    assert [n.golds[0].event_id for n in spread] == ["TST1"]
    assert len(read_acled(data_dir / "acled_3.csv", limit=5, spread=True)) == 2


def test_acled_states_date():
    assert states_date("On 9 May 2020, soldiers clashed")
    assert states_date("Around May 9, 2020 (as reported)")
    assert not states_date("Regime forces shelled Saraqab.")


def test_acled_match_pairs_by_place(notes, predictions):
    paired = match_note(notes[0].golds, predictions[0])
    assert [e.location for e in paired if e] == ["Maiduguri", "Konduga"]


def test_acled_scores_by_hand(notes, predictions):
    s = score_acled(notes, predictions)
    assert (s["gold_events"], s["predicted_events"], s["matched"]) == (3, 3, 3)
    assert s["missed"] == 0 and s["spurious"] == 0
    assert s["event_type"]["accuracy"] == 1.0
    assert s["sub_event_type"]["accuracy"] == pytest.approx(2 / 3)
    assert s["sub_event_type"]["macro_f1"] == pytest.approx(0.5)
    assert s["sub_event_type"]["weighted_f1"] == pytest.approx(2 / 3)
    assert s["actor1"] == 1.0 and s["actor2"] == 1.0 and s["admin1"] == 1.0
    assert s["actor1_any_country"] == 1.0
    assert s["within_5km"] == pytest.approx(2 / 3)  # Maiduguri is predicted 11 km off
    assert s["within_25km"] == 1.0
    assert s["fatalities"] == 1.0  # unknown counts as ACLED's 0
    assert s["event_date"] == pytest.approx(2 / 3)
    assert s["notes_stating_date"] == 0.5
    assert s["event_date_where_stated"] == 1.0


def test_acled_missing_prediction_counts_as_miss(notes, predictions):
    s = score_acled(notes, [predictions[0][:1], []])
    assert s["matched"] == 1 and s["missed"] == 2 and s["notes_without_prediction"] == 1
    assert s["event_type"]["accuracy"] == pytest.approx(1 / 3)


def test_acled_actor_country_ignored(notes, predictions):
    wrong_country = predictions[1][0].model_copy(update={"actor2": "Civilians (Mexico)"})
    s = score_acled(notes[1:], [[wrong_country]])
    assert s["actor2"] == 0.0 and s["actor2_any_country"] == 1.0


@pytest.mark.parametrize(
    ("note", "stripped"),
    [
        (
            "Clashes took place in Foah. Unknown fatalities coded as 10.",
            "Clashes took place in Foah.",
        ),
        ("Protesters gathered in Lahore. [size=no report]", "Protesters gathered in Lahore."),
        (
            "An unknown number of fighters, coded as 10, were killed in the clashes.",
            "An unknown number of fighters were killed in the clashes.",
        ),
        (
            "IS attacked rebels near Khanaser and killed more than 30 soldiers, coded as 31.",
            "IS attacked rebels near Khanaser and killed more than 30 soldiers.",
        ),
        (
            "A man was shot dead in Dar'a governorate, coded to the countryside of Dar'a city.",
            "A man was shot dead in Dar'a governorate.",
        ),
        (
            "Clashes erupted in Tabqa. Given heavy fighting, fatalities are assumed. 3 fatalities.",
            "Clashes erupted in Tabqa.",
        ),
        (
            "Clashes in Maan and Kawkab.Unknown fatalities coded 10 and distributed over both.",
            "Clashes in Maan and Kawkab.",
        ),
        (
            "1 civilian was killed. Fatalities coded as 2 (VoJ also reported 2 fatalities).",
            "1 civilian was killed.",
        ),
        (
            "Militants killed nine civilians in Zibane [Ziban]. No fatalities were reported.",
            "Militants killed nine civilians in Zibane. No fatalities were reported.",
        ),
    ],
)
def test_acled_strip_coder_remarks(note, stripped):
    assert strip_coder_remarks(note) == stripped


def test_acled_strip_coder_remarks_keeps_news():
    news = (
        "On 9 May 2020, U.S. forces and the SDF clashed with IS in Hajin (Deir ez Zor), "
        "killing 4 fighters. Neither injuries nor fatalities were reported in Sosa."
    )
    assert strip_coder_remarks(news) == news


def _with_notes(source: Path, target: Path, notes: dict[str, str]) -> Path:
    rows = list(csv.DictReader(source.open(encoding="utf-8", newline="")))
    for row in rows:
        row["notes"] = notes.get(row["event_id_cnty"], row["notes"])
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return target


def test_acled_eval_same_with_and_without_coder_remarks(data_dir, tmp_path):
    clean = {
        "TST1": "On 9 May 2020, soldiers clashed with Boko Haram in Maiduguri and Konduga.",
        "TST2": "On 9 May 2020, soldiers clashed with Boko Haram in Maiduguri and Konduga.",
    }
    remarks = {
        key: text + " Unknown fatalities coded as 10 and split between 2 places. [size=no report]"
        for key, text in clean.items()
    }
    source = data_dir / "acled_3.csv"
    plain = evaluate_acled(_with_notes(source, tmp_path / "clean.csv", clean))
    remarked = evaluate_acled(_with_notes(source, tmp_path / "remarks.csv", remarks))
    assert plain["predicted_events"] > 0
    for figures in (plain, remarked):
        del figures["corpus"]
    assert remarked == plain
