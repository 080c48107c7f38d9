"""CitationPickerModal: find a source (or add a new one), then stance, quote, locator.

The search field re-ranks the whole library on every keystroke; arrows move through
the hits while typing continues. The first row is always "new source" for what was
typed: a DOI, PMID, URL, a BibTeX entry or a free-text reference. The modal returns a
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

from annotator.errors import AnnotatorError
from annotator.model import Citation, Stance
from annotator.sources.identifiers import (
    citation_from_text,
    format_reference,
    identifier_lookup,
)
from annotator.store import Store
from annotator.tui.text import safe

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


def parse_new_source(text: str) -> list[Citation]:
    """Sources from what was typed or pasted: identifiers, BibTeX/RIS, else a reference."""
    text = text.strip()
    if not text:
        return []
    if text.startswith(("@", "TY  -")):
        parsed = _parse_reference_file(text)
        if parsed:
            return parsed
    found = identifier_lookup(text)
    if found is not None:
        return [found]
    return [citation_from_text(text)]


def _parse_reference_file(text: str) -> list[Citation]:
    """Every entry of a pasted BibTeX or RIS record that could be read."""
    from annotator.sources.library_import import parse_citations

    fmt = "ris" if text.startswith("TY  -") else "bibtex"
    try:
        return list(parse_citations(text, fmt).citations)
    except (AnnotatorError, ValueError):
        return []


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

    def __init__(self, store: Store, claim_label: str) -> None:
        super().__init__()
        self.store = store
        self.claim_label = claim_label
        self.hits: list[Citation] = []
        self.new_sources: list[Citation] = []
        self.chosen: Citation | None = None
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
                yield OptionList(id="picker-results")
                yield Label("↑↓ choose · Enter take · Escape close", classes="hint")
            with Vertical(id="picker-link"):
                yield Label("", id="picker-chosen")
                yield OptionList(
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
        """Re-rank the library for ``query`` and redraw the hits."""
        if query.strip():
            self.hits = [c for c, _ in self.store.search_citations(query, limit=30)]
            try:
                self.new_sources = parse_new_source(query)
            except AnnotatorError:
                self.new_sources = []
        else:
            self.hits = self.store.list_citations()[-30:][::-1]
            self.new_sources = []
        results = self.query_one("#picker-results", OptionList)
        results.clear_options()
        if self.new_sources:
            what = format_reference(self.new_sources[0])
            more = f" (+{len(self.new_sources) - 1} more)" if len(self.new_sources) > 1 else ""
            results.add_option(
                Option(
                    Content("+ new source: ").stylize("bold $success") + safe(what + more), id=NEW
                )
            )
        results.add_options(Option(safe(format_reference(c)), id=str(c.id)) for c in self.hits)
        if results.option_count:
            results.highlighted = 1 if self.new_sources and self.hits else 0

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
        """Move to step 2 with the chosen source."""
        if option_id == NEW:
            if not self.new_sources:
                return
            self.chosen = self.new_sources[0]
        else:
            self.chosen = next((c for c in self.hits if str(c.id) == option_id), None)
        if self.chosen is None:
            return
        prefix = "new source: " if option_id == NEW else ""
        self.query_one("#picker-chosen", Label).update(
            Content(prefix).stylize("bold") + safe(format_reference(self.chosen))
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
                self.chosen,
                str(list(STANCE_KEYS.values())[index]),
                self.query_one("#picker-quote", Input).value,
                self.query_one("#picker-locator", Input).value,
                tuple(self.new_sources[1:])
                if self.new_sources and self.chosen is self.new_sources[0]
                else (),
            )
        )

    def action_back(self) -> None:
        if self.query_one("#picker-link").display:
            self.query_one("#picker-link").display = False
            self.query_one("#picker-find").display = True
            self.query_one("#picker-search").focus()
        else:
            self.dismiss(None)
