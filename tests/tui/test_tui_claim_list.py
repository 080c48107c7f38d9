"""The claim list explains itself: column headers, verdicts in full words where the list
is wide enough, short forms (spelled out in the key sheet) where it is not."""

from __future__ import annotations

import pytest
from textual.color import Color
from textual.content import Content
from textual.widgets import Static

from annotator.store import Store
from annotator.tui.app import AnnotatorApp
from annotator.tui.widgets.claim_list import HEADERS, ClaimList, ClaimsPane
from annotator.tui.widgets.details import DetailsPanel
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


async def test_an_editors_list_gives_a_disputed_claim_no_reviewers_verdict() -> None:
    """Walked as the editor: a claim ana graded supported and bob mostly-supported read
    "mostly-supported ... disputed" in her list (bob's, the latest grade, as if it were
    the claim's), and ``verdict:mostly`` found it. The report and the Markdown export
    were fixed for this; the list now reads "disputed" in the verdict column until a
    final verdict settles it, and a verdict search does not take one reviewer's word.
    A reviewer who graded it still sees their own verdict beside the flag."""
    app = _app()
    store = app.store
    article = store.list_articles()[0].id
    claims = store.claims(article)
    store.grade_claim(claims[0].id, "contradicted", reviewer="bob")  # ann: mostly-supported
    editor = app_as(store, "ed", editor=True, article_id=article)
    async with editor.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        row = _lines(editor)[1][0].split()
        assert row[1] == "disputed" and "contradicted" not in row and "mostly-supported" not in row
        assert row.count("disputed") == 1
        assert editor.screen.title == "annotator · ed · 2/" + editor.screen.title.split("/")[1]
        await pilot.press("slash", *"verdict:contra", "enter")
        await pilot.pause()
        assert claims[0].id not in [c.id for c in editor.screen.visible_claims]
    async with app.run_test(size=(120, 35)) as pilot:  # ann graded it: her verdict
        await pilot.pause()
        row = _lines(app)[1][0].split()
        assert row[1] == "mostly-supported" and "disputed" in row


def _contrast(a: Color, b: Color) -> float:
    def luminance(c: Color) -> float:
        def channel(v: int) -> float:
            s = v / 255
            return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_every_verdict_is_readable_on_the_theme_in_force(theme: str) -> None:
    """Walked in tmux on textual-light: "mixed" in gold and "mostly-supported" in
    chartreuse on the light grey list (about 1.1:1), unreadable; on the dark theme green
    was 3:1. Each verdict word keeps at least 4.5:1 (WCAG AA) on the list's background."""
    store = Store.memory()
    article = store.import_article(
        sample_text(), title="MDMA", reviewer="ann", proposals=sample_claims()
    )
    claims = store.claims(article.id)
    keys = store.scales.verdict.keys
    for claim, key in zip(claims, keys, strict=False):
        store.grade_claim(claim.id, key, reviewer="ann")
    app = app_as(store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = theme
        await pilot.pause()
        rows = app.screen.query_one(ClaimList)
        background = rows.background_colors[1]
        for i in range(len(keys)):
            prompt = rows.get_option_at_index(i).prompt
            assert isinstance(prompt, Content)
            span = next(s for s in prompt.spans if "bold" in str(s.style))
            if i == rows.highlighted:  # the highlight's own text colour, on its own colour
                assert str(span.style) == "bold", theme
                continue
            colour = Color.parse(str(span.style).split()[-1])
            assert _contrast(colour, background) >= 4.5, (theme, keys[i], span.style)
        # The details panel's grade line too ("ann: Mixed"), on the panel's background.
        panel = app.screen.query_one(DetailsPanel)
        for i in range(len(keys)):
            rows.highlighted = i
            await pilot.pause()
            if i:  # the line left keeps its verdict's colour again
                before = rows.get_option_at_index(i - 1).prompt
                assert isinstance(before, Content)
                assert any(str(s.style).startswith("bold #") for s in before.spans)
            shown = panel.render()
            assert isinstance(shown, Content)
            span = next(s for s in shown.spans if str(s.style).startswith("bold #"))
            colour = Color.parse(str(span.style).split()[-1])
            assert _contrast(colour, panel.background_colors[1]) >= 4.5, (theme, keys[i])
