"""The claim list explains itself: column headers, verdicts in full words where the list
is wide enough, short forms (spelled out in the key sheet) where it is not."""

from __future__ import annotations

from textual.widgets import Static

from annotator.store import Store
from annotator.tui.app import AnnotatorApp
from annotator.tui.widgets.claim_list import HEADERS, ClaimList, ClaimsPane
from tests.tui_apps import app_as
from tests.tui_fixture import sample_claims, sample_text


def _app() -> AnnotatorApp:
    store = Store.memory()
    article = store.import_article(
        sample_text(), title="MDMA", reviewer="ann", proposals=sample_claims()
    )
    claims = store.claims(article.id)
    store.grade_claim(claims[0].id, "mostly-supported", reviewer="ann")
    store.grade_claim(claims[1].id, "not-checkable", reviewer="ann")
    return app_as(store)


def _lines(app: AnnotatorApp) -> tuple[str, list[str]]:
    pane = app.screen.query_one(ClaimsPane)
    header = str(pane.query_one(".claim-header", Static).render())
    rows = pane.query_one(ClaimList)
    return header, [str(rows.get_option_at_index(i).prompt) for i in range(rows.option_count)]


async def test_full_verdict_words_under_headers_where_the_width_allows() -> None:
    for size in ((80, 24), (120, 35), (200, 50)):
        app = _app()
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            header, rows = _lines(app)
            assert header.split() == list(HEADERS), size
            assert rows[0].split()[1] == "mostly-supported", size
            assert rows[1].split()[1] == "not-checkable", size
            # Each value sits under its header.
            score = header.index("score")
            assert rows[0][score : score + 5].strip() == f"{sample_claims()[0].score:.2f}"


async def test_a_narrow_list_shortens_verdicts_and_widens_them_again() -> None:
    app = _app()
    async with app.run_test(size=(112, 35)) as pilot:  # two columns: the list is ~54 wide
        await pilot.pause()
        header, rows = _lines(app)
        assert header.split() == list(HEADERS)
        assert [rows[0].split()[1], rows[1].split()[1]] == ["mostly", "n/check"]
        label = header.index("label")
        assert rows[0][label:].startswith(sample_claims()[0].label[:10])
        await pilot.resize_terminal(130, 35)
        await pilot.pause()
        _header, rows = _lines(app)
        assert rows[0].split()[1] == "mostly-supported"
        # A grade given now shows in the width in force.
        await pilot.press("j", "3")
        await pilot.pause()
        assert _lines(app)[1][1].split()[1] == "mixed"


async def test_a_disputed_claim_says_so_until_an_editor_settles_it() -> None:
    app = _app()
    store = app.store
    claims = store.claims(store.list_articles()[0].id)
    store.grade_claim(claims[0].id, "contradicted", reviewer="bob")  # ann: mostly-supported
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        _header, rows = _lines(app)
        assert "disputed" in rows[0].split() and "disputed" not in rows[1].split()
        store.grade_claim(claims[0].id, "mixed", reviewer="ed", final=True, note="n")
        await pilot.press("r", "escape")  # back from reconciling, the list is read again
        await pilot.pause()
        assert "disputed" not in _lines(app)[1][0].split()
