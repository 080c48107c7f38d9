"""The desk's day in the TUI: key sheet, export, re-review queue, list keys."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from textual.widgets import Input

from annotator.store import Store
from annotator.text.proposer import propose_claims
from annotator.tui.app import AnnotatorApp
from annotator.tui.screens.confirm import ConfirmModal
from annotator.tui.screens.export import ExportModal
from annotator.tui.screens.home import HomeScreen
from annotator.tui.screens.key_sheet import TASKS, KeySheetModal, task_of
from annotator.tui.screens.queue import QueueScreen
from annotator.tui.screens.review import ReviewScreen
from annotator.tui.widgets.claim_list import FLAG_TAGS, HEADERS, STATUS_MARKS
from tests.tui_apps import app_as, editor_app
from tests.tui_fixture import sample_claims, sample_text


def _store() -> Store:
    store = Store.memory()
    store.import_article(sample_text(), title="MDMA", reviewer="ann", proposals=sample_claims())
    return store


def _app(store: Store) -> AnnotatorApp:
    return app_as(store)


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
        # ... every column header, and each short form a narrow list gives a verdict.
        for header in HEADERS:
            assert header in shown
        assert {"mostly", "n/check"} <= set(shown.split())
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


async def test_key_sheet_of_the_reconcile_screen_groups_its_keys_by_task() -> None:
    store = _store()
    claims = store.claims(store.list_articles()[0].id)
    store.grade_claim(claims[0].id, "supported", reviewer="ann")
    store.grade_claim(claims[0].id, "contradicted", reviewer="bob")
    app = editor_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("r", "question_mark")
        await pilot.pause()
        sheet = app.screen
        assert isinstance(sheet, KeySheetModal)
        keys = {task: dict(rows) for task, rows in sheet.groups.items()}
        assert {"j", "k", "esc"} <= set(keys["move"])
        # Each digit names the level it sets, once, not the same sentence six times.
        assert keys["team"]["1"] == "final verdict: supported (asks why)"
        assert keys["team"]["0"] == "final verdict: not-checkable (asks why)"
        assert set(keys.get("app", {})) <= {"^p", "?", "q"}
        # No claim list on this screen: no legend of one.
        assert "THE CLAIM LIST" not in " ".join(_texts(app, ".keys-task"))


def test_task_of_a_binding_by_id_then_by_area() -> None:
    assert task_of("review.next", "claim: next") == "move"
    assert task_of("review.accept", "claim: accept") == "edit claims"
    assert task_of("review.someday", "evidence: edit link") == "cite"
    assert task_of("", "something") == "app"


async def test_export_asks_format_and_place_writes_and_says_what(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    store = _store()
    article_id = store.list_articles()[0].id
    total = len(store.claims(article_id))
    app = _app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("E")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, ExportModal)
        path = modal.query_one("#export-path", Input)
        assert path.value == "mdma.csv"  # a name from the title, in the current folder
        await pilot.press("down")  # xlsx: the default name follows the format
        assert path.value == "mdma.xlsx"
        await pilot.press("enter")
        assert path.has_focus
        path.value = "desk/../claims.xlsx"
        (tmp_path / "desk").mkdir()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        book = openpyxl.load_workbook(tmp_path / "claims.xlsx")
        assert book.active is not None and book.active.max_row == total + 1
        said = [str(n.message) for n in app._notifications]
        assert any(f"{total} claims written to {tmp_path}" in m for m in said)
        # The same again asks before replacing; "n" keeps the old file.
        before = (tmp_path / "claims.xlsx").stat().st_mtime_ns
        await pilot.press("E", "down", "enter")
        app.screen.query_one("#export-path", Input).value = "claims.xlsx"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        assert (tmp_path / "claims.xlsx").stat().st_mtime_ns == before
        # A place that cannot be written: one error line, no file.
        await pilot.press("E", "enter")
        app.screen.query_one("#export-path", Input).value = "nowhere/claims.csv"
        await pilot.press("enter")
        await pilot.pause()
        assert any("cannot write" in str(n.message) for n in app._notifications)
        assert not (tmp_path / "nowhere").exists()
        # Escape writes nothing.
        await pilot.press("E", "escape")
        assert isinstance(app.screen, ReviewScreen)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.xlsx", "desk"]


async def test_claimreview_without_a_desk_name_says_where_the_tui_sets_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walked in tmux: choosing claimreview on a desk with no organization said "run
    `annotator config set organization NAME` and `annotator config set organization_url
    https://...`", commands for another terminal, while the settings screen one key
    from the article list sets both. The TUI names its own place; nothing is written."""
    monkeypatch.chdir(tmp_path)
    store = _store()
    store.grade_claim(store.claims(1)[0].id, "supported", reviewer="ann")
    app = _app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("E", *["down"] * 7, "enter", "enter")
        await pilot.pause()
        said = [str(n.message) for n in app._notifications]
        assert any("ClaimReview needs the desk's name and web address" in m for m in said)
        assert any("desk settings" in m and "“Its web address”" in m for m in said), said
        assert not any("annotator config set" in m for m in said), said
        assert list(tmp_path.iterdir()) == []


