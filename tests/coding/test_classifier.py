from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import f1_score
from sklearn.utils.estimator_checks import estimator_checks_generator

from qualcode.coding.classifier import MultiLabelCodeClassifier, best_f1_threshold

# scikit-learn's own estimator checks, as parametrize_with_checks runs them, minus the two that
# do not apply and would only report "skipped": array-API input (needs SCIPY_ARRAY_API) and
# decision_function (this classifier exposes calibrated probabilities instead).
_NOT_APPLICABLE = {
    "check_array_api_input",
    "check_decision_proba_consistency",
    "check_classifiers_multilabel_output_format_decision_function",
}
_CHECKS = [
    pytest.param(estimator, check, id=check.func.__name__)
    for estimator, check in estimator_checks_generator(MultiLabelCodeClassifier(), mark=None)
    if check.func.__name__ not in _NOT_APPLICABLE
]


@pytest.mark.parametrize("estimator,check", _CHECKS)
def test_sklearn_estimator_contract(estimator, check) -> None:
    check(estimator)


def _data(seed: int = 0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(300, 4))
    Y = np.column_stack([X[:, 0] > 0.5, X[:, 1] + X[:, 2] > 0, X[:, 3] > 1.8]).astype(int)
    return X, Y


def test_multilabel_fit_predict_and_probabilities() -> None:
    X, Y = _data()
    model = MultiLabelCodeClassifier().fit(X, Y)
    probabilities = model.predict_proba(X)
    assert probabilities.shape == Y.shape
    assert np.all((probabilities >= 0) & (probabilities <= 1))
    assert f1_score(Y, model.predict(X), average="macro") > 0.8


def test_constant_label_gets_its_constant_probability() -> None:
    X, Y = _data()
    Y[:, 2] = 0
    model = MultiLabelCodeClassifier().fit(X, Y)
    assert model.estimators_[2] is None
    assert np.all(model.predict_proba(X)[:, 2] == 0)


def test_thresholds_are_tuned_on_held_out_data() -> None:
    X, Y = _data(1)
    model = MultiLabelCodeClassifier().fit(X[:200], Y[:200])
    held_out = model.predict_proba(X[200:])
    before = f1_score(Y[200:], model.predict(X[200:]), average="macro", zero_division=0)
    model.tune_thresholds(X[200:], Y[200:])
    expected = [best_f1_threshold(held_out[:, j], Y[200:, j])[0] for j in range(Y.shape[1])]
    assert model.thresholds_.tolist() == expected
    assert f1_score(Y[200:], model.predict(X[200:]), average="macro", zero_division=0) >= before


def test_deterministic() -> None:
    X, Y = _data(2)
    a = MultiLabelCodeClassifier().fit(X, Y).predict_proba(X)
    b = MultiLabelCodeClassifier().fit(X, Y).predict_proba(X)
    assert np.array_equal(a, b)


def test_best_f1_threshold_edge_cases() -> None:
    assert best_f1_threshold(np.array([0.2, 0.8]), np.array([0, 0]))[0] == 0.5
    threshold, f1 = best_f1_threshold(np.array([0.9, 0.7, 0.3]), np.array([1, 0, 1]))
    assert f1 == pytest.approx(0.8) and threshold == pytest.approx(0.3)


def test_stacked_scoring_equals_scikit_learns_per_code_calls() -> None:
    import scipy.sparse as sparse

    X, Y = _data(3)
    Y[:, 2] = 0  # a constant code
    Y[:2, 2] = 1  # ... and then a rare one: plain logistic regression, too few to calibrate
    for features in (X, sparse.csr_matrix(X)):
        model = MultiLabelCodeClassifier().fit(features, Y)
        kinds = model.linear_[4].tolist()
        assert kinds[:2] == [1, 1] and kinds[2] == 2
        # equal up to the order of floating-point sums (dense BLAS): ~1e-16
        np.testing.assert_allclose(
            model.predict_proba(features),
            model._predict_proba_per_code(features),
            rtol=0,
            atol=1e-12,
        )
