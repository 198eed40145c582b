"""The trained sub-event classifier: reproducible training, the shipped model, and how it is
combined with the rules (retype, new event, damping, evidence)."""

import re
import zlib
from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from sitrep.extract import extract_document
from sitrep.extract.classifier import (
    DIM,
    LABELS,
    MODEL_PATH,
    NONE,
    features,
    hashed,
    load_model,
    train,
)
from sitrep.extract.subevent_model import _enabled, load_settings, using
from sitrep.extract.subevent_training import TRAINING_DIR, build_model, text_features
from sitrep.records import Document

PUB = date(2024, 3, 10)


def events_of(text: str) -> list:
    return extract_document(Document.from_text(text, published=PUB)).events


def test_shipped_model_is_what_the_training_command_produces():
    shipped = load_model(MODEL_PATH)
    assert shipped is not None
    fresh = build_model(TRAINING_DIR)
    assert shipped.labels == fresh.labels == LABELS
    assert np.array_equal(shipped.rows, fresh.rows)
    assert np.array_equal(shipped.weights.astype(np.float16), fresh.weights)
    assert np.array_equal(shipped.bias.astype(np.float16), fresh.bias)


def test_shipped_model_loads_offline_and_is_small():
    assert MODEL_PATH.stat().st_size < 2_000_000
    model = load_model(MODEL_PATH)
    assert model is not None
    probs = model.probabilities(text_features("Police fired tear gas to disperse protesters."))
    assert set(probs) == set(LABELS)
    assert sum(probs.values()) == pytest.approx(1.0)


def test_feature_hashing_is_stable_across_processes():
    # crc32, not Python's salted hash(): the same buckets in every process
    buckets = hashed(features("Gunmen killed 3 villagers", ["Attack"], ["killed"]))
    assert buckets[zlib.crc32(b"gunmen") % DIM] > 0
    assert sum(v * v for v in buckets.values()) == pytest.approx(1.0)
    assert "0" in features("Gunmen killed 3 villagers") and "T=Attack" in features("x", ["Attack"])


def _toy_model():
    """A real model trained on a few sentences (deterministic), to test the combination."""
    data = [
        ("Gunmen opened fire on a wedding party, killing guests.", "Attack"),
        ("Gunmen opened fire on a crowd of worshippers at a mosque.", "Attack"),
        ("Gunmen opened fire on a bus of pilgrims.", "Attack"),
        ("Troops exchanged fire with rebels near the border.", "Armed clash"),
        ("The two armed groups fought for hours in the hills.", "Armed clash"),
        (
            "The rebel factions announced their merger into one movement.",
            "Change to group/activity",
        ),
        ("The militias unveiled a joint command.", "Change to group/activity"),
        ("Two armed factions unveiled a joint command in the north.", "Change to group/activity"),
        ("The minister said the talks were constructive.", NONE),
    ]
    examples = [(text_features(t), label, 1.0) for t, label in data for _ in range(3)]
    return train(examples)


def test_model_retypes_within_a_confusable_group_and_records_its_evidence():
    text = "Gunmen opened fire on a wedding party in Kaduna on Saturday."
    with using(None):
        rules = events_of(text)
    with using(_toy_model()):
        combined = events_of(text)
    assert [e.sub_event_type for e in combined] == ["Attack"]
    items = [e for e in combined[0].evidence if e.field == "classifier"]
    assert items and items[0].note and items[0].note.startswith("classifier: Attack ")
    assert items[0].text == text[items[0].start : items[0].end] == text.strip()
    assert all(e.field != "classifier" for e in rules[0].evidence) if rules else True


def test_classifier_evidence_is_the_sentence_it_classified_with_the_note_beside():
    # the Evidence contract (text == article[start:end]) holds for the classifier's item too;
    # its label and probability are in `note`, never in `text`
    text = (
        "Gunmen opened fire on a wedding party in Kaduna on Saturday, killing five guests. "
        "Troops exchanged fire with rebels near the border on Sunday, the army said."
    )
    with using(load_model()):
        events = events_of(text)
    items = [ev for e in events for ev in e.evidence if ev.field == "classifier"]
    assert len(items) == 2
    for ev in (ev for e in events for ev in e.evidence):
        assert text[ev.start : ev.end] == ev.text and ev.start < ev.end
    assert all(ev.note and ev.note.startswith("classifier: ") for ev in items)
    assert all(ev.note is None for e in events for ev in e.evidence if ev.field != "classifier")


def test_model_never_retypes_across_groups():
    settings = load_settings()
    assert "Air/drone strike" not in settings.plausible("Peaceful protest")
    assert "Attack" in settings.plausible("Armed clash")


