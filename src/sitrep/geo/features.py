"""Finding place mentions in text, and the context words around each one.

`find_mentions(text, gazetteer)` scans capitalised word runs (and the curated lower-case
phrases such as "3,000 project"), longest first, and keeps the runs whose name key is in the
gazetteer and is not blocked (`data/blocked.yaml`, spaCy's English stop words, demonyms of
`data/countries.yaml`). Each Mention carries its cues (`data/cues.yaml`): "X province",
"countryside of X", "near X", "X neighbourhood", a possessive "X's", and the words linking it
to a container ("X neighbourhood in Y").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.lexicon import Lexicon, load_lexicon
from sitrep.geo.normalise import fallback_keys, load_rules, name_key
from sitrep.geo.starts import case_first_words, may_start_name, start_words
from sitrep.geo.tokens import SENTENCE_END, TOKEN_RE, Token, tokenize
from sitrep.geo.unknown import unknown_key, unknown_name
from sitrep.geo.weights import load_weights

__all__ = [
    "Token",
    "Mention",
    "Lexicon",
    "load_lexicon",
    "tokenize",
    "find_mentions",
    "TOKEN_RE",
]


@dataclass
class Mention:
    """A run of tokens whose name key is in the gazetteer, with its context cues.

    level: "admin" (province/countryside reading), "district", "neighbourhood", "locality" or
    None. near: the text says near/around/outskirts (geo_precision 2). container_link: the
    position (token index) just after the mention where "in"/"of"/"," leads to a container.
    """

    text: str
    start: int
    end: int
    key: str
    keys: list[str]
    first: int
    last: int
    possessive: bool = False
    level: str | None = None
    near: bool = False
    countryside: bool = False
    cue_words: list[str] = field(default_factory=list)
    country: str | None = None
    fuzzy: bool = False
    direction: bool = False
    bearing: tuple[int, int] | None = None
    origin: bool = False
    seat: bool = False
    partial: bool = False
    static_scores: dict[str, tuple[str | None, float]] = field(default_factory=dict, repr=False)


def _span_key(tokens: list[Token], i: int, length: int) -> str:
    """Return name_key of tokens[i:i+length] from the (cached) keys of its words."""
    articles = load_rules().articles
    parts = []
    for token in tokens[i : i + length]:
        if token.lower in articles:
            continue
        key = name_key(token.text)
        if key:
            parts.append(key)
    if not parts:
        return name_key(" ".join(t.text for t in tokens[i : i + length]))
    return " ".join(parts)


def _span_candidates(
    tokens: list[Token],
    i: int,
    max_words: int,
    gazetteer: Gazetteer,
    lexicon: Lexicon,
    case_first: frozenset[str],
) -> tuple[int, str] | None:
    """Return (length, key) of the longest gazetteer name starting at token i, else None.

    The run considered is the capitalised words (and articles) that follow token i without
    punctuation; lower-case words join it only after a word that opens a curated phrase
    ("3,000 project", "Ramousah military complex").
    """
    first = tokens[i]
    articles = load_rules().articles
    limit = min(len(tokens), i + max_words + 2)
    j = _run_end(tokens, i, limit, first.head in case_first, articles)
    lower_tail = first.cap and _lower_tail(tokens, j, limit, lexicon)
    for length in range(j - i + lower_tail, 0, -1):
        last = tokens[i + length - 1]
        if length > 1 and last.lower in articles:
            continue
        key = _span_key(tokens, i, length)
        if not key:
            continue
        if i + length > j:
            if key not in lexicon.blocked_phrase_keys and _known_place(key, gazetteer, lexicon):
                return length, key
            continue
        if key in lexicon.blocked_phrase_keys:
            return length, ""
        if (not first.cap or not last.cap) and key not in gazetteer.case_index:
            if (
                not first.cap
                or last.lower in _cue_words(lexicon)
                or not _known_place(key, gazetteer, lexicon)
            ):
                continue
        if key in gazetteer.index:
            return length, key
        if first.cap and key not in lexicon.blocked_keys:
            # a glued article ("Qabtan Eljabal"): the longer name wins over a shorter exact one
            surface = " ".join(t.text for t in tokens[i : i + length])
            for extra in fallback_keys(surface):
                if extra in gazetteer.index:
                    return length, extra
    return None


def _run_end(
    tokens: list[Token], i: int, limit: int, case_ok: bool, articles: frozenset[str]
) -> int:
    """Return the end (exclusive) of the run of capitalised words and articles from token i,
    with no punctuation between them nor after a possessive; case_ok: any word joins."""
    j = i + 1
    while j < limit:
        t = tokens[j]
        if not t.gap_ok or tokens[j - 1].possessive:
            break
        if not (t.cap or t.lower in articles or case_ok):
            break
        j += 1
    return j


def _lower_tail(tokens: list[Token], j: int, limit: int, lexicon: Lexicon) -> bool:
    """Return True when the lower-case word at j may end the run ("Deir ezzor", "Ras al ain"):
    only when the whole names a country, a governorate or a prominent town (see _known_place)."""
    return (
        j < limit
        and j < len(tokens)
        and tokens[j].gap_ok
        and not tokens[j - 1].possessive
        and not tokens[j].cap
        and tokens[j].lower not in lexicon.blocked_lower
        and tokens[j].lower not in _cue_words(lexicon)
        and not tokens[j].text[:1].isdigit()
    )


def _cues(mention: Mention, tokens: list[Token], lexicon: Lexicon) -> None:
    """Fill the mention's level/near/countryside cues from the words around it."""
    before = [t.lower for t in tokens[max(0, mention.first - 3) : mention.first]]
    after_tokens = tokens[mention.last + 1 : mention.last + 4]
    after = []
    for t in after_tokens:
        if SENTENCE_END.search(t.gap_before) or "," in t.gap_before:
            break
        after.append(t.lower)
    prev = before[-1] if before else ""
    prev2 = tuple(before[-2:]) if len(before) >= 2 else ()
    skipped = [w for w in after if w in lexicon.directions]
    rest = [w for w in after if w not in lexicon.directions]
    head = rest[0] if rest else ""
    if head in lexicon.admin_after:
        mention.level = "admin"
        mention.countryside = head == "countryside"
    elif head in lexicon.district_words:
        mention.level = "district"
    elif head in lexicon.neighbourhood_words:
        mention.level = "neighbourhood"
    elif head in lexicon.locality_words:
        mention.level = "locality"
    elif head in lexicon.near_after and not skipped:
        mention.near = True
    if prev == "of" and len(before) >= 2:
        word = before[-2]
        if word in lexicon.admin_before:
            mention.level = "admin"
            mention.countryside = word == "countryside"
        elif word in lexicon.neighbourhood_words:
            mention.level = mention.level or "neighbourhood"
        elif word in lexicon.locality_words:
            mention.level = mention.level or "locality"
        elif word in lexicon.district_words:
            mention.level = "district"
    if prev in ("rural", "rif", "reef"):
        mention.level = "admin"
        mention.countryside = True
    if prev in lexicon.directions and mention.level is None and not mention.near:
        # "southern Idleb", "northern Dar'a": the governorate (a region reading, if there is one)
        mention.level = "admin"
        mention.direction = True
    if prev in lexicon.near_before or prev2 in lexicon.near_before_two:
        mention.near = True
    if len(before) >= 2 and before[-2] in lexicon.near_before and prev in ("of", "to", "the"):
        mention.near = True
    mention.cue_words = [*before, "|", *after]
    mention.origin = _origin(mention, tokens, lexicon)
    # "the regime in Damascus": a government's seat (cues.yaml seat_before)
    mention.seat = prev == "in" and len(before) >= 2 and before[-2] in lexicon.seat_before
    mention.bearing = _bearing(before, after, lexicon)


