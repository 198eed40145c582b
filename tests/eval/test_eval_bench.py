import gzip

from sitrep.eval.bench import load_texts, partition


def test_bench_load_texts_csv_dedupes_notes(data_dir, tmp_path):
    texts = load_texts(data_dir / "acled_3.csv")
    assert len(texts) == 2  # two rows share one note
    packed = tmp_path / "a.csv.gz"
    packed.write_bytes(gzip.compress((data_dir / "acled_3.csv").read_bytes()))
    assert load_texts(packed) == texts


def test_bench_load_texts_fakes_content_and_limit(data_dir):
    texts = load_texts(data_dir / "fakes_3.csv", limit=2)
    assert len(texts) == 2 and texts[0].startswith("Government warplanes struck")


def test_bench_partition_balances_words():
    texts = ["a " * 10, "b " * 6, "c " * 5, "d " * 1]
    parts = partition(texts, 2)
    loads = sorted(sum(len(t.split()) for t in p) for p in parts)
    assert loads == [11, 11]
    assert sorted(t for p in parts for t in p) == sorted(texts)


def test_bench_ratio_is_throughput_per_cpu_second():
    """The ratio to bare spaCy is sitrep's articles per CPU second over spaCy's (the target's
    ≥ 0.8); wall time, stretched by other jobs on a shared machine, gets its own ratio."""
    from sitrep.eval.bench import BenchRun, _ratios

    def run(pipeline, seconds, cpu):
        return BenchRun(pipeline, 1, 10, 100, seconds, 10 / seconds, 100 / seconds, cpu,
                        10 / cpu, 100 / cpu, 1.0, 500.0, 500.0, 0)  # fmt: skip

    cpu, wall = _ratios([run("spacy", 4.0, 1.0), run("sitrep", 2.0, 1.25)], [1])
    assert cpu == {1: 0.8} and wall == {1: 2.0}
