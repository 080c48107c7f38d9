"""The re-review queue: what needs a person again, and what a blind reviewer may see of it."""

from __future__ import annotations

from annotator.app.claim_ops import merge_claims
from annotator.app.importing import import_new_version
from annotator.app.library import add_citation
from annotator.app.linking import link_evidence
from annotator.app.review_queue import (
    CONFLICT,
    DISPUTED,
    NO_EVIDENCE,
    RETRACTED,
    STALE,
    review_queue,
)
from annotator.grades.visibility import Viewer
from annotator.model import Citation, CitationKind, Stance
from annotator.store import Store
from annotator.text.proposer import propose_claims

TEXT = (
    "The drug reduced pain in 45% of patients within two weeks.\n"
    "A survey of 1,200 nurses found that 30% had skipped breaks.\n"
    "The clinic said 9 in 10 patients were happy.\n"
)


def _article(store: Store) -> tuple[int, list[int]]:
    aid = store.import_article(TEXT, title="t", reviewer="ana", proposals=propose_claims(TEXT)).id
    return aid, [c.id for c in store.claims(aid)]


def _reasons(store: Store, viewer: Viewer | None = None) -> dict[int, tuple[str, ...]]:
    queue = review_queue(store, viewer=viewer)
    return {item.claim.id: item.reasons for item in queue}


def test_an_ungraded_article_needs_nobody(store: Store) -> None:
    _article(store)
    assert review_queue(store) == []


def test_each_reason_is_found_and_the_worst_comes_first(store: Store) -> None:
    aid, (pain, nurses, clinic) = _article(store)
    paper, _ = add_citation(
        store, Citation(kind=CitationKind.DOI, doi="10.1/x", title="A trial"), reviewer="ana"
    )
    # pain: linked to a source that is then retracted, graded by one reviewer
    link_evidence(store, pain, paper.id, Stance.SUPPORTS, reviewer="ana")
    store.grade_claim(pain, "supported", reviewer="ana")
    store.set_retracted(paper.id, True, reviewer="ana")
    # nurses: two reviewers disagree, no source
    store.grade_claim(nurses, "mixed", reviewer="ana")
    store.grade_claim(nurses, "contradicted", reviewer="ben")
    # clinic: not checkable and no source: nothing to do
    store.grade_claim(clinic, "not-checkable", reviewer="ana")
    assert _reasons(store) == {nurses: (DISPUTED, NO_EVIDENCE), pain: (RETRACTED,)}
    assert [item.claim.id for item in review_queue(store, aid)] == [nurses, pain]
    # an editor's final verdict settles the dispute; a link answers "no evidence"
    store.grade_claim(nurses, "mixed", reviewer="ed", final=True, note="read both")
    link_evidence(store, nurses, paper.id, Stance.MIXED, reviewer="ed")
    assert _reasons(store) == {nurses: (RETRACTED,), pain: (RETRACTED,)}


def test_a_correction_and_a_merge_conflict_are_in_the_queue(store: Store) -> None:
    aid, (pain, nurses, _clinic) = _article(store)
    store.grade_claim(pain, "supported", reviewer="ana")
    store.grade_claim(nurses, "contradicted", reviewer="ana")
    import_new_version(store, aid, TEXT.replace("45%", "25%"), reviewer="ana")
    assert STALE in _reasons(store)[pain]
    merged = merge_claims(store, pain, reviewer="ana")
    assert CONFLICT in _reasons(store)[merged.id]


def test_dismissed_claims_never_need_a_person(store: Store) -> None:
    _aid, (pain, _n, _c) = _article(store)
    store.grade_claim(pain, "supported", reviewer="ana")
    store.dismiss_claim(pain, reviewer="ana")
    assert review_queue(store) == []


def test_blind_reviewers_see_grade_reasons_only_on_claims_they_graded(store: Store) -> None:
    _aid, (pain, nurses, _c) = _article(store)
    store.grade_claim(nurses, "mixed", reviewer="ana")
    store.grade_claim(nurses, "contradicted", reviewer="ben")
    assert _reasons(store, Viewer("cat")) == {}
    assert _reasons(store, Viewer("ben")) == {nurses: (DISPUTED, NO_EVIDENCE)}
    assert _reasons(store, Viewer("cat", editor=True)) == {nurses: (DISPUTED, NO_EVIDENCE)}
    assert _reasons(store, Viewer("cat", blind=False)) == {nurses: (DISPUTED, NO_EVIDENCE)}
    assert pain not in _reasons(store)
