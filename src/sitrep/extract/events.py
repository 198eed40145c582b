"""Event mentions: triggers typed as ACLED sub-events, the filters that drop what is not a new
event, and the split of a sentence into one mention per place.

A *mention* is one sentence's statement that an event happened (a trigger that passed the
negation, hypothetical, background, aggregate, denial and anaphora filters). `assemble` merges
mentions of the same event (same place, day and sub-event type) into `Event` records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sitrep.extract.casualties import CasualtyMention
from sitrep.extract.dates import DateMention
from sitrep.extract.lexicon import phrase_pattern, read_lexicon
from sitrep.extract.nonevents import nonevent_frame
from sitrep.records import SUB_EVENT_TYPES, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from sitrep.extract.mentions import Mention

__all__ = [
    "Lexicon",
    "Trigger",
    "EventMention",
    "load_lexicon",
    "find_triggers",
    "keep_trigger",
    "choose_types",
    "event_places",
    "place_rank",
    "EVENT_TYPE_OF",
]

EVENT_TYPE_OF: dict[str, str] = {
    sub: etype for etype, subs in SUB_EVENT_TYPES.items() for sub in subs
}


@dataclass(frozen=True)
class Lexicon:
    """The compiled triggers.yaml."""

    patterns: tuple[tuple[str, int, bool, re.Pattern[str]], ...]
    civilian: re.Pattern[str]
    armed: re.Pattern[str]
    negation: frozenset[str]
    hypothetical: frozenset[str]
    intent: frozenset[str]
    denial: frozenset[str]
    date_start: frozenset[str]
    aggregate: re.Pattern[str]
    anaphora: frozenset[str]
    one_sided: re.Pattern[str]
    # a type whose trigger, told in the same sentence, retypes the others' ("seized the town
    # after the army withdrew without a fight" is one Non-violent transfer of territory)
    supersedes: tuple[tuple[str, frozenset[str]], ...] = ()
    # "X and Y clashed / signed": two sides told as one coordinated subject (between.py)
    reciprocal: re.Pattern[str] | None = None


def _words(items: list[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(items) + r")\b", re.I)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Load and compile `lexicons/triggers.yaml` (once per process).

    RETURNS (Lexicon): compiled trigger patterns and filter cue sets.
    """
    data: dict[str, Any] = read_lexicon("triggers.yaml")
    patterns = []
    for sub, spec in data["triggers"].items():
        if sub not in EVENT_TYPE_OF:
            raise ValueError(f"triggers.yaml: unknown sub-event type {sub!r}")
        alts = spec.get("patterns") or []
        if not alts:
            continue
        regex = phrase_pattern(alts)
        patterns.append((sub, int(spec["priority"]), bool(spec.get("generic")), regex))
    return Lexicon(
        patterns=tuple(patterns),
        civilian=_words(data["civilian_target_cues"]),
        armed=_words(data["armed_target_cues"]),
        negation=frozenset(data["negation_cues"]),
        hypothetical=frozenset(data["hypothetical_cues"]),
        intent=frozenset(data["intent_cues"]),
        denial=frozenset(data["denial_cues"]),
        date_start=frozenset(data["date_start_cues"]),
        aggregate=_words([re.escape(w) for w in data["aggregate_cues"]]),
        anaphora=frozenset(data["anaphora_cues"]),
        one_sided=re.compile(r"^(?:" + "|".join(data["one_sided_clash_triggers"]) + r")$", re.I),
        supersedes=tuple(
            (str(k), frozenset(str(v) for v in vs))
            for k, vs in (data.get("supersedes") or {}).items()
        ),
        reciprocal=_reciprocal(data.get("reciprocal_cues") or []),
    )


def _reciprocal(cues: list[str]) -> re.Pattern[str] | None:
    """Match "X and Y <cue>" with no "with/against" object after the cue (that names the
    opponent: "the army and police clashed with gunmen")."""
    if not cues:
        return None
    return re.compile(
        r"\band\s+(?:[\w'’.-]+\s+){1,6}?(?:" + "|".join(cues) + r")\b"
        r"(?!\s+(?:[\w-]+\s+){0,3}?(?:with|against)\b)",
        re.I,
    )


@dataclass(frozen=True)
class Trigger:
    """A word or phrase that states an event of a sub-event type (offsets in the doc text)."""

    sub_event_type: str
    start: int
    end: int
    text: str
    priority: int
    generic: bool = False
    # what the sub-event classifier said of its sentence, when it was asked (subevent_model)
    model_note: str | None = None


