"""The history part of Store: the event log, verifying it, undo and redo, remembered state.

Undo and redo are personal and exact: they revert the fields the reviewer's own action
changed, leave later changes by others in place, and refuse (changing nothing but
noting the refusal in the log, so the next undo goes on) where a later change collides.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any

from annotator.grades.visibility import Viewer, visible_events
from annotator.model import Event, LogHead, LogProblem, LogReport, Reversal
from annotator.store._base import ENTITY_TABLES, StoreBase
from annotator.store._event_log import (
    BOOKKEEPING,
    EVENT_COLUMNS,
    EVENT_SELECT_LIST,
    GENESIS_HASH,
    STORED_EVENT_COLUMNS,
    event_hash,
)
from annotator.store._opening import locked
from annotator.store._rows import to_event

# Actions that start a batch undo can revert; the rest are bookkeeping of the log itself.
_NOT_UNDOABLE = ("import", "undo", "undo-skipped", "redo-skipped", "migrate")
# Actions after which a reviewer's redo stack is empty again: any new work of theirs.
_NOT_NEW_WORK = ("undo", "redo", "undo-skipped", "redo-skipped", "migrate")
# Rows that hang on a row of a table (table -> (child table, its column)).
_CHILDREN = {
    "articles": (
        ("claims", "article_id"),
        ("article_versions", "article_id"),
        ("assignments", "article_id"),
    ),
    "claims": (("grades", "claim_id"), ("evidence", "claim_id")),
    "citations": (("evidence", "citation_id"),),
}
# How many problems verify names; it counts the rest.
PROBLEM_LIMIT = 50

_SELECT_EVENTS = (
    "SELECT e.*, (SELECT p.hash FROM events p WHERE p.id < e.id ORDER BY p.id DESC LIMIT 1)"
    " AS prev_hash FROM events e"
)


class _Blocked(Exception):
    """An undo or redo that would overwrite someone's later change; nothing is applied."""


