"""ReviewScreen: claims, article text and evidence, kept in step."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Container, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList

from annotator.app.article_watch import Seen, changed_since, seen_now, text_replaced
from annotator.app.claim_filter import parse_filter
from annotator.app.claim_flags import claim_flags, verdicts_shown
from annotator.app.claim_ops import (
    add_claim,
    merge_claims,
    merge_question,
    split_claim,
    split_question,
)
from annotator.app.event_log import UndoOutcome, claim_history, redo, undo
from annotator.app.grading import grade_claim
from annotator.app.linking import link_source
from annotator.app.source_picking import LibrarySearch
from annotator.errors import AnnotatorError
from annotator.grades.visibility import Viewer
from annotator.model import Claim, ClaimStatus, Grade
from annotator.store import Store
from annotator.text import spans
from annotator.tui.colours import on_background
from annotator.tui.screens.citation_picker import CitationPickerModal, LinkChoice
from annotator.tui.screens.confirm import ConfirmModal
from annotator.tui.screens.grade import GradeDetails, GradeModal
from annotator.tui.screens.history import HistoryModal
from annotator.tui.screens.review_keys import REVIEW_ACTIONS, REVIEW_BINDINGS
from annotator.tui.screens.review_memory import ReuseActions
from annotator.tui.screens.text_prompt import TextPromptModal
from annotator.tui.settings import Settings
from annotator.tui.text import safe, visible
from annotator.tui.widgets.article_view import ArticleView
from annotator.tui.widgets.claim_list import ClaimList, ClaimsPane
from annotator.tui.widgets.details import DetailsPanel, details_content
from annotator.tui.widgets.similar_panel import SimilarPanel

OUTSIDE_LOOK_SECONDS = 1.5
"""How often an open review screen looks for other reviewers' changes to the file."""
NEW_VERSION = "The article has a new version (a correction was imported)."


