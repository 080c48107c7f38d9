"""ReconcileScreen: an editor walks the disagreements (worst first) and settles them.

Every reviewer's grade is shown, except under blind review to a reviewer (not an editor)
who has not graded this claim (``annotator.visibility``); a digit sets the final
verdict, which asks for the reason first.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Input, Label, Static

from annotator.app.agreement_report import agreement_report
from annotator.app.grading import grade_claim
from annotator.errors import AnnotatorError
from annotator.model import Claim, ClaimStatus
from annotator.store import Store
from annotator.tui.settings import Settings
from annotator.tui.text import safe
from annotator.visibility import awaits_own_grade


class ReasonModal(ModalScreen[str | None]):
    """Asks why the final verdict is what it is; returns the reason or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="reason.cancel")]

    def __init__(self, verdict: str) -> None:
        super().__init__()
        self.verdict = verdict

    def compose(self) -> ComposeResult:
        with Vertical(classes="team-dialog"):
            yield Label(safe(f"Final verdict: {self.verdict}. Why? (required)"))
            yield Input(id="reason-input", placeholder="the reason, for the record")
            yield Label("", id="reason-error", classes="team-error")

    @on(Input.Submitted)
    def submit(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.query_one("#reason-error", Label).update("A final verdict needs a reason.")
            return
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


def _verdict_binding(number: int) -> Binding:
    return Binding(
        str(number),
        f"settle({number})",
        "Final" if number == 1 else "",
        show=number == 1,
        id=f"reconcile.final-{number}",
        tooltip="Set the final verdict (1 best ... 5 worst, 0 not checkable)",
    )


class ReconcileScreen(Screen[None]):
    """One claim at a time: disagreements worst first, then the rest in text order."""

    BINDINGS = [
        Binding("j,down", "move(1)", "Next", id="reconcile.next", tooltip="Next claim"),
        Binding("k,up", "move(-1)", "Previous", id="reconcile.previous", tooltip="Previous claim"),
        *(_verdict_binding(n) for n in (1, 2, 3, 4, 5, 0)),
        Binding("escape,q", "close", "Back", id="reconcile.close", tooltip="Back"),
    ]

    def __init__(
        self, store: Store, settings: Settings, article_id: int, *, start_claim: int | None = None
    ) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.viewer = settings.viewer
        self.article_id = article_id
        self.start_claim = start_claim
        self.order: list[Claim] = []
        self.disputed: set[int] = set()
        self.index = 0

    @property
    def current(self) -> Claim | None:
        return self.order[self.index] if self.order else None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="reconcile-body"):
            yield Label("", id="reconcile-position", classes="team-title")
            yield Static("", id="reconcile-claim")
            yield DataTable(id="reconcile-grades", cursor_type="none", zebra_stripes=True)
            yield Static("", id="reconcile-final")
            yield Label("", id="reconcile-error", classes="team-error")
        yield Footer()

    def on_mount(self) -> None:
        report = agreement_report(self.store, [self.article_id], samples=0, viewer=self.viewer)
        claims = {
            c.id: c for c in self.store.claims(self.article_id) if c.status != ClaimStatus.DISMISSED
        }
        first = [claims[d.claim_id] for d in report.disagreements if d.claim_id in claims]
        self.disputed = {c.id for c in first}
        rest = [c for c in claims.values() if c.id not in self.disputed]
        self.order = first + rest
        if self.start_claim is not None:
            ids = [c.id for c in self.order]
            self.index = ids.index(self.start_claim) if self.start_claim in ids else 0
        self.show()

    def show(self) -> None:
        claim = self.current
        position = self.query_one("#reconcile-position", Label)
        if claim is None:
            position.update("No claims to reconcile in this article.")
            return
        kind = "disagreement" if claim.id in self.disputed else "no disagreement"
        position.update(
            safe(f"Claim {self.index + 1} of {len(self.order)} ({kind}): {claim.label}")
        )
        self.query_one("#reconcile-claim", Static).update(safe(claim.text))
        grades = self.store.grades_for(claim.id, viewer=self.viewer)
        table = self.query_one("#reconcile-grades", DataTable)
        table.clear(columns=True)
        table.add_columns("reviewer", "verdict", "certainty", "reasons", "note")
        if awaits_own_grade(grades, self.viewer):
            table.add_row("others", "hidden: grade it first (blind review)", "", "", "")
        for g in grades:
            if g.final:
                continue
            table.add_row(
                safe(g.reviewer),
                g.verdict,
                g.certainty or "—",
                ", ".join(g.reasons) or "—",
                safe(g.note or "—"),
            )
        final = next((g for g in grades if g.final), None)
        self.query_one("#reconcile-final", Static).update(
            safe(f"Final verdict: {final.verdict} by {final.reviewer}: {final.note}")
            if final
            else "Final verdict: none yet (press a digit to set it)"
        )

    def action_move(self, step: int) -> None:
        if self.order:
            self.index = max(0, min(len(self.order) - 1, self.index + step))
            self.query_one("#reconcile-error", Label).update("")
            self.show()

    def action_settle(self, number: int) -> None:
        claim = self.current
        level = self.store.scales.verdict.by_number(number)
        if claim is None or level is None:
            return

        def done(reason: str | None) -> None:
            if reason is None:
                return
            try:
                grade_claim(
                    self.store,
                    claim.id,
                    level.key,
                    require_source=self.settings.require_source,
                    reviewer=self.settings.reviewer,
                    note=reason,
                    final=True,
                )
            except AnnotatorError as exc:
                self.query_one("#reconcile-error", Label).update(safe(str(exc)))
                return
            self.show()

        self.app.push_screen(ReasonModal(level.key), done)

    def action_close(self) -> None:
        self.dismiss(None)
