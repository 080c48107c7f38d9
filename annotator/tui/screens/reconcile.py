"""ReconcileScreen: an editor walks the disputed claims, worst first, and settles them.

The walk holds the article's disputed claims (reviewers gave different verdicts): the
unsettled ones first, then those with a final verdict, each group worst first as
``agreement_report`` orders disagreements: the widest spread between the verdicts on
the ordinal scale (one reviewer's not-checkable against another's verdict counts as the
widest), then the most distinct verdicts, then text order. For each claim it shows the
words, every reviewer's verdict, certainty, reasons and rationale in full, and the
evidence linked to it; the body scrolls. A digit sets the final verdict (a reason is
asked first) and moves on to the next unsettled claim.

Setting a final verdict is an editor's job (DESIGN.md "Review rules"): anyone else may
read the walk but not settle. What is shown follows the blind rule
(``annotator.grades.visibility``): a reviewer who is no editor sees only the disputes on claims
they graded themselves.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, Label, Static

from annotator.app.agreement_report import agreement_report
from annotator.app.grading import FINAL_IS_AN_EDITORS, grade_claim
from annotator.errors import AnnotatorError
from annotator.grades.visibility import awaits_own_grade
from annotator.model import Claim, Grade
from annotator.scales import Scale
from annotator.store import Store
from annotator.tui.colours import on_background
from annotator.tui.settings import Settings
from annotator.tui.text import safe
from annotator.tui.widgets.details import evidence_lines


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
            yield Label("Enter sets the final verdict · Escape cancels", classes="hint")

    @on(Input.Submitted)
    def submit(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.query_one("#reason-error", Label).update("A final verdict needs a reason.")
            return
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


NOT_AN_EDITOR = (
    "Read only: a final verdict is an editor's to set (editors are named in the desk config)."
)


def _verdict_binding(number: int) -> Binding:
    return Binding(
        str(number),
        f"settle({number})",
        "Final verdict" if number == 1 else "",
        show=number == 1,
        id=f"reconcile.final-{number}",
        tooltip="Set the final verdict (1 best ... 5 worst, 0 not checkable); asks the reason",
    )


def grade_head(grade: Grade, scale: Scale) -> Content:
    """One reviewer's verdict, certainty and reasons (their rationale goes below)."""
    level = scale.get(grade.verdict)
    verdict = Content(level.label if level else grade.verdict).stylize(
        f"bold {level.colour if level else ''}"
    )
    parts = [safe(grade.reviewer).stylize("bold"), Content(": "), verdict]
    parts.append(Content(f" · certainty {grade.certainty or 'not given'}"))
    if grade.stale:
        parts.append(Content(" · stale: the claim's words changed since").stylize("$warning"))
    if grade.conflict:
        parts.append(Content(" · conflict: two grades after a merge").stylize("$error"))
    parts.append(Content(" · reasons: ").stylize("dim"))
    parts.append(safe(", ".join(grade.reasons) or "none given"))
    return Content.assemble(*parts)


def rationale(grade: Grade) -> Content:
    """A grade's rationale in full (it wraps; the body scrolls)."""
    return safe(grade.note) if grade.note else Content("no rationale given").stylize("dim")


