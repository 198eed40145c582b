"""Throughput benchmark: sitrep end to end (text → Document → Extraction) against bare spaCy.

sitrep parses its texts in batches (`sitrep.extract.parse_documents`, as `extract_documents`
does), like the reference's `nlp.pipe`. Each run starts fresh worker processes (spawn), each
loads the pipeline once and warms it up, then all start together behind a barrier; the wall
time runs from that start to the last worker's end; the CPU time is the workers' own
(`time.process_time`, summed), the figure to trust on a shared machine. The texts are split
among workers by word count. Peak RSS is each worker's own `ru_maxrss` (the parent does not
load spaCy).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import multiprocessing
import os
import platform
import resource
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sitrep.errors import InputError

__all__ = ["BenchRun", "load_texts", "run_benchmark", "default_corpus", "partition"]

TEXT_COLUMNS = ("article_content", "text", "notes")
WARM_UP = "Syrian government air strikes killed 3 civilians in Idlib on Monday, activists said."


def default_corpus() -> Path:
    """Return the FA-KES dev split beside the repository (../shared/data/fakes/dev.csv)."""
    here = Path("../shared/data/fakes/dev.csv")
    if here.exists():
        return here
    repo = Path(__file__).resolve().parents[3]
    return repo.parent / "shared" / "data" / "fakes" / "dev.csv"


def _csv_texts(raw: bytes, path: Path) -> list[str]:
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8", errors="replace"), newline=""))
    column = next((c for c in TEXT_COLUMNS if c in (reader.fieldnames or [])), None)
    if column is None:
        raise InputError(
            f"{path} has none of the text columns {', '.join(TEXT_COLUMNS)}", code="E102"
        )
    texts: list[str] = []
    seen: set[str] = set()
    for row in reader:
        text = (row.get(column) or "").strip()
        if text and text not in seen:  # ACLED repeats one note over several rows
            seen.add(text)
            texts.append(text)
    return texts


def load_texts(path: Path, limit: int | None = None) -> list[str]:
    """Read a corpus: a CSV(.gz) with an article_content/text/notes column, a JSONL file with
    "text", a .txt file, or a directory of .txt files.

    path (Path): the corpus.
    limit (int | None): keep the first `limit` texts.
    RETURNS (list[str]): the texts (distinct, in order).
    """
    try:
        if path.is_dir():
            texts = [p.read_text(encoding="utf-8") for p in sorted(path.glob("*.txt"))]
        else:
            raw = path.read_bytes()
            if raw[:2] == b"\x1f\x8b":
                raw = gzip.decompress(raw)
            name = path.name.removesuffix(".gz")
            if name.endswith(".csv"):
                texts = _csv_texts(raw, path)
            elif name.endswith(".jsonl"):
                lines = raw.decode("utf-8").splitlines()
                texts = [json.loads(line)["text"] for line in lines if line.strip()]
            else:
                texts = [raw.decode("utf-8", errors="replace")]
    except OSError as exc:
        raise InputError(f"Cannot read corpus {path}: {exc.strerror}", code="E101") from exc
    texts = [t for t in texts if t.strip()]
    if not texts:
        raise InputError(f"Corpus {path} holds no text", code="E104")
    return texts[:limit] if limit else texts


def partition(texts: list[str], parts: int) -> list[list[str]]:
    """Split texts into `parts` lists of about equal word count (longest first, to the lightest)."""
    buckets: list[list[str]] = [[] for _ in range(parts)]
    loads = [0] * parts
    for text in sorted(texts, key=lambda t: len(t.split()), reverse=True):
        i = loads.index(min(loads))
        buckets[i].append(text)
        loads[i] += len(text.split())
    return buckets


def _worker(mode: str, texts: list[str], barrier: Any, queue: Any) -> None:
    t_load = time.perf_counter()
    from sitrep.nlp import load_model, load_pipeline

    # sitrep runs its own pipeline; the reference is the model as spaCy ships it.
    nlp = load_pipeline() if mode == "sitrep" else load_model()
    errors = 0
    if mode == "sitrep":
        from sitrep.extract import extract_document  # type: ignore[attr-defined,unused-ignore]
        from sitrep.records import Document

        extract_document(Document.from_text(WARM_UP))
    else:
        list(nlp.pipe([WARM_UP]))
    load_s = time.perf_counter() - t_load
    barrier.wait()
    start = time.perf_counter()
    cpu_start = time.process_time()
    if mode == "sitrep":
        from sitrep.extract import extract_parsed, parse_documents

        # Parsed in batches as `nlp.pipe` parses the reference run's texts.
        for document, doc in parse_documents(Document.from_text(text) for text in texts):
            try:
                extract_parsed(document, doc)
            except Exception:  # noqa: BLE001 - count it, keep timing the rest
                errors += 1
    else:
        for _ in nlp.pipe(texts):
            pass
    end = time.perf_counter()
    cpu_s = time.process_time() - cpu_start
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    queue.put(
        {
            "start": start,
            "end": end,
            "load_s": load_s,
            "rss_kb": rss_kb,
            "errors": errors,
            "cpu_s": cpu_s,
        }
    )


@dataclass
class BenchRun:
    """One timed run: a pipeline ("sitrep" or "spacy") over the corpus with some workers."""

    pipeline: str
    workers: int
    articles: int
    words: int
    seconds: float
    articles_per_s: float
    words_per_s: float
    cpu_seconds: float
    articles_per_cpu_s: float
    words_per_cpu_s: float
    load_s: float
    peak_rss_mb_worker: float
    peak_rss_mb_total: float
    errors: int


def _run(mode: str, texts: list[str], workers: int) -> BenchRun:
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(workers)
    queue = ctx.Queue()
    parts = partition(texts, workers)
    procs = [ctx.Process(target=_worker, args=(mode, part, barrier, queue)) for part in parts]
    for p in procs:
        p.start()
    reports = [queue.get() for _ in procs]
    for p in procs:
        p.join()
    seconds = max(r["end"] for r in reports) - min(r["start"] for r in reports)
    words = sum(len(t.split()) for t in texts)
    rss = [r["rss_kb"] / 1024 for r in reports]
    cpu = sum(r["cpu_s"] for r in reports)
    return BenchRun(
        pipeline=mode,
        workers=workers,
        articles=len(texts),
        words=words,
        seconds=seconds,
        articles_per_s=len(texts) / seconds,
        words_per_s=words / seconds,
        cpu_seconds=cpu,
        articles_per_cpu_s=len(texts) / cpu,
        words_per_cpu_s=words / cpu,
        load_s=max(r["load_s"] for r in reports),
        peak_rss_mb_worker=max(rss),
        peak_rss_mb_total=sum(rss),
        errors=sum(r["errors"] for r in reports),
    )


def _batch_size() -> int | None:
    """nlp.pipe's default batch size, read from the model's config without loading it."""
    try:
        from sitrep.nlp import model_package

        module = __import__(model_package())
        import spacy

        path = Path(module.__file__ or "").parent
        config_dirs = [p for p in path.iterdir() if (p / "config.cfg").exists()]
        config = spacy.util.load_config(config_dirs[0] / "config.cfg") if config_dirs else None
        return int(config["nlp"]["batch_size"]) if config else None
    except (ImportError, OSError, KeyError, ValueError):
        return None


def run_benchmark(
    corpus: Path, *, workers: int = 2, limit: int | None = None, spacy: bool = True
) -> dict[str, Any]:
    """Time sitrep (and bare spaCy) on a corpus with 1 and `workers` processes.

    corpus (Path): the texts (see `load_texts`).
    workers (int): the second worker count (1 is always run).
    limit (int | None): use the first `limit` texts.
    spacy (bool): also time the bare spaCy pipeline (`nlp.pipe`) on the same texts.
    RETURNS (dict): "machine", "corpus", "runs" (list of BenchRun dicts), "ratios"
        ({workers: sitrep's articles per CPU second ÷ spaCy's}, the target's ≥ 0.8) and
        "wall_ratios" (the same per wall-clock second).
    """
    texts = load_texts(corpus, limit)
    from sitrep.nlp import model_package

    counts = sorted({1, max(1, workers)})
    runs: list[BenchRun] = []
    for n in counts:
        if spacy:
            runs.append(_run("spacy", texts, n))
        runs.append(_run("sitrep", texts, n))
    ratios, wall_ratios = _ratios(runs, counts)
    return {
        "machine": {
            "cores": os.cpu_count(),
            "usable_cores": len(os.sched_getaffinity(0))
            if hasattr(os, "sched_getaffinity")
            else os.cpu_count(),
            "load_average": os.getloadavg(),
            "python": platform.python_version(),
            "model": model_package(),
            "spacy_batch_size": _batch_size(),
        },
        "corpus": {
            "path": str(corpus),
            "articles": len(texts),
            "words": sum(len(t.split()) for t in texts),
        },
        "runs": [asdict(r) for r in runs],
        "ratios": ratios,
        "wall_ratios": wall_ratios,
    }


def _ratios(runs: list[BenchRun], counts: list[int]) -> tuple[dict[int, float], dict[int, float]]:
    """sitrep's throughput as a fraction of bare spaCy's, per worker count: per CPU second
    (the figure to trust on a shared machine: the other jobs' load stretches wall time, not
    the workers' own CPU time) and per wall second.

    RETURNS: ({workers: sitrep articles per CPU s / spaCy's}, {workers: the same per wall s}).
    """
    cpu: dict[int, float] = {}
    wall: dict[int, float] = {}
    for n in counts:
        by = {r.pipeline: r for r in runs if r.workers == n}
        if "spacy" in by and "sitrep" in by:
            cpu[n] = by["spacy"].cpu_seconds / by["sitrep"].cpu_seconds
            wall[n] = by["spacy"].seconds / by["sitrep"].seconds
    return cpu, wall
