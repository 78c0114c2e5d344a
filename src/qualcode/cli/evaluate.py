"""``qualcode evaluate``: score predictions against gold codings."""

from __future__ import annotations

from pathlib import Path

import typer

from qualcode._io import check_output_dir
from qualcode.cli.app import app
from qualcode.cli.options import CorpusOptions
from qualcode.cli.render import console, print_frame
from qualcode.corpus import read_corpus
from qualcode.evaluation import evaluate, write_evaluation
from qualcode.evaluation.result import check_level

_SCORES = {"precision": ".3f", "recall": ".3f", "f1": ".3f", "cohen_kappa": ".3f"}


@app.command("evaluate")
def evaluate_cli(
    gold: Path = typer.Option(
        ..., "--gold", "-g", help="Gold codings: a .jsonl file or a directory of them."
    ),
    pred: Path = typer.Option(
        ...,
        "--pred",
        "-p",
        help="Predictions: the output directory of 'qualcode code', its codings.csv (with "
        "segments.csv beside it), or gold-format .jsonl.",
    ),
    codebook: Path = typer.Option(..., "--codebook", "-c", help="Codebook file (.yaml or .qdc)."),
    corpus: Path | None = typer.Option(
        None, "--corpus", help="Transcripts: check that gold offsets and text fall on them."
    ),
    id_column: str | None = CorpusOptions.id_column,
    text_column: list[str] | None = CorpusOptions.text_column,
    split: str | None = typer.Option(
        None, "--split", help="Score only this split's documents (needs --splits)."
    ),
    splits: Path | None = typer.Option(None, "--splits", help="Splits file (document,split,...)."),
    level: str = typer.Option(
        "segment", "--level", help="Per-code table to print: segment or document (both written)."
    ),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write the tables as CSV here."),
    drop_negated: bool = typer.Option(
        False, "--drop-negated", help="Do not count predicted mentions marked negated."
    ),
) -> None:
    """Score predictions against gold: per-code precision, recall, F1, kappa; confusions.

    Prints which split was scored, the per-code table and the micro and macro averages. With
    --out, writes evaluation_by_code.csv, evaluation_by_code_document_level.csv,
    evaluation_averages.csv, evaluation_facets.csv, confusions.csv and evaluation.json.

    A survey --corpus is read with --id-column and --text-column, as 'qualcode code' read it.

    Example: qualcode evaluate --gold corpora/kennismigratie/gold --pred out/dev
    --codebook codebooks/kennismigratie.yaml --split dev --splits corpora/kennismigratie/splits.csv
    """
    check_level(level)
    if (id_column is not None or text_column) and corpus is None:
        raise typer.BadParameter("--id-column and --text-column read --corpus; give it too")
    if out is not None:
        check_output_dir(out)
    documents = (
        read_corpus(
            corpus, speakers="optional", id_column=id_column, text_columns=text_column or ()
        )
        if corpus is not None
        else None
    )
    result = evaluate(
        gold,
        pred,
        codebook,
        split=split,
        splits=splits,
        corpus=documents,
        include_negated=not drop_negated,
    )
    console.print(f"[bold]Evaluated on {result.description}[/]")
    table = result.table(level).drop(columns=["tn"])
    print_frame(table, title=f"Per code, {level} level", formats=_SCORES)
    averages = result.averages_at(level).drop(columns=["level"])
    print_frame(averages, title=f"Averages, {level} level", formats=_SCORES)
    facets = result.facets[result.facets["code"] == "(all)"].drop(columns=["code", "label"])
    if len(facets):
        print_frame(
            facets,
            title="Facets on true positives (segment level)",
            formats={"accuracy": ".3f", "accuracy_gold_valued": ".3f"},
        )
    fp = int((result.confusions["kind"] == "FP").sum())
    fn = int((result.confusions["kind"] == "FN").sum())
    console.print(f"{fp} false positives, {fn} false negatives at segment level")
    for note in result.notes:
        console.print(f"[yellow]note:[/] {note}")
    if out is not None:
        written = write_evaluation(result, out)
        console.print(f"wrote {', '.join(p.name for p in written)} to {out}")
