"""CSV and JSONL corpora: column mapping (FA-KES and ACLED by default), refs, malformed rows."""

from __future__ import annotations

import csv
import gzip
import json
from datetime import date
from pathlib import Path

import pytest

from sitrep.errors import InputError, MalformedRowError
from sitrep.ingest import IngestOptions, read_inputs
from sitrep.records import Document
from testdata import SHARED_DATA

SHARED = SHARED_DATA

TEXT_A = (
    "Three civilians were injured in rocket attacks on Izraa town "
    "in the northeastern countryside of Daraa."
)
TEXT_B = (
    "Warplanes struck the market of al-Asharah in the Deir Az-Zour province, killing 17 civilians."
)
TEXT_C = "On 9 May 2020, Al Shabaab militants attacked Jubaland security forces near Bar-Sanguun."


def read(paths, **options) -> tuple[list[Document], list[InputError]]:
    docs: list[Document] = []
    errors: list[InputError] = []
    for item in read_inputs([str(p) for p in paths], IngestOptions(**options)):
        (docs if isinstance(item, Document) else errors).append(item)
    return docs, errors


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_corpus_fakes_columns_by_default(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "fakes.csv",
        ["unit_id", "article_title", "article_content", "source", "date", "location", "label"],
        [
            [
                "1926479070",
                "Ten civilians injured",
                "21 August 2016 " + TEXT_A,
                "sana",
                "8/21/16",
                "daraa",
                "1",
            ],
            [
                "1923102957",
                "Airstrikes kill dozens",
                TEXT_B,
                "alaraby",
                "6/6/16",
                "deir ezzor",
                "0",
            ],
        ],
    )
    docs, errors = read([path])
    assert errors == []
    assert [(d.ref, d.title, d.outlet, d.published) for d in docs] == [
        ("1926479070", "Ten civilians injured", "sana", date(2016, 8, 21)),
        ("1923102957", "Airstrikes kill dozens", "alaraby", date(2016, 6, 6)),
    ]


def test_corpus_acled_rows_sharing_notes_are_one_document(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "acled.csv",
        ["event_id_cnty", "event_date", "event_type", "source", "notes", "fatalities"],
        [
            ["SOM31065", "9-May-20", "Battles", "Calamada", TEXT_C, "2"],
            ["MEX17991", "9-May-20", "Violence against civilians", "Tiempo", TEXT_A, "1"],
            ["SOM31066", "9-May-20", "Battles", "Calamada", TEXT_C, "2"],
        ],
    )
    docs, errors = read([path])
    assert errors == []
    assert [(d.ref, d.outlet, d.published) for d in docs] == [
        ("SOM31065;SOM31066", "Calamada", date(2020, 5, 9)),
        ("MEX17991", "Tiempo", date(2020, 5, 9)),
    ]


def test_corpus_column_options_override_defaults(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "mine.csv",
        ["key", "headline", "body", "text", "when", "paper"],
        [["k1", "Strikes", TEXT_B, "not this column", "2016-06-06", "Al-Araby"]],
    )
    [doc], errors = read(
        [path],
        text_col="body",
        title_col="headline",
        date_col="when",
        source_col="paper",
        id_col="key",
    )
    assert errors == []
    assert (doc.text, doc.title, doc.published, doc.outlet, doc.ref) == (
        TEXT_B,
        "Strikes",
        date(2016, 6, 6),
        "Al-Araby",
        "k1",
    )