async def test_an_export_that_cannot_be_written_keeps_the_dialog_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walked in tmux: a path in a missing folder closed the dialog (format and path lost)
    and the error told the TUI user to "give an -o path", a command-line option."""
    monkeypatch.chdir(tmp_path)
    app = _app(_store())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("E", "down", "enter")
        modal = app.screen
        assert isinstance(modal, ExportModal)
        modal.query_one("#export-path", Input).value = "missing/claims.xlsx"
        await pilot.press("enter")
        await pilot.pause()
        again = app.screen
        assert isinstance(again, ExportModal)  # still asking, with what was chosen
        assert again.fmt == "xlsx"
        assert again.query_one("#export-path", Input).value.endswith("missing/claims.xlsx")
        said = [str(n.message) for n in app._notifications]
        assert any("missing" in m for m in said) and not any(" -o " in m for m in said)
        again.query_one("#export-path", Input).value = "claims.xlsx"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert (tmp_path / "claims.xlsx").exists()


async def test_export_from_the_palette() -> None:
    app = _app(_store())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"export: write")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportModal)


def _queue_store() -> tuple[Store, int, int]:
    """Two articles: in the first a disputed claim and a graded one with no source."""
    store = _store()
    first = store.list_articles()[0].id
    claims = store.claims(first)
    store.grade_claim(claims[1].id, "mixed", reviewer="ann")
    store.grade_claim(claims[1].id, "supported", reviewer="bob")
    store.grade_claim(claims[3].id, "mixed", reviewer="ann")
    text = "Officials said costs rose 40% in 2020."
    other = store.import_article(
        text, title="Costs", reviewer="ann", proposals=propose_claims(text)
    ).id
    store.grade_claim(store.claims(other)[0].id, "supported", reviewer="ann")
    return store, first, other


async def test_queue_lists_what_needs_a_person_and_enter_goes_there() -> None:
    store, first, other = _queue_store()
    claims = store.claims(first)
    app = _app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert _review_screen(app).article_id == first
        await pilot.press("Q")
        await pilot.pause()
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        assert [(i.claim.id, i.reasons) for i in queue.items] == [
            (claims[1].id, ("disputed", "no-evidence")),
            (claims[3].id, ("no-evidence",)),
        ]
        await pilot.press("j", "enter")
        await pilot.pause()
        review = _review_screen(app)
        assert review.article_id == first and review.current is not None
        assert review.current.id == claims[3].id
        # All articles: the other article's claim; Enter opens that article on it.
        await pilot.press("Q", "a")
        await pilot.pause()
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        assert {i.claim.article_id for i in queue.items} == {first, other}
        target = next(i for i in queue.items if i.claim.article_id == other)
        await pilot.press(*["j"] * queue.items.index(target), "enter")
        await pilot.pause()
        review = _review_screen(app)
        assert review.article_id == other and review.current is not None
        assert review.current.id == target.claim.id
        assert len(app.screen_stack) == 3  # home, review: the queue is gone


async def test_queue_from_the_home_screen_and_the_palette() -> None:
    store, first, other = _queue_store()
    app = _app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape", "Q")
        await pilot.pause()
        assert isinstance(app.screen, QueueScreen) and app.screen.article_id is None
        assert len(app.screen.items) == 3
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+p", *"queue: what")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QueueScreen) and app.screen.article_id is not None


def _review_screen(app: AnnotatorApp) -> ReviewScreen:
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


async def test_article_list_moves_with_j_k_and_back_keeps_the_article() -> None:
    store, first, other = _queue_store()
    app = _app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert _review_screen(app).article_id == first
        await pilot.press("escape")
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        ids = [s.article.id for s in store.article_summaries()]
        assert home._highlighted_id() == first  # the cursor is on the article just left
        step = "j" if ids.index(other) > ids.index(first) else "k"
        await pilot.press(step)
        assert home._highlighted_id() == other
        await pilot.press("enter")
        await pilot.pause()
        assert _review_screen(app).article_id == other
        await pilot.press("escape")
        await pilot.pause()
        assert home._highlighted_id() == other
        await pilot.press("k" if step == "j" else "j", "enter")
        await pilot.pause()
        assert _review_screen(app).article_id == first


def test_the_new_version_notice_says_grades_went_stale_only_of_graded_claims() -> None:
    """ "1 claim reworded: its grades marked stale" was said of a claim nobody graded."""
    from annotator.store import NewVersionReport
    from annotator.tui.screens.home import version_notice

    one = NewVersionReport(article_id=1, version=3, stale=(4,), proposed=1)
    assert version_notice(one, ()) == (
        "Version 3: claims, grades and links carried across. Words changed: claim 4."
        " 1 new claim proposed."
    )
    two = NewVersionReport(article_id=1, version=2, stale=(4, 6))
    assert "Words changed: claims 4, 6. Grades marked stale: claim 6 (grade it again)." in (
        version_notice(two, (6,))
    )


SENTENCES = (
    "The drug cut deaths by 30% in a 2019 trial.",
    "Unemployment rose to 7.2% in March 2021.",
    "About 12 million people were vaccinated in 2021.",
)


async def test_a_new_version_imported_in_the_tui_names_only_graded_claims_stale(
    tmp_path: Path,
) -> None:
    from annotator.app.importing import import_file
    from tests.workers import settle

    article = tmp_path / "a.txt"
    article.write_text(" ".join(SENTENCES), encoding="utf-8")
    store = Store.memory()
    import_file(store, article, reviewer="ann")
    ids = {c.text: c.id for c in store.claims(1)}
    graded = ids[SENTENCES[0]]
    store.grade_claim(graded, "supported", reviewer="ann")
    article.write_text(
        " ".join((SENTENCES[0].replace("30%", "20%"), SENTENCES[1].replace("7.2%", "7.9%"),
                  SENTENCES[2])),
        encoding="utf-8",
    )  # fmt: skip
    app = _app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("escape", "i")  # from the article it opened on, to the desk
        app.screen.query_one("#import-path", Input).value = str(article)
        await pilot.press("enter")
        await settle(pilot)
        [notice] = [n.message for n in app._notifications if n.message.startswith("Version")]
    both = ", ".join(str(i) for i in sorted((graded, ids[SENTENCES[1]])))
    assert f"Words changed: claims {both}." in notice, notice
    assert f"Grades marked stale: claim {graded} (grade it again)." in notice, notice


def test_a_many_file_import_counts_in_the_singular_too() -> None:
    """Importing a folder where one file was new said "1 new articles."."""
    from annotator.app.importing import ImportResult
    from annotator.tui.screens.home import import_summary

    results = [ImportResult(1, 3, "new"), ImportResult(2, 4, "version")]
    assert import_summary(results) == "1 new article, 1 new version."
    results += [ImportResult(3, 1, "new"), ImportResult(4, 2, "duplicate")]
    assert import_summary(results) == "2 new articles, 1 new version, 1 already here."


async def test_export_to_the_database_itself_is_refused_without_asking_to_replace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It asked "desk.db exists. Replace it?" first; the answer could only be no. The
    refusal brings the export dialog back, to give another file."""
    monkeypatch.chdir(tmp_path)
    store = Store.open(tmp_path / "desk.db")
    store.import_article(sample_text(), title="MDMA", reviewer="ann", proposals=sample_claims())
    app = _app(store)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("E", "enter")
            app.screen.query_one("#export-path", Input).value = "desk.db"
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ExportModal)
            said = [str(n.message) for n in app._notifications]
            assert any("is the database annotator is working in" in m for m in said)
        assert store.claims(1)  # still the database
    finally:
        store.close()
