"""Training a coding model from human codings.

Training data are documents plus labelled character spans (:class:`TrainingData`). The documents
are analysed by the same code path that codes new text (:meth:`Coder.analyse`), so the features a
model learns from are exactly the features it later sees. Each analysed sentence becomes one
example; it is labelled with the codes whose spans cover it:

* with an explicit unit set (gold JSON Lines: every respondent sentence, coded or not), a sentence
  takes the labels of the unit it overlaps most, and sentences outside every unit are not used;
* without one (REFI-QDA selections, survey rows), every sentence of a labelled document is an
  example and takes a code when a span of that code covers at least half of the sentence (or the
  sentence covers at least half of the span). Empty spans (``start == end``) label nothing and
  are left out with a warning.

The classifier is fitted on the training data; the per-code thresholds (model alone) and the hybrid
policy (threshold, veto, rule precision per code) are tuned on the dev data, never on test data.
"""

from __future__ import annotations

import hashlib
import platform
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib.metadata import version
from typing import Any

import numpy as np
import pandas as pd

from qualcode.codebook.schema import Codebook
from qualcode.coding.classifier import MultiLabelCodeClassifier, best_f1_threshold
from qualcode.coding.coder import Coder
from qualcode.coding.features import (
    SentenceFeatures,
    feature_frame,
    make_featurizer,
    sentence_features,
    turn_contexts,
)
from qualcode.coding.hybrid import HybridPolicy
from qualcode.coding.model import NO_VALUE, CodingModel
from qualcode.errors import ModelError, problem
from qualcode.records import Document

__all__ = ["Examples", "TrainingData", "examples_from", "train"]

LABEL_COLUMNS = ["document", "start", "end", "code", "valence", "stage"]
UNIT_COLUMNS = ["document", "start", "end"]


@dataclass(frozen=True)
class TrainingData:
    """Documents and their human codings as labelled spans.

    Attributes
    ----------
    documents : tuple of Document
    labels : pandas.DataFrame
        Columns ``document``, ``start``, ``end``, ``code``, ``valence``, ``stage``.
    units : pandas.DataFrame or None
        Columns ``document``, ``start``, ``end``: the coded unit set (coded or not), or ``None``
        when every sentence of the documents counts (see the module docstring).
    description : str
        Where the data came from, for the model card.
    """

    documents: tuple[Document, ...]
    labels: pd.DataFrame
    units: pd.DataFrame | None = None
    description: str = ""

    def sha256(self) -> str:
        """Content hash of the texts, units and labels (the model card's training data hash)."""
        digest = hashlib.sha256()
        for document in sorted(self.documents, key=lambda d: d.id):
            digest.update(f"{document.id}\0{document.text}\0".encode())
        for frame in (self.labels, self.units):
            if frame is not None:
                digest.update(frame.sort_values(list(frame.columns)).to_csv(index=False).encode())
        return digest.hexdigest()


