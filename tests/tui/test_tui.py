"""The TUI through Textual's pilot: every key changes the store as it should."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, OptionList

from annotator.app.library import add_citation
from annotator.model import ClaimStatus, Origin
from annotator.sources.identifiers import citation_from_doi
from annotator.store import Store
from annotator.text.proposer import propose_claims
from annotator.tui.app import AnnotatorApp
from annotator.tui.screens.citation_picker import CitationPickerModal
from annotator.tui.screens.confirm import ConfirmModal
from annotator.tui.screens.grade import GradeModal
from annotator.tui.screens.history import HistoryModal
from annotator.tui.screens.home import HomeScreen
from annotator.tui.screens.key_sheet import KeySheetModal
from annotator.tui.screens.review import ReviewScreen
from annotator.tui.widgets.article_view import ArticleView
from annotator.tui.widgets.details import DetailsPanel
from tests.conftest import SAMPLE_ARTICLE
from tests.tui_apps import app_as
from tests.workers import settle

MARKUP_TEXT = (
    "Officials said [bold red]costs[/] rose 40% in 2020 [link=http://x]here[/link]. "
    "A second claim says \x1b[31mdeaths\x1b[0m fell by 12% in 2021."
)


def _import(store: Store, text: str | None = None) -> int:
    text = text if text is not None else SAMPLE_ARTICLE.read_text(encoding="utf-8")
    return store.import_article(
        text, title="MDMA", reviewer="ann", proposals=propose_claims(text)
    ).id


def _app(store: Store) -> AnnotatorApp:
    return app_as(store)


def _review(app: AnnotatorApp) -> ReviewScreen:
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


async def test_keys_move_and_grade(store: Store) -> None:
    article_id = _import(store)
    claims = store.claims(article_id)
    app = _app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("j", "j")
        assert _review(app).current.id == claims[2].id  # type: ignore[union-attr]
        await pilot.press("k", "2")
        assert [g.verdict for g in store.grades_for(claims[1].id)] == ["mostly-supported"]
        for key in "13450":
            await pilot.press(key)
            level = store.scales.verdict.by_number(int(key))
            assert level is not None
            assert store.grades_for(claims[1].id)[0].verdict == level.key
        await pilot.press("down", "up")
        assert _review(app).current.id == claims[1].id  # type: ignore[union-attr]


async def test_accept_dismiss_restore_and_undo(store: Store) -> None:
    article_id = _import(store)
    first = store.claims(article_id)[0]
    async with _app(store).run_test() as pilot:
        await pilot.press("a")
        assert store.get_claim(first.id).status == ClaimStatus.ACCEPTED
        await pilot.press("x")
        assert store.get_claim(first.id).status == ClaimStatus.DISMISSED
        await pilot.press("x")
        assert store.get_claim(first.id).status == ClaimStatus.PROPOSED
        await pilot.press("ctrl+z")
        assert store.get_claim(first.id).status == ClaimStatus.DISMISSED


async def test_undo_works_after_a_restart(store: Store) -> None:
    article_id = _import(store)
    first = store.claims(article_id)[0]
    async with _app(store).run_test() as pilot:
        await pilot.press("3")
    assert store.grades_for(first.id)
    async with _app(store).run_test() as pilot:
        await pilot.press("ctrl+z")
    assert store.grades_for(first.id) == []


async def test_reopening_returns_to_the_same_claim(store: Store) -> None:
    article_id = _import(store)
    claims = store.claims(article_id)
    async with _app(store).run_test() as pilot:
        await pilot.press("j", "j", "j")
    app = _app(store)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert _review(app).current.id == claims[3].id  # type: ignore[union-attr]


async def test_markup_and_escapes_in_article_text_show_literally(store: Store) -> None:
    _import(store, MARKUP_TEXT)
    app = _app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        shown = " ".join(app.screen.query_one(ArticleView).rendered_text().splitlines())
        assert "[bold red]costs[/]" in shown
        assert "[link=http://x]here[/link]" in shown
        assert "\x1b" not in shown and "␛[31mdeaths" in shown
        details = str(app.screen.query_one(DetailsPanel).render())
        assert "[bold red]" in details
        await pilot.press("escape")
        home = app.screen.query_one("#article-list", OptionList)
        assert "\x1b" not in str(home.get_option_at_index(0).prompt)


async def test_the_article_list_is_summarised_only_when_shown(store: Store) -> None:
    _import(store)
    app = _app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        home = app.screen_stack[-2].query_one("#article-list", OptionList)
        assert home.option_count == 0  # not drawn under the review screen at start-up
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and home.option_count == 1


async def test_label_and_note_through_the_prompt(store: Store) -> None:
    article_id = _import(store)
    first = store.claims(article_id)[0]
    app = _app(store)
    async with app.run_test() as pilot:
        await pilot.press("e")
        app.screen.query_one("#prompt-input", Input).value = "Nothing else worked [for veterans]"
        await pilot.press("enter")
        await pilot.press("n")
        app.screen.query_one("#prompt-input", Input).value = "ask the desk [/b]"
        await pilot.press("enter")
        await pilot.press("e", "escape")
    claim = store.get_claim(first.id)
    assert claim.label == "Nothing else worked [for veterans]"
    assert claim.note == "ask the desk [/b]"


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_a_long_label_can_be_read_whole(store: Store, size: tuple[int, int]) -> None:
    """Walked at 120x36: the label "ASPREE: aspirin did not prolong disability-free
    survival (19,114 people, 4.7 yrs)" read "ASPREE: aspirin did not …" in the list, and
    no other region showed it: a checker could read their own label (the words every
    export leads with) only by opening the edit prompt. The details show it whole."""
    article_id = _import(store)
    first = store.claims(article_id)[0]
    label = "ASPREE: aspirin did not prolong disability-free survival (19,114 people, 4.7 yrs)"
    store.edit_label(first.id, label, reviewer="ann")
    app = _app(store)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        shown = str(_review(app).query_one(DetailsPanel).render())
        assert label in " ".join(shown.split()), shown


async def test_certainty_reasons_and_rationale(store: Store) -> None:
    article_id = _import(store)
    first = store.claims(article_id)[0]
    app = _app(store)
    async with app.run_test() as pilot:
        await pilot.press("g")
        assert isinstance(app.screen, ReviewScreen)  # no verdict yet: nothing opens
        await pilot.press("3", "g")
        assert isinstance(app.screen, GradeModal)
        await pilot.press("tab", "space", "tab")
        app.screen.query_one("#grade-note", Input).value = "small trials"
        await pilot.press("enter")
        await pilot.press("g", "4")
    grade = store.grades_for(first.id)[0]
    assert (grade.verdict, grade.certainty) == ("mixed", "very-low")
    assert grade.reasons == ("lacks-context",) and grade.note == "small trials"


async def test_history_shows_the_claims_events(store: Store) -> None:
    _import(store)
    app = _app(store)
    async with app.run_test() as pilot:
        await pilot.press("a", "h")
        assert isinstance(app.screen, HistoryModal)
        assert [e.action for e in app.screen.events] == ["propose", "accept"]
        shown = [str(s.render()) for s in app.screen.query(".history-event")]
        assert shown[1].endswith(f"ann accepted claim {app.screen.events[1].entity_id}")
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)


async def test_history_names_an_undone_merge_in_one_line(store: Store) -> None:
    """Walked in tmux: m, y, ctrl+z, h listed the undo as three lines of field changes
    ("undid: relabelled claim 7 ...", "undid: graded contradicted again" twice)."""
    _import(store)
    app = _app(store)
    async with app.run_test() as pilot:
        await pilot.press("1", "j", "2", "k", "m", "y", "ctrl+z", "h")
        assert isinstance(app.screen, HistoryModal)
        shown = [str(s.render()) for s in app.screen.query(".history-event")]
        undone = [line for line in shown if " undid: " in line]
        assert len(undone) == 1 and "ann undid: merged the next claim into claim" in undone[0]


async def test_citation_picker_links_a_library_source(store: Store) -> None:
    article_id = _import(store)
    first = store.claims(article_id)[0]
    source = replace(
        citation_from_doi("10.1056/NEJMoa2032994"),
        title="MDMA-assisted therapy for severe PTSD",
        year=2021,
    )
    cited, _ = add_citation(store, source, reviewer="ann")
    app = _app(store)
    async with app.run_test() as pilot:
        await pilot.press("c")
        assert isinstance(app.screen, CitationPickerModal)
        await pilot.press(*"sevre ptsd")  # typo-tolerant, per keystroke
        choice = app.screen.choice
        assert choice.selected is not None
        assert choice.rows[choice.selected].citation.id == cited.id
        await pilot.press("enter", "c")
        app.screen.query_one("#picker-quote", Input).value = "symptoms fell"
        await pilot.press("enter")
        app.screen.query_one("#picker-locator", Input).value = "Table 2"
        await pilot.press("enter")
        assert isinstance(app.screen, ReviewScreen)
    [link] = store.evidence_for(first.id)
    assert (link.citation_id, link.stance, link.quote, link.locator) == (
        cited.id,
        "contradicts",
        "symptoms fell",
        "Table 2",
    )


async def test_citation_picker_adds_a_new_source_from_a_doi(store: Store) -> None:
    article_id = _import(store)
    first = store.claims(article_id)[0]
    app = _app(store)
    async with app.run_test() as pilot:
        # The review screen mounts and its start-up workers finish before the picker
        # opens; the picker then draws the query's rows before Enter takes the first.
        await settle(pilot)
        await pilot.press("c")
        assert isinstance(app.screen, CitationPickerModal)
        await pilot.pause()
        app.screen.query_one("#picker-search", Input).value = "https://doi.org/10.1000/XYZ"
        await settle(pilot)
        results = app.screen.query_one("#picker-results", OptionList)
        assert "+ new source" in str(results.get_option_at_index(0).prompt)
        await pilot.press("enter", "enter", "enter", "enter")
    [citation] = store.list_citations()
    assert citation.doi == "10.1000/xyz"
    assert store.evidence_for(first.id)[0].stance == "supports"


async def test_split_at_the_cursor_and_merge_with_next(store: Store) -> None:
    article_id = _import(store)
    before = store.claims(article_id)
    app = _app(store)
    async with app.run_test() as pilot:
        await pilot.press("s")
        view = app.screen.query_one(ArticleView)
        assert view.mode == "split" and view.cursor is not None
        await pilot.press("right", "left", "left")
        at = view.cursor
        await pilot.press("enter")
        after = store.claims(article_id)
        assert len(after) == len(before) + 1
        assert after[1].start >= at and after[0].end <= at
        await pilot.press("m")
        merged = store.claims(article_id)
        assert len(merged) == len(before)
        assert (merged[0].start, merged[0].end) == (before[0].start, before[0].end)


async def test_splitting_a_linked_claim_asks_in_the_tuis_words(store: Store) -> None:
    """Walked in tmux: the TUI's split question ended "(annotator reuse NEW 7 copies them
    to the second)": a shell command, with a placeholder, in the review screen."""
    article_id = _import(store)
    first = store.claims(article_id)[0]
    source, _ = add_citation(store, citation_from_doi("10.1000/x"), reviewer="ann")
    store.link_evidence(first.id, source.id, "supports", reviewer="ann")
    app = _app(store)
    async with app.run_test() as pilot:
        await pilot.press("s", "right", "enter")
        assert isinstance(app.screen, ConfirmModal)
        assert "link stays with the first part" in app.screen.question
        assert "annotator " not in app.screen.question and "NEW" not in app.screen.question


