"""Segment-level detail of an evaluation: facet agreement on true positives, and the confusions."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from qualcode.codebook.schema import Codebook
from qualcode.evaluation.result import FACET_COLUMNS

__all__ = ["confusion_rows", "facet_table"]

ALL_CODES = "(all)"


def _matched(gold_codes: pd.DataFrame, aligned: pd.DataFrame) -> pd.DataFrame:
    """True positives: gold (unit, code) pairs the predictions also give, with both facets."""
    return gold_codes.merge(aligned, on=["unit", "code"], suffixes=("_gold", "_predicted"))


def _same(gold: object, predicted: object) -> bool:
    def missing(value: object) -> bool:
        return value is None or (isinstance(value, float) and math.isnan(value))

    if missing(gold) or missing(predicted):
        return missing(gold) and missing(predicted)
    return gold == predicted


def facet_table(
    gold_codes: pd.DataFrame, aligned: pd.DataFrame, codebook: Codebook
) -> pd.DataFrame:
    """Agreement on each facet of the codebook over the true positives, per code and overall.

    Parameters
    ----------
    gold_codes : pandas.DataFrame
        Gold codes with their ``unit`` id, ``code``, ``valence`` and ``stage``.
    aligned : pandas.DataFrame
        Aligned predicted codings (:data:`qualcode.evaluation.align.ALIGNED_COLUMNS`).
    codebook : Codebook

    Returns
    -------
    pandas.DataFrame
        Columns :data:`qualcode.evaluation.result.FACET_COLUMNS`; a facet's overall row
        (code ``"(all)"``) first, then one row per code with true positives.
    """
    matched = _matched(gold_codes, aligned)
    rows = []
    for facet in codebook.facets:
        gold_values = matched[f"{facet}_gold"].tolist()
        predicted_values = matched[f"{facet}_predicted"].tolist()
        matched_facet = matched.assign(
            _correct=pd.Series(
                [_same(g, p) for g, p in zip(gold_values, predicted_values, strict=True)],
                index=matched.index,
                dtype=bool,
            ),
            _valued=pd.Series(
                [not _same(g, None) for g in gold_values], index=matched.index, dtype=bool
            ),
        )
        groups = [(ALL_CODES, matched_facet)] + [
            (code_id, matched_facet[matched_facet["code"] == code_id])
            for code_id in codebook.codable_ids
            if (matched_facet["code"] == code_id).any()
        ]
        for code_id, group in groups:
            compared = len(group)
            correct = int(group["_correct"].sum())
            valued = group.loc[group["_valued"]]
            correct_valued = int(valued["_correct"].sum())
            note = "no true positives" if not compared else ""
            if compared and valued.empty:
                note = f"gold gives no {facet} on these true positives"
            rows.append(
                {
                    "facet": facet,
                    "code": code_id,
                    "label": "all codes" if code_id == ALL_CODES else codebook.label(code_id),
                    "true_positives": compared,
                    "correct": correct,
                    "accuracy": correct / compared if compared else math.nan,
                    "gold_valued": len(valued),
                    "correct_gold_valued": correct_valued,
                    "accuracy_gold_valued": correct_valued / len(valued)
                    if len(valued)
                    else math.nan,
                    "note": note,
                }
            )
    return pd.DataFrame(rows, columns=FACET_COLUMNS)


def confusion_rows(
    gold_units: pd.DataFrame, gold_codes: pd.DataFrame, aligned: pd.DataFrame, codebook: Codebook
) -> list[dict[str, object]]:
    """False positives and false negatives at segment level, with the gold unit's text.

    Sorted by code (codebook order), then false positives before false negatives, then document
    and offset, so the confusions of one code read together.
    """
    order = {code_id: i for i, code_id in enumerate(codebook.codable_ids)}
    # plain records: looking rows up with .iloc costs milliseconds each on thousands of confusions
    units = gold_units[["document", "start", "end", "text", "line"]].to_dict("records")
    predicted_pairs = set(zip(aligned["unit"], aligned["code"], strict=True))
    gold_pairs = set(zip(gold_codes["unit"], gold_codes["code"], strict=True))
    rows = []
    for coding in aligned.itertuples(index=False):
        if (coding.unit, coding.code) in gold_pairs:
            continue
        unit = units[int(coding.unit)]
        rows.append(
            {
                **_unit_fields(unit, coding.code, codebook, "FP"),
                "predicted_start": coding.predicted_start,
                "predicted_end": coding.predicted_end,
                "predicted_valence": coding.valence,
                "predicted_stage": coding.stage,
                "negated": coding.negated,
                "hypothetical": coding.hypothetical,
                "source": coding.source,
                "confidence": coding.confidence,
                "pattern": coding.pattern,
            }
        )
    for code in gold_codes.itertuples(index=False):
        if (code.unit, code.code) in predicted_pairs:
            continue
        unit = units[int(code.unit)]
        rows.append(
            {
                **_unit_fields(unit, code.code, codebook, "FN"),
                "gold_valence": code.valence,
                "gold_stage": code.stage,
            }
        )
    rows.sort(
        key=lambda r: (
            order.get(str(r["code"]), len(order)),
            r["kind"] != "FP",
            r["document"],
            r["start"],
        )
    )
    return rows


def _unit_fields(
    unit: dict[str, Any], code_id: str, codebook: Codebook, kind: str
) -> dict[str, object]:
    return {
        "document": unit["document"],
        "start": int(unit["start"]),
        "end": int(unit["end"]),
        "text": unit["text"],
        "code": code_id,
        "label": codebook.label(code_id),
        "kind": kind,
        "gold_line": unit["line"],
    }
