"""The app as the TUI tests open it: one reviewer's, with still cursors (stable frames)."""

from __future__ import annotations

from typing import Any

from annotator.store import Store
from annotator.tui.app import AnnotatorApp, Settings, make_app


def app_as(store: Store, reviewer: str = "ann", **settings: Any) -> AnnotatorApp:
    """The app on ``store`` of ``reviewer``; ``settings`` as ``Settings`` takes them."""
    return make_app(store, Settings(reviewer=reviewer, cursor_blink=False, **settings))


def editor_app(store: Store, article: int | None = None) -> AnnotatorApp:
    """The app of ed, an editor, on ``article`` (None: the last one opened, or the first)."""
    return app_as(store, "ed", editor=True, article_id=article)
