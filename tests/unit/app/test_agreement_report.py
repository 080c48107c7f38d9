"""The agreement report over a store: policies, pairs, disagreements, adjudication."""

from __future__ import annotations

import pytest

from annotator.app.agreement_report import agreement_report, headline
from annotator.app.claim_ops import merge_claims
from annotator.errors import InputError
from annotator.grades.agreement import cohen_kappa, krippendorff_alpha
from annotator.store import Store
from tests.team_helpers import article_with_claims, grade_table

S, M, X, U, C, N = (
    "supported",
    "mostly-supported",
    "mixed",
    "unsupported",
    "contradicted",
    "not-checkable",
)


def test_pairwise_figures_rest_on_claims_both_graded(store: Store) -> None:
    article = article_with_claims(store, 6)
    ids = grade_table(
        store,
        article,
        {
            "ann": [S, S, X, C, N, U],
            "bob": [S, M, X, S, S, None],
            "cat": [None, M, X, None, None, None],
        },
    )
    report = agreement_report(store, [article], samples=200)
    assert report.reviewers == ["ann", "bob", "cat"]
    assert report.units == 5  # the last claim has one grade only
    ann_bob = report.pairs[0]
    assert (ann_bob.first, ann_bob.second, ann_bob.n, ann_bob.agreed) == ("ann", "bob", 5, 2)
    # not-checkable is a category for plain kappa but missing for weighted kappa.
    assert ann_bob.n_ordinal == 4
    assert ann_bob.kappa == pytest.approx(
        cohen_kappa([(S, S), (S, M), (X, X), (C, S), (N, S)], [S, M, X, U, C, N])
    )
    assert ann_bob.kappa_linear == pytest.approx(
        cohen_kappa([(5, 5), (5, 4), (3, 3), (1, 5)], [1, 2, 3, 4, 5], "linear")
    )
    ann_cat = report.pairs[1]
    assert (ann_cat.n, ann_cat.agreed) == (2, 1)
    # Ordinal alpha over every claim with two on-scale grades (claim 5 has only one).
    assert report.alpha_ordinal == pytest.approx(
        krippendorff_alpha([[5, 5], [5, 4, 4], [3, 3, 3], [1, 5], [5]], "ordinal")
    )
    # Percent agreement pools every pair of grades on a claim: 1+1+3+0+0 of 1+3+3+1+1.
    assert report.percent == pytest.approx(5 / 9)
    assert report.confusion is not None
    assert (report.confusion.first, report.confusion.second) == ("ann", "bob")
    assert sum(map(sum, report.confusion.matrix)) == 5
    assert report.confusion.matrix[0][0] == 1  # supported / supported
    assert "both graded" in report.missing_policy and "not-checkable" in report.off_scale_policy
    assert ids


def test_disagreements_worst_first_and_settled_by_an_editor(store: Store) -> None:
    article = article_with_claims(store, 4)
    ids = grade_table(
        store,
        article,
        {"ann": [S, S, X, N], "bob": [M, C, X, U]},
    )
    store.grade_claim(ids[1], U, reviewer="ed", final=True, note="the cited trial was halted")
    report = agreement_report(store, [article], samples=100)
    order = [(d.claim_id, d.spread) for d in report.disagreements]
    # not-checkable vs graded counts as the widest disagreement; unsettled before settled.
    assert order == [(ids[3], 4), (ids[1], 4), (ids[0], 1)]
    assert report.disagreements[1].final == U
    assert report.articles[0].disagreements == 3 and report.articles[0].settled == 1
    # The final verdict is not an independent grade: "ed" is no reviewer here.
    assert report.reviewers == ["ann", "bob"]


def test_final_verdict_needs_a_reason(store: Store) -> None:
    article = article_with_claims(store, 1)
    claim = store.claims(article)[0]
    with pytest.raises(InputError, match="needs a reason"):
        store.grade_claim(claim.id, S, reviewer="ed", final=True, note="  ")
    assert store.grades_for(claim.id) == []


