"""Geocoding a text: mentions -> containers -> candidates -> choice -> Places.

Two passes: the first reads every mention with only its container ("X in Aleppo",
"Aleppo's X"); the confident ones (score >= CONFIDENT) then give the second pass the
document's governorates and points. A mention read as inside its container absorbs the
container (no separate Place for "Aleppo" in "al-Mashhad neighbourhood in Aleppo").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sitrep.geo.containers import containers as find_containers
from sitrep.geo.containers import explicit_link, outside_container
from sitrep.geo.features import Mention, find_mentions
from sitrep.geo.fuzzy import fuzzy_candidates, qualified_candidates, skeleton_candidates
from sitrep.geo.gazetteer import Entry, Gazetteer, display_names, haversine_km, load_gazetteer
from sitrep.geo.hints import AreaHints, area_hints, focus_country
from sitrep.geo.lexicon import load_lexicon
from sitrep.geo.normalise import fallback_keys, name_key
from sitrep.geo.polygons import km_outside
from sitrep.geo.rank import Bearing, Choice, Context, choose, governorate_entry
from sitrep.geo.tokens import Token, tokenize
from sitrep.geo.weights import load_weights
from sitrep.records import Place

__all__ = ["geocode", "resolve", "country_name", "CONFIDENT"]

# thresholds and score factors: weights.yaml, section `geocoder` (one commented key each)
_W: dict[str, float] = load_weights().geocoder
CONFIDENT = _W["confident"]
MIN_ABROAD = _W["min_abroad"]
PARTIAL = _W["partial"]
WELL_KNOWN = _W["well_known"]  # prominence of a town too well known to be a namesake
PROMINENT = _W["prominent"]  # prominence of a large town (a governorate's capital: Homs 45)


def country_name(iso2: str) -> str:
    """Return the display name of a country code ("SY" -> "Syria"); the code if unknown."""
    return load_lexicon().country_names.get(iso2, iso2)


def _to_place(choice: Choice, mention: Mention | None, text_name: str) -> Place:
    entry = choice.entry
    return Place(
        name=display_names().get(entry.id, entry.name),
        mention=mention.text if mention else text_name,
        country=country_name(entry.country),
        admin1=entry.admin1,
        admin2=entry.admin2,
        admin3=entry.admin3,
        pcode=entry.pcode,
        latitude=entry.latitude,
        longitude=entry.longitude,
        geo_precision=choice.precision,
        placetype=entry.placetype,
        gazetteer_id=entry.id,
        score=choice.score,
        reason="; ".join(choice.reasons),
        start=mention.start if mention else None,
        end=mention.end if mention else None,
    )


def _candidates(mention: Mention, gazetteer: Gazetteer) -> list[Entry]:
    entries = gazetteer.lookup(mention.key)
    if not entries and not mention.fuzzy:
        for key in fallback_keys(mention.text):
            entries = gazetteer.lookup(key)
            if entries:
                break
    if any(e.source == "world-countries" for e in entries):
        # another country's name only as written: "al-Mallah" is not Mali
        entries = [
            e for e in entries if e.source != "world-countries" or e.country == mention.country
        ]
    return entries


def _context_for(
    k: int,
    mentions: list[Mention],
    containers: dict[int, int],
    chosen: dict[int, Choice],
    base: Context,
) -> Context:
    """Return the context of mention k: the pass's base, less what the name's own other
    mentions would vouch for, plus the text's confident points and k's container."""
    ctx = Context(
        country=base.country,
        admin1_counts=base.admin1_counts,
        named_admin1=base.named_admin1,
        bearings=[b for b in base.bearings if b.source != k],
        districts=base.districts,
        force_areas=base.force_areas,
    )
    key = mentions[k].key
    # a name's other mentions do not vouch for its own reading ("al-Zahraa" read in Aleppo
    # once is no evidence that the next "al-Zahraa" lies near Aleppo)
    ctx.points = [
        (c.entry.latitude, c.entry.longitude)
        for j, c in chosen.items()
        if j != k
        and mentions[j].key != key
        and c.score >= CONFIDENT
        and c.entry.latitude is not None
        and c.entry.longitude is not None
        and c.entry.placetype not in ("country", "region")
    ]
    ctx.previous = _previous_point(k, key, mentions, chosen)
    own = [
        c.entry.admin1
        for j, c in chosen.items()
        if mentions[j].key == key
        and c.score >= CONFIDENT
        and c.entry.admin1
        and c.entry.placetype != "country"
    ]
    if own and ctx.admin1_counts:
        # nor do they count for its governorate
        ctx.admin1_counts = ctx.admin1_counts - Counter(own)
    j = containers.get(k)
    if j is not None and j in chosen:
        _add_container(ctx, mentions[j], chosen[j])
    return ctx


def _add_container(ctx: Context, outer: Mention, reading: Choice) -> None:
    """Put a mention's container, read already, into its context: the place itself, or its
    governorate (with the governorate's capital as a hint) for "X in Idlib province"."""
    container = reading.entry
    region = _region_reading(outer, reading)
    if region is not None:
        # "X in Deir-ez-Zor": a governorate capital named as container stands for the
        # governorate (ACLED notes' habit), the town itself a strong hint
        ctx.container_admin1 = region
        ctx.points = [*ctx.points, (container.latitude, container.longitude)]  # type: ignore[list-item]
    elif container.placetype == "region" or outer.level == "admin":
        ctx.container_admin1 = container.admin1
        city = _capital_of(outer, container)
        if city is not None and outer.level != "admin":
            # "al-Zahraa neighbourhood of Homs": the governorate's capital a strong hint
            ctx.points = [*ctx.points, city]
        if outer.countryside and container.placetype != "region":
            ctx.container = container
    elif container.placetype != "country":
        ctx.container = container


def _previous_point(
    k: int, key: str, mentions: list[Mention], chosen: dict[int, Choice]
) -> tuple[float, float] | None:
    """Return the point of the last town or neighbourhood confidently read before mention k
    under another name: the place the text was just talking about."""
    for j in range(k - 1, -1, -1):
        c = chosen.get(j)
        if c is None or mentions[j].key == key or c.score < CONFIDENT:
            continue
        entry = c.entry
        if entry.placetype in ("country", "region", "county") or entry.latitude is None:
            continue
        if entry.longitude is None:
            continue
        return entry.latitude, entry.longitude
    return None


def _capital_of(mention: Mention, region: Entry) -> tuple[float, float] | None:
    """Return the point of the city a governorate's name also names ("Homs"), if any."""
    if region.placetype != "region":
        return None
    for candidate in load_gazetteer().lookup(mention.key):
        if (
            candidate.placetype == "locality"
            and candidate.admin1 == region.admin1
            and candidate.prominence >= PROMINENT
            and candidate.latitude is not None
            and candidate.longitude is not None
        ):
            return candidate.latitude, candidate.longitude
    return None


def _region_reading(mention: Mention, choice: Choice) -> str | None:
    """Return the governorate a container mention also names ("Deir-ez-Zor", "Idlib"), if any."""
    entry = choice.entry
    if entry.placetype != "locality" or entry.country != "SY" or mention.level == "locality":
        return None
    gazetteer = load_gazetteer()
    for candidate in gazetteer.lookup(mention.key):
        if candidate.placetype == "region" and candidate.id.startswith("adm1:"):
            return candidate.admin1
    return None


def _absorbs(choice: Choice, container: Choice) -> bool:
    inner, outer = choice.entry, container.entry
    if outer.placetype == "country" or inner.id == outer.id or choice.doubtful:
        # a reading the text's own container contradicts does not stand in for the container
        return False
    if outer.placetype == "region" or (
        outer.placetype == "locality"
        and outer.prominence >= PROMINENT
        and inner.admin1 == outer.admin1
    ):
        return inner.admin1 == outer.admin1
    if None in (inner.latitude, inner.longitude, outer.latitude, outer.longitude):
        return False
    km = haversine_km(inner.latitude, inner.longitude, outer.latitude, outer.longitude)  # type: ignore[arg-type]
    return km <= _W["absorb_km"]


_FuzzySlot = tuple[str, float | None, float | None]


@dataclass
class _Text:
    """What every step of reading a text shares: its mentions and tokens, the containers
    ("X in Y": mention index -> container index), the gazetteer, the focus country, the area
    hints, and the fuzzy candidates already looked up (per name and point)."""

    mentions: list[Mention]
    tokens: list[Token]
    gazetteer: Gazetteer
    country: str | None
    hints: AreaHints
    containers: dict[int, int]
    fuzzy_cache: dict[_FuzzySlot, list[Entry]] = field(default_factory=dict)


@dataclass(slots=True)
class _Link:
    """A mention's container read already, when the text links the two explicitly ("X
    neighbourhood in Y"); region: the governorate the container's name also names."""

    outer: Choice
    region: str | None


def _resolve_all(
    mentions: list[Mention],
    tokens: list[Token],
    gazetteer: Gazetteer,
    country: str | None,
    hints: AreaHints,
) -> tuple[dict[int, Choice], set[int]]:
    """Read every mention (two passes); hints: the areas the text's operations and forces
    imply (its governorates count as named while the text names none)."""
    text = _Text(mentions, tokens, gazetteer, country, hints, find_containers(mentions, tokens))
    base = Context(
        country=country,
        named_admin1=set(hints.governorates),
        districts=hints.districts,
        force_areas=hints.held,
    )
    chosen: dict[int, Choice] = {}
    containers = text.containers
    order = sorted(range(len(mentions)), key=lambda k: k not in containers.values())
    for second in (False, True):
        for k in order:
            choice = _read_mention(k, text, chosen, base, second)
            if choice is not None:
                chosen[k] = choice
            elif second and mentions[k].fuzzy:
                # a misspelt name the whole text rules out ("Jeb Shair ... in eastern Homs":
                # its one twin lies in Ar Raqqa) loses the first pass's guess
                chosen.pop(k, None)
        base = _next_context(text, chosen)
    _one_sense(mentions, containers, chosen)
    absorbed = {
        j
        for k, j in containers.items()
        if k in chosen and j in chosen and _absorbs(chosen[k], chosen[j])
    }
    return chosen, absorbed


def _read_mention(
    k: int, text: _Text, chosen: dict[int, Choice], base: Context, second: bool
) -> Choice | None:
    """Return the reading of mention k in one pass (None: no reading, keep any earlier one);
    second: the second pass, which gives reasons and moves doubtful readings home."""
    mention = text.mentions[k]
    ctx = _context_for(k, text.mentions, text.containers, chosen, base)
    entries = _candidates(mention, text.gazetteer)
    if not entries and mention.fuzzy:
        entries = _fuzzy_entries(mention, ctx, text)
        if not entries:
            return None
    # the first pass's reasons are thrown away when the second reads the same candidates
    choice = choose(entries, mention, ctx, explain=second or mention.fuzzy)
    if choice is None:
        return None
    _discount_cues(choice, mention)
    return _check_against_text(k, choice, ctx, text, chosen, second)


def _fuzzy_entries(mention: Mention, ctx: Context, text: _Text) -> list[Entry]:
    """Return the candidates of a name the gazetteer lacks: one edit from a name near the
    context's point, else its skeleton twins inside the governorates the text names."""
    cache, gazetteer = text.fuzzy_cache, text.gazetteer
    entries: list[Entry] = []
    point = ctx.container or _nearest_point(ctx)
    if point is not None and point.latitude is not None and point.longitude is not None:
        slot: _FuzzySlot = (mention.key, point.latitude, point.longitude)
        if slot not in cache:
            cache[slot] = fuzzy_candidates(mention.key, gazetteer, point.latitude, point.longitude)
        entries = cache[slot]
    if entries:
        return entries
    loose: _FuzzySlot = (mention.key, None, None)
    if loose not in cache:
        cache[loose] = skeleton_candidates(mention.key, gazetteer, text.country)
    entries = cache[loose]
    named = ctx.named_admin1 or set(ctx.admin1_counts)
    if ctx.container_admin1:
        named = {ctx.container_admin1}  # "the Ithriyah area of Hama"
    if ctx.container is None and (named or not _one_place(entries)):
        # a misspelt name is trusted only inside a governorate the text names,
        # or when it has one reading and the text nothing to contradict it
        inside = [e for e in entries if e.admin1 in named]
        if not inside and ctx.container_admin1:
            # "Al-Zafiriyah village in southern Idleb": a twin just across the border the
            # text names stands (Zafriyeh, Hama), as an exact name's reading there does
            inside = [e for e in entries if _near_border(e, ctx.container_admin1)]
        entries = inside
    return entries


def _discount_cues(choice: Choice, mention: Mention) -> None:
    """Lower the score of a fuzzy match, of where people come from ("fighters from X"), and
    of a name that may head a longer one the gazetteer lacks."""
    if mention.fuzzy:
        choice.reasons.insert(0, "fuzzy match of a misspelt name near its context")
        choice.score = round(choice.score * _W["fuzzy"], 3)
    if mention.origin:
        choice.score = round(choice.score * _W["origin"], 3)
        choice.reasons.append("where people come from, not where it happened")
    if mention.partial:
        choice.score = round(choice.score * PARTIAL, 3)
        choice.reasons.append("maybe the head of a longer name the gazetteer lacks")


def _check_against_text(
    k: int, choice: Choice, ctx: Context, text: _Text, chosen: dict[int, Choice], second: bool
) -> Choice:
    """Doubt a reading the text's container or its one named governorate contradicts (a
    spelling twin inside may replace it); in the second pass, move a doubtful reading home."""
    mention = text.mentions[k]
    entry = choice.entry
    link = _link(k, text, chosen)
    if link is not None and outside_container(entry, link.outer.entry, link.region):
        choice = _doubt_container(choice, mention, ctx, text, link)
    only = _only_governorate(choice, ctx)
    if only is not None:
        choice = _doubt_governorate(choice, mention, ctx, text, only)
    if second and choice.doubtful and choice.entry.country == text.country:
        # (a doubtful reading abroad is dropped as implausible, not moved home)
        if link is not None:
            choice = _inside_container(mention, choice, link.outer, link.region)
        elif only is not None:
            choice = _inside_governorate(mention, choice, only, text.gazetteer)
    return choice


def _link(k: int, text: _Text, chosen: dict[int, Choice]) -> _Link | None:
    """Return mention k's container reading when the text links them explicitly, else None."""
    j = text.containers.get(k)
    if j is None or j not in chosen:
        return None
    if not explicit_link(text.mentions[k], text.mentions[j], text.tokens):
        return None
    return _Link(chosen[j], _region_reading(text.mentions[j], chosen[j]))


def _doubt_container(
    choice: Choice, mention: Mention, ctx: Context, text: _Text, link: _Link
) -> Choice:
    """Mark a reading not in or near its container as doubtful; return it, or the reading of
    a spelling twin inside the container's governorate when that scores higher."""
    outer = link.outer
    choice.score = round(choice.score * _W["doubtful"], 3)
    choice.doubtful = True
    choice.reasons.append(f"doubtful: not in or near {outer.entry.name}, where the text puts it")
    where = link.region or _governorate(outer.entry)
    if where is not None:
        twin = _twin_inside(mention, ctx, text.gazetteer, text.country, where, towns=True)
        if twin is not None and twin.score > choice.score:
            return twin
    return choice


def _only_governorate(choice: Choice, ctx: Context) -> str | None:
    """Return the one governorate the text names when a village reading lies outside it (and
    no container says where the mention is), else None. A reading abroad counts whatever its
    size ("Jellin" in a note on the Khalid ibn al-Walid Army is no reading of China's Jilin)."""
    entry = choice.entry
    abroad = ctx.country is not None and entry.country != ctx.country
    village = entry.placetype not in ("country", "region") and (
        entry.prominence < PROMINENT or abroad
    )
    if (
        len(ctx.named_admin1) == 1
        and ctx.container is None
        and entry.admin1 not in ctx.named_admin1
        and village
    ):
        return next(iter(ctx.named_admin1))
    return None


def _doubt_governorate(
    choice: Choice, mention: Mention, ctx: Context, text: _Text, only: str
) -> Choice:
    """Mark a reading outside the one governorate the text names as doubtful; return it, or
    the reading of a spelling twin inside that governorate when that scores higher."""
    choice.score = round(choice.score * _W["doubtful"], 3)
    choice.doubtful = True
    choice.reasons.append(f"doubtful: outside {only}, the governorate the text names")
    abroad = choice.entry.country != text.country  # "the outskirts of Jellin": a town's twin
    if abroad and text.tokens[mention.first].sentence_start:
        return choice  # "Amid Islamic State's shelling": a capitalised word, no place
    twin = _twin_inside(mention, ctx, text.gazetteer, text.country, only, towns=abroad)
    if twin is not None and twin.score > choice.score:
        return twin
    return choice


def _next_context(text: _Text, chosen: dict[int, Choice]) -> Context:
    """Return the context the first pass's readings give the second: the governorates of the
    confident readings, those the text names, and the directions it takes."""
    counts: Counter[str] = Counter(
        c.entry.admin1
        for c in chosen.values()
        if c.score >= CONFIDENT and c.entry.admin1 and c.entry.placetype != "country"
    )
    named = _named_governorates(text, chosen)
    return Context(
        country=text.country,
        admin1_counts=counts,
        named_admin1=named or set(text.hints.governorates),
        bearings=_bearings(text.mentions, chosen),
        districts=text.hints.districts,
        force_areas=text.hints.held,
    )


def _named_governorates(text: _Text, chosen: dict[int, Choice]) -> set[str]:
    """Return the governorates the text names: its readings as a governorate, "X province",
    or a large town, read with some confidence in the focus country, no fuzzy match, not
    named as a government's seat ("the regime in Damascus")."""
    mentions = text.mentions
    return {
        c.entry.admin1
        for j, c in chosen.items()
        if c.entry.admin1
        and c.score >= _W["named_score"]
        and not mentions[j].fuzzy
        and not mentions[j].seat
        and c.entry.country == text.country
        and (
            c.entry.placetype == "region"
            or mentions[j].level == "admin"
            or c.entry.prominence >= PROMINENT
        )
    }


def _inside_container(
    mention: Mention, choice: Choice, outer: Choice, region: str | None
) -> Choice:
    """Return the reading "somewhere in or near the container" for a name the text puts in a
    place read confidently, where the gazetteer has it only far away ("Kurdan neighbourhood in
    the centre of Ar-Raqqa city" is in Ar-Raqqa, not Kurdani in Afrin): the text's own words
    win over a namesake elsewhere, at a coarser precision. A container read with doubt changes
    nothing, nor does a well-known town ("Raqqa ... Manbij" names two towns, whatever the link
    between them seems to say); another city's neighbourhood is no well-known town."""
    elsewhere = choice.entry
    if (
        outer.score < CONFIDENT
        or outer.doubtful
        or outer.entry.placetype == "country"
        or (elsewhere.placetype == "locality" and elsewhere.prominence >= WELL_KNOWN)
        or elsewhere.placetype in ("region", "county", "country")
        or _near_border(elsewhere, region or _governorate(outer.entry))
    ):
        return choice
    container = outer.entry
    precision = 3 if container.placetype in ("region", "county") else 2
    return Choice(
        container,
        choice.raw,
        round(outer.score * _W["inside_container"], 3),
        precision,
        [
            f"'{mention.text}' is not in the gazetteer in or near {container.name}, where the"
            f" text puts it: read as part of {container.name}",
            f"its nearest namesake, {elsewhere.name} ({elsewhere.admin1 or elsewhere.country}),"
            " contradicts the text",
        ],
    )


def _inside_governorate(
    mention: Mention, choice: Choice, admin1: str, gazetteer: Gazetteer
) -> Choice:
    """Return the reading "somewhere in the governorate the text names" for a name the
    gazetteer has only outside it ("Hamdan Airbase north of Abu Kamal in Deir-ez-Zor
    governorate": not Hamdan in Al-Hasakeh), at precision 3; the reading stands for a
    well-known town, a place within 50 km of that governorate, or a name the text puts in
    another place (see `_inside_container`)."""
    elsewhere = choice.entry
    if (
        elsewhere.admin1 == admin1
        or (elsewhere.placetype == "locality" and elsewhere.prominence >= WELL_KNOWN)
        or _near_border(elsewhere, admin1)
    ):
        return choice
    region = governorate_entry(gazetteer, admin1)
    if region is None:
        return choice
    return Choice(
        region,
        choice.raw,
        choice.score,  # as unsure as the reading it replaces: the name may be no place at all
        3,
        [
            f"'{mention.text}' is not in the gazetteer in {admin1}, the governorate the text"
            f" names: read as somewhere in {admin1}",
            f"its nearest namesake, {elsewhere.name} ({elsewhere.admin1 or elsewhere.country}),"
            " contradicts the text",
        ],
    )


def _governorate(entry: Entry) -> str | None:
    """Return the governorate a governorate reading names, else None."""
    return entry.admin1 if entry.placetype == "region" else None


def _near_border(entry: Entry, admin1: str | None, km: float = _W["near_border_km"]) -> bool:
    """Return True when a reading lies within `km` of the governorate the text puts it in: a
    place near the border the text may well put on the other side ("Al-Zafiriyah village in
    southern Idleb on the border with northern Hama", "Jobar in Rural Damascus", "Rukban camp
    ... in the Homs governorate")."""
    if admin1 is None or entry.latitude is None or entry.longitude is None:
        return False
    outside = km_outside(entry.latitude, entry.longitude, admin1)
    return outside is not None and outside <= km


def _twin_inside(
    mention: Mention,
    ctx: Context,
    gazetteer: Gazetteer,
    country: str | None,
    admin1: str,
    *,
    towns: bool = False,
) -> Choice | None:
    """Return the reading of a spelling twin inside the governorate the text puts a name in,
    for a name whose own readings all lie outside it ("Tlul al Homer ... Rural Damascus").
    towns: also for "the countryside of X" (a town's twin: "As-Salmiyah city in the eastern
    countryside of Hama" is Salamiyah in Hama, not the Salamiyah of Lattakia)."""
    if mention.fuzzy or (mention.level == "admin" and not towns):
        return None
    tails = load_lexicon().qualifier_tails
    twins = [
        e
        for e in skeleton_candidates(mention.key, gazetteer, country)
        + qualified_candidates(mention.key, gazetteer, country, tails)
        if e.admin1 == admin1 and (not towns or e.placetype == "locality")
    ]
    choice = choose(twins, mention, ctx)
    if choice is None:
        return None
    choice.reasons.insert(0, f"spelling twin inside {admin1}, where the text puts it")
    choice.score = round(choice.score * _W["twin"], 3)
    return choice


def _bearings(mentions: list[Mention], chosen: dict[int, Choice]) -> list[Bearing]:
    """Return the directions the text takes from confidently read places ("eastern
    countryside of Aleppo", "east of Salamiyah")."""
    out = []
    for k, choice in chosen.items():
        bearing = mentions[k].bearing
        entry = choice.entry
        if (
            bearing is None
            or choice.score < _W["named_score"]
            or entry.admin1 is None
            or entry.latitude is None
            or entry.longitude is None
            or entry.placetype == "country"
        ):
            continue
        out.append(Bearing(k, entry.name, entry.admin1, entry.latitude, entry.longitude, *bearing))
    return out


def _one_place(entries: list[Entry], km: float = _W["one_place_km"]) -> bool:
    """Return True when the entries are one place (all within `km` of the first)."""
    if not entries:
        return False
    first = entries[0]
    if first.latitude is None or first.longitude is None:
        return len(entries) == 1
    return all(
        e.latitude is not None
        and e.longitude is not None
        and haversine_km(first.latitude, first.longitude, e.latitude, e.longitude) <= km
        for e in entries
    )


def _one_sense(
    mentions: list[Mention], containers: dict[int, int], chosen: dict[int, Choice]
) -> None:
    """Give every mention of a name the reading of its most confident mention (same cues); a
    mention read inside its container ("al-Zahraa neighbourhood of Homs") goes first."""

    def rank(k: int) -> tuple[bool, float]:
        choice = chosen[k]
        return (k in containers and not choice.doubtful, choice.score)

    best: dict[str, int] = {}
    for k in chosen:
        slot = mentions[k].key
        if mentions[k].level != "admin" and (slot not in best or rank(k) > rank(best[slot])):
            best[slot] = k
    for k, choice in chosen.items():
        slot = mentions[k].key
        if slot not in best or mentions[k].level == "admin":
            continue
        top = chosen[best[slot]]
        if best[slot] != k and k not in containers and top.entry.id != choice.entry.id:
            choice.entry = top.entry
            choice.score = round(top.score * _W["same_name"], 3)
            choice.reasons = [
                f"same name as '{mentions[best[slot]].text}' read earlier",
                *top.reasons[:1],
            ]


def _nearest_point(ctx: Context) -> Entry | None:
    if not ctx.points:
        return None
    lat, lon = ctx.points[-1]
    return Entry("ctx", "context", "point", "", None, None, lat, lon)


def geocode(
    text: str, *, doc: object | None = None, gazetteer: Gazetteer | None = None
) -> list[Place]:
    """Return every place mentioned in a text, in text order, each read in context.

    Country names come back with placetype "country" (callers skip them as event places);
    demonyms ("Russian"), people and organisations ("Assad", "Fateh Halab") are left out. A
    container ("al-Mashhad neighbourhood in Aleppo") is absorbed into the place inside it.

    text (str): the text.
    doc (spacy.tokens.Doc | None): the text's spaCy Doc, if the caller has one: mentions inside
        its PERSON/ORG/NORP entities are dropped.
    gazetteer (Gazetteer | None): the gazetteer; load_gazetteer() when None.
    RETURNS (list[Place]): one Place per mention; start/end are offsets in `text`.
    """
    gazetteer = gazetteer or load_gazetteer()
    tokens = tokenize(text)
    mentions = find_mentions(text, gazetteer, tokens)
    mentions = _drop_entity_mentions(mentions, doc, text)
    if not mentions:
        return []
    hints = area_hints(text)
    country = focus_country(mentions, gazetteer, tokens=tokens, hints=hints)
    if country != "SY" and (full := gazetteer.with_more(country)) is not gazetteer:
        gazetteer = full
        mentions = _drop_entity_mentions(find_mentions(text, gazetteer, tokens), doc, text)
    chosen, absorbed = _resolve_all(mentions, tokens, gazetteer, country, hints)
    return [
        _to_place(chosen[k], m, m.text)
        for k, m in enumerate(mentions)
        if k in chosen and k not in absorbed and not _implausible(chosen[k], country)
    ]


def _implausible(choice: Choice, country: str) -> bool:
    """A weak reading abroad (a person's name that is also a Turkish village) is dropped."""
    entry = choice.entry
    if entry.placetype == "country" or entry.country == country:
        return False
    return choice.score < MIN_ABROAD or entry.prominence < PROMINENT


def _drop_entity_mentions(
    mentions: list[Mention], doc: object | None, text: str = ""
) -> list[Mention]:
    """Drop mentions that spaCy reads as part of a longer person's or organisation's name.

    Only a mention strictly inside a PERSON/ORG entity whose other words hold no place and
    no possessive goes ("Hasanien" in "Abu al Hasanien"); a whole entity is kept, since the
    small English model often tags Syrian villages as people or organisations.
    """
    if doc is None or not hasattr(doc, "ents"):
        return mentions
    spans = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("PERSON", "ORG")]
    starts = {(m.start, m.end) for m in mentions}
    kept = []
    for m in mentions:
        drop = False
        for s, e in spans:
            if s <= m.start and m.end <= e and (s, e) != (m.start, m.end):
                rest = text[s : m.start] + " " + text[m.end : e]
                other_place = any(
                    s <= a and b <= e and (a, b) != (m.start, m.end) for a, b in starts
                )
                if not other_place and "'s" not in rest and "’s" not in rest:
                    drop = True
        if not drop or m.country is not None:
            kept.append(m)
    return kept