class HistoryActions(StoreBase):
    """Store methods on the event log and the remembered state."""

    # -- reading the log ----------------------------------------------------------

    def history(self, claim_id: int, *, viewer: Viewer | None = None) -> list[Event]:
        """The events of a claim, oldest first; with a ``viewer``, those they may see."""
        rows = self.db.query(f"{_SELECT_EVENTS} WHERE e.claim_id = ? ORDER BY e.id", [claim_id])
        events = [to_event(dict(r)) for r in rows]
        if not events:
            self.get_claim(claim_id)
        if viewer is None or viewer.sees_all:
            return events
        graded_it = self.db.execute(
            "SELECT 1 FROM grades WHERE claim_id = ? AND reviewer = ? AND final = 0",
            [claim_id, viewer.name],
        ).fetchone()
        return visible_events(events, viewer, graded_it is not None)

    def events(self) -> list[Event]:
        return [to_event(dict(r)) for r in self.db.query(f"{_SELECT_EVENTS} ORDER BY e.id")]

    def _batch_events(self, batch: int) -> list[Event]:
        rows = self.db.query(f"{_SELECT_EVENTS} WHERE e.batch = ? ORDER BY e.id", [batch])
        return [to_event(dict(r)) for r in rows]

    def log_head(self) -> LogHead | None:
        """The head stored apart from the events (None when it is missing)."""
        try:
            row = self.db.execute("SELECT events, hash FROM log_head WHERE one = 1").fetchone()
        except sqlite3.Error:
            return None
        if row is None or not isinstance(row[0], int) or not isinstance(row[1], str):
            return None
        return LogHead(int(row[0]), str(row[1]))

    # -- verifying ----------------------------------------------------------------

    def verify_chain(self) -> int | None:
        """The id of the first event that does not follow; None when the log is intact."""
        report = self.verify_log()
        if report.intact:
            return None
        return report.first_broken_event or 0

    def verify_log(self, expect: LogHead | None = None) -> LogReport:
        """Check the chain, the stored head, and that every row is what the log says.

        One pass over the events in order (memory stays flat however long the log),
        then one ordered pass per table beside the last event of each of its rows.
        Never raises on a damaged row: each is named in the report.
        """
        problems = _Problems()
        count, last_hash, rows_checked = 0, GENESIS_HASH, 0
        try:
            count, last_hash = self._verify_chain(problems, expect)
        except sqlite3.Error as exc:
            problems.add("events", f"the event log cannot be read ({exc})")
        head = LogHead(count, last_hash)
        stored = self.log_head()
        if stored is None:
            if count:
                problems.add("log head", "missing: the head kept apart from the log is gone")
        elif stored != head:
            problems.add(
                "log head",
                f"says {stored.events} events ending in {stored.hash[:16]}, the log has"
                f" {count} ending in {last_hash[:16]}: events were removed or added"
                " outside annotator",
            )
        if expect is not None and count < expect.events:
            problems.add(
                "log head",
                f"the log has {count} events, fewer than the {expect.events} of the head"
                " given to --expect: events were removed",
            )
        for entity, table in ENTITY_TABLES.items():
            try:
                rows_checked += self._verify_rows(entity, table, problems)
            except sqlite3.Error as exc:
                problems.add(table, f"cannot be read ({exc})")
        self._verify_summaries(problems)
        return LogReport(
            head=head,
            stored_head=stored,
            events=count,
            rows_checked=rows_checked,
            problems=tuple(problems.listed),
            more_problems=problems.more,
        )

    def _verify_summaries(self, problems: _Problems) -> None:
        """The summaries and search indexes that triggers keep beside the rows, recounted
        from the rows: the listings, stats and searches read them, not the rows, so an
        edit of one would change what people see while every row still proves out."""
        for table, differences in _SUMMARY_DIFFERENCES:
            try:
                keys = sorted({row[0] for row in self.db.execute(differences)})
            except sqlite3.Error as exc:
                problems.add(table, f"cannot be read ({exc})")
                continue
            for key in keys:
                problems.add(
                    f"{table} {key}",
                    "differs from what the rows it sums up say: changed outside annotator",
                )
        for index in ("claims_fts", "citations_fts"):
            try:
                # rank 1: the index is checked against the rows it indexes, not only itself.
                self.db.execute(
                    f"INSERT INTO {index} ({index}, rank) VALUES ('integrity-check', 1)"
                )
            except sqlite3.Error:
                problems.add(
                    index,
                    "the search index does not match the rows it indexes: changed outside"
                    " annotator",
                )

    def _verify_chain(self, problems: _Problems, expect: LogHead | None) -> tuple[int, str]:
        cursor = self.db.conn.execute(f"SELECT {EVENT_SELECT_LIST} FROM events ORDER BY id")
        prev, count, last_id = GENESIS_HASH, 0, None
        for row in cursor:
            count += 1
            where = f"event {row[0]}"
            for fault in _malformed(row):
                problems.add(where, fault)
            if last_id is not None and isinstance(row[0], int) and row[0] <= last_id:
                problems.add(where, "out of order")
            try:
                expected = event_hash(prev, tuple(row[: len(EVENT_COLUMNS)]))
            except (TypeError, ValueError):
                expected = ""
            if expected != row[-1]:
                problems.add(
                    where,
                    "its hash does not follow from its content and the event before:"
                    " it was changed after it was written",
                )
            prev = row[-1] if isinstance(row[-1], str) else ""
            last_id = row[0] if isinstance(row[0], int) else last_id
            if expect is not None and count == expect.events and prev != expect.hash:
                problems.add(
                    where,
                    "differs from the head given to --expect: the log was rewritten since",
                )
        return count, prev

    def _verify_rows(self, entity: str, table: str, problems: _Problems) -> int:
        """Each row of ``table`` beside the digest its last event recorded (a merge of
        two ordered streams)."""
        shape = self._shape(table)
        expected = self.db.conn.execute(
            "SELECT entity_id, max(id), row FROM events WHERE entity = ?"
            " AND typeof(entity_id) = 'integer' GROUP BY entity_id ORDER BY entity_id",
            [entity],
        )
        current = self.db.conn.execute(f"SELECT * FROM {table} ORDER BY id")
        names = [d[0] for d in current.description]
        logged = _next(expected)
        checked = 0
        for values in current:
            row = dict(zip(names, values, strict=True))
            row_id = int(row["id"])
            checked += 1
            while logged is not None and logged[0] < row_id:
                if logged[2] is not None:
                    problems.add(f"{table} {logged[0]}", "deleted outside annotator")
                logged = _next(expected)
            if logged is None or logged[0] != row_id:
                problems.add(f"{table} {row_id}", "not in the log: added outside annotator")
                continue
            digest = shape.digest(entity, int(row_id), row)  # whole, as stored
            if logged[2] is None:
                problems.add(f"{table} {row_id}", "deleted in the log but present")
            elif digest != logged[2]:
                problems.add(
                    f"{table} {row_id}",
                    f"differs from what event {logged[1]} recorded: changed outside annotator",
                )
            logged = _next(expected)
        while logged is not None:
            if logged[2] is not None:
                problems.add(f"{table} {logged[0]}", "deleted outside annotator")
            logged = _next(expected)
        return checked

    def integrity_check(self) -> str:
        """SQLite's own check of the file: "ok", or the first problem it found."""
        row = self.db.execute("PRAGMA integrity_check").fetchone()
        return str(row[0]) if row else "ok"

    # -- undo and redo --------------------------------------------------------------

    def undo_last(self, *, reviewer: str, article_id: int | None = None) -> list[Event]:
        """Undo ``reviewer``'s last action; its events, or [] when nothing was undone."""
        result = self.undo(reviewer=reviewer, article_id=article_id)
        return list(result.original) if result is not None and result.done else []

    def undo(self, *, reviewer: str, article_id: int | None = None) -> Reversal | None:
        """Revert ``reviewer``'s last action not yet undone (None when there is none)."""
        sql = (
            "SELECT e.batch FROM events e WHERE e.id = e.batch AND e.reviewer = ?"
            f" AND e.action NOT IN ({_marks(_NOT_UNDOABLE)})"
            " AND NOT EXISTS (SELECT 1 FROM events u WHERE u.undoes = e.batch)"
            + (" AND e.article_id = ?" if article_id is not None else "")
            + " ORDER BY e.id DESC LIMIT 1"
        )
        params = [reviewer, *_NOT_UNDOABLE] + ([article_id] if article_id is not None else [])
        found = self.db.execute(sql, params).fetchone()
        if not found:
            return None
        batch = self._batch_events(int(found[0]))
        original = batch
        if batch[0].action == "redo" and batch[0].undoes is not None:
            # Undoing a redo: the action it redid is what the reviewer sees undone.
            original = self._original_of(batch[0].undoes)
        return self._revert(batch, original, reviewer, "undo")

    def redo(self, *, reviewer: str, article_id: int | None = None) -> Reversal | None:
        """Redo ``reviewer``'s last undo, unless they did new work since (None then)."""
        sql = (
            "SELECT e.batch FROM events e WHERE e.id = e.batch AND e.reviewer = ?"
            " AND e.action = 'undo'"
            " AND NOT EXISTS (SELECT 1 FROM events u WHERE u.undoes = e.batch)"
            + (" AND e.article_id = ?" if article_id is not None else "")
            + " ORDER BY e.id DESC LIMIT 1"
        )
        params: list[Any] = [reviewer] + ([article_id] if article_id is not None else [])
        found = self.db.execute(sql, params).fetchone()
        if not found:
            return None
        newer = self.db.execute(
            "SELECT 1 FROM events n WHERE n.id > ? AND n.id = n.batch AND n.reviewer = ?"
            f" AND n.action NOT IN ({_marks(_NOT_NEW_WORK)}) LIMIT 1",
            [int(found[0]), reviewer, *_NOT_NEW_WORK],
        ).fetchone()
        if newer:
            return None
        batch = self._batch_events(int(found[0]))
        undone = batch[0].undoes
        original = self._original_of(undone) if undone is not None else batch
        return self._revert(batch, original, reviewer, "redo")

    def _original_of(self, batch: int) -> list[Event]:
        """The reviewer's own action behind a chain of undos and redos."""
        events = self._batch_events(batch)
        while events and events[0].action in ("undo", "redo") and events[0].undoes is not None:
            events = self._batch_events(events[0].undoes)
        return events

    def _revert(
        self, batch: list[Event], original: list[Event], reviewer: str, kind: str
    ) -> Reversal:
        claim_id = next((e.claim_id for e in original if e.claim_id is not None), None)
        try:
            try:
                with self._action():
                    # References are checked once every row is back, not row by row: a
                    # link a merge moved off a citation it then deleted comes back first
                    # when a later event of the batch touched it (the quote re-checked).
                    self.db.execute("PRAGMA defer_foreign_keys = ON")
                    for key_events in _in_revert_order(batch):
                        self._revert_row(key_events, reviewer, kind, batch[0].batch or 0)
            except sqlite3.IntegrityError:  # at the commit: a reference left dangling
                raise _Blocked(
                    "it cannot come back whole: something it belonged to was deleted since"
                ) from None
        except _Blocked as why:
            # Nothing was changed; the refusal is noted so the next undo goes further back.
            # It names the batch, not a row: no row's recorded state changes.
            with self._action():
                first = batch[0]
                self._event(
                    reviewer,
                    f"{kind}-skipped",
                    "batch",
                    first.batch or first.id,
                    None,
                    None,
                    article_id=first.article_id,
                    claim_id=first.claim_id,
                    undoes=first.batch,
                )
            return Reversal(kind, reviewer, tuple(original), claim_id, blocked=str(why))
        return Reversal(kind, reviewer, tuple(original), claim_id)

    def _revert_row(self, events: list[Event], reviewer: str, kind: str, batch: int) -> None:
        """Put one row back as it was before ``events`` (one batch's events on it)."""
        first, last = events[0], events[-1]
        table_name = ENTITY_TABLES[first.entity]
        shape = self._shape(table_name)
        current = self._current(table_name, first.entity_id)
        existed = first.before is not None or first.after is None
        exists = last.after is not None
        if first.before is None and first.after is None:
            return  # an event that recorded no row (nothing to put back)
        if not existed and not exists:
            return
        label = f"{first.entity} {first.entity_id}"
        if not existed:  # the action made the row: take it away, if nobody changed it
            if current is None:
                raise _Blocked(f"{self._who_since(last)} deleted {label} since")
            if shape.digest(first.entity, first.entity_id, current) != last.row:
                raise _Blocked(f"{self._who_since(last)} changed {label} since")
            self._check_no_children(table_name, first.entity_id, label)
            self.db.conn.execute(f"DELETE FROM {table_name} WHERE id = ?", [first.entity_id])
            after: dict[str, Any] | None = None
        elif not exists:  # the action removed the row: put it back whole
            if current is not None:
                raise _Blocked(f"{label} is back already")
            target = {"id": first.entity_id, **(last.before or {})}
            for e in reversed(events[:-1]):
                target.update(e.before or {})
            try:
                self._insert(table_name, target)
            except sqlite3.IntegrityError:
                raise _Blocked(
                    f"{label} cannot come back: what it belonged to was deleted since"
                ) from None
            after = target
        else:  # the action changed fields: change back those nobody changed since
            if current is None:
                raise _Blocked(f"{self._who_since(last)} deleted {label} since")
            old: dict[str, Any] = {}
            new: dict[str, Any] = {}
            for e in events:
                for k, v in (e.before or {}).items():
                    old.setdefault(k, v)
                new.update(e.after or {})
            changes: dict[str, Any] = {}
            for k, v in new.items():
                if old.get(k) == v:
                    continue
                if current.get(k) == v:
                    changes[k] = old.get(k)
                elif k not in BOOKKEEPING:
                    raise _Blocked(f"{self._who_since(last)} changed the {k} of {label} since")
            if changes:
                sets = ", ".join(f'"{k}" = ?' for k in changes)
                try:
                    self.db.conn.execute(
                        f"UPDATE {table_name} SET {sets} WHERE id = ?",
                        [*changes.values(), first.entity_id],
                    )
                except sqlite3.IntegrityError:
                    raise _Blocked(f"{label} cannot change back: it would clash") from None
            after = {**current, **changes}
        self._event(
            reviewer,
            kind,
            first.entity,
            first.entity_id,
            current,
            after,
            article_id=first.article_id,
            claim_id=first.claim_id,
            undoes=batch,
        )

    def _check_no_children(self, table: str, row_id: int, label: str) -> None:
        """Taking a row away must not take others' later rows with it (a grade on a
        claim a split made, say): refuse when rows outside the batch hang on it."""
        for child, column in _CHILDREN.get(table, ()):
            found = self.db.execute(
                f"SELECT id FROM {child} WHERE {column} = ? LIMIT 1", [row_id]
            ).fetchone()
            if found is None:
                continue
            entity = next(e for e, t in ENTITY_TABLES.items() if t == child)
            who = self.db.execute(
                "SELECT reviewer, action FROM events WHERE entity = ? AND entity_id = ?"
                " ORDER BY id DESC LIMIT 1",
                [entity, int(found[0])],
            ).fetchone()
            by = f"{who[0]} ({who[1]})" if who else "someone"
            raise _Blocked(f"{by} added a {entity.replace('_', ' ')} to {label} since")

    def _current(self, table: str, row_id: int) -> dict[str, Any] | None:
        cursor = self.db.conn.execute(f"SELECT * FROM {table} WHERE id = ?", [row_id])
        found = cursor.fetchone()
        if found is None:
            return None
        return self._shape(table).normalize(
            dict(zip([d[0] for d in cursor.description], found, strict=True))
        )

    def _who_since(self, last: Event) -> str:
        """Who last touched the row of ``last`` after it (for the one-line refusal)."""
        sql = "SELECT reviewer, action FROM events WHERE entity = ? AND entity_id = ? AND id > ?"
        params: list[Any] = [last.entity, last.entity_id, last.id]
        if last.claim_id is not None:
            sql += " AND claim_id = ?"
            params.append(last.claim_id)
        found = self.db.execute(sql + " ORDER BY id DESC LIMIT 1", params).fetchone()
        if found is None and last.claim_id is not None:
            found = self.db.execute(
                "SELECT reviewer, action FROM events WHERE entity = 'claim' AND entity_id = ?"
                " AND id > ? ORDER BY id DESC LIMIT 1",
                [last.claim_id, last.id],
            ).fetchone()
        if found is None:
            return "someone"
        return f"{found[0]} ({found[1]})"

    # -- remembered state ---------------------------------------------------------

    def get_state(self, key: str, default: str = "") -> str:
        row = self.db.execute("SELECT value FROM state WHERE key = ?", [key]).fetchone()
        return str(row[0]) if row else default

    def set_state(self, key: str, value: str) -> bool:
        """Remember ``value`` under ``key`` (a screen's place, the theme); False when it
        could not be kept this time.

        Not a user action: when another writer holds the file past the busy timeout (a
        long merge, a colleague's import, a ``sqlite3`` shell left in a transaction) or
        the file is read-only, the place is not remembered, and no key press fails.
        """
        # One statement, no read before it: a deferred transaction that read the schema
        # first (sqlite-utils' upsert) failed at once with "database is locked" when a
        # worker committed in between, since its snapshot was then stale; a lone INSERT
        # waits for the write lock like every other writer.
        try:
            with self.db.conn:
                self.db.conn.execute(
                    "INSERT INTO state (key, value) VALUES (?, ?)"
                    " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    [key, value],
                )
        except sqlite3.OperationalError as exc:
            if locked(exc) or "readonly" in str(exc):
                return False
            raise
        return True


