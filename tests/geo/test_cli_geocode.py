"""The `sitrep geocode` and `sitrep gazetteer import` commands."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from sitrep.cli import _register, app

_register()
runner = CliRunner()


def test_cli_geocode_json() -> None:
    result = runner.invoke(
        app, ["geocode", "airstrikes on al-Mashhad neighborhood in Aleppo", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    places = json.loads(result.stdout)
    assert [p["mention"] for p in places] == ["al-Mashhad"]
    assert set(places[0]) >= {
        "name", "country", "admin1", "admin2", "latitude", "longitude", "geo_precision",
        "score", "reason",
    }  # fmt: skip


def test_cli_geocode_file_jsonl_one_line_per_input(tmp_path: Path) -> None:
    path = tmp_path / "texts.txt"
    path.write_text("Shelling on Saraqib\n\nClashes in Idlib province\n", "utf-8")
    result = runner.invoke(app, ["geocode", "--file", str(path)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["line"] for r in lines] == [1, 2, 3]
    assert lines[1]["places"] == []
    assert lines[2]["places"][0]["admin1"] == "Idleb"


def test_cli_geocode_file_bad_input_fails_with_one_line(tmp_path: Path) -> None:
    binary = tmp_path / "image.dat"
    binary.write_bytes(b"\x89PNG\x00\x01\xea\xff" * 50)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    for path, code in ((binary, "E102"), (empty, "E101")):
        result = runner.invoke(app, ["geocode", "--file", str(path)])
        assert result.exit_code == 1
        assert code in result.output and "Traceback" not in result.output
        assert result.stdout == ""


def test_cli_geocode_file_in_another_encoding(tmp_path: Path) -> None:
    path = tmp_path / "texts.txt"
    path.write_bytes("Shelling on Saraqib\nClashes in Idlib province\n".encode("utf-16"))
    result = runner.invoke(app, ["geocode", "--file", str(path)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines[0]["places"][0]["name"] == "Saraqib"


def test_cli_geocode_without_text_fails_with_one_line() -> None:
    result = runner.invoke(app, ["geocode"])
    assert result.exit_code == 1
    assert "E102" in result.output


def test_cli_gazetteer_import(tmp_path: Path, isolated_user_gazetteer: Path) -> None:
    path = tmp_path / "XX.txt"
    path.write_text(
        "99000011\tQaryat Clitest\tQaryat Clitest\t\t35.5\t37.5\tP\tPPL\tSY\t\t12\t\t\t\t0\t\t0"
        "\tAsia/Damascus\t2024-01-01\n",
        "utf-8",
    )
    result = runner.invoke(app, ["gazetteer", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("1")
    assert isolated_user_gazetteer.is_file()
    bad = tmp_path / "bad.txt"
    bad.write_text("nothing\n", "utf-8")
    result = runner.invoke(app, ["gazetteer", "import", str(bad)])
    assert result.exit_code == 1 and "E403" in result.output