def _origin(mention: Mention, tokens: list[Token], lexicon: Lexicon) -> bool:
    """Return True for "fighters from X", "a colonel from X", "..., from X": where people come
    from, not where the event happened."""
    k = mention.first - 1
    articles = load_rules().articles
    while k >= 0 and tokens[k].lower in articles:
        k -= 1
    if k < 0 or tokens[k].lower != "from":
        return False
    if "," in tokens[k].gap_before:
        return True
    return k > 0 and tokens[k - 1].lower in lexicon.origin_before


# words that may stand between a direction and the place it is taken from ("eastern
# countryside of Aleppo", "Aleppo southern countryside", "north of Hama")
_BEARING_FILLERS = frozenset({"countryside", "of", "the", "parts", "part", "rural", "reef", "rif"})


def _bearing(before: list[str], after: list[str], lexicon: Lexicon) -> tuple[int, int] | None:
    """Return the (north, east) direction the text takes from this place ("eastern countryside
    of X", "northern X", "east of X", "X southern countryside"), each -1, 0 or 1; else None."""
    words = [*reversed(before)]
    if after and after[0] in lexicon.directions and after[1:2] == ["countryside"]:
        words = [after[0]]
    for word in words:
        if word in lexicon.directions:
            north = ("north" in word) - ("south" in word)
            east = ("east" in word) - ("west" in word)
            return (north, east) if north or east else None
        if word not in _BEARING_FILLERS:
            return None
    return None


