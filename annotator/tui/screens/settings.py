"""SettingsModal: the desk config (organization, URLs, editors, scale, threshold, blind,
require_source) as a form; saves through the app and returns the keys changed, or None."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label

from annotator.app.desk_settings import SETTINGS, change_settings, shown_value
from annotator.errors import AnnotatorError
from annotator.tui.settings import Settings
from annotator.tui.text import safe

# Keys shown as a tick box; the rest are typed.
SWITCHES = ("blind", "require_source")


class SettingsModal(ModalScreen[dict[str, str] | None]):
    """Change the desk config: Tab moves, Enter or ctrl+s saves, Escape keeps it."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="settings.save", tooltip="Write the desk config"),
        Binding("escape", "cancel", "Cancel", id="settings.cancel", tooltip="Change nothing"),
        # Priority: a field's own keys must not swallow them (there is one line per field).
        Binding("down", "app.focus_next", "Next field", show=False, priority=True),
        Binding("up", "app.focus_previous", "Previous field", show=False, priority=True),
    ]

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.config = settings.desk
        self.where = str(settings.config_path or "nowhere (no desk config file here)")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="settings-dialog"):
            yield Label("Desk settings", classes="dialog-title")
            with Grid(id="settings-grid"):
                for key, label in SETTINGS:
                    if key in SWITCHES:
                        continue
                    yield Label(label, classes="settings-label")
                    yield Input(
                        value=shown_value(self.config, key),
                        placeholder="(not set)",
                        compact=True,
                        id=f"set-{key}",
                        select_on_focus=False,
                    )
            for key, label in SETTINGS:
                if key in SWITCHES:
                    yield Checkbox(
                        label, value=bool(getattr(self.config, key)), compact=True, id=f"set-{key}"
                    )
            yield Label("", id="settings-error")
            yield Label(safe(f"Written to {self.where}"), classes="hint")
            yield Label(
                "↑/↓ or Tab move · space ticks · Enter or ctrl+s saves · Esc cancels",
                classes="hint",
            )

    def on_mount(self) -> None:
        self.query_one("#set-organization", Input).focus()

    def on_input_submitted(self) -> None:
        self.action_save()

    def changes(self) -> dict[str, str]:
        """The keys whose value differs from the config's, as typed."""
        changed: dict[str, str] = {}
        for key, _label in SETTINGS:
            if key in SWITCHES:
                value = "true" if self.query_one(f"#set-{key}", Checkbox).value else "false"
            else:
                value = self.query_one(f"#set-{key}", Input).value.strip()
            if value != shown_value(self.config, key):
                changed[key] = value
        return changed

    def action_save(self) -> None:
        """Write the changed keys as ``annotator config set`` does, all or none; on a
        value the config refuses, say why here and keep the form as typed."""
        changes = self.changes()
        if changes:
            try:
                if self.settings.config_path is None:
                    raise AnnotatorError("no desk config file here: settings cannot be saved")
                config = change_settings(self.settings.config_path, changes)
            except AnnotatorError as exc:
                self.query_one("#settings-error", Label).update(safe(str(exc)))
                return
            self.settings.follow_desk(config)
        self.dismiss(changes)

    def action_cancel(self) -> None:
        self.dismiss(None)
