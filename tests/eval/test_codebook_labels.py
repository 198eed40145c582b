"""Figures of `sitrep eval codebook` carry the split of the corpus they were measured on."""

from pathlib import Path

from sitrep.eval.codebook import SPLIT_LABEL, TRAINING_LABEL, corpus_label


def test_corpus_label_by_folder(tmp_path: Path) -> None:
    for name, label in (("codebook", SPLIT_LABEL), ("training", TRAINING_LABEL)):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "battles.yaml").write_text("[]\n")
        assert corpus_label(folder) == label
        assert corpus_label(folder / "battles.yaml") == label
    mine = tmp_path / "mine.yaml"
    mine.write_text("[]\n")
    assert corpus_label(mine) == "unlabelled corpus (mine.yaml)"
    assert "held out" not in corpus_label(mine)
