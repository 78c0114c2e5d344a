#!/usr/bin/env python
"""Where the evidence for a gold coding sits (``make gold-context``): the figures of docs/hybrid.md.

For every gold coding of the train split of ``corpora/kennismigratie`` (a respondent sentence and
a code), finds the nearest rule hit of the bundled codebook for that code, and counts:

* in the sentence itself;
* earlier in the same turn (the respondent named the factor, then went on about it);
* nowhere earlier in the turn, but the previous sentence carries the same gold code (a chain
  that started without a rule hit, or in an earlier turn);
* none of these.

The table is written between ``<!-- context:start -->`` / ``<!-- context:end -->`` of
docs/hybrid.md and printed.
"""

from __future__ import annotations

import sys
import warnings
from collections import Counter
from pathlib import Path

import qualcode
from qualcode.evaluation import read_gold, read_splits, split_documents
from qualcode.evaluation.baseline import replace_marked_section

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpora" / "kennismigratie"
CODEBOOK = ROOT / "codebooks" / "kennismigratie.yaml"
DOC = ROOT / "docs" / "hybrid.md"
KINDS = {
    "sentence": "a rule hit in the sentence itself",
    "turn": "a rule hit earlier in the same turn",
    "chain": "no hit before it in the turn, but the previous sentence has the same gold code",
    "none": "none of these",
}


def main() -> int:
    warnings.simplefilter("ignore")
    codebook = qualcode.load_codebook(CODEBOOK)
    corpus = qualcode.read_corpus(CORPUS / "transcripts")
    documents = split_documents(read_splits(CORPUS / "splits.csv"), "train")
    gold = read_gold(CORPUS / "gold", codebook).select(documents)
    result = qualcode.code([corpus[d] for d in documents], codebook, mode="rules")
    segments = result.segments.sort_values(["document", "start"])
    position = {(r.document, r.start, r.end): r for r in segments.itertuples(index=False)}
    codings = result.codings
    hits = set(zip(codings["document"], codings["segment"], codings["code"], strict=True))
    gold_codes = {(u.document, u.start): set(u.code_ids) for u in gold.units}
    kinds: Counter[str] = Counter()
    for unit in gold.units:
        segment = position[(unit.document, unit.start, unit.end)]
        same_turn = segments[
            (segments["document"] == unit.document)
            & (segments["turn"] == segment.turn)
            & (segments["start"] < unit.start)
        ]
        previous = segments[
            (segments["document"] == unit.document) & (segments["start"] < unit.start)
        ].tail(1)
        for code in unit.code_ids:
            if (unit.document, segment.segment, code) in hits:
                kinds["sentence"] += 1
            elif any((unit.document, s, code) in hits for s in same_turn["segment"]):
                kinds["turn"] += 1
            elif any(code in gold_codes.get((unit.document, s), set()) for s in previous["start"]):
                kinds["chain"] += 1
            else:
                kinds["none"] += 1
    total = sum(kinds.values())
    lines = [
        f"Produced by `make gold-context` (`scripts/gold_context.py`): the {total} gold codings of "
        "the train split, by where the nearest rule hit for the code is.",
        "",
        "| evidence | codings | share |",
        "|---|--:|--:|",
        *(f"| {label} | {kinds[k]} | {kinds[k] / total:.0%} |" for k, label in KINDS.items()),
    ]
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    replace_marked_section(DOC, text, name="context")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
