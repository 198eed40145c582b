"""Find the armed actors, civilians and other parties a text names, as ACLED actor names.

The alias table is data: `lexicons/actors.yaml` (how to extend it: docs/lexicons.md). Matching
is by regular expressions built from the aliases (rules in `sitrep.extract.aliases`), the
longest match winning where aliases overlap, so "Free Syrian Army" is not read as "Syrian army".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sitrep.errors import ConfigError
from sitrep.extract.aliases import (
    AliasIndex,
    AliasMatch,
    cached_text,
    coordination_regex,
    first_words,
    longest_matches,
)
from sitrep.extract.countries import (
    country_actor_entries,
    country_of_force,
    demonym_country,
    detect_country,
    load_countries,
    state_actor_name,
    text_date,
    unidentified_actor,
)
from sitrep.extract.lexicon import read_lexicon
from sitrep.extract.mentions import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from sitrep.records import Event

__all__ = [
    "find_actors",
    "find_actors_in_text",
    "lookup_actor",
    "ActorInfo",
    "ACTOR_KINDS",
    "load_actor_lexicon",
    "detect_country",
    "fill_unidentified_opponents",
    "unnamed_perpetrator",
    "unnamed_sides",
    "state_first",
    "security_forces_as_police",
]

ACTOR_KINDS: tuple[str, ...] = (
    "syrian_government_or_russia",
    "isis",
    "coalition",
    "opposition",
    "kurdish_sdf",
    "nusra",
    "unknown",
    "civilians",
    "other",
)
_NOT_ACTOR = -1
_FORMER = re.compile(
    r"(?i:formerly|previously|once known as|ex-|renamed from|formerly known as)"
    r"\s+(?:the\s+)?(?:[\w'’\-]+\s+){0,2}$"
)
_DATE_RANGE = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)")
_ABBREVIATION = re.compile(r"\s*[(\[]\s*")
_JOIN_GENERIC = re.compile(r"[\s\-‐]*(?:['’]s\s+)?$")


@dataclass(frozen=True)
class Period:
    """An ACLED name valid for documents published in [start, until)."""

    name: str
    start: date | None = None
    until: date | None = None


@dataclass(frozen=True)
class ActorInfo:
    """One actor of the lexicon.

    name (str): ACLED's name (the current one, for renamed actors).
    inter (int): ACLED inter code.
    kind (str): one of ACTOR_KINDS.
    display (str | None): the everyday name ("Syrian rebels").
    generic (bool): a vague label that joins a named actor right before it.
    cue (str | None): "target" for words that show who was hit rather than who hit.
    periods (tuple[Period, ...]): ACLED names by date, for renamed actors.
    only_in (tuple[str, ...]): the countries its aliases count in (empty: everywhere);
        "herders" are the Fulani militia only where ACLED names them so.
    by_country (tuple[tuple[str, tuple[Period, ...]], ...]): ACLED's name for the actor in
        a country, by date ("Islamic State" in Niger is "Islamic State (Sahel)").
    """

    name: str
    inter: int
    kind: str
    display: str | None = None
    generic: bool = False
    cue: str | None = None
    periods: tuple[Period, ...] = ()
    only_in: tuple[str, ...] = ()
    by_country: tuple[tuple[str, tuple[Period, ...]], ...] = ()

    def name_on(self, when: date | None, country: str | None = None) -> str:
        """Return ACLED's name for this actor on `when` in `country` (its `name` if undated,
        without periods, and with no name of its own in that country)."""
        periods = dict(self.by_country).get(country or "", self.periods)
        default = periods[-1].name if periods is not self.periods else self.name
        if when is None:
            return default
        for period in periods:
            if (period.start is None or when >= period.start) and (
                period.until is None or when < period.until
            ):
                return period.name
        return default


@dataclass(frozen=True)
class _Key:
    """What an alias hit means: the entry (or _NOT_ACTOR) and attrs the alias adds."""

    entry: int
    attrs: tuple[tuple[str, str], ...] = ()


@dataclass
class ActorLexicon:
    """The compiled actor table: entries, the alias index, and a name index."""

    entries: tuple[ActorInfo, ...]
    keys: list[_Key]
    index: AliasIndex
    by_name: dict[str, ActorInfo] = field(default_factory=dict)


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _periods(raw: Any) -> tuple[Period, ...]:
    """Dated names: a list of {name, from, until}, or one name for all dates."""
    if isinstance(raw, str):
        return (Period(raw),)
    return tuple(
        Period(str(p["name"]), _as_date(p.get("from")), _as_date(p.get("until"))) for p in raw or []
    )


def _entry(raw: dict[str, Any]) -> ActorInfo:
    kind = str(raw["kind"])
    if kind not in ACTOR_KINDS:
        raise ConfigError(f"actors.yaml: {raw['name']!r} has unknown kind {kind!r}")
    periods = _periods(raw.get("periods"))
    return ActorInfo(
        name=str(raw["name"]),
        inter=int(raw["inter"]),
        kind=kind,
        display=raw.get("display"),
        generic=bool(raw.get("generic", False)),
        cue=raw.get("cue"),
        periods=periods,
        only_in=tuple(str(c) for c in raw.get("only_in") or []),
        by_country=tuple((str(c), _periods(v)) for c, v in (raw.get("by_country") or {}).items()),
    )


def _name_aliases(name: str) -> list[str]:
    """The ACLED name as its own alias, without its date range, and split at "CODE: Name"."""
    out = [name]
    bare = _DATE_RANGE.sub("", name).strip()
    if bare != name:
        out.append(bare)
    code, sep, rest = bare.partition(": ")
    if sep:
        out.append(rest)
        if code.isupper():
            out.append(code)
    return out


def _expand_heads(heads: str | list[str], macros: dict[str, list[str]]) -> list[str]:
    """Head words of a `coordinate` block: a macro name, or words and "{macro}"s."""
    if isinstance(heads, str):
        return list(macros[heads])
    words: list[str] = []
    for item in heads:
        if item.startswith("{") and item.endswith("}"):
            words.extend(macros[item[1:-1]])
        else:
            words.append(item)
    return words


def build_actor_lexicon(data: dict[str, Any]) -> ActorLexicon:
    """Compile a parsed actors.yaml.

    data (dict): the YAML document (keys macros, actors, not_actors).
    RETURNS (ActorLexicon): entries and the compiled alias index.
    """
    macros: dict[str, list[str]] = {k: list(v) for k, v in (data.get("macros") or {}).items()}
    entries: list[ActorInfo] = []
    keys: list[_Key] = []
    index = AliasIndex()
    for number, raw in enumerate(data.get("actors") or []):
        try:
            entries.append(_entry(raw))
            keys.append(_Key(number))
            plain_key = len(keys) - 1
            # a word that names an actor only in some countries wins over its everyday
            # reading ("insurgents" in Mozambique)
            rank = 1 if raw.get("only_in") else 0
            for alias in raw.get("aliases") or []:
                if isinstance(alias, dict):
                    attrs = tuple(sorted((str(k), str(v)) for k, v in alias["attrs"].items()))
                    keys.append(_Key(number, attrs))
                    index.add(str(alias["alias"]), len(keys) - 1, macros, rank)
                else:
                    index.add(str(alias), plain_key, macros, rank)
            for alias in _name_aliases(str(raw["name"])):
                index.add(alias, plain_key, macros)
            coord = raw.get("coordinate")
            if coord:
                head_words = _expand_heads(coord["heads"], macros)
                keys.append(_Key(number, (("coordinated", "true"),)))
                for prefix in coord["prefixes"]:
                    source = coordination_regex(prefix, head_words)
                    index.add_regex(source, first_words(prefix), len(keys) - 1, -1)
        except (KeyError, TypeError, ValueError, re.error) as exc:
            raise ConfigError(f"actors.yaml: bad entry {raw!r}: {exc}") from exc
    keys.append(_Key(_NOT_ACTOR))
    for alias in data.get("not_actors") or []:
        index.add(str(alias), len(keys) - 1, macros, 1)
    index.compile()
    by_name: dict[str, ActorInfo] = {}
    for entry in entries:
        by_name.setdefault(entry.name.lower(), entry)
        for period in entry.periods + tuple(p for _, ps in entry.by_country for p in ps):
            by_name.setdefault(period.name.lower(), entry)
    return ActorLexicon(tuple(entries), keys, index, by_name)


@lru_cache(maxsize=1)
def load_actor_lexicon() -> ActorLexicon:
    """Load and compile the packaged `lexicons/actors.yaml` (once per process).

    RETURNS (ActorLexicon): the compiled table.
    """
    data = read_lexicon("actors.yaml")
    known = {_DATE_RANGE.sub("", str(a["name"])).lower() for a in data.get("actors") or []}
    macros, entries = country_actor_entries(known)
    data["macros"].update(macros)
    data["actors"].extend(entries)
    return build_actor_lexicon(data)


def _in_country(name: str, country: str | None) -> str:
    if country and country != "Syria" and name.endswith(" (Syria)"):
        return f"{name[: -len(' (Syria)')]} ({country})"
    return name


_LOCAL_FORCES = {
    "military": ("Military", ""),
    "police": ("Police", ""),
    "gendarmerie": ("Military", " Gendarmerie"),
    "military_police": ("Military", ""),
    "federal_police": ("Police", ""),
    "civil_police": ("Police", ""),
}


def _localise(
    info: ActorInfo, attrs: dict[str, str], country: str | None, when: date | None, surface: str
) -> tuple[str, int]:
    """ACLED name and inter code of a hit in a document about `country`.

    An alias marked `local` ("the army", "police") names the forces of the document's country;
    "(Syria)" generic names take the country; a state's forces are inter 1 at home and 8
    abroad (ACLED's external forces).
    """
    local = attrs.get("local")
    if local in ("demonym_military", "demonym_police"):
        named = demonym_country(surface) or country or "Syria"
        force = "Military" if local == "demonym_military" else "Police"
        return state_actor_name(named, force, when), 1 if named == country or not country else 8
    if local == "coalition" and country:
        known = load_countries().get(country)
        if known is not None and known.coalition:
            return known.coalition, 8
    if local in _LOCAL_FORCES and country and country != "Syria":
        force, suffix = _LOCAL_FORCES[local]
        known = load_countries().get(country)
        unit = dict(known.units).get(local) if known is not None else None
        if unit:
            suffix = f" {unit}"
        return state_actor_name(country, force, when) + suffix, 1
    name = _in_country(info.name_on(when, country), country)
    inter = info.inter
    home = country_of_force(name)
    if home is not None and country is not None:
        inter = 1 if home == country else (8 if inter == 1 else inter)
    return name, inter


def lookup_actor(name: str) -> ActorInfo | None:
    """Return the lexicon entry for an ACLED actor name (any of its dated names), or None.

    name (str): e.g. "Military Forces of Syria (2000-)".
    RETURNS (ActorInfo | None): inter code, kind and display name.
    """
    return load_actor_lexicon().by_name.get(name.strip().lower())


def find_actors(
    doc: Doc,
    start: int = 0,
    end: int | None = None,
    *,
    when: date | None = None,
    country: str | None = None,
) -> list[Mention]:
    """Find the actors named in `doc.text[start:end]`.

    doc (Doc): the parsed document (only its text is read).
    start (int): first character of the span to search.
    end (int | None): end of the span; None for the end of the document.
    when (date | None): publication date, to give renamed groups the name of the day
        ("Nusra" in 2018 is "HTS: Hayat Tahrir al Sham"); None keeps the alias's own name.
    country (str | None): the country of the events, for ACLED's country-suffixed generic
        actors ("Civilians (Iraq)") and its forces ("the army": "Military Forces of Iraq (...)");
        None: the country `detect_country` finds in the whole text (none found: Syria's names).
    RETURNS (list[Mention]): in text order; value = ACLED name, inter = ACLED inter code,
        kind = one of ACTOR_KINDS; attrs may hold "display", "coalition", "cue" ("target"),
        "coordinated" ("true": a modifier shared by a coordinated head), "former" ("true":
        "formerly the Nusra Front"), "label" (a generic word joined to the actor).
    """
    text = cached_text(doc)
    if country is None:
        country = detect_country(text)
    return find_actors_in_text(text, start, end, when=when, country=country)


def _counting(
    lexicon: ActorLexicon, text: str, start: int, end: int, country: str | None
) -> list[AliasMatch]:
    """The alias hits in text[start:end] that count in `country` (an entry's `only_in`)."""
    hits = lexicon.index.matches(text, start, end)
    out = []
    for hit in hits:
        entry = lexicon.keys[hit.entry].entry
        if entry == _NOT_ACTOR:
            out.append(hit)
            continue
        only = lexicon.entries[entry].only_in
        if not only or country in only:
            out.append(hit)
    return out


def find_actors_in_text(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    when: date | None = None,
    country: str | None = None,
) -> list[Mention]:
    """`find_actors` on a plain string (same arguments and result; `country` None is Syria's
    names, with no detection: the string may be a snippet)."""
    lexicon = load_actor_lexicon()
    end = len(text) if end is None else end
    dated = when
    if dated is None and country is not None and country != "Syria":
        dated = text_date(text)  # an undated report states its events' date: "On 9 May 2020"
    mentions: list[Mention] = []
    for match in longest_matches(_counting(lexicon, text, start, end, country)):
        key = lexicon.keys[match.entry]
        if key.entry == _NOT_ACTOR:
            continue
        info = lexicon.entries[key.entry]
        attrs = dict(key.attrs)
        if info.display:
            attrs.setdefault("display", info.display)
        if info.cue:
            attrs["cue"] = info.cue
        if _FORMER.search(text, max(0, match.start - 40), match.start):
            attrs["former"] = "true"
        surface = text[match.start : match.end]
        value, inter = _localise(info, attrs, country, dated, surface)
        if mentions and _ABBREVIATION.fullmatch(text[mentions[-1].end : match.start]):
            if mentions[-1].value == value:
                continue  # "Islamic State (IS)": the abbreviation is the same mention
        if info.generic and mentions and not mentions[-1].attrs.get("generic"):
            last = mentions[-1]
            gap = text[last.end : match.start]
            if _JOIN_GENERIC.fullmatch(gap) and "\n" not in gap:
                joined = dict(last.attrs)
                joined["label"] = surface
                mentions[-1] = Mention(
                    text=text[last.start : match.end],
                    start=last.start,
                    end=match.end,
                    value=last.value,
                    kind=last.kind,
                    inter=last.inter,
                    attrs=joined,
                )
                continue
        if info.generic:
            attrs["generic"] = "true"
        mentions.append(
            Mention(
                text=surface,
                start=match.start,
                end=match.end,
                value=value,
                kind=info.kind,
                inter=inter,
                attrs=attrs,
            )
        )
    return mentions


_FRONT_EVENTS = frozenset({"Armed clash", "Shelling/artillery/missile attack"})


def _front_mention(name: str, country: str, when: date | None) -> Mention:
    if name.startswith("Military Forces of ") and "(" not in name:
        return Mention("", 0, 0, state_actor_name(country, "Military", when), kind="other", inter=1)
    info = lookup_actor(name)
    return Mention(
        "", 0, 0, name, kind=info.kind if info else "other", inter=info.inter if info else 2
    )


def _same_actor(a: str, b: str) -> bool:
    return _DATE_RANGE.sub("", a) == _DATE_RANGE.sub("", b)


def unnamed_sides(
    sub_event_type: str,
    side1: list[Mention],
    side2: list[Mention],
    country: str | None,
    when: date | None = None,
) -> tuple[Mention | None, Mention | None]:
    """ACLED's actors for an event whose text leaves a side unnamed.

    - In a country with a front line (countries.yaml `front`: Ukraine's army and the NAF), a
      clash or shelling that names no side is the first side's (ACLED's default for reports
      of fire that say nothing of who fired, "the OSCE SMM observed 9 explosions near X"),
      against the second in a clash; one that names one side of the front is against the
      other.
    - Otherwise an attack, a bombing, an abduction or a fight always has a perpetrator in
      ACLED: with no actor named it is "Unidentified Armed Group (Country)" (or the
      country's convention, countries.yaml `unidentified`: "Unidentified Gang (Mexico)"); a
      generic "gunmen" mention takes the convention's name too.

    sub_event_type (str): the event's sub-event type.
    side1 (list[Mention]): the actors found on side 1 (the first is actor1).
    side2 (list[Mention]): the actors found on side 2.
    country (str | None): the event's country (None: nothing is added).
    when (date | None): the event date, for state forces' year ranges.
    RETURNS (tuple): the new actor1 and actor2 mentions, None where the side stays as found.
    """
    if country is None:
        return None, None
    known = load_countries().get(country)
    front = known.front if known is not None else ()
    if len(front) == 2 and sub_event_type in _FRONT_EVENTS:
        a, b = (_front_mention(n, country, when) for n in front)
        if not side1 and not side2:
            return a, (b if sub_event_type == "Armed clash" else None)
        for named, other in ((a, b), (b, a)):
            if side1 and not side2 and _same_actor(side1[0].value, named.value):
                return None, other
            if side2 and not side1 and _same_actor(side2[0].value, named.value):
                return other, None
        return None, None
    return unnamed_perpetrator(sub_event_type, side1, side2, country), None


def fill_unidentified_opponents(events: list[Event]) -> None:
    """A clash has two sides: one that neither its text nor the document's other battles
    name (`assemble.fill_opponents` runs first) is ACLED's unidentified group of the event's
    country ("a shoot-out took place in X": Unidentified Armed Group (Brazil) on both sides).

    events (list[Event]): the document's events, changed in place.
    """
    from sitrep.extract.notes import make_notes

    for e in events:
        if e.sub_event_type != "Armed clash" or not e.actor1 or e.actor2:
            continue
        name = unidentified_actor(e.country, "Armed clash")
        if name is None:
            continue
        e.actor2, e.inter2 = name, 3
        src = next((x for x in e.evidence if x.field == "actor1"), None)
        if src is not None:
            for field_name in ("actor2", "inter2"):
                e.evidence.append(src.model_copy(update={"field": field_name}))
        if e.inter1 is not None:
            e.interaction = int(f"{min(e.inter1, 3)}{max(e.inter1, 3)}")
        e.notes = make_notes(e)


def state_first(
    sub_event_type: str, side1: list[Mention], side2: list[Mention], country: str | None
) -> bool:
    """True when a clash between an unidentified group and state forces is to be told with
    the state forces first (countries.yaml `state_first`: ACLED's Brazil codes its police's
    shoot-outs with gangs so, whoever opened fire).

    sub_event_type (str): the event's sub-event type.
    side1, side2 (list[Mention]): the sides found.
    country (str | None): the event's country.
    RETURNS (bool): swap the sides.
    """
    known = load_countries().get(country or "")
    return bool(
        known is not None
        and known.state_first
        and sub_event_type == "Armed clash"
        and side1
        and side2
        and side1[0].value.startswith("Unidentified ")
        and side2[0].inter == 1
    )


def unnamed_perpetrator(
    sub_event_type: str, side1: list[Mention], side2: list[Mention], country: str | None
) -> Mention | None:
    """ACLED's actor1 for an event whose perpetrator the text does not name.

    An attack, a bombing, an abduction or a fight always has a perpetrator in ACLED: with no
    actor named it is "Unidentified Armed Group (Country)" (or the country's convention,
    countries.yaml `unidentified`: "Unidentified Gang (Mexico)"); a generic "gunmen" mention
    takes the convention's name too.

    sub_event_type (str): the event's sub-event type.
    side1 (list[Mention]): the actors found on side 1 (first is actor1).
    side2 (list[Mention]): the actors found on side 2.
    country (str | None): the event's country (None: nothing is added).
    RETURNS (Mention | None): the mention to use as actor1 (a new one, or side1[0] renamed);
        None to keep side1 as it is.
    """
    name = unidentified_actor(country, sub_event_type)
    if name is None:
        return None
    if not side1:
        if any(m.value.startswith("Unidentified ") for m in side2):
            return None
        return Mention("", 0, 0, name, kind="unknown", inter=3, attrs={"generic": "true"})
    first = side1[0]
    if first.value == f"Unidentified Armed Group ({country})" and name != first.value:
        return Mention(
            first.text,
            first.start,
            first.end,
            name,
            kind=first.kind,
            inter=first.inter,
            attrs=dict(first.attrs),
        )
    return None


_SECURITY = re.compile(r"(?i)\bsecurity\b")
_MILITARY_WORDS = re.compile(
    r"(?i)\b(?:army|armies|soldiers?|troops|military|militaries|armed forces|navy|air force|"
    r"junta|gendarm\w*)\b"
)


@lru_cache(maxsize=1)
def _police_events() -> frozenset[str]:
    """The sub-event types whose "security forces" are the police (actors.yaml
    `security_forces_are_police`)."""
    return frozenset(read_lexicon("actors.yaml").get("security_forces_are_police") or [])


def _said_security(event: Event, military: str) -> bool:
    """True when the event's actor1 was named only as "security forces/units/personnel": the
    mention that gave the country's forces in actor1's sentence says "security" and no
    soldier, army or military word."""
    source = next((x for x in event.evidence if x.field == "actor1"), None)
    if source is None:
        return False
    found = find_actors_in_text(source.text, country=event.country, when=event.event_date)
    surfaces = [m.text for m in found if m.value == military]
    return bool(surfaces) and all(
        _SECURITY.search(s) and not _MILITARY_WORDS.search(s) for s in surfaces
    )


def security_forces_as_police(events: list[Event]) -> None:
    """ACLED's arresting force: "security forces arrested ..." is the country's police
    ("Police Forces of Iran (1989-)"), not its army; soldiers who arrest stay the army.
    The sub-event types are data (actors.yaml `security_forces_are_police`).

    events (list[Event]): the document's events, changed in place.
    """
    from sitrep.extract.notes import make_notes

    for e in events:
        if e.sub_event_type not in _police_events() or not e.actor1 or not e.country:
            continue
        military = state_actor_name(e.country, "Military", e.event_date)
        if e.actor1 != military:
            continue
        if not _said_security(e, military):
            continue
        e.actor1 = state_actor_name(e.country, "Police", e.event_date)
        e.notes = make_notes(e)
