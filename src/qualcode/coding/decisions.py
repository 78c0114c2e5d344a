"""Sentence-level coding decisions: from rule matches, the model, or both (the hybrid policy)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from qualcode.coding.features import SentenceFeatures, sentence_features, turn_contexts
from qualcode.coding.model import CodingModel
from qualcode.coding.rules import RuleMatch
from qualcode.coding.scope import SentenceScope

__all__ = ["MODES", "SentenceCode", "decide_sentences"]

#: Coding modes: rules only, model only, or the hybrid of both.
MODES = ("rules", "model", "hybrid")


@dataclass(frozen=True, slots=True)
class SentenceCode:
    """One code decided for one sentence."""

    code: str
    source: str
    confidence: float
    valence: str | None
    stage: str | None
    negated: bool
    hypothetical: bool
    pattern: str | None


def _from_rule(match: RuleMatch) -> SentenceCode:
    return SentenceCode(
        match.code,
        "rule",
        1.0,
        match.facets.get("valence"),
        match.facets.get("stage"),
        match.negated,
        match.hypothetical,
        match.pattern,
    )


def decide_sentences(
    sentences: Sequence,  # Sequence[SentenceAnalysis]; typed loosely to avoid an import cycle
    turns: Sequence[int],
    language: str,
    *,
    mode: str,
    model: CodingModel | None,
) -> list[list[SentenceCode]]:
    """Decide the codes of each sentence.

    Parameters
    ----------
    sentences : sequence of SentenceAnalysis
        In document order, with their rule matches.
    turns : sequence of int
        The turn index of each sentence (the previous sentence of the same turn is context).
    language : str
    mode : {"rules", "model", "hybrid"}
    model : CodingModel or None
        Required for ``"model"`` and ``"hybrid"``.
    """
    if mode == "rules" or model is None:
        return [[_from_rule(m) for m in s.matches] for s in sentences]
    if not sentences:
        return []
    contexts = turn_contexts([s.matches for s in sentences], turns)
    features: list[SentenceFeatures] = [
        sentence_features(sentence.span, sentence.matches, language, previous, earlier, opens)
        for sentence, (previous, earlier, opens) in zip(sentences, contexts, strict=True)
    ]
    X = model.transform(features)
    probabilities = model.probabilities(X)
    index = {code: c for c, code in enumerate(model.codes)}
    fired = np.zeros(probabilities.shape, dtype=bool)
    for row, sentence in enumerate(sentences):
        for match in sentence.matches:
            if match.code in index:
                fired[row, index[match.code]] = True
    if mode == "model":
        keep = probabilities >= model.classifier.thresholds_
        sources = np.full(keep.shape, "model", dtype=object)
        confidences = probabilities.round(4)
    else:
        keep, sources, confidences = model.policy.decide_all(fired, probabilities)
    chosen: list[list[tuple[int, str, str, float, RuleMatch | None]]] = [[] for _ in sentences]
    for row, c in zip(*np.nonzero(keep), strict=True):  # row-major: sentences, then codes
        code = model.codes[c]
        match = next((m for m in sentences[row].matches if m.code == code), None)
        chosen[row].append((row, code, sources[row, c], float(confidences[row, c]), match))
    needs_facets = [(row, code) for picks in chosen for row, code, _, _, match in picks]
    facets = model.facet_values(X, [r for r, _ in needs_facets], [c for _, c in needs_facets])
    facet_at = {
        pair: {name: values[i] for name, values in facets.items()}
        for i, pair in enumerate(needs_facets)
    }
    decided: list[list[SentenceCode]] = []
    for sentence, picks in zip(sentences, chosen, strict=True):
        scope: SentenceScope | None = None
        codes = []
        for row, code, source, confidence, match in picks:
            predicted = facet_at[(row, code)]
            if match is not None:
                negated, hypothetical, pattern = match.negated, match.hypothetical, match.pattern
                valence = match.facets.get("valence") or (
                    None if negated else predicted.get("valence")
                )
                stage = match.facets.get("stage") or predicted.get("stage")
            else:
                scope = scope or SentenceScope.of(sentence.span, language)
                negated, hypothetical, pattern = scope.any_dismissal(), scope.hypothetical, None
                valence = None if negated else predicted.get("valence")
                stage = predicted.get("stage")
            codes.append(
                SentenceCode(
                    code, source, confidence, valence, stage, negated, hypothetical, pattern
                )
            )
        decided.append(codes)
    return decided
