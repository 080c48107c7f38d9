"""AnnotatorApp: the review workbench. Screens get the Store from the app; no SQL here."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding

from annotator.config import DeskConfig
from annotator.store import Store
from annotator.tui.commands import AnnotatorCommands
from annotator.visibility import Viewer

if TYPE_CHECKING:
    from annotator.app.importing import ImportResult


@dataclass
class Settings:
    """What the app needs beyond the store; tests switch off what makes screens unstable."""

    reviewer: str = "reviewer"
    """Who is grading: every change is recorded under this name."""
    article_id: int | None = None
    """Open this article; None reopens the last one (or the first)."""
    blind: bool = True
    """Hide other reviewers' verdicts on a claim until you have graded it."""
    editor: bool = False
    """An editor (named in the desk config or in the editor role): sees every grade."""
    cursor_blink: bool = True
    """Blinking cursors in inputs (off in tests, for stable snapshots)."""
    threshold: float | None = None
    """Check-worthiness below which proposed claims of an imported file are left out."""
    require_source: bool = False
    """The desk rule: no verdict on the scale for a claim without a linked source."""
    desk: DeskConfig = field(default_factory=DeskConfig)
    """The desk config: organization and URLs that published exports carry."""

    @property
    def viewer(self) -> Viewer:
        """Who is looking, for every read that shows grades (blind review)."""
        return Viewer(self.reviewer, blind=self.blind, editor=self.editor)


class AnnotatorApp(App[None]):
    """Home screen (articles) below, the review screen of one article on top."""

    # Every stylesheet, listed here: screens carry none of their own.
    CSS_PATH = ["app.tcss", "team.tcss", "desk.tcss"]
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

    def on_mount(self) -> None:
        from annotator.tui.screens.home import HomeScreen

        theme = self.store.get_state("theme")
        if theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.push_screen(HomeScreen())
        article_id = self.settings.article_id or int(self.store.get_state("article", "0") or 0)
        article_id = self.store.article_to_open(article_id) or 0
        if article_id:
            self.open_article(article_id)

    def _remember_theme(self, _theme: object) -> None:
        self.store.set_state("theme", self.theme)

    def open_article(self, article_id: int) -> None:
        """Show the review screen of one article above the article list."""
        from annotator.tui.screens.review import ReviewScreen

        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.push_screen(ReviewScreen(article_id))

    def import_file(self, path: Path) -> ImportResult:
        """Import a file the one way both faces do: new article, new version or duplicate."""
        from annotator.app.importing import import_file

        return import_file(
            self.store, path, reviewer=self.settings.reviewer, threshold=self.settings.threshold
        )

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if not self.settings.cursor_blink and hasattr(event.widget, "cursor_blink"):
            event.widget.cursor_blink = False

    def action_key_sheet(self) -> None:
        from annotator.tui.screens.key_sheet import KeySheetModal

        self.push_screen(KeySheetModal(self.screen))


def make_app(store: Store, settings: Settings | None = None) -> AnnotatorApp:
    """The one way to build the app, for the CLI and the tests alike."""
    return AnnotatorApp(store, settings or Settings())
