"""Who is working (the first run asks, settings write the desk config as `config set`
does), an import dialog that takes pasted text, and j/k in every list."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from textual.widgets import (
    Checkbox,
    DataTable,
    DirectoryTree,
    Input,
    Label,
    OptionList,
    TextArea,
)

from annotator.app.library import add_citation
from annotator.cli.articles import tui_settings
from annotator.cli.common import Context
from annotator.config import DeskConfig, load_config
from annotator.store import Store
from annotator.tui.app import AnnotatorApp, Settings, make_app
from annotator.tui.screens.export import ExportModal
from annotator.tui.screens.grade import GradeModal
from annotator.tui.screens.history import HistoryModal
from annotator.tui.screens.home import HomeScreen
from annotator.tui.screens.import_file import ImportModal
from annotator.tui.screens.review import ReviewScreen
from annotator.tui.screens.reviewer_name import ReviewerNameModal
from annotator.tui.screens.settings import SettingsModal
from tests.cli.test_cli import run
from tests.tui_fixture import sample_claims, sample_text


def _store() -> Store:
    store = Store.memory()
    store.import_article(sample_text(), title="MDMA", reviewer="ed", proposals=sample_claims())
    return store


def _app(store: Store, config: Path, **kwargs: object) -> AnnotatorApp:
    settings = Settings(cursor_blink=False, config_path=config, **kwargs)  # type: ignore[arg-type]
    return make_app(store, settings)


# -- the first run asks who is working ---------------------------------------------


async def test_the_first_run_asks_the_name_and_remembers_it(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    store = _store()
    desk = DeskConfig(editors=("Ann Lee",))
    app = _app(store, config, reviewer="login", ask_reviewer=True, desk=desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewerNameModal)
        await pilot.press("enter")  # nothing typed: said why, still asking
        await pilot.pause()
        assert isinstance(app.screen, ReviewerNameModal)
        error = app.screen.query_one("#reviewer-name-error", Label)
        assert "reviewer name is empty" in str(error.render())
        app.screen.query_one("#reviewer-name", Input).value = " Ann Lee "
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.settings.reviewer == "Ann Lee"
        assert app.settings.editor  # the desk names her an editor
        await pilot.press("1")
        await pilot.pause()
    assert load_config(config).reviewer == "Ann Lee"
    assert {g.reviewer for g in store.grades_for_article(1)} == {"Ann Lee"}


async def test_escape_works_under_the_login_name_this_time_only(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    app = _app(_store(), config, reviewer="login", ask_reviewer=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#reviewer-name", Input).value = "a,b"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewerNameModal)  # a comma is refused
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen) and app.settings.reviewer == "login"
    assert not config.exists()


async def test_open_file_on_the_first_run_imports_under_the_name_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`annotator open FILE` with no name anywhere: nothing is written before the name is
    asked; the file goes in under the name given, and opens."""
    monkeypatch.delenv("ANNOTATOR_REVIEWER", raising=False)
    monkeypatch.setenv("ANNOTATOR_FORCE_TUI", "1")
    article = tmp_path / "piece.md"
    article.write_text("# Rents\n\nRents rose 40% between 2015 and 2020.\n", encoding="utf-8")
    db = tmp_path / "desk.db"
    started: list[tuple[Settings, int]] = []

    def run_app(app: AnnotatorApp, *args: object, **kwargs: object) -> None:
        started.append((app.settings, len(app.store.list_articles())))

    monkeypatch.setattr(AnnotatorApp, "run", run_app)
    code, _out, err = run("--db", str(db), "open", str(article))
    assert code == 0, err
    [(settings, articles)] = started
    assert articles == 0  # not before the name is known
    assert settings.ask_reviewer and settings.pending_import is not None
    settings.config_path = tmp_path / "config.toml"
    settings.cursor_blink = False
    app = make_app(Store.open(db), settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewerNameModal)
        assert app.store.list_articles() == []
        app.screen.query_one("#reviewer-name", Input).value = "Ann Lee"
        await pilot.press("enter")
        await pilot.pause()
        [imported] = app.store.list_articles()
        assert isinstance(app.screen, ReviewScreen) and app.screen.article_id == imported.id
        assert imported.title == "Rents"
    events = app.store.events()
    assert events and {e.reviewer for e in events} == {"Ann Lee"}
    app.store.close()


async def test_a_bad_file_to_open_fails_before_the_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ANNOTATOR_REVIEWER", raising=False)
    monkeypatch.setenv("ANNOTATOR_FORCE_TUI", "1")
    binary = tmp_path / "photo.md"
    binary.write_bytes(b"\x00\x01\x02binary")
    apps: list[AnnotatorApp] = []
    monkeypatch.setattr(AnnotatorApp, "run", lambda self, *a, **k: apps.append(self))
    code, _out, err = run("--db", str(tmp_path / "desk.db"), "open", str(binary))
    assert code == 1 and err.startswith("Error: ") and "binary" in err
    assert apps == [] and "Traceback" not in err


