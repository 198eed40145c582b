"""Text files, folders and bad inputs: each bad input named once, the batch going on."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.ingest import IngestOptions, read_inputs
from sitrep.records import Document

ARTICLE = (
    "Airstrikes hit Aleppo\n\n"
    "Russian and regime warplanes carried out dozens of airstrikes on the Ramousah area of "
    "Aleppo on Sunday, activists said, after rebels broke the siege of the city's east.\n"
)


def read(paths, **options) -> tuple[list[Document], list[InputError]]:
    docs: list[Document] = []
    errors: list[InputError] = []
    for item in read_inputs([str(p) for p in paths], IngestOptions(**options)):
        (docs if isinstance(item, Document) else errors).append(item)
    return docs, errors


def test_files_text_file_becomes_a_document(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, "utf-8")
    [doc], errors = read([path], source="Orient News", published=date(2016, 8, 7))
    assert errors == []
    assert doc.title == "Airstrikes hit Aleppo"
    assert doc.text.startswith("Airstrikes hit Aleppo\n\nRussian")
    assert (doc.ref, doc.outlet, doc.published) == (str(path), "Orient News", date(2016, 8, 7))


def test_files_latin1_text_is_decoded(tmp_path: Path) -> None:
    text = (
        "Le régime a bombardé Alep-Est dimanche ; l'hôpital Al-Quds a été détruit, "
        "déclarent les Casques blancs. " * 3
    )
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.encode("latin-1"))
    [doc], errors = read([path])
    assert errors == []
    assert "bombardé" in doc.text and "hôpital" in doc.text and "\ufffd" not in doc.text


def test_files_cp1252_quotes_are_decoded(tmp_path: Path) -> None:
    text = (
        "The Observatory said the café near the “old souk” "
        "in Ma’arrat al-Nu’man was hit – 12 killed."
    )
    path = tmp_path / "cp1252.txt"
    path.write_bytes(text.encode("cp1252"))
    [doc], errors = read([path])
    assert errors == [] and doc.text == text


def test_files_arabic_cp1256_is_detected(tmp_path: Path) -> None:
    text = "قصف الطيران الحربي الروسي أحياء حلب الشرقية صباح اليوم وسقط عشرات القتلى والجرحى. " * 4
    path = tmp_path / "ar.txt"
    path.write_bytes(text.encode("cp1256"))
    [doc], errors = read([path])
    assert errors == [] and doc.text == text.strip()


def test_files_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes(ARTICLE.encode("utf-16"))
    [doc], errors = read([path])
    assert errors == [] and "Ramousah" in doc.text


@pytest.mark.parametrize(
    "content,code,message",
    [
        (b"", "E101", "empty"),
        (b"   \n\n\t  \n", "E101", "empty"),
        (b"too short", "E101", "no text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 50, "E102", "binary"),
        (bytes(range(256)) * 40, "E102", "binary"),
    ],
)
def test_files_bad_file_is_named_and_batch_goes_on(
    tmp_path: Path, content: bytes, code: str, message: str
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, "utf-8")
    docs, errors = read([bad, good])
    assert [d.ref for d in docs] == [str(good)]
    assert len(errors) == 1
    assert errors[0].code == code and str(bad) in str(errors[0]) and message in str(errors[0])


def test_files_50mb_file_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    line = b"Shelling was reported in the eastern countryside of Deir ez-Zor again today.\n"
    with big.open("wb") as out:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            out.write(line)
    assert big.stat().st_size > 50 * 1024 * 1024
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, "utf-8")
    docs, errors = read([big, good])
    assert [d.ref for d in docs] == [str(good)]
    [error] = errors
    assert error.code == "E103" and str(big) in str(error) and "--max-bytes" in str(error)


def test_files_max_bytes_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, "utf-8")
    docs, errors = read([path], max_bytes=100)
    assert docs == [] and errors[0].code == "E103"
    docs, errors = read([path], max_bytes=10_000)
    assert len(docs) == 1 and errors == []


def test_files_dateline_sets_published_unless_given(tmp_path: Path) -> None:
    path = tmp_path / "dated.txt"
    path.write_text(
        "Wed 05 Apr 2017 | Syrian government aircraft struck Khan Sheikhoun in Idlib.", "utf-8"
    )
    [doc], _ = read([path])
    assert doc.published == date(2017, 4, 5)
    [doc], _ = read([path], published=date(2017, 4, 6))
    assert doc.published == date(2017, 4, 6)


def test_files_folder_is_read_recursively(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "one.txt").write_text(ARTICLE, "utf-8")
    (tmp_path / "a" / "b" / "two.md").write_text(ARTICLE.replace("Sunday", "Monday"), "utf-8")
    (tmp_path / "a" / "notes.yaml").write_text("not: an article", "utf-8")
    (tmp_path / ".hidden" / "three.txt").write_text(ARTICLE.replace("Sunday", "Friday"), "utf-8")
    docs, errors = read([tmp_path])
    assert errors == []
    assert sorted(Path(d.ref or "").name for d in docs) == ["one.txt", "two.md"]


def test_files_same_text_twice_is_one_document(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE.replace("\n\n", "\n  \n") + "\n\n", "utf-8")
    docs, errors = read([tmp_path / "a.txt", tmp_path / "b.txt"])
    assert len(docs) == 1 and errors == []


def test_files_missing_path_and_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    docs, errors = read([tmp_path / "nope.txt", tmp_path / "empty"])
    assert docs == []
    assert [e.code for e in errors] == ["E100", "E109"]


def test_files_seed_article(seed_text_path: Path) -> None:
    [doc], errors = read([seed_text_path], source="Orient News", published=date(2016, 8, 7))
    assert errors == []
    assert (
        doc.title == "Battle For Aleppo: Tens of airstrikes pound the city after breaking the siege"
    )
    from sitrep.data import example_document

    assert example_document().id == doc.id and example_document().text == doc.text
