"""QueueScreen: the re-review queue (``app/review_queue``), the same list as
``annotator queue``: stale grades, conflicts, disputes, retracted sources, graded claims
with no evidence. Enter opens the claim in the review screen.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from annotator.app.review_queue import QueueItem, review_queue
from annotator.grades.visibility import Viewer
from annotator.store import Store
from annotator.tui.access import app_of
from annotator.tui.text import safe


def queue_row(item: QueueItem, article_title: str | None = None) -> Content:
    """Reasons as tags, the claim's label; the article's title when the queue spans all."""
    tags = Content.assemble(
        *(Content(f"{reason} ").stylize("bold reverse $warning") for reason in item.reasons)
    )
    row = Content.assemble(tags, Content(" "), safe(item.claim.label))
    if article_title is not None:
        row += Content("  · ").stylize("dim") + safe(article_title).stylize("dim italic")
    return row


class QueueScreen(Screen[None]):
    """What needs a person again, in one article or in all; Enter goes to the claim."""

    BINDINGS = [
        Binding("j,down", "move(1)", "Next", id="queue.next", tooltip="Next claim in the queue"),
        Binding("k,up", "move(-1)", "Previous", id="queue.previous", tooltip="Previous claim"),
        Binding(
            "enter", "open_claim", "Open", id="queue.open", tooltip="Review the highlighted claim"
        ),
        Binding(
            "a",
            "toggle_all",
            "All articles",
            id="queue.all",
            tooltip="The queue of every article, or of this one alone",
        ),
        Binding("escape", "back", "Back", id="queue.back", tooltip="Back to where you were"),
    ]

    def __init__(self, store: Store, viewer: Viewer, article_id: int | None) -> None:
        super().__init__()
        self.store = store
        self.viewer = viewer
        self.article_id = article_id
        self.all_articles = article_id is None
        self.items: list[QueueItem] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield OptionList(id="queue-list")
        yield Static(id="queue-why")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "re-review queue"
        self.query_one("#queue-list").focus()

    def on_screen_resume(self) -> None:
        self.refresh_queue()

    def refresh_queue(self) -> None:
        """Read the queue again (a claim settled meanwhile leaves it)."""
        scope = None if self.all_articles else self.article_id
        self.items = review_queue(self.store, scope, viewer=self.viewer)
        titles = {a.id: a.title for a in self.store.list_articles()} if scope is None else {}
        queue = self.query_one("#queue-list", OptionList)
        queue.clear_options()
        queue.add_options(
            Option(queue_row(item, titles.get(item.claim.article_id)), id=str(item.claim.id))
            for item in self.items
        )
        where = "every article" if scope is None else "this article"
        queue.border_title = f"Needs a person again ({len(self.items)}, {where})"
        if not self.items:
            queue.add_option(Option(f"Nothing in {where} needs a person again.", disabled=True))
        else:
            queue.highlighted = 0
        self._show_why()

    @on(OptionList.OptionHighlighted, "#queue-list")
    def _highlighted(self) -> None:
        self._show_why()

    def _current(self) -> QueueItem | None:
        index = self.query_one("#queue-list", OptionList).highlighted
        if index is None or not self.items:
            return None
        return self.items[index]

    def _show_why(self) -> None:
        item = self._current()
        why = self.query_one("#queue-why", Static)
        if item is None:
            why.update("")
            return
        lines = [Content(f"{r}: {item.why(r)}") for r in item.reasons]
        why.update(Content("\n").join(lines))

    def action_move(self, step: int) -> None:
        queue = self.query_one("#queue-list", OptionList)
        if step > 0:
            queue.action_cursor_down()
        else:
            queue.action_cursor_up()

    @on(OptionList.OptionSelected, "#queue-list")
    def _selected(self) -> None:
        self.action_open_claim()

    def action_open_claim(self) -> None:
        item = self._current()
        if item is None:
            return
        from annotator.tui.screens.review import ReviewScreen

        claim = item.claim
        below = self.app.screen_stack[-2] if len(self.app.screen_stack) > 1 else None
        if isinstance(below, ReviewScreen) and below.article_id == claim.article_id:
            self.dismiss()
            below.select_claim(claim.id)
            return
        # Another article: its review screen opens on the claim it remembers.
        self.store.set_state(f"claim:{claim.article_id}", str(claim.id))
        app_of(self).open_article(claim.article_id)

    def action_toggle_all(self) -> None:
        if self.article_id is None:
            return  # opened from the article list: the queue of all articles only
        self.all_articles = not self.all_articles
        self.refresh_queue()

    def action_back(self) -> None:
        self.dismiss()
