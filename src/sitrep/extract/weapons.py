"""Find the weapons and delivery platforms a text names, under canonical names.

The table is data: `lexicons/weapons.yaml` (how to extend it: docs/lexicons.md). Each mention
carries what the weapon implies: the ACLED sub-event type it points to, FA-KES's cause of
death, and, for barrel bombs and helicopters, the actor who alone used them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sitrep.errors import ConfigError
from sitrep.extract.aliases import AliasIndex, cached_text, longest_matches
from sitrep.extract.lexicon import read_lexicon
from sitrep.extract.mentions import Mention
from sitrep.records import SUB_EVENT_TYPES

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["find_weapons", "actor_for_weapon", "lookup_weapon", "WeaponInfo", "CAUSES"]

CAUSES: tuple[str, ...] = (
    "shelling",
    "explosion",
    "chemical and toxic gases",
    "shooting",
    "execution",
    "unknown",
)
_ALL_SUB_EVENTS = {sub for subs in SUB_EVENT_TYPES.values() for sub in subs}


@dataclass(frozen=True)
class WeaponInfo:
    """One weapon (or platform) of the table.

    name (str): canonical name ("white phosphorus", "barrel bombs", "helicopters").
    kind (str): class ("chemical", "incendiary", ..., "platform").
    sub_event_hint (str | None): the ACLED sub-event type it points to on its own.
    cause (str): FA-KES cause of death.
    implies_actor (str | None): ACLED actor implied by its use.
    """

    name: str
    kind: str
    cause: str
    sub_event_hint: str | None = None
    implies_actor: str | None = None

    def attrs(self) -> dict[str, str]:
        """The Mention attrs for this weapon (only the fields that are set)."""
        out = {"cause": self.cause}
        if self.sub_event_hint:
            out["sub_event_hint"] = self.sub_event_hint
        if self.implies_actor:
            out["implies_actor"] = self.implies_actor
        return out


@dataclass
class WeaponTable:
    """The compiled weapon table."""

    entries: tuple[WeaponInfo, ...]
    index: AliasIndex
    by_name: dict[str, WeaponInfo]
    reference_before: re.Pattern[str] | None = None
    reference_after: re.Pattern[str] | None = None


def _entry(raw: dict[str, Any]) -> WeaponInfo:
    info = WeaponInfo(
        name=str(raw["name"]),
        kind=str(raw["kind"]),
        cause=str(raw.get("cause", "unknown")),
        sub_event_hint=raw.get("sub_event_hint"),
        implies_actor=raw.get("implies_actor"),
    )
    if info.cause not in CAUSES:
        raise ConfigError(f"weapons.yaml: {info.name!r} has unknown cause {info.cause!r}")
    if info.sub_event_hint and info.sub_event_hint not in _ALL_SUB_EVENTS:
        raise ConfigError(f"weapons.yaml: {info.name!r}: no sub-event {info.sub_event_hint!r}")
    return info


def build_weapon_table(data: dict[str, Any]) -> WeaponTable:
    """Compile a parsed weapons.yaml.

    data (dict): the YAML document (keys macros, weapons).
    RETURNS (WeaponTable): entries, alias index and name index.
    """
    macros: dict[str, list[str]] = {k: list(v) for k, v in (data.get("macros") or {}).items()}
    entries: list[WeaponInfo] = []
    index = AliasIndex()
    for number, raw in enumerate(data.get("weapons") or []):
        try:
            entries.append(_entry(raw))
            for alias in raw.get("aliases") or []:
                index.add(str(alias), number, macros)
        except (KeyError, TypeError, ValueError, re.error) as exc:
            raise ConfigError(f"weapons.yaml: bad entry {raw!r}: {exc}") from exc
    index.compile()
    by_name: dict[str, WeaponInfo] = {}
    for entry in entries:
        by_name.setdefault(entry.name.lower(), entry)
    refs = data.get("references") or {}
    try:
        before = re.compile(f"(?:{refs['before']})$", re.I) if refs.get("before") else None
        after = re.compile(f"(?:{refs['after']})", re.I) if refs.get("after") else None
    except re.error as exc:
        raise ConfigError(f"weapons.yaml: bad references pattern: {exc}") from exc
    return WeaponTable(tuple(entries), index, by_name, before, after)


def _is_reference(table: WeaponTable, text: str, start: int, end: int) -> bool:
    """Whether a weapon named at text[start:end] refers to another attack or to the weapon
    as such ("hours after a chemical attack", "chemical weapons program"), not to the
    sentence's own event."""
    if table.reference_before and table.reference_before.search(text[max(0, start - 40) : start]):
        return True
    return bool(table.reference_after and table.reference_after.match(text, end, end + 30))


@lru_cache(maxsize=1)
def load_weapon_table() -> WeaponTable:
    """Load and compile the packaged `lexicons/weapons.yaml` (once per process).

    RETURNS (WeaponTable): the compiled table.
    """
    return build_weapon_table(read_lexicon("weapons.yaml"))


def find_weapons_in_text(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """`find_weapons` on a plain string (same arguments and result)."""
    table = load_weapon_table()
    mentions: list[Mention] = []
    for match in longest_matches(table.index.matches(text, start, end)):
        if _is_reference(table, text, match.start, match.end):
            continue
        info = table.entries[match.entry]
        mentions.append(
            Mention(
                text=text[match.start : match.end],
                start=match.start,
                end=match.end,
                value=info.name,
                kind=info.kind,
                attrs=info.attrs(),
            )
        )
    return mentions


def find_weapons(doc: Doc, start: int = 0, end: int | None = None) -> list[Mention]:
    """Find weapons and platforms named in `doc.text[start:end]`.

    doc (Doc): the parsed document (only its text is read).
    start (int): first character of the span to search.
    end (int | None): end of the span; None for the end of the document.
    RETURNS (list[Mention]): in text order; value = canonical weapon name, kind = its class
        ("platform" for aircraft and drones); attrs: "cause" (FA-KES), and where set
        "sub_event_hint" (ACLED sub-event type) and "implies_actor" (ACLED actor name).
    """
    return find_weapons_in_text(cached_text(doc), start, end)


def lookup_weapon(name: str) -> WeaponInfo | None:
    """Return the table entry for a canonical weapon name, or None.

    name (str): e.g. "barrel bombs".
    RETURNS (WeaponInfo | None): its kind, cause, sub-event hint and implied actor.
    """
    return load_weapon_table().by_name.get(name.strip().lower())


def actor_for_weapon(weapon_or_platform: str) -> str | None:
    """Return the ACLED actor a weapon's use implies, if the table says one.

    weapon_or_platform (str): a canonical name ("barrel bombs") or any alias as written
        ("regime helicopters", "barrel bomb").
    RETURNS (str | None): e.g. "Military Forces of Syria (2000-)"; None when the weapon does not
        tell who used it.
    """
    info = lookup_weapon(weapon_or_platform)
    if info is None:
        found = find_weapons_in_text(weapon_or_platform)
        info = lookup_weapon(found[0].value) if found else None
    return info.implies_actor if info else None
