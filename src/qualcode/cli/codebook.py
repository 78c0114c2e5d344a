"""``qualcode codebook``: validate and show codebooks."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.tree import Tree

from qualcode.cli.app import app
from qualcode.cli.render import console
from qualcode.codebook import codebook_table, dump_codebook, load_codebook, validate_codebook
from qualcode.errors import CodebookError, Problem, problem

codebook_app = typer.Typer(
    help="Validate, show, export and import codebooks.\n\n"
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


@codebook_app.command("export")
def export_cli(
    file: Path = typer.Argument(..., help="Codebook file (.yaml or .qdc)."),
    to: Path = typer.Option(..., "--to", help="File to write: .qdc (REFI-QDA) or .yaml."),
) -> None:
    """Write a codebook as a REFI-QDA codebook (.qdc) for NVivo, ATLAS.ti, MAXQDA, QualCoder.

    Names are the labels, descriptions the definitions; GUIDs are stable across exports.
    Patterns, Dutch labels and facets have no place in REFI-QDA and stay in the YAML.

    Example: qualcode codebook export codebooks/kennismigratie.yaml --to kennismigratie.qdc
    """
    from qualcode.interop import write_qdc

    codebook = load_codebook(file)
    suffix = to.suffix.lower()
    if suffix == ".qdc":
        write_qdc(codebook, to)
    elif suffix in {".yaml", ".yml"}:
        dump_codebook(codebook, to)
    else:
        raise CodebookError(problem("E015", suffix=suffix or to.name), path=to)
    console.print(f"wrote {to}: {len(codebook.codes)} codes")


@codebook_app.command("import")
def import_cli(
    file: Path = typer.Argument(..., help="REFI-QDA codebook (.qdc)."),
    to: Path = typer.Option(..., "--to", help="YAML codebook to write."),
    ids_from: Path | None = typer.Option(
        None, "--ids-from", help="Codebook whose code ids to reuse where GUIDs match."
    ),
) -> None:
    """Convert a REFI-QDA codebook (.qdc) to a qualcode YAML codebook (without patterns).

    Code ids are the slugs of the names on each code's path; names become labels.

    Example: qualcode codebook import nvivo.qdc --to codebooks/nvivo.yaml
    """
    from qualcode.interop import read_qdc

    if to.suffix.lower() not in {".yaml", ".yml"}:
        raise CodebookError(problem("E015", suffix=to.suffix or to.name), path=to)
    reference = load_codebook(ids_from, check_patterns=False) if ids_from else None
    codebook = read_qdc(file, reference=reference)
    dump_codebook(codebook, to)
    console.print(f"wrote {to}: {len(codebook.codes)} codes ({len(codebook.codable_ids)} codable)")
