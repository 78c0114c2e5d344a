"""What a reviewer sees and decides: review items, decisions, and building them from codings.

A *review item* is one unit where coders differ: its text in context, each coder's codes (with
facets and, for the machine, confidence), the disputed and agreed codes. A *decision* settles
it: accept one coder's codes, ``both`` (the union of every coder's codes), ``neither`` (only the
codes every coder gave), or ``edit`` (type the codes).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from qualcode.agreement.compute import AgreementResult
from qualcode.agreement.disagreements import neighbours
from qualcode.records import Corpus, Document

__all__ = [
    "ACTIONS",
    "CodeChoice",
    "Decision",
    "ReviewItem",
    "turn_context",
    "unit_rows",
]

Action = Literal["accept", "both", "neither", "edit"]
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


def _codings_json(codings: pd.DataFrame, coders: tuple[str, ...], machine: set[str]) -> str:
    by_coder: dict[str, list[dict[str, object]]] = {coder: [] for coder in coders}
    for row in codings.itertuples(index=False):
        entry: dict[str, object] = {"code": row.code, "valence": row.valence, "stage": row.stage}
        if row.coder in machine and not pd.isna(row.confidence):
            entry["confidence"] = float(row.confidence)
        by_coder[str(row.coder)].append(entry)
    for entries in by_coder.values():
        entries.sort(key=lambda e: str(e["code"]))
    return json.dumps(by_coder, ensure_ascii=False)


def unit_rows(
    result: AgreementResult, corpus: Corpus | None = None
) -> tuple[list[dict], list[str]]:
    """Rows of the review database's ``units`` table, and notes about the corpus.

    Every shared unit is a row (agreed units are exported as gold too); disputed units get a
    ``queue_rank`` in the order of the disagreements table.
    """
    ratings = result.ratings
    units = ratings.units
    rank = {unit: i + 1 for i, unit in enumerate(result.disagreements["unit"])}
    details = result.disagreements.set_index("unit")
    before, after = neighbours(units)
    documents = {d.id: d for d in corpus} if corpus is not None else {}
    codings_by_unit = dict(tuple(ratings.codings.groupby("unit", sort=False)))
    empty = ratings.codings.iloc[0:0]
    machine = set(ratings.machine)
    disputed = np.asarray(ratings.presence.any(axis=2) & ~ratings.presence.all(axis=2))
    rows, mismatched = [], []
    for position, record in enumerate(units.itertuples(index=False)):
        unit = str(record.unit)
        start = None if pd.isna(record.start) else int(record.start)
        end = None if pd.isna(record.end) else int(record.end)
        text = record.text
        context_before, context_after = before[position], after[position]
        document = documents.get(str(record.document))
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
            "document": str(record.document),
            "start": start,
            "end": end,
            "text": text,
            "context": record.context,
            "before": context_before,
            "after": context_after,
            "codings": _codings_json(codings_by_unit.get(unit, empty), ratings.coders, machine),
            "disputed": json.dumps(
                [c for c, d in zip(ratings.codes, disputed[:, position], strict=True) if d]
            ),
            "queue_rank": rank.get(unit),
            "machine_confidence": None,
            "impact": 0.0,
        }
        if unit in rank:
            confidence = details.loc[unit, "machine_confidence"]
            row["machine_confidence"] = None if pd.isna(confidence) else float(confidence)
            row["impact"] = float(details.loc[unit, "impact"])
        rows.append(row)
    notes = []
    if mismatched:
        notes.append(
            f"the corpus text differs from the coded text for {len(mismatched)} unit(s) "
            f"(e.g. {mismatched[0]!r}); their context comes from neighbouring units instead"
        )
    return rows, notes
