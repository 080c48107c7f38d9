"""CitationPickerModal: find a source (or add a new one), then stance, quote, locator.

The search field re-ranks the library on every keystroke; arrows move through the rows
while typing continues. Which rows are offered and which one Enter takes is decided in
the core (``annotator.sources.source_choice``): an identifier or a pasted reference
selects that source, in the library or new, never a look-alike. The modal returns a
``LinkChoice``; the review screen stores the source (if new) and the link.
"""

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

from annotator.app.source_picking import LibrarySearch, source_choice
from annotator.model import Citation, Stance
from annotator.sources.identifiers import format_reference, full_reference
from annotator.sources.source_choice import ChoiceRow, QueryKind, RowKind, SourceChoice
from annotator.store import Store
from annotator.tui.text import safe
from annotator.tui.widgets.lists import KeyedOptionList

STANCE_KEYS = {
    "s": Stance.SUPPORTS,
    "c": Stance.CONTRADICTS,
    "m": Stance.MIXED,
    "n": Stance.MENTIONS,
}
NEW = "new"


@dataclass(frozen=True)
class LinkChoice:
    """A source (stored, or new with id 0) and how it bears on the claim."""

    citation: Citation
    stance: str
    quote: str
    locator: str
    also_add: tuple[Citation, ...] = ()
    """Further entries of a pasted BibTeX/RIS record: added to the library, not linked."""


def row_content(row: ChoiceRow) -> Content:
    """One row of the picker: what it is, the reference, and a note such as
    "possibly the same"."""
    text = safe(format_reference(row.citation))
    if row.kind == RowKind.NEW:
        text = Content("+ new source: ").stylize("bold $success") + text
    elif row.kind == RowKind.LIBRARY:
        text = Content(f"library {row.citation.id}: ").stylize("bold") + text
    if row.note:
        text += Content("  ") + safe(f"[{row.note}]").stylize("italic $warning")
    return text


class SearchField(Input):
    """An Input that keeps a pasted multi-line entry (BibTeX) on one line."""

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()
        self.insert_text_at_cursor(" ".join(event.text.split()))


