"""QuoteChoiceModal: the claim beside its source's sentences; Enter takes one as the quote.

The sentences and where the cursor starts come from ``app.source_text.quote_choices``:
the sentence holding the current quote, else the one that best matches the claim.
A sentence taken is the source's own words, so the quote checks as exact.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from annotator.app.source_text import QuoteChoices, QuoteSentence
from annotator.tui.screens.key_sheet import key_sheet_binding
from annotator.tui.text import safe


def sentence_content(sentence: QuoteSentence) -> Content:
    """One sentence of the source, with how well it matches the claim when it does."""
    mark = (
        Content(f"{sentence.score:>3.0f} ").stylize("bold $success")
        if sentence.score
        else (Content("    "))
    )
    return mark + safe(sentence.text)


class QuoteChoiceModal(ModalScreen[QuoteSentence | None]):
    """j/k (↑/↓) through the source's sentences, Enter takes one, Escape takes none."""

    BINDINGS = [
        key_sheet_binding("quote"),
        Binding("escape", "cancel", "Cancel", id="quote.cancel", tooltip="Keep the quote as it is"),
        Binding("j", "move(1)", "Next", id="quote.next", tooltip="Next sentence of the source"),
        Binding("k", "move(-1)", "Previous", id="quote.previous", tooltip="Previous sentence"),
        Binding(
            "enter",
            "take",
            "Take",
            id="quote.take",
            tooltip="Take the sentence as the link's quote",
        ),
    ]

    def __init__(self, choices: QuoteChoices, reference: str) -> None:
        super().__init__()
        self.choices = choices
        self.reference = reference

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="quote-dialog"):
            yield Label(
                Content("Choose the quote from: ") + safe(self.reference), classes="dialog-title"
            )
            with Horizontal(id="quote-body"):
                with VerticalScroll(id="quote-claim"):
                    yield Static(Content("The claim").stylize("bold"))
                    yield Static(safe(" ".join(self.choices.claim_text.split())))
                    if self.choices.quote:
                        yield Static(Content("\nQuote now").stylize("bold"))
                        yield Static(safe(f"“{' '.join(self.choices.quote.split())}”"))
                # A rule under each sentence (None) shows where one ends.
                yield OptionList(
                    *(
                        item
                        for i, s in enumerate(self.choices.sentences)
                        for item in (Option(sentence_content(s), id=str(i)), None)
                    ),
                    id="quote-sentences",
                )
            yield Label(
                "j/k or ↑/↓ move · Enter takes the sentence · numbers: match with the claim"
                " · Escape",
                classes="hint",
            )

    def on_mount(self) -> None:
        sentences = self.query_one("#quote-sentences", OptionList)
        sentences.border_title = f"The source's sentences ({len(self.choices.sentences)})"
        sentences.highlighted = self.choices.start_index
        sentences.focus()

    def action_move(self, step: int) -> None:
        sentences = self.query_one("#quote-sentences", OptionList)
        if sentences.option_count:
            now = sentences.highlighted if sentences.highlighted is not None else 0
            sentences.highlighted = max(0, min(now + step, sentences.option_count - 1))

    @on(OptionList.OptionSelected, "#quote-sentences")
    def action_take(self) -> None:
        index = self.query_one("#quote-sentences", OptionList).highlighted
        if index is not None and index < len(self.choices.sentences):
            self.dismiss(self.choices.sentences[index])

    def action_cancel(self) -> None:
        self.dismiss(None)
