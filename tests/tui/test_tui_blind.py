"""Blind review through the pilot: every screen a blind reviewer reads, read as text."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from textual.screen import Screen
from textual.widgets import DataTable, Input, Label, OptionList, Static

from annotator.grades.visibility import Viewer
from annotator.store import Store
from annotator.tui.app import AnnotatorApp
from annotator.tui.screens.agreement import AgreementScreen
from annotator.tui.screens.history import HistoryModal
from annotator.tui.screens.reconcile import ReconcileScreen
from annotator.tui.screens.review import ReviewScreen
from annotator.tui.widgets.claim_list import ClaimList
from annotator.tui.widgets.details import DetailsPanel
from annotator.tui.widgets.similar_panel import SimilarPanel
from tests.blind_helpers import BLIND, EDITOR, OTHERS, Action, Graded, actions, build
from tests.conftest import fake_clock
from tests.team_helpers import article_with_claims
from tests.tui_apps import app_as

BLIND_VIEWER = Viewer(BLIND)
OTHER_NAMES = re.compile(rf"\b(?:{'|'.join((*OTHERS, EDITOR))})\b")


def screen_text(screen: Screen[object]) -> str:
    """Everything a screen shows as words: labels, statics, table cells, list rows."""
    parts = [str(w.render()) for w in screen.query(Static)]
    parts += [str(w.render()) for w in screen.query(Label)]
    for table in screen.query(DataTable):
        parts += [" ".join(map(str, table.get_row_at(i))) for i in range(table.row_count)]
    for options in screen.query(OptionList):
        parts += [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
    return "\n".join(parts)


def _app(store: Store, article_id: int, *, editor: bool = False) -> AnnotatorApp:
    return app_as(store, BLIND, editor=editor, article_id=article_id)


async def test_bobs_review_screen_keeps_alices_grade_from_him(store: Store) -> None:
    """The issue's case: list, title, details and 'Checked before' showed alice's verdict."""
    article = article_with_claims(store, 3)
    ids = [c.id for c in store.claims(article)]
    store.grade_claim(ids[1], "contradicted", reviewer="alice", note="alice says no")
    store.grade_claim(ids[2], "supported", reviewer="alice", note="alice says yes")
    store.grade_claim(ids[2], "mixed", reviewer=BLIND)
    app = _app(store, article)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert review.title == f"annotator · {BLIND} · 1/3 graded"
        rows = review.query_one(ClaimList)
        assert "ungraded" in str(rows.get_option_at_index(1).prompt)
        await pilot.press("j")
        details = str(review.query_one(DetailsPanel).render())
        assert "alice" not in details and "Contradicted" not in details
        assert "blind review: others' grades show once you grade" in details
        await pilot.press("j")
        details = str(review.query_one(DetailsPanel).render())
        assert "alice: " in details and "alice says yes" in details  # graded: all shown


async def test_an_editor_sees_every_grade(store: Store) -> None:
    article = article_with_claims(store, 2)
    ids = [c.id for c in store.claims(article)]
    store.grade_claim(ids[1], "contradicted", reviewer="alice")
    store.grade_claim(ids[0], "mixed", reviewer=BLIND, note="n", final=True)
    app = _app(store, article, editor=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert review.title == f"annotator · {BLIND} · 2/2 graded"
        await pilot.press("j")
        assert "alice: " in str(review.query_one(DetailsPanel).render())


async def _read_every_screen(store: Store, g: Graded) -> None:
    leaks = g.all_leaks()
    scale = store.scales.verdict
    labels = [lv.label for lv in scale.levels]
    for article, claim_ids in zip(g.articles, g.claims, strict=True):
        app = _app(store, article)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            review = app.screen
            assert isinstance(review, ReviewScreen)
            own = len([c for c in claim_ids if c not in g.hidden])
            assert review.title == f"annotator · {BLIND} · {own}/{len(claim_ids)} graded"
            rows = review.query_one(ClaimList)
            texts = [review.title or ""]
            for i, claim_id in enumerate(claim_ids):
                if i:
                    await pilot.press("j")
                await pilot.pause()
                assert review.current is not None and review.current.id == claim_id
                prompt = str(rows.get_option_at_index(i).prompt)
                details = str(review.query_one(DetailsPanel).render())
                panel = review.query_one(SimilarPanel)
                similar = str(panel.render()) if panel.has_class("-found") else ""
                for recall in panel.recalls(claim_id):
                    if recall.claim_id in g.hidden:
                        assert recall.hit.hidden and not recall.hit.verdict
                if claim_id in g.hidden:
                    assert "ungraded" in prompt, prompt
                    assert not OTHER_NAMES.search(details), details
                    assert not any(label in details for label in labels), details
                    await pilot.press("h")
                    assert isinstance(app.screen, HistoryModal)
                    history = screen_text(app.screen)
                    assert not OTHER_NAMES.search(history), history
                    texts.append(history)
                    await pilot.press("escape")
                if all(r.claim_id in g.hidden for r in panel.recalls(claim_id)):
                    assert not any(label in similar for label in labels), similar
                texts += [prompt, details, similar]
            app.push_screen(AgreementScreen(app.store, app.settings, article))
            await pilot.pause()
            agreement = app.screen
            assert isinstance(agreement, AgreementScreen)
            assert not {d.claim_id for d in agreement.report.disagreements} & g.hidden
            texts.append(screen_text(agreement))
            app.push_screen(ReconcileScreen(app.store, app.settings, article))
            await pilot.pause()
            reconcile = app.screen
            assert isinstance(reconcile, ReconcileScreen)
            for index, claim in enumerate(reconcile.order):
                reconcile.index = index
                reconcile.show()
                shown = screen_text(reconcile)
                if claim.id in g.hidden:
                    assert not OTHER_NAMES.search(shown), shown
                texts.append(shown)
        for text in texts:
            assert not any(m in text for m in leaks), text


@settings(max_examples=3, deadline=None)
@given(steps=actions)
def test_no_screen_of_a_blind_reviewer_holds_anothers_verdict(steps: list[Action]) -> None:
    """Property: after random grading by several reviewers and an editor, no screen a
    blind reviewer opens (claim list, title, details, 'Checked before', history,
    agreement, reconcile) shows another's grade of a claim they have not graded."""
    store = Store.memory(clock=fake_clock())
    try:
        g = build(store, steps)
        asyncio.run(_read_every_screen(store, g))
    finally:
        store.close()


