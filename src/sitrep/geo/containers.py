"""Containers: which place of a text another one sits in ("X in Y", "Y's X", "X, Y", "X (Y)",
"X near Y", lists "A, B and C in Y"), and whether a reading lies outside its container.
"""

from __future__ import annotations

import re

from sitrep.geo.features import Mention
from sitrep.geo.gazetteer import Entry, haversine_km
from sitrep.geo.lexicon import Lexicon, load_lexicon
from sitrep.geo.tokens import Token
from sitrep.geo.weights import load_weights

__all__ = ["LIST_WORDS", "containers", "explicit_link", "outside_container"]

LIST_WORDS = frozenset({"and", "or", "&"})
_CLAUSE_BREAK = re.compile(r"[\n.;:!?]")
_OUTSIDE_KM = load_weights().geocoder["outside_km"]  # weights.yaml


def containers(mentions: list[Mention], tokens: list[Token]) -> dict[int, int]:
    """Return {mention index: container mention index} from "X ... in Y", "Y's X", "X, Y"."""
    lexicon = load_lexicon()
    by_first = {m.first: k for k, m in enumerate(mentions)}
    found: dict[int, int] = {}
    for k, m in enumerate(mentions):
        # Y's X
        if k > 0 and mentions[k - 1].possessive and mentions[k - 1].last == m.first - 1:
            found[k] = k - 1
            continue
        # X (Y)
        j = m.last + 1
        if j in by_first and tokens[j].gap_before.strip() == "(":
            found[k] = by_first[j]
            continue
        outer = _container_after(k, mentions, tokens, by_first, lexicon)
        if outer is not None:
            found[k] = outer
    _share_list_containers(mentions, tokens, found)
    return found


def _container_after(
    k: int, mentions: list[Mention], tokens: list[Token], by_first: dict[int, int], lexicon: Lexicon
) -> int | None:
    """Return the container that follows mention k: "X [up to 4 words] in|of [the]
    [direction] Y" or "X, Y" (Y not the next item of a list); else None."""
    m = mentions[k]
    j = m.last + 1
    steps = 0
    while j < len(tokens) and steps < 6:
        token = tokens[j]
        if token.gap_before != " " and _CLAUSE_BREAK.search(token.gap_before):
            return None
        if "," in token.gap_before and _new_clause(j, m, tokens, by_first):
            return None  # "Rural Damascus, likely concentrated in Sa'sa": another clause
        if j in by_first and j != m.last + 1:
            return None
        if token.lower == "near" and tokens[j - 1].lower in LIST_WORDS:
            return None  # "X and near Y": two places, not X near Y
        if token.lower in lexicon.container_words or (
            j == m.last + 1
            and "," in token.gap_before
            and j in by_first
            and not _list_goes_on(mentions[by_first[j]], mentions, tokens, by_first)
        ):
            n = _skip_fillers(m, j, tokens, by_first, lexicon)
            return by_first[n] if n in by_first and by_first[n] != k else None
        if token.cap:
            return None
        j += 1
        steps += 1
    return None


def _skip_fillers(
    m: Mention, j: int, tokens: list[Token], by_first: dict[int, int], lexicon: Lexicon
) -> int:
    """Return the token index of the container after the link word at j, past "the", "a", a
    direction and, right after the place, fillers ("X village in the countryside of Y")."""
    n = j + (0 if j in by_first else 1)
    fillers = lexicon.container_fillers if _adjoins(m, j, tokens) else frozenset()
    while (
        n < len(tokens)
        and n not in by_first
        and (
            tokens[n].lower in ("the", "a")
            or tokens[n].lower in lexicon.directions
            or tokens[n].lower in fillers
        )
    ):
        n += 1
    return n


def _share_list_containers(
    mentions: list[Mention], tokens: list[Token], found: dict[int, int]
) -> None:
    """Give every item of a list its neighbour's container: "Aleppo's A, B and C", "A, B and
    C in Aleppo" (in place, until nothing changes)."""
    listed_pairs = []
    for k in range(len(mentions) - 1):
        a, b = mentions[k], mentions[k + 1]
        between = tokens[a.last + 1 : b.first]
        gap = tokens[b.first].gap_before
        if (not between and "," in gap) or (len(between) == 1 and between[0].lower in LIST_WORDS):
            listed_pairs.append(k)
    changed = bool(listed_pairs)
    while changed:  # until every item of a list has its container
        changed = False
        for k in listed_pairs:
            if k in found and k + 1 not in found and found[k] != k + 1:
                found[k + 1] = found[k]
                changed = True
            elif k + 1 in found and k not in found and found[k + 1] != k:
                found[k] = found[k + 1]
                changed = True


def _adjoins(mention: Mention, j: int, tokens: list[Token]) -> bool:
    """Return True when token j follows the mention with at most a place word between them
    and no comma ("X in", "X village in"; not "X, concentrated in")."""
    place_words = load_lexicon().place_after
    between = range(mention.last + 1, j)
    return all(tokens[i].lower in place_words for i in between) and not any(
        "," in tokens[i].gap_before for i in range(mention.last + 1, j + 1)
    )


def _new_clause(j: int, mention: Mention, tokens: list[Token], by_first: dict[int, int]) -> bool:
    """Return True when a comma before token j opens another clause: anywhere but right after
    the mention, where ", Y", ", in Y" and ", north of Y" still name the mention's container."""
    if j > mention.last + 1:
        return True
    lexicon = load_lexicon()
    lower = tokens[j].lower
    return not (j in by_first or lower in lexicon.container_words or lower in lexicon.directions)


def _list_goes_on(
    mention: Mention, mentions: list[Mention], tokens: list[Token], by_first: dict[int, int]
) -> bool:
    """Return True when another place follows the mention as a list item (", Z", "and Z").

    A country's name after a place that is none ("X, Donetsk, Ukraine") closes an address
    chain, not a list: Donetsk still contains X."""
    j = mention.last + 1
    if j >= len(tokens):
        return False
    if "," in tokens[j].gap_before and j in by_first:
        return not (mentions[by_first[j]].country and not mention.country)
    return tokens[j].lower in LIST_WORDS and j + 1 in by_first


def explicit_link(inner: Mention, outer: Mention, tokens: list[Token]) -> bool:
    """Return True for "X in/of Y" and "Y's X"; False for a list "X, Y"."""
    if outer.last < inner.first:
        return outer.possessive and outer.last == inner.first - 1
    words = load_lexicon().container_words
    return any(t.lower in words for t in tokens[inner.last + 1 : outer.first])


def outside_container(inner: Entry, outer: Entry, region: str | None = None) -> bool:
    """Return True when a reading lies outside its container: outside the governorate a
    container names ("X in Idlib", "X in Hama province"), else beyond 60 km and in another
    governorate."""
    if inner.placetype in ("country", "region") or outer.placetype == "country":
        return False
    if not inner.admin1 or not outer.admin1 or inner.admin1 in (outer.admin1, region):
        return False  # "Rakhim in Dar'a": in the governorate Dar'a names, whatever town it is
    if outer.placetype == "region" or region is not None:
        return True
    if None in (inner.latitude, inner.longitude, outer.latitude, outer.longitude):
        return False
    km = haversine_km(inner.latitude, inner.longitude, outer.latitude, outer.longitude)  # type: ignore[arg-type]
    return km > _OUTSIDE_KM