async def test_escape_imports_the_file_to_open_under_the_suggested_name(
    tmp_path: Path,
) -> None:
    from annotator.app.importing import PendingImport, source_of
    from annotator.text.articles import read_article_file

    article = tmp_path / "piece.md"
    article.write_text("# Wages\n\nWages grew by 8% over the same period.\n", encoding="utf-8")
    store = Store.memory()
    pending = PendingImport(read_article_file(str(article)), source_of(article))
    app = _app(
        store, tmp_path / "c.toml", reviewer="login", ask_reviewer=True, pending_import=pending
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert store.list_articles() == []
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
    assert [a.title for a in store.list_articles()] == ["Wages"]
    assert {e.reviewer for e in store.events()} == {"login"}


async def test_a_name_given_is_not_asked_for(tmp_path: Path) -> None:
    app = _app(_store(), tmp_path / "config.toml", reviewer="ann")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)


@pytest.mark.parametrize(
    ("env", "config_reviewer", "option", "asks", "name"),
    [
        (None, "", None, True, None),
        ("env-ann", "", None, False, "env-ann"),
        (None, "cfg-ann", None, False, "cfg-ann"),
        (None, "cfg-ann", "opt-ann", False, "opt-ann"),
    ],
)
def test_the_tui_asks_only_when_no_name_is_given_anywhere(
    monkeypatch: pytest.MonkeyPatch,
    env: str | None,
    config_reviewer: str,
    option: str | None,
    asks: bool,
    name: str | None,
) -> None:
    if env is None:
        monkeypatch.delenv("ANNOTATOR_REVIEWER", raising=False)
    else:
        monkeypatch.setenv("ANNOTATOR_REVIEWER", env)
    if config_reviewer:
        assert run("config", "set", "reviewer", config_reviewer)[0] == 0
    settings = tui_settings(Context(None, option, None), None)
    assert settings.ask_reviewer is asks
    if name is not None:
        assert settings.reviewer == name


# -- the settings screen -----------------------------------------------------------


async def test_settings_write_what_config_set_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "desk.toml"
    app = _app(_store(), config, reviewer="ann")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape", "s")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, SettingsModal)
        typed = {
            "organization": "Health Desk",
            "organization_url": "https://desk.example",
            "editors": "ed, ann",
            "threshold": "0.5",
        }
        for key, value in typed.items():
            modal.query_one(f"#set-{key}", Input).value = value
        modal.query_one("#set-blind", Checkbox).value = False
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert not app.settings.blind and app.settings.editor  # followed at once
        assert app.settings.desk.organization == "Health Desk"
    # The same values through `annotator config set` give the same file.
    cli_file = tmp_path / "cli.toml"
    monkeypatch.setenv("ANNOTATOR_CONFIG", str(cli_file))
    for key, value in {**typed, "blind": "false"}.items():
        assert run("config", "set", key, value)[0] == 0
    assert tomllib.loads(config.read_text()) == tomllib.loads(cli_file.read_text())


async def test_a_refused_setting_is_said_in_the_form_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    config = tmp_path / "desk.toml"
    config.write_text('organization = "Kept"\n')
    app = _app(_store(), config, reviewer="ann", desk=load_config(config))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape", "s")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, SettingsModal)
        modal.query_one("#set-organization", Input).value = "Changed"
        modal.query_one("#set-threshold", Input).value = "1.5"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is modal
        assert "threshold must be a number from 0 to 1" in str(
            modal.query_one("#settings-error", Label).render()
        )
        modal.query_one("#set-organization_url", Input).value = "desk.example"
        modal.query_one("#set-threshold", Input).value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "organization_url 'desk.example' is not a web address" in str(
            modal.query_one("#settings-error", Label).render()
        )
        await pilot.press("escape")
    assert config.read_text() == 'organization = "Kept"\n'


def test_config_set_refuses_what_the_settings_screen_refuses() -> None:
    code, _out, err = run("config", "set", "organization_url", "desk.example")
    assert code == 1 and "organization_url 'desk.example' is not a web address" in err
    code, _out, err = run("config", "set", "editors", "ed, -x")
    assert code == 1 and "editor name '-x' starts with '-'" in err
    code, _out, err = run("config", "set", "scale", "/nowhere/scale.toml")
    assert code == 1 and "scale file" in err and err.count("\n") == 1


# -- importing pasted text ---------------------------------------------------------

PASTED = (
    "Officials said costs rose 40% in 2020, a report found.\n"
    "The [bold]agency[/] spent $3 billion on the program last year.\n"
)


async def test_pasted_text_imports_as_the_cli_imports_it(tmp_path: Path) -> None:
    store = _store()
    app = _app(store, tmp_path / "c.toml", reviewer="ann")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape", "i")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, ImportModal)
        await pilot.press("ctrl+s")  # nothing given yet: said, still open
        await pilot.pause()
        assert app.screen is modal
        await pilot.press("ctrl+t")
        modal.query_one("#import-title", Input).value = "Costs [rose]"
        modal.query_one("#import-url", Input).value = "https://news.example/costs"
        modal.query_one("#import-text", TextArea).text = PASTED
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen) and app.screen.article_id == 2
    tui = store.get_article(2)
    db = tmp_path / "cli.db"
    code, out, err = run(
        "import", "-", "--title", "Costs [rose]", "--url", "https://news.example/costs",
        "--db", str(db), input=PASTED,
    )  # fmt: skip
    assert code == 0, err
    other = Store.open(db)
    try:
        cli_article = other.get_article(1)
        assert (tui.title, tui.source, tui.text, tui.sha256, tui.format) == (
            cli_article.title,
            cli_article.source,
            cli_article.text,
            cli_article.sha256,
            cli_article.format,
        )
        assert tui.source == "https://news.example/costs"
        spans = [(c.start, c.end, c.label) for c in store.claims(2)]
        assert spans and spans == [(c.start, c.end, c.label) for c in other.claims(1)]
    finally:
        other.close()


