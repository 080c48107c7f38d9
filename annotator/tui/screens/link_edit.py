"""LinkEditModal: a link's stance, quote and locator in one form; one save, one undo step."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from annotator.model import Evidence, Stance
from annotator.tui.screens.citation_picker import STANCE_KEYS
from annotator.tui.text import safe
from annotator.tui.widgets.lists import KeyedOptionList


@dataclass(frozen=True)
class LinkEdit:
    """What the form returns: the link's fields as the reviewer left them."""

    stance: str
    quote: str
    locator: str


class LinkEditModal(ModalScreen[LinkEdit | None]):
    """s/c/m/n (or ↑/↓) stance, Tab or Enter to the quote and the locator, Enter saves."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="link-edit.cancel", tooltip="Change nothing"),
        Binding(
            "ctrl+s", "save", "Save", id="link-edit.save", tooltip="Save the link as it stands"
        ),
    ]

    def __init__(self, evidence: Evidence, reference: str) -> None:
        super().__init__()
        self.evidence = evidence
        self.reference = reference

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="link-edit-dialog"):
            yield Label(
                Content("Edit the link to: ") + safe(self.reference), classes="dialog-title"
            )
            yield Label("Stance (s c m n, or ↑/↓; Enter goes on to the quote)", classes="hint")
            yield KeyedOptionList(
                *(Option(f"{k}  {s}", id=str(s)) for k, s in STANCE_KEYS.items()),
                id="link-edit-stance",
            )
            yield Label("Quote: the source's words (checked against its stored text)")
            yield Input(self.evidence.quote, placeholder="Quote (optional)", id="link-edit-quote")
            yield Label("Locator: page, section or table")
            yield Input(
                self.evidence.locator, placeholder="Locator (optional)", id="link-edit-locator"
            )
            yield Label(
                "Enter on the locator or ctrl+s saves · Escape changes nothing", classes="hint"
            )

    def on_mount(self) -> None:
        stance = self.query_one("#link-edit-stance", OptionList)
        stance.highlighted = list(STANCE_KEYS.values()).index(Stance(self.evidence.stance))
        stance.focus()

    def on_key(self, event: events.Key) -> None:
        stance = self.query_one("#link-edit-stance", OptionList)
        if stance.has_focus and event.character in STANCE_KEYS:
            event.stop()
            stance.highlighted = list(STANCE_KEYS).index(event.character)

    @on(OptionList.OptionSelected, "#link-edit-stance")
    def stance_chosen(self) -> None:
        self.query_one("#link-edit-quote").focus()

    @on(Input.Submitted, "#link-edit-quote")
    def quote_submitted(self) -> None:
        self.query_one("#link-edit-locator").focus()

    @on(Input.Submitted, "#link-edit-locator")
    def action_save(self) -> None:
        stance = self.query_one("#link-edit-stance", OptionList)
        index = stance.highlighted if stance.highlighted is not None else 0
        self.dismiss(
            LinkEdit(
                str(list(STANCE_KEYS.values())[index]),
                self.query_one("#link-edit-quote", Input).value,
                self.query_one("#link-edit-locator", Input).value,
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