def test_confident_sentence_without_trigger_becomes_an_event():
    text = "Three rebel factions in Idlib unveiled a joint command on Sunday."
    with using(_toy_model()):
        events = events_of(text)
    assert [e.sub_event_type for e in events] == ["Change to group/activity"]
    with using(None):
        assert not events_of(text)


def test_negated_or_reported_sentence_makes_no_new_event():
    with using(_toy_model()):
        assert not events_of("The factions did not unveil a joint command on Sunday.")
        assert not events_of("The minister said the talks were constructive.")


def test_article_without_any_event_takes_its_most_probable_new_event():
    strict = replace(load_settings(), new_p=0.99, fallback_p=0.0)
    text = "Three rebel factions in Idlib unveiled a joint command on Sunday."
    with using(_toy_model(), strict):
        assert [e.sub_event_type for e in events_of(text)] == ["Change to group/activity"]
        # not when the rules found an event elsewhere in the article
        both = text + " Gunmen shot dead a teacher in Maarat al-Numan on Sunday."
        assert "Change to group/activity" not in {e.sub_event_type for e in events_of(both)}
    with using(_toy_model(), replace(strict, fallback_p=0.999)):
        assert not events_of(text)


# The rules' type stands where the codebook decides it by a stated fact (guards in
# lexicons/classifier.yaml), however eager the model: retype_p and retype_margin at 0.
_EAGER = {"retype_p": 0.0, "retype_margin": 0.0}


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        # batons are no lethal force: Excessive force needs a lethal cue
        (
            "Soldiers beat protesters with batons in Harare, Zimbabwe on Tuesday.",
            "Protest with intervention",
        ),
        # arrests at a protest are its intervention: a crowd named keeps the protest type
        ("Police arrested dozens of protesters in Minsk on Sunday.", "Protest with intervention"),
        # control gained says nothing of a fight: Non-violent transfer needs a no-fight cue
        (
            "QSD forces achieved partial control over the Omar Oil Fields.",
            "Non-state actor overtakes territory",
        ),
    ],
)
def test_model_keeps_a_rule_type_decided_by_a_stated_fact(text: str, sub: str) -> None:
    with using(load_model(), replace(load_settings(), **_EAGER)):
        assert [e.sub_event_type for e in events_of(text)] == [sub]
    with using(load_model()):
        assert [e.sub_event_type for e in events_of(text)] == [sub]


def test_guards_let_the_model_choose_a_guarded_type_when_its_fact_is_stated() -> None:
    settings = load_settings()
    lethal = "Troops fired live ammunition at the crowd in Khartoum."
    assert "Excessive force against protesters" in settings.targets("Peaceful protest", lethal)
    assert "Excessive force against protesters" not in settings.targets(
        "Peaceful protest", "Police used batons and tear gas on the crowd."
    )
    # a protest the rules typed with a lethal cue stays Excessive force
    assert settings.targets("Excessive force against protesters", lethal) == {
        "Excessive force against protesters"
    }
    handover = "Rebels withdrew from the town and the army took control of it."
    assert "Non-violent transfer of territory" in settings.targets(
        "Government regains territory", handover
    )
    assert settings.allowed("Attack", "anything") and not settings.allowed(
        "Non-violent transfer of territory", "The army took control of the town."
    )


def test_new_event_of_a_guarded_type_needs_its_fact() -> None:
    # the toy model is confident of a merger; a guard on that type with a cue the sentence
    # lacks stops the new event
    text = "Three rebel factions in Idlib unveiled a joint command on Sunday."
    guarded = replace(
        load_settings(), needs={"Change to group/activity": re.compile(r"\bmerg\w*", re.I)}
    )
    with using(_toy_model(), guarded):
        assert not events_of(text)
    with using(_toy_model()):
        assert events_of(text)


@pytest.mark.parametrize(("value", "on"), [(None, True), ("1", True), ("0", False), ("off", False)])
def test_model_is_on_by_default_and_the_environment_turns_it_off(
    monkeypatch: pytest.MonkeyPatch, value: str | None, on: bool
) -> None:
    if value is None:
        monkeypatch.delenv("SITREP_EXTRACT_SUBEVENT_MODEL", raising=False)
    else:
        monkeypatch.setenv("SITREP_EXTRACT_SUBEVENT_MODEL", value)
    _enabled.cache_clear()
    try:
        events = events_of("Gunmen opened fire on a wedding party in Kaduna on Saturday.")
    finally:
        _enabled.cache_clear()
    assert any(ev.field == "classifier" for e in events for ev in e.evidence) is on
