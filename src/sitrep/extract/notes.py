"""ACLED-style notes and source scale, generated from an event's fields (never copied text)."""

from __future__ import annotations

import re

from sitrep.records import Claim, Document, Event

__all__ = ["make_notes", "source_scale", "short_actor"]

# What the actor did, per sub-event type: (verb phrase, preposition before the place).
_VERBS: dict[str, tuple[str, str]] = {
    "Armed clash": ("clashed with {actor2}", "in"),
    "Government regains territory": ("regained control of territory from {actor2}", "in"),
    "Non-state actor overtakes territory": ("took over territory from {actor2}", "in"),
    "Air/drone strike": ("carried out airstrikes{weapons}", "on"),
    "Shelling/artillery/missile attack": ("shelled{weapons}", ""),
    "Chemical weapon": ("carried out a chemical attack{weapons}", "on"),
    "Suicide bomb": ("carried out a suicide bombing", "in"),
    "Remote explosive/landmine/IED": ("detonated an explosive device{weapons}", "in"),
    "Grenade": ("threw a grenade", "in"),
    "Attack": ("attacked {actor2}", "in"),
    "Abduction/forced disappearance": ("abducted {actor2}", "in"),
    "Sexual violence": ("committed sexual violence against {actor2}", "in"),
    "Peaceful protest": ("held a protest", "in"),
    "Protest with intervention": ("held a protest, which was broken up by {actor2}", "in"),
    "Excessive force against protesters": (
        "held a protest met with lethal force by {actor2}",
        "in",
    ),
    "Violent demonstration": ("held a violent demonstration", "in"),
    "Mob violence": ("engaged in mob violence", "in"),
    "Arrests": ("arrested {actor2}", "in"),
    "Agreement": ("reached an agreement with {actor2}", "in"),
    "Looting/property destruction": ("looted or destroyed property", "in"),
    "Disrupted weapons use": ("disrupted weapons use", "in"),
    "Headquarters or base established": ("established a base", "in"),
    "Non-violent transfer of territory": ("took control of territory without fighting", "in"),
    "Change to group/activity": ("changed activity", "in"),
    "Other": ("were involved in an incident", "in"),
}
_DATES = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)")


def short_actor(name: str | None) -> str:
    """An actor's name without ACLED's date range: "Military Forces of Syria (2000-)" reads
    "Military Forces of Syria"."""
    if not name:
        return ""
    return _DATES.sub("", name).strip()


def make_notes(event: Event) -> str | None:
    """One ACLED-style sentence summarising `event` from its fields.

    RETURNS (str | None): e.g. "On 7 August 2016, Military Forces of Russia carried out
        airstrikes with white phosphorus on al-Mashhad (Aleppo)."; None without a type.
    """
    verb, prep = _VERBS.get(event.sub_event_type, ("were involved in an event", "in"))
    actor1 = short_actor(event.actor1) or "an unidentified actor"
    if event.assoc_actor_1:
        actor1 += " and " + ", ".join(short_actor(a) for a in event.assoc_actor_1.split("; "))
    actor2 = short_actor(event.actor2)
    weapons = f" with {', '.join(event.weapons)}" if event.weapons else ""
    phrase = verb.format(actor2=actor2 or "an unidentified party", weapons=weapons)
    phrase = (
        phrase.replace(" with an unidentified party", "")
        .replace(" from an unidentified party", "")
        .replace(" by an unidentified party", "")
    )
    when = ""
    if event.event_date is not None:
        day = event.event_date
        when = (
            f"In {day:%B %Y}, "
            if event.time_precision == 3
            else f"Around {day.day} {day:%B %Y}, "
            if event.time_precision == 2
            else f"On {day.day} {day:%B %Y}, "
        )
    where = ""
    if event.location:
        region = ", ".join(x for x in (event.admin2, event.admin1) if x and x != event.location)
        where = f" {prep} {event.location}" if prep else f" {event.location}"
        where = where.replace("  ", " ")
        if region:
            where += f" ({region})"
    sentence = f"{when}{actor1} {phrase}{where}"
    if event.fatalities is not None:
        sentence += f", {event.fatalities} fatalit{'y' if event.fatalities == 1 else 'ies'}"
    sentence = sentence.strip()
    return sentence[0].upper() + sentence[1:] + "."


# Source scale by the kind of source (ACLED's values).
_SCALE = {
    "international wire": "International",
    "international media": "International",
    "state media": "National",
    "partisan media": "National",
    "local media": "Subnational",
    "monitor": "Other",
    "ngo": "Other",
    "activist": "New media",
    "witness": "Other",
    "official": "National",
    "belligerent spokesperson": "Other",
}


def source_scale(document: Document, claims: list[Claim]) -> str | None:
    """ACLED's `source_scale` from the outlet and the sources quoted.

    RETURNS (str | None): e.g. "National", "National-Other"; None with no typed source.
    """
    scales: list[str] = []
    kinds: list[str] = [c.by_type for c in claims if c.stance != "contradicts"]
    if document.outlet:
        from sitrep.extract.outlets import lookup_outlet

        info = lookup_outlet(document.outlet)
        if info is not None:
            kinds.insert(0, info.type)
    for k in kinds:
        scale = _SCALE.get(k)
        if scale and scale not in scales:
            scales.append(scale)
    return "-".join(scales[:2]) if scales else None