class ReconcileScreen(Screen[None]):
    """One disputed claim at a time, worst first; a final verdict moves to the next."""

    BINDINGS = [
        Binding("j", "move(1)", "Next", id="reconcile.next", tooltip="Next disputed claim"),
        Binding(
            "k", "move(-1)", "Previous", id="reconcile.previous", tooltip="Previous disputed claim"
        ),
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
        self.settled: set[int] = set()
        self.spreads: dict[int, int] = {}
        self.index = 0

    @property
    def current(self) -> Claim | None:
        return self.order[self.index] if self.order else None

    @property
    def editor(self) -> bool:
        return self.settings.editor

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="reconcile-body"):
            yield Label("", id="reconcile-position", classes="team-title")
            yield Static("", id="reconcile-role", classes="team-note")
            yield Static("", id="reconcile-claim")
            yield Label("Reviewers", classes="team-heading")
            yield Vertical(id="reconcile-grades")
            yield Label("Evidence", classes="team-heading")
            yield Static("", id="reconcile-evidence")
            yield Static("", id="reconcile-final")
            yield Label("", id="reconcile-error", classes="team-error")
        yield Footer()

    def on_mount(self) -> None:
        report = agreement_report(self.store, [self.article_id], samples=0, viewer=self.viewer)
        claims = {c.id: c for c in self.store.claims(self.article_id)}
        disputes = [d for d in report.disagreements if d.claim_id in claims]
        # Unsettled first; within each, the report's worst-first order (a stable sort).
        disputes.sort(key=lambda d: bool(d.final))
        self.order = [claims[d.claim_id] for d in disputes]
        self.settled = {d.claim_id for d in disputes if d.final}
        self.spreads = {d.claim_id: d.spread for d in disputes}
        ids = [c.id for c in self.order]
        self.index = ids.index(self.start_claim) if self.start_claim in ids else 0
        role = "" if self.editor else NOT_AN_EDITOR
        if not self.viewer.sees_all:
            role += " Blind review: only disputes on claims you graded are shown."
        role_note = self.query_one("#reconcile-role", Static)
        role_note.update(role.strip())
        role_note.display = bool(role)
        self.query_one("#reconcile-body").focus()
        self.show()

    def show(self) -> None:
        claim = self.current
        position = self.query_one("#reconcile-position", Label)
        for part in ("claim", "grades", "evidence", "final"):
            self.query_one(f"#reconcile-{part}").display = claim is not None
        for heading in self.query(".team-heading"):
            heading.display = claim is not None
        if claim is None:
            position.update("No disputed claims in this article: nothing to reconcile.")
            return
        scale = on_background(self.store.scales.verdict, self.background_colors[1])
        open_ = len(self.order) - len(self.settled)
        state = "settled" if claim.id in self.settled else "unsettled"
        position.update(
            safe(
                f"Disputed claim {self.index + 1} of {len(self.order)} ({open_} unsettled), "
                f"worst first · spread {self.spreads[claim.id]} of {scale.best - scale.worst}"
                f" · {state}\n{claim.label}"
            )
        )
        self.query_one("#reconcile-claim", Static).update(safe(claim.text.replace("\n", " ")))
        grades = self.store.grades_for(claim.id, viewer=self.viewer)
        blocks = [(grade_head(g, scale), rationale(g)) for g in grades if not g.final]
        if awaits_own_grade(grades, self.viewer):
            hidden = Content("Others' grades are hidden until you grade it (blind review).")
            blocks.insert(0, (hidden, Content()))
        self._show_grades(blocks)
        links = [
            (e, self.store.get_citation(e.citation_id)) for e in self.store.evidence_for(claim.id)
        ]
        self.query_one("#reconcile-evidence", Static).update(
            Content.assemble(*evidence_lines(links, hints=False)).rstrip()
        )
        final = next((g for g in grades if g.final), None)
        if final is not None:
            level = scale.get(final.verdict)
            shown = safe(
                f"Final verdict: {level.label if level else final.verdict} "
                f"({final.verdict}) by {final.reviewer}\n  reason: {final.note}"
            )
        elif self.editor:
            shown = Content("Final verdict: none yet. 1–5 or 0 sets it (a reason is asked).")
        else:
            shown = Content("Final verdict: none yet.")
        self.query_one("#reconcile-final", Static).update(shown)
        self.query_one("#reconcile-body", VerticalScroll).scroll_home(animate=False)

    def _show_grades(self, blocks: list[tuple[Content, Content]]) -> None:
        """One head and one rationale per reviewer, in Statics kept from claim to claim
        (updated at once, so nothing of the claim before stays on screen); spare ones are
        emptied and hidden."""
        box = self.query_one("#reconcile-grades", Vertical)
        statics = list(box.query(Static))
        wanted = 2 * len(blocks)
        if len(statics) < wanted:
            more = [
                Static(classes="reconcile-rationale" if i % 2 else "reconcile-head")
                for i in range(len(statics), wanted)
            ]
            box.mount_all(more)
            statics += more
        cells = [part for block in blocks for part in block]
        for i, static in enumerate(statics):
            static.update(cells[i] if i < wanted else "")
            static.display = i < wanted and bool(cells[i].plain)

    def action_move(self, step: int) -> None:
        if self.order:
            self.index = max(0, min(len(self.order) - 1, self.index + step))
            self.query_one("#reconcile-error", Label).update("")
            self.show()

    def next_unsettled(self) -> int | None:
        """The position of the worst claim still unsettled (the walk is worst first)."""
        return next((i for i, c in enumerate(self.order) if c.id not in self.settled), None)

    def action_settle(self, number: int) -> None:
        claim = self.current
        level = self.store.scales.verdict.by_number(number)
        error = self.query_one("#reconcile-error", Label)
        if claim is None or level is None:
            return
        if not self.editor:
            # The use case refuses it too; asking the reason first would waste it.
            self._refuse(FINAL_IS_AN_EDITORS.format(reviewer=self.settings.reviewer))
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
                    editor=self.editor,
                )
            except AnnotatorError as exc:
                self._refuse(str(exc))
                return
            error.update("")
            self.settled.add(claim.id)
            following = self.next_unsettled()
            if following is None:
                self.notify(f"Final verdict {level.key}: every disputed claim here is settled now.")
            else:
                self.notify(f"Final verdict {level.key}. Next: the worst still unsettled.")
                self.index = following
            self.show()

        self.app.push_screen(ReasonModal(level.key), done)

    def _refuse(self, why: str) -> None:
        """Say why nothing was set, where it is seen: the line under the evidence is
        below the fold of a long claim at 80x24, so the refusal also shows as a notice."""
        error = self.query_one("#reconcile-error", Label)
        error.update(safe(why))
        error.scroll_visible(animate=False)
        self.notify(why, severity="warning")

    def action_close(self) -> None:
        self.dismiss(None)
