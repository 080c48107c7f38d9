"""The citation picker through the pilot: it links the source typed, never a look-alike."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Label, OptionList

from annotator.app.library import add_citations
from annotator.model import Citation, CitationKind
from annotator.sources.library_import import read_citation_file
from annotator.store import Store
from annotator.tui.app import AnnotatorApp
from annotator.tui.screens.citation_picker import CitationPickerModal
from annotator.tui.screens.review import ReviewScreen
from tests.conftest import REAL_DIR
from tests.tui_apps import app_as

TEXT = "A trial found that 56% of patients improved. Another said 12% got worse."


@pytest.fixture
def desk(store: Store) -> tuple[Store, int]:
    """The issue's set-up: the real RIS export imported, one article with claims."""
    path = REAL_DIR / "export.ris"
    if not path.exists():
        pytest.skip(f"the shared real files are absent here ({path})")
    add_citations(store, list(read_citation_file(path, "ris").citations), reviewer="ann")
    return _with_article(store)


def _with_article(store: Store) -> tuple[Store, int]:
    """One article with its proposed claims, beside the library imported."""
    from annotator.text.proposer import propose_claims

    article = store.import_article(
        TEXT, title="t", reviewer="ann", proposals=propose_claims(TEXT, threshold=0.0)
    )
    return store, article.id


def _app(store: Store, article_id: int) -> AnnotatorApp:
    return app_as(store, article_id=article_id)


def _by_author(store: Store, surname: str) -> Citation:
    """The library's source whose first author is ``surname``."""
    return next(c for c in store.list_citations() if c.authors[0].startswith(surname))


async def _open_picker(pilot: object) -> None:
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.press("c")  # type: ignore[attr-defined]


async def _type(app: AnnotatorApp, pilot: object, text: str) -> None:
    app.screen.query_one("#picker-search", Input).value = text
    await pilot.pause()  # type: ignore[attr-defined]


async def test_a_pasted_doi_not_in_the_library_links_a_new_source(
    desk: tuple[Store, int],
) -> None:
    store, article_id = desk
    before = {c.id for c in store.list_citations()}
    claim = store.claims(article_id)[0]
    app = _app(store, article_id)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_picker(pilot)
        assert isinstance(app.screen, CitationPickerModal)
        await _type(app, pilot, "10.1056/NEJMoa1707914")
        results = app.screen.query_one("#picker-results", OptionList)
        assert results.highlighted == 0
        assert "+ new source" in str(results.get_option_at_index(0).prompt)
        await pilot.press("enter")
        chosen = str(app.screen.query_one("#picker-chosen", Label).render())
        assert "new source" in chosen and "doi:10.1056/nejmoa1707914" in chosen
        await pilot.press("s", "enter", "enter")
        assert isinstance(app.screen, ReviewScreen)
    [link] = store.evidence_for(claim.id)
    assert link.citation_id not in before
    assert store.get_citation(link.citation_id).doi == "10.1056/nejmoa1707914"


async def test_a_reference_of_another_paper_by_the_same_author_and_year(
    desk: tuple[Store, int],
) -> None:
    store, article_id = desk
    rudnik = _by_author(store, "Rudnik")
    claim = store.claims(article_id)[0]
    app = _app(store, article_id)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_picker(pilot)
        await _type(
            app,
            pilot,
            "Rudnik A, Piotrowicz G. Coping styles and anxiety in ulcerative colitis: a "
            f"cross-sectional survey. Prz Gastroenterol. {rudnik.year};14(4):250-258.",
        )
        results = app.screen.query_one("#picker-results", OptionList)
        rows = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
        assert results.highlighted == 0 and rows[0].startswith("+ new source")
        assert any("Rudnik" in r and "possibly the same" in r for r in rows[1:])
        await pilot.press("enter")
        chosen = str(app.screen.query_one("#picker-chosen", Label).render())
        assert "Rudnik, A; Piotrowicz, G" in chosen and "Coping styles" in chosen
        await pilot.press("m", "enter", "enter")
    [link] = store.evidence_for(claim.id)
    assert link.citation_id != rudnik.id
    assert store.get_citation(link.citation_id).title.startswith("Coping styles")


