"""Who checks what in the TUI: an editor assigns from the article list; a reviewer's
home shows their assignments and progress first."""

from __future__ import annotations

from textual.widgets import Input, OptionList

from annotator.config import DeskConfig
from annotator.store import Store
from annotator.tui.app import AnnotatorApp, Settings, make_app
from annotator.tui.screens.assign import AssignModal, ReviewerList
from annotator.tui.screens.home import HomeScreen
from tests.tui_fixture import sample_claims, sample_text


def _store() -> Store:
    store = Store.memory()
    for title in ("First", "Second", "Third"):
        text = f"{title}.\n\n{sample_text()}"
        store.import_article(text, title=title, reviewer="ed", proposals=[])
    store.import_article(sample_text(), title="MDMA", reviewer="ed", proposals=sample_claims())
    return store


def _app(store: Store, reviewer: str, *, editor: bool = False) -> AnnotatorApp:
    desk = DeskConfig(editors=("ed",))
    settings = Settings(reviewer=reviewer, editor=editor, cursor_blink=False, desk=desk)
    return make_app(store, settings)


def _ids(app: AnnotatorApp) -> list[int]:
    articles = app.screen.query_one("#article-list", OptionList)
    return [int(o.id) for o in articles.options if o.id]


async def test_an_editor_assigns_from_the_article_list() -> None:
    store = _store()
    store.grade_claim(store.claims(4)[0].id, "mixed", reviewer="bob")
    app = _app(store, "ed", editor=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")  # back from the article opened at start-up
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("j", "j", "j")  # on MDMA, the last article
        await pilot.press("a")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, AssignModal)
        reviewers = modal.query_one(ReviewerList)
        assert [o.value for o in reviewers._options] == ["bob", "ed"]
        await pilot.press("space")  # bob
        modal.query_one("#assign-new", Input).value = "ann, cy"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen), [n.message for n in app._notifications]
        assert [n.message for n in app._notifications] == ["Article assigned to bob, ann, cy."]
        assert [a.reviewer for a in store.assignments(article_id=4)] == ["ann", "bob", "cy"]
        prompt = str(app.screen.query_one("#article-list", OptionList).highlighted_option.prompt)
        assert "assigned: ann 0/" in prompt and "bob 1/" in prompt
        # Again: untick bob; one undo step takes it back.
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("j", "space", "enter")
        await pilot.pause()
        assert [a.reviewer for a in store.assignments(article_id=4)] == ["ann", "cy"]
    undone = store.undo(reviewer="ed")
    assert undone is not None and undone.done
    assert [a.reviewer for a in store.assignments(article_id=4)] == ["ann", "bob", "cy"]
    assert store.verify_log().intact


async def test_a_reviewer_cannot_assign_and_is_told_why() -> None:
    store = _store()
    app = _app(store, "ann")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape", "a")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("only editors assign" in n.message for n in app._notifications)
    assert store.assignments() == []


async def test_a_reviewers_home_shows_their_assignments_first_with_progress() -> None:
    store = _store()
    store.assign_article(2, ["ann"], by="ed")
    store.assign_article(4, ["ann", "bob"], by="ed")
    claims = store.claims(4)
    for claim in claims:
        store.grade_claim(claim.id, "mixed", reviewer="ann")
    app = _app(store, "ann")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        # Unfinished first, then finished, then every other article.
        assert _ids(app) == [2, 4, 1, 3]
        articles = app.screen.query_one("#article-list", OptionList)
        assert "Assigned to you (2, 1 to do)" in str(articles.border_title)
        prompts = [str(o.prompt) for o in articles.options if o.id]
        assert "assigned to you · you graded 0 of 0 claims · to do" in prompts[0]
        assert f"you graded {len(claims)} of {len(claims)} claims · done" in prompts[1]
        # A reviewer does not see who else is on an article, nor how far they got.
        assert "bob" not in " ".join(prompts)
        # The cursor is on the article open at start-up, wherever the list puts it.
        assert articles.highlighted == articles.get_option_index("1")
