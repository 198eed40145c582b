"""`sitrep gazetteer import`: GeoNames dumps and WOF TSVs extend the gazetteer (issue 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import GazetteerError
from sitrep.geo import resolve
from sitrep.geo.gazetteer import load_gazetteer
from sitrep.geo.importer import GazetteerFormat, import_file, rows_from_file

# Two hand-made rows in the 19-column GeoNames format (allCountries.txt / XX.txt); the second
# is a stream (feature class H), which is skipped.
GEONAMES = (
    "99000001\tQaryat Testiyah\tQaryat Testiyah\tTestiyeh,Testiya,قرية تستية\t35.1\t37.0"
    "\tP\tPPL\tSY\t\t12\t\t\t\t1500\t\t300\tAsia/Damascus\t2024-01-01\n"
    "99000002\tNahr Testi\tNahr Testi\t\t35.6\t37.6\tH\tSTM\tSY\t\t12\t\t\t\t0\t\t300"
    "\tAsia/Damascus\t2024-01-01\n"
    "99000003\tKarbala Testville\tKarbala Testville\tTestabad\t32.6\t44.0\tP\tPPL\tIQ\t\t12"
    "\t\t\t\t2000\t\t30\tAsia/Baghdad\t2024-01-01\n"
)
WOF_HEADER = (
    "wof_id\tcountry\tplacetype\tis_current\tname\tname_eng\tname_ara\tlatitude\tlongitude"
    "\tgeonames_id\twikidata_id\tgn_fcode\tregion_id\tregion_name\tcounty_id\tcounty_name"
    "\tsrc_geom\tlastmodified\tall_names\n"
)
WOF = WOF_HEADER + (
    "990000001\tSY\tneighbourhood\t1\tHay Wofiyah\tHay Wofiyah\tحي الوفية\t36.21\t37.15\t\t\t\t"
    "85678349\tAleppo\t\t\twhosonfirst\t1690867849\tHay Wofiyah|Wofiyeh|الوفية\n"
    "990000002\tSY\tlocality\t0\tOld Wofville\tOld Wofville\t\t35.0\t37.0\t\t\t\t\t\t\t\t\t0\t\n"
)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_importer_geonames_dump(tmp_path: Path, isolated_user_gazetteer: Path) -> None:
    path = _write(tmp_path, "XX.txt", GEONAMES)
    fmt, count, out = import_file(path)
    assert (fmt, count, out) == (GazetteerFormat.geonames, 2, isolated_user_gazetteer)
    place = resolve("Testiyeh")
    assert place is not None and place.gazetteer_id == "gn:99000001"
    assert place.admin1 == "Hama"  # by point in polygon, ACLED's spelling
    arabic = resolve("قرية تستية")
    assert arabic is not None and arabic.gazetteer_id == "gn:99000001"
    iraq = resolve("Testabad", country="IQ")
    assert iraq is not None and iraq.country == "Iraq" and iraq.admin1 == "Muhafazat Karbala'"


def test_importer_wof_tsv(tmp_path: Path, isolated_user_gazetteer: Path) -> None:
    path = _write(tmp_path, "wof_places_XX.tsv", WOF)
    fmt, count, _ = import_file(path)
    assert (fmt, count) == (GazetteerFormat.wof, 1)  # the superseded row is skipped
    place = resolve("Wofiyeh")
    assert place is not None and place.gazetteer_id == "wof:990000001"
    assert place.placetype == "neighbourhood" and place.admin1 == "Aleppo"


def test_importer_reimport_replaces_rows(tmp_path: Path, isolated_user_gazetteer: Path) -> None:
    path = _write(tmp_path, "XX.txt", GEONAMES)
    import_file(path)
    import_file(path)
    extension = load_gazetteer().entries
    assert sum(e.id == "gn:99000001" for e in extension) == 1


@pytest.mark.parametrize(
    "text",
    ["", "just some words\n", "1\t2\t3\n", "99000001\tOnly\tnine\tcols\t1\t2\tP\tPPL\tSY\n"],
)
def test_importer_rejects_other_files(tmp_path: Path, text: str) -> None:
    path = _write(tmp_path, "bad.txt", text)
    with pytest.raises(GazetteerError):
        rows_from_file(path)


def test_importer_rejects_short_geonames_row(tmp_path: Path) -> None:
    lines = GEONAMES.splitlines()
    path = _write(tmp_path, "XX.txt", lines[0] + "\n" + "\t".join(lines[1].split("\t")[:10]) + "\n")
    with pytest.raises(GazetteerError, match="E404"):
        rows_from_file(path)
