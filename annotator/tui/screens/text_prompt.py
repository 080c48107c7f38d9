"""TextPromptModal: one line of text (a label, a note); returns it or None."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from annotator.tui.text import safe


class TextPromptModal(ModalScreen[str | None]):
    """Edit one line; Enter keeps it, Escape leaves it as it was."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="prompt.cancel", tooltip="Keep it as it was")
    ]

    def __init__(self, title: str, value: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(safe(self.title_text), classes="dialog-title")
            yield Input(value=self.value, id="prompt-input")
            yield Label("Enter to keep · Escape to cancel", classes="hint")

    @on(Input.Submitted)
    def submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