@dataclass
class Examples:
    """Sentences as training examples: features, rule hits, labels and facet labels."""

    features: list[SentenceFeatures] = field(default_factory=list)
    rule_fired: list[list[bool]] = field(default_factory=list)
    labels: list[list[int]] = field(default_factory=list)
    facets: list[dict[str, dict[str, str | None]]] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """``(rule_fired, labels)`` as arrays of shape (n_sentences, n_codes)."""
        return np.array(self.rule_fired, dtype=bool), np.array(self.labels, dtype=int)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def examples_from(data: TrainingData, coder: Coder, codes: Sequence[str]) -> Examples:
    """Analyse the documents of ``data`` and turn their sentences into labelled examples.

    The sentences are those ``coder`` codes (the turns of its ``roles``), so a model learns from
    the turns it will later code.
    """
    index = {code: i for i, code in enumerate(codes)}
    labels = data.labels
    empty = labels["end"] <= labels["start"]
    if empty.any():
        # an empty selection overlaps nothing, yet "covers half of itself" in every sentence
        where = ", ".join(
            f"{row.document} {row.start}-{row.end} ({row.code})"
            for row in labels[empty].head(5).itertuples(index=False)
        )
        more = f" and {int(empty.sum()) - 5} more" if empty.sum() > 5 else ""
        warnings.warn(
            f"ignored {int(empty.sum())} empty labelled span(s): {where}{more}", stacklevel=2
        )
        labels = labels[~empty]
    labels_by_doc = {doc: frame for doc, frame in labels.groupby("document")}
    units_by_doc = (
        {doc: frame for doc, frame in data.units.groupby("document")}
        if data.units is not None
        else None
    )
    examples = Examples()
    for document in data.documents:
        paras, sentences = coder.analyse(document)
        doc_labels = labels_by_doc.get(document.id, pd.DataFrame(columns=LABEL_COLUMNS))
        spans = list(
            doc_labels[["start", "end", "code", "valence", "stage"]].itertuples(index=False)
        )
        units = (
            sorted(map(tuple, units_by_doc[document.id][["start", "end"]].to_numpy()))
            if units_by_doc is not None and document.id in units_by_doc
            else None
        )
        if units_by_doc is not None and units is None:
            continue  # a document without gold units contributes nothing
        turns = [paras[s.paragraph].turn.index for s in sentences]
        contexts = turn_contexts([s.matches for s in sentences], turns)
        for sentence, (previous, earlier, opens) in zip(sentences, contexts, strict=True):
            span = (sentence.start, sentence.end)
            if units is not None:
                best = max(units, key=lambda u: _overlap(span, u))
                if _overlap(span, best) * 2 < span[1] - span[0]:
                    continue
                covered = [s for s in spans if _overlap(best, (s.start, s.end)) > 0]
            else:
                covered = [
                    s
                    for s in spans
                    if _overlap(span, (s.start, s.end)) * 2
                    >= min(span[1] - span[0], s.end - s.start)
                ]
            examples.features.append(
                sentence_features(
                    sentence.span, sentence.matches, document.language, previous, earlier, opens
                )
            )
            fired = [False] * len(codes)
            for match in sentence.matches:
                if match.code in index:
                    fired[index[match.code]] = True
            row = [0] * len(codes)
            facets: dict[str, dict[str, str | None]] = {}
            for label in covered:
                if label.code in index:
                    row[index[label.code]] = 1
                    facets[label.code] = {
                        "valence": label.valence if isinstance(label.valence, str) else None,
                        "stage": label.stage if isinstance(label.stage, str) else None,
                    }
            examples.rule_fired.append(fired)
            examples.labels.append(row)
            examples.facets.append(facets)
            examples.documents.append(document.id)
    return examples


def _scores(
    predicted: np.ndarray, truth: np.ndarray, codes: Sequence[str]
) -> dict[str, dict[str, Any]]:
    scores = {}
    for c, code in enumerate(codes):
        p, y = predicted[:, c].astype(bool), truth[:, c].astype(bool)
        tp, fp, fn = int(np.sum(p & y)), int(np.sum(p & ~y)), int(np.sum(~p & y))
        # None (null in the card) where a score is undefined, never a made-up 0 or 1
        precision = round(tp / (tp + fp), 4) if tp + fp else None
        recall = round(tp / (tp + fn), 4) if tp + fn else None
        f1 = round(2 * tp / (2 * tp + fp + fn), 4) if tp + fp + fn else None
        scores[code] = {"support": int(y.sum()), "precision": precision, "recall": recall, "f1": f1}
    return scores


_FOLDS = 3


def _out_of_fold(
    features: Sequence[SentenceFeatures], labels: np.ndarray, *, C: float, min_df: int, seed: int
) -> np.ndarray:
    """Probabilities of each training sentence from a model fitted without its fold.

    Folds are contiguous blocks of sentences (so, mostly, of documents): a sentence's neighbours,
    which share its topic, do not leak into the model that scores it.
    """
    n = len(features)
    fold_of = np.arange(n) * _FOLDS // max(n, 1)
    probabilities = np.zeros(labels.shape)
    for fold in range(_FOLDS):
        held = fold_of == fold
        if not held.any() or held.all():
            continue
        featurizer = make_featurizer(min_df=min_df)
        kept = [features[int(i)] for i in np.flatnonzero(~held)]
        X = featurizer.fit_transform(feature_frame(kept))
        model = MultiLabelCodeClassifier(C=C, random_state=seed).fit(X, labels[~held])
        scored = [features[int(i)] for i in np.flatnonzero(held)]
        probabilities[held] = model.predict_proba(featurizer.transform(feature_frame(scored)))
    return probabilities


def _fit_facet(
    name: str,
    X: Any,
    examples: Examples,
    codes: Sequence[str],
    model_for_pairs: CodingModel,
    C: float,
    seed: int,
) -> MultiLabelCodeClassifier | None:
    rows, pair_codes, targets = [], [], []
    for row, facets in enumerate(examples.facets):
        for code, values in facets.items():
            rows.append(row)
            pair_codes.append(code)
            targets.append(values.get(name) or NO_VALUE)
    if len(set(targets)) < 2:
        return None
    pairs = model_for_pairs.pair_matrix(X, rows, pair_codes)
    return MultiLabelCodeClassifier(C=C, random_state=seed).fit(pairs, np.array(targets))


