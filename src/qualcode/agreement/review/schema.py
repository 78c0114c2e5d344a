"""The review database: SQLite schema, version check and connection settings.

One file holds every unit of the compared codings (``units``; the disputed ones carry a
``queue_rank``), every decision ever taken (``decisions``, superseded ones kept as history) and
who is looking at what (``claims``). The schema version is ``PRAGMA user_version``; a file from
a newer qualcode is refused rather than misread.

Why these settings: WAL lets a reviewer read while another writes and keeps every committed
decision when the process is killed; ``synchronous=FULL`` keeps it across a power cut too;
``busy_timeout`` makes a second reviewer wait for the write lock instead of failing; the
partial unique index allows exactly one current decision per unit, whatever the application
code does.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from qualcode.errors import ReviewError, problem

__all__ = ["APPLICATION_ID", "BUSY_TIMEOUT_MS", "SCHEMA_VERSION", "connect", "create_schema"]

#: ``PRAGMA application_id`` of qualcode review databases ("QCRV").
APPLICATION_ID = 0x51435256
#: The schema this qualcode writes and reads; bump it (with a migration) on any change.
SCHEMA_VERSION = 1
#: How long a writer waits for another reviewer's transaction, in milliseconds.
BUSY_TIMEOUT_MS = 10_000

_SCHEMA = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE units (
    position INTEGER PRIMARY KEY,          -- text order
    unit TEXT NOT NULL UNIQUE,
    document TEXT NOT NULL,
    start INTEGER,
    "end" INTEGER,
    text TEXT,
    context TEXT,
    before TEXT,
    after TEXT,
    codings TEXT NOT NULL,                 -- JSON {coder: [{code, valence, stage, confidence}]}
    disputed TEXT NOT NULL,                -- JSON [code, ...], empty when coders agree
    queue_rank INTEGER UNIQUE,             -- 1 = most consequential; NULL when coders agree
    machine_confidence REAL,
    impact REAL NOT NULL DEFAULT 0
);
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    unit TEXT NOT NULL REFERENCES units(unit),
    action TEXT NOT NULL CHECK (action IN ('accept', 'both', 'neither', 'edit')),
    accepted TEXT,                         -- the coder accepted, for action 'accept'
    codes TEXT NOT NULL,                   -- JSON [{code, valence, stage}]: the final codes
    reviewer TEXT NOT NULL,
    decided_at TEXT NOT NULL,              -- ISO 8601, UTC
    note TEXT,
    status TEXT NOT NULL DEFAULT 'current' CHECK (status IN ('current', 'superseded')),
    replaces INTEGER REFERENCES decisions(id)
);
CREATE UNIQUE INDEX one_current_decision ON decisions(unit) WHERE status = 'current';
CREATE INDEX decisions_by_unit ON decisions(unit);
CREATE TABLE claims (
    unit TEXT PRIMARY KEY REFERENCES units(unit),
    reviewer TEXT NOT NULL,
    claimed_at TEXT NOT NULL
);
"""


def create_schema(connection: sqlite3.Connection) -> None:
    """Create the tables in an empty database and stamp its id and version."""
    connection.executescript(_SCHEMA)
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def connect(path: str | Path) -> sqlite3.Connection:
    """Open an existing review database for reading and writing, after checking it.

    Raises
    ------
    ReviewError
        ``E604`` for a missing file, a file that is not a qualcode review database, or one
        written by a newer qualcode.
    """
    path = Path(path)
    if not path.is_file():
        detail = "no such file; create it with `qualcode review create`"
        raise ReviewError(problem("E604", detail=detail), path=path)
    try:
        connection = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        application_id = connection.execute("PRAGMA application_id").fetchone()[0]
        version = connection.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise ReviewError(
            problem("E604", detail=f"not a SQLite database ({exc})"), path=path
        ) from exc
    if application_id != APPLICATION_ID:
        connection.close()
        detail = "not a qualcode review database (wrong application id)"
        raise ReviewError(problem("E604", detail=detail), path=path)
    if version > SCHEMA_VERSION:
        connection.close()
        detail = (
            f"written by a newer qualcode (schema version {version}; this qualcode reads up to "
            f"{SCHEMA_VERSION}); upgrade qualcode to continue this review"
        )
        raise ReviewError(problem("E604", detail=detail), path=path)
    if version < 1:
        connection.close()
        raise ReviewError(problem("E604", detail="schema version missing"), path=path)
    configure(connection)
    return connection


def configure(connection: sqlite3.Connection) -> None:
    """Apply the durability and concurrency settings to a connection."""
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA foreign_keys = ON")
