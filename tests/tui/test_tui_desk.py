"""The desk's day in the TUI: key sheet, export, re-review queue, list keys."""

from __future__ import annotations

from annotator.store import Store
from annotator.tui.app import AnnotatorApp, Settings, make_app
from annotator.tui.screens.home import HomeScreen
from annotator.tui.screens.key_sheet import TASKS, KeySheetModal, task_of
from annotator.tui.screens.review import ReviewScreen
from annotator.tui.widgets.claim_list import FLAG_TAGS, STATUS_MARKS
from tests.tui_fixture import sample_claims, sample_text


def _store() -> Store:
    store = Store.memory()
    store.import_article(sample_text(), title="MDMA", reviewer="ann", proposals=sample_claims())
    return store


def _app(store: Store) -> AnnotatorApp:
    return make_app(store, Settings(reviewer="ann", cursor_blink=False))


def _texts(app: AnnotatorApp, selector: str) -> list[str]:
    return [str(w.render()) for w in app.screen.query(selector)]


async def test_key_sheet_groups_the_review_keys_by_task() -> None:
    app = _app(_store())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        sheet = app.screen
        assert isinstance(sheet, KeySheetModal)
        assert list(sheet.groups) == [t for t in TASKS if t in sheet.groups]
        keys = {task: dict(rows) for task, rows in sheet.groups.items()}
        assert {"j", "k"} <= set(keys["move"])
        assert keys["grade"]["1"] == "verdict: supported" and "0" in keys["grade"]
        assert "c" in keys["cite"]
        assert {"a", "x", "e", "s", "m"} <= set(keys["edit claims"])
        assert {"t", "r"} <= set(keys["team"])
        # Textual's own keys (scrolling, focus) are not on annotator's sheet.
        assert not any("Scroll" in what for rows in sheet.groups.values() for _, what in rows)
        # The legend explains every mark and flag of the claim list.
        shown = " ".join(_texts(app, ".keys-key"))
        for mark in STATUS_MARKS.values():
            assert mark in shown
        for _, tag in FLAG_TAGS:
            assert tag.strip() in shown
        assert "0.45" in shown and "2§" in shown
        # It scrolls with j, and closes with ? back to the review screen.
        scroll = sheet.query_one("#keys-scroll")
        assert scroll.max_scroll_y > 0
        await pilot.press("j", "j", "j")
        await pilot.pause()
        assert scroll.scroll_y > 0
        await pilot.press("question_mark")
        assert isinstance(app.screen, ReviewScreen)


async def test_key_sheet_of_the_home_screen_lists_its_keys() -> None:
    app = _app(_store())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        sheet = app.screen
        assert isinstance(sheet, KeySheetModal)
        assert dict(sheet.groups["files"]).keys() >= {"i", "d"}
        assert "grade" not in sheet.groups
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


def test_task_of_a_binding_by_id_then_by_area() -> None:
    assert task_of("review.next", "claim: next") == "move"
    assert task_of("review.accept", "claim: accept") == "edit claims"
    assert task_of("review.someday", "evidence: edit link") == "cite"
    assert task_of("", "something") == "app"
