"""Persistence only: the Store facade over SQLite; may import the core, never app/ or faces.

Every public method that changes something is one user action: one ``BEGIN IMMEDIATE``
transaction that holds the change and its Event rows, so a crash or a second writer
never sees half of it. The event log is hash-chained and doubles as the undo stack.

The store persists; the core decides. It saves what ``text/``, ``sources/`` and
``grades/`` decided, handed in by the use cases of ``app/``, and returns model objects,
never rows: a claim a reviewer adds, splits or merges comes with its span, label and
check-worthiness (``app/claim_ops.py``); a source with its proposed study design
(``app/library.py``); a link's quote checked (``sources.quotes.check_quote``); a new
version of an article as the plan ``text/new_version.py`` made (``import_new_version``
writes it); the citation search index keeps the words ``sources.search.search_words``
gives each citation (``app/citation_search.py`` hands that function to
``index_citations``) and ``sources.search.Ranker`` ranks what ``citation_words`` reads;
near-duplicates and candidate quotes are ``sources/`` functions the app calls on what
the store lists. Claim memory's index likewise holds ``memory/``'s words. An
import-linter contract keeps ``text/`` and ``sources/`` out of this package, bar the
identifier keys and title rule by which ``find_citation`` knows a source already held.

Public surface (``Store``; every other name here is a model type the methods return):

- opening: ``open``, ``open_readonly``, ``memory``, ``reopen`` (the same file for
  another thread; ``on_disk`` whether it can; ``files`` the database file and its
  logs, which no export may replace), ``catch_up_indexes`` (the search
  indexes, a chunk per transaction, with the citation words function the app hands
  in), ``close``, ``one_action`` (several actions as one transaction and one undo
  step).
- articles and claims (``_claims``): ``import_article``, ``import_if_new``,
  ``article_summaries``, ``article_rows``, ``desk_totals``, ``delete_article``,
  ``add_claim``, ``split_claim``, ``merge_claims`` (spans and labels as decided),
  ``live_claim`` (a claim whose span is in the current text), ``accept_claim``,
  ``dismiss_claim``, ``restore_claim``, ``edit_label``, ``set_claim_note``,
  ``next_claim``, ``search_claims``, ``article_to_open``.
- shared reads (``_base``): ``list_articles``, ``get_article``, ``find_article``,
  ``claims``, ``get_claim``, ``current_verdicts``, ``get_citation``, ``get_evidence``,
  ``evidence_for``, ``last_event_id`` (moves with every user action, anyone's: an open
  screen asks it whether to read again).
- citations and evidence (``_citations``): ``add_citation``, ``add_citations``,
  ``find_citation``, ``list_citations``, ``latest_citations``,
  ``citations_for_article``, ``citation_links``, the search index's
  ``index_citations`` (keep what the given words function says of each changed
  citation), ``citation_words`` (the stored words, as the core's ranker reads them),
  ``citations_changed`` and ``citation_search_texts`` (what changed, for a search kept
  in memory), ``citations_by_id``, ``merge_citations``, ``set_evidence_type``,
  ``set_retracted``, ``set_accessed``, ``set_source_text``, ``set_quote_check``,
  ``link_evidence``, ``update_evidence``, ``remove_evidence``, ``evidence_counts``.
- grades and a colleague's file (``_grades``): ``grade_claim``, ``grades_for``,
  ``grades_for_article``, ``stale_claims``, ``conflict_claims``, ``bring_in_article``,
  ``bring_in_claims``, ``bring_in_evidence``, ``bring_in_grades``.
- claim memory and versions (``_memory``): ``memory_index``, ``memory_stamp``,
  ``similar_claims``, ``similar_to_text``, ``article_matches``, ``reuse_evidence``,
  ``import_reviews``, ``external_reviews``, ``get_external_review``,
  ``find_article_by_source``, ``article_versions``, ``find_earlier_version``,
  ``import_new_version``.
- exports (``_export``): ``claim_table``, ``claim_table_parts``, ``export_data``.
- assignments (``_assignments``): ``assign_article``, ``unassign_article``,
  ``assignments``, ``progress``, ``article_titles``, ``known_reviewers``; for a merge,
  ``bring_in_assignments`` and ``taken_off`` (who last took a reviewer off an article).
- the event log and remembered state (``_history``): ``events``, ``history``,
  ``log_head``, ``verify_log`` (chain, head, every row; ``verify_chain`` its first
  broken event), ``undo``, ``redo`` (``undo_last`` its events), ``integrity_check``,
  ``get_state``, ``set_state``.

The parts are private modules (``_base`` holds transactions, events and shared reads;
``_rows`` turns rows into model objects; ``migrations`` the schema): only they hold SQL,
and only this package imports them (an import-linter contract).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlite_utils

from annotator.errors import AnnotatorError, ForeignFileError
from annotator.store._assignments import AssignmentActions
from annotator.store._base import BUSY_BACKOFF_S, utc_now
from annotator.store._citation_words import CitationWords, index_stale_citations
from annotator.store._citations import CitationActions
from annotator.store._claims import DISPUTED, ArticleRow, ArticleSummary, ClaimActions, DeskTotals
from annotator.store._export import ClaimTable, EvidenceLine, ExportActions, ExportData, TableLine
from annotator.store._grades import GradeActions
from annotator.store._history import HistoryActions
from annotator.store._memory import MemoryActions, NewVersionReport, SimilarClaim
from annotator.store._memory_words import index_stale_memory
from annotator.store._opening import (
    APPLICATION_ID,
    BUSY_TIMEOUT_MS,
    DB_ADVICE,
    MERGE_ADVICE,
    FileKind,
    create_file,
    damaged_error,
    database_failure,
    inspect_file,
    locked,
    locked_error,
    read_only_error,
)
from annotator.store.migrations import (
    SCHEMA_VERSION,
    check_version,
    copy_empty_database,
    migrate,
)

# Names other modules import from here, wherever they are defined.
__all__ = [
    "APPLICATION_ID",
    "BUSY_BACKOFF_S",
    "BUSY_TIMEOUT_MS",
    "DISPUTED",
    "ArticleRow",
    "ArticleSummary",
    "DeskTotals",
    "CitationWords",
    "ClaimTable",
    "EvidenceLine",
    "ExportData",
    "NewVersionReport",
    "SimilarClaim",
    "Store",
    "TableLine",
    "database_failure",
    "open_database",
    "open_database_readonly",
    "utc_now",
]


def open_database(path: str | Path, *, held: bool = False) -> sqlite_utils.Database:
    """Open (creating if needed) an annotator database, refusing what is not one.

    The file is looked at read-only first (see ``_opening``): nothing is written to it,
    not even the WAL switch, before it is known to be an annotator database (or a new
    file) at a version this annotator understands.

    ``held``: this process already has the file open through SQLite (a worker's second
    connection, ``Store.reopen``), so it was looked at then and is not looked at again.
    Looking means opening and closing the file outside SQLite, and POSIX locks belong to
    the process: closing any descriptor of the file drops every lock its connections
    hold. Another process then takes the file for unused, checkpoints and deletes its
    log, and the writes of both that follow are lost or corrupt the file.
    """
    p = Path(path)
    name = str(p)
    if p.is_dir():
        raise AnnotatorError(f"database path {name!r} is a folder: give a file path to --db")
    if (
        not held
        and inspect_file(p, name, schema_version=SCHEMA_VERSION) is FileKind.NEW
        and not p.exists()
    ):
        create_file(p, name)
    try:
        conn = sqlite3.connect(name, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise read_only_error(name, exc) from None
    db = sqlite_utils.Database(conn)
    try:
        _configure(db)
        migrate(db, name)
    except sqlite3.OperationalError as exc:
        conn.close()
        if locked(exc):
            raise locked_error(name) from None
        if "readonly" in str(exc) or "unable to open" in str(exc):
            raise read_only_error(name, exc) from None
        raise damaged_error(name, exc) from None
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise damaged_error(name, exc) from None
    except BaseException:
        conn.close()
        raise
    return db


def open_database_readonly(path: str | Path) -> sqlite_utils.Database:
    """Open another annotator database only to read it: nothing is written to it."""
    p = Path(path)
    name = str(p)
    if not p.is_file():
        raise AnnotatorError(f"database {name!r} not found: check the path")
    try:
        kind = inspect_file(p, name, schema_version=SCHEMA_VERSION)
    except ForeignFileError as exc:  # its advice is for a --db path, which this is not
        raise ForeignFileError(str(exc).replace(DB_ADVICE, MERGE_ADVICE)) from None
    if kind is FileKind.NEW:
        raise ForeignFileError(f"{name} is empty, not an annotator database: check the path")
    try:
        conn = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True)
        db = sqlite_utils.Database(conn)
        version = check_version(db, name)
    except sqlite3.OperationalError as exc:
        raise locked_error(name) if locked(exc) else damaged_error(name, exc) from None
    except sqlite3.DatabaseError as exc:
        raise damaged_error(name, exc) from None
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
    ClaimActions,
    CitationActions,
    GradeActions,
    ExportActions,
    HistoryActions,
    MemoryActions,
    AssignmentActions,
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
        copy_empty_database(db.conn)
        _configure(db)
        return cls(db, **kwargs)

    @property
    def on_disk(self) -> bool:
        """A file another connection (a worker thread's, ``reopen``) can reach."""
        return not self.db.memory and self.name != ":memory:"

    @property
    def files(self) -> tuple[Path, ...]:
        """The database file and the logs SQLite keeps beside it (none in memory): what
        no export or other file annotator writes may replace."""
        if not self.on_disk:
            return ()
        path = Path(self.name)
        return (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal")))

    def reopen(self) -> Store | None:
        """The same file on a connection of its own, for a worker thread (SQLite
        connections belong to the thread that opened them); None for a database in
        memory, which no second connection can reach. The caller closes it."""
        if not self.on_disk:
            return None
        return type(self)(
            open_database(self.name, held=True),
            name=self.name,
            scales=self.scales,
            clock=self.clock,
        )

    def catch_up_indexes(self, citation_words: CitationWords) -> bool:
        """Bring the citation search and claim memory indexes up to date, one chunk per
        transaction: a worker's job (the TUI's, on a ``reopen``-ed connection), so that
        a writer meanwhile waits for one chunk, never for the whole. ``citation_words``:
        what the search keeps of a citation (``app.citation_search`` hands in
        ``sources.search.search_words``). False when the file cannot be written
        (read-only, or kept busy): searches then index in memory."""
        indexes: tuple[Callable[[sqlite3.Connection], int], ...] = (
            lambda conn: index_stale_citations(conn, citation_words, rounds=1),
            lambda conn: index_stale_memory(conn, rounds=1),
        )
        for index in indexes:
            done = [1]

            def one_chunk(
                conn: sqlite3.Connection, index: Any = index, done: list[int] = done
            ) -> None:
                done[0] = index(conn)

            while done[0]:
                if not self._maintain(one_chunk):
                    return False
        return True

    def close(self) -> None:
        self.db.close()
