from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.coding.classifier import MIN_THRESHOLD, best_f1_threshold
from qualcode.coding.hybrid import HybridPolicy


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_decide_all_agrees_with_decide(seed: int) -> None:
    rng = np.random.default_rng(seed)
    policy = HybridPolicy(("a", "b", "c"), (0.6, 0.3, 0.9), (0.1, 0.0, 0.3), (0.9, 0.5, 0.7))
    fired = rng.random((20, 3)) < 0.3
    probabilities = rng.random((20, 3)).round(3)
    keep, sources, confidences = policy.decide_all(fired, probabilities)
    for row in range(20):
        for c in range(3):
            one = policy.decide(
                c, rule_fired=bool(fired[row, c]), probability=probabilities[row, c]
            )
            assert keep[row, c] == (one is not None)
            if one is not None:
                assert (sources[row, c], confidences[row, c]) == (one.source, one.confidence)


def test_tune_prefers_trusting_rules_on_ties() -> None:
    fired = np.array([[True], [True], [False], [False]])
    truth = np.array([[1], [1], [0], [0]])
    probabilities = np.array([[0.2], [0.9], [0.1], [0.05]])
    policy = HybridPolicy.tune(["a"], fired, probabilities, truth)
    assert policy.vetoes == (0.0,) and policy.rule_precision == (1.0,)


def test_tuned_thresholds_never_fall_below_the_floor() -> None:
    # The only positives have a probability of 0.06: F1 alone would set the threshold at 0.05.
    probabilities = np.array([[0.06], [0.06], [0.01], [0.01]])
    truth = np.array([[1], [1], [0], [0]])
    fired = np.zeros_like(truth, dtype=bool)
    policy = HybridPolicy.tune(("a",), fired, probabilities, truth)
    assert policy.thresholds[0] >= MIN_THRESHOLD
    assert best_f1_threshold(probabilities[:, 0], truth[:, 0])[0] >= MIN_THRESHOLD


def test_tune_with_documents_weighs_false_respondents() -> None:
    # Document A: three true sentences, the model finds one, the rules the other two (p 0.05).
    # Documents B and C: one false rule hit each, also at p 0.05. Per sentence, trusting the
    # rules pays (F1 0.75 against 0.5); per respondent it codes two respondents who never said it.
    fired = np.array([[False], [True], [True], [True], [True]])
    probabilities = np.array([[0.9], [0.05], [0.05], [0.05], [0.05]])
    truth = np.array([[1], [1], [1], [0], [0]])
    documents = ["A", "A", "A", "B", "C"]
    sentences_only = HybridPolicy.tune(["a"], fired, probabilities, truth)
    with_documents = HybridPolicy.tune(["a"], fired, probabilities, truth, documents=documents)
    assert sentences_only.vetoes == (0.0,)
    assert with_documents.vetoes[0] > 0.05
    assert with_documents.decide(0, rule_fired=True, probability=0.05) is None
    assert with_documents.decide(0, rule_fired=False, probability=0.9) is not None


def test_tune_refuses_documents_that_do_not_match_the_sentences() -> None:
    fired = np.array([[True], [False]])
    with pytest.raises(ValueError, match="1 documents for 2 sentences"):
        HybridPolicy.tune(["a"], fired, np.array([[0.5], [0.5]]), fired, documents=["A"])