async def test_bobs_export_from_the_review_screen_keeps_alices_grade_from_him(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """E wrote every reviewer's verdict, note and name into the file of a blind
    reviewer: the screen read the export without saying who was exporting."""
    monkeypatch.chdir(tmp_path)
    article = article_with_claims(store, 2)
    ids = [c.id for c in store.claims(article)]
    store.grade_claim(ids[0], "contradicted", reviewer="alice", note="alice says no")
    store.grade_claim(ids[1], "mixed", reviewer=BLIND, note="bob's own")
    app = _app(store, article)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("E", "enter")  # csv, then on to the file's name
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = "claims.csv"
        await pilot.press("enter")
        await pilot.pause()
    written = (tmp_path / "claims.csv").read_text(encoding="utf-8-sig")
    assert "bob's own" in written
    assert "alice" not in written and "contradicted" not in written


async def test_a_reviewers_list_shows_their_own_verdict_on_a_disputed_claim(
    store: Store,
) -> None:
    """bob said supported, alice later said contradicted: bob's list showed alice's
    "contradicted" as the claim's verdict, as if it were his (walked in tmux). Until an
    editor settles it, a reviewer's list shows the reviewer's own verdict."""
    article = article_with_claims(store, 2)
    ids = [c.id for c in store.claims(article)]
    store.grade_claim(ids[0], "supported", reviewer=BLIND)
    store.grade_claim(ids[0], "contradicted", reviewer="alice")
    app = _app(store, article)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        row = str(review.query_one(ClaimList).get_option_at_index(0).prompt)
        assert "supported" in row and "contradicted" not in row and "disputed" in row
    store.grade_claim(ids[0], "mixed", reviewer=EDITOR, note="settled", final=True)
    assert store.current_verdicts(article, viewer=BLIND_VIEWER) == {ids[0]: "mixed"}


def test_the_verdict_in_force_for_a_reviewer_is_their_own_until_settled(store: Store) -> None:
    article = article_with_claims(store, 1)
    [claim] = store.claims(article)
    store.grade_claim(claim.id, "supported", reviewer=BLIND)
    store.grade_claim(claim.id, "contradicted", reviewer="alice")
    assert store.current_verdicts(article, viewer=BLIND_VIEWER) == {claim.id: "supported"}
    assert store.current_verdicts(article, viewer=Viewer("alice")) == {claim.id: "contradicted"}
    # no person (the store's own work, the published table): the latest, as before
    assert store.current_verdicts(article) == {claim.id: "contradicted"}
