#!/usr/bin/env python
"""Regenerate the baseline figures of docs/evaluation.md (``make baseline``).

Codes the dev and test documents that have gold with the rules only, evaluates each split,
prints the Markdown it writes, and replaces the section between ``<!-- baseline:start -->`` and
``<!-- baseline:end -->`` in the doc. ``--check`` only verifies that the doc is up to date (exit
code 1 if not). With ``--out DIR`` the full evaluation tables of each split (confusions included)
are written to ``DIR/<split>/``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from qualcode.codebook import load_codebook
from qualcode.errors import QualcodeError
from qualcode.evaluation import write_evaluation
from qualcode.evaluation.baseline import (
    BASELINE_SPLITS,
    baseline_markdown,
    replace_marked_section,
    run_baseline,
)

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpora" / "kennismigratie"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS / "transcripts")
    parser.add_argument("--gold", type=Path, default=CORPUS / "gold")
    parser.add_argument("--splits", type=Path, default=CORPUS / "splits.csv")
    parser.add_argument("--codebook", type=Path, default=ROOT / "codebooks" / "kennismigratie.yaml")
    parser.add_argument("--doc", type=Path, default=ROOT / "docs" / "evaluation.md")
    parser.add_argument(
        "--split",
        action="append",
        dest="splits_to_run",
        metavar="NAME",
        help=f"split to report (repeatable; default: {', '.join(BASELINE_SPLITS)})",
    )
    parser.add_argument("--out", type=Path, help="also write each split's tables to OUT/<split>/")
    parser.add_argument("--check", action="store_true", help="fail if the doc is out of date")
    args = parser.parse_args(argv)
    try:
        codebook = load_codebook(args.codebook)
        results = run_baseline(
            args.corpus,
            args.gold,
            codebook,
            args.splits,
            split_names=args.splits_to_run or BASELINE_SPLITS,
        )
        markdown = baseline_markdown(results, codebook)
        sys.stdout.write(markdown)
        changed = replace_marked_section(args.doc, markdown, check=args.check)
        if args.out is not None and not args.check:
            for name, result in results.items():
                write_evaluation(result, args.out / name)
    except QualcodeError as error:
        for line in error.lines():
            print(f"error: {line}", file=sys.stderr)
        return 2
    if args.check and changed:
        print(f"{args.doc} is out of date: run 'make baseline'", file=sys.stderr)
        return 1
    state = "up to date" if args.check else ("updated" if changed else "unchanged")
    print(f"{args.doc}: baseline section {state}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
