"""``qualcode codebook``: validate and show codebooks."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.tree import Tree

from qualcode.cli.app import app
from qualcode.cli.render import console
from qualcode.codebook import codebook_table, load_codebook, validate_codebook
from qualcode.errors import CodebookError, Problem

codebook_app = typer.Typer(
    help="Validate and show codebooks.\n\n"
    "Example: qualcode codebook validate codebooks/kennismigratie.yaml",
    no_args_is_help=True,
)
app.add_typer(codebook_app, name="codebook")


@codebook_app.command("validate")
def validate_cli(
    file: Path = typer.Argument(..., help="Codebook file (.yaml or .qdc)."),
    strict: bool = typer.Option(
        False, "--strict", help="Treat warnings (codes without patterns) as errors."
    ),
) -> None:
    """Check a codebook and report every problem at once, with its location.

    Example: qualcode codebook validate codebooks/kennismigratie.yaml
    """
    codebook, notes = validate_codebook(file)
    if strict and notes:
        raise CodebookError([Problem("E007", note) for note in notes], path=file)
    for note in notes:
        typer.echo(f"warning: {file}: {note}", err=True)
    patterns = sum(len(items) for code in codebook.codes for items in code.patterns.values())
    console.print(
        f"{file}: valid — {len(codebook.codes)} codes ({len(codebook.codable_ids)} codable), "
        f"{patterns} patterns, languages {', '.join(codebook.languages)}"
    )


@codebook_app.command("show")
def show_cli(file: Path = typer.Argument(..., help="Codebook file (.yaml or .qdc).")) -> None:
    """Print the code tree with the number of patterns per language.

    Example: qualcode codebook show codebooks/kennismigratie.yaml
    """
    codebook = load_codebook(file)
    table = codebook_table(codebook)
    tree = Tree(f"[bold]{codebook.title or codebook.name}[/] ({len(codebook.codes)} codes)")
    nodes: dict[str, Tree] = {}
    for row in table.itertuples(index=False):
        counts = "  ".join(
            f"{lang}:{getattr(row, f'patterns_{lang}')}" for lang in codebook.languages
        )
        label = f"[bold]{row.code}[/] {row.label}" + ("" if row.codable else " [dim](group)[/]")
        label += f"  [cyan]{counts}[/]"
        parent = codebook[row.code].parent
        nodes[row.code] = nodes.get(parent or "", tree).add(label)
    console.print(tree)
