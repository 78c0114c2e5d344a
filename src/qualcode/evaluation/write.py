"""Write an evaluation's tables as CSV, with a JSON record of what was evaluated, all-or-nothing."""

from __future__ import annotations

import json
from pathlib import Path

from qualcode import __version__
from qualcode._io import StagedOutput
from qualcode.evaluation.result import EvaluationResult

__all__ = ["EVALUATION_FILES", "write_evaluation"]

#: What :func:`write_evaluation` writes.
EVALUATION_FILES = (
    "evaluation_by_code.csv",
    "evaluation_by_code_document_level.csv",
    "evaluation_averages.csv",
    "evaluation_facets.csv",
    "confusions.csv",
    "evaluation.json",
)


def write_evaluation(result: EvaluationResult, out: str | Path) -> list[Path]:
    """Write the tables of ``result`` into the directory ``out``.

    ``evaluation_by_code.csv`` (segment level), ``evaluation_by_code_document_level.csv``,
    ``evaluation_averages.csv``, ``evaluation_facets.csv`` and ``confusions.csv`` hold the
    tables of :class:`~qualcode.evaluation.EvaluationResult`; ``evaluation.json`` records the
    split, the documents, the sources and the notes, so a figure can be traced to its run. The
    files appear together or not at all.

    Returns
    -------
    list of Path
        The files written.

    Examples
    --------
    >>> import tempfile
    >>> from qualcode.codebook import codebook_from_dict
    >>> from qualcode.evaluation import GoldCode, GoldCodings, GoldUnit, evaluate
    >>> book = codebook_from_dict({"name": "x", "languages": ["en"], "codes": [
    ...     {"id": "rent", "label": "Rent", "patterns": {"en": ["rent"]}}]})
    >>> gold = GoldCodings((GoldUnit("d", 0, 5, "Rent.", (GoldCode("rent"),)),
    ...                     GoldUnit("d", 6, 9, "No.")))
    >>> written = write_evaluation(evaluate(gold, gold, book), tempfile.mkdtemp())
    >>> sorted(p.name for p in written) == sorted(EVALUATION_FILES)
    True
    """
    record = {
        "split": result.split,
        "documents": list(result.documents),
        "units": result.units,
        "gold": result.gold,
        "predictions": result.predictions,
        "codebook": result.codebook,
        "notes": list(result.notes),
        "qualcode": __version__,
    }
    with StagedOutput(out, kind="evaluation") as staged:
        result.by_code.to_csv(staged.path("evaluation_by_code.csv"), index=False)
        result.by_code_documents.to_csv(
            staged.path("evaluation_by_code_document_level.csv"), index=False
        )
        result.averages.to_csv(staged.path("evaluation_averages.csv"), index=False)
        result.facets.to_csv(staged.path("evaluation_facets.csv"), index=False)
        result.confusions.to_csv(staged.path("confusions.csv"), index=False)
        staged.path("evaluation.json").write_text(
            json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    return staged.written
