"""Waiting, in a pilot test, until the app's workers are done and their results drawn.

A thread worker (an import, reading the search indexes) hands its results to the UI
thread through ``call_from_thread``; a worker may start another, so wait until none runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot


async def settle(pilot: Pilot[Any], rounds: int = 100) -> None:
    app = pilot.app
    for _ in range(rounds):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in app.workers):
            return
    raise AssertionError("the app's workers did not finish")


async def import_from_home(pilot: Pilot[Any], path: Path) -> None:
    """On the home screen: ``i``, the path typed, Enter, and the import's worker done."""
    from textual.widgets import Input

    await pilot.press("i")
    pilot.app.screen.query_one("#import-path", Input).value = str(path)
    await pilot.press("enter")
    await settle(pilot)
