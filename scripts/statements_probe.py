#!/usr/bin/env python
"""The coders on expat statements and turns written from the definitions alone (``make probe``).

``corpora/expat-statements`` holds two sets in the way expats talk, English and Dutch, each item
labelled with the codes a coder following the codebook's definitions would give it and their
valence (see the corpus README for who wrote them and how): ``statements.jsonl`` (one to three
sentences, paraphrases, learner's Dutch, trigger words used in another sense) and ``turns.jsonl``
(a respondent's whole answer in transcript style).

Each item is coded as a one-turn respondent document by the rules, the model and the hybrid; an
item counts as coded with a code when any of its sentences is. Per language the script
reports macro-F1 over the codes the statements carry, micro precision and recall, and how often
the valence of a correct coding matches the label (for labels ``driver`` or ``barrier``).

The table is written between ``<!-- statements:start -->`` / ``<!-- statements:end -->`` of
docs/hybrid.md and printed; ``--errors`` also prints every missed and extra coding.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import qualcode
from qualcode.coding.coder import Coder
from qualcode.evaluation.baseline import replace_marked_section
from qualcode.records import Document, Turn

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpora" / "expat-statements"
SETS = {"statements": "statements.jsonl", "interview turns": "turns.jsonl"}
CODEBOOK = ROOT / "codebooks" / "kennismigratie.yaml"
MODEL = ROOT / "models" / "kennismigratie"
DOC = ROOT / "docs" / "hybrid.md"
MODES = {"rules-only": "rules", "model-only": "model", "hybrid": "hybrid"}
LANGUAGES = {"en": "English", "nl": "Dutch"}


@dataclass
class Tally:
    """Counts of one coder on one language's statements."""

    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    valence_right: int = 0
    valence_labelled: int = 0

    def macro_f1(self) -> float:
        codes = [c for c in set(self.tp) | set(self.fn) if self.tp[c] + self.fn[c]]
        scores = [2 * self.tp[c] / (2 * self.tp[c] + self.fp[c] + self.fn[c]) for c in codes]
        return sum(scores) / len(scores)

    def micro(self) -> tuple[float, float]:
        tp, fp, fn = (sum(c.values()) for c in (self.tp, self.fp, self.fn))
        return tp / max(tp + fp, 1), tp / max(tp + fn, 1)


def statement_document(record: dict) -> Document:
    text = f"R: {record['text']}"
    turn = Turn(0, "R", "respondent", 3, len(text))
    return Document(record["id"], text, (turn,), record["language"])


def _score(coder: Coder, record: dict, tally: Tally, *, errors: bool) -> None:
    coded = {}
    for coding in coder.code_document(statement_document(record)).codings:
        coded.setdefault(coding.code, coding)
    expected = record["codes"]
    for code in coded.keys() | expected.keys():
        if code in coded and code in expected:
            tally.tp[code] += 1
            if expected[code] in ("driver", "barrier"):
                tally.valence_labelled += 1
                tally.valence_right += coded[code].valence == expected[code]
        elif code in coded:
            tally.fp[code] += 1
        else:
            tally.fn[code] += 1
        if errors and coder.mode == "hybrid" and (code in coded) != (code in expected):
            kind = "extra" if code in coded else "missed"
            print(f"{kind:6} {code:38} {record['id']}: {record['text']}", file=sys.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print every missed/extra coding")
    options = parser.parse_args()
    warnings.simplefilter("ignore")
    codebook = qualcode.load_codebook(CODEBOOK)
    model = qualcode.load_model(MODEL, codebook)
    tallies: dict[tuple[str, str, str], Tally] = {}
    counts: Counter[tuple[str, str]] = Counter()
    for name, filename in SETS.items():
        lines = (CORPUS / filename).read_text("utf-8").splitlines()
        records = [json.loads(line) for line in lines if line]
        counts.update((name, r["language"]) for r in records)
        for label, mode in MODES.items():
            coder = Coder(codebook, model=model, mode=mode)
            for record in records:
                key = (name, label, record["language"])
                _score(coder, record, tallies.setdefault(key, Tally()), errors=options.errors)
    lines = [
        "Produced by `make probe` (`scripts/statements_probe.py`) from `corpora/expat-statements`: "
        + "; ".join(
            f"{name}: {counts[(name, 'en')]} English and {counts[(name, 'nl')]} Dutch"
            for name in SETS
        )
        + ". An item counts as coded with a code when any of its sentences is.",
        "",
        "| set | language | coder | macro-F1 | micro precision | micro recall | valence right |",
        "|---|---|---|--:|--:|--:|--:|",
    ]
    for name in SETS:
        for language, language_name in LANGUAGES.items():
            for label in MODES:
                tally = tallies[(name, label, language)]
                precision, recall = tally.micro()
                valence = f"{tally.valence_right}/{tally.valence_labelled}"
                lines.append(
                    f"| {name} | {language_name} | {label} | {tally.macro_f1():.3f} "
                    f"| {precision:.3f} | {recall:.3f} | {valence} |"
                )
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    replace_marked_section(DOC, text, name="statements")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
