"""Acceptance files: the events an analyst expects from one article, and how sitrep compares.

The format is documented in docs/evaluation.md; `aleppo-siege-broken.expected.yaml` is its first
instance. `load_expected` reads a file, `compare` pairs sitrep's events with the expected ones
(Hungarian assignment; an event pairs only with one of the same event type whose place fits) and
lists matched, missing and spurious events, each field that differs, and the claims.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from sitrep.errors import InputError
from sitrep.eval.mapping import actor_key, fold
from sitrep.eval.metrics import assign, haversine_km
from sitrep.records import Event, Extraction

__all__ = [
    "ExpectedEvent",
    "ExpectedClaim",
    "ExpectedFile",
    "load_expected",
    "compare",
    "same_speaker",
]

UNKNOWN = "unknown"


@dataclass
class ExpectedEvent:
    """One expected event (a list-valued `place` has already been expanded into several)."""

    id: str
    type: str
    sub_type: str | None = None
    date: date | None = None
    actor1: list[str] = field(default_factory=list)
    actor2: str | None = None
    place: str | None = None
    near: tuple[float, float] | None = None
    max_km: float = 10.0
    weapons: list[str] | None = None
    fatalities: int | str | None = None  # an int, "unknown" (must be None), or None (unchecked)
    sources: list[str] = field(default_factory=list)
    contested: bool | None = None
    optional: bool = False


@dataclass
class ExpectedClaim:
    """A claim an analyst expects: who, what, and which events it supports or contradicts."""

    by: str
    says: str = ""
    supports: list[str] = field(default_factory=list)
    contradicts: list[str] = field(default_factory=list)


@dataclass
class ExpectedFile:
    """A parsed expected-events file."""

    source: str | None
    published: date | None
    events: list[ExpectedEvent]
    optional: list[ExpectedEvent]
    claims: list[ExpectedClaim]
    not_events: list[str]


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _date(value: Any, where: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise InputError(f"{where}: date {value!r} is not YYYY-MM-DD", code="E103") from exc


def _events(entries: Any, optional: bool, path: Path) -> list[ExpectedEvent]:
    events: list[ExpectedEvent] = []
    for entry in _list(entries):
        if not isinstance(entry, dict) or "id" not in entry or "type" not in entry:
            raise InputError(f"{path}: every event needs at least `id` and `type`", code="E103")
        near = entry.get("near")
        places = _list(entry.get("place")) or [None]
        for place in places:
            events.append(
                ExpectedEvent(
                    id=entry["id"] if len(places) == 1 else f"{entry['id']}[{place}]",
                    type=entry["type"],
                    sub_type=entry.get("sub_type"),
                    date=_date(entry.get("date"), f"{path} {entry['id']}"),
                    actor1=[str(a) for a in _list(entry.get("actor1"))],
                    actor2=entry.get("actor2"),
                    place=place,
                    near=(float(near[0]), float(near[1])) if near else None,
                    max_km=float(entry.get("max_km", 10.0)),
                    weapons=[str(w) for w in entry["weapons"]] if "weapons" in entry else None,
                    fatalities=entry.get("fatalities"),
                    sources=[str(s) for s in _list(entry.get("sources"))],
                    contested=entry.get("contested"),
                    optional=optional,
                )
            )
    return events


def load_expected(path: Path) -> ExpectedFile:
    """Read an expected-events YAML file.

    path (Path): the file.
    RETURNS (ExpectedFile): its document metadata, events (places expanded), optional events,
        claims and not-events.
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"Cannot read {path}: {exc.strerror}", code="E101") from exc
    except yaml.YAMLError as exc:
        raise InputError(f"{path} is not valid YAML: {exc}", code="E103") from exc
    if not isinstance(data, dict) or "events" not in data:
        raise InputError(f"{path}: an expected-events file needs an `events` list", code="E103")
    document = data.get("document") or {}
    claims = [
        ExpectedClaim(
            by=str(c["by"]),
            says=str(c.get("says", "")),
            supports=[str(x) for x in _list(c.get("supports"))],
            contradicts=[str(x) for x in _list(c.get("contradicts"))],
        )
        for c in _list(data.get("claims"))
    ]
    return ExpectedFile(
        source=document.get("source"),
        published=_date(document.get("published"), str(path)),
        events=_events(data["events"], False, path),
        optional=_events(data.get("optional"), True, path),
        claims=claims,
        not_events=[str(x) for x in _list(data.get("not_events"))],
    )


_STOP = {"the", "of", "for", "and", "a", "an", "on", "in", "news", "page", "channels", "s"}


def _tokens(text: str) -> set[str]:
    return {t.rstrip("s") for t in re.findall(r"[a-z0-9]+", fold(text))} - _STOP - {""}


