"""ImportModal: an article from a file (a path with completion, or the file tree) or from
pasted text, with an optional title and the web address it came from (kept for the
record, never fetched); returns what to import.

The path may be a file, a folder (every article file in it) or a pattern such as
``~/news/*.md`` (``app/importing.article_paths``); the home screen imports them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import DirectoryTree, Input, Label, TabbedContent, TabPane, TextArea

from annotator.app.importing import import_target
from annotator.errors import AnnotatorError
from annotator.tui.widgets.lists import KeyedDirectoryTree


@dataclass(frozen=True)
class ImportRequest:
    """What the dialog was given: a file or pasted text, and what the user added."""

    path: Path | None = None
    text: str = ""
    title: str = ""
    url: str = ""


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


class ImportModal(ModalScreen[ImportRequest | None]):
    """A file (type its path or pick it in the tree) or pasted text; ctrl+s imports."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="import.cancel", tooltip="Import nothing"),
        Binding(
            "ctrl+s", "import", "Import", id="import.go", tooltip="Import the file or the text"
        ),
        Binding(
            "ctrl+t",
            "switch",
            "File/text",
            id="import.switch",
            tooltip="Switch between a file and pasted text",
        ),
    ]

    def __init__(self, start: Path | None = None) -> None:
        super().__init__()
        self.start = start or Path.cwd()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="import-dialog"):
            yield Label("Import an article: text, Markdown or HTML", classes="dialog-title")
            with Grid(id="import-fields"):
                yield Label("Title", classes="import-label")
                yield Input(
                    placeholder="(default: its first heading or line)",
                    compact=True,
                    id="import-title",
                )
                yield Label("URL", classes="import-label")
                yield Input(
                    placeholder="where it was published (kept for the record, not fetched)",
                    compact=True,
                    id="import-url",
                )
            with TabbedContent(id="import-source"):
                with TabPane("File", id="import-file"):
                    yield Input(
                        placeholder="A file, a folder or a pattern like news/*.md (→ completes)",
                        suggester=PathSuggester(),
                        compact=True,
                        id="import-path",
                    )
                    yield KeyedDirectoryTree(self.start, id="import-tree")
                with TabPane("Paste text", id="import-paste"):
                    yield TextArea(
                        id="import-text",
                        soft_wrap=True,
                        compact=True,
                        placeholder="Paste the article's text here",
                    )
            yield Label(
                "ctrl+t file/text · ctrl+s imports · Tab moves · Esc cancels", classes="hint"
            )

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()

    def _request(self, path: Path | None = None, text: str = "") -> ImportRequest:
        return ImportRequest(
            path=path,
            text=text,
            title=self.query_one("#import-title", Input).value.strip(),
            url=self.query_one("#import-url", Input).value.strip(),
        )

    @on(Input.Submitted, "#import-path")
    def path_submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if value:
            self._take_path(value)

    def _take_path(self, value: str) -> None:
        """Import what ``value`` names; if it names nothing, say so and stay open."""
        path = Path(os.path.expanduser(value))
        try:
            import_target(path)
        except AnnotatorError as exc:
            self.notify(str(exc), severity="error")
            return
        self.dismiss(self._request(path))

    @on(Input.Submitted, "#import-title, #import-url")
    def field_submitted(self) -> None:
        self.action_import()

    @on(DirectoryTree.FileSelected)
    def file_selected(self, event: DirectoryTree.FileSelected) -> None:
        self.dismiss(self._request(event.path))

    def action_import(self) -> None:
        """Import what the active tab holds; say what is missing if it holds nothing."""
        if self.query_one("#import-source", TabbedContent).active == "import-paste":
            text = self.query_one("#import-text", TextArea).text
            if text.strip():
                self.dismiss(self._request(text=text))
            else:
                self.notify("Paste the article's text first.", severity="warning")
            return
        value = self.query_one("#import-path", Input).value.strip()
        if value:
            self._take_path(value)
        else:
            self.notify("Type the file's path or pick it in the tree.", severity="warning")

    def action_switch(self) -> None:
        tabs = self.query_one("#import-source", TabbedContent)
        tabs.active = "import-paste" if tabs.active == "import-file" else "import-file"
        target = "#import-text" if tabs.active == "import-paste" else "#import-path"
        self.query_one(target).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
