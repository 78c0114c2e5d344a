"""``qualcode code``: code a corpus and write tables and quotes."""

from __future__ import annotations

from pathlib import Path

import typer

from qualcode.cli.app import app
from qualcode.cli.options import CorpusOptions, load_corpus
from qualcode.cli.render import console, print_frame
from qualcode.codebook import load_codebook
from qualcode.coding import Coder
from qualcode.coding.model import load_model
from qualcode.errors import CodingError, problem
from qualcode.report import frequencies, write_results


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
    quotes: int = typer.Option(3, "--quotes", help="Example quotes per code."),
    spacy_model: str | None = typer.Option(
        None,
        "--spacy-model",
        help="Installed trained spaCy pipeline to use instead of the built-in lemmatizer.",
    ),
    language: str | None = CorpusOptions.language,
    interviewer: list[str] | None = CorpusOptions.interviewer,
    respondent: list[str] | None = CorpusOptions.respondent,
    no_speakers: bool = CorpusOptions.no_speakers,
    skip_bad: bool = CorpusOptions.skip_bad,
    max_mb: float = CorpusOptions.max_mb,
) -> None:
    """Code transcripts with a codebook; write codings, frequencies and quotes.

    Writes codings.csv, segments.csv, documents.csv, frequencies.csv and quotes.md into OUT
    and prints the frequency table.

    With --model the hybrid of rules and model codes (see docs/hybrid.md); --rules-only and
    --model-only give either half.

    Example: qualcode code corpora/sample --codebook codebooks/kennismigratie.yaml
    --model models/kennismigratie --out out/sample
    """
    book = load_codebook(codebook)
    mode = "rules" if rules_only else "model" if model_only else None
    if rules_only and model_only:
        raise CodingError(
            problem("E205", detail="--rules-only and --model-only exclude each other")
        )
    trained = load_model(model, book) if model is not None and not rules_only else None
    documents = load_corpus(
        corpus,
        language=language,
        interviewer=interviewer,
        respondent=respondent,
        no_speakers=no_speakers,
        skip_bad=skip_bad,
        max_mb=max_mb,
    )
    result = Coder(
        book, model=trained, mode=mode, unit=unit, roles=roles, spacy_model=spacy_model
    ).code(documents)
    written = write_results(result, out, quotes=quotes)
    table = frequencies(result)
    table = table[table["codable"]][["code", "label", "segments", "documents", "share_documents"]]
    print_frame(
        table,
        title=f"{len(result.documents)} documents, {len(result.segments)} {unit}s coded",
        formats={"share_documents": ".0%"},
    )
    console.print(f"wrote {', '.join(p.name for p in written)} to {out}")