def same_speaker(expected: str, found: str) -> bool:
    """Return whether a claim's `by` names the expected speaker.

    The expected name is split at commas and parentheses ("Rami Abdel Rahman, Syrian Observatory
    for Human Rights" gives two names); one part matches when all its words (plural "s" and
    function words ignored) are among the found name's words, or the reverse.
    """
    got = _tokens(found)
    if not got:
        return False
    for part in re.split(r"[,()]", expected):
        want = _tokens(part)
        if want and (want <= got or got <= want):
            return True
    return False


def _place_name(place: str) -> str:
    name = fold(place.split(",")[0])
    return re.sub(r"^(al|el|ar|as|ad|ash|at|az)[ \-]", "", name)


def _name_fits(exp: ExpectedEvent, event: Event) -> bool:
    if not exp.place or not event.location:
        return False
    want, got = _place_name(exp.place), _place_name(event.location)
    return bool(want) and (want == got or want in got or got in want)


def _distance(exp: ExpectedEvent, event: Event) -> float | None:
    if exp.near is None or event.latitude is None or event.longitude is None:
        return None
    return haversine_km(exp.near[0], exp.near[1], event.latitude, event.longitude)


def _pair_score(exp: ExpectedEvent, event: Event) -> float | None:
    if exp.type != event.event_type:
        return None
    d = _distance(exp, event)
    name = _name_fits(exp, event)
    if d is not None and d > exp.max_km and not name:
        return None
    if d is None and not name and exp.near is not None:
        return None
    score = 1.0 + 2 * name + (1 - d / exp.max_km if d is not None and d <= exp.max_km else 0)
    score += 2 * (exp.sub_type == event.sub_event_type) + (exp.date == event.event_date)
    score += _actor1_fits(exp, event)
    return score


def _actors(event: Event) -> set[str | None]:
    names = [event.actor1, *((event.assoc_actor_1 or "").split(";"))]
    return {actor_key(n.strip()) for n in names if n and n.strip()}


def _actor1_fits(exp: ExpectedEvent, event: Event) -> bool:
    if len(exp.actor1) == 1:
        return actor_key(exp.actor1[0]) == actor_key(event.actor1)
    return {actor_key(a) for a in exp.actor1} == _actors(event)


def field_differences(exp: ExpectedEvent, event: Event) -> dict[str, dict[str, Any]]:
    """Return each checked field where the event differs from the expected one.

    RETURNS (dict): {field: {"expected": ..., "found": ...}}; empty when everything fits.
    """
    diffs: dict[str, dict[str, Any]] = {}

    def differ(name: str, expected: Any, found: Any) -> None:
        diffs[name] = {"expected": expected, "found": found}

    if exp.date is not None and exp.date != event.event_date:
        differ("date", str(exp.date), str(event.event_date) if event.event_date else None)
    if exp.sub_type and exp.sub_type != event.sub_event_type:
        differ("sub_type", exp.sub_type, event.sub_event_type)
    if exp.actor1 and not _actor1_fits(exp, event):
        found = [event.actor1, *(event.assoc_actor_1 or "").split(";")]
        differ("actor1", exp.actor1, [f.strip() for f in found if f and f.strip()])
    if exp.actor2 and actor_key(exp.actor2) != actor_key(event.actor2):
        differ("actor2", exp.actor2, event.actor2)
    d = _distance(exp, event)
    if exp.place and not _name_fits(exp, event) and (d is None or d > exp.max_km):
        differ("place", exp.place, event.location)
    if d is not None and d > exp.max_km:
        differ("distance_km", f"<= {exp.max_km:g}", round(d, 1))
    if exp.weapons is not None:
        want = {fold(w) for w in exp.weapons}
        got = {fold(w) for w in event.weapons}
        if want != got:
            differ("weapons", sorted(want), sorted(got))
    if exp.fatalities == UNKNOWN and event.fatalities is not None:
        differ("fatalities", UNKNOWN, event.fatalities)
    elif isinstance(exp.fatalities, int) and exp.fatalities != event.fatalities:
        differ("fatalities", exp.fatalities, event.fatalities)
    missing = [s for s in exp.sources if not any(same_speaker(s, c.by) for c in event.claims)]
    if missing:
        differ("sources", missing, sorted({c.by for c in event.claims}))
    if exp.contested is not None and exp.contested != event.contested:
        differ("contested", exp.contested, event.contested)
    return diffs


def _summary(event: Event) -> dict[str, Any]:
    return {
        "event_id": event.event_id,
        "date": str(event.event_date) if event.event_date else None,
        "type": event.event_type,
        "sub_type": event.sub_event_type,
        "actor1": event.actor1,
        "actor2": event.actor2,
        "location": event.location,
        "evidence": event.evidence[0].text if event.evidence else None,
    }


