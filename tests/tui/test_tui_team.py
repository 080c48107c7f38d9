"""Agreement and reconcile screens through the pilot: figures shown, verdicts settled."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Label, Static

from annotator.app.library import add_citation
from annotator.store import Store
from annotator.tui.screens.agreement import AgreementScreen
from annotator.tui.screens.reconcile import ReasonModal, ReconcileScreen
from annotator.tui.widgets.fitted_table import MIN_STRETCH, FittedTable, fitted_widths
from tests.conftest import name_editors
from tests.team_helpers import article_with_claims, grade_table
from tests.tui_apps import app_as, editor_app, open_screen


def _setup(store: Store) -> tuple[int, list[int]]:
    article = article_with_claims(store, 4, title="[b]Bold[/b] claims")
    ids = grade_table(
        store,
        article,
        {
            "ann": ["supported", "mixed", "supported", None],
            "bob": ["mostly-supported", "mixed", "contradicted", None],
        },
    )
    store.grade_claim(ids[0], "supported", reviewer="cat", note="[red]sure[/red]")
    return article, ids


async def test_agreement_screen_shows_figures_and_opens_reconcile(store: Store) -> None:
    article, ids = _setup(store)
    app = editor_app(store, article)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_screen(pilot, AgreementScreen(app.store, app.settings, article))
        summary = str(screen.query_one("#agreement-summary", Static).render())
        assert "3 claims graded by two or more, 2 disagreements (0 settled)" in summary
        assert "[b]Bold[/b]" in str(screen.query_one("#agreement-title", Label).render())
        table = screen.query_one("#agreement-disagreements", DataTable)
        assert table.row_count == 2
        table.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReconcileScreen)
        # Worst first: supported vs contradicted (spread 4) before the near miss.
        assert app.screen.current is not None and app.screen.current.id == ids[2]


def _shown(screen: ReconcileScreen, selector: str) -> str:
    return "\n".join(str(w.render()) for w in screen.query(f"{selector}, {selector} Static"))


async def test_reconcile_sets_a_final_verdict_only_with_a_reason(store: Store) -> None:
    article, ids = _setup(store)
    app = editor_app(store, article)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_screen(pilot, ReconcileScreen(app.store, app.settings, article))
        # Only the disputed claims, worst first: supported vs contradicted, then the near miss.
        assert [c.id for c in screen.order] == [ids[2], ids[0]]
        await pilot.press("j")
        assert screen.current is not None and screen.current.id == ids[0]
        grades = _shown(screen, "#reconcile-grades")
        assert all(f"{who}: " in grades for who in ("ann", "bob", "cat"))
        assert "[red]sure[/red]" in grades  # a rationale is data, shown as written
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, ReasonModal)
        await pilot.press("enter")  # an empty reason is refused
        await pilot.pause()
        assert isinstance(app.screen, ReasonModal)
        app.screen.query_one("#reason-input", Input).value = "cat and ann agree with the trial"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        final = [g for g in store.grades_for(ids[0]) if g.final]
        assert [(g.verdict, g.reviewer, g.note) for g in final] == [
            ("mostly-supported", "ed", "cat and ann agree with the trial")
        ]
        # Settled, it moved on to the one still unsettled (back to the top of the walk).
        assert screen.current is not None and screen.current.id == ids[2]
        await pilot.press("j")
        assert "(mostly-supported) by ed" in _shown(screen, "#reconcile-final")
        assert "cat and ann agree with the trial" in _shown(screen, "#reconcile-final")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ReconcileScreen)


def _disputes(store: Store) -> tuple[int, list[int]]:
    """Five claims: three disputed (spread 1, 4 and 2 in text order), one agreed, one
    graded once."""
    article = article_with_claims(store, 5)
    ids = grade_table(
        store,
        article,
        {
            "ann": ["supported", "supported", "mixed", "mixed", "mixed"],
            "bob": ["mostly-supported", "contradicted", "contradicted", "mixed", None],
        },
    )
    return article, ids


async def test_reconcile_walks_disputed_claims_worst_first_and_moves_on(store: Store) -> None:
    from annotator.tui.screens.review import ReviewScreen

    article, ids = _disputes(store)
    store.grade_claim(ids[4], "supported", reviewer="cat")  # a fourth dispute: spread 2
    store.grade_claim(ids[4], "mixed", reviewer="ed", final=True, note="settled before")
    app = editor_app(store, article)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        await pilot.press("j", "j", "j")  # on the agreed claim: r still starts at the worst
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReconcileScreen)
        # Widest spread first, then the next widest; the settled one comes last.
        assert [c.id for c in screen.order] == [ids[1], ids[2], ids[0], ids[4]]
        assert screen.current is not None and screen.current.id == ids[1]
        position = _shown(screen, "#reconcile-position")
        assert "1 of 4 (3 unsettled)" in position and "spread 4 of 4" in position
        for expected in (ids[2], ids[0]):
            await pilot.press("5")
            await pilot.pause()
            app.screen.query_one("#reason-input", Input).value = "the trial says so"
            await pilot.press("enter")
            await pilot.pause()
            assert screen.current is not None and screen.current.id == expected
        await pilot.press("1")
        await pilot.pause()
        app.screen.query_one("#reason-input", Input).value = "the last one"
        await pilot.press("enter")
        await pilot.pause()
        # Nothing unsettled is left: it stays on the claim it settled and says so.
        assert screen.current is not None and screen.current.id == ids[0]
        assert "(0 unsettled)" in _shown(screen, "#reconcile-position")
        finals = {c: store.current_verdicts(article)[c] for c in (ids[1], ids[2], ids[0])}
        assert finals == {ids[1]: "contradicted", ids[2]: "contradicted", ids[0]: "supported"}


async def test_reconcile_shows_notes_in_full_and_the_evidence(store: Store) -> None:
    from annotator.app.linking import link_evidence
    from annotator.sources.identifiers import citation_from_doi

    article, ids = _disputes(store)
    note = "Triangulated across three reviews: " + "the mechanism is well documented. " * 8
    store.grade_claim(
        ids[1], "supported", reviewer="ann", certainty="high", reasons=("overstated",), note=note
    )
    store.grade_claim(ids[1], "contradicted", reviewer="bob", certainty="low", note="Tria")
    citation, _ = add_citation(store, citation_from_doi("10.1056/NEJMoa2032994"), reviewer="ann")
    link_evidence(
        store, ids[1], citation.id, "mixed", reviewer="ann", quote="small trials", locator="p. 3"
    )
    app = editor_app(store, article)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_screen(pilot, ReconcileScreen(app.store, app.settings, article))
        assert screen.current is not None and screen.current.id == ids[1]
        grades = _shown(screen, "#reconcile-grades")
        assert note.strip() in grades  # whole, not cut to a column
        assert "ann: Supported · certainty high · reasons: overstated" in grades
        assert "bob: Contradicted · certainty low" in grades
        evidence = _shown(screen, "#reconcile-evidence")
        assert "10.1056/nejmoa2032994" in evidence and "“small trials” (p. 3)" in evidence
        # The long note wraps over lines; the body scrolls to the final verdict.
        rationale = screen.query(".reconcile-rationale").first()
        assert rationale.region.height >= 4 and rationale.region.right <= 80
        body = screen.query_one("#reconcile-body")
        assert body.max_scroll_y > 0
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        assert body.scroll_y > 0


async def test_reconcile_is_read_only_for_a_reviewer_who_is_not_an_editor(store: Store) -> None:
    article, ids = _disputes(store)
    store.grade_claim(ids[2], "supported", reviewer="cat")
    # cat graded only the third claim: under blind review the walk holds that one alone.
    app = app_as(store, "cat", article_id=article)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_screen(pilot, ReconcileScreen(app.store, app.settings, article))
        assert [c.id for c in screen.order] == [ids[2]]
        assert "only disputes on claims you graded" in _shown(screen, "#reconcile-role")
        await pilot.press("3")
        await pilot.pause()
        assert app.screen is screen  # no reason asked: the final verdict is an editor's
        assert "editor" in _shown(screen, "#reconcile-error")
        assert not [g for g in store.grades_for(ids[2]) if g.final]
        # Walked at 80x24: the refusal went to a line below the fold, so "3" seemed to
        # do nothing. It shows as a notice too.
        assert any("editor" in str(n.message) for n in app._notifications)
    # Without blind review a reviewer reads every dispute, and still may not settle.
    app = app_as(store, "cat", blind=False, article_id=article)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_screen(pilot, ReconcileScreen(app.store, app.settings, article))
        assert {c.id for c in screen.order} == {ids[0], ids[1], ids[2]}
        assert "Read only" in _shown(screen, "#reconcile-role")


async def test_review_keys_open_agreement_and_reconcile(store: Store) -> None:
    from annotator.tui.screens.review import ReviewScreen

    article, ids = _setup(store)
    app = editor_app(store, article)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, AgreementScreen)
        await pilot.press("r")
        await pilot.pause()
        reconcile = app.screen
        assert isinstance(reconcile, ReconcileScreen)
        assert reconcile.current is not None and reconcile.current.id == ids[2]
        await pilot.press("5")
        await pilot.pause()
        app.screen.query_one("#reason-input", Input).value = "the trial found no effect"
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert isinstance(app.screen, AgreementScreen)
        summary = str(app.screen.query_one("#agreement-summary", Static).render())
        assert "2 disagreements (1 settled)" in summary
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is review
        assert store.current_verdicts(article)[ids[2]] == "contradicted"
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReconcileScreen)


async def test_reconcile_respects_blind_mode_for_a_reviewer(store: Store) -> None:
    article, ids = _setup(store)
    store.grade_claim(ids[3], "mixed", reviewer="bob")
    app = app_as(store, "cat", article_id=article)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_screen(
            pilot, ReconcileScreen(app.store, app.settings, article, start_claim=ids[2])
        )
        # cat graded only the first claim: the dispute on the third is not theirs to see.
        assert [c.id for c in screen.order] == [ids[0]]
        grades = _shown(screen, "#reconcile-grades")
        assert {"ann: Supported", "bob: Mostly supported", "cat: Supported"} <= {
            line.split(" · ")[0] for line in grades.splitlines()
        }
        assert "Contradicted" not in grades


async def test_agreement_screen_and_command_give_the_same_figures() -> None:
    """One report, one seed: the screen shows the very lines ``annotator agreement`` prints,
    the bootstrap interval included."""
    import os

    from tests.cli.test_cli import run

    store = Store.open(os.environ["ANNOTATOR_DB"])
    article = article_with_claims(store, 9)
    grade_table(
        store,
        article,
        {
            "ann": [
                "supported",
                "mixed",
                "supported",
                "unsupported",
                "contradicted",
                "mixed",
                "supported",
                "mostly-supported",
                "unsupported",
            ],
            "bob": [
                "mostly-supported",
                "mixed",
                "contradicted",
                "unsupported",
                "contradicted",
                "unsupported",
                "supported",
                "supported",
                "mixed",
            ],
            "cat": [
                "supported",
                "unsupported",
                "mixed",
                "unsupported",
                "unsupported",
                "mixed",
                "mostly-supported",
                "supported",
                "mixed",
            ],
        },  # fmt: skip
    )
    name_editors("tester")
    code, out, err = run("agreement", str(article))
    assert code == 0, err
    app = editor_app(store, article)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_screen(pilot, AgreementScreen(app.store, app.settings, article))
        summary = str(screen.query_one("#agreement-summary", Static).render())
        pairs = screen.query_one("#agreement-pairs", DataTable)
        shown = [[str(c) for c in pairs.get_row_at(i)] for i in range(pairs.row_count)]
    store.close()
    lines = summary.splitlines()
    assert len(lines) == 4 and "95% CI" in lines[2]
    for line in lines:
        assert line in out.splitlines()
    printed = {tuple(row.split("\t")) for row in out.splitlines()}
    assert shown and all(tuple(row) in printed for row in shown)


async def test_agreement_tables_use_the_width_they_have(store: Store) -> None:
    article, _ids = _setup(store)
    for width in (80, 120, 200):
        app = editor_app(store, article)
        async with app.run_test(size=(width, 40)) as pilot:
            screen = await open_screen(pilot, AgreementScreen(app.store, app.settings, article))
            table = screen.query_one("#agreement-disagreements", FittedTable)
            columns = list(table.columns.values())
            # No cell is cut: each column is at least as wide as its widest cell ...
            for i, column in enumerate(columns):
                cells = [table.get_row_at(r)[i].plain for r in range(table.row_count)]
                lines = [line for text in cells for line in text.split("\n")]
                assert column.width >= max(map(len, lines)), (width, str(column.label))
            # Each reviewer's verdict on a line of its own: the row grows, not the column.
            assert "ann: supported\nbob: contradicted" in [
                table.get_row_at(r)[2].plain for r in range(table.row_count)
            ]
            # ... and together they span the table, the label taking what is left.
            used = sum(c.get_render_width(table) for c in columns)
            room = table.content_region.width - table.styles.scrollbar_size_vertical
            assert used == room, width
            pairs = app.screen.query_one("#agreement-pairs", FittedTable)
            assert sum(c.get_render_width(pairs) for c in pairs.columns.values()) == room


def test_fitted_widths_stretch_one_column_or_share_the_spare_room() -> None:
    headers, rows = ["id", "label"], [["12", "a long label of a claim"]]
    assert fitted_widths(headers, rows, 1, 40, 1) == [2, 34]  # 2+2 + 34+2 = 40
    assert fitted_widths(headers, rows, None, 41, 1) == [8, 29]  # 12 spare, 6 each
    # Short of room the label gives way to MIN_STRETCH, never the other columns.
    assert fitted_widths(headers, rows, 1, 10, 1) == [2, MIN_STRETCH]


async def test_after_a_final_verdict_the_worst_unsettled_claim_is_next(store: Store) -> None:
    article, ids = _disputes(store)  # worst first: ids[1], ids[2], ids[0]
    app = editor_app(store, article)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_screen(pilot, ReconcileScreen(app.store, app.settings, article))
        await pilot.press("j", "j", "3")  # settle the mildest first
        await pilot.pause()
        app.screen.query_one("#reason-input", Input).value = "close enough"
        await pilot.press("enter")
        await pilot.pause()
        assert screen.current is not None and screen.current.id == ids[1]


def test_the_tui_follows_the_desk_config_not_a_role() -> None:
    from annotator.config import DeskConfig
    from annotator.tui.settings import Settings

    desk = DeskConfig(editors=("ed",))
    for name, role, editor in (("ed", None, True), ("ed", "reviewer", False),
                               ("bob", "editor", False), ("bob", None, False)):  # fmt: skip
        settings = Settings(reviewer=name, role=role)
        settings.follow_desk(desk)
        assert settings.editor is editor, (name, role)


async def test_a_long_label_heads_the_reconcile_walk_whole_at_80x24(store: Store) -> None:
    """Walked at 80x24: the walk's heading read "ASPREE: aspirin did not prolong
    disability-free survival (19,114 people, 4.7" and stopped at the screen's edge, the
    rest of the label (the claim the editor is settling) clipped without a mark. The
    heading wraps; the agreement screen's title, of the same style, too."""
    article, ids = _setup(store)
    label = "ASPREE: aspirin did not prolong disability-free survival (19,114 people, 4.7 yrs)"
    store.edit_label(ids[2], label, reviewer="ann")
    app = editor_app(store, article)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_screen(pilot, ReconcileScreen(app.store, app.settings, article))
        heading = screen.query_one("#reconcile-position", Label)
        assert heading.region.right <= screen.query_one("#reconcile-body").content_region.right
        lines = heading.render_lines(heading.region.reset_offset)
        shown = " ".join("".join(s.text for s in line).strip() for line in lines)
        assert label in " ".join(shown.split()), shown