class ReviewScreen(ReuseActions, Screen[None]):
    """Review one article claim by claim.

    Extension points: other panels can listen for ``ClaimList.OptionHighlighted`` or
    call ``reload()``; ``current`` is the selected claim; ``visible_claims`` the
    filtered list and ``all_claims`` every claim of the article.
    """

    BINDINGS = REVIEW_BINDINGS

    def __init__(
        self,
        store: Store,
        settings: Settings,
        article_id: int,
        library: LibrarySearch | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.article_id = article_id
        self.library = library
        """The session's citation search in memory, for the picker (None: the stored one)."""
        self.all_claims: list[Claim] = []
        self._stale: set[int] = set()  # claims whose verdict is stale, for the header
        self.visible_claims: list[Claim] = []
        self.index = 0
        self.filter_query = ""
        self.hide_dismissed = False
        self._seen = Seen(0, "")
        self._shown_sha = ""
        """The hash of the text the article region shows."""
        """What the screen last read (``app.article_watch``): others' changes show."""

    @property
    def reviewer(self) -> str:
        return self.settings.reviewer

    @property
    def require_source(self) -> bool:
        return self.settings.require_source

    @property
    def viewer(self) -> Viewer:
        return self.settings.viewer

    @property
    def claims(self) -> list[Claim]:
        """The claims in the list (after search and hiding)."""
        return self.visible_claims

    @property
    def current(self) -> Claim | None:
        return self.visible_claims[self.index] if self.visible_claims else None

    def compose(self) -> ComposeResult:
        article = self.store.get_article(self.article_id)
        self.sub_title = visible(article.title)
        self._shown_sha = article.sha256
        yield Header()
        with Container(id="review-body"):
            yield ClaimsPane(self.store.scales.verdict, id="claims-pane")
            yield ArticleView(article.text, id="article-scroll")
            with VerticalScroll(id="details-scroll"):
                yield SimilarPanel(self.store, self.viewer, id="similar")
                yield DetailsPanel(id="details")
        yield Input(
            placeholder="Search: words, is:ungraded|graded|dismissed|stale, verdict:KEY",
            id="claim-filter",
        )
        yield Input(
            placeholder="Type words of the text to mark; Enter to adjust the span", id="span-find"
        )
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#claim-filter").display = False
        self.query_one("#span-find").display = False
        self.store.set_state("article", str(self.article_id))
        self.hide_dismissed = self.store.get_state("hide-dismissed") == "1"
        remembered = int(self.store.get_state(f"claim:{self.article_id}", "0") or 0)
        self.reload(select_id=remembered or None)
        self.query_one(ClaimList).focus()
        self.watch(self.query_one(ArticleView), "mode", self._marking, init=False)
        # Verdict colours follow the theme's background (tui.colours): draw them again.
        self.app.theme_changed_signal.subscribe(
            self, lambda _theme: self.call_after_refresh(self.show_current)
        )
        # Another reviewer on the same file grades, settles, imports a correction: look
        # at the log's last event now and then (one indexed read) and redraw on a change.
        self.set_interval(OUTSIDE_LOOK_SECONDS, self.look_outside)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While a span or split point is being marked in the text (which has the focus),
        only the marking keys and the app's act and show in the footer: at 80 columns both
        sets would not fit, and a verdict mid-marking would grade a claim out of view."""
        views = self.query(ArticleView)
        marking = bool(views) and bool(views.first().mode) and views.first().has_focus
        return not (marking and action in REVIEW_ACTIONS)

    # -- drawing ------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        """Read the article's claims again and redraw all three regions."""
        keep = select_id if select_id is not None else (self.current.id if self.current else None)
        self._seen = seen = seen_now(self.store, self.article_id)
        view = self.query_one(ArticleView)
        if seen.sha256 != self._shown_sha:  # a new version: offsets are the new text's
            article = self.store.get_article(self.article_id)
            view.set_text(article.text)
            self._shown_sha = article.sha256
            self.sub_title = visible(article.title)
        self.all_claims = self.store.claims(self.article_id)
        verdicts = self.store.current_verdicts(self.article_id, viewer=self.viewer)
        flags = claim_flags(self.store, self.all_claims, self.viewer)
        self._stale = {cid for cid, marks in flags.items() if "stale" in marks}
        live = self._update_title(verdicts)
        verdicts = verdicts_shown(self.store, verdicts, flags, self.viewer)
        self.visible_claims = self._filtered(verdicts, flags)
        ids = [c.id for c in self.visible_claims]
        if keep in ids:
            self.index = ids.index(keep)
        elif keep is not None:
            later = [
                i for i, c in enumerate(self.visible_claims) if c.start >= self._start_of(keep)
            ]
            self.index = later[0] if later else len(ids) - 1
        self.index = max(0, min(self.index, len(ids) - 1))
        sources = self.store.evidence_counts(self.article_id)
        claim_list = self.query_one(ClaimList)
        pane = self.query_one(ClaimsPane)
        shown = f"{len(self.visible_claims)} of {len(self.all_claims)}"
        pane.border_title = f"Claims ({len(live)})" if self._unfiltered else f"Claims ({shown})"
        # The query is what the reviewer typed: a border title reads markup, so data.
        pane.border_subtitle = safe(
            self.filter_query or ("dismissed hidden" if self.hide_dismissed else "")
        )
        with claim_list.prevent(OptionList.OptionHighlighted):
            claim_list.show(
                self.visible_claims, verdicts, self.store.scales.verdict, sources, self.index, flags
            )
        self.show_current()

    def _update_title(self, verdicts: dict[int, str]) -> list[Claim]:
        """Progress in the header; returns the live (not dismissed) claims. A stale
        verdict (to grade again) is counted apart, as stats and the report count it."""
        live = [c for c in self.all_claims if c.status != ClaimStatus.DISMISSED]
        stale = sum(1 for c in live if c.id in verdicts and c.id in self._stale)
        graded = sum(1 for c in live if c.id in verdicts) - stale
        again = f" · {stale} stale" if stale else ""
        self.title = visible(f"annotator · {self.reviewer} · {graded}/{len(live)} graded{again}")
        return live

    def refresh_claim(self, claim_id: int) -> None:
        """Redraw one changed claim (a grade, a status, a label) without a full reload."""
        ids = [c.id for c in self.visible_claims]
        if not self._unfiltered or claim_id not in ids:
            self.reload()
            return
        claim = self.store.get_claim(claim_id)
        i = ids.index(claim_id)
        self.visible_claims[i] = claim
        if self.all_claims is not self.visible_claims:
            self.all_claims[[c.id for c in self.all_claims].index(claim_id)] = claim
        verdicts = self.store.current_verdicts(self.article_id, viewer=self.viewer)
        flags = claim_flags(self.store, [claim], self.viewer).get(claim.id, frozenset())
        (self._stale.add if "stale" in flags else self._stale.discard)(claim.id)
        self._update_title(verdicts)
        verdicts = verdicts_shown(self.store, verdicts, {claim.id: flags}, self.viewer)
        self.query_one(ClaimList).update_claim(
            i, claim, verdicts.get(claim.id, ""), len(self.store.evidence_for(claim.id)), flags
        )
        self.show_current()

    @property
    def _unfiltered(self) -> bool:
        return not self.filter_query and not self.hide_dismissed

    def _start_of(self, claim_id: int) -> int:
        return next((c.start for c in self.all_claims if c.id == claim_id), 0)

    def _filtered(self, verdicts: dict[int, str], flags: dict[int, frozenset[str]]) -> list[Claim]:
        claims = self.all_claims
        if self.hide_dismissed:
            claims = [c for c in claims if c.status != ClaimStatus.DISMISSED]
        query = parse_filter(self.filter_query)
        if query.empty:
            return claims
        hits = (
            {c.id for c in self.store.search_claims(query.words, self.article_id)}
            if query.words
            else None
        )
        none: frozenset[str] = frozenset()
        return [
            c
            for c in claims
            if query.matches(c, verdicts.get(c.id, ""), hits, flags.get(c.id, none))
        ]

    def show_current(self) -> None:
        claim = self.current
        self.query_one(ArticleView).mark(self.all_claims, claim)
        self.query_one(SimilarPanel).show_claim(claim)
        details = self.query_one(DetailsPanel)
        if claim is None:
            details.show(
                Content(
                    "No claims to show." if self._unfiltered else "No claim matches the search."
                )
            )
            return
        self.store.set_state(f"claim:{self.article_id}", str(claim.id))
        links = [
            (e, self.store.get_citation(e.citation_id)) for e in self.store.evidence_for(claim.id)
        ]
        details.show(
            details_content(
                claim,
                self.store.grades_for(claim.id, viewer=self.viewer),
                links,
                on_background(self.store.scales.verdict, details.background_colors[1]),
                self.viewer,
            )
        )

    # -- moving -------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#claim-list")
    def claim_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index != self.index:
            self.index = event.option_index
            self.show_current()

    def _move(self, step: int) -> None:
        # Update at once (a key pressed next must see the new claim), then the list.
        if self.visible_claims:
            self.index = max(0, min(self.index + step, len(self.visible_claims) - 1))
            self.query_one(ClaimList).highlighted = self.index
            self.show_current()

    def action_next_claim(self) -> None:
        self._move(1)

    def action_previous_claim(self) -> None:
        self._move(-1)

    def select_claim(self, claim_id: int) -> None:
        """Make ``claim_id`` current, clearing a search that hides it."""
        if claim_id not in {c.id for c in self.visible_claims}:
            self.filter_query, self.hide_dismissed = "", False
        self.reload(select_id=claim_id)

    @on(ArticleView.ClaimClicked)
    def claim_clicked(self, event: ArticleView.ClaimClicked) -> None:
        self.select_claim(event.claim_id)

    # -- others' changes ----------------------------------------------------------

    def look_outside(self) -> None:
        """Redraw when someone else changed something since the screen last read it.

        Not while a span or split point is being marked in an unchanged text (the redraw
        would drop it; the next look catches up), nor under a screen of its own."""
        if not changed_since(self.store, self._seen) or self.app.screen is not self:
            return
        if self._text_gone():
            return
        replaced = text_replaced(self.store, self.article_id, self._seen)
        if self.query_one(ArticleView).mode and not replaced:
            return
        self.reload()
        if replaced:
            self.notify(NEW_VERSION + " Its text and claims are shown afresh.")

    def _text_gone(self) -> bool:
        """The article was deleted meanwhile: say so and go back to the list."""
        try:
            self.store.get_article(self.article_id)
        except AnnotatorError:
            self.app.notify("This article was deleted by another reviewer.", severity="warning")
            self.dismiss()
            return True
        return False

    def _text_unseen(self) -> bool:
        """The article's text changed since the screen drew it: read it again and say
        so. An action taken now would judge words the reviewer has not seen, or cut the
        new text at an offset into the old one."""
        if not text_replaced(self.store, self.article_id, self._seen):
            return False
        if not self._text_gone():
            self.reload()
            self.notify(
                NEW_VERSION + " Nothing was changed: read the claim again, then act.",
                severity="warning",
                timeout=10,
            )
        return True

    # -- store actions ------------------------------------------------------------

    def _act(self, fn: Callable[[], Any], only: Claim | None = None) -> Any:
        """Run one store action, show its error as a notification, then redraw.

        ``only``: the action changed this claim alone (its span and order stay). Never
        on a text the screen does not show (``_text_unseen``).
        """
        if self._text_unseen():
            return None
        outside = changed_since(self.store, self._seen)
        result = None
        try:
            result = fn()
        except AnnotatorError as exc:
            self.notify(str(exc), severity="error")
        if not outside:  # only this action since the last read: nothing to read again
            self._seen = Seen(self.store.last_event_id(), self._seen.sha256)
        if only is not None:
            self.refresh_claim(only.id)
        else:
            self.reload()
        return result

    def action_verdict(self, number: int) -> None:
        claim = self.current
        level = self.store.scales.verdict.by_number(number)
        if claim is None or level is None:
            return
        mine = self._my_grade(claim)
        self._act(
            lambda: grade_claim(
                self.store,
                claim.id,
                level.key,
                reviewer=self.reviewer,
                require_source=self.require_source,
                certainty=mine.certainty if mine else "",
                reasons=mine.reasons if mine else (),
                note=mine.note if mine else "",
            ),
            only=claim,
        )

    def _my_grade(self, claim: Claim) -> Grade | None:
        grades = self.store.grades_for(claim.id)
        return next((g for g in grades if g.reviewer == self.reviewer and not g.final), None)

    def action_grade_details(self) -> None:
        if (claim := self.current) is None:
            return
        mine = self._my_grade(claim)
        if mine is None:
            self.notify("Give a verdict first (1–5, or 0), then its certainty.")
            return
        level = self.store.scales.verdict.get(mine.verdict)

        def done(details: GradeDetails | None) -> None:
            if details is not None:
                self._act(
                    lambda: grade_claim(
                        self.store,
                        claim.id,
                        mine.verdict,
                        reviewer=self.reviewer,
                        require_source=self.require_source,
                        certainty=details.certainty,
                        reasons=details.reasons,
                        note=details.note,
                    ),
                    only=claim,
                )

        modal = GradeModal(
            level.label if level else mine.verdict, mine, self.store.scales.certainty
        )
        self.app.push_screen(modal, done)

    def action_accept_claim(self) -> None:
        if (claim := self.current) is not None:
            self._act(lambda: self.store.accept_claim(claim.id, reviewer=self.reviewer), only=claim)

    def action_dismiss_claim(self) -> None:
        if (claim := self.current) is None:
            return
        if claim.status == ClaimStatus.DISMISSED:
            self._act(
                lambda: self.store.restore_claim(claim.id, reviewer=self.reviewer), only=claim
            )
        else:
            self._act(
                lambda: self.store.dismiss_claim(claim.id, reviewer=self.reviewer), only=claim
            )

    def action_edit_label(self) -> None:
        if (claim := self.current) is None:
            return

        def done(value: str | None) -> None:
            if value is not None:
                self._act(
                    lambda: self.store.edit_label(claim.id, value, reviewer=self.reviewer),
                    only=claim,
                )

        self.app.push_screen(TextPromptModal("Label of the claim", claim.label), done)

    def action_edit_note(self) -> None:
        if (claim := self.current) is None:
            return

        def done(value: str | None) -> None:
            if value is not None:
                self._act(
                    lambda: self.store.set_claim_note(claim.id, value, reviewer=self.reviewer),
                    only=claim,
                )

        self.app.push_screen(TextPromptModal("Note on the claim", claim.note), done)

    def action_history(self) -> None:
        if (claim := self.current) is not None:
            title = f"History of “{claim.label}”"
            lines = claim_history(self.store, claim.id, self.viewer)
            self.app.push_screen(HistoryModal(title, lines))

    def action_agreement(self) -> None:
        from annotator.tui.screens.agreement import AgreementScreen

        self.app.push_screen(
            AgreementScreen(self.store, self.settings, self.article_id), lambda _: self.reload()
        )

    def action_reconcile(self) -> None:
        from annotator.tui.screens.reconcile import ReconcileScreen

        # Worst first, not from the claim at hand: reconciling is a walk of the disputes.
        self.app.push_screen(
            ReconcileScreen(self.store, self.settings, self.article_id), lambda _: self.reload()
        )

    def action_queue(self) -> None:
        from annotator.tui.screens.queue import QueueScreen

        self.app.push_screen(QueueScreen(self.store, self.viewer, self.article_id))

    def action_export(self) -> None:
        from annotator.tui.screens.export import start_export

        start_export(self, self.store, self.settings.desk, self.article_id, self.viewer)

    def action_cite(self) -> None:
        if (claim := self.current) is None:
            return

        def done(choice: LinkChoice | None) -> None:
            if choice is not None:
                self._act(lambda: self.link(claim, choice), only=claim)

        self.app.push_screen(CitationPickerModal(self.store, claim.label, self.library), done)

    def action_evidence(self) -> None:
        if (claim := self.current) is None:
            return
        from annotator.tui.screens.evidence import EvidenceModal

        self.app.push_screen(EvidenceModal(self.store, claim.id), lambda _: self.reload())

    def link(self, claim: Claim, choice: LinkChoice) -> None:
        """Store a new source if need be and the link: one action, one undo."""
        link_source(
            self.store,
            claim.id,
            choice.citation,
            choice.stance,
            reviewer=self.reviewer,
            quote=choice.quote,
            locator=choice.locator,
            also_add=choice.also_add,
        )

    def action_merge_claim(self) -> None:
        if (claim := self.current) is None:
            return
        merge = lambda: merge_claims(self.store, claim.id, reviewer=self.reviewer)  # noqa: E731
        self._ask_first(merge_question(self.store, claim.id, self.viewer), "Merge", merge)

    def _ask_first(self, question: str | None, yes: str, act: Callable[[], Any]) -> None:
        """Run ``act`` at once when there is nothing to ask, else after a yes."""
        if question is None:
            self._act(act)
            return

        def answered(go: bool | None) -> None:
            if go:
                self._act(act)

        self.app.push_screen(ConfirmModal(question, yes=yes), answered)

    def action_undo(self) -> None:
        self._show_reversal(undo(self.store, self.reviewer, self.article_id))

    def action_redo(self) -> None:
        self._show_reversal(redo(self.store, self.reviewer, self.article_id))

    def _show_reversal(self, outcome: UndoOutcome) -> None:
        """Say what was undone or redone (or why not) and move to its claim."""
        self.notify(outcome.message, severity="information" if outcome.changed else "warning")
        ids = {c.id for c in self.store.claims(self.article_id)}
        if outcome.claim_id in ids:
            self.select_claim(outcome.claim_id)
        else:
            self.reload()

    # -- curation in the text -----------------------------------------------------

    def action_split_claim(self) -> None:
        if (claim := self.current) is None:
            return
        if self.query_one(ArticleView).start_split(claim):
            self.notify("←/→ move the split point, Enter splits, Escape cancels.")
        else:
            self.notify("This claim is one word: nothing to split.")

    @on(ArticleView.SplitChosen)
    def split_chosen(self, event: ArticleView.SplitChosen) -> None:
        self.query_one(ClaimList).focus()
        if (claim := self.current) is not None:
            split = lambda: split_claim(self.store, claim.id, event.at, reviewer=self.reviewer)  # noqa: E731
            self._ask_first(split_question(self.store, claim, self.viewer), "Split", split)

    def _marking(self, _mode: str = "") -> None:
        """While words are found or a span or split point is marked, the text takes the
        room of the claim list and details (at 80x24 it had two lines left)."""
        finding = self.query_one("#span-find", Input).display
        self.set_class(bool(self.query_one(ArticleView).mode) or finding, "-marking")

    def action_add_claim(self) -> None:
        view = self.query_one(ArticleView)
        selected = view.selected_span()
        if selected is not None:
            view.clear_selection()
            view.start_span(selected)
            return
        find = self.query_one("#span-find", Input)
        find.value = ""
        find.display = True
        find.focus()
        self._marking()

    @on(Input.Changed, "#span-find")
    def span_find_changed(self, event: Input.Changed) -> None:
        after = self.current.start if self.current else 0
        self.query_one(ArticleView).show_span(
            spans.find_phrase(self.query_one(ArticleView).text, event.value, after)
        )

    @on(Input.Submitted, "#span-find")
    def span_find_submitted(self) -> None:
        view = self.query_one(ArticleView)
        self.query_one("#span-find").display = False
        self._marking()
        if view.span is None:
            self.notify("No such words in the text.")
            self.query_one(ClaimList).focus()
            return
        view.start_span(view.span)
        self.notify("→/← word, ↓/↑ sentence, shift moves the start; Enter adds the claim.")

    @on(ArticleView.SpanChosen)
    def span_chosen(self, event: ArticleView.SpanChosen) -> None:
        claim = self._act(
            lambda: add_claim(
                self.store, self.article_id, event.start, event.end, reviewer=self.reviewer
            )
        )
        if isinstance(claim, Claim):
            self.select_claim(claim.id)
        self.query_one(ClaimList).focus()

    @on(ArticleView.Cancelled)
    def article_cancelled(self) -> None:
        self.query_one(ArticleView).show_span(None)
        self.query_one(ClaimList).focus()

    # -- search and filter --------------------------------------------------------

    def action_search(self) -> None:
        field = self.query_one("#claim-filter", Input)
        field.value = self.filter_query
        field.display = True
        field.focus()

    @on(Input.Changed, "#claim-filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.filter_query = event.value.strip()
        self.reload()

    @on(Input.Submitted, "#claim-filter")
    def filter_submitted(self) -> None:
        self.query_one("#claim-filter").display = bool(self.filter_query)
        self.query_one(ClaimList).focus()

    def action_hide_dismissed(self) -> None:
        self.hide_dismissed = not self.hide_dismissed
        self.store.set_state("hide-dismissed", "1" if self.hide_dismissed else "0")
        self.reload()

    def action_escape(self) -> None:
        """Close what is open (span finder, search), else go back to the articles."""
        find = self.query_one("#span-find", Input)
        field = self.query_one("#claim-filter", Input)
        if find.display:
            find.display = False
            self.query_one(ArticleView).show_span(None)
            self._marking()
        elif field.display or self.filter_query:
            field.display = False
            self.filter_query = ""
            self.reload()
        else:
            self.dismiss()
            return
        self.query_one(ClaimList).focus()
