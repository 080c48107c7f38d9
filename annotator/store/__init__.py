"""Store: the one place that speaks SQL. Returns model objects, never rows.

Every public method that changes something is one user action: one ``BEGIN IMMEDIATE``
transaction that holds the change and its Event rows, so a crash or a second writer
never sees half of it. The event log is hash-chained and doubles as the undo stack.

``Store`` is put together from parts, one module each (``store.py`` grew past the size
of one file): ``store_base`` (transactions, events, shared reads), ``store_claims``,
``store_citations`` (and evidence), ``store_grades`` (and bringing in another file),
``store_export``, ``store_history`` (events, undo, state), ``store_memory`` (claim
memory); ``store_rows`` turns rows into model objects. Only these modules hold SQL.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import sqlite_utils

from annotator.errors import AnnotatorError
from annotator.store._base import BUSY_BACKOFF_S, utc_now
from annotator.store._citations import CitationActions
from annotator.store._claims import ArticleSummary, ClaimActions
from annotator.store._export import ClaimTable, EvidenceLine, ExportActions, ExportData, TableLine
from annotator.store._grades import GradeActions
from annotator.store._history import HistoryActions
from annotator.store._memory import MemoryActions, NewVersionReport, SimilarClaim
from annotator.store.migrations import SCHEMA_VERSION, check_version, migrate

# Names other modules import from here, wherever they are defined.
__all__ = [
    "BUSY_BACKOFF_S",
    "BUSY_TIMEOUT_MS",
    "ArticleSummary",
    "ClaimTable",
    "EvidenceLine",
    "ExportData",
    "NewVersionReport",
    "SimilarClaim",
    "Store",
    "TableLine",
    "open_database",
    "open_database_readonly",
    "utc_now",
]

BUSY_TIMEOUT_MS = 5000


def open_database(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) an annotator database, refusing what is not one.

    Nothing is written before the file is known to be SQLite at a version this
    annotator understands.
    """
    p = Path(path)
    name = str(p)
    if p.is_dir():
        raise AnnotatorError(f"database path {name!r} is a folder: give a file path to --db")
    existed = p.exists() and p.stat().st_size > 0
    if not existed:
        p.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(name, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise AnnotatorError(f"cannot open database {name!r}: {exc}") from None
    db = sqlite_utils.Database(conn)
    try:
        check_version(db, name)
        if existed and not db.table("articles").exists():
            raise AnnotatorError(
                f"{name} is a SQLite file but not an annotator database: give another --db path"
            )
    except sqlite3.DatabaseError:
        conn.close()
        raise AnnotatorError(
            f"{name} is not an annotator database (not a SQLite file): give another --db path"
        ) from None
    except AnnotatorError:
        conn.close()
        raise
    _configure(db)
    migrate(db, name)
    return db


def open_database_readonly(path: str | Path) -> sqlite_utils.Database:
    """Open another annotator database only to read it: nothing is written to it."""
    p = Path(path)
    name = str(p)
    if not p.is_file():
        raise AnnotatorError(f"database {name!r} not found: check the path")
    try:
        conn = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True)
        db = sqlite_utils.Database(conn)
        version = check_version(db, name)
        if not db.table("articles").exists():
            raise AnnotatorError(f"{name} is a SQLite file but not an annotator database")
    except sqlite3.DatabaseError:
        raise AnnotatorError(
            f"{name} is not an annotator database (not a SQLite file): check the path"
        ) from None
    if version < SCHEMA_VERSION:
        conn.close()
        raise AnnotatorError(
            f"{name} was written by an older annotator: open it once with this one"
            f" (annotator --db {name} articles) to upgrade it, then merge again"
        )
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return db


def _configure(db: sqlite_utils.Database) -> None:
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    if not db.memory:
        db.enable_wal()


class Store(
    ClaimActions, CitationActions, GradeActions, ExportActions, HistoryActions, MemoryActions
):
    """All reads and writes of one annotator database, one part per module (see above)."""

    @classmethod
    def open(cls, path: str | Path, **kwargs: Any) -> Store:
        return cls(open_database(path), name=str(path), **kwargs)

    @classmethod
    def open_readonly(cls, path: str | Path, **kwargs: Any) -> Store:
        """Another file, to read from (merge); any write to it fails."""
        return cls(open_database_readonly(path), name=str(path), **kwargs)

    @classmethod
    def memory(cls, **kwargs: Any) -> Store:
        db = sqlite_utils.Database(memory=True)
        _configure(db)
        migrate(db, ":memory:")
        return cls(db, **kwargs)

    def close(self) -> None:
        self.db.close()
