"""Map sitrep's events onto the categories human coders used (FA-KES), and actor aliases.

The tables are data: `fakes_mapping.yaml` (governorates, the 7 actor classes, the 6 causes of
death, the main-event rule) and `actor_aliases.yaml` (names an expected-events file may use).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from sitrep.errors import ConfigError
from sitrep.records import Event

__all__ = [
    "FakesMapping",
    "read_yaml",
    "load_fakes_mapping",
    "fold",
    "normalise_actor",
    "actor_key",
    "main_event",
    "killed",
    "MAIN_RULES",
]

_DATE_RANGE = re.compile(r"\s*\(\d{4}-(\d{4})?\)")


def fold(text: str) -> str:
    """Return `text` lower-cased, accents stripped, punctuation other than ( ) : - as spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("’", "'").replace("‘", "'")
    text = re.sub(r"[^a-z0-9():'\-]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _pattern(words: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(fold(w)) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![a-z0-9])(?:{alternatives})")


@dataclass(frozen=True)
class CauseRule:
    """One rule of the cause-of-death table (see fakes_mapping.yaml)."""

    cause: str
    weapons: frozenset[str]
    sub_event_types: frozenset[str]
    keywords: re.Pattern[str] | None


@dataclass(frozen=True)
class FakesMapping:
    """The FA-KES mapping tables, loaded from fakes_mapping.yaml."""

    violent_types: frozenset[str]
    main_rule: str
    governorates: dict[str, str]
    actor_classes: tuple[tuple[str, re.Pattern[str]], ...]
    unknown_actor: str
    causes: tuple[CauseRule, ...]
    unknown_cause: str

    def governorate(self, admin1: str | None) -> str:
        """Return the FA-KES `location` for a sitrep admin1, or "unknown".

        admin1 (str | None): the event's admin1 in any common spelling.
        RETURNS (str): one of FA-KES's governorate names, else "unknown".
        """
        if not admin1:
            return "unknown"
        key = fold(admin1).replace("-", " ").replace("'", "")
        return self.governorates.get(key, self.governorates.get(fold(admin1), key))

    def actor_class(self, event: Event | None) -> str:
        """Return the FA-KES actor class of an event's perpetrator.

        The perpetrator is actor1, else the first associated actor; "Civilians (...)" and
        "Unidentified ..." actors count as unknown. A named actor1 with no FA-KES class (Israel)
        gives unknown, not its associated actor's class.
        event (Event | None): the main event.
        RETURNS (str): one of the 7 FA-KES actor classes.
        """
        if event is None:
            return self.unknown_actor
        for name in (event.actor1, event.assoc_actor_1):
            if not name:
                continue
            named = False
            for part in name.split(";"):
                folded = fold(part)
                if not folded or folded.startswith(("civilians", "unidentified")):
                    continue
                named = True
                for label, pattern in self.actor_classes:
                    if pattern.search(folded):
                        return label
            if named:
                # A named perpetrator FA-KES has no class for (Israel): its ally does not
                # stand in for it.
                return self.unknown_actor
        return self.unknown_actor

    def cause(self, event: Event | None) -> str:
        """Return the FA-KES cause of death for an event.

        event (Event | None): the main event.
        RETURNS (str): one of the 6 FA-KES causes.
        """
        if event is None:
            return self.unknown_cause
        weapons = {fold(w) for w in event.weapons}
        evidence = " ".join(fold(e.text) for e in event.evidence)
        for rule in self.causes:
            if weapons & rule.weapons or event.sub_event_type in rule.sub_event_types:
                return rule.cause
            if rule.keywords is not None and rule.keywords.search(evidence):
                return rule.cause
        return self.unknown_cause


def read_yaml(name: str) -> Any:
    """Read a YAML file of this package (sitrep/eval/NAME)."""
    text = resources.files("sitrep.eval").joinpath(name).read_text("utf-8")
    return yaml.safe_load(text)


