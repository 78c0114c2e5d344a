"""Score predictions against gold codings: :func:`evaluate`.

The items scored are the gold units (segment level) and the documents (document level); only
the codable codes of the codebook are scored. Predictions are aligned to gold units by character
overlap (:mod:`qualcode.evaluation.align`), so a change of the segmenter does not break
evaluation. Measures follow :mod:`qualcode.evaluation.metrics`: undefined is NaN with a note,
never a silent 0 or 1.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from qualcode.codebook import load_codebook
from qualcode.codebook.schema import Codebook
from qualcode.coding.result import CodingResult
from qualcode.corpus import read_corpus
from qualcode.errors import Problem, problem
from qualcode.evaluation._problems import count, fail, raise_problems, shorten
from qualcode.evaluation.align import Alignment, align_codings
from qualcode.evaluation.gold import GoldCodings
from qualcode.evaluation.gold_io import check_gold_against, read_gold, unit_set_problems
from qualcode.evaluation.metrics import Counts, average_rows, counts_of
from qualcode.evaluation.predictions import (
    Predictions,
    predictions_from_gold,
    predictions_from_result,
    read_predictions,
)
from qualcode.evaluation.result import (
    AVERAGE_COLUMNS,
    BY_CODE_COLUMNS,
    CONFUSION_COLUMNS,
    EvaluationResult,
)
from qualcode.evaluation.scoring import confusion_rows, facet_table
from qualcode.evaluation.splits import read_splits, split_documents
from qualcode.records import Corpus

__all__ = ["evaluate"]


def evaluate(
    gold: GoldCodings | str | Path,
    predictions: Predictions | CodingResult | GoldCodings | str | Path,
    codebook: Codebook | str | Path,
    *,
    split: str | None = None,
    splits: pd.DataFrame | str | Path | None = None,
    corpus: Corpus | str | Path | None = None,
    include_negated: bool = True,
) -> EvaluationResult:
    """Score predictions against gold codings, per code, at segment and document level.

    Parameters
    ----------
    gold : GoldCodings, or path of gold JSON Lines (file or directory)
    predictions : Predictions, CodingResult, GoldCodings, or path
        A coding result, the output directory of ``qualcode code`` (or its ``codings.csv`` with
        ``segments.csv`` beside it), or gold-format JSON Lines (e.g. reviewed codings).
    codebook : Codebook or path
        Only its codable codes are scored; a code it does not know is an error.
    split : str, optional
        Score only the documents of this split (``"dev"``; ``"test"`` only for final figures).
    splits : DataFrame or path, optional
        The splits file (:func:`~qualcode.evaluation.read_splits`); required with ``split``.
    corpus : Corpus or path, optional
        The transcripts: check that every gold unit lies on its document and its text matches.
    include_negated : bool, default True
        Count predicted codings the coder marked ``negated`` ("the ruling played no role") as
        codings of their code; ``False`` drops them first.

    Returns
    -------
    EvaluationResult

    Raises
    ------
    EvaluationError
        E403 when gold and predictions cover different documents (listed both ways), E404 for
        codes the codebook lacks, E405 for units off their document or whose text differs
        between gold, predictions and corpus, E406 for an unknown split or one without gold, and
        the errors of reading gold, predictions and splits; gold made in Python is checked as
        :func:`~qualcode.evaluation.read_gold` checks a file (E401 a code twice in a unit, E408,
        E409, E410, E411).

    Examples
    --------
    >>> from qualcode.codebook import codebook_from_dict
    >>> from qualcode.evaluation import GoldCode, GoldCodings, GoldUnit
    >>> book = codebook_from_dict({"name": "x", "languages": ["en"], "codes": [
    ...     {"id": "rent", "label": "Rent", "patterns": {"en": ["rent"]}}]})
    >>> def units(*coded):
    ...     return GoldCodings(tuple(GoldUnit("d", 3 * i, 3 * i + 2, "ab",
    ...                                       (GoldCode("rent"),) if i in coded else ())
    ...                              for i in range(4)))
    >>> result = evaluate(units(0, 1), units(0, 2), book)
    >>> result.by_code[["code", "precision", "recall", "f1", "support", "tp", "fp", "fn"]].to_dict(
    ...     "records")
    [{'code': 'rent', 'precision': 0.5, 'recall': 0.5, 'f1': 0.5, 'support': 2, 'tp': 1, 'fp': 1, \
'fn': 1}]
    >>> result.confusions[["start", "kind"]].values.tolist()
    [[6, 'FP'], [3, 'FN']]

    On the kennismigratie corpus::

        evaluate("corpora/kennismigratie/gold", "out/all", "codebooks/kennismigratie.yaml",
                 split="dev", splits="corpora/kennismigratie/splits.csv")
    """
    book = codebook if isinstance(codebook, Codebook) else load_codebook(codebook)
    gold_codings = gold if isinstance(gold, GoldCodings) else read_gold(gold, book)
    problems = _gold_code_problems(gold_codings, book)
    if isinstance(gold, GoldCodings):  # read_gold has checked what it read
        problems += unit_set_problems(gold_codings)
    raise_problems(problems, path=gold_codings.path or None)
    predicted = _as_predictions(predictions)
    if corpus is not None:
        documents = (
            corpus if isinstance(corpus, Corpus) else read_corpus(corpus, speakers="optional")
        )
        check_gold_against(gold_codings, documents)

    notes: list[str] = []
    scope = _scope(gold_codings, predicted, split, splits, notes)
    gold_codings = gold_codings.select(scope)
    codings = predicted.codings[predicted.codings["document"].isin(scope)]
    units = predicted.units[predicted.units["document"].isin(scope)]
    codings = _usable_codings(codings, book, predicted.path, include_negated, notes)
    gold_units = gold_codings.units_frame()
    _check_same_text(gold_units, units, predicted.path)

    alignment = align_codings(gold_units, units, codings)
    _alignment_notes(alignment, len(gold_units), notes)
    gold_codes = gold_codings.codes_frame()
    gold_codes["unit"] = gold_codes.merge(
        gold_units.reset_index()[["index", "document", "start", "end"]],
        on=["document", "start", "end"],
        how="left",
    )["index"].to_numpy()
    aligned = alignment.codings
    document_of_unit = gold_units["document"].to_numpy()
    codable = book.codable_ids
    by_segment, by_document = [], []
    gold_by_code = _units_by_code(gold_codes)
    predicted_by_code = _units_by_code(aligned)
    for code_id in codable:
        gold_ids = gold_by_code.get(code_id, set())
        predicted_ids = predicted_by_code.get(code_id, set())
        by_segment.append(counts_of(gold_ids, predicted_ids, len(gold_units)))
        by_document.append(
            counts_of(
                {document_of_unit[i] for i in gold_ids},
                {document_of_unit[i] for i in predicted_ids},
                len(scope),
            )
        )
    if split == "test":
        notes.append("test split: report these figures, but tune on dev only")
    return EvaluationResult(
        by_code=_code_table(codable, by_segment, book),
        by_code_documents=_code_table(codable, by_document, book),
        averages=pd.DataFrame(
            [
                {"level": level, **row}
                for level, counts in (("segment", by_segment), ("document", by_document))
                for row in average_rows(counts)
            ],
            columns=AVERAGE_COLUMNS,
        ),
        facets=facet_table(gold_codes, aligned, book),
        confusions=_confusions(gold_units, gold_codes, aligned, book),
        split=split,
        documents=tuple(scope),
        units=len(gold_units),
        notes=tuple(notes),
        gold=gold_codings.path,
        predictions=predicted.path,
        codebook=f"{book.name} {book.version}",
    )


def _units_by_code(codings: pd.DataFrame) -> dict[str, set[int]]:
    """Code -> the ids of the gold units coded with it."""
    found: dict[str, set[int]] = {}
    for code_id, unit in zip(codings["code"], codings["unit"], strict=True):
        found.setdefault(str(code_id), set()).add(int(unit))
    return found


def _as_predictions(
    predictions: Predictions | CodingResult | GoldCodings | str | Path,
) -> Predictions:
    if isinstance(predictions, Predictions):
        return predictions
    if isinstance(predictions, CodingResult):
        return predictions_from_result(predictions)
    if isinstance(predictions, GoldCodings):
        return predictions_from_gold(predictions)
    return read_predictions(predictions)


def _gold_code_problems(gold: GoldCodings, codebook: Codebook) -> list[Problem]:
    """Codes and facet values of gold made in Python, checked as ``read_gold`` checks its own."""
    found = []
    for unit in gold.units:
        where = unit.file or unit.where
        for position, code in enumerate(unit.codes):
            if code.code not in codebook:
                found.append(problem("E404", where, unit.line, code_id=code.code))
            elif not codebook[code.code].codable:
                found.append(problem("E411", where, unit.line, code_id=code.code))
            if code.code in unit.code_ids[:position]:
                detail = f"code {code.code!r} is given twice in this unit"
                found.append(problem("E401", where, unit.line, detail=detail))
            for facet, value in (("valence", code.valence), ("stage", code.stage)):
                values = codebook.facets[facet].values if facet in codebook.facets else []
                if value is not None and value not in values:
                    listed = ", ".join(values) if values else "the codebook has no such facet"
                    found.append(
                        problem("E410", where, unit.line, facet=facet, value=value, values=listed)
                    )
    return found


def _scope(
    gold: GoldCodings,
    predictions: Predictions,
    split: str | None,
    splits: pd.DataFrame | str | Path | None,
    notes: list[str],
) -> list[str]:
    """The documents to score; E403 unless gold and predictions cover the same ones there."""
    gold_documents, predicted_documents = set(gold.documents), set(predictions.documents)
    if split is None:
        in_split = gold_documents | predicted_documents
    else:
        if splits is None:
            fail(
                problem("E406", split=split, detail="no splits file given; pass splits / --splits")
            )
        table = splits if isinstance(splits, pd.DataFrame) else read_splits(splits)
        listed = split_documents(table, split)
        in_split = set(listed)
        gold_in_split = gold_documents & in_split
        if not gold_in_split:
            detail = f"none of its {count(len(listed), 'document')} has gold codings"
            fail(problem("E406", split=split, detail=detail), path=gold.path or None)
        waiting = [d for d in listed if d not in gold_documents and d not in predicted_documents]
        if waiting:
            notes.append(
                f"split {split}: {len(listed) - len(waiting)} of {count(len(listed), 'document')} "
                "scored; "
                f"no gold or predictions yet for {', '.join(waiting)}"
            )
        outside = sorted(gold_documents - set(table["document"]))
        if outside:
            notes.append(f"gold documents in no split (not scored): {', '.join(outside)}")
    only_gold = sorted((gold_documents - predicted_documents) & in_split)
    only_predicted = sorted((predicted_documents - gold_documents) & in_split)
    problems = []
    if only_gold:
        detail = f"in gold but not in the predictions: {', '.join(only_gold)}"
        problems.append(problem("E403", detail=detail))
    if only_predicted:
        detail = f"in the predictions but not in gold: {', '.join(only_predicted)}"
        problems.append(problem("E403", detail=detail))
    raise_problems(problems, path=predictions.path or None)
    return sorted(gold_documents & in_split)


def _usable_codings(
    codings: pd.DataFrame, codebook: Codebook, path: str, include_negated: bool, notes: list[str]
) -> pd.DataFrame:
    """Check the predicted codes; drop group codes (not scored) and, if asked, negated ones."""
    unknown = codings[~codings["code"].isin(codebook.ids)]
    problems = [
        problem(
            "E404", "codings.csv" if pd.notna(row.line) else "", _line(row.line), code_id=row.code
        )
        for row in unknown.drop_duplicates("code").itertuples(index=False)
    ]
    raise_problems(problems, path=path or None)
    groups = ~codings["code"].isin(codebook.codable_ids)
    if groups.any():
        names = ", ".join(sorted(set(codings.loc[groups, "code"])))
        notes.append(
            f"{count(int(groups.sum()), 'predicted coding')} of group codes not scored ({names})"
        )
    codings = codings[~groups]
    negated = codings["negated"].astype(bool)
    if negated.any():
        if include_negated:
            notes.append(
                f"negated mentions ('played no role') among the predicted codings: "
                f"{int(negated.sum())}, counted as codings of their code (include_negated=False "
                "/ --drop-negated drops them)"
            )
        else:
            notes.append(f"{count(int(negated.sum()), 'negated predicted coding')} dropped")
            codings = codings[~negated]
    return codings


def _line(value: object) -> int | None:
    return None if pd.isna(value) else int(value)  # type: ignore[call-overload]


def _check_same_text(gold_units: pd.DataFrame, units: pd.DataFrame, path: str) -> None:
    """Where gold and predictions have the same span, the text must be the same (E405)."""
    both = gold_units.merge(units, on=["document", "start", "end"], suffixes=("", "_predicted"))
    differ = both[both["text"] != both["text_predicted"]]
    problems = [
        problem(
            "E405",
            row.file,
            _line(row.line),
            start=row.start,
            end=row.end,
            document=row.document,
            detail=f"gold has {shorten(row.text)} but the predictions have "
            f"{shorten(row.text_predicted)}; were they coded from another version of the "
            "transcript?",
        )
        for row in differ.itertuples(index=False)
    ]
    raise_problems(problems, path=path or None)


def _alignment_notes(alignment: Alignment, n_units: int, notes: list[str]) -> None:
    uncovered = int((~alignment.covered).sum())
    if uncovered:
        notes.append(
            f"gold units that overlap no predicted unit: {uncovered} of {n_units}; the coder never "
            "saw them (another role? another transcript version?) and they count as coded with "
            "nothing"
        )
    if alignment.unaligned:
        notes.append(
            f"predicted codings that overlap no gold unit (e.g. interviewer speech), not scored: "
            f"{alignment.unaligned}"
        )
    if alignment.spanning:
        notes.append(
            f"predicted codings that span several gold units: {alignment.spanning}; each counts "
            "for the unit it overlaps most (predictions coarser than the gold units?)"
        )


def _code_table(codes: list[str], counts: list[Counts], codebook: Codebook) -> pd.DataFrame:
    rows = [
        {
            "code": code_id,
            "label": codebook.label(code_id),
            "precision": c.precision,
            "recall": c.recall,
            "f1": c.f1,
            "cohen_kappa": c.kappa,
            "support": c.support,
            "predicted": c.predicted,
            "tp": c.tp,
            "fp": c.fp,
            "fn": c.fn,
            "tn": c.tn,
            "note": c.note,
        }
        for code_id, c in zip(codes, counts, strict=True)
    ]
    return pd.DataFrame(rows, columns=BY_CODE_COLUMNS)


def _confusions(
    gold_units: pd.DataFrame, gold_codes: pd.DataFrame, aligned: pd.DataFrame, book: Codebook
) -> pd.DataFrame:
    frame = pd.DataFrame(
        confusion_rows(gold_units, gold_codes, aligned, book), columns=CONFUSION_COLUMNS
    )
    for column in ("start", "end", "gold_line", "predicted_start", "predicted_end"):
        frame[column] = frame[column].astype("Int64")  # FN rows have no predicted span
    return frame
