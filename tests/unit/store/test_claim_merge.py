"""Claim operations lose nothing: merges and splits keep every grade and link."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.app.claim_ops import merge_claims, split_claim
from annotator.app.library import add_citation
from annotator.app.linking import link_evidence
from annotator.errors import InputError
from annotator.grades.merge import plan_grade_merge
from annotator.model import Citation, CitationKind, Grade
from annotator.store import Store
from annotator.text.proposer import propose_claims
from tests.conftest import SAMPLE_ARTICLE, store_copies

TEXT = (
    "The drug reduced pain in 45% of patients within two weeks.\n"
    "A survey of 1,200 nurses found that 30% had skipped breaks.\n"
    "The clinic said 9 in 10 patients were happy.\n"
)


def _rows(store: Store) -> dict[str, list[dict[str, Any]]]:
    """The rows a claim operation touches, to compare before and after."""
    return {
        t: [dict(r) for r in store.db.table(t).rows_where(order_by="id")]
        for t in ("claims", "grades", "evidence")
    }


def _two(store: Store) -> tuple[int, int, int]:
    aid = store.import_article(TEXT, title="t", reviewer="ana", proposals=propose_claims(TEXT)).id
    first, second = (c.id for c in store.claims(aid)[:2])
    source, _ = add_citation(
        store, Citation(id=0, kind=CitationKind.OTHER, title="S"), reviewer="a"
    )
    link_evidence(store, first, source.id, "supports", reviewer="ana")
    link_evidence(store, second, source.id, "contradicts", reviewer="bob")
    return aid, first, second


def test_merge_keeps_every_grade_and_link_and_disagreement_is_a_conflict(store: Store) -> None:
    _aid, first, second = _two(store)
    store.grade_claim(first, "supported", reviewer="ana", note="trial A")
    store.grade_claim(second, "contradicted", reviewer="ana", note="trial B")
    store.grade_claim(second, "mixed", reviewer="bob")
    merged = merge_claims(store, first, reviewer="ana")
    grades = store.grades_for(merged.id)
    assert sorted((g.reviewer, g.verdict, g.note, g.conflict) for g in grades) == [
        ("ana", "contradicted", "trial B", True),
        ("ana", "supported", "trial A", True),
        ("bob", "mixed", "", False),
    ]
    assert all(g.stale for g in grades)  # the words each grade judged changed
    assert sorted(e.stance for e in store.evidence_for(merged.id)) == ["contradicts", "supports"]
    assert store.conflict_claims() == {merged.id}
    # ana settles it by grading again: one grade of hers, no conflict, not stale
    store.grade_claim(merged.id, "mixed", reviewer="ana")
    mine = [g for g in store.grades_for(merged.id) if g.reviewer == "ana"]
    assert [(g.verdict, g.conflict, g.stale) for g in mine] == [("mixed", False, False)]
    assert store.conflict_claims() == set()


def test_agreeing_grades_of_one_reviewer_both_stay_until_one_is_kept(store: Store) -> None:
    """No grade row disappears in a merge, even one that agrees: its note may differ."""
    _aid, first, second = _two(store)
    store.grade_claim(first, "mixed", reviewer="ana", reasons=("overstated",), note="one")
    store.grade_claim(second, "mixed", reviewer="ana", reasons=("imprecise",), note="two")
    merged = merge_claims(store, first, reviewer="ana")
    grades = store.grades_for(merged.id)
    assert sorted((g.verdict, g.note, g.conflict, g.stale) for g in grades) == [
        ("mixed", "one", True, True),
        ("mixed", "two", True, True),
    ]


def test_undo_of_a_merge_brings_back_both_claims_with_their_grades_and_links(
    store: Store,
) -> None:
    _aid, first, second = _two(store)
    store.grade_claim(first, "supported", reviewer="ana")
    store.grade_claim(second, "contradicted", reviewer="ana")
    store.grade_claim(second, "supported", reviewer="ed", final=True, note="settled")
    before = _rows(store)
    merge_claims(store, first, reviewer="ana")
    assert _rows(store) != before
    store.undo_last(reviewer="ana")
    assert _rows(store) == before


def test_split_copies_grades_to_both_parts_stale_and_links_stay(store: Store) -> None:
    _aid, first, _second = _two(store)
    store.grade_claim(first, "supported", reviewer="ana", certainty="high")
    store.grade_claim(first, "mixed", reviewer="bob")
    claim = store.get_claim(first)
    at = claim.start + claim.text.index("in 45%")
    left, right = split_claim(store, first, at, reviewer="ana")
    for part in (left, right):
        grades = store.grades_for(part.id)
        assert sorted((g.reviewer, g.verdict) for g in grades) == [
            ("ana", "supported"),
            ("bob", "mixed"),
        ]
        assert all(g.stale for g in grades)
    assert len(store.evidence_for(left.id)) == 1 and store.evidence_for(right.id) == []
    assert store.stale_claims() == {left.id, right.id}


def test_the_plan_moves_or_marks_a_conflict() -> None:
    def g(i: int, who: str, verdict: str, final: bool = False) -> Grade:
        return Grade(id=i, claim_id=1 if i < 10 else 2, reviewer=who, verdict=verdict, final=final)

    plan = plan_grade_merge(
        [g(1, "ana", "mixed"), g(2, "bob", "supported"), g(3, "ed", "mixed", True)],
        [g(11, "ana", "mixed"), g(12, "bob", "contradicted"), g(13, "cy", "mixed")],
    )
    assert [x.id for x in plan.move] == [13]
    assert [[x.id for x in group] for group in plan.conflicts] == [[1, 11], [2, 12]]
    assert plan.conflicted_reviewers == ("ana", "bob")
    assert plan.disagreeing_reviewers == ("bob",)


SAMPLE = SAMPLE_ARTICLE.read_text(encoding="utf-8")
VERDICTS = ("supported", "mixed", "contradicted")
_op = st.tuples(
    st.sampled_from(["grade", "merge", "split", "undo"]),
    st.integers(min_value=0, max_value=1000),
    st.sampled_from(["ana", "bob"]),
    st.sampled_from(VERDICTS),
)


def _import_sample(store: Store) -> None:
    store.import_article(SAMPLE, title="t", reviewer="ana", proposals=propose_claims(SAMPLE))


# Each example starts from a copy of the imported sample (imported and proposed once).
_sample_imported = store_copies(_import_sample)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_op, max_size=14))
def test_merges_and_splits_never_lose_a_reviewers_verdict(
    ops: list[tuple[str, int, str, str]],
) -> None:
    """No grade row disappears in a merge or split, every (reviewer, verdict) stays on
    some claim, and undoing a merge or split returns claims, grades and links exactly."""
    store = _sample_imported()
    try:
        aid = store.list_articles()[0].id
        for op, pick, who, verdict in ops:
            claims = store.claims(aid, include_dismissed=False)
            claim = claims[pick % len(claims)]
            given_before = {(g.reviewer, g.verdict) for g in store.grades_for_article(aid)}
            grade_ids = {g.id for g in store.grades_for_article(aid)}
            rows = _rows(store)
            try:
                if op == "grade":
                    store.grade_claim(claim.id, verdict, reviewer=who)
                    continue
                if op == "undo":
                    store.undo_last(reviewer=who)
                    continue
                if op == "merge":
                    merge_claims(store, claim.id, reviewer=who)
                else:
                    at = claim.start + max(1, pick % (claim.end - claim.start))
                    split_claim(store, claim.id, at, reviewer=who)
            except InputError:
                assert _rows(store) == rows  # refused: nothing changed
                continue
            after = {(g.reviewer, g.verdict) for g in store.grades_for_article(aid)}
            assert after == given_before
            assert grade_ids <= {g.id for g in store.grades_for_article(aid)}
            store.undo_last(reviewer=who)
            assert _rows(store) == rows
    finally:
        store.close()


def test_a_grade_stale_in_a_colleagues_file_comes_in_stale(store: Store) -> None:
    _aid, first, _second = _two(store)
    stale = Grade(id=0, claim_id=first, reviewer="cy", verdict="mixed", graded_at="t", stale=True)
    [added] = store.bring_in_grades([stale], reviewer="ana")
    assert added.stale and store.stale_claims() == {first}