def _not_a_place(mention: Mention, tokens: list[Token], lexicon: Lexicon) -> bool:
    p = mention.first - 1
    articles = load_rules().articles
    while p > 0 and tokens[p].lower in articles and p >= mention.first - 2:
        p -= 1
    prev = tokens[p].lower if p >= 0 else ""
    prev_gap = tokens[p + 1].gap_before if p >= 0 else ""
    nxt = tokens[mention.last + 1] if mention.last + 1 < len(tokens) else None
    located = prev in ("in", "at", "from", "near", "of", "to", "into", "on", "outside", "around")
    if nxt is not None and nxt.lower in lexicon.not_place_after and not located:
        if not SENTENCE_END.search(nxt.gap_before):
            return True
    if prev in lexicon.not_place_before and not SENTENCE_END.search(prev_gap):
        return True
    return _after_title(mention, tokens, lexicon)


def _after_title(mention: Mention, tokens: list[Token], lexicon: Lexicon) -> bool:
    """Return True when the capitalised run holding the mention opens with a person's title
    or given name ("Lt. Col. Muhannad Ka'adi", "Colonel Obai Hamdan", "Ahmad al Abdo"); a
    lower-case article may stand inside the run."""
    k = mention.first
    articles = load_rules().articles
    for _ in range(4):
        if k <= 0:
            return False
        prev, gap = tokens[k - 1], tokens[k].gap_before
        if prev.cap and prev.lower in lexicon.person_titles and gap.strip() in ("", "."):
            return True
        if not tokens[k].gap_ok or prev.possessive or tokens[k].sentence_start:
            return False
        if not prev.cap and prev.lower not in articles:
            return False
        k -= 1
    return False


@dataclass(slots=True)
class _Scan:
    """What scanning a text for mentions reads at every token: the gazetteer, the lexicon, the
    words that open a lower-case curated name, and the words any name may start with."""

    text: str
    tokens: list[Token]
    gazetteer: Gazetteer
    lexicon: Lexicon
    case_first: frozenset[str]
    starts: frozenset[str]


def find_mentions(
    text: str, gazetteer: Gazetteer, tokens: list[Token] | None = None
) -> list[Mention]:
    """Return the place-name mentions of a text, in text order, longest match first.

    text (str): the text.
    gazetteer (Gazetteer): where names are looked up.
    tokens (list[Token] | None): tokenize(text), when the caller already has it.
    RETURNS (list[Mention]): mentions with their cues; blocked names and phrases left out.
    """
    lexicon = load_lexicon()
    tokens = tokenize(text) if tokens is None else tokens
    _apostrophe_less(tokens, gazetteer, lexicon)
    case_first = case_first_words(gazetteer)
    starts = start_words(gazetteer, lexicon)
    scan = _Scan(text, tokens, gazetteer, lexicon, case_first, starts)
    mentions: list[Mention] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if not token.cap and token.head not in case_first:
            i += 1  # the common case, kept out of _mention_at for speed
            continue
        step, mention = _mention_at(scan, i)
        if mention is not None:
            mentions.append(mention)
        i += step
    return mentions


