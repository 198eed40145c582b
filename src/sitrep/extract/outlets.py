"""The outlet table: news outlets, monitors and organisations, with their type and alignment.

The table is data: `lexicons/outlets.yaml` (how to extend it: docs/lexicons.md). FA-KES's
outlet codes ("manar", "dailysabah") are aliases, so a Document.outlet in either form resolves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, get_args

from sitrep.errors import ConfigError
from sitrep.extract.aliases import AliasIndex, longest_matches
from sitrep.extract.lexicon import read_lexicon
from sitrep.extract.mentions import Mention
from sitrep.records import SourceType

__all__ = ["OutletInfo", "lookup_outlet", "find_outlets", "ALIGNMENTS", "SOURCE_TYPES"]

SOURCE_TYPES: tuple[str, ...] = get_args(SourceType)
ALIGNMENTS: tuple[str, ...] = (
    "pro-government",
    "pro-opposition",
    "pro-kurdish",
    "pro-turkish",
    "jihadist",
    "coalition",
    "neutral",
)
_LEADING_DET = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class OutletInfo:
    """One source of the table.

    name (str): canonical name ("Syrian Observatory for Human Rights").
    type (str): a Claim.by_type value ("monitor", "state media", ...).
    alignment (str | None): one of ALIGNMENTS.
    aliases (tuple[str, ...]): other spellings, FA-KES codes included.
    """

    name: str
    type: str
    alignment: str | None
    aliases: tuple[str, ...] = ()


@dataclass
class OutletTable:
    """The compiled outlet table."""

    entries: tuple[OutletInfo, ...]
    index: AliasIndex
    by_name: dict[str, OutletInfo]


def build_outlet_table(data: dict[str, Any]) -> OutletTable:
    """Compile a parsed outlets.yaml.

    data (dict): the YAML document (key outlets).
    RETURNS (OutletTable): entries, alias index and name index.
    """
    entries: list[OutletInfo] = []
    index = AliasIndex()
    for number, raw in enumerate(data.get("outlets") or []):
        try:
            info = OutletInfo(
                name=str(raw["name"]),
                type=str(raw["type"]),
                alignment=raw.get("alignment"),
                aliases=tuple(str(a) for a in raw.get("aliases") or []),
            )
        except (KeyError, TypeError) as exc:
            raise ConfigError(f"outlets.yaml: bad entry {raw!r}: {exc}") from exc
        if info.type not in SOURCE_TYPES:
            raise ConfigError(f"outlets.yaml: {info.name!r} has unknown type {info.type!r}")
        if info.alignment is not None and info.alignment not in ALIGNMENTS:
            raise ConfigError(f"outlets.yaml: {info.name!r}: unknown alignment {info.alignment!r}")
        entries.append(info)
        for alias in (info.name, *info.aliases):
            index.add(alias, number)
    index.compile()
    by_name: dict[str, OutletInfo] = {}
    for info in entries:
        for alias in (info.name, *info.aliases):
            by_name.setdefault(alias.lower(), info)
    return OutletTable(tuple(entries), index, by_name)


@lru_cache(maxsize=1)
def load_outlet_table() -> OutletTable:
    """Load and compile the packaged `lexicons/outlets.yaml` (once per process).

    RETURNS (OutletTable): the compiled table.
    """
    return build_outlet_table(read_lexicon("outlets.yaml"))


def lookup_outlet(name: str) -> OutletInfo | None:
    """Return the outlet a name (or alias, or FA-KES code) stands for, or None.

    The whole name must be the outlet's: "the Observatory" and "sana" resolve; "Orient News
    correspondent" does not (use `find_outlets` to find an outlet inside a phrase).

    name (str): e.g. "al-Mayadeen", "SOHR", "dailysabah".
    RETURNS (OutletInfo | None): its canonical name, type and alignment.
    """
    table = load_outlet_table()
    clean = " ".join(name.split())
    found = table.by_name.get(clean.lower())
    if found is not None:
        return found
    for candidate in (clean, _LEADING_DET.sub("", clean)):
        for match in table.index.matches(candidate):
            if match.start == 0 and match.end == len(candidate):
                return table.entries[match.entry]
    return None


def find_outlets(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Find outlet names in text[start:end].

    text (str): the text.
    start, end (int): the span to search.
    RETURNS (list[Mention]): value = canonical name, kind = source type, attrs["alignment"].
    """
    table = load_outlet_table()
    mentions = []
    for match in longest_matches(table.index.matches(text, start, end)):
        info = table.entries[match.entry]
        attrs = {"alignment": info.alignment} if info.alignment else {}
        mentions.append(
            Mention(
                text=text[match.start : match.end],
                start=match.start,
                end=match.end,
                value=info.name,
                kind=info.type,
                attrs=attrs,
            )
        )
    return mentions
