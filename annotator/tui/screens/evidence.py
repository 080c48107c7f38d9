"""EvidenceModal: one claim's evidence links, to edit, remove, view and quote from.

Each change is one use case of ``app/`` (``linking.edit_link``, ``linking.unlink``,
``source_text.give_source_text``, ``source_text.take_quote``): one action, one undo
step, and ctrl+z here undoes it as it does on the review screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from annotator.app.event_log import redo, undo
from annotator.app.linking import edit_link, unlink
from annotator.app.source_text import QUOTE_CHECKS, QuoteSentence, quote_choices, take_quote
from annotator.errors import AnnotatorError
from annotator.model import Citation, Evidence, QuoteMatch
from annotator.sources.identifiers import format_reference
from annotator.store import Store
from annotator.tui.access import app_of
from annotator.tui.screens.citation_view import CitationModal
from annotator.tui.screens.key_sheet import key_sheet_binding
from annotator.tui.screens.link_edit import LinkEdit, LinkEditModal
from annotator.tui.screens.quote_choice import QuoteChoiceModal
from annotator.tui.screens.source_text import ask_source_text
from annotator.tui.text import safe
from annotator.tui.widgets.details import stance_badge


def link_content(ev: Evidence, citation: Citation) -> Content:
    """One link: stance, the source, and its quote with how the quote checks."""
    parts = [
        stance_badge(str(ev.stance)),
        Content(" "),
    ]
    if citation.retracted:
        parts.append(Content("RETRACTED ").stylize("bold $error"))
    parts.append(safe(format_reference(citation)))
    quote = " ".join(ev.quote.split())
    parts.append(Content("\n  "))
    parts.append(safe(f"“{quote}”") if quote else Content("no quote").stylize("dim"))
    if ev.locator:
        parts.append(safe(f" ({ev.locator})"))
    if quote:
        parts.append(Content(f"  quote {ev.quote_verified}").stylize("dim"))
    return Content.assemble(*parts)


class EvidenceModal(ModalScreen[None]):
    """The links of one claim: e edit, x remove, Enter the source, t its text, p a quote."""

    BINDINGS = [
        key_sheet_binding("evidence"),
        Binding("escape", "close", "Close", id="evidence.close", tooltip="Back to the claim"),
        Binding("j", "move(1)", "Next", show=False, id="evidence.next", tooltip="Next link"),
        Binding(
            "k", "move(-1)", "Previous", show=False, id="evidence.previous", tooltip="Previous link"
        ),  # fmt: skip
        Binding(
            "e",
            "edit_link",
            "Edit",
            id="evidence.edit",
            tooltip="Edit the link's stance, quote and locator",
        ),  # fmt: skip
        Binding(
            "x,delete",
            "remove_link",
            "Remove",
            id="evidence.remove",
            tooltip="Remove the link (ctrl+z brings it back)",
        ),  # fmt: skip
        Binding(
            "i",
            "view_source",
            "Source",
            id="evidence.source",
            tooltip="The source in full: reference, identifiers, study design, retraction, "
            "address, the claims citing it (also Enter)",
        ),  # fmt: skip
        Binding(
            "t",
            "source_text",
            "Text",
            id="evidence.text",
            tooltip="Give the source's own text (paste or a file), so quotes are checked",
        ),  # fmt: skip
        Binding(
            "p",
            "pick_quote",
            "Pick quote",
            id="evidence.quote",
            tooltip="Choose the quote from the source's sentences, beside the claim",
        ),  # fmt: skip
        Binding("ctrl+z", "undo", "Undo", id="evidence.undo", tooltip="Revert your last change"),
        Binding(
            "ctrl+y",
            "redo",
            "Redo",
            show=False,
            id="evidence.redo",
            tooltip="Make your last undone change again",
        ),  # fmt: skip
    ]

    def __init__(self, store: Store, claim_id: int) -> None:
        super().__init__()
        self.store = store
        self.claim_id = claim_id
        self.links: list[tuple[Evidence, Citation]] = []

    @property
    def reviewer(self) -> str:
        return app_of(self).settings.reviewer

    def compose(self) -> ComposeResult:
        claim = self.store.get_claim(self.claim_id)
        with Vertical(classes="dialog", id="evidence-dialog"):
            yield Label(Content("Evidence for: ") + safe(claim.label), classes="dialog-title")
            yield OptionList(id="evidence-links")
            yield Static(id="evidence-why")
            yield Label(
                "e edit · x remove · Enter source · t text · p pick quote · ctrl+z undo · Esc",
                classes="hint",
            )

    def on_mount(self) -> None:
        self.show()
        self.query_one("#evidence-links").focus()

    # -- drawing ------------------------------------------------------------------

    def show(self, select: int | None = None) -> None:
        """Read the claim's links again; keep the cursor on ``select`` (a link id) or
        where it was."""
        links_list = self.query_one("#evidence-links", OptionList)
        was = links_list.highlighted or 0
        self.links = [
            (ev, self.store.get_citation(ev.citation_id))
            for ev in self.store.evidence_for(self.claim_id)
        ]
        links_list.clear_options()
        # A rule under each link (None) keeps two links' lines apart.
        links_list.add_options(
            item
            for ev, c in self.links
            for item in (Option(link_content(ev, c), id=str(ev.id)), None)
        )
        links_list.border_title = f"Links ({len(self.links)})"
        ids = [ev.id for ev, _ in self.links]
        if self.links:
            links_list.highlighted = ids.index(select) if select in ids else min(was, len(ids) - 1)
        self._explain()

    @on(OptionList.OptionHighlighted, "#evidence-links")
    def _explain(self) -> None:
        """Under the list: what the highlighted link's quote check means."""
        why = self.query_one("#evidence-why", Static)
        current = self.current
        if current is None:
            why.update(Content("No sources linked: c on the claim links one.").stylize("dim"))
            return
        ev, citation = current
        text = "no quote yet: p picks one from the source's text, e types one"
        if ev.quote:
            text = f"quote {ev.quote_verified}: {QUOTE_CHECKS[ev.quote_verified]}"
            text += {
                QuoteMatch.NO_TEXT: " (t gives it)",
                QuoteMatch.NOT_FOUND: " (p picks one)",
            }.get(ev.quote_verified, "")
        if citation.retracted:
            text += " · the source is RETRACTED"
        why.update(Content(text).stylize("dim"))

    @property
    def current(self) -> tuple[Evidence, Citation] | None:
        index = self.query_one("#evidence-links", OptionList).highlighted
        if index is None or not 0 <= index < len(self.links):
            return None
        return self.links[index]

    def action_move(self, step: int) -> None:
        links_list = self.query_one("#evidence-links", OptionList)
        if links_list.option_count:
            now = links_list.highlighted if links_list.highlighted is not None else 0
            links_list.highlighted = max(0, min(now + step, links_list.option_count - 1))

    def _act(self, fn: Callable[[], Any], select: int | None = None) -> bool:
        """Run one action, show its error in one line, redraw; True when it was done."""
        done = True
        try:
            fn()
        except AnnotatorError as exc:
            self.notify(str(exc), severity="error")
            done = False
        self.show(select)
        return done

    # -- actions ------------------------------------------------------------------

    def action_edit_link(self) -> None:
        if (current := self.current) is None:
            return
        ev, citation = current

        def done(edit: LinkEdit | None) -> None:
            if edit is not None:
                self._act(
                    lambda: edit_link(
                        self.store,
                        ev.id,
                        reviewer=self.reviewer,
                        stance=edit.stance,
                        quote=edit.quote,
                        locator=edit.locator,
                    ),  # fmt: skip
                    select=ev.id,
                )

        self.app.push_screen(LinkEditModal(ev, format_reference(citation)), done)

    def action_remove_link(self) -> None:
        if (current := self.current) is None:
            return
        ev, citation = current
        if self._act(lambda: unlink(self.store, ev.id, reviewer=self.reviewer)):
            self.notify(f"Link to source {citation.id} removed: ctrl+z brings it back.")

    @on(OptionList.OptionSelected, "#evidence-links")
    def action_view_source(self) -> None:
        if (current := self.current) is not None:
            self.app.push_screen(CitationModal(self.store, current[1].id), lambda _: self.show())

    def action_source_text(self) -> None:
        if (current := self.current) is not None:
            ask_source_text(self, self.store, current[1].id, self.show)

    def action_pick_quote(self) -> None:
        if (current := self.current) is None:
            return
        ev, citation = current
        try:
            choices = quote_choices(self.store, ev.id)
        except AnnotatorError:
            # No text to quote from yet: ask for it, then offer its sentences.
            ask_source_text(self, self.store, citation.id, self.action_pick_quote)
            return

        def taken(sentence: QuoteSentence | None) -> None:
            if sentence is not None:
                self._act(
                    lambda: take_quote(self.store, ev.id, sentence, reviewer=self.reviewer),
                    select=ev.id,
                )

        self.app.push_screen(QuoteChoiceModal(choices, format_reference(citation)), taken)

    def action_undo(self) -> None:
        self._reversal(undo)

    def action_redo(self) -> None:
        self._reversal(redo)

    def _reversal(self, fn: Callable[..., Any]) -> None:
        # Not limited to the article, as the review screen's is: a source's text belongs
        # to no article, and here the last change may well be giving it.
        outcome = fn(self.store, self.reviewer, None)
        self.notify(outcome.message, severity="information" if outcome.changed else "warning")
        self.show()

    def action_close(self) -> None:
        self.dismiss(None)
