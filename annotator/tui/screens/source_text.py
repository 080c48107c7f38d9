"""SourceTextModal: give a source its own text, pasted or from a file, so quotes are checked.

``ask_source_text`` asks for it and stores it through the one use case both faces call
(``app.source_text.give_source_text``), then says how each linked quote now checks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Label, TextArea

from annotator.app.source_text import give_source_text, read_source_file
from annotator.errors import AnnotatorError
from annotator.model import Citation
from annotator.sources.identifiers import format_reference
from annotator.store import Store
from annotator.tui.access import app_of
from annotator.tui.screens.export import resolve
from annotator.tui.text import safe, visible


class SourceTextModal(ModalScreen[str | None]):
    """Paste (or type) the text and save it with ctrl+s, or name a file and press Enter."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="source-text.cancel", tooltip="Store nothing"),
        Binding(
            "ctrl+s",
            "save",
            "Store",
            id="source-text.save",
            tooltip="Store the text in the box as the source's own text",
        ),
    ]

    def __init__(self, citation: Citation) -> None:
        super().__init__()
        self.citation = citation

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="source-text-dialog"):
            yield Label(
                Content("Text of: ") + safe(format_reference(self.citation)),
                classes="dialog-title",
            )
            yield Label(
                "Quotes linked to this source are checked against this text: "
                "“quote no-text” means the source has none yet.",
                classes="hint",
            )
            yield TextArea(
                # Stored text is data: a control character in it shows as a symbol.
                visible(self.citation.source_text),
                soft_wrap=True,
                placeholder="Paste the source's text here (its abstract, a passage, the whole)",
                id="source-text-area",
            )
            yield Label("…or load it from a file (.txt, .md, .html): type its path, Enter")
            yield Input(placeholder="path/to/source.txt", id="source-text-path")
            yield Label(
                "ctrl+s stores the pasted text · Tab to the file · Escape stores nothing",
                classes="hint",
            )

    def on_mount(self) -> None:
        self.query_one("#source-text-area").focus()

    def action_save(self) -> None:
        text = self.query_one("#source-text-area", TextArea).text
        if not text.strip():
            self.notify("Paste the source's text first, or name its file.", severity="error")
            return
        self.dismiss(text)

    @on(Input.Submitted, "#source-text-path")
    def path_submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.notify("Type the path of a text file.", severity="error")
            return
        try:
            text = read_source_file(resolve(event.value), held=app_of(self).store.files)
        except AnnotatorError as exc:
            self.notify(str(exc), severity="error")
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)


def ask_source_text(
    screen: Screen[Any], store: Store, citation_id: int, then: Callable[[], None]
) -> None:
    """Ask for a source's text, store it (one action), say how its quotes check, ``then``."""
    citation = store.get_citation(citation_id)

    def given(text: str | None) -> None:
        if text is None:
            return
        try:
            result = give_source_text(
                store, citation_id, text, reviewer=app_of(screen).settings.reviewer
            )
        except AnnotatorError as exc:
            screen.notify(str(exc), severity="error")
            return
        screen.notify(result.message, title="Source text stored", timeout=8)
        then()

    screen.app.push_screen(SourceTextModal(citation), given)
