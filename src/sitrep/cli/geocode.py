"""`sitrep geocode` and `sitrep gazetteer import`: thin wrappers over sitrep.geo."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from sitrep.cli import app
from sitrep.cli.options import FormatOption, OutputFormat, run_cli, stderr

__all__ = ["geocode_cli", "gazetteer_app", "gazetteer_import_cli", "gazetteer_info_cli"]

PLACE_FIELDS = (
    "mention", "name", "placetype", "country", "admin1", "admin2", "latitude", "longitude",
    "geo_precision", "score", "reason", "gazetteer_id", "start", "end",
)  # fmt: skip

gazetteer_app = typer.Typer(help="Inspect and extend the gazetteer.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")


def _place_dicts(text: str) -> list[dict]:
    from sitrep.geo import geocode

    return [{k: getattr(p, k) for k in PLACE_FIELDS} for p in geocode(text)]


@app.command("geocode")
@run_cli
def geocode_cli(
    text: Annotated[str | None, typer.Argument(help="Text to geocode.")] = None,
    file: Annotated[
        Path | None,
        typer.Option("--file", help="Geocode each line of FILE ('-' for stdin); JSON Lines out."),
    ] = None,
    output: FormatOption = OutputFormat.table,
) -> None:
    """Find and resolve the places mentioned in a text.

    Example: sitrep geocode "Russian jets struck al-Mashhad neighborhood in Aleppo" --format json
    """
    from sitrep.errors import InputError

    if file is not None:
        from sitrep.ingest.decode import decode_bytes

        try:
            data = sys.stdin.buffer.read() if str(file) == "-" else file.read_bytes()
        except OSError as exc:
            raise InputError(f"Cannot read {file}: {exc}", code="E101") from exc
        # the ingest decoder: a binary or empty file is one clear error, another encoding is read
        lines = decode_bytes(data, str(file)).splitlines()
        for number, line in enumerate(lines, start=1):
            record = {"line": number, "places": _place_dicts(line) if line.strip() else []}
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        return
    if text is None or not text.strip():
        raise InputError("Give a TEXT argument or --file FILE.", code="E102")
    places = _place_dicts(text)
    if output is OutputFormat.json:
        sys.stdout.write(json.dumps(places, ensure_ascii=False, indent=2) + "\n")
    elif output is OutputFormat.jsonl:
        for place in places:
            sys.stdout.write(json.dumps(place, ensure_ascii=False) + "\n")
    elif output is OutputFormat.csv:
        import csv

        writer = csv.DictWriter(sys.stdout, fieldnames=PLACE_FIELDS)
        writer.writeheader()
        writer.writerows(places)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table("mention", "place", "type", "admin1", "lat", "lon", "prec", "score", "id")
        for p in places:
            table.add_row(
                p["mention"], p["name"], p["placetype"], p["admin1"] or "",
                f"{p['latitude']:.4f}" if p["latitude"] is not None else "",
                f"{p['longitude']:.4f}" if p["longitude"] is not None else "",
                str(p["geo_precision"]), f"{p['score']:.2f}", p["gazetteer_id"],
            )  # fmt: skip
        Console(width=max(120, Console().width)).print(table)
        stderr.print("(--format json shows the reason for each reading)")


@gazetteer_app.command("import")
@run_cli
def gazetteer_import_cli(
    file: Annotated[Path, typer.Argument(help="GeoNames dump (19 columns) or WOF TSV.")],
    to: Annotated[
        Path | None,
        typer.Option(
            "--to",
            help="Extension file (default: SITREP_GEO_USER_GAZETTEER, else the user data dir).",
        ),
    ] = None,
) -> None:
    """Add places from a GeoNames dump or a Who's On First TSV to your gazetteer extension.

    Example: sitrep gazetteer import IQ.txt
    """
    from sitrep.geo.importer import import_file

    fmt, count, out = import_file(file, target=to)
    stderr.print(f"imported {count} {fmt.value} places into {out}")
    sys.stdout.write(f"{count}\n")


@gazetteer_app.command("info")
@run_cli
def gazetteer_info_cli() -> None:
    """Print the gazetteer's size, load time and extension file.

    Example: sitrep gazetteer info
    """
    import time

    from sitrep.geo.gazetteer import load_gazetteer, user_gazetteer_path

    started = time.perf_counter()
    gazetteer = load_gazetteer()
    seconds = time.perf_counter() - started
    extension = user_gazetteer_path()
    sys.stdout.write(
        json.dumps(
            {
                "entries": len(gazetteer),
                "keys": len(gazetteer.index),
                "load_seconds": round(seconds, 3),
                "user_extension": str(extension),
                "user_extension_exists": extension.is_file(),
            }
        )
        + "\n"
    )