async def test_add_a_claim_from_typed_words_then_grow_it(store: Store) -> None:
    text = "Intro line here.\n\nCoffee cuts cancer risk by 20%. Tea does not. More text follows."
    article_id = store.import_article(text, title="t", reviewer="ann", proposals=[]).id
    app = _app(store)
    async with app.run_test() as pilot:
        await pilot.press("v")
        await pilot.press(*"tea does")
        view = app.screen.query_one(ArticleView)
        assert view.span is not None and text[slice(*view.span)] == "Tea does"
        await pilot.press("enter", "right", "shift+left", "shift+right", "enter")
    [claim] = store.claims(article_id)
    assert claim.text == "Tea does not." and claim.origin == Origin.MANUAL


async def test_add_a_claim_from_the_mouse_selection(store: Store) -> None:
    text = "Coffee cuts cancer risk by 20%. Tea does not."
    article_id = store.import_article(text, title="t", reviewer="ann", proposals=[]).id
    app = _app(store)
    async with app.run_test() as pilot:
        view = app.screen.query_one(ArticleView)
        await pilot.mouse_down(view, offset=(3, 1))
        await pilot.hover(view, offset=(15, 1))
        await pilot.mouse_up(view, offset=(15, 1))
        assert view.selected_span() == (0, 18)
        await pilot.press("v", "enter")
    [claim] = store.claims(article_id)
    assert claim.text == "Coffee cuts cancer"


