"""SimilarPickerModal: choose the earlier check whose evidence links to copy."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from annotator.scales import Scale
from annotator.tui.text import safe
from annotator.tui.widgets.lists import KeyedOptionList
from annotator.tui.widgets.similar_panel import Recall, recall_content


class SimilarPickerModal(ModalScreen[Recall | None]):
    """Every match and near miss of a claim; the ones with evidence links can be picked."""

    BINDINGS = [
        Binding("escape", "close", "Cancel", id="similar.cancel", tooltip="Copy nothing"),
    ]

    def __init__(self, title: str, recalls: list[Recall], scale: Scale) -> None:
        super().__init__()
        self.title_text = title
        self.recalls = recalls
        self.scale = scale

    def compose(self) -> ComposeResult:
        options = [
            Option(
                recall_content(r, self.scale),
                id=str(i),
                disabled=not r.reusable,
            )
            for i, r in enumerate(self.recalls)
        ]
        with Vertical(classes="dialog", id="similar-dialog"):
            yield Label(safe(self.title_text), classes="dialog-title")
            yield KeyedOptionList(*options, id="similar-options")
            yield Label(
                Content(
                    "Enter copies the chosen check's evidence links (never its verdict);"
                    " greyed ones have none. Escape cancels."
                ),
                classes="hint",
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        first = next((i for i, r in enumerate(self.recalls) if r.reusable), None)
        options.highlighted = first
        options.focus()

    @on(OptionList.OptionSelected, "#similar-options")
    def picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.recalls[int(event.option.id or 0)])

    def action_close(self) -> None:
        self.dismiss(None)
