"""``qualcode train``: train a coding model from human codings."""

from __future__ import annotations

from pathlib import Path

import typer

from qualcode._io import check_output_dir
from qualcode.cli.app import app
from qualcode.cli.options import CorpusOptions
from qualcode.cli.render import console, print_frame
from qualcode.codebook import load_codebook
from qualcode.coding.train import train
from qualcode.coding.training_data import (
    training_data_from_gold,
    training_data_from_qdpx,
    training_data_from_wide,
)
from qualcode.corpus import read_corpus
from qualcode.errors import ModelError, problem


def _documents(value: str | None) -> list[str] | None:
    return [d.strip() for d in value.split(",") if d.strip()] if value else None


@app.command("train")
def train_cli(
    codebook: Path = typer.Option(..., "--codebook", "-c", help="Codebook the model codes with."),
    out: Path = typer.Option(..., "--out", "-o", help="Model directory to write (e.g. models/x)."),
    gold: Path | None = typer.Option(None, "--gold", help="Gold JSON Lines file or directory."),
    corpus: Path | None = typer.Option(None, "--corpus", help="Transcripts the gold points into."),
    roles_file: Path | None = CorpusOptions.roles_file,
    id_column: str | None = CorpusOptions.id_column,
    text_column: list[str] | None = CorpusOptions.text_column,
    splits: Path | None = typer.Option(None, "--splits", help="splits.csv (document,split,...)."),
    train_split: str = typer.Option("train", "--train-split", help="Split to train on."),
    dev_split: str | None = typer.Option("dev", "--dev-split", help="Split to tune thresholds on."),
    qdpx: Path | None = typer.Option(None, "--qdpx", help="REFI-QDA project with codings."),
    wide: Path | None = typer.Option(
        None, "--wide", help="Wide .csv/.xlsx of coded answers (id, text, Code 1 … Code N)."
    ),
    user: list[str] | None = typer.Option(
        None, "--user", help="Only this coder's codings (repeatable)."
    ),
    train_documents: str | None = typer.Option(
        None, "--train-documents", help="Comma-separated documents to train on."
    ),
    dev_documents: str | None = typer.Option(
        None, "--dev-documents", help="Comma-separated documents to tune on."
    ),
    name: str | None = typer.Option(None, "--name", help="Model name (default: codebook name)."),
    seed: int = typer.Option(0, "--seed", help="Random seed; same data and seed, same model."),
) -> None:
    """Train a model (classifier + hybrid policy) from human codings and write it with its card.

    From gold codings with fixed splits, a REFI-QDA project's codings, or a wide sheet of coded
    answers (codes as codebook ids or labels). The test split is never read. --roles,
    --id-column and --text-column read --corpus as 'qualcode code' read it.

    Example: qualcode train --codebook codebooks/kennismigratie.yaml --gold
    corpora/kennismigratie/gold --corpus corpora/kennismigratie/transcripts --splits
    corpora/kennismigratie/splits.csv --out models/kennismigratie
    """
    check_output_dir(out)
    book = load_codebook(codebook)
    train_docs, dev_docs = _documents(train_documents), _documents(dev_documents)
    if (roles_file is not None or id_column is not None or text_column) and corpus is None:
        detail = "--roles, --id-column and --text-column read --corpus; give it with --gold"
        raise ModelError(problem("E305", detail=detail))
    if gold is not None:
        from qualcode.evaluation import read_gold, read_splits, split_documents

        if corpus is None:
            raise ModelError(problem("E305", detail="--gold needs --corpus (the transcripts)"))
        if splits is not None:
            table = read_splits(splits)
            train_docs = train_docs or split_documents(table, train_split)
            dev_docs = dev_docs or (split_documents(table, dev_split) if dev_split else None)
        codings = read_gold(gold, book)
        documents = read_corpus(
            corpus, roles=roles_file, id_column=id_column, text_columns=text_column or ()
        )
        data = training_data_from_gold(codings, documents, documents=train_docs)
        dev = training_data_from_gold(codings, documents, documents=dev_docs) if dev_docs else None
    elif qdpx is not None:
        users = list(user) if user else None
        data = training_data_from_qdpx(qdpx, codebook=book, users=users, documents=train_docs)
        dev = (
            training_data_from_qdpx(qdpx, codebook=book, users=users, documents=dev_docs)
            if dev_docs
            else None
        )
    elif wide is not None:
        data = training_data_from_wide(wide, book, documents=train_docs)
        dev = training_data_from_wide(wide, book, documents=dev_docs) if dev_docs else None
    else:
        raise ModelError(problem("E305", detail="give --gold (with --corpus), --qdpx or --wide"))
    model = train(book, data, dev=dev, name=name, seed=seed)
    model.save(out)
    scores = model.card.get("dev", {}).get("scores", {})
    if scores:
        import pandas as pd

        table = pd.DataFrame([{"code": code, **values} for code, values in scores.items()])
        print_frame(
            table,
            title="dev scores of the hybrid",
            formats={"precision": ".2f", "recall": ".2f", "f1": ".2f"},
        )
    console.print(
        f"wrote model to {out} ({model.card['training']['sentences']} training sentences)"
    )
