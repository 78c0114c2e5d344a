"""``qualcode export qdpx`` / ``qualcode import qdpx``: REFI-QDA projects out and in."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import typer

from qualcode._io import check_output_dir, check_output_file
from qualcode.cli.app import app
from qualcode.cli.options import CorpusOptions
from qualcode.cli.render import console, print_frame
from qualcode.codebook import load_codebook
from qualcode.corpus import read_corpus
from qualcode.interop import write_qdpx
from qualcode.interop.project_write import REQUIRED_COLUMNS
from qualcode.interop.transfer import import_qdpx, read_codings

export_app = typer.Typer(
    help="Export coded corpora for other tools.\n\n"
    "Example: qualcode export qdpx out/sample.qdpx --corpus corpora/sample "
    "--codings out/sample/codings.csv --codebook codebooks/kennismigratie.yaml",
    no_args_is_help=True,
)
import_app = typer.Typer(
    help="Import projects from other tools.\n\n"
    "Example: qualcode import qdpx study.qdpx --out out/study",
    no_args_is_help=True,
)
app.add_typer(export_app, name="export")
app.add_typer(import_app, name="import")


@export_app.command("qdpx")
def export_qdpx_cli(
    out: Path = typer.Argument(..., help="The .qdpx file to write."),
    corpus: Path = typer.Option(..., "--corpus", help="Directory of transcripts (or one file)."),
    codebook: Path = typer.Option(..., "--codebook", "-c", help="Codebook file (.yaml or .qdc)."),
    codings: list[Path] | None = typer.Option(
        None,
        "--codings",
        help="Codings table (.csv with document, start, end, code, coder), the output directory "
        "of 'qualcode code' or 'qualcode import qdpx', or a directory of tables; repeatable. "
        "Every coder becomes a REFI-QDA user.",
    ),
    name: str = typer.Option("qualcode project", "--name", help="Project name."),
    attributes: Path | None = CorpusOptions.attributes,
    id_column: str | None = CorpusOptions.id_column,
    text_column: list[str] | None = CorpusOptions.text_column,
    max_mb: float = typer.Option(50.0, "--max-mb", help="Refuse larger transcript files."),
) -> None:
    """Write transcripts, codebook and the codings of every coder as a REFI-QDA project.

    Open the .qdpx in NVivo, ATLAS.ti, MAXQDA or QualCoder to review machine codings next to
    human ones: each coder (e.g. qualcode:rules) is a user of its own. Give --attributes,
    --id-column and --text-column as they were given to 'qualcode code', so the documents and
    case variables are those the codings point into.

    Example: qualcode export qdpx out/sample.qdpx --corpus corpora/sample --codings
    out/sample/codings.csv --codebook codebooks/kennismigratie.yaml
    """
    check_output_file(out)
    book = load_codebook(codebook)
    documents = read_corpus(
        corpus,
        speakers="optional",
        max_bytes=int(max_mb * 2**20),
        attributes=attributes,
        id_column=id_column,
        text_columns=text_column or (),
    )
    tables = [read_codings(path) for path in codings or []]
    table = (
        pd.concat(tables, ignore_index=True)
        if tables
        else pd.DataFrame(columns=list(REQUIRED_COLUMNS))
    )
    write_qdpx(out, documents, table, book, name=name)
    coders = sorted(set(table["coder"].astype(str)))
    console.print(
        f"wrote {out}: {len(documents)} documents, {len(book.codes)} codes, "
        f"{len(table)} codings by {len(coders)} coder(s){': ' if coders else ''}"
        f"{', '.join(coders)}"
    )


@import_app.command("qdpx")
def import_qdpx_cli(
    file: Path = typer.Argument(..., help="A REFI-QDA project (.qdpx)."),
    out: Path = typer.Option(..., "--out", "-o", help="Output directory."),
    lenient: str = typer.Option(
        "error",
        "--bad-selections",
        help="Selections outside their text: error (default), skip them, or clip them.",
    ),
    ids_from: Path | None = typer.Option(
        None,
        "--ids-from",
        help="Codebook whose code ids to reuse where GUIDs match (one exported by qualcode).",
    ),
    gold: bool = typer.Option(
        True, "--gold/--no-gold", help="Also write sentence-level gold codings per user."
    ),
    min_overlap: float = typer.Option(
        0.5, "--min-overlap", help="Gold: share of a sentence a code's selections must cover."
    ),
    language: str | None = typer.Option(
        None, "--language", "-l", help="Treat every source as en or nl (default: detect)."
    ),
) -> None:
    """Import a REFI-QDA project: transcripts, attributes, codebook and each user's codings.

    Writes OUT/transcripts/*.txt (+ attributes.csv), OUT/codebook.yaml, OUT/codings/<user>.csv
    and OUT/gold/<user>.jsonl.

    Example: qualcode import qdpx study.qdpx --out out/study
    """
    if lenient not in {"error", "skip", "clip"}:
        raise typer.BadParameter("use error, skip or clip", param_hint="--bad-selections")
    check_output_dir(out)
    reference = load_codebook(ids_from, check_patterns=False) if ids_from else None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the project's warnings are printed below, once
        result = import_qdpx(
            file,
            out,
            reference=reference,
            bad_selections=lenient,  # type: ignore[arg-type]
            gold=gold,
            min_overlap=min_overlap,
            language=language,
        )
    project = result.project
    for note in project.warnings:
        typer.echo(f"warning: {file}: {note}", err=True)
    texts = sum(1 for s in project.sources if s.text.strip())
    console.print(
        f"{file}: {project.origin or 'unknown origin'}; {len(project.sources)} text sources "
        f"({texts} with text), {len(project.codes)} codes, {len(project.users)} users"
    )
    counts = result.codings.groupby("coder").size().rename("codings").reset_index()
    if len(counts):
        print_frame(counts, title="codings per user")
    console.print(f"wrote {len(result.written)} files to {out}")
