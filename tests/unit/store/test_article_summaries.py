"""Article summaries counted in SQL agree with counting claim by claim."""

from __future__ import annotations

import contextlib
import random
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.app.claim_ops import merge_claims, split_claim
from annotator.errors import AnnotatorError
from annotator.grades.standing import Standing, settle
from annotator.grades.visibility import Viewer
from annotator.model import ClaimStatus
from annotator.store import DISPUTED, DeskTotals, Store
from annotator.text.proposer import propose_claims
from tests.conftest import store_copies
from tests.unit.store.test_event_log import old_desk

TEXT = (
    "Report\n\nThe drug cut deaths by 40% in 2020. Coffee raised test scores by 12% in Ohio. "
    "A study of 900 people found that sleep loss doubled costs. Prices fell by 8 percent "
    "since 2019. The tax cut halved unemployment in rural areas.\n"
)
PROPOSALS = propose_claims(TEXT.replace("Report", "Report0"))
VERDICTS = ("supported", "mixed", "contradicted", "unsupported")


def _import_two(store: Store) -> None:
    for i in range(2):
        text = TEXT.replace("Report", f"Report{i}")
        store.import_article(text, title=f"A{i}", reviewer="ann", proposals=PROPOSALS)


# Two articles of TEXT: each example starts from a copy of them (imported once).
two_articles = store_copies(_import_two)


def counted_one_by_one(
    store: Store, article_id: int, viewer: Viewer | None = None
) -> tuple[int, int, int, dict[str, int]]:
    claims = store.claims(article_id)
    live = [c for c in claims if c.status != ClaimStatus.DISMISSED]
    graded = store.current_verdicts(article_id, viewer=viewer)
    verdicts: dict[str, int] = {}
    for c in live:
        if c.id in graded:
            # A claim whose reviewers disagree, unsettled, counts under no one's verdict
            # (a blind reviewer's own grade is the verdict for them).
            disputed = settle(store.grades_for(c.id, viewer=viewer)).standing
            apart = disputed == Standing.DISPUTED and (viewer is None or viewer.sees_all)
            shown = DISPUTED if apart else graded[c.id]
            verdicts[shown] = verdicts.get(shown, 0) + 1
    return len(live), sum(verdicts.values()), len(claims) - len(live), verdicts


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_sql_summaries_equal_counting_claim_by_claim(seed: int) -> None:
    rng = random.Random(seed)
    store = Store.memory()
    ids = []
    for i in range(3):
        text = TEXT.replace("Report", f"Report{i}")  # same length: the same proposals fit
        ids.append(store.import_article(text, title=f"A{i}", reviewer="a",
                                        proposals=PROPOSALS).id)  # fmt: skip
    for aid in ids[:2]:
        for claim in store.claims(aid):
            for reviewer in ("ann", "ben"):
                if rng.random() < 0.5:
                    store.grade_claim(claim.id, rng.choice(VERDICTS), reviewer=reviewer)
            if rng.random() < 0.2:
                store.grade_claim(
                    claim.id, rng.choice(VERDICTS), reviewer="ed", final=True, note="settled"
                )
            if rng.random() < 0.3:
                store.dismiss_claim(claim.id, reviewer="ann")
    summaries = store.article_summaries()
    assert [s.article.id for s in summaries] == ids
    for s in summaries:
        assert (s.claims, s.graded, s.dismissed, s.verdicts) == counted_one_by_one(
            store, s.article.id
        )
        assert s.article.title == store.get_article(s.article.id).title
        assert store.article_summaries(s.article.id) == [s]


def test_a_disputed_claim_counts_as_disputed_until_an_editor_settles_it(store: Store) -> None:
    """Reviewers who disagree, no final verdict: counted under neither reviewer's verdict
    (the latest was 'contradicted') but as disputed, for the desk, an editor and anyone
    when review is open; a blind reviewer counts their own grade. The final one counts."""
    text = TEXT.replace("Report", "Report0")  # what PROPOSALS were drawn from
    aid = store.import_article(text, title="a", reviewer="ann", proposals=PROPOSALS).id
    first, second = (c.id for c in store.claims(aid)[:2])
    store.grade_claim(first, "supported", reviewer="ann")
    store.grade_claim(first, "contradicted", reviewer="ben")
    store.grade_claim(second, "supported", reviewer="ann")
    editor = Viewer("ed", editor=True)
    both = {DISPUTED: 1, "supported": 1}
    for viewer, expected in ((None, both), (editor, both), (Viewer("ann", blind=False), both),
                             (Viewer("ann"), {"supported": 2}),
                             (Viewer("ben"), {"contradicted": 1})):  # fmt: skip
        [summary] = store.article_summaries(viewer=viewer)
        assert summary.verdicts == expected, viewer
        assert summary.graded == sum(expected.values())
        assert store.desk_totals(viewer=viewer).verdicts == expected
    store.grade_claim(first, "contradicted", reviewer="ed", final=True, note="settled")
    for viewer in (None, editor, Viewer("ann")):
        assert store.desk_totals(viewer=viewer).verdicts == {"contradicted": 1, "supported": 1}
    assert store.verify_log().intact  # the kept summaries are untouched by the rule


