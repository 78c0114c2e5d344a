#!/usr/bin/env python
"""Regenerate the real two-coder figures of docs/agreement.md (``make agreement-table``).

Runs :func:`qualcode.agreement` on every primary/secondary pair in
``../shared/real-data/two-coder-survey/`` under both readings of a blank row (no code /
not coded), prints the Markdown and writes it between ``<!-- real-agreement:start -->`` and
``<!-- real-agreement:end -->`` in the doc. ``--check`` only verifies the doc is up to date.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import qualcode
from qualcode.evaluation.baseline import replace_marked_section

ROOT = Path(__file__).resolve().parents[1]


def _row(question: str, result: qualcode.AgreementResult) -> str:
    table = result.by_code
    per_code = table[~table["code"].str.startswith("(")]
    pooled = table[table["code"] == "(pooled)"].iloc[0]
    macro = table[table["code"] == "(macro)"].iloc[0]
    return (
        f"| {question} | {int(pooled['n_units'])} | {len(per_code)} | {pooled['cohen_kappa']:.3f} "
        f"| {macro['cohen_kappa']:.3f} | {pooled['krippendorff_alpha']:.3f} |"
    )


def markdown(survey: Path) -> str:
    header = [
        "| question | answers | codes | kappa pooled | kappa macro | alpha pooled |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    sections = []
    readings = [
        ("Blank row = no code applies (the default): every answer with text", {}),
        (
            "Blank row = not coded (`--empty-rows missing --intersection`): answers both coded",
            {"empty_rows": "missing", "intersection": True},
        ),
    ]
    for title, options in readings:
        rows = []
        for primary in sorted(survey.glob("* (primary).csv")):
            secondary = Path(str(primary).replace("(primary)", "(secondary)"))
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                result = qualcode.agreement([primary, secondary], **options)
            rows.append(_row(primary.stem.split(" - ")[-1].split(" ")[0], result))
        sections.append("\n".join([f"**{title}**", "", *header, *rows]))
    command = "Produced by `make agreement-table` (`scripts/real_agreement.py`)."
    return "\n\n".join([command, *sections]) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--survey", type=Path, default=ROOT.parent / "shared" / "real-data" / "two-coder-survey"
    )
    parser.add_argument("--doc", type=Path, default=ROOT / "docs" / "agreement.md")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if not args.survey.is_dir():
        sys.exit(f"no two-coder survey data at {args.survey}")
    text = markdown(args.survey)
    sys.stdout.write(text)
    changed = replace_marked_section(args.doc, text, name="real-agreement", check=args.check)
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