@dataclass
class EventMention:
    """One sentence's statement of one event at one place (before merging).

    sent_start, sent_end: the sentence's offsets; paragraph: its paragraph number.
    date: the explicit date expression attached to the trigger, if any.
    place: the event's place (None when the sentence names none).
    coordinated: how many places the sentence's place list was split into.
    """

    sub_event_type: str
    trigger: Trigger
    sent_start: int
    sent_end: int
    paragraph: int
    date: DateMention | None = None
    place: Place | None = None
    place_inherited: bool = False
    coordinated: int = 1
    actors1: list[Mention] = field(default_factory=list)
    actors2: list[Mention] = field(default_factory=list)
    weapons: list[Mention] = field(default_factory=list)
    casualties: list[CasualtyMention] = field(default_factory=list)
    civilian_target: bool = False
    present: bool = False
    order: int = 0


def find_triggers(text: str, start: int, end: int) -> list[Trigger]:
    """Find the event triggers in `text[start:end]`, longest first where they overlap.

    text (str): the document text.
    start, end (int): the sentence's offsets.
    RETURNS (list[Trigger]): non-overlapping triggers in text order.
    """
    lex = load_lexicon()
    found: list[Trigger] = []
    for sub, priority, generic, regex in lex.patterns:
        for m in regex.finditer(text, start, end):
            found.append(Trigger(sub, m.start(), m.end(), m.group(0), priority, generic))
    found.sort(key=lambda t: (t.start, -(t.end - t.start), -t.priority))
    kept: list[Trigger] = []
    for t in found:
        clash = [k for k in kept if t.start < k.end and k.start < t.end]
        if not clash:
            kept.append(t)
        elif all(k.end - k.start == t.end - t.start for k in clash) and t.priority > max(
            k.priority for k in clash
        ):
            for k in clash:
                kept.remove(k)
            kept.append(t)
    kept.sort(key=lambda t: t.start)
    return kept


