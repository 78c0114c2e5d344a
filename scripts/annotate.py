#!/usr/bin/env python
"""Annotation helper for the gold corpus (a development tool, not part of the library).

1. ``python scripts/annotate.py sheet corpora/kennismigratie/transcripts/km-01.txt > km-01.tsv``
   writes one row per respondent sentence: ``n``, ``codes`` (empty, to fill in), ``text``, with the
   interviewer's preceding question as a context row (``n`` = ``Q``).
2. Fill in the ``codes`` column: ``code/valence/stage`` items separated by ``;`` — e.g.
   ``housing.search/barrier/; policy.thirty_percent//stay`` — or leave it empty for none.
3. ``python scripts/annotate.py build corpora/kennismigratie/transcripts/km-01.txt km-01.tsv \\
   > corpora/kennismigratie/gold/km-01.jsonl`` checks every code and facet value against the
   codebook and writes the gold JSON Lines (see docs/gold-format.md).
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import qualcode
from qualcode.corpus import segment_document

CODEBOOK = Path(__file__).resolve().parents[1] / "codebooks" / "kennismigratie.yaml"


def _document(path: str) -> qualcode.Document:
    return qualcode.read_corpus(path).documents[0]


def sheet(path: str) -> None:
    document = _document(path)
    writer = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    writer.writerow(["n", "codes", "text"])
    segments = segment_document(document, roles=None)
    n = 0
    for segment in segments:
        text = " ".join(segment.text.split())
        if segment.role == "respondent":
            n += 1
            writer.writerow([n, "", text])
        elif segment.role == "interviewer":
            writer.writerow(["Q", "", text])


def build(path: str, sheet_path: str) -> None:
    document = _document(path)
    codebook = qualcode.load_codebook(CODEBOOK)
    facets = {name: set(f.values) for name, f in codebook.facets.items()}
    segments = segment_document(document, roles=["respondent"])
    with open(sheet_path, encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if r["n"] != "Q"]
    if len(rows) != len(segments):
        sys.exit(f"{sheet_path}: {len(rows)} sentence rows, but the document has {len(segments)}")
    problems = []
    for row, segment in zip(rows, segments, strict=True):
        if " ".join(segment.text.split()) != row["text"]:
            problems.append(f"row {row['n']}: text does not match sentence {segment.text!r}")
        codes = []
        for item in filter(None, (part.strip() for part in (row["codes"] or "").split(";"))):
            code, valence, stage = ([*item.split("/"), "", ""])[:3]
            if code not in codebook or not codebook[code].codable:
                problems.append(f"row {row['n']}: unknown or non-codable code {code!r}")
            if valence and valence not in facets.get("valence", set()):
                problems.append(f"row {row['n']}: unknown valence {valence!r}")
            if stage and stage not in facets.get("stage", set()):
                problems.append(f"row {row['n']}: unknown stage {stage!r}")
            codes.append({"code": code, "valence": valence or None, "stage": stage or None})
        if len({c["code"] for c in codes}) != len(codes):
            problems.append(f"row {row['n']}: a code is given twice")
        line = {
            "document": document.id,
            "start": segment.start,
            "end": segment.end,
            "codes": codes,
            "text": segment.text,
        }
        if not problems:
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
    if problems:
        sys.exit("\n".join(problems))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "sheet":
        sheet(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "build":
        build(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
