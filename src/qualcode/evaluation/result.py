"""The result of an evaluation: per-code tables at two levels, averages, facets and confusions.

Tables
------
``by code`` (:attr:`EvaluationResult.by_code`, :attr:`EvaluationResult.by_code_documents`)
    code, label, precision, recall, f1, cohen_kappa, support, predicted, tp, fp, fn, tn, note
    — one row per codable code in codebook order; at segment level the items are gold units, at
    document level they are documents (does the code occur in the document at all?).
``averages``
    level, average, precision, recall, f1, cohen_kappa, codes, tp, fp, fn, note — micro and macro
    at each level, over the codes gold or predictions use.
``facets``
    facet, code, label, true_positives, correct, accuracy, gold_valued, correct_gold_valued,
    accuracy_gold_valued, note — facet agreement on true positives (segment level), per code and
    for all codes (``code`` = ``"(all)"``); ``correct`` counts equal values, a missing value
    equal to a missing value; the ``gold_valued`` columns only count units where gold has one.
``confusions``
    document, start, end, text, code, label, kind, gold_valence, gold_stage, gold_line,
    predicted_start, predicted_end, predicted_valence, predicted_stage, negated, hypothetical,
    source, confidence, pattern — one row per false positive (``kind`` = ``"FP"``) and false
    negative (``"FN"``) at segment level, with the gold unit's text, so a person can see why.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from qualcode.errors import EvaluationError, problem
from qualcode.evaluation._problems import count

__all__ = [
    "AVERAGE_COLUMNS",
    "BY_CODE_COLUMNS",
    "CONFUSION_COLUMNS",
    "FACET_COLUMNS",
    "LEVELS",
    "EvaluationResult",
    "check_level",
]

#: Levels of evaluation: gold units, and documents.
LEVELS: tuple[str, ...] = ("segment", "document")

BY_CODE_COLUMNS: list[str] = [
    "code",
    "label",
    "precision",
    "recall",
    "f1",
    "cohen_kappa",
    "support",
    "predicted",
    "tp",
    "fp",
    "fn",
    "tn",
    "note",
]
AVERAGE_COLUMNS: list[str] = [
    "level",
    "average",
    "precision",
    "recall",
    "f1",
    "cohen_kappa",
    "codes",
    "tp",
    "fp",
    "fn",
    "note",
]
FACET_COLUMNS: list[str] = [
    "facet",
    "code",
    "label",
    "true_positives",
    "correct",
    "accuracy",
    "gold_valued",
    "correct_gold_valued",
    "accuracy_gold_valued",
    "note",
]
CONFUSION_COLUMNS: list[str] = [
    "document",
    "start",
    "end",
    "text",
    "code",
    "label",
    "kind",
    "gold_valence",
    "gold_stage",
    "gold_line",
    "predicted_start",
    "predicted_end",
    "predicted_valence",
    "predicted_stage",
    "negated",
    "hypothetical",
    "source",
    "confidence",
    "pattern",
]


@dataclass(frozen=True)
class EvaluationResult:
    """Predictions scored against gold codings (tables described in the module docstring).

    Attributes
    ----------
    by_code : pandas.DataFrame
        Per-code scores over gold units (segment level).
    by_code_documents : pandas.DataFrame
        Per-code scores over documents (document level).
    averages : pandas.DataFrame
        Micro and macro averages at both levels.
    facets : pandas.DataFrame
        Valence and stage agreement on true positives.
    confusions : pandas.DataFrame
        False positives and false negatives with their text.
    split : str or None
        The split evaluated on (``None``: every document of the gold).
    documents : tuple of str
        The documents scored.
    units : int
        Gold units scored.
    notes : tuple of str
        What the reader of the figures should know (documents without gold yet, predictions
        that fell outside the gold, why some measures are undefined, ...).
    gold, predictions : str
        Where gold and predictions were read from.
    codebook : str
        Name and version of the codebook.
    """

    by_code: pd.DataFrame
    by_code_documents: pd.DataFrame
    averages: pd.DataFrame
    facets: pd.DataFrame
    confusions: pd.DataFrame
    split: str | None
    documents: tuple[str, ...]
    units: int
    notes: tuple[str, ...] = ()
    gold: str = ""
    predictions: str = ""
    codebook: str = ""

    def table(self, level: str = "segment") -> pd.DataFrame:
        """The per-code table at ``level`` (``"segment"`` or ``"document"``)."""
        return self.by_code if check_level(level) == "segment" else self.by_code_documents

    def averages_at(self, level: str = "segment") -> pd.DataFrame:
        """The micro and macro rows of :attr:`averages` at ``level``."""
        chosen = self.averages[self.averages["level"] == check_level(level)]
        return chosen.reset_index(drop=True)

    @property
    def description(self) -> str:
        """One line: which split, how many documents and units were scored."""
        scope = f"split {self.split}" if self.split else "all gold documents (no split chosen)"
        return (
            f"{scope}: {count(len(self.documents), 'document')}, {count(self.units, 'gold unit')}"
        )


def check_level(level: str) -> str:
    """Return ``level`` if it is one of :data:`LEVELS`, else raise ``EvaluationError`` (E407)."""
    if level not in LEVELS:
        raise EvaluationError(
            problem("E407", detail=f"unknown level {level!r}; use one of {', '.join(LEVELS)}")
        )
    return level
