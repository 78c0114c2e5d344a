from __future__ import annotations

import pandas as pd

from qualcode.coding.result import CodingResult
from qualcode.records import Document, Turn
from qualcode.report import frequencies, select_quotes
from qualcode.report.markdown import quotes_markdown
from qualcode.tables import codings_frame, document_row, documents_frame, segments_frame


def _result(tiny_codebook, rows) -> CodingResult:
    codings = codings_frame(
        {
            "document": d,
            "segment": s,
            "turn": 0,
            "speaker": "A",
            "role": "respondent",
            "start": 0,
            "end": 1,
            "text": text,
            "code": code,
            "label": code,
            "source": "rule",
            "confidence": conf,
            "valence": valence,
            "stage": None,
            "negated": negated,
            "hypothetical": False,
            "pattern": "p",
            "coder": "c",
        }
        for d, s, code, valence, negated, text, conf in rows
    )
    documents = documents_frame(
        document_row(
            Document(d, "R: x", (Turn(0, "R", "respondent", 3, 4),), "en"), ("respondent",)
        )
        for d in ["a", "b", "c", "d"]
    )
    return CodingResult(codings, segments_frame([]), documents, tiny_codebook)


def test_counts_shares_rollup_and_zeros(tiny_codebook) -> None:
    result = _result(
        tiny_codebook,
        [
            ("a", 0, "housing.search", "barrier", False, "x", 1.0),
            ("a", 1, "housing.search", None, True, "y", 1.0),
            ("b", 0, "housing.search", "driver", False, "z", 1.0),
            ("b", 0, "cultural.safety", None, False, "z", 1.0),
        ],
    )
    table = frequencies(result).set_index("code")
    assert table.loc["housing.search", ["segments", "documents"]].tolist() == [3, 2]
    assert table.loc["housing.search", "share_documents"] == 0.5
    assert table.loc[
        "housing.search", ["negated_segments", "driver_segments", "barrier_segments"]
    ].tolist() == [1, 1, 1]
    assert table.loc["housing", "documents"] == 2 and not table.loc["housing", "codable"]
    assert table.loc["policy.thirty_percent", ["segments", "documents"]].tolist() == [0, 0]
    assert table.loc["cultural", "segments"] == 1


def test_quotes_distinct_documents_skip_negated(tiny_codebook) -> None:
    long = " ".join(["word"] * 20)
    result = _result(
        tiny_codebook,
        [
            ("a", 0, "housing.search", None, False, "short", 1.0),
            ("a", 1, "housing.search", None, False, long, 1.0),
            ("b", 0, "housing.search", None, True, "Housing was never a problem.", 1.0),
            ("c", 0, "housing.search", None, False, long + " c", 0.5),
        ],
    )
    quotes = select_quotes(result, n=3)
    housing = quotes[quotes["code"] == "housing.search"]
    assert housing["document"].tolist() == ["a", "c"]
    assert housing["text"].iloc[0] == long
    markdown = quotes_markdown(quotes, tiny_codebook)
    assert "## Finding housing (`housing.search`)" in markdown
    assert "_No quotes: this code was not found._" in markdown
    assert isinstance(quotes, pd.DataFrame)
