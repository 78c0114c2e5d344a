"""Agreement between two or more codings of the same units, per code and overall.

``by_code`` (``agreement_by_code.csv``: one row per code, then the overall rows)
    code, n_units, n_coders, units_coded, percent_agreement, cohen_kappa, fleiss_kappa,
    brennan_prediger, krippendorff_alpha, precision, recall, f1, then ``coded:<coder>`` per coder.

    ``units_coded`` counts units any coder applied the code to; ``coded:<coder>`` the units that
    coder applied it to. ``cohen_kappa`` is Cohen's kappa for two coders and Light's kappa (mean
    pairwise Cohen) for more. ``precision``/``recall``/``f1`` are filled when a reference coder
    is named: the other coders' codings against the reference's, counts summed over the other
    coders. Statistics are on presence/absence of the code per unit (see
    :mod:`qualcode.agreement.metrics`); undefined values are empty (NaN).

    Overall rows: ``(pooled)`` computes every statistic once over all unit x code decisions
    stacked (each unit x code is one item rated present/absent by every coder; ``units_coded`` and
    ``coded:<coder>`` are then totals of codings); ``(macro)`` is the mean of the per-code values
    over the codes where the value is defined.
``pairwise`` (``agreement_pairwise.csv``: every pair of coders, per code and overall)
    coder_a, coder_b, code, n_units, units_coded, percent_agreement, cohen_kappa,
    brennan_prediger, krippendorff_alpha, precision, recall, f1 — precision/recall/F1 of coder_b
    against coder_a when coder_a is the reference.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from qualcode.agreement import metrics
from qualcode.agreement.disagreements import disagreements_table
from qualcode.agreement.loaders import EmptyRows, LoadOptions, load_inputs
from qualcode.agreement.table import CodingsTable
from qualcode.agreement.units import Ratings, UnitKind, align
from qualcode.codebook import Codebook, load_codebook
from qualcode.errors import AgreementError, problem

__all__ = [
    "BY_CODE_COLUMNS",
    "MACRO",
    "PAIRWISE_COLUMNS",
    "POOLED",
    "AgreementResult",
    "agreement",
    "agreement_from_ratings",
]

POOLED = "(pooled)"
MACRO = "(macro)"
STATISTICS = [
    "percent_agreement",
    "cohen_kappa",
    "fleiss_kappa",
    "brennan_prediger",
    "krippendorff_alpha",
    "precision",
    "recall",
    "f1",
]
BY_CODE_COLUMNS: list[str] = ["code", "n_units", "n_coders", "units_coded", *STATISTICS]
PAIR_STATISTICS = [s for s in STATISTICS if s != "fleiss_kappa"]
PAIRWISE_COLUMNS: list[str] = [
    "coder_a",
    "coder_b",
    "code",
    "n_units",
    "units_coded",
    *PAIR_STATISTICS,
]


@dataclass(frozen=True)
class AgreementResult:
    """Agreement tables and the aligned ratings they were computed from.

    Attributes
    ----------
    by_code : pandas.DataFrame
        Columns :data:`BY_CODE_COLUMNS` then ``coded:<coder>``; the last two rows are
        ``(pooled)`` and ``(macro)``.
    pairwise : pandas.DataFrame
        Columns :data:`PAIRWISE_COLUMNS`.
    disagreements : pandas.DataFrame
        Units where coders differ, most consequential first (see
        :func:`~qualcode.agreement.disagreements.disagreements_table`).
    ratings : Ratings
    reference : str or None
    """

    by_code: pd.DataFrame
    pairwise: pd.DataFrame
    disagreements: pd.DataFrame
    ratings: Ratings
    reference: str | None = None

    @property
    def coders(self) -> tuple[str, ...]:
        """The coders compared."""
        return self.ratings.coders

    @property
    def notes(self) -> tuple[str, ...]:
        """Non-fatal findings (duplicate ids merged, units dropped, ...)."""
        return self.ratings.notes

    def overall(self, kind: str = POOLED) -> dict[str, object]:
        """The ``(pooled)`` or ``(macro)`` row as a dict (statistics NaN where undefined)."""
        position = list(self.by_code["code"]).index(kind)
        return {column: self.by_code[column].iloc[position] for column in self.by_code.columns}


def _code_statistics(matrix: np.ndarray, reference_column: int | None) -> dict[str, float]:
    coders = matrix.shape[1]
    if coders == 2:
        kappa = metrics.cohen_kappa(matrix[:, 0], matrix[:, 1])
    else:
        kappa = metrics.light_kappa(matrix)
    values = {
        "percent_agreement": metrics.percent_agreement(matrix),
        "cohen_kappa": kappa,
        "fleiss_kappa": metrics.fleiss_kappa(metrics.category_counts(matrix)),
        "brennan_prediger": metrics.brennan_prediger(matrix),
        "krippendorff_alpha": metrics.krippendorff_alpha(matrix),
        "precision": np.nan,
        "recall": np.nan,
        "f1": np.nan,
    }
    if reference_column is not None:
        ref = matrix[:, reference_column].astype(bool)
        others = np.delete(matrix, reference_column, axis=1).astype(bool)
        tp = int((others & ref[:, None]).sum())
        fp = int((others & ~ref[:, None]).sum())
        fn = int((~others & ref[:, None]).sum())
        values["precision"], values["recall"], values["f1"] = metrics.prf_from_counts(tp, fp, fn)
    return values


def _table(
    ratings: Ratings, columns: list[int], reference_column: int | None, statistics: list[str]
) -> list[dict[str, object]]:
    """Per-code rows, then pooled and macro rows, for the coder ``columns`` of ``ratings``."""
    coders = [ratings.coders[i] for i in columns]
    presence = ratings.presence[:, :, columns].astype(np.int64)
    n_units = presence.shape[1]
    rows: list[dict[str, object]] = []
    for index, code in enumerate(ratings.codes):
        matrix = presence[index]
        stats = _code_statistics(matrix, reference_column)
        rows.append(
            {
                "code": code,
                "n_units": n_units,
                "n_coders": len(coders),
                "units_coded": int(matrix.any(axis=1).sum()),
                **{s: stats[s] for s in statistics},
                **{f"coded:{c}": int(matrix[:, j].sum()) for j, c in enumerate(coders)},
            }
        )
    # A code none of these coders applied (a codebook code nobody used) is a row of its own, but
    # its all-absent units would raise pooled and macro agreement without anyone agreeing on it.
    used = presence.any(axis=(1, 2))
    stacked = presence[used].reshape(-1, len(coders))
    pooled = _code_statistics(stacked, reference_column)
    rows.append(
        {
            "code": POOLED,
            "n_units": n_units,
            "n_coders": len(coders),
            "units_coded": int(stacked.any(axis=1).sum()),
            **{s: pooled[s] for s in statistics},
            **{f"coded:{c}": int(stacked[:, j].sum()) for j, c in enumerate(coders)},
        }
    )
    per_code = pd.DataFrame(rows[:-1], columns=statistics)[used]
    with np.errstate(all="ignore"):
        macro = {
            s: float(per_code[s].mean(skipna=True)) if len(per_code) else np.nan for s in statistics
        }
    rows.append({"code": MACRO, "n_units": n_units, "n_coders": len(coders), **macro})
    return rows


def _frame(rows: list[dict[str, object]], columns: list[str]) -> pd.DataFrame:
    extra = list(dict.fromkeys(k for row in rows for k in row if k not in columns))
    frame = pd.DataFrame(rows, columns=[*columns, *extra])
    for column in ("n_units", "n_coders", "units_coded", *extra):
        if column in frame:
            frame[column] = frame[column].astype("Int64")
    for column in STATISTICS:
        if column in frame:
            frame[column] = frame[column].astype("float64")
    return frame


def agreement_from_ratings(ratings: Ratings, *, reference: str | None = None) -> AgreementResult:
    """Compute the agreement tables from aligned ratings (see :func:`agreement`).

    Raises
    ------
    AgreementError
        ``E609`` when ``reference`` is not one of the coders.
    """
    if reference is not None and reference not in ratings.coders:
        raise AgreementError(problem("E609", coder=reference, coders=", ".join(ratings.coders)))
    everyone = list(range(len(ratings.coders)))
    reference_column = ratings.coders.index(reference) if reference is not None else None
    by_code = _frame(_table(ratings, everyone, reference_column, STATISTICS), BY_CODE_COLUMNS)
    pair_rows: list[dict[str, object]] = []
    if len(everyone) == 2:  # the one pair is the whole table: no need to compute it twice
        first, second = ratings.coders if reference_column != 1 else ratings.coders[::-1]
        pair_rows = [
            {"coder_a": first, "coder_b": second, **{c: row[c] for c in PAIRWISE_COLUMNS[2:]}}
            for row in by_code.to_dict("records")
        ]
    for a, b in itertools.combinations(everyone, 2) if len(everyone) > 2 else ():
        if reference_column is not None and b == reference_column:
            a, b = b, a  # the reference first: P/R/F1 are of coder_b against it
        pair_reference = 0 if reference_column is not None and a == reference_column else None
        for row in _table(ratings, [a, b], pair_reference, PAIR_STATISTICS):
            pair_rows.append(
                {
                    "coder_a": ratings.coders[a],
                    "coder_b": ratings.coders[b],
                    **{k: v for k, v in row.items() if k in PAIRWISE_COLUMNS},
                }
            )
    pairwise = _frame(pair_rows, PAIRWISE_COLUMNS)
    return AgreementResult(
        by_code=by_code,
        pairwise=pairwise,
        disagreements=disagreements_table(ratings),
        ratings=ratings,
        reference=reference,
    )


def agreement(
    inputs: Sequence[str | Path | CodingsTable],
    *,
    unit: UnitKind = "segment",
    level: int | None = None,
    reference: str | None = None,
    coders: Sequence[str] | None = None,
    intersection: bool = False,
    codebook: Codebook | str | Path | None = None,
    empty_rows: EmptyRows = "none",
) -> AgreementResult:
    """Agreement between two or more codings of the same units, per code and overall.

    Parameters
    ----------
    inputs : sequence of path or CodingsTable
        Codings to compare: qualcode output directories or ``codings.csv``, gold ``.jsonl``,
        wide ``.csv``/``.xlsx`` sheets, or tables already loaded. An input may hold several
        coders (a ``coder`` column or key).
    unit : {"segment", "document"}
        Compare per unit, or per document (code present anywhere in the document).
    level : int, optional
        Roll hierarchical codes up to this depth first (``1`` = top level).
    reference : str, optional
        Coder the others are scored against with precision, recall and F1.
    coders : sequence of str, optional
        Names for the coders, one per input (default: from the inputs, see
        :func:`~qualcode.agreement.loaders.load_inputs`).
    intersection : bool
        Compare only the units every coder coded when unit sets differ (default: ``E602``).
    codebook : Codebook or path, optional
        Check every code against it and report every codable code, used or not.
    empty_rows : {"missing", "none"}
        How wide sheets' rows without a code count (see
        :class:`~qualcode.agreement.loaders.LoadOptions`).

    Returns
    -------
    AgreementResult

    Raises
    ------
    AgreementError
        Bad inputs (``E601``), different unit sets (``E602``), a coder without codings
        (``E603``), unknown codes (``E606``), ambiguous coder names (``E607``), fewer than two
        coders (``E608``), an unknown reference (``E609``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "ana.csv").write_text("id,text,Code 1\\nr1,a,x\\nr2,b,y\\nr3,c,x\\nr4,d,y\\n")
    >>> _ = (d / "bo.csv").write_text("id,text,Code 1\\nr1,a,x\\nr2,b,x\\nr3,c,x\\nr4,d,y\\n")
    >>> result = agreement([d / "ana.csv", d / "bo.csv"])
    >>> result.by_code[["code", "percent_agreement", "cohen_kappa"]].round(2).values.tolist()
    [['x', 0.75, 0.5], ['y', 0.75, 0.5], ['(pooled)', 0.75, 0.5], ['(macro)', 0.75, 0.5]]
    """
    book = load_codebook(codebook) if isinstance(codebook, str | Path) else codebook
    options = LoadOptions(empty_rows=empty_rows)
    paths = [i for i in inputs if not isinstance(i, CodingsTable)]
    loaded = iter(load_inputs(paths, coders=None, options=options)) if paths else iter(())
    tables = [i if isinstance(i, CodingsTable) else next(loaded) for i in inputs]
    if coders is not None:
        if len(coders) != len(tables):
            detail = f"{len(coders)} coder name(s) for {len(tables)} input(s); give one per input"
            raise AgreementError(problem("E601", detail=detail))
        renamed = []
        for table, name in zip(tables, coders, strict=True):
            if len(table.coders) > 1:
                detail = f"holds coders {', '.join(table.coders)}; cannot name them {name!r}"
                raise AgreementError(problem("E601", detail=detail), path=table.source)
            renamed.append(table.renamed(name))
        tables = renamed
    ratings = align(tables, unit=unit, level=level, codebook=book, intersection=intersection)
    return agreement_from_ratings(ratings, reference=reference)
