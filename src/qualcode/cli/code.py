"""``qualcode code``: code a corpus and write tables and quotes."""

from __future__ import annotations

from pathlib import Path

import typer

from qualcode._io import check_output_dir
from qualcode.cli._progress import tracked, warnings_to_stderr
from qualcode.cli.app import app
from qualcode.cli.options import CorpusOptions, report_reading, stream_corpus
from qualcode.cli.render import console, print_frame
from qualcode.cli.report import BY_HELP, FORMAT_HELP, print_summary, split_formats
from qualcode.codebook import load_codebook
from qualcode.coding import Coder
from qualcode.coding.engines import run_coder
from qualcode.coding.model import load_model
from qualcode.errors import CodingError, problem
from qualcode.report import frequencies
from qualcode.report.write import ResultWriter

#: Formats with one document per file: the progress bar can show a total for them.
ONE_DOCUMENT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".docx", ".vtt", ".srt"})


@app.command("code")
def code_cli(
    corpus: Path = typer.Argument(..., help="Directory of transcripts (or one file)."),
    codebook: Path = typer.Option(..., "--codebook", "-c", help="Codebook file (.yaml or .qdc)."),
    out: Path = typer.Option(..., "--out", "-o", help="Output directory."),
    model: Path | None = typer.Option(
        None, "--model", "-m", help="Trained model directory: codes with rules + model (hybrid)."
    ),
    rules_only: bool = typer.Option(False, "--rules-only", help="Use only the codebook's rules."),
    model_only: bool = typer.Option(False, "--model-only", help="Use only the model."),
    unit: str = typer.Option(
        "sentence", "--unit", "-u", help="sentence, paragraph, turn or document."
    ),
    roles: list[str] = typer.Option(
        ["respondent"], "--role", help="Role whose speech is coded (repeatable)."
    ),
    quotes: int = typer.Option(3, "--quotes", min=0, help="Example quotes per code."),
    report: bool = typer.Option(
        False,
        "--report",
        help="Also write the full report into OUT (as 'qualcode report' does): CSV tables, "
        "report.xlsx, report.md with charts, report.html.",
    ),
    by: list[str] | None = typer.Option(None, "--by", help=f"With --report: {BY_HELP}"),
    formats: list[str] | None = typer.Option(
        None, "--format", "-f", help=f"With --report: {FORMAT_HELP}"
    ),
    spacy_model: str | None = typer.Option(
        None,
        "--spacy-model",
        help="Installed trained spaCy pipeline to use instead of the built-in lemmatizer.",
    ),
    jobs: int = typer.Option(1, "--jobs", "-j", help="Worker processes (same output as 1)."),
    engine: str = typer.Option(
        "local", "--engine", help="local (this machine) or dask (a Dask bag job over documents)."
    ),
    scheduler: str | None = typer.Option(
        None,
        "--scheduler",
        help="With --engine dask: address of a dask.distributed scheduler (tcp://host:8786).",
    ),
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
    """Code transcripts with a codebook; write codings, frequencies and quotes.

    Writes codings.csv, segments.csv, documents.csv, the codebook used (codebook.yaml),
    run.json, frequencies.csv and quotes.md into OUT and prints the frequency table; with
    --report also the full report (see 'qualcode report').

    With --model the hybrid of rules and model codes (see docs/hybrid.md); --rules-only and
    --model-only give either half.

    --jobs N codes in N processes, --engine dask as a Dask job (locally, or on a cluster with
    --scheduler); the output is identical to one process.

    Example: qualcode code corpora/sample --codebook codebooks/kennismigratie.yaml
    --model models/kennismigratie --out out/sample
    """
    check_output_dir(out)
    book = load_codebook(codebook)
    mode = "rules" if rules_only else "model" if model_only else None
    if rules_only and model_only:
        raise CodingError(
            problem("E205", detail="--rules-only and --model-only exclude each other")
        )
    trained = load_model(model, book) if model is not None and not rules_only else None
    with warnings_to_stderr():  # corpus, coding and report warnings as 'warning:' lines
        documents = stream_corpus(
            corpus,
            language=language,
            interviewer=interviewer,
            respondent=respondent,
            no_speakers=no_speakers,
            skip_bad=skip_bad,
            max_mb=max_mb,
            roles_file=roles_file,
            attributes=attributes,
            id_column=id_column,
            text_columns=text_column,
        )
        coder = Coder(
            book, model=trained, mode=mode, unit=unit, roles=roles, spacy_model=spacy_model
        )
        one_per_file = all(f.suffix.lower() in ONE_DOCUMENT_SUFFIXES for f in documents.files)
        coded = run_coder(coder, documents, jobs=jobs, engine=engine, scheduler=scheduler)
        # Tables are written as documents are coded: memory stays flat on large corpora.
        with ResultWriter(
            out, book, unit=unit, roles=roles, coder=coder.name, quotes=quotes, report=report,
            by=by or None, formats=split_formats(formats),
        ) as writer:  # fmt: skip
            total = len(documents.files) if one_per_file else None
            for rows in tracked(coded, "coding", total=total):
                writer.add(rows.document, rows.segments, rows.codings)
            report_reading(documents.warnings, documents.skipped)
        result = writer.result()
    if report:
        print_summary(frequencies(result), out, writer.written)
        return
    table = frequencies(result)
    table = table[table["codable"]][["code", "label", "segments", "documents", "share_documents"]]
    print_frame(
        table,
        title=f"{len(result.documents)} documents, {len(result.segments)} {unit}s coded",
        formats={"share_documents": ".0%"},
    )
    console.print(f"wrote {', '.join(p.name for p in writer.written)} to {out}")
