"""The weights and thresholds of extraction, read from lexicons/thresholds.yaml."""

from __future__ import annotations

import pytest

from sitrep.errors import ConfigError
from sitrep.extract.lexicon import load_thresholds, parse_thresholds, read_lexicon


def test_lexicon_thresholds_typed_from_data() -> None:
    t = load_thresholds()
    assert isinstance(t.merge_town_radius_km, float) and t.merge_town_radius_km > 0
    assert isinstance(t.country_min_score, int)
    # A name outweighs a demonym: one demonym alone must not decide a country.
    assert t.country_weight_name > t.country_weight_demonym
    assert t.country_weight_demonym < t.country_min_score


def test_lexicon_thresholds_reject_unknown_and_missing_keys() -> None:
    data = read_lexicon("thresholds.yaml")
    data["merge"]["town_radius_miles"] = data["merge"].pop("town_radius_km")
    with pytest.raises(ConfigError, match="town_radius_km, merge_town_radius_miles"):
        parse_thresholds(data)
