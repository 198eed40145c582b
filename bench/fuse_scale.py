"""Benchmark fusion at scale: N synthetic report-events fused on one core (SQLite, PostgreSQL).

Synthetic reports (plausible, made up): incidents over 3 years in 14 Syrian governorates, each
at one of 400 named villages within ~30 km of the governorate's seat, 6 sub-event types in 3
families, tolls 0-30; each incident is reported by 1-4 outlets (2.2 on average), on its day or
the next, at its village (coordinates within ~0.5 km), with the toll varying by up to 50 %.
Reports come in date order, as a store
returns them sorted, and are fused streaming (`sitrep.fuse.match.iter_groups`: blocking by
sub-event family and governorate, groups closed once the widest date tolerance has passed), each
group merged and graded, and the fused events with their members and link reasons written in
batches of 5,000 (`sitrep.store.fused.write_fused`). Memory holds only the open groups.

    python bench/fuse_scale.py [--events 1000000] [--store sqlite|pg|both]
        [--pg postgresql://postgres@127.0.0.1:5432/test] [--seed 0]

Prints, per store: reports, fused events, wall seconds, CPU seconds of this process (on a
shared machine the wall time measures the neighbours too; the database server's own CPU is not
counted), reports per CPU second, peak RSS (MB), the machine's 5-minute load average. One
process, one core. The PostgreSQL run
uses its own schema, dropped afterwards.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from sitrep.fuse.fusion import FusedGroup, _reasons
from sitrep.fuse.grade import GradeRules, grade_event
from sitrep.fuse.match import MatchRules, iter_groups
from sitrep.fuse.merge import merge_group
from sitrep.fuse.tables import load_outlets
from sitrep.records import Event
from sitrep.store import open_store
from sitrep.store.fused import write_fused

GOVERNORATES = {
    "Aleppo": (36.20, 37.16),
    "Idleb": (35.93, 36.63),
    "Hama": (35.13, 36.75),
    "Homs": (34.73, 36.71),
    "Damascus": (33.51, 36.29),
    "Rural Damascus": (33.57, 36.40),
    "Dar'a": (32.62, 36.10),
    "Quneitra": (33.13, 35.82),
    "Lattakia": (35.52, 35.79),
    "Tartous": (34.89, 35.89),
    "Deir ez Zor": (35.33, 40.14),
    "Ar Raqqa": (35.95, 39.01),
    "Al Hasakeh": (36.50, 40.75),
    "As Sweida": (32.71, 36.57),
}
TYPES = {
    "Air/drone strike": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
}
BATCH = 5000


def _report(rng: random.Random, n: int, day: date, incident: tuple, jitter: float) -> Event:
    sub, admin1, lat, lon, toll, place = incident
    figure = max(0, round(toll * rng.uniform(0.5, 1.5)))
    doc = f"d{n:08d}"
    return Event(
        event_id=f"{doc}-1",
        doc_ids=[doc],
        event_date=day,
        time_precision=1,
        event_type=TYPES[sub],
        sub_event_type=sub,
        actor1="Military Forces of Syria (2000-)",
        country="Syria",
        admin1=admin1,
        location=place,
        latitude=lat + rng.uniform(-jitter, jitter),
        longitude=lon + rng.uniform(-jitter, jitter),
        geo_precision=1,
        fatalities=figure,
    )


def _incident(rng: random.Random) -> tuple:
    admin1 = rng.choice(list(GOVERNORATES))
    lat, lon = GOVERNORATES[admin1]
    village = rng.randrange(400)  # 400 named villages around each governorate's seat
    place = random.Random(f"{admin1}{village}")
    return (
        rng.choice(list(TYPES)),
        admin1,
        lat + place.uniform(-0.3, 0.3),
        lon + place.uniform(-0.3, 0.3),
        rng.choice([0, 0, 1, 2, 3, 5, 8, 12, 20, 30]),
        f"Village {village} ({admin1})",
    )


def synthetic_reports(total: int, seed: int) -> Iterator[Event]:
    """Yield `total` report-events over 3 years, in (date, event_id) order."""
    rng = random.Random(seed)
    start, days = date(2016, 1, 1), 3 * 365
    planned = 0
    carry: list[Event] = []
    for offset in range(days + 1):
        day = start + timedelta(days=offset)
        today, carry = carry, []
        while planned < min(total, total * (offset + 1) // days):
            incident = _incident(rng)
            for _ in range(rng.choice([1, 1, 2, 2, 3, 4])):
                late = rng.random() < 0.2 and offset < days - 1
                report = _report(rng, planned, day + timedelta(days=int(late)), incident, 0.005)
                (carry if late else today).append(report)
                planned += 1
        today.sort(key=lambda e: e.event_id)
        yield from today


def _fused_groups(reports: Iterator[Event]) -> Iterator[FusedGroup]:
    rules, grade_rules, outlets = MatchRules.default(), GradeRules.default(), load_outlets()
    for group in iter_groups(reports, rules):
        event = merge_group(group, outlets=outlets, rules=rules)
        grading = grade_event(event, grade_rules, outlets)
        graded = event.model_copy(update={"grade": grading.grade, "contested": grading.contested})
        yield FusedGroup(graded, [e.event_id for e in group], _reasons(group, rules, set()))


def run(url: str, total: int, seed: int) -> dict[str, float]:
    """Fuse `total` synthetic reports into the store at `url`; RETURNS the figures."""
    store = open_store(url)
    started, cpu_started = time.perf_counter(), time.process_time()
    reports = fused = 0
    batch: list[FusedGroup] = []

    def counted() -> Iterator[Event]:
        nonlocal reports
        for event in synthetic_reports(total, seed):
            reports += 1
            yield event

    try:
        for group in _fused_groups(counted()):
            batch.append(group)
            if len(batch) >= BATCH:
                fused += write_fused(store, [(g.event, g.reasons) for g in batch], remove=[])
                batch = []
        fused += write_fused(store, [(g.event, g.reasons) for g in batch], remove=[])
    finally:
        store.close()
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    load = os.getloadavg()[1]  # the machine's 5-minute load average at the end
    return {
        "reports": reports,
        "fused": fused,
        "seconds": seconds,
        "cpu": cpu,
        "rss_mb": rss,
        "load": load,
    }


def _pg_schema(base: str) -> tuple[str, str]:
    import sqlalchemy as sa

    schema = f"bench_fuse_{uuid.uuid4().hex[:8]}"
    engine = sa.create_engine(base)
    with engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    sep = "&" if "?" in base else "?"
    return schema, f"{base}{sep}options=-csearch_path%3D{schema}"


def _drop(base: str, schema: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(base)
    with engine.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--store", choices=["sqlite", "pg", "both"], default="both")
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    targets = ["sqlite", "pg"] if args.store == "both" else [args.store]
    for target in targets:
        if target == "sqlite":
            with tempfile.TemporaryDirectory() as tmp:
                figures = run(f"sqlite:///{Path(tmp) / 'fuse.db'}", args.events, args.seed)
        else:
            schema, url = _pg_schema(args.pg)
            try:
                figures = run(url, args.events, args.seed)
            finally:
                _drop(args.pg, schema)
        print(
            f"{target}: {figures['reports']:,} reports -> {figures['fused']:,} fused events in "
            f"{figures['seconds']:.1f} s wall, {figures['cpu']:.1f} s CPU of this process "
            f"({figures['reports'] / figures['cpu']:,.0f} reports per CPU second), peak RSS "
            f"{figures['rss_mb']:.0f} MB, load average (5 min) at the end {figures['load']:.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
