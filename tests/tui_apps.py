"""The app as the TUI tests open it: one reviewer's, with still cursors (stable frames)."""

from __future__ import annotations

from typing import Any, TypeVar

from textual.pilot import Pilot
from textual.screen import Screen

from annotator.store import Store
from annotator.tui.app import AnnotatorApp, Settings, make_app


def app_as(store: Store, reviewer: str = "ann", **settings: Any) -> AnnotatorApp:
    """The app on ``store`` of ``reviewer``; ``settings`` as ``Settings`` takes them."""
    return make_app(store, Settings(reviewer=reviewer, cursor_blink=False, **settings))


def editor_app(store: Store, article: int | None = None) -> AnnotatorApp:
    """The app of ed, an editor, on ``article`` (None: the last one opened, or the first)."""
    return app_as(store, "ed", editor=True, article_id=article)


S = TypeVar("S", bound=Screen[Any])


async def open_screen(pilot: Pilot[Any], screen: S) -> S:
    """Push ``screen`` once the app has mounted and drawn; it is the one shown after."""
    await pilot.pause()
    pilot.app.push_screen(screen)
    await pilot.pause()
    assert pilot.app.screen is screen
    return screen
