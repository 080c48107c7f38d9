"""ReviewScreen: claims, article text and evidence, kept in step."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList

from annotator.errors import AnnotatorError
from annotator.model import Claim, ClaimStatus
from annotator.store import Store
from annotator.tui.screens.text_prompt import TextPromptModal
from annotator.tui.widgets.article_view import ArticleView
from annotator.tui.widgets.claim_list import ClaimList
from annotator.tui.widgets.details import DetailsPanel, details_content


def _verdict_binding(key: str, number: int) -> Binding:
    return Binding(
        key,
        f"verdict({number})",
        "Verdict" if number == 1 else "",
        show=number == 1,
        id=f"review.verdict-{number}",
        tooltip="Grade: 1 supported … 5 contradicted, 0 not checkable",
    )


class ReviewScreen(Screen[None]):
    """Review one article claim by claim."""

    BINDINGS = [
        Binding("j,down", "next_claim", "Next", id="review.next", tooltip="Next claim"),
        Binding(
            "k,up", "previous_claim", "Previous", id="review.previous", tooltip="Previous claim"
        ),
        *(_verdict_binding(str(n), n) for n in range(0, 6)),
        Binding(
            "a",
            "accept_claim",
            "Accept",
            id="review.accept",
            tooltip="Mark the claim as worth checking",
        ),
        Binding(
            "x",
            "dismiss_claim",
            "Dismiss",
            id="review.dismiss",
            tooltip="Dismiss the claim (not check-worthy), or restore it",
        ),
        Binding(
            "e",
            "edit_label",
            "Label",
            id="review.edit-label",
            tooltip="Edit the claim's short label",
        ),
        Binding("n", "edit_note", "Note", id="review.note", tooltip="A note on the claim"),
        Binding("ctrl+z", "undo", "Undo", id="review.undo", tooltip="Revert your last change"),
    ]

    def __init__(self, article_id: int) -> None:
        super().__init__()
        self.article_id = article_id
        self.claims: list[Claim] = []
        self.index = 0

    @property
    def store(self) -> Store:
        return self.app.store  # type: ignore[attr-defined, no-any-return]

    @property
    def reviewer(self) -> str:
        return self.app.settings.reviewer  # type: ignore[attr-defined, no-any-return]

    @property
    def current(self) -> Claim | None:
        return self.claims[self.index] if self.claims else None

    def compose(self) -> ComposeResult:
        article = self.store.get_article(self.article_id)
        self.sub_title = article.title
        yield Header()
        with Horizontal(id="review-body"):
            yield ClaimList(id="claim-list")
            yield ArticleView(article.text, id="article-scroll")
            with VerticalScroll(id="details-scroll"):
                yield DetailsPanel(id="details")
        yield Footer()

    def on_mount(self) -> None:
        self.store.set_state("article", str(self.article_id))
        remembered = int(self.store.get_state(f"claim:{self.article_id}", "0") or 0)
        self.reload(select_id=remembered or None)
        self.query_one(ClaimList).focus()

    def reload(self, select_id: int | None = None) -> None:
        """Read the article's claims again and redraw all three regions."""
        keep = select_id if select_id is not None else (self.current.id if self.current else None)
        self.claims = self.store.claims(self.article_id)
        ids = [c.id for c in self.claims]
        if keep in ids:
            self.index = ids.index(keep)
        self.index = max(0, min(self.index, len(self.claims) - 1))
        verdicts = self.store.current_verdicts(self.article_id)
        sources = {c.id: len(self.store.evidence_for(c.id)) for c in self.claims}
        graded = sum(
            1 for c in self.claims if c.id in verdicts and c.status != ClaimStatus.DISMISSED
        )
        live = sum(1 for c in self.claims if c.status != ClaimStatus.DISMISSED)
        self.title = f"annotator · {self.reviewer} · {graded}/{live} graded"
        claim_list = self.query_one(ClaimList)
        claim_list.border_title = f"Claims ({live})"
        with claim_list.prevent(OptionList.OptionHighlighted):
            claim_list.show(self.claims, verdicts, self.store.scales.verdict, sources, self.index)
        self.show_current()

    def show_current(self) -> None:
        claim = self.current
        self.query_one(ArticleView).mark(self.claims, claim)
        details = self.query_one(DetailsPanel)
        if claim is None:
            details.update("This article has no claims.")
            return
        self.store.set_state(f"claim:{self.article_id}", str(claim.id))
        links = [
            (e, self.store.get_citation(e.citation_id)) for e in self.store.evidence_for(claim.id)
        ]
        details.update(
            details_content(
                claim,
                self.store.grades_for(claim.id),
                links,
                self.store.scales.verdict,
                self.reviewer,
                self.app.settings.blind,  # type: ignore[attr-defined]
            )
        )

    @on(OptionList.OptionHighlighted, "#claim-list")
    def claim_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index != self.index:
            self.index = event.option_index
            self.show_current()

    def _move(self, step: int) -> None:
        # The list's highlight is the source of truth; its message updates the rest.
        claim_list = self.query_one(ClaimList)
        if self.claims:
            current = claim_list.highlighted if claim_list.highlighted is not None else self.index
            claim_list.highlighted = max(0, min(current + step, len(self.claims) - 1))

    def action_next_claim(self) -> None:
        self._move(1)

    def action_previous_claim(self) -> None:
        self._move(-1)

    def _act(self, fn: object) -> None:
        """Run one store action, show its error as a notification, then redraw."""
        try:
            fn()  # type: ignore[operator]
        except AnnotatorError as exc:
            self.notify(str(exc), severity="error")
        self.reload()

    def action_verdict(self, number: int) -> None:
        claim = self.current
        level = self.store.scales.verdict.by_number(number)
        if claim is None or level is None:
            return
        self._act(lambda: self.store.grade_claim(claim.id, level.key, reviewer=self.reviewer))

    def action_accept_claim(self) -> None:
        if (claim := self.current) is not None:
            self._act(lambda: self.store.accept_claim(claim.id, reviewer=self.reviewer))

    def action_dismiss_claim(self) -> None:
        if (claim := self.current) is None:
            return
        if claim.status == ClaimStatus.DISMISSED:
            self._act(lambda: self.store.restore_claim(claim.id, reviewer=self.reviewer))
        else:
            self._act(lambda: self.store.dismiss_claim(claim.id, reviewer=self.reviewer))

    def action_edit_label(self) -> None:
        if (claim := self.current) is None:
            return

        def done(value: str | None) -> None:
            if value is not None:
                self._act(lambda: self.store.edit_label(claim.id, value, reviewer=self.reviewer))

        self.app.push_screen(TextPromptModal("Label of the claim", claim.label), done)

    def action_edit_note(self) -> None:
        if (claim := self.current) is None:
            return

        def done(value: str | None) -> None:
            if value is not None:
                self._act(
                    lambda: self.store.set_claim_note(claim.id, value, reviewer=self.reviewer)
                )

        self.app.push_screen(TextPromptModal("Note on the claim", claim.note), done)

    def action_undo(self) -> None:
        events = self.store.undo_last(reviewer=self.reviewer, article_id=self.article_id)
        if not events:
            self.notify("Nothing to undo.")
            return
        self.notify(f"Undone: {events[-1].action}")
        self.reload()
