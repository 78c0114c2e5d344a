"""A tiny coded corpus for examples: one interview, two coders (a human and the rule coder)."""

from __future__ import annotations

import pandas as pd

from qualcode.codebook.load import codebook_from_dict
from qualcode.codebook.schema import Codebook
from qualcode.corpus.document import build_document
from qualcode.corpus.options import ReadOptions
from qualcode.corpus.speakers import find_turns
from qualcode.records import Document

__all__ = ["example_project"]

_TEXT = (
    "Interviewer: Why did you stay in Eindhoven?\n"
    "Ana: Finding a flat was hard. But I feel safe here.\n"
    "Interviewer: Anything else?\n"
    "Ana: The job, of course.\n"
)


def example_project() -> tuple[list[Document], pd.DataFrame, Codebook]:
    """Documents, codings (by ``ana`` and ``qualcode:rules``) and a codebook, ready for
    :func:`~qualcode.interop.write_qdpx`.

    Examples
    --------
    >>> documents, codings, codebook = example_project()
    >>> sorted(set(codings["coder"])), codebook.ids
    (['ana', 'qualcode:rules'], ['housing', 'housing.search', 'safety'])
    """
    document = build_document(
        "km-01",
        _TEXT,
        find_turns(_TEXT),
        options=ReadOptions(language="en"),
        source="example",
        format="text",
        attributes={"country": "Brazil"},
    )
    codebook = codebook_from_dict(
        {
            "name": "example",
            "codes": [
                {"id": "housing", "label": "Housing", "codable": False},
                {"id": "housing.search", "label": "Finding housing", "parent": "housing"},
                {"id": "safety", "label": "Safety"},
            ],
        },
        check_patterns=False,
    )
    flat = _TEXT.index("Finding a flat was hard.")
    safe = _TEXT.index("But I feel safe here.")
    codings = pd.DataFrame(
        [
            ("km-01", flat, flat + 24, "housing.search", "ana"),
            ("km-01", safe, safe + 21, "safety", "ana"),
            ("km-01", flat, flat + 24, "housing.search", "qualcode:rules"),
        ],
        columns=["document", "start", "end", "code", "coder"],
    )
    return [document], codings, codebook
