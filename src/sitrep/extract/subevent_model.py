"""The trained sub-event classifier (`classifier.py`) combined with the rules, sentence by
sentence, after the rules have typed their triggers (`segment._typed_triggers`):

1. *retype*: a rule's type is replaced by the model's best type among the types it is easily
   confused with (`groups` in lexicons/classifier.yaml: Attack vs Armed clash, the three
   territory types, the eight strategic developments, the protest and riot types ...) when the
   model is confident and clearly prefers it;
2. *new event*: a sentence where the trigger table matched nothing becomes an event when the
   model is confident and a verb of the sentence passes the rules' filters as its trigger;
3. *damp*: a sentence whose only triggers are generic ("killed") states no event when the model
   is confident it is none.

Guards (`guards` in classifier.yaml) bound 1 and 2 where the codebook decides a type by a fact
a word states: the model gives a guarded type only when the sentence states its fact (`needs`:
lethal force for Excessive force, no fight for a Non-violent transfer), and leaves the rules'
type alone when the sentence has the rules' decisive cue for it (`keeps`).

Every trigger the model looked at carries `model_note` ("classifier: Attack 0.82; rules: Armed
clash"), which `build` records as the note of the event's evidence item "classifier" (the
sentence's span).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sitrep.extract.classifier import NONE, SubeventModel, features, load_model
from sitrep.extract.events import Trigger, keep_trigger
from sitrep.extract.lexicon import phrase_pattern, read_lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["Settings", "load_settings", "classify_sentence", "fallback_event", "using"]


@dataclass(frozen=True)
class Settings:
    """lexicons/classifier.yaml, read."""

    retype_p: float
    retype_margin: float
    groups: tuple[frozenset[str], ...]
    new_p: float
    new_types: frozenset[str]
    not_event_verbs: frozenset[str]
    damp_p: float
    fallback_p: float = 1.0
    needs: Mapping[str, re.Pattern[str]] = field(default_factory=dict)
    keeps: Mapping[str, re.Pattern[str]] = field(default_factory=dict)

    def plausible(self, sub: str) -> frozenset[str]:
        """The types a rule's type `sub` may be replaced by (its groups' members)."""
        out: set[str] = set()
        for g in self.groups:
            if sub in g:
                out |= g
        return frozenset(out)

    def allowed(self, sub: str, sentence: str) -> bool:
        """True unless `sub` is guarded by cues (`needs`) and the sentence states none."""
        cue = self.needs.get(sub)
        return cue is None or cue.search(sentence) is not None

    def targets(self, rule: str, sentence: str) -> frozenset[str]:
        """The types the model may choose for a trigger the rules typed `rule`: only `rule`
        when the sentence states the rules' decisive cue for it (`keeps`), else the allowed
        members of its groups."""
        keep = self.keeps.get(rule)
        if keep is not None and keep.search(sentence):
            return frozenset({rule})
        others = {s for s in self.plausible(rule) if self.allowed(s, sentence)}
        return frozenset({rule, *others})


@lru_cache(maxsize=1)
def load_settings() -> Settings:
    """Read lexicons/classifier.yaml (once per process)."""
    data: dict[str, Any] = read_lexicon("classifier.yaml")
    return Settings(
        retype_p=float(data["retype_p"]),
        retype_margin=float(data["retype_margin"]),
        groups=tuple(frozenset(g) for g in data["groups"]),
        new_p=float(data["new_p"]),
        new_types=frozenset(data["new_types"]),
        not_event_verbs=frozenset(data["not_event_verbs"]),
        damp_p=float(data["damp_p"]),
        fallback_p=float(data.get("fallback_p", 1.0)),
        needs=_cues(data, "needs"),
        keeps=_cues(data, "keeps"),
    )


def _cues(data: dict[str, Any], key: str) -> dict[str, re.Pattern[str]]:
    """One pattern per sub-event type from the `guards` section's `key` cue lists."""
    guards: dict[str, dict[str, list[str]]] = data.get("guards") or {}
    return {sub: phrase_pattern(g[key]) for sub, g in guards.items() if g.get(key)}


_ACTIVE: dict[str, Any] = {}


@contextmanager
def using(model: SubeventModel | None, settings: Settings | None = None) -> Iterator[None]:
    """Run extraction with another model (None: the rules alone) or settings, e.g. for
    cross-validation; the shipped ones are restored after."""
    saved = dict(_ACTIVE)
    _ACTIVE["model"] = model
    if settings is not None:
        _ACTIVE["settings"] = settings
    try:
        yield
    finally:
        _ACTIVE.clear()
        _ACTIVE.update(saved)


def _model() -> SubeventModel | None:
    if "model" in _ACTIVE:
        return _ACTIVE["model"]
    return load_model() if _enabled() else None


@lru_cache(maxsize=1)
def _enabled() -> bool:
    """On by default; SITREP_EXTRACT_SUBEVENT_MODEL=0 (or false/no/off) turns the model off
    (the rules alone)."""
    value = os.environ.get("SITREP_EXTRACT_SUBEVENT_MODEL", "1").strip().lower()
    return value not in {"0", "false", "no", "off"}


def _settings() -> Settings:
    return _ACTIVE.get("settings") or load_settings()


def _note(label: str, p: float, rules: str | None) -> str:
    return f"classifier: {label} {p:.2f}; rules: {rules or 'no event'}"


def classify_sentence(
    doc: Doc,
    sent: Span,
    found: Sequence[Trigger],
    typed: list[Trigger],
    reference: date | None,
    text: str,
    pending: list[tuple[float, Trigger]] | None = None,
) -> list[Trigger]:
    """The sentence's typed triggers once the model has had its say (see the module docstring).

    found (Sequence[Trigger]): every trigger the table matched in the sentence (before filters).
    typed (list[Trigger]): the rules' typed triggers that make events.
    pending (list | None): where a new event below `new_p` is put, with its probability (an
        article where nothing else is found may still take it: `fallback_p`).
    RETURNS (list[Trigger]): the triggers that make events, with `model_note` set.
    """
    model = _model()
    if model is None or (found and not typed):
        return typed  # no model, or the rules' filters dropped every trigger
    sentence = text[sent.start_char : sent.end_char]
    verb = None
    if not typed:
        verb = _event_verb(doc, sent, reference, text)
        if verb is None:
            return typed
    probs = model.probabilities(
        features(sentence, [t.sub_event_type for t in found], [t.text for t in found])
    )
    settings = _settings()
    if verb is not None:
        return _new_event(verb, probs, settings, pending, sentence)
    if all(t.generic for t in typed) and probs[NONE] >= settings.damp_p:
        return []
    return [_retype(t, probs, settings, sentence) for t in typed]


def _retype(t: Trigger, probs: dict[str, float], settings: Settings, sentence: str) -> Trigger:
    rule = t.sub_event_type
    best = max(settings.targets(rule, sentence), key=lambda s: probs[s])
    p = probs[best]
    if best != rule and p >= settings.retype_p and p >= probs[rule] + settings.retype_margin:
        return replace(t, sub_event_type=best, model_note=_note(best, p, rule))
    top = max(probs, key=lambda s: probs[s])
    return replace(t, model_note=_note(top, probs[top], rule))


def _new_event(
    verb: Trigger,
    probs: dict[str, float],
    settings: Settings,
    pending: list[tuple[float, Trigger]] | None,
    sentence: str,
) -> list[Trigger]:
    label = max(probs, key=lambda s: probs[s])
    p = probs[label]
    if label == NONE or label not in settings.new_types or not settings.allowed(label, sentence):
        return []
    trigger = replace(verb, sub_event_type=label, model_note=_note(label, p, None))
    if p >= settings.new_p:
        return [trigger]
    if pending is not None:
        pending.append((p, trigger))
    return []


def fallback_event(pending: list[tuple[float, Trigger]]) -> Trigger | None:
    """The new event an article with no other event takes: the most probable pending one,
    when its probability reaches `fallback_p`."""
    if not pending:
        return None
    p, trigger = max(pending, key=lambda x: x[0])
    return trigger if p >= _settings().fallback_p else None


_FINITE = frozenset({"VBD", "VBN", "VBZ", "VBP"})


def _event_verb(doc: Doc, sent: Span, reference: date | None, text: str) -> Trigger | None:
    """The verb that would carry a new event: the sentence's root if it is an event-like verb,
    else its first such verb; None when there is none or the rules' filters drop it."""
    settings = _settings()

    def usable(tok: Token) -> bool:
        return (
            tok.pos_ == "VERB"
            and tok.tag_ in _FINITE
            and tok.lemma_.lower() not in settings.not_event_verbs
        )

    root = sent.root
    verb = root if usable(root) else next((t for t in sent if usable(t)), None)
    if verb is None:
        return None
    trig = Trigger("Other", verb.idx, verb.idx + len(verb.text), verb.text, 0, False)
    return trig if keep_trigger(doc, sent, trig, reference, text) is None else None
