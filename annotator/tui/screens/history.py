"""HistoryModal: the recorded changes of one claim, newest last."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from annotator.model import Event
from annotator.tui.text import safe

_SKIP = {"id", "updated_at", "created_at", "graded_at", "text", "sentence_start", "sentence_end"}


def describe(event: Event) -> Content:
    """One line per event: when, who, what, and the fields it changed."""
    head = Content(f"{event.at}  ").stylize("dim") + safe(event.reviewer).stylize("bold")
    what = f"  {event.action} {event.entity}"
    if event.undoes is not None:
        what += " (undo)"
    changes: list[str] = []
    before, after = event.before or {}, event.after or {}
    for key in sorted(set(before) | set(after)):
        if key in _SKIP or before.get(key) == after.get(key):
            continue
        old, new = before.get(key), after.get(key)
        if event.before is None:
            changes.append(f"{key}={new}")
        elif event.after is None:
            changes.append(f"{key} was {old}")
        else:
            changes.append(f"{key}: {old} → {new}")
    line = head + Content(what)
    if changes:
        line += Content("\n   ") + safe("; ".join(changes)[:400]).stylize("dim")
    return line


class HistoryModal(ModalScreen[None]):
    """Read-only list of a claim's events."""

    BINDINGS = [
        Binding("escape,h,q", "close", "Close", id="history.close", tooltip="Back to the claim")
    ]

    def __init__(self, title: str, events: list[Event]) -> None:
        super().__init__()
        self.title_text = title
        self.events = events

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="history-dialog"):
            yield Label(safe(self.title_text), classes="dialog-title")
            with VerticalScroll(id="history-events"):
                if not self.events:
                    yield Static("No changes recorded yet.")
                for event in self.events:
                    yield Static(describe(event), classes="history-event")
            yield Label("Escape to close", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#history-events").scroll_end(animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
