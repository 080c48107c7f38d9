"""What a new version of an article did to its claims, in the words both faces use.

Claims whose words changed are one thing, grades marked stale another: a reworded
claim nobody graded has no grade to look at again, and a desk told "grades marked
stale" of it goes looking for grades that do not exist.
"""

from __future__ import annotations

from collections.abc import Sequence

from annotator.grades.visibility import Viewer
from annotator.store import NewVersionReport, Store


def stale_grades_seen(store: Store, report: NewVersionReport, viewer: Viewer) -> tuple[int, ...]:
    """The reworded claims whose grades went stale, of those whose grades ``viewer`` may
    see (under blind review, that another graded a claim is not told)."""
    stale = store.stale_claims(report.article_id)
    seen = {g.claim_id for g in store.grades_for_article(report.article_id, viewer=viewer)}
    return tuple(i for i in report.stale if i in stale and i in seen)


def _claims(ids: Sequence[int]) -> str:
    return f"{'claim' if len(ids) == 1 else 'claims'} {', '.join(str(i) for i in ids)}"


def reworded_phrases(report: NewVersionReport, stale_grades: Sequence[int]) -> list[str]:
    """ "words changed: claims 1, 2", then "grades marked stale: claim 1 (grade it again)"
    when some of them had grades (``stale_grades``, from ``stale_grades_seen``)."""
    phrases = []
    if report.stale:
        phrases.append(f"words changed: {_claims(report.stale)}")
    if stale_grades:
        it = "it" if len(stale_grades) == 1 else "them"
        phrases.append(f"grades marked stale: {_claims(stale_grades)} (grade {it} again)")
    return phrases