async def test_clicking_a_marked_span_selects_its_claim(store: Store) -> None:
    article_id = _import(store)
    claims = store.claims(article_id)
    target = next(c for c in claims if c.text.startswith("Researchers say"))
    app = _app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        view = app.screen.query_one(ArticleView)
        view.scroll_to(y=0, animate=False)
        await pilot.pause()
        line = view.line_of(target.start)
        column = target.start - view._lines[line].start + 2
        await pilot.click(view, offset=(column + 1, line + 1))  # + border and padding
        assert _review(app).current.id == target.id  # type: ignore[union-attr]


async def test_search_and_filters(store: Store) -> None:
    article_id = _import(store)
    claims = store.claims(article_id)
    store.grade_claim(claims[2].id, "contradicted", reviewer="ann")
    store.dismiss_claim(claims[0].id, reviewer="ann")
    app = _app(store)
    async with app.run_test() as pilot:
        screen = _review(app)
        await pilot.press("slash")
        field = app.screen.query_one("#claim-filter", Input)
        field.value = "verdict:contra"
        await pilot.pause()
        assert [c.id for c in screen.claims] == [claims[2].id]
        field.value = "is:ungraded"
        await pilot.pause()
        assert claims[2].id not in {c.id for c in screen.claims}
        assert claims[0].id not in {c.id for c in screen.claims}
        field.value = "oxytocin"
        await pilot.pause()
        assert all("oxytocin" in c.text for c in screen.claims) and screen.claims
        await pilot.press("enter", "escape")
        assert len(screen.claims) == len(claims)
        await pilot.press("d")
        assert claims[0].id not in {c.id for c in screen.claims}
        assert store.get_state("hide-dismissed") == "1"


