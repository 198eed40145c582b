"""The codebook corpus (tests/data/codebook) is well formed, and its scoring counts as documented.

No extractor runs here: the scoring tests pass hand-made predictions.
"""

import json
from datetime import date
from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.eval.codebook import (
    CodebookItem,
    GoldEvent,
    ItemResult,
    load_codebook,
    normalise_actor,
    score_codebook,
    worst,
)
from sitrep.records import SUB_EVENT_TYPES

CORPUS = Path(__file__).resolve().parents[1] / "data" / "codebook"
FILE_OF_TYPE = {
    "Battles": "battles.yaml",
    "Explosions/Remote violence": "explosions_remote_violence.yaml",
    "Violence against civilians": "violence_against_civilians.yaml",
    "Protests": "protests.yaml",
    "Riots": "riots.yaml",
    "Strategic developments": "strategic_developments.yaml",
}
AIR = ("Explosions/Remote violence", "Air/drone strike")
CLASH = ("Battles", "Armed clash")
PROTEST = ("Protests", "Peaceful protest")
ARREST = ("Strategic developments", "Arrests")


@pytest.fixture(scope="module")
def corpus() -> list[CodebookItem]:
    return load_codebook(CORPUS)


def test_codebook_corpus_has_30_items_per_sub_event_type(corpus):
    counts = {sub: 0 for subs in SUB_EVENT_TYPES.values() for sub in subs}
    for item in corpus:
        for sub in {e.sub_event_type for e in item.events}:
            counts[sub] += 1
    assert len(counts) == 25
    assert {sub: n for sub, n in counts.items() if n < 30} == {}


def test_codebook_corpus_has_200_nonevents(corpus):
    nonevents = [item for item in corpus if not item.events]
    assert len(nonevents) >= 200
    assert {item.file for item in nonevents} == {"nonevents.yaml"}


def test_codebook_corpus_labels_sit_in_their_event_type_file(corpus):
    for item in corpus:
        for event in item.events:
            assert event.sub_event_type in SUB_EVENT_TYPES[event.event_type], item.id
        if item.events:
            assert item.file == FILE_OF_TYPE[item.events[0].event_type], item.id


def test_codebook_corpus_ids_dates_styles_countries_are_valid(corpus):
    assert len({item.id for item in corpus}) == len(corpus)
    assert all(date(2010, 1, 1) <= item.published <= date(2026, 12, 31) for item in corpus)
    assert {item.style for item in corpus} == {"wire", "local", "ngo", "official", "monitor"}
    assert len({item.country for item in corpus}) >= 15
    assert all(1 <= item.text.count(". ") + 1 <= 6 and len(item.text) < 600 for item in corpus)


