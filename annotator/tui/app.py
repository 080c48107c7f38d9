"""AnnotatorApp: the review workbench. It hands each screen the store and settings; no SQL here."""

from __future__ import annotations

import sqlite3
from typing import ClassVar

from textual import events, work
from textual.app import App
from textual.binding import Binding
from textual.notifications import SeverityLevel

from annotator.app.citation_search import catch_up_indexes
from annotator.app.source_picking import LibrarySearch
from annotator.errors import AnnotatorError
from annotator.store import Store, database_failure
from annotator.text.terminal import visible
from annotator.tui.commands import AnnotatorCommands
from annotator.tui.settings import Settings

# Settings lives in its own module (screens take it without importing the app); the
# app's callers import it from here too.
__all__ = ["AnnotatorApp", "Settings", "make_app"]


class AnnotatorApp(App[None]):
    """Home screen (articles) below, the review screen of one article on top."""

    # Every stylesheet, listed here: screens carry none of their own.
    CSS_PATH = ["app.tcss", "team.tcss", "desk.tcss", "evidence.tcss"]
    TITLE = "annotator"
    COMMANDS: ClassVar = App.COMMANDS | {AnnotatorCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-medium"), (160, "-wide")]
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Leave annotator (all is saved)"),
        Binding(
            "ctrl+p",
            "command_palette",
            "Palette",
            show=False,
            id="app.palette",
            tooltip="Every action of this screen, with its key",
        ),
        Binding(
            "question_mark",
            "key_sheet",
            "Keys",
            id="app.keys",
            tooltip="annotator's key sheet for this screen, by task",
        ),
    ]

    def __init__(self, store: Store, settings: Settings) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.library = LibrarySearch()
        """The citation search the pickers of this session share, held in memory."""
        self.failure: str | None = None
        """Why the session ended early (the database failed under it), as one line."""

    def _handle_exception(self, error: Exception) -> None:
        """An error of the database no screen expected (the file damaged, or kept busy,
        mid-session) ends the session with the one line the command line gives and exit
        status 1, not a traceback; anything else is Textual's to show (a bug).

        Textual's hook for an exception nothing caught; Textual is pinned exactly.
        """
        if isinstance(error, AnnotatorError):
            message = str(error)
        elif isinstance(error, sqlite3.DatabaseError):
            message = database_failure(error, self.store.name)
        else:
            super()._handle_exception(error)
            return
        if self.failure is None:
            self.failure = message
        self.exit(return_code=1)
        # At once, as Textual closes for an error: the screen that raised is stopped, so
        # an exit waiting its turn in the queue would wait for a key press; and a pilot
        # waiting for that screen hears of it as of any error.
        self._close_messages_no_wait()
        self._exception_event.set()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """A notification whose words are data, whoever sends it.

        Messages carry article titles, labels, file paths, URLs and error text that names
        them; read as markup, ``[/]`` in a title stops the app and ``[link=...]`` makes a
        link. Screens and widgets call this through ``Widget.notify``, which passes
        ``markup=True`` by default, so ``markup`` is not read: nothing annotator says is
        markup. Control characters show as symbols (``␛``), as in every widget.
        """
        super().notify(
            visible(message),
            title=visible(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def on_mount(self) -> None:
        theme = self.store.get_state("theme")
        if theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.settings.ask_reviewer:
            from annotator.tui.screens.reviewer_name import ReviewerNameModal

            where = str(self.settings.config_path or "this session only")
            self.push_screen(ReviewerNameModal(self.settings.reviewer, where), self._named)
        else:
            self._open_desk()

    def _named(self, name: str | None) -> None:
        """The first run's answer: remember the name (None: the suggested one, this time)."""
        from annotator.app.desk_settings import remember_reviewer

        if name is not None:
            try:
                if self.settings.config_path is not None:
                    name = remember_reviewer(self.settings.config_path, name)
            except AnnotatorError as exc:
                self.notify(str(exc), severity="error")
            else:
                self.notify(f"Working as {name}: remembered.")
            self.settings.reviewer = name
            self.settings.follow_desk(self.settings.desk)
        self._open_desk()

    def _open_desk(self) -> None:
        """The article list, and above it the article to review."""
        from annotator.tui.screens.home import HomeScreen

        self._import_pending()

        self.push_screen(HomeScreen(self.store, self.settings))
        self._ready_indexes()
        article_id = self.settings.article_id or int(self.store.get_state("article", "0") or 0)
        article_id = self.store.article_to_open(article_id) or 0
        if article_id:
            self.open_article(article_id)

    def _import_pending(self) -> None:
        """The file ``annotator open FILE`` named, now that the name is known; it opens."""
        pending, self.settings.pending_import = self.settings.pending_import, None
        if pending is None:
            return
        try:
            result = pending.run(
                self.store, reviewer=self.settings.reviewer, threshold=self.settings.threshold
            )
        except AnnotatorError as exc:
            self.notify(str(exc), severity="error")
        else:
            self.settings.article_id = result.article_id
            if result.notice:
                self.notify(result.notice)

    def _ready_indexes(self) -> None:
        """Bring the search indexes up to date and read the library's into memory.

        On a file, in a worker thread with a connection of its own (at 100,000 sources
        this takes seconds); until it is done the picker reads the stored index, which
        ranks alike. A database in memory has no second connection: read here.
        """
        if self.store.on_disk:
            self._ready_indexes_in_worker()
        else:
            self.library.load(self.store)

    @work(thread=True, exclusive=True, group="indexes", exit_on_error=False)
    def _ready_indexes_in_worker(self) -> None:
        store = self.store.reopen()
        if store is None:
            return
        try:
            catch_up_indexes(store)  # what changed since last time, a chunk at a time
            self.library.load(store)
        finally:
            store.close()

    def _remember_theme(self, _theme: object) -> None:
        self.store.set_state("theme", self.theme)

    def open_article(self, article_id: int) -> None:
        """Show the review screen of one article above the article list."""
        from annotator.tui.screens.review import ReviewScreen

        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.push_screen(ReviewScreen(self.store, self.settings, article_id, self.library))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if not self.settings.cursor_blink and hasattr(event.widget, "cursor_blink"):
            event.widget.cursor_blink = False

    def action_key_sheet(self) -> None:
        from annotator.tui.screens.key_sheet import KeySheetModal

        self.push_screen(KeySheetModal(self.screen, self.store.scales.verdict))


def make_app(store: Store, settings: Settings | None = None) -> AnnotatorApp:
    """The one way to build the app, for the CLI and the tests alike."""
    return AnnotatorApp(store, settings or Settings())
