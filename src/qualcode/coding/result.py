"""The result of coding a corpus: three tables and how they were made."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from qualcode.codebook.schema import Codebook

__all__ = ["CodingResult"]


@dataclass(frozen=True)
class CodingResult:
    """Codings, segments and documents of one coding run (columns in :mod:`qualcode.tables`).

    Attributes
    ----------
    codings : pandas.DataFrame
        One row per segment x code.
    segments : pandas.DataFrame
        Every coded unit, coded or not (the denominator of shares and the units of evaluation).
    documents : pandas.DataFrame
        One row per document with its case attributes.
    codebook : Codebook
    unit : str
    roles : tuple of str
    coder : str
    """

    codings: pd.DataFrame
    segments: pd.DataFrame
    documents: pd.DataFrame
    codebook: Codebook
    unit: str = "sentence"
    roles: tuple[str, ...] = ("respondent",)
    coder: str = "qualcode:rules"

    def frequencies(self) -> pd.DataFrame:
        """Per-code frequencies (see :func:`qualcode.report.frequencies`)."""
        from qualcode.report.frequencies import frequencies

        return frequencies(self)

    def quotes(self, n: int = 3) -> pd.DataFrame:
        """Up to ``n`` example quotes per code (see :func:`qualcode.report.select_quotes`)."""
        from qualcode.report.quotes import select_quotes

        return select_quotes(self, n=n)
