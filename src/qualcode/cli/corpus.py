"""``qualcode corpus``: inspect what qualcode reads from a corpus."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import typer
from rich import box
from rich.markup import escape
from rich.table import Table

from qualcode.cli.app import app
from qualcode.cli.options import CorpusOptions, load_corpus
from qualcode.cli.render import console
from qualcode.corpus import inspect_corpus, summarise_corpus
from qualcode.records import Corpus

corpus_app = typer.Typer(
    help="Inspect corpora.\n\nExample: qualcode corpus inspect corpora/sample", no_args_is_help=True
)
app.add_typer(corpus_app, name="corpus")

_ROLE_LETTER = {"interviewer": "I", "respondent": "R", "other": "O"}


@corpus_app.command("inspect")
def inspect_cli(
    path: Path = typer.Argument(..., help="Directory of transcripts (or one file)."),
    as_json: bool = typer.Option(False, "--json", help="Print the table as JSON records."),
    as_csv: bool = typer.Option(False, "--csv", help="Print the table as CSV."),
    language: str | None = CorpusOptions.language,
    interviewer: list[str] | None = CorpusOptions.interviewer,
    respondent: list[str] | None = CorpusOptions.respondent,
    roles_file: Path | None = CorpusOptions.roles_file,
    attributes: Path | None = CorpusOptions.attributes,
    id_column: str | None = CorpusOptions.id_column,
    text_column: list[str] | None = CorpusOptions.text_column,
    no_speakers: bool = CorpusOptions.no_speakers,
    skip_bad: bool = CorpusOptions.skip_bad,
    max_mb: float = CorpusOptions.max_mb,
) -> None:
    """List the documents found: format, language, speakers with roles and turns, words, attributes.

    One line per document; --json or --csv print every column for scripts (see
    qualcode.corpus.inspect_corpus). Documents in languages qualcode does not code are listed
    with a warning.

    Example: qualcode corpus inspect corpora/sample --csv > documents.csv
    """
    if as_json and as_csv:
        raise typer.BadParameter("use either --json or --csv")
    corpus = load_corpus(
        path,
        language=language,
        interviewer=interviewer,
        respondent=respondent,
        no_speakers=no_speakers,
        skip_bad=skip_bad,
        max_mb=max_mb,
        languages=None,
        roles_file=roles_file,
        attributes=attributes,
        id_column=id_column,
        text_columns=text_column,
    )
    frame = inspect_corpus(corpus)
    if as_json:
        typer.echo(frame.to_json(orient="records", indent=2, force_ascii=False))
    elif as_csv:
        typer.echo(frame.to_csv(index=False), nl=False)
    else:
        _print_overview(corpus, frame, summarise_corpus(corpus), path)


def _print_overview(
    corpus: Corpus, frame: pd.DataFrame, summary: dict[str, object], path: Path
) -> None:
    def counts(key: str) -> str:
        found = summary[key]
        assert isinstance(found, dict)
        return ", ".join(f"{name} {n}" for name, n in sorted(found.items(), key=lambda x: -x[1]))

    timed = frame["duration"].notna().any()
    table = Table(
        title=f"{summary['documents']} documents in {escape(str(path))}",
        caption="speakers: name (role) turns; roles I interviewer, R respondent, O other",
        header_style="bold",
        expand=False,
        box=box.SIMPLE_HEAD,
        show_edge=False,
        padding=(0, 1, 0, 0),
    )
    # One line per document: the fixed columns keep their width and the speakers column gets
    # what is left of the terminal (ellipsised), so 80 columns stay readable; attribute values
    # get a column only when the speakers fit whole and some room is left.
    fixed = {
        "document": min(int(frame["document"].str.len().max() or 8), 24),
        "format": int(frame["format"].str.len().max() or 4),
        "lang": 4,
        "turns": max(5, len(f"{frame['turns'].max():,}")),
        "words": max(5, len(f"{frame['words'].max():,}")),
    }
    if timed:
        fixed["time"] = 8
    fixed = {name: max(width, len(name)) for name, width in fixed.items()}
    speakers = [escape(_compact_speakers(s)) for s in frame["speakers"]]
    room = console.width - sum(fixed.values()) - 2 * len(fixed) - 1  # padding and rules
    speakers_width = max(12, min(room, max((len(s) for s in speakers), default=8)))
    names = list(dict.fromkeys(name for d in corpus for name in d.attributes))
    values = [escape(", ".join(d.attributes.get(n, "–") for n in names)) for d in corpus]
    spare = room - speakers_width - 2
    attributes_width = min(spare, max([len("attributes"), *(len(v) for v in values)]))
    show_attributes = bool(names) and spare >= 14
    for name, width in fixed.items():
        numeric = name in {"turns", "words", "time"}
        table.add_column(
            name,
            justify="right" if numeric else "left",
            no_wrap=True,
            overflow="ellipsis",
            width=width,
        )
        if name == "lang":
            table.add_column("speakers", no_wrap=True, overflow="ellipsis", width=speakers_width)
    if show_attributes:
        table.add_column("attributes", no_wrap=True, overflow="ellipsis", width=attributes_width)
    for row, speaker_cell, value_cell in zip(
        frame.itertuples(index=False), speakers, values, strict=True
    ):
        cells = [
            escape(row.document),
            row.format,
            row.language,
            speaker_cell,
            f"{row.turns:,}",
            f"{row.words:,}",
        ]
        if timed:
            cells.append(_clock(row.duration))
        if show_attributes:
            cells.append(value_cell)
        table.add_row(*cells)
    console.print(table)
    console.print(
        f"formats: {counts('formats')}; languages: {counts('languages')}; "
        f"{summary['turns']:,} turns; {summary['words']:,} words "
        f"({summary['respondent_words']:,} by respondents)"
    )
    found = summary["attributes"]
    assert isinstance(found, dict)
    if found:
        total = summary["documents"]
        listed = ", ".join(f"{escape(name)} ({n}/{total})" for name, n in found.items())
        console.print(f"attributes (documents that have them): {listed}")


def _compact_speakers(speakers: str) -> str:
    """``"Ana (respondent): 12; Sam (interviewer): 11"`` -> ``"Ana (R) 12, Sam (I) 11"``."""
    parts = []
    for item in speakers.split("; ") if speakers else []:
        name_role, _, turns = item.rpartition(": ")
        name, _, role = name_role.rpartition(" (")
        parts.append(f"{name} ({_ROLE_LETTER.get(role.rstrip(')'), '?')}) {turns}")
    return ", ".join(parts)


def _clock(seconds: float) -> str:
    if math.isnan(seconds):
        return ""
    whole = round(seconds)
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
