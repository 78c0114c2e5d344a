"""Options shared by several commands."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import typer

from qualcode.corpus import RoleRule, load_roles, merge_rules, read_corpus
from qualcode.corpus.read import CorpusStream
from qualcode.nlp import SUPPORTED_LANGUAGES
from qualcode.records import Corpus

__all__ = ["CorpusOptions", "load_corpus", "report_reading", "stream_corpus"]


def _read_arguments(
    *,
    language: str | None,
    interviewer: list[str] | None,
    respondent: list[str] | None,
    no_speakers: bool,
    skip_bad: bool,
    max_mb: float,
    languages: Sequence[str] | None,
    roles_file: Path | None,
    attributes: Path | None,
    id_column: str | None,
    text_columns: Sequence[str] | None,
) -> dict[str, Any]:
    labels = {}
    if interviewer:
        labels["interviewer"] = interviewer
    if respondent:
        labels["respondent"] = respondent
    rules = [load_roles(roles_file)] if roles_file is not None else []
    if labels:
        rules.append(RoleRule(labels))
    return {
        "language": language,
        "languages": languages,
        "speakers": "optional" if no_speakers else "required",
        "roles": merge_rules(rules) if rules else None,
        "attributes": attributes,
        "skip_bad": skip_bad,
        "max_bytes": int(max_mb * 1024 * 1024),
        "id_column": id_column,
        "text_columns": tuple(text_columns or ()),
    }


def report_reading(warnings_found: Sequence[str], skipped: Sequence[str]) -> None:
    """Print a corpus's warnings and skipped files on stderr, with the count skipped."""
    for note in warnings_found:
        typer.echo(f"warning: {note}", err=True)
    for line in skipped:
        typer.echo(f"skipped: {line}", err=True)
    if skipped:
        typer.echo(f"{len(skipped)} file(s) skipped", err=True)


def load_corpus(
    path: Path,
    *,
    language: str | None,
    interviewer: list[str] | None,
    respondent: list[str] | None,
    no_speakers: bool,
    skip_bad: bool,
    max_mb: float,
    languages: Sequence[str] | None = SUPPORTED_LANGUAGES,
    roles_file: Path | None = None,
    attributes: Path | None = None,
    id_column: str | None = None,
    text_columns: Sequence[str] | None = None,
) -> Corpus:
    """Read a corpus with the shared CLI options and report skipped files on stderr.

    ``languages`` defaults to the languages qualcode codes, so a command that codes refuses
    (or with ``--skip-bad`` skips) a document in another language when reading it.
    """
    arguments = _read_arguments(
        language=language, interviewer=interviewer, respondent=respondent,
        no_speakers=no_speakers, skip_bad=skip_bad, max_mb=max_mb, languages=languages,
        roles_file=roles_file, attributes=attributes, id_column=id_column,
        text_columns=text_columns,
    )  # fmt: skip
    with warnings.catch_warnings():
        # the corpus's own list of warnings is printed below, once, without Python's decoration
        warnings.simplefilter("ignore", UserWarning)
        corpus = read_corpus(path, **arguments)
    report_reading(corpus.warnings, corpus.skipped)
    return corpus


def stream_corpus(
    path: Path,
    *,
    language: str | None,
    interviewer: list[str] | None,
    respondent: list[str] | None,
    no_speakers: bool,
    skip_bad: bool,
    max_mb: float,
    languages: Sequence[str] | None = SUPPORTED_LANGUAGES,
    roles_file: Path | None = None,
    attributes: Path | None = None,
    id_column: str | None = None,
    text_columns: Sequence[str] | None = None,
) -> CorpusStream:
    """Like :func:`load_corpus`, but reading documents one file at a time; call
    :func:`report_reading` with the stream's warnings and skipped files when it is consumed."""
    return CorpusStream(
        path,
        **_read_arguments(
            language=language, interviewer=interviewer, respondent=respondent,
            no_speakers=no_speakers, skip_bad=skip_bad, max_mb=max_mb, languages=languages,
            roles_file=roles_file, attributes=attributes, id_column=id_column,
            text_columns=text_columns,
        ),
    )  # fmt: skip


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
    roles_file = typer.Option(
        None,
        "--roles",
        help="roles.yaml (role -> speaker labels) to use besides one in the corpus directory.",
    )
    attributes = typer.Option(
        None,
        "--attributes",
        help="Case attribute table (CSV/XLSX) instead of attributes.csv/.xlsx in the directory.",
    )
    id_column = typer.Option(
        None, "--id-column", help="Survey tables: the respondent id column (default: detected)."
    )
    text_column = typer.Option(
        None,
        "--text-column",
        help="Survey tables: an answer column (repeatable; default: every free-text column).",
    )
