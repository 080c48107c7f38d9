"""The grades part of Store: grading claims, reading grades, and bringing in another file.

Bringing in (``annotator.app.merge_file`` decides what is new) sits here because grades are what
a colleague's file is merged for; it adds their articles, claims and links as well.
"""

from __future__ import annotations

import json
from typing import Any

from annotator.errors import InputError
from annotator.grades.visibility import Viewer, visible_grades
from annotator.model import (
    GRADE_REASONS,
    Article,
    Claim,
    Evidence,
    Grade,
    ProposedClaim,
    sha256_text,
)
from annotator.store._base import StoreBase
from annotator.store._rows import to_grade

# The columns of a link or grade as another file holds them (its id is not kept).
_EVIDENCE_COLUMNS = (
    "claim_id",
    "citation_id",
    "stance",
    "quote",
    "locator",
    "quote_verified",
    "quote_match",
    "note",
    "reviewer",
    "created_at",
    "updated_at",
)
_GRADE_COLUMNS = (
    "claim_id",
    "reviewer",
    "verdict",
    "certainty",
    "reasons",
    "note",
    "graded_at",
    "final",
)


def _grade_slot(claim_id: int, reviewer: str, final: bool) -> tuple[str, list[Any]]:
    """WHERE (and its parameters) for the grade a new one replaces: a claim holds one
    grade per reviewer and one final grade."""
    if final:
        return "claim_id = ? AND final = 1", [claim_id]
    return "claim_id = ? AND reviewer = ? AND final = 0", [claim_id, reviewer]


