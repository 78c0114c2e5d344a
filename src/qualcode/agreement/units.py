"""Align coders on shared units: presence/absence of every code per unit per coder.

Coders are compared on identical units: segments (``document:start-end``, or a wide sheet's row
id) or whole documents (a code is present in a document if the coder applied it to any of its
units). Hierarchical codes can be rolled up to a level first (``level=1`` keeps the top of each
path), so ``cheating->caught_students`` counts as ``cheating``.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from qualcode.agreement.table import MACHINE_SOURCES, CodingsTable
from qualcode.codebook import Codebook
from qualcode.errors import AgreementError, Problem, problem

__all__ = ["UNIT_KINDS", "Ratings", "align", "roll_up"]

UnitKind = Literal["segment", "document"]
UNIT_KINDS: tuple[str, ...] = ("segment", "document")
#: How many unit ids an error message shows.
EXAMPLES = 5


def roll_up(code: str, level: int | None, separator: str, codebook: Codebook | None = None) -> str:
    """The code ``code`` at depth ``level`` of its hierarchy (itself if shallower or no level).

    The codebook's ``parent`` links decide when the code is in ``codebook``; otherwise the code
    is read as a path written with ``separator``.

    Examples
    --------
    >>> roll_up("cheating->caught_students", 1, "->")
    'cheating'
    >>> roll_up("housing.search", 1, ".")
    'housing'
    >>> roll_up("housing.search", None, ".")
    'housing.search'
    """
    if level is None:
        return code
    if codebook is not None and code in codebook:
        return codebook.at_level(code, level)
    parts = [part.strip() for part in code.split(separator)]
    return separator.join(parts[:level])


@dataclass(frozen=True)
class Ratings:
    """Every coder's presence/absence judgement of every code on every shared unit.

    Attributes
    ----------
    coders : tuple of str
        In input order.
    codes : tuple of str
        The compared codes (after rolling up).
    units : pandas.DataFrame
        One row per shared unit, in document and text order: unit, document, start, end, text,
        context.
    presence : numpy.ndarray
        Boolean, shape ``(codes, units, coders)``.
    codings : pandas.DataFrame
        The codings behind ``presence`` (codings table columns, rolled-up codes, shared units
        only, one row per unit x code x coder).
    machine : tuple of str
        Coders whose codings all come from qualcode (rules or model), not from a person.
    notes : tuple of str
        Non-fatal findings: loader warnings, units dropped by ``intersection``.
    unit_kind : {"segment", "document"}
    level : int or None
    """

    coders: tuple[str, ...]
    codes: tuple[str, ...]
    units: pd.DataFrame
    presence: np.ndarray
    codings: pd.DataFrame
    machine: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    unit_kind: str = "segment"
    level: int | None = None

    def matrix(self, code: str) -> np.ndarray:
        """The units x coders 0/1 matrix of ``code``."""
        return self.presence[self.codes.index(code)].astype(np.int64)

    def codes_of(self, unit_index: int, coder: str) -> list[str]:
        """The codes ``coder`` applied to the unit at row ``unit_index`` of :attr:`units`."""
        column = self.coders.index(coder)
        return [
            c
            for c, row in zip(self.codes, self.presence[:, unit_index, column], strict=True)
            if row
        ]


def _check_codebook(tables: Sequence[CodingsTable], codebook: Codebook) -> None:
    problems: list[Problem] = []
    users: dict[str, list[str]] = {}
    for table in tables:
        used = table.frame.dropna(subset=["code"])
        for code, coder in zip(used["code"], used["coder"], strict=True):
            if code not in codebook:
                users.setdefault(code, [])
                if coder not in users[code]:
                    users[code].append(coder)
    for code, coders in users.items():
        problems.append(problem("E606", code_id=code, coders=", ".join(coders)))
    AgreementError.collect(problems)


def _combine(
    tables: Sequence[CodingsTable], level: int | None, codebook: Codebook | None
) -> pd.DataFrame:
    inputs_of: dict[str, list[str]] = {}
    frames = []
    for table in tables:
        frame = table.frame.copy()
        for coder in table.coders:
            inputs_of.setdefault(coder, []).append(table.source)
        if level is not None:
            frame["code"] = [
                None if code is None else roll_up(code, level, table.separator, codebook)
                for code in frame["code"]
            ]
        frames.append(frame)
    clashes = [
        problem("E607", coder=coder, inputs=", ".join(sources))
        for coder, sources in inputs_of.items()
        if len(sources) > 1
    ]
    AgreementError.collect(clashes)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _as_documents(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame["unit"] = frame["document"]
    frame[["start", "end"]] = pd.NA
    frame["text"] = None
    return frame


def _unit_order(frame: pd.DataFrame) -> list[str]:
    """Units in document order (first appearance), then by offsets, then first appearance."""
    first = frame.drop_duplicates("unit")
    document_rank = {d: i for i, d in enumerate(dict.fromkeys(first["document"]))}
    keyed = [
        (
            document_rank[document],
            -1 if pd.isna(start) else int(start),
            -1 if pd.isna(end) else int(end),
            position,
            unit,
        )
        for position, (unit, document, start, end) in enumerate(
            zip(first["unit"], first["document"], first["start"], first["end"], strict=True)
        )
    ]
    return [item[-1] for item in sorted(keyed)]


def _mismatch(units_of: dict[str, list[str]], shared: set[str]) -> str:
    parts = [", ".join(f"{coder} has {len(units)} units" for coder, units in units_of.items())]
    parts.append(f"{len(shared)} shared")
    for coder, units in units_of.items():
        only = [u for u in units if u not in shared]
        if only:
            examples = ", ".join(repr(u) for u in only[:EXAMPLES])
            more = ", …" if len(only) > EXAMPLES else ""
            parts.append(
                f"{len(only)} of {coder}'s are not in every coding (e.g. {examples}{more})"
            )
    return "; ".join(parts)


def align(
    tables: Sequence[CodingsTable],
    *,
    unit: UnitKind = "segment",
    level: int | None = None,
    codebook: Codebook | None = None,
    intersection: bool = False,
) -> Ratings:
    """Align the coders of ``tables`` on their shared units.

    Parameters
    ----------
    tables : sequence of CodingsTable
        One per input (see :func:`qualcode.agreement.loaders.load_inputs`).
    unit : {"segment", "document"}
        Compare units as they are, or whole documents (code present anywhere in it).
    level : int, optional
        Roll hierarchical codes up to this depth (1 = top level).
    codebook : Codebook, optional
        Every code must be in it (``E606``); its codable codes are all compared, used or not.
    intersection : bool
        When coders' unit sets differ, compare the shared units (and say how many were dropped)
        instead of raising ``E602``.

    Raises
    ------
    AgreementError
        ``E602`` different unit sets, ``E603`` a coder without codings, ``E606`` a code not in
        the codebook, ``E607`` one coder name in two inputs, ``E608`` fewer than two coders.

    Warns
    -----
    UserWarning
        For each note (merged duplicate ids, units dropped by ``intersection``); the notes are
        also in :attr:`Ratings.notes`.

    Examples
    --------
    >>> from qualcode.agreement.table import codings_table
    >>> rows = [{"unit": u, "coder": c, "code": k} for u, c, k in
    ...         [("r1", "ana", "a"), ("r1", "bo", "a"), ("r2", "ana", "b"), ("r2", "bo", None)]]
    >>> ratings = align([CodingsTable(codings_table(rows), "x.csv")])
    >>> ratings.codes, ratings.matrix("b").tolist()
    (('a', 'b'), [[0, 0], [1, 0]])
    """
    if unit not in UNIT_KINDS:
        raise AgreementError(
            problem("E605", detail=f"unit must be one of {', '.join(UNIT_KINDS)}, not {unit!r}")
        )
    if level is not None and level < 1:
        raise AgreementError(problem("E605", detail=f"level must be 1 or more, not {level}"))
    if codebook is not None:
        _check_codebook(tables, codebook)
    notes = [note for table in tables for note in table.warnings]
    frame = _combine(tables, level, codebook)
    coders = list(dict.fromkeys(c for table in tables for c in table.coders))
    if len(coders) < 2:
        raise AgreementError(problem("E608", found=", ".join(coders) or "none"))
    source_of = {c: table.source for table in tables for c in table.coders}
    empty = [
        coder for coder in coders if frame.loc[frame["coder"] == coder, "code"].notna().sum() == 0
    ]
    if empty:
        files = {str(source_of[coder]) for coder in empty}
        raise AgreementError(
            [
                problem("E603", location="" if len(files) == 1 else str(source_of[c]), coder=c)
                for c in empty
            ],
            path=source_of[empty[0]] if len(files) == 1 else None,
        )
    if unit == "document":
        frame = _as_documents(frame)
    units_of = {c: list(dict.fromkeys(frame.loc[frame["coder"] == c, "unit"])) for c in coders}
    shared = set.intersection(*(set(units) for units in units_of.values()))
    if any(len(units) != len(shared) for units in units_of.values()):
        detail = _mismatch(units_of, shared)
        if not intersection or not shared:
            hint = (
                "; pass --intersection (intersection=True) to compare only those" if shared else ""
            )
            raise AgreementError(problem("E602", detail=detail + hint))
        dropped = len(set().union(*(set(units) for units in units_of.values())) - shared)
        notes.append(
            f"compared only the {len(shared)} units every coder coded, dropped {dropped}: {detail}"
        )
        frame = frame[frame["unit"].isin(shared)]
    codings = frame.dropna(subset=["code"]).drop_duplicates(["unit", "coder", "code"])
    if codebook is not None:
        book_codes = [roll_up(c, level, ".", codebook) for c in codebook.codable_ids]
        codes = list(dict.fromkeys([*book_codes, *codings["code"]]))
    else:
        codes = sorted(set(codings["code"]), key=lambda c: (c.casefold(), c))
    order = _unit_order(frame)
    units = (
        frame.drop_duplicates("unit")
        .set_index("unit")
        .loc[order, ["document", "start", "end"]]
        .reset_index()
    )
    for column in ("text", "context"):  # the first coder that has one
        known = frame.dropna(subset=[column]).drop_duplicates("unit")
        first = dict(zip(known["unit"], known[column], strict=True))
        units[column] = [first.get(u) for u in order]
    presence = np.zeros((len(codes), len(order), len(coders)), dtype=bool)
    code_index = {c: i for i, c in enumerate(codes)}
    unit_index = {u: i for i, u in enumerate(order)}
    coder_index = {c: i for i, c in enumerate(coders)}
    presence[
        [code_index[c] for c in codings["code"]],
        [unit_index[u] for u in codings["unit"]],
        [coder_index[c] for c in codings["coder"]],
    ] = True
    for note in notes:
        warnings.warn(note, stacklevel=3)
    sources = {c: set(codings.loc[codings["coder"] == c, "source"].dropna()) for c in coders}
    machine = tuple(c for c in coders if sources[c] and sources[c] <= MACHINE_SOURCES)
    return Ratings(
        coders=tuple(coders),
        codes=tuple(codes),
        units=units,
        presence=presence,
        codings=codings.reset_index(drop=True),
        machine=machine,
        notes=tuple(notes),
        unit_kind=unit,
        level=level,
    )
