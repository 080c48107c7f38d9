"""Long work in the TUI runs in workers: importing many files (progress drawn, keys
handled meanwhile, a file that cannot be read named without stopping the rest) and
reading the library's search index into memory for the picker."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.widgets import Input, Label, ProgressBar

import annotator.tui.screens.home as home
from annotator.app.claim_ops import add_claim
from annotator.app.importing import ImportResult, article_paths
from annotator.app.library import add_citations
from annotator.app.source_picking import LibrarySearch, source_choice
from annotator.errors import AnnotatorError
from annotator.store import Store
from annotator.tui.screens.citation_picker import CitationPickerModal
from annotator.tui.screens.home import HomeScreen
from annotator.tui.screens.key_sheet import KeySheetModal
from tests.tui_apps import app_as
from tests.unit.store.test_citation_words import library
from tests.workers import import_from_home, settle

TEXTS = [
    "Rents rose 40% between 2015 and 2020, the council said.",
    "Wages grew by only 8% over the same period, the statistics office said.",
    "The mayor promised 12,000 new homes by 2030.",
]


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for n, text in enumerate(TEXTS):
        (folder / f"piece-{n}.md").write_text(f"# Piece {n}\n\n{text}\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("on_disk", [True, False])
async def test_progress_is_drawn_and_keys_answered_while_files_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, on_disk: bool
) -> None:
    folder = _folder(tmp_path)
    store = Store.open(tmp_path / "desk.db") if on_disk else Store.memory()
    second_file = threading.Event()
    go_on = threading.Event()
    real_import = home.import_file
    threads: set[int] = set()

    def held_import(s: Store, path: Path, **kwargs: object) -> ImportResult:
        threads.add(threading.get_ident())
        if path.name == "piece-1.md":
            second_file.set()
            assert go_on.wait(10), "the test never let the import go on"
        return real_import(s, path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(home, "import_file", held_import)
    if not on_disk:  # no second connection to memory: each file on the UI thread
        go_on.set()
    app = app_as(store)
    async with app.run_test() as pilot:
        ui_thread = threading.get_ident()
        await pilot.press("i")
        app.screen.query_one("#import-path", Input).value = str(folder / "*.md")
        await pilot.press("enter")
        if on_disk:  # in a worker thread: the UI runs on while a file is imported
            for _ in range(200):
                await pilot.pause(0.01)
                if second_file.is_set():
                    break
            screen = app.screen
            assert isinstance(screen, HomeScreen)
            status = screen.query_one("#import-status", Label)
            assert "Importing 2 of 3: piece-1.md" in str(status.render())
            assert screen.query_one("#import-bar", ProgressBar).progress == 1
            assert screen.query_one("#import-progress").display
            await pilot.press("question_mark")  # answered while the worker is busy
            assert isinstance(app.screen, KeySheetModal)
            await pilot.press("escape")
            assert ui_thread not in threads
        else:
            assert threads == {ui_thread}
        go_on.set()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        assert not screen.query_one("#import-progress").display
        assert [a.title for a in store.list_articles()] == ["Piece 0", "Piece 1", "Piece 2"]
        assert "3 new articles" in "\n".join(str(n.message) for n in app._notifications)
    store.close()


async def test_a_bad_file_is_named_and_the_rest_imported(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "piece-1.md").write_bytes(b"\x00\x01\x02binary")
    store = Store.open(tmp_path / "desk.db")
    app = app_as(store)
    async with app.run_test() as pilot:
        await import_from_home(pilot, folder)
        messages = [str(n.message) for n in app._notifications]
        assert any(m.startswith("piece-1.md: ") for m in messages), messages
        assert any("2 new articles" in m for m in messages), messages
        assert [a.title for a in store.list_articles()] == ["Piece 0", "Piece 2"]
    store.close()


def test_what_a_folder_or_a_pattern_names(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "notes.csv").write_text("a,b\n", encoding="utf-8")
    (folder / ".hidden.md").write_text("x\n", encoding="utf-8")
    (folder / "sub").mkdir()
    names = ["piece-0.md", "piece-1.md", "piece-2.md"]
    assert [p.name for p in article_paths(folder)] == names
    assert [p.name for p in article_paths(folder / "piece-[02].md")] == ["piece-0.md", "piece-2.md"]
    assert article_paths(folder / "notes.csv") == [folder / "notes.csv"]  # named: read it
    # A file that is there is itself, whatever its name: brackets are not a pattern then.
    bracketed = folder / "notes [draft] *.md"
    bracketed.write_text("x\n", encoding="utf-8")
    assert article_paths(bracketed) == [bracketed]
    with pytest.raises(AnnotatorError, match="no file matches"):
        article_paths(folder / "*.docx")
    with pytest.raises(AnnotatorError, match="no article files"):
        article_paths(folder / "sub")


async def test_the_picker_searches_the_library_read_in_a_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open(tmp_path / "desk.db")
    add_citations(store, library(80), reviewer="ann")
    article = store.import_article(TEXTS[0], title="t", reviewer="ann", proposals=[])
    add_claim(store, article.id, 0, len(TEXTS[0]), reviewer="ann")
    loaded_in: list[int] = []
    real_load = LibrarySearch.load

    def load(self: LibrarySearch, s: Store) -> None:
        loaded_in.append(threading.get_ident())
        real_load(self, s)

    monkeypatch.setattr(LibrarySearch, "load", load)
    app = app_as(store, article_id=article.id)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert app.library.loaded and loaded_in and threading.get_ident() not in loaded_in
        await pilot.press("c")
        picker = app.screen
        assert isinstance(picker, CitationPickerModal)
        for query in ("therapy cohort", "deprssion", "plcebo sleep"):
            picker.query_one("#picker-search", Input).value = query
            await pilot.pause()
            assert picker.choice == source_choice(store, query), query  # the stored index's
    store.close()
