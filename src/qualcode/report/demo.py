"""A tiny coding result to try the report functions on (and to run their docstring examples).

Five interviews: four respondents talk about housing, the 30% ruling and safety; the fifth
document has no respondent speech, so it is outside every share.

=====  ===========  ==========  =================================================================
doc    country      route       what the codings say
=====  ===========  ==========  =================================================================
r1     India        work        rent and finding a flat are barriers; housing "was never a
                                problem" later on (negated); feels safe (driver)
r2     India        study       would leave if rents rose (hypothetical); the 30% ruling "played
                                no role" (negated)
r3     Brazil       work        finding a flat was a nightmare; safety
r4     (missing)    work        the 30% ruling was a reason to come (driver)
r5     Kenya        work        no respondent speech
=====  ===========  ==========  =================================================================
"""

from __future__ import annotations

from qualcode.codebook import codebook_from_dict
from qualcode.coding.result import CodingResult
from qualcode.records import Coding, Document, Segment, Turn
from qualcode.tables import (
    coding_row,
    codings_frame,
    document_row,
    documents_frame,
    segment_row,
    segments_frame,
)

__all__ = ["demo_result"]

_CODEBOOK = {
    "name": "demo",
    "title": "Demo codebook",
    "facets": {
        "valence": {"values": ["driver", "barrier"]},
        "stage": {"values": ["choose_nl", "stay", "leave"]},
    },
    "codes": [
        {"id": "housing", "label": "Housing", "codable": False},
        {"id": "housing.search", "label": "Finding housing", "parent": "housing",
         "definition": "Finding a place to live."},
        {"id": "housing.cost", "label": "Housing cost", "parent": "housing"},
        {"id": "policy", "label": "Policy", "codable": False},
        {"id": "policy.ruling", "label": "30% ruling", "parent": "policy"},
        {"id": "safety", "label": "Safety"},
    ],
}  # fmt: skip

# document, attributes, respondent sentences with their codings (code, valence, stage, flags)
_INTERVIEWS: list[tuple[str, dict[str, str], list[tuple[str, list[tuple[str, ...]]]]]] = [
    ("r1", {"country": "India", "route": "work"}, [
        ("The rent was so high and finding a flat took us four months.",
         [("housing.search", "barrier", "leave"), ("housing.cost", "barrier", "")]),
        ("Later housing was never a problem, and I feel safe cycling home at night.",
         [("housing.search", "", "", "negated"), ("safety", "driver", "stay")]),
    ]),
    ("r2", {"country": "India", "route": "study"}, [
        ("If the rents keep rising like this we would leave.",
         [("housing.cost", "barrier", "leave", "hypothetical")]),
        ("The 30% ruling played no role for me.", [("policy.ruling", "", "", "negated")]),
    ]),
    ("r3", {"country": "Brazil", "route": "work"}, [
        ("Finding a flat in Utrecht was a nightmare, honestly.",
         [("housing.search", "barrier", "")]),
        ("It is a safe country, the kids walk to school alone.", [("safety", "", "")]),
    ]),
    ("r4", {"route": "work"}, [
        ("The 30% ruling was a big reason to come here.",
         [("policy.ruling", "driver", "choose_nl")]),
    ]),
    ("r5", {"country": "Kenya", "route": "work"}, []),
]  # fmt: skip


def demo_result() -> CodingResult:
    """Codings of five short made-up interviews (see the module docstring).

    Examples
    --------
    >>> result = demo_result()
    >>> len(result.documents), len(result.segments), len(result.codings)
    (5, 7, 9)
    """
    codebook = codebook_from_dict(_CODEBOOK, check_patterns=False)
    segment_rows: list[dict[str, object]] = []
    coding_rows: list[dict[str, object]] = []
    document_rows: list[dict[str, object]] = []
    for document_id, attributes, sentences in _INTERVIEWS:
        text = "Interviewer: Why did you come here?\n"
        turns = [Turn(0, "Interviewer", "interviewer", 13, len(text) - 1)]
        for index, (sentence, codings) in enumerate(sentences):
            start = len(text) + len("R: ")
            text += f"R: {sentence}\n"
            turns.append(Turn(index + 1, "R", "respondent", start, start + len(sentence)))
            segment = Segment(document_id, index, index + 1, "R", "respondent", start,
                              start + len(sentence), sentence)  # fmt: skip
            segment_rows.append(segment_row(segment, index + 2))
            for code, valence, stage, *flags in codings:
                coding = Coding(
                    document_id, index, segment.start, segment.end, code,
                    valence=valence or None, stage=stage or None,
                    negated="negated" in flags, hypothetical="hypothetical" in flags,
                )  # fmt: skip
                coding_rows.append(coding_row(coding, segment, codebook.label(code)))
        document = Document(document_id, text, tuple(turns), "en", attributes=attributes)
        document_rows.append(document_row(document, ("respondent",)))
    return CodingResult(
        codings=codings_frame(coding_rows),
        segments=segments_frame(segment_rows),
        documents=documents_frame(document_rows),
        codebook=codebook,
    )
