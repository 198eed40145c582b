"""The one great-circle distance of the package (sitrep.geo.distance)."""

from __future__ import annotations

import math

import pytest

from sitrep.geo.distance import EARTH_RADIUS_KM, approx_km, haversine_km


def test_distance_haversine_quarter_meridian() -> None:
    # Equator to pole along a meridian: a quarter of the circumference.
    assert haversine_km(0.0, 0.0, 90.0, 0.0) == pytest.approx(math.pi * EARTH_RADIUS_KM / 2)


def test_distance_haversine_aleppo_damascus() -> None:
    # Aleppo (36.2021, 37.1343) to Damascus (33.5102, 36.2913): about 310 km by air.
    km = haversine_km(36.2021, 37.1343, 33.5102, 36.2913)
    assert 300 < km < 320
    assert haversine_km(33.5102, 36.2913, 36.2021, 37.1343) == pytest.approx(km)
    assert haversine_km(36.2021, 37.1343, 36.2021, 37.1343) == 0.0


def test_distance_haversine_antipodes_do_not_fail() -> None:
    # Rounding can push the haversine term past 1 at the antipodes; asin must not fail.
    assert haversine_km(0.0, 0.0, 0.0, 180.0) == pytest.approx(math.pi * EARTH_RADIUS_KM)


def test_distance_approx_close_below_200_km() -> None:
    exact = haversine_km(36.2021, 37.1343, 35.9306, 36.6339)  # Aleppo to Idlib
    assert approx_km(36.2021, 37.1343, 35.9306, 36.6339) == pytest.approx(exact, rel=0.01)


def test_distance_is_one_function_for_the_package() -> None:
    from sitrep.eval import metrics
    from sitrep.extract import assemble
    from sitrep.fuse import match
    from sitrep.geo import gazetteer
    from sitrep.store import query

    for module in (metrics, assemble, match, gazetteer, query):
        assert module.haversine_km is haversine_km
