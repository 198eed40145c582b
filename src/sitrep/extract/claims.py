"""Find who says what: attributed statements, each with a typed source.

A claim is a sentence with a reporting verb and its subject ("activists said", "said Abu al
Hasanien, a senior commander in Fateh Halab") or an "according to" phrase. The speaker is
resolved by `sitrep.extract.sources.resolve_source`; "he said" takes the previous speaker, and
"Abdel Rahman said" the earlier "Rami Abdel Rahman". "rebels and the Observatory said" gives two
claims. A quotation spaCy split into several sentences is one claim.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, cast

from sitrep.extract.aliases import cached_text
from sitrep.extract.lexicon import load_thresholds
from sitrep.extract.outlets import lookup_outlet
from sitrep.extract.sources import (
    EDGE_PUNCT,
    ReportingLexicon,
    Source,
    claim_stance,
    clean_phrase,
    load_reporting_lexicon,
    resolve_source,
)
from sitrep.ingest.dates import MONTH_NAMES
from sitrep.nlp import sentences
from sitrep.records import Claim, SourceType

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["find_claims", "claim_stance", "source_for_span", "Source", "resolve_source"]

_QUOTES = re.compile(r"[“”\"]")
_BOUNDARY = {",", ";", ":", "“", "”", '"', "(", ")", "—", "–"}


def _conj_parts(doc: Doc, heads: list[Token]) -> list[tuple[int, int]]:
    """Token ranges [i, j) of each conjunct of a subject ("rebels and the Observatory")."""
    parts: list[tuple[int, int]] = []
    for head in heads:
        conjs: list[Token] = []
        stack = [head]
        while stack:
            tok = stack.pop()
            for child in tok.children:
                if child.dep_ == "conj":
                    conjs.append(child)
                    stack.append(child)
        excluded: set[int] = set()
        for conj in conjs:
            excluded.update(range(conj.left_edge.i, conj.right_edge.i + 1))
        members = [t.i for t in head.subtree if t.i not in excluded]
        members = [i for i in members if not (doc[i].dep_ == "cc" or doc[i].dep_ == "preconj")]
        if members:
            parts.append((min(members), max(members) + 1))
        for conj in conjs:
            inner = {t.i for t in conj.subtree}
            for other in conjs:
                if other is not conj and other.i in inner:
                    inner -= {t.i for t in other.subtree}
            keep = sorted(i for i in inner if doc[i].dep_ != "cc")
            if keep:
                parts.append((keep[0], keep[-1] + 1))
    return sorted(set(parts))


def _preceding_phrase(sent: Span, verb: Token) -> list[tuple[int, int]]:
    """Fallback speaker: the words right before a sentence-final "..., X and Y said"."""
    after = [t for t in sent if t.i > verb.i and not t.is_punct and not t.is_space]
    if after and not all(t.dep_ in ("advmod", "npadvmod", "prep", "pobj", "det") for t in after):
        return []
    start = verb.i
    while start - 1 >= sent.start and doc_text(sent, start - 1) not in _BOUNDARY:
        start -= 1
        if verb.i - start > 8:
            return []
    tokens = [t for t in sent.doc[start : verb.i] if not t.is_space]
    if not tokens or not any(t.pos_ in ("NOUN", "PROPN") for t in tokens):
        return []
    if any(t.pos_ in ("VERB", "AUX") for t in tokens):
        return []
    parts: list[tuple[int, int]] = []
    current: list[int] = []
    for tok in tokens:
        if tok.lower_ in ("and", "&"):
            if current:
                parts.append((current[0], current[-1] + 1))
            current = []
        else:
            current.append(tok.i)
    if current:
        parts.append((current[0], current[-1] + 1))
    whole = (tokens[0].i, tokens[-1].i + 1)
    if lookup_outlet(sent.doc[whole[0] : whole[1]].text) is not None:
        return [whole]
    return parts


def doc_text(sent: Span, i: int) -> str:
    """The text of token i of the sentence's document."""
    return sent.doc[i].text


def _says(doc: Doc, sent: Span, verb: Token, removed: list[tuple[int, int]]) -> str:
    """What the claim says: the verb's clause, or the sentence minus the attribution."""
    clauses = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")]
    if verb.dep_ == "conj" and not clauses:
        clauses = [c for c in verb.head.children if c.dep_ == "ccomp"]
    if clauses:
        lo = min(c.left_edge.i for c in clauses)
        hi = max(c.right_edge.i for c in clauses) + 1
        text = doc[lo:hi].text
    else:
        drop: set[int] = set()
        for a, b in removed:
            drop.update(range(a, b))
        drop.add(verb.i)
        text = " ".join(t.text for t in sent if t.i not in drop)
    text = _QUOTES.sub("", " ".join(text.split())).strip(EDGE_PUNCT)
    limit = load_thresholds().claims_max_says_chars
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + "…"
    return text


