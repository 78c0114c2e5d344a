"""What counts as a mention, and of whom: the shared rules behind every report table.

* A **mention** of a code is a coding that is not ``negated``. "Housing was never a problem"
  is kept in the codings but is not a mention: it is counted separately (``negated_*``) and never
  as a driver or a barrier. Hypothetical mentions ("if the ruling went, we would leave") count.
* A **parent code** is mentioned in a segment when the segment mentions the parent itself or any
  code below it; a segment or respondent is counted once however many child codes it carries.
* The **respondent base** is the documents with coded speech (by default: respondent speech),
  i.e. ``coded_words > 0`` in the documents table. One document is one respondent.
"""

from __future__ import annotations

import pandas as pd

from qualcode.coding.result import CodingResult
from qualcode.errors import ReportError, problem

__all__ = [
    "check_codes",
    "expanded_codings",
    "mentions",
    "respondent_base",
    "segment_words",
]

_UNIT = ["document", "segment"]


def check_codes(result: CodingResult) -> None:
    """Raise ``E502`` naming every code of ``result.codings`` that the codebook does not have."""
    used = pd.unique(result.codings["code"].astype(str)) if len(result.codings) else []
    unknown = sorted(code for code in used if code not in result.codebook)
    if unknown:
        names = ", ".join(repr(code) for code in unknown)
        raise ReportError(
            problem(
                "E502",
                detail=f"unknown code(s) {names} (codebook {result.codebook.name!r}); "
                "pass the codebook the codings were made with",
            )
        )


def expanded_codings(result: CodingResult) -> pd.DataFrame:
    """The codings with one extra row per ancestor code (for roll-up to parent codes).

    Returns
    -------
    pandas.DataFrame
        The codings' ``document``, ``segment``, ``code``, ``negated``, ``hypothetical``,
        ``valence``, ``stage`` and ``confidence`` columns; a coding of ``housing.search`` appears
        twice, as ``housing.search`` and as ``housing``.
    """
    check_codes(result)
    codebook = result.codebook
    columns = [*_UNIT, "code", "negated", "hypothetical", "valence", "stage", "confidence"]
    frame = result.codings.reindex(columns=columns).copy()
    if frame.empty:
        return frame
    frame["document"] = frame["document"].astype(str)
    frame["negated"] = frame["negated"].fillna(False).astype(bool)
    frame["hypothetical"] = frame["hypothetical"].fillna(False).astype(bool)
    chains = {code: [code, *codebook.ancestors(code)] for code in codebook.ids}
    frame["code"] = frame["code"].astype(str).map(chains)
    return frame.explode("code", ignore_index=True)


def mentions(result: CodingResult) -> pd.DataFrame:
    """Mentions (non-negated codings), rolled up to parent codes, one row per coding and code.

    A segment can appear several times for one parent code (once per child code it carries);
    deduplicate on ``document``, ``segment``, ``code`` to count segments.
    """
    frame = expanded_codings(result)
    if frame.empty:
        return frame
    return frame[~frame["negated"]].reset_index(drop=True)


def respondent_base(result: CodingResult) -> list[str]:
    """Ids of the documents with coded speech, in document order: the denominator of shares.

    Examples
    --------
    >>> from qualcode.coding.result import CodingResult
    >>> from qualcode.codebook import codebook_from_dict
    >>> import pandas as pd
    >>> book = codebook_from_dict({"name": "x", "codes": [{"id": "a", "label": "A"}]})
    >>> documents = pd.DataFrame({"document": ["d1", "d2"], "coded_words": [120, 0]})
    >>> respondent_base(CodingResult(pd.DataFrame(), pd.DataFrame(), documents, book))
    ['d1']
    """
    documents = result.documents
    if documents.empty:
        return []
    if "coded_words" in documents:
        words = pd.to_numeric(documents["coded_words"], errors="coerce").fillna(0)
    else:  # a documents table from elsewhere: count the words of the coded segments instead
        per_document = segment_words(result).groupby("document")["words"].sum()
        words = documents["document"].astype(str).map(per_document).fillna(0)
    return [str(d) for d in documents.loc[words > 0, "document"]]


def segment_words(result: CodingResult) -> pd.DataFrame:
    """``document``, ``segment``, ``words`` of every coded unit (words counted if absent)."""
    segments = result.segments
    if segments.empty:
        return pd.DataFrame({"document": [], "segment": [], "words": []})
    if "words" in segments:
        words = pd.to_numeric(segments["words"], errors="coerce").fillna(0)
    else:
        words = segments["text"].fillna("").astype(str).str.split().str.len()
    return pd.DataFrame(
        {
            "document": segments["document"].astype(str),
            "segment": segments["segment"],
            "words": words.astype("int64"),
        }
    )
