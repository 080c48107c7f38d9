"""AssignModal: an editor ticks who checks an article, or types new names; returns them."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label
from textual.widgets.selection_list import Selection

from annotator.tui.text import safe
from annotator.tui.widgets.lists import KeyedSelectionList


class ReviewerList(KeyedSelectionList):
    """Reviewers to tick: j/k move, space ticks, Enter saves the dialog."""

    BINDINGS = [Binding("enter", "screen.save", "Save", show=False)]


class AssignModal(ModalScreen[list[str] | None]):
    """The article's reviewers: tick known names, add new ones; Enter saves, Escape
    leaves the assignments as they were."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="assign.cancel", tooltip="Assign nobody new"),
    ]

    def __init__(self, title: str, known: list[str], current: list[str]) -> None:
        super().__init__()
        self.article_title = title
        self.known = known
        self.current = set(current)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="assign-dialog"):
            yield Label(safe(f"Who checks “{self.article_title}”?"), classes="dialog-title")
            yield ReviewerList(
                *(Selection(safe(n), n, n in self.current) for n in self.known),
                id="assign-reviewers",
            )
            yield Input(placeholder="New names, comma-separated", id="assign-new")
            yield Label(
                "j/k move · space ticks · Tab: new names · Enter saves · Esc cancels",
                classes="hint",
            )

    def on_mount(self) -> None:
        reviewers = self.query_one("#assign-reviewers", ReviewerList)
        if self.known:
            reviewers.focus()
        else:
            reviewers.display = False
            self.query_one("#assign-new", Input).focus()

    @on(Input.Submitted, "#assign-new")
    def new_names_submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        ticked = list(self.query_one("#assign-reviewers", ReviewerList).selected)
        typed = self.query_one("#assign-new", Input).value.split(",")
        names = [*ticked, *(n.strip() for n in typed if n.strip())]
        self.dismiss(list(dict.fromkeys(names)))

    def action_cancel(self) -> None:
        self.dismiss(None)
