"""The bundled expat statements (``make probe``): well-formed, labelled with codable codes."""

from __future__ import annotations

import json
from collections import Counter

import pytest

import qualcode
from tests.conftest import REPO

CORPUS = REPO / "corpora" / "expat-statements"


@pytest.mark.parametrize("filename", ["statements.jsonl", "turns.jsonl"])
def test_items_are_labelled_with_codable_codes_and_valences(filename: str) -> None:
    codebook = qualcode.load_codebook(REPO / "codebooks" / "kennismigratie.yaml")
    codable = {c.id for c in codebook.codes if c.codable}
    lines = (CORPUS / filename).read_text("utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len({r["id"] for r in records}) == len(records)
    for record in records:
        assert set(record) == {"id", "language", "text", "codes"}, record["id"]
        assert record["language"] in {"en", "nl"}, record["id"]
        assert record["text"].strip(), record["id"]
        assert set(record["codes"]) <= codable, record["id"]
        assert set(record["codes"].values()) <= {"driver", "barrier", "neutral"}, record["id"]
    # every codable code is exercised in both languages, and some statements carry no code
    carried = Counter((code, r["language"]) for r in records for code in r["codes"])
    assert {(code, language) for code in codable for language in ("en", "nl")} <= set(carried)
    assert sum(not r["codes"] for r in records) >= 15
