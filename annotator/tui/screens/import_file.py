"""ImportModal: a path field with completion and a file tree; returns the chosen path.

The path may be a file, a folder (every article file in it) or a pattern such as
``~/news/*.md`` (``app/importing.article_paths``); the home screen imports them.
"""

from __future__ import annotations

import os
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import DirectoryTree, Input, Label


class PathSuggester(Suggester):
    """Completes the last part of a path from what is on disk (→ or Tab takes it)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        return complete_path(value)


def complete_path(value: str) -> str | None:
    """The first existing path that starts with ``value``; a folder ends with a slash."""
    if not value:
        return None
    path = Path(os.path.expanduser(value))
    folder, stem = (path, "") if value.endswith(os.sep) else (path.parent, path.name)
    try:
        names = sorted(
            p.name
            for p in folder.iterdir()
            if p.name.startswith(stem) and not p.name.startswith(".")
        )
    except OSError:
        return None
    if not names or (stem and names[0] == stem and not (folder / stem).is_dir()):
        return None
    name = names[0]
    completed = value[: len(value) - len(stem)] + name
    if (folder / name).is_dir():
        completed += os.sep
    return completed if completed != value else None


class ImportModal(ModalScreen[Path | None]):
    """Type a path (with completion) or pick a file in the tree."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="import.cancel", tooltip="Import nothing")]

    def __init__(self, start: Path | None = None) -> None:
        super().__init__()
        self.start = start or Path.cwd()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="import-dialog"):
            yield Label("Import an article: text, Markdown or HTML", classes="dialog-title")
            yield Input(
                placeholder="A file, a folder or a pattern like news/*.md (→ completes)",
                suggester=PathSuggester(),
                id="import-path",
            )
            yield DirectoryTree(self.start, id="import-tree")
            yield Label(
                "Tab to the tree · Enter on a file imports it · Escape cancels", classes="hint"
            )

    @on(Input.Submitted, "#import-path")
    def path_submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if value:
            self.dismiss(Path(os.path.expanduser(value)))

    @on(DirectoryTree.FileSelected)
    def file_selected(self, event: DirectoryTree.FileSelected) -> None:
        self.dismiss(event.path)

    def action_cancel(self) -> None:
        self.dismiss(None)
