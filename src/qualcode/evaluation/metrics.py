"""Binary agreement of one code between gold and predictions: counts, P/R/F1 and Cohen's kappa.

Every measure is undefined (NaN), never a silent 0 or 1, when its denominator is empty:

* precision = tp / (tp + fp): NaN when the code is never predicted;
* recall = tp / (tp + fn): NaN when gold never uses the code (no support);
* F1 = 2 tp / (2 tp + fp + fn), the harmonic mean of precision and recall where both exist and
  0 when only one side uses the code (every decision wrong): NaN only when neither side uses it;
* Cohen's kappa = (p_o - p_e) / (1 - p_e) over the units: NaN when either side is constant
  (never or always uses the code), because kappa is then 0 (or undefined) whatever the other
  side does and says nothing about agreement.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["Counts", "average_rows", "cohen_kappa", "counts_of"]


@dataclass(frozen=True, slots=True)
class Counts:
    """Confusion counts of one binary decision (code applies / does not) over ``n`` items.

    Examples
    --------
    >>> c = Counts(tp=3, fp=1, fn=2, tn=4)
    >>> round(c.precision, 3), round(c.recall, 3), round(c.f1, 3), round(c.kappa, 3)
    (0.75, 0.6, 0.667, 0.4)
    >>> Counts(tp=0, fp=0, fn=0, tn=9).note
    'neither gold nor predictions use this code'
    """

    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def n(self) -> int:
        """Items compared."""
        return self.tp + self.fp + self.fn + self.tn

    @property
    def support(self) -> int:
        """Items gold codes with the code."""
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        """Items the predictions code with the code."""
        return self.tp + self.fp

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else math.nan

    @property
    def recall(self) -> float:
        return self.tp / self.support if self.support else math.nan

    @property
    def f1(self) -> float:
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else math.nan

    @property
    def kappa(self) -> float:
        return cohen_kappa(self.tp, self.fp, self.fn, self.tn)

    @property
    def note(self) -> str:
        """Why some measures are NaN ("" when all are defined)."""
        if not self.support and not self.predicted:
            return "neither gold nor predictions use this code"
        if not self.support:
            return "no gold support: recall and kappa undefined"
        if not self.predicted:
            return "never predicted: precision and kappa undefined"
        if self.support == self.n or self.predicted == self.n:
            return "applies to every unit on one side: kappa undefined"
        return ""


def cohen_kappa(tp: int, fp: int, fn: int, tn: int) -> float:
    """Cohen's kappa of two binary raters from their 2 x 2 table; NaN when either is constant.

    Examples
    --------
    >>> round(cohen_kappa(tp=20, fp=5, fn=10, tn=15), 4)
    0.4
    >>> cohen_kappa(tp=0, fp=3, fn=0, tn=7)  # gold never uses the code
    nan
    """
    n = tp + fp + fn + tn
    gold_yes, predicted_yes = tp + fn, tp + fp
    if n == 0 or gold_yes in (0, n) or predicted_yes in (0, n):
        return math.nan
    observed = (tp + tn) / n
    expected = (gold_yes * predicted_yes + (n - gold_yes) * (n - predicted_yes)) / (n * n)
    return (observed - expected) / (1 - expected)


def counts_of(gold: Iterable[object], predicted: Iterable[object], n: int) -> Counts:
    """Counts from the sets of items gold and predictions code, out of ``n`` items.

    Examples
    --------
    >>> counts_of({1, 2, 3}, {3, 4}, n=10)
    Counts(tp=1, fp=1, fn=2, tn=6)
    """
    gold_set, predicted_set = set(gold), set(predicted)
    tp = len(gold_set & predicted_set)
    fp = len(predicted_set - gold_set)
    fn = len(gold_set - predicted_set)
    return Counts(tp, fp, fn, n - tp - fp - fn)


def average_rows(counts: Sequence[Counts]) -> list[dict[str, object]]:
    """Micro and macro averages over the codes of ``counts`` that gold or predictions use.

    Micro pools the counts of those codes (its kappa is the pooled kappa over unit x code
    decisions). Macro is the unweighted mean of each measure over those codes *where the measure
    is defined* (a code never predicted has no precision); the ``note`` says when a mean covers
    fewer codes than ``codes``.

    Returns
    -------
    list of dict
        Two rows, ``average`` = ``"micro"`` and ``"macro"``, with ``precision``, ``recall``,
        ``f1``, ``cohen_kappa``, ``codes``, ``tp``, ``fp``, ``fn`` and ``note``.

    Examples
    --------
    >>> micro, macro = average_rows([Counts(3, 1, 2, 4), Counts(0, 0, 0, 10), Counts(0, 2, 0, 8)])
    >>> micro["precision"], micro["codes"]
    (0.5, 2)
    >>> macro["f1"], macro["note"]
    (0.3333333333333333, 'recall over 1 of 2 codes; cohen_kappa over 1 of 2 codes')
    """
    used = [c for c in counts if c.support or c.predicted]
    pooled = Counts(
        sum(c.tp for c in used),
        sum(c.fp for c in used),
        sum(c.fn for c in used),
        sum(c.tn for c in used),
    )
    totals = {"codes": len(used), "tp": pooled.tp, "fp": pooled.fp, "fn": pooled.fn}
    micro: dict[str, object] = {
        "average": "micro",
        "precision": pooled.precision,
        "recall": pooled.recall,
        "f1": pooled.f1,
        "cohen_kappa": pooled.kappa,
        **totals,
        "note": "" if used else "no code is used by gold or predictions",
    }
    macro: dict[str, object] = {"average": "macro"}
    partial = []
    for measure, column in (
        ("precision", "precision"),
        ("recall", "recall"),
        ("f1", "f1"),
        ("kappa", "cohen_kappa"),
    ):
        values = [v for v in (getattr(c, measure) for c in used) if not math.isnan(v)]
        macro[column] = sum(values) / len(values) if values else math.nan
        if len(values) < len(used):
            partial.append(f"{column} over {len(values)} of {len(used)} codes")
    macro.update(totals)
    macro["note"] = "; ".join(partial) if used else micro["note"]
    return [micro, macro]
