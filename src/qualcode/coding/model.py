"""A trained coding model: featurizer, classifier, facet models, hybrid policy and model card.

On disk a model is a directory::

    model.skops   featurizer, code classifier, valence and stage classifiers (skops format)
    card.json     model card: codebook hash, training data hash, library versions, per-code dev
                  scores, the hybrid policy, and SHA-256 checksums of model.skops and the policy
    README.md     the card for people

Loading never executes code from the files: skops rebuilds only the types on an explicit
allow-list (:data:`TRUSTED_TYPES`) and refuses anything else (``E304``). A model is refused when
its files do not match their checksums (``E303``) or when it was trained for a different codebook
(``E302``). The checksums detect damaged or edited files; they are not a signature.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sparse
import skops.io as sio
from sklearn.compose import ColumnTransformer

from qualcode._io import StagedOutput
from qualcode.codebook.schema import Codebook
from qualcode.coding.classifier import MultiLabelCodeClassifier
from qualcode.coding.features import SentenceFeatures, feature_frame
from qualcode.coding.hybrid import HybridPolicy
from qualcode.errors import ModelError, problem

__all__ = ["FORMAT_VERSION", "TRUSTED_TYPES", "CodingModel", "load_model"]

#: Version of the on-disk layout; bump when it changes incompatibly.
FORMAT_VERSION = 1
MODEL_FILE, CARD_FILE, README_FILE = "model.skops", "card.json", "README.md"

#: The only non-default types skops may rebuild when loading a model.
TRUSTED_TYPES: tuple[str, ...] = (
    "qualcode.coding.classifier.MultiLabelCodeClassifier",
    "qualcode.coding.features.char_ngrams",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
)

NO_VALUE = "none"  # facet class for "no valence / no stage"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _policy_digest(policy: dict[str, Any]) -> str:
    return _sha256(json.dumps(policy, sort_keys=True).encode("utf-8"))


@dataclass
class CodingModel:
    """A fitted model for one codebook. Build one with :func:`qualcode.train`.

    Attributes
    ----------
    codes : list of str
        The codable codes, in the classifier's column order.
    featurizer : ColumnTransformer
        Fitted :func:`~qualcode.coding.features.make_featurizer`.
    classifier : MultiLabelCodeClassifier
        Multi-label code classifier with thresholds tuned for use on its own (``--model-only``).
    facets : dict
        ``{"valence": classifier, "stage": classifier}`` over sentence features plus the code,
        predicting a facet value or ``"none"``; absent facets are not predicted.
    policy : HybridPolicy
        How rule hits and probabilities combine (``qualcode.coding.hybrid``).
    card : dict
        The model card (JSON-ready).
    """

    codes: list[str]
    featurizer: ColumnTransformer
    classifier: MultiLabelCodeClassifier
    policy: HybridPolicy
    facets: dict[str, MultiLabelCodeClassifier] = field(default_factory=dict)
    card: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """Coder name recorded on codings, e.g. ``qualcode:kennismigratie``."""
        return f"qualcode:{self.card.get('name', 'model')}"

    # -- prediction -------------------------------------------------------------------------------
    def transform(self, features: Sequence[SentenceFeatures]) -> Any:
        """Sparse feature matrix of sentences."""
        if not features:
            return sparse.csr_matrix((0, self.classifier.n_features_in_))
        return self.featurizer.transform(feature_frame(features))

    def probabilities(self, X: Any) -> np.ndarray:
        """``(n_sentences, n_codes)`` calibrated probabilities."""
        if X.shape[0] == 0:
            return np.zeros((0, len(self.codes)))
        return self.classifier.predict_proba(X)

    def facet_values(
        self, X: Any, rows: Sequence[int], codes: Sequence[str]
    ) -> dict[str, list[str | None]]:
        """Predicted facet values for (sentence row, code) pairs; ``None`` for "no value"."""
        predicted: dict[str, list[str | None]] = {}
        if not rows:
            return {name: [] for name in self.facets}
        pairs = self.pair_matrix(X, rows, codes)
        for name, model in self.facets.items():
            labels = model.predict(pairs)
            predicted[name] = [None if label == NO_VALUE else str(label) for label in labels]
        return predicted

    def pair_matrix(self, X: Any, rows: Sequence[int], codes: Sequence[str]) -> Any:
        """Features of (sentence row, code) pairs: the sentence's features plus the code one-hot
        (the input of the facet models)."""
        index = {code: i for i, code in enumerate(self.codes)}
        one_hot = sparse.csr_matrix(
            (np.ones(len(codes)), (np.arange(len(codes)), [index[c] for c in codes])),
            shape=(len(codes), len(self.codes)),
        )
        return sparse.hstack([X[list(rows)], one_hot], format="csr")

    # -- persistence ------------------------------------------------------------------------------
    def save(self, directory: str | Path) -> Path:
        """Write the model directory (all files together, atomically) and return its path."""
        directory = Path(directory)
        policy = self.policy.to_dict()
        # the card last: it holds the model file's checksum, so a model directory is never
        # left with a card describing another model file
        with StagedOutput(directory, kind="model", last=(CARD_FILE,)) as staged:
            model_path = staged.path(MODEL_FILE)
            # The vectorisers' stop_words_ hold every n-gram min_df pruned: only useful for
            # introspection (scikit-learn documents deleting it), and most of the file's size.
            for _, vectoriser, _ in self.featurizer.transformers_:
                if hasattr(vectoriser, "stop_words_"):
                    del vectoriser.stop_words_
            sio.dump(
                {
                    "featurizer": self.featurizer,
                    "classifier": self.classifier,
                    "facets": self.facets,
                },
                model_path,
                compression=zipfile.ZIP_DEFLATED,
                compresslevel=6,
            )
            card = {
                **self.card,
                "format_version": FORMAT_VERSION,
                "codes": list(self.codes),
                "policy": policy,
                "checksums": {
                    MODEL_FILE: _sha256(model_path.read_bytes()),
                    "policy": _policy_digest(policy),
                },
            }
            staged.path(CARD_FILE).write_text(
                json.dumps(card, indent=2, ensure_ascii=False, sort_keys=True) + "\n",
                encoding="utf-8",
            )
            staged.path(README_FILE).write_text(render_card(card), encoding="utf-8")
        self.card = card
        return directory


def load_model(directory: str | Path, codebook: Codebook | None = None) -> CodingModel:
    """Load a model directory safely.

    Parameters
    ----------
    directory : str or Path
    codebook : Codebook, optional
        When given, the model must have been trained for exactly this codebook.

    Raises
    ------
    ModelError
        ``E301`` not a model directory, ``E306`` unsupported format version, ``E303`` checksum
        mismatch (damaged or edited files), ``E304`` untrusted types in the model file, ``E302``
        trained for another codebook.

    Examples
    --------
    >>> model = load_model("models/kennismigratie")
    >>> len(model.codes), model.codes[0]
    (26, 'professional.career')
    """
    directory = Path(directory)
    card_path, model_path = directory / CARD_FILE, directory / MODEL_FILE
    if not card_path.is_file() or not model_path.is_file():
        raise ModelError(
            problem("E301", detail=f"expected {CARD_FILE} and {MODEL_FILE} in the directory"),
            path=directory,
        )
    try:
        card = json.loads(card_path.read_text(encoding="utf-8"))
        policy = card["policy"]
        checksums = card["checksums"]
        version = card["format_version"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelError(
            problem("E301", detail=f"unreadable {CARD_FILE}: {exc}"), path=directory
        ) from exc
    if version != FORMAT_VERSION:
        raise ModelError(problem("E306", found=version, supported=FORMAT_VERSION), path=directory)
    data = model_path.read_bytes()
    if _sha256(data) != checksums.get(MODEL_FILE):
        raise ModelError(problem("E303", file=MODEL_FILE), path=directory)
    if _policy_digest(policy) != checksums.get("policy"):
        raise ModelError(problem("E303", file=f"{CARD_FILE} (policy)"), path=directory)
    if codebook is not None and card.get("codebook_sha256") != codebook.sha256:
        raise ModelError(
            problem(
                "E302",
                expected=str(card.get("codebook", "?"))
                + f" ({str(card.get('codebook_sha256'))[:12]})",
                actual=f"{codebook.name} ({codebook.sha256[:12]})",
            ),
            path=directory,
        )
    try:
        untrusted = sio.get_untrusted_types(data=data)
    except Exception as exc:  # skops raises various errors for damaged files
        raise ModelError(
            problem("E301", detail=f"unreadable {MODEL_FILE}: {exc}"), path=directory
        ) from exc
    unknown = sorted(set(untrusted) - set(TRUSTED_TYPES))
    if unknown:
        raise ModelError(problem("E304", file=MODEL_FILE, types=", ".join(unknown)), path=directory)
    try:
        parts = sio.loads(data, trusted=list(untrusted))
    except Exception as exc:
        raise ModelError(
            problem("E301", detail=f"unreadable {MODEL_FILE}: {exc}"), path=directory
        ) from exc
    return CodingModel(
        codes=list(card["codes"]),
        featurizer=parts["featurizer"],
        classifier=parts["classifier"],
        policy=HybridPolicy.from_dict(policy, card["codes"]),
        facets=dict(parts.get("facets", {})),
        card=card,
    )


def render_card(card: dict[str, Any]) -> str:
    """The model card as Markdown."""
    lines = [
        f"# Model card: {card.get('name', 'model')}",
        "",
        f"- Codebook: `{card.get('codebook')}` (sha256 `{card.get('codebook_sha256')}`)",
        f"- Training data: {card.get('training', {}).get('description', '')} "
        f"(sha256 `{card.get('training', {}).get('sha256')}`)",
        f"- Sentences: {card.get('training', {}).get('sentences')} train, "
        f"{card.get('dev', {}).get('sentences')} dev",
        f"- Seed: {card.get('seed')}",
        "- Libraries: "
        + ", ".join(f"{k} {v}" for k, v in sorted(card.get("versions", {}).items())),
        "",
        "## Per-code scores on the dev data",
        "",
        "| code | support | precision | recall | F1 | threshold | veto | rule precision |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    scores = card.get("dev", {}).get("scores", {})
    for code in card.get("codes", []):
        s = scores.get(code, {})
        p = card.get("policy", {}).get(code, {})
        lines.append(
            f"| {code} | {s.get('support', '')} | {_fmt(s.get('precision'))} "
            f"| {_fmt(s.get('recall'))} "
            f"| {_fmt(s.get('f1'))} | {p.get('threshold', '')} | {p.get('veto', '')} "
            f"| {_fmt(p.get('rule_precision'))} |"
        )
    lines += ["", "Scores are those of the hybrid coder on the dev data used to tune it.", ""]
    return "\n".join(lines)


def _fmt(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and np.isnan(value)) else f"{value:.2f}"
