"""List the article pairs of the FA-KES fusion set that a reader must check by hand, with the
lines needed to decide whether their LEAD events are one incident (step 5 of the set's header).

Candidate pairs (every pair is listed once, lowest unit_id first):
- "window": two articles of DIFFERENT outlets whose crowd governorate is the same and whose
  crowd dates are at most 15 days apart (in either half, or across the halves: the halves are
  re-derived from the key rule afterwards, so a pair that straddles them is listed too);
- "incident": two articles that already share an incident id of the set given (any outlet, any
  dates; step 5 listed them from the set as it was before the check, `git show` its old version).

For each pair the tool prints the crowd fields (date, governorate, actor, cause, civilian and
child toll), the set's split and incident, the title and the opening of each article (its
first sentences, `--chars` characters), for a reader; it never writes article text to a file.
With `--checks FILE` (unit_a, unit_b, basis, decision, reason) it reports the candidate pairs
that FILE does not decide yet, and the decisions that are not candidate pairs (basis "noticed":
pairs seen while reading that the window misses). `--apply` rewrites the set's incident and
split columns from the decisions: an incident is a connected group of "same" decisions (it keeps
the old id most of its articles had, else takes the next fkNN), and each article's split follows
the header's key rule ("governorate|YYYY-MM" of the crowd date of the incident's lowest unit_id,
held-out when sha256(key)'s first hex digit is 8-f).

    python tools/fusion_gold_candidates.py [--dev CSV] [--set TSV] [--chars N]
        [--only window|incident] [--pending-only --checks FILE] [--checks FILE --summary]
        [--checks FILE --apply]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import itertools
import os
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SET = ROOT / "tests" / "data" / "fusion" / "fakes_dev_incidents.tsv"
CHECKS = ROOT / "tests" / "data" / "fusion" / "fakes_dev_checks.tsv"
WINDOW_DAYS = 15
DECISIONS = ("same", "different")


@dataclass(frozen=True)
class Article:
    """One dev article: the crowd's coding, the set's split and incident, and its text."""

    unit_id: str
    outlet: str
    crowd_date: date
    governorate: str
    actor: str
    cause: str
    civilians: str
    children: str
    title: str
    content: str
    split: str
    incident: str


@dataclass(frozen=True)
class Pair:
    """A candidate pair (a.unit_id < b.unit_id) and why it is a candidate."""

    a: Article
    b: Article
    basis: str  # "window", "incident" or "window+incident"

    @property
    def key(self) -> tuple[str, str]:
        return (self.a.unit_id, self.b.unit_id)


def default_dev() -> Path:
    """Return the shared FA-KES dev CSV ($SITREP_SHARED/data, else ../shared/data)."""
    env = os.environ.get("SITREP_SHARED")
    base = Path(env) / "data" if env else ROOT.parent / "shared" / "data"
    return base / "fakes" / "dev.csv"


def crowd_date(text: str) -> date:
    """Parse the crowd's M/D/YY date."""
    month, day, year = (int(p) for p in text.split("/"))
    return date(2000 + year, month, day)


def set_rows(path: Path) -> dict[str, dict[str, str]]:
    """Read the fusion set TSV (comment lines start with '#') into rows by unit_id."""
    lines = [line for line in path.read_text("utf-8").splitlines() if not line.startswith("#")]
    return {row["unit_id"]: row for row in csv.DictReader(lines, delimiter="\t")}


def load_articles(dev: Path, set_path: Path) -> list[Article]:
    """Join the dev CSV with the set's split and incident columns, sorted by unit_id."""
    labels = set_rows(set_path)
    articles = []
    with dev.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            label = labels[row["unit_id"]]
            articles.append(
                Article(
                    row["unit_id"],
                    row["source"],
                    crowd_date(row["date"]),
                    row["location"],
                    row["actor"],
                    row["cause_of_death"],
                    row["nb_civilians"],
                    row["nb_children"],
                    row["article_title"],
                    row["article_content"],
                    label["split"],
                    label["incident"],
                )
            )
    return sorted(articles, key=lambda a: a.unit_id)


def _basis(a: Article, b: Article) -> str:
    window = (
        a.outlet != b.outlet
        and a.governorate == b.governorate
        and abs((a.crowd_date - b.crowd_date).days) <= WINDOW_DAYS
    )
    incident = bool(a.incident) and a.incident == b.incident
    return "+".join(name for name, on in (("window", window), ("incident", incident)) if on)


def candidate_pairs(articles: list[Article]) -> list[Pair]:
    """Return every candidate pair, ordered by governorate, then date, then unit ids."""
    pairs = []
    for a, b in itertools.combinations(articles, 2):
        basis = _basis(a, b)
        if basis:
            pairs.append(Pair(a, b, basis))
    return sorted(
        pairs, key=lambda p: (p.a.governorate, min(p.a.crowd_date, p.b.crowd_date), p.key)
    )


def read_checks(path: Path) -> dict[tuple[str, str], tuple[str, str]]:
    """Read the decisions file: (unit_a, unit_b) -> (decision, reason)."""
    lines = [line for line in path.read_text("utf-8").splitlines() if not line.startswith("#")]
    checks = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        a, b = sorted((row["unit_a"], row["unit_b"]))
        checks[(a, b)] = (row["decision"], row["reason"])
    return checks


