"""The units where coders differ, most consequential first.

``disagreements`` (``disagreements.csv``: one row per unit where coders differ on a code)
    unit, document, start, end, text, context, before, after, disputed, agreed, n_disputed,
    machine_confidence, impact, then ``codes:<coder>`` per coder.

    ``disputed`` are the codes some but not all coders applied, ``agreed`` the codes every coder
    applied (codes joined with ``"; "``). ``before``/``after`` are the texts of the neighbouring
    units of the same document. ``machine_confidence`` is the highest confidence of a machine
    coder (qualcode rules or model) among its codings of disputed codes on the unit; empty when
    no machine coder applied one.

Order: ``impact`` first. A unit's impact is the sum, over its disputed codes, of
``1 / units_coded`` (the number of units any coder applied the code to): settling a disagreement
on a rare code moves that code's counts and kappa far more than one on a common code. Ties go
to more disputed codes, then to the more confident machine, then to text order.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from qualcode.agreement.units import Ratings

__all__ = ["DISAGREEMENT_COLUMNS", "disagreements_table", "join_codes", "neighbours"]

DISAGREEMENT_COLUMNS: list[str] = [
    "unit",
    "document",
    "start",
    "end",
    "text",
    "context",
    "before",
    "after",
    "disputed",
    "agreed",
    "n_disputed",
    "machine_confidence",
    "impact",
]


def join_codes(codes: list[str] | tuple[str, ...]) -> str:
    """Codes as one cell: ``"a; b"``."""
    return "; ".join(codes)


def neighbours(units: pd.DataFrame) -> tuple[list[str | None], list[str | None]]:
    """The text of the unit before and after each unit of the same document (or None)."""
    documents = units["document"].tolist()
    texts = units["text"].tolist()
    before: list[str | None] = [None] * len(units)
    after: list[str | None] = [None] * len(units)
    for i in range(len(units)):
        if i > 0 and documents[i - 1] == documents[i]:
            before[i] = texts[i - 1]
        if i + 1 < len(units) and documents[i + 1] == documents[i]:
            after[i] = texts[i + 1]
    return before, after


def _machine_confidence(ratings: Ratings) -> dict[tuple[str, str], float]:
    """(unit, code) -> highest confidence of a machine coder's coding."""
    if not ratings.machine:
        return {}
    machine = ratings.codings[ratings.codings["coder"].isin(ratings.machine)]
    best = machine.groupby(["unit", "code"])["confidence"].max()
    return {key: float(value) for key, value in best.items()}


def disagreements_table(ratings: Ratings) -> pd.DataFrame:
    """One row per unit where the coders differ on at least one code, most consequential first.

    Examples
    --------
    >>> from qualcode.agreement.table import CodingsTable, codings_table
    >>> from qualcode.agreement.units import align
    >>> rows = [{"unit": u, "coder": c, "code": k, "text": u.upper()} for u, c, k in
    ...         [("r1", "ana", "a"), ("r1", "bo", "a"), ("r2", "ana", "b"), ("r2", "bo", "a")]]
    >>> table = disagreements_table(align([CodingsTable(codings_table(rows), "x.csv")]))
    >>> table[["unit", "disputed", "codes:ana", "codes:bo"]].values.tolist()
    [['r2', 'a; b', 'b', 'a']]
    """
    presence = ratings.presence
    coder_columns = [f"codes:{c}" for c in ratings.coders]
    if presence.size == 0:
        return pd.DataFrame(columns=[*DISAGREEMENT_COLUMNS, *coder_columns])
    anyone = np.asarray(presence.any(axis=2))  # codes x units
    everyone = np.asarray(presence.all(axis=2))
    disputed: np.ndarray = anyone & ~everyone
    units_coded = anyone.sum(axis=1)  # per code
    weights = np.where(units_coded > 0, 1.0 / np.maximum(units_coded, 1), 0.0)
    confidence = _machine_confidence(ratings)
    before, after = neighbours(ratings.units)
    units = {column: ratings.units[column].tolist() for column in ratings.units.columns}
    codes = np.array(ratings.codes, dtype=object)
    rows = []
    for position in np.flatnonzero(disputed.any(axis=0)):
        unit = units["unit"][position]
        split = codes[disputed[:, position]].tolist()
        scores = [confidence[(unit, c)] for c in split if (unit, c) in confidence]
        rows.append(
            {
                "unit": unit,
                "document": units["document"][position],
                "start": units["start"][position],
                "end": units["end"][position],
                "text": units["text"][position],
                "context": units["context"][position],
                "before": before[position],
                "after": after[position],
                "disputed": join_codes(split),
                "agreed": join_codes(codes[everyone[:, position]].tolist()),
                "n_disputed": len(split),
                "machine_confidence": max(scores) if scores else np.nan,
                "impact": float(weights[disputed[:, position]].sum()),
                **{
                    column: join_codes(codes[presence[:, position, j]].tolist())
                    for j, column in enumerate(coder_columns)
                },
                "_position": int(position),
            }
        )
    frame = pd.DataFrame(rows, columns=[*DISAGREEMENT_COLUMNS, *coder_columns, "_position"])
    frame["_confidence"] = frame["machine_confidence"].fillna(-1.0)
    frame = frame.sort_values(
        ["impact", "n_disputed", "_confidence", "_position"],
        ascending=[False, False, False, True],
        kind="stable",
    )
    frame = frame.drop(columns=["_position", "_confidence"]).reset_index(drop=True)
    frame["start"] = frame["start"].astype("Int64")
    frame["end"] = frame["end"].astype("Int64")
    frame["n_disputed"] = frame["n_disputed"].astype("int64")
    frame["machine_confidence"] = frame["machine_confidence"].astype("float64")
    frame["impact"] = frame["impact"].astype("float64")
    return frame