@lru_cache(maxsize=1)
def load_fakes_mapping() -> FakesMapping:
    """Load fakes_mapping.yaml once.

    RETURNS (FakesMapping): the tables.
    """
    data = read_yaml("fakes_mapping.yaml")
    governorates: dict[str, str] = {}
    for label, spellings in data["governorates"].items():
        for spelling in [label, *spellings]:
            governorates[fold(spelling).replace("-", " ").replace("'", "")] = label
    actor_classes = tuple(
        (entry["class"], _pattern(entry["patterns"])) for entry in data["actor_classes"]
    )
    causes = tuple(
        CauseRule(
            cause=entry["cause"],
            weapons=frozenset(fold(w) for w in entry.get("weapons", [])),
            sub_event_types=frozenset(entry.get("sub_event_types", [])),
            keywords=_pattern(entry["keywords"]) if entry.get("keywords") else None,
        )
        for entry in data["causes"]
    )
    return FakesMapping(
        violent_types=frozenset(data["main_event"]["violent_types"]),
        main_rule=str(data["main_event"].get("rule", "first_killed")),
        governorates=governorates,
        actor_classes=actor_classes,
        unknown_actor=data["unknown_actor"],
        causes=causes,
        unknown_cause=data["unknown_cause"],
    )


def killed(event: Event) -> int:
    """Return how many people an event killed: its victims summed, else its fatalities, else 0.

    Children and women are counted within civilians when civilians is given.
    """
    v = event.victims
    civilians = v.civilians if v.civilians is not None else (v.children or 0) + (v.women or 0)
    total = civilians + (v.combatants or 0)
    return total or event.fatalities or 0


MAIN_RULES = ("first_killed", "first_violent", "most_killed")


def main_event(
    events: list[Event], mapping: FakesMapping | None = None, rule: str | None = None
) -> Event | None:
    """Pick the event an article's single FA-KES record corresponds to.

    events (list[Event]): the article's events in text order.
    mapping (FakesMapping | None): the tables (loaded when None).
    rule (str | None): "first_killed" (the first violent event that killed someone, else the
        first violent event), "first_violent" or "most_killed" (first on ties); the mapping's
        `main_event.rule` when None. Without a violent event: the first event.
    RETURNS (Event | None): the main event, None when there is no event.
    """
    mapping = mapping or load_fakes_mapping()
    rule = rule or mapping.main_rule
    if rule not in MAIN_RULES:
        raise ConfigError(
            f"main_event rule {rule!r} is not one of {', '.join(MAIN_RULES)}", code="E203"
        )
    violent = [e for e in events if e.event_type in mapping.violent_types]
    if not violent:
        return events[0] if events else None
    if rule == "first_killed":
        return next((e for e in violent if killed(e) > 0), violent[0])
    if rule == "most_killed":
        best = violent[0]
        for event in violent[1:]:
            if killed(event) > killed(best):
                best = event
        return best
    return violent[0]


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    table: dict[str, str] = {}
    for canonical, names in read_yaml("actor_aliases.yaml").items():
        for name in [canonical, *names]:
            table[_bare(name)] = _bare(canonical)
    return table


def _bare(name: str) -> str:
    return fold(_DATE_RANGE.sub("", name))


def normalise_actor(name: str | None) -> str | None:
    """Return an actor name in comparable form: folded, "(2000-)" dropped, "XX: " prefix dropped.

    name (str | None): an ACLED or sitrep actor name.
    RETURNS (str | None): the comparable form, None for an empty name or "NA".
    """
    if not name or name.strip() in {"NA", ""}:
        return None
    bare = _bare(name)
    acronym = re.match(r"^[a-z0-9\-]{2,8}: (.+)$", bare)  # "hts: hayat tahrir al sham"
    return acronym.group(1) if acronym else bare


def actor_key(name: str | None) -> str | None:
    """Return the canonical key of an actor, through the alias table, for matching.

    name (str | None): an actor name as an expected file, ACLED or sitrep writes it.
    RETURNS (str | None): the canonical ACLED name, folded; None when empty.
    """
    bare = normalise_actor(name)
    if bare is None:
        return None
    table = _aliases()
    full = _bare(name or "")
    return table.get(full, table.get(bare, bare))
