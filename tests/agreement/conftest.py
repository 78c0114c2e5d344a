"""Tiny codings built in tmp_path: wide sheets, qualcode outputs, gold JSON Lines."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

Rows = Sequence[tuple[str, str, Sequence[str]]]


def wide_csv(path: Path, rows: Rows, *, question: str = "Why did you choose it?") -> Path:
    """Write a wide sheet: ResponseId, the question, Code 1 … Code 4."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["ResponseId", question, "Code 1", "Code 2", "Code 3", "Code 4"])
        for unit, text, codes in rows:
            writer.writerow([unit, text, *codes, *[""] * (4 - len(codes))])
    return path


def gold_jsonl(path: Path, records: Sequence[dict[str, object]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


ANSWERS = [
    ("r1", "It stops cheating.", ["cheating"]),
    ("r2", "Cheating, and it is fair.", ["cheating", "fairness"]),
    ("r3", "The department requires it.", ["required"]),
    ("r4", "Students cheat online; we caught some.", ["cheating", "cheating->caught"]),
    ("r5", "Fair for everyone.", ["fairness"]),
    ("r6", "No idea.", ["NA"]),
]
OTHER_ANSWERS = [
    ("r1", "It stops cheating.", ["cheating"]),
    ("r2", "Cheating, and it is fair.", ["cheating"]),
    ("r3", "The department requires it.", ["required", "fairness"]),
    ("r4", "Students cheat online; we caught some.", ["cheating"]),
    ("r5", "Fair for everyone.", ["fairness"]),
    ("r6", "No idea.", ["NA"]),
]


@pytest.fixture
def two_coders(tmp_path: Path) -> tuple[Path, Path]:
    """Two wide sheets of the same six answers, named ``Q1 (ana)`` and ``Q1 (bo)``."""
    return (
        wide_csv(tmp_path / "Q1 (ana).csv", ANSWERS),
        wide_csv(tmp_path / "Q1 (bo).csv", OTHER_ANSWERS),
    )


@pytest.fixture
def make_wide(tmp_path: Path) -> Callable[..., Path]:
    def _make(name: str, rows: Rows, **kwargs: str) -> Path:
        return wide_csv(tmp_path / name, rows, **kwargs)

    return _make


@pytest.fixture(scope="session")
def coded_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny EN/NL corpus coded by qualcode's rules, written as a ``qualcode code`` output."""
    from qualcode import code, load_codebook, read_corpus, write_results
    from tests.conftest import EN_INTERVIEW, NL_INTERVIEW, TINY_CODEBOOK

    root = tmp_path_factory.mktemp("coded")
    (root / "corpus").mkdir()
    (root / "corpus" / "ana.txt").write_text(EN_INTERVIEW, encoding="utf-8")
    (root / "corpus" / "bram.txt").write_text(NL_INTERVIEW, encoding="utf-8")
    (root / "codebook.yaml").write_text(TINY_CODEBOOK, encoding="utf-8")
    result = code(read_corpus(root / "corpus"), load_codebook(root / "codebook.yaml"))
    write_results(result, root / "machine")
    return root


#: A person's gold coding of the tiny corpus's eight respondent sentences (offsets as qualcode
#: segments them): differs from the rules on "We looked for months." and the negated 30% ruling.
HUMAN_GOLD = [
    ("ana", 85, 126, "Finding a flat was a nightmare, honestly.", ["housing.search"]),
    ("ana", 127, 148, "We looked for months.", ["housing.search"]),
    ("ana", 188, 232, "The 30% ruling played no role at all for us.", []),
    ("ana", 233, 276, "I feel very safe here, that is why we stay.", ["cultural.safety"]),
    ("ana", 310, 355, "If the tax break disappeared, we would leave.", ["policy.thirty_percent"]),
    (
        "bram",
        49,
        113,
        "De woningmarkt is echt drama, we vonden maanden geen huurwoning.",
        ["housing.search"],
    ),
    ("bram", 148, 171, "Ik voel me hier veilig.", ["cultural.safety"]),
    ("bram", 178, 211, "De 30%-regeling speelde geen rol.", ["policy.thirty_percent"]),
]


def human_gold_records(coder: str | None = None) -> list[dict[str, object]]:
    records = []
    for document, start, end, text, codes in HUMAN_GOLD:
        record: dict[str, object] = {
            "document": document,
            "start": start,
            "end": end,
            "codes": [
                {"code": c, "valence": "barrier" if c == "housing.search" else None, "stage": None}
                for c in codes
            ],
            "text": text,
        }
        if coder:
            record["coder"] = coder
        records.append(record)
    return records
