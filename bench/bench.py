#!/usr/bin/env python
"""Throughput and memory benchmark of ``qualcode code`` (``make bench``).

Builds corpora of about 1, 4 and 16 million words by replicating real interview transcripts
(``../shared/real-data/interviews-mlsss/``, English ones; without ``../shared`` the bundled
corpora), then for each size measures in the same run:

* the words per second of a bare spaCy ``blank`` tokenizer pass over the same texts — the
  practical floor for any spaCy-based coder;
* ``qualcode code`` rules-only, and the hybrid with the default model: words per second and
  peak resident memory, each in a fresh process (``bench/measure.py``).

Prints a table and writes it to ``bench/results.csv``. Words are whitespace-separated tokens of
the files, as ``wc -w`` counts them.

Usage: python bench/bench.py [--sizes 1 4 16] [--jobs 1] [--keep]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

from qualcode.evaluation.baseline import replace_marked_section

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "real-data" / "interviews-mlsss"
CORPUS_DIR = ROOT / "bench" / "corpus"
CODEBOOK = ROOT / "codebooks" / "kennismigratie.yaml"
MODEL = ROOT / "models" / "kennismigratie"


def source_texts() -> tuple[str, list[tuple[str, str]]]:
    """(description, [(name, text)]) of the transcripts to replicate: English and Dutch only."""
    import qualcode

    if SHARED.is_dir():
        corpus = qualcode.read_corpus(SHARED, languages=None)
        described = f"{SHARED.relative_to(ROOT.parent)} (English transcripts)"
    else:
        sample = qualcode.read_corpus(ROOT / "corpora" / "sample")
        development = qualcode.read_corpus(ROOT / "corpora" / "kennismigratie" / "transcripts")
        documents = [*sample, *development]
        corpus = qualcode.Corpus(tuple(documents))
        described = "corpora/sample and corpora/kennismigratie (../shared not found)"
    texts = [
        (Path(d.source).name, Path(d.source).read_text(encoding="utf-8"))
        for d in corpus
        if d.language in ("en", "nl")
    ]
    return described, texts


def build(size_words: int, texts: list[tuple[str, str]]) -> tuple[Path, int]:
    """A directory of replicated transcripts with about ``size_words`` words."""
    directory = CORPUS_DIR / f"{size_words // 1_000_000}M"
    marker = directory / ".words"
    if marker.is_file():
        return directory, int(marker.read_text())
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    words, copy = 0, 0
    while words < size_words:
        for name, text in texts:
            stem, suffix = name.rsplit(".", 1)
            (directory / f"{stem}-r{copy:04d}.{suffix}").write_text(text, encoding="utf-8")
            words += len(text.split())
            if words >= size_words:
                break
        copy += 1
    marker.write_text(str(words))
    return directory, words


def tokenizer_seconds(directory: Path) -> float:
    """Seconds for a bare ``spacy.blank`` tokenizer pass over every file (texts read first)."""
    import spacy

    nlp = spacy.blank("en")
    texts = [p.read_text(encoding="utf-8") for p in sorted(directory.glob("*.txt"))]
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return time.perf_counter() - start


def measure(args: list[str]) -> dict[str, float]:
    """Run ``qualcode`` with ``args`` in a fresh process; wall seconds and peak RSS (MB)."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "measure.py"), *args],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        sys.exit(f"qualcode {' '.join(args)} failed:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=float, default=[1, 4, 16], help="million words")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep bench/corpus/ afterwards")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.csv")
    parser.add_argument("--readme", action="store_true", help="also write the table into README.md")
    options = parser.parse_args()
    described, texts = source_texts()
    print(f"corpus: {described}, {len(texts)} transcripts replicated", flush=True)
    rows = []
    for millions in options.sizes:
        directory, words = build(int(millions * 1_000_000), texts)
        tokenizer = tokenizer_seconds(directory)
        row = {"size": f"{millions:g}M", "words": words, "tokenizer_wps": round(words / tokenizer)}
        modes = [("rules", ["--rules-only"])]
        if MODEL.is_dir():
            modes.append(("hybrid", ["--model", str(MODEL)]))
        for mode, flags in modes:
            out = CORPUS_DIR / f"out-{mode}"
            run = measure(["code", str(directory), "-c", str(CODEBOOK), "-o", str(out),
                           "--jobs", str(options.jobs), *flags])  # fmt: skip
            shutil.rmtree(out, ignore_errors=True)
            row[f"{mode}_wps"] = round(words / run["seconds"])
            row[f"{mode}_ratio"] = round(words / run["seconds"] / row["tokenizer_wps"], 3)
            row[f"{mode}_seconds"] = round(run["seconds"], 1)
            row[f"{mode}_peak_mb"] = round(run["peak_mb"])
        rows.append(row)
        print(json.dumps(row), flush=True)
    columns = list(rows[0])
    with options.out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print()
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for row in rows:
        print("| " + " | ".join(str(row[c]) for c in columns) + " |")
    shown = options.out.relative_to(ROOT) if options.out.is_relative_to(ROOT) else options.out
    print(f"\njobs={options.jobs}; written to {shown}")
    if options.readme:
        table = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        table += ["| " + " | ".join(str(row[c]) for c in columns) + " |" for row in rows]
        text = "\n".join(
            [f"Measured by `make bench` ({os.cpu_count()} cores, Python "
             f"{platform.python_version()}), jobs={options.jobs}, corpus: {described}. "
             "`*_wps`: words per second; `*_ratio`: "
             "qualcode's words per second over the tokenizer's; `*_peak_mb`: peak resident "
             "memory of the whole command.", "", *table]
        ) + "\n"  # fmt: skip
        replace_marked_section(ROOT / "README.md", text, name="bench")
    if not options.keep:
        shutil.rmtree(CORPUS_DIR, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