def _pairs(exps: list[ExpectedEvent], events: list[Event]) -> list[tuple[int, int]]:
    if not exps or not events:
        return []
    return assign([[_pair_score(x, e) for e in events] for x in exps])


def compare(expected: ExpectedFile, extraction: Extraction) -> dict[str, Any]:
    """Compare an extraction with an expected-events file.

    Required events are paired first; the events left over are then paired with optional ones,
    which are neither required nor spurious.
    expected (ExpectedFile): the acceptance file.
    extraction (Extraction): sitrep's output for the article.
    RETURNS (dict): "matched" [{expected, found, differences}], "missing" [ids],
        "spurious" [event summaries], "optional_matched" [ids], "claims" [{by, target, status}],
        and "summary" counts with "passed" (nothing missing, spurious or different).
    """
    events = extraction.events
    matched: list[dict[str, Any]] = []
    by_id: dict[str, list[Event]] = {}
    used: set[int] = set()
    pairs = _pairs(expected.events, events)
    for i, j in pairs:
        exp, event = expected.events[i], events[j]
        used.add(j)
        by_id.setdefault(exp.id.split("[")[0], []).append(event)
        matched.append(
            {
                "expected": exp.id,
                "found": _summary(event),
                "differences": field_differences(exp, event),
            }
        )
    missing = [
        expected.events[i].id for i in range(len(expected.events)) if i not in {p[0] for p in pairs}
    ]
    rest = [j for j in range(len(events)) if j not in used]
    optional_matched: list[str] = []
    for i, k in _pairs(expected.optional, [events[j] for j in rest]):
        optional_matched.append(expected.optional[i].id)
        by_id.setdefault(expected.optional[i].id, []).append(events[rest[k]])
        used.add(rest[k])
    spurious = [_summary(events[j]) for j in range(len(events)) if j not in used]
    claims = [_check_claim(c, by_id, extraction) for c in expected.claims]
    differing = sum(bool(m["differences"]) for m in matched)
    claims_ok = sum(c["status"] == "ok" for c in claims)
    summary = {
        "expected": len(expected.events),
        "predicted": len(events),
        "matched": len(matched),
        "matched_exactly": len(matched) - differing,
        "missing": len(missing),
        "spurious": len(spurious),
        "optional_matched": len(optional_matched),
        "claims_ok": claims_ok,
        "claims": len(claims),
    }
    summary["passed"] = not missing and not spurious and not differing and claims_ok == len(claims)
    return {
        "summary": summary,
        "matched": matched,
        "missing": missing,
        "spurious": spurious,
        "optional_matched": optional_matched,
        "claims": claims,
    }


def _check_claim(
    claim: ExpectedClaim, by_id: dict[str, list[Event]], extraction: Extraction
) -> dict[str, Any]:
    results = []
    targets = [(t, "supports") for t in claim.supports]
    targets += [(t, "contradicts") for t in claim.contradicts]
    for target, stance in targets:
        found = [c for e in by_id.get(target, []) for c in e.claims if same_speaker(claim.by, c.by)]
        if not by_id.get(target):
            anywhere = any(same_speaker(claim.by, c.by) for c in extraction.claims)
            status = "event missing" + (" (claim found)" if anywhere else "")
        elif not found:
            status = "not found"
        elif any(c.stance == stance for c in found):
            status = "ok"
        else:
            status = f"stance {found[0].stance}, expected {stance}"
        results.append(status)
    overall = "ok" if results and all(r == "ok" for r in results) else "; ".join(results)
    return {**asdict(claim), "status": overall or "no target"}


def check_expected(
    expected_path: Path,
    article_path: Path,
    *,
    published: date | None = None,
    source: str | None = None,
) -> dict[str, Any]:
    """Run the extractor on an article and compare its events with an expected-events file.

    expected_path (Path): the YAML file.
    article_path (Path): the article's plain text.
    published (date | None): publication date; the file's `document.published` when None.
    source (str | None): outlet; the file's `document.source` when None.
    RETURNS (dict): the report of `compare`, plus "document" metadata used.
    """
    from sitrep.extract import extract_document  # type: ignore[attr-defined,unused-ignore]
    from sitrep.records import Document

    expected = load_expected(expected_path)
    try:
        text = article_path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"Cannot read {article_path}: {exc.strerror}", code="E101") from exc
    document = Document.from_text(
        text,
        ref=str(article_path),
        outlet=source or expected.source,
        published=published or expected.published,
    )
    report = compare(expected, extract_document(document))
    report["document"] = {
        "ref": document.ref,
        "outlet": document.outlet,
        "published": str(document.published) if document.published else None,
    }
    return report
