"""Two reviewers on one file: an open review screen follows what the other one changed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.app.importing import import_new_version
from annotator.model import ProposedClaim
from annotator.store import Store
from annotator.tui.screens.review import ReviewScreen
from annotator.tui.widgets.article_view import ArticleView
from annotator.tui.widgets.details import DetailsPanel
from tests.tui_apps import app_as

OLD = "The trial cut heart attacks by 11% in five years. Bleeding rose by 43% overall."
NEW = "The trial cut heart attacks by 9% in five years. Bleeding rose by 43% overall."


@pytest.fixture
def two(tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    """Bob's connection (the screen's) and Ana's, to one desk file."""
    path = tmp_path / "desk.db"
    ana = Store.open(path)
    first = OLD.index(". ") + 1
    ana.import_article(
        OLD,
        title="Aspirin",
        reviewer="ana",
        proposals=[
            ProposedClaim(0, first, OLD[:first], "11% fewer heart attacks", 0.9),
            ProposedClaim(first + 1, len(OLD), OLD[first + 1 :], "43% more bleeding", 0.8),
        ],
    )
    bob = Store.open(path)
    yield bob, ana
    bob.close()
    ana.close()


async def test_a_verdict_is_never_given_to_words_the_screen_did_not_show(
    two: tuple[Store, Store],
) -> None:
    """Walked with two reviewers: Ana imported the corrected article (11% became 9%)
    while Bob's review screen was open. Bob's screen kept the old text, so he read
    "11%", pressed 1, and his verdict was stored as a fresh judgment of "9%" (the
    correction's stale marks were on the others' grades, not his). Now the key finds
    the new version first: the screen reads the article again, says so, and grades
    nothing until Bob has seen the new words."""
    bob, ana = two
    article = bob.list_articles()[0].id
    app = app_as(bob, "bob", article_id=article)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert "11%" in review.query_one(ArticleView).text
        import_new_version(ana, article, NEW, reviewer="ana")
        await pilot.press("1")
        await pilot.pause()
        claim = review.current
        assert claim is not None and "9%" in claim.text
        assert bob.grades_for(claim.id) == []
        assert review.query_one(ArticleView).text == NEW
        assert "9%" in str(review.query_one(DetailsPanel).render())
        notices = [n.message for n in app._notifications]
        assert any("new version" in m for m in notices), notices
        await pilot.press("1")  # now seen: the verdict is his
        await pilot.pause()
        assert [g.verdict for g in bob.grades_for(claim.id)] == ["supported"]


async def test_a_split_never_cuts_the_new_text_at_the_old_texts_offset(
    two: tuple[Store, Store],
) -> None:
    """The split point is an offset into the text the screen shows: taken to a text
    that changed under it, it would cut the new words in the wrong place."""
    bob, ana = two
    article = bob.list_articles()[0].id
    app = app_as(bob, "bob", article_id=article)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("s", "right")
        import_new_version(ana, article, "Now: " + NEW, reviewer="ana")
        await pilot.press("enter")
        await pilot.pause()
        assert len(bob.claims(article)) == 2  # nothing split
        assert app.screen.query_one(ArticleView).text == "Now: " + NEW


async def test_the_screen_shows_what_the_other_reviewer_did_without_a_key(
    two: tuple[Store, Store],
) -> None:
    """An editor's final verdict, a new version: an open screen learns of them by itself
    (it looks at the log's last event now and then), not only at Bob's next key."""
    bob, ana = two
    article = bob.list_articles()[0].id
    app = app_as(bob, "bob", article_id=article, editor=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        claim = bob.claims(article)[0]
        ana.grade_claim(claim.id, "mixed", reviewer="ana")
        review.look_outside()
        await pilot.pause()
        assert "ana: Mixed" in str(review.query_one(DetailsPanel).render())
        import_new_version(ana, article, NEW, reviewer="ana")
        review.look_outside()
        await pilot.pause()
        assert review.query_one(ArticleView).text == NEW
