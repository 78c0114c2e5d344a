"""Tiny hand-coded gold and predictions for the evaluation tests.

Two documents, ten sentences, three codes of the tiny codebook. The expected scores in the tests
are worked out by hand from the tables below (and cross-checked with scikit-learn).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import pytest

from qualcode.records import Corpus, Document, Turn

H, P, S = "housing.search", "policy.thirty_percent", "cultural.safety"

#: document -> sentences; the document text is the sentences joined by single spaces.
SENTENCES: dict[str, list[str]] = {
    "a": [
        "Finding a flat was a nightmare.",
        "We looked for months.",
        "The tax office was slow.",
        "I feel safe here, so we stay.",
        "If the ruling goes, we leave.",
        "Our landlord is easy going.",
    ],
    "b": [
        "Renting was hard.",
        "It is a safe city.",
        "The 30% ruling helps a bit.",
        "Anyway, the cricket.",
    ],
}

#: (document, sentence index) -> codes as (code, valence, stage); unlisted sentences: no codes.
GOLD = {
    ("a", 0): [(H, "barrier", None)],
    ("a", 1): [(H, "barrier", None)],
    ("a", 3): [(S, "driver", "stay")],
    ("a", 4): [(P, None, "leave")],
    ("b", 0): [(H, "barrier", None)],
    ("b", 1): [(S, "driver", None)],
}
PREDICTED = {
    ("a", 0): [(H, "barrier", None)],
    ("a", 2): [(P, None, None)],
    ("a", 3): [(S, None, "stay")],
    ("a", 4): [(P, None, "leave")],
    ("a", 5): [(H, "driver", None)],
    ("b", 0): [(H, "barrier", None)],
    ("b", 2): [(P, None, None)],
}


def spans(document: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of each sentence of ``document``."""
    found, position = [], 0
    for sentence in SENTENCES[document]:
        found.append((position, position + len(sentence), sentence))
        position += len(sentence) + 1
    return found


def text_of(document: str) -> str:
    return " ".join(SENTENCES[document])


def tiny_corpus() -> Corpus:
    """The two documents as one respondent turn each."""
    return Corpus(
        tuple(
            Document(d, text_of(d), (Turn(0, "R", "respondent", 0, len(text_of(d))),), "en")
            for d in SENTENCES
        )
    )


def gold_lines(codes: dict[tuple[str, int], list[tuple[str, str | None, str | None]]]) -> str:
    """JSON Lines for every sentence of both documents with ``codes`` (written by hand here,
    not with write_gold, so reading is tested independently of writing)."""
    lines = []
    for document in SENTENCES:
        for index, (start, end, text) in enumerate(spans(document)):
            record = {
                "document": document,
                "start": start,
                "end": end,
                "codes": [
                    {"code": c, "valence": v, "stage": s}
                    for c, v, s in codes.get((document, index), [])
                ],
                "text": text,
            }
            lines.append(json.dumps(record))
    return "\n".join(lines) + "\n"


def write_lines(path: Path, lines: Sequence[str] | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(lines if isinstance(lines, str) else "\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_output(directory: Path, *, documents: tuple[str, ...] | None = ("a", "b")) -> Path:
    """A hand-made output directory of 'qualcode code' for the tiny documents."""
    segments, codings = [], []
    for document in SENTENCES:
        for index, (start, end, text) in enumerate(spans(document)):
            segments.append(
                {"document": document, "segment": index, "start": start, "end": end, "text": text}
            )
            for code, valence, stage in PREDICTED.get((document, index), []):
                codings.append(
                    {
                        "document": document,
                        "segment": index,
                        "start": start,
                        "end": end,
                        "text": text,
                        "code": code,
                        "source": "rule",
                        "confidence": 1.0,
                        "valence": valence,
                        "stage": stage,
                        "negated": False,
                        "hypothetical": False,
                        "pattern": "p",
                        "coder": "qualcode:rules",
                    }
                )
    directory.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(segments).to_csv(directory / "segments.csv", index=False)
    pd.DataFrame(codings).to_csv(directory / "codings.csv", index=False)
    if documents is not None:
        pd.DataFrame({"document": list(documents)}).to_csv(directory / "documents.csv", index=False)
    return directory


@pytest.fixture
def gold_path(tmp_path: Path) -> Path:
    return write_lines(tmp_path / "gold.jsonl", gold_lines(GOLD))


@pytest.fixture
def predicted_path(tmp_path: Path) -> Path:
    return write_lines(tmp_path / "predicted.jsonl", gold_lines(PREDICTED))


@pytest.fixture
def splits_path(tmp_path: Path) -> Path:
    return write_lines(
        tmp_path / "splits.csv",
        [
            "document,split,language,route",
            "a,dev,en,partner",
            "b,test,en,researcher",
            "c,test,nl,start-up",
        ],
    )


def shared_dir() -> Path | None:
    """The shared real-data directory: beside the repository (``/work/main``) or beside the
    worktrees' parent (``/work/wt/<name>``); ``None`` when absent."""
    from tests.conftest import REPO

    for candidate in (REPO.parent / "shared", REPO.parent.parent / "shared"):
        if (candidate / "real-data").is_dir():
            return candidate
    return None