async def test_a_url_that_is_not_a_web_address_is_refused_and_nothing_imported(
    tmp_path: Path,
) -> None:
    store = _store()
    app = _app(store, tmp_path / "c.toml", reviewer="ann")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape", "i", "ctrl+t")
        modal = app.screen
        modal.query_one("#import-url", Input).value = "file:///etc/passwd"
        modal.query_one("#import-text", TextArea).text = PASTED
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("is not a web address" in n.message for n in app._notifications)
    assert len(store.list_articles()) == 1
    code, _out, err = run("import", "-", "--url", "file:///etc/passwd", input=PASTED)
    assert code == 1 and "URL 'file:///etc/passwd' is not a web address" in err


async def test_a_file_with_a_title_imports_through_the_dialog(tmp_path: Path) -> None:
    article = tmp_path / "costs.txt"
    article.write_text(PASTED, encoding="utf-8")
    store = _store()
    app = _app(store, tmp_path / "c.toml", reviewer="ann")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape", "i")
        modal = app.screen
        modal.query_one("#import-title", Input).value = "Costs"
        modal.query_one("#import-path", Input).value = str(article)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
    imported = store.get_article(2)
    assert imported.title == "Costs" and imported.source == str(article.resolve())


# -- j/k in every list -------------------------------------------------------------


async def test_j_and_k_move_in_every_list(tmp_path: Path) -> None:
    store = _store()
    claim = store.claims(1)[0]
    for verdict, who in (("mixed", "ann"), ("supported", "bob")):
        store.grade_claim(claim.id, verdict, reviewer=who)
    app = _app(store, tmp_path / "c.toml", reviewer="ann", blind=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        # export formats
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, ExportModal)
        formats = app.screen.query_one("#export-formats", OptionList)
        formats.focus()
        start = formats.highlighted or 0
        await pilot.press("j", "j", "k")
        assert formats.highlighted == start + 1
        await pilot.press("escape")
        # grade: certainty and reasons
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, GradeModal)
        certainty = app.screen.query_one("#grade-certainty", OptionList)
        certainty.focus()
        before = certainty.highlighted or 0
        await pilot.press("j")
        assert certainty.highlighted == before + 1
        reasons = app.screen.query_one("#grade-reasons", OptionList)
        reasons.focus()
        await pilot.press("j", "j")
        assert reasons.highlighted == 2
        await pilot.press("escape")
        # history scrolls
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryModal)
        await pilot.press("escape")
        # the file tree of the import dialog (it fills from a worker: moves are relative)
        await pilot.press("escape", "i")
        await pilot.pause()
        tree = app.screen.query_one("#import-tree", DirectoryTree)
        tree.focus()
        for _ in range(200):
            if len(tree.root.children) >= 3:
                break
            await pilot.pause(0.01)
        await pilot.pause()
        start = tree.cursor_line
        await pilot.press("j")
        await pilot.pause()
        assert tree.cursor_line > start


async def test_j_and_k_move_in_the_team_tables_and_the_citation_picker(tmp_path: Path) -> None:
    from annotator.sources.identifiers import citation_from_doi
    from annotator.tui.screens.agreement import AgreementScreen
    from annotator.tui.screens.citation_picker import CitationPickerModal

    store = _store()
    claims = store.claims(1)
    for claim, (first, second) in zip(
        claims[:3],
        (("mixed", "supported"), ("supported", "contradicted"), ("mixed", "unsupported")),
        strict=True,
    ):
        store.grade_claim(claim.id, first, reviewer="ann")
        store.grade_claim(claim.id, second, reviewer="bob")
    for doi in ("10.1056/NEJMoa2032994", "10.1038/s41591-021-01336-3"):
        add_citation(store, citation_from_doi(doi), reviewer="ann")
    app = _app(store, tmp_path / "c.toml", reviewer="ed", editor=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, AgreementScreen)
        table = app.screen.query_one("#agreement-disagreements", DataTable)
        for _ in range(200):
            if table.row_count >= 3:
                break
            await pilot.pause(0.01)
        table.focus()
        await pilot.press("j", "j", "k")
        assert table.cursor_row == 1
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CitationPickerModal)
        results = app.screen.query_one("#picker-results", OptionList)
        for _ in range(200):  # hits may come from a worker
            if results.option_count >= 2:
                break
            await pilot.pause(0.01)
        results.focus()
        start = results.highlighted or 0
        await pilot.press("j")
        assert results.highlighted == start + 1