async def test_a_doi_in_the_library_links_that_entry(desk: tuple[Store, int]) -> None:
    store, article_id = desk
    held = next(c for c in store.list_citations() if c.doi)
    claim = store.claims(article_id)[0]
    app = _app(store, article_id)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_picker(pilot)
        await _type(app, pilot, f"doi: {held.doi.upper()}")
        await pilot.press("enter")
        chosen = str(app.screen.query_one("#picker-chosen", Label).render())
        assert f"library source {held.id}" in chosen and held.authors[-1] in chosen
        await pilot.press("s", "enter", "enter")
    [link] = store.evidence_for(claim.id)
    assert link.citation_id == held.id
    assert len(store.list_citations()) == 6  # nothing added


@pytest.fixture
def real_desk(store: Store) -> tuple[Store, int]:
    """Every real export imported (Abbas: "posttraumatic ... myocardial", behind a long
    Scopus address; Adler: "posttraumatic" only), one article with claims."""
    for name, fmt in (("export.ris", "ris"), ("export-endnote-excerpt.ris", "ris"),
                      ("csl.json", "csl-json")):  # fmt: skip
        path = REAL_DIR / name
        if not path.exists():
            pytest.skip(f"the shared real files are absent here ({path})")
        add_citations(store, list(read_citation_file(path, fmt).citations), reviewer="ann")
    return _with_article(store)


async def test_enter_links_the_source_holding_every_word_typed(
    real_desk: tuple[Store, int],
) -> None:
    store, article_id = real_desk
    abbas = _by_author(store, "Abbas")
    claim = store.claims(article_id)[0]
    app = _app(store, article_id)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_picker(pilot)
        await _type(app, pilot, "posttraumatic myocardial")
        results = app.screen.query_one("#picker-results", OptionList)
        rows = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
        assert results.highlighted is not None
        assert "Abbas" in rows[results.highlighted], rows
        assert any("Adler" in r for r in rows[results.highlighted + 1 :]), rows
        await pilot.press("enter")
        chosen = str(app.screen.query_one("#picker-chosen", Label).render())
        assert f"library source {abbas.id}" in chosen, chosen
        await pilot.press("s", "enter", "enter")
        assert isinstance(app.screen, ReviewScreen)
    [link] = store.evidence_for(claim.id)
    assert link.citation_id == abbas.id


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_the_chosen_source_is_shown_whole_before_the_stance(
    store: Store, size: tuple[int, int]
) -> None:
    """Walked at 120x36 and 80x24: after Enter took "Zheng & Roddick (2019) Association
    of Aspirin Use for Primary Prevention With Cardiovascular Events and Bleeding
    Events...", the stance step showed "...Events and Bl" (80x24: "...in the He" and the
    authors cut after the fifth): the reference ran past the dialog on one line each and
    was clipped mid-word, so the checker could not confirm the paper before linking it."""
    title = (
        "Association of Aspirin Use for Primary Prevention With Cardiovascular Events and"
        " Bleeding Events: A Systematic Review and Meta-analysis"
    )
    authors = tuple(f"Author{i}, Given{i}" for i in range(9))
    add_citations(
        store,
        [
            Citation(
                kind=CitationKind.DOI, doi="10.1001/jama.2018.20578", title=title, authors=authors
            )
        ],
        reviewer="ann",
    )
    store, article = _with_article(store)
    app = _app(store, article)
    async with app.run_test(size=size) as pilot:
        await _open_picker(pilot)
        await _type(app, pilot, "aspirin primary prevention")
        await pilot.press("enter")
        await pilot.pause()
        chosen = app.screen.query_one("#picker-chosen", Label)
        dialog = app.screen.query_one("#picker-dialog")
        assert chosen.region.right <= dialog.content_region.right
        lines = chosen.render_lines(chosen.region.reset_offset)
        shown = " ".join("".join(s.text for s in line).strip() for line in lines)
        assert "Meta-analysis" in " ".join(shown.split()), shown
        assert "Author8" in shown, shown