async def test_help_panel_palette_and_quit(store: Store) -> None:
    article_id = _import(store)
    first = store.claims(article_id)[0]
    app = _app(store)
    async with app.run_test() as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, KeySheetModal)
        await pilot.press("question_mark")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("ctrl+p")
        await pilot.press(*"claim: accept")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert store.get_claim(first.id).status == ClaimStatus.ACCEPTED
        await pilot.press("q")
    assert not app.is_running


async def test_palette_offers_every_review_binding(store: Store) -> None:
    from annotator.tui.commands import TITLES, palette_entries

    _import(store)
    app = _app(store)
    async with app.run_test():
        titles = {title for title, *_ in palette_entries(app.screen)}
        ids = {b.id for b in ReviewScreen.BINDINGS if isinstance(b, object)}  # type: ignore[attr-defined]
        for binding_id in ids - {"review.articles"}:
            if binding_id and not binding_id.startswith("review.verdict-"):
                assert TITLES[binding_id] in titles, binding_id
        assert {"grade: supported", "grade: not-checkable"} <= titles
        assert all(":" in t for t in titles), titles


async def test_home_import_open_and_delete(store: Store, tmp_path: Path) -> None:
    article = tmp_path / "piece.md"
    article.write_text("# A piece\n\nSmoking causes 80% of lung cancers, a 2019 study found.\n")
    app = _app(store)
    async with app.run_test() as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("i")
        app.screen.query_one("#import-path", Input).value = str(article)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        [imported] = store.list_articles()
        assert imported.title == "A piece" and store.claims(imported.id)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        assert store.list_articles()
        await pilot.press("d", "y")
        await pilot.pause()
        assert store.list_articles() == []


