"""The assignments part of Store: which reviewers an editor gave an article to check.

One row per article and reviewer. Assigning and unassigning are user actions like any
other (one transaction, an event per row), so ``undo``, ``history`` and ``verify``
cover them; who may assign is the app's rule (``app/assigning.py``), not the store's.
"""

from __future__ import annotations

from collections.abc import Iterable

from annotator.model import Assignment
from annotator.store._base import StoreBase
from annotator.store._rows import to_assignment


class AssignmentActions(StoreBase):
    """Store methods on assignments."""

    def assign_article(
        self, article_id: int, reviewers: Iterable[str], *, by: str
    ) -> list[Assignment]:
        """Assign ``article_id`` to each of ``reviewers`` not yet on it, as one action by
        ``by``; returns the assignments made (those already there are left as they are)."""
        self.get_article(article_id)
        names = list(dict.fromkeys(reviewers))
        made: list[Assignment] = []
        with self._action():
            present = {a.reviewer for a in self.assignments(article_id=article_id)}
            now = self.clock()
            for name in names:
                if name in present:
                    continue
                row = {
                    "article_id": article_id,
                    "reviewer": name,
                    "assigned_by": by,
                    "assigned_at": now,
                }
                row_id = self._insert("assignments", row)
                self._event(
                    by,
                    "assign",
                    "assignment",
                    row_id,
                    None,
                    {"id": row_id, **row},
                    article_id=article_id,
                )
                made.append(to_assignment({"id": row_id, **row}))
        return made

    def unassign_article(
        self, article_id: int, reviewers: Iterable[str], *, by: str
    ) -> list[Assignment]:
        """Take ``article_id`` from each of ``reviewers``, as one action by ``by``;
        returns the assignments removed (a reviewer not on it is passed over)."""
        self.get_article(article_id)
        names = set(reviewers)
        removed: list[Assignment] = []
        with self._action():
            for assignment in self.assignments(article_id=article_id):
                if assignment.reviewer not in names:
                    continue
                before = self._row("assignment", assignment.id)
                self.db.conn.execute("DELETE FROM assignments WHERE id = ?", [assignment.id])
                self._event(
                    by,
                    "unassign",
                    "assignment",
                    assignment.id,
                    before,
                    None,
                    article_id=article_id,
                )
                removed.append(assignment)
        return removed

    def bring_in_assignments(
        self, assignments: Iterable[Assignment], *, reviewer: str
    ) -> list[Assignment]:
        """Another file's assignments (article ids already this file's), each with who
        assigned it and when, as there; one action by ``reviewer``, who merges. A pair
        already here is skipped, never overwritten. Returns those added."""
        added: list[Assignment] = []
        with self._action():
            for a in assignments:
                self.get_article(a.article_id)
                if self.assignments(article_id=a.article_id, reviewer=a.reviewer):
                    continue
                row = {
                    "article_id": a.article_id,
                    "reviewer": a.reviewer,
                    "assigned_by": a.assigned_by,
                    "assigned_at": a.assigned_at,
                }
                row_id = self._insert("assignments", row)
                self._event(
                    reviewer,
                    "merge-in",
                    "assignment",
                    row_id,
                    None,
                    {"id": row_id, **row},
                    article_id=a.article_id,
                )
                added.append(to_assignment({"id": row_id, **row}))
        return added

    def taken_off(self, article_id: int, reviewer: str) -> tuple[str, str] | None:
        """Who last took ``reviewer`` off ``article_id`` here and when (an unassign, or
        an undo of the assignment), or None if nobody ever did."""
        row = self.db.execute(
            "SELECT reviewer, at FROM events WHERE article_id = ? AND entity = 'assignment'"
            " AND after IS NULL AND json_extract(before, '$.reviewer') = ?"
            " ORDER BY id DESC LIMIT 1",
            [article_id, reviewer],
        ).fetchone()
        return None if row is None else (str(row[0]), str(row[1]))

    def assignments(
        self, *, article_id: int | None = None, reviewer: str | None = None
    ) -> list[Assignment]:
        """Assignments (of one article, of one reviewer, or all), by article then name."""
        where = {"article_id = ?": article_id, "reviewer = ?": reviewer}
        used = {k: v for k, v in where.items() if v is not None}
        sql = "SELECT * FROM assignments" + (" WHERE " + " AND ".join(used) if used else "")
        cursor = self.db.execute(sql + " ORDER BY article_id, reviewer", list(used.values()))
        names = [d[0] for d in cursor.description]
        return [to_assignment(dict(zip(names, r, strict=True))) for r in cursor]

    def progress(self, reviewer: str, article_ids: Iterable[int]) -> dict[int, tuple[int, int]]:
        """article id -> (claims ``reviewer`` graded, live claims): of each article's live
        (not dismissed) claims, how many carry an own (non-final) grade of theirs. Counts
        only; no grade is read."""
        ids = list(dict.fromkeys(article_ids))
        if not ids:
            return {}
        marks = ", ".join("?" for _ in ids)
        rows = self.db.execute(
            "SELECT c.article_id, count(DISTINCT g.claim_id), count(DISTINCT c.id)"
            " FROM claims c LEFT JOIN grades g"
            " ON g.claim_id = c.id AND g.reviewer = ? AND g.final = 0"
            f" WHERE c.status != 'dismissed' AND c.article_id IN ({marks})"
            " GROUP BY c.article_id",
            [reviewer, *ids],
        ).fetchall()
        counts = dict.fromkeys(ids, (0, 0))
        counts.update({int(a): (int(g), int(n)) for a, g, n in rows})
        return counts

    def article_titles(self, article_ids: Iterable[int]) -> dict[int, str]:
        """article id -> title, for the ids that name an article (texts are not read)."""
        ids = list(dict.fromkeys(article_ids))
        if not ids:
            return {}
        marks = ", ".join("?" for _ in ids)
        rows = self.db.execute(f"SELECT id, title FROM articles WHERE id IN ({marks})", ids)
        return {int(i): str(t) for i, t in rows}

    def known_reviewers(self) -> list[str]:
        """Everyone the desk has seen at work: who graded, linked or was assigned."""
        rows = self.db.execute(
            "SELECT reviewer FROM grades UNION SELECT reviewer FROM evidence"
            " UNION SELECT reviewer FROM assignments ORDER BY 1"
        ).fetchall()
        return [str(r[0]) for r in rows if r[0]]
