"""AgreementScreen: how far reviewers agree on one article, and where they disagree."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, Static

from annotator.app.agreement_report import AgreementReport, agreement_report, blind_hidden
from annotator.tui.text import safe


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f}%"


def summary_lines(report: AgreementReport) -> list[str]:
    """The headline figures, one per line (also what the tests read)."""
    ci = report.alpha_ordinal_ci
    return [
        f"{len(report.reviewers)} reviewers, {report.units} claims graded by two or more, "
        f"{len(report.disagreements)} disagreements "
        f"({sum(1 for d in report.disagreements if d.final)} settled)",
        f"Percent agreement {_pct(report.percent)}   "
        f"Krippendorff's alpha (ordinal) {_num(report.alpha_ordinal)}"
        + (f" [95% CI {ci[0]:.2f} to {ci[1]:.2f}]" if ci else "")
        + f"   alpha (nominal) {_num(report.alpha_nominal)}",
    ]


class AgreementScreen(Screen[None]):
    """Figures for one article; Enter on a disagreement reconciles from there."""

    CSS_PATH = "../team.tcss"
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

    def __init__(self, article_id: int) -> None:
        super().__init__()
        self.article_id = article_id

    @property
    def store(self) -> Any:
        return self.app.store  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="agreement-body"):
            yield Label("", id="agreement-title", classes="team-title")
            yield Static("", id="agreement-summary")
            yield Label("Pairs of reviewers", classes="team-heading")
            yield DataTable(id="agreement-pairs", cursor_type="row", zebra_stripes=True)
            yield Label("Disagreements, worst first (Enter to reconcile)", classes="team-heading")
            yield DataTable(id="agreement-disagreements", cursor_type="row", zebra_stripes=True)
            yield Static("", id="agreement-policy", classes="team-note")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_report()

    def on_screen_resume(self) -> None:
        self.refresh_report()

    def refresh_report(self) -> None:
        article = self.store.get_article(self.article_id)
        self.report = agreement_report(self.store, [self.article_id], samples=500)
        self.query_one("#agreement-title", Label).update(safe(f"Agreement: {article.title}"))
        self.query_one("#agreement-summary", Static).update("\n".join(summary_lines(self.report)))
        pairs = self.query_one("#agreement-pairs", DataTable)
        pairs.clear(columns=True)
        pairs.add_columns("first", "second", "n", "agree", "kappa", "linear", "quadratic")
        for p in self.report.pairs:
            pairs.add_row(
                safe(p.first),
                safe(p.second),
                str(p.n),
                _pct(p.percent),
                _num(p.kappa),
                _num(p.kappa_linear),
                _num(p.kappa_quadratic),
            )
        table = self.query_one("#agreement-disagreements", DataTable)
        table.clear(columns=True)
        table.add_columns("claim", "spread", "verdicts", "final", "label")
        settings = self.app.settings  # type: ignore[attr-defined]
        hidden = blind_hidden(
            self.store.grades_for_article(self.article_id), settings.reviewer, settings.blind
        )
        for d in self.report.disagreements:
            verdicts = (
                "hidden: grade it first (blind mode)"
                if d.claim_id in hidden
                else ", ".join(f"{r}: {v}" for r, v in d.verdicts.items())
            )
            table.add_row(
                str(d.claim_id),
                str(d.spread),
                safe(verdicts),
                d.final or "—",
                safe(d.label),
                key=str(d.claim_id),
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

        self.app.push_screen(ReconcileScreen(self.article_id, start_claim=claim_id))

    def action_close(self) -> None:
        self.dismiss(None)
