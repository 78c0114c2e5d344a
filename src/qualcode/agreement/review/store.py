"""The review store: a queue of disagreements and every decision taken on it, in SQLite.

Each decision is one ``BEGIN IMMEDIATE`` transaction, committed before the reviewer sees the
next unit, so a review killed at any moment loses nothing and resumes at the next undecided
unit. Two reviewers can work the same file: each claims the unit on screen so the other is
given a different one, and if both decide the same unit anyway the second gets
:class:`DecisionConflict` (``E610``, "already decided by X") and may override explicitly; the
overridden decision is kept as history.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

from qualcode.agreement.compute import AgreementResult
from qualcode.agreement.review.create import write_review_database
from qualcode.agreement.review.items import (
    ACTIONS,
    Decision,
    DecisionConflict,
    ReviewItem,
    choices_from_json,
    decision_from_row,
)
from qualcode.agreement.review.schema import connect
from qualcode.errors import ReviewError, problem
from qualcode.records import Corpus

__all__ = ["CLAIM_MINUTES", "ReviewStatus", "ReviewStore"]

#: A unit shown to a reviewer is not offered to another for this long (a killed session's
#: claim expires).
CLAIM_MINUTES = 30

Clock = Callable[[], datetime]


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class ReviewStatus:
    """Progress of a review: units, disputed units, decided and remaining, per reviewer."""

    units: int
    disputed: int
    decided: int
    remaining: int
    by_reviewer: dict[str, int]
    superseded: int


class ReviewStore:
    """A review database opened for work. Use :meth:`create` or :meth:`open`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from qualcode.agreement import agreement
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "ana.csv").write_text("id,text,Code 1\\nr1,x,p\\nr2,y,q\\n")
    >>> _ = (d / "bo.csv").write_text("id,text,Code 1\\nr1,x,p\\nr2,y,p\\n")
    >>> with ReviewStore.create(d / "review.db", agreement([d / "ana.csv", d / "bo.csv"])) as s:
    ...     item = s.next_item("carla")
    ...     decision = s.decide(item.unit, "accept", coder="bo", reviewer="carla", note="clear")
    ...     item.unit, decision.code_ids, s.next_item("carla")
    ('r2', ['p'], None)
    """

    def __init__(self, connection: sqlite3.Connection, path: Path, clock: Clock = _now) -> None:
        connection.row_factory = sqlite3.Row
        self.connection = connection
        self.path = path
        self.clock = clock
        self.meta: dict[str, Any] = {
            row["key"]: json.loads(row["value"])
            for row in connection.execute("SELECT key, value FROM meta")
        }

    # -- opening -----------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, clock: Clock = _now) -> ReviewStore:
        """Open an existing review database (``E604`` if missing, foreign or too new)."""
        return cls(connect(path), Path(path), clock)

    @classmethod
    def create(
        cls,
        path: str | Path,
        result: AgreementResult,
        *,
        corpus: Corpus | None = None,
        clock: Clock = _now,
    ) -> ReviewStore:
        """Create a review database from an agreement result and open it.

        Every compared unit is stored (agreed ones are exported as gold too); the disputed ones
        are queued in the order of the disagreements table. With ``corpus``, each unit's context
        is its surrounding speaker turns. An existing file is never overwritten (``E604``).
        """
        write_review_database(
            Path(path),
            result,
            corpus=corpus,
            created_at=clock().isoformat(timespec="milliseconds"),
        )
        return cls.open(path, clock=clock)

    def close(self) -> None:
        """Close the connection (decisions are already committed)."""
        self.connection.close()

    def __enter__(self) -> ReviewStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -----------------------------------------------------------------------------

    @property
    def coders(self) -> list[str]:
        """The compared coders, in input order."""
        return list(self.meta["coders"])

    @property
    def codes(self) -> list[str]:
        """The codes a decision may use."""
        return list(self.meta["codes"])

    def _now(self) -> str:
        return self.clock().isoformat(timespec="milliseconds")

    @contextlib.contextmanager
    def _write(self) -> Any:
        """One write transaction that takes the lock up front (``BEGIN IMMEDIATE``)."""
        try:
            self.connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            detail = f"cannot write ({exc}); is the file read-only, or held by another program?"
            raise ReviewError(problem("E604", detail=detail), path=self.path) from exc
        try:
            yield self.connection
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    def _current(self, unit: str) -> Decision | None:
        row = self.connection.execute(
            "SELECT * FROM decisions WHERE unit = ? AND status = 'current'", (unit,)
        ).fetchone()
        return decision_from_row(row) if row else None

    def _item(
        self, row: sqlite3.Row, decisions: Mapping[str, Decision] | None = None
    ) -> ReviewItem:
        """The item of a ``units`` row; its decision from ``decisions`` or looked up."""
        codings = json.loads(row["codings"])
        unit = row["unit"]
        decision = decisions.get(unit) if decisions is not None else self._current(unit)
        return ReviewItem(
            unit=row["unit"],
            rank=row["queue_rank"],
            document=row["document"],
            start=row["start"],
            end=row["end"],
            text=row["text"],
            context=row["context"],
            before=row["before"],
            after=row["after"],
            codings={c: choices_from_json(json.dumps(codings.get(c, []))) for c in self.coders},
            disputed=tuple(json.loads(row["disputed"])),
            machine_confidence=row["machine_confidence"],
            impact=row["impact"],
            decision=decision,
            machine=tuple(self.meta.get("machine", [])),
        )

    def item(self, unit: str) -> ReviewItem:
        """The review item of ``unit`` (``E613`` if the database has no such unit)."""
        row = self.connection.execute("SELECT * FROM units WHERE unit = ?", (unit,)).fetchone()
        if row is None:
            raise ReviewError(problem("E613", unit=unit), path=self.path)
        return self._item(row)

    def next_item(self, reviewer: str, *, skip: Collection[str] = ()) -> ReviewItem | None:
        """The most consequential undecided unit no other reviewer has on screen, claimed for
        ``reviewer``; ``None`` when nothing is left. Units in ``skip`` are passed over."""
        expiry = (self.clock() - timedelta(minutes=CLAIM_MINUTES)).isoformat(
            timespec="milliseconds"
        )
        with self._write() as connection:
            connection.execute("DELETE FROM claims WHERE reviewer = ?", (reviewer,))
            cursor = connection.execute(
                "SELECT u.* FROM units u WHERE u.queue_rank IS NOT NULL "
                "AND NOT EXISTS (SELECT 1 FROM decisions d "
                "                WHERE d.unit = u.unit AND d.status = 'current') "
                "AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.unit = u.unit "
                "                AND c.reviewer != ? AND c.claimed_at > ?) "
                "ORDER BY u.queue_rank",
                (reviewer, expiry),
            )
            row = next((r for r in cursor if r["unit"] not in skip), None)
            cursor.close()
            if row is None:
                return None
            connection.execute(
                "INSERT OR REPLACE INTO claims (unit, reviewer, claimed_at) VALUES (?, ?, ?)",
                (row["unit"], reviewer, self._now()),
            )
        return self._item(row)

    def release(self, reviewer: str) -> None:
        """Drop ``reviewer``'s claim (when they stop), so others are offered that unit."""
        with self._write() as connection:
            connection.execute("DELETE FROM claims WHERE reviewer = ?", (reviewer,))

    # -- deciding ----------------------------------------------------------------------------

    def decide(
        self,
        unit: str,
        action: str,
        *,
        reviewer: str,
        coder: str | None = None,
        codes: Sequence[str] | None = None,
        note: str | None = None,
        override: bool = False,
    ) -> Decision:
        """Store a decision on ``unit`` in one transaction and return it.

        Parameters
        ----------
        action : {"accept", "both", "neither", "edit"}
            Accept ``coder``'s codes; the union of all coders' codes; only the codes every
            coder gave; or exactly ``codes``.
        reviewer : str
            Who decides (stored with the time, UTC).
        note : str, optional
            Why.
        override : bool
            Replace a current decision (kept as ``superseded`` history) instead of raising
            :class:`DecisionConflict`.

        Raises
        ------
        DecisionConflict
            ``E610`` when the unit is already decided and ``override`` is false.
        ReviewError
            ``E613`` a unit that is unknown or not disputed (the coders agreed on it), ``E612``
            unknown codes, ``E605`` a bad action or coder.
        """
        item = self.item(unit)
        if item.rank is None:  # the coders agreed: the gold file takes their codes, not a decision
            raise ReviewError(problem("E613", unit=unit), path=self.path)
        if action not in ACTIONS:
            detail = f"unknown action {action!r} (one of {', '.join(ACTIONS)})"
            raise ReviewError(problem("E605", detail=detail), path=self.path)
        if not reviewer.strip():
            raise ReviewError(problem("E605", detail="the reviewer needs a name"), path=self.path)
        if action == "accept" and coder not in item.codings:
            detail = f"accept needs one of the coders {', '.join(item.coders)}, not {coder!r}"
            raise ReviewError(problem("E605", detail=detail), path=self.path)
        if action == "edit":
            wanted = list(dict.fromkeys(c.strip() for c in codes or () if c.strip()))
            unknown = [c for c in wanted if c not in self.codes]
            if unknown:
                raise ReviewError(
                    problem(
                        "E612", codes=", ".join(unknown), unit=unit, known=", ".join(self.codes)
                    ),
                    path=self.path,
                )
            order = {code: i for i, code in enumerate(self.codes)}
            final = item.with_facets(sorted(wanted, key=order.__getitem__))
        else:
            final = item.choices(action, coder)
        encoded = json.dumps([c.as_gold() for c in final], ensure_ascii=False)
        try:
            decision_id = self._storedecision_from_row(
                item, action, coder, encoded, reviewer, note, override
            )
        except sqlite3.IntegrityError as exc:
            # the unique index caught what the check above it should have: report it the same way
            current = self._current(unit)
            if current is None:
                raise ReviewError(problem("E604", detail=str(exc)), path=self.path) from exc
            raise DecisionConflict(current, path=self.path) from exc
        row = self.connection.execute(
            "SELECT * FROM decisions WHERE id = ?", (decision_id,)
        ).fetchone()
        return decision_from_row(row)

    def _storedecision_from_row(
        self,
        item: ReviewItem,
        action: str,
        coder: str | None,
        encoded: str,
        reviewer: str,
        note: str | None,
        override: bool,
    ) -> int:
        """Insert a decision (superseding the current one when overriding); its id."""
        unit = item.unit
        with self._write() as connection:
            current = self._current(unit)
            if current is not None and not override:
                raise DecisionConflict(current, path=self.path)
            if current is not None:
                connection.execute(
                    "UPDATE decisions SET status = 'superseded' WHERE id = ?", (current.id,)
                )
            cursor = connection.execute(
                "INSERT INTO decisions (unit, action, accepted, codes, reviewer, decided_at, "
                "note, replaces) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    unit,
                    action,
                    coder if action == "accept" else None,
                    encoded,
                    reviewer,
                    self._now(),
                    note or None,
                    current.id if current else None,
                ),
            )
            connection.execute("DELETE FROM claims WHERE unit = ?", (unit,))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    # -- reporting ---------------------------------------------------------------------------

    def decisions(self, *, history: bool = False) -> pd.DataFrame:
        """Decisions as a table: id, unit, action, accepted, codes, reviewer, decided_at, note,
        status, replaces; current ones only unless ``history``."""
        where = "" if history else "WHERE status = 'current'"
        rows = [
            {**dict(row), "codes": "; ".join(c.code for c in choices_from_json(row["codes"]))}
            for row in self.connection.execute(f"SELECT * FROM decisions {where} ORDER BY id")
        ]
        columns = [
            "id",
            "unit",
            "action",
            "accepted",
            "codes",
            "reviewer",
            "decided_at",
            "note",
            "status",
            "replaces",
        ]
        return pd.DataFrame(rows, columns=columns)

    def status(self) -> ReviewStatus:
        """How far the review is."""
        one = self.connection.execute
        units = one("SELECT COUNT(*) FROM units").fetchone()[0]
        disputed = one("SELECT COUNT(*) FROM units WHERE queue_rank IS NOT NULL").fetchone()[0]
        decided_rows = one(
            "SELECT d.reviewer, COUNT(*) FROM decisions d JOIN units u ON u.unit = d.unit "
            "WHERE d.status = 'current' AND u.queue_rank IS NOT NULL GROUP BY d.reviewer"
        ).fetchall()
        by_reviewer = {row[0]: row[1] for row in decided_rows}
        superseded = one("SELECT COUNT(*) FROM decisions WHERE status = 'superseded'").fetchone()
        decided = sum(by_reviewer.values())
        return ReviewStatus(
            units, disputed, decided, disputed - decided, by_reviewer, superseded[0]
        )

    def current_decisions(self) -> dict[str, Decision]:
        """The current decision of every decided unit."""
        rows = self.connection.execute("SELECT * FROM decisions WHERE status = 'current'")
        return {row["unit"]: decision_from_row(row) for row in rows}

    def items(self) -> Iterator[ReviewItem]:
        """Every unit, disputed or not (``rank`` is None for agreed ones), in text order."""
        decisions = self.current_decisions()
        for row in self.connection.execute("SELECT * FROM units ORDER BY position").fetchall():
            yield self._item(row, decisions)