def resolve(
    name: str,
    *,
    context: str | None = None,
    country: str | None = "SY",
    near: tuple[float, float] | None = None,
    gazetteer: Gazetteer | None = None,
) -> Place | None:
    """Return the best reading of one place name, or None when the gazetteer has no such name.

    name (str): a place name, in any common spelling ("Ramouseh", "Dayr az Zawr", "إدلب"); cue
        words work too ("Idlib province", "countryside of Hama").
    context (str | None): a containing place ("Aleppo"), read first and used like "X in Y".
    country (str | None): ISO2 code of the focus country; None for no preference.
    near (tuple[float, float] | None): (lat, lon) the place is expected near.
    gazetteer (Gazetteer | None): the gazetteer; load_gazetteer() when None.
    RETURNS (Place | None): the place, with start/end None.
    """
    gazetteer = gazetteer or load_gazetteer()
    if country != "SY":
        gazetteer = gazetteer.with_more(country)
    text = name.strip()
    tokens = tokenize(text)
    mentions = find_mentions(text, gazetteer, tokens)
    mention = next((m for m in mentions if not m.fuzzy), None)
    if mention is None:
        key = name_key(text)
        mention = Mention(
            text=text,
            start=0,
            end=len(text),
            key=key,
            keys=[key],
            first=0,
            last=max(0, len(tokens) - 1),
        )
    ctx = Context(country=country)
    if near is not None:
        ctx.points = [near]
    if context:
        container = resolve(context, country=country, gazetteer=gazetteer)
        if container is not None and container.gazetteer_id:
            entry = _entry_of(container, gazetteer)
            if entry is not None and entry.placetype == "region":
                ctx.container_admin1 = entry.admin1
            elif entry is not None:
                ctx.container = entry
    entries = _candidates(mention, gazetteer)
    if not entries:
        point = ctx.container or (_nearest_point(ctx) if ctx.points else None)
        if point is not None and point.latitude is not None and point.longitude is not None:
            entries = fuzzy_candidates(mention.key, gazetteer, point.latitude, point.longitude)
    choice = choose(entries, mention, ctx)
    if choice is None:
        return None
    place = _to_place(choice, None, text)
    return place


def _entry_of(place: Place, gazetteer: Gazetteer) -> Entry | None:
    for entry in gazetteer.lookup(name_key(place.mention or place.name)):
        if entry.id == place.gazetteer_id:
            return entry
    return None