def _trigger_token(doc: Doc, trigger: Trigger) -> Token | None:
    span = doc.char_span(trigger.start, trigger.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def keep_trigger(
    doc: Doc, sent: Span, trigger: Trigger, published: date | None, text: str | None = None
) -> str | None:
    """Decide whether a trigger states a new event of this report.

    doc (Doc): the parsed document; sent (Span): the trigger's sentence.
    trigger (Trigger): the trigger.
    published (date | None): the reference date (for background checks).
    text (str | None): `doc.text`, passed in because spaCy rebuilds it on every access.
    RETURNS (str | None): None to keep it, else the reason it is dropped ("negated",
        "hypothetical", "denied", "aggregate", "anaphora", "background").
    """
    lex = load_lexicon()
    tok = _trigger_token(doc, trigger)
    if tok is None:
        return None
    before = [t for t in doc[max(sent.start, tok.i - 4) : tok.i]]
    low_before = [t.lower_ for t in before]
    if any(w in lex.anaphora for w in low_before[-2:]) and trigger.generic:
        return "anaphora"
    if any(w in ("these", "those", "such") for w in low_before[-2:]):
        return "anaphora"
    if any(t.lower_ == "that" and t.dep_ == "det" and t.head.i == tok.i for t in before[-2:]):
        return "anaphora"  # "accused Damascus of that attack"
    if any(w in ("no", "not", "never", "without", "n't") for w in low_before[-3:]):
        return "negated"
    # Walk up from the trigger: modal auxiliaries, negations and intent/denial verbs that
    # govern it make the statement not a report of a past event.
    node = tok
    for _ in range(8):
        for child in node.children:
            if child.dep_ == "neg" and child.i < tok.i + 3:
                return "negated"
            if child.dep_ == "aux" and child.lower_ in lex.hypothetical:
                return "hypothetical"
            if child.dep_ == "mark" and child.lower_ in ("if", "unless"):
                return "hypothetical"
        lemma = node.lemma_.lower()
        if node is not tok and lemma in lex.intent:
            return "hypothetical"
        if node is not tok and lemma in lex.denial:
            return "denied"
        if node.head is node:
            break
        node = node.head
    # A weapon named as a noun ("rockets", "artillery") states an attack only with a verb of
    # use ("fired rockets", "rockets fell on"); "pictures of rockets and trucks" is no event.
    if trigger.sub_event_type == "Shelling/artillery/missile attack" and tok.pos_ in (
        "NOUN",
        "PROPN",
    ):
        if not any(t.lemma_ in _USE_VERBS for t in sent):
            return "no-use"
    # "more than 600 Russian strikes": a count over many events; but a count of rounds fired
    # ("observed a total of 75 explosions near X", "fired 30 rockets at X") is one event.
    crowd = EVENT_TYPE_OF[trigger.sub_event_type] in ("Protests", "Riots")
    if tok.tag_ in ("NNS", "NNPS") and tok.lemma_.lower() not in _MUNITIONS and not crowd:
        # (not a crowd's size: "hundreds of protesters", "2,000 demonstrators")
        for child in tok.children:
            if child.dep_ == "nummod" or child.like_num:
                num = _number(child)
                if num is not None and num >= 20:
                    return "aggregate"
        window = doc[max(sent.start, tok.i - 6) : tok.i + 1].text.lower()
        if re.search(r"\b(?:hundreds|thousands) of\b", window):
            return "aggregate"
    window = (
        trigger.text
        if text is None
        else text[max(sent.start_char, trigger.start - 40) : trigger.start]
    )
    if lex.aggregate.search(window):
        if re.search(r"\d", window):
            return "aggregate"
    # Disasters, anniversaries and trials, comment on an event told elsewhere, war-wide totals.
    return nonevent_frame(tok, sent, trigger.text, trigger.generic, text)


_MUNITIONS = frozenset(
    "explosion shot projectile round shell burst rocket missile mortar grenade".split()
)
_USE_VERBS = frozenset(
    "fire fall hit launch target strike kill injure wound shell pound bombard land explode "
    "attack rain damage destroy claim leave cause use bomb struck observe record hear "
    "report involve".split()
)


def _number(tok: Token) -> int | None:
    text = tok.text.replace(",", "")
    if text.isdigit():
        return int(text)
    from sitrep.extract.casualties import parse_number

    value = parse_number(text)
    for child in tok.children:
        if child.like_num and child.text.replace(",", "").isdigit():
            return int(child.text.replace(",", ""))
    return value


def background_date(d: DateMention, reference: date | None) -> bool:
    """True when a date is background: a month-level or explicit date well before the report."""
    if d.value is None or reference is None:
        return False
    return (reference - d.value).days > 31


_PROTEST_INTERVENTION = re.compile(
    r"\b(?:dispers\w*|tear ?gas|teargas|intervened|water cannons?|rubber bullets|baton\w*|"
    r"arrested|detained|broke up|cracked down|crackdown|lathi[- ]?charge[sd]?|"
    r"brought the situation under control|tried to control the crowd)\b",
    re.I,
)
_PROTEST_FORCE = re.compile(
    r"\b(?:opened fire on|fired (?:live )?(?:ammunition|bullets|shots) (?:at|on)|shot (?:dead )?"
    r"(?:\w+ )?(?:protesters|demonstrators)|killed (?:\w+ ){0,2}(?:protesters|demonstrators)|"
    # codebook: lethal weapons or lethal/serious injuries against the crowd
    r"live (?:ammunition|bullets|rounds|fire)|(?:killing|wounding|injuring) (?:\w+ ){0,2}"
    r"(?:protesters|demonstrators|marchers))\b",
    re.I,
)
# Violence done to the crowd, its object ("beat protesters", "attacked the demonstrators"):
# the protest's suppression, not the crowd's own violence (not a Violent demonstration).
_ON_CROWD = re.compile(
    r"\b(?:beat(?:en|ing)?|attack(?:ed|ing)|assault(?:ed|ing))\s+"
    r"(?:\w+\s+){0,2}?(?:protesters|demonstrators|marchers|the crowd)\b",
    re.I,
)
_PROTEST_VIOLENT = re.compile(
    r"\b(?:riot\w*|pelted|threw stones|hurled|vandali[sz]\w*|torched|set (?:\w+ ){0,3}ablaze|"
    r"clash\w*|stormed|burn(?:ed|t|ing)|set fire|stones?|rocks|damag\w*|looted|destroyed|"
    r"attacked|beat)\b",
    re.I,
)
_SUICIDE = re.compile(r"\bsuicide\b|\bblew (?:him|her|them)sel(?:f|ves) up\b", re.I)
_CIVILIAN_ONLY_TYPES = ("Attack",)


_MOB = re.compile(
    r"\b(?:mobs?|villagers|locals|local (?:people|residents|youths?)|residents|crowds?|"
    r"angry (?:\w+ )?(?:people|youths?|residents)|vigilantes?|a group of (?:local |angry )?"
    r"(?:people|youths?|villagers|residents|men))\b",
    re.I,
)


# Fights between groups of unarmed people ("two groups of villagers clashed", "a scuffle"):
# ACLED's Mob violence between rioters, not an Armed clash. Not families or clans: their
# feuds are fought with guns (ACLED Syria and the Philippines code them as Armed clashes).
_GROUP_FIGHT = re.compile(
    r"\b(?:two|rival) (?:groups? of (?:\w+ ){0,2}(?:villagers|residents|community|communities|"
    r"supporters|workers|members|farmers|people|youths?|students|neighbou?rs)|"
    r"(?:\w+ ){0,2}(?:village|farmer|student|community|caste) groups|mobs)\b|"
    r"\b(?:scuffle|brawl|fist ?fight)s?\b|"
    r"\bby a (?:group|mob|crowd) of (?:\w+ ){0,2}"
    r"(?:men|people|villagers|residents|youths?|locals)\b",
    re.I,
)


# Unarmed people as the subject right before the trigger ("migrant workers clashed with
# police", "inmates attacked guards"): a mob, not an armed group.
_MOB_SUBJECT = re.compile(
    r"\b(?:workers|labou?rers|inhabitants|migrants|students|traders|vendors|sellers|farmers|"
    r"youths|passengers|prisoners|inmates|supporters|villagers|locals|residents)"
    r"\s+(?:(?!(?:was|were|are|is|had|have|been|being)\b)\w+\s+)?$",
    re.I,
)


def _refine(sub: str, sentence: str, weapons: list[Mention], before: str = "") -> str:
    """Adjust a sub-event type by cues elsewhere in the sentence.

    before (str): the sentence text before the trigger (where the agent usually is).
    """
    if sub in ("Attack", "Armed clash") and (
        _MOB.search(before) or _MOB_SUBJECT.search(before) or _GROUP_FIGHT.search(sentence)
    ):
        return "Mob violence"
    if sub in ("Peaceful protest", "Arrests", "Violent demonstration"):
        protest = re.search(r"\bprotest|\bdemonstrat|\brall(?:y|ies)|\bmarch", sentence, re.I)
        if protest and _PROTEST_FORCE.search(sentence):
            return "Excessive force against protesters"
        own = _ON_CROWD.sub(" ", sentence)
        if protest and sub != "Violent demonstration" and _PROTEST_VIOLENT.search(own):
            return "Violent demonstration"
        if protest and _PROTEST_INTERVENTION.search(sentence):
            return "Protest with intervention" if sub != "Violent demonstration" else sub
    if sub == "Remote explosive/landmine/IED" and _SUICIDE.search(sentence):
        return "Suicide bomb"
    return sub


def _one_sided(t: Trigger, sentence: str, sent_start: int, lex: Lexicon) -> bool:
    """A raid or ambush on civilians ("stormed a village and killed 10 civilians", "ambushed a
    bus carrying civilians") is ACLED's Attack: only one side is armed."""
    if not lex.one_sided.match(t.text):
        return False
    after = sentence[t.end - sent_start : t.end - sent_start + 80]
    return bool(lex.civilian.search(after)) and not lex.armed.search(after)


_PASSIVE_THEN = re.compile(r"\b(?:was|were|been|being)\s+$", re.I)
_WHEN = re.compile(r"^\s*(?:\w+\s+){0,3}?(?:when|as|after)\b", re.I)


def _active_generic(generic: list[Trigger], sentence: str, sent_start: int) -> Trigger:
    """The generic trigger that tells the act: in "12 people were killed when gunmen attacked a
    village" the agent is told with "attacked", not with the passive "were killed"."""
    first = generic[0]
    before = sentence[: first.start - sent_start]
    if len(generic) > 1 and _PASSIVE_THEN.search(before):
        gap = sentence[first.end - sent_start : generic[1].start - sent_start]
        if _WHEN.match(gap) and len(gap) < 60:
            return generic[1]
    return first


def choose_types(
    triggers: list[Trigger], sentence: str, sent_start: int, weapons: list[Mention]
) -> list[Trigger]:
    """Pick the sub-event type(s) a sentence states from its kept triggers.

    Generic triggers ("attacked", "killed") take the type a weapon implies, else defer to any
    specific trigger, else become an Armed clash when the target is armed and an Attack on
    civilians otherwise. Among specific triggers, the highest priority wins; a lower-priority
    one survives only when it is far from the winner (its own clause, its own date), which the
    caller decides with dates.
    RETURNS (list[Trigger]): triggers with their final sub-event types, in text order.
    """
    lex = load_lexicon()
    specific = [t for t in triggers if not t.generic]
    if not specific:
        generic = [t for t in triggers if t.generic]
        if not generic:
            return []
        t = _active_generic(generic, sentence, sent_start)
        sub = _generic_type(t, sentence, sent_start, weapons, lex)
        return [Trigger(sub, t.start, t.end, t.text, t.priority, True)]
    typed = [
        Trigger(
            _specific_type(t, sentence, sent_start, weapons, lex),
            t.start,
            t.end,
            t.text,
            t.priority,
            False,
        )
        for t in specific
    ]
    return _supersede(typed, lex)


def _supersede(typed: list[Trigger], lex: Lexicon) -> list[Trigger]:
    """Retype the triggers a superseding type of the same sentence overrides
    (`supersedes` in triggers.yaml): "Houthis seized Harib after government forces withdrew
    without a fight" is one Non-violent transfer of territory, not also a capture."""
    present = {t.sub_event_type: t for t in typed}
    for winner, losers in lex.supersedes:
        if winner in present:
            top = present[winner]
            typed = [
                Trigger(winner, t.start, t.end, t.text, top.priority, False)
                if t.sub_event_type in losers
                else t
                for t in typed
            ]
    return typed


def _generic_type(
    t: Trigger, sentence: str, sent_start: int, weapons: list[Mention], lex: Lexicon
) -> str:
    """The sub-event type of a generic trigger: a weapon's hint, else who the target is."""
    hint = next(
        (w.attrs.get("sub_event_hint") for w in weapons if w.attrs.get("sub_event_hint")), None
    )
    if hint in EVENT_TYPE_OF:
        return str(hint)
    after = sentence[t.end - sent_start : t.end - sent_start + 80]
    before = sentence[: t.start - sent_start]
    passive = re.match(r"\s*(?:by|in an? |during|when)\b", after, re.I)
    if passive and lex.civilian.search(before[-60:]):
        # "1 civilian was killed by pro-government militia fire": the victims come
        # first, the armed actor after "by" is the perpetrator.
        sub = "Attack"
    elif lex.armed.search(after) and not lex.civilian.search(after[:30]):
        sub = "Armed clash"
    elif re.search(r"\bclash|\bfight(?!ers?\b)", after + before, re.I):
        sub = "Armed clash"
    else:
        sub = "Attack"
    return _refine(sub, sentence, weapons, before)


def _specific_type(
    t: Trigger, sentence: str, sent_start: int, weapons: list[Mention], lex: Lexicon
) -> str:
    """The sub-event type of a specific trigger, refined by its target and nearby weapons."""
    sub = _refine(t.sub_event_type, sentence, weapons, sentence[: t.start - sent_start])
    if sub == "Armed clash" and _one_sided(t, sentence, sent_start, lex):
        sub = "Attack"
    if (
        sub == "Violent demonstration"
        and t.text.lower().startswith("blocked")
        and not _PROTEST_VIOLENT.search(sentence)
    ):
        sub = "Peaceful protest"  # a road blockade alone (ACLED, April-May 2020)
    hint = next(
        (
            w.attrs.get("sub_event_hint")
            for w in weapons
            if w.attrs.get("sub_event_hint") and abs(w.start - t.start) < 60
        ),
        None,
    )
    if sub == "Armed clash" and t.text.lower().startswith("fired"):
        # "fired 82mm mortars at the positions of ...": the weapon fired decides.
        # With small arms among them, it is an exchange of fire (Armed clash).
        fired = [w for w in weapons if t.start <= w.start and w.end <= t.end]
        if any(
            w.attrs.get("sub_event_hint") == "Shelling/artillery/missile attack" for w in fired
        ) and not any(w.kind == "small_arms" for w in fired):
            sub = "Shelling/artillery/missile attack"
    if (
        hint in EVENT_TYPE_OF
        and EVENT_TYPE_OF[hint] == "Explosions/Remote violence"
        and (EVENT_TYPE_OF[sub] == "Explosions/Remote violence")
    ):
        if hint == "Chemical weapon" or sub in ("Shelling/artillery/missile attack",):
            sub = hint if hint != sub else sub
        elif hint == "Air/drone strike" and sub == "Remote explosive/landmine/IED":
            # "a barrel bomb attack": the bomb was dropped from the air, not planted.
            sub = hint
    return str(sub)


# Place ranks: 0 = a neighbourhood or site, 1 = a town or city, 2 = a district,
# 3 = a governorate or region, 4 = a country.
_RANKS = {
    "neighbourhood": 0, "neighborhood": 0, "microhood": 0, "macrohood": 0, "campus": 0,
    "poi": 0, "site": 0, "venue": 0, "building": 0, "landmark": 0, "military": 0,
    "locality": 1, "city": 1, "town": 1, "village": 1, "populated place": 1, "camp": 1,
    "localadmin": 1, "county": 2, "district": 2, "admin2": 2, "admin3": 2, "subdistrict": 2,
    "region": 3, "governorate": 3, "admin1": 3, "province": 3, "macroregion": 3,
    "country": 4, "continent": 5, "area": 2,
}  # fmt: skip


def place_rank(place: Place) -> int:
    """How coarse a place is (0 neighbourhood ... 4 country)."""
    kind = (place.placetype or "").lower()
    if kind in _RANKS:
        return _RANKS[kind]
    if place.geo_precision == 3:
        return 3
    return 1


def place_key(place: Place | None) -> str | None:
    """The identity of a place for merging: its gazetteer id, else its name."""
    if place is None:
        return None
    return place.gazetteer_id or (place.name or "").lower()


_ORIGIN = re.compile(
    r"(?:\bfrom|\bpositioned in|\bstationed in|\bbased in|\bresidents? of|\bnatives? of|"
    r"\bfled to|\bdisplaced to|\btransferred to|\btaken to|\barrived at|\bhospital in)\s+"
    r"(?:the\s+)?(?:[\w'’-]+\s+){0,3}$",
    re.I,
)
_COORD_GAP = re.compile(
    r"^(?:\s*(?:,|and|&|as well as|or)\s*)+(?:the\s+)?(?:towns? of |villages? of )?$", re.I
)


def event_places(
    text: str, places: list[Place], trigger: Trigger, sent_start: int, sent_end: int
) -> list[Place]:
    """Choose the place(s) of the event a trigger states, from the places in its sentence.

    Drops places named as an origin ("shelling from X", "fighters from X") when others remain,
    keeps the finest level named, and returns the whole coordinated list ("al-Marjeh,
    al-Meyassar and al-Sakhour") that the nearest such place belongs to: ACLED's one event per
    location.
    RETURNS (list[Place]): one place per event to make; empty when the sentence names none.
    """
    inside = [p for p in places if p.start is not None and sent_start <= p.start < sent_end]
    if not inside:
        return []

    def origin(p: Place) -> bool:
        at = p.start or 0
        m = _ORIGIN.search(text, max(sent_start, at - 40), at)
        if m is None:
            return False
        # Only the first place after "from" is the origin ("from X hit Y": Y is the target).
        return not any(
            q is not p and q.start is not None and m.start() < q.start < at for q in inside
        )

    targets = [p for p in inside if not origin(p)]
    if targets:
        inside = targets
    finest = min(place_rank(p) for p in inside)
    # A country is only the place when nothing finer is named.
    candidates = [p for p in inside if place_rank(p) == finest]
    if finest >= 4:
        return candidates[:1]
    nearest = min(candidates, key=lambda p: abs((p.start or 0) - trigger.start))
    # Grow the coordinated group around the nearest place.
    group = [nearest]
    ordered = sorted(candidates, key=lambda p: p.start or 0)
    i = ordered.index(nearest)
    j = i
    while j + 1 < len(ordered) and _COORD_GAP.match(
        text[ordered[j].end or 0 : ordered[j + 1].start or 0]
    ):
        j += 1
        group.append(ordered[j])
    j = i
    while j - 1 >= 0 and _COORD_GAP.match(text[ordered[j - 1].end or 0 : ordered[j].start or 0]):
        j -= 1
        group.insert(0, ordered[j])
    seen: set[str | None] = set()
    unique = []
    for p in group:
        key = place_key(p)
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique
