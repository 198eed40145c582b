"""A user's corrections of the fused layer: split a wrong merge, join a missed one.

Decisions are kept in terms of report-event ids (fused ids change when a new report joins), in
the order they were made; a later decision overrides an earlier one about the same pair.
`Decisions.from_records` turns the stored list into the pairwise constraints clustering obeys.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

__all__ = ["Decision", "Decisions"]


@dataclass(frozen=True)
class Decision:
    """One correction: "split" keeps `apart` from `rest`; "join" puts `apart` with `rest`.

    kind (str): "split" or "join".
    apart (tuple[str, ...]): report-event ids on one side (split: the reports taken out).
    rest (tuple[str, ...]): report-event ids on the other side. For a split with no reports
        named, `apart` holds every member and `rest` is empty: every report stands alone.
    """

    kind: str
    apart: tuple[str, ...]
    rest: tuple[str, ...] = ()

    def pairs(self) -> Iterable[frozenset[str]]:
        """Return the pairs of report ids this decision is about."""
        if not self.rest:
            return (frozenset(p) for p in itertools.combinations(self.apart, 2))
        return (frozenset((a, b)) for a in self.apart for b in self.rest if a != b)


@dataclass
class Decisions:
    """Pairwise constraints: report pairs that must stay apart, and pairs that must be together."""

    apart: set[frozenset[str]] = field(default_factory=set)
    together: set[frozenset[str]] = field(default_factory=set)

    @classmethod
    def from_records(cls, records: Sequence[Decision]) -> Decisions:
        """Apply decisions in order (a later one wins over an earlier one on the same pair)."""
        out = cls()
        for record in records:
            for pair in record.pairs():
                if record.kind == "split":
                    out.apart.add(pair)
                    out.together.discard(pair)
                else:
                    out.together.add(pair)
                    out.apart.discard(pair)
        return out

    def kept_apart(self, event_id: str, members: Iterable[str]) -> bool:
        """Return True if `event_id` must not join a group holding any of `members`."""
        return any(frozenset((event_id, m)) in self.apart for m in members)

    def ids(self) -> set[str]:
        """Return every report id a decision names."""
        return {i for pair in self.apart | self.together for i in pair}
