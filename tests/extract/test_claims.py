"""find_claims, resolve_source, claim_stance, source_for_span and lookup_outlet."""

from __future__ import annotations

import pytest

from sitrep.errors import ConfigError
from sitrep.extract.claims import claim_stance, find_claims, resolve_source, source_for_span
from sitrep.extract.outlets import build_outlet_table, find_outlets, lookup_outlet
from sitrep.nlp import load_pipeline
from testdata import shared_file

SOHR = "Syrian Observatory for Human Rights"


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="module")
def seed_claims(nlp):
    text = shared_file("seed/aleppo-siege-broken.txt").read_text(encoding="utf-8")
    return text, find_claims(nlp(text), "seed", "Orient News")


def claims_of(nlp, text: str, outlet: str | None = None):
    return [(c.by, c.by_type, c.alignment) for c in find_claims(nlp(text), "d1", outlet)]


def test_claims_seed_speakers(seed_claims):
    _, claims = seed_claims
    assert [(c.by, c.by_type, c.alignment) for c in claims] == [
        ("activists", "activist", "pro-opposition"),
        (SOHR, "monitor", "pro-opposition"),
        (f"Rami Abdel Rahman, {SOHR}", "monitor", "pro-opposition"),
        (f"Rami Abdel Rahman, {SOHR}", "monitor", "pro-opposition"),  # “...,” he said.
        ("Orient News correspondent", "local media", "pro-opposition"),
        ("local from al-Mashhad", "witness", None),
        ("Aleppo Today Facebook page", "local media", "pro-opposition"),
        ("activist from Daret Ezza", "activist", "pro-opposition"),
        ("Assad", "official", "pro-government"),
        ("Abu al Hasanien, Fateh Halab commander", "belligerent spokesperson", "pro-opposition"),
        ("Pro-regime news channels", "partisan media", "pro-government"),
        ("al Mayadeen", "partisan media", "pro-government"),
        ("rebels", "belligerent spokesperson", "pro-opposition"),
        (SOHR, "monitor", "pro-opposition"),
    ]


def test_claims_seed_says_and_offsets(seed_claims):
    text, claims = seed_claims
    by_speaker = {c.by: c for c in claims}
    mayadeen = by_speaker["al Mayadeen"]
    assert mayadeen.says.startswith("the Assad regime’s army had withdrawn from a number")
    assert text[mayadeen.start : mayadeen.end].startswith("But Lebanese pro-regime news channel")
    assert all(c.doc_id == "seed" for c in claims)
    # the quote spaCy splits into three sentences is one claim, starting at the quote
    commander = by_speaker["Abu al Hasanien, Fateh Halab commander"]
    assert commander.says.startswith("We have now seized full control of the Ramousah area")
    assert "cluster and vacuum bombs" in commander.says
    assert text[commander.start : commander.start + 3] == "“We"


def test_claims_seed_stance(seed_claims):
    _, claims = seed_claims
    stances = {c.by: c.stance for c in claims}
    assert stances["Pro-regime news channels"] == "contradicts"  # "played down the rebel gains"
    assert stances["al Mayadeen"] == "supports"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "At least 12 civilians were killed, according to the Syrian Observatory for Human "
            "Rights.",
            [(SOHR, "monitor", "pro-opposition")],
        ),
        (
            "SANA reporter said that terrorists fired rocket shells on Izraa.",
            [("SANA reporter", "state media", "pro-government")],
        ),
        (
            "Russian Defense Ministry spokesman Igor Konashenkov said the strikes hit ISIS "
            "targets.",
            [
                (
                    "Igor Konashenkov, Russian Ministry of Defence",
                    "official",
                    "pro-government",
                )
            ],
        ),
        (
            "Jaish al-Islam spokesman Islam Alloush said Nusra had executed the pilot.",
            [
                (
                    "Jaish al-Islam spokesman Islam Alloush",
                    "belligerent spokesperson",
                    "pro-opposition",
                )
            ],
        ),
        (
            "Residents said the market was hit twice, while the army denied any strike.",
            [("Residents", "witness", None)],
        ),
        ("“We will return,” I said.", []),
        ("The war has claimed the lives of 400,000 people.", []),
        ("The fighters posted pictures of captured tanks.", []),
    ],
)
def test_claims_speakers(nlp, sentence, expected):
    assert claims_of(nlp, sentence) == expected


