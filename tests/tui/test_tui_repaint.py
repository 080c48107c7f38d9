"""Key presses repaint only what changed; the screen must still equal a full redraw.

The review screen skips work to stay fast: the article repaints only the lines whose
marks changed, the details panel repaints without a layout when it still fits, and a
grade redraws one line of the claim list. Each test compares what is on screen after
such key presses with what a full layout and redraw of every widget gives.
"""

from __future__ import annotations

import pytest
from textual.content import Content
from textual.pilot import Pilot
from textual.strip import Strip

from annotator.app.library import add_citation
from annotator.app.linking import link_evidence
from annotator.model import Claim, ClaimStatus, Origin
from annotator.scales import default_scales
from annotator.sources.identifiers import citation_from_doi
from annotator.store import Store
from annotator.text.proposer import propose_claims
from annotator.tui.app import AnnotatorApp, Settings, make_app
from annotator.tui.widgets.claim_list import ClaimList, claim_prompt
from annotator.tui.widgets.similar_panel import SimilarPanel
from tests.conftest import SAMPLE_ARTICLE, fake_clock
from tests.tui.test_tui_memory import FIRST, SECOND, add
from tests.tui_apps import app_as


def _cells(strip: Strip) -> list[tuple[str, str]]:
    return [(char, str(seg.style)) for seg in strip for char in seg.text]


def _screen(app: AnnotatorApp) -> list[list[tuple[str, str]]]:
    """What the screen shows, composed from each widget's painted lines."""
    return [_cells(strip) for strip in app.screen._compositor.render_strips()]


async def _redrawn(app: AnnotatorApp, pilot: Pilot[None]) -> list[list[tuple[str, str]]]:
    for widget in app.screen.walk_children(with_self=True):
        widget.refresh(layout=True)
    app.screen.refresh(layout=True)
    await pilot.pause()
    return _screen(app)


def _store() -> tuple[Store, list[Claim]]:
    store = Store.memory()
    text = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    article = store.import_article(
        text, title="MDMA", reviewer="ann", proposals=propose_claims(text)
    )
    claims = store.claims(article.id)
    # Details of different heights: evidence with a quote, a long note, nothing.
    citation, _ = add_citation(store, citation_from_doi("10.1056/NEJMoa2032994"), reviewer="ann")
    link_evidence(
        store,
        claims[1].id,
        citation.id,
        "mixed",
        reviewer="ann",
        quote="small trials",
        locator="p. 3",
    )
    store.set_claim_note(claims[3].id, "check the dose " * 30, reviewer="ann")
    return store, claims


@pytest.mark.parametrize("size", [(100, 30), (200, 50), (80, 24)])
async def test_screen_after_keys_equals_a_full_redraw(size: tuple[int, int]) -> None:
    store, _ = _store()
    app = app_as(store)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key in ["j", "j", "2", "j", "j", "k", "x", "j", "3", "k", "k", "k", "j", "j", "j"]:
            await pilot.press(key)
            await pilot.pause()
            shown = _screen(app)
            assert shown == await _redrawn(app, pilot), f"stale paint after {key!r}"


@pytest.mark.parametrize("size", [(120, 36), (200, 50)])
async def test_screen_equals_a_full_redraw_as_checked_before_comes_and_goes(
    size: tuple[int, int],
) -> None:
    """The details panel shares its region with "Checked before" on some claims only."""
    store = Store.memory(clock=fake_clock())
    first = add(store, FIRST, "First")
    earlier = store.claims(first)[0]
    store.grade_claim(earlier.id, "mostly-supported", reviewer="ann")
    citation, _ = add_citation(store, citation_from_doi("10.1000/trial"), reviewer="ann")
    link_evidence(store, earlier.id, citation.id, "supports", reviewer="ann")
    second = add(store, SECOND + "Cats purr at 25 Hz, a 1990 survey found.\n", "Second")
    settings = Settings(reviewer="bea", article_id=second, cursor_blink=False)
    app = make_app(store, settings)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        panel_shown = set()
        for key in ["j", "j", "k", "k", "j", "j", "2", "k", "k", "3"]:
            await pilot.press(key)
            await pilot.pause()
            panel_shown.add(app.screen.query_one(SimilarPanel).display)
            shown = _screen(app)
            assert shown == await _redrawn(app, pilot), f"stale paint after {key!r}"
        assert panel_shown == {True, False}


def _claim(label: str, status: ClaimStatus) -> Claim:
    return Claim(1, 1, 0, 4, "text", label, 0.5, (), status, Origin.AUTO)


def test_prompt_is_one_line_with_its_styles() -> None:
    scale = default_scales().verdict
    dismissed = claim_prompt(_claim("[b]x[/b] \x1b", ClaimStatus.DISMISSED), "mixed", scale, 2)
    # The verdict column is as wide as the longest level of the scale, "mostly-supported".
    assert dismissed.plain == "✗ mixed             0.50  2§ [b]x[/b] ␛"
    styles = {(s.start, s.end, str(s.style)) for s in dismissed.spans}
    assert (2, 19, "dim") in styles and (19, 29, "dim") in styles
    assert (29, len(dismissed.plain), "dim strike") in styles
    ungraded = claim_prompt(_claim("", ClaimStatus.PROPOSED), "", scale, 0)
    assert ungraded.plain == "· ungraded          0.50  0§ "


async def test_claim_list_measures_lines_as_option_list_does(store: Store) -> None:
    text = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    article = store.import_article(text, title="t", reviewer="ann", proposals=propose_claims(text))
    first = store.claims(article.id)[0]
    app = app_as(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        claim_list = app.screen.query_one(ClaimList)
        fast = list(claim_list._lines)
        claim_list._line_cache.clear()
        super(ClaimList, claim_list)._update_lines()  # OptionList's own measuring
        assert fast == list(claim_list._line_cache.lines)
        # A prompt of another height makes the list measure every option again.
        claim_list.set_prompt(0, Content("two\nlines"))
        await pilot.pause()
        assert list(claim_list._lines)[:3] == [(0, 0), (0, 1), (1, 0)]
        claim_list.set_prompt(0, claim_prompt(first, "", store.scales.verdict, 0))
        await pilot.pause()
        assert list(claim_list._lines)[:2] == [(0, 0), (1, 0)]
        assert claim_list.get_option_at_index(0).prompt.plain.startswith("· ungraded")