def _mention_at(scan: _Scan, i: int) -> tuple[int, Mention | None]:
    """Return (tokens to skip, the mention starting at token i or None); token i is
    capitalised or opens a lower-case curated name."""
    tokens, lexicon, gazetteer = scan.tokens, scan.lexicon, scan.gazetteer
    token = tokens[i]
    if token.lower in lexicon.blocked_lower and (token.sentence_start or not token.cap):
        return 1, None  # "In Daraa ...": a capitalised stop word opening a sentence
    if may_start_name(token, scan.starts):
        found = _span_candidates(
            tokens, i, gazetteer.max_words, gazetteer, lexicon, scan.case_first
        )
    else:
        found = None  # no gazetteer name or blocked phrase begins with this word
    if token.lower in lexicon.date_words and (found is None or found[0] == 1):
        return 1, None  # "Wed 05 Apr 2017": a date, not the village `Uwayd
    unknown = unknown_name(tokens, i, found, lexicon, gazetteer)
    if unknown:
        return unknown, _unknown_mention(scan, i, unknown)
    if found is None:
        return 1, None
    length, key = found
    # a blocked phrase or outlet name ("al Mayadeen") is skipped whole
    return length, _known_mention(scan, i, length, key)


def _unknown_mention(scan: _Scan, i: int, length: int) -> Mention | None:
    """Return the mention of a name the gazetteer lacks (read fuzzily later), or None."""
    tokens, lexicon = scan.tokens, scan.lexicon
    last = i + length - 1
    surface = scan.text[tokens[i].start : tokens[last].end]
    key = unknown_key(surface, length)
    if not key or key in lexicon.blocked_keys or key in lexicon.blocked_phrase_keys:
        return None
    mention = Mention(
        text=surface,
        start=tokens[i].start,
        end=tokens[last].end,
        key=key,
        keys=[],
        first=i,
        last=last,
        possessive=tokens[last].possessive,
        fuzzy=True,
    )
    if _not_a_place(mention, tokens, lexicon):
        return None
    _cues(mention, tokens, lexicon)
    return mention


def _known_mention(scan: _Scan, i: int, length: int, key: str) -> Mention | None:
    """Return the mention of the gazetteer name tokens[i:i+length] (key), or None when it is
    blocked, an outlet's name, stop words only, or no place where it stands."""
    tokens, lexicon = scan.tokens, scan.lexicon
    span = tokens[i : i + length]
    if not key or _written_only(span, lexicon):
        return None
    last = i + length - 1
    if key in lexicon.blocked_keys or _stop_words_only(span, key, lexicon):
        return None
    mention = Mention(
        text=scan.text[tokens[i].start : tokens[last].end],
        start=tokens[i].start,
        end=tokens[last].end,
        key=key,
        keys=[key],
        first=i,
        last=last,
        possessive=tokens[last].possessive,
        country=lexicon.country_keys.get(key),
    )
    if _not_a_place(mention, tokens, lexicon):
        return None
    _cues(mention, tokens, lexicon)
    _rural(mention, tokens, scan.gazetteer)
    # "Sad Risha", "Kaba Jeb": maybe the head of an unknown name
    mention.partial = length == 1 and _capitalised_next(tokens, last, lexicon)
    return mention


def _capitalised_next(tokens: list[Token], last: int, lexicon: Lexicon) -> bool:
    """Return True when a capitalised word that is no stop word follows tokens[last]
    directly ("Tadmor-Sokhna" is a pair of names, not a longer one)."""
    nxt = tokens[last + 1] if last + 1 < len(tokens) else None
    return (
        nxt is not None
        and nxt.gap_ok
        and nxt.gap_before != "-"
        and nxt.cap
        and not tokens[last].possessive
        and nxt.lower not in lexicon.blocked_lower
        and name_key(nxt.text) not in lexicon.blocked_keys
    )


# a stem is a "known place" for "Syrias Idlib" when it names a country, a governorate or a
# town at least this prominent (number of names; Homs 45, Manbij 41, a village 1-15)
_KNOWN_PROMINENCE = load_weights().features["known_prominence"]  # weights.yaml


def _known_place(key: str, gazetteer: Gazetteer, lexicon: Lexicon) -> bool:
    """Return True when a name key names a country, a governorate or a prominent town."""
    if not key or key in lexicon.blocked_keys:
        return False
    if key in lexicon.country_keys:
        return True
    if key not in gazetteer.index:
        return False
    memo = gazetteer.memo_for("known_place")
    found = memo.get(key)
    if found is None:
        found = memo[key] = any(
            e.placetype in ("country", "region") or e.prominence >= _KNOWN_PROMINENCE
            for e in gazetteer.lookup(key)
        )
    return found