def test_claims_later_surname_reuses_full_source(nlp):
    text = (
        "Rami Abdel Rahman, head of the Syrian Observatory for Human Rights, said 20 died. "
        "Abdel Rahman said the toll would rise."
    )
    assert [c.by for c in find_claims(nlp(text), "d1")] == [f"Rami Abdel Rahman, {SOHR}"] * 2


def test_claims_our_correspondent_takes_the_outlet(nlp):
    found = claims_of(nlp, "Our correspondent said shells fell on the old city.", "sana")
    assert found == [("SANA correspondent", "state media", "pro-government")]


def test_claims_denial_contradicts(nlp):
    (claim,) = find_claims(nlp("The Syrian army denied using chemical weapons in Douma."), "d")
    assert claim.by_type in ("official", "belligerent spokesperson")
    assert claim.stance == "contradicts"


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("Pro-regime news channels have mostly played down the rebel gains", "contradicts"),
        ("The ministry dismissed the reports as fabricated", "contradicts"),
        ("The report could not be independently verified", "neutral"),
        ("Activists said ten people were killed", "supports"),
    ],
)
def test_claims_stance_cues(text, stance):
    assert claim_stance(text) == stance


def test_claims_source_for_span(seed_claims):
    text, claims = seed_claims
    start = text.index("The rebel front line")
    found = source_for_span(claims, start, start + 20)
    assert [c.by for c in found] == ["rebels", SOHR]
    assert source_for_span(claims, 0, 10) == []


@pytest.mark.parametrize(
    ("name", "canonical", "type_", "alignment"),
    [
        ("SOHR", SOHR, "monitor", "pro-opposition"),
        ("the Observatory", SOHR, "monitor", "pro-opposition"),
        ("al-Mayadeen", "al Mayadeen", "partisan media", "pro-government"),
        ("manar", "Al-Manar", "partisan media", "pro-government"),
        ("dailysabah", "Daily Sabah", "partisan media", "pro-turkish"),
        ("sana", "SANA", "state media", "pro-government"),
        ("Orient News", "Orient News", "local media", "pro-opposition"),
        ("White Helmets", "Syrian Civil Defence", "ngo", "pro-opposition"),
        ("ANHA", "Hawar News Agency", "partisan media", "pro-kurdish"),
        ("reuters", "Reuters", "international wire", "neutral"),
    ],
)
def test_claims_lookup_outlet(name, canonical, type_, alignment):
    info = lookup_outlet(name)
    assert info is not None
    assert (info.name, info.type, info.alignment) == (canonical, type_, alignment)


@pytest.mark.parametrize(
    "slug",
    [
        "ahram",
        "manar",
        "alalam",
        "alaraby",
        "dailysabah",
        "sana",
        "sputnik",
        "etilaf",
        "trt",
        "jordantimes",
        "reuters",
        "arabiya",
        "nna",
        "asharqalawsat",
        "tass",
    ],
)
def test_claims_every_fakes_outlet_code_resolves(slug):
    assert lookup_outlet(slug) is not None


def test_claims_outlet_lookup_needs_the_whole_name():
    assert lookup_outlet("Orient News correspondent") is None
    assert [m.value for m in find_outlets("an Orient News correspondent said")] == ["Orient News"]


def test_claims_resolve_source_skips_first_person():
    assert resolve_source("we") is None
    assert resolve_source("I") is None


def test_claims_bad_outlet_type_is_config_error():
    with pytest.raises(ConfigError):
        build_outlet_table({"outlets": [{"name": "X", "type": "blog", "alignment": "neutral"}]})


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Igor Konashenkov", "Konashenkov"),
        ("Konashenkovs", "Konashenkov"),
        ("Rami Abdel Rahman", "Abdel Rahman"),
        ("Abdel Rahmani and Abdel Rahman", "Abdel Rahman"),
        ("al-Abdel Rahman", "Abdel Rahman"),
        ("_Abdel", "Abdel"),
        ("Abdel_", "Abdel"),
        ("ÉAbdel", "Abdel"),
        ("Abdel3", "Abdel"),
        ("", "Abdel"),
    ],
)
def test_claims_earlier_name_match_is_a_word_boundary_search(text, phrase):
    """`_has_word_run` answers as the regex search it replaced (no pattern compiled per name)."""
    import re

    from sitrep.extract.claims import _has_word_run

    expected = bool(re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text))
    assert _has_word_run(text, phrase) is expected
