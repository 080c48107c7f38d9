"""The review screen through Textual's pilot: keys change the store; text stays data."""

from __future__ import annotations

from annotator.segment import propose_claims
from annotator.store import Store
from annotator.tui.app import Settings, make_app
from annotator.tui.screens.review import ReviewScreen
from annotator.tui.widgets.article_view import ArticleView
from annotator.tui.widgets.details import DetailsPanel

from .conftest import SAMPLE_ARTICLE

MARKUP_TEXT = (
    "Officials said [bold red]costs[/] rose 40% in 2020 [link=http://x]here[/link]. "
    "A second claim says \x1b[31mdeaths\x1b[0m fell by 12% in 2021."
)


def _import(store: Store, text: str) -> int:
    return store.import_article(text, title="t", reviewer="ann", proposals=propose_claims(text)).id


def _settings() -> Settings:
    return Settings(reviewer="ann", cursor_blink=False)


async def test_keys_move_and_grade(store: Store) -> None:
    article_id = _import(store, SAMPLE_ARTICLE.read_text(encoding="utf-8"))
    claims = store.claims(article_id)
    app = make_app(store, _settings())
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("j", "j")
        assert app.screen.current is not None and app.screen.current.id == claims[2].id
        await pilot.press("k")
        await pilot.press("2")
        assert [g.verdict for g in store.grades_for(claims[1].id)] == ["mostly-supported"]
        await pilot.press("x")
        assert store.get_claim(claims[1].id).status == "dismissed"
        await pilot.press("ctrl+z")
        assert store.get_claim(claims[1].id).status == "proposed"
        await pilot.press("0")
        assert store.grades_for(claims[1].id)[0].verdict == "not-checkable"


async def test_reopening_returns_to_the_same_claim(store: Store) -> None:
    article_id = _import(store, SAMPLE_ARTICLE.read_text(encoding="utf-8"))
    claims = store.claims(article_id)
    async with make_app(store, _settings()).run_test() as pilot:
        await pilot.press("j", "j", "j")
    app = make_app(store, _settings())
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.screen.current.id == claims[3].id  # type: ignore[attr-defined]


async def test_markup_and_escapes_in_article_text_show_literally(store: Store) -> None:
    _import(store, MARKUP_TEXT)
    app = make_app(store, _settings())
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        shown = " ".join(str(w.render()) for w in app.screen.query_one(ArticleView).query("Static"))
        assert "[bold red]costs[/]" in shown
        assert "[link=http://x]here[/link]" in shown
        assert "\x1b" not in shown and "␛[31mdeaths" in shown
        details = str(app.screen.query_one(DetailsPanel).render())
        assert "[bold red]" in details


async def test_label_edit_through_the_prompt(store: Store) -> None:
    article_id = _import(store, SAMPLE_ARTICLE.read_text(encoding="utf-8"))
    first = store.claims(article_id)[0]
    app = make_app(store, _settings())
    async with app.run_test() as pilot:
        await pilot.press("e")
        await pilot.pause()
        field = app.screen.query_one("#prompt-input")
        field.value = "Nothing else worked [for veterans]"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
    assert store.get_claim(first.id).label == "Nothing else worked [for veterans]"