def test_codebook_load_rejects_a_label_outside_acled(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "- id: x-1\n  style: wire\n  country: Mali\n  published: 2022-01-02\n"
        "  text: Soldiers fought rebels.\n"
        "  events: [{event_type: Battles, sub_event_type: Air/drone strike}]\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="E118"):
        load_codebook(bad)


def test_codebook_load_rejects_duplicate_ids_and_bad_dates(tmp_path):
    item = "- id: x-1\n  style: wire\n  country: Mali\n  published: {}\n  text: Calm.\n"
    item += "  events: []\n"
    (tmp_path / "a.yaml").write_text(item.format("2022-01-02"), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(item.format("2022-01-02"), encoding="utf-8")
    with pytest.raises(InputError, match="duplicate ids"):
        load_codebook(tmp_path)
    for bad_date in ("2022-13-40", "'2022-02-30'", "next week"):
        (tmp_path / "b.yaml").write_text(item.format(bad_date), encoding="utf-8")
        with pytest.raises(InputError, match="YYYY-MM-DD"):
            load_codebook(tmp_path / "b.yaml")


def _item(i: int, events: list[GoldEvent], country: str = "Mali") -> CodebookItem:
    return CodebookItem(f"t-{i}", "wire", country, date(2022, 1, 1), f"text {i}", tuple(events))


@pytest.fixture
def results(new_event):
    """Five hand-made items and predictions; the expected counts are in the tests below."""
    ev = lambda kind, **kw: new_event(event_type=kind[0], sub_event_type=kind[1], **kw)  # noqa: E731
    gold = lambda kind, **kw: GoldEvent(kind[0], kind[1], **kw)  # noqa: E731
    return [
        # 1: air strike found, with its actor1 (period differs), plus a spurious clash
        ItemResult(
            _item(1, [gold(AIR, actor1="Military Forces of Syria (2000-)")], "Syria"),
            [ev(CLASH, actor1="Rebels"), ev(AIR, actor1="military forces of syria")],
        ),
        # 2: clash missed (a protest predicted instead)
        ItemResult(_item(2, [gold(CLASH, actor1="Al Shabaab")]), [ev(PROTEST)]),
        # 3: protest found, actor1 exact
        ItemResult(
            _item(3, [gold(PROTEST, actor1="Protesters (Kenya)")]),
            [ev(PROTEST, actor1="Protesters (Kenya)")],
        ),
        # 4: non-event with an arrest (not violent)
        ItemResult(_item(4, []), [ev(ARREST)]),
        # 5: non-event with a clash (violent); 6: clean non-event; 7: extraction error
        ItemResult(_item(5, []), [ev(CLASH)]),
        ItemResult(_item(6, []), []),
        ItemResult(_item(7, [gold(ARREST)]), None, "ValueError: boom"),
    ]


def test_codebook_score_counts_true_and_false_positives_per_item(results):
    figures = score_codebook(results)
    per = figures["sub_event_type"]["per_label"]
    assert (per["Air/drone strike"]["tp"], per["Air/drone strike"]["fp"]) == (1, 0)
    assert (per["Armed clash"]["tp"], per["Armed clash"]["fp"], per["Armed clash"]["fn"]) == (
        0,
        2,
        1,
    )
    assert (per["Peaceful protest"]["tp"], per["Peaceful protest"]["fp"]) == (1, 1)
    assert per["Peaceful protest"]["precision"] == pytest.approx(0.5)
    assert per["Peaceful protest"]["f1"] == pytest.approx(2 / 3)
    assert (per["Arrests"]["tp"], per["Arrests"]["fp"], per["Arrests"]["fn"]) == (0, 1, 1)
    assert per["Grenade"]["support"] == 0
    # supported labels: air 1.0 (1), clash 0 (1), protest 2/3 (1), arrests 0 (1)
    assert figures["sub_event_type"]["weighted_f1"] == pytest.approx((1 + 2 / 3) / 4)
    assert figures["sub_event_type"]["macro_f1"] == pytest.approx((1 + 2 / 3) / 4)
    assert figures["errors"] == 1


def test_codebook_score_event_and_nonevent_shares(results):
    figures = score_codebook(results)
    assert figures["event_items"] == 4 and figures["nonevent_items"] == 3
    assert figures["events_with_any_event"] == pytest.approx(3 / 4)
    assert figures["violent_items_with_violent_event"] == pytest.approx(1 / 2)
    assert figures["first_event_sub_type_accuracy"] == pytest.approx(1 / 4)
    assert figures["nonevents_without_violent_event"] == pytest.approx(2 / 3)
    assert figures["nonevents_without_any_event"] == pytest.approx(1 / 3)


def test_codebook_score_actor1_matches_the_event_of_the_gold_type(results):
    actor1 = score_codebook(results)["actor1"]
    assert actor1["n"] == 3
    assert actor1["exact"] == pytest.approx(1 / 3)  # the protest only
    assert actor1["folded"] == pytest.approx(1 / 3)
    assert actor1["folded_no_period"] == pytest.approx(2 / 3)  # + Syria's forces, period dropped


def test_codebook_score_by_country_and_worst(results):
    figures = score_codebook(results)
    assert figures["by_country"]["Syria"]["items"] == 1
    assert figures["by_country"]["Syria"]["micro_f1"] == pytest.approx(2 / 3)
    assert figures["by_country"]["Mali"]["items"] == 6
    ranked = worst(results, 2)
    assert [r.item.id for r in ranked] == ["t-2", "t-7"]
    assert ranked[0].misses == ["missed Armed clash", "spurious Peaceful protest"]


def test_codebook_normalise_actor_folds_case_punctuation_and_period():
    assert normalise_actor("QSD: Syrian Democratic Forces") == "qsd syrian democratic forces"
    assert normalise_actor("Police Forces of Nigeria (2015-2023)", drop_period=True) == (
        "police forces of nigeria"
    )
    assert normalise_actor("Military Forces of Yemen (2016-)", drop_period=True) == (
        "military forces of yemen"
    )


def test_codebook_worst_goes_round_the_gold_types(new_event):
    spurious = [new_event(event_type="Battles", sub_event_type="Armed clash")]
    results = [
        ItemResult(_item(1, []), spurious),
        ItemResult(_item(2, []), spurious),
        ItemResult(_item(3, [GoldEvent(*PROTEST)]), []),
        ItemResult(
            _item(4, [GoldEvent(*PROTEST)]),
            [new_event(event_type=PROTEST[0], sub_event_type=PROTEST[1])],
        ),
    ]
    score_codebook(results)
    assert [r.item.id for r in worst(results, 3)] == ["t-1", "t-3", "t-2"]
    assert [r.item.id for r in worst(results, 1)] == ["t-1"]


TWO_ITEMS = """\
- id: t-event
  style: wire
  country: Syria
  published: 2019-05-27
  text: "Regime warplanes struck a market in Maarat al-Numan on Sunday, killing ten civilians."
  events:
  - {event_type: Explosions/Remote violence, sub_event_type: Air/drone strike}
- id: t-none
  style: local
  country: Turkey
  published: 2023-06-22
  text: "Turkey's central bank raised its main interest rate to 15 percent on Thursday."
  events: []
"""


def _cli():
    from typer.testing import CliRunner

    from sitrep.cli import _register, app

    _register()
    return CliRunner(), app


def test_codebook_cli_missing_corpus_is_one_line(tmp_path):
    runner, app = _cli()
    result = runner.invoke(app, ["eval", "codebook", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert "E117" in result.output


@pytest.mark.slow
def test_codebook_cli_json_runs_the_extractor(tmp_path):
    pytest.importorskip("sitrep.extract")
    corpus = tmp_path / "codebook"  # a folder named codebook: labelled held out
    corpus.mkdir()
    (corpus / "two.yaml").write_text(TWO_ITEMS, encoding="utf-8")
    runner, app = _cli()
    result = runner.invoke(app, ["eval", "codebook", str(corpus), "--json", "-"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["split"] == "held out (codebook corpus)"
    assert (figures["items"], figures["event_items"], figures["errors"]) == (2, 1, 0)
    assert figures["sub_event_type"]["per_label"]["Air/drone strike"]["support"] == 1
