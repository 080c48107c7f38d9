"""The grading use case and the desk rule require_source."""

from __future__ import annotations

import pytest

from annotator.app.grading import grade_claim
from annotator.app.library import add_citation
from annotator.app.linking import link_evidence
from annotator.errors import AnnotatorError
from annotator.model import Citation, CitationKind, Stance
from annotator.store import Store
from tests.team_helpers import article_with_claims


def _claim_and_source(store: Store) -> tuple[int, int]:
    aid = article_with_claims(store, 1)
    paper, _ = add_citation(
        store, Citation(kind=CitationKind.DOI, doi="10.1/x", title="A trial"), reviewer="ana"
    )
    return store.claims(aid)[0].id, paper.id


def test_without_the_rule_any_verdict_is_recorded(store: Store) -> None:
    claim, _ = _claim_and_source(store)
    grade = grade_claim(store, claim, "supported", reviewer="ana", certainty="low")
    assert (grade.verdict, grade.certainty) == ("supported", "low")


@pytest.mark.parametrize("verdict", ["supported", "mixed", "contradicted"])
def test_the_rule_refuses_a_verdict_on_the_scale_without_a_source(
    store: Store, verdict: str
) -> None:
    claim, paper = _claim_and_source(store)
    with pytest.raises(AnnotatorError, match="no linked source.*require_source"):
        grade_claim(store, claim, verdict, reviewer="ana", require_source=True)
    assert store.grades_for(claim) == []
    link_evidence(store, claim, paper, Stance.SUPPORTS, reviewer="ana")
    assert (
        grade_claim(store, claim, verdict, reviewer="ana", require_source=True).verdict == verdict
    )


def test_the_rule_lets_not_checkable_through_and_names_unknown_claims(store: Store) -> None:
    claim, _ = _claim_and_source(store)
    grade = grade_claim(store, claim, "not-checkable", reviewer="ana", require_source=True)
    assert grade.verdict == "not-checkable"
    with pytest.raises(AnnotatorError, match="999"):
        grade_claim(store, 999, "supported", reviewer="ana", require_source=True)


def test_a_final_verdict_is_an_editors(store: Store) -> None:
    claim, _ = _claim_and_source(store)
    with pytest.raises(AnnotatorError, match="final verdict is an editor's.*ana is not"):
        grade_claim(store, claim, "mixed", reviewer="ana", final=True, note="why")
    assert store.grades_for(claim) == []
    grade = grade_claim(store, claim, "mixed", reviewer="ed", final=True, editor=True, note="why")
    assert grade.final and grade.reviewer == "ed"
