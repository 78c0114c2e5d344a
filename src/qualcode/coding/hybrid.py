"""The hybrid policy: how rule hits and classifier probabilities combine into codings.

For each code *c* the policy holds three numbers, all set on the dev split:

``threshold`` *t_c*
    the model alone codes a sentence when its probability ``p >= t_c``;
``veto`` *v_c* (``v_c <= t_c``)
    a rule hit is kept unless the model is nearly sure it is wrong, i.e. kept when ``p >= v_c``
    (``v_c = 0`` trusts every rule hit);
``rule_precision`` *q_c*
    how often a rule hit for *c* was right on the dev split.

A sentence is coded with *c* when ``(rule hit and p >= v_c) or p >= t_c``. The coding's
``source`` is ``both`` when a rule fired and ``p >= t_c``, ``rule`` when only the rule carried
it, ``model`` when no rule fired. Its ``confidence`` is ``p`` for model codings and the noisy-or
``1 - (1 - p)(1 - q_c)`` when a rule fired: two independent pieces of evidence.

:meth:`HybridPolicy.tune` chooses *t_c* and *v_c* per code on held-out sentences (ties go to the
higher threshold and the lower veto: fewer model-only codings, more trust in rules). The score is
the sentences' F1 or, when the sentences' documents are given (as :func:`qualcode.train` does), the
mean of the sentences' F1 and the documents' F1 (a document is coded when one of its sentences is):
reports count respondents, and a false hit in a respondent who never named the factor costs a whole
respondent there, where per sentence it is one error among many. No
threshold is below :data:`~qualcode.coding.classifier.MIN_THRESHOLD` (0.2): the model alone never
codes a sentence it gives less than a one-in-five chance.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from qualcode.coding.classifier import THRESHOLD_GRID

__all__ = ["Decision", "HybridPolicy"]


_VETOES = (0.0, 0.02, 0.05, 0.1, 0.2, 0.3)


@dataclass(frozen=True, slots=True)
class Decision:
    """A coding decision for one sentence and code."""

    source: str  # "rule", "model" or "both"
    confidence: float


def _f1(predicted: np.ndarray, truth: np.ndarray) -> float:
    tp = int(np.sum(predicted & truth))
    fp = int(np.sum(predicted & ~truth))
    fn = int(np.sum(~predicted & truth))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _score(
    predicted: np.ndarray,
    truth: np.ndarray,
    groups: np.ndarray | None,
    truth_in_document: np.ndarray | None,
) -> float:
    """F1 over sentences, or its mean with F1 over documents when ``groups`` is given."""
    if groups is None or truth_in_document is None:
        return _f1(predicted, truth)
    in_document = np.bincount(groups, weights=predicted, minlength=len(truth_in_document)) > 0
    return (_f1(predicted, truth) + _f1(in_document, truth_in_document)) / 2


@dataclass(frozen=True)
class HybridPolicy:
    """Per-code thresholds, vetoes and rule precisions (see the module docstring).

    Examples
    --------
    >>> policy = HybridPolicy(("a",), (0.6,), (0.1,), (0.9,))
    >>> policy.decide(0, rule_fired=True, probability=0.3)
    Decision(source='rule', confidence=0.93)
    >>> policy.decide(0, rule_fired=False, probability=0.3) is None
    True
    """

    codes: tuple[str, ...]
    thresholds: tuple[float, ...]
    vetoes: tuple[float, ...]
    rule_precision: tuple[float, ...]

    def decide(self, index: int, *, rule_fired: bool, probability: float) -> Decision | None:
        """The decision for code number ``index``, or ``None`` when the sentence is not coded."""
        p = float(probability)
        above = p >= self.thresholds[index]
        if rule_fired and (above or p >= self.vetoes[index]):
            confidence = 1 - (1 - p) * (1 - self.rule_precision[index])
            return Decision("both" if above else "rule", round(confidence, 4))
        if above:
            return Decision("model", round(p, 4))
        return None

    def decide_all(
        self, rule_fired: np.ndarray, probabilities: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """:meth:`decide` for every sentence and code at once.

        Returns
        -------
        keep : bool array (n_sentences, n_codes)
        sources : object array of ``"rule"``, ``"model"`` or ``"both"``
        confidences : float array, rounded to 4 decimals
        """
        fired = np.asarray(rule_fired, dtype=bool)
        p = np.asarray(probabilities, dtype=float)
        above = p >= np.asarray(self.thresholds)
        keep = above | (fired & (p >= np.asarray(self.vetoes)))
        sources = np.where(fired, np.where(above, "both", "rule"), "model").astype(object)
        noisy_or = 1 - (1 - p) * (1 - np.asarray(self.rule_precision))
        confidences = np.where(fired, noisy_or, p).round(4)
        return keep, sources, confidences

    @classmethod
    def tune(
        cls,
        codes: Sequence[str],
        rule_fired: np.ndarray,
        probabilities: np.ndarray,
        truth: np.ndarray,
        documents: Sequence[str] | None = None,
    ) -> HybridPolicy:
        """Choose each code's threshold and veto on held-out sentences.

        Parameters
        ----------
        codes : sequence of str
        rule_fired, truth : bool arrays of shape (n_sentences, n_codes)
        probabilities : float array of the same shape
        documents : sequence of str, optional
            The document of each sentence. Without it the score is the sentences' F1; with it,
            the mean of the sentences' F1 and the documents' F1.

        Raises
        ------
        ValueError
            When ``documents`` does not name one document per sentence.
        """
        rule_fired = np.asarray(rule_fired, dtype=bool)
        truth = np.asarray(truth, dtype=bool)
        if documents is not None and len(documents) != len(truth):
            raise ValueError(f"{len(documents)} documents for {len(truth)} sentences")
        groups = (
            None
            if documents is None
            else np.unique(np.asarray(documents, dtype=str), return_inverse=True)[1]
        )
        thresholds, vetoes, precision = [], [], []
        for c in range(len(codes)):
            r, p, y = rule_fired[:, c], probabilities[:, c], truth[:, c]
            hits = int(r.sum())
            precision.append(round(float(np.sum(r & y) / hits), 4) if hits else 0.5)
            if not y.any():
                thresholds.append(0.5)
                vetoes.append(0.0)
                continue
            y_documents = None if groups is None else np.bincount(groups, weights=y) > 0
            best = (-1.0, 0.5, 0.0)
            for t in THRESHOLD_GRID[::-1]:
                for v in _VETOES:
                    if v > t:
                        continue
                    score = _score((r & (p >= v)) | (p >= t), y, groups, y_documents)
                    if score > best[0]:
                        best = (score, float(t), float(v))
            thresholds.append(best[1])
            vetoes.append(best[2])
        return cls(tuple(codes), tuple(thresholds), tuple(vetoes), tuple(precision))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping code -> {threshold, veto, rule_precision}."""
        return {
            code: {"threshold": t, "veto": v, "rule_precision": q}
            for code, t, v, q in zip(
                self.codes, self.thresholds, self.vetoes, self.rule_precision, strict=True
            )
        }

    @classmethod
    def from_dict(cls, data: dict[str, dict[str, float]], codes: Sequence[str]) -> HybridPolicy:
        """Inverse of :meth:`to_dict`, in the order of ``codes`` (JSON files may sort keys)."""
        codes = tuple(codes)
        return cls(
            codes,
            tuple(float(data[c]["threshold"]) for c in codes),
            tuple(float(data[c]["veto"]) for c in codes),
            tuple(float(data[c]["rule_precision"]) for c in codes),
        )
