"""What a reviewer sees and decides: review items, decisions, and building them from codings.

A *review item* is one unit where coders differ: its text in context, each coder's codes (with
facets and, for the machine, confidence), the disputed and agreed codes. A *decision* settles
it: accept one coder's codes, ``both`` (the union of every coder's codes), ``neither`` (only the
codes every coder gave), or ``edit`` (type the codes).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from qualcode.agreement.compute import AgreementResult
from qualcode.agreement.disagreements import neighbours
from qualcode.errors import ReviewError, problem
from qualcode.records import Corpus, Document

__all__ = [
    "ACTIONS",
    "CodeChoice",
    "Decision",
    "DecisionConflict",
    "ReviewItem",
    "choices_from_json",
    "decision_from_row",
    "turn_context",
    "unit_rows",
]

ACTIONS: tuple[str, ...] = ("accept", "both", "neither", "edit")
#: Characters of context kept on each side of a unit.
CONTEXT_CHARS = 600


@dataclass(frozen=True, slots=True)
class CodeChoice:
    """One code as a coder applied it (facets and confidence when known)."""

    code: str
    valence: str | None = None
    stage: str | None = None
    confidence: float | None = None

    def as_gold(self) -> dict[str, object]:
        """The ``codes`` entry of a gold JSON Lines record."""
        return {"code": self.code, "valence": self.valence, "stage": self.stage}


@dataclass(frozen=True, slots=True)
class Decision:
    """A reviewer's decision on a unit, as stored (``status`` is ``current`` or ``superseded``)."""

    id: int
    unit: str
    action: str
    accepted: str | None
    codes: tuple[CodeChoice, ...]
    reviewer: str
    decided_at: str
    note: str | None = None
    status: str = "current"
    replaces: int | None = None

    @property
    def code_ids(self) -> list[str]:
        """The final codes."""
        return [c.code for c in self.codes]


@dataclass(frozen=True)
class ReviewItem:
    """A unit where coders differ, with everything needed to decide it.

    ``codings`` maps each coder (in input order) to the codes they applied; ``rank`` is the
    position in the review queue (1 = most consequential; None for a unit the coders agree on);
    ``decision`` the current decision.
    """

    unit: str
    rank: int | None
    document: str
    start: int | None
    end: int | None
    text: str | None
    context: str | None
    before: str | None
    after: str | None
    codings: Mapping[str, tuple[CodeChoice, ...]]
    disputed: tuple[str, ...]
    machine_confidence: float | None = None
    impact: float = 0.0
    decision: Decision | None = None
    machine: tuple[str, ...] = field(default_factory=tuple)

    @property
    def coders(self) -> list[str]:
        """The coders, in input order."""
        return list(self.codings)

    def codes_of(self, coder: str) -> list[str]:
        """The codes ``coder`` applied."""
        return [c.code for c in self.codings[coder]]

    @property
    def agreed(self) -> list[str]:
        """Codes every coder applied."""
        sets = [set(self.codes_of(c)) for c in self.codings]
        common = set.intersection(*sets) if sets else set()
        return sorted(common)

    def choices(self, action: str, coder: str | None = None) -> tuple[CodeChoice, ...]:
        """The final codes of ``action`` (``accept`` needs ``coder``), facets from the first
        coder that applied each code."""
        if action == "accept":
            return tuple(self.codings[coder or ""])
        if action == "neither":
            keep = set(self.agreed)
        elif action == "both":
            keep = {c.code for choices in self.codings.values() for c in choices}
        else:
            raise ValueError(f"choices() covers accept, both and neither, not {action!r}")
        return self.with_facets(sorted(keep))

    def with_facets(self, codes: list[str]) -> tuple[CodeChoice, ...]:
        """``codes`` as choices, each with the facets of the first coder that applied it."""
        found: dict[str, CodeChoice] = {}
        for choices in self.codings.values():
            for choice in choices:
                found.setdefault(choice.code, choice)
        return tuple(
            CodeChoice(c, found[c].valence, found[c].stage) if c in found else CodeChoice(c)
            for c in codes
        )


class DecisionConflict(ReviewError):
    """The unit already has a current decision (``E610``); ``existing`` is that decision."""

    def __init__(self, existing: Decision, *, path: str | Path | None = None) -> None:
        self.existing = existing
        super().__init__(
            problem(
                "E610", unit=existing.unit, reviewer=existing.reviewer, when=existing.decided_at
            ),
            path=path,
        )


def choices_from_json(raw: str) -> tuple[CodeChoice, ...]:
    """Code choices stored as JSON (``[{code, valence, stage, confidence}]``)."""
    return tuple(
        CodeChoice(e["code"], e.get("valence"), e.get("stage"), e.get("confidence"))
        for e in json.loads(raw)
    )


def decision_from_row(row: sqlite3.Row) -> Decision:
    """A decision from a row of the ``decisions`` table."""
    return Decision(
        id=row["id"],
        unit=row["unit"],
        action=row["action"],
        accepted=row["accepted"],
        codes=choices_from_json(row["codes"]),
        reviewer=row["reviewer"],
        decided_at=row["decided_at"],
        note=row["note"],
        status=row["status"],
        replaces=row["replaces"],
    )


