"""ReviewerNameModal: the first run asks who is working; returns the name typed."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from annotator.errors import AnnotatorError
from annotator.grades.visibility import check_reviewer_name
from annotator.tui.text import safe


class ReviewerNameModal(ModalScreen[str | None]):
    """Who is working: the name every change is recorded under, remembered in the
    user's config. Escape works under the suggested name this time only."""

    BINDINGS = [
        Binding(
            "escape",
            "cancel",
            "Not now",
            id="reviewer-name.cancel",
            tooltip="Work under the suggested name this time; asked again next start",
        )
    ]

    def __init__(self, suggested: str, where: str) -> None:
        super().__init__()
        self.suggested = suggested
        self.where = where

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="reviewer-name-dialog"):
            yield Label("Who is working?", classes="dialog-title")
            yield Label(
                "Every grade, link and edit is recorded under your name, and blind review"
                " keeps others' verdicts from you by it. Use the same name each time.",
                classes="reviewer-name-why",
            )
            yield Input(placeholder="Your name, e.g. ann", id="reviewer-name")
            yield Label("", id="reviewer-name-error")
            yield Label(safe(f"Remembered in {self.where}"), classes="hint")
            yield Label(
                safe(f"Enter remembers it · Esc: work as {self.suggested!r} this time"),
                classes="hint",
            )

    @on(Input.Submitted, "#reviewer-name")
    def submit(self, event: Input.Submitted) -> None:
        try:
            name = check_reviewer_name(event.value)
        except AnnotatorError as exc:
            self.query_one("#reviewer-name-error", Label).update(safe(str(exc)))
            return
        self.dismiss(name)

    def action_cancel(self) -> None:
        self.dismiss(None)
