"""What needs a person again on each claim, as flags both faces show and search by.

``stale``: the claim's words or numbers changed in a newer version of its article after
the grade that decides its verdict was given (``Store.stale_claims``).
``conflict``: a merge left one reviewer two grades of the claim (or two final ones);
grading the claim again keeps one.
``disputed``: reviewers gave the claim different verdicts and no final verdict settles
it yet (what ``r`` reconciles; a dismissed claim is never disputed).
``label``: a label a person wrote states a number the claim's words no longer do.
"""

from __future__ import annotations

from annotator.app.agreement_report import unsettled_disagreement
from annotator.grades.visibility import Viewer
from annotator.model import Claim, ClaimStatus, Grade
from annotator.store import Store
from annotator.text.label_numbers import label_numbers_missing

STALE = "stale"
CONFLICT = "conflict"
DISPUTED = "disputed"
LABEL = "label"

FLAG_TERMS = (STALE, CONFLICT, DISPUTED, LABEL)
"""Every flag, as ``is:`` search terms take them."""


def label_out_of_date(claim: Claim) -> tuple[str, ...]:
    """The numbers a hand-written label states that the claim's words no longer do."""
    if not claim.label_edited:
        return ()  # a derived label follows the claim's numbers by itself
    return label_numbers_missing(claim.label, claim.text)


def claim_flags(
    store: Store, claims: list[Claim], viewer: Viewer | None = None
) -> dict[int, frozenset[str]]:
    """claim id -> its flags, for the claims given (of one article); unflagged left out.

    ``viewer``: under blind review, a stale or conflicting grade of a claim they have
    not graded is someone else's, so it is not flagged to them (it would tell of it).
    """
    if not claims:
        return {}
    stale: set[int] = set()
    conflict: set[int] = set()
    if len(claims) == 1:  # one claim redrawn after a key press: ask about it alone
        stale = store.stale_claims(claim_id=claims[0].id)
        conflict = store.conflict_claims(claim_id=claims[0].id)
    for article_id in {c.article_id for c in claims} if len(claims) > 1 else ():
        stale |= store.stale_claims(article_id)
        conflict |= store.conflict_claims(article_id)
    if viewer is not None and not viewer.sees_all and (stale or conflict):
        seen = {g.claim_id for g in store.grades_for(claims[0].id, viewer=viewer)}
        for article_id in {c.article_id for c in claims} if len(claims) > 1 else ():
            seen |= {g.claim_id for g in store.grades_for_article(article_id, viewer=viewer)}
        stale &= seen
        conflict &= seen
    disputed = _disputed(store, claims, viewer)
    flags: dict[int, frozenset[str]] = {}
    for claim in claims:
        found = {STALE} if claim.id in stale else set()
        if claim.id in conflict:
            found.add(CONFLICT)
        if claim.id in disputed:
            found.add(DISPUTED)
        if label_out_of_date(claim):
            found.add(LABEL)
        if found:
            flags[claim.id] = frozenset(found)
    return flags


def _disputed(store: Store, claims: list[Claim], viewer: Viewer | None) -> set[int]:
    """The claims whose grades (those ``viewer`` may see) disagree, unsettled."""
    if len(claims) == 1:
        rows = store.grades_for(claims[0].id, viewer=viewer)
    else:
        articles = {c.article_id for c in claims}
        rows = [g for a in articles for g in store.grades_for_article(a, viewer=viewer)]
    grades: dict[int, list[Grade]] = {}
    for grade in rows:
        grades.setdefault(grade.claim_id, []).append(grade)
    return {
        c.id
        for c in claims
        if c.status != ClaimStatus.DISMISSED and unsettled_disagreement(grades.get(c.id, []))
    }


def verdicts_shown(
    store: Store,
    verdicts: dict[int, str],
    flags: dict[int, frozenset[str]],
    viewer: Viewer,
) -> dict[int, str]:
    """claim id -> the verdict a list shows ``viewer``: ``verdicts`` (``current_verdicts``
    for that viewer) less the disputed claims they have not graded themselves.

    Such a claim has no verdict yet: the one ``current_verdicts`` gives is the latest
    reviewer's, and shown as the claim's (or found by a verdict search) it would be read
    as the desk's. Its flag says it is disputed until a final verdict settles it. A
    reviewer who graded it keeps seeing their own verdict beside the flag.
    """
    unsettled = [cid for cid, marks in flags.items() if DISPUTED in marks and cid in verdicts]
    if not unsettled:
        return verdicts
    left_out = {
        cid
        for cid in unsettled
        if not any(g.reviewer == viewer.name and not g.final for g in store.grades_for(cid))
    }
    return {cid: v for cid, v in verdicts.items() if cid not in left_out}
