"""Resolve who a speaker phrase is: a typed, aligned source.

"the Syrian Observatory for Human Rights" → the monitor; "activists" → activist,
pro-opposition; "Orient News correspondent" → local media; "Abu al Hasanien, a senior commander
in Fateh Halab" → belligerent spokesperson, pro-opposition. The speaker is resolved against the
outlet table (`lexicons/outlets.yaml`), then the source words of `lexicons/reporting.yaml`,
then the actor table. Also holds the compiled reporting lexicon and `claim_stance`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sitrep.extract.actors import find_actors_in_text
from sitrep.extract.aliases import AliasIndex, alias_regex, longest_matches
from sitrep.extract.lexicon import read_lexicon
from sitrep.extract.outlets import OutletInfo, find_outlets, lookup_outlet
from sitrep.records import Stance

__all__ = [
    "Source",
    "ReportingLexicon",
    "load_reporting_lexicon",
    "resolve_source",
    "claim_stance",
    "clean_phrase",
]

_LEADING_DET = re.compile(r"^(?:the|a|an|but|and)\s+", re.IGNORECASE)
EDGE_PUNCT = " \t\n,;:.“”\"'‘’()—–-"
_BRACKETED = re.compile(r"\([^)]*\)?|\[[^\]]*\]?")
_TRAILING_NAME = re.compile(
    r"(?<=\s)((?:[A-Z][\w'’-]*|al|el|bin|ibn|abu)"
    r"(?:\s+(?:[A-Z][\w'’-]*|al-?\w*|el|bin|ibn|abu)){1,4})$"
)
_RELATIVE = re.compile(r",?\s+(?:which|who|whose|that|speaking|according)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Source:
    """A resolved speaker: the name a claim carries, its type and alignment."""

    by: str
    by_type: str
    alignment: str | None
    weak: bool = False


@dataclass
class ReportingLexicon:
    """The compiled reporting.yaml."""

    verbs: frozenset[str]
    need_clause: frozenset[str]
    according: re.Pattern[str]
    skip: frozenset[str]
    not_claim_objects: frozenset[str]
    pronouns: frozenset[str]
    nouns: AliasIndex
    noun_info: list[tuple[str, str | None]]
    cues: AliasIndex
    cue_names: list[str]
    actor_alignment: dict[str, str | None]
    stance: AliasIndex
    stance_names: list[str]


def _alternation(words: list[str]) -> re.Pattern[str]:
    ordered = sorted(words, key=len, reverse=True)
    return re.compile("|".join(alias_regex(str(w)) for w in ordered))


def build_reporting_lexicon(data: dict[str, Any]) -> ReportingLexicon:
    """Compile a parsed reporting.yaml.

    data (dict): the YAML document.
    RETURNS (ReportingLexicon): compiled verbs, source nouns, cues and stance patterns.
    """
    nouns = AliasIndex()
    noun_info: list[tuple[str, str | None]] = []
    for raw in data.get("source_nouns") or []:
        noun_info.append((str(raw["type"]), raw.get("alignment")))
        for alias in raw["aliases"]:
            nouns.add(str(alias), len(noun_info) - 1)
    nouns.compile()
    cues = AliasIndex()
    cue_names: list[str] = []
    for name, words in (data.get("alignment_cues") or {}).items():
        cue_names.append(str(name))
        for word in words:
            cues.add(str(word), len(cue_names) - 1)
    cues.compile()
    stance_index = AliasIndex()
    stance_names: list[str] = []
    for name, words in (data.get("stance") or {}).items():
        stance_names.append(str(name))
        for word in words:
            stance_index.add(str(word), len(stance_names) - 1)
    stance_index.compile()
    return ReportingLexicon(
        verbs=frozenset(w.lower() for w in data.get("verbs") or []),
        need_clause=frozenset(w.lower() for w in data.get("verbs_need_clause") or []),
        according=_alternation(list(data.get("according_to") or [])),
        skip=frozenset(w.lower() for w in data.get("skip_speakers") or []),
        not_claim_objects=frozenset(w.lower() for w in data.get("not_claim_objects") or []),
        pronouns=frozenset(w.lower() for w in data.get("pronouns") or []),
        nouns=nouns,
        noun_info=noun_info,
        cues=cues,
        cue_names=cue_names,
        actor_alignment=dict(data.get("actor_alignment") or {}),
        stance=stance_index,
        stance_names=stance_names,
    )


@lru_cache(maxsize=1)
def load_reporting_lexicon() -> ReportingLexicon:
    """Load and compile the packaged `lexicons/reporting.yaml` (once per process).

    RETURNS (ReportingLexicon): the compiled lexicon.
    """
    return build_reporting_lexicon(read_lexicon("reporting.yaml"))


def claim_stance(claim_text: str) -> Stance:
    """Return the stance cue of a claim's sentence: "contradicts" for denials and
    playing-down ("played down the rebel gains"), "neutral" for unverified reports, else
    "supports". The event assembler sets the final stance relative to each event.

    claim_text (str): the claim's sentence (attribution included).
    RETURNS (Stance): "contradicts", "neutral" or "supports".
    """
    lexicon = load_reporting_lexicon()
    found = {lexicon.stance_names[m.entry] for m in lexicon.stance.matches(claim_text)}
    if "contradicts" in found:
        return "contradicts"
    if "neutral" in found:
        return "neutral"
    return "supports"


def clean_phrase(text: str) -> str:
    """Trim a speaker phrase: edge punctuation, quotes, brackets, relative clauses, articles."""
    text = " ".join(text.split()).strip(EDGE_PUNCT)
    inner = max(text.rfind("”"), text.rfind('"'), text.rfind("“"))
    if inner >= 0:
        text = text[inner + 1 :].strip(EDGE_PUNCT)
    text = _RELATIVE.split(text, maxsplit=1)[0]
    text = _BRACKETED.sub(" ", text)
    text = " ".join(text.split()).strip(EDGE_PUNCT)
    return _LEADING_DET.sub("", text).strip(EDGE_PUNCT)


def _alignment_cue(lexicon: ReportingLexicon, text: str) -> str | None:
    hits = longest_matches(lexicon.cues.matches(text))
    if not hits:
        return None
    best = max(hits, key=lambda m: (m.end - m.start, -m.start))
    return lexicon.cue_names[best.entry]


def _media_type(lexicon: ReportingLexicon, text: str, alignment: str | None) -> str:
    lowered = text.lower()
    if re.search(r"\bstate\b|state-run|state-owned|official", lowered):
        return "state media"
    if alignment in ("pro-government", "pro-kurdish", "pro-turkish", "jihadist"):
        return "partisan media"
    if re.search(r"\blocal\b|opposition|activist", lowered):
        return "local media"
    return "international media"


def _from_outlet(info: OutletInfo, by: str) -> Source:
    return Source(by, info.type, info.alignment)


def _person_and_role(text: str) -> tuple[str, str] | None:
    """Split "Name Surname, role of Org, ..." into (name, role phrase), if it has that form."""
    head, sep, rest = text.partition(",")
    words = head.split()
    if not sep or not rest.strip() or not 1 <= len(words) <= 5:
        return None
    if not all(
        w[:1].isupper() or w.lower() in {"al", "el", "bin", "ibn", "abu", "de"} for w in words
    ):
        return None
    return head.strip(), rest.strip(EDGE_PUNCT)


def resolve_source(text: str, outlet: str | None = None) -> Source | None:
    """Resolve a speaker phrase to a typed source.

    text (str): the speaker phrase ("the Syrian Observatory for Human Rights", "activists",
        "Orient News correspondent", "Abu al Hasanien, a senior commander in Fateh Halab").
    outlet (str | None): the document's outlet, for "our correspondent".
    RETURNS (Source | None): by, by_type, alignment; None for first/second-person speakers.
    """
    lexicon = load_reporting_lexicon()
    clean = clean_phrase(text)
    if not clean or clean.lower() in lexicon.skip:
        return None
    info = lookup_outlet(clean)
    if info is not None:
        return _from_outlet(info, info.name)
    split = _person_and_role(clean)
    if split is not None:
        name, role = split
        found = _resolve_phrase(lexicon, role, outlet)
        if found.by_type in (
            "monitor",
            "local media",
            "state media",
            "partisan media",
            "ngo",
            "international wire",
            "international media",
            "official",
        ):
            org = found.by
            return Source(
                f"{name}, {org}" if org != role else f"{name}, {role}",
                found.by_type,
                found.alignment,
            )
        if found.by_type == "belligerent spokesperson":
            return Source(f"{name}, {found.by}", found.by_type, found.alignment)
        return Source(
            name if found.by_type == "unknown" else f"{name}, {role}",
            found.by_type,
            found.alignment,
        )
    return _resolve_phrase(lexicon, clean, outlet)


def _resolve_phrase(lexicon: ReportingLexicon, clean: str, outlet: str | None) -> Source:
    """Resolve a phrase that is not a bare outlet name (see `resolve_source`)."""
    outlets = find_outlets(clean)
    if outlets:
        first = outlets[0]
        info = lookup_outlet(first.value)
        assert info is not None
        rest = clean[first.end :].strip()
        person = _TRAILING_NAME.search(rest) if rest else None
        if not rest or (first.start == 0 and re.match(r"(?:,|a|an|the)\b", rest)):
            by = info.name
        elif person is not None and person.start() > 0:
            by = f"{person.group(1)}, {info.name}"
        else:
            by = clean
        return _from_outlet(info, by)
    actors = [m for m in find_actors_in_text(clean) if not m.attrs.get("former")]
    noun_hits = longest_matches(lexicon.nouns.matches(clean))
    cue = _alignment_cue(lexicon, clean)
    if noun_hits:
        best = max(noun_hits, key=lambda m: (m.end - m.start, -m.start))
        kind, default_alignment = lexicon.noun_info[best.entry]
        if (
            kind == "media"
            and outlet
            and re.search(r"\bour\b|^correspondents?$|^reporters?$", clean, re.IGNORECASE)
        ):
            info = lookup_outlet(outlet)
            if info is not None:
                return Source(f"{info.name} {clean.split()[-1]}", info.type, info.alignment)
        if kind in ("belligerent spokesperson", "unknown") and actors:
            kind = "belligerent spokesperson"
            actor = actors[0]
            alignment = lexicon.actor_alignment.get(actor.kind) or cue
            role = clean[best.start : best.end]
            by = clean if len(clean) <= 40 else f"{actor.text} {role}"
            return Source(by, kind, alignment)
        alignment = default_alignment or cue
        if kind == "media":
            kind = _media_type(lexicon, clean, alignment)
        return Source(clean, kind, alignment)
    if actors:
        actor = actors[0]
        kind = "witness" if actor.kind == "civilians" else "belligerent spokesperson"
        return Source(clean, kind, lexicon.actor_alignment.get(actor.kind) or cue)
    return Source(clean, "unknown", cue, weak=True)
