"""The Typer application and its error handling."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from qualcode import __version__
from qualcode.errors import QualcodeError

__all__ = ["app", "fail", "main"]


class _Group(TyperGroup):
    """Runs a command and turns library errors into one line per problem and exit code 2."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except QualcodeError as error:
            fail(error)


def fail(error: QualcodeError) -> None:
    """Print ``error`` as one line per problem on stderr and exit with code 2."""
    for line in error.lines():
        typer.echo(f"error: {line}", err=True)
    raise typer.Exit(2)


app = typer.Typer(
    cls=_Group,
    name="qualcode",
    help="Auto-code qualitative interview transcripts with a codebook.\n\n"
    "Example: qualcode code corpora/sample --codebook codebooks/kennismigratie.yaml "
    "--out out/sample",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"qualcode {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Auto-code qualitative interview transcripts with a codebook."""


# Every other module of this package defines commands on ``app``; importing it registers them,
# so a new command group is one new module.
_INFRASTRUCTURE = {"app", "options", "render"}
for _module in sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)])):
    if _module not in _INFRASTRUCTURE and not _module.startswith("_"):
        importlib.import_module(f"qualcode.cli.{_module}")


def main() -> None:
    """Entry point of the ``qualcode`` console script."""
    app()