class GradeActions(StoreBase):
    """Store methods on grades, and on bringing in a colleague's file."""

    # -- grades -----------------------------------------------------------------

    def grade_claim(
        self,
        claim_id: int,
        verdict: str,
        *,
        reviewer: str,
        certainty: str = "",
        reasons: tuple[str, ...] = (),
        note: str = "",
        final: bool = False,
    ) -> Grade:
        """Set ``reviewer``'s current grade (or the final one) of a claim."""
        claim = self.get_claim(claim_id)
        level = self.scales.verdict.validate(verdict)
        cert = self.scales.certainty.validate(certainty, "certainty").key if certainty else ""
        if final and not note.strip():
            raise InputError(
                f"a final verdict on claim {claim_id} needs a reason: give it as the note (--note)"
            )
        bad = [r for r in reasons if r not in GRADE_REASONS]
        if bad:
            raise InputError(f"unknown reason {bad[0]!r}: use one of {', '.join(GRADE_REASONS)}")
        where, params = _grade_slot(claim_id, reviewer, final)
        row = {
            "claim_id": claim_id,
            "reviewer": reviewer,
            "verdict": level.key,
            "certainty": cert,
            "reasons": json.dumps(list(dict.fromkeys(reasons))),
            "note": note.strip(),
            "graded_at": self.clock(),
            "final": int(final),
            "stale": 0,
            "conflict": 0,
        }
        with self._action():
            table = self.db.table("grades")
            existing = list(table.rows_where(where, params, order_by="id"))
            # Grading again settles a conflict a merge left: one grade stays, the others
            # go (each logged whole, so undo brings the conflict back).
            action = "final-grade" if final else "grade"
            for extra in existing[1:]:
                self._delete_row("grade", extra["id"], reviewer, action,
                                 article_id=claim.article_id, claim_id=claim_id)  # fmt: skip
            if existing:
                before = existing[0]
                grade_id = int(before["id"])
                table.update(grade_id, row)
            else:
                before = None
                table.insert(row)
                grade_id = int(table.last_pk)  # type: ignore[arg-type]
            after = self._row("grade", grade_id)
            self._event(
                reviewer,
                action,
                "grade",
                grade_id,
                before,
                after,
                article_id=claim.article_id,
                claim_id=claim_id,
            )
        return to_grade(after)

    def grades_for(self, claim_id: int, *, viewer: Viewer | None = None) -> list[Grade]:
        """A claim's grades, final first; with a ``viewer``, those that person may see."""
        rows = self.db.table("grades").rows_where(
            "claim_id = ?", [claim_id], order_by="final DESC, reviewer"
        )
        return visible_grades(map(to_grade, rows), viewer)

    def grades_for_article(self, article_id: int, *, viewer: Viewer | None = None) -> list[Grade]:
        """Every grade (reviewers' and final) on the claims of one article; with a
        ``viewer``, those that person may see."""
        rows = self.db.query(
            "SELECT g.* FROM grades g JOIN claims c ON c.id = g.claim_id"
            " WHERE c.article_id = ? ORDER BY c.start, g.final DESC, g.reviewer",
            [article_id],
        )
        return visible_grades((to_grade(dict(r)) for r in rows), viewer)

    def conflict_claims(
        self, article_id: int | None = None, *, claim_id: int | None = None
    ) -> set[int]:
        """Claims holding two grades of one reviewer (or two final ones) that disagree,
        left by a merge until that reviewer grades the claim again."""
        where = {"c.article_id = ?": article_id, "g.claim_id = ?": claim_id}
        used = {k: v for k, v in where.items() if v is not None}
        sql = (
            "SELECT DISTINCT g.claim_id FROM grades g JOIN claims c ON c.id = g.claim_id"
            " WHERE g.conflict = 1" + "".join(f" AND {k}" for k in used)
        )
        return {int(r[0]) for r in self.db.execute(sql, list(used.values())).fetchall()}

    # -- bringing in a colleague's file (annotator.app.merge_file decides what is new) ---------

    def bring_in_article(self, article: Article, claims: list[Claim], *, reviewer: str) -> Article:
        """Another file's article with its claims as they are there, as one action.

        Returns the article already here with the same text (sha256) untouched, if any.
        """
        with self._action():
            # Looked up under the write lock: two merges at once bring the article in once.
            found = self.find_article(sha256_text(article.text))
            if found is not None:
                return found
            row = {
                "title": article.title,
                "source": article.source,
                "author": article.author,
                "published": article.published,
                "text": article.text,
                "sha256": sha256_text(article.text),
                "format": article.format,
                "original": article.original,
                "imported_at": article.imported_at,
            }
            article_id = self._insert_article("article", row, reviewer, "merge-in")
            self._bring_in_claims(article_id, claims, reviewer)
        return self.get_article(article_id)

    def bring_in_claims(self, article_id: int, claims: list[Claim], *, reviewer: str) -> int:
        """Claims of another file on an article here; spans already here are skipped."""
        self.get_article(article_id)
        with self._action():
            return self._bring_in_claims(article_id, claims, reviewer)

    def _bring_in_claims(self, article_id: int, claims: list[Claim], reviewer: str) -> int:
        text = self._row("article", article_id)["text"]
        have = {(c.start, c.end) for c in self.claims(article_id)}
        added = 0
        for c in sorted(claims, key=lambda c: c.start):
            if (c.start, c.end) in have or text[c.start : c.end] != c.text:
                continue
            proposal = ProposedClaim(
                start=c.start,
                end=c.end,
                text=c.text,
                label=c.label,
                score=c.score,
                reasons=c.reasons,
                sentence_start=c.sentence_start,
                sentence_end=c.sentence_end,
                quantities=c.quantities,
            )
            claim_id = self._insert_claim(
                article_id,
                proposal,
                c.origin,
                reviewer,
                "merge-in",
                self.clock(),
                status=c.status,
                label_edited=c.label_edited,
            )
            if c.note:
                self._update_claim(claim_id, {"note": c.note}, reviewer, "merge-in")
            have.add((c.start, c.end))
            added += 1
        return added

    def bring_in_evidence(self, links: list[Evidence], *, reviewer: str) -> int:
        """Evidence links as another file holds them (ids already mapped to this file)."""
        with self._action():
            for link in links:
                values = link.to_dict()
                row = {k: values[k] for k in _EVIDENCE_COLUMNS}
                claim = self.get_claim(link.claim_id)
                self._insert_evidence(row, claim, reviewer, "merge-in")
        return len(links)

    def bring_in_grades(self, grades: list[Grade], *, reviewer: str) -> list[Grade]:
        """Grades as another file holds them (who, when); returns those that were added.

        A grade is skipped, never overwritten, when this file already has one for the
        same claim and reviewer (or a final one), even if it arrived a moment ago.
        """
        added: list[Grade] = []
        with self._action():
            for g in grades:
                claim = self.get_claim(g.claim_id)
                where, params = _grade_slot(g.claim_id, g.reviewer, g.final)
                if self.db.execute(f"SELECT 1 FROM grades WHERE {where}", params).fetchone():
                    continue
                values = g.to_dict()
                row = {k: values[k] for k in _GRADE_COLUMNS}
                row["reasons"] = json.dumps(list(g.reasons))
                row["final"] = int(g.final)
                row["stale"] = int(g.stale)  # given before a correction there: so it is here
                grade_id = self._insert("grades", row)
                after = self._row("grade", grade_id)
                self._event(
                    reviewer,
                    "merge-in",
                    "grade",
                    grade_id,
                    None,
                    after,
                    article_id=claim.article_id,
                    claim_id=claim.id,
                )
                added.append(to_grade(after))
        return added
