"""GradeModal: certainty of the evidence, reason tags and the rationale of a grade."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, SelectionList
from textual.widgets.option_list import Option

from annotator.model import GRADE_REASONS, Grade
from annotator.scales import Scale
from annotator.tui.text import safe
from annotator.tui.widgets.lists import KeyedOptionList, KeyedSelectionList


@dataclass(frozen=True)
class GradeDetails:
    """What the modal returns: the parts of a grade besides the verdict."""

    certainty: str
    reasons: tuple[str, ...]
    note: str


class GradeModal(ModalScreen[GradeDetails | None]):
    """Enter on a certainty level saves; Tab reaches the reasons and the note."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="grade.cancel", tooltip="Keep the grade as it was")
    ]

    def __init__(self, verdict: str, grade: Grade, certainty: Scale) -> None:
        super().__init__()
        self.verdict = verdict
        self.grade = grade
        self.certainty = certainty

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="grade-dialog"):
            yield Label(
                Content("Grade: ") + safe(self.verdict).stylize("bold"), classes="dialog-title"
            )
            yield Label(
                f"Certainty of the evidence (1–{len(self.certainty.levels)} or Enter saves)"
            )
            yield KeyedOptionList(
                *(
                    Option(
                        safe(f"{i}  {lv.label}  ") + safe(lv.description).stylize("dim"), id=lv.key
                    )
                    for i, lv in enumerate(self.certainty.levels, 1)
                ),
                id="grade-certainty",
            )
            yield Label("Reasons (space to tick)")
            yield KeyedSelectionList(
                *((r, r, r in self.grade.reasons) for r in GRADE_REASONS), id="grade-reasons"
            )
            yield Label("Rationale (Enter saves)")
            yield Input(self.grade.note, placeholder="why this verdict", id="grade-note")
            yield Label("Tab: certainty → reasons → rationale · Escape cancels", classes="hint")

    def on_mount(self) -> None:
        options = self.query_one("#grade-certainty", OptionList)
        keys = [lv.key for lv in self.certainty.levels]
        options.highlighted = (
            keys.index(self.grade.certainty) if self.grade.certainty in keys else 0
        )
        options.focus()

    def _result(self) -> GradeDetails:
        options = self.query_one("#grade-certainty", OptionList)
        index = options.highlighted
        key = self.certainty.levels[index].key if index is not None else ""
        reasons = tuple(self.query_one("#grade-reasons", SelectionList).selected)
        return GradeDetails(key, reasons, self.query_one("#grade-note", Input).value)

    def on_key(self, event: events.Key) -> None:
        char = event.character
        options = self.query_one("#grade-certainty", OptionList)
        levels = len(self.certainty.levels)
        if options.has_focus and char and char.isdigit() and 0 < int(char) <= levels:
            options.highlighted = int(char) - 1
            event.stop()
            self.dismiss(self._result())

    @on(OptionList.OptionSelected, "#grade-certainty")
    @on(Input.Submitted, "#grade-note")
    def save(self) -> None:
        self.dismiss(self._result())

    def action_cancel(self) -> None:
        self.dismiss(None)
