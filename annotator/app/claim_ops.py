"""Claim operations that move grades and links: what they will do, said before doing it.

Both faces ask before a merge or split of graded or linked claims (the TUI in a modal,
the CLI with ``--yes`` to go ahead unasked); the question comes from here, and the
store carries the operation out (``Store.merge_claims``, ``Store.split_claim``).
"""

from __future__ import annotations

from annotator.grades.merge import plan_grade_merge
from annotator.grades.visibility import Viewer
from annotator.model import Claim
from annotator.store import Store

_SINGULAR = {"go": "goes"}


def _count(n: int, word: str, verb: str = "") -> str:
    """'1 link moves', '2 links move': a count, its noun and (optionally) its verb."""
    if n == 1:
        return f"{n} {word}" + (f" {_SINGULAR.get(verb, verb + 's')}" if verb else "")
    return f"{n} {word}s" + (f" {verb}" if verb else "")


def merge_question(store: Store, claim_id: int, viewer: Viewer | None = None) -> str | None:
    """What merging claim ``claim_id`` with the next one does to grades and links, as a
    question; None when neither claim has any (nothing to ask) or there is no next one.

    ``viewer``: who asks; under blind review the question counts only the grades they
    may see (others' grades move all the same)."""
    claim = store.get_claim(claim_id)
    nxt = store.next_claim(claim)
    if nxt is None:
        return None
    kept = store.grades_for(claim.id, viewer=viewer)
    later = store.grades_for(nxt.id, viewer=viewer)
    links = len(store.evidence_for(claim.id)) + len(store.evidence_for(nxt.id))
    if not (kept or later or links):
        return None
    plan = plan_grade_merge(kept, later)
    parts = [f"Merge claim {claim.id} with claim {nxt.id}?"]
    grades = len(kept) + len(later)
    if grades:
        parts.append(
            f"Their {_count(grades, 'grade')} stay on the merged claim,"
            " marked stale to grade again."
        )
    if links:
        parts.append(f"Their {_count(links, 'link', 'move')} to the merged claim.")
    disagree = set(plan.disagreeing_reviewers)
    for who in plan.conflicted_reviewers:
        how = "disagree" if who in disagree else "agree"
        if who == "final":
            parts.append(f"The two final verdicts {how}: an editor keeps one by setting it again.")
        else:
            parts.append(f"{who}'s two grades {how}: {who} keeps one by grading again.")
    return " ".join(parts)


def split_question(store: Store, claim: Claim, viewer: Viewer | None = None) -> str | None:
    """What splitting ``claim`` does to its grades and links; None when it has neither
    (of the grades ``viewer`` may see, under blind review)."""
    grades = store.grades_for(claim.id, viewer=viewer)
    links = store.evidence_for(claim.id)
    if not (grades or links):
        return None
    parts = [f"Split claim {claim.id}?"]
    if grades:
        parts.append(
            f"Its {_count(len(grades), 'grade', 'go')} to both parts, marked stale to grade again."
        )
    if links:
        parts.append(
            f"Its {_count(len(links), 'link', 'stay')} with the first part"
            f" (annotator reuse NEW {claim.id} copies them to the second)."
        )
    return " ".join(parts)
