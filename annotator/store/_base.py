"""The base of Store: the connection, one-action transactions, the event chain, shared reads.

Every part of ``Store`` (``store_claims``, ``store_citations``, ``store_grades``,
``store_export``, ``store_history``, ``store_memory``) is a mixin of ``StoreBase``: what
one part calls in another lives here, so each part type-checks on its own.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

from annotator.errors import AnnotatorError, NotFoundError
from annotator.grades.visibility import Viewer, may_see
from annotator.model import (
    Article,
    Citation,
    Claim,
    ClaimStatus,
    Evidence,
    Origin,
    ProposedClaim,
    Stance,
)
from annotator.scales import Scales, default_scales

# ENTITY_TABLES is re-exported: the parts of Store import it from here.
from annotator.store._event_log import ENTITY_TABLES as ENTITY_TABLES
from annotator.store._event_log import (
    EVENT_COLUMNS,
    GENESIS_HASH,
    INSERT_EVENT,
    STAMPS,
    TableShape,
    dump_json,
    event_hash,
    logged_change,
    logged_insert,
    table_shape,
)
from annotator.store._rows import (
    quantities_json,
    reasons_json,
    to_article,
    to_citation,
    to_claim,
    to_evidence,
)
from annotator.store.migrations import BULK_SUMMARIES

# Where ``batch`` stands among the event columns (``_append_event`` sets it).
_BATCH = EVENT_COLUMNS.index("batch")

# Pauses between further tries of BEGIN IMMEDIATE when the busy timeout ran out.
BUSY_BACKOFF_S = (0.05, 0.2, 0.5)

# Evidence of a claim is listed supporting first, then mixed, contradicting, mentions.
STANCE_ORDER = (Stance.SUPPORTS, Stance.MIXED, Stance.CONTRADICTS, Stance.MENTIONS)


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


# The last second utc_now wrote, and how: an import asks the time once per event.
_last_second: tuple[int, str] = (-1, "")


def utc_now() -> str:
    """The time now to the second, as 2026-01-01T12:00:00Z."""
    global _last_second
    second = int(time.time())
    if second != _last_second[0]:
        text = datetime.fromtimestamp(second, UTC).isoformat().replace("+00:00", "Z")
        _last_second = (second, text)
    return _last_second[1]


class StoreBase:
    """What every part of Store shares; ``Store`` (store.py) puts the parts together."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        *,
        scales: Scales | None = None,
        clock: Callable[[], str] = utc_now,
        name: str = ":memory:",
    ) -> None:
        self.db = db
        self.scales = scales or default_scales()
        self.clock = clock
        self.name = name
        self._batch: int | None = None
        # Inside ``one_action``: the actions called join its transaction and batch.
        self._joined = False
        # The chain's tip inside the current action: read once, since the write lock
        # held by BEGIN IMMEDIATE means nobody else can append meanwhile.
        self._tip: tuple[int, str] | None = None
        # Events of the current action, written in one go when it ends.
        self._pending_events: list[tuple[Any, ...]] = []
        self._shapes: dict[str, TableShape] = {}

    # -- transactions and events ------------------------------------------------

    @contextmanager
    def _action(self) -> Iterator[None]:
        """One user action: a write transaction taken at once, so writers queue."""
        if self._joined:
            yield
            return
        if self.db.conn.in_transaction:
            raise RuntimeError("store actions do not nest")
        self._begin()
        self._batch = None
        self._tip = None
        self._pending_events.clear()
        try:
            yield
            self._flush_events()
            self.db.execute("COMMIT")
        except BaseException:
            self._pending_events.clear()
            # A full disk (SQLITE_FULL, an I/O error) makes SQLite roll back by itself: a
            # second ROLLBACK would fail and hide the error that says what happened.
            if self.db.conn.in_transaction:
                self.db.execute("ROLLBACK")
            raise
        finally:
            self._batch = None
            self._tip = None

    def last_event_id(self) -> int:
        """The id of the log's last event (0 when empty): it moves with every user action,
        of this connection or another's, and with nothing else (not a screen's place)."""
        return int(self.db.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0])

    @contextmanager
    def one_action(self) -> Iterator[None]:
        """Several store actions as one (a merge): one transaction and one batch, so a
        failure or a kill part way leaves the file as it was. Nested, the inner one joins
        the outer (a use case built of use cases that each make one action)."""
        if self._joined:
            yield
            return
        with self._action():
            self._joined = True
            try:
                yield
            finally:
                self._joined = False

    def _begin(self) -> None:
        """BEGIN IMMEDIATE, retried a few times with backoff while another writer holds
        the lock (each try already waits up to the busy timeout), then one clear line."""
        for attempt, pause in enumerate((*BUSY_BACKOFF_S, None)):
            try:
                self.db.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                if pause is None:
                    raise AnnotatorError(
                        f"{self.name} is busy with another reviewer's change"
                        f" ({attempt + 1} tries): try again"
                    ) from None
                _sleep(pause)

    def _maintain(self, update: Callable[[sqlite3.Connection], object]) -> bool:
        """Bring a search index kept in the file up to date (not a user action: no event).

        In the caller's transaction if one is open, else in its own; False when it cannot
        write (the file is open read-only, or another writer kept it busy past the busy
        timeout): the caller then searches without the stored index, a read never fails.
        """
        conn = self.db.conn
        if conn.in_transaction:
            update(conn)
            return True
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            return False
        try:
            update(conn)
        except sqlite3.OperationalError as exc:
            conn.execute("ROLLBACK")
            if "readonly" in str(exc):
                return False
            raise
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        return True

    def _event(
        self,
        reviewer: str,
        action: str,
        entity: str,
        entity_id: int,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
        *,
        article_id: int | None = None,
        claim_id: int | None = None,
        undoes: int | None = None,
    ) -> int:
        """Record one change of one row: ``before`` and ``after`` are the whole row (or
        None where it did not or no longer exists); the event keeps what changed."""
        table = ENTITY_TABLES.get(entity)
        shape = self._shape(table) if table else None
        b = shape.normalize(before) if shape and before is not None else before
        a = shape.normalize(after) if shape and after is not None else after
        at = self.clock()
        before_json: str | None
        after_json: str | None
        row_digest: str | None
        if shape is not None and b is None and a is not None:
            before_json = None
            row_digest, after_json = logged_insert(shape, entity, entity_id, shape.lean(a), at)
        else:
            if shape is None:
                row_digest = None
                logged_before, logged_after = b, a
            else:
                row_digest = shape.digest(entity, entity_id, a) if a is not None else None
                logged_before, logged_after = logged_change(shape, b, a)
            if b is None and logged_after:
                # A new row's time stamps are mostly the event's own time: not said twice.
                for stamp in STAMPS:
                    if logged_after.get(stamp) == at:
                        del logged_after[stamp]
            before_json, after_json = dump_json(logged_before), dump_json(logged_after)
        return self._append_event(
            (at, reviewer, action, entity, entity_id, article_id, claim_id, undoes,
             before_json, after_json, row_digest)
        )  # fmt: skip

    def _append_event(self, fields: tuple[Any, ...]) -> int:
        """Chain one event onto the log: ``fields`` are its EVENT_COLUMNS values from
        ``at`` to ``row`` less ``batch``, which is the action's (its first event's id:
        undo reverts a batch). The rows are written when the action ends (one executemany)."""
        if self._tip is None:
            self._tip = self._read_tip()
        last_id, prev_hash = self._tip
        event_id = last_id + 1
        if self._batch is None:
            self._batch = event_id
        values = (event_id, *fields[: _BATCH - 1], self._batch, *fields[_BATCH - 1 :])
        digest = event_hash(prev_hash, values)
        self._pending_events.append((*values, digest))
        self._tip = (event_id, digest)
        return event_id

    def _read_tip(self) -> tuple[int, str]:
        row = self.db.execute("SELECT id, hash FROM events ORDER BY id DESC LIMIT 1").fetchone()
        return (int(row[0]), str(row[1])) if row else (0, GENESIS_HASH)

    def _flush_events(self) -> None:
        """Write the buffered events and move the log's head to the last of them."""
        if not self._pending_events:
            return
        self.db.conn.executemany(INSERT_EVENT, self._pending_events)
        self._pending_events.clear()
        if self._tip is not None:
            self.db.conn.execute(
                "INSERT OR REPLACE INTO log_head (one, events, hash) VALUES (1, ?, ?)",
                self._tip,
            )

    def _shape(self, table: str) -> TableShape:
        shape = self._shapes.get(table)
        if shape is None:
            shape = self._shapes[table] = table_shape(self.db.conn, table)
        return shape

    def _insert(self, table: str, row: dict[str, Any]) -> int:
        """INSERT one row; plain SQL because sqlite-utils re-reads the schema per call."""
        columns = ", ".join(f'"{k}"' for k in row)
        marks = ", ".join("?" for _ in row)
        cursor = self.db.conn.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values())
        )
        return int(cursor.lastrowid or 0)

    def _row(self, entity: str, entity_id: int) -> dict[str, Any]:
        row = self._select_one(f"SELECT * FROM {ENTITY_TABLES[entity]} WHERE id = ?", entity_id)
        if row is None:
            raise NotFoundError(f"no {entity} with id {entity_id}: list them to find the id")
        return row

    def _select_one(self, sql: str, *params: Any) -> dict[str, Any] | None:
        """One row as a dict, in plain SQL: sqlite-utils' ``rows_where`` reads the schema
        twice a call, which every action paid for each row it read back."""
        cursor = self.db.conn.execute(sql, params)
        found = cursor.fetchone()
        if found is None:
            return None
        return dict(zip((d[0] for d in cursor.description), found, strict=True))

    # -- reads and writes the parts share ---------------------------------------

    def _insert_article(
        self,
        entity: str,
        row: dict[str, Any],
        reviewer: str,
        action: str,
        *,
        article_id: int | None = None,
    ) -> int:
        """INSERT an article (or, with its ``article_id``, an earlier version of one) and
        its event (which leaves out the text and original file); returns the id."""
        row_id = self._insert(ENTITY_TABLES[entity], row)
        self._event(
            reviewer,
            action,
            entity,
            row_id,
            None,
            {"id": row_id, **row},
            article_id=row_id if article_id is None else article_id,
        )
        return row_id

    def find_article(self, sha256: str) -> Article | None:
        row = self._select_one("SELECT * FROM articles WHERE sha256 = ? LIMIT 1", sha256)
        return to_article(row) if row is not None else None

    def get_article(self, article_id: int) -> Article:
        return to_article(self._row("article", article_id))

    def list_articles(self) -> list[Article]:
        return [to_article(r) for r in self.db.table("articles").rows_where(order_by="id")]

    def _insert_claim(
        self,
        article_id: int,
        p: ProposedClaim,
        origin: Origin,
        reviewer: str,
        action: str,
        now: str,
        status: ClaimStatus = ClaimStatus.PROPOSED,
        label_edited: bool = False,
    ) -> int:
        row = claim_row(article_id, p, origin, now, status, label_edited)
        return self._insert_claims(article_id, [row], reviewer, action)[0]

    def _insert_claims(
        self, article_id: int, rows: list[dict[str, Any]], reviewer: str, action: str
    ) -> list[int]:
        """INSERT claim rows (as ``_claim_row`` makes them) in one executemany, each with
        its event; returns their ids, given here as SQLite would (one past the largest)."""
        if not rows:
            return []
        found = self.db.conn.execute("SELECT coalesce(max(id), 0) FROM claims").fetchone()
        ids = list(range(int(found[0]) + 1, int(found[0]) + 1 + len(rows)))
        columns = ", ".join(f'"{k}"' for k in ("id", *rows[0]))
        marks = ", ".join("?" for _ in range(len(rows[0]) + 1))
        conn = self.db.conn
        # Indexed and counted in a few statements after (migrations 10 and 12): the
        # per-row triggers stand aside while claims_fts_bulk holds a row, which this
        # transaction alone sees.
        conn.execute("INSERT INTO claims_fts_bulk VALUES (1)")
        conn.executemany(
            f"INSERT INTO claims ({columns}) VALUES ({marks})",
            [(i, *row.values()) for i, row in zip(ids, rows, strict=True)],
        )
        conn.executemany(
            'INSERT INTO claims_fts (rowid, "text", "label", "note") VALUES (?, ?, ?, ?)',
            [
                (i, r["text"], r.get("label", ""), r.get("note", ""))
                for i, r in zip(ids, rows, strict=True)
            ],
        )
        for sql in BULK_SUMMARIES:
            conn.execute(sql, (ids[0], ids[-1]))
        conn.execute("DELETE FROM claims_fts_bulk")
        # Each claim's event as ``_event`` makes it, the lookups made once for them all.
        shape, clock, append = self._shape("claims"), self.clock, self._append_event
        for claim_id, row in zip(ids, rows, strict=True):
            at = clock()
            digest, logged = logged_insert(shape, "claim", claim_id, shape.lean_new(row), at)
            append((at, reviewer, action, "claim", claim_id, article_id, claim_id, None, None,
                    logged, digest))  # fmt: skip
        return ids

    def _update_claim(
        self, claim_id: int, changes: dict[str, Any], reviewer: str, action: str
    ) -> Claim:
        before = self._row("claim", claim_id)
        changes = {**changes, "updated_at": self.clock()}
        self.db.table("claims").update(claim_id, changes)
        after = self._row("claim", claim_id)
        self._event(
            reviewer,
            action,
            "claim",
            claim_id,
            before,
            after,
            article_id=before["article_id"],
            claim_id=claim_id,
        )
        return to_claim(after)

    def _update_row(
        self,
        entity: str,
        row_id: int,
        changes: dict[str, Any],
        reviewer: str,
        action: str,
        *,
        article_id: int,
        claim_id: int,
    ) -> dict[str, Any]:
        """UPDATE one row of a claim's grade or link with its event; returns the new row."""
        before = self._row(entity, row_id)
        self.db.table(ENTITY_TABLES[entity]).update(row_id, changes)
        after = self._row(entity, row_id)
        self._event(
            reviewer,
            action,
            entity,
            row_id,
            before,
            after,
            article_id=article_id,
            claim_id=claim_id,
        )
        return after

    def _delete_row(
        self,
        entity: str,
        row_id: int,
        reviewer: str,
        action: str,
        *,
        article_id: int,
        claim_id: int,
    ) -> None:
        """DELETE one row of a claim's grade or link; its event keeps the row (undo)."""
        before = self._row(entity, row_id)
        self.db.table(ENTITY_TABLES[entity]).delete(row_id)
        self._event(
            reviewer, action, entity, row_id, before, None, article_id=article_id, claim_id=claim_id
        )

    def claims(self, article_id: int, *, include_dismissed: bool = True) -> list[Claim]:
        where = "article_id = ?" + ("" if include_dismissed else " AND status != 'dismissed'")
        rows = self.db.table("claims").rows_where(where, [article_id], order_by="start, id")
        return [to_claim(r) for r in rows]

    def get_claim(self, claim_id: int) -> Claim:
        return to_claim(self._row("claim", claim_id))

    def get_citation(self, citation_id: int) -> Citation:
        return to_citation(self._row("citation", citation_id))

    def _insert_evidence(
        self, row: dict[str, Any], claim: Claim, reviewer: str, action: str
    ) -> int:
        """INSERT one evidence link of ``claim`` with its event; returns the link's id."""
        evidence_id = self._insert("evidence", row)
        self._event(
            reviewer,
            action,
            "evidence",
            evidence_id,
            None,
            {"id": evidence_id, **row},
            article_id=claim.article_id,
            claim_id=claim.id,
        )
        return evidence_id

    def get_evidence(self, evidence_id: int) -> Evidence:
        return to_evidence(self._row("evidence", evidence_id))

    def evidence_for(self, claim_id: int) -> list[Evidence]:
        """Links of a claim: supporting first, then stronger study designs first."""
        rows = list(self.db.table("evidence").rows_where("claim_id = ?", [claim_id]))
        links = [to_evidence(r) for r in rows]
        stance_order = {s: i for i, s in enumerate(STANCE_ORDER)}
        types = {
            c.id: c.evidence_type for c in map(self.get_citation, {e.citation_id for e in links})
        }
        return sorted(
            links,
            key=lambda e: (
                stance_order[e.stance],
                self.scales.evidence_rank(types[e.citation_id]),
                e.id,
            ),
        )

    def stale_claims(
        self, article_id: int | None = None, *, claim_id: int | None = None
    ) -> set[int]:
        """Claims whose verdict a person must check again: the words or numbers changed
        in a newer version of the article after the grade in force was given.

        With a final grade, that grade decides; without one, any reviewer's stale grade
        does (the published verdict needs every independent grade to still hold).
        """
        where = {"c.article_id = ?": article_id, "g.claim_id = ?": claim_id}
        used = {k: v for k, v in where.items() if v is not None}
        sql = (
            "SELECT DISTINCT g.claim_id FROM grades g JOIN claims c ON c.id = g.claim_id"
            " WHERE g.stale = 1 AND (g.final = 1 OR NOT EXISTS"
            " (SELECT 1 FROM grades f WHERE f.claim_id = g.claim_id AND f.final = 1))"
            + "".join(f" AND {k}" for k in used)
        )
        return {int(r[0]) for r in self.db.execute(sql, list(used.values())).fetchall()}

    def current_verdicts(
        self,
        article_id: int | None = None,
        *,
        claim_id: int | None = None,
        viewer: Viewer | None = None,
    ) -> dict[int, str]:
        """claim id -> the verdict in force: the final one, else the latest grade.

        With a ``viewer``, of the grades that person may see (``annotator.grades.visibility``),
        and the viewer's own grade before others' until a final verdict settles the claim:
        a reviewer's list must not show a colleague's later verdict as if it were theirs.
        """
        where = {"c.article_id = ?": article_id, "g.claim_id = ?": claim_id}
        used = {k: v for k, v in where.items() if v is not None}
        sql = (
            "SELECT g.claim_id, g.verdict, g.reviewer, g.final FROM grades g"
            " JOIN claims c ON c.id = g.claim_id"
            + (" WHERE " + " AND ".join(used) if used else "")
            + " ORDER BY g.final, g.graded_at, g.id"
        )
        rows = self.db.execute(sql, list(used.values())).fetchall()
        if viewer is not None and not viewer.sees_all:
            mine = {cid for cid, _v, who, final in rows if who == viewer.name and not final}
            rows = [r for r in rows if may_see(viewer, r[2], r[0] in mine)]
        if viewer is not None:  # stable: finals last, then the viewer's own grade
            rows.sort(key=lambda r: (bool(r[3]), r[2] == viewer.name and not r[3]))
        return {int(cid): str(v) for cid, v, _who, _final in rows}


def claim_row(
    article_id: int,
    p: ProposedClaim,
    origin: Origin,
    now: str,
    status: ClaimStatus = ClaimStatus.PROPOSED,
    label_edited: bool = False,
) -> dict[str, Any]:
    """The claims row of a proposed claim."""
    return {
        "article_id": article_id,
        "start": p.start,
        "end": p.end,
        "text": p.text,
        "label": p.label,
        "score": p.score,
        "reasons": reasons_json(tuple(p.reasons)),
        "status": str(status),
        "origin": str(origin),
        "sentence_start": p.sentence_start,
        "sentence_end": p.sentence_end,
        "quantities": quantities_json(p.quantities),
        "label_edited": int(label_edited),
        "note": "",
        "created_at": now,
        "updated_at": now,
    }
