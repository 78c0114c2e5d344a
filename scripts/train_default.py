#!/usr/bin/env python
"""Train the default model and regenerate the figures of docs/hybrid.md (``make model``).

1. Trains ``models/kennismigratie`` on the train split of ``corpora/kennismigratie``, tuning
   thresholds and the hybrid policy on the dev split (the test split is never read for it).
2. Codes the dev and test documents rules-only, model-only and hybrid, evaluates each against
   the gold codings, and writes the ablation table, the per-code test figures and the codes
   that miss the kappa target between ``<!-- ablation:start -->`` / ``<!-- ablation:end -->``,
   the targets table (``targets``), the comparison of the three coders (``comparison``) and the
   README's summary (``accuracy``).

``--skip-training`` re-evaluates the model already in ``models/``.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import pandas as pd

import qualcode
from qualcode.coding.model import load_model
from qualcode.coding.train import train
from qualcode.coding.training_data import training_data_from_gold
from qualcode.evaluation import evaluate, read_gold, read_splits, split_documents
from qualcode.evaluation.baseline import replace_marked_section

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpora" / "kennismigratie"
CODEBOOK = ROOT / "codebooks" / "kennismigratie.yaml"
MODEL = ROOT / "models" / "kennismigratie"
DOC = ROOT / "docs" / "hybrid.md"
KAPPA_TARGET, MIN_SUPPORT = 0.70, 10
MODES = {"rules-only": "rules", "model-only": "model", "hybrid": "hybrid"}


def _average(result: qualcode.EvaluationResult, level: str, average: str) -> pd.Series:
    table = result.averages
    return table[(table["level"] == level) & (table["average"] == average)].iloc[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-training", action="store_true")
    parser.add_argument("--seed", type=int, default=0)
    options = parser.parse_args()
    warnings.simplefilter("ignore")
    codebook = qualcode.load_codebook(CODEBOOK)
    gold = read_gold(CORPUS / "gold", codebook)
    corpus = qualcode.read_corpus(CORPUS / "transcripts")
    splits = read_splits(CORPUS / "splits.csv")
    if not options.skip_training:
        data = training_data_from_gold(
            gold, corpus, documents=split_documents(splits, "train"),
            description="corpora/kennismigratie train split (gold)",
        )  # fmt: skip
        dev = training_data_from_gold(
            gold, corpus, documents=split_documents(splits, "dev"),
            description="corpora/kennismigratie dev split (gold)",
        )  # fmt: skip
        model = train(codebook, data, dev=dev, name="kennismigratie", seed=options.seed)
        model.save(MODEL)
        print(f"trained {MODEL.relative_to(ROOT)}", flush=True)
    model = load_model(MODEL, codebook)
    rows, per_code = [], None
    for split in ("dev", "test"):
        documents = [corpus[d] for d in split_documents(splits, split)]
        for label, mode in MODES.items():
            result = qualcode.code(documents, codebook, model=model, mode=mode)
            scored = evaluate(gold, result, codebook, split=split, splits=splits)
            row = {"split": split, "coder": label}
            for level in ("segment", "document"):
                macro = _average(scored, level, "macro")
                micro = _average(scored, level, "micro")
                row[f"{level} macro-F1"] = round(float(macro["f1"]), 3)
                row[f"{level} micro-F1"] = round(float(micro["f1"]), 3)
            row["segment macro precision"] = round(
                float(_average(scored, "segment", "macro")["precision"]), 3
            )
            row["segment macro recall"] = round(
                float(_average(scored, "segment", "macro")["recall"]), 3
            )
            rows.append(row)
            print(row, flush=True)
            if split == "test" and mode == "hybrid":
                per_code = scored.by_code
    assert per_code is not None
    lines = [
        "Produced by `make model` (`scripts/train_default.py`): the model is trained on the train",
        "split and tuned on dev; the test split is only read here, to score it.",
        "",
        "| split | coder | segment macro-F1 | segment micro-F1 | segment precision "
        "| segment recall | document macro-F1 | document micro-F1 |",
        "|---|---|--:|--:|--:|--:|--:|--:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['split']} | {r['coder']} | {r['segment macro-F1']:.3f} "
            f"| {r['segment micro-F1']:.3f} "
            f"| {r['segment macro precision']:.3f} | {r['segment macro recall']:.3f} "
            f"| {r['document macro-F1']:.3f} | {r['document micro-F1']:.3f} |"
        )
    lines += [
        "",
        "Hybrid on the test split, per code (segment level):",
        "",
        "| code | support | precision | recall | F1 | kappa |",
        "|---|--:|--:|--:|--:|--:|",
    ]
    for r in per_code.itertuples(index=False):
        lines.append(
            f"| {r.code} | {r.support} | {r.precision:.3f} | {r.recall:.3f} | {r.f1:.3f} "
            f"| {r.cohen_kappa:.3f} |"
        )
    missing = per_code[
        (per_code["support"] >= MIN_SUPPORT) & ~(per_code["cohen_kappa"] >= KAPPA_TARGET)
    ]
    reached = per_code[
        (per_code["support"] >= MIN_SUPPORT) & (per_code["cohen_kappa"] >= KAPPA_TARGET)
    ]
    lines += [
        "",
        f"Codes with support >= {MIN_SUPPORT} on test: {len(missing) + len(reached)}; kappa >= "
        f"{KAPPA_TARGET}: {len(reached)} ({', '.join(reached['code']) or 'none'}); below: "
        f"{len(missing)} ({', '.join(missing['code'])}).",
    ]
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    replace_marked_section(DOC, text, name="ablation")
    test = {r["coder"]: r for r in rows if r["split"] == "test"}
    hybrid = test["hybrid"]

    def beats(level: str) -> str:
        above = all(
            hybrid[f"{level} macro-F1"] > test[other][f"{level} macro-F1"]
            for other in ("rules-only", "model-only")
        )
        return "yes" if above else "no"

    targets = "\n".join([
        "| target (test split) | measured | met |",
        "|---|---|---|",
        f"| hybrid segment macro-F1 >= 0.80 | {hybrid['segment macro-F1']:.3f} "
        f"| {'yes' if hybrid['segment macro-F1'] >= 0.80 else 'no'} |",
        f"| hybrid document macro-F1 >= 0.90 | {hybrid['document macro-F1']:.3f} "
        f"| {'yes' if hybrid['document macro-F1'] >= 0.90 else 'no'} |",
        *(
            f"| hybrid above rules-only and model-only ({level} macro-F1) "
            f"| {hybrid[f'{level} macro-F1']:.3f} vs {test['rules-only'][f'{level} macro-F1']:.3f}"
            f" / {test['model-only'][f'{level} macro-F1']:.3f} | {beats(level)} |"
            for level in ("segment", "document")
        ),
        f"| kappa >= {KAPPA_TARGET} on every code with support >= {MIN_SUPPORT} "
        f"| {len(reached)} of {len(reached) + len(missing)} codes "
        f"| {'yes' if missing.empty else 'no'} |",
        "| identical results across two runs with the same seed | tested "
        "(`tests/coding/test_model.py::test_training_is_deterministic`) | yes |",
    ]) + "\n"  # fmt: skip
    sys.stdout.write(targets)
    replace_marked_section(DOC, targets, name="targets")
    summary = "\n".join([
        "| coder | sentences (segment level) | respondents (document level) |",
        "|---|--:|--:|",
        *(
            f"| {coder.replace('-', ' ')} | {test[coder]['segment macro-F1']:.3f} "
            f"| {test[coder]['document macro-F1']:.3f} |"
            for coder in MODES
        ),
    ]) + "\n"  # fmt: skip
    replace_marked_section(ROOT / "README.md", summary, name="accuracy")
    dev = {r["coder"]: r for r in rows if r["split"] == "dev"}

    def compared(level: str) -> str:
        key = f"{level} macro-F1"
        return (
            f"the hybrid scores {test['hybrid'][key]:.3f} against the model's "
            f"{test['model-only'][key]:.3f} and the rules' {test['rules-only'][key]:.3f} on test "
            f"({dev['hybrid'][key]:.3f} against {dev['model-only'][key]:.3f} and "
            f"{dev['rules-only'][key]:.3f} on dev)"
        )

    comparison = (
        f"Per sentence (segment macro-F1) {compared('segment')}; per respondent (document "
        f"macro-F1) {compared('document')}. Macro precision per sentence on test: rules "
        f"{test['rules-only']['segment macro precision']:.3f}, model "
        f"{test['model-only']['segment macro precision']:.3f}, hybrid "
        f"{test['hybrid']['segment macro precision']:.3f}; recall: rules "
        f"{test['rules-only']['segment macro recall']:.3f}, model "
        f"{test['model-only']['segment macro recall']:.3f}, hybrid "
        f"{test['hybrid']['segment macro recall']:.3f}.\n"
    )
    sys.stdout.write(comparison)
    replace_marked_section(DOC, comparison, name="comparison")
    return 0


if __name__ == "__main__":
    sys.exit(main())
