"""Claim memory in the review screen: "Checked before", reuse keys, orphaned claims."""

from __future__ import annotations

from typing import Any

from textual.message import Message
from textual.notifications import Notify

from annotator.app.importing import import_new_version
from annotator.app.library import add_citation
from annotator.app.linking import link_evidence
from annotator.sources.identifiers import citation_from_doi
from annotator.store import Store
from annotator.tui.app import AnnotatorApp, Settings, make_app
from annotator.tui.screens.review import ReviewScreen
from annotator.tui.screens.similar_picker import SimilarPickerModal
from annotator.tui.widgets.article_view import ArticleView
from annotator.tui.widgets.claim_list import ClaimList
from annotator.tui.widgets.details import DetailsPanel
from annotator.tui.widgets.similar_panel import SimilarPanel
from tests.conftest import fake_clock
from tests.memory_texts import FIRST, sentences

SECOND = (
    "Another [bold]site[/]\n"
    "PTSD symptoms fell by more than 50 percent at six-month follow-ups with MDMA therapy.\n"
    "MDMA-assisted therapy cuts PTSD symptoms by over 30% at 6-month follow-ups.\n"
)


def add(store: Store, text: str, title: str) -> int:
    return store.import_article(text, title=title, reviewer="ann", proposals=sentences(text)).id


def checked_pair(store: Store) -> tuple[int, int, int]:
    """First article's 50% claim graded with two links; the second article to review."""
    first = add(store, FIRST, "First [red]desk[/]")
    earlier = store.claims(first)[0]
    store.grade_claim(earlier.id, "mostly-supported", reviewer="ann")
    for doi, stance in (("10.1000/trial", "supports"), ("10.1000/review", "mixed")):
        citation, _ = add_citation(store, citation_from_doi(doi), reviewer="ann")
        link_evidence(store, earlier.id, citation.id, stance, reviewer="ann", locator="table 2")
    second = add(store, SECOND, "Second")
    return first, earlier.id, second


def _app(store: Store, article_id: int) -> AnnotatorApp:
    # An editor, who sees earlier verdicts under blind review (tests/tui/test_tui_blind.py
    # holds what a reviewer sees).
    settings = Settings(reviewer="bea", editor=True, article_id=article_id, cursor_blink=False)
    return make_app(store, settings)


def _review(app: AnnotatorApp) -> ReviewScreen:
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


async def test_panel_shows_the_match_and_the_near_miss(store: Store) -> None:
    _, earlier, second = checked_pair(store)
    app = _app(store, second)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(SimilarPanel)
        assert panel.display
        shown = str(panel.render())
        assert "Checked before" in shown and "mostly supported" in shown.lower()
        assert f"claim {earlier} in “First [red]desk[/]”" in shown  # markup shown as text
        assert "2 sources" in shown and "same numbers" in shown
        await pilot.press("j")
        await pilot.pause()
        shown = str(panel.render())
        assert "near miss" in shown and "30%" in shown and "50%" in shown


async def test_u_copies_links_of_the_best_match_and_ctrl_z_takes_them_back(
    store: Store,
) -> None:
    _, earlier, second = checked_pair(store)
    target = store.claims(second)[0]
    said: list[str] = []

    def hook(message: Message) -> None:
        if isinstance(message, Notify):
            said.append(str(message.notification.message))

    app = _app(store, second)
    async with app.run_test(size=(120, 36), message_hook=hook) as pilot:
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        links = store.evidence_for(target.id)
        assert [(e.stance, e.locator) for e in links] == [
            ("supports", "table 2"),
            ("mixed", "table 2"),
        ]
        assert all(e.note.startswith(f"reused from claim {earlier}") for e in links)
        assert all(e.reviewer == "bea" for e in links)
        assert store.grades_for(target.id) == []  # links only, never the verdict
        assert any(
            "Copied 2 evidence links" in m and f"claim {earlier}" in m and "First [red]" in m
            for m in said
        )
        assert "Evidence (2)" in str(app.screen.query_one(DetailsPanel).render())
        await pilot.press("u")  # the same links again: nothing new
        await pilot.pause()
        assert len(store.evidence_for(target.id)) == 2
        assert any("Nothing new" in m for m in said)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert store.evidence_for(target.id) == []
        assert len(store.evidence_for(earlier)) == 2


async def test_u_never_copies_from_a_near_miss(store: Store) -> None:
    _, _, second = checked_pair(store)
    near = store.claims(second)[1]
    app = _app(store, second)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("j", "u")
        await pilot.pause()
        assert _review(app).current == near
        assert store.evidence_for(near.id) == []


async def test_shift_u_chooses_among_matches_and_near_misses(store: Store) -> None:
    _, earlier, second = checked_pair(store)
    near = store.claims(second)[1]
    app = _app(store, second)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("j", "U")
        await pilot.pause()
        assert isinstance(app.screen, SimilarPickerModal)
        await pilot.press("escape")
        await pilot.pause()
        assert store.evidence_for(near.id) == []
        await pilot.press("U", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        links = store.evidence_for(near.id)
        assert len(links) == 2 and f"claim {earlier}" in links[0].note


async def test_palette_and_help_list_the_reuse_keys(store: Store) -> None:
    from annotator.tui.commands import palette_entries
    from annotator.tui.screens.key_sheet import KeySheetModal

    _, _, second = checked_pair(store)
    app = _app(store, second)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        entries = {title: key for title, key, *_ in palette_entries(app.screen)}
        assert entries["evidence: reuse links of best match"] == "u"
        assert entries["evidence: reuse links of chosen match"] == "U"
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, KeySheetModal)
        cite = dict(app.screen.groups["cite"])
        assert "u" in cite and "U" in cite and "best earlier match" in cite["u"]


async def test_no_panel_without_an_earlier_check(store: Store) -> None:
    article = add(store, FIRST, "First")
    app = _app(store, article)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one(SimilarPanel).display
        await pilot.press("u")
        await pilot.pause()
        assert store.evidence_for(store.claims(article)[0].id) == []


async def test_orphaned_claims_are_listed_but_not_marked(store: Store) -> None:
    article = add(store, FIRST, "First")
    new = FIRST.replace("MDMA triggers the release of oxytocin.\n", "")
    new += "A later paragraph that now sits where the old sentence was in the text.\n"
    report = import_new_version(store, article, new, reviewer="ann")
    (orphan,) = report.orphaned
    app = _app(store, article)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        review = _review(app)
        review.select_claim(orphan.id)
        await pilot.pause()
        i = [c.id for c in review.visible_claims].index(orphan.id)
        prompt = review.query_one(ClaimList).get_option_at_index(i).prompt
        assert "orphaned" in str(prompt)
        view = review.query_one(ArticleView)
        assert view._marks.current is None  # the current claim is not highlighted
        assert all(c.id != orphan.id for c in view._claims_in(0, len(view.text)))
        assert "orphaned" in str(review.query_one(DetailsPanel).render())


class TestSimilarSnapshot:
    def test_checked_before_panel(self, snap_compare: Any) -> None:
        """A claim with an earlier match (verdict, sources, article, reason) and a near miss."""
        store = Store.memory(clock=fake_clock())
        _, _, second = checked_pair(store)
        store.grade_claim(store.claims(second)[1].id, "contradicted", reviewer="ann")
        app = _app(store, second)
        assert snap_compare(app, terminal_size=(120, 36))