def test_per_article_table_and_dismissed_claims(store: Store) -> None:
    first = article_with_claims(store, 3, title="One")
    second = article_with_claims(store, 2, title="Two", seed="b")
    grade_table(store, first, {"ann": [S, S, S], "bob": [S, S, C]})
    ids = grade_table(store, second, {"ann": [S, X], "bob": [S, U]})
    store.dismiss_claim(ids[1], reviewer="ann")
    report = agreement_report(store, samples=100)
    rows = {a.title: a for a in report.articles}
    assert (rows["One"].double_graded, rows["One"].disagreements) == (3, 1)
    assert (rows["Two"].claims, rows["Two"].double_graded, rows["Two"].disagreements) == (1, 1, 0)
    assert report.units == 4


def test_confusion_pair_must_name_reviewers(store: Store) -> None:
    article = article_with_claims(store, 2)
    grade_table(store, article, {"ann": [S, S], "bob": [S, X]})
    with pytest.raises(InputError, match="reviewer 'zed'"):
        agreement_report(store, [article], pair=("ann", "zed"))


def test_no_double_grades_gives_empty_figures(store: Store) -> None:
    article = article_with_claims(store, 2)
    grade_table(store, article, {"ann": [S, X]})
    report = agreement_report(store, [article])
    assert report.units == 0 and report.pairs == [] and report.confusion is None
    assert report.alpha_ordinal is None and report.alpha_ordinal_ci is None
    assert report.to_dict()["percent"] is None


def test_a_blind_reviewer_gets_figures_over_the_claims_they_graded(store: Store) -> None:
    from annotator.grades.visibility import Viewer

    article = article_with_claims(store, 3)
    ids = grade_table(store, article, {"ann": [S, None, X], "bob": [S, X, S], "cat": [None, S, X]})
    ann = agreement_report(store, [article], viewer=Viewer("ann"), samples=0)
    assert ann.units == 2 and {d.claim_id for d in ann.disagreements} == {ids[2]}
    editor = agreement_report(store, [article], viewer=Viewer("ed", editor=True), samples=0)
    assert editor == agreement_report(store, [article], samples=0)
    assert {d.claim_id for d in editor.disagreements} == {ids[1], ids[2]}
    nobody = agreement_report(store, [article], viewer=Viewer("ed"), samples=0)
    assert nobody.units == 0 and not nobody.disagreements  # graded nothing: sees nothing


def test_grades_a_merge_left_in_conflict_are_not_counted_until_settled(store: Store) -> None:
    article = article_with_claims(store, 3)
    first, second, _third = (c.id for c in store.claims(article))
    grade_table(store, article, {"ann": [S, C, None], "bob": [X, None, None]})
    merge_claims(store, first, reviewer="ann")
    report = agreement_report(store, [article], samples=50)
    assert report.units == 0  # ann has no one verdict on the merged claim
    store.grade_claim(first, X, reviewer="ann")
    report = agreement_report(store, [article], samples=50)
    assert report.units == 1 and report.percent == pytest.approx(1.0)
    assert second not in {c.id for c in store.claims(article)}


def test_the_headline_counts_in_words_one_or_many(store: Store) -> None:
    """Walked in the TUI: "2 reviewers (ana, bob), 2 claims graded by two or more,
    1 disagreements (1 settled)"."""
    article = article_with_claims(store, 2)
    grade_table(store, article, {"ann": [S, S], "bob": [S, C]})
    first = headline(agreement_report(store, [article], samples=50))[0]
    assert (
        first
        == "2 reviewers (ann, bob), 2 claims graded by two or more, 1 disagreement (0 settled)"
    )
    one = article_with_claims(store, 1)
    grade_table(store, one, {"ann": [S], "bob": [S]})
    first = headline(agreement_report(store, [one], samples=50))[0]
    assert "1 claim graded by two or more, 0 disagreements" in first