def test_corpus_without_text_column_says_which_option(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x.csv", ["a", "b"], [["1", TEXT_A]])
    docs, [error] = read([path])
    assert docs == [] and "--text-col" in str(error) and str(path) in str(error)


def test_corpus_malformed_csv_row_is_named_and_skipped(tmp_path: Path) -> None:
    path = tmp_path / "broken.csv"
    path.write_text(
        "id,text,published\n"
        f'r1,"{TEXT_A}",2016-08-21\n'
        f'r2,"{TEXT_B}",2016-06-06,extra,fields\n'
        "r3,short,2016-06-07\n"
        f'r4,"{TEXT_C}",2020-05-09\n',
        "utf-8",
    )
    docs, errors = read([path])
    assert [d.ref for d in docs] == ["r1", "r4"]
    assert all(isinstance(e, MalformedRowError) for e in errors)
    assert [str(e) for e in errors] == [
        f"[E110] {path} row 2 (line 3): 5 fields, the header has 3; row skipped.",
        f"[E101] {path} row 3: no text (fewer than 20 characters).",
    ]


def test_corpus_unterminated_quote_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "quote.csv"
    path.write_text(f'id,text\nr1,"{TEXT_A}"\nr2,"{TEXT_B}\n', "utf-8")
    docs, errors = read([path, path.with_name("nothing.csv")])
    assert [d.ref for d in docs] == ["r1"]
    assert len(errors) == 2
    assert str(errors[0]).startswith(f"[E110] {path} line 3: unreadable CSV")
    assert "nothing.csv: no such file" in str(errors[1])


def test_corpus_jsonl_with_ids_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    lines = [
        json.dumps(
            {
                "id": "a",
                "text": TEXT_A,
                "published": "2016-08-21",
                "source": "SANA",
                "url": "https://sana.sy/1",
            }
        ),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": "c", "title": "no text here"}),
        "",
        json.dumps({"text": TEXT_B}),
    ]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    docs, errors = read([path])
    assert [(d.ref, d.outlet, d.url, d.published) for d in docs] == [
        ("a", "SANA", "https://sana.sy/1", date(2016, 8, 21)),
        (f"{path}:6", None, None, None),
    ]
    assert [str(e).split(": ", 1)[0] for e in errors] == [
        f"[E110] {path} line 2",
        f"[E110] {path} line 3",
        f"[E101] {path} line 4",
    ]


def test_corpus_gzipped_csv(tmp_path: Path) -> None:
    plain = write_csv(tmp_path / "c.csv", ["id", "text"], [["g1", TEXT_A]])
    packed = tmp_path / "c.csv.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    plain.unlink()
    [doc], errors = read([packed])
    assert errors == [] and doc.ref == "g1"


@pytest.mark.skipif(
    not (SHARED / "fakes" / "dev.csv").exists(), reason="shared FA-KES data not found"
)
def test_corpus_real_fakes_dev_split() -> None:
    docs, errors = read([SHARED / "fakes" / "dev.csv"])
    # 300 rows, two of which carry the same article: one document, both row ids in its ref.
    assert errors == [] and len(docs) == 299
    assert [d.ref for d in docs if ";" in (d.ref or "")] == ["1924058042;1924058058"]
    assert all(d.ref and d.outlet and d.published for d in docs)


def test_corpus_unclosed_quote_skips_that_row_alone(tmp_path: Path) -> None:
    """Rows a1, a2 (an unclosed quote), a3, a4: a1, a3 and a4 are read, line 3 is named."""
    path = tmp_path / "broken-quote.csv"
    path.write_text(
        "id,text,published\n"
        f'a1,"{TEXT_A}",2016-08-21\n'
        f'a2,"{TEXT_B},2016-06-06\n'
        f'a3,"{TEXT_C}",2020-05-09\n'
        f"a4,{TEXT_A} Again.,2016-08-22\n",
        "utf-8",
    )
    docs, errors = read([path])
    assert [d.ref for d in docs] == ["a1", "a3", "a4"]
    assert [str(e).split(": ", 1)[0] for e in errors] == [f"[E110] {path} line 3"]
    assert "reading on at line 4" in str(errors[0])


def test_corpus_stray_quote_names_every_skipped_line(tmp_path: Path) -> None:
    """Two broken rows, a quoted field over two lines kept whole, a blank line ignored."""
    path = tmp_path / "two-broken.csv"
    path.write_text(
        "id,text\n"
        f'b1,"{TEXT_A}\nsecond paragraph"\n'
        f'b2,"{TEXT_B}" trailing\n'
        "\n"
        f'b3,"{TEXT_C}"\n'
        f'b4,"unclosed {TEXT_A}\n',
        "utf-8",
    )
    docs, errors = read([path])
    assert [d.ref for d in docs] == ["b1", "b3"]
    assert docs[0].text.endswith("second paragraph")
    assert [str(e).split(": ", 1)[0] for e in errors] == [
        f"[E110] {path} line 4",
        f"[E110] {path} line 7",
    ]


def test_corpus_jsonl_bad_line_is_skipped_alone(tmp_path: Path) -> None:
    path = tmp_path / "one-bad.jsonl"
    lines = [
        json.dumps({"id": "j1", "text": TEXT_A}),
        '{"id": "j2", "text": "unterminated',
        json.dumps({"id": "j3", "text": TEXT_B}),
        json.dumps({"id": "j4", "text": TEXT_C}),
    ]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    docs, errors = read([path])
    assert [d.ref for d in docs] == ["j1", "j3", "j4"]
    assert [str(e).split(": ", 1)[0] for e in errors] == [f"[E110] {path} line 2"]
