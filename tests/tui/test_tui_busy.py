"""The review screen while another process holds the database's write lock."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.store import Store
from annotator.text.proposer import propose_claims
from annotator.tui.screens.review import ReviewScreen
from tests.conftest import SAMPLE_ARTICLE
from tests.tui_apps import app_as


async def test_moving_between_claims_survives_a_held_write_lock(tmp_path: Path) -> None:
    """Moving remembers the place; a writer holding the file made that raise "database
    is locked" and the app quit with a traceback. Moving goes on; grading says busy."""
    path = tmp_path / "desk.db"
    store = Store.open(path)
    text = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    article = store.import_article(
        text, title="MDMA", reviewer="ann", proposals=propose_claims(text)
    )
    claims = store.claims(article.id)
    store.db.execute("PRAGMA busy_timeout = 0")
    app = app_as(store)
    other = sqlite3.connect(path)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ReviewScreen)
            other.execute("BEGIN IMMEDIATE")
            await pilot.press("j", "j")
            await pilot.pause()
            assert app.is_running and app.screen is screen
            assert screen.current is not None and screen.current.id == claims[2].id
            await pilot.press("1")  # a user action: retried, then one line that says busy
            await pilot.pause()
            assert app.is_running and store.grades_for(claims[2].id) == []
            assert any("busy" in n.message for n in app._notifications)
            other.rollback()
            await pilot.press("j")
            await pilot.pause()
            assert store.get_state(f"claim:{article.id}") == str(claims[3].id)
    finally:
        other.close()
        store.close()


async def test_a_database_damaged_mid_session_ends_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page of the file found unreadable on a key press printed Textual's traceback
    and left with status 0; the command line says one line and exits 1: so does this."""
    store = Store.open(tmp_path / "desk.db")
    text = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    store.import_article(text, title="MDMA", reviewer="ann", proposals=propose_claims(text))
    app = app_as(store)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()

            def damaged(*_args: object, **_kwargs: object) -> None:
                raise sqlite3.DatabaseError("database disk image is malformed")

            monkeypatch.setattr(store, "set_state", damaged)
            await pilot.press("j")
            await pilot.pause()
        assert app.return_code == 1
        assert app.failure == (
            "the database file is damaged (database disk image is malformed):"
            " restore it from a backup"
        )
    finally:
        store.close()


async def test_a_bug_is_still_textuals_to_show(tmp_path: Path) -> None:
    """Only the database's own errors become one line: a bug keeps its traceback."""
    store = Store.memory()
    app = app_as(store)
    with pytest.raises(ZeroDivisionError):
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            app.call_later(lambda: 1 / 0)
            await pilot.pause()
    assert app.failure is None
    store.close()