def _has_clause(verb: Token, sent: Span) -> bool:
    if any(c.dep_ in ("ccomp", "xcomp") for c in verb.children):
        return True
    return any(t.text in ("“", "”", '"') for t in sent)


def _speaker_ranges(lexicon: ReportingLexicon, sent: Span, verb: Token) -> list[tuple[int, int]]:
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects:
        agents = [c for c in verb.children if c.dep_ == "agent"]
        subjects = [g for a in agents for g in a.children if g.dep_ == "pobj"]
    if not subjects and any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return []
    if not subjects and verb.dep_ == "conj":
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    if not subjects:
        return _preceding_phrase(sent, verb)
    if len(subjects) > 1:
        lo = min(s.left_edge.i for s in subjects)
        hi = max(s.right_edge.i for s in subjects) + 1
        return [(lo, hi)]
    return _conj_parts(sent.doc, subjects)


def _according_ranges(
    lexicon: ReportingLexicon, doc: Doc, sent: Span
) -> list[tuple[int, int, int]]:
    """(phrase start token, speaker start, speaker end) of each "according to X" in sent."""
    found: list[tuple[int, int, int]] = []
    for hit in lexicon.according.finditer(cached_text(doc), sent.start_char, sent.end_char):
        first = next((t for t in sent if t.idx >= hit.end()), None)
        cue = next((t for t in sent if t.idx >= hit.start()), None)
        if first is None or cue is None:
            continue
        end = first.i
        while end < sent.end and doc[end].text not in _BOUNDARY and doc[end].text != ".":
            if doc[end].lower_ in ("that", "who", "which", "on", "as") and end > first.i:
                break
            end += 1
        objects = [t for t in doc[cue.i : first.i + 1] if t.dep_ == "pobj"]
        objects += [c for t in doc[cue.i : first.i] for c in t.children if c.dep_ == "pobj"]
        if objects:
            end = min(end, max(o.right_edge.i for o in objects) + 1)
        if end > first.i:
            found.append((cue.i, first.i, end))
    return found


_DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight "
    "morning evening night afternoon".split()
) | {n.lower() for n in MONTH_NAMES if n != "May"}


def _date_or_number(tok: Token) -> bool:
    """A date, time or count word leading a speaker phrase ("On Sunday, 3 activists said")."""
    if tok.ent_type_ in ("DATE", "TIME", "CARDINAL"):
        return True
    return tok.like_num or tok.lower_ in _DATE_WORDS


def find_claims(doc: Doc, doc_id: str, outlet: str | None = None) -> list[Claim]:
    """Find every attributed statement in a parsed document.

    doc (Doc): the parsed document (sentences and dependencies are used).
    doc_id (str): the Document id, stored on each claim.
    outlet (str | None): the document's outlet, for "our correspondent".
    RETURNS (list[Claim]): in text order, one per (sentence, speaker); start/end are the
        sentence's character offsets (from the quotation's first sentence for a quote spaCy
        split); stance is `claim_stance` of that text ("denied" makes "contradicts").
    """
    lexicon = load_reporting_lexicon()
    claims: list[Claim] = []
    history: list[Source] = []  # the named sources so far; the last is what "he" refers to
    for sent in sentences(doc):
        found = _according_sources(lexicon, doc, sent, outlet)
        for verb in sent:
            if _reporting_verb(lexicon, sent, verb):
                found += _verb_sources(lexicon, doc, sent, verb, outlet, history)
        if not found:
            continue
        for source, claim in _sentence_claims(doc, sent, found, doc_id):
            claims.append(claim)
            if source.by_type != "unknown":
                history.append(source)
    return claims


def _according_sources(
    lexicon: ReportingLexicon, doc: Doc, sent: Span, outlet: str | None
) -> list[tuple[Source, str]]:
    """The sources an "according to X (and Y)" of the sentence names, with what they say."""
    found: list[tuple[Source, str]] = []
    for cue_i, lo, hi in _according_ranges(lexicon, doc, sent):
        says = _says(doc, sent, doc[cue_i], [(cue_i, hi)])
        for a, b in _split_and(doc, lo, hi):
            named = resolve_source(doc[a:b].text, outlet)
            if named is not None:
                found.append((named, says))
    return found


def _reporting_verb(lexicon: ReportingLexicon, sent: Span, verb: Token) -> bool:
    """Whether a token is a reporting verb that reports ("said that ...", not "said nothing")."""
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in lexicon.verbs:
        return False
    if verb.lemma_.lower() in lexicon.need_clause and not _has_clause(verb, sent):
        return False
    return not any(
        c.dep_ == "dobj" and c.lemma_.lower() in lexicon.not_claim_objects for c in verb.children
    )


