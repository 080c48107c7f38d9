"""CitationModal: one source in full, its identifiers as terminal hyperlinks, and the
claims that cite it.

Every shown value is data (``safe``); an address goes into a hyperlink only as
``sources.identifier_links.link_target`` made it (http(s), percent-encoded), through a
``Style`` object, never through markup.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.style import Style
from textual.widgets import Label, Static

from annotator.app.citation_view import CitationDetails, citation_details
from annotator.app.source_text import QUOTE_CHECKS
from annotator.app.wording import counted
from annotator.store import Store
from annotator.tui.screens.key_sheet import key_sheet_binding
from annotator.tui.screens.source_text import ask_source_text
from annotator.tui.text import safe
from annotator.tui.widgets.details import stance_badge


def hyperlink(text: str, url: str) -> Content:
    """``text`` shown as data, linked to ``url`` (already a safe link target) if any."""
    shown = safe(text)
    return shown.stylize(Style(link=url, underline=True)) if url else shown


def _field(name: str, value: Content, width: int = 13) -> Content:
    return Content(f"{name:<{width - 1}} ").stylize("bold") + value + Content("\n")


def citation_content(d: CitationDetails) -> Content:
    """The whole view: reference, status, identifiers, study design, text, citing claims."""
    c = d.citation
    parts: list[Content] = [safe(d.reference + "\n").stylize("bold")]
    if c.retracted:
        parts.append(
            Content(" RETRACTED ").stylize("bold reverse $error")
            + Content(" do not rest a verdict on it\n").stylize("bold $error")
        )
    parts.append(Content("\n"))
    if d.address:
        parts.append(_field("Open", hyperlink(d.address, d.address)))
    for ident in d.identifiers:
        if ident.name == "URL" and ident.url == d.address:
            continue  # the line above
        width = max(13, len(ident.name) + 1)  # a registry's name is longer than most
        parts.append(_field(ident.name, hyperlink(ident.value, ident.url), width))
    parts.append(_field("Study design", safe(d.study_design)))
    parts.append(_field("", safe(d.study_design_why).stylize("dim")))
    parts.append(_field("Retracted", Content("yes" if c.retracted else "no")))
    if c.accessed:
        parts.append(_field("Accessed", safe(c.accessed)))
    if c.notes:
        parts.append(_field("Notes", safe(" ".join(c.notes.split()))))
    if d.stored_text:
        text = Content(f"{d.stored_characters} characters ({d.stored_text}): quotes are checked")
    else:
        text = Content("none: quotes are not checked (“quote no-text”); t gives it").stylize(
            "bold $warning"
        )
    parts.append(_field("Stored text", text))
    n = len(d.citing)
    parts.append(Content(f"\nCited by {counted(n, 'claim')}\n").stylize("bold"))
    for link in d.citing:
        ev = link.evidence
        parts.append(stance_badge(str(ev.stance)))
        parts.append(Content(" ") + safe(link.claim.label).stylize("bold"))
        parts.append(Content(" · ") + safe(link.article_title).stylize("dim") + Content("\n"))
        if ev.quote:
            parts.append(safe(f"  “{' '.join(ev.quote.split())}”"))
            if ev.locator:
                parts.append(safe(f" ({ev.locator})"))
            parts.append(Content(f"\n  quote {ev.quote_verified}: ").stylize("dim"))
            parts.append(Content(QUOTE_CHECKS[ev.quote_verified] + "\n").stylize("dim"))
    return Content.assemble(*parts)


class CitationModal(ModalScreen[None]):
    """Everything about one source; t gives its text, y copies its address."""

    BINDINGS = [
        key_sheet_binding("citation"),
        Binding("escape", "close", "Close", id="citation.close", tooltip="Back to the links"),
        Binding(
            "t",
            "source_text",
            "Text",
            id="citation.text",
            tooltip="Give the source's own text (paste or a file), so quotes are checked",
        ),
        Binding(
            "y",
            "copy_address",
            "Copy address",
            id="citation.copy",
            tooltip="Copy the source's web address to the clipboard",
        ),
        Binding("j,down", "scroll(1)", "Down", show=False, id="citation.down", tooltip="Scroll"),
        Binding("k,up", "scroll(-1)", "Up", show=False, id="citation.up", tooltip="Scroll"),
    ]

    def __init__(self, store: Store, citation_id: int) -> None:
        super().__init__()
        self.store = store
        self.citation_id = citation_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="citation-dialog"):
            yield Label(f"Source {self.citation_id}", classes="dialog-title")
            with VerticalScroll(id="citation-scroll"):
                yield Static(id="citation-body")
            yield Label(
                "t give its text · y copy address · j/k scroll · Escape back", classes="hint"
            )

    def on_mount(self) -> None:
        self.show()
        self.query_one("#citation-scroll").focus()

    def show(self) -> None:
        self.details = citation_details(self.store, self.citation_id)
        self.query_one("#citation-body", Static).update(citation_content(self.details))

    def action_scroll(self, lines: int) -> None:
        self.query_one("#citation-scroll", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_source_text(self) -> None:
        ask_source_text(self, self.store, self.citation_id, self.show)

    def action_copy_address(self) -> None:
        if not self.details.address:
            self.notify("This source has no web address.", severity="warning")
            return
        self.app.copy_to_clipboard(self.details.address)
        self.notify(f"Copied {self.details.address}")

    def action_close(self) -> None:
        self.dismiss(None)
