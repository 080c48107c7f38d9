"""80x24 first: every dialog whole on an 80x24 terminal, with nothing below its fold,
and the footer of each mode of the review screen uncut."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from annotator.app.library import add_citation
from annotator.store import Store
from annotator.tui.app import AnnotatorApp
from annotator.tui.screens.review import ReviewScreen
from tests.tui_apps import app_as
from tests.tui_fixture import sample_claims, sample_text

SIZE = (80, 24)


def _app() -> AnnotatorApp:
    store = Store.memory()
    article = store.import_article(
        sample_text(), title="MDMA", reviewer="ann", proposals=sample_claims()
    )
    store.grade_claim(store.claims(article.id)[0].id, "mixed", reviewer="ann")
    return app_as(store)


def _inside(widget: Widget) -> bool:
    region = widget.region
    return (
        region.width > 0
        and region.x >= 0
        and region.y >= 0
        and region.right <= SIZE[0]
        and (region.bottom <= SIZE[1])
    )


@pytest.mark.parametrize(
    "keys",
    [
        ["g"],  # grade: certainty, reasons, rationale
        ["c"],  # citation picker
        ["e"],  # label
        ["n"],  # note
        ["m"],  # merge, asked first
        ["h"],  # history
        ["E"],  # export
        ["escape", "i"],  # import
        ["escape", "d"],  # delete an article, asked first
    ],
)
async def test_each_dialog_is_whole_at_80x24(
    keys: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the import dialog's tree: a small folder
    app = _app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        dialog = app.screen.query_one(".dialog", Vertical)
        assert dialog.max_scroll_y == 0, f"{keys}: the dialog scrolls, hiding a field"
        assert _inside(dialog), keys
        shown = [
            w
            for w in dialog.query("*")
            if all(n.display for n in w.ancestors_with_self if isinstance(n, Widget))
        ]
        assert shown and all(_inside(w) for w in shown), keys


async def test_the_grade_dialog_shows_all_reasons_and_the_rationale() -> None:
    app = _app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        reasons = app.screen.query_one("#grade-reasons")
        assert reasons.region.height >= 8 and reasons.max_scroll_y == 0
        note = app.screen.query_one("#grade-note")
        assert _inside(note) and note.region.height == 3


def _footer_keys(app: AnnotatorApp) -> list[str]:
    footer = app.screen.query_one(Footer)
    return [str(k.key_display) for k in footer.query(FooterKey)]


async def test_the_footer_fits_80_columns_in_each_mode() -> None:
    app = _app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        footer = review.query_one(Footer)
        assert footer.virtual_size.width <= SIZE[0]
        # Marking a span: the text's keys and the app's, not the review keys beside them.
        await pilot.press("v", *"pituitary gland", "enter")
        await pilot.pause()
        assert review.check_action("verdict", (1,)) is False
        assert footer.virtual_size.width <= SIZE[0]
        assert not review.check_action("next_claim", ())
        before = review.store.current_verdicts(review.article_id)
        await pilot.press("1")  # no verdict for a claim out of view mid-marking
        assert review.store.current_verdicts(review.article_id) == before
        await pilot.press("escape")
        await pilot.pause()
        assert review.check_action("verdict", (1,))


async def test_a_long_history_scrolls_inside_its_dialog() -> None:
    app = _app()
    store = app.store
    first = store.claims(store.list_articles()[0].id)[0]
    for i in range(30):
        store.grade_claim(first.id, ("mixed", "supported")[i % 2], reviewer="ann", note=f"n{i}")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        dialog = app.screen.query_one(".dialog", Vertical)
        events = app.screen.query_one("#history-events")
        assert dialog.max_scroll_y == 0 and events.max_scroll_y > 0
        assert _inside(app.screen.query_one(".hint"))


async def test_the_citation_picker_with_many_hits_stays_whole() -> None:
    from annotator.sources.identifiers import citation_from_doi

    app = _app()
    for i in range(30):
        add_citation(app.store, citation_from_doi(f"10.1000/trial{i:02d}"), reviewer="ann")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c", *"trial")
        await pilot.pause()
        dialog = app.screen.query_one(".dialog", Vertical)
        results = app.screen.query_one("#picker-results")
        assert results.max_scroll_y > 0  # the hits scroll, not the dialog
        assert dialog.max_scroll_y == 0 and _inside(app.screen.query_one("#picker-hint"))


async def test_marking_a_span_at_80x24_gives_the_text_room() -> None:
    """Walked in tmux at 80x24: v (add a claim) left the article two lines between the
    claim list, the grade panel and the word finder, so the words being marked were
    mostly out of sight. While a span or split point is marked, the text takes the room;
    after, the three regions are as they were."""
    from annotator.tui.widgets.article_view import ArticleView

    app = _app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        before = view.region.height
        await pilot.press("v", *"photo credit")
        await pilot.pause()
        assert view.region.height >= 10
        await pilot.press("enter")
        await pilot.pause()
        assert view.mode == "span" and view.region.height >= 10
        await pilot.press("escape")
        await pilot.pause()
        assert view.mode == "" and view.region.height == before
        await pilot.press("s")
        await pilot.pause()
        assert view.mode == "split" and view.region.height >= 10
        await pilot.press("escape")
        await pilot.pause()
        assert view.region.height == before


async def test_the_articles_screen_says_how_to_open_one() -> None:
    """Walked in tmux: the articles screen's footer, key sheet and palette named Import,
    Delete, Assign ... but not Enter: the focused list's own Enter hid the screen's Open,
    so a new user was not told how to open an article."""
    from annotator.tui.screens.home import HomeScreen
    from annotator.tui.screens.key_sheet import sheet_rows

    app = _app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert "⏎" in _footer_keys(app) or "enter" in _footer_keys(app)
        rows = [row for rows in sheet_rows(home).values() for row in rows]
        assert any(what == "Review the highlighted article" for _key, what in rows), rows
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