def _both_ways(kept: str, counted: str) -> str:
    """The rows one query has and the other lacks, either way round (key first)."""
    return f"SELECT * FROM ({kept} EXCEPT {counted}) UNION SELECT * FROM ({counted} EXCEPT {kept})"


# Each kept summary (migration 9) beside the same figures counted from the rows. An
# article with no claims has no article_counts row, or one of zeros (its claims deleted).
_SUMMARY_DIFFERENCES = (
    (
        "article_counts",
        _both_ways(
            "SELECT article_id, live, dismissed FROM article_counts"
            " WHERE live != 0 OR dismissed != 0",
            "SELECT article_id, sum(status != 'dismissed'), sum(status = 'dismissed')"
            " FROM claims GROUP BY article_id",
        ),
    ),
    (
        "claim_verdicts",
        _both_ways(
            "SELECT claim_id, article_id, live, verdict FROM claim_verdicts",
            "SELECT g.claim_id, c.article_id, c.status != 'dismissed', g.verdict"
            " FROM grades g JOIN claims c ON c.id = g.claim_id"
            " WHERE g.id = (SELECT id FROM grades WHERE claim_id = g.claim_id"
            " ORDER BY final DESC, graded_at DESC, id DESC LIMIT 1)",
        ),
    ),
)


class _Problems:
    """The first PROBLEM_LIMIT problems, and how many more there were."""

    def __init__(self) -> None:
        self.listed: list[LogProblem] = []
        self.more = 0

    def add(self, where: str, what: str) -> None:
        if len(self.listed) < PROBLEM_LIMIT:
            self.listed.append(LogProblem(where, what))
        else:
            self.more += 1


