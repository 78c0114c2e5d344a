"""Evaluation: gold codings (JSON Lines), document splits, and scoring predictions against gold.

* :func:`read_gold`, :func:`write_gold`, :func:`check_gold_against`, :func:`gold_to_result` —
  human codings of every unit, in the format of ``docs/gold-format.md``;
* :func:`read_splits`, :func:`split_documents` — train / dev / test by document;
* :func:`read_predictions` — the output of ``qualcode code`` or gold-format files;
* :func:`evaluate` — per-code precision, recall, F1 and Cohen's kappa at segment and document
  level, averages, facet agreement and the confusions (see ``docs/evaluation.md``);
* :func:`write_evaluation` — the tables as CSV.
"""

from qualcode.evaluation.align import Alignment, align_codings
from qualcode.evaluation.compare import evaluate
from qualcode.evaluation.gold import GoldCode, GoldCodings, GoldUnit, gold_to_result
from qualcode.evaluation.gold_io import check_gold_against, read_gold, write_gold
from qualcode.evaluation.metrics import Counts, cohen_kappa
from qualcode.evaluation.predictions import Predictions, read_predictions
from qualcode.evaluation.result import LEVELS, EvaluationResult
from qualcode.evaluation.splits import read_splits, split_documents, split_summary
from qualcode.evaluation.write import EVALUATION_FILES, write_evaluation

__all__ = [
    "EVALUATION_FILES",
    "LEVELS",
    "Alignment",
    "Counts",
    "EvaluationResult",
    "GoldCode",
    "GoldCodings",
    "GoldUnit",
    "Predictions",
    "align_codings",
    "check_gold_against",
    "cohen_kappa",
    "evaluate",
    "gold_to_result",
    "read_gold",
    "read_predictions",
    "read_splits",
    "split_documents",
    "split_summary",
    "write_evaluation",
    "write_gold",
]
