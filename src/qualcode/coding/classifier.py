"""The classifier: calibrated per-code logistic regression with per-code decision thresholds.

:class:`MultiLabelCodeClassifier` is a plain scikit-learn estimator over a numeric feature matrix
(the text features are made by :mod:`qualcode.coding.features`). With a 2-D 0/1 target — one
column per code — it fits one logistic regression per code, wrapped in sigmoid calibration
(``CalibratedClassifierCV``) so that its probabilities can be compared across codes and combined
with rule hits. Inside, the logistic regression weights classes as balanced because most codes
are rare; the calibration, fitted on unweighted out-of-fold predictions, undoes the shift that
weighting puts on the probabilities. Each code has its own decision threshold (``thresholds_``),
0.5 after ``fit`` and set on held-out data by :meth:`tune_thresholds`.

With a 1-D target it is an ordinary (binary or multiclass) calibrated classifier; that is how the
valence and stage models use it, and how scikit-learn's estimator checks exercise it.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
from scipy.special import expit
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.exceptions import DataConversionWarning
from sklearn.linear_model import LogisticRegression
from sklearn.utils.class_weight import compute_sample_weight
from sklearn.utils.extmath import safe_sparse_dot
from sklearn.utils.multiclass import type_of_target
from sklearn.utils.validation import check_is_fitted, validate_data

__all__ = ["MIN_THRESHOLD", "THRESHOLD_GRID", "MultiLabelCodeClassifier", "best_f1_threshold"]

#: The lowest probability at which the model alone may code a sentence. With calibrated
#: probabilities the F1-best threshold is about half the F1 a code can reach, so a lower one
#: only comes out of tuning on a handful of held-out examples; on text unlike the training data
#: such codings are mostly noise ("Perfect." coded as a 1-in-20 chance of access to capital).
MIN_THRESHOLD = 0.2
#: The thresholds tuning chooses from.
THRESHOLD_GRID = np.round(np.arange(MIN_THRESHOLD, 0.96, 0.05), 2)

_CONSTANT, _CALIBRATED, _LOGISTIC, _OTHER = 0, 1, 2, 3


def best_f1_threshold(
    probabilities: np.ndarray, truth: np.ndarray, grid: np.ndarray | None = None
) -> tuple[float, float]:
    """The threshold on ``probabilities`` that maximises F1 against 0/1 ``truth``.

    Ties go to the higher threshold (fewer positives). With no positive in ``truth`` the
    threshold stays at 0.5 and the F1 returned is NaN. ``grid`` defaults to
    :data:`THRESHOLD_GRID` (0.2 to 0.95 in steps of 0.05).

    Examples
    --------
    >>> best_f1_threshold(np.array([0.9, 0.6, 0.4, 0.1]), np.array([1, 1, 0, 0]))
    (0.6, 1.0)
    """
    truth = np.asarray(truth).astype(bool)
    if not truth.any():
        return 0.5, float("nan")
    if grid is None:
        grid = THRESHOLD_GRID
    best = (0.5, -1.0)
    for threshold in grid:
        predicted = probabilities >= threshold
        tp = np.sum(predicted & truth)
        fp = np.sum(predicted & ~truth)
        fn = np.sum(~predicted & truth)
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 >= best[1]:
            best = (float(threshold), float(f1))
    return best


class MultiLabelCodeClassifier(ClassifierMixin, BaseEstimator):
    """Calibrated logistic regression per code, with a tuned threshold per code.

    Parameters
    ----------
    C : float, default 4.0
        Inverse regularisation strength of each logistic regression.
    class_weight : dict, "balanced" or None, default None
        Class weights of the whole fit, calibration included: with ``None`` the probabilities
        are calibrated to the true class frequencies.
    base_class_weight : dict, "balanced" or None, default "balanced"
        Class weights of the logistic regression inside the calibration (helps rare codes
        separate; the calibration maps its scores back to probabilities).
    calibration_cv : int, default 3
        Folds for sigmoid calibration. A code with fewer positives (or negatives) than folds
        keeps the plain logistic regression probabilities.
    max_iter : int, default 2000
        Solver iterations.
    random_state : int, default 0
        Seed of the solver; the same seed gives the same model.

    Attributes
    ----------
    classes_ : ndarray or list of ndarray
        Class labels (1-D target) or ``[array([0, 1])] * n_codes`` (2-D target).
    estimators_ : list
        One fitted model per code (or a single one for a 1-D target); ``None`` entries stand for
        codes that were constant in training (their probability is that constant).
    thresholds_ : ndarray of shape (n_codes,)
        Decision threshold per code (2-D target only).

    Examples
    --------
    >>> X = np.array([[0.0], [0.1], [0.9], [1.0]] * 5)
    >>> Y = np.array([[0, 1], [0, 1], [1, 0], [1, 0]] * 5)
    >>> model = MultiLabelCodeClassifier().fit(X, Y)
    >>> model.predict(np.array([[0.95], [0.05]])).tolist()
    [[1, 0], [0, 1]]
    """

    def __init__(
        self,
        C: float = 4.0,
        class_weight: dict[Any, float] | str | None = None,
        base_class_weight: dict[Any, float] | str | None = "balanced",
        calibration_cv: int = 3,
        max_iter: int = 2000,
        random_state: int = 0,
    ) -> None:
        self.C = C
        self.class_weight = class_weight
        self.base_class_weight = base_class_weight
        self.calibration_cv = calibration_cv
        self.max_iter = max_iter
        self.random_state = random_state

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        tags.target_tags.multi_output = True
        tags.target_tags.single_output = True
        if tags.classifier_tags is not None:
            tags.classifier_tags.multi_label = True
        return tags

    # -- fitting --------------------------------------------------------------------------------
    def _fit_one(self, X: Any, y: np.ndarray) -> Any:
        _, counts = np.unique(y, return_counts=True)
        weights = (
            compute_sample_weight(self.class_weight, y) if self.class_weight is not None else None
        )
        if counts.min() >= max(self.calibration_cv, 2):
            base = self._regression(self.base_class_weight, len(counts))
            # ensemble=False: one regression fitted on all data, the sigmoid fitted on
            # out-of-fold predictions — calibrated, and a third of the size and prediction time
            # of one regression per fold
            model = CalibratedClassifierCV(
                base, method="sigmoid", cv=self.calibration_cv, ensemble=False
            )
        else:  # too few examples to calibrate: the plain regression's probabilities
            model = self._regression(self.class_weight, len(counts))
            weights = None
        return model.fit(X, y, sample_weight=weights)

    def _regression(self, class_weight: Any, n_classes: int) -> LogisticRegression:
        # liblinear is an order of magnitude faster than lbfgs for the binary per-code models
        # (and deterministic with a fixed random_state); it does not do multiclass.
        solver = "liblinear" if n_classes == 2 else "lbfgs"
        return LogisticRegression(
            C=self.C,
            class_weight=class_weight,
            max_iter=self.max_iter,
            solver=solver,
            random_state=self.random_state,
        )

    @staticmethod
    def _iterations(model: Any) -> int:
        if model is None:
            return 0
        if isinstance(model, CalibratedClassifierCV):
            return max(int(np.max(c.estimator.n_iter_)) for c in model.calibrated_classifiers_)
        return int(np.max(model.n_iter_))

    def fit(self, X: Any, y: Any) -> MultiLabelCodeClassifier:
        """Fit on features ``X`` and a 1-D target or a 2-D 0/1 matrix (one column per code)."""
        X, y = validate_data(self, X, y, accept_sparse=["csr", "csc"], multi_output=True)
        if np.ndim(y) == 2 and y.shape[1] == 1 and not set(np.unique(y)) <= {0, 1}:
            warnings.warn(
                "a column-vector target was passed; treating it as 1-D",
                DataConversionWarning,
                stacklevel=2,
            )
            y = np.ravel(y)
        target = type_of_target(y, raise_unknown=True)
        self.multilabel_ = target == "multilabel-indicator" or (
            np.ndim(y) == 2 and set(np.unique(y)) <= {0, 1}
        )
        if self.multilabel_:
            y = np.asarray(y, dtype=int)
            self.classes_: Any = [np.array([0, 1])] * y.shape[1]
            self.estimators_: list[Any] = []
            self.constants_ = np.full(y.shape[1], np.nan)
            for column in range(y.shape[1]):
                labels = y[:, column]
                if labels.min() == labels.max():
                    self.estimators_.append(None)
                    self.constants_[column] = float(labels[0])
                else:
                    self.estimators_.append(self._fit_one(X, labels))
            self.thresholds_ = np.full(y.shape[1], 0.5)
            self.n_iter_ = max((self._iterations(m) for m in self.estimators_), default=0)
            self._stack_linear_models()
            return self
        if np.ndim(y) == 2:
            raise ValueError("a 2-D target must be a 0/1 indicator matrix (one column per code)")
        if target not in {"binary", "multiclass"}:
            raise ValueError(f"unsupported target type {target!r}")
        self.classes_ = np.unique(y)
        if len(self.classes_) < 2:
            raise ValueError("the target has only one class; need at least two to classify")
        self.estimators_ = [self._fit_one(X, y)]
        self.n_iter_ = self._iterations(self.estimators_[0])
        return self

    def _stack_linear_models(self) -> None:
        """Stack every code's regression and sigmoid into arrays, so that scoring all codes is
        one sparse matrix product instead of one scikit-learn call per code (whose per-call
        overhead dominates on short documents). The result equals the per-code calls exactly.
        """
        n_codes = len(self.estimators_)
        weights = np.zeros((self.n_features_in_, n_codes))
        intercepts, slopes, offsets = np.zeros(n_codes), np.zeros(n_codes), np.zeros(n_codes)
        kinds = np.full(n_codes, _CONSTANT)
        for column, model in enumerate(self.estimators_):
            if model is None:
                continue
            if (
                isinstance(model, CalibratedClassifierCV)
                and len(model.calibrated_classifiers_) == 1
            ):
                calibrated = model.calibrated_classifiers_[0]
                regression, sigmoid = calibrated.estimator, calibrated.calibrators[0]
                slopes[column], offsets[column] = sigmoid.a_, sigmoid.b_
                kinds[column] = _CALIBRATED
            elif isinstance(model, LogisticRegression):
                regression = model
                kinds[column] = _LOGISTIC
            else:  # pragma: no cover - every fitted model is one of the two above
                kinds[column] = _OTHER
                continue
            weights[:, column] = regression.coef_[0]
            intercepts[column] = regression.intercept_[0]
        self.linear_ = (weights, intercepts, slopes, offsets, kinds)

    # -- prediction -------------------------------------------------------------------------------
    def predict_proba(self, X: Any) -> np.ndarray:
        """Probabilities: ``(n, n_codes)`` positive-class probabilities for a 2-D target, else
        ``(n, n_classes)``."""
        check_is_fitted(self)
        X = validate_data(self, X, accept_sparse=["csr", "csc"], reset=False)
        if not self.multilabel_:
            return np.asarray(self.estimators_[0].predict_proba(X))
        weights, intercepts, slopes, offsets, kinds = self.linear_
        decision = safe_sparse_dot(X, weights, dense_output=True) + intercepts
        out = np.where(kinds == _CALIBRATED, expit(-(slopes * decision + offsets)), expit(decision))
        constant = kinds == _CONSTANT
        out[:, constant] = self.constants_[constant]
        for column in np.flatnonzero(kinds == _OTHER):  # pragma: no cover
            out[:, column] = self.estimators_[column].predict_proba(X)[:, 1]
        return np.asarray(out)

    def _predict_proba_per_code(self, X: Any) -> np.ndarray:
        """The same probabilities through scikit-learn's per-code calls (the reference the
        stacked computation is tested against)."""
        out = np.empty((X.shape[0], len(self.estimators_)))
        for column, model in enumerate(self.estimators_):
            out[:, column] = (
                self.constants_[column] if model is None else model.predict_proba(X)[:, 1]
            )
        return out

    def predict(self, X: Any) -> np.ndarray:
        """0/1 matrix (``probability >= thresholds_``) for a 2-D target, else class labels."""
        probabilities = self.predict_proba(X)
        if self.multilabel_:
            return (probabilities >= self.thresholds_).astype(int)
        return np.asarray(self.classes_)[np.argmax(probabilities, axis=1)]

    def tune_thresholds(self, X: Any, Y: Any) -> MultiLabelCodeClassifier:
        """Choose each code's threshold to maximise F1 on held-out ``X``, ``Y`` (2-D target).

        Codes without a positive in ``Y`` keep their threshold.
        """
        check_is_fitted(self)
        if not self.multilabel_:
            raise ValueError("thresholds apply to a multi-label (2-D) target only")
        probabilities = self.predict_proba(X)
        Y = np.asarray(Y, dtype=int)
        for column in range(Y.shape[1]):
            if Y[:, column].any():
                self.thresholds_[column] = best_f1_threshold(
                    probabilities[:, column], Y[:, column]
                )[0]
        return self
