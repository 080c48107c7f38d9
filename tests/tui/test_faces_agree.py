"""The CLI and the TUI are two faces of one set of use cases: the same actions through
either leave the same database, down to the last row (re-importing an edited file too)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from textual.widgets import Input

from annotator.cli import cli
from annotator.store import Store
from annotator.tui.screens.home import HomeScreen
from annotator.tui.screens.review import ReviewScreen
from tests.conftest import db_dump
from tests.tui_apps import app_as
from tests.workers import import_from_home, settle

FIRST = (
    "# Rents and wages\n\n"
    "Rents in the city rose 40% between 2015 and 2020, the council said.\n\n"
    "Wages grew by only 8% over the same period, according to the statistics office.\n\n"
    "The mayor promised 12,000 new homes by 2030.\n"
)
EDITED = FIRST.replace("only 8%", "only 6%").replace("12,000", "15,000")
NOW = "2026-01-01T00:00:00Z"


@pytest.fixture
def steady_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both faces open the store through Store.open; give it one fixed time."""
    real_open = Store.open.__func__  # type: ignore[attr-defined]

    def open_with_clock(cls: type[Store], path: str | Path, **kwargs: object) -> Store:
        return real_open(cls, path, clock=lambda: NOW, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(Store, "open", classmethod(open_with_clock))


def _dump(path: Path) -> str:
    """The dump without the screen's own remembered state (last article, cursor)."""
    return "\n".join(
        line for line in db_dump(path).splitlines() if not line.startswith('INSERT INTO "state"')
    )


def _through_cli(db: Path, article: Path) -> None:
    def run(*args: str) -> str:
        result = CliRunner().invoke(cli, ["--db", str(db), "--reviewer", "ann", *args])
        assert result.exit_code == 0, result.output
        return result.output

    article.write_text(FIRST, encoding="utf-8")
    run("import", str(article))
    claims = Store.open(db).claims(1)
    run("grade", str(claims[0].id), "--verdict", "mostly-supported")
    run("claim", "dismiss", str(claims[1].id))
    article.write_text(EDITED, encoding="utf-8")
    out = run("import", str(article))
    assert "version 2" in out


async def _through_tui(db: Path, article: Path) -> None:
    store = Store.open(db)
    app = app_as(store)

    async def import_from_home() -> None:
        if not isinstance(app.screen, HomeScreen):
            await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("i")
        app.screen.query_one("#import-path", Input).value = str(article)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)

    async with app.run_test() as pilot:
        article.write_text(FIRST, encoding="utf-8")
        await import_from_home()
        level = store.scales.verdict.by_number(2)
        assert level is not None and level.key == "mostly-supported"
        await pilot.press("2", "j", "x")
        article.write_text(EDITED, encoding="utf-8")
        await import_from_home()
        await pilot.pause()
    store.close()


async def test_cli_and_tui_leave_equal_databases(tmp_path: Path, steady_clock: None) -> None:
    cli_db, tui_db = tmp_path / "cli.db", tmp_path / "tui.db"
    # One article path for both, so the stored source is the same.
    article = tmp_path / "rents.md"
    _through_cli(cli_db, article)
    await _through_tui(tui_db, article)
    cli_dump, tui_dump = _dump(cli_db), _dump(tui_db)
    assert "article_versions" in cli_dump and cli_dump.count('INSERT INTO "articles"') == 1
    assert tui_dump == cli_dump


PIECES = {
    "a-rents.md": FIRST,
    "b-schools.txt": "Schools\n\nClass sizes grew by 15% since 2018, the union said.\n",
    "c-water.html": "<h1>Water</h1><p>Leaks waste 20% of the city's water, a 2023 audit found.</p>",
}


async def test_a_folder_imported_in_the_tui_equals_the_cli_import(
    tmp_path: Path, steady_clock: None
) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    for name, text in PIECES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "notes.csv").write_text("not,an,article\n", encoding="utf-8")  # left out
    cli_db, tui_db = tmp_path / "cli.db", tmp_path / "tui.db"
    files = [str(folder / name) for name in sorted(PIECES)]
    result = CliRunner().invoke(cli, ["--db", str(cli_db), "--reviewer", "ann", "import", *files])
    assert result.exit_code == 0, result.output
    store = Store.open(tui_db)
    app = app_as(store)
    async with app.run_test() as pilot:
        await import_from_home(pilot, folder)
        assert isinstance(app.screen, HomeScreen)  # many files: the list, not one article
        assert len(store.list_articles()) == len(PIECES)
    store.close()
    assert _dump(tui_db) == _dump(cli_db)
