"""SVG snapshots of each screen (update with --snapshot-update, read snapshot_report.html)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from annotator.app.library import add_citation
from annotator.app.linking import link_evidence
from annotator.app.source_text import give_source_text
from annotator.config import DeskConfig
from annotator.sources.identifiers import citation_from_doi
from annotator.store import Store
from annotator.tui.app import AnnotatorApp, Settings, make_app
from tests.conftest import fake_clock
from tests.evidence_fixture import TRIAL_TEXT, evidence_store
from tests.tui.test_tui_memory import checked_pair
from tests.tui_apps import app_as, editor_app
from tests.tui_fixture import sample_claims, sample_text

# A config path shown on screen: fixed, so the snapshot does not carry a tmp folder.
CONFIG_SHOWN = Path("/home/ann/.config/annotator/config.toml")
PASTED = (
    "Officials said costs rose 40% in 2020, a report found.\n"
    "The [bold]agency[/] spent $3 billion on the program last year.\n"
)


def _sample_store() -> Store:
    store = Store.memory(clock=fake_clock())
    article = store.import_article(
        sample_text(), title="Can MDMA Help Heal Trauma?", reviewer="ann", proposals=sample_claims()
    )
    claims = store.claims(article.id)
    store.grade_claim(claims[0].id, "mixed", reviewer="ann", certainty="low")
    store.dismiss_claim(claims[-1].id, reviewer="ann")
    citation, _ = add_citation(store, citation_from_doi("10.1056/NEJMoa2032994"), reviewer="ann")
    link_evidence(
        store,
        claims[0].id,
        citation.id,
        "mixed",
        reviewer="ann",
        quote="small trials",
        locator="p. 3",
    )
    return store


def _app() -> AnnotatorApp:
    return app_as(_sample_store())


class TestHomeScreen:
    def test_home_screen(self, snap_compare: Any) -> None:
        """The article list with progress and the verdict bar."""
        assert snap_compare(_app(), terminal_size=(100, 30), press=["escape"])


class TestReviewScreen:
    def test_review_screen(self, snap_compare: Any) -> None:
        """The review screen on the sample article, second claim selected."""
        assert snap_compare(_app(), terminal_size=(100, 30), press=["j"])

    def test_review_screen_80x24(self, snap_compare: Any) -> None:
        """At 80x24 the three regions stack."""
        assert snap_compare(_app(), terminal_size=(80, 24), press=["j", "j"])

    def test_review_screen_wide_light(self, snap_compare: Any) -> None:
        """At 200x50 on the light theme, the first claim graded with evidence."""

        async def light(pilot: Pilot[None]) -> None:
            pilot.app.theme = "textual-light"
            await pilot.pause()

        assert snap_compare(_app(), terminal_size=(200, 50), run_before=light)

    def test_span_mode(self, snap_compare: Any) -> None:
        """Making a claim from typed words, grown by a word."""
        keys = ["v", *"pituitary gland", "enter", "right", "right"]
        assert snap_compare(_app(), terminal_size=(100, 30), press=keys)


class TestQueueScreen:
    def test_queue_screen_80x24(self, snap_compare: Any) -> None:
        """Q: a disputed claim and a graded one with no source, with why at the foot."""
        store = _sample_store()
        claims = store.claims(store.list_articles()[0].id)
        store.grade_claim(claims[1].id, "mixed", reviewer="ann")
        store.grade_claim(claims[1].id, "supported", reviewer="bob")
        store.grade_claim(claims[3].id, "unsupported", reviewer="ann")
        app = app_as(store)
        assert snap_compare(app, terminal_size=(80, 24), press=["Q"])


class TestModals:
    def test_citation_picker(self, snap_compare: Any) -> None:
        """The picker after typing a DOI: the new source first, the library hit below."""

        async def type_query(pilot: Pilot[None]) -> None:
            await pilot.press("c")
            pilot.app.screen.query_one("#picker-search", Input).value = "nejmoa"
            await pilot.pause()

        assert snap_compare(_app(), terminal_size=(100, 30), run_before=type_query)

    def test_grade_modal(self, snap_compare: Any) -> None:
        """Certainty, reasons and rationale of the first claim's grade."""
        assert snap_compare(_app(), terminal_size=(100, 30), press=["g"])

    def test_export_modal_80x24(self, snap_compare: Any) -> None:
        """E asks the format and the file, a name from the title in the current folder."""
        assert snap_compare(_app(), terminal_size=(80, 24), press=["E", "down", "down"])

    def test_key_sheet_80x24(self, snap_compare: Any) -> None:
        """? shows annotator's key sheet of the review screen, by task, at 80x24."""
        assert snap_compare(_app(), terminal_size=(80, 24), press=["question_mark"])

    def test_key_sheet_legend_80x24(self, snap_compare: Any) -> None:
        """The key sheet scrolled to its end: the claim list's legend."""
        assert snap_compare(_app(), terminal_size=(80, 24), press=["question_mark", "end"])

    def test_command_palette(self, snap_compare: Any) -> None:
        """ctrl+p offers the screen's actions as "area: verb object" with their keys."""
        assert snap_compare(_app(), terminal_size=(100, 30), press=["ctrl+p", *"claim"])


