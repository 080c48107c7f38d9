"""Working with evidence in the TUI: l opens the claim's links; edit, remove and undo,
the source in full, its text pasted or loaded, a quote chosen by keyboard."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.style import Style
from textual.widgets import Input, OptionList, Static, TextArea

from annotator.app.source_text import give_source_text
from annotator.model import QuoteMatch
from annotator.store import Store
from annotator.tui.app import AnnotatorApp
from annotator.tui.screens.citation_view import CitationModal
from annotator.tui.screens.evidence import EvidenceModal
from annotator.tui.screens.key_sheet import KeySheetModal
from annotator.tui.screens.link_edit import LinkEditModal
from annotator.tui.screens.quote_choice import QuoteChoiceModal
from annotator.tui.screens.review import ReviewScreen
from annotator.tui.screens.source_text import SourceTextModal
from tests.evidence_fixture import TRIAL_TEXT, evidence_store
from tests.tui_apps import app_as

SENTENCE = "MDMA-assisted therapy reduced PTSD symptoms more than placebo with therapy."


def _app(store: Store) -> AnnotatorApp:
    return app_as(store)


def _links(store: Store) -> list[tuple[int, str, str, str, str]]:
    return [
        (e.citation_id, str(e.stance), e.quote, e.locator, str(e.quote_verified))
        for e in store.evidence_for(1)
    ]


async def test_edit_stance_then_undo() -> None:
    store = evidence_store()
    before = _links(store)
    app = _app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        assert isinstance(app.screen, EvidenceModal)
        await pilot.press("e")
        assert isinstance(app.screen, LinkEditModal)
        await pilot.press("c", "enter", "enter", "enter")  # stance, quote kept, locator kept
        assert isinstance(app.screen, EvidenceModal)
        assert _links(store)[0][:4] == (1, "contradicts", "reduced PTSD symptoms", "p. 3")
        assert [e.action for e in store.events()][-1] == "edit-evidence"
        await pilot.press("ctrl+z")
        assert _links(store) == before


async def test_edit_quote_and_locator_in_one_step() -> None:
    store = evidence_store()
    app = _app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l", "e", "enter")
        app.screen.query_one("#link-edit-quote", Input).value = "Serious adverse events"
        await pilot.press("enter")
        app.screen.query_one("#link-edit-locator", Input).value = "Table 3"
        await pilot.press("enter")
        events_before = len(store.events())
        assert _links(store)[0] == (1, "supports", "Serious adverse events", "Table 3", "no-text")
        # Saved untouched: nothing recorded.
        await pilot.press("e", "ctrl+s")
        assert len(store.events()) == events_before
        # One undo takes quote and locator back together.
        await pilot.press("ctrl+z")
        assert _links(store)[0][2:4] == ("reduced PTSD symptoms", "p. 3")


async def test_remove_a_link_and_undo_it() -> None:
    store = evidence_store()
    before = store.evidence_for(1)
    app = _app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l", "j", "x")
        assert [e.citation_id for e in store.evidence_for(1)] == [1]
        options = app.screen.query_one("#evidence-links", OptionList)
        assert options.border_title == "Links (1)"
        await pilot.press("ctrl+z")
        assert store.evidence_for(1) == before
        assert options.border_title == "Links (2)"
        # Back on the review screen, the claim's source count follows.
        await pilot.press("escape", "x")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("ctrl+z")
    assert store.evidence_for(1) == before


async def test_view_a_citation_with_its_links_and_data_shown_as_data() -> None:
    store = evidence_store()
    app = _app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l", "enter")
        assert isinstance(app.screen, CitationModal)
        body = app.screen.query_one("#citation-body", Static).visual
        text = str(body)
        for shown in (
            "Mitchell, Jennifer M.; Bogenschutz, Michael; Lilienstein, Alia",
            "PMID         33972795",
            "ClinicalTrials.gov NCT03537014",
            "Randomized controlled trial",
            "Retracted    no",
            "Cited by 1 claim",
            "MDMA is being studied as a medicine",
        ):
            assert shown in " ".join(text.split()) or shown in text, shown
        links = {
            span.style.link
            for span in body.spans  # type: ignore[attr-defined]
            if isinstance(span.style, Style) and span.style.link
        }
        assert links == {
            "https://doi.org/10.1038/s41591-021-01336-3",
            "https://pubmed.ncbi.nlm.nih.gov/33972795/",
            "https://clinicaltrials.gov/study/NCT03537014",
        }
        await pilot.press("escape", "j", "enter")
        text = str(app.screen.query_one("#citation-body", Static).visual)
        # Brackets in a title are data, not markup; the retraction is said.
        assert "Psychedelic [red]therapy[/red] claims questioned" in text
        assert "RETRACTED" in text


async def test_paste_the_source_text_then_the_quote_checks() -> None:
    store = evidence_store()
    app = _app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        why = app.screen.query_one("#evidence-why", Static)
        assert "quote no-text: not checked" in str(why.visual)
        await pilot.press("t")
        assert isinstance(app.screen, SourceTextModal)
        area = app.screen.query_one(TextArea)
        app.post_message(events.Paste(TRIAL_TEXT))  # as a terminal paste arrives
        await pilot.pause()
        assert area.text == TRIAL_TEXT
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, EvidenceModal)
        assert _links(store)[0][4] == "exact"
        assert "quote exact" in str(app.screen.query_one("#evidence-why", Static).visual)
        assert store.get_citation(1).source_text == TRIAL_TEXT
        # ctrl+z here takes the text back (with the re-check), not an older change.
        await pilot.press("ctrl+z")
        assert store.get_citation(1).source_text == ""
        assert _links(store)[0][4] == "no-text" and len(_links(store)) == 2


async def test_load_the_source_text_from_a_file(tmp_path: Path) -> None:
    store = evidence_store()
    source = tmp_path / "trial.md"
    source.write_text(TRIAL_TEXT, encoding="utf-8")
    app = _app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l", "t")
        app.screen.query_one("#source-text-path", Input).value = str(tmp_path / "nope.txt")
        await pilot.press("tab", "enter")
        assert isinstance(app.screen, SourceTextModal)  # an error, stays open
        app.screen.query_one("#source-text-path", Input).value = str(source)
        await pilot.press("enter")
        assert isinstance(app.screen, EvidenceModal)
    assert _links(store)[0][4] == "exact"


async def test_choose_the_quote_by_keyboard_beside_the_claim() -> None:
    store = evidence_store()
    give_source_text(store, 1, TRIAL_TEXT, reviewer="ann")
    app = _app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l", "p")
        assert isinstance(app.screen, QuoteChoiceModal)
        claim = app.screen.query_one("#quote-claim")
        sentences = app.screen.query_one("#quote-sentences", OptionList)
        assert claim.region.right <= sentences.region.x  # side by side
        # The cursor starts on the sentence holding the current quote.
        assert sentences.highlighted == 1
        await pilot.press("k", "j", "j", "k", "enter")
        assert isinstance(app.screen, EvidenceModal)
    assert _links(store)[0] == (1, "supports", SENTENCE, "p. 3", "exact")


async def test_pick_quote_asks_for_the_text_first_when_there_is_none() -> None:
    store = evidence_store()
    app = _app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l", "p")
        assert isinstance(app.screen, SourceTextModal)
        app.screen.query_one(TextArea).text = TRIAL_TEXT
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, QuoteChoiceModal)
        await pilot.press("enter")
    assert _links(store)[0][2] == SENTENCE
    assert store.get_evidence(1).quote_verified == QuoteMatch.EXACT


async def test_the_key_sheet_of_the_links_lists_them_under_cite() -> None:
    app = _app(evidence_store())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, KeySheetModal)
        cite = dict(app.screen.groups["cite"])
        assert cite["l"].startswith("The claim's evidence links: edit stance, quote, locator")
        await pilot.press("escape", "l", "question_mark")
        assert isinstance(app.screen, KeySheetModal)
        keys = [key for key, _ in app.screen.groups["cite"]]
        assert {"e", "x", "i", "t", "p"} <= set(keys)
        assert dict(app.screen.groups["cite"])["x"].startswith("Remove the link")
        assert set(app.screen.groups) <= {"cite", "app"}


async def test_the_link_form_keeps_every_field_on_screen_at_80x24_with_a_long_title() -> None:
    store = evidence_store()
    store.db.execute("UPDATE citations SET title = ? WHERE id = 1", ["A long title " * 40])
    store.db.conn.commit()
    app = _app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l", "e")
        for field in ("#link-edit-stance", "#link-edit-quote", "#link-edit-locator"):
            region = app.screen.query_one(field).region
            assert region.height >= 3 and region.bottom <= 23, field
        # The title is cut at three lines, not pushed off the top.
        assert app.screen.query_one(".dialog-title").region.y >= 0


async def test_text_and_quote_dialogs_keep_their_fields_with_a_long_title() -> None:
    store = evidence_store()
    store.db.execute("UPDATE citations SET title = ? WHERE id = 1", ["A long title " * 40])
    store.db.conn.commit()
    store.set_source_text(1, "One sentence. Another one.", reviewer="ann")
    app = _app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l", "t")
        for field in ("#source-text-area", "#source-text-path"):
            region = app.screen.query_one(field).region
            assert region.height >= 3 and region.y >= 0 and region.bottom <= 23, field
        await pilot.press("escape", "p")
        sentences = app.screen.query_one("#quote-sentences", OptionList)
        assert sentences.option_count == 2 and sentences.region.y > 0
        assert sentences.region.bottom <= 23 and not sentences.max_scroll_y
        assert app.screen.query_one(".dialog-title").region.y >= 0


def test_the_key_sheet_explains_each_quote_check_once() -> None:
    """Walked in the key sheet (80x24): "no-text  not checked: the source has no stored
    text to check it against (the source has no stored text to check it: l, then t
    gives it)": each quote check said why twice, the second time in the hint's words.
    The legend says why once, then the keys that help."""
    from annotator.tui.screens.key_sheet import quote_rows

    rows = dict(quote_rows())
    assert rows["no-text"].endswith("to check it against (l, then t gives it)"), rows
    assert rows["not-found"].endswith("check it (l, then p picks a sentence)"), rows
    for text in rows.values():
        assert text.count("stored text") <= 1, text
