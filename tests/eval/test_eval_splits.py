from pathlib import Path

import pytest

from sitrep.errors import ConfigError
from sitrep.eval.splits import choose_split

SYRIA = Path("acled_syria_battles_2017_2023.csv.gz")
GLOBAL = Path("acled_2020-04-28_2020-05-09_not_middle_east.csv")


def test_splits_syria_battles_by_year():
    assert choose_split("acled", SYRIA, "tune").years == (2017, 2019)
    assert choose_split("acled", SYRIA, "held-out").years == (2020, 2023)
    assert choose_split("acled", SYRIA, None).name == "tune"  # the default never reads held-out
    assert choose_split("acled", SYRIA, "all").years is None


def test_splits_label_names_the_split():
    assert (
        choose_split("acled", SYRIA, "held-out").label
        == "ACLED Syria battles, held out (2020-2023)"
    )


@pytest.mark.parametrize(("kind", "path"), [("acled", GLOBAL), ("fakes", Path("dev.csv"))])
def test_splits_tuning_only_corpus_has_no_held_out(kind, path):
    assert choose_split(kind, path, "tune").years is None
    with pytest.raises(ConfigError, match="tuning data"):
        choose_split(kind, path, "held-out")


def test_splits_unknown_name_is_an_error():
    with pytest.raises(ConfigError, match="E240"):
        choose_split("acled", SYRIA, "test")


def test_splits_acled_rows_filtered_by_event_year(data_dir, tmp_path):
    from sitrep.eval.acled import read_acled

    path = tmp_path / SYRIA.name.removesuffix(".gz")
    path.write_bytes((data_dir / "acled_3.csv").read_bytes())
    # acled_3.csv: two 2020 rows sharing a note, one 2017 row
    tune = read_acled(path, split=choose_split("acled", path, "tune"))
    held = read_acled(path, split=choose_split("acled", path, "held-out"))
    assert [g.event_id for n in tune for g in n.golds] == ["TST3"]
    assert [g.event_id for n in held for g in n.golds] == ["TST1", "TST2"]
