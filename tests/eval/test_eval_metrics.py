import pytest

from sitrep.eval.metrics import (
    assign,
    classification_scores,
    confusion_matrix,
    haversine_km,
    within_pct,
)


def test_metrics_haversine_one_degree_of_latitude():
    assert haversine_km(36.0, 37.0, 37.0, 37.0) == pytest.approx(111.195, abs=0.01)
    assert haversine_km(36.2, 37.16, 36.2, 37.16) == 0.0


def test_metrics_haversine_aleppo_to_damascus():
    # Aleppo citadel (36.1993, 37.1630) to Damascus Umayyad mosque (33.5116, 36.3066): ~310 km
    assert haversine_km(36.1993, 37.1630, 33.5116, 36.3066) == pytest.approx(309, abs=3)


@pytest.mark.parametrize(
    "predicted,gold,ok",
    [
        (10, 10, True),
        (12, 10, True),
        (13, 10, False),
        (8, 10, True),
        (0, 0, True),
        (1, 0, False),
        (None, 0, False),
    ],
)
def test_metrics_within_pct(predicted, gold, ok):
    assert within_pct(predicted, gold) is ok


def test_metrics_classification_scores_by_hand():
    gold = ["a", "a", "b", "c"]
    pred = ["a", "b", "b", "(none)"]
    s = classification_scores(gold, pred)
    assert s.accuracy == 0.5
    # a: p=1, r=1/2, f1=2/3; b: p=1/2, r=1, f1=2/3; c: f1=0
    assert s.macro_f1 == pytest.approx((2 / 3 + 2 / 3 + 0) / 3)
    assert s.weighted_f1 == pytest.approx((2 * 2 / 3 + 2 / 3 + 0) / 4)
    assert "(none)" in s.per_class and s.per_class["(none)"][3] == 0


def test_metrics_classification_scores_empty():
    assert classification_scores([], []).accuracy is None


def test_metrics_confusion_matrix_rows_are_gold():
    labels, matrix = confusion_matrix(["x", "x", "y"], ["x", "z", "y"])
    assert labels == ["x", "y", "z"]
    assert matrix == [[1, 0, 1], [0, 1, 0], [0, 0, 0]]


def test_metrics_assign_beats_greedy():
    # Greedy takes (0,0)=10 and is left with (1,1)=1; the optimum is (0,1)+(1,0) = 9+9.
    scores = [[10.0, 9.0], [9.0, 1.0]]
    assert assign(scores) == [(0, 1), (1, 0)]


def test_metrics_assign_respects_forbidden_and_rectangles():
    scores = [[None, 2.0, 1.0], [None, 3.0, None]]
    assert assign(scores) == [(0, 2), (1, 1)]
    assert assign([[None], [None]]) == []
    assert assign([]) == []
