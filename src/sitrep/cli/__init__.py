"""The `sitrep` command line: one module per command, each a thin wrapper over a library function.

Data goes to stdout; logs, progress bars and errors go to stderr. A `SitrepError` becomes one red
line on stderr and exit code 1 (see `run_cli`); nothing else prints a traceback for user errors.
"""

from __future__ import annotations

import importlib

import typer

__all__ = ["app", "main"]

app = typer.Typer(
    name="sitrep",
    help="Turn war reporting into verified, mapped, ACLED-style event data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Command modules, each registering its commands on `app` when imported. A stage adds its line.
COMMAND_MODULES: tuple[str, ...] = (
    "sitrep.cli.extract",
    "sitrep.cli.ingest",
    "sitrep.cli.events",
    "sitrep.cli.db",
    "sitrep.cli.geocode",
    "sitrep.cli.eval",
    "sitrep.cli.bench",
    "sitrep.cli.export",
    "sitrep.cli.serve",
    "sitrep.cli.fuse",
    "sitrep.cli.feeds",
    "sitrep.cli.watch",
)


def _register() -> None:
    for name in COMMAND_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:  # a real missing dependency inside the module: surface it
                raise


def main() -> None:
    """Entry point of the `sitrep` console script."""
    _register()
    app()