def _verb_sources(
    lexicon: ReportingLexicon,
    doc: Doc,
    sent: Span,
    verb: Token,
    outlet: str | None,
    history: list[Source],
) -> list[tuple[Source, str]]:
    """The speakers of a reporting verb, with what they say; a pronoun is the last named
    source, a shortened name an earlier one ("the Observatory")."""
    ranges = _speaker_ranges(lexicon, sent, verb)
    if not ranges:
        return []
    says = _says(doc, sent, verb, ranges)
    found: list[tuple[Source, str]] = []
    for a, b in ranges:
        while a < b - 1 and _date_or_number(doc[a]):
            a += 1
        phrase = clean_phrase(doc[a:b].text)
        if phrase.lower() in lexicon.skip or phrase.lower().startswith("no "):
            continue
        if phrase.lower() in lexicon.pronouns:
            source = history[-1] if history else None
        else:
            source = _earlier(history, phrase) or resolve_source(doc[a:b].text, outlet)
        if source is None:
            continue
        if source.weak and not any(t.pos_ == "PROPN" for t in doc[a:b]):
            continue
        found.append((source, says))
    return found


def _sentence_claims(
    doc: Doc, sent: Span, found: list[tuple[Source, str]], doc_id: str
) -> list[tuple[Source, Claim]]:
    """One claim per source the sentence names (the first statement of each), from the start
    of the quotation it closes; a quotation's text is what each source says."""
    start_char, quote = _quote_start(doc, sent)
    if quote is not None:
        found = [(source, quote) for source, _ in found]
    stance = claim_stance(cached_text(doc)[start_char : sent.end_char])
    seen: set[str] = set()
    out: list[tuple[Source, Claim]] = []
    for source, says in found:
        if source.by.lower() in seen:
            continue
        seen.add(source.by.lower())
        claim = Claim(
            by=source.by,
            by_type=cast(SourceType, source.by_type),
            says=says,
            stance=stance,
            alignment=source.alignment,
            doc_id=doc_id,
            start=start_char,
            end=sent.end_char,
        )
        out.append((source, claim))
    return out


def _quote_start(doc: Doc, sent: Span) -> tuple[int, str | None]:
    """Where a quotation that ends in `sent` began, and its text.

    "“We have seized Ramousah… The regime is using cluster bombs,” said X": spaCy splits the
    quote into sentences; the claim covers them all.

    RETURNS (tuple[int, str | None]): the claim's start offset (the sentence's own start when
        the sentence holds no quote closed here) and the quoted text (None when none).
    """
    text = cached_text(doc)
    own = text[sent.start_char : sent.end_char]
    close = own.find("”")
    if close < 0 or "“" in own[:close]:
        return sent.start_char, None
    close += sent.start_char
    opening = text.rfind("“", 0, sent.start_char)
    if opening < 0 or "”" in text[opening : sent.start_char] or sent.start_char - opening > 1500:
        return sent.start_char, None
    span = doc.char_span(opening, opening + 1, alignment_mode="expand")
    start = span.sent.start_char if span is not None else opening
    quote = _QUOTES.sub("", " ".join(text[opening + 1 : close].split())).strip(EDGE_PUNCT)
    limit = load_thresholds().claims_max_says_chars
    if len(quote) > limit:
        quote = quote[:limit].rsplit(" ", 1)[0] + "…"
    return start, quote


def _earlier(history: list[Source], phrase: str) -> Source | None:
    """A source named earlier in full, now by part of its name ("Konashenkov", "Abdel Rahman")."""
    if not history or len(phrase) < 4 or not phrase[:1].isupper():
        return None
    for source in reversed(history):
        if source.by != phrase and _has_word_run(source.by.split(",")[0], phrase):
            return source
    return None


_WORD_CHAR = re.compile(r"\w")


def _has_word_run(text: str, phrase: str) -> bool:
    r"""Whether `phrase` occurs in `text` between non-word characters: a search for
    `(?<!\w)phrase(?!\w)` without compiling a pattern for each phrase."""
    at = text.find(phrase)
    while at >= 0:
        end = at + len(phrase)
        if not (at and _WORD_CHAR.match(text, at - 1)) and not _WORD_CHAR.match(text, end):
            return True
        at = text.find(phrase, at + 1)
    return False


def _split_and(doc: Doc, lo: int, hi: int) -> list[tuple[int, int]]:
    """Split an "according to" phrase on "and", unless the whole phrase is one outlet."""
    if lookup_outlet(doc[lo:hi].text) is not None:
        return [(lo, hi)]
    parts: list[tuple[int, int]] = []
    start = lo
    for i in range(lo, hi):
        if doc[i].lower_ == "and":
            if i > start:
                parts.append((start, i))
            start = i + 1
    if hi > start:
        parts.append((start, hi))
    return parts


def source_for_span(claims: list[Claim], start: int, end: int) -> list[Claim]:
    """Return the claims that attribute the text span [start, end).

    A claim attributes a span when its sentence overlaps the span (the sentence that says
    "..., activists said" covers every event it describes).

    claims (list[Claim]): the document's claims (from `find_claims`).
    start, end (int): character offsets of the span (an event's sentence or trigger).
    RETURNS (list[Claim]): in text order.
    """
    return [
        c
        for c in claims
        if c.start is not None and c.end is not None and c.start < end and start < c.end
    ]
