"""Create a review database from an agreement result, all at once or not at all."""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from pathlib import Path

from qualcode.agreement.compute import AgreementResult
from qualcode.agreement.review.items import unit_rows
from qualcode.agreement.review.schema import create_schema
from qualcode.errors import ReviewError, problem
from qualcode.records import Corpus

__all__ = ["write_review_database"]


def write_review_database(
    path: Path, result: AgreementResult, *, corpus: Corpus | None, created_at: str
) -> None:
    """Write a new review database for ``result`` at ``path``; never overwrite a file.

    The database is built in a temporary file beside ``path`` and hard-linked into place when
    complete, so a failure leaves nothing behind and an existing review (even one that appears
    while this runs) is never replaced.

    Raises
    ------
    ReviewError
        ``E604`` when ``path`` exists or SQLite fails; ``E901`` when the directory is not
        writable.
    """
    from qualcode import __version__

    path = Path(path)
    if path.exists():
        detail = "already exists; continue it with `qualcode review run` or choose another file"
        raise ReviewError(problem("E604", detail=detail), path=path)
    rows, notes = unit_rows(result, corpus)
    ratings = result.ratings
    meta = {
        "created_at": created_at,
        "qualcode_version": __version__,
        "coders": list(ratings.coders),
        "machine": list(ratings.machine),
        "codes": list(ratings.codes),
        "unit_kind": ratings.unit_kind,
        "level": ratings.level,
        "reference": result.reference,
        "inputs": sorted(set(ratings.codings["input"].dropna())),
        "notes": [*ratings.notes, *notes],
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise ReviewError(problem("E901", reason=exc.strerror or str(exc)), path=path) from exc
    temporary = Path(name)
    try:
        connection = sqlite3.connect(temporary, isolation_level=None)
        try:
            create_schema(connection)
            connection.execute("BEGIN")
            connection.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?)",
                [(k, json.dumps(v, ensure_ascii=False)) for k, v in meta.items()],
            )
            connection.executemany(
                'INSERT INTO units (position, unit, document, start, "end", text, context, '
                "before, after, codings, disputed, queue_rank, machine_confidence, impact) "
                "VALUES (:position, :unit, :document, :start, :end, :text, :context, :before, "
                ":after, :codings, :disputed, :queue_rank, :machine_confidence, :impact)",
                rows,
            )
            connection.execute("COMMIT")
            connection.execute("PRAGMA journal_mode = WAL")
        finally:
            connection.close()
        try:
            os.link(temporary, path)  # fails if a file appeared meanwhile: never overwrite
        except FileExistsError as exc:
            detail = "already exists; continue it with `qualcode review run`"
            raise ReviewError(problem("E604", detail=detail), path=path) from exc
    except sqlite3.Error as exc:
        raise ReviewError(problem("E604", detail=f"cannot create: {exc}"), path=path) from exc
    except OSError as exc:
        raise ReviewError(problem("E901", reason=exc.strerror or str(exc)), path=path) from exc
    finally:
        temporary.unlink(missing_ok=True)
