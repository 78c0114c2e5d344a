"""Options shared by several commands."""

from __future__ import annotations

from pathlib import Path

import typer

from qualcode.corpus import RoleRule, read_corpus
from qualcode.records import Corpus

__all__ = ["CorpusOptions", "load_corpus"]


def load_corpus(
    path: Path,
    *,
    language: str | None,
    interviewer: list[str] | None,
    respondent: list[str] | None,
    no_speakers: bool,
    skip_bad: bool,
    max_mb: float,
) -> Corpus:
    """Read a corpus with the shared CLI options and report skipped files on stderr."""
    labels = {}
    if interviewer:
        labels["interviewer"] = interviewer
    if respondent:
        labels["respondent"] = respondent
    corpus = read_corpus(
        path,
        language=language,
        speakers="optional" if no_speakers else "required",
        roles=RoleRule(labels) if labels else None,
        skip_bad=skip_bad,
        max_bytes=int(max_mb * 1024 * 1024),
    )
    for line in corpus.skipped:
        typer.echo(f"skipped: {line}", err=True)
    if corpus.skipped:
        typer.echo(f"{len(corpus.skipped)} file(s) skipped", err=True)
    return corpus


class CorpusOptions:
    """Typer option declarations reused by commands that read a corpus."""

    language = typer.Option(
        None,
        "--language",
        "-l",
        help="Force the language: en or nl (default: detect per document).",
    )
    interviewer = typer.Option(
        None, "--interviewer", help="Speaker label to treat as interviewer (repeatable)."
    )
    respondent = typer.Option(
        None, "--respondent", help="Speaker label to treat as respondent (repeatable)."
    )
    no_speakers = typer.Option(
        False, "--no-speakers", help="Read files without speaker labels as one respondent turn."
    )
    skip_bad = typer.Option(
        False, "--skip-bad", help="Report and skip unreadable files instead of stopping."
    )
    max_mb = typer.Option(50.0, "--max-mb", help="Refuse files larger than this many megabytes.")