def _evidence_app(with_text: bool = False) -> AnnotatorApp:
    store = evidence_store()
    if with_text:
        give_source_text(store, 1, TRIAL_TEXT, reviewer="ann")
    return app_as(store)


class TestEvidence:
    def test_links_80x24(self, snap_compare: Any) -> None:
        """l: the claim's links, what the highlighted quote check means, the keys."""
        assert snap_compare(_evidence_app(), terminal_size=(80, 24), press=["l"])

    def test_link_edit_80x24(self, snap_compare: Any) -> None:
        """e: stance, quote and locator of a link in one form."""
        assert snap_compare(_evidence_app(), terminal_size=(80, 24), press=["l", "e"])

    def test_citation_view_80x24(self, snap_compare: Any) -> None:
        """Enter: the source in full, its identifiers linked, the claims citing it."""
        assert snap_compare(_evidence_app(), terminal_size=(80, 24), press=["l", "enter"])

    def test_source_text_80x24(self, snap_compare: Any) -> None:
        """t: paste the source's text or name its file."""
        assert snap_compare(_evidence_app(), terminal_size=(80, 24), press=["l", "t"])

    def test_quote_choice_80x24(self, snap_compare: Any) -> None:
        """p: the claim beside the source's sentences, the current quote's highlighted."""
        assert snap_compare(_evidence_app(True), terminal_size=(80, 24), press=["l", "p"])


def _team_store() -> Store:
    """The sample store with a second reviewer: two disputes (one the widest), notes."""
    store = _sample_store()
    claims = store.claims(store.list_articles()[0].id)
    store.grade_claim(
        claims[0].id,
        "contradicted",
        reviewer="bob",
        certainty="moderate",
        reasons=("overstated", "cherry-picked"),
        note="The cited trials were small and the effect shrank in the larger one; "
        "the claim states it as settled.",
    )
    store.grade_claim(claims[1].id, "supported", reviewer="ann", note="as the trial says")
    store.grade_claim(claims[1].id, "mostly-supported", reviewer="bob")
    return store


