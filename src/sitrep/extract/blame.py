"""The perpetrator the text attributes an attack to, for an event whose own sentences name none.

Reports of an attack often leave its sentence without a perpetrator and say elsewhere who did it
or who is blamed: "Daesh claimed responsibility for the attack", "the attack, which was blamed
on rebels", "activists accused Assad's forces of launching a nerve gas attack", "Washington says
forces loyal to Assad were behind the attack", "world powers pointed the finger at the
government". ACLED codes such an event with the attributed actor; so does FA-KES's crowd.

Rules, in this order, over the document's sentences in text order:
1. A claim of responsibility ("X claimed responsibility", "claimed by X", "X claimed the
   attack", a bare "X claimed (it)." ending its sentence, "X said it had fired / carried out").
2. An attribution: "accused X of", "blamed (it / the attack) on X", "blamed X for",
   "X was behind / responsible for / to blame", "pointed the finger at X", "held X responsible",
   a bare "blamed X." ending its sentence.
The attributed actor must be armed (ACLED inter 1-4 or 8), and the sentence must speak of an
attack (attack, bomb, blast, strike, gas, massacre, ...; a claim of responsibility, a bare claim
or a bare blame speaks of the event told before it) and state no denial (a sentence with
"denies" or "in turn" reports a dispute: "the government denies ... and has in turn accused
rebels"). The first violent event in text order
with no named perpetrator (none, or only "Unidentified ...") whose kind the sentence speaks of
takes it; the sentence is its evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sitrep.records import Document, Event, Evidence

__all__ = ["attributed_actors", "find_attributions"]

VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_Y = r"(?P<y>[^.;:]{1,80}?)"
# the object of a bare "blamed X." (no "for the failure of ...": a blame for something else)
_BARE_OBJECT = r"(?:(?!\b(?:for|of|over|on|in|with|after|as|that)\b)[^.;:]){1,60}?"
_CLAIMS = (
    re.compile(rf"{_Y}\s+(?:has\s+|have\s+|had\s+)?(?:claimed|claims|claiming)\s+responsib", re.I),
    re.compile(r"\b(?:claimed|adopted)\s+by\s+(?P<y>[^.;:]{1,60})", re.I),
    # "the Pakistani Taliban claimed the attack"
    re.compile(
        rf"{_Y}\s+(?:has\s+|have\s+|had\s+|later\s+)?(?:claimed|claims)\s+"
        r"(?:the|this|that|Monday's|Tuesday's|Wednesday's|Thursday's|Friday's|Saturday's|"
        r"Sunday's)\s+(?:\w+\s+)?(?:attack|bombing|blast|killing|ambush|explosion|raid)",
        re.I,
    ),
    # a bare claim ending its sentence: "JNIM claimed.", "Islamic State later claimed it."
    re.compile(
        rf"{_Y}\s+(?:has\s+|have\s+|had\s+|later\s+)?(?:claimed|claims)(?:\s+(?:it|them))?"
        r"\s*[.;!]?\s*$",
        re.I,
    ),
    # "Al Shabaab later said it had fired them"
    re.compile(
        rf"{_Y}\s+(?:later\s+)?(?:said|says|announced)\s+(?:that\s+)?(?:it|they)\s+"
        r"(?:had\s+|has\s+|have\s+)?(?:carried\s+out|fired|launched|conducted|staged|planted|"
        r"detonated)\b",
        re.I,
    ),
)
_BLAMES = (
    re.compile(rf"\baccus\w*\s+{_Y}\s+of\b", re.I),
    re.compile(
        r"\bblam\w*\s+(?:(?:it|this|that|the\s+\w+(?:\s+\w+)?)\s+)?on\s+(?P<y>[^.;:]{1,60})",
        re.I,
    ),
    re.compile(rf"\bblam\w*\s+{_Y}\s+for\b", re.I),
    re.compile(
        rf"{_Y}\s+(?:was|were|is|are|had been|has been)\s+"
        r"(?:behind|responsible\s+for|to\s+blame)\b",
        re.I,
    ),
    re.compile(r"\bpointed\s+the\s+finger\s+at\s+(?P<y>[^.;:]{1,60})", re.I),
    re.compile(rf"\bh[eo]lds?\s+{_Y}\s+(?:directly\s+)?(?:and\s+fully\s+)?responsible\b", re.I),
    # a bare blame ending its sentence: "The government blamed the OLA."
    re.compile(rf"\bblam(?:ed|es)\s+(?P<y>{_BARE_OBJECT})\s*[.;!]?\s*$", re.I),
)
# Prefilters (speed only) for the two patterns that start with the free-text actor and so try
# every position: a literal each match contains, under the same re.I case rules.
_NEEDS: dict[re.Pattern[str], re.Pattern[str]] = {
    _CLAIMS[0]: re.compile(r"responsib", re.I),
    _CLAIMS[2]: re.compile(r"claim", re.I),
    _BLAMES[3]: re.compile(r"behind|responsible|blame", re.I),
    _CLAIMS[3]: re.compile(r"claim", re.I),
    _CLAIMS[4]: re.compile(r"\b(?:said|says|announced)\b", re.I),
}
# The patterns whose actor comes before the verb: the last armed actor before it is the one.
_ACTOR_FIRST = frozenset({_CLAIMS[0], _CLAIMS[2], _CLAIMS[3], _CLAIMS[4], _BLAMES[3]})
# The kind of attack a sentence speaks of, by event sub-type; GENERIC fits every kind.
# "X claimed responsibility" speaks of an attack without naming it ("... on Friday. Islamic
# State Khorasan Province claimed responsibility.").
_RESPONSIBILITY = re.compile(
    r"\bclaim\w*\s+(?:\w+\s+)?responsib"
    r"|\b(?:claimed|claims|blamed|blames)(?:\s+(?:it|them))?\s*[.;!]?\s*$"
    rf"|\bblam(?:ed|es)\s+{_BARE_OBJECT}\s*[.;!]?\s*$",
    re.I,
)
_DENIAL = re.compile(r"\bden(?:y|ies|ied|ying|ial)\b|\bin turn\b", re.I)
_GENERIC = re.compile(r"\b(?:attack\w*|massacre\w*|incident|killing\w*|bombing\w*)\b", re.I)
_BLASTS = r"\b(?:bomb\w*|blasts?|explosions?|suicide|mines?)\b"
_KINDS: dict[str, re.Pattern[str]] = {
    "Chemical weapon": re.compile(r"\b(?:gas\w*|chemical\w*|toxic|sarin|chlorine|poison\w*)", re.I),
    "Air/drone strike": re.compile(
        r"\b(?:strikes?|air\s*strikes?|raids?|bomb\w*|barrel\w*|jets?)\b", re.I
    ),
    "Shelling/artillery/missile attack": re.compile(
        r"\b(?:shell\w*|rockets?|mortars?|missiles?|bombard\w*)\b", re.I
    ),
    "Suicide bomb": re.compile(_BLASTS, re.I),
    "Remote explosive/landmine/IED": re.compile(_BLASTS, re.I),
}


def _sentences(text: str) -> Iterable[tuple[int, int]]:
    start = 0
    for m in re.finditer(r"[.!?](?=\s+|$)", text):
        yield start, m.end()
        start = m.end()
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text):
        yield start, len(text)


def _armed(name: str, inter: int | None, kind: str) -> bool:
    return (
        inter is not None
        and (inter < 5 or inter == 8)
        and kind not in ("civilians", "unknown")
        and not name.startswith("Unidentified")
    )


def find_attributions(
    document: Document, country: str | None = None
) -> list[tuple[str, int | None, tuple[int, int], str]]:
    """Find who the text says did (or is blamed for) an attack.

    document (Document): the article.
    country (str | None): the country of its events (None: the one the text names).
    RETURNS (list[tuple]): (ACLED actor name, inter code, sentence span, sentence text), claims
        of responsibility first, then attributions, each in text order.
    """
    from sitrep.extract.actors import find_actors_in_text
    from sitrep.extract.countries import detect_country

    text = document.text
    country = country or detect_country(text)
    found: dict[int, list[tuple[str, int | None, tuple[int, int], str]]] = {0: [], 1: []}
    for start, end in _sentences(text):
        sentence = text[start:end]
        if not (
            _GENERIC.search(sentence)
            or any(p.search(sentence) for p in _KINDS.values())
            or _RESPONSIBILITY.search(sentence)
        ):
            continue
        if _DENIAL.search(sentence):
            continue  # "the government denies ... and has in turn accused rebels": a dispute
        for rank, patterns in ((0, _CLAIMS), (1, _BLAMES)):
            for pattern in patterns:
                need = _NEEDS.get(pattern)
                if need is not None and not need.search(sentence):
                    continue
                for m in pattern.finditer(sentence):
                    y0, y1 = m.span("y")
                    actors = [
                        a
                        for a in find_actors_in_text(sentence, y0, y1, country=country)
                        if _armed(a.value, a.inter, a.kind) and a.attrs.get("cue") != "target"
                    ]
                    if not actors:
                        continue
                    actor = actors[-1] if pattern in _ACTOR_FIRST else actors[0]
                    found[rank].append((actor.value, actor.inter, (start, end), sentence))
    return found[0] + found[1]


def _speaks_of(sentence: str, event: Event) -> bool:
    kind = _KINDS.get(event.sub_event_type)
    return bool(
        _GENERIC.search(sentence)
        or (kind is not None and kind.search(sentence))
        or _RESPONSIBILITY.search(sentence)  # a claim of responsibility is for an attack
    )


def _unnamed(name: str | None) -> bool:
    return name is None or name.startswith("Unidentified")


def attributed_actors(document: Document, events: list[Event], country: str | None = None) -> None:
    """Give the first unattributed violent event the actor the text attributes the attack to.

    document (Document): the article; events (list[Event]): its events in text order, changed
        in place; country (str | None): the country of the events (None: the text's).
    """
    if not any(e.event_type in VIOLENT and _unnamed(e.actor1) for e in events):
        return
    for name, inter, span, sentence in find_attributions(document, country):
        target = next(
            (
                e
                for e in events
                if e.event_type in VIOLENT
                and _unnamed(e.actor1)
                and e.actor2 != name
                and _speaks_of(sentence, e)
            ),
            None,
        )
        if target is None:
            continue
        target.actor1, target.inter1 = name, inter
        fields = ["actor1", "inter1"]
        if inter is not None:
            i2 = target.inter2
            target.interaction = int(f"{min(inter, i2)}{max(inter, i2)}") if i2 else inter * 10
            fields.append("interaction")
        target.evidence = [e for e in target.evidence if e.field not in fields]
        for field in fields:
            target.evidence.append(
                Evidence(
                    field=field,
                    text=sentence.strip(),
                    doc_id=document.id,
                    start=span[0],
                    end=span[0] + len(sentence.rstrip()),
                )
            )
        from sitrep.extract.notes import make_notes

        target.notes = make_notes(target)
        return
