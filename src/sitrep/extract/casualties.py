"""Fatalities and injuries: counts, vague quantities and victim categories, killed kept apart
from wounded.

ACLED codes the lowest credible figure: "at least 17" and "more than 17" are 17, "between 5
and 8" is 5 (max 8), "dozens" is 12, "tens of" is 10. "Casualties" may include the wounded,
so it is not a death count; "without any reports of casualties" or "no one was killed" is 0
killed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from sitrep.ingest.dates import MONTH_NAMES

__all__ = [
    "CasualtyMention",
    "Casualties",
    "find_casualties",
    "sum_casualties",
    "parse_number",
    "is_casualty_word",
    "is_vague",
]

# fmt: off
_UNITS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
# Vague quantities: (conservative value, upper bound or None). ACLED codes "dozens" as 12 and
# "hundreds" as 100; "several" / "a number of" give no number ACLED would code.
_VAGUE = {
    "dozens": (12, None), "dozens of": (12, None), "scores of": (20, None),
    "tens of": (10, None), "hundreds of": (100, None), "hundreds": (100, None),
    "a dozen": (12, 12), "dozen": (12, 12), "a couple of": (2, 2), "a few": (3, None),
    "several": (3, None), "a number of": (None, None), "many": (None, None),
    "numerous": (None, None), "some": (None, None),
}
# fmt: on

_NUMWORD = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
_DIGITS = "|".join(u for u in _UNITS if len(u) > 2 and _UNITS[u] < 10)
_NUMBER = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|(?:{'|'.join(_TENS)})(?:[- ](?:{_DIGITS}))?"
    rf"|{_NUMWORD})(?:\s+hundred)?"
)
_VAGUE_RE = "|".join(sorted((re.escape(v) for v in _VAGUE), key=len, reverse=True))
_MONTH_STEMS = "|".join(n[:3].lower() for n in MONTH_NAMES)  # "jan|feb|...": "5 Jan"
_QUANT = (
    rf"(?P<qual>at least|more than|over|up to|nearly|almost|around|about|some|approximately|"
    rf"an estimated|as many as|at most|no fewer than|no less than)?\s*"
    rf"(?:(?P<vague>{_VAGUE_RE})|(?!(?:19|20)\d\d\b)(?P<lo>{_NUMBER})(?:\s*(?:-|to|or|and)\s*(?P<hi>{_NUMBER}))?)\b"
    rf"(?!\s+(?:{_MONTH_STEMS})[a-z]*\b)(?!\s*(?:%|km|kilomet|met|years?|months?|days?|hours?|minutes?)\b)"
)

# fmt: off
_CATEGORIES = {
    "children": r"children|child|kids|boys?|girls?|infants?|babies|baby|minors?|students|pupils",
    "women": r"women|woman|mothers?|wives|wife|daughters?",
    "combatants": (
        r"soldiers?|troops?|fighters?|militants?|rebels?|terrorists?|gunmen|insurgents?|"
        r"militiamen|militia members|members|personnel|officers?|policemen|police officers?|"
        r"servicemen|jihadists?|combatants?|mercenaries|guards?|commanders?|elements?|"
        r"attackers?|assailants?|recruits|conscripts|officials|security forces|army"
    ),
    "civilians": (
        r"civilians?|people|persons?|residents?|villagers?|men|man|farmers?|worshipp?ers?|"
        r"individuals?|citizens?|family members|relatives|passengers|pedestrians|workers?|"
        r"shepherds?|journalists?|doctors?|displaced|protesters?|demonstrators?|others|"
        r"victims|inhabitants|locals|teachers?|traders?|brothers?|sons?|fishermen|youths?|"
        r"rescuers?|medics?|paramedics?|nurses?|volunteers?|activists?"
    ),
}
# fmt: on
_CAT_RE = "|".join(f"(?P<{k}>{v})" for k, v in _CATEGORIES.items())
_CAT_ONLY = re.compile(rf"\b(?:{_CAT_RE})\b", re.I)
_KILLED = (
    r"killed|dead|died|deaths?|killing|lost their lives|lost his life|lost her life|"
    r"fatalities|fatality|martyred|martyrs?|slain|perished|massacred|executed|bodies|corpses|"
    r"murdered|shot dead|beheaded|succumbed|eliminated|neutrali[sz]ed"
)
_INJURED = r"injured|injuring|injuries|wounded|wounding|hurt|injury|wounds"
_CASUALTY = r"casualties|casualty|victims"
_CASUALTY_WORD = re.compile(rf"(?:kills?|{_KILLED}|{_INJURED}|{_CASUALTY})", re.I)


def is_casualty_word(word: str) -> bool:
    """Whether a word is one of the words that tell a death or injury ("Kill", "Wounded").

    word (str): one word as written (a title-case headline's "Kill" included).
    RETURNS (bool): True for a casualty word.
    """
    return bool(_CASUALTY_WORD.fullmatch(word.strip()))


# "17 civilians (including 8 children) were killed", "killing 3 soldiers", "death toll rose to 9"
_ADJ = r"(?:(?!(?:at|least|more|than|over|and|or|\d)\b)(?:[A-Za-z][\w/-]*|\([\w-]+\))\s+){0,5}?"
_QUANT_PLAIN = re.sub(r"\(\?P<\w+>", "(?:", _QUANT)
_CAT_PLAIN = re.sub(r"\(\?P<\w+>", "(?:", _CAT_RE)
# "130 people including 67 children were killed": the sub-count does not end the count.
_INCLUDING = rf"(?:\s+(?:including|among them)\s+{_QUANT_PLAIN}\s+{_ADJ}(?:{_CAT_PLAIN}))?"
_FORWARD = re.compile(
    rf"\b{_QUANT}\s+(?:more\s+|other\s+|of\s+(?:them|whom|the)\s+)?{_ADJ}(?:{_CAT_RE})?"
    rf"{_INCLUDING}(?P<tail>(?:(?!\d|at least|more than)[^.;:]){{0,60}}?)"
    rf"\b(?P<verb>{_KILLED}|{_INJURED}|{_CASUALTY})\b",
    re.I,
)
_VERB_FIRST = re.compile(
    rf"\b(?P<verb>killing|killed|kills|kill|wounding|wounded|injuring|injured|claimed the lives of|"
    rf"eliminated|eliminating|neutrali[sz]ed|executed|executing|beheaded|massacred|"
    rf"left|leaving|death toll of|"
    rf"death toll\s+(?:from|in)\s+[^.;:\d]{{0,100}}?"
    rf"(?:\s+(?:has\s+|had\s+)?(?:rose|rising|climbed|reached|stood|risen|jumped))?\s+(?:to|at)|"
    rf"death toll (?:rose|rising|climbed|reached|stood|has risen)? ?(?:to|at)?|"
    rf"toll (?:rose )?to)\s+{_QUANT}(?:\s+(?:more\s+|other\s+)?{_ADJ}(?:{_CAT_RE}))?"
    rf"(?P<after>\s+(?:dead|injured|wounded|killed))?"
    rf"(?!\s+(?:were\s+|have\s+been\s+|had\s+been\s+|are\s+)?(?:injured|wounded|hurt))",
    re.I,
)
# "... including eight children", "... and a woman": more categories of the same count.
_EXTRA = re.compile(
    rf"(?P<link>\bincluding|\bamong them|\bof whom|\bamong whom|,|\band)\s+"
    rf"{_QUANT}\s+{_ADJ}(?:{_CAT_RE})\b",
    re.I,
)
# "the body of a man was found": one death.
_BODY = re.compile(
    r"\b(?:dead )?body of (?:a|an|one) (?:\w+ ){0,2}?(?P<who>man|woman|child|boy|girl|baby|infant|"
    r"person|civilian|farmer|soldier|policeman|teenager|youth)\b|"
    r"\b(?:a|an|the) (?:\w+ )?(?P<who2>)(?:head|corpse)\b(?= was found)",
    re.I,
)
_NONE = re.compile(
    r"\b(?:without (?:any )?(?:reports? of )?(?:casualties|fatalities|injuries|deaths)|"
    r"no (?:reports? of )?(?:casualties|fatalities|deaths|injuries|"
    r"one was (?:killed|hurt|injured))|"
    r"(?:caus|leav)\w* no (?:casualties|fatalities|deaths|injuries)|"
    r"no (?:fatalities|casualties) (?:were |was )?reported|"
    r"nobody was (?:killed|hurt|injured))\b",
    re.I,
)


@dataclass(frozen=True)
class CasualtyMention:
    """One count of killed or injured people in the text.

    kind (str): "killed", "injured" or "casualties" (killed and wounded not told apart).
    low, high (int | None): the conservative figure and the upper bound (None when not given).
    category (str | None): civilians, children, women or combatants, if the text says.
    exact (bool): False for vague quantities ("dozens") and "at least"/"more than".
    nested (bool): a sub-count of another count ("including 8 children"), never added to it.
    """

    start: int
    end: int
    text: str
    kind: str
    low: int | None
    high: int | None
    category: str | None
    exact: bool
    nested: bool = False


@dataclass
class Casualties:
    """Counts summed over the mentions attached to one event."""

    fatalities: int | None = None
    fatalities_min: int | None = None
    fatalities_max: int | None = None
    injuries: int | None = None
    civilians: int | None = None
    children: int | None = None
    women: int | None = None
    combatants: int | None = None


def parse_number(text: str) -> int | None:
    """Parse a numeral or English number words ("17", "1,200", "twenty-five", "three hundred").

    RETURNS (int | None): the value, or None if `text` is not a number.
    """
    t = text.lower().strip().replace(",", "")
    mult = 1
    if t.endswith(" hundred"):
        mult, t = 100, t[: -len(" hundred")].strip()
    if t.isdigit():
        return int(t) * mult
    if t in _UNITS:
        return _UNITS[t] * mult
    parts = re.split(r"[- ]", t)
    if parts[0] in _TENS:
        value = _TENS[parts[0]] + (_UNITS.get(parts[1], 0) if len(parts) > 1 else 0)
        return value * mult
    return None


def _quantity(m: re.Match[str]) -> tuple[int | None, int | None, bool]:
    qual = (m.group("qual") or "").lower()
    if m.group("vague"):
        low, high = _VAGUE[m.group("vague").lower()]
        return low, high, False
    low = parse_number(m.group("lo"))
    high = parse_number(m.group("hi")) if m.group("hi") else None
    if high is not None and low is not None and high < low:
        high = None
    exact = not qual and high is None
    if qual in ("up to", "at most", "nearly", "almost", "as many as"):
        return (None if qual in ("up to", "at most") else low), low, False
    if qual in ("more than", "over"):
        # The number stated: "more than 20 killed" is 20 (ACLED's own notes code it as 20 or
        # 21, FA-KES's crowd as 20).
        return low, None, False
    if high is None and not qual:
        high = low
    return low, high, exact


def _category(m: re.Match[str]) -> str | None:
    for key in _CATEGORIES:
        if m.groupdict().get(key):
            return key
    return None


def _kind(verb: str) -> str:
    v = verb.lower()
    if re.fullmatch(_INJURED, v):
        return "injured"
    if re.fullmatch(_CASUALTY, v):
        return "casualties"
    return "killed"


_YEARISH = re.compile(r"^(?:19|20)\d\d$")
# Prefilters (speed only): a sentence with none of these cannot match the pattern after them.
# Each is a literal a match must contain, under the same re.I case rules.
_FORWARD_VERB = re.compile(rf"\b(?:{_KILLED}|{_INJURED}|{_CASUALTY})\b", re.I)
_BODY_CUE = re.compile(r"body of|was found", re.I)


@dataclass
class _Found:
    """The casualty mentions found in a text so far and the spans they cover."""

    found: list[CasualtyMention] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)

    def overlaps(self, s: int, e: int) -> bool:
        """Whether `[s, e)` overlaps a span already read."""
        return any(s < b and a < e for a, b in self.spans)

    def take(self, c: CasualtyMention, span: tuple[int, int]) -> None:
        """Keep a mention and its span."""
        self.found.append(c)
        self.spans.append(span)


def find_casualties(text: str) -> list[CasualtyMention]:
    """Find counts of killed, injured and unspecified casualties in `text`.

    text (str): a sentence (or any text).
    RETURNS (list[CasualtyMention]): non-overlapping mentions in text order.
    """
    f = _Found()
    _body_counts(f, text)
    _none_counts(f, text)
    _verb_first_counts(f, text)
    for m in _FORWARD.finditer(text) if _FORWARD_VERB.search(text) else ():
        tail = m.group("tail") or ""
        if re.search(r"\b(?:and|while|but|,)\b", tail) and _category(m) is None:
            continue
        _add_count(f, m, _kind(m.group("verb")))
    f.found.sort(key=lambda c: c.start)
    _extra_counts(f, text)
    f.found.sort(key=lambda c: c.start)
    return f.found


def _add_count(f: _Found, m: re.Match[str], kind: str) -> None:
    """Keep a count pattern's match unless it overlaps one kept or counts a year."""
    s, e = m.span()
    if f.overlaps(s, e):
        return
    lo_text = m.group("lo") or ""
    if _YEARISH.match(lo_text.strip()):
        return
    low, high, exact = _quantity(m)
    category = _category(m)
    if category is None and "tail" in m.groupdict() and m.group("tail"):
        # "31 Islamic State (IS) group militants were killed": the noun comes late.
        hit = _CAT_ONLY.search(" ".join(m.group("tail").split()[:6]))
        if hit:
            category = next(k for k, v in hit.groupdict().items() if v)
    f.take(CasualtyMention(s, e, m.group(0), kind, low, high, category, exact), (s, e))


def _body_counts(f: _Found, text: str) -> None:
    """Bodies found ("the body of a child was found"): one killed each."""
    for m in _BODY.finditer(text) if _BODY_CUE.search(text) else ():
        cat = (m.group("who") or "person").lower()
        category = (
            "children"
            if cat in ("child", "boy", "girl", "baby", "infant")
            else "women"
            if cat == "woman"
            else "civilians"
        )
        f.take(
            CasualtyMention(m.start(), m.end(), m.group(0), "killed", 1, 1, category, True),
            m.span(),
        )


def _none_counts(f: _Found, text: str) -> None:
    """Statements that nobody was killed or hurt: counts of zero."""
    for m in _NONE.finditer(text):
        said = m.group(0).lower()
        kind = "injured" if "injur" in said or "hurt" in said else "killed"
        f.take(CasualtyMention(m.start(), m.end(), m.group(0), kind, 0, 0, None, True), m.span())


def _verb_first_counts(f: _Found, text: str) -> None:
    """Counts told after their verb ("killing 12 civilians", "left 3 dead", "a toll of 9")."""
    for m in _VERB_FIRST.finditer(text):
        verb = m.group("verb").lower()
        after = (m.group("after") or "").strip().lower()
        if verb.startswith(("left", "leaving")):
            if not after:
                continue
            kind = "killed" if after in ("dead", "killed") else "injured"
        else:
            kind = "injured" if re.match(r"wound|injur", verb) else "killed"
            if after in ("injured", "wounded"):
                continue  # "One person killed 16 others injured": two counts, read forward
        if _category(m) is None and not verb.startswith(("death", "toll", "claimed", "kill")):
            continue
        if verb.startswith(("death", "toll")) and (m.group("lo") or "").lower() in ("a", "an"):
            continue  # "the death toll of a terrorist attack": no count
        _add_count(f, m, kind)


_NESTING_LINKS = ("including", "among them", "of whom", "among whom")


def _extra_counts(f: _Found, text: str) -> None:
    """Counts added to one already found ("12 killed, including 4 children", "and 3 women");
    a count nested in another is marked so (`_nested`). Without a count, none has an owner."""
    found = f.found
    for m in _EXTRA.finditer(text) if found else ():
        s, e = m.span()
        if f.overlaps(s, e) and m.group("link").lower() not in _NESTING_LINKS:
            continue
        owner = _owner(found, s, e)
        if owner is None or _category(m) is None:
            continue
        low, high, exact = _quantity(m)
        if low is None:
            continue
        extra = CasualtyMention(s, e, m.group(0), owner.kind, low, high, _category(m), exact)
        if m.group("link").lower() in ("and", ","):
            found.append(extra)
        else:
            found.append(_nested(extra))
            if extra.category == "civilians" and owner.category == "civilians" and owner.low:
                # "20 people including 13 civilians": "people" counted everyone.
                found[found.index(owner)] = replace(owner, category=None)


_VAGUE_ONLY = re.compile(rf"\b(?:{_VAGUE_RE})\b", re.I)


def is_vague(c: CasualtyMention) -> bool:
    """Whether a count is a vague quantity ("dozens", "scores of"), not a number.

    c (CasualtyMention): the count.
    RETURNS (bool): True when its text gives a vague quantity and no digit.
    """
    return bool(_VAGUE_ONLY.search(c.text)) and not re.search(r"\d", c.text)


def _owner(found: list[CasualtyMention], start: int, end: int) -> CasualtyMention | None:
    """The count a "including N children" phrase belongs to: the mention containing it, or the
    one ending just before it."""
    best = None
    for c in found:
        if c.start <= start and end <= c.end + 2 and c.category != "nested":
            return c
        if c.end <= start and start - c.end < 40:
            best = c
    return best


def _nested(c: CasualtyMention) -> CasualtyMention:
    """Mark a sub-count ("including 8 children") so that it is not added to the total."""
    return CasualtyMention(
        c.start, c.end, c.text, c.kind, c.low, c.high, c.category, False, nested=True
    )


def sum_casualties(mentions: list[CasualtyMention]) -> Casualties:
    """Combine the mentions attached to one event into ACLED-style counts.

    Killed counts by category are kept per category (the largest mention of each); the event's
    fatalities are the largest total mention ("17 civilians including 8 children" is 17, not 25).
    RETURNS (Casualties): the counts; None where the text gives no number.
    """
    out = Casualties()
    killed = [c for c in mentions if c.kind == "killed"]
    injured = [c for c in mentions if c.kind == "injured"]
    if killed:
        lows = [c.low for c in killed if c.low is not None]
        highs = [c.high for c in killed if c.high is not None]
        # Distinct categories reported side by side add up ("3 soldiers and 2 civilians").
        by_cat: dict[str | None, int] = {}
        for c in killed:
            if c.low is not None and not c.nested:
                by_cat[c.category] = max(by_cat.get(c.category, 0), c.low)
        sub: dict[str | None, int] = {}
        for c in killed:
            if c.low is not None and c.nested:
                sub[c.category] = max(sub.get(c.category, 0), c.low)
        if lows:
            nested = by_cat.get("children", 0) + by_cat.get("women", 0)
            total_civ = by_cat.get("civilians")
            if total_civ is not None and nested and total_civ >= nested:
                summed = total_civ + by_cat.get("combatants", 0) + by_cat.get(None, 0)
            else:
                summed = sum(by_cat.values())
            out.fatalities = max(max(lows), summed) if len(by_cat) > 1 else max(lows)
            out.fatalities_min = out.fatalities
        if highs:
            out.fatalities_max = max(max(highs), out.fatalities or 0)
        for key in ("civilians", "children", "women", "combatants"):
            if key in by_cat or key in sub:
                setattr(out, key, by_cat.get(key, sub.get(key)))
        kids_women = (out.children or 0) + (out.women or 0)
        if out.civilians is None and kids_women:
            out.civilians = kids_women
        elif out.civilians is not None and kids_women > out.civilians:
            out.civilians += kids_women
    if injured:
        lows = [c.low for c in injured if c.low is not None]
        if lows:
            out.injuries = max(lows)
    return out
