"""AgreementScreen: how far reviewers agree on one article, and where they disagree."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, Static

from annotator.app.agreement_report import (
    PAIR_COLUMNS,
    agreement_report,
    headline,
    pair_cells,
)
from annotator.store import Store
from annotator.tui.settings import Settings
from annotator.tui.text import safe
from annotator.tui.widgets.fitted_table import FittedTable


class AgreementScreen(Screen[None]):
    """Figures for one article; Enter on a disagreement reconciles from there."""

    BINDINGS = [
        Binding(
            "escape,q",
            "close",
            "Back",
            id="agreement.close",
            tooltip="Back to the review screen",
        ),
        Binding(
            "r",
            "reconcile",
            "Reconcile",
            id="agreement.reconcile",
            tooltip="Walk the disagreements, worst first, and set final verdicts",
        ),
    ]

    def __init__(self, store: Store, settings: Settings, article_id: int) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.article_id = article_id

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="agreement-body"):
            yield Label("", id="agreement-title", classes="team-title")
            yield Static("", id="agreement-summary")
            yield Label("Pairs of reviewers", classes="team-heading")
            yield FittedTable(id="agreement-pairs", stretch=None)
            yield Label("Disagreements, worst first (Enter to reconcile)", classes="team-heading")
            yield FittedTable(id="agreement-disagreements", stretch=-1)
            yield Static("", id="agreement-policy", classes="team-note")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_report()

    def on_screen_resume(self) -> None:
        self.refresh_report()

    def refresh_report(self) -> None:
        article = self.store.get_article(self.article_id)
        # The same call as ``annotator agreement ARTICLE``: default samples and seed.
        viewer = self.settings.viewer
        self.report = agreement_report(self.store, [self.article_id], viewer=viewer)
        self.query_one("#agreement-title", Label).update(safe(f"Agreement: {article.title}"))
        self.query_one("#agreement-summary", Static).update(safe("\n".join(headline(self.report))))
        self.query_one("#agreement-pairs", FittedTable).fill(
            PAIR_COLUMNS, [pair_cells(p) for p in self.report.pairs]
        )
        disagreements = self.report.disagreements
        self.query_one("#agreement-disagreements", FittedTable).fill(
            ("claim", "spread", "verdicts", "final", "label"),
            [
                [
                    str(d.claim_id),
                    str(d.spread),
                    "\n".join(f"{r}: {v}" for r, v in d.verdicts.items()),
                    d.final or "—",
                    d.label,
                ]
                for d in disagreements
            ],
            keys=[str(d.claim_id) for d in disagreements],
        )
        self.query_one("#agreement-policy", Static).update(
            safe(
                f"Missing grades: {self.report.missing_policy}\n\n"
                f"Not checkable: {self.report.off_scale_policy}"
            )  # fmt: skip
        )

    @on(DataTable.RowSelected, "#agreement-disagreements")
    def reconcile_from(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value
        self._open_reconcile(int(key) if key else None)

    def action_reconcile(self) -> None:
        self._open_reconcile(None)

    def _open_reconcile(self, claim_id: int | None) -> None:
        from annotator.tui.screens.reconcile import ReconcileScreen

        self.app.push_screen(
            ReconcileScreen(self.store, self.settings, self.article_id, start_claim=claim_id)
        )

    def action_close(self) -> None:
        self.dismiss(None)