def _malformed(row: tuple[Any, ...]) -> Iterator[str]:
    """What is wrong with the shape of one event row (its types and its JSON)."""
    values = dict(zip(STORED_EVENT_COLUMNS, row, strict=True))
    for column in ("id", "entity_id", "batch"):
        if not isinstance(values[column], int):
            yield f"{column} is not a whole number"
    for column in ("article_id", "claim_id", "undoes"):
        if values[column] is not None and not isinstance(values[column], int):
            yield f"{column} is not a whole number"
    for column in ("at", "reviewer", "action", "entity"):
        if not isinstance(values[column], str):
            yield f"{column} is not text"
    for column in ("before", "after"):
        text = values[column]
        if text is not None and not (isinstance(text, str) and _is_json_object(text)):
            yield f"{column} is not a JSON object"
    if values["row"] is not None and not isinstance(values["row"], str):
        yield "row is not a digest"
    digest = values["hash"]
    if not (isinstance(digest, str) and len(digest) == 64):
        yield "hash is not a SHA-256 digest"


def _is_json_object(text: str) -> bool:
    try:
        return isinstance(json.loads(text), dict)
    except ValueError:
        return False


def _next(cursor: sqlite3.Cursor) -> tuple[int, int, str | None] | None:
    row = cursor.fetchone()
    return None if row is None else (int(row[0]), int(row[1]), row[2])


def _marks(values: tuple[str, ...]) -> str:
    return ", ".join("?" for _ in values)


def _in_revert_order(events: list[Event]) -> list[list[Event]]:
    """A batch's events grouped by the row they touched, the row touched last first
    (a batch is reverted backwards: a deleted article comes back before its claims),
    and the rows the batch made, to be taken away, after the others: a row is taken
    away only once the rows moved onto it (the links a citation merge's undo moved to
    the citation it brought back) have moved back off it."""
    groups: dict[tuple[str, int], list[Event]] = {}
    for e in events:
        if e.entity in ENTITY_TABLES:
            groups.setdefault((e.entity, e.entity_id), []).append(e)

    def made(group: list[Event]) -> bool:
        return group[0].before is None and group[0].after is not None

    return sorted(groups.values(), key=lambda g: (made(g), -g[-1].id))