def incident_groups(checks: dict[tuple[str, str], tuple[str, str]]) -> list[set[str]]:
    """Return the connected groups of articles joined by "same" decisions."""
    parent: dict[str, str] = {}

    def root(u: str) -> str:
        parent.setdefault(u, u)
        while parent[u] != u:
            u = parent[u]
        return u

    for (a, b), (decision, _) in checks.items():
        if decision == "same":
            parent[root(a)] = root(b)
    groups: dict[str, set[str]] = {}
    for u in list(parent):
        groups.setdefault(root(u), set()).add(u)
    return sorted(groups.values(), key=min)


def name_incidents(groups: list[set[str]], old: dict[str, str]) -> dict[str, str]:
    """Return unit_id -> incident id: a group keeps the old id most of its articles had (if no
    larger group took it), else gets the next fkNN after the highest id in use."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    fresh = max((int(v[2:]) for v in old.values() if v.startswith("fk")), default=0)
    for group in sorted(groups, key=lambda g: (-len(g), min(g))):
        votes = Counter(old[u] for u in group if old.get(u))
        name = next((n for n, _ in votes.most_common() if n not in taken), None)
        if name is None:
            fresh += 1
            name = f"fk{fresh:02d}"
        taken.add(name)
        names.update(dict.fromkeys(group, name))
    return names


def split_of(article: Article) -> str:
    """The header's split rule on one article's crowd governorate and month."""
    key = f"{article.governorate}|{article.crowd_date:%Y-%m}"
    return "held-out" if int(hashlib.sha256(key.encode()).hexdigest()[0], 16) >= 8 else "tuning"


def apply_checks(set_path: Path, articles: list[Article], checks: dict) -> str:
    """Return the set's text with its incident and split columns rebuilt from the decisions."""
    text = set_path.read_text("utf-8")
    comments = [line for line in text.splitlines() if line.startswith("#")]
    rows = set_rows(set_path)
    names = name_incidents(incident_groups(checks), {u: r["incident"] for u, r in rows.items()})
    by_id = {a.unit_id: a for a in articles}
    first: dict[str, str] = {}
    for unit_id in sorted(names):
        first.setdefault(names[unit_id], unit_id)
    lines = ["unit_id\tsource\tincident\tsplit"]
    for unit_id, row in rows.items():
        incident = names.get(unit_id, "")
        split = split_of(by_id[first[incident] if incident else unit_id])
        lines.append(f"{unit_id}\t{row['source']}\t{incident}\t{split}")
    return "\n".join([*comments, *lines]) + "\n"


def _opening(text: str, chars: int) -> str:
    return text[:chars] + ("..." if len(text) > chars else "")


def _describe(article: Article, chars: int) -> list[str]:
    crowd = (
        f"{article.crowd_date.isoformat()} {article.governorate} | {article.actor} | "
        f"{article.cause} | civ {article.civilians} ch {article.children}"
    )
    where = f"{article.split}{' ' + article.incident if article.incident else ''}"
    return [
        f"  {article.unit_id} {article.outlet} [{where}] crowd: {crowd}",
        f"    TITLE: {article.title}",
        f"    TEXT: {_opening(article.content, chars)}",
    ]


def render(pairs: list[Pair], chars: int) -> str:
    """Return the reading sheet: one block per pair."""
    out = []
    for n, pair in enumerate(pairs, 1):
        days = abs((pair.a.crowd_date - pair.b.crowd_date).days)
        out.append(f"#{n} {pair.a.unit_id} {pair.b.unit_id} ({pair.basis}, {days} crowd days)")
        out += _describe(pair.a, chars) + _describe(pair.b, chars)
    return "\n".join(out)


def _parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev", type=Path, default=None, help="FA-KES dev CSV")
    parser.add_argument("--set", type=Path, default=SET, help="fusion set TSV")
    parser.add_argument("--checks", type=Path, default=None, help="decisions TSV")
    parser.add_argument("--chars", type=int, default=600, help="characters of each opening")
    parser.add_argument("--only", choices=("window", "incident"), default=None)
    parser.add_argument("--pending-only", action="store_true", help="pairs --checks lacks")
    parser.add_argument("--summary", action="store_true", help="counts only, no text")
    parser.add_argument("--apply", action="store_true", help="rewrite --set from --checks")
    return parser.parse_args()


def main() -> None:
    args = _parse()
    articles = load_articles(args.dev or default_dev(), args.set)
    if args.apply:
        args.set.write_text(apply_checks(args.set, articles, read_checks(args.checks)), "utf-8")
        return
    pairs = candidate_pairs(articles)
    if args.only:
        pairs = [p for p in pairs if args.only in p.basis.split("+")]
    checks = read_checks(args.checks) if args.checks else {}
    if args.pending_only:
        pairs = [p for p in pairs if p.key not in checks]
    if args.summary:
        keys = {p.key for p in pairs}
        print(f"{len(pairs)} candidate pairs; {len(keys & checks.keys())} decided")
        print(f"decisions that are not candidate pairs: {sorted(checks.keys() - keys)}")
        return
    print(render(pairs, args.chars))


if __name__ == "__main__":
    main()
