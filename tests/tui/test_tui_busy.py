"""The review screen while another process holds the database's write lock."""

from __future__ import annotations

import sqlite3
from pathlib import Path

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