class CitationPickerModal(ModalScreen[LinkChoice | None]):
    """Pick or add a source, then say how it bears on the claim."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="picker.back", tooltip="Back one step, or close"),
        Binding("down", "move(1)", "Next", show=False, id="picker.next", tooltip="Next hit"),
        Binding(
            "up", "move(-1)", "Previous", show=False, id="picker.previous", tooltip="Previous hit"
        ),
    ]

    def __init__(
        self, store: Store, claim_label: str, library: LibrarySearch | None = None
    ) -> None:
        super().__init__()
        self.store = store
        self.library = library
        self.claim_label = claim_label
        self.choice = SourceChoice(QueryKind.EMPTY, (), None)
        self.chosen: ChoiceRow | None = None
        self._typing_quote = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="picker-dialog"):
            yield Label(
                Content("Link a source to: ") + safe(self.claim_label), classes="dialog-title"
            )
            with Vertical(id="picker-find"):
                yield SearchField(
                    placeholder="Search the library, or paste a DOI, PMID, URL, BibTeX, reference",
                    id="picker-search",
                )
                yield KeyedOptionList(id="picker-results")
                yield Label(
                    "↑↓ choose · Enter take · Escape close", id="picker-hint", classes="hint"
                )
            with Vertical(id="picker-link"):
                yield Label("", id="picker-chosen")
                yield KeyedOptionList(
                    *(Option(f"{k}  {s}", id=str(s)) for k, s in STANCE_KEYS.items()),
                    id="picker-stance",
                )
                yield Input(placeholder="Quote from the source (optional)", id="picker-quote")
                yield Input(
                    placeholder="Locator: page, section, table (optional)", id="picker-locator"
                )
                yield Label("Enter moves on and links · Escape back to the search", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#picker-link").display = False
        self.refresh_hits("")
        self.query_one("#picker-search").focus()

    # -- step 1: find -------------------------------------------------------------

    @on(Input.Changed, "#picker-search")
    def search_changed(self, event: Input.Changed) -> None:
        self.refresh_hits(event.value)

    def refresh_hits(self, query: str) -> None:
        """Ask the core what to offer for ``query`` and redraw the rows."""
        self.choice = source_choice(self.store, query, library=self.library)
        results = self.query_one("#picker-results", OptionList)
        results.clear_options()
        results.add_options(
            Option(row_content(row), id=str(i)) for i, row in enumerate(self.choice.rows)
        )
        results.highlighted = self.choice.selected
        self.query_one("#picker-hint", Label).update(self.choice.hint)

    def action_move(self, step: int) -> None:
        results = self.query_one("#picker-results", OptionList)
        if self.query_one("#picker-find").display and results.option_count:
            current = results.highlighted if results.highlighted is not None else -step
            results.highlighted = max(0, min(current + step, results.option_count - 1))
        else:
            self.focus_previous() if step < 0 else self.focus_next()

    @on(Input.Submitted, "#picker-search")
    def search_submitted(self) -> None:
        results = self.query_one("#picker-results", OptionList)
        if results.highlighted is not None:
            self.take(results.get_option_at_index(results.highlighted).id)

    @on(OptionList.OptionSelected, "#picker-results")
    def result_selected(self, event: OptionList.OptionSelected) -> None:
        self.take(event.option.id)

    def take(self, option_id: str | None) -> None:
        """Move to step 2 with the chosen source, shown in full."""
        if option_id is None or not option_id.isdigit():
            return
        index = int(option_id)
        if index >= len(self.choice.rows):
            return
        self.chosen = row = self.choice.rows[index]
        what = (
            "new source, added to the library:"
            if row.kind == RowKind.NEW
            else f"library source {row.citation.id}:"
        )
        self.query_one("#picker-chosen", Label).update(
            Content("Link ").stylize("bold")
            + Content(what).stylize("bold")
            + Content("\n")
            + safe(full_reference(row.citation))
        )
        self.query_one("#picker-find").display = False
        self.query_one("#picker-link").display = True
        stance = self.query_one("#picker-stance", OptionList)
        stance.highlighted = 0
        self._typing_quote = False
        stance.focus()

    # -- step 2: stance, quote, locator --------------------------------------------

    def on_key(self, event: events.Key) -> None:
        stance = self.query_one("#picker-stance", OptionList)
        if not stance.has_focus or not event.is_printable or event.character is None:
            return
        event.stop()
        quote = self.query_one("#picker-quote", Input)
        if event.character in STANCE_KEYS and not self._typing_quote:
            stance.highlighted = list(STANCE_KEYS).index(event.character)
        else:
            # Typed ahead of the focus change: the characters belong to the quote.
            quote.insert_text_at_cursor(event.character)
        self._typing_quote = True
        quote.focus()

    @on(OptionList.OptionSelected, "#picker-stance")
    def stance_selected(self) -> None:
        self._typing_quote = True
        self.query_one("#picker-quote").focus()

    @on(Input.Submitted, "#picker-quote")
    def quote_submitted(self) -> None:
        self.query_one("#picker-locator").focus()

    @on(Input.Submitted, "#picker-locator")
    def locator_submitted(self) -> None:
        stance = self.query_one("#picker-stance", OptionList)
        index = stance.highlighted if stance.highlighted is not None else 0
        if self.chosen is None:
            return
        self.dismiss(
            LinkChoice(
                self.chosen.citation,
                str(list(STANCE_KEYS.values())[index]),
                self.query_one("#picker-quote", Input).value,
                self.query_one("#picker-locator", Input).value,
                self.choice.to_add(self.chosen),
            )
        )

    def action_back(self) -> None:
        if self.query_one("#picker-link").display:
            self.query_one("#picker-link").display = False
            self.query_one("#picker-find").display = True
            self.query_one("#picker-search").focus()
        else:
            self.dismiss(None)