class TestEveryScreenAt80x24:
    """Each screen and dialog whole at 80x24: every field on screen, the footer uncut."""

    def test_home(self, snap_compare: Any) -> None:
        assert snap_compare(_app(), terminal_size=(80, 24), press=["escape"])

    def test_grade_modal(self, snap_compare: Any) -> None:
        """Certainty, all eight reasons and the rationale, without scrolling."""
        assert snap_compare(_app(), terminal_size=(80, 24), press=["g"])

    def test_citation_picker(self, snap_compare: Any) -> None:
        async def type_query(pilot: Pilot[None]) -> None:
            await pilot.press("c")
            pilot.app.screen.query_one("#picker-search", Input).value = "nejmoa"
            await pilot.pause()

        assert snap_compare(_app(), terminal_size=(80, 24), run_before=type_query)

    def test_citation_picker_link_step(self, snap_compare: Any) -> None:
        """After choosing the source: stance, quote and locator."""

        async def choose(pilot: Pilot[None]) -> None:
            await pilot.press("c")
            pilot.app.screen.query_one("#picker-search", Input).value = "nejmoa"
            await pilot.pause()
            await pilot.press("down", "enter")
            await pilot.pause()

        assert snap_compare(_app(), terminal_size=(80, 24), run_before=choose)

    def test_history_modal(self, snap_compare: Any) -> None:
        assert snap_compare(_app(), terminal_size=(80, 24), press=["h"])

    def test_label_prompt(self, snap_compare: Any) -> None:
        assert snap_compare(_app(), terminal_size=(80, 24), press=["e"])

    def test_merge_confirm(self, snap_compare: Any) -> None:
        assert snap_compare(_app(), terminal_size=(80, 24), press=["m"])

    def test_span_mode(self, snap_compare: Any) -> None:
        keys = ["v", *"pituitary gland", "enter", "right"]
        assert snap_compare(_app(), terminal_size=(80, 24), press=keys)

    def test_search(self, snap_compare: Any) -> None:
        assert snap_compare(_app(), terminal_size=(80, 24), press=["slash", *"mdma"])

    def test_command_palette(self, snap_compare: Any) -> None:
        assert snap_compare(_app(), terminal_size=(80, 24), press=["ctrl+p", *"grade"])

    def test_import_modal(
        self, snap_compare: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        folder = tmp_path / "articles"
        folder.mkdir()
        for name in ("press-release.md", "study-news.html", "notes.txt"):
            (folder / name).write_text("Text.\n", encoding="utf-8")
        monkeypatch.chdir(folder)
        assert snap_compare(_app(), terminal_size=(80, 24), press=["escape", "i"])

    def test_agreement(self, snap_compare: Any) -> None:
        app = editor_app(_team_store())
        assert snap_compare(app, terminal_size=(80, 24), press=["t"])

    def test_reconcile(self, snap_compare: Any) -> None:
        """The worst dispute: both reviewers' grades and notes in full, the evidence."""
        app = editor_app(_team_store())
        assert snap_compare(app, terminal_size=(80, 24), press=["r"])

    def test_reconcile_reason(self, snap_compare: Any) -> None:
        app = editor_app(_team_store())
        assert snap_compare(app, terminal_size=(80, 24), press=["r", "3"])

    def test_reconcile_read_only(self, snap_compare: Any) -> None:
        """A reviewer who is no editor reads the disputes on claims they graded."""
        app = app_as(_team_store())
        assert snap_compare(app, terminal_size=(80, 24), press=["r"])

    def test_similar_picker(self, snap_compare: Any) -> None:
        """U: every earlier check of the claim, the ones without links greyed."""
        store = Store.memory(clock=fake_clock())
        _first, _earlier, second = checked_pair(store)
        settings = Settings(reviewer="bea", editor=True, article_id=second, cursor_blink=False)
        assert snap_compare(make_app(store, settings), terminal_size=(80, 24), press=["U"])


class TestDeskDialogs:
    def test_assign_modal_80x24(self, snap_compare: Any) -> None:
        """a on the article list (an editor): who checks it, ann ticked, names to add."""
        store = _sample_store()
        store.assign_article(store.list_articles()[0].id, ["ann"], by="ed")
        settings = Settings(
            reviewer="ed", editor=True, cursor_blink=False, desk=DeskConfig(editors=("ed",))
        )
        app = make_app(store, settings)
        assert snap_compare(app, terminal_size=(80, 24), press=["escape", "a"])

    def test_assigned_home_80x24(self, snap_compare: Any) -> None:
        """A reviewer's home: their assignment first, with how far they got."""
        store = _sample_store()
        store.import_article(
            "Officials said costs rose 40% in 2020.", title="Costs", reviewer="ann", proposals=[]
        )
        store.assign_article(store.list_articles()[0].id, ["ann"], by="ed")
        app = app_as(store)
        assert snap_compare(app, terminal_size=(80, 24), press=["escape"])

    def test_reviewer_name_80x24(self, snap_compare: Any) -> None:
        """The first run (no name given anywhere) asks who is working."""
        settings = Settings(
            reviewer="login", cursor_blink=False, ask_reviewer=True, config_path=CONFIG_SHOWN
        )
        assert snap_compare(make_app(_sample_store(), settings), terminal_size=(80, 24))

    def test_settings_80x24(self, snap_compare: Any) -> None:
        """s on the article list: the desk settings as a form, an editor and the scale set."""
        desk = DeskConfig(organization="Health Desk", editors=("ed", "ann"), threshold=0.4)
        settings = Settings(reviewer="ann", cursor_blink=False, desk=desk, config_path=CONFIG_SHOWN)
        app = make_app(_sample_store(), settings)
        assert snap_compare(app, terminal_size=(80, 24), press=["escape", "s"])

    def test_import_paste_80x24(self, snap_compare: Any) -> None:
        """i then ctrl+t: pasted text with a title and the URL it came from."""

        async def paste(pilot: Pilot[None]) -> None:
            await pilot.press("escape", "i", "ctrl+t")
            screen = pilot.app.screen
            screen.query_one("#import-title", Input).value = "Costs [rose]"
            screen.query_one("#import-url", Input).value = "https://news.example/costs"
            screen.query_one("#import-text", TextArea).text = PASTED
            await pilot.pause()

        assert snap_compare(_app(), terminal_size=(80, 24), run_before=paste)
