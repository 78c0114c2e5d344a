"""``qualcode corpus``: inspect what qualcode reads from a corpus."""

from __future__ import annotations

from pathlib import Path

import typer

from qualcode.cli.app import app
from qualcode.cli.options import CorpusOptions, load_corpus
from qualcode.cli.render import console, print_frame
from qualcode.corpus import inspect_corpus

corpus_app = typer.Typer(
    help="Inspect corpora.\n\nExample: qualcode corpus inspect corpora/sample", no_args_is_help=True
)
app.add_typer(corpus_app, name="corpus")


@corpus_app.command("inspect")
def inspect_cli(
    path: Path = typer.Argument(..., help="Directory of transcripts (or one file)."),
    language: str | None = CorpusOptions.language,
    interviewer: list[str] | None = CorpusOptions.interviewer,
    respondent: list[str] | None = CorpusOptions.respondent,
    no_speakers: bool = CorpusOptions.no_speakers,
    skip_bad: bool = CorpusOptions.skip_bad,
    max_mb: float = CorpusOptions.max_mb,
) -> None:
    """List the documents found: format, language, speakers with roles and turns, words, attributes.

    Example: qualcode corpus inspect corpora/sample
    """
    corpus = load_corpus(
        path,
        language=language,
        interviewer=interviewer,
        respondent=respondent,
        no_speakers=no_speakers,
        skip_bad=skip_bad,
        max_mb=max_mb,
    )
    print_frame(inspect_corpus(corpus), title=f"{len(corpus)} documents in {path}")
    for note in corpus.warnings:
        console.print(f"[yellow]warning:[/] {note}")