async def test_theme_is_remembered(store: Store) -> None:
    _import(store)
    app = _app(store)
    async with app.run_test() as pilot:
        app.theme = "textual-light"
        await pilot.pause()
    assert store.get_state("theme") == "textual-light"
    app = _app(store)
    async with app.run_test():
        assert app.theme == "textual-light"


async def test_usable_at_80_by_24(store: Store) -> None:
    _import(store)
    app = _app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for region in ("#claim-list", "#article-scroll", "#details-scroll"):
            widget = app.screen.query_one(region)
            assert widget.region.height >= 5 and widget.region.width >= 60, region


BIBTEX = """@article{mitchell2021,
  title = {{MDMA}-assisted therapy for severe {PTSD}},
  author = {Mitchell, Jennifer M. and Bogenschutz, Michael},
  journal = {Nature Medicine}, year = {2021}, doi = {10.1038/s41591-021-01336-3}
}
@article{other2020, title = {Another trial}, author = {Doe, Jane}, year = {2020}}
"""


async def test_citation_picker_takes_a_pasted_bibtex_record(store: Store) -> None:
    article_id = _import(store)
    first = store.claims(article_id)[0]
    app = _app(store)
    async with app.run_test() as pilot:
        await pilot.press("c")
        field = app.screen.query_one("#picker-search", Input)
        field.focus()
        await pilot.pause()
        app.screen.query_one("#picker-search").post_message(events.Paste(BIBTEX))
        await pilot.pause()
        assert "\n" not in field.value
        # Two entries: both are added, and the checker says which one to link.
        assert "2 entries: all are added" in str(app.screen.query_one("#picker-hint").render())
        await pilot.press("enter")
        assert isinstance(app.screen, CitationPickerModal)
        assert app.screen.query_one("#picker-find").display  # nothing taken yet
        await pilot.press("down", "enter", "m", "enter", "enter")
    titles = sorted(c.title for c in store.list_citations())
    assert titles == ["Another trial", "MDMA-assisted therapy for severe PTSD"]
    [link] = store.evidence_for(first.id)
    assert store.get_citation(link.citation_id).doi == "10.1038/s41591-021-01336-3"
    assert link.stance == "mixed"