def _lost_apostrophe(word: str, prev: str, gazetteer: Gazetteer, lexicon: Lexicon) -> bool:
    """Return True when `word` is a known place plus an "s" that lost its apostrophe
    ("Syrias", "Aleppos"; "Ezzors" after "Deir"), and not itself a name ("Homs", "Hamas")."""
    memo = gazetteer.memo_for("apostrophe_less")
    found = memo.get((word, prev))
    if found is None:
        key = name_key(word)
        found = False
        if key and key not in gazetteer.index and key not in lexicon.blocked_keys:
            stem = word[:-1]
            found = _known_place(name_key(stem), gazetteer, lexicon) or bool(
                prev and _known_place(name_key(f"{prev} {stem}"), gazetteer, lexicon)
            )
        memo[(word, prev)] = found
    return found


_CUE_WORDS: dict[int, frozenset[str]] = {}


def _cue_words(lexicon: Lexicon) -> frozenset[str]:
    """Return the lower-case words that say what kind of place a name is ("countryside",
    "eastern", "neighbourhood", "village", "area"): they follow a name, never end one."""
    found = _CUE_WORDS.get(id(lexicon))
    if found is None:
        found = _CUE_WORDS[id(lexicon)] = (
            lexicon.directions
            | lexicon.admin_after
            | lexicon.neighbourhood_words
            | lexicon.district_words
            | lexicon.locality_words
            | lexicon.place_after
            | lexicon.near_after
        )
    return found


def _apostrophe_less(tokens: list[Token], gazetteer: Gazetteer, lexicon: Lexicon) -> None:
    """Read "Syrias Idlib", "Aleppos eastern neighbourhoods", "Deir Ezzors countryside" (web
    text that lost its apostrophes) as "Syria's Idlib" ...: the token loses its "s" and is
    marked possessive. Only before a capitalised word or a place/direction word of the same
    sentence, and only for a country, a governorate or a prominent town."""
    follow = _cue_words(lexicon)
    for i in range(len(tokens) - 1):
        token = tokens[i]
        word = token.text
        if (
            word[-1] != "s"
            or not token.cap
            or token.possessive
            or len(word) < 4
            or word.endswith("ss")
            or not word[-2].isalpha()
        ):
            continue
        nxt = tokens[i + 1]
        if nxt.gap_before != " " or not (nxt.cap or nxt.lower in follow):
            continue
        prev = ""
        if i > 0 and tokens[i - 1].cap and token.gap_before == " ":
            prev = tokens[i - 1].text
        if not _lost_apostrophe(word, prev, gazetteer, lexicon):
            continue
        stem = word[:-1]
        token.text = stem
        token.lower = stem.lower()
        token.end -= 1
        token.possessive = True
        token.head = name_key(stem).partition(" ")[0]


def _written_only(span: list[Token], lexicon: Lexicon) -> bool:
    """Return True when a span is a word blocked as written, with articles only ("Al Mayadeen")."""
    articles = load_rules().articles
    words = [t.lower for t in span if t.lower not in articles]
    return len(words) == 1 and words[0] in lexicon.written_words


def _stop_words_only(span: list[Token], key: str, lexicon: Lexicon) -> bool:
    """Return True for a span of English stop words (and articles) whose key a place shares:
    "Side" and "Some" are no places, "Saida" and "Sawma'a" are."""
    if key not in lexicon.stop_keys:
        return False
    articles = load_rules().articles
    return all(t.lower in lexicon.blocked_lower or t.lower in articles for t in span)


def _rural(mention: Mention, tokens: list[Token], gazetteer: Gazetteer) -> None:
    """Read "rural Damascus" / "Damascus countryside" as the governorate named so."""
    if mention.level != "admin":
        return
    prev = tokens[mention.first - 1].lower if mention.first > 0 else ""
    for candidate in (f"{prev} {mention.text}", f"{mention.text} countryside"):
        key = name_key(candidate)
        if key in gazetteer.index and any(e.placetype == "region" for e in gazetteer.lookup(key)):
            mention.key = key
            return