def turn_context(document: Document, start: int, end: int) -> tuple[str, str]:
    """The speech around ``start:end``: the previous turn and the turn up to the unit, and the
    rest of the turn and the next turn, each prefixed with its speaker.

    Examples
    --------
    >>> from qualcode.records import Turn
    >>> text = "Q: Why here?\\nA: The job. And friends.\\nQ: Thanks."
    >>> doc = Document("d", text, (Turn(0, "Q", "interviewer", 3, 12),
    ...     Turn(1, "A", "respondent", 16, 37), Turn(2, "Q", "interviewer", 41, 48)), "en")
    >>> turn_context(doc, 25, 37)
    ('Q: Why here?\\nA: The job.', '\\nQ: Thanks.')
    """
    turns = document.turns
    index = next(
        (i for i, t in enumerate(turns) if t.start <= start < t.end or t.start <= start == t.end),
        None,
    )
    if index is None:
        return document.text[max(0, start - CONTEXT_CHARS) : start], document.text[
            end : end + CONTEXT_CHARS
        ]

    def spoken(i: int) -> str:
        turn = turns[i]
        label = f"{turn.speaker}: " if turn.speaker else ""
        return label + document.text[turn.start : turn.end].strip()

    turn = turns[index]
    label = f"{turn.speaker}: " if turn.speaker else ""
    before = (label + document.text[turn.start : start]).rstrip()
    if index > 0:
        before = spoken(index - 1) + "\n" + before
    after = document.text[end : turn.end].rstrip()
    if index + 1 < len(turns):
        after += "\n" + spoken(index + 1)
    return before[-CONTEXT_CHARS:], after[:CONTEXT_CHARS]


def _codings_by_unit(
    codings: pd.DataFrame, coders: tuple[str, ...], machine: set[str]
) -> dict[str, dict[str, list[dict[str, object]]]]:
    """unit -> coder -> that coder's codes (with facets, and confidence for the machine)."""
    by_unit: dict[str, dict[str, list[dict[str, object]]]] = {}
    columns = [codings[c].tolist() for c in ("unit", "coder", "code", "valence", "stage")]
    confidences = codings["confidence"].tolist()
    for (unit, coder, code, valence, stage), confidence in zip(
        zip(*columns, strict=True), confidences, strict=True
    ):
        entry: dict[str, object] = {"code": code, "valence": valence, "stage": stage}
        if coder in machine and not pd.isna(confidence):
            entry["confidence"] = float(confidence)
        by_unit.setdefault(unit, {c: [] for c in coders})[coder].append(entry)
    for by_coder in by_unit.values():
        for entries in by_coder.values():
            entries.sort(key=lambda e: str(e["code"]))
    return by_unit


def unit_rows(
    result: AgreementResult, corpus: Corpus | None = None
) -> tuple[list[dict], list[str]]:
    """Rows of the review database's ``units`` table, and notes about the corpus.

    Every shared unit is a row (agreed units are exported as gold too); disputed units get a
    ``queue_rank`` in the order of the disagreements table.
    """
    ratings = result.ratings
    units = ratings.units
    table = result.disagreements
    rank = {unit: i + 1 for i, unit in enumerate(table["unit"])}
    confidence_of = dict(zip(table["unit"], table["machine_confidence"], strict=True))
    impact_of = dict(zip(table["unit"], table["impact"], strict=True))
    before, after = neighbours(units)
    documents = {d.id: d for d in corpus} if corpus is not None else {}
    codings = _codings_by_unit(ratings.codings, ratings.coders, set(ratings.machine))
    nobody: dict[str, list[dict[str, object]]] = {c: [] for c in ratings.coders}
    codes = np.array(ratings.codes, dtype=object)
    disputed = np.asarray(ratings.presence.any(axis=2) & ~ratings.presence.all(axis=2))
    rows, mismatched = [], []
    columns = [units[c].tolist() for c in ("unit", "document", "start", "end", "text", "context")]
    for position, (unit, document_id, start, end, text, context) in enumerate(
        zip(*columns, strict=True)
    ):
        start = None if pd.isna(start) else int(start)
        end = None if pd.isna(end) else int(end)
        context_before, context_after = before[position], after[position]
        document = documents.get(str(document_id))
        if document is not None and ratings.unit_kind == "document":
            start, end, text = 0, len(document.text), document.text
            context_before = context_after = None
        elif document is not None and start is not None and end is not None:
            if text is not None and document.text[start:end] != text:
                mismatched.append(unit)
            else:
                context_before, context_after = turn_context(document, start, end)
        row = {
            "position": position,
            "unit": unit,
            "document": str(document_id),
            "start": start,
            "end": end,
            "text": text,
            "context": context,
            "before": context_before,
            "after": context_after,
            "codings": json.dumps(codings.get(unit, nobody), ensure_ascii=False),
            "disputed": json.dumps(codes[disputed[:, position]].tolist(), ensure_ascii=False),
            "queue_rank": rank.get(unit),
            "machine_confidence": None,
            "impact": 0.0,
        }
        if unit in rank:
            confidence = confidence_of[unit]
            row["machine_confidence"] = None if pd.isna(confidence) else float(confidence)
            row["impact"] = float(impact_of[unit])
        rows.append(row)
    notes = []
    if mismatched:
        notes.append(
            f"the corpus text differs from the coded text for {len(mismatched)} unit(s) "
            f"(e.g. {mismatched[0]!r}); their context comes from neighbouring units instead"
        )
    return rows, notes