async def test_require_source_refuses_a_verdict_key_on_a_claim_without_sources(
    store: Store,
) -> None:
    article_id = _import(store)
    first = store.claims(article_id)[0]
    app = app_as(store, require_source=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        assert store.grades_for(first.id) == []
        assert any("require_source" in str(n.message) for n in app._notifications)
        await pilot.press("0")
        assert [g.verdict for g in store.grades_for(first.id)] == ["not-checkable"]


async def test_undo_and_redo_say_what_and_move_to_the_claim(store: Store) -> None:
    article_id = _import(store)
    claims = store.claims(article_id)
    app = _app(store)
    async with app.run_test() as pilot:
        await pilot.press("j", "j", "3")
        graded = store.grades_for(claims[2].id)[0].verdict
        await pilot.press("k", "k")
        assert _review(app).current.id == claims[0].id  # type: ignore[union-attr]
        await pilot.press("ctrl+z")
        assert store.grades_for(claims[2].id) == []
        assert _review(app).current.id == claims[2].id  # type: ignore[union-attr]
        messages = [n.message for n in app._notifications]
        assert f"Undone: ann's grade {graded!r} on claim {claims[2].id}" in messages
        await pilot.press("k", "ctrl+y")
        assert store.grades_for(claims[2].id)[0].verdict == graded
        assert _review(app).current.id == claims[2].id  # type: ignore[union-attr]


async def test_history_names_a_linked_source_not_its_id(store: Store) -> None:
    article_id = _import(store)
    first = store.claims(article_id)[0]
    source = replace(citation_from_doi("10.1000/x"), title="Coffee and stroke", year=2020)
    cited, _ = add_citation(store, source, reviewer="ann")
    store.link_evidence(first.id, cited.id, "supports", reviewer="ann")
    app = _app(store)
    async with app.run_test() as pilot:
        await pilot.press("h")
        shown = [str(s.render()) for s in app.screen.query(".history-event")]
        assert "ann linked \u201c(2020) Coffee and stroke. doi:10.1000/x\u201d" in shown[-1]


async def test_the_header_counts_stale_grades_apart(store: Store) -> None:
    """Walked in tmux: after splitting a graded claim, both parts' grades were stale
    ("grade again"), yet the header said "7/12 graded", one more than before: stale
    verdicts counted as done. They are counted apart, as in stats and the report."""
    article_id = _import(store)
    app = _app(store)
    async with app.run_test() as pilot:
        await pilot.press("1")
        live = sum(c.status != ClaimStatus.DISMISSED for c in store.claims(article_id))
        review = _review(app)
        assert review.title.endswith(f"1/{live} graded")
        await pilot.press("s", "right", "enter", "y")
        await pilot.pause()
        assert review.title.endswith(f"0/{live + 1} graded · 2 stale"), review.title
        await pilot.press("1", "j", "1")
        assert review.title.endswith(f"2/{live + 1} graded"), review.title


async def test_the_article_list_counts_stale_grades_apart_as_the_header_does(
    store: Store,
) -> None:
    """Walked with a corrected article: Bob's review header read "1/17 graded · 2 stale"
    and, one key away, his article list "3/17 graded" for the same article: the list
    still counted verdicts given to words a correction changed as done."""
    article_id = _import(store)
    app = _app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("1")
        await pilot.press("s", "right", "enter", "y")
        await pilot.pause()
        live = sum(c.status != ClaimStatus.DISMISSED for c in store.claims(article_id))
        header = _review(app).title
        assert header.endswith(f"0/{live} graded · 2 stale"), header
        await pilot.press("escape")
        await pilot.pause()
        home = app.screen.query_one("#article-list", OptionList)
        row = str(home.get_option_at_index(0).prompt)
        assert f"0/{live} graded · 2 stale" in row, row


async def test_a_missing_file_keeps_the_import_dialog_with_what_was_typed(
    store: Store, tmp_path: Path
) -> None:
    """Walked in tmux: a mistyped path and ctrl+s closed the import dialog, the title and
    URL typed lost, and only then said "article 'nope/missing.md' not found"; the keys
    typed next (meant for the dialog) went to the article list, where "a" and "s" opened
    other screens. The dialog now says so and stays, with every field as it was."""
    from annotator.tui.screens.import_file import ImportModal

    app = _app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("i")
        modal = app.screen
        assert isinstance(modal, ImportModal)
        modal.query_one("#import-url", Input).value = "https://news.example/x"
        modal.query_one("#import-path", Input).value = str(tmp_path / "nope" / "missing.md")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is modal
        assert modal.query_one("#import-url", Input).value == "https://news.example/x"
        assert modal.query_one("#import-path", Input).value.endswith("missing.md")
        said = [str(n.message) for n in app._notifications]
        assert any("not found" in m and "missing.md" in m for m in said), said
        await pilot.press("enter")  # Enter in the path field: the same
        await pilot.pause()
        assert app.screen is modal and store.list_articles() == []
