"""What needs a person again: the re-review queue both faces show.

A claim is in the queue when a person must look at it before its verdict can stand:
its grade went stale in a newer version of the article, a merge left a reviewer two
grades that disagree, independent reviewers disagree and no editor has settled it, a
source it rests on was retracted, or it carries a verdict but no evidence at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.export.published import Standing, settle
from annotator.grades.visibility import Viewer, graded_by, may_see
from annotator.model import Anchor, Claim, ClaimStatus, Grade
from annotator.store import Store

STALE = "stale"
CONFLICT = "conflict"
DISPUTED = "disputed"
RETRACTED = "retracted"
NO_EVIDENCE = "no-evidence"

REASONS = (STALE, CONFLICT, DISPUTED, RETRACTED, NO_EVIDENCE)
"""Every reason, most urgent first: the order the queue is sorted by."""

REASON_TEXT = {
    STALE: "the claim changed after it was graded",
    CONFLICT: "a merge left one reviewer two grades that disagree",
    DISPUTED: "reviewers disagree and no final verdict settles it",
    RETRACTED: "a linked source is retracted",
    NO_EVIDENCE: "graded, but no source is linked",
}


# A stale claim whose words a newer version took out of the article: no changed words
# to look for, the claim itself is gone from the text.
ORPHANED_TEXT = "its words left the article in a newer version"


@dataclass(frozen=True)
class QueueItem:
    """One claim that needs a person, and why (reasons in ``REASONS`` order)."""

    claim: Claim
    reasons: tuple[str, ...]

    def why(self, reason: str) -> str:
        """``reason`` in words, for this claim."""
        if reason == STALE and self.claim.anchor == Anchor.ORPHANED:
            return ORPHANED_TEXT
        return REASON_TEXT.get(reason, reason)

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.claim.id,
            "claim_id": self.claim.id,
            "article_id": self.claim.article_id,
            "label": self.claim.label,
            "reasons": list(self.reasons),
        }


def _checkable(store: Store, verdict: str) -> bool:
    level = store.scales.verdict.get(verdict)
    return level is None or level.ordinal is not None


def review_queue(
    store: Store, article_id: int | None = None, *, viewer: Viewer | None = None
) -> list[QueueItem]:
    """The claims of ``article_id`` (else of every article) that need a person again,
    most urgent reason first, then in text order. Dismissed claims never need one.

    Under blind review ``viewer`` sees the reasons that come from grades only where
    ``visibility.may_see`` lets them see the grades: that others disagree, or graded at
    all, is itself a hint of their verdicts. A retracted source shows to everyone.
    ``None`` sees everything.
    """
    article_ids = [article_id] if article_id is not None else [a.id for a in store.list_articles()]
    items: list[QueueItem] = []
    for aid in article_ids:
        claims = [c for c in store.claims(aid) if c.status is not ClaimStatus.DISMISSED]
        article_grades = store.grades_for_article(aid)
        grades: dict[int, list[Grade]] = {}
        for grade in article_grades:
            grades.setdefault(grade.claim_id, []).append(grade)
        stale = store.stale_claims(aid)
        conflict = store.conflict_claims(aid)
        retracted = {c.id for c in store.citations_for_article(aid) if c.retracted}
        mine = graded_by(article_grades, viewer.name) if viewer else set()
        for claim in claims:
            claim_grades = grades.get(claim.id, [])
            # Under blind review, what others' grades say stays hidden until the viewer
            # has graded the claim: a dispute, or even that someone graded it.
            shown = may_see(viewer, "", claim.id in mine)
            found = set()
            if shown and claim.id in stale:
                found.add(STALE)
            if shown and claim.id in conflict:
                found.add(CONFLICT)
            if shown and settle(claim_grades, accept_stale=True).standing is Standing.DISPUTED:
                found.add(DISPUTED)
            links = store.evidence_for(claim.id) if claim_grades or retracted else []
            if any(link.citation_id in retracted for link in links):
                found.add(RETRACTED)
            checkable = any(_checkable(store, g.verdict) for g in claim_grades)
            if shown and checkable and not links:
                found.add(NO_EVIDENCE)
            if found:
                items.append(QueueItem(claim, tuple(r for r in REASONS if r in found)))
    items.sort(key=lambda item: (REASONS.index(item.reasons[0]), item.claim.article_id))
    return items
