"""The fusion tables: outlet lookup, folding, packaged YAML."""

from __future__ import annotations

import pytest

from sitrep.fuse.tables import OutletTable, fold_name, load_outlets, load_table


@pytest.mark.parametrize(
    "name,outlet",
    [
        ("sana", "SANA"),  # FA-KES outlet code
        ("dailysabah", "Daily Sabah"),
        ("Orient News correspondent", "Orient News"),  # longest known prefix
        ("Aleppo Today Facebook page", "Aleppo Today"),
        ("SOHR", "Syrian Observatory for Human Rights"),
    ],
)
def test_tables_outlet_lookup(name, outlet):
    found = load_outlets().get(name)
    assert found is not None and found.name == outlet


def test_tables_unknown_outlet_gets_unknown_prior():
    table = load_outlets()
    assert table.get("activists") is None
    assert table.prior("activists") == table.type_prior["unknown"]


def test_tables_own_entries_win():
    table = OutletTable.from_dict(
        {
            "outlets": [
                {"name": "Orient News", "type": "local media", "alignment": "pro-opposition"},
                {"name": "Orient News", "type": "monitor", "alignment": "neutral"},
            ],
            "type_prior": {"monitor": 0.9, "unknown": 0.5},
        }
    )
    assert table.get("orient news").type == "monitor" and table.prior("Orient News") == 0.9


def test_tables_fold_name():
    assert fold_name("Al-Mashhad") == fold_name("al Mashhad") == "mashhad"


@pytest.mark.parametrize(
    "name", ["matching.yaml", "grading.yaml", "credibility.yaml", "outlets.yaml"]
)
def test_tables_packaged_yaml_loads(name):
    assert isinstance(load_table(name), dict)
