"""The review screen shows what needs a person again: stale grades, hand labels, merges."""

from __future__ import annotations

from textual.widgets import Input

from annotator.app.importing import import_new_version
from annotator.store import Store
from annotator.text.proposer import propose_claims
from annotator.tui.app import AnnotatorApp
from annotator.tui.screens.confirm import ConfirmModal
from annotator.tui.screens.review import ReviewScreen
from annotator.tui.widgets.claim_list import ClaimList
from annotator.tui.widgets.details import DetailsPanel
from tests.tui_apps import app_as

TEXT = (
    "The drug reduced pain in 45% of patients within two weeks.\n"
    "A survey of 1,200 nurses found that 30% had skipped breaks.\n"
    "The clinic said 9 in 10 patients were happy.\n"
)


def _app(store: Store) -> AnnotatorApp:
    return app_as(store)


def _review(app: AnnotatorApp) -> ReviewScreen:
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


def _corrected(store: Store) -> tuple[int, list[int]]:
    aid = store.import_article(TEXT, title="t", reviewer="ann", proposals=propose_claims(TEXT)).id
    ids = [c.id for c in store.claims(aid)]
    store.grade_claim(ids[0], "supported", reviewer="ann")
    store.grade_claim(ids[1], "mixed", reviewer="ann")
    store.edit_label(ids[1], "30% of nurses skip breaks", reviewer="ann")
    import_new_version(store, aid, TEXT.replace("45%", "25%").replace("30%", "35%"), reviewer="ann")
    return aid, ids


def _line(app: AnnotatorApp, index: int) -> str:
    prompt = app.screen.query_one(ClaimList).get_option_at_index(index).prompt
    return str(prompt)


async def test_stale_grades_show_in_the_list_details_and_search(store: Store) -> None:
    _aid, ids = _corrected(store)
    app = _app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = _review(app)
        assert "stale " in _line(app, 0) and "label≠text" not in _line(app, 0)
        assert "stale label≠text 30% of nurses" in _line(app, 1)
        assert "stale" not in _line(app, 2)
        details = str(app.screen.query_one(DetailsPanel).render())
        assert "the claim's words changed since: grade again" in details
        await pilot.press("j")
        details = str(app.screen.query_one(DetailsPanel).render())
        assert "your label states 30, which the words no longer do" in details
        await pilot.press("slash")
        app.screen.query_one("#claim-filter", Input).value = "is:stale"
        await pilot.pause()
        assert [c.id for c in screen.claims] == ids[:2]
        await pilot.press("enter")
        screen.select_claim(ids[0])
        await pilot.press("1")  # grading again settles it
        await pilot.pause()
        assert ids[0] not in store.stale_claims()
        assert [c.id for c in screen.claims] == ids[1:2]


async def test_merge_of_graded_claims_asks_first_and_keeps_every_grade(store: Store) -> None:
    aid = store.import_article(TEXT, title="t", reviewer="ann", proposals=propose_claims(TEXT)).id
    first, second, third = (c.id for c in store.claims(aid))
    store.grade_claim(first, "supported", reviewer="ann")
    store.grade_claim(second, "contradicted", reviewer="ann")
    app = _app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        assert isinstance(app.screen, ConfirmModal)
        assert "ann's two grades disagree" in app.screen.question
        await pilot.press("n")
        assert [c.id for c in store.claims(aid)] == [first, second, third]
        await pilot.press("m")
        await pilot.press("y")
        await pilot.pause()
        assert [c.id for c in store.claims(aid)] == [first, third]
        assert sorted(g.verdict for g in store.grades_for(first)) == ["contradicted", "supported"]
        assert "conflict " in _line(app, 0)
        details = str(app.screen.query_one(DetailsPanel).render())
        assert "a merge left two grades of one reviewer: grade again to keep one" in details
        await pilot.press("ctrl+z")
        assert [c.id for c in store.claims(aid)] == [first, second, third]
        assert [g.verdict for g in store.grades_for(second)] == ["contradicted"]


async def test_merge_of_ungraded_unlinked_claims_asks_nothing(store: Store) -> None:
    aid = store.import_article(TEXT, title="t", reviewer="ann", proposals=propose_claims(TEXT)).id
    first, _second, third = (c.id for c in store.claims(aid))
    app = _app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert [c.id for c in store.claims(aid)] == [first, third]


async def test_split_of_a_graded_claim_asks_first_and_copies_the_grade(store: Store) -> None:
    aid = store.import_article(TEXT, title="t", reviewer="ann", proposals=propose_claims(TEXT)).id
    first = store.claims(aid)[0].id
    store.grade_claim(first, "supported", reviewer="ann")
    app = _app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("s", "enter")
        assert isinstance(app.screen, ConfirmModal)
        assert "to both parts, marked stale" in app.screen.question
        await pilot.press("n")
        assert len(store.claims(aid)) == 3
        await pilot.press("s", "enter", "y")
        await pilot.pause()
        left, right = store.claims(aid)[:2]
        for part in (left, right):
            assert [(g.verdict, g.stale) for g in store.grades_for(part.id)] == [
                ("supported", True)
            ]
