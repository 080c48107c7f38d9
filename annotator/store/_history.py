"""The history part of Store: the event log, its hash chain, undo, and remembered state."""

from __future__ import annotations

from typing import Any

from annotator.errors import InputError
from annotator.model import Event
from annotator.store._base import ENTITY_TABLES, GENESIS_HASH, StoreBase, event_hash
from annotator.store._rows import to_event
from annotator.visibility import Viewer, visible_events


class HistoryActions(StoreBase):
    """Store methods on the event log and the remembered state."""

    # -- history and undo ---------------------------------------------------------

    def history(self, claim_id: int, *, viewer: Viewer | None = None) -> list[Event]:
        """The events of a claim, oldest first; with a ``viewer``, those they may see."""
        rows = self.db.table("events").rows_where("claim_id = ?", [claim_id], order_by="id")
        events = [to_event(r) for r in rows]
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
        return [to_event(r) for r in self.db.table("events").rows_where(order_by="id")]

    def verify_chain(self) -> int | None:
        """The id of the first event whose hash does not follow; None when intact."""
        prev = GENESIS_HASH
        for row in self.db.table("events").rows_where(order_by="id"):
            event = to_event(row)
            fields = {
                "at": event.at,
                "reviewer": event.reviewer,
                "action": event.action,
                "entity": event.entity,
                "entity_id": event.entity_id,
                "article_id": event.article_id,
                "claim_id": event.claim_id,
                "before": event.before,
                "after": event.after,
                "undoes": event.undoes,
            }
            if row["prev_hash"] != prev or event_hash(prev, fields) != row["hash"]:
                return event.id
            prev = row["hash"]
        return None

    def integrity_check(self) -> str:
        """SQLite's own check of the file: "ok", or the first problem it found."""
        row = self.db.execute("PRAGMA integrity_check").fetchone()
        return str(row[0]) if row else "ok"

    def undo_last(self, *, reviewer: str, article_id: int | None = None) -> list[Event]:
        """Revert ``reviewer``'s last action that is not yet undone; its events, or []."""
        sql = (
            "SELECT batch FROM events e WHERE reviewer = ? AND undoes IS NULL"
            " AND action != 'import' AND batch IS NOT NULL"
            " AND NOT EXISTS (SELECT 1 FROM events u WHERE u.undoes = e.batch)"
            + (" AND article_id = ?" if article_id is not None else "")
            + " ORDER BY id DESC LIMIT 1"
        )
        params: list[Any] = [reviewer] + ([article_id] if article_id is not None else [])
        found = self.db.execute(sql, params).fetchone()
        if not found:
            return []
        batch = int(found[0])
        rows = list(self.db.table("events").rows_where("batch = ?", [batch], order_by="id DESC"))
        with self._action():
            for row in rows:
                event = to_event(row)
                table = self.db.table(ENTITY_TABLES[event.entity])
                if event.entity == "article" and event.before is None:
                    raise InputError("an import cannot be undone: delete the article instead")
                if event.before is None:
                    table.delete(event.entity_id)
                elif event.after is None:
                    table.insert(event.before)
                else:
                    table.update(event.entity_id, event.before)
                self._event(
                    reviewer,
                    "undo",
                    event.entity,
                    event.entity_id,
                    event.after,
                    event.before,
                    article_id=event.article_id,
                    claim_id=event.claim_id,
                    undoes=batch,
                )
        return [to_event(r) for r in rows]

    # -- remembered state ---------------------------------------------------------

    def get_state(self, key: str, default: str = "") -> str:
        row = self.db.execute("SELECT value FROM state WHERE key = ?", [key]).fetchone()
        return str(row[0]) if row else default

    def set_state(self, key: str, value: str) -> None:
        with self.db.atomic():
            self.db.table("state").upsert({"key": key, "value": value}, pk="key")
