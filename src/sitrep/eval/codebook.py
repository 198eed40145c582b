"""Score sitrep on the codebook corpus: invented news items labelled with ACLED's sub-event types.

The corpus (tests/data/codebook/, one YAML file per event type plus nonevents.yaml) is held out by
construction: it was written by someone who had not seen the extraction rules and is never used
to write rules or to train. Each item is one short text with a publication date and the events
an ACLED coder would code from it ([] for a non-event).

Scoring is per item and per label (docs/evaluation.md, "sitrep eval codebook"): for a sub-event
type T, an item is a true positive when its gold events include T and sitrep gives at least one
event of type T, a false negative when gold has T and sitrep gives none, and a false positive
when sitrep gives T and gold has no T. Event types are scored the same way.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from sitrep.errors import InputError
from sitrep.eval.metrics import share
from sitrep.eval.runner import extract_many
from sitrep.records import SUB_EVENT_TYPES, Document, Event

__all__ = [
    "GoldEvent",
    "CodebookItem",
    "ItemResult",
    "load_codebook",
    "score_codebook",
    "evaluate_codebook",
    "worst",
    "normalise_actor",
    "codebook_tables",
    "label_scores",
    "SPLIT_LABEL",
    "TRAINING_LABEL",
    "corpus_label",
    "VIOLENT_TYPES",
]

SPLIT_LABEL = "held out (codebook corpus)"
TRAINING_LABEL = "tuning (training corpus)"


def corpus_label(path: Path) -> str:
    """How a corpus's figures are labelled: the held-out codebook corpus (a folder named
    `codebook`), the training corpus that rules are tuned and models trained on (a folder named
    `training`), else an unlabelled corpus named by its folder or file."""
    folder = path if path.is_dir() else path.parent
    if folder.name == "codebook":
        return SPLIT_LABEL
    if folder.name == "training":
        return TRAINING_LABEL
    return f"unlabelled corpus ({path.name})"
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
TYPE_OF_SUB = {sub: etype for etype, subs in SUB_EVENT_TYPES.items() for sub in subs}
STYLES = frozenset({"wire", "local", "ngo", "official", "monitor"})
# The printed per-country table keeps countries with this many items (the JSON has all).
MIN_COUNTRY_ITEMS = 10


@dataclass(frozen=True)
class GoldEvent:
    """One event an ACLED coder would code from an item."""

    event_type: str
    sub_event_type: str
    actor1: str | None = None
    actor2: str | None = None
    fatalities: int | None = None


@dataclass(frozen=True)
class CodebookItem:
    """One corpus item: the text, its metadata and its gold events ([] for a non-event)."""

    id: str
    style: str
    country: str
    published: date
    text: str
    events: tuple[GoldEvent, ...]
    file: str = ""


@dataclass
class ItemResult:
    """One item's gold and sitrep's events (None when extraction raised `error`)."""

    item: CodebookItem
    predicted: list[Event] | None
    error: str | None = None
    misses: list[str] = field(default_factory=list)

    @property
    def events(self) -> list[Event]:
        return self.predicted or []


def _fail(where: str, message: str) -> InputError:
    return InputError(f"{where}: {message}", code="E118")


def _gold_event(raw: Any, where: str) -> GoldEvent:
    if not isinstance(raw, dict):
        raise _fail(where, "an event must be a mapping")
    etype, sub = raw.get("event_type"), raw.get("sub_event_type")
    if TYPE_OF_SUB.get(str(sub)) != etype:
        raise _fail(where, f"{etype!r} / {sub!r} is not one of ACLED's 25 sub-event types")
    fatalities = raw.get("fatalities")
    if fatalities is not None and (not isinstance(fatalities, int) or fatalities < 0):
        raise _fail(where, f"fatalities {fatalities!r} is not a count")
    return GoldEvent(str(etype), str(sub), raw.get("actor1"), raw.get("actor2"), fatalities)


def _published(value: Any, where: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise _fail(where, f"published {value!r} is not YYYY-MM-DD") from exc


def _item(raw: Any, file: str) -> CodebookItem:
    if not isinstance(raw, dict) or not raw.get("id") or not raw.get("text"):
        raise _fail(file, f"every item needs an id and a text (got {str(raw)[:60]!r})")
    where = f"{file} {raw['id']}"
    if raw.get("style") not in STYLES:
        raise _fail(where, f"style {raw.get('style')!r} is not one of {sorted(STYLES)}")
    events = raw.get("events")
    if not isinstance(events, list):
        raise _fail(where, "events must be a list ([] for a non-event)")
    return CodebookItem(
        id=str(raw["id"]),
        style=raw["style"],
        country=str(raw.get("country") or ""),
        published=_published(raw.get("published"), where),
        text=str(raw["text"]),
        events=tuple(_gold_event(e, where) for e in events),
        file=file,
    )


def load_codebook(path: Path) -> list[CodebookItem]:
    """Read the corpus: a folder of YAML files (in name order) or one YAML file.

    path (Path): tests/data/codebook, or one of its files.
    RETURNS (list[CodebookItem]): the items, file by file in file order.
    Raises InputError (E117) for an unreadable path, (E118) for a malformed item or a label that
    is not one of ACLED's sub-event types, or a duplicate id.
    """
    files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    if not files:
        raise InputError(f"{path}: no codebook YAML files found", code="E117")
    items: list[CodebookItem] = []
    for file in files:
        try:
            raw = yaml.safe_load(file.read_text(encoding="utf-8")) or []
        except (OSError, yaml.YAMLError) as exc:
            raise InputError(f"Cannot read {file}: {exc}", code="E117") from exc
        except ValueError as exc:  # PyYAML reads 2022-13-40 as a date and fails
            raise _fail(file.name, f"a date is not a valid YYYY-MM-DD ({exc})") from exc
        if not isinstance(raw, list):
            raise _fail(file.name, "the file must hold a list of items")
        items.extend(_item(entry, file.name) for entry in raw)
    dupes = [i for i, n in Counter(item.id for item in items).items() if n > 1]
    if dupes:
        raise _fail(str(path), f"duplicate ids: {', '.join(sorted(dupes)[:5])}")
    return items


_PERIOD = re.compile(r"\(\s*\d{4}\s*-\s*(?:\d{4})?\s*\)")
_PUNCT = re.compile(r"[^\w\s]")


def normalise_actor(name: str, *, drop_period: bool = False) -> str:
    """Fold an actor name for the lenient comparisons: case, punctuation and spacing dropped;
    with drop_period, the "(2000-)"-style period of a state force goes too."""
    if drop_period:
        name = _PERIOD.sub(" ", name)
    return " ".join(_PUNCT.sub(" ", name.casefold()).split())


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def label_scores(
    gold: Sequence[set[str]], predicted: Sequence[set[str]], labels: Iterable[str]
) -> dict[str, Any]:
    """Per-label precision/recall/F1/support over items, each item a set of labels.

    gold, predicted (Sequence[set[str]]): the labels of each item, gold and sitrep's.
    labels (Iterable[str]): the labels to report, in order.
    RETURNS (dict): {"per_label": {label: {precision, recall, f1, support, tp, fp, fn}},
        "weighted_f1", "macro_f1"} (averages over labels with support > 0).
    """
    per: dict[str, dict[str, Any]] = {}
    for label in labels:
        tp = sum(label in g and label in p for g, p in zip(gold, predicted, strict=True))
        fp = sum(label not in g and label in p for g, p in zip(gold, predicted, strict=True))
        fn = sum(label in g and label not in p for g, p in zip(gold, predicted, strict=True))
        precision, recall, f1 = _prf(tp, fp, fn)
        per[label] = {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "support": tp + fn,
            "tp": tp,
            "fp": fp,
            "fn": fn,
        }
    supported = [s for s in per.values() if s["support"]]
    total = sum(s["support"] for s in supported)
    return {
        "per_label": per,
        "weighted_f1": sum(s["f1"] * s["support"] for s in supported) / total if total else None,
        "macro_f1": sum(s["f1"] for s in supported) / len(supported) if supported else None,
    }


def _matching_event(gold: GoldEvent, events: Sequence[Event]) -> Event | None:
    """sitrep's event to compare with a gold event: the first of its sub-event type, else of its
    event type, else the first event."""
    for test in (
        lambda e: e.sub_event_type == gold.sub_event_type,
        lambda e: e.event_type == gold.event_type,
    ):
        found = next((e for e in events if test(e)), None)
        if found is not None:
            return found
    return events[0] if events else None


def actor1_scores(results: Sequence[ItemResult]) -> dict[str, Any]:
    """actor1 agreement over items whose first gold event names actor1: exact string, folded
    (case/punctuation), and folded with state-force periods dropped."""
    exact = folded = no_period = n = 0
    for result in results:
        if not result.item.events or not result.item.events[0].actor1:
            continue
        gold = result.item.events[0]
        assert gold.actor1 is not None
        n += 1
        event = _matching_event(gold, result.events)
        found = event.actor1 if event is not None else None
        if not found:
            continue
        exact += found == gold.actor1
        folded += normalise_actor(found) == normalise_actor(gold.actor1)
        no_period += normalise_actor(found, drop_period=True) == normalise_actor(
            gold.actor1, drop_period=True
        )
    return {
        "n": n,
        "exact": share(exact, n),
        "folded": share(folded, n),
        "folded_no_period": share(no_period, n),
    }


def _gold_subs(item: CodebookItem) -> set[str]:
    return {e.sub_event_type for e in item.events}


def _pred_subs(result: ItemResult) -> set[str]:
    return {e.sub_event_type for e in result.events}


def _misses(result: ItemResult) -> list[str]:
    gold, pred = _gold_subs(result.item), _pred_subs(result)
    misses = [f"missed {s}" for s in sorted(gold - pred)]
    misses += [f"spurious {s}" for s in sorted(pred - gold)]
    return misses + ([f"error {result.error}"] if result.error else [])


def _coverage(results: Sequence[ItemResult]) -> dict[str, Any]:
    events = [r for r in results if r.item.events]
    nonevents = [r for r in results if not r.item.events]
    violent_gold = [r for r in events if any(e.event_type in VIOLENT_TYPES for e in r.item.events)]
    first_sub = sum(
        bool(r.events) and r.events[0].sub_event_type == r.item.events[0].sub_event_type
        for r in events
    )
    return {
        "event_items": len(events),
        "nonevent_items": len(nonevents),
        "events_with_any_event": share(sum(bool(r.events) for r in events), len(events)),
        "violent_items_with_violent_event": share(
            sum(any(e.event_type in VIOLENT_TYPES for e in r.events) for r in violent_gold),
            len(violent_gold),
        ),
        "first_event_sub_type_accuracy": share(first_sub, len(events)),
        "nonevents_without_violent_event": share(
            sum(not any(e.event_type in VIOLENT_TYPES for e in r.events) for r in nonevents),
            len(nonevents),
        ),
        "nonevents_without_any_event": share(sum(not r.events for r in nonevents), len(nonevents)),
    }


def _group_scores(results: Sequence[ItemResult], key: str) -> dict[str, dict[str, Any]]:
    """Per country (or style): items, micro-F1 over sub-event labels, share of event items with
    an event, share of non-events without a violent event."""
    groups: dict[str, list[ItemResult]] = {}
    for result in results:
        groups.setdefault(getattr(result.item, key), []).append(result)
    out = {}
    for name, group in sorted(groups.items()):
        tp = sum(len(_gold_subs(r.item) & _pred_subs(r)) for r in group)
        fp = sum(len(_pred_subs(r) - _gold_subs(r.item)) for r in group)
        fn = sum(len(_gold_subs(r.item) - _pred_subs(r)) for r in group)
        coverage = _coverage(group)
        out[name] = {
            "items": len(group),
            "micro_f1": _prf(tp, fp, fn)[2] if tp + fp + fn else None,
            "events_with_any_event": coverage["events_with_any_event"],
            "nonevents_without_violent_event": coverage["nonevents_without_violent_event"],
        }
    return out


def score_codebook(results: Sequence[ItemResult]) -> dict[str, Any]:
    """Score sitrep's events against the corpus labels (see the module docstring).

    results (Sequence[ItemResult]): one per item, with sitrep's events (None on error).
    RETURNS (dict): the figures, JSON-ready (docs/evaluation.md lists them).
    """
    for result in results:
        result.misses = _misses(result)
    subs = [sub for etype in SUB_EVENT_TYPES for sub in SUB_EVENT_TYPES[etype]]
    sub_scores = label_scores(
        [_gold_subs(r.item) for r in results], [_pred_subs(r) for r in results], subs
    )
    type_scores = label_scores(
        [{e.event_type for e in r.item.events} for r in results],
        [{e.event_type for e in r.events} for r in results],
        list(SUB_EVENT_TYPES),
    )
    return {
        "split": SPLIT_LABEL,
        "items": len(results),
        "errors": sum(r.error is not None for r in results),
        "sub_event_type": sub_scores,
        "event_type": type_scores,
        **_coverage(results),
        "actor1": actor1_scores(results),
        "by_country": _group_scores(results, "country"),
        "by_style": _group_scores(results, "style"),
    }


def worst(results: Sequence[ItemResult], k: int) -> list[ItemResult]:
    """The k items with most wrong labels; ties go round the gold types (the first miss of each
    sub-event type, non-events included, before the second of any), then in corpus order."""
    seen: Counter[str] = Counter()
    ranked = []
    for result in results:
        if result.misses:
            kind = result.item.events[0].sub_event_type if result.item.events else "(none)"
            ranked.append((-len(result.misses), seen[kind], result))
            seen[kind] += 1
    ranked.sort(key=lambda entry: entry[:2])
    return [result for *_, result in ranked[:k]]


def evaluate_codebook(
    path: Path, *, limit: int | None = None, workers: int = 1
) -> tuple[dict[str, Any], list[ItemResult]]:
    """Run the extractor on every corpus item and score it.

    path (Path): the corpus folder (or one of its files).
    limit (int | None): score only the first N items.
    workers (int): extraction worker processes.
    RETURNS (tuple[dict, list[ItemResult]]): the figures and the per-item results.
    """
    items = load_codebook(path)[:limit]
    documents = [
        Document.from_text(item.text, ref=item.id, published=item.published) for item in items
    ]
    results = [
        ItemResult(item, outcome.extraction.events if outcome.extraction else None, outcome.error)
        for item, outcome in zip(items, extract_many(documents, workers=workers), strict=True)
    ]
    figures = score_codebook(results)
    figures["corpus"] = str(path)
    figures["split"] = corpus_label(path)
    return figures, results


def _table(title: str, columns: Sequence[str], *, numeric: bool = True) -> Any:
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for i, col in enumerate(columns):
        table.add_column(col, justify="right" if i and numeric else "left", no_wrap=i == 0)
    return table


def codebook_tables(figures: dict[str, Any], misses: Sequence[ItemResult]) -> list[Any]:
    """Rich tables of the figures (per sub-event type, summary, per country) and the misses."""
    from rich.markup import escape

    from sitrep.eval.report import pct

    label = figures["split"]
    subs = _table(f"Sub-event types, {label}", ["sub-event type", "P", "R", "F1", "support"])
    for sub, s in figures["sub_event_type"]["per_label"].items():
        subs.add_row(
            escape(sub), pct(s["precision"]), pct(s["recall"]), pct(s["f1"]), str(s["support"])
        )
    summary = _table(f"Summary, {label}: {figures['items']} items", ["figure", "value"])
    rows = [
        ("sub-event weighted F1", pct(figures["sub_event_type"]["weighted_f1"])),
        ("sub-event macro F1", pct(figures["sub_event_type"]["macro_f1"])),
        ("event-type weighted F1", pct(figures["event_type"]["weighted_f1"])),
        ("first event's sub-type = gold", pct(figures["first_event_sub_type_accuracy"])),
        ("event items with an event", pct(figures["events_with_any_event"])),
        ("violent items with a violent event", pct(figures["violent_items_with_violent_event"])),
        ("non-events without a violent event", pct(figures["nonevents_without_violent_event"])),
        ("non-events without any event", pct(figures["nonevents_without_any_event"])),
        (f"actor1 exact (n={figures['actor1']['n']})", pct(figures["actor1"]["exact"])),
        ("actor1 case/punctuation folded", pct(figures["actor1"]["folded"])),
        ("actor1 folded, period dropped", pct(figures["actor1"]["folded_no_period"])),
        ("extraction errors", str(figures["errors"])),
    ]
    for name, value in rows:
        summary.add_row(name, value)
    types = _table(f"Event types, {label}", ["event type", "P", "R", "F1", "support"])
    for etype, s in figures["event_type"]["per_label"].items():
        types.add_row(
            escape(etype), pct(s["precision"]), pct(s["recall"]), pct(s["f1"]), str(s["support"])
        )
    countries = _table(
        f"By country with {MIN_COUNTRY_ITEMS}+ items (all in --json), {label}",
        ["country", "items", "micro F1", "events found", "non-events clean"],
    )
    for name, s in figures["by_country"].items():
        if s["items"] < MIN_COUNTRY_ITEMS:
            continue
        countries.add_row(
            escape(name),
            str(s["items"]),
            pct(s["micro_f1"]),
            pct(s["events_with_any_event"]),
            pct(s["nonevents_without_violent_event"]),
        )
    tables = [subs, types, summary, countries]
    if misses:
        worst_table = _table(
            f"The {len(misses)} worst misses", ["id", "misses", "text"], numeric=False
        )
        for r in misses:
            worst_table.add_row(escape(r.item.id), escape("; ".join(r.misses)), escape(r.item.text))
        tables.append(worst_table)
    return tables