def train(
    codebook: Codebook,
    data: TrainingData,
    *,
    dev: TrainingData | None = None,
    name: str | None = None,
    seed: int = 0,
    C: float = 4.0,
    min_df: int = 2,
    spacy_model: str | dict[str, str] | None = None,
) -> CodingModel:
    """Train a coding model for ``codebook`` on ``data``, tuned on ``dev``.

    Parameters
    ----------
    codebook : Codebook
    data : TrainingData
        Training documents and labels.
    dev : TrainingData, optional
        Held-out data to choose thresholds and the hybrid policy on. Without it they are chosen
        on out-of-fold predictions of the training data (3 contiguous folds).
    name : str, optional
        Model name (default: the codebook's name).
    seed : int
        Solver seed; the same data and seed give the same model.
    C : float
        Inverse regularisation strength.
    min_df : int
        Minimum number of training sentences an n-gram must occur in.
    spacy_model : str or dict, optional
        Trained spaCy pipeline(s) for analysis (must be used for coding too).

    Returns
    -------
    CodingModel

    Raises
    ------
    ModelError
        ``E305`` when the training data has no examples or no positive label.
    """
    codes = codebook.codable_ids
    coder = Coder(codebook, mode="rules", spacy_model=spacy_model)
    train_examples = examples_from(data, coder, codes)
    if not train_examples.features:
        raise ModelError(
            problem("E305", detail="no training sentences (do the labels match the documents?)")
        )
    rule_train, y_train = train_examples.arrays()
    if not y_train.any():
        raise ModelError(problem("E305", detail="no sentence carries a code of the codebook"))
    featurizer = make_featurizer(min_df=min_df)
    X_train = featurizer.fit_transform(feature_frame(train_examples.features))
    classifier = MultiLabelCodeClassifier(C=C, random_state=seed).fit(X_train, y_train)
    model = CodingModel(list(codes), featurizer, classifier, HybridPolicy(tuple(codes), (), (), ()))
    card: dict[str, Any] = {
        "name": name or codebook.name,
        "codebook": codebook.name,
        "codebook_sha256": codebook.sha256,
        "seed": seed,
        "hyperparameters": {"C": C, "min_df": min_df},
        "training": {
            "description": data.description,
            "sha256": data.sha256(),
            "documents": len(data.documents),
            "sentences": len(train_examples.features),
            "support": {code: int(y_train[:, c].sum()) for c, code in enumerate(codes)},
        },
        "versions": {
            "python": platform.python_version(),
            **{
                pkg: version(pkg)
                for pkg in (
                    "qualcode",
                    "spacy",
                    "spacy-lookups-data",
                    "scikit-learn",
                    "numpy",
                    "skops",
                )
            },
        },
    }
    if dev is not None:
        dev_examples = examples_from(dev, coder, codes)
        if not dev_examples.features:
            raise ModelError(
                problem("E305", detail="no dev sentences (do the dev labels match the documents?)")
            )
        rule_dev, y_dev = dev_examples.arrays()
        p_dev = classifier.predict_proba(featurizer.transform(feature_frame(dev_examples.features)))
        held_out = {
            "description": dev.description,
            "sha256": dev.sha256(),
            "documents": len(dev.documents),
            "sentences": len(dev_examples.features),
        }
    else:
        # No dev set: tune on out-of-fold predictions of the training data itself.
        rule_dev, y_dev = rule_train, y_train
        p_dev = _out_of_fold(train_examples.features, y_train, C=C, min_df=min_df, seed=seed)
        held_out = {
            "description": f"{_FOLDS}-fold cross-validation on the training data (no dev set)",
            "sentences": len(train_examples.features),
        }
    for column in range(len(codes)):
        if y_dev[:, column].any():
            classifier.thresholds_[column] = best_f1_threshold(p_dev[:, column], y_dev[:, column])[
                0
            ]
    documents_dev = (dev_examples if dev is not None else train_examples).documents
    policy = HybridPolicy.tune(codes, rule_dev, p_dev, y_dev, documents=documents_dev)
    hybrid = np.array(
        [
            [
                policy.decide(c, rule_fired=bool(r[c]), probability=p[c]) is not None
                for c in range(len(codes))
            ]
            for r, p in zip(rule_dev, p_dev, strict=True)
        ],
        dtype=int,
    ).reshape(len(y_dev), len(codes))
    card["dev"] = {
        **held_out,
        "scores": _scores(hybrid, y_dev, codes),
        "scores_model_only": _scores((p_dev >= classifier.thresholds_).astype(int), y_dev, codes),
        "scores_rules_only": _scores(rule_dev.astype(int), y_dev, codes),
    }
    model.policy = policy
    for facet in codebook.facets:
        fitted = _fit_facet(facet, X_train, train_examples, codes, model, C, seed)
        if fitted is not None:
            model.facets[facet] = fitted
    model.card = card
    return model