def test_article_to_open_prefers_the_one_asked_for(store: Store) -> None:
    assert store.article_to_open(3) is None
    first = store.import_article(TEXT, title="a", reviewer="a", proposals=[]).id
    second = store.import_article(TEXT + "More.\n", title="b", reviewer="a", proposals=[]).id
    assert store.article_to_open(second) == second
    assert store.article_to_open(99) == first
    assert store.article_to_open() == first


# Everyone who may look: the store itself, blind reviewers who graded (or gave a final
# verdict, or did nothing), an editor.
VIEWERS = (
    None,
    Viewer("ann"),
    Viewer("ben"),
    Viewer("ed"),
    Viewer("zed"),
    Viewer("ann", editor=True),
)
OPERATIONS = ("grade", "final", "dismiss", "split", "merge", "delete", "undo", "redo")
step = st.tuples(
    st.sampled_from(("ann", "ben", "ed")),
    st.sampled_from(OPERATIONS),
    st.integers(0, 20),  # which claim of the desk
    st.integers(0, 5),  # a choice: verdict, where to split
)


def assert_summaries_hold(store: Store) -> None:
    for viewer in VIEWERS:
        summaries = store.article_summaries(viewer=viewer)
        assert [s.article.id for s in summaries] == [a.id for a in store.list_articles()]
        for s in summaries:
            counted = counted_one_by_one(store, s.article.id, viewer)
            assert (s.claims, s.graded, s.dismissed, s.verdicts) == counted, viewer
            assert store.article_summaries(s.article.id, viewer=viewer) == [s]
            assert_totals(store.desk_totals(s.article.id, viewer=viewer), DeskTotals.of([s]))
        assert_totals(store.desk_totals(viewer=viewer), DeskTotals.of(summaries))
        rows = store.article_rows(viewer=viewer)
        assert [(r.id, r.title, r.sha256, r.claims, r.graded, r.dismissed, r.verdicts)
                for r in rows] == [
            (s.article.id, s.article.title, s.article.sha256, s.claims, s.graded,
             s.dismissed, s.verdicts)
            for s in summaries
        ]  # fmt: skip


def assert_totals(totals: DeskTotals, expected: DeskTotals) -> None:
    """The aggregate totals equal summing the summaries, verdicts in the same order."""
    assert totals == expected
    assert list(totals.verdicts.items()) == list(expected.verdicts.items())


def apply(store: Store, reviewer: str, op: str, which: int, choice: int) -> None:
    claims = [c for a in store.list_articles() for c in store.claims(a.id)]
    if not claims and op not in ("undo", "redo"):
        return
    claim = claims[which % len(claims)] if claims else None
    if op == "grade" and claim:
        store.grade_claim(claim.id, VERDICTS[choice % 4], reviewer=reviewer)
    elif op == "final" and claim:
        store.grade_claim(claim.id, VERDICTS[choice % 4], reviewer=reviewer, final=True,
                          note="settled")  # fmt: skip
    elif op == "dismiss" and claim:
        if claim.status == ClaimStatus.DISMISSED:
            store.restore_claim(claim.id, reviewer=reviewer)
        else:
            store.dismiss_claim(claim.id, reviewer=reviewer)
    elif op == "split" and claim:
        spaces = [i for i, ch in enumerate(claim.text) if ch == " "]
        if spaces:
            at = claim.start + spaces[choice % len(spaces)]
            split_claim(store, claim.id, at, reviewer=reviewer)
    elif op == "merge" and claim:
        merge_claims(store, claim.id, reviewer=reviewer)
    elif op == "delete" and claim and choice == 0:  # now and then
        store.delete_article(claim.article_id, reviewer=reviewer)
    elif op == "undo":
        store.undo(reviewer=reviewer)
    elif op == "redo":
        store.redo(reviewer=reviewer)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(step, min_size=1, max_size=25))
def test_kept_summaries_follow_every_action_for_every_viewer(steps: list[Any]) -> None:
    """The counts the writes keep equal counting claim by claim through the blind rule
    (``current_verdicts`` with a viewer), after any sequence of actions, undos and redos."""
    store = two_articles()
    for reviewer, op, which, choice in steps:
        with contextlib.suppress(AnnotatorError):  # a refused action changes nothing
            apply(store, reviewer, op, which, choice)
        assert_summaries_hold(store)


def test_an_old_database_gets_its_summaries_on_migration(tmp_path: Path) -> None:
    store = Store.open(old_desk(tmp_path / "old.db"))
    assert sum(s.graded for s in store.article_summaries()) > 0
    assert_summaries_hold(store)
    store.close()
