"""HistoryModal: the recorded changes of one claim, newest last."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from annotator.model import Event
from annotator.tui.text import safe
from annotator.tui.widgets.lists import KeyedScroll


def describe(event: Event, sentence: str) -> Content:
    """One event: when, then the sentence that says who did what."""
    who, _, rest = sentence.partition(" ")
    head = Content(f"{event.at}  ").stylize("dim") + safe(who).stylize("bold")
    return head + safe(f" {rest}"[:400])


class HistoryModal(ModalScreen[None]):
    """Read-only list of a claim's events."""

    BINDINGS = [
        Binding("escape,h,q", "close", "Close", id="history.close", tooltip="Back to the claim")
    ]

    def __init__(self, title: str, lines: list[tuple[Event, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.lines = lines  # each event with its sentence (app.event_log.claim_history)
        self.events = [event for event, _sentence in lines]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="history-dialog"):
            yield Label(safe(self.title_text), classes="dialog-title")
            with KeyedScroll(id="history-events"):
                if not self.lines:
                    yield Static("No changes recorded yet.")
                for event, sentence in self.lines:
                    yield Static(describe(event, sentence), classes="history-event")
            yield Label("Escape to close", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#history-events").scroll_end(animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
