"""A hand-made coding result whose every report figure is worked out by hand in the tests.

Respondents (documents) a-d have coded speech; e has none, so it is outside every base.

====  =========  =====  ==========================================================
doc   country    route  segments (words) and codings
====  =========  =====  ==========================================================
a     India      work   a0 (10): housing.search barrier/leave, housing.cost barrier
                        a1 (10): housing.search NEGATED, safety driver/stay
                        a2 (20): -
b     India      study  b0 (10): housing.cost driver, hypothetical
                        b1 (30): housing.search NEGATED
c     Brazil     work   c0 (50): policy.ruling NEGATED
d     (none)     work   d0 (25): safety, housing.search barrier
e     Kenya      work   no coded speech
====  =========  =====  ==========================================================
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pytest

from qualcode.codebook import Codebook, codebook_from_dict
from qualcode.coding.result import CodingResult
from qualcode.tables import codings_frame, documents_frame, segments_frame

REPORT_CODEBOOK = {
    "name": "report-test",
    "title": "Report test",
    "facets": {
        "valence": {"values": ["driver", "barrier"]},
        "stage": {"values": ["stay", "leave"]},
    },
    "codes": [
        {"id": "housing", "label": "Housing", "codable": False, "definition": "A home."},
        {"id": "housing.search", "label": "Finding housing", "parent": "housing"},
        {"id": "housing.cost", "label": "Housing cost", "parent": "housing"},
        {"id": "policy", "label": "Policy", "codable": False},
        {"id": "policy.ruling", "label": "30% ruling", "parent": "policy"},
        {"id": "safety", "label": "Safety", "include": ["crime", "feeling safe"]},
    ],
}


def report_codebook() -> Codebook:
    return codebook_from_dict(REPORT_CODEBOOK, check_patterns=False)


def make_result(
    codebook: Codebook,
    documents: Iterable[tuple[str, int, Mapping[str, str]]],
    segments: Iterable[tuple[str, int, str]],
    codings: Iterable[Mapping[str, object]],
    *,
    start_times: Mapping[tuple[str, int], float] | None = None,
    speaker: str = "R",
) -> CodingResult:
    """Build a CodingResult from (id, coded_words, attributes), (doc, index, text) and codings.

    A coding is a mapping with ``document``, ``segment``, ``code`` and optionally ``valence``,
    ``stage``, ``negated``, ``hypothetical``, ``confidence``, ``pattern``. Segment ``i`` of a
    document is on line ``10 * i + 3``.
    """
    start_times = start_times or {}
    segment_rows = []
    texts = {}
    for document, index, text in segments:
        texts[(document, index)] = text
        segment_rows.append(
            {
                "document": document,
                "segment": index,
                "turn": index,
                "speaker": speaker,
                "role": "respondent",
                "start": 100 * index,
                "end": 100 * index + len(text),
                "line": 10 * index + 3,
                "start_time": start_times.get((document, index)),
                "end_time": None,
                "words": len(text.split()),
                "text": text,
            }
        )
    coding_rows = []
    for coding in codings:
        key = (str(coding["document"]), int(coding["segment"]))  # type: ignore[call-overload]
        coding_rows.append(
            {
                "document": key[0],
                "segment": key[1],
                "turn": key[1],
                "speaker": speaker,
                "role": "respondent",
                "start": 100 * key[1],
                "end": 100 * key[1] + len(texts[key]),
                "text": texts[key],
                "code": coding["code"],
                "label": codebook.label(str(coding["code"])),
                "source": "rule",
                "confidence": coding.get("confidence", 1.0),
                "valence": coding.get("valence"),
                "stage": coding.get("stage"),
                "negated": coding.get("negated", False),
                "hypothetical": coding.get("hypothetical", False),
                "pattern": coding.get("pattern"),
                "coder": "qualcode:rules",
            }
        )
    document_rows = [
        {
            "document": document,
            "format": "text",
            "language": "en",
            "source": f"{document}.txt",
            "turns": 2,
            "speakers": "I (interviewer); R (respondent)",
            "words": words + 10,
            "coded_words": words,
            **attributes,
        }
        for document, words, attributes in documents
    ]
    return CodingResult(
        codings=codings_frame(coding_rows),
        segments=segments_frame(segment_rows),
        documents=documents_frame(document_rows),
        codebook=codebook,
    )


def words(n: int, word: str = "word") -> str:
    return " ".join([word] * n)


def hand_result() -> CodingResult:
    """The result described in the module docstring."""
    return make_result(
        report_codebook(),
        documents=[
            ("a", 40, {"country": "India", "route": "work"}),
            ("b", 40, {"country": "India", "route": "study"}),
            ("c", 50, {"country": "Brazil", "route": "work"}),
            ("d", 25, {"route": "work"}),
            ("e", 0, {"country": "Kenya", "route": "work"}),
        ],
        segments=[
            ("a", 0, words(10, "rent")),
            ("a", 1, words(10, "safe")),
            ("a", 2, words(20)),
            ("b", 0, words(10, "cost")),
            ("b", 1, words(30)),
            ("c", 0, words(50)),
            ("d", 0, words(25)),
        ],
        codings=[
            {"document": "a", "segment": 0, "code": "housing.search", "valence": "barrier",
             "stage": "leave"},
            {"document": "a", "segment": 0, "code": "housing.cost", "valence": "barrier"},
            {"document": "a", "segment": 1, "code": "housing.search", "negated": True},
            {"document": "a", "segment": 1, "code": "safety", "valence": "driver", "stage": "stay"},
            {"document": "b", "segment": 0, "code": "housing.cost", "valence": "driver",
             "hypothetical": True},
            {"document": "b", "segment": 1, "code": "housing.search", "negated": True},
            {"document": "c", "segment": 0, "code": "policy.ruling", "negated": True},
            {"document": "d", "segment": 0, "code": "safety"},
            {"document": "d", "segment": 0, "code": "housing.search", "valence": "barrier"},
        ],
    )  # fmt: skip


@pytest.fixture
def hand() -> CodingResult:
    return hand_result()
