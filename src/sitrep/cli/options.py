"""Options shared by several commands, defined once so a flag means the same everywhere."""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import Annotated, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from sitrep.errors import SitrepError

__all__ = ["DbOption", "FormatOption", "OutputFormat", "count_noun", "stderr", "run_cli"]

P = ParamSpec("P")
R = TypeVar("R")

stderr = Console(stderr=True)


class OutputFormat(StrEnum):
    """How a command writes records to stdout."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database: a SQLite path or URL, or postgresql://... (default: SITREP_DB, else "
        "sitrep.db in the user data directory).",
        envvar="SITREP_DB",
    ),
]
FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="Output format on stdout.")
]


def run_cli(func: Callable[P, R]) -> Callable[P, R]:
    """Wrap a command so a SitrepError prints one red line on stderr and exits with code 1."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except SitrepError as exc:
            message = f"[red]error:[/red] {escape(str(exc))}"
            stderr.print(message, highlight=False, markup=True, soft_wrap=True)
            raise typer.Exit(code=1) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(code=0) from None

    return wrapper


def count_noun(n: int, noun: str) -> str:
    """"1 document", "2 documents": a count with its noun in the right number."""
    return f"{n} {noun}" + ("" if n == 1 else "s")
