"""The command palette: every action of the current screen, with its key.

One Provider builds its commands from the bindings in force on the screen the palette
was opened from, so a remapped key shows as remapped and a new binding appears without
an edit here. ``TITLES`` names each binding id "area: verb object"; a binding without
an entry falls back to its description.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.dom import DOMNode
from textual.fuzzy import Matcher
from textual.screen import Screen

TITLES: dict[str, str] = {
    "app.quit": "app: quit",
    "app.keys": "app: key sheet",
    "app.palette": "app: open command palette",
    "home.open": "article: open",
    "home.next": "article: next in the list",
    "home.previous": "article: previous in the list",
    "home.import": "article: import a file or pasted text",
    "home.delete": "article: delete",
    "home.assign": "team: assign the article to reviewers (editors)",
    "home.settings": "app: desk settings (organization, editors, scale, blind...)",
    "review.next": "claim: next",
    "review.previous": "claim: previous",
    "review.verdict-1": "grade: 1 verdict (best)",
    "review.verdict-2": "grade: 2 verdict",
    "review.verdict-3": "grade: 3 verdict",
    "review.verdict-4": "grade: 4 verdict",
    "review.verdict-5": "grade: 5 verdict (worst)",
    "review.verdict-0": "grade: 0 not checkable",
    "review.certainty": "grade: set certainty and reasons",
    "review.history": "claim: show history",
    "review.cite": "evidence: link citation",
    "review.evidence": "evidence: edit, remove or view the claim's links",
    "evidence.close": "evidence: close the links",
    "evidence.next": "evidence: next link",
    "evidence.previous": "evidence: previous link",
    "evidence.edit": "evidence: edit stance, quote and locator",
    "evidence.remove": "evidence: remove link",
    "evidence.source": "citation: show the source in full",
    "evidence.text": "source: give its text (paste or file)",
    "evidence.quote": "evidence: pick the quote from the source's text",
    "evidence.undo": "evidence: undo last change",
    "evidence.redo": "evidence: redo last undone change",
    "citation.close": "citation: close",
    "citation.text": "source: give its text (paste or file)",
    "citation.copy": "citation: copy its web address",
    "citation.down": "citation: scroll down",
    "citation.up": "citation: scroll up",
    "link-edit.save": "evidence: save the link",
    "link-edit.cancel": "evidence: cancel the edit",
    "source-text.save": "source: store the pasted text",
    "source-text.cancel": "source: cancel",
    "quote.next": "evidence: next sentence",
    "quote.previous": "evidence: previous sentence",
    "quote.take": "evidence: take the sentence as the quote",
    "quote.cancel": "evidence: keep the quote as it is",
    "evidence.keys": "app: key sheet",
    "citation.keys": "app: key sheet",
    "quote.keys": "app: key sheet",
    "review.reuse": "evidence: reuse links of best match",
    "review.reuse-choose": "evidence: reuse links of chosen match",
    "review.note": "claim: edit note",
    "review.edit-label": "claim: edit label",
    "review.dismiss": "claim: dismiss or restore",
    "review.split": "claim: split at cursor",
    "review.merge": "claim: merge with next",
    "review.accept": "claim: accept",
    "review.add": "claim: add from text span",
    "review.search": "claims: search and filter",
    "review.hide-dismissed": "claims: hide or show dismissed",
    "review.undo": "history: undo last change",
    "review.redo": "history: redo last undone change",
    "review.agreement": "team: show agreement",
    "review.reconcile": "team: reconcile disagreements",
    "review.articles": "article: back to list",
    "review.queue": "queue: what needs a person again (re-review)",
    "home.queue": "queue: what needs a person again, every article",
    "review.export": "export: write claims to a file (csv, xlsx, md, html, claimreview...)",
    "agreement.reconcile": "team: reconcile disagreements",
    "agreement.close": "team: back from the agreement figures",
    "reconcile.next": "team: next disputed claim",
    "reconcile.previous": "team: previous disputed claim",
    "reconcile.close": "team: back from reconciling",
    "queue.next": "queue: next claim",
    "queue.previous": "queue: previous claim",
    "queue.open": "queue: review the claim",
    "queue.all": "queue: this article or every article",
    "queue.back": "queue: back",
}

VERDICT_KEYS = {
    "review.verdict-": "grade: {}",
    "reconcile.final-": "team: final verdict: {} (asks why)",
}
"""Bindings whose title names the level of the scale in force their digit picks."""


def _key_display(node: DOMNode, binding: Binding) -> str:
    return node.app.get_key_display(binding)


def palette_entries(screen: Screen[Any]) -> Iterator[tuple[str, str, str, DOMNode, str]]:
    """(title, key, tooltip, node, action) for each action annotator binds on ``screen``."""
    seen: set[tuple[int, str]] = set()
    for active in screen.active_bindings.values():
        binding: Binding = active.binding
        node: DOMNode = active.node
        ident = (id(node), binding.action)
        if ident in seen or binding.system or not active.enabled:
            continue
        if not binding.id or binding.id not in _own_binding_ids(type(node)):
            continue  # Textual's own keys (scrolling, focus, copying) stay out
        seen.add(ident)
        title = TITLES.get(binding.id or "") or binding.description or binding.action
        for prefix, form in VERDICT_KEYS.items():
            if (
                binding.id
                and binding.id.startswith(prefix)
                and (level := _verdict_label(screen, binding))
            ):
                title = form.format(level)
        yield title, _key_display(node, binding), binding.tooltip, node, binding.action


def _own_binding_ids(cls: type) -> set[str]:
    """Ids of the bindings annotator's own classes declare (not inherited from Textual)."""
    ids: set[str] = set()
    for klass in cls.__mro__:
        if klass.__module__.startswith("annotator."):
            for binding in klass.__dict__.get("BINDINGS", []):
                if isinstance(binding, Binding) and binding.id:
                    ids.add(binding.id)
    return ids


def _verdict_label(screen: DOMNode, binding: Binding) -> str:
    store = getattr(screen.app, "store", None)
    number = int((binding.id or "0").rsplit("-", 1)[1])
    level = store.scales.verdict.by_number(number) if store is not None else None
    return level.key if level is not None else ""


def _highlight(matcher: Matcher, text: str) -> Content:
    """``text`` with the query's letters marked, as data: a title can name a level of the
    desk's own scale (its TOML's words), and ``Matcher.highlight`` reads markup."""
    content = Content(text)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class AnnotatorCommands(Provider):
    """Every action of the screen under the palette, titled "area: verb object"."""

    def _entries(self) -> list[tuple[str, str, str, DOMNode, str]]:
        return sorted(palette_entries(self.screen), key=lambda entry: entry[0])

    async def discover(self) -> Hits:
        for title, key, tooltip, node, action in self._entries():
            text = f"{title}  ({key})"
            yield DiscoveryHit(
                Content(text), partial(self.app.run_action, action, node), text=text, help=tooltip
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, key, tooltip, node, action in self._entries():
            text = f"{title}  ({key})"
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    _highlight(matcher, text),
                    partial(self.app.run_action, action, node),
                    text=text,
                    help=tooltip,
                )
