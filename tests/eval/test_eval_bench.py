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
