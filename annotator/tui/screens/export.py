"""Publishing from the TUI: ExportModal asks format and place; ``start_export`` writes.

The file is written by the same use case as ``annotator export -o FILE``
(``app/exporting.render_export`` and ``write_export``), and the notification is its honest count.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from annotator.app.desk_settings import SETTINGS
from annotator.app.exporting import default_file_name, render_export, write_export
from annotator.config import DeskConfig
from annotator.errors import AnnotatorError, DeskConfigError
from annotator.export import EXPORT_FORMATS
from annotator.files import names_one_of
from annotator.grades.visibility import Viewer
from annotator.store import Store
from annotator.tui.screens.confirm import ConfirmModal
from annotator.tui.text import safe
from annotator.tui.widgets.lists import KeyedOptionList


@dataclass(frozen=True)
class ExportChoice:
    fmt: str
    path: Path


def resolve(value: str) -> Path:
    """A typed path: ``~`` expanded, a relative one taken from the current folder."""
    path = Path(value.strip()).expanduser()
    return path if path.is_absolute() else Path.cwd() / path


class ExportModal(ModalScreen[ExportChoice | None]):
    """Choose a format (↑/↓), then the file (Enter writes)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="export.cancel", tooltip="Write nothing"),
    ]

    def __init__(
        self, title: str, article_id: int | None, fmt: str = "csv", path: str = ""
    ) -> None:
        super().__init__()
        self.article_title = title
        self.article_id = article_id
        self.fmt = fmt
        self._default = default_file_name(title, fmt, article_id)
        self._path = path or self._default  # a path asked again keeps what was typed

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-dialog"):
            yield Label(
                Content("Export “") + safe(self.article_title) + Content("”"),
                classes="dialog-title",
            )
            yield KeyedOptionList(
                *(
                    Option(
                        Content.assemble(
                            Content(f"{f.name:<17}").stylize("bold"),
                            Content(f.description).stylize("dim"),
                        ),
                        id=f.name,
                    )
                    for f in EXPORT_FORMATS.values()
                ),
                id="export-formats",
            )
            yield Label("File (in the current folder unless you give a path):", classes="hint")
            yield Input(value=self._path, id="export-path")
            yield Label(
                "↑/↓ format · Enter: on to the file, then writes it · Escape cancels",
                classes="hint",
            )

    def on_mount(self) -> None:
        formats = self.query_one("#export-formats", OptionList)
        formats.highlighted = list(EXPORT_FORMATS).index(self.fmt)
        if self._path != self._default:  # asked again after an error: on to the file
            self.query_one("#export-path", Input).focus()
        else:
            formats.focus()

    @on(OptionList.OptionHighlighted, "#export-formats")
    def format_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        fmt = event.option.id or "csv"
        field = self.query_one("#export-path", Input)
        new_default = default_file_name(self.article_title, fmt, self.article_id)
        if field.value == self._default:
            field.value = new_default
        elif field.value.strip():  # a name the user typed keeps its name, takes the extension
            field.value = str(Path(field.value).with_suffix(f".{EXPORT_FORMATS[fmt].extension}"))
        self.fmt, self._default = fmt, new_default

    @on(OptionList.OptionSelected, "#export-formats")
    def format_selected(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(Input.Submitted, "#export-path")
    def path_submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.notify("Give a file name to write to.", severity="error")
            return
        self.dismiss(ExportChoice(self.fmt, resolve(event.value)))

    def action_cancel(self) -> None:
        self.dismiss(None)


def publish(
    screen: Screen[Any],
    store: Store,
    desk: DeskConfig,
    choice: ExportChoice,
    article_id: int | None,
    viewer: Viewer,
) -> bool:
    """Write the chosen export and say what was written (or the one-line error); it
    holds of others' grades only what ``viewer`` may see (blind review), as on screen.
    False when nothing could be written."""
    try:
        output = render_export(store, choice.fmt, article_id, desk=desk, viewer=viewer)
        message = write_export(output, choice.path)
    except DeskConfigError as exc:
        labels = dict(SETTINGS)
        keys = " and ".join(f"“{labels.get(k, k)}”" for k in exc.keys)
        where = "the desk settings (escape to the article list, then s)"
        screen.notify(f"{exc.need}: set {keys} in {where}.", severity="error", timeout=10)
        return False
    except AnnotatorError as exc:
        screen.notify(str(exc), severity="error", timeout=10)
        return False
    screen.notify(message, title="Exported", timeout=8)
    return True


def start_export(
    screen: Screen[Any], store: Store, desk: DeskConfig, article_id: int | None, viewer: Viewer
) -> None:
    """Ask format and place, ask before replacing a file, then write; a file that cannot
    be written asks again, with the format and the path as they were.

    ``desk`` is the desk config (organization and URLs a published ClaimReview carries).
    """
    title = store.get_article(article_id).title if article_id is not None else "all articles"

    def write(choice: ExportChoice) -> None:
        if not publish(screen, store, desk, choice, article_id, viewer):
            ask(choice.fmt, str(choice.path))

    def chosen(choice: ExportChoice | None) -> None:
        if choice is None:
            return
        # The database itself is refused (publish says so), never offered for replacing.
        if not choice.path.exists() or names_one_of(choice.path, store.files):
            write(choice)
            return

        def answered(replace: bool | None) -> None:
            if replace:
                write(choice)

        question = f"{choice.path} exists. Replace it?"
        screen.app.push_screen(ConfirmModal(question, yes="Replace"), answered)

    def ask(fmt: str = "csv", path: str = "") -> None:
        screen.app.push_screen(ExportModal(title, article_id, fmt, path), chosen)

    ask()
